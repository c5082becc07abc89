"""Make templates/docx/reference.docx: the Word styles of the DOCX edition.

The DOCX writer opens reference.docx, clears its body and writes the standard with the
named styles defined here, so a standards body restyles every DOCX it publishes by
editing reference.docx in Word (Home → Styles → Modify) — no code involved. Run this
script again only to go back to normkit's defaults:

    .venv/bin/python templates/docx/make_reference.py [OUTPUT]

Typography follows GB/T 1.1-2020 Annex (layout of the Chinese edition): A4, body text
五号 (10.5 pt) in a serif (宋体-like) face, clause headings in a sans (黑体-like) face,
Simplified Chinese fonts (Noto Serif CJK SC / Noto Sans CJK SC) with the East Asian
language set to zh-CN so no viewer picks Japanese glyph variants.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

#: (Latin face, East Asian face) of each kind of type. Latin text (the English edition,
#: numbers and codes in the Chinese one) is set in a Latin face, as GB/T typesetting does
#: (a Times-like serif beside 宋体): the CJK faces' own Latin glyphs have full-width
#: quotation marks and punctuation, which Word cannot switch to proportional forms.
#: FreeSerif/FreeSans (fonts-freefont-ttf, installed by setup.sh) are the faces the PDF
#: falls back to; DejaVu Sans Mono is the PDF's code face.
SERIF = ("FreeSerif", "Noto Serif CJK SC")
SANS = ("FreeSans", "Noto Sans CJK SC")
MONO = ("DejaVu Sans Mono", "Noto Sans Mono CJK SC")
BODY_PT = 10.5
#: The least line height of body text: 1.5 lines, the print CSS's line-height.
LINE = BODY_PT * 1.5
#: A4 with the margins of GB/T 1.1-2020 (text block about 165 mm × 252 mm).
PAGE = {"width": 210, "height": 297, "top": 25, "bottom": 20, "left": 25, "right": 20}
#: Where the print CSS puts the running header and the page number: the header's line
#: ends 3 mm above the text block (its top margin box, ``padding-bottom: 3mm``), the
#: page number is centred in the 20 mm bottom margin. Word measures the header from the
#: page's top edge to its first line, the footer from the bottom edge to its last.
HEADER_MM, FOOTER_MM = 17, 8.2

OUTPUT = Path(__file__).with_name("reference.docx")


def _w(tag: str, **attrs: str) -> OxmlElement:
    """A ``w:`` element with ``w:`` attributes (``_w("w:numId", val="1")``)."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _rfonts(face: tuple[str, str]):
    """``w:rFonts``: the Latin face for ASCII, high ANSI and complex scripts, the East
    Asian face for CJK."""
    latin, east_asian = face
    return _w("w:rFonts", ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asian)


def _fonts(rpr_owner, face: tuple[str, str]) -> None:
    """Set the style's fonts to ``face`` (Latin, East Asian)."""
    rpr = rpr_owner.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rpr.insert(0, _rfonts(face))


def _clear_rpr(style) -> None:
    """Drop inherited colours, theme fonts and sizes of a built-in style."""
    rpr = style.element.rPr
    if rpr is not None:
        style.element.remove(rpr)


def _set_ppr_child(style, tag: str, **attrs: str) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    child = _w(tag, **attrs)
    # pPr children have a schema order; python-docx knows it for the ones it models.
    ppr.insert_element_before(child, *_PPR_AFTER.get(tag, ()))


_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]
_PPR_AFTER = {tag: tuple(_PPR_ORDER[i + 1 :]) for i, tag in enumerate(_PPR_ORDER)}


def _border(style, side: str, size: int = 6) -> None:
    ppr = style.element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = _w("w:pBdr")
        ppr.insert_element_before(bdr, *_PPR_AFTER["w:pBdr"])
    bdr.append(_w(f"w:{side}", val="single", sz=str(size), space="4", color="000000"))


