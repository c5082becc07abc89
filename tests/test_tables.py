"""Tables and the English half as a publisher prints them (issue 16, points 5 and 6).

One small standard with a table too long for a page, a note after it, a term with its
source and English text with straight quotes is built as a bilingual PDF and HTML page
and an English PDF; the tests read the PDFs back with pdftotext (text per page, word
boxes) and the HTML with an HTML parser.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import PO_EN, write_repo
from pdf_words import pdf_words, pdftotext
from pypdf import PdfReader

from normkit.cli import main

ROWS = 36

#: A Chinese line whose only space stands between a character and a number.
GAP_SENTENCE = (
    "\n设备安装高度宜为 6 m～8 m；用于交通事件检测时单台设备的有效检测距离不宜小于"
    "150 m，立杆外缘距路缘石外侧不宜小于0.5 m，快速路和隧道内的视频采集点应实现"
    "相邻点位检测范围首尾衔接，不留检测盲区。\n"
)
#: A Chinese paragraph of three lines with Latin words and digits in the text itself
#: (not quantities, which are boxes of their own).
LATIN_SENTENCE = (
    "\n新区5G基站、NB-IoT网关和LoRa网关应统一接入城市物联网感知平台，其接入协议、数据格式"
    "和安全要求应在设计文件中明确，并宜为后续5G-A演进和IPv6改造预留接口和带宽余量，"
    "满足城市管理、交通和园区等多种业务场景的IoT终端接入需要。\n"
)
#: A Chinese paragraph of three lines without a Latin letter or digit.
PLAIN_SENTENCE = (
    "\n设施的建设单位应当会同管理单位编制运行维护方案，明确巡检周期、故障处理流程、备品备件"
    "储备和人员培训要求，并在设施交付使用前完成方案的审查和备案；运行维护方案调整时，"
    "建设单位和管理单位应当重新审查并及时告知设施的使用单位和相关的主管部门。\n"
)
#: Columns narrower than the English words in them (as 2201's 表A.1).
NARROW_TABLE = """
.. list-table:: 配置清单
   :name: tab-narrow
   :header-rows: 1
   :widths: 50 10 10 10 20

   * - 配置项
     - 基础级
     - 标准级
     - 示范级
     - 备注
   * - 人脸识别通道闸机
     - 实时
     - 按日
     - 按周
     - 无
"""
NARROW_PO = {
    "配置清单": "Configuration list",
    "配置项": "Configuration item",
    "基础级": "Basic level",
    "标准级": "Standard level",
    "示范级": "Demonstration level",
    "备注": "Remarks",
    "人脸识别通道闸机": "Face recognition turnstiles",
    "实时": "Real time",
    "按日": "Daily",
    "按周": "Weekly",
    "无": "None",
    GAP_SENTENCE.strip(): "Mounting height should be 6 m to 8 m; for incident detection "
    "the effective range of one device should be at least 150 m, and a pole should stand "
    "at least 0.5 m from the kerb.",
    LATIN_SENTENCE.strip(): "5G base stations and NB-IoT and LoRa gateways connect to "
    "the city's IoT platform, with room for 5G-A and IPv6.",
    PLAIN_SENTENCE.strip(): "The builder and the operator draw up the maintenance plan "
    "together and file it before the facility is handed over.",
}

INDEX = (
    """\
范围
====

本文件规定了通信设施的建设要求。

术语和定义
==========

.. term:: 感知终端
   :en: sensing terminal
   :source: GB/T 33745—2017，2.1.15，有修改

   具有感知功能的终端设备。

一般要求
========

设施应符合本文件的要求。

.. list-table:: 设施指标
   :name: tab-kpi
   :header-rows: 1
   :widths: 20 20 60

   * - 细分级别
     - 指标项目
     - 要求
"""
    + "".join(
        f"   * - 级别{i:02d}\n     - 项目{i:02d}\n     - 设施的第{i:02d}项指标应满足运行要求。\n"
        for i in range(1, ROWS + 1)
    )
    + """
