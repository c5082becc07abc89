"""normkit release and verify on real git repositories made by the tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import write_repo

from normkit.release import LEDGER_PATH, LedgerEntry, appended


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` and return its output."""
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test system committed once in a git repository on branch main."""
    root = write_repo(tmp_path_factory.mktemp("committed") / "repo")
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-qm", "Std")
    return root


@pytest.fixture
def repo(committed: Path, tmp_path: Path) -> Path:
    """A repository of its own for each test: a clone of the committed one (git shares
    its objects; the work tree is checked out afresh)."""
    root = tmp_path / "repo"
    git(tmp_path, "clone", "-q", str(committed), str(root))
    git(root, "remote", "remove", "origin")
    git(root, "config", "user.name", "Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "tag.gpgSign", "false")
    return root


def commit_edit(repo: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the file ``name`` of ``repo`` and commit it."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(repo, "commit", "-qam", f"edit {name}")


def fake_release(root: Path, slug: str, version: str) -> None:
    """Commit a ledger entry for ``slug`` ``version`` as if it had been released."""
    path = root / LEDGER_PATH
    data = path.read_bytes() if path.is_file() else b""
    commit = git(root, "rev-parse", "HEAD")
    data, _ = appended(
        data,
        LedgerEntry(
            "standard",
            slug.upper(),
            slug,
            version,
            commit,
            "c" * 40,
            "d" * 64,
            "2026-01-01T00:00:00Z",
        ),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "ledger")


def test_dirty_tree_is_refused(repo: Path, normkit) -> None:
    (repo / "standards/t-test-1101/index.rst").write_text("changed\n", encoding="utf-8")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1
    assert "uncommitted changes (M standards/t-test-1101/index.rst)" in run.err
    assert "Traceback" not in run.err
    assert not (repo / LEDGER_PATH).exists()


def test_detached_head_is_refused(repo: Path, normkit) -> None:
    git(repo, "checkout", "-q", "--detach")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1 and "HEAD is detached" in run.err and "git switch" in run.err


def test_version_not_newer_and_wrong_version_are_refused(repo: Path, normkit) -> None:
    fake_release(repo, "t-test-1101", "1.1")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1
    assert "t-test-1101 1.0 is not newer than its last release 1.1 (ledger line 1)" in run.err
    run = normkit("release", "t-test-1101", "--version", "2.0", "--root", str(repo))
    assert run.code == 1
    assert "--version 2.0: the committed t-test-1101/standard.toml says version 1.0" in run.err


def test_fuzzy_translation_is_refused_naming_the_catalog(repo: Path, normkit) -> None:
    po = "standards/t-test-1101/locale/en/LC_MESSAGES/index.po"
    commit_edit(repo, po, "#: index.rst:6\n", "#: index.rst:6\n#, fuzzy\n")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1
    assert "standards/t-test-1101/locale/en/LC_MESSAGES/index.po: " in run.err
    assert "1 fuzzy" in run.err
    assert git(repo, "tag") == ""


def test_approved_standard_is_not_released_before_it_is_issued(repo: Path, normkit) -> None:
    toml = "standards/t-test-1101/standard.toml"
    commit_edit(repo, toml, 'status = "published"', 'status = "approved"')
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1, run.out
    assert "T/TEST 1101 1.0 is approved, to be issued on 2026-01-10" in run.err
    assert 'set status = "published"' in run.err
    assert git(repo, "tag") == "" and not (repo / LEDGER_PATH).exists()


def test_tag_on_another_commit_is_refused(repo: Path, normkit) -> None:
    git(repo, "tag", "t-test-1101/v1.0")
    (repo / "standards/t-test-1101/extra.txt").write_text("x", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "more")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1
    assert "tag t-test-1101/v1.0 already exists and points to" in run.err
    assert "git tag -d t-test-1101/v1.0" in run.err


def test_verify_names_a_broken_chain(repo: Path, normkit) -> None:
    fake_release(repo, "t-test-1101", "1.0")
    fake_release(repo, "t-test-1101", "1.1")
    fake_release(repo, "t-test-1101", "1.2")
    path = repo / LEDGER_PATH
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[2])  # version 1.1 removed
    run = normkit("verify", "--root", str(repo))
    assert run.code == 1
    assert "ledger.jsonl:2: the chain is broken" in run.out


def test_not_a_git_repository_is_refused(make_repo: Callable[..., Path], normkit) -> None:
    root = make_repo()
    run = normkit("release", "t-test-1101", "--root", str(root))
    assert run.code == 1 and "is not in a git repository" in run.err


def test_release_interrupted_while_building_leaves_nothing(
    repo: Path, normkit, monkeypatch
) -> None:
    """Killed while building: no release folder, no ledger entry, no tag; the staging
    folder it was writing is gone."""
    import normkit.release.publish as publish

    def killed(export_root, slug, dest, jobs, epoch, history):
        (dest / "pdf").mkdir()
        (dest / "pdf" / "half.pdf").write_bytes(b"%PDF-1.7 half")
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "build_standard", killed)
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 130
    releases = repo / "build/publish/releases/t-test-1101"
    assert list(releases.iterdir()) == []
    assert not (repo / LEDGER_PATH).exists()
    assert git(repo, "tag") == "" and git(repo, "status", "--porcelain") == ""


def test_master_text_changed_since_the_catalog_is_refused(repo: Path, normkit) -> None:
    """A sentence changed after the catalog was last updated is in no catalog: the
    English edition would publish it in Chinese."""
    commit_edit(repo, "standards/t-test-1101/index.rst", "设施应符合", "设施均应符合")
    run = normkit("release", "t-test-1101", "--root", str(repo))
    assert run.code == 1
    assert "standards/t-test-1101/locale/en/LC_MESSAGES/index.po: 1 of 4 segments" in run.err
    assert "normkit translate --standard t-test-1101" in run.err


def test_site_of_a_system_with_no_release_yet(repo: Path, normkit) -> None:
    """Nothing released: the landing page and the standards' pages, no search index."""
    run = normkit("site", "--root", str(repo))
    assert run.code == 0, run.out + run.err
    site = repo / "build/site"
    assert "0 releases" in run.out
    page = (site / "en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert "Not released yet" in page
    assert (site / "index.html").is_file() and (site / "versions.json").read_text() == "{}\n"


def test_a_standards_page_says_what_its_status_asks_of_a_reader(repo: Path, normkit) -> None:
    """An approved standard's page says it is not to be cited before its issue date (a
    superseded one, by what); a page with no release has no word of verifying them,
    and where there is one, the command is set as code."""
    toml = repo / "standards/t-test-1101/standard.toml"
    text = toml.read_text(encoding="utf-8").replace('status = "published"', 'status = "approved"')
    toml.write_text(text.replace("2026-01-10", "2099-01-10"), encoding="utf-8")
    run = normkit("site", "--root", str(repo))
    assert run.code == 0, run.out + run.err
    site = repo / "build/site"
    zh = (site / "zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
    assert '<p class="nk-notice">本文件在2099-01-10发布前不应作为现行标准引用' in zh
    en = (site / "en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert "Until it is issued on 2099-01-10, this document shall not" in en
    assert "nk-verify-hint" not in en  # nothing released: nothing to verify
    framework = (site / "en/framework.html").read_text(encoding="utf-8")
    assert "run <code>normkit verify</code> to check them." in framework
    assert "`" not in framework and "{command}" not in framework


def test_site_of_a_repository_with_older_templates(repo: Path, normkit) -> None:
    """A repository whose templates/ an earlier normkit copied (no framework page, no
    macros of the one theme, label tables without the newer words): the site takes what
    it lacks from normkit's own templates and words, and keeps the repository's."""
    templates = repo / "templates"
    for name in ("site/framework.html", "site/release.html", "html/site/standards.html"):
        (templates / name).unlink()
    for language in ("zh_CN", "en"):
        labels = templates / "labels" / f"{language}.toml"
        text = labels.read_text(encoding="utf-8")
        kept = [line for line in text.splitlines() if not line.startswith("framework_")]
        labels.write_text("\n".join(kept).replace("搜索", "检索") + "\n", encoding="utf-8")
    run = normkit("site", "--root", str(repo))
    assert run.code == 0, run.out + run.err
    page = (repo / "build/site/en/framework.html").read_text(encoding="utf-8")
    assert "Versions of the framework" in page and "The framework has not been released" in page
    home = (repo / "build/site/index.html").read_text(encoding="utf-8")
    assert "检索" in home and "搜索" not in home  # the repository's own words win
