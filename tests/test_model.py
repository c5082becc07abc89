"""The document model: each directive and role on a small standard, and bad input for each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import INDEX, PO_EN

from normkit.engine.build_one import build_job
from normkit.engine.jobs import Job
from normkit.system import load_system

ROOTS = Path(__file__).parent / "roots"
# A standard using every directive and role of docs/markup.md.
FULL = (ROOTS / "full" / "index.rst").read_text(encoding="utf-8")
SVG = (ROOTS / "full" / "figures" / "room.svg").read_text(encoding="utf-8")


def build(root: Path, slug: str = "t-test-1101", language: str = "zh_CN", strict=False):
    """Build one standard's HTML with the engine; return (html, result)."""
    system = load_system(root)
    standard = next(s for s in system.standards.values() if s.slug == slug)
    result = build_job(root, Job(standard, language, "html"), root / "build", strict)
    page = root / "build" / "html" / language / slug / "index.html"
    return (page.read_text(encoding="utf-8") if result.status == "built" else ""), result


_BLOCK = re.compile(r"</?(?:p|h\d|div|section|td|th|tr|caption|li|dt|dd|br|figcaption)\b[^>]*>")


def text_of(html: str) -> str:
    """The visible text of a page: block tags become spaces, inline tags vanish."""
    body = html[html.find("<body") :]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", "", _BLOCK.sub(" ", body)).replace("¶", "")
    return re.sub(r"[ \t\r\n]+", " ", text)


@pytest.fixture
def full_repo(make_repo):
    return make_repo(
        {
            "standards/t-test-1101/index.rst": FULL,
            "standards/t-test-1101/figures/room.svg": SVG,
        }
    )


def said(problems) -> list[str]:
    """Each record as people read it: ``path:line: severity: message [code]`` and its fix."""
    return [" ".join(p.text()) for p in problems]


def test_full_markup_builds_clean_under_strict(full_repo):
    html, result = build(full_repo, strict=True)
    assert result.status == "built", result.errors + result.warnings
    assert not result.warnings


def test_cover_and_foreword_come_from_metadata(full_repo):
    html, _ = build(full_repo)
    text = text_of(html)
    assert "T/TEST 1101—2026" in text
    assert "通信导则" in text and "Communication guidelines" in text
    assert "ICS 35.110" in text and "CCS L79" in text
    assert "2026-01-10发布" in text and "2026-03-01实施" in text
    assert "本文件按照GB/T 1.1—2020" in text
    assert text.index("前言") < text.index("引言") < text.index("范围")


def test_clauses_annexes_and_terms_are_numbered(full_repo):
    text = text_of(build(full_repo)[0])
    for label in (
        "1\u3000范围",
        "2\u3000规范性引用文件",
        "4\u3000一般要求",
        "4.1\u3000站址",
        "4.2\u3000机房",
    ):
        assert label in text
    assert "附录A" in text and "（资料性）" in text and "A.1\u3000方案一" in text
    assert "3.1 通信设施\u3000communication facility" in text
    # GB/T 1.1-2020 usage: the abbreviation follows the English term it abbreviates.
    assert "3.2 基站\u3000base station；BS" in text
    assert "［来源：GB/T 1234—2020，3.1］" in text
    assert "注1：通信设施包括机房" in text  # notes to entry are always numbered


def test_tables_figures_notes_examples_are_labelled(full_repo):
    text = text_of(build(full_repo)[0])
    assert "表1\u3000站址类型" in text
    assert "图1\u3000机房布置" in text
    assert "表A.1\u3000方案参数" in text
    assert "注1：第一条注" in text and "注2：第二条注" in text
    assert "示例：一个示例" in text


def test_cross_references_print_localised_labels(full_repo):
    html = build(full_repo)[0]
    text = text_of(html)
    assert "站址应符合表1的要求" in text
    assert "见4.1和第4章" in text
    assert "见图1和附录A" in text
    assert "见表A.1" in text
    assert 'href="#tab-sites"' in html and 'href="#annex-plan"' in html
    assert re.search(r'href="#term-communication-facility"[^>]*>.*?通信设施', html)


def test_normative_references_lead_in_and_internal_titles(full_repo):
    text = text_of(build(full_repo)[0])
    assert "下列文件中的内容通过文中的规范性引用" in text
    assert "GB/T 22239—2019 信息安全技术" in text
    assert "T/TEST 1102 网络导则" in text  # a bare :std: lists the title from the system