.. note:: 表中的指标为最低要求。

本条的要求适用于新建设施。

.. note:: """
    + "既有设施改造时参照本文件执行的情况较多，改造方案一般经主管部门审查后实施，"
    + "并在改造完成后进行验收和记录。"
    + "\n"
    + GAP_SENTENCE
    + "\n"
    + PLAIN_SENTENCE
    + "\n"
    + LATIN_SENTENCE
    + "\n"
    + NARROW_TABLE
)

PO = (
    PO_EN
    + '\nmsgid "术语和定义"\nmsgstr "Terms and definitions"\n'
    + '\nmsgid "具有感知功能的终端设备。"\nmsgstr "terminal with a \\"sensing\\" function"\n'
    + '\nmsgid "GB/T 33745—2017，2.1.15，有修改"\nmsgstr "GB/T 33745—2017, 2.1.15, modified"\n'
    + '\nmsgid "设施指标"\nmsgstr "Facility indicators"\n'
    + '\nmsgid "细分级别"\nmsgstr "Sub-level"\n'
    + '\nmsgid "指标项目"\nmsgstr "Indicator"\n'
    + '\nmsgid "要求"\nmsgstr "Requirement"\n'
    + '\nmsgid "表中的指标为最低要求。"\nmsgstr "The table\'s indicators are minimum values."\n'
    + '\nmsgid "本条的要求适用于新建设施。"\n'
    'msgstr "The requirements of this subclause apply to new facilities."\n'
    + '\nmsgid "既有设施改造时参照本文件执行的情况较多，改造方案一般经主管部门审查后实施，'
    '并在改造完成后进行验收和记录。"\n'
    'msgstr "For existing facilities being refitted this document is often followed; '
    "the refit plan is generally reviewed by the authority before it is carried out, and "
    'the work is accepted and recorded once it is complete."\n'
    + "".join(
        f'\nmsgid "级别{i:02d}"\nmsgstr "Level {i:02d}"\n'
        f'\nmsgid "项目{i:02d}"\nmsgstr "Item {i:02d}"\n'
        f'\nmsgid "设施的第{i:02d}项指标应满足运行要求。"\n'
        f'msgstr "Indicator {i:02d} of the facility shall meet the operating requirement."\n'
        for i in range(1, ROWS + 1)
    )
    + "".join(f'\nmsgid "{zh}"\nmsgstr "{en}"\n' for zh, en in NARROW_PO.items())
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual PDF and HTML and the English and Chinese PDFs of the scratch standard."""
    root = write_repo(
        tmp_path_factory.mktemp("tables") / "repo",
        {
            "standards/t-test-1101/index.rst": INDEX,
            "standards/t-test-1101/locale/en/LC_MESSAGES/index.po": PO,
            "standards/t-test-1102/locale/en/LC_MESSAGES/index.po": None,
        },
    )
    out = io.StringIO()
    common = ["build", "--root", str(root), "--standard", "t-test-1101", "-j", "2"]
    code = main(
        [*common, "--lang", "bilingual", "--lang", "en", "--lang", "zh_CN", "--format", "pdf"],
        stdout=out,
        stderr=out,
    )
    assert code == 0, out.getvalue()
    code = main(
        [*common, "--lang", "bilingual", "--format", "html", "--format", "docx"],
        stdout=out,
        stderr=out,
    )
    assert code == 0, out.getvalue()
    assert "WARNING" not in out.getvalue(), out.getvalue()
    return root / "build"


def _pages(pdf: Path) -> list[str]:
    text = pdftotext(pdf)
    # Runs of spaces (the layout's, the ideographic one after "表1") read as one.
    return [re.sub(r"[ \u3000]+", " ", page) for page in text.split("\f")]


def _pdf(built: Path, edition: str) -> Path:
    return built / "pdf" / f"t-test-1101-1.0-{edition}.pdf"


