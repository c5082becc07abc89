"""`normkit check`: every bad input gives its own message, file, line and exit status 1."""

from __future__ import annotations

import json

import pytest
from conftest import FRAMEWORK, INDEX, standard_toml

STD_1101 = "standards/t-test-1101/standard.toml"
GOOD_1101 = standard_toml("T/TEST 1101", "published", "通信导则", "Communication guidelines")


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line of ``text`` containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_clean_repository_passes(make_repo, normkit):
    root = make_repo()
    run = normkit("check", "--root", str(root))
    assert run.code == 0, run.out + run.err
    assert "clean" in run.out
    assert "1 categories, 1 aspects, 1 planned, 2 drafted" in run.out


# Each case: files to change, the code expected, the file and line it must name, and
# words of the message.
CASES = {
    "unknown aspect": (
        {STD_1101: GOOD_1101.replace('aspect = "1.1"', 'aspect = "9.9"')},
        "normkit.unknown-aspect",
        STD_1101,
        4,
        "unknown aspect code '9.9'",
    ),
    "duplicate number in framework": (
        {
            "standards/framework.toml": FRAMEWORK.replace(
                'number = "T/TEST 1103"', 'number = "T/TEST 1102"'
            ).replace('status = "planned"', 'status = "draft"')
        },
        "normkit.duplicate-number",
        "standards/framework.toml",
        line_of(FRAMEWORK, 'number = "T/TEST 1103"'),
        "listed twice",
    ),
    "duplicate number across folders": (
        {
            "standards/t-test-1104/standard.toml": GOOD_1101,
            "standards/t-test-1104/index.rst": INDEX,
        },
        "normkit.duplicate-number",
        "standards/t-test-1104/standard.toml",
        1,
        "also used by t-test-1101/",
    ),
    "folder name does not match number": (
        {
            "standards/t-test-1102/standard.toml": None,
            "standards/t-test-1102/index.rst": None,
            "standards/network/standard.toml": standard_toml(
                "T/TEST 1102", "draft", "网络导则", "Network guidelines"
            ),
            "standards/network/index.rst": INDEX,
        },
        "normkit.folder-name",
        "standards/network/standard.toml",
        1,
        "does not match the standard number T/TEST 1102",
    ),
    "missing title in a configured language": (
        {STD_1101: GOOD_1101.replace('title.en = "Communication guidelines"\n', "")},
        "normkit.missing-title",
        STD_1101,
        5,
        "has no title in en",
    ),
    "implementation before issue": (
        {STD_1101: GOOD_1101.replace("implementation = 2026-03-01", "implementation = 2025-03-01")},
        "normkit.dates",
        STD_1101,
        10,
        "before the issue date",
    ),
    "version not MAJOR.MINOR": (
        {STD_1101: GOOD_1101.replace('version = "1.0"', 'version = "1.0.2"')},
        "normkit.version",
        STD_1101,
        2,
        "not of the form MAJOR.MINOR",
    ),
    "published without issue date": (
        {
            STD_1101: GOOD_1101.replace("issue = 2026-01-10\n", "").replace(
                "implementation = 2026-03-01\n", ""
            )
        },
        "normkit.issue-date",
        STD_1101,
        3,
        "has no issue date",
    ),
    "supersedes an unknown standard": (
        {STD_1101: GOOD_1101.replace("supersedes = []", 'supersedes = ["T/TEST 9999"]')},
        "normkit.unknown-standard",
        STD_1101,
        17,
        "unknown standard 'T/TEST 9999'",
    ),
    "supersedes cycle": (
        {
            STD_1101: GOOD_1101.replace("supersedes = []", 'supersedes = ["T/TEST 1102"]'),
            "standards/t-test-1102/standard.toml": standard_toml(
                "T/TEST 1102", "draft", "网络导则", "Network guidelines"
            ).replace("supersedes = []", 'supersedes = ["T/TEST 1101"]'),
        },
        "normkit.supersedes-cycle",
        STD_1101,
        17,
        "T/TEST 1101 → T/TEST 1102 → T/TEST 1101",
    ),
    "supersedes a later edition of itself": (
        {STD_1101: GOOD_1101.replace("supersedes = []", 'supersedes = ["T/TEST 1101—2027"]')},
        "normkit.supersedes-cycle",
        STD_1101,
        17,
        "T/TEST 1101—2026 cannot replace the later edition T/TEST 1101—2027",
    ),
    "drafted standard missing from the framework": (
        {
            "standards/t-test-1105/standard.toml": standard_toml(
                "T/TEST 1105", "draft", "新导则", "New guidelines"
            ),
            "standards/t-test-1105/index.rst": INDEX,
        },
        "normkit.not-in-framework",
        "standards/t-test-1105/standard.toml",
        1,
        "not listed in framework.toml",
    ),
    "framework status differs from the folder": (
        {"standards/framework.toml": FRAMEWORK.replace('status = "draft"', 'status = "planned"')},
        "normkit.framework-status",
        "standards/framework.toml",
        line_of(FRAMEWORK, 'number = "T/TEST 1102"'),
        "has status 'planned' in the framework but 'draft'",
    ),
    "framework entry published without a folder": (
        {
            "standards/framework.toml": FRAMEWORK.replace(
                'status = "planned"', 'status = "published"'
            )
        },
        "normkit.framework-status",
        "standards/framework.toml",
        line_of(FRAMEWORK, 'number = "T/TEST 1103"'),
        "but no folder standards/t-test-1103/",
    ),
    "TOML syntax error": (
        {STD_1101: GOOD_1101.replace('ics = "35.110"', "ics = 35.110.20")},
        "normkit.toml-syntax",
        STD_1101,
        13,
        "TOML syntax error",
    ),
    "RST docutils cannot parse": (
        {
            "standards/t-test-1102/index.rst": INDEX
            + "\n.. list-table:: 表\n   :header-rows: 1\n\n   * - a\n     - b\n   * - c\n"
        },
        "normkit.rst-syntax",
        "standards/t-test-1102/index.rst",
        11,
        "list-table",
    ),
    "source cites an unknown standard": (
        {"standards/t-test-1102/index.rst": INDEX + "\n见\\ :std:`T/TEST 4040`\\ 。\n"},
        "normkit.unknown-standard",
        "standards/t-test-1102/index.rst",
        11,
        "cites unknown standard 'T/TEST 4040'",
    ),
    "number off the numbering scheme": (
        {
            "standards/framework.toml": FRAMEWORK.replace(
                'number = "T/TEST 1103"', 'number = "T-TEST 1103"'
            )
        },
        "normkit.number-format",
        "standards/framework.toml",
        line_of(FRAMEWORK, 'number = "T/TEST 1103"'),
        "does not follow the numbering scheme",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_reported(case, make_repo, normkit):
    files, code, path, line, words = CASES[case]
    root = make_repo(files)
    run = normkit("check", "--root", str(root), "--format", "json")
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.err
    report = json.loads(run.out)
    found = [p for p in report["problems"] if p["code"] == code]
    assert found, f"no {code} in {report['problems']}"
    problem = found[0]
    assert problem["file"] == path
    assert problem["line"] == line
    assert words in problem["message"]
    assert problem["hint"], "every problem says how to fix it"
    assert not report["ok"]


def test_a_revision_supersedes_its_earlier_edition(make_repo, normkit):
    """A revision names the edition it replaces by its dated number: neither an unknown
    standard nor a cycle (the cover's "代替" line and the foreword say it)."""
    earlier = GOOD_1101.replace("supersedes = []", 'supersedes = ["T/TEST 1101—2025"]')
    run = normkit("check", "--root", str(make_repo({STD_1101: earlier})), "--format", "json")
    assert run.code == 0, run.out + run.err
    assert json.loads(run.out)["problems"] == []


def test_issue_date_in_the_future_is_judged_by_status(make_repo, normkit):
    """A published standard issued in the future is warned about; one withdrawn before
    it was issued is an error; a draft carries planned dates."""
    future = GOOD_1101.replace("2026-01-10", "2099-01-10").replace("2026-03-01", "2099-03-01")

    def found(toml: str) -> list[dict]:
        run = normkit("check", "--root", str(make_repo({STD_1101: toml})), "--format", "json")
        problems = json.loads(run.out)["problems"]
        return [p for p in problems if p["code"] == "normkit.future-date"]

    (published,) = found(future)
    assert published["severity"] == "warning" and published["line"] == 9
    assert "issue date 2099-01-10, after today" in published["message"]
    (withdrawn,) = found(future.replace('status = "published"', 'status = "withdrawn"'))
    assert withdrawn["severity"] == "error" and "cannot be withdrawn" in withdrawn["message"]
    assert found(future.replace('status = "published"', 'status = "draft"')) == []


# T/TEST 1101 1.1, revising its 2026 edition: approved, to be issued in 2099.
APPROVED_1101 = (
    GOOD_1101.replace('version = "1.0"', 'version = "1.1"')
    .replace('status = "published"', 'status = "approved"')
    .replace("2026-01-10", "2099-01-10")
    .replace("2026-03-01", "2099-03-01")
    .replace("supersedes = []", 'supersedes = ["T/TEST 1101—2026"]')
)


def test_approved_standard_is_issued_in_the_future(make_repo, normkit):
    """An approved revision (final text, issue date announced, not yet issued) is clean
    with its future issue date while the framework still lists the standard as published
    (the edition it revises is in force); once its issue date has come, check says to
    publish it. A new standard approved is "approved" in the framework too."""
    revision = APPROVED_1101

    def problems(files: dict[str, str]) -> list[dict]:
        run = normkit("check", "--root", str(make_repo(files)), "--format", "json")
        return json.loads(run.out)["problems"]

    assert problems({STD_1101: revision}) == []
    (passed,) = problems({STD_1101: revision.replace("2099-01-10", "2026-01-10")})
    assert passed["code"] == "normkit.issue-date-passed" and passed["severity"] == "warning"
    assert passed["line"] == 9 and 'set status = "published"' in passed["hint"]
    (undated,) = problems({STD_1101: revision.replace("issue = 2099-01-10\n", "")})
    assert undated["code"] == "normkit.issue-date"
    new = revision.replace('supersedes = ["T/TEST 1101—2026"]', "supersedes = []")
    (listed,) = problems({STD_1101: new})
    assert listed["code"] == "normkit.framework-status"
    assert listed["hint"] == 'set status = "approved" in its framework entry'
    entry = FRAMEWORK.replace(
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "published"',
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "approved"',
    )
    assert entry != FRAMEWORK
    assert problems({STD_1101: new, "standards/framework.toml": entry}) == []


def test_a_stage_belongs_to_a_draft(make_repo, normkit):
    def problems(toml: str) -> list[dict]:
        run = normkit("check", "--root", str(make_repo({STD_1101: toml})), "--format", "json")
        return json.loads(run.out)["problems"]

    staged = GOOD_1101.replace('status = "published"\n', 'status = "published"\nstage = "review"\n')
    (published,) = problems(staged)
    assert published["code"] == "normkit.stage" and published["line"] == 4
    assert "published standard T/TEST 1101 has stage = 'review'" in published["message"]
    draft = staged.replace('status = "published"', 'status = "draft"')
    # A draft at any stage is fine (the framework, which still lists it as published, not).
    assert [p["code"] for p in problems(draft)] == ["normkit.framework-status"]
    (unknown,) = [p for p in problems(draft.replace('"review"', '"final"')) if p["line"] == 4]
    assert '`stage` = "final" is not one of comments, review, approval' in unknown["message"]


def test_text_report_names_file_line_and_fix(make_repo, normkit):
    root = make_repo({STD_1101: GOOD_1101.replace('version = "1.0"', 'version = "one"')})
    run = normkit("check", "--root", str(root))
    assert run.code == 1
    assert f'{STD_1101}:2: error: `version` = "one" is not of the form MAJOR.MINOR' in run.out
    assert "fix: write it as a quoted string" in run.out
    assert "1 error, 0 warnings" in run.out


def test_github_format_annotates_the_line(make_repo, normkit):
    root = make_repo({STD_1101: GOOD_1101.replace('aspect = "1.1"', 'aspect = "9.9"')})
    run = normkit("check", "--root", str(root), "--format", "github")
    assert run.code == 1
    annotation = next(x for x in run.out.splitlines() if "unknown-aspect" in x)
    assert annotation.startswith(f"::error file={STD_1101},line=4,title=normkit.unknown-aspect::")
    assert "unknown aspect code '9.9'" in annotation


def test_every_problem_is_reported_at_once(make_repo, normkit):
    root = make_repo(
        {
            STD_1101: GOOD_1101.replace('version = "1.0"', 'version = "1"').replace(
                'aspect = "1.1"', 'aspect = "7.7"'
            )
        }
    )
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    codes = {p["code"] for p in report["problems"]}
    assert {"normkit.version", "normkit.unknown-aspect"} <= codes


def test_no_repository_exits_2(tmp_path, normkit):
    run = normkit("check", "--root", str(tmp_path))
    assert run.code == 2
    assert "no standards repository" in run.err
    assert "hint:" in run.err


def test_help_explains_itself(normkit, capsys):
    with pytest.raises(SystemExit) as exit_:
        normkit("check", "--help")
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "--format" in text and "Exit status" in text


def test_a_dated_citation_with_the_wrong_year_is_a_warning(make_repo, normkit):
    source = INDEX + "\n见\\ :std:`符合要求 <T/TEST 1101—2019>`\\ 。\n"
    root = make_repo({"standards/t-test-1102/index.rst": source})
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    found = [p for p in report["problems"] if p["code"] == "normkit.dated-reference"]
    assert found and found[0]["severity"] == "warning" and found[0]["line"] == 11
    assert "T/TEST 1101 was issued in 2026, not 2019" in found[0]["message"]
    assert report["ok"]


def test_the_edition_an_approved_revision_replaces_may_still_be_cited_dated(make_repo, normkit):
    """While T/TEST 1101 1.1 (2099) is approved and not issued, its 2026 edition is the
    one in force: a citation dated 2026 is right, 2099 too (the coming one), 2019 not."""
    revision = APPROVED_1101
    cites = "\n".join(f"见\\ :std:`T/TEST 1101—{year}`\\ 。\n" for year in (2026, 2099, 2019))
    root = make_repo({STD_1101: revision, "standards/t-test-1102/index.rst": INDEX + "\n" + cites})
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    found = [p["message"] for p in report["problems"] if p["code"] == "normkit.dated-reference"]
    assert found == ["T/TEST 1101 was issued in 2099, not 2019"], report["problems"]


def test_citations_are_parsed_the_same_everywhere():
    from normkit.system.citations import parse_target

    assert parse_target("T/XQZC 1102") == parse_target(" T/XQZC 1102 ")
    dated = parse_target("T/XQZC 1102—2026")
    assert (dated.number, dated.year) == ("T/XQZC 1102", "2026")
    assert parse_target("T/XQZC 1102-2026").year == "2026"  # a hyphen for the dash
