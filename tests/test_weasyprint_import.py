"""Importing WeasyPrint the way normkit does runs no C compiler (WeasyPrint#1125)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Stands in for gcc, cc and ld on PATH: records each call, then fails as a link that
#: finds nothing would.
RECORDER = """#!/bin/sh
echo "$0 $*" >> "{log}"
exit 1
"""


def _import(code: str, bin_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ctypes asks gcc on Linux")
def test_weasyprint_is_imported_without_a_compiler(tmp_path: Path) -> None:
    log = tmp_path / "compiler-calls.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("gcc", "cc", "ld"):
        tool = bin_dir / name
        tool.write_text(RECORDER.format(log=log), encoding="utf-8")
        tool.chmod(0o755)

    # WeasyPrint imported plainly asks the compiler (so the recorder does record) …
    plain = _import("import weasyprint", bin_dir)
    assert plain.returncode == 0, plain.stderr
    assert log.is_file() and "gcc" in log.read_text(encoding="utf-8")
    log.unlink()

    # … through normkit it does not, it renders, and the lookup is given back after.
    code = (
        "import ctypes.util\n"
        "lookup = ctypes.util.find_library\n"
        "from normkit.writers.pdf_render import weasyprint\n"
        "wp = weasyprint()\n"
        "assert ctypes.util.find_library is lookup\n"
        "from weasyprint.text import ffi\n"
        "assert ffi.harfbuzz_subset is not None, 'HarfBuzz subsetting not found'\n"
        "pdf = wp.HTML(string='<p lang=zh-CN>标准 text</p>').write_pdf()\n"
        "assert pdf.startswith(b'%PDF')\n"
    )
    normkit = _import(code, bin_dir)
    assert normkit.returncode == 0, normkit.stderr
    assert not log.exists(), log.read_text(encoding="utf-8")
