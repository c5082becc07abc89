"""The DOCX edition (issue 6): structure, styles, links, determinism, LibreOffice round trip."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import libreoffice
import pypdf
import pytest
from conftest import ink
from lxml import etree
from pdf_words import pdf_words
from repository import copy_repository

from normkit.engine.build_one import build_edition, run_edition
from normkit.engine.jobs import Job
from normkit.system import find_root, load_system

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "build" / "test-artifacts"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(srcdir: Path, out: Path, language: str = "zh_CN", **overrides: str) -> tuple[Path, str]:
    """Build the DOCX edition of one standard in-process, as a normkit job does."""
    run = run_edition(
        find_root(srcdir), srcdir, "normkit-docx", language, out, out / ".doctrees", **overrides
    )
    files = sorted(out.glob("*.docx"))
    assert len(files) == 1, files
    return files[0], run.text()


def build_failure(srcdir: Path, out: Path) -> str:
    """Build the DOCX edition of a broken standard: what it said (the engine publishes
    nothing of an edition whose build recorded an error)."""
    run = run_edition(find_root(srcdir), srcdir, "normkit-docx", "zh_CN", out, out / ".doctrees")
    assert run.errors, run.text()
    return run.text()


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("docx-1101")
    return build(REPO / "standards" / "t-xqzc-1101", out)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("docx-2101")
    return build(REPO / "standards" / "t-xqzc-2101", out)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the sample repository's standards and templates to break at will."""
    return copy_repository(tmp_path / "repo")


# -- structure and styles ----------------------------------------------------------------


@pytest.mark.slow
def test_output_name_and_no_warnings(sample: tuple[Path, str]) -> None:
    path, warnings = sample
    assert path.name == "t-xqzc-1101-1.0-zh_CN.docx"
    assert warnings == ""


@pytest.mark.slow
def test_styles_and_heading_texts(sample: tuple[Path, str]) -> None:
    document = docx.Document(str(sample[0]))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    for style in (
        "Cover Title", "Cover Number", "Foreword Title", "Heading 1", "Heading 2", "Heading 3",
        "Term Number", "Term", "Term Definition", "Term Source", "Note", "Example",
        "Table Title", "Figure Title", "Annex Heading", "Normative Reference",
        "Bibliography Entry", "toc 1", "toc 2",
    ):  # fmt: skip
        assert style in by_style, style
    # The numbers are Word's (test_clause_numbers_are_word_numbering), not typed; the
    # separator after them is the text's.
    assert "\u3000范围" in by_style["Heading 1"]
    assert "\u3000总体要求" in by_style["Heading 1"]
    assert "\u3000建设原则" in by_style["Heading 2"]
    assert "\u3000宏基站站址" in by_style["Heading 3"]
    assert by_style["Annex Heading"] == ["\n（资料性）\n典型场景5G覆盖建设方案"]
    assert "表1　5G覆盖场景分类及建设方式" in by_style["Table Title"]
    assert "图1　5G通信基础设施总体架构示意" in by_style["Figure Title"]
    assert by_style["Term Number"][0] == ""  # "3.1" is Word's, as a subclause number
    # "［1］" full-width in a Chinese edition, as the PDF numbers them
    assert by_style["Bibliography Entry"][0].startswith("［1］\tGB")
    assert by_style["Cover Title"] == ["5G通信基础设施建设导则"]


@pytest.mark.slow
def test_clause_numbers_are_word_numbering(sample: tuple[Path, str]) -> None:
    """Clause numbers are a multilevel Word list tied to the heading styles (a heading
    a Word user adds is numbered in sequence); annex subclauses use the annex list."""
    numbering = part(sample[0], "word/numbering.xml")
    # the separator ("　") is the heading text's: a REF field reads the list's words
    assert '<w:lvlText w:val="%1.%2"/>' in numbering
    assert '<w:lvlText w:val="附录%1"/>' in numbering and 'w:val="upperLetter"' in numbering
    styles = part(sample[0], "word/styles.xml")
    heading2 = styles[styles.index('w:styleId="Heading2"') :]
    assert '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>' in heading2[:900]
    document = docx.Document(str(sample[0]))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 40
    assert not [p.text for p in headings if re.match(r"[0-9A-Z]+(\.[0-9]+)*\u3000", p.text)]
    assert "\u3000网络架构" in [p.text for p in headings]  # 4.2 (its number Word's)
    annex = [p for p in headings if p.text == "\u3000典型场景建设参数"]
    assert annex and '<w:numId w:val="2"/>' in annex[0]._p.xml  # A.1


