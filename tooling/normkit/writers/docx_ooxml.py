"""Raw WordprocessingML that python-docx has no API for.

Fields (TOC, PAGE, PAGEREF), bookmarks, hyperlinks, footnotes, section properties,
settings and a deterministic zip. Every function returns or edits lxml elements of
python-docx's oxml layer; nothing here knows about docutils.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Iterable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

#: Fixed zip entry date (the earliest a zip can hold), so two builds are byte-identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9_]+")


def el(tag: str, text: str | None = None, **attrs: str) -> BaseOxmlElement:
    """A ``w:`` element with ``w:``-prefixed attributes (``el("w:jc", val="center")``)."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key if ":" in key else f"w:{key}"), value)
    if text is not None:
        element.text = text
        if text != text.strip() or "  " in text:
            element.set(qn("xml:space"), "preserve")
    return element


def paragraph(style_id: str | None = None) -> BaseOxmlElement:
    """An empty ``w:p`` with its style."""
    p = el("w:p")
    if style_id:
        ppr = el("w:pPr")
        ppr.append(el("w:pStyle", val=style_id))
        p.append(ppr)
    return p


def ppr_of(p: BaseOxmlElement) -> BaseOxmlElement:
    """The ``w:pPr`` of a paragraph, made if missing (always the first child)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    return ppr


_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def set_ppr(p: BaseOxmlElement, child: BaseOxmlElement) -> None:
    """Put ``child`` into the paragraph's properties in schema order, replacing its kind."""
    ppr = ppr_of(p)
    for old in ppr.findall(child.tag):
        ppr.remove(old)
    name = child.tag.split("}")[1]
    later = [f"w:{t}" for t in _PPR_ORDER[_PPR_ORDER.index(name) + 1 :]]
    ppr.insert_element_before(child, *later)


def office_math(omml: str) -> BaseOxmlElement:
    """An ``m:oMath`` element from Office Math markup written without namespace
    declarations (as mathml2omml writes it)."""
    opening = omml.index(">") if omml.startswith("<m:oMath>") else -1
    if opening < 0:
        raise ValueError("Office Math markup must start with <m:oMath>")
    equation = parse_xml(f"<m:oMath {nsdecls('m', 'w')}{omml[opening:]}")
    # A square root is a radical whose degree is hidden: OMML wants the empty degree
    # and degHide (mathml2omml leaves both out; Word and LibreOffice then show an empty
    # degree box, "∜□").
    for radical in equation.iter(qn("m:rad")):
        if radical.find(qn("m:deg")) is None:
            properties = OxmlElement("m:radPr")
            properties.append(OxmlElement("m:degHide", attrs={qn("m:val"): "1"}))
            radical.insert(0, properties)
            radical.insert(1, OxmlElement("m:deg"))
    return equation


def tab_stops(*stops: tuple[str, float]) -> BaseOxmlElement:
    """``w:tabs`` of (alignment, position in points) pairs."""
    tabs = el("w:tabs")
    for alignment, points in stops:
        tabs.append(el("w:tab", val=alignment, pos=str(round(points * 20))))
    return tabs


def run(
    text: str = "",
    *,
    style_id: str | None = None,
    bold: bool = False,
    italic: bool = False,
    vert: str | None = None,
    lang: tuple[str, str] | None = None,
    east_asian_marks: bool = False,
) -> BaseOxmlElement:
    """A ``w:r`` holding ``text`` (tabs and line breaks become ``w:tab``/``w:br``);
    ``east_asian_marks``: quotation marks and other characters Unicode leaves to the
    context are set in the East Asian face (full-width “” in Chinese text)."""
    r = el("w:r")
    rpr = el("w:rPr")
    if style_id:
        rpr.append(el("w:rStyle", val=style_id))
    if east_asian_marks:
        rpr.append(el("w:rFonts", hint="eastAsia"))
    if bold:
        rpr.append(el("w:b"))
    if italic:
        rpr.append(el("w:i"))
    if vert:
        rpr.append(el("w:vertAlign", val=vert))
    if lang:
        rpr.append(el("w:lang", val=lang[0], eastAsia=lang[1]))
    if len(rpr):
        r.append(rpr)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(el("w:tab"))
            if piece:
                r.append(el("w:t", piece))
    return r