@pytest.mark.slow
def test_a_continued_table_repeats_its_header_under_its_continued_title(built: Path) -> None:
    pages = _pages(_pdf(built, "bilingual"))
    with_rows = [i for i, page in enumerate(pages) if "级别" in page and "项目" in page]
    assert len(with_rows) >= 2, "the table should run over a page"
    first, *further = with_rows
    assert "表1 设施指标" in pages[first]
    assert "续" not in pages[first]
    for index in further:
        page = pages[index]
        assert "表1（续） / Table 1 (continued)" in page
        first_row = re.search(r"级别\d\d", page)
        assert first_row and page.index("表1（续）") < page.index("细分级别") < first_row.start()
        assert "Sub-level" in page  # the header in both languages, repeated
    english = _pages(_pdf(built, "en"))
    continued = [page for page in english if "Table 1 (continued)" in page]
    assert continued and all("Sub-level" in page for page in continued)
    assert sum("Table 1 — Facility indicators" in page for page in english) == 1


@pytest.mark.slow
def test_no_table_row_stands_alone_on_a_page(built: Path) -> None:
    for edition in ("bilingual", "en"):
        pages = _pages(_pdf(built, edition))
        row = r"级别(\d\d)" if edition == "bilingual" else r"Level (\d\d)"
        rows = [set(re.findall(row, page)) for page in pages]
        counts = [len(found) for found in rows if found]
        assert len(counts) >= 2, (edition, counts)
        assert min(counts) >= 2, (edition, counts)


@pytest.mark.slow
def test_table_notes_are_inside_the_frame_beside_the_last_rows(built: Path) -> None:
    # HTML: the note is the table's last row, one cell across the three columns.
    html = (built / "html" / "bilingual" / "t-test-1101" / "index.html").read_text("utf-8")
    table = html[html.index('id="tab-kpi"') : html.index("</table>", html.index('id="tab-kpi"'))]
    last_row = table[table.rindex("<tr") :]
    assert 'class="nk-table-notes' in last_row and 'colspan="3"' in last_row
    assert "表中的指标为最低要求。" in last_row and "minimum values" in last_row
    # The second note is the clause's, after the table, and numbered on its own.
    assert "既有设施改造" not in table
    # PDF: on the page of the last row, right under it, inside the table's width.
    for edition in ("en", "bilingual"):
        for words in pdf_words(_pdf(built, edition)):
            last = [w for w in words if w.text == f"{ROWS}"]
            if not last:
                continue
            note = [w for w in words if w.text == "minimum"]
            assert note, f"{edition}: the table note is not on the page of the table's last row"
            gap = note[0].top - max(w.bottom for w in last)
            assert 0 < gap < 40, (edition, gap)
            left = min(w.left for w in words if w.text in ("Level", "Sub-level"))
            assert note[0].left > left - 60, "the note starts outside the table"


@pytest.mark.slow
def test_docx_table_notes_are_the_tables_last_row(built: Path) -> None:
    document = docx.Document(str(built / "docx" / "t-test-1101-1.0-bilingual.docx"))
    table = document.tables[0]
    last = table.rows[-1]
    assert len({id(cell._tc) for cell in last.cells}) == 1, "one cell across the columns"
    assert "表中的指标为最低要求。" in last.cells[0].text
    assert "minimum values" in last.cells[0].text
    after = [p.text for p in document.paragraphs if "表中的指标" in p.text]
    assert not after, "the table note is also outside the table"


@pytest.mark.slow
def test_the_english_half_has_its_source_and_typographic_quotes(built: Path) -> None:
    text = "".join(_pages(_pdf(built, "bilingual")))
    assert "［来源：GB/T 33745—2017，2.1.15，有修改］" in text
    assert "[SOURCE: GB/T 33745—2017, 2.1.15, modified]" in text
    assert "“sensing”" in text and "table’s" in text
    assert '"sensing"' not in text and "table's" not in text


