"""A build killed at any point, then run again, leaves the same bytes as a clean build.

The build writes each output through a private folder and a rename, and cleans what a
killed run left (``build/.tmp``, replaced outputs, framework pages written after the
last edition), so the next run neither trusts nor keeps half of anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NORMKIT = [sys.executable, "-m", "normkit.cli"]
BUILD = ["build", "--standard", "T/TEST 1101", "--lang", "zh_CN", "--format", "html", "-j", "1"]


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (the cache's own records aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(folder).parts
    }


def _build(root: Path, out: Path, kill_after: float | None = None) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    command = [*NORMKIT, *BUILD, "--root", str(root), "--out", str(out)]
    process = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if kill_after is None:
        out_text, err_text = process.communicate(timeout=300)
        assert process.returncode == 0, out_text.decode() + err_text.decode()
        return
    time.sleep(kill_after)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, at once
    process.communicate(timeout=60)


@pytest.mark.slow
def test_a_killed_build_then_a_rebuild_equals_a_clean_build(make_repo, tmp_path: Path) -> None:
    root = make_repo()
    clean = tmp_path / "clean"
    start = time.perf_counter()
    _build(root, clean)
    seconds = time.perf_counter() - start
    expected = _tree(clean)
    assert "html/zh_CN/index.html" in expected
    out = tmp_path / "killed"
    for share in (0.7,):  # while the edition is being read and written
        _build(root, out, kill_after=seconds * share)
        _build(root, out)
        assert _tree(out) == expected, f"killed at {share:.0%} of a build"
        assert not any((out / ".tmp").iterdir()), "a killed build's work was left behind"


def test_a_rebuild_repairs_what_a_killed_build_left(make_repo, normkit) -> None:
    """Deterministically, the states a kill can leave: a work folder and a replaced
    output of a dead run, and framework pages older than the editions (killed after
    the last edition's stamp)."""
    root = make_repo()
    only = ("--standard", "T/TEST 1101", "--lang", "zh_CN", "--format", "html")
    assert normkit("build", "--root", str(root), *only).code == 0
    site = root / "build" / "html" / "zh_CN"
    fresh = (site / "index.html").read_bytes()
    dead = 2**22 + 1  # above Linux's default pid_max: no process has it
    leftover = root / "build" / ".tmp" / f"{dead}-t-test-1101-x"
    (leftover / "html").mkdir(parents=True)
    replaced = site / f".t-test-1101.old-{dead}"
    replaced.mkdir()
    # The page of an earlier build, older than the edition built since (killed between).
    (site / "index.html").write_text("<p>the framework as it was</p>", encoding="utf-8")
    os.utime(site / "index.html", (0, 0))
    run = normkit("build", "--root", str(root), *only)
    assert run.code == 0 and "1 up to date" in run.out, run.out
    assert (site / "index.html").read_bytes() == fresh
    assert not leftover.exists() and not replaced.exists()
