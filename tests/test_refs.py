"""`normkit refs` and `normkit impact`: who cites whom, and who is concerned by a change."""

from __future__ import annotations

import json

import git
import pytest
from conftest import INDEX, PO_EN, standard_toml

REFS = "\n.. normative-references::\n\n   - :std:`{a}`\n   - :std:`{b}`\n\n"


def _index(*cited: str, text: str = "") -> str:
    head, _, rest = INDEX.partition("一般要求")
    refs = "规范性引用文件\n==============\n\n.. normative-references::\n\n"
    refs += "".join(f"   - :std:`{c}`\n" for c in cited) + "\n"
    return head + refs + "一般要求" + rest + text


def test_refs_lists_citations_and_the_graphs_problems(make_repo, normkit):
    root = make_repo(
        {
            # 1101 and 1102 cite each other normatively; 1101 lists 1103, only planned.
            "standards/t-test-1101/index.rst": _index("T/TEST 1102", "T/TEST 1103"),
            "standards/t-test-1102/index.rst": _index(
                "T/TEST 1101—2026", text="\n网络应符合\\ :std:`T/TEST 1101`\\ 的规定。\n"
            ),
        }
    )
    run = normkit("refs", "--root", str(root), "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    edges = {(c["citing"], c["cited"], c["where"], c["year"]) for c in data["citations"]}
    assert edges == {
        ("T/TEST 1101", "T/TEST 1102", "normative-references", ""),
        ("T/TEST 1101", "T/TEST 1103", "normative-references", ""),
        ("T/TEST 1102", "T/TEST 1101", "normative-references", "2026"),
        ("T/TEST 1102", "T/TEST 1101", "text", ""),
    }
    text = next(c for c in data["citations"] if c["where"] == "text")
    assert text["clause"] == "一般要求" and text["file"] == "standards/t-test-1102/index.rst"
    codes = sorted(p["code"] for p in data["problems"])
    assert codes == ["normkit.citation-cycle", "normkit.cites-planned"]
    cycle = next(p for p in data["problems"] if p["code"] == "normkit.citation-cycle")
    assert "T/TEST 1101 → T/TEST 1102 → T/TEST 1101" in cycle["message"]
    people = normkit("refs", "--root", str(root))
    assert "T/TEST 1102 → T/TEST 1101: normative, dated 2026, undated" in people.out


@pytest.mark.slow
def test_impact_names_the_citing_standards_and_fails_on_an_outdated_dated_citation(
    make_repo, normkit
):
    root = make_repo(
        {
            "standards/t-test-1102/index.rst": _index(
                "T/TEST 1101—2026", text="\n网络应符合\\ :std:`T/TEST 1101`\\ 的规定。\n"
            ),
        }
    )
    repo = git.Repo.init(root)
    repo.index.add([p for p in repo.untracked_files])
    repo.index.commit("1.0", author=git.Actor("t", "t@example.org"))
    # Version 1.1 of T/TEST 1101, issued in 2027, with a changed requirement in clause 2.
    meta = root / "standards/t-test-1101/standard.toml"
    meta.write_text(
        standard_toml("T/TEST 1101", "published", "通信导则", "Communication guidelines")
        .replace('version = "1.0"', 'version = "1.1"')
        .replace("2026-01-10", "2027-01-10")
        .replace("2026-03-01", "2027-03-01"),
        encoding="utf-8",
    )
    source = root / "standards/t-test-1101/index.rst"
    source.write_text(INDEX.replace("设施应符合本文件的要求。", "设施应每年检测一次。"), "utf-8")
    po = root / "standards/t-test-1101/locale/en/LC_MESSAGES/index.po"
    po.write_text(
        PO_EN.replace("设施应符合本文件的要求。", "设施应每年检测一次。").replace(
            "Facilities shall conform to this document.", "Facilities shall be tested yearly."
        ),
        encoding="utf-8",
    )
    run = normkit("impact", "--root", str(root), "T/TEST 1101")
    assert run.code == 1, run.out + run.err
    assert run.out.startswith("T/TEST 1101 1.0 → 1.1: ")
    assert "technical changes in 2\n" in run.out
    assert "T/TEST 1102 lists it in clause 2 (normative), dated 2026" in run.out
    assert "now points at a superseded edition" in run.out
    assert "T/TEST 1102 cites it in “一般要求”, undated" in run.out
    # Approved, not yet issued: the 2026 edition is in force until 2027-01-10.
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('status = "published"', 'status = "approved"'),
        encoding="utf-8",
    )
    run = normkit("impact", "--root", str(root), "T/TEST 1101")
    assert run.code == 1, run.out + run.err
    assert "dated 2026: standards/t-test-1102/index.rst:" in run.out
    assert "← dated: the edition it replaces from 2027-01-10" in run.out
    assert "superseded" not in run.out
    assert (
        "1 dated citations point at the edition 1.1 replaces when it is issued on 2027-01-10"
        in run.out
    )


