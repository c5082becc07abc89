"""Redline editions (issue 12, item 4): a marked standard written as HTML, PDF and DOCX.

The standard of tests/roots/full is marked by the test-only extension
tests/redline_marks.py the way the diff engine marks a redline (words, paragraphs, a
move, table rows, a clause, the change list), then built for real by the normkit
builders; each test reads the output back as a reader or a tool would.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import libreoffice
import pytest
import redline_marks as marks
from conftest import PO_EN, write_repo
from pdf_words import Word, page_words, pdftotext

from normkit.engine.build_one import run_edition
from normkit.presentation import DEFAULTS

ROOTS = Path(__file__).parent / "roots"
SLUG = "t-test-1101"
EXTENSIONS = ["normkit.sphinxext", "normkit.writers", "normkit.writers.html_extras"]
# The English catalog of tests/roots/full: the scope, the first term's definition and the
# annex table's cell, so that the bilingual edition has changes in both halves.
PO_FULL = (
    PO_EN
    + """
msgid "用于通信的设施。"
msgstr "Facility used for the purposes of communication."
"""
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose standard T/TEST 1101 is tests/roots/full."""
    root = write_repo(
        tmp_path_factory.mktemp("redline") / "repo",
        {
            f"standards/{SLUG}/index.rst": None,  # the root's own, copied below
            f"standards/{SLUG}/locale/en/LC_MESSAGES/index.po": PO_FULL,
            "standards/t-test-1102/locale/en/LC_MESSAGES/index.po": None,
        },
    )
    shutil.copytree(ROOTS / "full", root / "standards" / SLUG, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def build(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Build the marked standard: ``build(builder, edition, mode)`` → its output folder.

    Each edition is read once; its formats and modes are written from that reading.
    """
    base = tmp_path_factory.mktemp("redline-out")
    read: set[str] = set()

    def run(builder: str, edition: str = "zh_CN", mode: str = "redline") -> Path:
        out = base / f"{edition}-{builder}-{mode}"
        run = run_edition(
            repo,
            repo / "standards" / SLUG,
            builder,
            edition,
            out,
            base / f"doctrees-{edition}",
            fresh=edition not in read,
            extensions=[*EXTENSIONS, "redline_marks"],
            redline_marks_mode=mode,
        )
        read.add(edition)
        assert not run.errors and not run.warnings, run.text()
        return out

    return run


# -- HTML ---------------------------------------------------------------------------------


def _tag_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _element(page: str, ident: str) -> str:
    """The opening tag and content of the element with ``id="ident"`` (to its first close)."""
    match = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(ident)}"[^>]*>', page)
    assert match, f"no element with id {ident}"
    tag = match.group(1)
    end = page.index(f"</{tag}>", match.end())
    return page[match.start() : end]


@pytest.fixture(scope="module")
def zh_html(build: Callable[..., Path]) -> Path:
    return build("html") / "index.html"


@pytest.fixture(scope="module")
def zh_page(zh_html: Path) -> str:
    return zh_html.read_text(encoding="utf-8")


@pytest.mark.slow
def test_html_words_are_ins_and_del_announced_to_screen_readers(zh_page: str) -> None:
    scope = _element(zh_page, "rl-scope")
    assert "nk-rl-changed" in scope.split(">")[0]  # the change bar beside it
    deleted = re.search(r"<del\b[^>]*>(.*?)</del>", scope).group(1)
    inserted = re.search(r"<ins\b[^>]*>(.*?)</ins>", scope).group(1)
    assert '<span class="nk-sr-only">删除：</span>' in deleted
    assert '<span class="nk-sr-only">增加：</span>' in inserted
    assert _tag_text(deleted).endswith("通信设施")
    assert _tag_text(inserted).endswith(marks.NEW_WORDS["zh"])
    cell = re.search(r"<td[^>]*>(?:(?!</td>).)*<del", zh_page, re.DOTALL).group(0)
    assert 'class="nk-rl-changed"' in cell


@pytest.mark.slow
def test_html_whole_elements_are_marked_and_announced(zh_page: str) -> None:
    expected = {
        "rl-added": ("p", "nk-rl-inserted", "增加：", marks.INSERTED["zh"]),
        "rl-deleted": ("p", "nk-rl-deleted", "删除：", marks.DELETED["zh"]),
        "rl-moved-from": ("div", "nk-rl-moved-from", "移出：", "第一条注。"),
        "rl-moved": ("div", "nk-rl-moved-to", "移入：", "第一条注。"),
        "rl-row-added": ("tr", "nk-rl-inserted", "增加：", "微站"),
        "rl-row-deleted": ("tr", "nk-rl-deleted", "删除：", "a"),
        "clause-a-2": ("section", "nk-rl-inserted", "增加：", "方案二"),
    }
    for ident, (tag, cls, spoken, words) in expected.items():
        element = _element(zh_page, ident)
        opening = element.split(">")[0]
        assert opening.startswith(f"<{tag}") and f"nk-rl {cls}" in opening, opening
        assert f'<span class="nk-sr-only">{spoken}</span>' in element, element
        assert words in _tag_text(element)
    # The margin bar and the non-colour marks come from the theme's stylesheet.
    css = (DEFAULTS / "html/normkit/static/normkit.css").read_text()
    assert re.search(r"ins\.nk-rl-ins,[^{]*\{[^}]*text-decoration: underline", css)
    assert re.search(r"del\.nk-rl-del,[^{]*\{[^}]*text-decoration: line-through", css)


@pytest.mark.slow
def test_html_change_list_after_the_cover_links_every_change(zh_page: str) -> None:
    cover_end = zh_page.index("</header>", zh_page.index("nk-cover"))
    changes = zh_page.index('id="nk-changes"')
    assert cover_end < changes < zh_page.index('id="foreword"')
    section = zh_page[changes : zh_page.index("</section>", changes)]
    heading = "变更清单（1.0 → 1.1）"
    assert '<h2 class="nk-changes-title" id="nk-changes-title"' in section
    assert section.count(heading) == 2  # the heading and its bookmark label, no second line
    assert "增加的文字" in section and "删除的文字" in section  # the legend
    links = re.findall(r'<li class="[^"]*nk-change"><a [^>]*href="#([^"]+)">([^<]+)</a>', section)
    assert len(links) == 7
    for target, _words in links:
        assert f'id="{target}"' in zh_page, target
    assert ("clause-a-2", "增加了条款“方案二”（见A.2）") in links
    # The moved notes follow the table 站址类型: they are its notes, inside its frame
    # (issue 16), so their move is a change of that table, listed once with its cell.
    assert ("tab-sites", "更改了表“站址类型”（见表1）") in links
    table = zh_page[zh_page.index('id="tab-sites"') :]
    assert table.index('id="rl-moved"') < table.index("</table>")
    assert not any(target == "rl-moved" for target, _ in links)


@pytest.mark.slow
def test_html_bilingual_edition_marks_both_halves(build: Callable[..., Path]) -> None:
    page = (build("html", "bilingual") / "index.html").read_text(encoding="utf-8")
    pair = _element(page, "rl-scope")
    halves = re.findall(r"<p\b[^>]*>.*?</p>", page[page.index('id="rl-scope"') :], re.DOTALL)[:2]
    assert "nk-pair" in pair.split(">")[0]
    master, second = halves
    assert "<del" in master and marks.NEW_WORDS["zh"] in master
    assert 'lang="en"' in second and "<del" in second
    # Each half announces its changes in its own language.
    assert '<span class="nk-sr-only">删除：</span>' in master
    assert '<span class="nk-sr-only">deleted: </span>' in second
    assert "requirements" in _tag_text(re.search(r"<del\b.*?</del>", second).group(0))
    assert marks.NEW_WORDS["en"] in _tag_text(re.search(r"<ins\b.*?</ins>", second).group(0))
    added = _element(page, "rl-added")
    assert marks.INSERTED["en"] in _tag_text(page[page.index('id="rl-added"') :][:2000])
    assert "nk-rl-inserted" in added.split(">")[0]


@pytest.mark.slow
def test_html_marks_seen_in_a_browser_without_colour_and_accessible(zh_html: Path) -> None:
    """Chromium shows each mark by a line, not colour alone, draws the margin bar, and
    axe-core finds no serious or critical accessibility violation on the redline page."""
    playwright = pytest.importorskip("playwright.sync_api")
    from axe_playwright_python.sync_playwright import Axe

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(zh_html.as_uri())

            def style(selector: str, prop: str) -> str:
                return page.eval_on_selector(
                    selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')"
                )

            assert "line-through" in style("#rl-scope del", "text-decoration-line")
            assert "underline" in style("#rl-scope ins", "text-decoration-line")
            assert "line-through" in style("#rl-deleted", "text-decoration-line")
            assert style("#rl-added", "border-left-style") == "solid"
            assert style("#rl-deleted", "border-left-style") == "dashed"
            assert style("#rl-moved", "border-left-style") == "double"
            assert float(style("#rl-added", "border-left-width").removesuffix("px")) >= 2
            # The words read aloud are there for a screen reader, not on the screen.
            hidden = page.eval_on_selector(
                "#rl-scope del .nk-sr-only", "e => e.getBoundingClientRect().width"
            )
            assert hidden <= 1
            found = Axe().run(page).response["violations"]
            bad = [(v["id"], v["impact"]) for v in found if v["impact"] in ("serious", "critical")]
            assert not bad, bad
        finally:
            browser.close()


# -- PDF ----------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) are needed",
)
DPI = 144


@pytest.fixture(scope="module")
def bilingual_pdf(build: Callable[..., Path]) -> Path:
    return next(build("normkit-pdf", "bilingual").glob("*.pdf"))


def _pages(pdf: Path) -> list[str]:
    return pdftotext(pdf, layout=False).split("\f")


def _body_page(pages: list[str], words: str) -> int:
    """The number of the first page after the change list that has ``words``."""
    return next(
        i
        for i, text in enumerate(pages, 1)
        if words in text and "nk-changes" not in text and "变更清单" not in text
    )


def _grey(pdf: Path, page: int, tmp: Path):  # -> PIL.Image.Image
    from PIL import Image

    stem = tmp / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png",
         "-singlefile", str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return Image.open(f"{stem}.png").convert("L")


def _line_rows(image, word: Word) -> list[float]:
    """Rows (as a fraction of the word's height, from its top) where a dark line runs
    across the whole word: a strike-through or an underline, seen in greyscale."""
    scale = DPI / 72
    x0, y0, x1, y1 = (round(v * scale) for v in word.box)
    rows = []
    for y in range(y0 - 2, y1 + 4):
        dark = sum(1 for x in range(x0 + 1, x1 - 1) if image.getpixel((x, y)) < 140)
        if dark >= 0.95 * (x1 - x0 - 2):
            rows.append((y - y0) / max(1, y1 - y0))
    return rows


@pytest.mark.slow
@needs_poppler
def test_pdf_deleted_words_struck_inserted_underlined_in_greyscale(
    bilingual_pdf: Path, tmp_path: Path
) -> None:
    pages = _pages(bilingual_pdf)
    number = _body_page(pages, "operating rules")
    text = re.sub(r"\s+", " ", pages[number - 1])
    # Both editions' words are there, in both halves.
    assert "specifies requirements operating rules for" in text
    assert "通信设施" in text and marks.NEW_WORDS["zh"] in text
    words: dict[str, Word] = {}
    for word in page_words(bilingual_pdf, number):
        words.setdefault(word.text, word)  # the first on the page: the scope's
    image = _grey(bilingual_pdf, number, tmp_path)
    struck = _line_rows(image, words["requirements"])
    under = _line_rows(image, words["operating"])
    plain = _line_rows(image, words["specifies"])
    assert any(0.35 < r < 0.8 for r in struck), struck  # through the middle of the word
    assert under and all(r > 0.75 for r in under), under  # at its foot
    assert not plain, plain


@pytest.mark.slow
@needs_poppler
def test_pdf_change_bar_in_the_margin_and_change_list_after_cover(
    bilingual_pdf: Path, tmp_path: Path
) -> None:
    pages = _pages(bilingual_pdf)
    listing = next(i for i, text in enumerate(pages) if "变更清单（1.0 → 1.1）" in text)
    contents = next(i for i, text in enumerate(pages) if re.search(r"目\s*次", text))
    assert 0 < listing < contents
    assert "增加了条款“方案二”（见A.2）" in pages[listing]
    number = _body_page(pages, "rebuilt")
    words = page_words(bilingual_pdf, number)
    rebuilt = next(w for w in words if w.text == "rebuilt")
    body_left = min(w.left for w in words if w.top > 100)  # the text column's left edge
    image = _grey(bilingual_pdf, number, tmp_path)
    scale = DPI / 72
    y = round((rebuilt.top + rebuilt.bottom) / 2 * scale)
    margin = range(round((body_left - 12) * scale), round((body_left - 0.5) * scale))
    assert any(image.getpixel((x, y)) < 100 for x in margin), "no change bar beside the insertion"
    assert not any(image.getpixel((x, y)) < 100 for x in range(5, round(body_left * scale) - 60))


# -- DOCX ---------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(folder: Path) -> Path:
    return next(folder.glob("*.docx"))


def _body(path: Path):  # -> lxml element of word/document.xml's body
    import docx

    return docx.Document(str(path)).element.body  # python-docx opens it


def _run_text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))


@pytest.fixture(scope="module")
def zh_docx(build: Callable[..., Path]) -> Path:
    return _docx(build("normkit-docx"))


@pytest.mark.slow
def test_docx_words_and_elements_are_word_revisions(zh_docx: Path) -> None:
    body = _body(zh_docx)
    revisions = [
        e for e in body.iter()
        if e.tag in {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo",
                                          "moveFromRangeStart", "moveToRangeStart")}
    ]  # fmt: skip
    ids = [e.get(f"{W}id") for e in revisions]
    assert len(ids) == len(set(ids)), "revision ids must be unique"
    assert {e.get(f"{W}author") for e in revisions} == {marks.AUTHOR}
    assert {e.get(f"{W}date") for e in revisions} == {"2026-05-01T00:30:00Z"}
    # Words: deleted text is delText inside w:del, inserted text w:t inside w:ins.
    deleted = [e for e in body.iter(f"{W}del") if len(e)]
    assert all(not list(e.iter(f"{W}t")) for e in deleted)
    assert "通信设施" in [_run_text(e) for e in deleted]
    assert marks.NEW_WORDS["zh"] in [_run_text(e) for e in body.iter(f"{W}ins") if len(e)]
    # Whole paragraphs: their runs and their paragraph marks are revisions.
    paragraphs = {_run_text(p): p for p in body.iter(f"{W}p")}
    inserted, removed = paragraphs[marks.INSERTED["zh"]], paragraphs[marks.DELETED["zh"]]
    assert inserted.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    assert removed.find(f"{W}pPr/{W}rPr/{W}del") is not None
    assert inserted.find(f"{W}ins/{W}r") is not None and removed.find(f"{W}del/{W}r") is not None
    # The moved note: moveFrom and moveTo, each between range marks of one shared name.
    start_from = next(body.iter(f"{W}moveFromRangeStart"))
    start_to = next(body.iter(f"{W}moveToRangeStart"))
    assert start_from.get(f"{W}name") == start_to.get(f"{W}name")
    ends = {e.get(f"{W}id") for e in body.iter(f"{W}moveFromRangeEnd", f"{W}moveToRangeEnd")}
    assert {start_from.get(f"{W}id"), start_to.get(f"{W}id")} == ends
    assert [_run_text(e) for e in body.iter(f"{W}moveFrom") if len(e)] == ["注1：第一条注。"]
    assert [_run_text(e) for e in body.iter(f"{W}moveTo") if len(e)] == ["注1：第一条注。"]
    # Table rows: inserted and deleted rows are row revisions.
    rows = {_run_text(tr): tr for tr in body.iter(f"{W}tr")}
    assert rows["微站35"].find(f"{W}trPr/{W}ins") is not None
    assert rows["a1"].find(f"{W}trPr/{W}del") is not None
    assert rows["b2"].find(f"{W}trPr/{W}ins") is not None


@pytest.mark.slow
def test_docx_bilingual_redline_changes_both_halves(build: Callable[..., Path]) -> None:
    body = _body(_docx(build("normkit-docx", "bilingual")))
    deleted = [_run_text(e) for e in body.iter(f"{W}del")]
    inserted = [_run_text(e) for e in body.iter(f"{W}ins")]
    assert "通信设施" in deleted and "requirements " in deleted
    assert marks.NEW_WORDS["zh"] in inserted and marks.NEW_WORDS["en"] + " " in inserted
    assert marks.INSERTED["en"] in inserted


def _without_page_numbers(text: str) -> str:
    """The contents' page numbers are estimates made while writing (the redline's
    deleted text takes room too): compare the lines without them."""
    return re.sub(r"\t(?:\d+|[IVXLC]+)$", "", text, flags=re.MULTILINE)


def _edition_lines(text: str) -> list[str]:
    """The lines of a DOCX's text from the contents on (a redline's change list comes
    before), without the contents' estimated page numbers, and without empty lines:
    LibreOffice keeps an empty paragraph where a deleted paragraph stood before a deleted
    table (a paragraph mark cannot join a table). A plain edition's clause numbers are
    Word's lists, a redline's are typed (its renumbering is a revision): LibreOffice
    writes a list's number followed by a space, which is not in the document (the
    full-width space after a clause number is the heading text's first character; a
    term's number stands alone on its line)."""
    lines = _without_page_numbers(text[text.index("目次") :]).splitlines()
    lines = [
        re.sub(r"^\s*([0-9A-Z.]+) ?(\u3000|$)", r"\1\2", line) for line in lines if line.strip()
    ]
    return [line.strip() if re.fullmatch(r"\s*附录[A-Z]\s*", line) else line for line in lines]


# -- end to end: normkit diff between two committed versions ---------------------------

#: Version 1.1 of tests/roots/full: words, a requirement (宜 → 应), a table's value and a
#: row added, the notes' order swapped, a paragraph added, the example deleted, the
#: annex table's row replaced, a paragraph added, and subclause 4.1 moved after 4.2.
REVISION = [
    ("本文件规定了通信设施的建设要求。", "本文件规定了通信设施的建设和运行维护要求。"),
    ("宜集约建设", "应集约建设"),
    ("   宏站  30\n", "   宏站  35\n   微站  10\n"),
    (
        ".. note:: 第一条注。\n\n.. note:: 第二条注。",
        ".. note:: 第二条注。\n\n.. note:: 第一条注。",
    ),
    (".. example::\n\n   一个示例。\n\n", ""),
    ("的设施合建，见", "的设施合建，机房应设置门禁，见"),
    ("   a     1\n", "   b     2\n"),
    ("方案二\n------\n", "方案二\n------\n\n方案二适用于新区。\n"),
    (  # the foreword: a paragraph and a lettered list inserted
        "   本文件由测试委员会提出。\n",
        "   本文件由测试委员会提出。\n\n   本次修订增加了下列要求：\n\n"
        "   a) 增加了机房门禁的内容；\n   b) 增加了设备间门禁的内容。\n",
    ),
]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=王晓明", "-c", "user.email=editor@example.org", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def revised(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a git repository whose T/TEST 1101 went 1.0 → 1.1, a copy of its 1.0)."""
    root = tmp_path_factory.mktemp("history") / "repo"
    shutil.copytree(repo, root)
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    old = tmp_path_factory.mktemp("old") / "repo"
    shutil.copytree(root, old)
    _git(root, "init", "-q")
    _git(root, "config", "user.name", "王晓明")  # the redline of the working tree: git's user
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "1.0")
    index = root / "standards" / SLUG / "index.rst"
    text = index.read_text(encoding="utf-8")
    for before, after in REVISION:
        assert before in text, before
        text = text.replace(before, after)
    site, room, annex = (text.index(m) for m in (".. _cl-site:", "机房\n----", ".. annex::"))
    text = text[:site] + text[room:annex] + text[site:room] + text[annex:]
    index.write_text(text, encoding="utf-8")
    toml = root / "standards" / SLUG / "standard.toml"
    toml.write_text(toml.read_text("utf-8").replace('"1.0"', '"1.1"'), encoding="utf-8")
    _git(root, "commit", "-qam", "1.1: 宜 → 应, a row, a clause")
    return root, old