@pytest.mark.slow
def test_english_cells_are_aligned_with_the_chinese(built: Path) -> None:
    for words in pdf_words(_pdf(built, "bilingual")):
        master = [w for w in words if w.text == "细分级别"]
        english = [w for w in words if w.text == "Sub-level"]
        if master and english:
            assert abs(english[0].centre - master[0].centre) < 2
            break
    else:
        pytest.fail("no header cell in both languages in the bilingual PDF")
    # HTML: each cell's English under its Chinese, from the same left edge, inside the
    # cell (the pair is two columns side by side in body text, not in a cell).
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = built / "html" / "bilingual" / "t-test-1101" / "index.html"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri())
            cells = page.evaluate(
                """() => [...document.querySelectorAll('#tab-kpi td, #tab-kpi th')]
                  .filter(cell => cell.querySelector('.nk-master'))
                  .map(cell => {
                    const box = (el) => el.getBoundingClientRect();
                    const m = box(cell.querySelector('.nk-master'));
                    const t = box(cell.querySelector('.nk-translation'));
                    const c = box(cell);
                    return [m.left, m.bottom, t.left, t.top, t.right, c.left, c.right];
                  })"""
            )
            # The typographic apostrophe of "table’s" is a proportional glyph, not a
            # full-width one from the CJK face English falls back to.
            apostrophe = page.evaluate(
                """() => {
                  const p = [...document.querySelectorAll('#tab-kpi .nk-translation')]
                    .find(e => e.textContent.includes('table’s'));
                  const text = [...p.childNodes].find(n => n.textContent.includes('’'));
                  const at = text.textContent.indexOf('’');
                  const range = document.createRange();
                  range.setStart(text, at);
                  range.setEnd(text, at + 1);
                  return range.getBoundingClientRect().width
                    / parseFloat(getComputedStyle(p).fontSize);
                }"""
            )
        finally:
            browser.close()
    assert len(cells) > ROWS
    assert apostrophe < 0.5, apostrophe
    for m_left, m_bottom, t_left, t_top, t_right, c_left, c_right in cells:
        assert t_top >= m_bottom - 1, "the English half is beside the Chinese, not under it"
        assert abs(t_left - m_left) < 1
        assert c_left <= t_left and t_right <= c_right + 0.5


@pytest.mark.slow
def test_a_note_label_keeps_a_fixed_gap_before_its_text(built: Path) -> None:
    """The gap after "NOTE" is the label's own space, the same in a justified line (the
    clause's long note) as in a short last line (the table's note): never stretched."""
    gaps = []
    for words in pdf_words(_pdf(built, "en")):
        for label, after in zip(words, words[1:], strict=False):
            if label.text == "NOTE" and abs(after.top - label.top) < 2:
                gaps.append((after.left - label.right) / label.height)
    assert len(gaps) == 2, gaps
    assert max(gaps) - min(gaps) < 0.02, gaps
    # one space of the English face (FreeSerif: a quarter of its word box's height)
    assert max(gaps) < 0.3, gaps


def _faces_of(pdf: Path, words: set[str] | None = None) -> dict[str, set[str]]:
    """The fonts (PDF base font names, subset tag removed) that print any of ``words``
    (None: any Latin letter or digit), with the pieces of text each printed."""
    faces: dict[str, set[str]] = {}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: object) -> None:
        found = re.findall(r"[A-Za-z]+", text) if words is not None else re.findall(r"\w", text)
        latin = words & set(found) if words is not None else re.search(r"[A-Za-z0-9]", text)
        if font and latin:
            face = str(font.get("/BaseFont", "")).split("+")[-1]
            faces.setdefault(face, set()).add(text)

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return faces


#: The faces English text is set in (print.css: FreeSerif and FreeSans, with the
#: vertical metrics of the CJK faces).
ENGLISH_FACES = {"FreeSerif-fitted", "FreeSans-fitted"}
#: The faces of the Latin letters and digits of a Chinese sentence.
LATIN_IN_CHINESE_FACES = {"FreeSerif-fitted-Latin", "FreeSans-fitted-Latin"}