def test_the_framework_pages_show_the_citations(make_repo):
    from normkit.layout import Layout
    from normkit.system import load_system
    from normkit.writers.site_pages import write_framework_pages

    root = make_repo(
        {
            "standards/t-test-1102/index.rst": _index(
                "T/TEST 1101—2026", text="\n网络应符合\\ :std:`T/TEST 1101`\\ 的规定。\n"
            ),
        }
    )
    system = load_system(root)
    for language, words in (
        ("zh_CN", ["规范性", "注日期 2026", "不注日期"]),
        ("en", ["normative"]),
    ):
        write_framework_pages(system, Layout(root / "build"), language)
        page = (root / f"build/html/{language}/refs.html").read_text(encoding="utf-8")
        row = page[page.index("<tbody>") : page.index("</tbody>")]
        assert row.count("<tr>") == 1  # T/TEST 1102 cites T/TEST 1101, in two places
        assert '<a href="t-test-1102/index.html">T/TEST 1102</a>' in row
        assert '<a href="t-test-1101/index.html">T/TEST 1101</a>' in row
        for word in words:
            assert word in row
        home = (root / f"build/html/{language}/index.html").read_text(encoding="utf-8")
        assert 'href="refs.html"' in home


def test_the_refs_page_says_the_graphs_problems_in_its_own_language(make_repo):
    from normkit.layout import Layout
    from normkit.system import load_system
    from normkit.writers.site_pages import write_framework_pages

    root = make_repo(
        {  # 1101 and 1102 cite each other normatively; 1101 lists 1103, only planned.
            "standards/t-test-1101/index.rst": _index("T/TEST 1102", "T/TEST 1103"),
            "standards/t-test-1102/index.rst": _index("T/TEST 1101"),
        }
    )
    system = load_system(root)
    expected = {
        "zh_CN": [
            "T/TEST 1101将尚未起草的T/TEST 1103列为规范性引用文件，尚无可执行的条款。",
            "T/TEST 1101, T/TEST 1102相互规范性引用，形成循环"
            "（如T/TEST 1101 → T/TEST 1102 → T/TEST 1101）。",
        ],
        "en": [
            "T/TEST 1101 lists T/TEST 1103 as a normative reference, but it is only planned",
            "T/TEST 1101, T/TEST 1102 cite each other normatively, round in a cycle",
        ],
    }
    for language, sentences in expected.items():
        write_framework_pages(system, Layout(root / "build"), language)
        page = (root / f"build/html/{language}/refs.html").read_text(encoding="utf-8")
        problems = page[page.index('<ul class="nk-refs-problems">') :]
        problems = problems[: problems.index("</ul>")]
        assert problems.count("<li>") == 2
        for sentence in sentences:
            assert sentence in problems, problems
    chinese = (root / "build/html/zh_CN/refs.html").read_text(encoding="utf-8")
    assert " cite" not in chinese and "planned" not in chinese


def test_a_long_chain_of_normative_citations_is_no_cycle_and_no_crash():
    """A system of a thousand standards each listing the next among its normative
    references (the synthetic system of bench_model.py): the cycle search finds none,
    and one citation back from the last closes one round of all of them. It walked the
    graph by recursion and crashed `normkit build` deeper than Python's limit."""
    from normkit.refs.graph import _knots

    chain = {f"T/TEST {n}": {f"T/TEST {n + 1}"} for n in range(1000, 4000)}
    assert _knots(chain) == []
    chain["T/TEST 3999"].add("T/TEST 1000")
    (round_trip,) = _knots(chain)
    assert len(round_trip) == 3000
    two_rounds = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}, "e": {"a"}}
    assert _knots(two_rounds) == [["a", "b"], ["c", "d"]]