@pytest.mark.slow
def test_toc_field_is_prefilled(sample: tuple[Path, str]) -> None:
    xml = part(sample[0], "word/document.xml")
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    begin = xml.index("TOC \\o")
    assert xml.count('w:fldCharType="begin"') >= xml.count("PAGEREF") + 1
    toc = docx.Document(str(sample[0]))
    entries = [p.text for p in toc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert entries[0].startswith("前言\t") and entries[0].endswith("II")
    assert any(e.startswith("4　总体要求\t") for e in entries)
    assert any(e.startswith("4.2　网络架构\t") for e in entries)
    assert any(e.startswith("附录A（资料性）典型场景5G覆盖建设方案\t") for e in entries)
    assert not any(e.startswith("3.1") for e in entries)  # term entries are not listed
    assert xml.index("PAGEREF") > begin
    # Word would ask on opening whether to update the fields: the numbers are written.
    assert "updateFields" not in part(sample[0], "word/settings.xml")


@pytest.mark.slow
def test_sections_page_numbers_header_footer(sample: tuple[Path, str]) -> None:
    xml = part(sample[0], "word/document.xml")
    assert xml.count("<w:sectPr") == 3
    assert '<w:pgNumType w:fmt="upperRoman" w:start="1"/>' in xml
    assert '<w:pgNumType w:fmt="decimal" w:start="1"/>' in xml
    with zipfile.ZipFile(sample[0]) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if "header" in n]
        footers = [archive.read(n).decode() for n in archive.namelist() if "footer" in n]
    assert any("T/XQZC 1101—2026" in h for h in headers)
    assert any(" PAGE " in f for f in footers)
    # Printed double-sided as the PDF: the number on the outer side of each page.
    settings = part(sample[0], "word/settings.xml")
    assert "<w:evenAndOddHeaders/>" in settings and "<w:mirrorMargins/>" in settings
    # (the cover's section has empty ones: a section without would show the last one's)
    assert xml.count('w:headerReference w:type="even"') == 3
    assert xml.count('w:footerReference w:type="even"') == 3
    assert sum('<w:jc w:val="left"/>' in h for h in headers) == 1


@pytest.mark.slow
def test_tables_repeat_header_and_do_not_split(sample: tuple[Path, str]) -> None:
    xml = part(sample[0], "word/document.xml")
    assert xml.count("<w:tbl>") == 4
    assert xml.count("<w:tblHeader/>") == 4
    assert xml.count("<w:cantSplit/>") == xml.count("<w:tr>")


@pytest.mark.slow
def test_figure_png_with_svg(sample: tuple[Path, str]) -> None:
    with zipfile.ZipFile(sample[0]) as archive:
        names = archive.namelist()
        png = next(n for n in names if n.startswith("word/media/") and n.endswith(".png"))
        assert archive.read(png).startswith(b"\x89PNG")
        assert any(n.endswith(".svg") for n in names)
    assert "asvg:svgBlip" in part(sample[0], "word/document.xml")


@pytest.mark.slow
def test_bookmarks_from_labels_and_links_resolve(sample: tuple[Path, str]) -> None:
    xml = part(sample[0], "word/document.xml")
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>', xml))
    for name in (
        "cl_general", "cl_mec", "term_5g_base_station", "fig_5g_architecture",
        "tab_scenarios", "tab_a_typical", "annex_scenarios", "clause_1", "foreword",
    ):  # fmt: skip
        assert name in bookmarks, name
    anchors = set(re.findall(r'w:anchor="([^"]+)"', xml))
    assert anchors and anchors <= bookmarks
    assert "cl_mec" in anchors and "term_network_slicing" in anchors
    rels = part(sample[0], "word/_rels/document.xml.rels")
    assert 'Target="https://standards.example.org/zh_CN/t-xqzc-1102/"' in rels
    assert 'TargetMode="External"' in rels