def test_dated_and_undated_citations_link_to_the_standard(full_repo):
    html = build(full_repo)[0]
    assert re.search(r'href="\.\./t-test-1102/index\.html"[^>]*>T/TEST 1102—2026<', html)


def test_english_labels_leave_no_chinese_label(full_repo):
    text = text_of(build(full_repo, language="en")[0])
    assert "Table 1" in text and "Figure 1" in text and "Annex A" in text
    assert "(informative)" in text and "Clause 4" in text and "NOTE 1" in text
    assert "communication facility" in text
    for chinese in ("表1", "图1", "附录A", "第4章", "注1："):
        assert chinese not in text


def test_no_english_label_in_the_chinese_edition(full_repo):
    text = text_of(build(full_repo)[0])
    for english in ("Table 1", "Figure 1", "Annex A", "NOTE", "EXAMPLE", "Clause"):
        assert english not in text


# Bad input: each gives a message naming the file and the line, and the fix.
BAD = {
    "unknown term": (":term:`不存在的术语`", "unknown term '不存在的术语'"),
    "unknown standard": (":std:`T/TEST 9999`", "unknown standard 'T/TEST 9999'"),
    "missing clause": (":xref:`cl-missing`", "unknown label 'cl-missing'"),
    "table without title": (
        ".. table::\n\n   ====  ====\n   a     b\n   ====  ====\n",
        "has no title",
    ),
    "raw directive": (
        ".. raw:: html\n\n   <script>alert(1)</script>\n",
        "`raw` directive is refused",
    ),
    "include outside the folder": (
        ".. include:: ../../../../etc/passwd\n",
        "is outside the standard",
    ),
    "rst syntax error": (
        ".. list-table:: 表\n   :header-rows: 1\n\n   * - a\n     - b\n   * - c\n",
        "list-table",
    ),
}


@pytest.mark.build_warnings()
@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_names_file_and_line(case, make_repo):
    markup, words = BAD[case]
    source = INDEX + "\n" + markup + "\n"
    line = len(INDEX.splitlines()) + 2
    root = make_repo({"standards/t-test-1101/index.rst": source})
    _, result = build(root, strict=True)
    assert result.status == "failed"
    messages = said(result.errors + result.warnings)
    found = [m for m in messages if words in m]
    assert found, messages
    reported = re.search(r"standards/t-test-1101/index\.rst:(\d+):", found[0])
    assert reported, found[0]
    assert line <= int(reported.group(1)) <= line + 4, found[0]  # the directive or its body


@pytest.mark.build_warnings("ref.term")
def test_an_unknown_term_of_a_translation_is_named_at_the_line_it_translates(make_repo):
    master = "设施应符合 :term:`设施` 的要求。"  # a term this tiny standard does not define
    root = make_repo(
        {
            "standards/t-test-1101/index.rst": INDEX.replace("设施应符合本文件的要求。", master),
            "standards/t-test-1101/locale/en/LC_MESSAGES/index.po": PO_EN.replace(
                "设施应符合本文件的要求。", master
            ).replace("conform to this document", "conform to :term:`facility`"),
        }
    )
    _, result = build(root, language="en")
    (problem,) = [p for p in result.warnings if p.code == "ref.term"]
    assert "unknown term 'facility'" in problem.message
    assert problem.path == root / "standards" / "t-test-1101" / "index.rst"
    assert problem.line == INDEX.splitlines().index("设施应符合本文件的要求。") + 1


@pytest.mark.build_warnings("docutils")
def test_duplicate_label_is_reported(make_repo):
    source = INDEX.replace("一般要求\n", ".. _dup:\n\n一般要求\n").replace(
        "范围\n", ".. _dup:\n\n范围\n"
    )
    root = make_repo({"standards/t-test-1101/index.rst": source})
    _, result = build(root, strict=True)
    assert result.status == "failed"
    assert any("dup" in m and "index.rst:" in m for m in said(result.errors + result.warnings))


@pytest.mark.build_warnings("normkit.image")
def test_remote_image_is_refused(make_repo):
    source = INDEX + "\n.. figure:: https://example.org/x.png\n\n   远程图片\n"
    root = make_repo({"standards/t-test-1101/index.rst": source})
    _, result = build(root)
    assert result.status == "failed"
    assert any("is refused: it is a URL" in m for m in said(result.errors))


@pytest.mark.build_warnings("normkit.single-subclause")
def test_a_lone_subclause_is_warned(make_repo):
    source = INDEX + "\n孤立\n----\n\n文字。\n"
    root = make_repo({"standards/t-test-1101/index.rst": source})
    _, result = build(root, strict=True)
    assert any("single subclause" in m for m in said(result.warnings))


