"""Ctrl-C as users press it: SIGINT to the whole process group (the command and its
worker processes) in the middle of a build. normkit says "interrupted" and exits 130,
no worker prints a traceback, nothing half-written is visible, and the next build
completes to the same bytes as a clean one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_interrupted_build import _tree

NORMKIT = [sys.executable, "-m", "normkit.cli"]
BUILD = ["build", "--lang", "zh_CN", "--format", "html", "--format", "pdf", "-j", "2"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


def _build(root: Path, out: Path, interrupt: bool = False) -> tuple[int, str]:
    """Build into ``out``; with ``interrupt``, press Ctrl-C once a worker is writing (its
    work folder under ``out/.tmp`` has appeared)."""
    command = [*NORMKIT, *BUILD, "--root", str(root), "--out", str(out)]
    process = subprocess.Popen(
        command, env=ENV, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if interrupt:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if (out / ".tmp").is_dir() and any((out / ".tmp").iterdir()):
                break
            time.sleep(0.02)
        time.sleep(0.3)  # well inside the writing
        assert process.poll() is None, "the build ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: every process
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout.decode() + stderr.decode()


@pytest.mark.slow
def test_ctrl_c_in_a_build_stops_cleanly_and_a_rerun_completes(make_repo, tmp_path: Path) -> None:
    root = make_repo()
    clean = tmp_path / "clean"
    code, said = _build(root, clean)
    assert code == 0, said
    out = tmp_path / "interrupted"
    code, said = _build(root, out, interrupt=True)
    assert code == 130, said
    assert "interrupted" in said
    assert "Traceback" not in said and "Exception in" not in said, said
    visible = [p for p in out.rglob("*") if ".tmp" not in p.relative_to(out).parts]
    assert not [p for p in visible if p.name.endswith(".tmp")], "a half-written file is visible"
    code, said = _build(root, out)
    assert code == 0, said
    assert _tree(out) == _tree(clean)
