"""Clause numbers as Word numbering: the heading lists of reference.docx.

templates/docx/make_reference.py defines two multilevel lists in numbering.xml, tied to
the heading styles: clauses 1, 1.1, 1.1.1 … on "Heading 1" … "Heading 5" and annexes
A with their subclauses A.1, A.1.1 … on "Annex Heading". The writer leaves the numbers
out of the heading text and lets Word (or LibreOffice) count them, so that a heading a
Word user adds or moves is numbered in sequence. The numbers Word counts are the
doctree's (clause 1 is the body's first heading, subclauses restart under each clause,
annex subclauses under each annex); the edition's words go into the level texts here:
the separator after a number ("　" in Chinese) and the annex label ("附录A", "Annex A").
A reference.docx without these lists (made before them) keeps the typed numbers.
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


def set_level_texts(
    numbering: BaseOxmlElement, separator: str | None = None, annex_label: str | None = None
) -> None:
    """Put the edition's words into the lists' level texts: ``separator`` after every
    clause number ("%1.%2　"), ``annex_label`` before the annex letter ("附录%1")."""
    for list_id in (CLAUSE_LIST, ANNEX_LIST):
        abstract = _abstract(numbering, list_id)
        if abstract is None:
            continue
        for lvl in abstract.findall(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl"), "0"))
            text = lvl.find(qn("w:lvlText"))
            if text is None:
                continue
            if list_id == ANNEX_LIST and ilvl == 0:
                if annex_label is not None:
                    text.set(qn("w:val"), f"{annex_label}%1")
            elif separator is not None:
                numbers = ".".join(f"%{n + 1}" for n in range(ilvl + 1))
                text.set(qn("w:val"), numbers + separator)


def number(p: BaseOxmlElement, list_id: str, ilvl: int = 0) -> None:
    """Number paragraph ``p`` at level ``ilvl`` of a list (``NO_LIST``: not at all)."""
    num_pr = ox.el("w:numPr")
    num_pr.append(ox.el("w:ilvl", val=str(ilvl)))
    num_pr.append(ox.el("w:numId", val=list_id))
    ox.set_ppr(p, num_pr)