@pytest.mark.slow
def test_english_text_is_set_in_one_face_in_every_edition(built: Path) -> None:
    """English words are FreeSerif/FreeSans in the Chinese, English and bilingual PDFs
    alike (as in the DOCX): the English half of the bilingual edition asked for "Noto
    Serif", which is not installed, and came out in the CJK face's Latin glyphs, unlike
    the English edition. The bilingual contents lines and continued-table titles ("3
    一般要求 / General requirements", "表1（续） / Table 1 (continued)") set their English
    half as English too: they were one string in the Chinese face."""
    english = {"sensing", "terminal", "Facilities", "requirements", "Configuration"}
    english |= {"continued", "General", "Scope"}
    for edition in EDITIONS:
        found = _faces_of(_pdf(built, edition), english)
        assert found and set(found) <= ENGLISH_FACES, (edition, found)
    bilingual = _faces_of(_pdf(built, "bilingual"), {"continued", "General"})
    pieces = {text for texts in bilingual.values() for text in texts}
    assert any("continued" in text for text in pieces), pieces
    assert not any(re.search(r"[\u4e00-\u9fff]", text) for text in pieces), pieces
    listing = subprocess.run(
        ["pdffonts", str(_pdf(built, "bilingual"))], capture_output=True, text=True, check=True
    ).stdout
    assert "FreeSerif-fitted" in listing and "Noto-Serif-CJK-SC" in listing


@pytest.mark.slow
def test_latin_in_chinese_sentences_is_set_in_the_latin_serif(built: Path) -> None:
    """A Chinese publisher sets the Latin letters and digits of a Chinese sentence in a
    Times-like serif beside 宋体 ("GB/T 33745", "6 m～8 m"), not in the CJK face's own
    Latin glyphs: in the Chinese PDF every Latin letter and digit is FreeSerif or
    FreeSans (headings, labels), and pdffonts lists the Latin serif."""
    faces = _faces_of(_pdf(built, "zh_CN"))
    assert set(faces) <= LATIN_IN_CHINESE_FACES | ENGLISH_FACES, faces
    serif = faces.get("FreeSerif-fitted-Latin", set())
    assert any("150" in text for text in serif) and any("GB" in text for text in serif), faces
    listing = subprocess.run(
        ["pdffonts", str(_pdf(built, "zh_CN"))], capture_output=True, text=True, check=True
    ).stdout
    assert "FreeSerif-fitted-Latin" in listing


def _line_pitches(pdf: Path, first_words: str) -> list[float]:
    """The distances between the baselines of the lines of the paragraph whose first
    line begins with ``first_words`` (by the bottoms of the words on each line)."""
    for words in pdf_words(pdf):
        bottoms = sorted({round(w.bottom, 2) for w in words})
        lines = [
            (bottom, "".join(w.text for w in words if abs(w.bottom - bottom) < 0.01))
            for bottom in bottoms
        ]
        starts = [i for i, (_, text) in enumerate(lines) if text.startswith(first_words)]
        if starts:
            paragraph = lines[starts[0] : starts[0] + 3]
            return [b - a for (a, _), (b, _) in zip(paragraph, paragraph[1:], strict=False)]
    raise AssertionError(f"no line begins with {first_words!r}")


@pytest.mark.slow
def test_a_line_with_latin_in_it_is_as_tall_as_one_without(built: Path) -> None:
    """The Latin serif keeps the line grid: the lines of a paragraph with Latin words
    and digits in every line ("5G", "NB-IoT", "IPv6") are as far apart as those of a
    paragraph of Chinese alone (a Latin face with its own ascent and descent added a page
    to 1101 zh; one with the CJK face's still made a line set in both faces taller)."""
    pdf = _pdf(built, "zh_CN")
    text = pdftotext(pdf, layout=False)
    assert "NB-IoT" in text and "IPv6" in text
    latin = _line_pitches(pdf, "新区5G基站")
    plain = _line_pitches(pdf, "设施的建设单位应当")
    assert len(latin) == len(plain) == 2, (latin, plain)
    for pitch in latin:
        assert abs(pitch - plain[0]) < 0.05, (latin, plain)


