"""Numbers Word keeps up to date: REF fields in cross-references, SEQ fields in captions.

A Word user who adds a clause, a table or a term expects every number to follow, as
Word's own cross-references do. Clause, annex and term numbers are Word list numbers
already (normkit.writers.docx_numbering); a cross-reference to one is a ``REF`` field
on the bookmark of its paragraph with ``\\w``, the paragraph's number in full context
with its list's words: "第5章" is "第", the field ("5"), "章"; "附录A" is the field
alone, as the annex list writes it (Word's ``\\t`` would drop words, but LibreOffice
ignores it, so the level texts hold no other words). Table and figure numbers are
``SEQ`` fields in the caption, as Word's Insert Caption makes them ("表{SEQ 表}", an
annex's "表A.{SEQ 表A}"), under a bookmark a reference's ``REF`` field reads. Every
field carries the number the doctree gave as its result, so it reads right before any
update, and no field is marked dirty (Word would ask to update them on opening). The
reference stays a hyperlink around the field, so it is clickable in every viewer.

A field whose target Word would not number (a heading the writer left with a typed
number) is turned back into its typed number when the document is finished.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from docutils import nodes
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from normkit.sphinxext import nodes as nk
from normkit.writers import docx_ooxml as ox


def number_of(target: nodes.Node | None) -> str:
    """The number the doctree gave a clause, annex, table, figure or term entry."""
    if isinstance(target, nk.term_entry):
        return str(target.get("number") or "")
    if isinstance(target, (nodes.section, nodes.table, nodes.figure)):
        return str(target.get("nk_number") or "")
    return ""


def cited_number(target: nodes.Node | None) -> str:
    """What a reference's REF field shows of ``target``: its number, or for an annex
    its whole label ("附录A", as the annex list writes it)."""
    if isinstance(target, nodes.section) and target.get("nk_annex_status"):
        title = target.next_node(nodes.title)
        label = title.next_node(nk.generated_text) if title is not None else None
        if label is not None and label.get("kind") == "annex":
            return label.astext()
    return number_of(target)


def is_caption_target(target: nodes.Node | None) -> bool:
    """Whether a reference to ``target`` reads a caption's number (else a paragraph's)."""
    return isinstance(target, (nodes.table, nodes.figure))


def number_pieces(text: str, number: str) -> list[tuple[str, bool]]:
    """``text`` cut around each whole occurrence of ``number`` (not inside a longer
    number): ``("第5章", "5")`` → ``[("第", False), ("5", True), ("章", False)]``."""
    if not number:
        return [(text, False)]
    whole = re.compile(rf"(?<![0-9A-Za-z.]){re.escape(number)}(?![0-9A-Za-z]|\.[0-9A-Za-z])")
    pieces: list[tuple[str, bool]] = []
    at = 0
    for found in whole.finditer(text):
        if found.start() > at:
            pieces.append((text[at : found.start()], False))
        pieces.append((found.group(), True))
        at = found.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


@dataclass(frozen=True)
class Caption:
    """A caption's label cut for a SEQ field: "表A.1" → word "表", typed "A.", count
    "1", sequence "表A" (each annex counts its own tables)."""

    word: str
    typed: str
    count: str
    sequence: str


_SEQUENCE_NAME = re.compile(r"[^\w]")


def caption_of(label: str, number: str) -> Caption | None:
    """The parts of a caption label ("表1", "Figure A.2") ending in ``number``."""
    if not number or not label.endswith(number):
        return None
    word = label[: -len(number)]
    typed, _, count = number.rpartition(".")
    if not count.isdigit():
        return None
    name = _SEQUENCE_NAME.sub("", word) + typed.replace(".", "")
    if not name or not name[0].isalpha():
        return None
    return Caption(word, typed + "." if typed else "", count, name[:40])


def _formatted(runs: list[BaseOxmlElement], result: BaseOxmlElement) -> list[BaseOxmlElement]:
    """The field's runs with its result's character format: an application that shows
    the field as it computes it formats it as the field's first run (LibreOffice
    underlined a reference inside a link in blue, as an unformatted link)."""
    rpr = result.find(qn("w:rPr"))
    if rpr is not None:
        for run in runs:
            if run is not result:
                run.insert(0, copy.deepcopy(rpr))
    return runs


@dataclass
class NumberFields:
    """The REF and SEQ fields of one document, and the bookmarks Word can number."""

    #: Each REF field's runs (begin, instruction, separate, result, end) and bookmark.
    references: list[tuple[list[BaseOxmlElement], str]] = field(default_factory=list)
    #: Bookmarks on a paragraph Word numbers, or around a caption's SEQ number.
    numbered: set[str] = field(default_factory=set)
    #: How many captions each sequence has counted so far.
    counts: dict[str, int] = field(default_factory=dict)

    def reference(self, bookmark: str, result: BaseOxmlElement, caption: bool) -> list:
        """The runs of a REF field to ``bookmark`` showing ``result``: a caption's
        number as it is, a paragraph's list number in full context."""
        switches = "" if caption else " \\w"
        runs = _formatted(ox.field(f"REF {bookmark}{switches}", [result]), result)
        self.references.append((runs, bookmark))
        return runs

    def sequence(self, caption: Caption, result: BaseOxmlElement) -> list | None:
        """The runs of the SEQ field counting ``caption``, or None when Word's count
        would not give its number (a caption the doctree numbered otherwise)."""
        count = self.counts.get(caption.sequence, 0) + 1
        if str(count) != caption.count:
            return None
        self.counts[caption.sequence] = count
        return _formatted(ox.field(f"SEQ {caption.sequence} \\* ARABIC", [result]), result)

    def finish(self) -> None:
        """Turn back into typed text every REF field whose target Word does not number."""
        for runs, bookmark in self.references:
            if bookmark in self.numbered:
                continue
            begin, instruction, separate, *_result, end = runs
            for run in (begin, instruction, separate, end):
                parent = run.getparent()
                if parent is not None:
                    parent.remove(run)
