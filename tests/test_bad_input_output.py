"""Bad input of the output kind: a folder normkit must write to is read-only (as a full
disk or a read-only mount is met). Every command says which folder or file it cannot
write and why, exits 2, prints no traceback, and leaves what was there as it was.

The tests run as root, whom file modes do not stop: each command runs in a mount
namespace of its own where the folder is bind-mounted read-only (``unshare -m``).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from repository import commit_all

NORMKIT = [sys.executable, "-m", "normkit.cli"]


def _namespaces() -> bool:
    unshare = shutil.which("unshare")
    return bool(unshare) and subprocess.run([unshare, "-m", "true"]).returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces(), reason="no mount namespaces (unshare -m)")


def _run_read_only(root: Path, read_only: Path, *args: str) -> tuple[int, str]:
    """``normkit ARGS`` in ``root`` with ``read_only`` mounted read-only."""
    read_only.mkdir(parents=True, exist_ok=True)
    command = " ".join(shlex.quote(a) for a in [*NORMKIT, *args])
    folder = shlex.quote(str(read_only))
    mount = f"mount --bind -o ro {folder} {folder} || exit 99"
    script = f"{mount}; cd {shlex.quote(str(root))} && {command}"
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    said = run.stdout + run.stderr
    assert run.returncode != 99, f"the read-only mount failed: {said}"
    assert "Traceback" not in said and "crashed" not in said, said
    return run.returncode, said


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def repo(make_repo) -> Path:
    root = make_repo()
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    commit_all(root, "1.0")
    return root


NEW = ("new", "--aspect", "1.1", "--title-zh", "新", "--title-en", "New")
CASES = {
    # name: (the read-only folder, the command, the path the message names)
    "build": ("build", ("build", "--lang", "zh_CN", "--format", "html"), "build"),
    "translate": (
        "standards/t-test-1101/locale",
        ("translate",),
        "standards/t-test-1101/locale/en/LC_MESSAGES/index.po",
    ),
    "new": ("standards", NEW, "standards/framework.toml"),
    "site": ("build", ("site",), "build"),
    "diff": ("build", ("diff", "T/TEST 1101", "HEAD"), "build"),
    "release": ("build", ("release", "T/TEST 1101"), "build/publish/releases/t-test-1101"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_read_only_output_is_named(repo: Path, name: str) -> None:
    folder, command, named = CASES[name]
    if name in ("translate", "diff"):  # a change to translate, to redline
        index = repo / "standards" / "t-test-1101" / "index.rst"
        text = index.read_text(encoding="utf-8") + "\n新增的段落。\n"
        index.write_text(text, encoding="utf-8")
    before = _files(repo / folder)
    code, said = _run_read_only(repo, repo / folder, *command)
    assert code == 2, said
    # Paths under the current folder (the repository here) are shown from it.
    assert f"ERROR: cannot write to {named}: Read-only file system" in said, said
    assert "hint: make the folder writable, or free space on its disk" in said or (
        "hint: choose a folder you can write to with --out" in said
    ), said
    assert _files(repo / folder) == before, "a refused command changed what was there"


def test_init_into_a_read_only_folder(tmp_path: Path) -> None:
    target = tmp_path / "body"
    init = ("init", str(target), "--prefix", "T/X", "--body-zh", "甲", "--body-en", "A")
    code, said = _run_read_only(tmp_path, target, *init)
    assert code == 2, said
    assert "ERROR: cannot write to body/standards/framework.toml: Read-only" in said, said
    assert list(target.iterdir()) == []


@pytest.mark.build_warnings()
def test_a_release_git_cannot_record_completes_when_run_again(repo: Path, normkit) -> None:
    code, said = _run_read_only(repo, repo / ".git", "release", "T/TEST 1101")
    assert code == 2, said
    assert "ERROR: git could not commit the ledger: " in said, said
    assert "then run the release again: it completes what is missing" in said
    assert not (repo / "standards" / "releases" / "ledger.jsonl").exists()
    again = normkit("release", "T/TEST 1101", "--root", str(repo))
    assert again.code == 0, again.out + again.err
    assert "tagged t-test-1101/v1.0" in again.out
