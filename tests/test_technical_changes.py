"""``.. technical-changes::``: the foreword's GB/T 1.1-2020 sentence and lettered list
written from the diff against the edition it revises, in a real git repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import INDEX, PO_EN
from repository import commit_all

FOREWORD = """\
.. foreword::

   .. technical-changes::
      :against: T/TEST 1101—2026

      :added clause cl-data: 增加了数据备份的要求
      :deleted clause cl-gone: 删除了并不存在的条款
      :added foreword foreword: -

"""

NEW_INDEX = (
    FOREWORD
    + INDEX.replace("设施应符合本文件的要求。", "设施宜符合本文件的要求。")
    + ("\n.. _cl-data:\n\n数据要求\n========\n\n数据应每日备份。\n")
)


#: The 1.1 translation: the editor's items, the changed and the new text, and a sentence
#: reworded in English alone (a translation's change, not a technical one).
NEW_PO_EN = (
    PO_EN.replace(
        "This document specifies requirements for communication facilities.",
        "This document specifies the requirements for building communication facilities.",
    ).replace(
        'msgid "设施应符合本文件的要求。"\nmsgstr "Facilities shall conform to this document."',
        'msgid "设施宜符合本文件的要求。"\nmsgstr "Facilities should conform to this document."',
    )
    + """
msgid "增加了数据备份的要求"
msgstr "added requirements for the backup of data"

msgid "删除了并不存在的条款"
msgstr "deleted a clause that never was"

msgid "数据要求"
msgstr "Data requirements"

msgid "数据应每日备份。"
msgstr "Data shall be backed up daily."
"""
)


def _text_of(page: Path) -> str:
    """The page's words as a reader sees them: an inline ``<span>`` (a number kept on one
    line) is no space, the end of a block is."""
    html = re.sub(r"</?span[^>]*>", "", page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&quot;", '"')


@pytest.mark.slow
@pytest.mark.build_warnings("normkit.technical-changes")  # the stale item, reported
def test_foreword_lists_the_technical_changes_against_the_old_edition(make_repo, normkit):
    root = make_repo({".gitignore": "/build/\n"})
    commit_all(root, "T/TEST 1101—2026")
    (root / "standards/t-test-1101/index.rst").write_text(NEW_INDEX, encoding="utf-8")
    po = root / "standards/t-test-1101/locale/en/LC_MESSAGES/index.po"
    po.write_text(NEW_PO_EN, encoding="utf-8")
    toml = root / "standards/t-test-1101/standard.toml"
    text = toml.read_text(encoding="utf-8").replace('version = "1.0"', 'version = "1.1"')
    text = text.replace("issue = 2026-01-10", "issue = 2027-01-10")
    text = text.replace("supersedes = []", 'supersedes = ["T/TEST 1101—2026"]')
    toml.write_text(
        text.replace("implementation = 2026-03-01", "implementation = 2027-03-01"), "utf-8"
    )

    run = normkit(
        "build", "--root", str(root), "--standard", "t-test-1101", "--format", "html",
    )  # fmt: skip
    assert run.code == 0, run.out + run.err
    text = _text_of(root / "build/html/zh_CN/t-test-1101/index.html")
    assert (
        "本文件代替T/TEST 1101—2026《通信导则》，与T/TEST 1101—2026相比，"
        "除结构调整和编辑性改动外，主要技术变化如下：" in text
    )
    # The cover names the edition replaced; the foreword says it once, with the changes.
    assert "T/TEST 1101—2027 代替 T/TEST 1101—2026 通信导则" in text
    assert text.count("本文件代替") == 1
    # The requirement changed from 应 to 宜 in the generated words, then the editor's.
    first = text.index("更改了要求“设施宜符合本文件的要求。”（见第2章，2026年版的第2章）；")
    assert first < text.index("增加了数据备份的要求（见第3章）。")
    assert "并不存在" not in text
    # The editor's item for a change that does not exist is reported with its line.
    assert "index.rst:7" in run.out + run.err
    assert "'deleted clause cl-gone' names no change" in run.out + run.err
    # An editorial change left out with "-" is no stale item: the change exists.
    assert "'added foreword foreword'" not in run.out + run.err

    # The English edition lists the same changes, in English, ISO style: the English
    # rewording of the scope is no technical change; no Chinese word leaks in.
    english = _text_of(root / "build/html/en/t-test-1101/index.html")
    assert "T/TEST 1101—2027 Supersedes T/TEST 1101—2026 Communication guidelines" in english
    assert english.count("replaces T/TEST 1101—2026") == 1
    # ISO/IEC Directives Part 2 and ISO's model foreword, with both editions' places.
    lead = (
        "This document cancels and replaces T/TEST 1101—2026, which has been technically "
        "revised. The main changes compared to the previous edition are as follows:"
    )
    listing = english[english.index(lead) : english.index("1 Scope ¶")]
    assert (
        "the requirement “Facilities should conform to this document.” has been changed "
        "(see Clause 2, Clause 2 of the 2026 edition);" in listing
    )
    assert "added requirements for the backup of data (see Clause 3)." in listing
    # A place it cites stays on one line: "Clause ⏎ 2" is not how a standard prints.
    page = (root / "build/html/en/t-test-1101/index.html").read_text(encoding="utf-8")
    assert '(see <span class="nk-nobreak">Clause 2</span>, <span class="nk-nobreak">' in page
    assert "building" not in listing and "never was" not in listing
    assert not re.search(r"[\u4e00-\u9fff]", listing)

    # The bilingual edition pairs every item with its English half.
    both = _text_of(root / "build/html/bilingual/t-test-1101/index.html")
    pair = (
        "增加了数据备份的要求（见第3章）。 "
        "added requirements for the backup of data (see Clause 3)."
    )
    assert pair in both
    assert "（见第2章，2026年版的第2章）； the requirement “Facilities should" in both
    assert both.count("The main changes compared to the previous edition") == 1


@pytest.mark.slow
def test_a_revision_without_technical_changes_still_says_what_it_replaces(make_repo, normkit):
    """GB/T 1.1-2020's sentence names the edition replaced even when the list is empty:
    punctuation mended, a note deleted — editorial, so no technical change."""
    old = INDEX + "\n.. note:: 设施包括管道和线缆\n"
    root = make_repo({".gitignore": "/build/\n", "standards/t-test-1101/index.rst": old})
    commit_all(root, "T/TEST 1101—2026")
    foreword = ".. foreword::\n\n   .. technical-changes::\n      :against: T/TEST 1101—2026\n\n"
    (root / "standards/t-test-1101/index.rst").write_text(
        foreword + INDEX.replace("建设要求。", "建设要求 。"), encoding="utf-8"
    )
    toml = root / "standards/t-test-1101/standard.toml"
    text = toml.read_text(encoding="utf-8").replace('version = "1.0"', 'version = "1.1"')
    toml.write_text(text.replace("supersedes = []", 'supersedes = ["T/TEST 1101—2026"]'), "utf-8")
    run = normkit("build", "--root", str(root), "--standard", "t-test-1101", "--format", "html",
                  "--lang", "zh_CN")  # fmt: skip
    assert run.code == 0, run.out + run.err
    text = _text_of(root / "build/html/zh_CN/t-test-1101/index.html")
    assert (
        "本文件代替T/TEST 1101—2026《通信导则》，与T/TEST 1101—2026相比，"
        "除结构调整和编辑性改动外，没有技术变化。" in text
    )
