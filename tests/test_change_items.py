"""One thing changed is one item of the change list, as a technical committee reads it:
a clause moved and edited, a clause retitled with its text, a subclause dissolved into
its parent, the foreword's edits — on a real git repository, through `normkit diff`."""

from __future__ import annotations

import re

import pytest
from repository import commit_all

OLD = """\
.. foreword::

   本文件由测试技术委员会提出。

   本文件主要起草人：张三。

范围
====

本文件规定了通信设施的建设要求。

安装
====

.. _cl-cable:

线缆敷设与防雷接地
------------------

线缆敷设
~~~~~~~~

线缆应穿管敷设，管口应封堵。

防雷与接地
~~~~~~~~~~

设施的接地电阻不应大于 10 Ω。

设备安装
--------

设备应安装牢固。

巡检
----

设施宜每月巡检一次，巡检记录宜保存 1 年。

供电
====

一般规定
--------

设施应由市电供电。

充电与呼叫
----------

一键呼叫装置宜设置于人流密集区域。在停车泊位旁可设置充电接口。
"""

NEW = """\
.. foreword::

   本文件由测试技术委员会提出。

   本文件代替T/TEST 1101—2026，与T/TEST 1101—2026相比，主要技术变化为增加了巡检记录的要求。

   本文件主要起草人：张三、李四。

   本文件及其所代替文件的历次版本发布情况为：2026年首次发布。

范围
====

本文件规定了通信设施的建设要求。

安装
====

.. _cl-cable:

线缆敷设
--------

线缆应穿管敷设，管口应封堵。

设备安装
--------

设备应安装牢固。

供电
====

一般规定
--------

设施应由市电供电。

防雷与接地
----------

设施的接地电阻不应大于 10 Ω。

巡检
----

设施应每月巡检一次，巡检记录应保存 3 年。

呼叫
----

一键呼叫装置宜设置于人流密集区域。
"""


@pytest.fixture
def revised(make_repo):
    """T/TEST 1101 at 1.0 in git and, in the working tree, its 1.1."""
    root = make_repo({".gitignore": "/build/\n", "standards/t-test-1101/index.rst": OLD})
    commit_all(root, "1.0")
    (root / "standards/t-test-1101/index.rst").write_text(NEW, encoding="utf-8")
    toml = root / "standards/t-test-1101/standard.toml"
    toml.write_text(toml.read_text("utf-8").replace('version = "1.0"', 'version = "1.1"'), "utf-8")
    return root


def _items(markdown: str) -> list[str]:
    """The lettered items of the markdown change list, without their keys."""
    return [
        re.sub(r" `:[^`]*:`$", "", line)
        for line in markdown.splitlines()
        if re.match(r"[a-z]+\) ", line)
    ]


def test_one_item_per_thing_changed(revised, normkit):
    run = normkit("diff", "t-test-1101", "--root", str(revised), "--format", "markdown")
    assert run.code == 0, run.err
    technical, editorial = run.out.split("**结构调整和编辑性改动**")
    assert _items(technical) == [
        # Moved to 供电 and its recommendations made requirements: one item, technical.
        "a) 移动并更改了条款“巡检”（见3.3，1.0版的2.3） — ~~宜 … 宜保存 1~~ → **应 … 应保存 3**",
        # Retitled, and its text changed: one item, named by the clause.
        "b) 更改了条款“呼叫”（见3.4，1.0版的3.2） — ~~充电与 … 在停车泊位旁可设置充电接口。~~",
    ]
    assert _items(editorial) == [
        # Four paragraphs of the foreword changed: the foreword changed.
        "a) 更改了前言",
        # 2.1.1 lost its heading to its parent (retitled for it): the clause moved.
        "b) 移动了条款“线缆敷设”（见2.1，1.0版的2.1.1）",
        # Moved, words unchanged: structural, whatever its number.
        "c) 移动了条款“防雷与接地”（见3.2，1.0版的2.1.2）",
    ]


def test_the_english_list_reads_as_iso_forewords_do(revised, normkit):
    run = normkit("diff", "t-test-1101", "--root", str(revised), "--format", "markdown",
                  "--lang", "en")  # fmt: skip
    assert run.code == 0, run.err
    items = _items(run.out)
    # No catalog is updated: the English edition shows the master's words.
    assert items[0].startswith(
        "a) the clause “巡检” has been moved and changed (see 3.3, 2.3 of version 1.0)"
    )
    assert "a) the foreword has been changed" in items
    assert "b) the clause “线缆敷设” has been moved (see 2.1, 2.1.1 of version 1.0)" in items
