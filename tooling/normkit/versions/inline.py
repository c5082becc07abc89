"""The word-level diff inside one aligned element (a paragraph, a title, a cell).

Tokens are what a reader sees as a unit: a Chinese character, a Latin word or number
("PoE", "30", "2.5", "GB/T"), a run of spaces, a punctuation mark — never half a word,
never a byte offset. Inline nodes (a cross-reference, a citation, strong text, a
generated label) are one token each, compared by their kind and text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from docutils import nodes

from normkit.sphinxext import nodes as nk

#: A Latin word or number (with inner dots, hyphens, apostrophes), a space run, or one
#: other character (each CJK character and punctuation mark stands alone).
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'’\-/][A-Za-z0-9]+)*|\s+|.", re.DOTALL)

#: The same tokens, spaces left out.
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’\-/][A-Za-z0-9]+)*|\S")

#: What turns a slice of one sequence into a slice of the other (difflib's form).
Opcode = tuple[str, int, int, int, int]

#: Characters whose change alone is editorial (punctuation, spaces).
_EDITORIAL = re.compile(r"[\s\W_]*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """``"PoE供电30 W"`` → ``["PoE", "供", "电", "30", " ", "W"]``."""
    return _TOKEN.findall(text)


def words_of(text: str) -> list[str]:
    """The tokens without the spaces: ``"PoE供电30 W"`` → ``["PoE", "供", "电", "30", "W"]``."""
    return _WORD.findall(text)


#: Inline nodes whose words change with renumbering alone (numbers, labels).
_GENERATED = (nk.generated_text, nk.clause_reference)


@dataclass
class Atoms:
    """The content of a text element as atoms, what a reader sees as a unit: each
    token of its text, and each inline node whole. ``keys`` are what is compared (a
    token's text; an inline node's kind and text), ``inline`` the inline nodes by their
    position (the tokens, most of a paragraph, need no object each)."""

    keys: list[str]
    inline: dict[int, nodes.Node]

    def text(self, start: int, stop: int) -> str:
        """The words of the atoms from ``start`` to ``stop``."""
        return "".join(self._text(i) for i in range(start, stop))

    def _text(self, i: int) -> str:
        node = self.inline.get(i)
        return self.keys[i] if node is None else node.astext()

    def generated(self, start: int, stop: int) -> bool:
        """Whether every atom from ``start`` to ``stop`` is a generated label."""
        return all(isinstance(self.inline.get(i), _GENERATED) for i in range(start, stop))

    def substantive(self, start: int, stop: int) -> bool:
        """Whether the atoms hold more than punctuation, spaces and generated words."""
        return any(
            not isinstance(self.inline.get(i), _GENERATED)
            and not _EDITORIAL.fullmatch(self._text(i))
            for i in range(start, stop)
        )

    def nodes(self, start: int, stop: int, copy: bool = False) -> list[nodes.Node]:
        """The atoms back as nodes: adjacent tokens joined into one Text node."""
        out: list[nodes.Node] = []
        text: list[str] = []
        for i in range(start, stop):
            node = self.inline.get(i)
            if node is None:
                text.append(self.keys[i])
                continue
            if text:
                out.append(nodes.Text("".join(text)))
                text = []
            out.append(node.deepcopy() if copy else node)
        if text:
            out.append(nodes.Text("".join(text)))
        return out


def atoms(element: nodes.Element) -> Atoms:
    """The content of a text element as atoms."""
    keys: list[str] = []
    inline: dict[int, nodes.Node] = {}
    for child in element.children:
        if isinstance(child, nodes.Text):
            keys.extend(tokens(str(child)))
        else:
            inline[len(keys)] = child
            keys.append(f"<{type(child).__name__}>{child.astext()}")
    return Atoms(keys, inline)


def common_ends(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[int, int]:
    """How many items ``a`` and ``b`` share at their start, and then at their end."""
    end = min(len(a), len(b))
    start = 0
    while start < end and a[start] == b[start]:
        start += 1
    tail = 0
    while tail < end - start and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return start, tail


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """difflib's opcodes turning ``a`` into ``b``; the common opening and ending are
    taken first by comparing hashes, so that difflib works on the changed middle only
    (most elements of two editions are equal, and many differ in a few words)."""
    start, tail = common_ends(a, b)
    found: list[Opcode] = [("equal", 0, start, 0, start)] if start else []
    middle_a, middle_b = a[start : len(a) - tail], b[start : len(b) - tail]
    if middle_a or middle_b:
        matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            found.append((op, i1 + start, i2 + start, j1 + start, j2 + start))
    if tail:
        found.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return found


def similarity(a: list[str], b: list[str], floor: float = 0.0) -> float:
    """How alike two token lists are, 0 to 1: twice the tokens matched in order over
    the tokens of both (difflib's ratio, its common opening and ending matched first);
    0.0 as soon as a bound shows it is below ``floor``."""
    if not a and not b:
        return 1.0
    total = len(a) + len(b)
    start, tail = common_ends(a, b)
    same = start + tail
    middle_a, middle_b = a[start : len(a) - tail], b[start : len(b) - tail]
    if not middle_a or not middle_b:
        return 2 * same / total
    # Bounds first, as difflib's real_quick_ratio and quick_ratio: lengths, then counts.
    if 2 * (same + min(len(middle_a), len(middle_b))) < floor * total:
        return 0.0
    if 2 * (same + sum((Counter(middle_a) & Counter(middle_b)).values())) < floor * total:
        return 0.0
    matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * (same + matched) / total


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
    content: list[nodes.Node] = []
    changed = substantive = False
    renumbered = True  # until a changed atom is not a generated label
    hunks: list[tuple[int, int, int, int]] = []  # what the change list quotes
    for op, i1, i2, j1, j2 in opcodes(a.keys, b.keys):
        if op == "equal":
            content.extend(b.nodes(j1, j2))
            continue
        changed = True
        if a.substantive(i1, i2) or b.substantive(j1, j2):
            substantive = True
        if i2 > i1:
            content.append(nk.redline_delete("", "", *a.nodes(i1, i2, copy=True)))
        if j2 > j1:
            content.append(nk.redline_insert("", "", *b.nodes(j1, j2)))
        # A number that changed with the renumbering is in the redline, not in the
        # words a change list quotes ("3.6 … 已 … 有效").
        if not (a.generated(i1, i2) and b.generated(j1, j2)):
            renumbered = False
            hunks.append((i1, i2, j1, j2))
    deleted, inserted = _phrases(a, b, hunks)
    return InlineDiff(content, changed, substantive, renumbered, deleted, inserted)


#: Changes this few words apart are quoted as one phrase: "~~已被感知终端有效覆盖~~ →
#: **被在线且数据质量合格的感知终端覆盖**" reads; "~~已 … 有效~~" does not.
_NEAR = 3


def _phrases(a: Atoms, b: Atoms, hunks: list[tuple[int, int, int, int]]) -> tuple[str, str]:
    """The words each side had where the two differ, changes a few words apart joined
    into one phrase with the words between them, phrases apart joined by " … "."""
    groups: list[list[int]] = []
    for i1, i2, j1, j2 in hunks:
        if groups and _words_between(a, groups[-1][1], i1) <= _NEAR:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    return (
        _quoted([a.text(i1, i2) for i1, i2, _j1, _j2 in groups]),
        _quoted([b.text(j1, j2) for _i1, _i2, j1, j2 in groups]),
    )


def _words_between(atoms: Atoms, start: int, stop: int) -> float:
    """How many words stand between two changes: a Chinese character (or a mark) is
    half of one, as "感知终端" is two words."""
    keys = atoms.keys[start:stop]
    return sum(1 if key[0].isascii() else 0.5 for key in keys if key.strip())


def _quoted(pieces: list[str]) -> str:
    """The changed pieces of an element, as a change list quotes them."""
    # The source's escaped spaces ("宜采用\\ :term:`…`") are no words of the text.
    words = (" ".join(nodes.unescape(p).split()) for p in pieces)
    return " … ".join(w for w in words if w)