def paragraph_style(
    document,
    name: str,
    *,
    base: str = "Normal",
    face: tuple[str, str] | None = None,
    size: float | None = None,
    bold: bool | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    before: float | None = None,
    after: float | None = None,
    first_indent: int | None = None,
    left: float | None = None,
    hanging: float | None = None,
    keep_next: bool = False,
    page_break: bool = False,
    outline: int | None = None,
    next_style: str | None = None,
    line: float | None = None,
):
    """Define (or redefine) a paragraph style; sizes in points, indents in millimetres;
    ``line`` the least line height in points (the PDF's line-height: a taller formula or
    picture still gets its room)."""
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        _clear_rpr(style)
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    font = style.font
    if face:
        _fonts(style.element, face)
    if size is not None:
        font.size = Pt(size)
        font.complex_script = False
    if bold is not None:
        font.bold = bold
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if left is not None:
        pf.left_indent = Mm(left)
    if hanging is not None:
        pf.first_line_indent = -Mm(hanging)
    if first_indent is not None:
        # Two characters of indent, as Chinese body text has it (w:firstLineChars).
        _set_ppr_child(
            style,
            "w:ind",
            firstLineChars=str(first_indent * 100),
            firstLine=str(int(first_indent * BODY_PT * 20)),
        )
    if line is not None:
        pf.line_spacing = Pt(line)
        pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if keep_next:
        pf.keep_with_next = True
    if page_break:
        pf.page_break_before = True
    if outline is not None:
        _set_ppr_child(style, "w:outlineLvl", val=str(outline))
    if next_style:
        style.next_paragraph_style = styles[next_style]
    return style


def character_style(
    document, name: str, *, face: tuple[str, str] | None = None, bold: bool | None = None
):
    """Define a character style (runs inside paragraphs)."""
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    _clear_rpr(style)
    style.hidden = False
    if face:
        _fonts(style.element, face)
    if bold is not None:
        style.font.bold = bold
    return style


def _defaults(document) -> None:
    """rPrDefault/pPrDefault: fonts of every script, 10.5 pt, zh-CN East Asian language."""
    styles_el = document.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    if doc_defaults is not None:
        styles_el.remove(doc_defaults)
    doc_defaults = _w("w:docDefaults")
    rpr_default = _w("w:rPrDefault")
    rpr = _w("w:rPr")
    rpr.append(_rfonts(SERIF))
    rpr.append(_w("w:kern", val="2"))
    for tag in ("w:sz", "w:szCs"):
        rpr.append(_w(tag, val=str(int(BODY_PT * 2))))
    rpr.append(_w("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    doc_defaults.append(rpr_default)
    ppr_default = _w("w:pPrDefault")
    ppr = _w("w:pPr")
    ppr.append(_w("w:spacing", after="0", line="240", lineRule="auto"))
    ppr_default.append(ppr)
    doc_defaults.append(ppr_default)
    styles_el.insert(0, doc_defaults)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    section.header_distance, section.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)


def _settings(document) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    # Chinese documents tab in characters: two characters of 10.5 pt.
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), "420")
    for tag in ("w:rsids", "w:proofState"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)


