"""Editions as a publisher prints them (issue 16, points 1, 2, 6, 10 and 14 …).

One small bilingual standard with a figure whose labels are SVG text and a bibliography
(ten entries: a standard of this system cited bare, an entry whose translation is the
same text, a translated one) is built once as a bilingual PDF and DOCX and an English
PDF and HTML page; the tests read them back.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import PO_EN, write_repo
from pdf_words import pdftotext

from normkit.cli import main

INDEX = """\
.. foreword::

   本文件由测试委员会提出。

范围
====

本文件规定了通信设施的建设要求，标记语言见 Docutils_ 。

.. _Docutils: https://docutils.sourceforge.io/

.. normative-references::

   - :std:`T/TEST 1102`

.. _cl-general:

一般要求
========

设施应符合本文件的要求。

.. list-table:: 设施指标
   :name: tab-kpi
   :header-rows: 1

   * - 指标项目
     - 要求
     - 指标项目
     - 要求
     - 指标项目
     - 要求
   * - 设备在线率
     - ≥95%
     - 端到端时延
     - ≤100 ms
     - 平均无故障时间
     - ≥30 000 h

.. figure:: figures/layers.svg
   :name: fig-layers

   平台层次

.. bibliography::

   - GB 50689—2011 通信局（站）防雷与接地工程设计规范
   - :std:`T/TEST 1102`
   - 3GPP TS 23.501 System architecture for the 5G System (5GS)
   - ITU-T Y.4000 Overview of the Internet of things
   - ITU-T Y.4001 Entry one
   - ITU-T Y.4002 Entry two
   - ITU-T Y.4003 Entry three
   - ITU-T Y.4004 Entry four
   - ITU-T Y.4005 Entry five
   - ITU-T Y.4006 Entry ten
"""

PO = PO_EN.replace(
    'msgid "本文件规定了通信设施的建设要求。"\n'
    'msgstr "This document specifies requirements for communication facilities."',
    'msgid "本文件规定了通信设施的建设要求，标记语言见 Docutils_ 。"\n'
    'msgstr "This document specifies communication facilities; for the markup see Docutils_."',
) + "".join(
    f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    for msgid, msgstr in [
        ("本文件由测试委员会提出。", "This document was proposed by the Test committee."),
        (
            "GB 50689—2011 通信局（站）防雷与接地工程设计规范",
            "GB 50689—2011 Code for lightning protection of telecommunication stations",
        ),
        (":std:`T/TEST 1102`", ":std:`T/TEST 1102`"),
        ("平台层次", "Platform layers"),
        ("平台层", "Platform layer"),
        ("感知终端接入层", "Sensing terminal access layer"),
        *[
            (line, line)
            for line in INDEX.splitlines()
            if line.startswith(("   - 3GPP", "   - ITU"))
            for line in [line.removeprefix("   - ")]
        ],
    ]
)
# The drawing's own title (message context "figure"), apart from the caption's words;
# the labels above are plain entries, as catalogs made before figure words had a
# context hold them.
PO += '\nmsgctxt "figure"\nmsgid "平台层次"\nmsgstr "Layers of the platform"\n'


SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
  <title>平台层次</title>
  <rect x="10" y="10" width="120" height="40" fill="none" stroke="#000"/>
  <text x="20" y="35" font-size="14px">平台层</text>
  <text x="20" y="95" font-size="14px">感知终端接入层</text>
  <text x="200" y="35" font-size="14px">MQTT</text>
</svg>
"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual PDF and DOCX of the scratch standard; the build folder."""
    root = write_repo(
        tmp_path_factory.mktemp("publication") / "repo",
        {
            "standards/t-test-1101/index.rst": INDEX,
            "standards/t-test-1101/figures/layers.svg": SVG,
            "standards/t-test-1101/locale/en/LC_MESSAGES/index.po": PO,
            "standards/t-test-1102/locale/en/LC_MESSAGES/index.po": None,
        },
    )
    out = io.StringIO()
    args = ["build", "--root", str(root), "--standard", "t-test-1101", "--lang", "bilingual"]
    code = main([*args, "--format", "pdf", "--format", "docx", "-j", "2"], stdout=out, stderr=out)
    assert code == 0, out.getvalue()
    args = ["build", "--root", str(root), "--standard", "t-test-1101", "--lang", "en"]
    code = main([*args, "--format", "pdf", "--format", "html", "-j", "2"], stdout=out, stderr=out)
    assert code == 0, out.getvalue()
    assert "WARNING" not in out.getvalue(), out.getvalue()
    return root / "build"