@pytest.mark.slow
def test_core_properties(sample: tuple[Path, str]) -> None:
    props = docx.Document(str(sample[0])).core_properties
    assert props.title == "5G通信基础设施建设导则"
    assert props.subject == "T/XQZC 1101—2026 5G通信基础设施建设导则"  # as the PDF's subject
    assert props.author == "示例新区智慧城市标准化技术委员会"
    assert props.version == "1.0"
    assert props.language == "zh-CN"
    assert props.created.year == 2026 and props.modified == props.created


@pytest.mark.slow
def test_east_asian_language_and_fonts(sample: tuple[Path, str]) -> None:
    styles = part(sample[0], "word/styles.xml")
    defaults = styles[styles.index("<w:rPrDefault>") : styles.index("</w:rPrDefault>")]
    assert 'w:eastAsia="zh-CN"' in defaults
    assert 'w:eastAsia="Noto Serif CJK SC"' in defaults
    assert 'w:ascii="FreeSerif"' in defaults and 'w:hAnsi="FreeSerif"' in defaults
    xml = part(sample[0], "word/document.xml")
    assert '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>' in xml
    assert 'w:eastAsia="zh-CN"' in part(sample[0], "word/settings.xml")


@pytest.mark.slow
def test_two_builds_are_byte_identical(sample: tuple[Path, str], tmp_path: Path) -> None:
    again, _ = build(REPO / "standards" / "t-xqzc-1101", tmp_path)
    assert again.read_bytes() == sample[0].read_bytes()
    with zipfile.ZipFile(again) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.slow
def test_draft_has_draft_header(draft: tuple[Path, str]) -> None:
    path, warnings = draft
    assert warnings == ""
    with zipfile.ZipFile(path) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if "header" in n]
    assert any("T/XQZC 2101（征求意见稿）" in h for h in headers)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "（征求意见稿）" in texts