def _vocabulary(root: Path) -> set[str]:
    """Every English word the edition's sources and labels hold (hyphenated words also
    in their parts)."""
    from normkit.presentation import template

    texts = [root.joinpath(*NARROW_PO_PATH).read_text("utf-8")]
    texts += [(root / "standards" / "framework.toml").read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in (root / "standards").glob("*/standard.toml")]
    texts += [template(root, "labels/en.toml").read_text("utf-8")]
    words = set(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", "\n".join(texts)))
    return words | {part for word in words for part in word.split("-")}


NARROW_PO_PATH = ("standards", "t-test-1101", "locale", "en", "LC_MESSAGES", "index.po")
EDITIONS = ("zh_CN", "en", "bilingual")


@pytest.mark.slow
def test_no_english_word_is_cut_without_a_hyphen(built: Path) -> None:
    """Every English word on the pages is a word of the sources, or one half of a word
    hyphenated at a line end ("Demon-" / "stration"): narrow columns cut "Standar|d
    level" with no hyphen. Short words that fit are not hyphenated."""
    vocabulary = _vocabulary(built.parent)
    for edition in ("en", "bilingual"):
        words = [w.text for page in pdf_words(_pdf(built, edition)) for w in page]
        # (WeasyPrint's hyphen is U+2010.)
        tokens = [t for w in words for t in re.findall(r"[A-Za-z]+-?", w.replace("\u2010", "-"))]
        present = set(tokens)
        for token in tokens:
            if token.rstrip("-") in vocabulary or re.fullmatch(r"[IVXLC]+", token):
                continue  # a word, or a page number of the front matter
            if token.endswith("-"):  # the first half of a hyphenated word
                assert any(w.startswith(token[:-1]) for w in vocabulary), (edition, token)
                continue
            heads = [w[: -len(token)] for w in vocabulary if w.endswith(token) and w != token]
            assert any(head + "-" in present for head in heads), (edition, token)
        assert "Demon-" in present or "Demonstra-" in present, edition  # it was cut
        for short in ("Basic", "level", "Daily", "None", "Real", "time"):
            assert short in present, (edition, short)  # whole


@pytest.mark.slow
def test_a_space_between_chinese_and_a_number_is_not_stretched(built: Path) -> None:
    """ "宜为 6 m～8 m；…": justification widens no gap between a Chinese character and the
    number after it (it put the line's whole slack there, "宜为␣␣␣␣6 m")."""
    han = re.compile(r"[\u4e00-\u9fff]")
    gaps = []
    for edition in ("zh_CN", "bilingual"):
        for words in pdf_words(_pdf(built, edition)):
            for left, right, after in zip(words, words[1:], words[2:], strict=False):
                # Within a line of text: a number at a line's end (the contents' page
                # numbers, the cover's dates) stands apart on purpose.
                inside = all(abs(w.bottom - left.bottom) < 2 for w in (right, after))
                if inside and han.match(left.text[-1]) and right.text[:1].isdigit():
                    gaps.append((left.text, right.text, right.left - left.right))
    assert any(left.endswith("宜为") for left, _, _ in gaps), gaps
    for left, right, gap in gaps:
        assert gap < 0.4 * 10.5, (left, right, gap)


@pytest.mark.slow
def test_a_docx_is_the_same_file_whichever_formats_are_built(built: Path, tmp_path: Path) -> None:
    """The fixture built the bilingual DOCX without its PDF (with the HTML, after a PDF
    build, whose pages it takes); built with the PDF it is the same file: its contents
    carry the pages the PDF prints either way (a DOCX built alone estimated them)."""
    out = io.StringIO()
    code = main(
        [
            "build",
            "--root",
            str(built.parent),
            "--standard",
            "t-test-1101",
            "-j",
            "1",
            "--lang",
            "bilingual",
            "--format",
            "pdf",
            "--format",
            "docx",
            "--out",
            str(tmp_path / "out"),
        ],  # fmt: skip
        stdout=out,
        stderr=out,
    )
    assert code == 0, out.getvalue()
    name = "t-test-1101-1.0-bilingual.docx"
    with_pdf = (tmp_path / "out" / "docx" / name).read_bytes()
    alone = (built / "docx" / name).read_bytes()
    assert with_pdf == alone


def _lone_docx(built: Path, out: Path) -> Path:
    """Build the bilingual DOCX of the scratch standard alone into ``out`` (forced)."""
    said = io.StringIO()
    common = ["build", "--root", str(built.parent), "--standard", "t-test-1101", "-j", "1"]
    options = ["--lang", "bilingual", "--format", "docx", "--force", "--out", str(out)]
    assert main([*common, *options], stdout=said, stderr=said) == 0, said.getvalue()
    return out / "docx" / "t-test-1101-1.0-bilingual.docx"


def _contents_pages(path: Path) -> list[str]:
    """The page number at the end of every contents line of a DOCX."""
    lines = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("toc")]
    return [line.rpartition("\t")[2] for line in lines]