def field(instruction: str, result: Iterable[BaseOxmlElement] = ()) -> list[BaseOxmlElement]:
    """The runs of a complex field: begin, instruction, separate, cached result, end."""
    begin = el("w:r")
    begin.append(el("w:fldChar", fldCharType="begin"))
    instr = el("w:r")
    instr.append(el("w:instrText", f" {instruction} "))
    separate = el("w:r")
    separate.append(el("w:fldChar", fldCharType="separate"))
    end = el("w:r")
    end.append(el("w:fldChar", fldCharType="end"))
    return [begin, instr, separate, *result, end]


def field_begin(instruction: str) -> list[BaseOxmlElement]:
    """The opening runs of a field whose result spans several paragraphs (a TOC)."""
    return field(instruction)[:3]


def field_end() -> BaseOxmlElement:
    """The closing run of a field opened with :func:`field_begin`."""
    end = el("w:r")
    end.append(el("w:fldChar", fldCharType="end"))
    return end


def bookmark_name(label: str, used: set[str]) -> str:
    """A Word bookmark name from a label: letters, digits, ``_``; ≤ 40; unique in ``used``.

    Derived from the label alone (never from a counter), so a document built twice, or
    after an unrelated edit, keeps its bookmark names and Word's compare stays quiet.
    """
    name = _BOOKMARK_BAD.sub("_", label).strip("_") or "x"
    if not name[0].isalpha():
        name = "nk_" + name
    if len(name) > 40:
        name = f"{name[:31]}_{zlib.crc32(label.encode()):08x}"
    base, n = name, 2
    while name in used:
        suffix = f"_{n}"
        name = base[: 40 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def stable_id(name: str) -> str:
    """A numeric id (bookmarks, drawings) computed from a name, not from a counter."""
    return str(zlib.crc32(name.encode("utf-8")) & 0x3FFFFFFF or 1)


def bookmark(name: str) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """``w:bookmarkStart`` and ``w:bookmarkEnd`` with an id derived from the name."""
    ident = stable_id(name)
    return el("w:bookmarkStart", id=ident, name=name), el("w:bookmarkEnd", id=ident)


def internal_link(anchor: str) -> BaseOxmlElement:
    """A ``w:hyperlink`` to a bookmark of this document."""
    return el("w:hyperlink", anchor=anchor, history="1")


def external_link(part, url: str) -> BaseOxmlElement:
    """A ``w:hyperlink`` to a URL (its relationship added to ``part``)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = el("w:hyperlink", history="1")
    link.set(qn("r:id"), rid)
    return link


# -- sections -----------------------------------------------------------------------


def section_properties(
    template: BaseOxmlElement,
    *,
    header_rids: dict[str, str] | None = None,
    footer_rids: dict[str, str] | None = None,
    number_format: str | None = None,
    start: int | None = None,
    begins: str = "nextPage",
) -> BaseOxmlElement:
    """A ``w:sectPr`` copied from the reference's page set-up, with the headers and
    footers (by kind: ``default``, ``even``), page numbering and start (``nextPage``,
    ``oddPage``) of one part of the standard (cover, front matter, body)."""
    sect = copy.deepcopy(template)
    for tag in ("w:headerReference", "w:footerReference", "w:pgNumType", "w:titlePg", "w:type"):
        for old in sect.findall(qn(tag)):
            sect.remove(old)
    refs = []
    for kind, rids in (("header", header_rids), ("footer", footer_rids)):
        for which, rid in (rids or {}).items():
            ref = el(f"w:{kind}Reference", type=which)
            ref.set(qn("r:id"), rid)
            refs.append(ref)
    for i, ref in enumerate(refs):
        sect.insert(i, ref)
    sect.insert_element_before(
        el("w:type", val=begins),
        *(
            f"w:{t}"
            for t in ["pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols"]
        ),
        *(
            f"w:{t}"
            for t in ["formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi"]
        ),
        *(f"w:{t}" for t in ["rtlGutter", "docGrid", "printerSettings", "sectPrChange"]),
    )
    if number_format or start is not None:
        num = el("w:pgNumType")
        if number_format:
            num.set(qn("w:fmt"), number_format)
        if start is not None:
            num.set(qn("w:start"), str(start))
        sect.insert_element_before(
            num,
            *(
                f"w:{t}"
                for t in ["cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection"]
            ),
            *(
                f"w:{t}"
                for t in ["bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
            ),
        )
    return sect


def add_story_part(document_part, kind: str) -> tuple[XmlPart, str]:
    """A new, empty header or footer part related to the document; (part, rId)."""
    from docx.parts.hdrftr import FooterPart, HeaderPart

    cls = HeaderPart if kind == "header" else FooterPart
    part = cls.new(document_part.package)
    root = part.element
    for child in list(root):
        root.remove(child)
    rid = document_part.relate_to(part, RT.HEADER if kind == "header" else RT.FOOTER)
    return part, rid


# -- footnotes ----------------------------------------------------------------------

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def add_footnotes_part(document_part) -> BaseOxmlElement:
    """Add word/footnotes.xml (with the two separators Word requires); its root element."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part.element
    part = XmlPart(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        parse_xml(_FOOTNOTES_XML),
        document_part.package,
    )
    document_part.relate_to(part, RT.FOOTNOTES)
    settings = document_part.settings.element
    footnote_pr = el("w:footnotePr")
    footnote_pr.append(el("w:footnote", id="-1"))
    footnote_pr.append(el("w:footnote", id="0"))
    _insert_setting(settings, footnote_pr)
    return part.element


def footnote(number: int) -> BaseOxmlElement:
    """An empty ``w:footnote`` with the given id (paragraphs are added by the caller)."""
    return el("w:footnote", id=str(number))


def _superscript_run(style_id: str | None, content: BaseOxmlElement) -> BaseOxmlElement:
    """A run holding ``content`` in character style ``style_id``, or superscript without."""
    r = el("w:r")
    rpr = el("w:rPr")
    if style_id:
        rpr.append(el("w:rStyle", val=style_id))
    else:
        rpr.append(el("w:vertAlign", val="superscript"))
    r.append(rpr)
    r.append(content)
    return r


def footnote_reference(number: int, style_id: str | None) -> BaseOxmlElement:
    """The run in the text that calls footnote ``number``."""
    return _superscript_run(style_id, el("w:footnoteReference", id=str(number)))


def footnote_mark(style_id: str | None) -> BaseOxmlElement:
    """The mark at the start of a footnote's own text."""
    return _superscript_run(style_id, el("w:footnoteRef"))


# -- settings -----------------------------------------------------------------------

_SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]


