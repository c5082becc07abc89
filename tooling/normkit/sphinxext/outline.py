"""The outline of a standard: what its table of contents lists, in the model's terms.

GB/T 1.1-2020 8.2: the foreword, the introduction, the clauses and their subclauses to
the configured depth (``normkit_toc_depth``), the annexes with their status, the
bibliography; term entries are not listed. The HTML theme's contents and the printed
contents page both render this one outline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.titles import TitleParts, title_parts

#: Sections of the front matter (before the body, paged with Roman numbers in print).
FRONT_MATTER = (nk.foreword, nk.introduction)


@dataclass
class OutlineEntry:
    """One section of the outline: its id (the anchor), level (1 = clause), title in
    parts, kind (front, clause, annex, back), annex status ("normative",
    "informative" or "") and the entries below it."""

    id: str
    level: int
    title: TitleParts
    kind: str
    annex_status: str = ""
    children: list[OutlineEntry] = field(default_factory=list)


def _kind(section: nodes.section) -> str:
    if section.get("nk_annex_status"):
        return "annex"
    if isinstance(section, FRONT_MATTER):
        return "front"
    return "back" if isinstance(section, nk.bibliography) else "clause"


def outline(doctree: nodes.Node, depth: int) -> list[OutlineEntry]:
    """The outline of a numbered doctree, down to ``depth`` levels."""

    def walk(parent: nodes.Element, level: int) -> list[OutlineEntry]:
        entries = []
        for section in parent.children:
            if not isinstance(section, nodes.section) or not section["ids"]:
                continue
            title = section.next_node(nodes.title)
            if title is None:
                continue
            entries.append(
                OutlineEntry(
                    section["ids"][0],
                    level,
                    title_parts(title),
                    _kind(section),
                    section.get("nk_annex_status", ""),
                    walk(section, level + 1) if level < depth else [],
                )
            )
        return entries

    return walk(doctree, 1) if isinstance(doctree, nodes.Element) else []


def flatten(entries: list[OutlineEntry]) -> Iterator[OutlineEntry]:
    """Every entry in reading order, each before the entries below it."""
    for entry in entries:
        yield entry
        yield from flatten(entry.children)