@pytest.mark.slow
def test_a_lone_docx_takes_the_pages_an_earlier_build_kept(built: Path, tmp_path: Path) -> None:
    """The PDF build of the fixture kept its pages (build/.cache/pages/): a DOCX built
    alone later takes its contents' numbers from there instead of laying the pages out
    again; a damaged file is ignored (the pages are laid out, the file made whole)."""
    kept = built / ".cache" / "pages" / "bilingual" / "t-test-1101.json"
    pages = json.loads(kept.read_text(encoding="utf-8"))["pages"]
    assert {"I", "1"} <= set(pages.values()), pages  # the foreword's page, the body's
    expected = (built / "docx" / "t-test-1101-1.0-bilingual.docx").read_bytes()
    out = tmp_path / "out"
    planted = out / ".cache" / "pages" / "bilingual" / kept.name
    planted.parent.mkdir(parents=True)
    # The map is what the DOCX prints: a kept map of other numbers shows in its contents.
    stamp = json.loads(kept.read_text(encoding="utf-8"))
    stamp["pages"] = {anchor: "77" for anchor in pages}
    planted.write_text(json.dumps(stamp), encoding="utf-8")
    numbers = _contents_pages(_lone_docx(built, out))
    assert numbers and set(numbers) == {"77"}, numbers
    # Damaged (half written, say): ignored, laid out again, the same file as beside the PDF.
    planted.write_text(kept.read_text(encoding="utf-8")[:40], encoding="utf-8")
    assert _lone_docx(built, out).read_bytes() == expected
    assert json.loads(planted.read_text(encoding="utf-8")) == json.loads(kept.read_text("utf-8"))


@pytest.mark.slow
def test_english_term_entries_start_at_the_margin(built: Path) -> None:
    """ISO style sets a definition and its notes from the margin: the English edition
    had the Chinese first-line indent ("    terminal with a …")."""
    for words in pdf_words(_pdf(built, "en")):
        texts = [w.text for w in words]
        if "apply." not in texts or "terminal" not in texts:
            continue
        margin = words[texts.index("For")].left  # "For the purposes of this document, …"
        definition = next(
            w
            for w, after in zip(words, words[1:], strict=False)
            if w.text == "terminal" and after.text == "with"
        )
        number = next(w for w in words if w.text == "2.1")
        assert abs(definition.left - margin) < 1 and abs(number.left - margin) < 1
        break
    else:
        pytest.fail("no term entry in the English PDF")
