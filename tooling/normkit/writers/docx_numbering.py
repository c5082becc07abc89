"""Clause numbers as Word numbering: the heading lists of reference.docx.

templates/docx/make_reference.py defines two multilevel lists in numbering.xml, tied to
the heading styles: clauses 1, 1.1, 1.1.1 … on "Heading 1" … "Heading 5" and annexes
A with their subclauses A.1, A.1.1 … on "Annex Heading". The writer leaves the numbers
out of the heading text and lets Word (or LibreOffice) count them, so that a heading a
Word user adds or moves is numbered in sequence. The numbers Word counts are the
doctree's (clause 1 is the body's first heading, subclauses restart under each clause,
annex subclauses under each annex); the annex label of the edition goes into the
annex level's text here ("附录A", "Annex A"). The separator after a clause number ("　"
in Chinese) stays the first character of the heading's text, not the list's: a
cross-reference's REF field (normkit.writers.docx_fields) reads a paragraph's number
with its list's words, and "6.6　的要求" is no reference. A reference.docx without these
lists (made before them) keeps the typed numbers.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from normkit.writers import docx_ooxml as ox

#: The w:numId of the clause list and of the annex list (make_reference.py).
CLAUSE_LIST, ANNEX_LIST = "1", "2"
#: "No numbering": a heading style's list switched off for one paragraph.
NO_LIST = "0"
#: The levels of each list ("Heading 1" … "Heading 5").
LEVELS = 5


def _abstract(numbering: BaseOxmlElement, list_id: str) -> BaseOxmlElement | None:
    """The abstract list a w:num points to."""
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == list_id:
            ref = num.find(qn("w:abstractNumId"))
            wanted = ref.get(qn("w:val")) if ref is not None else None
            for abstract in numbering.findall(qn("w:abstractNum")):
                if abstract.get(qn("w:abstractNumId")) == wanted:
                    return abstract
    return None


def has_heading_lists(numbering: BaseOxmlElement | None, heading_style_id: str) -> bool:
    """Whether the reference's numbering has the clause list on "Heading 1" and the
    annex list."""
    if numbering is None:
        return False
    clauses, annexes = _abstract(numbering, CLAUSE_LIST), _abstract(numbering, ANNEX_LIST)
    if clauses is None or annexes is None:
        return False
    style = clauses.find(f"{qn('w:lvl')}/{qn('w:pStyle')}")
    return style is not None and style.get(qn("w:val")) == heading_style_id


def set_annex_label(numbering: BaseOxmlElement, annex_label: str) -> None:
    """Put the edition's annex label before the annex letter ("附录%1")."""
    abstract = _abstract(numbering, ANNEX_LIST)
    if abstract is None:
        return
    for lvl in abstract.findall(qn("w:lvl")):
        text = lvl.find(qn("w:lvlText"))
        if text is not None and lvl.get(qn("w:ilvl"), "0") == "0":
            text.set(qn("w:val"), f"{annex_label}%1")


def number(p: BaseOxmlElement, list_id: str, ilvl: int = 0) -> None:
    """Number paragraph ``p`` at level ``ilvl`` of a list (``NO_LIST``: not at all)."""
    num_pr = ox.el("w:numPr")
    num_pr.append(ox.el("w:ilvl", val=str(ilvl)))
    num_pr.append(ox.el("w:numId", val=list_id))
    ox.set_ppr(p, num_pr)
