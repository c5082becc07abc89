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
"""

PO_CLAUSE = """
#: index.rst:12
msgid "感知终端"
msgstr "Sensing terminals"

#: index.rst:15
msgid "感知终端应采用统一的设备编码。"
msgstr "Sensing terminals shall use a uniform device coding."
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
    """A repository with T/TEST 1101 released as 1.0 and 1.1 (and T/TEST 1102 a draft)."""
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
    write(root, ".gitignore", "/build/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "tag.gpgSign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "T/TEST 1101 1.0")

    def interrupted(self, *args):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:  # killed after its ledger commit
        patch.setattr(Repository, "make_tag", interrupted)
        run = normkit("release", "t-test-1101", "-j", "1", "--root", str(root))
        assert run.code == 130, run.err
    assert git(root, "tag") == ""
    run = normkit("release", "t-test-1101", "--root", str(root))
    assert run.code == 0, run.err
    assert "tagged t-test-1101/v1.0" in run.out and "rebuilt" not in run.out

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
    return root


def test_release_folder_manifest_ledger_and_tags(released: Path) -> None:
    entries = read_entries(released)
    assert [(e.slug, e.version) for e in entries] == [
        ("t-test-1101", "1.0"),
        ("t-test-1101", "1.1"),
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
        == entries[1].commit
        == git(released, "rev-parse", "t-test-1101/v1.1^{commit}")
    )
    assert (
        entries[1].manifest_sha256
        == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    )
    assert git(released, "cat-file", "-t", "t-test-1101/v1.0") == "tag"  # annotated
    assert git(released, "status", "--porcelain") == ""
    pdftext = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Sensing terminals" in pdftext
    # The foreword lists what the history says changed, as a build in the repository would.
    assert "added clause “Sensing terminals”; see Clause 3." in " ".join(pdftext.split())
    page = (folder / "html/zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
    # One change: said in the opening sentence itself (a list has two items or more).
    assert "主要技术变化为：增加了条款“感知终端”（见第3章）。" in page

    run = normkit("release", "t-test-1101", "--root", str(released))
    assert run.code == 1 and "t-test-1101 1.1 is already released (ledger line 2" in run.err


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
    assert f"t-test-1101 1.1: restored from {entries[1].commit[:12]}" in run.out
    assert "t-test-1101 1.1: manifest matches ledger line 2" in run.out
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
        git(released, "tag", "-f", "-a", "-m", "back", "t-test-1101/v1.0", entries[0].commit)
    assert run.code == 1
    assert f"{pdf}: SHA-256 differs from manifest.json" in run.out
    assert "t-test-1101-1.1-en.docx: listed in manifest.json but missing" in run.out
    assert "tag t-test-1101/v1.0 points to" in run.out and "(the tag was moved)" in run.out


@pytest.fixture(scope="module")
def site(released: Path) -> Path:
    run = normkit("site", "--root", str(released))
    assert run.code == 0, run.err
    return released / "build/site"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None
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


def test_site_is_deterministic_and_lists_releases(
    released: Path, site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert normkit("site", "--root", str(released), "--out", str(again)).code == 0
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions["t-test-1101"]] == ["1.0", "1.1"]
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "T/TEST 1101 1.1 版" in feed and "<entry>" in feed
    assert (
        "releases/t-test-1101/1.1/html/en/t-test-1101/index.html"
        in (site / "sitemap.xml").read_text()
    )
    assert (site / "404.html").is_file()
    assert (site / "releases/t-test-1101/latest/pdf/t-test-1101-1.1-en.pdf").is_file()


def test_browser_walks_the_site(site: Path, server: str, browser, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(accept_downloads=True)

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

    # Search over HTTP, in both languages; a result opens its clause.
    for language, query, words in (
        ("zh_CN", "感知终端", "感知终端应采用"),
        ("en", "sensing terminal", "Sensing terminals shall"),
    ):
        page.goto(f"{server}/{language}/search.html?q={query}")
        page.wait_for_selector("#nk-search-results li a", timeout=20000)
        no_serious_violations()
        first = page.locator("#nk-search-results li a").first
        assert "T/TEST 1101 1.1" in first.inner_text()
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

    # Switching version: back to the standard's page, to version 1.0 (no such clause there).
    page.goto(f"{server}/zh_CN/t-test-1101/index.html")
    page.locator("#v1\\.0 a", has_text="中文").click()
    assert "/releases/t-test-1101/1.0/html/zh_CN/t-test-1101/index.html" in page.url
    assert "感知终端" not in page.locator("main, body").first.inner_text()


def test_site_leaves_out_a_release_that_fails_verification(released: Path, tmp_path: Path) -> None:
    """One broken release: named, left out; the rest of the site still publishes."""
    publish = tmp_path / "publish"
    shutil.copytree(released / "build/publish", publish)
    pdf = publish / "releases/t-test-1101/1.0/pdf/t-test-1101-1.0-en.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    out = tmp_path / "site"
    run = normkit("site", "--root", str(released), "--publish", str(publish), "--out", str(out))
    assert run.code == 1
    assert f"ERROR: t-test-1101 1.0 not published: {pdf}: size" in run.out
    assert "Traceback" not in run.out + run.err
    assert not (out / "releases/t-test-1101/1.0").exists()
    assert (out / "releases/t-test-1101/1.1/pdf/t-test-1101-1.1-en.pdf").is_file()
    page = (out / "en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert 'id="v1.1"' in page and 'id="v1.0"' not in page
    assert "Not published: its release files failed verification." in page
