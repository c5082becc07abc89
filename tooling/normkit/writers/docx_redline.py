"""Redline editions in DOCX as real Word revisions (ECMA-376 Part 1, 17.13 "Annotations").

:class:`DocxRedlineTranslator` is the DOCX translator with these revisions (every
edition is written with it; a plain edition has no change to write), so that accepting
every change in Word or LibreOffice gives the new edition and rejecting every change
gives the old one:

- inserted / deleted words: runs inside ``w:ins`` / ``w:del`` (deleted text as
  ``w:delText``, 17.13.5.14, 17.13.5.18);
- a whole element inserted or deleted: all its runs so, and each of its paragraph marks
  (``w:pPr/w:rPr/w:ins|w:del``, 17.13.5.15, 17.13.5.16), so rejecting an inserted
  paragraph removes the paragraph itself, not only its words;
- a moved element: ``w:moveFrom`` / ``w:moveTo`` runs and paragraph marks between
  ``w:moveFromRangeStart/End`` and ``w:moveToRangeStart/End`` of one shared name
  (17.13.5.22-17.13.5.27);
- table rows inserted or deleted: ``w:trPr/w:ins|w:del`` (17.13.5.19, 17.13.5.20);
- every revision with the author and date of the redline document and its own id.

Runs are tagged with their change while the translator writes them; each paragraph's
runs are grouped into revision elements when the paragraph closes, so the translator
itself needs to know nothing of revisions.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from docutils import nodes
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from normkit.sphinxext import nodes as nk
from normkit.writers import docx_ooxml as ox
from normkit.writers.docx_translator import DocxTranslator
from normkit.writers.redline import (
    block_change,
    change_list_heading,
    revision_author,
    revision_date,
)

#: A temporary attribute on runs and paragraphs: the revision they belong to.
_TAG = "nk-revision"
#: The element wrapping runs of each change, and the one marking a paragraph's mark.
_RUN_WRAPPER = {
    "inserted": "w:ins",
    "deleted": "w:del",
    "moved-from": "w:moveFrom",
    "moved-to": "w:moveTo",
}
#: Table rows know insertion and deletion only: a moved row is deleted and inserted.
_ROW_MARK = {"inserted": "w:ins", "deleted": "w:del", "moved-from": "w:del", "moved-to": "w:ins"}
_RANGE = {"moved-from": "w:moveFromRange", "moved-to": "w:moveToRange"}
_REMOVED = ("deleted", "moved-from")


class DocxRedlineMixin:
    """Word revisions for the redline nodes and attributes (see the module docstring)."""

    # The translator's state this mixin reads (normkit.writers.docx_translator).
    p: BaseOxmlElement | None
    inline: list[BaseOxmlElement]
    body: BaseOxmlElement
    tables: list[Any]
    toc_anchor: BaseOxmlElement | None
    toc_paragraphs: list[tuple[Any, BaseOxmlElement]]
    bookmarks: dict[str, str]
    mark: Any

    def __init__(self, document: nodes.document, *args: Any, **kwargs: Any) -> None:
        super().__init__(document, *args, **kwargs)  # type: ignore[call-arg]
        if "redline_old" in document:
            # A redline keeps its clause numbers typed, so that a renumbered clause shows
            # its old number deleted and its new one inserted; Word's lists would count
            # the deleted and the inserted headings alike.
            self.word_lists = False
        self.rl_author = revision_author(document)
        self.rl_date = revision_date(document)
        self.rl_ids = count(1)
        self.rl_blocks: list[tuple[str, str]] = []  # (kind, move range name), outermost first
        self.rl_words: list[str] = []  # "inserted" / "deleted" of enclosing word changes
        # "kind|name" of a move range → its id (once its start is written), its last paragraph
        self.rl_ranges: dict[str, str] = {}
        self.rl_last: dict[str, BaseOxmlElement] = {}
        self.rl_toc: list[BaseOxmlElement] = []

    # -- revisions ------------------------------------------------------------------------
    def revision(self, tag: str) -> BaseOxmlElement:
        """A revision element (``w:ins``, ``w:del`` …) with a new id, the author and date."""
        attrs = {"id": str(next(self.rl_ids)), "author": self.rl_author}
        if self.rl_date:
            attrs["date"] = self.rl_date
        return ox.el(tag, **attrs)

    def current_change(self) -> str:
        """The change the text being written belongs to (the innermost), or ""."""
        if self.rl_words and self.rl_words[-1]:
            return self.rl_words[-1]
        return self.rl_blocks[-1][0] if self.rl_blocks else ""

    # -- the translator's hooks -----------------------------------------------------------
    def dispatch_visit(self, node: nodes.Node) -> None:
        """Enter a changed element: what it writes belongs to its change."""
        kind = block_change(node)
        if kind and self.rl_blocks:
            # Inside a changed element, Word keeps or drops the whole: a part of the other
            # edition (a row deleted from a moved-to clause) is left out, a part of the
            # same edition is simply part of it.
            outer = self.rl_blocks[-1]
            if (outer[0] in _REMOVED) != (kind in _REMOVED):
                raise nodes.SkipNode
            self.rl_blocks.append(outer)
        elif kind:
            assert isinstance(node, nodes.Element)
            move = str(node.get("redline_move", "")) if kind in _RANGE else ""
            name = ox.bookmark_name(move, set()) if move else ""
            self.rl_blocks.append((kind, name))
            self.mark(node)  # the change list links to it
        try:
            super().dispatch_visit(node)  # type: ignore[misc]
        except nodes.SkipNode:
            if kind:  # written whole by its visitor (an image): no departure will come
                self._leave_block()
            raise

    def _leave_block(self) -> None:
        self.close_paragraph()
        kind, name = self.rl_blocks.pop()
        key = f"{kind}|{name}"
        if name and key in self.rl_last and (kind, name) not in self.rl_blocks:
            self._end_range(key)

    def dispatch_departure(self, node: nodes.Node) -> None:
        """Leave a changed element (its last paragraph closed while it still counts)."""
        super().dispatch_departure(node)  # type: ignore[misc]
        if block_change(node):
            self._leave_block()

    def new_paragraph(self, style: str | None = None) -> BaseOxmlElement:
        """A paragraph inside a changed element has its paragraph mark changed too."""
        p = super().new_paragraph(style)  # type: ignore[misc]
        if self.rl_blocks:
            kind, name = self.rl_blocks[-1]
            p.set(_TAG, f"{kind}|{name}")
        return p

    def add_text(self, text: str, **extra: Any) -> None:
        """Tag the run just written with the change it belongs to."""
        super().add_text(text, **extra)  # type: ignore[misc]
        kind = self.current_change()
        if kind:
            self.inline[-1][-1].set(_TAG, kind)

    def close_paragraph(self, measure: bool = True) -> None:
        """Group the paragraph's changed runs into revisions before it closes."""
        if self.p is not None:
            self._revise_paragraph(self.p)
        super().close_paragraph(measure)  # type: ignore[misc]

    def visit_row(self, node: nodes.row) -> None:
        """A row inserted or deleted (itself or with its table) is a row revision."""
        super().visit_row(node)  # type: ignore[misc]
        kind = self.rl_blocks[-1][0] if self.rl_blocks else ""
        if kind:
            trpr = self.tables[-1].row.find(qn("w:trPr"))
            trpr.append(self.revision(_ROW_MARK[kind]))

    def write_toc(self) -> None:
        """Contents lines of inserted or deleted clauses are revisions (their words and
        paragraph marks; the TOC field's own begin and end are left alone); a heading
        whose words changed has its old line deleted and its new one inserted. The
        outline says which (sphinxext.outline: ``change``, ``old_title``)."""
        super().write_toc()  # type: ignore[misc]
        for entry, p in self.toc_paragraphs:
            if entry.change:
                self._revise_toc_line(p, entry.change)
            elif entry.old_title is not None:
                self._reword_toc_line(p, entry.line_of(entry.old_title))

    def _revise_toc_line(self, p: BaseOxmlElement, kind: str) -> None:
        plain = "deleted" if kind in _REMOVED else "inserted"  # a contents line never moves
        for link in p.findall(qn("w:hyperlink")):
            self._wrap_runs(link, plain)
        rpr = ox.el("w:rPr")
        rpr.append(self.revision(_RUN_WRAPPER[plain]))
        ox.set_ppr(p, rpr)

    def _reword_toc_line(self, p: BaseOxmlElement, old: str) -> None:
        words = p.find(f"{qn('w:hyperlink')}/{qn('w:r')}")
        if words is None:
            return
        deleted = self.revision("w:del")
        deleted.append(ox.run(old, lang=self.lang))  # type: ignore[attr-defined]
        _as_deleted_text(deleted)
        words.addprevious(deleted)
        inserted = self.revision("w:ins")
        words.addprevious(inserted)
        inserted.append(words)
        tab = words.find(qn("w:tab"))  # the tab before the page number stays as it is
        if tab is not None:
            words.remove(tab)
            inserted.addnext(ox.run("\t", lang=self.lang))  # type: ignore[attr-defined]

    # -- words ------------------------------------------------------------------------------
    # Inside an element that is itself inserted, deleted or moved, Word can only keep or
    # drop the element whole: it shows the element in the words of its own side (a
    # moved-to clause as the new edition has it, a moved-from one as the old had it), and
    # the word changes within show in the HTML and PDF redlines.
    def visit_redline_insert(self, node: nk.redline_insert) -> None:
        """Inserted words (none inside an element of the old edition)."""
        self._enter_words(node, "inserted")

    def visit_redline_delete(self, node: nk.redline_delete) -> None:
        """Deleted words (none inside an element of the new edition)."""
        self._enter_words(node, "deleted")

    def _enter_words(self, node: nodes.Element, kind: str) -> None:
        block = self.rl_blocks[-1][0] if self.rl_blocks else ""
        if block and (block in _REMOVED) != (kind == "deleted"):
            raise nodes.SkipNode  # words of the other edition
        self.rl_words.append("" if block else kind)  # "": the element's own change

    def depart_redline_insert(self, node: nodes.Node) -> None:
        """End of the changed words."""
        self.rl_words.pop()

    depart_redline_delete = depart_redline_insert

    # -- paragraphs -----------------------------------------------------------------------
    def _revise_paragraph(self, p: BaseOxmlElement) -> None:
        tag = p.attrib.pop(_TAG, "")
        block, _, name = tag.partition("|")
        self._wrap_runs(p, block)
        if not block:
            return
        rpr = ox.el("w:rPr")
        rpr.append(self.revision(_RUN_WRAPPER[block]))
        ox.set_ppr(p, rpr)
        if name:
            if tag not in self.rl_ranges:
                self._start_range(p, block, name)
            self.rl_last[tag] = p

    def _wrap_runs(self, container: BaseOxmlElement, block: str) -> None:
        """Put each stretch of runs of one change into one revision element."""
        group: BaseOxmlElement | None = None
        group_kind = ""
        for child in list(container):
            if child.tag == qn("w:hyperlink"):
                self._wrap_runs(child, block)
                group = None
                continue
            kind = child.attrib.pop(_TAG, "") if child.tag == qn("w:r") else ""
            kind = kind or (block if child.tag == qn("w:r") else "")
            if not kind:
                group = None
                continue
            if group is None or kind != group_kind:
                group, group_kind = self.revision(_RUN_WRAPPER[kind]), kind
                child.addprevious(group)
            group.append(child)
            if kind in _REMOVED:
                _as_deleted_text(child)

    def _start_range(self, p: BaseOxmlElement, kind: str, name: str) -> None:
        ident = next(self.rl_ids)
        self.rl_ranges[f"{kind}|{name}"] = str(ident)
        attrs = {"id": str(ident), "name": name, "author": self.rl_author}
        if self.rl_date:
            attrs["date"] = self.rl_date
        ppr = p.find(qn("w:pPr"))
        start = ox.el(f"{_RANGE[kind]}Start", **attrs)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)

    def _end_range(self, key: str) -> None:
        kind = key.partition("|")[0]
        self.rl_last.pop(key).append(ox.el(f"{_RANGE[kind]}End", id=self.rl_ranges[key]))

    # -- the change list (after the cover, before the contents) ---------------------------
    def visit_change_list(self, node: nk.change_list) -> None:
        """The heading of the change list; the contents move after the list."""
        self.close_paragraph()
        if self.toc_anchor is not None and self.toc_anchor.getparent() is self.body:
            heading = self.toc_anchor.getprevious()
            self.rl_toc = [e for e in (heading, self.toc_anchor) if e is not None]
            for element in self.rl_toc:
                self.body.remove(element)
        labels = self.ctx.labels  # type: ignore[attr-defined]
        self.new_paragraph("TOC Heading")
        self.add_text(change_list_heading(node, labels))
        self.close_paragraph()
        if not any(isinstance(child, nk.change_item) for child in node.children):
            self.new_paragraph("Body Text")
            self.add_text(labels.changes("none"))
            self.close_paragraph()
        self.rl_item = 0

    def depart_change_list(self, node: nk.change_list) -> None:
        """Put the contents back, on a page of their own."""
        self.close_paragraph()
        for element in self.rl_toc:
            self.append_block(element)  # type: ignore[attr-defined]
        if self.rl_toc:
            ox.set_ppr(self.rl_toc[0], ox.el("w:pageBreakBefore"))
        self.rl_toc = []

    def visit_change_item(self, node: nk.change_item) -> None:
        """One change, "a)" before it; its words link to the changed element."""
        self.rl_item += 1
        self.new_paragraph("List Item")
        self.add_text(f"{_letters(self.rl_item)})\t")
        # The diff links the item's words; an item without a link of its own gets one.
        anchor = self.bookmarks.get(str(node.get("refid", "")))
        linked = anchor and next(node.findall(nodes.reference), None) is None
        if linked:
            link = ox.internal_link(anchor)
            self.inline[-1].append(link)
            self.inline.append(link)
        node["nk_docx_link"] = bool(linked)

    def depart_change_item(self, node: nk.change_item) -> None:
        """Close the link and the paragraph."""
        if node.get("nk_docx_link"):
            self.inline.pop()
        del node["nk_docx_link"]
        self.close_paragraph()


def _letters(number: int) -> str:
    """The list letter of an item, as GB/T 1.1-2020 7.5 letters them: a … z, aa, ab …"""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _as_deleted_text(run: BaseOxmlElement) -> None:
    """Deleted runs hold ``w:delText`` (and ``w:delInstrText``), never ``w:t``."""
    for tag, deleted in (("w:t", "w:delText"), ("w:instrText", "w:delInstrText")):
        for element in run.iter(qn(tag)):
            element.tag = qn(deleted)


class DocxRedlineTranslator(DocxRedlineMixin, DocxTranslator):
    """The DOCX translator, writing the changes of a redline as Word revisions."""
