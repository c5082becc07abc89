"""``normkit versions`` and ``normkit diff`` on real git repositories made by the tests:
versions from history, the change list, the redline editions read back, bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import UTC
from pathlib import Path
from xml.etree import ElementTree

import git
import pytest
from conftest import INDEX, standard_toml
from docx import Document
from repository import commit_all

NEW_INDEX = INDEX.replace("设施应符合本文件的要求。", "设施宜符合本文件的要求。") + (
    "\n数据要求\n========\n\n数据应每日备份。\n"
)


def bump(root: Path, slug: str, version: str) -> None:
    path = root / "standards" / slug / "standard.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('version = "1.0"', f'version = "{version}"'), encoding="utf-8")


@pytest.fixture
def history(make_repo):
    """A repository whose T/TEST 1101 has a 1.0 and, in the working tree, a 1.1."""
    root = make_repo({".gitignore": "/build/\n"})
    first = commit_all(root, "1.0 as published")
    (root / "standards/t-test-1101/index.rst").write_text(NEW_INDEX, encoding="utf-8")
    bump(root, "t-test-1101", "1.1")
    return root, first


def porcelain(root: Path) -> str:
    return git.Repo(root).git.status("--porcelain")


def test_versions_come_from_the_last_commit_carrying_each(history, normkit):
    root, first = history
    # A fix committed to 1.0 after its first draft still belongs to 1.0.
    (root / "standards/t-test-1102/index.rst").write_text(INDEX + "\n", encoding="utf-8")
    second = commit_all(root, "1.1 begins")
    run = normkit("versions", "--root", str(root), "--standard", "T/TEST 1101", "--format", "json")
    assert run.code == 0, run.err
    import json

    rows = json.loads(run.out)
    assert [(r["version"], r["origin"]) for r in rows] == [("1.0", "git"), ("1.1", "working tree")]
    assert rows[0]["commit"] == first != second


def test_diff_markdown_lists_the_changes_with_both_numbers(history, normkit):
    root, _ = history
    before = porcelain(root)
    run = normkit("diff", "t-test-1101", "--root", str(root), "--format", "markdown")
    assert run.code == 0, run.err
    assert "### T/TEST 1101: 变更清单（1.0 → 1.1）" in run.out
    assert "更改了要求“设施宜符合本文件的要求。”（见2.1，1.0版的2.1）" in run.out or (
        "更改了要求“设施宜符合本文件的要求。”（见第2章，1.0版的第2章）" in run.out
    )
    assert "增加了条款“数据要求”（见第3章）" in run.out
    assert "~~应~~ → **宜**" in run.out
    assert porcelain(root) == before
    assert not (root / "build").exists()


@pytest.mark.slow
def test_redline_html_and_docx_are_built_and_the_tree_is_untouched(history, normkit):
    root, _ = history
    before = porcelain(root)
    run = normkit(
        "diff", "T/TEST 1101", "1.0", "--root", str(root), "--lang", "zh_CN",
        "--format", "html", "--format", "docx",
    )  # fmt: skip
    assert run.code == 0, run.err
    folder = root / "build/redline/t-test-1101/1.0..1.1"
    page = (folder / "html/zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
    assert "变更清单（1.0 → 1.1）" in page and "增加了条款“数据要求”（见第3章）" in page
    docx = folder / "docx/t-test-1101-1.1-zh_CN.docx"
    paragraphs = [p.text for p in Document(docx).paragraphs]
    assert any("增加了条款“数据要求”" in p for p in paragraphs)
    # The cover says it is a redline, not the edition it compares.
    assert '<p class="nk-cover-version">修订对照稿（1.0 → 1.1）</p>' in page
    assert "修订对照稿（1.0 → 1.1）" in paragraphs[: paragraphs.index("变更清单（1.0 → 1.1）")]
    assert porcelain(root) == before
    assert not [p for p in (root / "build").rglob("*") if ".redline-" in p.name]
    # The HTML again, after an edit: the Word file of the first diff stays beside it.
    index = root / "standards/t-test-1101/index.rst"
    index.write_text(NEW_INDEX + "\n数据应异地保存。\n", encoding="utf-8")
    again = normkit("diff", "T/TEST 1101", "1.0", "--root", str(root), "--lang", "zh_CN",
                    "--format", "html")  # fmt: skip
    assert again.code == 0, again.err
    page = (folder / "html/zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
    assert "数据应异地保存。" in page
    assert [p.text for p in Document(docx).paragraphs] == paragraphs
    assert not [p for p in (root / "build").rglob("*") if ".old-" in p.name]


@pytest.mark.slow
def test_a_second_redline_of_a_version_reads_the_old_edition_once(history, normkit):
    """The old edition is kept in the doctree cache by the first redline (read beside
    the new sources); comparing the version again reads it from there, not from git."""
    root, _ = history
    args = ("diff", "T/TEST 1101", "1.0", "--root", str(root), "--lang", "zh_CN")
    first = normkit(*args, "--format", "html")
    assert first.code == 0, first.err
    kept = list((root / "build/.cache/doctrees").glob("*-zh_CN.pickle"))
    assert len(kept) == 1  # the old edition's (the working tree's is read by the build)
    stamp = kept[0].stat().st_mtime_ns
    second = normkit(*args, "--format", "html")
    assert second.code == 0, second.err
    assert kept[0].stat().st_mtime_ns == stamp  # taken, not read and written again
    assert second.out == first.out and "增加了条款“数据要求”（见第3章）" in second.out


def test_a_redline_builds_from_what_its_standard_reads_not_every_standard(history):
    """The private root a redline builds in (working tree or commit) holds the
    framework, every standard's metadata (citations resolve through it) and the
    compared standard's own folder — not the other standards' sources and figures."""
    from normkit.engine.doctree import private_root

    root, first = history
    (root / "standards/t-test-1102/figures").mkdir()
    (root / "standards/t-test-1102/figures/big.svg").write_text("<svg/>", encoding="utf-8")
    for source in (None, first):
        with private_root(root, source, "T/TEST 1101") as folder:
            files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
            held = [f for f in files if f.startswith("standards/") and "." in f.split("/")[-1]]
            assert held == [
                "standards/framework.toml",
                "standards/t-test-1101/index.rst",
                "standards/t-test-1101/locale/en/LC_MESSAGES/index.po",
                "standards/t-test-1101/standard.toml",
                "standards/t-test-1102/standard.toml",
            ]
            text = (folder / "standards/t-test-1101/index.rst").read_text(encoding="utf-8")
            assert ("数据要求" in text) == (source is None)  # the working tree's, or 1.0's
    assert porcelain(root).splitlines() == [
        " M standards/t-test-1101/index.rst",
        " M standards/t-test-1101/standard.toml",
        "?? standards/t-test-1102/figures/",
    ]


def test_unknown_standard_version_and_ref_are_said_plainly(history, normkit):
    root, _ = history
    run = normkit("diff", "T/TEST 9999", "--root", str(root))
    assert run.code == 2 and "no drafted standard 'T/TEST 9999'" in run.err
    assert "Traceback" not in run.err
    run = normkit("diff", "t-test-1101", "7.3", "--root", str(root))
    assert run.code == 2
    assert "T/TEST 1101 has no version '7.3' and git has no such ref" in run.err
    assert "hint: its versions are 1.0, 1.1" in run.err
    assert not (root / "build").exists()


def test_old_equal_to_new_says_so_and_writes_nothing(history, normkit):
    root, first = history
    run = normkit("diff", "t-test-1101", "1.0", first, "--root", str(root))
    assert run.code == 0, run.err
    assert "1.0 and " in run.out and "are the same text" in run.out and "no changes" in run.out
    assert not (root / "build").exists()


def test_shallow_clone_without_the_old_commit_says_to_fetch_history(history, tmp_path, normkit):
    root, _ = history
    commit_all(root, "1.1")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    run = normkit("diff", "t-test-1101", "HEAD~1", "--root", str(clone))
    assert run.code == 2
    assert "git fetch --unshallow" in run.err and "Traceback" not in run.err


@pytest.mark.build_warnings()  # the build refuses or warns on purpose
@pytest.mark.slow
@pytest.mark.build_warnings()  # the broken version's error is what it checks
def test_an_old_version_that_no_longer_reads_fails_cleanly(make_repo, normkit):
    root = make_repo({".gitignore": "/build/\n"})
    broken = INDEX + "\n.. unknown-directive::\n"
    (root / "standards/t-test-1101/index.rst").write_text(broken, encoding="utf-8")
    old = commit_all(root, "broken")
    (root / "standards/t-test-1101/index.rst").write_text(INDEX, encoding="utf-8")
    run = normkit("diff", "t-test-1101", old, "--root", str(root), "--format", "html")
    assert run.code == 1
    assert f"{old} of T/TEST 1101 does not read: standards/t-test-1101/index.rst:" in run.err
    assert not (root / "build/redline").exists() or not any((root / "build/redline").iterdir())


def test_framework_diff_lists_what_changed_in_the_system(make_repo, normkit):
    from conftest import FRAMEWORK

    root = make_repo({".gitignore": "/build/\n"})
    commit_all(root, "framework 1.0")
    framework = FRAMEWORK.replace('version = "1.0"', 'version = "1.1"', 1)
    framework = framework.replace('title.zh_CN = "终端导则"', 'title.zh_CN = "感知终端导则"')
    framework += '\n[[standard]]\nnumber = "T/TEST 1104"\naspect = "1.1"\nstatus = "planned"\n'
    framework += 'title.zh_CN = "杆件导则"\ntitle.en = "Pole guidelines"\n'
    (root / "standards/framework.toml").write_text(framework, encoding="utf-8")
    bump(root, "t-test-1101", "1.1")
    run = normkit("diff", "--framework", "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "framework 1.0 → 1.1: 3 changes",
        "  T/TEST 1101: version 1.0 → 1.1",
        "  T/TEST 1103: retitled 终端导则 → 感知终端导则",
        "  T/TEST 1104: added 杆件导则",
    ]
    run = normkit("diff", "--framework", "0.9", "--root", str(root))
    assert run.code == 2 and "the framework has no version '0.9'" in run.err

    # The framework pages show the same changes, in each language, linked from the
    # overview; a system without an earlier framework version has no such page.
    from normkit.layout import Layout
    from normkit.system import load_system
    from normkit.versions.framework_diff import framework_comparison
    from normkit.writers.site_pages import write_framework_pages

    system, layout = load_system(root), Layout(root / "build")
    for language in ("zh_CN", "en"):
        comparison = framework_comparison(root, language)
        write_framework_pages(system, layout, language, comparison=comparison)
    chinese = _page_text(root / "build/html/zh_CN/changes.html")
    assert "标准体系框架 1.0 版至 1.1 版的变化" in chinese
    assert "T/TEST 1101 由 1.0 版改为 1.1 版" in chinese
    assert "T/TEST 1103 更名为《感知终端导则》（原《终端导则》）" in chinese
    assert "新增 T/TEST 1104《杆件导则》" in chinese
    english = _page_text(root / "build/html/en/changes.html")
    assert "Changes from framework 1.0 to 1.1" in english
    assert "T/TEST 1101: version 1.0 → 1.1" in english
    assert "T/TEST 1104 added: Pole guidelines" in english
    overview = (root / "build/html/en/index.html").read_text(encoding="utf-8")
    assert '<a href="changes.html">Changes from framework 1.0 to 1.1</a>' in overview

    elsewhere = root.parent / "not-a-repository"
    elsewhere.mkdir()
    assert framework_comparison(elsewhere, "en") is None  # no history, no page


def test_one_change_is_counted_in_the_singular(make_repo, normkit):
    from conftest import FRAMEWORK

    root = make_repo({".gitignore": "/build/\n"})
    commit_all(root, "framework 1.0")
    framework = FRAMEWORK.replace('version = "1.0"', 'version = "1.1"', 1)
    framework = framework.replace('title.zh_CN = "终端导则"', 'title.zh_CN = "感知终端导则"')
    (root / "standards/framework.toml").write_text(framework, encoding="utf-8")
    run = normkit("diff", "--framework", "--root", str(root))
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "framework 1.0 → 1.1: 1 change"


def _page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.slow
def test_review_of_a_branch_redlines_what_it_changed(history, normkit):
    root, _ = history
    repo = git.Repo(root)
    main = repo.active_branch.name
    repo.git.checkout("-b", "edit")
    bump(root, "t-test-1101", "1.0")  # the edit forgets to bump the version
    (root / "standards/t-test-1101/standard.toml").write_text(
        (root / "standards/t-test-1101/standard.toml").read_text("utf-8").replace("1.1", "1.0"),
        encoding="utf-8",
    )
    commit_all(root, "edit 1101")
    run = normkit("diff", "--base", main, "--root", str(root), "--format", "markdown", "--strict")
    assert run.code == 1
    assert "### T/TEST 1101:" in run.out and "T/TEST 1102" not in run.out
    assert "增加了条款“数据要求”（见第3章）" in run.out
    assert "T/TEST 1101 changed but its version is still 1.0" in run.out
    summary = (root / "build/redline/summary.md").read_text(encoding="utf-8")
    assert "### T/TEST 1101:" in summary


@pytest.mark.slow
def test_review_annotates_the_pull_request(history, normkit):
    """``--format github``: each change a notice on the standard's source, the version
    left unbumped an error on its line of standard.toml."""
    root, _ = history
    repo = git.Repo(root)
    main = repo.active_branch.name
    repo.git.checkout("-b", "edit")
    toml = root / "standards/t-test-1101/standard.toml"
    toml.write_text(toml.read_text("utf-8").replace('version = "1.1"', 'version = "1.0"'), "utf-8")
    commit_all(root, "edit 1101 without a new version")
    run = normkit("diff", "--base", main, "--root", str(root), "--format", "github", "--strict")
    assert run.code == 1
    notices = [line for line in run.out.splitlines() if line.startswith("::notice ")]
    assert notices and all("file=standards/t-test-1101/index.rst" in n for n in notices)
    assert any("增加了条款“数据要求”（见第3章）" in n for n in notices)
    line = toml.read_text("utf-8").splitlines().index('version = "1.0"') + 1
    assert (
        f"::error file=standards/t-test-1101/standard.toml,line={line},"
        "title=normkit.version-not-bumped::T/TEST 1101 changed but its version is still 1.0"
    ) in run.out
    assert "### T/TEST 1101" not in run.out  # annotations only: the summary is in the file


def test_redline_author_of_a_working_tree_equal_to_a_commit_is_the_commits(make_repo):
    """The redline DOCX's revisions carry who made the new version: when NEW is the
    working tree and it is what a commit made, that commit's author and date, not the
    user who happens to run the diff."""
    from normkit.versions.history import Version, find_standard
    from normkit.versions.redline_build import author_and_date

    root = make_repo({".gitignore": "/build/\n"})
    commit_all(root, "1.0")
    (root / "standards/t-test-1101/index.rst").write_text(NEW_INDEX, encoding="utf-8")
    bump(root, "t-test-1101", "1.1")
    repo = git.Repo(root)
    repo.git.add(A=True)
    actor = git.Actor("李静", "li@example.org")
    repo.index.commit("1.1", author=actor, author_date="2026-06-01T09:00:00")
    made = repo.head.commit
    with repo.config_writer() as config:
        config.set_value("user", "name", "周鹏")  # who runs the diff
    standard = find_standard(root, "T/TEST 1101")
    working_tree = Version("1.1", None, "", "published", "working tree")
    author, date = author_and_date(root, standard, working_tree)
    assert author == "李静"
    assert date.startswith(made.committed_datetime.astimezone(UTC).strftime("%Y-%m-%dT%H:%M"))

    # A change not yet committed is the runner's, now.
    index = root / "standards/t-test-1101/index.rst"
    index.write_text(NEW_INDEX + "\n数据应加密。\n", encoding="utf-8")
    assert author_and_date(root, standard, working_tree)[0] == "周鹏"


def test_a_standard_deleted_in_new_is_all_deleted_not_an_error(make_repo, normkit):
    """Issue 12's bad input: a standard only in OLD. Its change list says the document
    was deleted — from the working tree, then in a commit — and its versions stay
    listed; a version that never had it is said plainly."""
    root = make_repo({".gitignore": "/build/\n"})
    first = commit_all(root, "1101 and 1102")
    shutil.rmtree(root / "standards/t-test-1102")
    before = porcelain(root)
    run = normkit("diff", "t-test-1102", "--root", str(root), "--format", "markdown")
    assert run.code == 0, run.err
    assert "### T/TEST 1102: 变更清单（1.0 → WORKTREE）" in run.out
    assert "a) 删除了本文件“网络导则” `:deleted standard T/TEST1102:`" in run.out
    assert "b)" not in run.out  # one change: the document, not each of its clauses
    assert porcelain(root) == before
    run = normkit("versions", "--root", str(root), "--standard", "T/TEST 1102", "--format", "json")
    assert run.code == 0, run.err
    assert '"commit": "' + first in run.out and '"version": "1.0"' in run.out

    commit_all(root, "1102 withdrawn and removed")
    run = normkit("diff", "T/TEST 1102", "1.0", "HEAD", "--root", str(root), "--format", "json")
    assert run.code == 0, run.err
    assert '"kind": "deleted", "element": "standard"' in run.out
    assert '"title": "网络导则"' in run.out
    run = normkit("diff", "T/TEST 1102", "HEAD", "--root", str(root), "--format", "markdown")
    assert run.code == 1 and "Traceback" not in run.err
    assert "T/TEST 1102 exists in neither HEAD nor WORKTREE" in run.err
    # The review of the branch that removed it lists it too.
    run = normkit("diff", "--base", first, "--root", str(root), "--format", "markdown")
    assert run.code == 0, run.err
    assert "### T/TEST 1102" in run.out and "删除了本文件“网络导则”" in run.out
    assert porcelain(root) == ""
    assert not (root / "build" / "redline" / "t-test-1102").exists()


def test_a_standard_only_in_new_is_all_added(make_repo, normkit):
    root = make_repo({".gitignore": "/build/\n"})
    shutil.rmtree(root / "standards/t-test-1102")
    first = commit_all(root, "1101 alone")
    (root / "standards/t-test-1102").mkdir()
    toml = standard_toml("T/TEST 1102", "draft", "网络导则", "Network guidelines")
    (root / "standards/t-test-1102/standard.toml").write_text(toml, encoding="utf-8")
    (root / "standards/t-test-1102/index.rst").write_text(INDEX, encoding="utf-8")
    run = normkit("diff", "t-test-1102", first, "--root", str(root), "--format", "markdown")
    assert run.code == 0, run.err
    assert "a) 增加了本文件“网络导则” `:added standard T/TEST1102:`" in run.out
    assert "b)" not in run.out


@pytest.mark.slow
def test_the_redline_of_a_deleted_standard_strikes_its_whole_text(make_repo, normkit):
    """HTML and DOCX of a standard the working tree deleted: the cover as it was, the
    change list saying so, every clause deleted (a Word revision in the DOCX)."""
    root = make_repo({".gitignore": "/build/\n"})
    commit_all(root, "1101 and 1102")
    shutil.rmtree(root / "standards/t-test-1102")
    before = porcelain(root)
    run = normkit("diff", "T/TEST 1102", "--root", str(root), "--lang", "zh_CN",
                  "--format", "html", "--format", "docx")  # fmt: skip
    assert run.code == 0, run.err
    folder = root / "build/redline/t-test-1102/1.0..WORKTREE"
    page = (folder / "html/zh_CN/t-test-1102/index.html").read_text(encoding="utf-8")
    assert "删除了本文件“网络导则”" in page
    sections = re.findall(r'<section class="([^"]*)" id="clause-\d+"', page)
    assert sections and all("nk-rl-deleted" in s for s in sections)
    body = ElementTree.fromstring(
        zipfile.ZipFile(folder / "docx/t-test-1102-1.0-zh_CN.docx").read("word/document.xml")
    )
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    deleted = "".join(t.text or "" for t in body.iter(f"{w}delText"))
    kept = "".join(t.text or "" for t in body.iter(f"{w}t"))
    for words in ("一般要求", "本文件规定了通信设施的建设要求。", "设施应符合本文件的要求。"):
        assert words in deleted and words not in kept
    assert "网络导则" in kept  # the cover and the change list stay
    assert porcelain(root) == before


FIGURE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
  <rect x="10" y="10" width="280" height="100" fill="none" stroke="#333"/>
  <text x="150" y="65" text-anchor="middle" font-size="16">{words}</text>
</svg>
"""


