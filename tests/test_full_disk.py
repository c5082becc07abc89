"""A full output disk: the outputs that fit are published, the others fail with a
sentence saying the disk is full, nothing half-written is left, and no traceback."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_a_full_disk_fails_cleanly(make_repo, tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-m", "true"]).returncode != 0:
        pytest.skip("no mount namespaces here (unshare -m is refused)")
    root = make_repo()
    out = tmp_path / "full"
    out.mkdir()
    build = [sys.executable, "-m", "normkit.cli", "build", "--root", str(root)]
    build += ["--standard", "T/TEST 1101", "--lang", "zh_CN", "--out", str(out), "-j", "1"]
    build += ["--format", "html", "--format", "docx"]
    # A 120 KB disk of its own: the HTML fits, the DOCX does not.
    command = " ".join(shlex.quote(part) for part in build)
    script = f"mount -t tmpfs -o size=120k tmpfs {out} && {command}; echo exit=$?; "
    script += f"find {out} -type f \\( -name '*.docx' -o -name '.*.tmp' \\)"
    run = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True, text=True)
    said = run.stdout + run.stderr
    assert "exit=2" in said, said
    assert "Traceback" not in said and "crashed" not in said, said
    # (Where the disk fills up depends on what the job writes first: the DOCX itself in
    # the job's folder, or the move of it into place.)
    assert "cannot write the output t-test-1101-1.0-zh_CN.docx: No space left on device" in said
    assert "ERROR: cannot write the framework pages: No space left on device" in said
    assert run.stdout.split("exit=2")[1].strip() == "", "a half-written file was left"
