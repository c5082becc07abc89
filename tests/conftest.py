"""Shared fixtures: small standards repositories made in a temporary folder."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from repository import copy_repository

from normkit.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]

FRAMEWORK = """\
[framework]
version = "1.0"
title.zh_CN = "测试标准体系"
title.en = "Test standard system"

[settings]
master_language = "zh_CN"
languages = ["en"]
issuing_body.zh_CN = "测试委员会"
issuing_body.en = "Test committee"

[settings.numbering]
prefix = "T/TEST"
pattern = '^T/TEST \\d{4}$'

# The small standards here are no complete GB/T 1.1 documents: the drafting rules are
# tested on repositories of their own (test_lint.py).
[settings.lint]
enabled = false

[[category]]
code = "1"
title.zh_CN = "基础设施"
title.en = "Infrastructure"

[[category.aspect]]
code = "1.1"
title.zh_CN = "通信网络"
title.en = "Communication networks"

[[standard]]
number = "T/TEST 1101"
aspect = "1.1"
status = "published"
title.zh_CN = "通信导则"
title.en = "Communication guidelines"

[[standard]]
number = "T/TEST 1102"
aspect = "1.1"
status = "draft"
title.zh_CN = "网络导则"
title.en = "Network guidelines"

[[standard]]
number = "T/TEST 1103"
aspect = "1.1"
status = "planned"
title.zh_CN = "终端导则"
title.en = "Terminal guidelines"
"""

STANDARD = """\
number = "{number}"
version = "1.0"
status = "{status}"
aspect = "1.1"
title.zh_CN = "{zh}"
title.en = "{en}"

[dates]
issue = 2026-01-10
implementation = 2026-03-01

[classification]
ics = "35.110"
ccs = "L79"

[relations]
supersedes = []
superseded_by = ""

[[editors]]
name = "张三"
organization = "测试研究院"
"""

INDEX = """\
范围
====

本文件规定了通信设施的建设要求。

一般要求
========

设施应符合本文件的要求。
"""


PO_EN = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: index.rst:1
msgid "范围"
msgstr "Scope"

#: index.rst:4
msgid "本文件规定了通信设施的建设要求。"
msgstr "This document specifies requirements for communication facilities."

#: index.rst:6
msgid "一般要求"
msgstr "General requirements"

#: index.rst:9
msgid "设施应符合本文件的要求。"
msgstr "Facilities shall conform to this document."
"""


def standard_toml(number: str, status: str, zh: str, en: str) -> str:
    """A valid standard.toml for the small test system."""
    return STANDARD.format(number=number, status=status, zh=zh, en=en)


def write_files(root: Path, files: dict[str, str | None]) -> Path:
    """A standards repository at ``root`` holding ``files`` (by path, dedented; None
    removes one), with the shared Sphinx configuration and the templates as `normkit
    init` lays them out."""
    copy_repository(root, standards=False)
    for name, text in files.items():
        path = root / name
        if text is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def write_repo(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write the small valid standards repository at ``root``; ``files`` overrides or
    adds files (None removes one)."""
    content = {
        "standards/framework.toml": FRAMEWORK,
        "standards/t-test-1101/standard.toml": standard_toml(
            "T/TEST 1101", "published", "通信导则", "Communication guidelines"
        ),
        "standards/t-test-1101/index.rst": INDEX,
        "standards/t-test-1101/locale/en/LC_MESSAGES/index.po": PO_EN,
        "standards/t-test-1102/standard.toml": standard_toml(
            "T/TEST 1102", "draft", "网络导则", "Network guidelines"
        ),
        "standards/t-test-1102/index.rst": INDEX,
        "standards/t-test-1102/locale/en/LC_MESSAGES/index.po": PO_EN,
    }
    return write_files(root, {**content, **(files or {})})


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Make a small valid standards repository; ``files`` overrides or adds files."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        return write_repo(tmp_path / "repo", files)

    return make


class Run:
    """The outcome of one ``normkit`` call made in-process."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def normkit() -> Callable[..., Run]:
    """Call ``normkit ARGS`` in-process and capture its exit status and output."""

    def run(*args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(args), stdout=out, stderr=err)
        return Run(code, out.getvalue(), err.getvalue())

    return run


def ink(png: Path) -> float:
    """The share of an image's pixels that are not near-white: 0 for a blank page, 1 for
    a black one. A rendered page of text lies between."""
    from PIL import Image

    with Image.open(png) as image:
        histogram = image.convert("L").histogram()
    return sum(histogram[:200]) / sum(histogram)


@pytest.fixture(autouse=True)
def no_unexpected_build_warning(request: pytest.FixtureRequest) -> Iterator[list]:
    """Fail a test whose builds recorded a warning or error it did not expect.

    A test expecting some marks itself ``@pytest.mark.build_warnings("normkit.alt", …)``
    (or with no code: any). Builds in this process and in pool workers are watched
    (normkit.diagnostics.observers).
    """
    from normkit import diagnostics

    seen: list = []
    diagnostics.observers.append(seen.append)
    try:
        yield seen
    finally:
        diagnostics.observers.remove(seen.append)
    marker = request.node.get_closest_marker("build_warnings")
    if marker is not None and not marker.args:
        return
    allowed = set(marker.args) if marker else set()
    unexpected = sorted({" ".join(p.text()) for p in seen if p.code not in allowed})
    if unexpected:
        pytest.fail("unexpected build warnings:\n" + "\n".join(unexpected), pytrace=False)
