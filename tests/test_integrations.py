"""Editor integrations: the pre-commit hook normkit offers runs a real check."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
from conftest import REPO_ROOT, STANDARD


def _hook() -> dict[str, str]:
    text = (REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(id|entry|files|language): (.+)$", text, re.M))


@pytest.mark.slow
def test_the_pre_commit_hook_runs_normkit_check_on_the_standards(make_repo):
    hook = _hook()
    assert hook["id"] == "normkit-check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("standards/t-test-1101/index.rst") and files.search("conf.py")
    assert not files.search("README.md")
    root = make_repo()
    command = shlex.split(hook["entry"])
    assert command[0] == "normkit"
    run = [sys.executable, "-m", "normkit.cli", *command[1:]]
    clean = subprocess.run(run, cwd=root, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (root / "standards/t-test-1101/standard.toml").write_text(
        STANDARD.format(number="T/TEST 1101", status="published", zh="导则", en="G").replace(
            'version = "1.0"', 'version = "one"'
        ),
        encoding="utf-8",
    )
    broken = subprocess.run(run, cwd=root, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "standards/t-test-1101/standard.toml:2: error:" in broken.stdout
    assert "[normkit.version]" in broken.stdout
