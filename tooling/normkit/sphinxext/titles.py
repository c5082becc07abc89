"""A title's parts as the model labelled them: one split for every writer.

The numbering puts its labels into a title as ``generated_text`` ("5", "附录A",
"（规范性）"), the bilingual edition appends the translation as a ``translation``
inline. Contents lines, bookmarks, the HTML table of contents and DOCX headings read
those parts here, never by splitting text.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from normkit.sphinxext import nodes as nk


def paired(master: str, second: str) -> str:
    """A text and its translation on one line, "范围 / Scope" (the master alone if there
    is no translation): how titles name both languages in contents lines, bookmarks and
    metadata."""
    return f"{master} / {second}" if second else master


#: The redline's word marks each side of a change leaves out ("new": the edition as it
#: now is, "old": as the previous edition worded it).
_LEFT_OUT = {"new": nk.redline_delete, "old": nk.redline_insert}


def has_word_changes(node: nodes.Element) -> bool:
    """Whether a redline inserted or deleted words of this element (a paragraph, title,
    cell …): the writers mark such an element with a change bar."""
    return next(node.findall(_is_word_change), None) is not None


def _is_word_change(node: nodes.Node) -> bool:
    return isinstance(node, (nk.redline_insert, nk.redline_delete))


def parts_of(title: nodes.Element, side: str = "new") -> list[nodes.Node]:
    """A title's children as the edition reads them: in a redline, words the new edition
    deleted are left out and words it inserted stand in their place, so a contents line
    or bookmark names the clause as it now is (the redline marks are the body's);
    ``side="old"`` reads the words as the previous edition had them."""
    left_out = _LEFT_OUT[side]
    children: list[nodes.Node] = []
    for child in title.children:
        if isinstance(child, left_out):
            continue
        if isinstance(child, (nk.redline_insert, nk.redline_delete)):
            children.extend(parts_of(child, side))
        else:
            children.append(child)
    return children


def translation_of(title: nodes.Element, side: str = "new") -> str:
    """The translation the bilingual edition put into a title ("" in other editions)."""
    return " / ".join(
        c.astext().strip() for c in parts_of(title, side) if isinstance(c, nk.translation)
    )


def _generated(children: list[nodes.Node], *kinds: str) -> str:
    return "".join(
        c.astext() for c in children if isinstance(c, nk.generated_text) and c.get("kind") in kinds
    )


@dataclass(frozen=True)
class TitleParts:
    """A section title in parts: ``label`` ("5", "附录A"), an annex's ``status``
    ("（规范性）"), the master ``text`` and, in the bilingual edition, its
    ``translation``; ``full`` is the master line as the reader sees it (label and text)."""

    label: str
    status: str
    text: str
    translation: str
    full: str

    @property
    def line(self) -> str:
        """The title on one line for contents and bookmarks, "5 范围 / 5 Scope"."""
        return paired(self.full, self.translation)

    @property
    def annex_line(self) -> str:
        """An annex on one line: "附录A（资料性）标题" but "Annex A (informative) Title"
        (a full-width bracket needs no space); " / translation" in the bilingual edition."""
        glue = "" if self.status.startswith("（") else " "
        return paired(glue.join((self.label, self.status, self.text)), self.translation)


def title_parts(title: nodes.Element, side: str = "new") -> TitleParts:
    """The parts of a title labelled by the numbering (see :class:`TitleParts`), in a
    redline as the new edition words it, or the old one with ``side="old"``."""
    children = parts_of(title, side)
    kinds = {c.get("kind") for c in children if isinstance(c, nk.generated_text)}
    labels = tuple(k for k in kinds if k != "annex-status")
    text = "".join(
        c.astext()
        for c in children
        if not isinstance(c, (nk.generated_text, nodes.reference, nodes.target, nk.translation))
    )
    full = "".join(c.astext() for c in children if not isinstance(c, nk.translation))
    return TitleParts(
        label=_generated(children, *labels).strip(),
        status=_generated(children, "annex-status"),
        text=text.strip(),
        translation=translation_of(title, side),
        full=full.strip(),
    )


def title_text(title: nodes.Element) -> str:
    """A title's text for a contents line or bookmark: in the bilingual edition its
    translation follows after " / " (``astext()`` would run the two together)."""
    return title_parts(title).line
