"""The DOCX translator: a docutils visitor over a standard's resolved doctree.

It writes WordprocessingML straight into the body of a python-docx document opened from
reference.docx, using only the named styles defined there (see
templates/docx/make_reference.py). One ``visit_``/``depart_`` pair per node type; nodes it
handles whole raise ``SkipNode``; a node it does not know is reported with its location
and its text is still written.

The document has three sections: the cover (no header, no page number), the front
matter (contents, foreword, introduction; Roman page numbers) and the body (Arabic page
numbers from 1). Bookmarks are named from labels, so their names survive edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from sphinx.util.docutils import SphinxTranslator

from normkit.diagnostics import warn
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import StandardContext
from normkit.sphinxext.image_policy import ImageRefused, checked_image
from normkit.sphinxext.outline import OutlineEntry, flatten, outline
from normkit.sphinxext.titles import title_text
from normkit.writers import docx_fields as fields
from normkit.writers import docx_images as images
from normkit.writers import docx_numbering as numbering
from normkit.writers import docx_ooxml as ox
from normkit.writers import formulas, printed_pages
from normkit.writers.docx_layout import TEXT_HEIGHT_PT, TEXT_WIDTH_PT, PageModel
from normkit.writers.errors import DocxError
from normkit.writers.footnotes import inside_footnote
from normkit.writers.printed_pages import roman

_UNNUMBERED = (nk.foreword, nk.introduction, nk.bibliography)
#: Every paragraph and character style the translator writes with.
REQUIRED_STYLES = (
    "Normal", "Body Text", "Cover ICS", "Cover CCS", "Cover Kind", "Cover Number",
    "Cover Replaces", "Cover Title", "Cover Title Other", "Cover Status", "Cover Notice",
    "Cover Version", "Cover Dates", "Cover Body", "Foreword Title", "TOC Heading", "toc 1",
    "toc 2", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5",
    "Annex Heading", "Annex Status", "Term Number", "Term", "Term Equivalent",
    "Term Definition", "Term Source", "Note", "Example", "Table Title", "Figure",
    "Figure Title", "Table Text", "Table Header", "List Item", "List Item 2",
    "Normative Reference", "Bibliography Entry", "Literal", "Footnote Text", "Header",
    "Footer", "Footnote Reference", "Cross Reference", "Standard Reference", "Literal Text",
    "Document Title", "End Mark", "Spaced Title",
)  # fmt: skip

#: The Word style of each cover line (by its ``field``).
_COVER_STYLES = {
    "ics": "Cover ICS",
    "ccs": "Cover CCS",
    "kind": "Cover Kind",
    "number": "Cover Number",
    "replaces": "Cover Replaces",
    "title": "Cover Title",
    "title-other": "Cover Title Other",
    "status": "Cover Status",
    "draft-notice": "Cover Notice",
    "version": "Cover Version",
    "body": "Cover Body",
}
#: Point sizes of the styles, for the page model (the defaults of make_reference.py).
_SIZES = {"Note": 9.0, "Example": 9.0, "Table Text": 9.0, "Table Header": 9.0, "Literal": 9.0}


def is_cjk(language: str) -> bool:
    """Whether an edition's language is written in Chinese, Japanese or Korean (its body
    text indented two characters, its quotation marks full-width)."""
    return language.split("_")[0] in ("zh", "ja", "ko")


def _enumerator(kind: str, n: int) -> str:
    if kind == "loweralpha":
        return chr(ord("a") + (n - 1) % 26)
    if kind == "upperalpha":
        return chr(ord("A") + (n - 1) % 26)
    if kind == "lowerroman":
        return roman(n).lower()
    if kind == "upperroman":
        return roman(n)
    return str(n)


@dataclass
class TocLine:
    """One line of the contents: its outline entry, bookmark and estimated page."""

    entry: OutlineEntry
    anchor: str
    page: int
    front: bool


@dataclass
class _Table:
    widths: list[int] = field(default_factory=list)
    tbl: BaseOxmlElement | None = None
    row: BaseOxmlElement | None = None
    column: int = 0
    in_head: bool = False
    pending: dict[int, tuple[int, int]] = field(default_factory=dict)  # col → (rows, span)
    row_height: float = 0.0


class DocxTranslator(SphinxTranslator):
    """Writes one standard's doctree into a python-docx ``Document``."""

    def __init__(self, document: nodes.document, builder: Any, target: Any, ctx: StandardContext):
        super().__init__(document, builder)
        self.docx = target
        self.ctx = ctx
        self.part = target.part
        self.body = target.element.body
        self.srcdir = Path(builder.srcdir)
        styles = {s.name: s.style_id for s in target.styles}
        self.style_ids = styles
        # Runs carry the East Asian language, so viewers pick Simplified Chinese glyphs.
        self.lang = ("en-US", "zh-CN")
        #: A Chinese (CJK) edition: its quotation marks are the East Asian face's.
        self.cjk = is_cjk(ctx.language)
        self.containers: list[BaseOxmlElement] = [self.body]
        self.p: BaseOxmlElement | None = None
        self.inline: list[BaseOxmlElement] = []
        self.styles: list[str] = ["Body Text"]
        self.fmt: list[dict[str, Any]] = [{}]
        self.p_text: list[str] = []
        self.p_size = 10.5
        self.section_depth = 0
        self.phase = "start"
        self.fresh_page = True
        self.pending_marks: list[str] = []
        self.p_marks: list[str] = []  # the bookmarks of the open paragraph
        self.open_marks: list[BaseOxmlElement] = []  # their ends, put at its end
        self.bookmarks = self._name_bookmarks(document)
        #: The bookmark around the number of each table's and figure's caption.
        self.number_marks = self._name_number_marks(document)
        self.fields = fields.NumberFields()
        self.placed: set[str] = set()
        # The contents list the shared outline; the translator adds what only it knows,
        # the page each heading lands on (estimated by the page model as it writes).
        self.outline = list(flatten(outline(document, ctx.config.toc_depth)))
        self.outline_ids = {entry.id for entry in self.outline}
        self.heading_pages: dict[str, tuple[int, bool]] = {}
        self.toc_paragraphs: list[tuple[OutlineEntry, BaseOxmlElement]] = []
        self.toc_anchor: BaseOxmlElement | None = None
        self.layout = PageModel()
        self.tables: list[_Table] = []
        self.lists: list[dict[str, Any]] = []
        self.footnote_numbers = self._number_footnotes(document)
        self.footnotes: BaseOxmlElement | None = None
        self.svg_rids: dict[str, str] = {}
        #: Each anchor's page in the PDF of this edition (normkit.writers.printed_pages),
        #: when it was built in the same job; else the contents' pages are estimated.
        self.printed: dict[str, str] = {}
        self.header_rids: dict[str, str] = {}
        self.footer_rids: dict[str, str] = {}
        self.blank_rids: tuple[dict[str, str], dict[str, str]] = ({}, {})
        # Clause numbers as Word numbering when reference.docx has the heading lists.
        self.numbering = target.part.numbering_part.element
        self.word_lists = numbering.has_heading_lists(self.numbering, self.sid("Heading 1"))
        self.annex_label = False  # put into the annex list's level text
        self.clause_listed = False  # a clause heading numbered by Word's list
        self.counted: set[int] = set()  # the generated numbers Word counts instead

    # -- helpers ----------------------------------------------------------------------

    def sid(self, name: str) -> str:
        """The style id of a style name of reference.docx."""
        return self.style_ids[name]

    def _name_bookmarks(self, document: nodes.document) -> dict[str, str]:
        """Every id of a referable element → its bookmark name (from its label); the
        elements by id in :attr:`elements` (the document's own map misses some)."""
        used: set[str] = set()
        names: dict[str, str] = {}
        self.elements: dict[str, nodes.Element] = {}
        for node in document.findall(nodes.Element):
            ids = node.get("ids") or []
            if not ids or isinstance(node, (nodes.target, nk.cover)):
                continue
            for ident in ids:
                self.elements.setdefault(ident, node)
            label = next((i for i in ids if i in node.get("names", [])), None)
            if label is None:
                label = self._kind_label(node) or ids[0]
            name = ox.bookmark_name(label, used)
            for ident in ids:
                names.setdefault(ident, name)
        return names

    def _name_number_marks(self, document: nodes.document) -> dict[str, str]:
        """The bookmark of a table or figure → the bookmark of its caption's number."""
        used = set(self.bookmarks.values())
        marks: dict[str, str] = {}
        for node in document.findall(lambda n: isinstance(n, (nodes.table, nodes.figure))):
            name = next((self.bookmarks[i] for i in node["ids"] if i in self.bookmarks), None)
            if name and name not in marks:
                marks[name] = ox.bookmark_name(f"{name}_number", used)
        return marks

    @staticmethod
    def _kind_label(node: nodes.Element) -> str | None:
        if isinstance(node, _UNNUMBERED):
            return type(node).__name__
        number = node.get("nk_number") or (
            node.get("number") if isinstance(node, nk.term_entry) else None
        )
        if not number:
            return None
        if isinstance(node, nodes.section):
            kind = "annex" if node.get("nk_annex_status") else "clause"
        elif isinstance(node, nodes.table):
            kind = "table"
        elif isinstance(node, nodes.figure):
            kind = "figure"
        else:
            kind = "term"
        return f"{kind}_{number}"

    @staticmethod
    def _number_footnotes(document: nodes.document) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for ref in document.findall(nodes.footnote_reference):
            refid = ref.get("refid")
            if refid and refid not in numbers:
                numbers[refid] = len(numbers) + 1
        return numbers

    def new_paragraph(self, style: str | None = None) -> BaseOxmlElement:
        """Start a paragraph in the current container (closing any open one)."""
        self.close_paragraph()
        name = style or self.styles[-1]
        p = ox.paragraph(self.sid(name))
        if self.fresh_page and self.phase != "start":
            self.fresh_page = False
        self.append_block(p)
        self.p = p
        self.inline = [p]
        self.p_text = []
        self.p_size = _SIZES.get(name, 10.5)
        self.p_marks = []
        self.flush_bookmarks()
        return p

    def append_block(self, element: BaseOxmlElement) -> None:
        """Add a paragraph or table to the current container (before the body's sectPr)."""
        container = self.containers[-1]
        if container is self.body:
            container.insert(len(container) - 1, element)
        else:
            container.append(element)

    def flush_bookmarks(self) -> None:
        """Start the bookmarks of the elements just entered at the start of the
        paragraph; they end with it (a REF field reads the paragraph they mark)."""
        for name in self.pending_marks:
            if name in self.placed:
                continue
            self.placed.add(name)
            start, end = ox.bookmark(name)
            self.inline[-1].append(start)
            self.open_marks.append(end)
            self.p_marks.append(name)
        self.pending_marks = []

    def close_paragraph(self, measure: bool = True) -> None:
        """End the open paragraph and account for it in the page model."""
        if self.p is None:
            return
        self.p.extend(self.open_marks)
        self.open_marks = []
        if measure and not self.tables:
            text = "".join(self.p_text)
            self.layout.advance(
                PageModel.paragraph_height(text, self.p_size, extra=self.p_size * 0.3)
            )
        elif self.tables:
            table = self.tables[-1]
            width = TEXT_WIDTH_PT / max(1, len(table.widths))
            height = PageModel.paragraph_height("".join(self.p_text), 9.0, width) + 4
            table.row_height = max(table.row_height, height)
        self.p = None
        self.inline = []

    def ensure_paragraph(self) -> BaseOxmlElement:
        """The open paragraph, or a new one for text that arrives outside any."""
        if self.p is None:
            self.new_paragraph()
        return self.p

    def add_text(self, text: str, **extra: Any) -> None:
        """Append a run with the current character formatting."""
        self.ensure_paragraph()
        fmt = {**self.fmt[-1], **extra}
        style = fmt.get("style")
        r = ox.run(
            text,
            style_id=self.sid(style) if style else None,
            bold=fmt.get("bold", False),
            italic=fmt.get("italic", False),
            vert=fmt.get("vert"),
            lang=fmt.get("lang", self.lang),
            east_asian_marks=self.cjk,
        )
        self.inline[-1].append(r)
        self.p_text.append(text)

    def push_fmt(self, **changes: Any) -> None:
        """Enter an inline element that formats its text."""
        self.fmt.append({**self.fmt[-1], **changes})

    def pop_fmt(self, node: nodes.Node | None = None) -> None:
        """Leave it."""
        self.fmt.pop()

    def mark(self, node: nodes.Element) -> None:
        """Queue the bookmark of ``node`` for the next paragraph."""
        for ident in node.get("ids", []):
            name = self.bookmarks.get(ident)
            if name and name not in self.pending_marks:
                self.pending_marks.append(name)
                break

    def page_break_before(self, p: BaseOxmlElement) -> None:
        """Start ``p`` on a new page unless the section has just started one."""
        if self.fresh_page:
            return
        ox.set_ppr(p, ox.el("w:pageBreakBefore"))
        self.layout.new_page()

    def title_spacing(self) -> dict[str, str]:
        """The run format of the contents' and the foreword's titles: letter-spaced in
        a Chinese (CJK) edition ("目　次", "前　言"), as the PDF sets them."""
        return {"style": "Spaced Title"} if self.cjk else {}

    # -- sections of the Word document --------------------------------------------------

    def end_word_section(
        self, number_format: str | None, start: int | None, header: bool, begins: str = "nextPage"
    ) -> None:
        """Close the Word section written so far (its sectPr goes into its last paragraph);
        ``begins`` says where that section starts (``oddPage``: on a right-hand page)."""
        self.close_paragraph()
        template = self.body.find(qn("w:sectPr"))
        sect = ox.section_properties(
            template,
            header_rids=self.header_rids if header else self.blank_rids[0],
            footer_rids=self.footer_rids if header else self.blank_rids[1],
            number_format=number_format,
            start=start,
            begins=begins,
        )
        last = self.body[-2] if len(self.body) > 1 else None
        if last is None or last.tag != qn("w:p") or last.find(f".//{qn('w:sectPr')}") is not None:
            last = ox.paragraph()
            self.body.insert(len(self.body) - 1, last)
        ox.set_ppr(last, sect)
        self.fresh_page = True
        self.layout.new_page()

    def make_header_footer(self) -> None:
        """The running header (the standard's number; "征求意见稿" on drafts) and the
        PAGE footer, on the outer side of the page as the PDF has them: right on odd
        pages, left on even ones (settings.xml asks for different even headers)."""
        std = self.ctx.standard
        text = std.dated_number
        if std.is_draft or self.ctx.config.working_draft:
            text += self.ctx.draft_label
        for kind in ("default", "even"):
            header, rid = ox.add_story_part(self.part, "header")
            footer, footer_rid = ox.add_story_part(self.part, "footer")
            self.header_rids[kind], self.footer_rids[kind] = rid, footer_rid
            hp = ox.paragraph(self.sid("Header"))
            hp.append(ox.run(text, lang=self.lang))
            fp = ox.paragraph(self.sid("Footer"))
            for r in ox.field("PAGE", [ox.run("1")]):
                fp.append(r)
            for p in (hp, fp):
                if kind == "even":
                    ox.set_ppr(p, ox.el("w:jc", val="left"))
            header.element.append(hp)
            footer.element.append(fp)
        # Empty ones for the cover and a blank page: a section without its own would
        # show the previous section's.
        header, rid = ox.add_story_part(self.part, "header")
        footer, footer_rid = ox.add_story_part(self.part, "footer")
        header.element.append(ox.paragraph(self.sid("Header")))
        footer.element.append(ox.paragraph(self.sid("Footer")))
        self.blank_rids = (
            {"default": rid, "even": rid},
            {"default": footer_rid, "even": footer_rid},
        )

    # -- document -----------------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        self.make_header_footer()

    def depart_document(self, node: nodes.document) -> None:
        self.close_paragraph()
        if self.phase != "body":
            self.start_body()
        self.new_paragraph("End Mark")  # the rule after the last element
        self.close_paragraph()
        sect = self.body.find(qn("w:sectPr"))
        final = ox.section_properties(
            sect,
            header_rids=self.header_rids,
            footer_rids=self.footer_rids,
            number_format="decimal",
            start=1,
            begins="oddPage",
        )
        self.body.replace(sect, final)
        self.write_toc()
        self.fields.finish()

    def start_front(self) -> None:
        """After the cover: the contents (a TOC field filled at the end) on a new section."""
        self.end_word_section(None, None, header=False)
        self.phase = "front"
        self.layout = PageModel()
        self.new_paragraph("TOC Heading")
        self.add_text(self.ctx.labels.label("contents"), **self.title_spacing())
        self.close_paragraph()
        self.toc_anchor = ox.paragraph()
        self.body.insert(len(self.body) - 1, self.toc_anchor)

    def start_body(self) -> None:
        """The clauses begin: close the front matter (Roman numbers), restart at 1."""
        if self.phase == "start":
            self.start_front()
        # The front matter and the body each open on a right-hand page, as printed
        # (the page after the cover is blank).
        self.end_word_section("upperRoman", 1, header=True, begins="oddPage")
        if printed_pages.blank_before_body(self.printed):
            # The PDF left the back of the front matter's last page blank: so does the
            # DOCX, in a section of its own without header or number (Word and
            # LibreOffice count "odd page" by the number, which restarts at 1).
            # (LibreOffice drops the empty paragraph that ends a section: two of them.)
            self.append_block(ox.paragraph())
            self.append_block(ox.paragraph())
            self.end_word_section(None, None, header=False)
        self.phase = "body"
        self.layout = PageModel()
        for _language, title in self.ctx.title_lines:
            self.new_paragraph("Document Title")
            self.add_text(title)
        self.close_paragraph()

    # -- cover --------------------------------------------------------------------------

    def visit_cover(self, node: nk.cover) -> None:
        self.phase = "cover"
        dates = []
        for child in node.children:
            line = child.get("field", "")
            if line in ("issue", "implementation"):
                dates.append(child.astext())
                continue
            if line == "body":
                self.cover_date_line(dates)
            style = _COVER_STYLES.get(line, "Body Text")
            self.new_paragraph(style)
            self.add_text(child.astext())
        self.close_paragraph(measure=False)
        # The back of the cover stays blank, as printed: an empty paragraph on a page
        # of its own, in the cover's section (no header, no number). Word and
        # LibreOffice start an "odd page" section by its page number, which restarts
        # at I, so they would not add that page themselves.
        # (LibreOffice drops an empty paragraph that ends a section: the section's
        # properties go into a second one.)
        blank = ox.paragraph()
        ox.set_ppr(blank, ox.el("w:pageBreakBefore"))
        self.append_block(blank)
        self.append_block(ox.paragraph())
        self.start_front()
        raise nodes.SkipNode

    def cover_date_line(self, dates: list[str]) -> None:
        """Issue date left, implementation date right, above a rule (GB/T 1.1-2020 8.1)."""
        self.new_paragraph("Cover Dates")
        self.add_text("\t".join(dates) if len(dates) == 2 else "".join(dates))

    # -- front matter and clauses -----------------------------------------------------

    def _enter_unnumbered(self, node: nodes.Element) -> None:
        if self.phase == "start":
            self.start_front()
        if isinstance(node, nk.bibliography) and self.phase != "body":
            self.start_body()
        self.mark(node)
        self.section_depth += 1

    def visit_foreword(self, node: nk.foreword) -> None:
        self._enter_unnumbered(node)

    def visit_introduction(self, node: nk.introduction) -> None:
        self._enter_unnumbered(node)

    def visit_bibliography(self, node: nk.bibliography) -> None:
        self._enter_unnumbered(node)
        self.styles.append("Bibliography Entry")

    def depart_bibliography(self, node: nk.bibliography) -> None:
        self.styles.pop()
        self.depart_section(node)

    depart_foreword = depart_introduction = lambda self, node: self.depart_section(node)  # noqa: E731

    def visit_section(self, node: nodes.section) -> None:
        if self.phase != "body" and self.section_depth == 0:
            self.start_body()
        self.mark(node)
        self.section_depth += 1

    def depart_section(self, node: nodes.Element) -> None:
        self.close_paragraph()
        self.section_depth -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.table):
            self.new_paragraph("Table Title")
            return
        if not isinstance(parent, nodes.section):
            self.new_paragraph(self.styles[-1])
            self.push_fmt(bold=True)
            return
        annex = parent.get("nk_annex_status") and self.section_depth == 1
        if isinstance(parent, _UNNUMBERED):
            style = "Foreword Title"
        elif annex:
            style = "Annex Heading"
        else:
            style = f"Heading {min(self.section_depth, 5)}"
        p = self.new_paragraph(style)
        if isinstance(parent, _UNNUMBERED):
            self.push_fmt(**self.title_spacing())
        if isinstance(parent, _UNNUMBERED) or annex:
            self.page_break_before(p)
        if not isinstance(parent, _UNNUMBERED):
            if self.word_lists:
                self.word_number(node, p, bool(annex))
            else:  # typed numbers: the heading style's list (if any) does not count
                numbering.number(p, numbering.NO_LIST)
        ids = parent.get("ids", [])
        if ids and ids[0] in self.outline_ids:  # a heading the contents list: its page
            height = PageModel.paragraph_height(title_text(node), 10.5, extra=18)
            page = self.layout.advance(0) if height else self.layout.page
            self.heading_pages[ids[0]] = (page, self.phase != "body")

    def word_number(self, title: nodes.title, p: BaseOxmlElement, annex: bool) -> None:
        """Leave a heading's number to Word's list (normkit.writers.docx_numbering): its
        generated number is not written, the list gets the edition's words."""
        section = title.parent
        label = next((c for c in title.children if isinstance(c, nk.generated_text)), None)
        kind = label.get("kind") if label is not None else None
        if annex and kind == "annex":
            text, letter = label.astext(), str(section.get("nk_number", ""))
            if not letter or not text.endswith(letter):
                numbering.number(p, numbering.NO_LIST)  # a label Word cannot count
                return
            if not self.annex_label:
                numbering.set_annex_label(self.numbering, text[: -len(letter)])
                self.annex_label = True
            self.counted.add(id(label))
            self.fields.numbered.update(self.p_marks)
        elif kind in ("clause", "subclause"):
            # The separator after the number stays the heading text's first character.
            self.counted.add(id(label))
            self.fields.numbered.update(self.p_marks)
            self.clause_listed = True
            if section.get("nk_annex"):  # A.1, A.1.1: the annex list's levels
                level = min(self.section_depth, numbering.LEVELS) - 1
                numbering.number(p, numbering.ANNEX_LIST, level)
        else:  # a heading without a number: the style's list does not count it
            numbering.number(p, numbering.NO_LIST)

    def word_term_number(self, paragraph: nodes.paragraph, p: BaseOxmlElement) -> None:
        """Leave a term entry's number ("3.1") to the clause list, as a subclause's at
        its depth, so that a term added in Word is numbered in sequence."""
        label = next((c for c in paragraph.children if isinstance(c, nk.generated_text)), None)
        entry = paragraph.parent
        term_number = str(entry.get("number", "")) if isinstance(entry, nk.term_entry) else ""
        if (
            label is None
            or label.astext() != term_number
            or not re.fullmatch(r"\d+(\.\d+){1,4}", term_number)
            or not self.clause_listed  # no clause is numbered by Word
        ):
            return
        numbering.number(p, numbering.CLAUSE_LIST, term_number.count("."))
        self.counted.add(id(label))
        self.fields.numbered.update(self.p_marks)

    def depart_title(self, node: nodes.title) -> None:
        if not isinstance(node.parent, (nodes.section, nodes.table)) or isinstance(
            node.parent, _UNNUMBERED
        ):
            self.pop_fmt()
        self.close_paragraph()

    def visit_subtitle(self, node: nodes.subtitle) -> None:
        self.new_paragraph(self.styles[-1])

    def depart_subtitle(self, node: nodes.subtitle) -> None:
        self.close_paragraph()

    def visit_generated_text(self, node: nk.generated_text) -> None:
        kind = node.get("kind")
        if id(node) in self.counted:  # Word's list writes it
            if kind == "annex":
                self.add_text("\n")  # the status on the line below the label
            raise nodes.SkipNode
        if kind in ("table", "figure") and self.word_lists and self.caption_number(node):
            raise nodes.SkipNode
        if kind == "annex":
            self.add_text(node.astext() + "\n")
            raise nodes.SkipNode
        if kind == "annex-status":
            self.add_text(node.astext() + "\n", style="Annex Status")
            raise nodes.SkipNode

    def depart_generated_text(self, node: nk.generated_text) -> None:
        pass

    # -- paragraphs -------------------------------------------------------------------

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        style = self.styles[-1]
        classes = node.get("classes", [])
        if "nk-term-number" in classes:
            style = "Term Number"
        p = self.new_paragraph(style)
        if style == "Term Number" and self.word_lists:
            self.word_term_number(node, p)
        if self.lists and style.startswith("List Item"):
            item = self.lists[-1]
            if item["first"]:
                # "——" is as wide as the hanging indent: the text follows it directly (a
                # tab there would go on to the next tab stop); a narrower marker tabs.
                self.add_text(item["marker"] + ("" if item["marker"] == "——" else "\t"))
                item["first"] = False
            else:  # a further paragraph of the item (its translation): under its text
                left = str(self.docx.styles[style].paragraph_format.left_indent.twips)
                ox.set_ppr(p, ox.el("w:ind", left=left, firstLine="0", firstLineChars="0"))
        elif style == "Bibliography Entry" and isinstance(node, nk.reference_item):
            if node.get("lang"):  # the bilingual edition's translation of the entry above
                self.add_text("\t")
                return
            self.bib_count = getattr(self, "bib_count", 0) + 1
            # GB/T 1.1-2020 8.11 numbers bibliography entries in square brackets; a
            # Chinese edition sets them full-width, as the PDF does ("［1］"), English "[1]".
            number = f"［{self.bib_count}］" if self.cjk else f"[{self.bib_count}]"
            self.add_text(number + "\t")

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.close_paragraph()

    def visit_term_entry(self, node: nk.term_entry) -> None:
        self.mark(node)
        self.styles.append("Term Definition")

    def depart_term_entry(self, node: nk.term_entry) -> None:
        self.styles.pop()

    def visit_term_head(self, node: nk.term_head) -> None:
        self.new_paragraph("Term")

    def depart_term_head(self, node: nk.term_head) -> None:
        self.close_paragraph()

    def visit_term_preferred(self, node: nk.term_preferred) -> None:
        """The preferred term: its look is the "Term" paragraph style's."""

    def depart_term_preferred(self, node: nk.term_preferred) -> None:
        """Nothing to close."""

    def visit_term_equivalent(self, node: nk.term_equivalent) -> None:
        self.push_fmt(style="Term Equivalent")

    depart_term_equivalent = pop_fmt

    def visit_term_source(self, node: nk.term_source) -> None:
        self.new_paragraph("Term Source")

    depart_term_source = depart_paragraph

    def _block_style(self, style: str) -> None:
        self.close_paragraph()
        self.styles.append(style)

    def _end_block_style(self, node: nodes.Node | None = None) -> None:
        self.close_paragraph()
        self.styles.pop()

    def visit_std_note(self, node: nk.std_note) -> None:
        self.mark(node)
        self._block_style("Note")

    depart_std_note = _end_block_style

    def visit_std_example(self, node: nk.std_example) -> None:
        self.mark(node)
        self._block_style("Example")

    depart_std_example = _end_block_style

    def visit_Admonition(self, node: nodes.Element) -> None:
        self.mark(node)
        self._block_style("Note")

    depart_Admonition = _end_block_style

    def visit_normative_references(self, node: nk.normative_references) -> None:
        self._block_style("Body Text")
        self.in_normrefs = True

    def depart_normative_references(self, node: nk.normative_references) -> None:
        self.in_normrefs = False
        self._end_block_style()

    def visit_reference_item(self, node: nk.reference_item) -> None:
        style = "Normative Reference" if getattr(self, "in_normrefs", False) else None
        if style is None and self.styles[-1] == "Bibliography Entry":
            style = "Bibliography Entry"
        if style:
            self.styles.append(style)
            saved, self.lists = self.lists, []
            self.visit_paragraph(node)
            self.lists = saved
            self.styles.pop()
        else:
            self.visit_paragraph(node)

    depart_reference_item = depart_paragraph

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self.new_paragraph("Literal")
        self.add_text(node.astext(), style="Literal Text")
        self.close_paragraph()
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_line_block(self, node: nodes.line_block) -> None:
        self.close_paragraph()

    def depart_line_block(self, node: nodes.line_block) -> None:
        self.close_paragraph()

    def visit_line(self, node: nodes.line) -> None:
        self.new_paragraph()

    def depart_line(self, node: nodes.line) -> None:
        self.close_paragraph()

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.new_paragraph()
        self.push_fmt(bold=True)

    def depart_rubric(self, node: nodes.rubric) -> None:
        self.pop_fmt()
        self.close_paragraph()

    # -- formulas: native Word equations (Office Math) ---------------------------------

    def _office_math(self, node: nodes.Element, display: bool) -> bool:
        """Append the formula as Office Math to the open paragraph; False (warned)
        when its LaTeX cannot be converted."""
        try:
            equation = ox.office_math(formulas.omml(formulas.latex_of(node), display))
        except (formulas.FormulaError, ValueError) as error:
            formulas.warn_unconverted(node, formulas.FormulaError(str(error)))
            return False
        self.ensure_paragraph()
        self.inline[-1].append(equation)
        self.p_text.append(formulas.latex_of(node))
        return True

    def visit_math(self, node: nodes.math) -> None:
        if not self._office_math(node, display=False):
            self.add_text(formulas.latex_of(node), style="Literal Text")
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.math_block) -> None:
        """Centred, with its number "(1)" at the right margin (GB/T 1.1-2020 9.6)."""
        self.mark(node)
        p = self.new_paragraph("Body Text")
        ox.set_ppr(p, ox.tab_stops(("center", TEXT_WIDTH_PT / 2), ("right", TEXT_WIDTH_PT)))
        ox.set_ppr(p, ox.el("w:ind", firstLine="0", firstLineChars="0"))
        self.add_text("\t")
        if not self._office_math(node, display=True):
            self.add_text(formulas.latex_of(node), style="Literal Text")
        number = formulas.number_of(node)
        if number:
            self.add_text("\t" + number)
        self.close_paragraph()
        raise nodes.SkipNode

    # -- lists ----------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self.close_paragraph()
        if getattr(self, "in_normrefs", False) or self.styles[-1] == "Bibliography Entry":
            self.lists.append({"plain": True})
            return
        # GB/T 1.1's "——"; ISO's dash in English, as the PDF has them
        marker = "——" if self.cjk else "—"
        self.lists.append({"kind": "bullet", "n": 0, "marker": marker, "first": True})
        self.styles.append("List Item" if len(self.lists) == 1 else "List Item 2")

    def depart_bullet_list(self, node: nodes.Element) -> None:
        self.close_paragraph()
        if not self.lists.pop().get("plain"):
            self.styles.pop()

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self.close_paragraph()
        self.lists.append(
            {
                "kind": node.get("enumtype", "arabic"),
                "n": node.get("start", 1) - 1,
                "prefix": node.get("prefix", ""),
                "suffix": node.get("suffix", ")"),
                "marker": "",
                "first": True,
            }
        )
        self.styles.append("List Item" if len(self.lists) == 1 else "List Item 2")

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node: nodes.list_item) -> None:
        item = self.lists[-1] if self.lists else None
        if item is None or item.get("plain"):
            return
        item["first"] = True
        if item["kind"] != "bullet":
            item["n"] += 1
            mark = _enumerator(item["kind"], item["n"])
            item["marker"] = f"{item['prefix']}{mark}{item['suffix']}"

    def depart_list_item(self, node: nodes.list_item) -> None:
        self.close_paragraph()

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        self.close_paragraph()

    def depart_definition_list(self, node: nodes.definition_list) -> None:
        self.close_paragraph()

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def depart_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def visit_term(self, node: nodes.term) -> None:
        self.new_paragraph("Normal")
        self.push_fmt(bold=True)

    def depart_term(self, node: nodes.term) -> None:
        self.pop_fmt()
        self.close_paragraph()

    def visit_classifier(self, node: nodes.classifier) -> None:
        self.add_text(" : ")

    def depart_classifier(self, node: nodes.classifier) -> None:
        pass

    def visit_definition(self, node: nodes.definition) -> None:
        self.close_paragraph()

    def depart_definition(self, node: nodes.definition) -> None:
        self.close_paragraph()

    def visit_field_list(self, node: nodes.field_list) -> None:
        self.close_paragraph()

    def depart_field_list(self, node: nodes.field_list) -> None:
        self.close_paragraph()

    def visit_field(self, node: nodes.field) -> None:
        pass

    def depart_field(self, node: nodes.field) -> None:
        pass

    def visit_field_name(self, node: nodes.field_name) -> None:
        self.new_paragraph()
        self.push_fmt(bold=True)

    def depart_field_name(self, node: nodes.field_name) -> None:
        self.pop_fmt()
        self.add_text(self.ctx.labels.label("label_sep"))

    def visit_field_body(self, node: nodes.field_body) -> None:
        pass

    def depart_field_body(self, node: nodes.field_body) -> None:
        self.close_paragraph()

    # -- tables -----------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        self.close_paragraph()
        self.mark(node)

    def depart_table(self, node: nodes.table) -> None:
        self.close_paragraph()

    def visit_tgroup(self, node: nodes.tgroup) -> None:
        self.close_paragraph()
        self.flush_pending_into_paragraph()
        table = _Table()
        specs = [c for c in node.children if isinstance(c, nodes.colspec)]
        weights = [max(1, int(c.get("colwidth", 1))) for c in specs] or [1]
        total_twips = int(TEXT_WIDTH_PT * 20)
        table.widths = [total_twips * w // sum(weights) for w in weights]
        tbl = ox.el("w:tbl")
        tblpr = ox.el("w:tblPr")
        tblpr.append(ox.el("w:tblW", w=str(total_twips), type="dxa"))
        tblpr.append(ox.el("w:jc", val="center"))
        borders = ox.el("w:tblBorders")
        for side, size in (
            ("top", "8"), ("left", "8"), ("bottom", "8"), ("right", "8"),
            ("insideH", "4"), ("insideV", "4"),
        ):  # fmt: skip
            borders.append(ox.el(f"w:{side}", val="single", sz=size, space="0", color="000000"))
        tblpr.append(borders)
        tblpr.append(ox.el("w:tblLayout", type="fixed"))
        # The print CSS's cell padding: 1 mm above and below, 1.5 mm at the sides.
        margins = ox.el("w:tblCellMar")
        margins.append(ox.el("w:top", w="57", type="dxa"))
        margins.append(ox.el("w:left", w="85", type="dxa"))
        margins.append(ox.el("w:bottom", w="57", type="dxa"))
        margins.append(ox.el("w:right", w="85", type="dxa"))
        tblpr.append(margins)
        tbl.append(tblpr)
        grid = ox.el("w:tblGrid")
        for width in table.widths:
            grid.append(ox.el("w:gridCol", w=str(width)))
        tbl.append(grid)
        self.append_block(tbl)
        table.tbl = tbl
        self.tables.append(table)

    def depart_tgroup(self, node: nodes.tgroup) -> None:
        self.tables.pop()
        # A table cannot be the last thing before a section break or another table.
        self.layout.advance(6)

    def flush_pending_into_paragraph(self) -> None:
        """Bookmarks still queued (a table without a title) go into an empty paragraph."""
        if self.pending_marks:
            self.new_paragraph("Table Title")
            self.close_paragraph(measure=False)

    def visit_colspec(self, node: nodes.colspec) -> None:
        raise nodes.SkipNode

    def visit_thead(self, node: nodes.thead) -> None:
        self.tables[-1].in_head = True
        self.styles.append("Table Header")

    def depart_thead(self, node: nodes.thead) -> None:
        self.tables[-1].in_head = False
        self.styles.pop()

    def visit_tbody(self, node: nodes.tbody) -> None:
        self.styles.append("Table Text")

    def depart_tbody(self, node: nodes.tbody) -> None:
        self.styles.pop()

    def visit_row(self, node: nodes.row) -> None:
        table = self.tables[-1]
        tr = ox.el("w:tr")
        trpr = ox.el("w:trPr")
        trpr.append(ox.el("w:cantSplit"))
        if table.in_head:
            trpr.append(ox.el("w:tblHeader"))
        tr.append(trpr)
        table.tbl.append(tr)
        table.row = tr
        table.column = 0
        table.row_height = 0.0
        self._fill_merged(table)

    def depart_row(self, node: nodes.row) -> None:
        table = self.tables[-1]
        self._fill_merged(table)
        self.layout.advance(table.row_height or 16)

    def _fill_merged(self, table: _Table) -> None:
        """Continuation cells of vertically merged entries from rows above."""
        while table.column in table.pending:
            rows, span = table.pending.pop(table.column)
            tc = self._cell(table, table.column, span, merge="continue")
            tc.append(ox.paragraph(self.sid(self.styles[-1])))
            if rows > 1:
                table.pending[table.column] = (rows - 1, span)
            table.column += span

    def _cell(self, table: _Table, column: int, span: int, merge: str | None) -> BaseOxmlElement:
        tc = ox.el("w:tc")
        tcpr = ox.el("w:tcPr")
        width = sum(table.widths[column : column + span])
        tcpr.append(ox.el("w:tcW", w=str(width), type="dxa"))
        if span > 1:
            tcpr.append(ox.el("w:gridSpan", val=str(span)))
        if merge == "restart":
            tcpr.append(ox.el("w:vMerge", val="restart"))
        elif merge == "continue":
            tcpr.append(ox.el("w:vMerge"))
        tcpr.append(ox.el("w:vAlign", val="center"))
        tc.append(tcpr)
        table.row.append(tc)
        return tc

    def visit_entry(self, node: nodes.entry) -> None:
        table = self.tables[-1]
        self._fill_merged(table)
        span = 1 + int(node.get("morecols", 0))
        rows = int(node.get("morerows", 0))
        tc = self._cell(table, table.column, span, "restart" if rows else None)
        if rows:
            table.pending[table.column] = (rows, span)
        table.column += span
        self.containers.append(tc)
        if not node.children:
            tc.append(ox.paragraph(self.sid(self.styles[-1])))

    def depart_entry(self, node: nodes.entry) -> None:
        self.close_paragraph()
        self.containers.pop()

    # -- figures and images -------------------------------------------------------------

    def visit_figure(self, node: nodes.figure) -> None:
        self.close_paragraph()
        self.mark(node)

    def depart_figure(self, node: nodes.figure) -> None:
        self.close_paragraph()

    def visit_image(self, node: nodes.image) -> None:
        uri = node.get("uri", "")
        source, line = get_source_line(node)
        try:  # the image collector made every uri relative to the standard's folder
            drawing = node.get("nk_svg", "").encode("utf-8") or None  # translated words
            picture = images.load_picture(checked_image(uri, self.srcdir, self.srcdir), drawing)
        except (images.ImageProblem, ImageRefused) as problem:
            where = f"{source}:{line}" if line else str(source)
            raise DocxError(f"{where}: image {uri!r}: {problem}") from None
        size = images.fit(picture, TEXT_WIDTH_PT * 25.4 / 72, TEXT_HEIGHT_PT * 25.4 / 72 * 0.8)
        raster_rid, svg_rid = images.embed(self.part, picture, self.svg_rids)
        name = next(
            (self.bookmarks[i] for i in node.parent.get("ids", []) if i in self.bookmarks), None
        ) or ox.bookmark_name(uri, set())
        drawing = images.inline_drawing(
            raster_rid,
            svg_rid,
            size,
            ox.stable_id(f"drawing:{name}:{uri}"),
            name,
            node.get("alt", "") or Path(uri).name,
        )
        self.new_paragraph("Figure")
        r = ox.el("w:r")
        r.append(drawing)
        self.p.append(r)
        self.close_paragraph(measure=False)
        self.layout.advance(size[1] / images.EMU_PER_MM * 72 / 25.4 + 8)
        raise nodes.SkipNode

    def caption_number(self, label: nk.generated_text) -> bool:
        """Write a table's or figure's label ("表1") with its number as a SEQ field
        under the bookmark its references read (normkit.writers.docx_fields)."""
        element = label.parent.parent if label.parent is not None else None
        caption = fields.caption_of(label.astext(), fields.number_of(element))
        ids = element.get("ids", []) if isinstance(element, nodes.Element) else []
        name = next((self.bookmarks[i] for i in ids if i in self.bookmarks), "")
        mark = self.number_marks.get(name)
        if caption is None or mark is None:
            return False
        self.add_text(caption.word)
        start, end = ox.bookmark(mark)
        self.inline[-1].append(start)
        if caption.typed:
            self.add_text(caption.typed)
        self.add_text(caption.count)
        result = self.inline[-1][-1]
        runs = self.fields.sequence(caption, result)
        if runs is not None:  # else the typed number stays, which the bookmark holds
            self.inline[-1].remove(result)
            self.inline[-1].extend(runs)
        self.inline[-1].append(end)
        self.fields.numbered.add(mark)
        return True

    def visit_caption(self, node: nodes.caption) -> None:
        self.new_paragraph("Figure Title")

    def depart_caption(self, node: nodes.caption) -> None:
        self.close_paragraph()

    def visit_legend(self, node: nodes.legend) -> None:
        self._block_style("Note")

    depart_legend = _end_block_style

    # -- footnotes --------------------------------------------------------------------

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        refid = node.get("refid", "")
        number = self.footnote_numbers.get(refid)
        target = self.document.ids.get(refid)
        if number is None or target is None or inside_footnote(node):
            # Word cannot call a footnote inside another: the cited one is called in
            # the text (normkit.writers.footnotes), here its number is written.
            self.push_fmt(vert="superscript")
            self.add_text(f"{number})" if number else node.astext())
            self.pop_fmt()
            raise nodes.SkipNode
        self.ensure_paragraph()
        self.inline[-1].append(ox.footnote_reference(number, self.sid("Footnote Reference")))
        self.p_text.append(" ")
        if refid not in getattr(self, "written_notes", set()):
            self.written_notes = getattr(self, "written_notes", set()) | {refid}
            self.write_footnote(number, target)
        raise nodes.SkipNode

    def write_footnote(self, number: int, footnote: nodes.Element) -> None:
        """Render a footnote's body into footnotes.xml, keeping the paragraph state."""
        if self.footnotes is None:
            self.footnotes = ox.add_footnotes_part(self.part)
        saved = (self.p, self.inline, self.p_text, self.styles, self.fmt, self.lists)
        element = ox.footnote(number)
        self.footnotes.append(element)
        self.containers.append(element)
        self.p, self.inline, self.p_text = None, [], []
        self.styles, self.fmt, self.lists = ["Footnote Text"], [{}], []
        first = True
        self.tables, tables = [], self.tables
        for child in footnote.children:
            if isinstance(child, nodes.label):
                continue
            if first:
                self.new_paragraph("Footnote Text")
                self.inline[-1].append(ox.footnote_mark(self.sid("Footnote Reference")))
                self.add_text(" ")
                first = False
                if isinstance(child, nodes.paragraph):
                    for grandchild in child.children:
                        grandchild.walkabout(self)
                    continue
            child.walkabout(self)
        self.p = None
        self.tables = tables
        self.containers.pop()
        self.p, self.inline, self.p_text, self.styles, self.fmt, self.lists = saved

    def visit_footnote(self, node: nodes.footnote) -> None:
        raise nodes.SkipNode

    visit_citation = visit_footnote

    def visit_citation_reference(self, node: nodes.Element) -> None:
        self.add_text(f"[{node.astext()}]")
        raise nodes.SkipNode

    # -- inline -------------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        text = node.astext()
        if self.p is None and not text.strip():
            return
        if "nk-nobreak" in node.parent.get("classes", ()):
            text = text.replace(" ", "\u00a0")  # a number and its unit stay on one line
        self.add_text(text.replace("\n", " ") if not self._preserve(node) else text)

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    @staticmethod
    def _preserve(node: nodes.Node) -> bool:
        return isinstance(node.parent, (nodes.literal_block, nodes.line))

    def visit_strong(self, node: nodes.strong) -> None:
        self.push_fmt(bold=True)

    depart_strong = pop_fmt

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self.push_fmt(italic=True)

    depart_emphasis = pop_fmt
    visit_title_reference = visit_emphasis
    depart_title_reference = pop_fmt

    def visit_literal(self, node: nodes.literal) -> None:
        self.push_fmt(style="Literal Text")

    depart_literal = pop_fmt

    def visit_superscript(self, node: nodes.superscript) -> None:
        self.push_fmt(vert="superscript")

    depart_superscript = pop_fmt

    def visit_subscript(self, node: nodes.subscript) -> None:
        self.push_fmt(vert="subscript")

    depart_subscript = pop_fmt

    def visit_inline(self, node: nodes.inline) -> None:
        pass

    def visit_translation(self, node: nodes.inline) -> None:
        """Bilingual edition: a title's or caption's translation, on its own line."""
        self.add_text("\n")

    def depart_translation(self, node: nodes.inline) -> None:
        pass

    def depart_inline(self, node: nodes.inline) -> None:
        pass

    visit_abbreviation = visit_inline
    depart_abbreviation = depart_inline

    def visit_reference(self, node: nodes.reference) -> None:
        self.ensure_paragraph()
        link = None
        target: nodes.Node | None = None
        anchor: str | None = None
        style = "Cross Reference"
        if isinstance(node, nk.std_reference):
            style = "Standard Reference"
            url = (
                self.ctx.url_of_standard(node["number"], dated=bool(node.get("year")))
                if node.get("slug")
                else ""
            )
            if url:
                link = ox.external_link(self.part, url)
        elif (
            node.get("refid")
            or str(node.get("refuri", "")).startswith("#")
            or ("#" in node.get("refuri", "") and node.get("internal"))
        ):
            ident = node.get("refid") or node["refuri"].split("#", 1)[1]
            anchor = self.bookmarks.get(ident)
            if anchor:
                link = ox.internal_link(anchor)
                target = self.elements.get(ident)
        elif re.match(r"^(https?|mailto|ftp):", node.get("refuri", "")):
            link = ox.external_link(self.part, node["refuri"])
        if link is not None:
            self.inline[-1].append(link)
            self.inline.append(link)
        node["nk_docx_link"] = link is not None
        self.push_fmt(style=style)
        numbered = isinstance(node, nk.clause_reference) and self.word_lists
        if numbered and target is not None and self.reference_fields(node, target, str(anchor)):
            self.depart_reference(node)
            raise nodes.SkipNode

    def reference_fields(self, node: nodes.reference, target: nodes.Node, anchor: str) -> bool:
        """Write a cross-reference's numbers ("第5章": "第", 5, "章") as REF fields
        (normkit.writers.docx_fields); False when its text has no number to field."""
        pieces = fields.number_pieces(node.astext(), fields.cited_number(target))
        caption = fields.is_caption_target(target)
        bookmark = self.number_marks.get(anchor) if caption else anchor
        if bookmark is None or not any(number for _, number in pieces):
            return False
        for text, number in pieces:
            self.add_text(text)
            if number:
                result = self.inline[-1][-1]
                self.inline[-1].remove(result)
                self.inline[-1].extend(self.fields.reference(bookmark, result, caption))
        return True

    def depart_reference(self, node: nodes.reference) -> None:
        self.pop_fmt()
        if node.get("nk_docx_link"):
            self.inline.pop()
        del node["nk_docx_link"]

    def visit_target(self, node: nodes.target) -> None:
        if node.get("refid") is None and node.get("ids") and node.children:
            self.mark(node)

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_footnote_label(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    # -- containers and things to skip ------------------------------------------------

    def visit_container(self, node: nodes.container) -> None:
        self.mark(node)

    def depart_container(self, node: nodes.container) -> None:
        self.close_paragraph()

    visit_compound = visit_block_quote = visit_topic = visit_sidebar = visit_container
    depart_compound = depart_block_quote = depart_topic = depart_sidebar = depart_container

    def visit_glossary(self, node: nodes.Element) -> None:
        """A Sphinx glossary: its definition list, bookmarked for ``:term:``."""
        self.mark(node)

    def depart_glossary(self, node: nodes.Element) -> None:
        self.close_paragraph()

    def visit_productionlist(self, node: nodes.Element) -> None:
        """A grammar, one rule a line in code type (Sphinx's productions carry their
        "name ::=" and alignment)."""
        self.new_paragraph("Literal")
        rules = (p.astext().rstrip("\n") for p in node.children)
        self.add_text("\n".join(rules), style="Literal Text")
        self.close_paragraph()
        raise nodes.SkipNode

    def visit_attribution(self, node: nodes.attribution) -> None:
        """Who said a quotation: "—Name", set right."""
        p = self.new_paragraph()
        ox.set_ppr(p, ox.el("w:jc", val="right"))
        self.add_text("—")

    def depart_attribution(self, node: nodes.attribution) -> None:
        self.close_paragraph()

    def visit_skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_comment = visit_substitution_definition = visit_system_message = visit_skip
    visit_raw = visit_pending_xref = visit_transition = visit_meta = visit_skip
    visit_toctree = visit_index = visit_only = visit_label = visit_skip

    def unknown_visit(self, node: nodes.Node) -> None:
        warn(
            "docx-unknown-node",
            f"the DOCX writer does not know the node {type(node).__name__!r}; its text is "
            "written as plain text",
            node,
        )

    def unknown_departure(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.Inline):
            self.close_paragraph()

    # -- the contents -----------------------------------------------------------------

    def toc_lines(self) -> list[TocLine]:
        """The contents: the outline's entries whose heading was written, with pages."""
        lines = []
        for entry in self.outline:
            placed = self.heading_pages.get(entry.id)
            if placed is None:  # not written (a part of the other edition in a redline)
                continue
            anchor = self.bookmarks.get(entry.id, "")
            lines.append(TocLine(entry, anchor, *placed))
        return lines

    def write_toc(self) -> None:
        """Fill the TOC field with its entries after the fact: their text and the page
        each is printed on in the PDF (else an estimate)."""
        if self.toc_anchor is None:
            return
        anchor = self.toc_anchor
        parent = anchor.getparent()
        index = parent.index(anchor)
        parent.remove(anchor)
        paragraphs = []
        lines = self.toc_lines()
        # The contents themselves fill pages I…; the model counted one page for them.
        front_pages = len(lines) // 40
        for line in lines:
            p = ox.paragraph(self.sid(f"toc {min(line.entry.level, 2)}"))
            page = line.page + (front_pages if line.front else 0)
            link = ox.internal_link(line.anchor) if line.anchor else p
            link.append(ox.run(line.entry.line + "\t", lang=self.lang))
            label = self.printed.get(line.entry.id) or (roman(page) if line.front else str(page))
            result = [ox.run(label, lang=self.lang)]
            if line.anchor:
                for r in ox.field(f"PAGEREF {line.anchor} \\h", result):
                    link.append(r)
                p.append(link)
            else:
                p.extend(result)
            paragraphs.append(p)
            self.toc_paragraphs.append((line.entry, p))
        if not paragraphs:
            paragraphs.append(ox.paragraph(self.sid("toc 1")))
        first, last = paragraphs[0], paragraphs[-1]
        # Word's own refresh of the field lists the same levels as the outline.
        begin = ox.field_begin(f'TOC \\o "1-{self.ctx.config.toc_depth}" \\h \\z \\u')
        ppr = first.find(qn("w:pPr"))
        for offset, r in enumerate(begin):
            first.insert((1 if ppr is not None else 0) + offset, r)
        last.append(ox.field_end())
        for offset, p in enumerate(paragraphs):
            parent.insert(index + offset, p)
