"""The outline of a standard: what its table of contents lists, in the model's terms.

GB/T 1.1-2020 8.2: the foreword, the introduction, the clauses and their subclauses to
the configured depth (``normkit_toc_depth``), the annexes with their status, the
bibliography; term entries are not listed. The HTML theme's contents, the printed
contents page and the DOCX contents all render this one outline.

In a redline edition the outline keeps the sections the new edition deleted or moved
away (they stand in the redline document as copies of the old ones) and says of each
entry what changed, so that a writer can mark the contents line too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.titles import TitleParts, has_word_changes, title_parts

#: The whole-section changes of a redline (the ``redline`` attribute, sphinxext.nodes).
SECTION_CHANGES = ("inserted", "deleted", "moved-from", "moved-to")

#: Sections of the front matter (before the body, paged with Roman numbers in print).
FRONT_MATTER = (nk.foreword, nk.introduction)


@dataclass
class OutlineEntry:
    """One section of the outline: its id (the anchor), level (1 = clause), title in
    parts, kind (front, clause, annex, back), annex status ("normative",
    "informative" or "") and the entries below it.

    In a redline: ``change`` is the whole-section change of the section or of the
    changed section it lies in ("inserted", "deleted", "moved-from", "moved-to", else
    ""), and ``old_title`` the title as the previous edition worded it when words of
    the heading changed (else None)."""

    id: str
    level: int
    title: TitleParts
    kind: str
    annex_status: str = ""
    children: list[OutlineEntry] = field(default_factory=list)
    change: str = ""
    old_title: TitleParts | None = None

    @property
    def line(self) -> str:
        """The contents line: "5 范围", an annex as "附录A（资料性）标题" / "Annex A
        (informative) Title"; " / translation" in the bilingual edition."""
        return self.line_of(self.title)

    @property
    def master_line(self) -> str:
        """The contents line in the master language alone (the bilingual edition's
        translation is ``title.translation``), for writers that set each language in
        its own face."""
        return self.line_of(replace(self.title, translation=""))

    def line_of(self, title: TitleParts) -> str:
        """The contents line of this entry worded as ``title`` (the new or old words)."""
        return title.annex_line if self.kind == "annex" else title.line


def _kind(section: nodes.section) -> str:
    if section.get("nk_annex_status"):
        return "annex"
    if isinstance(section, FRONT_MATTER):
        return "front"
    return "back" if isinstance(section, nk.bibliography) else "clause"


def outline(doctree: nodes.Node, depth: int) -> list[OutlineEntry]:
    """The outline of a numbered doctree, down to ``depth`` levels."""

    def walk(parent: nodes.Element, level: int, within: str) -> list[OutlineEntry]:
        entries = []
        for section in parent.children:
            if not isinstance(section, nodes.section) or not section["ids"]:
                continue
            title = section.next_node(nodes.title)
            if title is None:
                continue
            own = section.get("redline", "")
            change = within or (own if own in SECTION_CHANGES else "")
            reworded = not change and has_word_changes(title)
            entries.append(
                OutlineEntry(
                    section["ids"][0],
                    level,
                    title_parts(title),
                    _kind(section),
                    section.get("nk_annex_status", ""),
                    walk(section, level + 1, change) if level < depth else [],
                    change,
                    title_parts(title, "old") if reworded else None,
                )
            )
        return entries

    return walk(doctree, 1, "") if isinstance(doctree, nodes.Element) else []


def flatten(entries: list[OutlineEntry]) -> Iterator[OutlineEntry]:
    """Every entry in reading order, each before the entries below it."""
    for entry in entries:
        yield entry
        yield from flatten(entry.children)