def _drop_extras(document) -> None:
    """Drop the template's thumbnail, so Word shows no stale preview."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)


def define_styles(document) -> None:
    """Every named style the DOCX writer uses."""
    center, left, right, just = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _defaults(document)
    # Sizes, line heights and spaces are the print CSS's (templates/print/print.css), so
    # that the DOCX pages break where the PDF's do: lines 1.5 times the type size,
    # 0.25 em after a paragraph.
    normal = paragraph_style(
        document, "Normal", face=SERIF, size=BODY_PT, align=just, line=LINE, after=BODY_PT / 4
    )
    normal.element.get_or_add_pPr()
    # Body text: first line indented by two characters.
    paragraph_style(document, "Body Text", first_indent=2)
    # Cover (GB/T 1.1-2020 8.1).
    paragraph_style(document, "Cover ICS", face=SANS, size=10.5, align=left)
    paragraph_style(document, "Cover CCS", base="Cover ICS")
    paragraph_style(document, "Cover Kind", face=SANS, size=26, align=center, before=60, after=12)
    cover_number = paragraph_style(
        document, "Cover Number", face=SANS, size=14, align=right, before=6, after=6
    )
    _border(cover_number, "bottom", 12)
    paragraph_style(document, "Cover Replaces", face=SANS, size=10.5, align=right)
    paragraph_style(document, "Cover Title", face=SANS, size=26, align=center, before=96, after=18)
    paragraph_style(document, "Cover Title Other", face=SERIF, size=14, align=center, after=18)
    paragraph_style(document, "Cover Status", face=SANS, size=14, align=center, before=12)
    paragraph_style(document, "Cover Notice", face=SERIF, size=9, align=center, before=12)
    paragraph_style(document, "Cover Version", face=SERIF, size=10.5, align=center, before=12)
    dates = paragraph_style(
        document, "Cover Dates", face=SANS, size=14, align=left, before=150, after=6
    )
    _border(dates, "bottom", 12)
    dates.paragraph_format.tab_stops.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT)
    paragraph_style(document, "Cover Body", face=SANS, size=16, align=center, before=18)
    # Front matter: the titles at the top of their page, 8 mm above the text; in Chinese
    # letter-spaced by one character ("目　次", "前　言"), the character style
    # "Spaced Title" the writer gives their text in a Chinese edition.
    for name in ("Foreword Title", "TOC Heading"):
        paragraph_style(
            document,
            name,
            face=SANS,
            size=16,
            align=center,
            before=0,
            after=Mm(8).pt,
            keep_next=True,
            outline=0 if name == "Foreword Title" else None,
            line=24,
        )
    spaced = character_style(document, "Spaced Title")
    spaced_rpr = spaced.element.get_or_add_rPr()
    spaced_rpr.append(_w("w:spacing", val=str(16 * 20)))  # one 16 pt character, in twips
    # The document's title above clause 1 on the first body page (GB/T 1.1-2020 8.5),
    # and the end mark: a centred solid rule a quarter of the text wide after the last
    # element.
    paragraph_style(
        document,
        "Document Title",
        face=SANS,
        size=16,
        align=center,
        after=Mm(8).pt,
        keep_next=True,
        line=16 * 1.4,
    )
    end_mark = paragraph_style(document, "End Mark", size=6, align=center, before=Mm(8).pt)
    end_mark.paragraph_format.left_indent = Mm(165 * 3 / 8)
    end_mark.paragraph_format.right_indent = Mm(165 * 3 / 8)
    _border(end_mark, "top", 12)
    paragraph_style(
        document, "toc 1", face=SERIF, size=10.5, align=left, before=0, after=Mm(1.5).pt
    )
    paragraph_style(document, "toc 2", base="toc 1", left=7.4)
    paragraph_style(document, "toc 3", base="toc 1", left=14.8)
    for level in (1, 2, 3):
        document.styles[f"toc {level}"].paragraph_format.tab_stops.add_tab_stop(
            Mm(165),
            WD_TAB_ALIGNMENT.RIGHT,
            1,  # dotted leader
        )
    # Clauses and subclauses (GB/T 1.1-2020 7.2–7.3): 黑体-like, outline levels 1–5.
    for level in range(1, 6):
        paragraph_style(
            document,
            f"Heading {level}",
            face=SANS,
            size=BODY_PT,
            align=left,
            # The print CSS's margin: Word and LibreOffice, as CSS, keep the larger of a
            # paragraph's space after and the next one's space before, not their sum.
            before=(1.2 if level == 1 else 0.8) * BODY_PT,
            after=0.4 * BODY_PT,
            keep_next=True,
            outline=level - 1,
            next_style="Body Text",
        )
        document.styles[f"Heading {level}"].paragraph_format.keep_together = True
    # Annexes (GB/T 1.1-2020 8.10.3): "附录A" / "（规范性）" / title, centred, new page.
    paragraph_style(
        document,
        "Annex Heading",
        face=SANS,
        size=BODY_PT,
        align=center,
        before=0,
        after=Mm(6).pt,
        keep_next=True,
        page_break=True,
        line=BODY_PT * 1.6,
        outline=0,
        next_style="Body Text",
    )
    character_style(document, "Annex Status", face=SANS, bold=False)
    # Terms (GB/T 1.1-2020 8.5.4): set in the sans face (黑体 in GB/T print), not bold,
    # as in the PDF edition.
    paragraph_style(
        document,
        "Term Number",
        face=SANS,
        align=left,
        before=0.6 * BODY_PT,
        after=0,
        keep_next=True,
    )
    paragraph_style(
        document,
        "Term",
        face=SANS,
        align=left,
        keep_next=True,
        first_indent=2,
        after=0.2 * BODY_PT,
    )
    character_style(document, "Term Equivalent", face=SANS)
    paragraph_style(document, "Term Definition", first_indent=2)
    paragraph_style(document, "Term Source", first_indent=2)
    # Notes and examples (GB/T 1.1-2020 8.9): smaller type, indented.
    paragraph_style(document, "Note", size=9, first_indent=2, line=9 * 1.5, before=2.7, after=2.7)
    paragraph_style(document, "Example", base="Note")
    # Tables and figures (GB/T 1.1-2020 8.7, 8.8).
    # Cells are centred across and down, as in the PDF.
    paragraph_style(
        document,
        "Table Title",
        face=SANS,
        align=center,
        before=0.6 * BODY_PT,
        after=0.4 * BODY_PT,
        keep_next=True,
    )
    paragraph_style(document, "Figure", align=center, before=0.8 * BODY_PT, keep_next=True)
    paragraph_style(
        document,
        "Figure Title",
        face=SANS,
        align=center,
        before=0.4 * BODY_PT,
        after=0.8 * BODY_PT,
    )
    paragraph_style(document, "Table Text", size=9, align=center, line=9 * 1.4, after=0)
    paragraph_style(document, "Table Header", base="Table Text", face=SANS, keep_next=True)
    # Lists (GB/T 1.1-2020 7.5): "——" and "a)" with a hanging indent.
    # As the print CSS sets lists (ul/ol: padding-left 2em, the marker in it): the
    # marker at the margin, the text 2 em in; a nested list 2 em further.
    paragraph_style(document, "List Item", left=7.4, hanging=7.4)
    paragraph_style(document, "List Item 2", left=14.8, hanging=7.4)
    paragraph_style(document, "Normative Reference", first_indent=2)
    paragraph_style(document, "Bibliography Entry", left=7.4, hanging=7.4)
    # Space after a code block, as after any paragraph of text.
    paragraph_style(document, "Literal", face=MONO, size=9, align=left, left=7.4, before=3, after=6)
    paragraph_style(document, "Footnote Text", size=9, align=left, line=9 * 1.4, after=0)
    # On the outer side of the page: right on odd pages; the writer sets the even pages'
    # header and footer left.
    # The header and footer fill the margin up to the text block (25 mm top, 20 mm
    # bottom): Word starts the text at the margin anyway, LibreOffice right below a
    # header or footer's content, which would give its pages two more lines than the PDF's.
    header_after = Mm(PAGE["top"] - HEADER_MM).pt - LINE - 0.5
    paragraph_style(document, "Header", face=SANS, size=10.5, align=right, after=header_after)
    footer_before = Mm(PAGE["bottom"] - FOOTER_MM).pt - LINE - 0.5
    paragraph_style(document, "Footer", size=9, align=right, before=footer_before, after=0)
    ref = character_style(document, "Footnote Reference")
    ref.font.superscript = True
    character_style(document, "Cross Reference")
    character_style(document, "Standard Reference")
    character_style(document, "Literal Text", face=MONO)


#: The Word lists that number the headings (numbering.xml): clauses 1, 1.1 … on the
#: "Heading 1" … "Heading 5" styles, and annexes A with their subclauses A.1, A.1.1 …
#: on "Annex Heading" (the writer points annex subclause headings at the second list).
#: The DOCX writer puts the edition's words into the level texts: the separator after
#: a number ("　" in Chinese, a space in English) and the annex label ("附录A", "Annex A").
CLAUSE_LIST, ANNEX_LIST = 1, 2
HEADING_LEVELS = 5


def _level(ilvl: int, fmt: str, text: str, style: str | None) -> OxmlElement:
    lvl = _w("w:lvl", ilvl=str(ilvl))
    lvl.append(_w("w:start", val="1"))
    lvl.append(_w("w:numFmt", val=fmt))
    if style:
        lvl.append(_w("w:pStyle", val=style))
    # The number is part of the heading's first line: no tab after it, no indent.
    lvl.append(_w("w:suff", val="nothing"))
    lvl.append(_w("w:lvlText", val=text))
    lvl.append(_w("w:lvlJc", val="left"))
    ppr = _w("w:pPr")
    ppr.append(_w("w:ind", left="0", firstLine="0"))
    lvl.append(ppr)
    return lvl


def _numbering(document) -> None:
    """The heading lists in numbering.xml, tied to the heading styles (numPr), so that
    a Word user's new heading continues the numbering."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    styles = document.styles
    for list_id, first_fmt, first_style in (
        (CLAUSE_LIST, "decimal", styles["Heading 1"].style_id),
        (ANNEX_LIST, "upperLetter", styles["Annex Heading"].style_id),
    ):
        abstract = _w("w:abstractNum", abstractNumId=str(list_id))
        abstract.append(_w("w:multiLevelType", val="multilevel"))
        for ilvl in range(HEADING_LEVELS):
            text = ".".join(f"%{n + 1}" for n in range(ilvl + 1))
            style = first_style if ilvl == 0 else None
            if list_id == CLAUSE_LIST and ilvl:
                style = styles[f"Heading {ilvl + 1}"].style_id
            abstract.append(_level(ilvl, first_fmt if ilvl == 0 else "decimal", text, style))
        numbering.append(abstract)
    for list_id in (CLAUSE_LIST, ANNEX_LIST):
        num = _w("w:num", numId=str(list_id))
        num.append(_w("w:abstractNumId", val=str(list_id)))
        numbering.append(num)
    for name, list_id, ilvl in [
        *((f"Heading {n}", CLAUSE_LIST, n - 1) for n in range(1, HEADING_LEVELS + 1)),
        ("Annex Heading", ANNEX_LIST, 0),
    ]:
        num_pr = _w("w:numPr")
        num_pr.append(_w("w:ilvl", val=str(ilvl)))
        num_pr.append(_w("w:numId", val=str(list_id)))
        ppr = styles[name].element.get_or_add_pPr()
        ppr.insert_element_before(num_pr, *_PPR_AFTER["w:numPr"])


def make(output: Path = OUTPUT) -> Path:
    """Write reference.docx (deterministically: fixed zip dates, sorted entries)."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page(document)
    _settings(document)
    _drop_extras(document)
    define_styles(document)
    _numbering(document)
    props = document.core_properties
    props.title = "normkit reference styles"
    props.author = "normkit"
    props.last_modified_by = "normkit"
    props.comments = "Edit the styles in Word; the DOCX edition of every standard uses them."
    props.revision = 1
    # Show every style once, so the file documents itself when opened in Word.
    sample = document.add_paragraph(
        "normkit reference.docx — edit these styles; the content is ignored.", "Body Text"
    )
    sample.add_run().add_break(WD_BREAK.LINE)
    buffer = io.BytesIO()
    document.save(buffer)
    output.write_bytes(_normalise_zip(buffer.getvalue(), drop=("docProps/thumbnail.jpeg",)))
    return output


def _normalise_zip(data: bytes, drop: tuple[str, ...] = ()) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(n for n in source.namelist() if n not in drop)
    names.sort(key=lambda n: n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


if __name__ == "__main__":
    target = make(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"wrote {target}")