def _diff(normkit: Callable[..., Any], root: Path, fmt: str) -> Path:
    """``normkit diff`` of the revised T/TEST 1101, 1.0 → 1.1, its Chinese edition in
    ``fmt``: the file written."""
    run = normkit("diff", "T/TEST 1101", "1.0", "1.1", "--root", str(root),
                  "--lang", "zh_CN", "--format", fmt)  # fmt: skip
    assert run.code == 0, run.err
    return root / f"build/redline/t-test-1101/1.0..1.1/{fmt}/t-test-1101-1.1-zh_CN.{fmt}"


@pytest.mark.slow
@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice (soffice) is needed")
def test_diff_docx_accept_all_is_the_new_edition_reject_all_the_old(
    revised: tuple[Path, Path], normkit: Callable[..., Any], tmp_path: Path
) -> None:
    root, old_root = revised
    redline = _diff(normkit, root, "docx")
    body = _body(redline)
    assert [_run_text(e) for e in body.iter(f"{W}del") if len(e)]  # real revisions
    assert [_run_text(e) for e in body.iter(f"{W}ins") if len(e)]
    assert {e.get(f"{W}author") for e in body.iter(f"{W}ins")} == {"王晓明"}
    assert [_run_text(e) for e in body.iter(f"{W}moveFrom") if len(e)]  # 4.1 moved
    for where in (root, old_root):
        built = normkit("build", "--root", str(where), "--standard", "T/TEST 1101",
                        "--lang", "zh_CN", "--format", "docx")  # fmt: skip
        assert built.code == 0, built.err
    new = root / "build/docx/t-test-1101-1.1-zh_CN.docx"
    old = old_root / "build/docx/t-test-1101-1.0-zh_CN.docx"
    accepted, rejected, old_text, new_text = libreoffice.texts(
        [(redline, "accept"), (redline, "reject"), (old, "as is"), (new, "as is")], tmp_path
    )

    assert "应集约建设" in new_text and "宜集约建设" in old_text
    assert _edition_lines(accepted) == _edition_lines(new_text)
    assert _edition_lines(rejected) == _edition_lines(old_text)


