"""The PDF edition (``normkit-pdf``): cover, text, contents, paging, bookmarks, fonts,
metadata, links, watermark, labels, and the guards on what WeasyPrint may read.

The sample standards T/XQZC 1101 (published) and T/XQZC 2101 (draft) are built once
per module; checks read the PDFs back with poppler (pdftotext, pdffonts, pdfinfo) and
pypdf. Any WeasyPrint warning (a fontTools fallback above all) fails the build fixture.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ink
from pdf_words import Word, page_words, pdf_words, pdftotext
from pypdf import PdfReader
from repository import copy_repository

from normkit.engine.build_one import run_edition
from normkit.system import find_root

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "build" / "test-artifacts"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


@dataclass
class Built:
    """A PDF built by the ``normkit-pdf`` builder and what WeasyPrint logged meanwhile."""

    pdf: Path
    weasyprint_warnings: list[str]
    sphinx_warnings: str

    @property
    def reader(self) -> PdfReader:
        return PdfReader(self.pdf)

    def page_texts(self) -> list[str]:
        """pdftotext of every page, in page order."""
        pages = len(self.reader.pages)
        return [pdftotext(self.pdf, page) for page in range(1, pages + 1)]


class WarningCollector(logging.Handler):
    """Collects the WeasyPrint logger's warnings (as WeasyPrint's ``capture_logs``)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_pdf(srcdir: Path, outdir: Path, language: str = "zh_CN", **config: object) -> Built:
    """Build ``srcdir`` with the ``normkit-pdf`` builder, in-process (``config``
    overrides configuration values)."""
    collector = WarningCollector()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addHandler(collector)
    try:
        root = find_root(srcdir)
        run = run_edition(
            root, srcdir, "normkit-pdf", language, outdir, outdir / ".doctrees", **config
        )
    finally:
        weasy_logger.removeHandler(collector)
    version = "1.0"
    return Built(
        outdir / f"{srcdir.name}-{version}-{language}.pdf",
        collector.messages,
        run.text(),
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("pdf-1101")
    return build_pdf(REPO_ROOT / "standards" / "t-xqzc-1101", out)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("pdf-2101")
    return build_pdf(REPO_ROOT / "standards" / "t-xqzc-2101", out)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("pdf-1101-en")
    return build_pdf(REPO_ROOT / "standards" / "t-xqzc-1101", out, language="en")


@pytest.fixture(params=["published", "draft"])
def built(request: pytest.FixtureRequest) -> Iterator[Built]:
    yield request.getfixturevalue(request.param)


def squash(text: str) -> str:
    """Text without the spaces and line breaks layout puts into it."""
    return re.sub(r"\s+", "", text)


def footer(page_text: str) -> str:
    """The page number: the last non-empty line of a page, if it is a number."""
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return last if re.fullmatch(r"[0-9]+|[IVXLC]+", last) else ""


# ---- the builder ------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_is_written_under_its_name_and_nothing_else(published: Built) -> None:
    assert published.pdf.name == "t-xqzc-1101-1.0-zh_CN.pdf"
    assert published.pdf.read_bytes().startswith(b"%PDF-")
    leftovers = [p.name for p in published.pdf.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.slow
def test_no_weasyprint_warning_and_no_fonttools_fallback(published: Built, draft: Built) -> None:
    for built in (published, draft):
        assert not [m for m in built.weasyprint_warnings if "fontTools" in m]
        assert built.weasyprint_warnings == []
        assert "WeasyPrint" not in built.sphinx_warnings


# ---- cover and text ---------------------------------------------------------------


@pytest.mark.slow
def test_cover_of_the_published_standard(published: Built) -> None:
    cover = squash(pdftotext(published.pdf, 1))
    for words in (
        "ICS33.070.50",
        "CCSM36",
        "团体标准",
        "T/XQZC1101—2026",
        "5G通信基础设施建设导则",
        "2026-01-20发布",
        "2026-04-01实施",
        "示例新区智慧城市标准化技术委员会",
    ):
        assert words in cover, words
    assert "Guidelines for the construction of 5G" in pdftotext(published.pdf, 1)
    assert "征求意见稿" not in cover


@pytest.mark.slow
def test_cover_of_the_draft(draft: Built) -> None:
    cover = squash(pdftotext(draft.pdf, 1, layout=False))
    assert "T/XQZC2101" in cover
    assert "智慧停车系统建设导则" in cover
    assert "（征求意见稿）" in cover


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fixture", "sentence"),
    [
        (
            "published",
            "本文件适用于示例新区范围内5G宏基站、微基站、室内分布系统、传输管线、通信机房"
            "和边缘计算节点等通信基础设施新建、改建和扩建工程的规划、设计、施工、验收和运行维护。",
        ),
        (
            "draft",
            "本文件规定了智慧停车系统建设的总体要求、系统架构、建设要求、数据与接口以及测试、"
            "验收与运行维护要求，描述了泊位检测技术的选型方法。",
        ),
    ],
)
def test_chinese_text_is_extracted_as_written(
    request: pytest.FixtureRequest, fixture: str, sentence: str
) -> None:
    built: Built = request.getfixturevalue(fixture)
    assert sentence in squash(pdftotext(built.pdf, layout=False))


# ---- contents and paging ----------------------------------------------------------


def page_lines(pdf: Path) -> list[list[str]]:
    """The lines of text of every page, read from the word boxes (words grouped by
    baseline)."""
    pages = []
    for words in pdf_words(pdf):
        lines: list[list[Word]] = []
        # (CJK and Latin words of one line stand a few points apart in height.)
        for word in sorted(words, key=lambda w: w.bottom):
            if lines and word.bottom - lines[-1][0].bottom < 5:
                lines[-1].append(word)
            else:
                lines.append([word])
        pages.append(
            [" ".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines]
        )
    return pages


def contents(pages: list[list[str]]) -> list[tuple[str, str]]:
    """(entry text, printed page) of every line of the contents: the entry left of the
    gap its dotted leader fills (a drawn rule, no text), the page number at the right."""
    start = next(i for i, lines in enumerate(pages) if "目 次" in lines or "目次" in lines)
    entries = []
    for lines in pages[start : start + 2]:
        for line in lines[1:]:  # after the running header
            entry, _, page = line.rpartition(" ")
            if entry and re.fullmatch(r"[0-9]+|[IVXLC]+", page):
                entries.append((entry, page))
    return entries


@pytest.mark.slow
def test_front_matter_in_roman_numerals_and_body_from_1(built: Built) -> None:
    pages = built.page_texts()
    labels = [footer(text) for text in pages]
    assert labels[0] == ""  # the cover has no page number
    numbered = [label for label in labels if label]
    roman = [label for label in numbered if not label.isdigit()]
    arabic = [int(label) for label in numbered if label.isdigit()]
    assert roman[:2] == ["I", "II"]
    assert arabic[0] == 1
    assert arabic == list(range(1, len(arabic) + 1))
    # every Roman page comes before the first Arabic page
    assert max(i for i, v in enumerate(labels) if v and not v.isdigit()) < labels.index("1")


@pytest.mark.slow
def test_page_labels_match_the_printed_numbers(built: Built) -> None:
    """A viewer shows the numbers printed in the footers (PDF page labels)."""
    from pypdf import PdfReader

    printed = [footer(text) for text in built.page_texts()]
    labels = PdfReader(built.pdf).page_labels
    assert labels[0] == ""
    for index, number in enumerate(printed):
        if number:  # blank pages print nothing but keep their place in the count
            assert labels[index] == number, (index, labels[index], number)


@pytest.mark.slow
def test_contents_leaders_are_dotted_lines_a_viewer_draws_at_once(
    built: Built, tmp_path: Path
) -> None:
    """Between each contents entry and its page number a dotted leader is printed, and
    it is drawn as lines, not as a pattern repeated every few points: poppler (evince,
    pdftoppm) draws such a pattern tile by tile, two minutes for one contents page."""
    pages = pdf_words(built.pdf)
    start = next(i for i, words in enumerate(pages) if "目" in {w.text for w in words})
    heading = next(w for w in pages[start] if w.text == "目")
    words = [w for w in pages[start] if w.top > heading.bottom]
    numbers = [w for w in words if re.fullmatch(r"[0-9]+|[IVX]+", w.text) and w.left > 400]
    assert len(numbers) >= 6, [w.text for w in words]
    page = PdfReader(built.pdf).pages[start]
    patterns = page["/Resources"].get("/Pattern", {})
    steps = [patterns[name].get_object().get("/XStep") for name in patterns]
    assert all(step is None or abs(step) > 100 for step in steps), steps
    for number in numbers[:6]:
        entry = max(
            (w for w in words if w.right < number.left and abs(w.bottom - number.bottom) < 3),
            key=lambda w: w.right,
        )
        # The gap between the entry and its number, a few points above the baseline
        # (rendered at 72 dpi: a pixel is a point).
        left, right = int(entry.right) + 6, int(number.left) - 6
        assert right - left > 40, (entry.text, number.text)
        png = tmp_path / f"leader-{number.text}"
        subprocess.run(
            ["pdftoppm", "-r", "144", "-gray", "-png", "-singlefile",
             "-f", str(start + 1), "-l", str(start + 1),
             "-x", str(left * 2), "-y", str(int(number.bottom - 5) * 2),
             "-W", str((right - left) * 2), "-H", "10", str(built.pdf), str(png)],
            check=True, timeout=60,
        )  # fmt: skip
        assert ink(png.with_suffix(".png")) > 0.03, (entry.text, number.text)


@pytest.mark.slow
def test_contents_page_numbers_are_where_the_clauses_start(built: Built) -> None:
    pages = ["\n".join(lines) for lines in page_lines(built.pdf)]
    physical = {footer(text): index for index, text in enumerate(pages) if footer(text)}
    entries = contents(page_lines(built.pdf))
    clauses = [(e, p) for e, p in entries if re.match(r"^[0-9]+\s", e)]
    assert len(clauses) >= 6, entries
    checked = 0
    for entry, printed in entries:
        number_title = re.match(r"^(?P<number>[0-9A-Z.]+)\s+(?P<title>\S+)$", entry)
        annex = re.match(r"^(?P<label>附录[A-Z])", entry)
        if number_title:
            heading = re.compile(
                rf"^\s*{re.escape(number_title['number'])}\s+{re.escape(number_title['title'])}\s*$",
                re.M,
            )
        elif annex:
            heading = re.compile(rf"^\s*{annex['label']}\s*$", re.M)
        else:  # 前言, 引言, 参考文献: a centred, letter-spaced title
            spaced = r"\s*".join(map(re.escape, squash(entry)))
            heading = re.compile(rf"^\s*{spaced}\s*$", re.M)
        page = physical[printed]
        assert heading.search(pages[page]), f"{entry!r} is not on page {printed}"
        if page > 0 and number_title:
            assert not heading.search(pages[page - 1]), f"{entry!r} is before page {printed}"
        checked += 1
    assert checked == len(entries)


@pytest.mark.slow
def test_running_header_carries_the_number(published: Built) -> None:
    pages = published.page_texts()
    body = [text for text in pages if footer(text).isdigit()]
    assert all("T/XQZC 1101—2026" in text.splitlines()[0] for text in body)


# ---- bookmarks, links, metadata, fonts --------------------------------------------


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.mark.slow
def test_bookmarks_list_the_clauses_and_annexes(published: Built) -> None:
    titles = [squash(t) for t in outline_titles(published.reader)]
    top = [squash(t.title) for t in published.reader.outline if not isinstance(t, list)]
    for expected in ("前言", "引言", "1范围", "2规范性引用文件", "3术语和定义", "4总体要求"):
        assert expected in top
    assert "7验收与运维" in top
    assert "附录A（资料性）典型场景5G覆盖建设方案" in top
    assert "参考文献" in top
    assert "4.1建设原则" in titles and "A.1典型场景建设参数" in titles
    assert not any(t.startswith("3.1") for t in titles)  # term entries are not headings
    assert published.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"  # opens on them


def structure_elements(reader: PdfReader, tag: str) -> list[dict]:
    """Every element of the PDF's structure tree (its tags) with the role ``tag``."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        element = todo.pop().get_object()
        if not hasattr(element, "get"):
            continue
        if element.get("/S") == f"/{tag}":
            found.append(element)
        kids = element.get("/K", [])
        todo.extend(kids if isinstance(kids, list) else [kids])
    return found


@pytest.mark.slow
def test_figures_are_tagged_with_their_title_as_alternative_text(published: Built) -> None:
    alts = [str(figure["/Alt"]) for figure in structure_elements(published.reader, "Figure")]
    assert alts == ["5G通信基础设施总体架构示意"]  # the figure's title, not its file


@pytest.mark.slow
def test_cross_references_are_internal_links(published: Built) -> None:
    reader = published.reader
    destinations = set(reader.named_destinations)
    internal, external = set(), set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A") or {}
            if "/URI" in action:
                external.add(action["/URI"])
            elif "/Dest" in annot:
                internal.add(str(annot["/Dest"]))
    for target in ("tab-scenarios", "fig-5g-architecture", "cl-mec", "term-network-slicing"):
        assert target in internal
    assert internal <= destinations
    assert "https://standards.example.org/zh_CN/t-xqzc-1102/" in external
    assert all(uri.startswith("https://standards.example.org/") for uri in external)


@pytest.mark.slow
def test_metadata(published: Built) -> None:
    info = subprocess.run(
        ["pdfinfo", str(published.pdf)], check=True, capture_output=True, text=True
    ).stdout
    meta = published.reader.metadata
    assert meta.title == "T/XQZC 1101—2026 5G通信基础设施建设导则"
    assert meta.author == "示例新区智慧城市标准化技术委员会"
    assert "T/XQZC 1101—2026" in meta.subject
    keywords = meta["/Keywords"]
    assert "ICS 33.070.50" in keywords and "CCS M36" in keywords
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    root = published.reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"


@pytest.mark.slow
def test_archival_pdf_a_2u(published: Built) -> None:
    """What an archive checks of a PDF/A-2u file: its claim, colours, metadata, links."""
    reader = published.reader
    xmp = reader.xmp_metadata
    assert xmp is not None
    part = xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part")
    conformance = xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "conformance")
    assert [a.value for a in part] == ["2"]
    assert [a.value for a in conformance] == ["U"]
    assert xmp.dc_title == {"x-default": "T/XQZC 1101—2026 5G通信基础设施建设导则"}
    assert xmp.dc_creator == ["示例新区智慧城市标准化技术委员会"]
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"].endswith("sRGB")
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert profile[12:20] == b"mntrRGB "  # an ICC display profile in RGB
    assert reader.pdf_header == "%PDF-1.7" and not reader.is_encrypted
    links = [
        a.get_object()
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Link"
    ]
    assert links and all(link["/F"] == 4 for link in links)  # printable, as PDF/A asks


def test_unknown_pdf_variant_is_refused_with_the_fix(tmp_path: Path) -> None:
    srcdir, _line = small_repo(tmp_path, "figures/missing.svg")
    message = build_pdf(srcdir, tmp_path / "out", normkit_pdf_variant="pdf/a-9").sphinx_warnings
    assert "conf.py" in message and "'pdf/a-9'" in message
    assert "pdf/a-2u" in message and "pdf/ua-1" in message
    assert not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.slow
def test_every_font_is_embedded_and_subset(built: Built) -> None:
    listing = subprocess.run(
        ["pdffonts", str(built.pdf)], check=True, capture_output=True, text=True
    ).stdout
    rows = listing.splitlines()[2:]
    assert rows
    families = " ".join(rows)
    assert "Noto-Serif-CJK-SC" in families and "Noto-Sans-CJK-SC" in families
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


# ---- draft watermark, English edition ---------------------------------------------


def _watermark_pixels(pdf: Path, page: int, folder: Path) -> tuple[int, float]:
    """How many pixels of a page (rendered at 20 dpi) are the watermark's pale red, and
    how grey they print in greyscale (0 black, 255 white)."""
    from PIL import Image

    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-singlefile", "-f", str(page), "-l", str(page),
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    with Image.open(f"{stem}.png") as image:
        rgb, greys = image.convert("RGB").tobytes(), image.convert("L").tobytes()
    colours = zip(rgb[0::3], rgb[1::3], rgb[2::3], strict=True)
    # #c00000 at 13 % over white: about (247, 222, 222); text is black or grey.
    pale_red = [
        grey
        for (red, green, blue), grey in zip(colours, greys, strict=True)
        if red > 200 and red - green > 12 and abs(green - blue) < 8
    ]
    return len(pale_red), (sum(pale_red) / len(pale_red) if pale_red else 255.0)


@pytest.mark.slow
def test_draft_watermark_on_every_page_is_drawn_not_text(
    draft: Built, published: Built, tmp_path: Path
) -> None:
    """A draft's pages carry 征求意见稿 across them, drawn as outlines rather than set as
    text: copying a requirement or running pdftotext picked its letters up in the middle
    of the text. It still shows on every page, and prints grey in greyscale."""
    pages = pdftotext(draft.pdf).split("\f")[:-1]
    assert "（征求意见稿）" in pages[0]  # the cover says it in words
    for number, text in enumerate(pages[1:], start=2):
        assert "征求意见稿" not in text, number
    middle = draft.reader.pages[len(pages) // 2]
    assert "征求意见稿" not in middle.extract_text() and "应" in middle.extract_text()
    for number in (len(pages) // 2, len(pages) // 2 + 1, len(pages)):
        count, grey = _watermark_pixels(draft.pdf, number, tmp_path)
        assert count > 200, (number, count)  # of 165 × 234 pixels
        assert grey < 240, (number, grey)  # visibly grey on white paper
    assert _watermark_pixels(published.pdf, len(pages) // 2, tmp_path)[0] < 20


@pytest.mark.slow
def test_english_labels(english: Built) -> None:
    assert english.pdf.name == "t-xqzc-1101-1.0-en.pdf"
    text = pdftotext(english.pdf)
    for words in ("Contents", "Foreword", "Table 1 — ", "Figure 1 — ", "Annex A", "NOTE"):
        assert words in text, words
    assert "Annex A (informative)" in text
    assert "表1" not in text and "目次" not in text
    assert english.reader.trailer["/Root"]["/Lang"] == "en"


def word_widths(pdf: Path) -> dict[str, list[float]]:
    """The width in points of every word poppler finds in ``pdf``, by word."""
    widths: dict[str, list[float]] = {}
    for words in pdf_words(pdf):
        for word in words:
            widths.setdefault(word.text, []).append(word.width)
    return widths


@pytest.mark.slow
def test_english_quotation_marks_are_not_full_width(english: Built) -> None:
    """English text comes from the Latin glyphs of the CJK faces, whose curly quotes are
    a full em wide unless the proportional forms are used: “unified” read as “ unified ”."""
    widths = word_widths(english.pdf)
    quote = min(widths["“unified"]) - min(widths["unified"])
    assert 0 < quote < 0.5 * 10.5, quote  # under half an em of the 10.5 pt body text


@pytest.mark.slow
def test_table_columns_keep_the_widths_the_source_gives(published: Built) -> None:
    """Table 通信机房基本要求 has ``:widths: 22 18 24 14 22``: its columns are laid out in
    those proportions, read from where the centred headers are printed."""
    pages = published.page_texts()
    page = next(i for i, text in enumerate(pages) if "通信机房基本要求" in text) + 1
    centre: dict[str, float] = {}
    for word in page_words(published.pdf, page):
        centre.setdefault(word.text, word.centre)
    first, second, fourth, fifth = (
        centre[h] for h in ("机房类型", "使用面积/m²", "净高/m", "引入电源容量/kW")
    )
    # Column centres at 11, 31, 71 and 89 % of the table's width.
    assert (second - first) / (fourth - first) == pytest.approx(20 / 60, abs=0.02)
    assert (fifth - first) / (fourth - first) == pytest.approx(78 / 60, abs=0.02)


# ---- page images for people -----------------------------------------------------


@pytest.mark.slow
def test_page_images_for_review(published: Built, draft: Built) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = published.page_texts()
    table_page = next(i for i, text in enumerate(pages) if re.search(r"^\s*表1\s", text, re.M))
    shots = [
        (published.pdf, 1, "pdf-1101-cover"),
        (published.pdf, table_page + 1, "pdf-1101-table"),
        (draft.pdf, 1, "pdf-2101-cover"),
    ]
    for pdf, page, name in shots:
        prefix = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile"]
            + [str(pdf), str(prefix)],
            check=True,
        )
        text = pdftotext(pdf, page)
        assert "T/XQZC" in text, (name, text[:200])  # the page rendered is the one meant
        assert 0.001 < ink(prefix.with_suffix(".png")) < 0.6, name


# ---- what WeasyPrint may read ---------------------------------------------------


SMALL_INDEX = """\
范围
====

本文件规定了通信设施的建设要求。

一般要求
========

设施应符合本文件的要求。

.. figure:: {uri}
   :name: fig-one

   示意图
"""


def small_repo(tmp_path: Path, uri: str) -> tuple[Path, int]:
    """A copy of the sample system whose T/XQZC 1101 is a page with one figure."""
    root = copy_repository(tmp_path / "repo")
    srcdir = root / "standards" / "t-xqzc-1101"
    text = SMALL_INDEX.format(uri=uri)
    (srcdir / "index.rst").write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if ".. figure::" in row)
    return srcdir, line


LISTS_INDEX = """\
范围
====

本文件规定了下列要求：

a) 第一项要求；
b) 第二项要求，分为：

   1) 第一子项；
   2) 第二子项。

