"""Bad input in a standard's history: a version that goes backwards. Versions only go
up: a release of a version below one the history already carried is refused, and the
pull-request review (`diff --base --strict`) reports it at its line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from repository import commit_all


@pytest.fixture
def went_back(make_repo) -> Path:
    """1.0 committed on main, then 0.9 with a change committed on a branch."""
    root = make_repo()
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    commit_all(root, "1.0")
    subprocess.run(["git", "-C", str(root), "branch", "-M", "main"], check=True)
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-b", "work"], check=True)
    folder = root / "standards" / "t-test-1101"
    toml = folder / "standard.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"1.0"', '"0.9"', 1), "utf-8")
    index = folder / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace("应符合", "宜符合"), "utf-8")
    commit_all(root, "0.9")
    return root


def test_a_release_of_a_version_going_back_is_refused(went_back: Path, normkit) -> None:
    run = normkit("release", "T/TEST 1101", "--root", str(went_back))
    assert run.code == 1, run.out + run.err
    assert (
        "ERROR: T/TEST 1101 0.9 is older than version 1.0, which its history already holds"
        in run.err
    )
    assert "hint: versions only go up: set a version above 1.0" in run.err
    assert not (went_back / "standards" / "releases" / "ledger.jsonl").exists()


@pytest.mark.build_warnings()
def test_the_review_reports_a_version_going_back(went_back: Path, normkit) -> None:
    run = normkit(
        "diff", "--base", "main", "--strict", "--format", "markdown", "--root", str(went_back)
    )
    said = run.out + run.err
    assert run.code == 1, said
    assert (
        "standards/t-test-1101/standard.toml:2: error: T/TEST 1101's version went back "
        "from 1.0 to 0.9 [normkit.version-not-bumped]"
    ) in said
