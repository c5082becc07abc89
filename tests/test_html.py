"""The HTML edition: the normkit theme on a standard's page and the framework pages.

The slow tests build sample standards with Sphinx and read the HTML the way a reader
sees it: the cover, numbered clauses, captions, annex headings, term entries,
permalinks, the language of the page, no English label in the Chinese edition, and no
resource fetched from the network. The framework pages are written from the sample
system over those built pages.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ink

from normkit.engine.build_one import run_edition
from normkit.layout import Layout
from normkit.system import load_system
from normkit.writers import site_pages
from normkit.writers.site_pages import (
    diagram_layout,
    framework_model,
    wrap,
    write_framework_pages,
)

ROOT = Path(__file__).resolve().parents[1]

#: HTML elements that have no end tag.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID_ELEMENTS |= {"source", "wbr"}


# --- a tiny DOM over html.parser ---------------------------------------------------


class Element:
    """An element of a parsed page: tag, attributes, children (elements and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str):
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in the page"
        return found[0]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in {
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "wbr",
        }:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Element:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.root


def visible_text(doc: Element) -> str:
    body = doc.find("body")

    def walk(e: Element) -> str:
        if e.tag in ("script", "style"):
            return ""
        return "".join(c if isinstance(c, str) else walk(c) for c in e.children)

    return walk(body)