设施包括：

- 管道；
- 机房。

.. table:: 设施
   :name: tab-facilities

   ====== ======
   名称   要求
   ====== ======
   管道   埋地
   ====== ======
"""


@pytest.mark.slow
def test_lists_and_cells_are_set_as_the_rules_show_them(tmp_path: Path) -> None:
    """Items read "a)", then "1)", or "——" (GB/T 1.1-2020 7.5), with the item's text
    right after its mark: body text's first-line indent applies neither to list items
    nor to table cells."""
    root = copy_repository(tmp_path / "repo")
    srcdir = root / "standards" / "t-xqzc-1101"
    (srcdir / "index.rst").write_text(LISTS_INDEX, encoding="utf-8")
    built = build_pdf(srcdir, tmp_path / "out")
    text = pdftotext(built.pdf)
    lines = [line.strip() for line in text.splitlines()]
    for item in ("a) 第一项要求；", "b) 第二项要求，分为：", "1) 第一子项；", "2) 第二子项。"):
        assert item in lines, item
    assert "—— 管道；" in lines and "—— 机房。" in lines
    header = next(line for line in text.splitlines() if "名称" in line and "要求" in line)
    cell = next(line for line in text.splitlines() if "埋地" in line)
    assert cell.index("管道") == header.index("名称")  # cells are not indented


@pytest.mark.build_warnings()
def test_missing_figure_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    """A missing figure is an error (the edition would be incomplete), reported while
    the sources are read, where the figure still knows its line; `normkit build`
    then publishes no PDF (tests/bad_inputs/figure-missing.toml)."""
    srcdir, line = small_repo(tmp_path, "figures/missing.svg")
    built = build_pdf(srcdir, tmp_path / "out")
    errors = [m for m in built.sphinx_warnings.splitlines() if ": error: " in m]
    assert any(f"index.rst:{line}" in m and "figures/missing.svg" in m for m in errors), errors
    assert any("does not exist" in m for m in errors)


@pytest.mark.build_warnings()  # the build refuses or warns on purpose
@pytest.mark.slow
@pytest.mark.build_warnings("normkit.image")
def test_remote_image_in_a_source_is_never_fetched(tmp_path: Path) -> None:
    srcdir, line = small_repo(tmp_path, "https://example.org/evil.svg")
    built = build_pdf(srcdir, tmp_path / "out")
    assert "https://example.org/evil.svg" in built.sphinx_warnings
    assert f"index.rst:{line}" in built.sphinx_warnings
    assert built.pdf.is_file()  # built without the refused figure


def test_fetcher_serves_only_files_of_its_folders(tmp_path: Path) -> None:
    from normkit.writers.pdf_fetcher import ConfinedFetcher, RefusedResource

    inside = tmp_path / "std"
    inside.mkdir()
    (inside / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    fetcher = ConfinedFetcher([inside])
    response = fetcher.fetch((inside / "a.svg").as_uri())
    assert response.read().startswith(b"<svg")
    for url in (
        "https://example.org/a.svg",
        "http://127.0.0.1/",
        "ftp://example.org/a",
        "data:image/svg+xml,<svg/>",
        outside.as_uri(),
        (inside / ".." / "secret.txt").as_uri(),
        (inside / "missing.svg").as_uri(),
        "file://otherhost/etc/passwd",
        "file:///etc/passwd",
        "file:///usr/share/fonts/../../../etc/passwd",
    ):
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)


@pytest.mark.slow
def test_weasyprint_itself_refuses_a_remote_image(tmp_path: Path) -> None:
    from normkit.writers.pdf_fetcher import RefusedResource
    from normkit.writers.pdf_render import render_pdf

    html = '<html><body><p>x</p><img src="https://example.org/evil.png"></body></html>'
    with pytest.raises(RefusedResource, match="example.org"):
        render_pdf(html, base_url=tmp_path, roots=[tmp_path])
    ok = render_pdf("<html><body><p>好</p></body></html>", base_url=tmp_path, roots=[tmp_path])
    assert ok.startswith(b"%PDF-")


@pytest.mark.slow
def test_footnotes_sit_at_the_foot_of_their_page(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repo")
    index = root / "standards" / "t-xqzc-1101" / "index.rst"
    text = index.read_text(encoding="utf-8")
    marker = "本文件适用于示例新区范围内"
    text = text.replace(marker, "本条所称基站以运营企业登记为准\\ [#]_\\ 。" + marker, 1)
    text += "\n.. [#] 登记信息以示例新区通信发展管理办公室公布的清单为准。\n"
    index.write_text(text, encoding="utf-8")
    built = build_pdf(index.parent, tmp_path / "out")
    pages = built.page_texts()
    call = next(i for i, page in enumerate(pages) if "登记为准1)" in squash(page))
    assert "1)登记信息以示例新区通信发展管理办公室公布的清单为准" in squash(pages[call])
    assert sum("登记信息以示例新区" in page for page in pages) == 1  # not repeated at the end


# ---- as a publisher prints it (issue 16) --------------------------------------------


def _body_pages(built: Built) -> list[str]:
    """pdftotext of the pages after the front matter (the body starts at page 1)."""
    texts = built.page_texts()
    start = next(i for i, text in enumerate(texts) if footer(text) == "1")
    return texts[start:]


@pytest.mark.slow
def test_cover_has_no_version_line_and_latin_is_not_letter_spaced(
    published: Built, english: Built
) -> None:
    chinese = pdftotext(published.pdf, 1, layout=False)
    assert "版本" not in chinese
    assert "示例新区智慧城市标准化技术委员会" in chinese  # not "示 例新区"
    cover = pdftotext(english.pdf, 1, layout=False)
    assert "Version" not in cover
    assert "Association standard" in cover
    assert "Issued by Smart City Standardization Technical Committee" in " ".join(cover.split())


@pytest.mark.slow
def test_english_foreword_names_gb_t_1_1_with_its_dash(english: Built) -> None:
    text = " ".join(pdftotext(english.pdf, layout=False).split())
    assert "in accordance with the rules given in GB/T 1.1—2020" in text
    assert "GB/T 1.1-2020" not in text


@pytest.mark.slow
def test_title_above_clause_1_on_the_first_body_page(published: Built, english: Built) -> None:
    for built, title, scope in (
        (published, "5G通信基础设施建设导则", "1 范围"),
        (english, "Guidelines for the construction of 5G communication infrastructure", "1 Scope"),
    ):
        first = " ".join(_body_pages(built)[0].split())
        assert title in first, first[:300]
        assert first.index(title) < first.index(scope)


def _end_mark_rows(pdf: Path, page: int) -> list[tuple[int, int]]:
    """(row, length) of each horizontal run of dark pixels on a page rendered at 72 dpi
    that is a centred rule (a quarter of the text wide, give or take)."""
    gray = subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header, _, data = gray.partition(b"\n255\n")
    width, height = (int(v) for v in header.split()[-2:])
    found = []
    for row in range(height):
        line = data[row * width : (row + 1) * width]
        dark = [x for x in range(width) if line[x] < 200]
        if not dark or dark[-1] - dark[0] + 1 != len(dark):
            continue  # not one unbroken run
        middle = (dark[0] + dark[-1]) / 2
        if 0.12 * width < len(dark) < 0.3 * width and abs(middle - width / 2) < 0.05 * width:
            found.append((row, len(dark)))
    return found


@pytest.mark.slow
def test_end_mark_after_the_last_element(published: Built) -> None:
    pages = len(published.reader.pages)
    assert _end_mark_rows(published.pdf, pages), "no centred rule on the last page"
    assert not _end_mark_rows(published.pdf, pages - 1)


@pytest.mark.slow
def test_term_abbreviation_follows_the_term_it_abbreviates(
    published: Built, english: Built
) -> None:
    """ "5G基站　5G base station；gNB" (GB/T 1.1-2020 usage), "5G base station; gNB 5G基站"
    in English; it read "5G基站；gNB　5G base station"."""
    chinese = " ".join(pdftotext(published.pdf, layout=False).split())
    assert "5G基站 5G base station；gNB" in chinese
    assert "；gNB 5G base station" not in chinese
    english_text = " ".join(pdftotext(english.pdf, layout=False).split())
    assert "5G base station; gNB" in english_text


@pytest.mark.slow
def test_numbers_and_units_do_not_break_or_stretch(published: Built, english: Built) -> None:
    """No "T/ ⏎ XQZC 1102", "500 ⏎ m", and no justification gap in "GB/T 1.1—2020"."""
    for built in (published, english):
        lines = [line.rstrip() for line in pdftotext(built.pdf).splitlines()]
        assert any("GB/T 1.1—2020" in line for line in lines)
        for line, following in zip(lines, lines[1:], strict=False):
            assert not re.search(r"(?:T/|GB/T|GB|YD/T|T/XQZC)$", line), line
            unit = re.match(r"\s*(?:m|km|h|ms|%|℃|MHz|GHz|dB|Mbit/s|Gbit/s)(?!\w)", following)
            assert not (re.search(r"\d$", line) and unit), (line, following)