@pytest.fixture(scope="module")
def pdf_text(bilingual: Path) -> str:
    return pdftotext(bilingual / "pdf" / "t-test-1101-1.0-bilingual.pdf")


@pytest.mark.slow
def test_bibliography_numbers_stand_beside_their_entry(pdf_text: str) -> None:
    """ "［1］" full-width in a Chinese edition, as printed GB/T standards number them."""
    bibliography = pdf_text[pdf_text.rindex("参") :]
    assert not re.search(r"［\d+］\s*$", bibliography, re.M), "a number on a line of its own"
    assert re.search(r"［1］ +GB 50689—2011 通信局", bibliography)
    assert re.search(r"［10］ +ITU-T Y\.4006", bibliography), "two-digit numbers keep their gap"


@pytest.mark.slow
def test_bibliography_prints_each_entry_once_with_both_titles(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    assert flat.count("3GPP TS 23.501 System architecture") == 1
    assert "T/TEST 1102 网络导则 / Network guidelines" in flat
    # The translated entry: the master's line, then the translation's.
    assert "GB 50689—2011 Code for lightning protection of telecommunication stations" in flat


@pytest.mark.slow
def test_generated_sentences_have_their_english_half(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    for chinese, english in (
        ("本文件按照GB/T 1.1—2020", "drafted in accordance with the rules given in GB/T 1.1—2020"),
        ("请注意本文件的某些内容可能涉及专利", "Attention is drawn to the possibility"),
        ("下列文件中的内容通过文中的规范性引用", "The following documents are referred to"),
    ):
        assert chinese in flat.replace(" ", "") or chinese in flat
        assert english in flat


@pytest.mark.slow
def test_docx_bibliography_numbers_entries_not_translations(bilingual: Path) -> None:
    document = docx.Document(str(bilingual / "docx" / "t-test-1101-1.0-bilingual.docx"))
    entries = [
        p.text.replace("\u00a0", " ")  # a document number is joined by no-break spaces
        for p in document.paragraphs
        if p.style.name == "Bibliography Entry"
    ]
    numbers = [m.group(0) for e in entries if (m := re.match(r"［\d+］", e))]
    assert numbers == [f"［{n}］" for n in range(1, 11)]
    assert "\tGB 50689—2011 Code for lightning protection of telecommunication stations" in entries
    titles = [p.text for p in document.paragraphs if p.style.name == "Document Title"]
    assert titles == ["通信导则", "Communication guidelines"]
    last = [p for p in document.paragraphs if p.text.strip() or p.style.name == "End Mark"][-1]
    assert last.style.name == "End Mark"


def _text(pdf: Path) -> str:
    return pdftotext(pdf, layout=False)


@pytest.mark.slow
def test_figure_words_are_translated_in_every_edition(bilingual: Path) -> None:
    english = _text(bilingual / "pdf" / "t-test-1101-1.0-en.pdf")
    assert "Platform layer" in english and "Sensing terminal access layer" in english
    assert "平台层" not in english and "感知终端接入层" not in english
    assert "MQTT" in english  # words without a translation stay
    both = _text(bilingual / "pdf" / "t-test-1101-1.0-bilingual.pdf")
    assert "平台层" in both and "Platform layer" in both
    assert "平台层次 / Platform layers" in both  # the caption's halves apart, as a table's
    page = bilingual / "html" / "en" / "t-test-1101"
    html = (page / "index.html").read_text(encoding="utf-8")
    drawing = re.search(r'<img[^>]+src="(_images/layers\.en\.svg)"', html)
    assert drawing, "the English page shows the translated drawing"
    svg = (page / drawing.group(1)).read_text(encoding="utf-8")
    assert "<title>Layers of the platform</title>" in svg and "平台层" not in svg
    assert "Platform layers" in html  # the caption: the text's own translation
    with zipfile.ZipFile(bilingual / "docx" / "t-test-1101-1.0-bilingual.docx") as docx_file:
        media = [docx_file.read(n) for n in docx_file.namelist() if n.endswith(".svg")]
    assert media and all(b"Platform layer" in m and "平台层".encode() in m for m in media)


@pytest.mark.slow
def test_translate_puts_figure_words_in_the_catalog(bilingual: Path, tmp_path: Path) -> None:
    root = bilingual.parent
    out = io.StringIO()
    assert main(["translate", "--root", str(root), "--standard", "t-test-1101"], stdout=out) == 0
    po = (root / "standards/t-test-1101/locale/en/LC_MESSAGES/index.po").read_text("utf-8")
    # In the message context "figure", a fuzzy copy of the plain entry it had before.
    figure = r'(?:#[^\n]*\n)*msgctxt "figure"\nmsgid "感知终端接入层"'
    entry = re.search(r"#: (figures/layers\.svg:\d+)[^\n]*\n" + figure, po)
    assert entry, po[-800:]
    assert 'msgid "MQTT"' in po


@pytest.mark.slow
def test_named_link_in_a_translation_points_at_its_target(bilingual: Path) -> None:
    """``See Docutils_`` in a translated segment links to the target's URL, as Sphinx's
    own Locale transform resolves it (it pointed at "#docutils", silently)."""
    from pypdf import PdfReader

    html = (bilingual / "html" / "en" / "t-test-1101" / "index.html").read_text("utf-8")
    assert "for the markup see" in html
    assert 'href="#docutils"' not in html
    assert html.count('href="https://docutils.sourceforge.io/"') == 1
    reader = PdfReader(bilingual / "pdf" / "t-test-1101-1.0-bilingual.pdf")
    uris = [
        a.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for a in page.get("/Annots") or []
    ]
    assert uris.count("https://docutils.sourceforge.io/") == 2  # the master's and the English


@pytest.mark.slow
def test_html_on_a_small_screen_and_numbered_deep_links(bilingual: Path) -> None:
    """At 390 px no top-bar link and no table value breaks inside its words, and a
    labelled clause also answers to its numbered anchor."""
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = bilingual / "html" / "en" / "t-test-1101" / "index.html"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(page_file.as_uri())
            lines = page.evaluate(
                """() => {
                  const count = (el) => {
                    const range = document.createRange();
                    range.selectNodeContents(el);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    return [el.textContent.trim(), tops.size];
                  };
                  return [...document.querySelectorAll('.nk-topbar a, .nk-body td p')]
                    .filter(el => el.textContent.trim()).map(count);
                }"""
            )
            anchors = page.evaluate(
                "() => ['clause-2', 'cl-general'].map(i => !!document.getElementById(i))"
            )
        finally:
            browser.close()
    broken = [text for text, count in lines if count > 1]
    assert not broken, broken
    assert any(text == "≥95%" for text, _ in lines)
    assert anchors == [True, True]


def test_document_numbers_and_quantities_are_found() -> None:
    from normkit.sphinxext.unbreakable import PATTERN

    text = "按照GB/T 1.1—2020，见T/XQZC 1102；覆盖 500 m，MTBF ≥30 000 h，ISO/IEC 30141:2018"
    assert [m.group(0) for m in PATTERN.finditer(text)] == [
        "GB/T 1.1—2020", "T/XQZC 1102", "500 m", "≥30 000 h", "ISO/IEC 30141:2018",
    ]  # fmt: skip
    assert not list(PATTERN.finditer("in 2026 a 5G base station"))


@pytest.mark.slow
def test_docx_keeps_values_with_their_units(bilingual: Path) -> None:
    with zipfile.ZipFile(bilingual / "docx" / "t-test-1101-1.0-bilingual.docx") as docx_file:
        xml = docx_file.read("word/document.xml").decode("utf-8")
    assert "≥30\u00a0000\u00a0h" in xml and "≤100\u00a0ms" in xml
