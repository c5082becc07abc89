"""Bad input of the git kind, as users meet it: git not installed, a shallow clone, a
repository with no commit. Every verb that needs git says so in a sentence (exit 2),
none prints a traceback, and what does not need git (check, build) still works.

normkit runs in a subprocess here: GitPython decides at its first import whether git
is there, once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from repository import commit_all

NORMKIT = [sys.executable, "-m", "normkit.cli"]


def _run(root: Path, *args: str, path: str | None = None) -> tuple[int, str]:
    env = {**os.environ, "PATH": path if path is not None else os.environ["PATH"]}
    run = subprocess.run(
        [*NORMKIT, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    said = run.stdout + run.stderr
    assert "Traceback" not in said and "crashed" not in said, said
    return run.returncode, said


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test repository, committed, at version 1.0 and then 1.1 of T/TEST 1101."""
    from conftest import write_repo

    root = write_repo(tmp_path_factory.mktemp("git") / "repo")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    commit_all(root, "1.0")
    toml = root / "standards" / "t-test-1101" / "standard.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"1.0"', '"1.1"', 1), "utf-8")
    commit_all(root, "T/TEST 1101 1.1")
    return root


NEEDS_GIT = [
    ("versions",),
    ("diff", "T/TEST 1101", "1.0", "1.1"),
    ("diff", "--framework"),
    ("impact", "T/TEST 1101"),
    ("release", "T/TEST 1101"),
    ("verify",),
]


@pytest.mark.parametrize("args", NEEDS_GIT, ids=lambda a: "-".join(a[:2]).replace(" ", ""))
def test_git_not_installed_is_said(committed: Path, args: tuple[str, ...]) -> None:
    code, said = _run(committed, *args, path="/nonexistent")
    assert code == 2, said
    assert "ERROR: git is not installed (no `git` program on PATH)" in said, said
    assert "hint: install git (Debian: apt-get install git)" in said, said


def test_init_without_git_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "body"
    code, said = _run(
        tmp_path, "init", str(target), "--prefix", "T/X", "--body-zh", "甲", "--body-en", "A",
        path="/nonexistent",
    )  # fmt: skip
    assert code == 2 and "git is not installed" in said, said
    assert not target.exists() or not any(target.iterdir()), "init wrote before refusing"


@pytest.mark.build_warnings()  # the build's foreword lists are not checked without git
def test_check_and_build_need_no_git(committed: Path, tmp_path: Path) -> None:
    code, said = _run(committed, "check", path="/nonexistent")
    assert code == 0, said
    out = tmp_path / "out"
    build = ("build", "--standard", "T/TEST 1102", "--lang", "zh_CN", "--format", "html")
    code, said = _run(committed, *build, "--out", str(out), path="/nonexistent")
    assert code == 0, said
    assert (out / "html" / "zh_CN" / "t-test-1102" / "index.html").is_file()


@pytest.fixture(scope="module")
def shallow(committed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of one commit (as CI checks out by default)."""
    clone = tmp_path_factory.mktemp("shallow") / "repo"
    git = ["git", "clone", "-q", "--depth", "1", f"file://{committed}", str(clone)]
    subprocess.run(git, check=True)
    return clone


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "T/TEST 1101"),
        ("diff", "--framework", "--format", "markdown"),
        ("impact", "T/TEST 1101"),
    ],
    ids=["diff", "framework", "impact"],
)
def test_a_shallow_clone_says_to_fetch_more_history(shallow: Path, args: tuple[str, ...]) -> None:
    code, said = _run(shallow, *args)
    assert code == 2, said
    assert "hint: this is a shallow clone: fetch more history (`git fetch --unshallow`)" in said


def test_a_repository_with_no_commit(make_repo, tmp_path: Path) -> None:
    root = make_repo()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    code, said = _run(root, "release", "T/TEST 1101")
    assert code == 1 and "the repository has no commit yet" in said, said
    code, said = _run(root, "diff", "--base", "main")
    assert code == 2 and "git has no commit 'main'" in said, said