@pytest.mark.slow
def test_english_edition(tmp_path: Path) -> None:
    path, warnings = build(REPO / "standards" / "t-xqzc-1101", tmp_path, language="en")
    assert path.name == "t-xqzc-1101-1.0-en.docx"
    assert warnings == ""
    document = docx.Document(str(path))
    assert document.core_properties.language == "en-US"
    headings = [p.text for p in document.paragraphs if p.style.name == "Annex Heading"]
    assert headings and headings[0].startswith("\n(informative)\n")  # "Annex A": Word's
    assert '<w:lvlText w:val="Annex %1"/>' in part(path, "word/numbering.xml")
    assert '<w:lvlText w:val="%1.%2"/>' in part(path, "word/numbering.xml")
    heading = next(p.text for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading == "  Scope"  # the separator as typed
    # The contents line of an annex reads as the printed contents page has it (the
    # words of the heading's three lines were run together before the shared outline).
    contents = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert any(line.startswith("Annex A (informative) ") for line in contents), contents
    english_face(path, tmp_path)


def english_face(path: Path, tmp_path: Path) -> None:
    """Latin text in a Latin face (its quotation marks proportional), CJK in the CJK face:
    in the styles, and in what LibreOffice draws."""
    styles = part(path, "word/styles.xml")
    body = styles[styles.index('w:styleId="Normal"') :]
    body = body[: body.index("</w:style>")]
    assert 'w:ascii="FreeSerif"' in body and 'w:hAnsi="FreeSerif"' in body
    assert 'w:eastAsia="Noto Serif CJK SC"' in body
    if not libreoffice.available():
        return
    pdf = libreoffice.to_pdf([path], tmp_path / "lo")[0]
    faces: dict[str, set[str]] = {}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if font and text.strip():
            name = str(font.get("/BaseFont", "")).split("+")[-1]
            for char in text:
                faces.setdefault(char, set()).add(name)

    for page in pypdf.PdfReader(pdf).pages[5:9]:
        page.extract_text(visitor_text=visit)
    assert "“" in faces, "no quotation mark on the pages read"
    assert faces["“"] == {"FreeSerif"}, faces["“"]  # not the full-width quote of Noto CJK


@pytest.mark.slow
def test_contents_depth_follows_the_configuration(tmp_path: Path) -> None:
    """``normkit_toc_depth = 1``: the contents list clauses without subclauses, in the
    prefilled lines and in the field Word refreshes them with."""
    path, warnings = build(REPO / "standards" / "t-xqzc-1101", tmp_path, normkit_toc_depth=1)
    assert warnings == ""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert any(line.startswith("4　总体要求\t") for line in lines)
    assert not any(re.match(r"\d+\.\d", line) for line in lines), lines
    assert 'TOC \\o "1-1" \\h \\z \\u' in part(path, "word/document.xml")


# -- footnotes, bad input ----------------------------------------------------------------


@pytest.mark.slow
def test_footnotes_are_word_footnotes(repo_copy: Path, tmp_path: Path) -> None:
    index = repo_copy / "standards" / "t-xqzc-1101" / "index.rst"
    text = index.read_text(encoding="utf-8")
    text = text.replace(
        "其他公众移动通信基础设施的建设参照使用。",
        "其他公众移动通信基础设施的建设参照使用\\ [#]_。\n\n.. [#] 包括专网通信基础设施。",
        1,
    )
    index.write_text(text, encoding="utf-8")
    path, warnings = build(repo_copy / "standards" / "t-xqzc-1101", tmp_path / "out")
    assert warnings == ""
    notes = part(path, "word/footnotes.xml")
    assert '<w:footnote w:id="1">' in notes and "包括专网通信基础设施。" in notes
    assert "<w:footnoteRef/>" in notes
    xml = part(path, "word/document.xml")
    assert '<w:footnoteReference w:id="1"/>' in xml
    assert "包括专网通信基础设施" not in xml
    assert "footnotes" in part(path, "[Content_Types].xml")


@pytest.mark.slow
@pytest.mark.build_warnings()
def test_unreadable_image_names_source_and_line(repo_copy: Path, tmp_path: Path) -> None:
    folder = repo_copy / "standards" / "t-xqzc-1101"
    (folder / "figures" / "5g-architecture.svg").write_text("not an image", encoding="utf-8")
    message = build_failure(folder, tmp_path / "out")
    assert "index.rst:" in message and "5g-architecture.svg" in message


@pytest.mark.slow
@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_broken_reference_docx(repo_copy: Path, tmp_path: Path, content: bytes) -> None:
    reference = repo_copy / "templates" / "docx" / "reference.docx"
    reference.write_bytes(content)
    message = build_failure(repo_copy / "standards" / "t-xqzc-1101", tmp_path / "out")
    assert str(reference) in message and "make_reference.py" in message


@pytest.mark.slow
def test_reference_docx_that_is_not_word(repo_copy: Path, tmp_path: Path) -> None:
    reference = repo_copy / "templates" / "docx" / "reference.docx"
    with zipfile.ZipFile(reference, "w") as archive:
        archive.writestr("hello.txt", "a zip, but no Word document")
    message = build_failure(repo_copy / "standards" / "t-xqzc-1101", tmp_path / "out")
    assert "is not a Word document" in message


@pytest.mark.slow
def test_missing_reference_docx(repo_copy: Path, tmp_path: Path) -> None:
    # The repository's own copy missing, normkit's is used; a file conf.py names is not.
    missing = repo_copy / "templates" / "docx" / "house-styles.docx"
    with (repo_copy / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nnormkit_docx_reference = {str(missing)!r}\n")
    message = build_failure(repo_copy / "standards" / "t-xqzc-1101", tmp_path / "out")
    assert "house-styles.docx is missing" in message


@pytest.mark.slow
@pytest.mark.build_warnings("normkit.docx-unknown-node")
def test_unknown_node_warns_and_still_writes(repo_copy: Path, tmp_path: Path) -> None:
    index = repo_copy / "standards" / "t-xqzc-1101" / "index.rst"
    text = index.read_text(encoding="utf-8")
    marker = "本文件适用于示例新区范围内"
    text = text.replace(marker, ".. hlist::\n\n   * 甲项\n   * 乙项\n\n" + marker, 1)
    index.write_text(text, encoding="utf-8")
    path, warnings = build(repo_copy / "standards" / "t-xqzc-1101", tmp_path / "out")
    assert "does not know the node 'hlist" in warnings
    assert re.search(r"index\.rst:\d+: warning", warnings)
    assert "[normkit.docx-unknown-node]" in warnings
    xml = part(path, "word/document.xml")
    assert "甲项" in xml and "乙项" in xml
    assert "本文件适用于示例新区范围内" in xml


# -- LibreOffice round trip ----------------------------------------------------------------

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed",
)


def to_pdf(path: Path, tmp: Path) -> Path:
    return libreoffice.to_pdf([path], tmp)[0]


@pytest.fixture(scope="module")
def sample_pdf(sample: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are needed")
    return to_pdf(sample[0], tmp_path_factory.mktemp("lo"))


@pytest.mark.slow
@needs_office
def test_libreoffice_shows_every_heading_and_chinese(
    sample: tuple[Path, str], sample_pdf: Path
) -> None:
    text = subprocess.run(
        ["pdftotext", str(sample_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    document = docx.Document(str(sample[0]))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Annex Heading"
    ]
    assert len(headings) > 40
    for heading in headings:
        assert re.sub(r"\s+", "", heading) in flat, heading
    assert "5G通信基础设施建设导则" in flat
    assert "下列术语和定义适用于本文件。" in flat
    # Word's numbers are the doctree's: each contents line (typed from the outline:
    # "4.2　网络架构", "附录A（资料性）…") is in the body as LibreOffice numbers it.
    laid_out = subprocess.run(
        ["pdftotext", "-layout", str(sample_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout  # (in reading order, a list number can come out after the next heading)
    body = re.sub(r"\s+", "", laid_out.split("\f", 4)[-1])  # after the cover and contents
    lines = [p.text.rpartition("\t")[0] for p in document.paragraphs if p.style.name == "toc 2"]
    assert len(lines) > 20 and "A.1　典型场景建设参数" in lines
    assert not [line for line in lines if re.sub(r"\s+", "", line) not in body]
    assert "附录A（资料性）典型场景5G覆盖建设方案" in body
    # Chinese quotation marks in the CJK face, full-width; Latin letters in FreeSerif.
    faces: dict[str, set[str]] = {}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if font and text.strip():
            for char in text:
                faces.setdefault(char, set()).add(str(font.get("/BaseFont", "")).split("+")[-1])

    for page in pypdf.PdfReader(sample_pdf).pages[6:10]:
        page.extract_text(visitor_text=visit)
    assert all("SerifCJK" in face for face in faces["“"]), faces["“"]
    assert "FreeSerif" in faces["G"]
    fonts = subprocess.run(
        ["pdffonts", str(sample_pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "CJK" in fonts and "JP" not in fonts


@pytest.mark.slow
@needs_office
def test_cross_references_are_fields_that_read_right(
    sample: tuple[Path, str], sample_pdf: Path
) -> None:
    """References to clauses, annexes, terms, tables and figures are REF fields on the
    bookmarks of what they cite (Word renumbers them when a clause or a table is added),
    inside hyperlinks (clickable), never dirty (no prompt on opening); captions count
    with SEQ fields, term entries with the clause list. Their results are the current
    numbers, and LibreOffice, which computes the fields itself, prints the same text."""
    xml = part(sample[0], "word/document.xml")
    root = etree.fromstring(xml.encode("utf-8"))
    ns = {"w": W[1:-1]}
    bookmarks = set(root.xpath("//w:bookmarkStart/@w:name", namespaces=ns))
    references: dict[str, str] = {}
    for instruction in root.iter(f"{W}instrText"):
        words = instruction.text.split()
        if words[0] != "REF":
            continue
        link = next(a for a in instruction.iterancestors() if a.tag == f"{W}hyperlink")
        references[words[1]] = " ".join(words[2:])
        # the hyperlink goes where the field reads: the element, or its caption's number
        assert words[1] in (link.get(f"{W}anchor"), link.get(f"{W}anchor") + "_number")
    assert set(references) <= bookmarks
    for cited in ("cl_mec", "cl_emf", "annex_scenarios", "term_mec"):  # list numbers
        assert references[cited] == "\\w", (cited, references)
    for cited in ("tab_room", "tab_a_typical", "fig_5g_architecture"):  # caption numbers
        assert references[f"{cited}_number"] == "", (cited, references)
    sequences = [i.text.strip() for i in root.iter(f"{W}instrText") if "SEQ" in i.text]
    assert {"SEQ 表 \\* ARABIC", "SEQ 图 \\* ARABIC", "SEQ 表A \\* ARABIC"} <= set(sequences)
    assert "w:dirty" not in xml
    document = docx.Document(str(sample[0]))
    citing = [p.text for p in document.paragraphs if "> REF " in p._p.xml]
    assert len(citing) >= 8 and any("见表A.1" in text for text in citing), citing
    terms = [p for p in document.paragraphs if p.style.name == "Term Number"]
    assert terms and all('<w:numId w:val="1"/>' in p._p.xml and not p.text for p in terms)
    text = subprocess.run(
        ["pdftotext", str(sample_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    missing = [t for t in citing if re.sub(r"\s+", "", t) not in flat]
    assert not missing, missing
    first_term = next(p.text for p in document.paragraphs if p.style.name == "Term")
    assert "3.1" + re.sub(r"\s+", "", first_term) in flat, first_term


@pytest.mark.slow
@needs_office
def test_pages_are_set_as_the_print_css(sample: tuple[Path, str], sample_pdf: Path) -> None:
    """The DOCX's page is the PDF's (templates/print/print.css): A4 with its margins,
    headings spaced by its margins (Word, as CSS, keeps the larger of two adjoining
    spaces), lists indented as its ul/ol (the marker at the margin); and in LibreOffice's
    layout of the DOCX the running header ends 3 mm above the text block, the page
    number stands in the middle of the bottom margin, as in the PDF."""
    css = (REPO / "tooling" / "normkit" / "templates" / "print" / "print.css").read_text("utf-8")
    margins = re.search(r"@page \{\s*size: A4;\s*margin: (\d+)mm (\d+)mm (\d+)mm (\d+)mm", css)
    assert margins, "the print CSS's @page rule"
    top, outer, bottom, inner = (float(m) for m in margins.groups())
    xml = part(sample[0], "word/document.xml")
    for size in re.findall(r"<w:pgSz [^>]*/>", xml):
        assert 'w:w="11906"' in size and 'w:h="16838"' in size  # A4
    for margin in re.findall(r"<w:pgMar [^>]*/>", xml):
        mm = {k: int(v) / 1440 * 25.4 for k, v in re.findall(r'w:(\w+)="(\d+)"', margin)}
        assert [round(mm[k], 1) for k in ("top", "right", "bottom", "left")] == [
            top,
            outer,
            bottom,
            inner,
        ], margin
    assert "<w:mirrorMargins/>" in part(sample[0], "word/settings.xml")
    styles = docx.Document(str(sample[0])).styles
    assert styles["Heading 1"].paragraph_format.space_before.pt == pytest.approx(1.2 * 10.5)
    assert styles["Heading 2"].paragraph_format.space_before.pt == pytest.approx(0.8 * 10.5)
    item = styles["List Item"].paragraph_format
    assert item.left_indent.pt == pytest.approx(2 * 10.5, abs=0.2)  # ul: padding-left 2em
    assert item.first_line_indent.pt == pytest.approx(-2 * 10.5, abs=0.2)  # the dash hangs
    point = 72 / 25.4
    pages = pdf_words(sample_pdf)
    body = next(i for i, words in enumerate(pages) if "范围" in [w.text for w in words][:8])
    headers, numbers = [], []
    for words in pages[body:]:
        headers += [w.bottom for w in words if w.text.startswith("T/XQZC")][:1]
        numbers += [w.middle for w in words if w.text.isdigit() and w.top > 780]
    assert headers and all(abs(b - (top - 3) * point) < 2 for b in headers), headers
    assert numbers and all(abs(m - (297 - bottom / 2) * point) < 3 for m in numbers), numbers


@pytest.mark.slow
@needs_office
def test_toc_page_estimates_are_close(sample: tuple[Path, str], sample_pdf: Path) -> None:
    """The prefilled contents' page numbers are within one page of LibreOffice's layout."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(sample_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    document = docx.Document(str(sample[0]))
    entries = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    body_start = next(
        i for i, page in enumerate(pages) if re.search(r"1\s+范围", page) and "......" not in page
    )
    checked = 0
    for entry in entries:
        title, _, page = entry.rpartition("\t")
        if not page.isdigit():
            continue
        key = re.sub(r"\s+", "", title)
        actual = next(
            i - body_start + 1
            for i in range(body_start, len(pages))
            if key in re.sub(r"\s+", "", pages[i])
        )
        assert abs(actual - int(page)) <= 1, (title, page, actual)
        checked += 1
    assert checked >= 7


@pytest.mark.slow
@needs_office
def test_first_pages_as_png(
    sample: tuple[Path, str], sample_pdf: Path, draft: tuple[Path, str], tmp_path: Path
) -> None:
    """Writes the first pages of the LibreOffice rendering to build/test-artifacts/."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is needed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, pdf in (("1101", sample_pdf), ("2101", to_pdf(draft[0], tmp_path))):
        prefix = ARTIFACTS / f"docx-t-xqzc-{name}"
        for old in ARTIFACTS.glob(f"{prefix.name}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "6", str(pdf), str(prefix)],
            check=True,
            timeout=120,
        )
        images = sorted(ARTIFACTS.glob(f"{prefix.name}-*.png"))
        assert len(images) == 6
        inks = [ink(png) for png in images]
        # The back of the cover is blank, as printed; the other pages have text.
        assert inks[1] == 0 and all(0.001 < i < 0.6 for i in inks[:1] + inks[2:]), inks
        cover = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert f"T/XQZC {name}" in cover, cover[:300]


# -- the contents' page numbers ------------------------------------------------------------


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The DOCX and PDF of 1101 built in one job, as `normkit build` does (DOCX asked
    for first: the job still lays the PDF out before it)."""
    out = tmp_path_factory.mktemp("docx-pdf-1101")
    standard = load_system(REPO).standards["T/XQZC 1101"]
    jobs = [Job(standard, "zh_CN", "docx"), Job(standard, "zh_CN", "pdf")]
    results = build_edition(REPO, jobs, out, strict=True)
    assert [r.status for r in results] == ["built", "built"], [r.errors for r in results]
    return results[0].outputs[0], results[1].outputs[0]


def contents_pages(path: Path) -> list[tuple[str, str]]:
    """(title, page) of every line of a DOCX's contents."""
    lines = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("toc")]
    return [(re.sub(r"\s+", "", t), n) for t, _, n in (line.rpartition("\t") for line in lines)]


@pytest.mark.slow
def test_contents_pages_are_the_pdfs(with_pdf: tuple[Path, Path]) -> None:
    """Each contents line carries the page its heading is printed on in the PDF."""
    path, pdf = with_pdf
    reader = pypdf.PdfReader(pdf)
    printed: dict[str, str] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.page_labels[reader.get_destination_page_number(item)]
                printed[re.sub(r"\s+", "", item.title)] = page

    walk(reader.outline)
    lines = contents_pages(path)
    matched = [(t, n) for t, n in lines if t in printed]
    assert len(matched) >= 25, (lines, printed)
    assert all(printed[t] == n for t, n in matched), [(t, n, printed[t]) for t, n in matched]
    assert ("前言", "II") in lines and ("5.3站址与市政设施协同", "5") in lines


@pytest.mark.slow
@needs_office
def test_contents_pages_match_libreoffice(with_pdf: tuple[Path, Path], tmp_path: Path) -> None:
    """LibreOffice lays the DOCX out itself: its pages agree with the contents' numbers
    (which are the PDF's) for nine headings in ten and are never a page further away."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(to_pdf(with_pdf[0], tmp_path)), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")
    flat = [re.sub(r"\s+", "", page) for page in pages]
    body = next(i for i, page in enumerate(flat) if "1范围" in page and "目次" not in page)
    # As in the PDF: the back of the cover and the page before the body are blank (the
    # front matter fills three pages; the body begins on a right-hand page), no header.
    assert flat[1] == "" and flat[body - 1] == "" and body % 2 == 0, flat[: body + 1]
    differences = []
    for title, page in contents_pages(with_pdf[0]):
        if page.isdigit():
            actual = next(i - body + 1 for i in range(body, len(flat)) if title in flat[i])
            differences.append(abs(actual - int(page)))
    assert len(differences) >= 25 and max(differences) <= 1, differences
    assert differences.count(0) >= 0.9 * len(differences), differences
