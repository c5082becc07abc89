"""Tables and the English half as a publisher prints them (issue 16, points 5 and 6).

One small standard with a table too long for a page, a note after it, a term with its
source and English text with straight quotes is built as a bilingual PDF and HTML page
and an English PDF; the tests read the PDFs back with pdftotext (text per page, word
boxes) and the HTML with an HTML parser.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from conftest import PO_EN, write_repo
from pdf_words import pdf_words, pdftotext

from normkit.cli import main

ROWS = 36

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
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual PDF and HTML and the English PDF of the scratch standard."""
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
        [*common, "--lang", "bilingual", "--lang", "en", "--format", "pdf"], stdout=out, stderr=out
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
