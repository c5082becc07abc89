"""One thing changed is one item of the change list, as a technical committee reads it:
a clause moved and edited, a clause retitled with its text, a subclause dissolved into
its parent, the foreword's edits — on a real git repository, through `normkit diff`."""

from __future__ import annotations

import re

import pytest
from conftest import PO_EN
from repository import commit_all

OLD = """\
.. foreword::

   本文件由测试技术委员会提出。

   本文件主要起草人：张三。

范围
====

本文件规定了通信设施的建设要求。

规范性引用文件
==============

.. normative-references::

   - GB 50057—2010 建筑物防雷设计规范
   - JGJ 59—2011 建筑施工安全检查标准

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

设施应由市电供电，防雷应符合GB 50057—2010的规定。

.. note:: 市电中断时由蓄电池供电。

.. list-table:: 设备功耗
   :name: tab-power
   :header-rows: 1

   * - 设备
     - 功耗
   * - 摄像机
     - 25 W
   * - 充电接口
     - 7 kW

充电与呼叫
----------

一键呼叫装置宜设置于人流密集区域。在停车泊位旁可设置充电接口。

.. bibliography::

   - GB/T 50326—2017 建设工程项目管理规范
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

规范性引用文件
==============

.. normative-references::

   - GB 50057—2010 建筑物防雷设计规范

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

设施应由市电供电，防雷应符合GB 50057—2010的规定。

.. list-table:: 设备功耗
   :name: tab-power
   :header-rows: 1

   * - 设备
     - 功耗
   * - 摄像机
     - 30 W
   * - 路侧单元
     - 50 W

防雷与接地
----------

设施的接地电阻不应大于 10 Ω。

巡检
----

设施应每月巡检一次，巡检记录应保存 3 年。

呼叫
----

一键呼叫装置宜设置于人流密集区域。

.. bibliography::

   - GB/T 50326—2017 建设工程项目管理规范
   - JGJ 59—2011 建筑施工安全检查标准
"""


@pytest.fixture
def revised(make_repo):
    """T/TEST 1101 at 1.0 in git and, in the working tree, its 1.1."""
    root = make_repo({".gitignore": "/build/\n", "standards/t-test-1101/index.rst": OLD})
    commit_all(root, "1.0")
    (root / "standards/t-test-1101/index.rst").write_text(NEW, encoding="utf-8")
    # The translator rewords the scope, whose master text did not change.
    po = root / "standards/t-test-1101/locale/en/LC_MESSAGES/index.po"
    po.write_text(PO_EN.replace("specifies requirements", "specifies the requirements"), "utf-8")
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
        # A value changed, a row deleted and one added: one item, the table, with its words.
        "a) 更改了表“设备功耗”（见表1，1.0版的表1） — ~~25 W … 充电接口 | 7 kW~~"
        " → **30 W … 路侧单元 | 50 W**",
        # Moved to 供电 and its recommendations made requirements: one item, technical.
        "b) 移动并更改了条款“巡检”（见4.3，1.0版的3.3） — ~~宜 … 宜保存 1~~ → **应 … 应保存 3**",
        # Retitled, and its text changed: one item, named by the clause.
        "c) 更改了条款“呼叫”（见4.4，1.0版的4.2） — ~~充电与 … 在停车泊位旁可设置充电接口。~~",
    ]
    assert _items(editorial) == [
        # Four paragraphs of the foreword changed: the foreword changed.
        "a) 更改了前言",
        # 3.1.1 lost its heading to its parent (retitled for it): the clause moved.
        "b) 移动了条款“线缆敷设”（见3.1，1.0版的3.1.1）",
        # A note states no provision: deleting it is editorial.
        "c) 删除了注“市电中断时由蓄电池供电。”（见1.0版的4.1）",
        # Moved, words unchanged: structural, whatever its number.
        "d) 移动了条款“防雷与接地”（见4.2，1.0版的3.1.2）",
        # Listed, never cited: moved to the bibliography, which has no number.
        "e) 移动了规范性引用文件“JGJ 59—2011”（见参考文献，1.0版的第2章）",
    ]


def test_the_english_list_reads_as_iso_forewords_do(revised, normkit):
    run = normkit("diff", "t-test-1101", "--root", str(revised), "--format", "markdown",
                  "--lang", "en")  # fmt: skip
    assert run.code == 0, run.err
    items = _items(run.out)
    # No catalog is updated: the English edition shows the master's words.
    assert items[0].startswith(
        "a) the table “设备功耗” has been changed (see Table 1, Table 1 of version 1.0)"
    )
    assert items[1].startswith(
        "b) the clause “巡检” has been moved and changed (see 4.3, 3.3 of version 1.0)"
    )
    assert "a) the foreword has been changed" in items
    # A translation reworded changes no provision: editorial, in the English list only.
    technical, editorial = run.out.split("**Editorial and structural changes**")
    scope = "the text “This document specifies the requirements for communication facilities.”"
    assert scope in editorial and "specifies" not in technical
    assert "c) the clause “线缆敷设” has been moved (see 3.1, 3.1.1 of version 1.0)" in items
    assert (
        "f) the normative reference “JGJ 59—2011” has been moved "
        "(see the bibliography, Clause 2 of version 1.0)" in items
    )
