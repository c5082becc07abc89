"""The word-level diff inside one aligned element (a paragraph, a title, a cell).

Tokens are what a reader sees as a unit: a Chinese character, a Latin word or number
("PoE", "30", "2.5", "GB/T"), a run of spaces, a punctuation mark — never half a word,
never a byte offset. Inline nodes (a cross-reference, a citation, strong text, a
generated label) are one token each, compared by their kind and text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from docutils import nodes

from normkit.sphinxext import nodes as nk

#: A Latin word or number (with inner dots, hyphens, apostrophes), a space run, or one
#: other character (each CJK character and punctuation mark stands alone).
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'’\-/][A-Za-z0-9]+)*|\s+|.", re.DOTALL)

#: Characters whose change alone is editorial (punctuation, spaces).
_EDITORIAL = re.compile(r"[\s\W_]*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """``"PoE供电30 W"`` → ``["PoE", "供", "电", "30", " ", "W"]``."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Atom:
    """One token of an element's content: a piece of text or a whole inline node."""

    key: str
    node: nodes.Node | None = None  # None: plain text, ``key`` is the text

    @property
    def generated(self) -> bool:
        """Generated words (numbers, labels) change with renumbering alone."""
        return isinstance(self.node, (nk.generated_text, nk.clause_reference))


def atoms(element: nodes.Element) -> list[Atom]:
    """The content of a text element as atoms."""
    found: list[Atom] = []
    for child in element.children:
        if isinstance(child, nodes.Text):
            found.extend(Atom(t) for t in tokens(str(child)))
        else:
            found.append(Atom(f"<{type(child).__name__}>{child.astext()}", child))
    return found


def similarity(a: list[str], b: list[str]) -> float:
    """How alike two token lists are, 0 to 1 (difflib's ratio)."""
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


@dataclass
class InlineDiff:
    """What changed inside an element: the marked-up content, and whether the change
    is substantive (a word changed) or editorial (punctuation, spaces, numbers)."""

    content: list[nodes.Node]
    changed: bool
    substantive: bool
    renumbered: bool
    deleted: str
    inserted: str


def diff_inline(old: nodes.Element, new: nodes.Element) -> InlineDiff:
    """The content of ``new`` with the words ``old`` had and ``new`` lacks wrapped in
    ``redline_delete`` and the words it added in ``redline_insert``."""
    a, b = atoms(old), atoms(new)
    matcher = SequenceMatcher(None, [x.key for x in a], [x.key for x in b], autojunk=False)
    content: list[nodes.Node] = []
    changed = substantive = False
    renumbered = True  # until a changed atom is not a generated label
    deleted, inserted = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            content.extend(_nodes(b[j1:j2]))
            continue
        changed = True
        gone, added = a[i1:i2], b[j1:j2]
        if _substantive(gone) or _substantive(added):
            substantive = True
        if not all(atom.generated for atom in (*gone, *added)):
            renumbered = False
        if gone:
            content.append(nk.redline_delete("", "", *_nodes(gone, copy_nodes=True)))
            deleted.append("".join(_text(x) for x in gone))
        if added:
            content.append(nk.redline_insert("", "", *_nodes(added)))
            inserted.append("".join(_text(x) for x in added))
    return InlineDiff(
        content, changed, substantive, renumbered, " … ".join(deleted), " … ".join(inserted)
    )


def _text(atom: Atom) -> str:
    return atom.key if atom.node is None else atom.node.astext()


def _substantive(run: list[Atom]) -> bool:
    """Whether a run of atoms holds more than punctuation, spaces and generated words."""
    return any(not atom.generated and not _EDITORIAL.fullmatch(_text(atom)) for atom in run)


def _nodes(run: list[Atom], copy_nodes: bool = False) -> list[nodes.Node]:
    """Atoms back to nodes: adjacent text joined into one Text node."""
    out: list[nodes.Node] = []
    text: list[str] = []
    for atom in run:
        if atom.node is None:
            text.append(atom.key)
            continue
        if text:
            out.append(nodes.Text("".join(text)))
            text = []
        out.append(atom.node.deepcopy() if copy_nodes else atom.node)
    if text:
        out.append(nodes.Text("".join(text)))
    return out
