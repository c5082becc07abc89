"""End to end: two releases of a real git repository, verify (tamper, moved tag, rebuild)
and the public site walked in Chromium (Playwright) with axe-core.

One module fixture pays for the builds once: version 1.0 (interrupted before its tag,
then completed by a rerun) and version 1.1, which adds a clause on sensing terminals.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.synth import copy_repository
from conftest import FRAMEWORK, INDEX, PO_EN, Run, standard_toml

from normkit.cli import main
from normkit.release import read_entries
from normkit.release.repository import Repository

pytestmark = pytest.mark.slow

CLAUSE = """
感知终端
========

感知终端应采用统一的设备编码。

感知终端的网络接入见 :std:`T/TEST 1102—2026`，其后的版本见 :std:`T/TEST 1102`。
"""

PO_CLAUSE = """
#: index.rst:12
msgid "感知终端"
msgstr "Sensing terminals"

#: index.rst:15
msgid "感知终端应采用统一的设备编码。"
msgstr "Sensing terminals shall use a uniform device coding."

#: index.rst:17
msgid "感知终端的网络接入见 :std:`T/TEST 1102—2026`，其后的版本见 :std:`T/TEST 1102`。"
msgstr ""
"For network access see :std:`T/TEST 1102—2026`, for its later editions "
":std:`T/TEST 1102`."
"""

#: 1.1's foreword lists its technical changes against 1.0, from the history of the
#: repository — which a release's exported tree does not have. 1.1 is issued in the same
#: year: the dated number names 1.0, never the edition itself (rebuilt once released).
FOREWORD = """\
.. foreword::

   .. technical-changes::
      :against: T/TEST 1101—2026

"""

STD = "standards/t-test-1101"


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its output."""
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


def normkit(*args: str) -> Run:
    """``normkit ARGS`` in-process."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the framework released as 1.0, then T/TEST 1101 as 1.0 and 1.1,
    T/TEST 1102 as 1.0 in between (1101 1.1 cites it, dated and undated), and last the
    framework as 1.1 (a standard retitled, one added to the plan)."""
    root = tmp_path_factory.mktemp("released") / "repo"
    copy_repository(root, standards=False)
    write(root, "standards/framework.toml", FRAMEWORK)
    write(
        root,
        f"{STD}/standard.toml",
        standard_toml("T/TEST 1101", "published", "通信导则", "Communication guidelines"),
    )
    write(root, f"{STD}/index.rst", INDEX)
    write(root, f"{STD}/locale/en/LC_MESSAGES/index.po", PO_EN)
    draft = standard_toml("T/TEST 1102", "draft", "网络导则", "Network guidelines")
    write(root, "standards/t-test-1102/standard.toml", draft)
    write(root, "standards/t-test-1102/index.rst", INDEX)
    write(root, "standards/t-test-1102/locale/en/LC_MESSAGES/index.po", PO_EN)
    write(root, ".gitignore", "/build/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "tag.gpgSign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "T/TEST 1101 1.0")
    run = normkit("release", "--framework", "--root", str(root))
    assert run.code == 0, run.err

    def interrupted(self, *args):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:  # killed after its ledger commit
        patch.setattr(Repository, "make_tag", interrupted)
        run = normkit("release", "t-test-1101", "-j", "1", "--root", str(root))
        assert run.code == 130, run.err
    assert git(root, "tag") == "framework/v1.0"  # no tag of the interrupted release
    run = normkit("release", "t-test-1101", "--root", str(root))
    assert run.code == 0, run.err
    assert "tagged t-test-1101/v1.0" in run.out and "rebuilt" not in run.out
    run = normkit("release", "t-test-1102", "-j", "2", "--root", str(root))
    assert run.code == 0, run.err

    write(root, f"{STD}/index.rst", FOREWORD + INDEX + CLAUSE)
    po = root / f"{STD}/locale/en/LC_MESSAGES/index.po"
    po.write_text(po.read_text(encoding="utf-8") + PO_CLAUSE, encoding="utf-8")
    toml = root / f"{STD}/standard.toml"
    text = toml.read_text(encoding="utf-8").replace('version = "1.0"', 'version = "1.1"')
    text = text.replace("2026-01-10", "2026-06-10").replace("2026-03-01", "2026-09-01")
    toml.write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", "T/TEST 1101 1.1: sensing terminals")
    run = normkit("release", "t-test-1101", "-j", "2", "--root", str(root))
    assert run.code == 0, run.err

    framework = root / "standards/framework.toml"
    text = framework.read_text(encoding="utf-8").replace('version = "1.0"', 'version = "1.1"')
    text = text.replace('title.en = "Terminal guidelines"', 'title.en = "Terminal rules"')
    text += (
        '\n[[standard]]\nnumber = "T/TEST 1104"\naspect = "1.1"\nstatus = "planned"\n'
        'title.zh_CN = "平台导则"\ntitle.en = "Platform guidelines"\n'
    )
    framework.write_text(text, encoding="utf-8")
    git(root, "commit", "-qam", "Framework 1.1")
    run = normkit("release", "--framework", "--root", str(root))
    assert run.code == 0, run.err
    return root