@pytest.mark.build_warnings("normkit.verbal-form")
@pytest.mark.parametrize(
    "markup, words",
    [
        (".. note:: 设备应接地。", "requirement in a note (GB/T 1.1-2020 9.5)"),
        (".. example::\n\n   宜采用光纤。", "recommendation in an example (GB/T 1.1-2020 9.6)"),
        ("设备必须接地。", "'必须': write 应 for a requirement"),
        ("设备不得露天存放。", "'不得': write 不应 for a prohibition"),
        ("无关人员不可进入机房。", "'不可': write 不应 for a prohibition"),
    ],
)
def test_verbal_form_rules_are_checked(make_repo, markup, words):
    root = make_repo({"standards/t-test-1101/index.rst": INDEX + "\n" + markup + "\n"})
    _, result = build(root, strict=True)
    assert result.status == "failed"
    assert any(words in m and "index.rst:" in m for m in said(result.warnings)), result.warnings


# Words with 不可 that are no prohibition, and the ones that are (GB/T 1.1-2020 Annex C).
NOT_PROHIBITIONS = (
    "断电不可能导致数据丢失。",  # the possibility form, Table C.4
    "接地是必不可少的措施。",
    "日志记录不可篡改。",  # a property of the records
    "采用不可篡改的存储介质。",
    "日志应不可篡改，并宜采用不可逆的加密算法。",
    "备份是不可或缺的，不可抗力除外。",
)
PROHIBITIONS = ("无关人员不可进入机房。", "设备不可露天存放。", "不可在雨天施工。")


def test_one_detector_tells_forbidden_verbal_forms():
    from normkit.sphinxext.provisions import forbidden_forms

    for text in NOT_PROHIBITIONS:
        assert forbidden_forms(text, "zh_CN") == [], text
    for text in PROHIBITIONS:
        assert [f.word for f in forbidden_forms(text, "zh_CN")] == ["不可"], text
    assert [f.instead for f in forbidden_forms("机房必须设门，不得堆物。", "zh_CN")] == [
        "应",
        "不应",
    ]
    assert [f.instead for f in forbidden_forms("Doors must close.", "en")] == ["shall"]
    assert forbidden_forms("Doors shall close; the mustard is yellow.", "en") == []


def test_the_build_takes_no_adjective_for_a_prohibition(make_repo):
    source = INDEX + "\n" + "\n\n".join(NOT_PROHIBITIONS) + "\n"
    root = make_repo({"standards/t-test-1101/index.rst": source})
    _, result = build(root, strict=True)
    assert result.status == "built", said(result.warnings + result.errors)


@pytest.mark.build_warnings("normkit.verbal-form")
def test_must_in_the_english_edition_is_warned(make_repo):
    po = PO_EN.replace("Facilities shall conform", "Facilities must conform")
    root = make_repo({"standards/t-test-1101/locale/en/LC_MESSAGES/index.po": po})
    _, result = build(root, language="en")
    messages = said(result.warnings)
    assert any("'must': write shall for a requirement" in m for m in messages), messages


def test_provisions_are_counted_in_both_languages():
    from normkit.sphinxext.provisions import provisions_in

    assert provisions_in("设备应接地，宜采用铜缆，可设置备用，能自动切换。", "zh_CN") == [
        "requirement",
        "recommendation",
        "permission",
        "possibility",
    ]
    assert provisions_in("相应的应用应具备功能，适宜可靠。", "zh_CN") == ["requirement"]
    assert provisions_in("It shall work; it should be fast; it may stop; it can fail.", "en") == [
        "requirement",
        "recommendation",
        "permission",
        "possibility",
    ]


@pytest.mark.build_warnings("normkit.cited-status")
def test_an_undated_citation_of_a_withdrawn_standard_is_warned(make_repo):
    from conftest import standard_toml

    withdrawn = standard_toml("T/TEST 1102", "withdrawn", "网络导则", "Network guidelines")
    root = make_repo(
        {
            "standards/t-test-1102/standard.toml": withdrawn,
            "standards/t-test-1101/index.rst": INDEX + "\n见\\ :std:`T/TEST 1102`\\ 。\n",
        }
    )
    fw = root / "standards" / "framework.toml"
    fw.write_text(
        fw.read_text("utf-8").replace('status = "draft"', 'status = "withdrawn"'), "utf-8"
    )
    _, result = build(root, strict=True)
    assert result.status == "failed"
    assert any("T/TEST 1102 is withdrawn" in m for m in said(result.warnings)), result.warnings