@pytest.mark.slow
def test_a_redrawn_figure_shows_the_old_drawing_deleted_and_the_new_inserted(
    make_repo, normkit, tmp_path
):
    """Issue 12: the old drawing comes from git into the redline, beside the new one —
    in HTML (the files the page shows), PDF (the words drawn) and DOCX (the pictures in
    the deleted and the inserted revision)."""
    figure = "\n.. figure:: figures/layout.svg\n   :name: fig-layout\n\n   设施布设\n"
    old_svg, new_svg = FIGURE_SVG.format(words="旧布设方案"), FIGURE_SVG.format(words="新布设方案")
    root = make_repo({
        ".gitignore": "/build/\n",
        "standards/t-test-1101/index.rst": INDEX + figure,
        "standards/t-test-1101/figures/layout.svg": old_svg,
    })  # fmt: skip
    commit_all(root, "1.0")
    (root / "standards/t-test-1101/figures/layout.svg").write_text(new_svg, encoding="utf-8")
    bump(root, "t-test-1101", "1.1")
    before = porcelain(root)
    run = normkit("diff", "T/TEST 1101", "--root", str(root), "--lang", "zh_CN",
                  "--format", "html", "--format", "pdf", "--format", "docx")  # fmt: skip
    assert run.code == 0, run.err
    assert "更改了图“设施布设”" in run.out
    folder = root / "build/redline/t-test-1101/1.0..1.1"
    page = folder / "html/zh_CN/t-test-1101"
    html = (page / "index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'<img [^>]*class="nk-rl nk-rl-(\w+)" src="([^"]+)"', html))
    assert (page / shown["deleted"]).read_text(encoding="utf-8") == old_svg
    assert (page / shown["inserted"]).read_text(encoding="utf-8") == new_svg

    pdf = subprocess.run(
        ["pdftotext", str(folder / "pdf/t-test-1101-1.1-zh_CN.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "旧布设方案" in pdf and "新布设方案" in pdf

    with zipfile.ZipFile(folder / "docx/t-test-1101-1.1-zh_CN.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        relations = docx.read("word/_rels/document.xml.rels").decode("utf-8")
        rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', relations))
        # Each drawing of a revision: its SVG picture (beside a PNG for older Words).
        revised = r'<w:(del|ins) [^>]*>(?:(?!</w:\1>).)*?<asvg:svgBlip [^>]*r:embed="(rId\d+)"'
        svg = {
            change: docx.read("word/" + rels[rid]).decode("utf-8")
            for change, rid in re.findall(revised, body, re.S)
        }
    assert svg == {"del": old_svg, "ins": new_svg}
    assert porcelain(root) == before


def test_diff_lang_en_lists_the_changes_in_english(history, normkit):
    """``--lang en``: the English edition's change list, in English words — kinds,
    headings and the "see" references (the new words have no translation yet: they
    stay in the master's words, as the English edition shows them)."""
    root, _ = history
    run = normkit("diff", "t-test-1101", "--root", str(root), "--lang", "en",
                  "--format", "markdown")  # fmt: skip
    assert run.code == 0, run.err
    assert "### T/TEST 1101: Changes (1.0 → 1.1)" in run.out
    assert "**Technical changes**" in run.out
    # In the form of ISO's forewords: what, then "has been added", then where.
    assert "the clause “数据要求” has been added (see Clause 3)" in run.out
    # The catalog is not updated yet: the English requirement gave way to the master's.
    deleted = "the requirement “Facilities shall conform to this document.” has been deleted"
    assert deleted in run.out
    assert not re.search("增加了|更改了|变更清单|（见", run.out)
