"""Drafting-rule lint: every slip planted in a copy of a sample standard is found, with
its rule and line, and nothing else is (the sample's own precision is asserted in
test_sample_system.py, on the check it runs anyway)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from benchmarks.synth import copy_repository

from normkit.checks.rule import rule_table

SRC = "standards/t-xqzc-1101/index.rst"
PO = "standards/t-xqzc-1101/locale/en/LC_MESSAGES/index.po"
LINT_CODES = {r.code for r in rule_table().values()} | {"normkit.unknown-rule"}

# (anchor in the source, text put before it, rule expected at the first line of the text
# or, where given, at the line holding the fourth item)
PLANTS = [
    (
        ".. foreword::",
        ".. introduction::\n\n   移到前言之前的引言。\n\n",
        "element-order",
        ".. foreword::",  # the foreword, which now stands after an introduction
    ),
    (
        "   本文件主要起草人",
        "   本文件的使用者应注意核对最新版本。\n\n",
        "provision-in-informative",
    ),
    (
        ".. normative-references::",
        "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n\n",
        "lead-in",
    ),
    (
        "   - GB 50016 建筑设计防火规范",
        "   - GB/T 2887—2011 计算机场地通用规范\n",
        "reference-uncited",
    ),
    (
        ".. term:: 宏基站",
        ".. term:: 智能电表\n   :en: smart meter\n\n   具有计量和通信功能的电能表。\n\n",
        "term-unused",
    ),
    ("基站应配置蓄电池", "机房必须设置应急照明。\n\n", "forbidden-verbal-form"),
    ("基站应配置蓄电池", "蓄电池宜不放置在机房门口。\n\n", "misplaced-negation"),
    ("基站应配置蓄电池", "机房的照明应符合GB 50034—2013的规定。\n\n", "reference-unlisted"),
    ("基站应配置蓄电池", "铁塔应按照\\ :term:`信号塔`\\ 的要求建设。\n\n", "term-undefined"),
    ("基站应配置蓄电池", "机房内应设置电源,空调和消防设施。\n\n", "zh-punctuation"),
    (
        "基站应配置蓄电池",
        ".. normkit-ignore: zh-punctuation\n\n机房外宜设置标识,标识应清晰。\n\n",
        None,  # silenced
    ),
    ("基站应配置蓄电池", ".. normkit-ignore: no-such-rule\n\n", "unknown-rule"),
    (
        ".. annex:: informative",
        "其他要求\n========================================\n\n本章规定其他要求。\n\n"
        "标识\n----------------------------------------\n\n机房门上应设置标识。\n\n",
        "hanging-paragraph",
        "本章规定其他要求。",
    ),
]


def _plant(text: str, anchor: str, insert: str) -> str:
    assert anchor in text, anchor
    return text.replace(anchor, insert + anchor, 1)


def _line(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.fixture
def broken(tmp_path) -> tuple[Path, set[tuple[str, str, int]]]:
    """The sample with T/XQZC 1101 alone, its slips planted; the findings expected."""
    root = copy_repository(tmp_path / "broken")
    for folder in (root / "standards").iterdir():
        if folder.is_dir() and folder.name != "t-xqzc-1101":
            shutil.rmtree(folder)
    framework = root / "standards/framework.toml"
    text = framework.read_text(encoding="utf-8")
    entry = 'number = "T/XQZC 2201"\naspect = "2.2"\nstatus = "published"'
    framework.write_text(text.replace(entry, entry.replace("published", "withdrawn")), "utf-8")
    source = root / SRC
    text = source.read_text(encoding="utf-8")
    for anchor, insert, *_ in PLANTS:
        text = _plant(text, anchor, insert)
    source.write_text(text, encoding="utf-8")
    expected = set()
    for _, insert, rule, *where in PLANTS:
        if rule:
            first = where[0] if where else next(x for x in insert.splitlines() if x.strip())
            code = "normkit.unknown-rule" if rule == "unknown-rule" else f"normkit.{rule}"
            expected.add((code, SRC, _line(text, first.strip())))
    # The subclause 标识 stands alone in its clause; T/XQZC 2201, withdrawn now, is cited
    # in a note and in the bibliography.
    expected.add(("normkit.lone-subclause", SRC, _line(text, "机房门上应设置标识") - 3))
    expected.add(("normkit.withdrawn-citation", SRC, _line(text, ":std:`T/XQZC 2201`\\ 。")))
    expected.add(("normkit.withdrawn-citation", SRC, _line(text, "   - :std:`T/XQZC 2201`")))
    po = root / PO
    po_text = po.read_text(encoding="utf-8")
    shall = "Midhaul and :term:`backhaul <回传>` networks shall use ring"
    po_text = po_text.replace(shall, shall.replace("shall", "should"))
    po_text = po_text.replace(
        "dual-route or detour-route protection shall be used", "… should be used"
    )
    po_text = po_text.replace("storage batteries or other", "storage batteries，or other")
    po.write_text(po_text, encoding="utf-8")
    expected.add(("normkit.translation-verbal-form", PO, _line(po_text, shall[:40]) - 1))
    expected.add(("normkit.en-punctuation", PO, _line(po_text, "storage batteries，") - 1))
    return root, expected


@pytest.mark.build_warnings()  # the build refuses or warns on purpose
@pytest.mark.slow
@pytest.mark.build_warnings()  # the broken copy's findings are asserted below
def test_every_planted_slip_is_found_and_nothing_else(broken, normkit):
    root, expected = broken
    run = normkit("check", "--root", str(root), "--format", "json")
    found = {
        (p["code"], p["file"], p["line"])
        for p in json.loads(run.out)["problems"]
        if p["code"] in LINT_CODES
    }
    assert found - expected == set(), "false findings"
    assert expected - found == set(), "missed slips"


@pytest.mark.build_warnings()  # the build refuses or warns on purpose
@pytest.mark.slow
@pytest.mark.build_warnings()  # the broken copy's findings are asserted below
def test_rules_chosen_in_the_framework(broken, normkit):
    root, _ = broken
    framework = root / "standards/framework.toml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(
        text.replace(
            "[settings.numbering]",
            '[settings.lint]\nignore = ["term-unused", "no-rule-like-this"]\n\n'
            "[settings.numbering]",
        ),
        encoding="utf-8",
    )
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    codes = [p["code"] for p in report["problems"]]
    assert "normkit.term-unused" not in codes
    assert "normkit.zh-punctuation" in codes
    unknown = [p for p in report["problems"] if "no-rule-like-this" in p["message"]]
    assert unknown and unknown[0]["file"] == "standards/framework.toml"
    assert unknown[0]["line"] == _line(framework.read_text(encoding="utf-8"), "ignore =")


def test_rules_are_listed_with_clause_and_fix(normkit):
    run = normkit("check", "--rules")
    assert run.code == 0
    for rule in rule_table().values():
        assert rule.name in run.out and rule.clause in run.out and rule.fix in run.out