def test_release_folder_manifest_ledger_and_tags(released: Path) -> None:
    entries = read_entries(released)
    assert [(e.slug, e.version) for e in entries] == [
        ("framework", "1.0"),
        ("t-test-1101", "1.0"),
        ("t-test-1102", "1.0"),
        ("t-test-1101", "1.1"),
        ("framework", "1.1"),
    ]
    folder = released / "build/publish/releases/t-test-1101/1.1"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    for edition in ("zh_CN", "en", "bilingual"):
        assert f"pdf/t-test-1101-1.1-{edition}.pdf" in listed
        assert f"docx/t-test-1101-1.1-{edition}.docx" in listed
        assert f"html/{edition}/t-test-1101/index.html" in listed
    pdf = folder / "pdf/t-test-1101-1.1-en.pdf"
    assert (
        listed["pdf/t-test-1101-1.1-en.pdf"]["sha256"]
        == hashlib.sha256(pdf.read_bytes()).hexdigest()
    )
    assert (
        manifest["commit"]
        == entries[3].commit
        == git(released, "rev-parse", "t-test-1101/v1.1^{commit}")
    )
    assert (
        entries[3].manifest_sha256
        == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    )
    assert git(released, "cat-file", "-t", "t-test-1101/v1.0") == "tag"  # annotated
    assert git(released, "status", "--porcelain") == ""
    pdftext = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sensing terminals" in pdftext
    # The foreword lists what the history says changed, as a build in the repository would.
    assert "the clause “Sensing terminals” has been added (see Clause 3)." in " ".join(
        pdftext.split()
    )
    page = (folder / "html/zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
    # One change: said in the opening sentence itself (a list has two items or more).
    assert "主要技术变化为：增加了条款“感知终端”（见第3章）。" in page

    run = normkit("release", "t-test-1101", "--root", str(released))
    assert run.code == 1 and "t-test-1101 1.1 is already released (ledger line 4" in run.err


def test_verify_rebuild_is_byte_identical_and_tampering_is_named(
    released: Path, tmp_path: Path
) -> None:
    # Reproducible: 1.1 (with its redline against 1.0) was built with -j2; restored from
    # its commit with -j1 after its folder is gone, its manifest must be the ledger's.
    entries = read_entries(released)
    folder = released / "build/publish/releases/t-test-1101/1.1"
    moved = tmp_path / "moved-1.1"
    folder.rename(moved)
    run = normkit("verify", "--restore", "-j", "1", "--version", "1.1", "--root", str(released))
    assert run.code == 0, run.out + run.err
    assert f"t-test-1101 1.1: restored from {entries[3].commit[:12]}" in run.out
    assert "t-test-1101 1.1: manifest matches ledger line 4" in run.out
    restored = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert restored == sorted(p.relative_to(moved) for p in moved.rglob("*") if p.is_file())
    for name in restored:
        assert (folder / name).read_bytes() == (moved / name).read_bytes(), name
    assert any(str(name).startswith("redline/t-test-1101/1.0..1.1/pdf/") for name in restored)

    copy = tmp_path / "published"
    shutil.copytree(released / "build/publish", copy)
    pdf = copy / "releases/t-test-1101/1.0/pdf/t-test-1101-1.0-zh_CN.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1
    pdf.write_bytes(bytes(data))
    (copy / "releases/t-test-1101/1.1/docx/t-test-1101-1.1-en.docx").unlink()
    git(released, "tag", "-f", "-a", "-m", "moved", "t-test-1101/v1.0", "HEAD")
    try:
        run = normkit("verify", "--out", str(copy), "--root", str(released))
    finally:
        git(released, "tag", "-f", "-a", "-m", "back", "t-test-1101/v1.0", entries[1].commit)
    assert run.code == 1
    assert f"{pdf}: SHA-256 differs from manifest.json" in run.out
    assert "t-test-1101-1.1-en.docx: listed in manifest.json but missing" in run.out
    assert "tag t-test-1101/v1.0 points to" in run.out and "(the tag was moved)" in run.out


@pytest.fixture(scope="module")
def site(released: Path) -> Path:
    run = normkit("site", "--root", str(released))
    assert run.code == 0, run.err
    return released / "build/site"


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves the site as static hosts do (GitHub Pages, nginx's error_page): a missing
    address answers 404 with the site's 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(StaticHost, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield chromium
        chromium.close()


def test_site_rebuilt_in_place_keeps_the_release_files(
    released: Path, site: Path, tmp_path: Path
) -> None:
    """The site's release files are the publishing output's own (hard links: no bytes
    copied); built again over itself, it keeps them as they are (the same files, not
    deleted and linked again) and is byte for byte the site built afresh elsewhere (the
    same inputs, the same bytes)."""
    pdf = "releases/t-test-1101/1.1/pdf/t-test-1101-1.1-en.pdf"
    publish = released / "build/publish" / pdf
    assert os.path.samefile(site / pdf, publish)
    assert os.path.samefile(site / pdf.replace("/1.1/", "/latest/"), publish)
    before = (site / pdf).stat().st_ino
    index = site / "pagefind/pagefind-entry.json"
    indexed = index.stat().st_ino
    assert normkit("site", "--root", str(released)).code == 0
    assert (site / pdf).stat().st_ino == before
    assert index.stat().st_ino == indexed  # nothing searchable changed: the index kept
    fresh = tmp_path / "fresh"
    assert normkit("site", "--root", str(released), "--out", str(fresh)).code == 0
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    for name in files:
        assert (site / name).read_bytes() == (fresh / name).read_bytes(), name
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.")]  # no leftovers
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions["t-test-1101"]] == ["1.0", "1.1"]
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "T/TEST 1101 1.1 版" in feed and "<entry>" in feed
    assert (
        "releases/t-test-1101/1.1/html/en/t-test-1101/index.html"
        in (site / "sitemap.xml").read_text()
    )
    assert (site / "404.html").is_file()


def test_browser_walks_the_site(site: Path, server: str, browser, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(accept_downloads=True)
    # Nothing a page asks for is missing: its styles, scripts, search index, icon.
    missing: list[str] = []
    page.on("response", lambda answer: answer.status == 404 and missing.append(answer.url))

    def no_serious_violations() -> None:
        found = axe.run(page).response["violations"]
        bad = [(v["id"], v["impact"]) for v in found if v["impact"] in ("serious", "critical")]
        assert not bad, f"{page.url}: {bad}"

    # From file://: the landing page, a standard, its versions.
    page.goto((site / "index.html").as_uri())
    no_serious_violations()
    page.get_by_role("link", name="通信导则").click()
    assert page.url.endswith("/zh_CN/t-test-1101/index.html")
    assert page.locator("h3", has_text="版本 1.1").count() == 1
    assert page.locator("h3", has_text="版本 1.0").count() == 1
    no_serious_violations()

    # A PDF whose SHA-256 is the manifest's (downloads need HTTP: from file:// Chromium
    # opens the file instead).
    page.goto(f"{server}/zh_CN/t-test-1101/index.html")
    with page.expect_download() as info:
        page.get_by_role("link", name="t-test-1101-1.1-en.pdf").click()
    saved = tmp_path / "download.pdf"
    info.value.save_as(saved)
    manifest = json.loads(
        (site / "releases/t-test-1101/1.1/manifest.json").read_text(encoding="utf-8")
    )
    expected = next(
        f["sha256"] for f in manifest["files"] if f["path"] == "pdf/t-test-1101-1.1-en.pdf"
    )
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == expected

    # Search over HTTP, in both languages: a result names its standard (dated number and
    # title), the clause and the edition; it opens the clause.
    for language, query, standard, edition, words in (
        ("zh_CN", "感知终端", "T/TEST 1101—2026 通信导则", "1.1 版 · 中文", "感知终端应采用"),
        (
            "en",
            "sensing terminal",
            "T/TEST 1101—2026 Communication guidelines",
            "Version 1.1 · English",
            "Sensing terminals shall",
        ),
    ):
        page.goto(f"{server}/{language}/search.html?q={query}")
        page.wait_for_selector("#nk-search-results li a", timeout=20000)
        no_serious_violations()
        result = page.locator("#nk-search-results li").first
        assert result.locator(".nk-search-standard").inner_text() == standard
        assert words.split()[0][:4] in result.locator(".nk-search-clause").inner_text()
        assert result.locator(".nk-search-edition").inner_text() == edition
        # The excerpt starts after the clause heading shown above it (Pagefind's starts
        # inside it), with no space Pagefind put between Chinese words.
        excerpt = result.locator("p").inner_text()
        assert excerpt.startswith(words), excerpt
        assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", excerpt), excerpt
        first = result.locator("a")
        first.click()
        page.wait_for_load_state()
        assert f"/releases/t-test-1101/1.1/html/{language}/t-test-1101/index.html#" in page.url
        target = page.url.split("#", 1)[1]
        assert words in page.locator(f"[id='{target}']").inner_text()
        no_serious_violations()  # the released edition pages too

    # Switching language keeps the clause.
    page.locator("a.nk-edition[hreflang='zh-CN'], a.nk-edition[lang='zh-CN']").first.click()
    page.wait_for_load_state()
    assert f"/html/zh_CN/t-test-1101/index.html#{target}" in page.url
    assert "感知终端应采用" in page.locator(f"[id='{target}']").inner_text()

    # The redline of 1.1 against 1.0, linked from the standard's page.
    page.goto(f"{server}/zh_CN/t-test-1101/index.html")
    page.locator("#v1\\.1 a", has_text="1.0").click()
    assert "/releases/t-test-1101/1.1/redline/t-test-1101/1.0..1.1/html/zh_CN/" in page.url
    assert page.locator(".nk-rl-inserted", has_text="感知终端").count() >= 1

    # Switching version: from the edition, its versions on the standard's page (at its
    # own entry), then version 1.0 (no such clause there).
    page.goto(f"{server}/releases/t-test-1101/1.1/html/zh_CN/t-test-1101/index.html")
    page.get_by_role("link", name="版本历史").click()
    page.wait_for_load_state()
    assert page.url == f"{server}/zh_CN/t-test-1101/index.html#v1.1"
    page.locator("#v1\\.0 a", has_text="中文").click()
    assert "/releases/t-test-1101/1.0/html/zh_CN/t-test-1101/index.html" in page.url
    assert "感知终端" not in page.locator("main, body").first.inner_text()

    # 1.0 says that 1.1 is published (the site knows; the page was sealed before), from
    # file:// too, and leads to the same edition of 1.1 at the same clause; 1.1 says
    # nothing of the kind.
    old = site / "releases/t-test-1101/1.0/html/zh_CN/t-test-1101/index.html"
    page.goto(old.as_uri() + "#clause-2")
    note = page.locator(".nk-banner-newer")
    assert note.inner_text().startswith("这不是本标准的最新版本：1.1 版已发布。")
    no_serious_violations()
    note.get_by_role("link", name="阅读 1.1 版").click()
    page.wait_for_load_state()
    assert page.url.endswith("/releases/t-test-1101/1.1/html/zh_CN/t-test-1101/index.html#clause-2")
    assert page.locator("header.nk-topbar").count() == 1  # the page loaded
    assert page.locator(".nk-banner-newer").count() == 0
    assert not missing, missing


def test_another_sphinx_project_reads_a_releases_inventory(site: Path, server: str) -> None:
    """Each language edition of a release publishes its objects.inv (listed in the
    manifest, so verified with the rest), named after the standard as released; from the
    site over HTTP, `python -m sphinx.ext.intersphinx URL` reads it as intersphinx would."""
    import sys

    folder = site / "releases/t-test-1101/1.1"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    for edition in ("zh_CN", "en", "bilingual"):
        assert f"html/{edition}/t-test-1101/objects.inv" in listed
    assert not any(p.endswith("objects.inv") for p in listed if p.startswith("redline/"))
    for edition, title in (("zh_CN", "通信导则"), ("en", "Communication guidelines")):
        url = f"{server}/releases/t-test-1101/latest/html/{edition}/t-test-1101/objects.inv"
        shown = subprocess.run(
            [sys.executable, "-m", "sphinx.ext.intersphinx", url],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert shown.returncode == 0, shown.stderr
        doc = next(line for line in shown.stdout.splitlines() if line.strip().startswith("index"))
        assert f"T/TEST 1101—2026 {title}" in doc and doc.rstrip().endswith(": index.html")
        assert "genindex" not in shown.stdout and "search" not in shown.stdout


PHONE = {"width": 390, "height": 844}


def test_a_reader_on_a_phone(site: Path, server: str, browser) -> None:
    """On a phone's width, no page scrolls sideways (a commit id or a SHA-256 wraps);
    the search field is wide enough to type in, its label above it; the landing page
    says which version is the latest though its table has no head there; a download
    shows its name with its size, its SHA-256 below them."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    pages = (
        "index.html",
        "en/index.html",
        "zh_CN/t-test-1101/index.html",
        "en/t-test-1101/index.html",
        "zh_CN/search.html?q=感知终端",
        "zh_CN/framework.html",
        "releases/t-test-1101/1.1/html/zh_CN/t-test-1101/index.html",
        "releases/t-test-1101/1.1/html/bilingual/t-test-1101/index.html",
        "releases/t-test-1101/1.1/redline/t-test-1101/1.0..1.1/html/en/t-test-1101/index.html",
    )
    for address in pages:
        page.goto(f"{server}/{address}")
        page.wait_for_load_state("networkidle")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= PHONE["width"], f"{address}: {wide}px wide on a {PHONE['width']}px phone"

    for address in ("index.html", "zh_CN/search.html"):
        page.goto(f"{server}/{address}")
        field = page.locator("input[type=search]").bounding_box()
        label = page.locator("form.nk-searchbox label").bounding_box()
        button = page.locator("form.nk-searchbox button").bounding_box()
        assert field["width"] >= PHONE["width"] / 2, f"{address}: the field is {field}"
        assert label["y"] + label["height"] <= field["y"], f"{address}: label beside the field"
        assert button["height"] <= field["height"] + 2  # "搜索" on one line

    page.goto(f"{server}/index.html")
    cell = page.locator("tr:has(a:text('通信导则')) td.nk-col-version")
    said = cell.evaluate("c => getComputedStyle(c, '::before').content + c.textContent")
    assert said == '"版本 "1.1'

    page.goto(f"{server}/zh_CN/t-test-1101/index.html")
    row = page.locator("#v1\\.1 .nk-downloads tr", has_text="t-test-1101-1.1-en.pdf")
    name, size, sha = (row.locator("td").nth(i).bounding_box() for i in range(3))
    assert abs(name["y"] - size["y"]) < 4 and sha["y"] >= name["y"] + name["height"] - 1
    context.close()


def test_a_missing_address_gets_the_sites_404_page(server: str, browser) -> None:
    """A static host answers a missing address anywhere in the site with 404.html: the
    page keeps its style and its links lead into the site, not further into nowhere."""
    page = browser.new_page()
    response = page.goto(f"{server}/releases/t-test-1101/9.9/html/zh_CN/t-test-1101/index.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    topbar = page.locator("header.nk-topbar").evaluate("e => getComputedStyle(e).display")
    assert topbar == "flex"  # normkit.css applied (unstyled, a header is a block)
    page.get_by_role("main").get_by_role("link", name="首页").click()
    page.wait_for_load_state()
    assert page.url == f"{server}/index.html"
    assert page.locator("h1").inner_text() == "测试标准体系"
    page.close()


def test_the_edition_links_name_their_language(site: Path) -> None:
    """The bilingual edition's link is named in the master language and leads to a page
    in it: lang and hreflang say so (a screen reader reads "中英对照" in Chinese)."""
    page = site / "releases/t-test-1101/1.1/html/en/t-test-1101/index.html"
    link = re.search(r'<a class="nk-topbar-lang nk-edition"[^>]*>中英对照', page.read_text())
    assert link and 'lang="zh-CN" hreflang="zh-CN"' in link.group(0)


def test_site_leaves_out_a_release_that_fails_verification(released: Path, tmp_path: Path) -> None:
    """One broken release: named, left out; the rest of the site still publishes, and
    its search index, made again over the site that had it, no longer holds it."""
    publish = tmp_path / "publish"
    shutil.copytree(released / "build/publish", publish)
    out = tmp_path / "site"
    args = ("site", "--root", str(released), "--publish", str(publish), "--out", str(out))
    assert normkit(*args).code == 0

    def english_pages() -> int:
        entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
        return entry["languages"]["en"]["page_count"]

    assert english_pages() == 3  # 1101 1.0 and 1.1, 1102 1.0
    pdf = publish / "releases/t-test-1101/1.0/pdf/t-test-1101-1.0-en.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    run = normkit(*args)
    assert run.code == 1
    assert english_pages() == 2
    assert f"ERROR: t-test-1101 1.0 not published: {pdf}: size" in run.out
    assert "Traceback" not in run.out + run.err
    assert not (out / "releases/t-test-1101/1.0").exists()
    assert (out / "releases/t-test-1101/1.1/pdf/t-test-1101-1.1-en.pdf").is_file()
    page = (out / "en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert 'id="v1.1"' in page and 'id="v1.0"' not in page
    assert "Not published: its release files failed verification." in page


def broken_links(site: Path) -> list[str]:
    """Every relative link or resource of the site's HTML pages whose file is missing
    (``page: href``); a link to a folder means its index.html, as a static host serves."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlsplit

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "base":  # not a link: 404.html's names the site's root, its folder
                return
            self.found += [v for k, v in attrs if k in ("href", "src") and v]

    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.found:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken


def test_every_link_of_the_site_resolves(site: Path) -> None:
    """The released editions' links (to their own other editions, to the framework, to
    the standards they cite) lead to files the site holds, as the site's own pages do."""
    assert broken_links(site) == []


def test_citations_in_a_release_lead_to_the_cited_release(site: Path) -> None:
    """1101 1.1, released after 1102 1.0, cites 1102—2026 (dated: the release current
    then) and 1102 (undated: its latest edition, whatever is released later)."""

    for edition in ("zh_CN", "en", "bilingual"):
        page = site / f"releases/t-test-1101/1.1/html/{edition}/t-test-1101/index.html"
        text = page.read_text(encoding="utf-8")
        links = dict(
            (label, href)
            for href, label in re.findall(
                r'<a class="[^"]*nk-std[^"]*" href="([^"]+)"[^>]*>(T/TEST 1102[^<]*)<', text
            )
        )
        dated = (page.parent / links["T/TEST 1102—2026"]).resolve()
        undated = (page.parent / links["T/TEST 1102"]).resolve()
        assert dated == site / f"releases/t-test-1102/1.0/html/{edition}/t-test-1102/index.html"
        assert (
            undated == site / f"releases/t-test-1102/latest/html/{edition}/t-test-1102/index.html"
        )
        assert dated.is_file() and undated.is_file()


def test_verify_shards_deal_out_the_releases(released: Path) -> None:
    """``verify --shard i/n`` (the publish workflow's matrix): each share checks its own
    releases, the shares together every release once."""
    checked = []
    for share in ("1/2", "2/2"):
        run = normkit("verify", "--shard", share, "--root", str(released))
        assert run.code == 0, run.out
        assert "ledger chain: 5 entries" in run.out
        checked.append(re.findall(r"ok    ([a-z0-9-]+ [\d.]+): manifest matches", run.out))
    assert checked[0] and checked[1] and not set(checked[0]) & set(checked[1])
    assert sorted(checked[0] + checked[1]) == [
        "framework 1.0",
        "framework 1.1",
        "t-test-1101 1.0",
        "t-test-1101 1.1",
        "t-test-1102 1.0",
    ]
    run = normkit("verify", "--shard", "3/2", "--root", str(released))
    assert run.code == 2 and "--shard: must be i/n with 1 ≤ i ≤ n, not '3/2'" in run.err


def test_site_verifies_once_and_still_sees_a_changed_byte(
    released: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site build stamps the release folders it read in full; the next one reads no
    byte of those still as stamped (size, time, inode), and an edit made since (the
    same size) is still found and the release left out."""
    import normkit.release.manifest as manifest

    publish = tmp_path / "publish"
    shutil.copytree(released / "build/publish", publish)
    args = ("site", "--root", str(released), "--publish", str(publish))
    assert normkit(*args, "--out", str(tmp_path / "a")).code == 0
    assert (publish / ".verified/t-test-1101/1.1.json").is_file()
    hashed: list[Path] = []
    real = manifest.file_sha256
    monkeypatch.setattr(manifest, "file_sha256", lambda p: hashed.append(p) or real(p))
    assert normkit(*args, "--out", str(tmp_path / "b")).code == 0
    assert hashed == []
    pdf = publish / "releases/t-test-1101/1.1/pdf/t-test-1101-1.1-zh_CN.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1
    with pdf.open("r+b") as handle:  # in place: the same file, the same size
        handle.write(bytes(data))
    run = normkit(*args, "--out", str(tmp_path / "c"))
    assert run.code == 1
    assert f"t-test-1101 1.1 not published: {pdf}: SHA-256 differs" in run.out
    assert not (tmp_path / "c/releases/t-test-1101/1.1").exists()
    assert len(hashed) > 1 and all("t-test-1101/1.1" in str(p) for p in hashed)


def test_drafts_on_the_site_are_marked_and_kept_apart(released: Path, tmp_path: Path) -> None:
    """``site --drafts``: the working tree's editions under drafts/, each page marked as
    the working text, linked from the standard's page apart from its releases; never in
    latest/, the sitemap, versions.json or the search index; every link resolves."""
    out = tmp_path / "site"
    run = normkit("site", "--drafts", "--root", str(released), "--out", str(out))
    assert run.code == 0, run.out + run.err
    page = (out / "drafts/html/en/t-test-1102/index.html").read_text(encoding="utf-8")
    assert "This is the current working text of T/TEST 1102, not a published edition" in page
    assert 'data-watermark="DRAFT"' in page
    home = (out / "drafts/html/zh_CN/index.html").read_text(encoding="utf-8")
    assert "这是标准体系当前的工作文本" in home
    standard = (out / "en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert standard.index('id="v1.1"') < standard.index('id="draft"')
    assert 'href="../../drafts/html/en/t-test-1101/index.html"' in standard
    assert "The working text (draft of version 1.1)" in standard
    assert 'href="drafts/html/zh_CN/index.html"' in (out / "index.html").read_text("utf-8")
    latest = out / "releases/t-test-1101/latest/html/en/t-test-1101/index.html"
    assert "current working text" not in latest.read_text(encoding="utf-8")
    assert "drafts/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert (out / "versions.json").read_bytes() == (
        released / "build/site/versions.json"
    ).read_bytes()
    indexed = (out / "pagefind/pagefind-entry.json").read_bytes()
    assert indexed == (released / "build/site/pagefind/pagefind-entry.json").read_bytes()
    assert broken_links(out) == []
    import docx

    def header(path: Path) -> str:
        """The words of the Word file's page header."""
        part = next(
            p for p in docx.Document(str(path)).part.package.iter_parts() if "header" in p.partname
        )
        return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", part.blob.decode("utf-8")))

    draft = out / "drafts/docx/t-test-1101-1.1-en.docx"
    assert header(draft) == "T/TEST 1101—2026(Draft for comments)"  # published, yet a draft
    released_docx = out / "releases/t-test-1101/1.1/docx/t-test-1101-1.1-en.docx"
    assert header(released_docx) == "T/TEST 1101—2026"


def test_framework_release_rebuilds_byte_identical(released: Path, tmp_path: Path) -> None:
    """The framework's own release (its overview pages, no Sphinx): verified, rebuilt
    from its commit byte for byte, and a changed page is named."""
    run = normkit("verify", "--rebuild", "--standard", "framework", "--root", str(released))
    assert run.code == 0, run.out
    assert "framework 1.0: rebuilt from" in run.out and "files byte-identical" in run.out
    assert "framework 1.1: rebuilt from" in run.out
    copy = tmp_path / "publish"
    shutil.copytree(released / "build/publish", copy)
    page = copy / "releases/framework/1.0/html/zh_CN/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("测试", "测验"), encoding="utf-8")
    run = normkit("verify", "--out", str(copy), "--root", str(released))
    assert run.code == 1 and f"{page}: SHA-256 differs from manifest.json" in run.out


def test_framework_releases_have_their_page_with_history(site: Path) -> None:
    """The site's framework page lists both framework releases, newest first, each with
    its overview as released, and 1.1 with what changed in the system since 1.0."""
    page = (site / "en/framework.html").read_text(encoding="utf-8")
    assert page.index('id="v1.1"') < page.index('id="v1.0"')
    assert "T/TEST 1104 added: Platform guidelines" in page
    assert "T/TEST 1103 retitled Terminal rules (was Terminal guidelines)" in page
    assert "Changes since version 1.0" in page
    assert 'href="../releases/framework/1.0/html/en/index.html"' in page
    assert (site / "releases/framework/1.0/html/en/index.html").is_file()
    zh = (site / "zh_CN/framework.html").read_text(encoding="utf-8")
    assert "新增 T/TEST 1104《平台导则》" in zh
    assert 'href="zh_CN/framework.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert "zh_CN/framework.html" in (site / "sitemap.xml").read_text(encoding="utf-8")