def external_references(doc: Element, page: Path) -> list[str]:
    """Every URL the page would fetch or link to outside the site (http, https, //)."""
    found = []
    for e in doc.iter():
        for name in ("href", "src", "srcset", "action", "data", "poster"):
            value = e.attrs.get(name, "")
            if re.match(r"\s*(https?:)?//", value):
                found.append(f"<{e.tag} {name}={value}>")
    for css in page.parent.glob("_static/*.css"):
        text = css.read_text(encoding="utf-8")
        found += [f"{css.name}: {m}" for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//", text)]
        found += [f"{css.name}: @import" for _ in re.findall(r"@import", text)]
    return found


# --- builds ---------------------------------------------------------------------------


def sphinx_build(slug: str, outdir: Path, language: str = "zh_CN") -> Path:
    """Build one standard as a normkit job does; return its index.html."""
    srcdir = ROOT / "standards" / slug
    run = run_edition(ROOT, srcdir, "html", language, outdir, outdir.parent / f".doctrees-{slug}")
    assert not run.errors and not run.warnings, run.text()
    return outdir / "index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/html as the engine lays it out: <lang>/<slug>/index.html."""
    out = tmp_path_factory.mktemp("build") / "html"
    for slug in ("t-xqzc-1101", "t-xqzc-2101"):
        sphinx_build(slug, out / "zh_CN" / slug)
    sphinx_build("t-xqzc-1101", out / "en" / "t-xqzc-1101", language="en")
    return out


@pytest.fixture(scope="module")
def system():
    return load_system(ROOT)


# --- the page of a standard ----------------------------------------------------------


@pytest.mark.slow
def test_published_standard_page(site: Path) -> None:
    page = site / "zh_CN" / "t-xqzc-1101" / "index.html"
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "zh-CN"
    assert doc.find("title").text().strip() == "T/XQZC 1101—2026 5G通信基础设施建设导则"

    cover = doc.find(cls="nk-cover")
    assert cover.find(cls="nk-cover-number").text() == "T/XQZC 1101—2026"
    assert cover.find(cls="nk-cover-title").text() == "5G通信基础设施建设导则"
    other = cover.find(cls="nk-cover-title-other")
    assert other.text() == "Guidelines for the construction of 5G communication infrastructure"
    assert other.attrs.get("lang") == "en"
    assert "ICS 33.070.50" in cover.text() and "CCS M36" in cover.text()
    assert "2026-01-20发布" in cover.text()
    assert "示例新区智慧城市标准化技术委员会" in cover.text()
    assert "nk-status-published" in doc.find("body").classes
    assert not doc.find_all(cls="nk-banner")

    headings = [h.text() for h in doc.iter() if h.tag in ("h1", "h2", "h3")]
    assert any(h.startswith("4.1") for h in headings), headings
    assert any(h.startswith("1\u3000范围") for h in headings), headings

    captions = [c.text() for c in doc.find_all("caption")]
    assert any(c.startswith("表1") for c in captions), captions
    assert any(c.startswith("表A.1") for c in captions), captions
    figcaptions = [c.text() for c in doc.find_all("figcaption")]
    assert any(c.strip().startswith("图1") for c in figcaptions), figcaptions

    annex = next(s for s in doc.find_all("section") if any("nk-annex-" in c for c in s.classes))
    head = annex.find("h1")
    assert head.find(cls="nk-annex-label").text() == "附录A"
    assert head.find(cls="nk-annex-status").text() in ("（资料性）", "（规范性）")

    # term entry: number on its own line, term and English equivalent, permalink
    term = doc.find(cls="nk-term", id="term-5g-base-station")
    number = term.find(cls="nk-term-number")
    assert number.text().replace("¶", "").strip() == "3.1"
    assert number.find("a", cls="headerlink").attrs["href"] == "#term-5g-base-station"
    assert term.find(cls="nk-term-head").find("strong").text() == "5G基站"
    equivalent = term.find(cls="nk-term-equivalent")
    assert equivalent.text() == "5G base station" and equivalent.attrs["lang"] == "en"
    assert "［来源：" in term.find(cls="nk-term-source").text()
    assert any(n.text().startswith("注1：") for n in term.find_all(cls="nk-label"))

    # permalinks on a clause and a table
    clause = next(
        s
        for s in doc.find_all("section")
        if any(
            isinstance(h, Element) and h.tag == "h2" and h.text().startswith("4.1")
            for h in s.children
        )
    )
    assert clause.attrs["id"]
    link = next(h for h in clause.children if isinstance(h, Element) and h.tag == "h2")
    link = link.find("a", cls="headerlink")
    assert link.attrs["href"] == "#" + clause.attrs["id"]
    table = next(t for t in doc.find_all("table") if t.find_all("caption"))
    assert table.attrs["id"]
    assert (
        table.find("caption").find("a", cls="headerlink").attrs["href"] == "#" + table.attrs["id"]
    )

    # contents: a navigation of the page's clauses and annexes
    toc = doc.find("nav", cls="nk-toc")
    assert toc.find("summary").text() == "目次"
    targets = {a.attrs["href"] for a in toc.find_all("a")}
    assert "#" + clause.attrs["id"] in targets and "#" + annex.attrs["id"] in targets

    text = visible_text(doc)
    for english in ("Table ", "Figure ", "NOTE", "EXAMPLE", "Annex ", "Contents", "Search"):
        assert english not in text, english
    assert not external_references(doc, page)
    assert (page.parent / "_static" / "normkit.css").is_file()
    assert not (page.parent / "search.html").exists()  # the framework's search serves all


@pytest.mark.slow
def test_draft_is_marked_unmistakably(site: Path) -> None:
    doc = parse(site / "zh_CN" / "t-xqzc-2101" / "index.html")
    assert "nk-status-draft" in doc.find("body").classes
    assert "nk-status-draft" in doc.find(cls="nk-cover").classes
    assert doc.find(cls="nk-cover-status").text() == "（征求意见稿）"
    banner = doc.find(cls="nk-banner")
    assert "nk-banner-draft" in banner.classes and "征求意见稿" in banner.text()
    assert doc.find("main").attrs["data-watermark"] == "征求意见稿"
    assert doc.find(cls="nk-cover-number").text() == "T/XQZC 2101"  # no year: not issued


@pytest.mark.slow
def test_english_edition(site: Path) -> None:
    page = site / "en" / "t-xqzc-1101" / "index.html"
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "en"
    captions = [c.text() for c in doc.find_all("caption")]
    assert any(c.startswith("Table 1") for c in captions), captions
    assert doc.find(cls="nk-annex-label").text() == "Annex A"
    assert doc.find("nav", cls="nk-toc").find("summary").text() == "Contents"
    assert doc.find(cls="nk-cover-title-other").attrs["lang"] == "zh-CN"
    assert not external_references(doc, page)


# --- framework pages -------------------------------------------------------------------


@pytest.mark.slow
def test_framework_pages(site: Path, system) -> None:
    outdir = site / "zh_CN"
    written = write_framework_pages(system, Layout(site.parent), "zh_CN")
    assert outdir / "index.html" in written and outdir / "search.html" in written
    assert not list(outdir.glob(".*.tmp"))
    page = outdir / "index.html"
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "zh-CN"
    assert doc.find("h1").text() == system.title["zh_CN"]
    assert system.notice["zh_CN"] in visible_text(doc)
    assert f"版本 {system.version}" in visible_text(doc)  # the framework's own version

    rows = {}
    for row in doc.find_all("tr", cls="nk-entry"):
        rows[row.find("td", cls="nk-col-number").text()] = row
    numbers = {e.number for e in system.entries} | set(system.standards)
    assert len(rows) == len(numbers)
    for number in numbers:
        std = system.standards.get(number)
        shown = std.dated_number if std else number
        row = rows[shown]
        status = std.status if std else system.entry(number).status
        assert row.attrs["data-status"] == status
        badge = row.find(cls="nk-badge")
        assert f"nk-badge-{status}" in badge.classes and badge.text()
        assert system.title_of(number, "zh_CN") in row.text()
        links = row.find_all("a")
        if std:
            assert links and links[0].attrs["href"] == f"{std.slug}/index.html"
        else:
            assert not links
    assert rows["T/XQZC 2101"].find(cls="nk-badge").text() == "征求意见稿"

    svg = doc.find("svg", cls="nk-diagram-columns")
    assert doc.find("svg", cls="nk-diagram-bands")
    svg_text = svg.text()
    for category in system.categories:
        assert category.title["zh_CN"] in svg_text
        for aspect in category.aspects:
            assert aspect.title["zh_CN"] in svg_text
    aspect_links = {a.attrs["href"] for a in svg.find_all("a")}
    assert "#aspect-1-1" in aspect_links and doc.find(id="aspect-1-1")
    counts = doc.find(cls="nk-counts").text()
    assert str(len(numbers)) in counts

    # the search index finds a Chinese word of a built page, per clause, by substring
    index = json.loads((outdir / "search-index.json").read_text(encoding="utf-8"))
    urls = [p["url"] for p in index["pages"]]
    assert urls == ["t-xqzc-1101/index.html", "t-xqzc-2101/index.html"]
    hits = [e for e in index["entries"] if "宏基站" in e["t"] or "宏基站" in e["h"]]
    assert hits
    hit = next(e for e in hits if e["h"].startswith("5.2.1"))
    target = parse(outdir / urls[hit["p"]])
    assert target.find(id=hit["a"]).tag == "section"
    assert all("¶" not in e["h"] for e in index["entries"])
    script = (outdir / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.NK_SEARCH_INDEX = {")
    search = parse(outdir / "search.html")
    sources = [s.attrs.get("src") for s in search.find_all("script")]
    assert sources == ["search-index.js", "_static/search.js"]
    assert search.find("form").attrs["data-results"] == "共找到 {n} 处"

    for name in ("index.html", "search.html"):
        assert not external_references(parse(outdir / name), outdir / name)
    for english in ("Search", "Planned", "Draft", "Standards"):
        assert english not in visible_text(doc)


def test_framework_model_counts(system) -> None:
    model = framework_model(system, "en")
    counts = system.counts()
    assert model["counts"]["categories"] == counts["categories"]
    assert model["counts"]["aspects"] == counts["aspects"]
    assert model["counts"]["drafted"] == counts["drafted"]
    assert model["title"] == system.title["en"]
    listed = sum(a["count"] for c in model["categories"] for a in c["aspects"])
    assert listed == model["counts"]["standards"]
    assert {s["status"] for s in model["statuses"]} == {
        "planned",
        "draft",
        "approved",
        "published",
        "withdrawn",
        "superseded",
    }


def test_diagram_layout_fits(system) -> None:
    model = framework_model(system, "zh_CN")
    for orientation in ("columns", "bands"):
        layout = diagram_layout(model, {"standards_count": "{n}项"}, orientation)
        assert len(layout["columns"]) == len(system.categories)
        for column in layout["columns"]:
            for box in column["aspects"]:
                assert box.x + box.w <= layout["width"]
                assert box.y + box.h <= layout["height"]
                assert box.extra["count"].endswith("项")


def test_wrap_breaks_cjk_and_words() -> None:
    assert wrap("基础设施与感知体系", 50, 15) == ["基础设", "施与感", "知体系"]
    lines = wrap("Infrastructure and perception systems", 120, 15)
    assert all(" " not in line or len(line) < 20 for line in lines)
    assert " ".join(lines) == "Infrastructure and perception systems"


def test_search_chunks_per_clause_from_the_doctree() -> None:
    from docutils import nodes
    from docutils.core import publish_doctree

    from normkit.sphinxext import nodes as nk
    from normkit.sphinxext.search_text import search_chunks

    doctree = publish_doctree(
        "总体要求\n========\n\n总的要求。\n\n建设原则\n--------\n\n应统一规划。\n\n"
        ".. table:: 表1　参数\n\n   = =\n   a b\n   = =\n\n"
        ".. image:: x.png\n\n其他\n--------\n\n..\n   不要\n",
        settings_overrides={"report_level": 5, "doctitle_xform": False},
    )
    term = nk.term_entry(ids=["term-site"])
    term += nodes.paragraph("", "3.10", classes=["nk-term-number"])
    term += nk.term_head("", "", nodes.strong("", "站址"), nodes.Text(" site"))
    term += nodes.paragraph("", "场所。")
    doctree += term
    # The cover's chunk is headed by the standard's dated number and title: what a search
    # result names the document by.
    from normkit.sphinxext.cover import cover_line

    cover = nk.cover(ids=["cover"])
    cover += cover_line("number", "T/XQZC 1101—2026")
    cover += cover_line("title", "通信导则")
    cover += cover_line("issue", "2026-01-20发布")
    doctree.insert(0, cover)
    by_anchor = {c["anchor"]: c for c in search_chunks(doctree)}
    assert by_anchor["cover"] == {
        "anchor": "cover",
        "heading": "T/XQZC 1101—2026 通信导则",
        "text": "2026-01-20发布",
    }
    assert by_anchor["section-1"]["heading"] == "总体要求"
    assert by_anchor["section-1"]["text"] == "总的要求。"
    assert by_anchor["section-2"]["heading"] == "建设原则"  # a table's title is its text
    assert by_anchor["section-2"]["text"] == "应统一规划。 表1 参数 a b"
    assert by_anchor["term-site"] == {
        "anchor": "term-site",
        "heading": "3.10 站址 site",
        "text": "场所。",
    }
    assert all("不要" not in c["text"] for c in by_anchor.values())


def test_write_atomic_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "index.html"
    site_pages.write_atomic(target, "一")
    site_pages.write_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]


# --- in a browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt install chromium)")
def test_pages_render_in_a_browser(site: Path, system, tmp_path: Path) -> None:
    write_framework_pages(system, Layout(site.parent), "zh_CN")
    pages = {
        "standard": site / "zh_CN" / "t-xqzc-1101" / "index.html",
        "draft": site / "zh_CN" / "t-xqzc-2101" / "index.html",
        "framework": site / "zh_CN" / "index.html",
    }
    for name, page in pages.items():
        for label, size in (("wide", "1280,2000"), ("phone", "390,1800")):
            png = tmp_path / f"{name}-{label}.png"
            _chromium(tmp_path, f"--screenshot={png}", f"--window-size={size}", page.as_uri())
            assert png.is_file(), f"no screenshot of the {name} page ({label})"
            # text and rules on white: some ink, far from all of it
            assert 0.003 < ink(png) < 0.6, f"{png} looks blank or unstyled ({ink(png):.4f})"
    # the search page runs its script and lists hits for a Chinese word
    search = (site / "zh_CN" / "search.html").as_uri() + "?q=%E5%AE%8F%E5%9F%BA%E7%AB%99"
    result = _chromium(tmp_path, "--dump-dom", "--virtual-time-budget=3000", search)
    assert "共找到" in result.stdout
    assert result.stdout.count('class="nk-hit-title"') >= 3
    assert "t-xqzc-1101/index.html#" in result.stdout