@pytest.mark.slow
@needs_poppler
def test_diff_pdf_bars_the_foreword_and_stands_left_of_list_markers(
    revised: tuple[Path, Path], normkit: Callable[..., Any], tmp_path: Path
) -> None:
    """A change in the foreword has its margin bar as one in the body has; the bar of
    an inserted list item stands left of its "a)", level with the paragraph's."""
    root, _ = revised
    pdf = _diff(normkit, root, "pdf")
    pages = _pages(pdf)
    number = _body_page(pages, "本次修订增加了下列要求")  # the foreword, not the list
    words = page_words(pdf, number)
    lead = next(w for w in words if w.text.startswith("本次修订"))
    marker = next(w for w in words if w.text == "a)")
    image = _grey(pdf, number, tmp_path)
    scale = DPI / 72
    indent = 2 * lead.width / len(lead.text)  # the first line's two-character indent
    text_left = lead.left - indent

    def bars(word: Word, right: float) -> list[int]:
        """Dark columns (pixels) from 15 pt left of the text to ``right``, at the
        middle of ``word``'s line."""
        y = round(word.middle * scale)
        columns = range(round((text_left - 15) * scale), round((right - 0.5) * scale))
        return [c for c in columns if image.getpixel((c, y)) < 100]

    paragraph_bar = bars(lead, text_left)
    assert paragraph_bar, "no change bar beside the foreword's inserted paragraph"
    item_bar = bars(marker, marker.left)
    assert item_bar, "no change bar left of the inserted item's marker"
    assert abs(min(item_bar) - min(paragraph_bar)) <= 2 * scale  # one line of bars