def _insert_setting(settings: BaseOxmlElement, child: BaseOxmlElement) -> None:
    for old in settings.findall(child.tag):
        settings.remove(old)
    name = child.tag.split("}")[1]
    later = [f"w:{t}" for t in _SETTINGS_ORDER[_SETTINGS_ORDER.index(name) + 1 :]]
    settings.insert_element_before(child, *later)


def configure_settings(settings: BaseOxmlElement, lang: str, east_asia: str = "zh-CN") -> None:
    """Printed double-sided as the PDF: mirrored margins (the wider one inside) and
    different headers on even pages; the document languages. No ``updateFields``: the
    contents carry their page numbers, and Word would ask on opening whether to
    refresh them."""
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    _insert_setting(settings, el("w:mirrorMargins"))
    _insert_setting(settings, el("w:evenAndOddHeaders"))
    _insert_setting(settings, el("w:themeFontLang", val=lang, eastAsia=east_asia))
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)


def drop_first_line_indents(styles: BaseOxmlElement) -> None:
    """Take the first-line indent of Chinese body text out of every paragraph style
    (an edition in a Latin script: its paragraphs start at the margin, as the PDF's
    ``:lang(en) p { text-indent: 0 }``); hanging indents stay."""
    for ind in styles.iter(qn("w:ind")):
        for attr in ("w:firstLine", "w:firstLineChars"):
            ind.attrib.pop(qn(attr), None)


# -- the package --------------------------------------------------------------------


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed dates and sorted entries ([Content_Types].xml first)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
