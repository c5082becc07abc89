"""Building needs no network: a build (HTML and PDF) runs in a network namespace with no
interface but a closed loopback (``unshare --net``), where any attempt to reach a
host fails at once. The PDF (WeasyPrint, fonts, print CSS) and the HTML are made
from local files only; a source that names a URL is refused with its line, not
fetched and not left hanging."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _offline(*command: str) -> list[str]:
    """``command`` in a new network namespace: as root directly, else as a mapped user."""
    unshare = shutil.which("unshare")
    for flags in (["--net"], ["--map-root-user", "--net"]):
        if (
            unshare
            and subprocess.run([unshare, *flags, "true"], capture_output=True).returncode == 0
        ):
            return [unshare, *flags, *command]
    pytest.skip("no network namespaces here (unshare --net is refused)")


@pytest.mark.slow
def test_a_build_without_network_makes_every_format(make_repo, tmp_path: Path) -> None:
    root = make_repo(
        {
            "standards/t-test-1102/index.rst": "范围\n====\n\n"
            "本文件规定了网络要求。\n\n.. csv-table:: 数据\n   :url: https://example.org/data.csv\n"
        }
    )
    probe = subprocess.run(
        _offline(
            sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 80), 2)"
        ),
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0, "the namespace still reaches the network"
    build = [sys.executable, "-m", "normkit.cli", "build", "--root", str(root), "--lang", "zh_CN"]
    build += ["--format", "html", "--format", "pdf"]
    run = subprocess.run(_offline(*build, "-j", "1"), capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    out = root / "build"
    assert (out / "pdf" / "t-test-1101-1.0-zh_CN.pdf").is_file(), run.stdout
    assert (out / "html" / "zh_CN" / "t-test-1101" / "index.html").is_file()
    # The standard naming a URL fails alone, with its line.
    assert "t-test-1102/index.rst:6: error: `csv-table` with :url:" in run.stdout
    assert not list(out.glob("*/t-test-1102*"))