# -- end to end: the sample's real revision of T/XQZC 1201 (1.0 in git, 1.1 today) -------

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice (soffice) is needed")
def test_sample_1201_redline_docx_accepts_to_1_1_and_rejects_to_1_0(tmp_path: Path) -> None:
    """The redline DOCX of the sample's 1.0 → 1.1 revision of T/XQZC 1201 (clauses, a
    term, rows, a figure redrawn, a move, an annex added), as Word users get it from
    ``normkit diff``: LibreOffice accepting every change gives 1.1, rejecting every
    change gives 1.0 — both built from their own sources for comparison."""
    from normkit.engine import plan
    from normkit.engine.build_one import build_edition
    from normkit.engine.doctree import source_root
    from normkit.system import load_system
    from normkit.versions.redline_build import build_redline, versions_of_diff

    number = "T/XQZC 1201"
    outcome = build_redline(REPO, number, "1.0", None, tmp_path / "diff", ["zh_CN"], ["docx"])
    redline = outcome.outputs[0]
    body = _body(redline)
    assert next(body.iter(f"{W}moveFromRangeStart"), None) is not None  # 7.4.2 → 8.1.4
    assert next(body.iter(f"{W}moveToRangeStart"), None) is not None
    assert any(tr.find(f"{W}trPr/{W}ins") is not None for tr in body.iter(f"{W}tr"))

    def plain(root: Path, out: Path) -> Path:
        jobs = plan(load_system(root), [number], ["zh_CN"], ["docx"])
        (result,) = build_edition(root, jobs, out, False)
        assert result.status == "built", result.errors
        return result.outputs[0]

    new = plain(REPO, tmp_path / "new")
    _, old_version, _ = versions_of_diff(REPO, number, "1.0", None)
    with source_root(REPO, old_version.source) as old_root:
        old = plain(old_root, tmp_path / "old")
    accepted, rejected, old_text, new_text = libreoffice.texts(
        [(redline, "accept"), (redline, "reject"), (old, "as is"), (new, "as is")], tmp_path
    )
    assert "不宜小于" in new_text and "宜不小于" in old_text  # 5.2.2, corrected in 1.1
    assert _edition_lines(accepted) == _edition_lines(new_text)
    assert _edition_lines(rejected) == _edition_lines(old_text)
