"""`normkit build`: jobs, cache, failures that stay in their job, shards, atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import INDEX, standard_toml
from test_model import FULL, SVG

HTML = ("--format", "html", "--lang", "zh_CN", "-j", "1")


@pytest.fixture
def repo(make_repo) -> Path:
    return make_repo(
        {
            "standards/t-test-1101/index.rst": FULL,
            "standards/t-test-1101/figures/room.svg": SVG,
        }
    )


def page(root: Path, slug: str) -> Path:
    return root / "build" / "html" / "zh_CN" / slug / "index.html"


def summary_of(out: str) -> str:
    return out.strip().splitlines()[-1]


def test_build_writes_every_standard_and_a_summary(repo, normkit):
    run = normkit("build", "--root", str(repo), *HTML)
    assert run.code == 0, run.out + run.err
    assert page(repo, "t-test-1101").is_file() and page(repo, "t-test-1102").is_file()
    assert "2 built, 0 up to date, 0 failed" in summary_of(run.out)
    assert "t-test-1101" in run.out and "zh_CN" in run.out
    assert not list((repo / "build" / ".tmp").iterdir()), "no temporary output is left"


def test_a_cold_build_reads_each_standard_once(repo, normkit, monkeypatch):
    """The build's check reads each master edition for the drafting rules; the build
    writes from that reading instead of parsing the sources again. Its pages are the
    bytes of a build that reads for itself (the check's findings cached)."""
    from sphinx.builders import Builder

    framework = repo / "standards" / "framework.toml"  # the drafting rules on: one rule
    framework.write_text(
        framework.read_text("utf-8").replace(
            "enabled = false", 'enabled = true\nselect = ["lone-subclause"]'
        ),
        "utf-8",
    )
    reads: list[tuple[str, str]] = []
    read_doc = Builder.read_doc

    def counted(self, docname, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append((Path(self.srcdir).name, docname))
        return read_doc(self, docname, *args, **kwargs)

    monkeypatch.setattr(Builder, "read_doc", counted)
    run = normkit("build", "--root", str(repo), *HTML)
    assert run.code == 0, run.out + run.err
    assert sorted(reads) == [("t-test-1101", "index"), ("t-test-1102", "index")]
    pages = {slug: page(repo, slug).read_bytes() for slug in ("t-test-1101", "t-test-1102")}
    assert not list((repo / "build" / ".tmp").iterdir()), "no reading is left behind"

    reads.clear()
    again = normkit("build", "--root", str(repo), *HTML, "--force")
    assert again.code == 0, again.out
    assert sorted(reads) == [("t-test-1101", "index"), ("t-test-1102", "index")]
    assert {slug: page(repo, slug).read_bytes() for slug in pages} == pages


def test_rebuild_with_nothing_changed_does_no_work(repo, normkit):
    normkit("build", "--root", str(repo), *HTML)
    before = page(repo, "t-test-1101").stat().st_mtime_ns
    run = normkit("build", "--root", str(repo), *HTML)
    assert run.code == 0
    assert "0 built, 2 up to date" in summary_of(run.out)
    assert page(repo, "t-test-1101").stat().st_mtime_ns == before


def test_a_changed_standard_rebuilds_alone(repo, normkit):
    normkit("build", "--root", str(repo), *HTML)
    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n新增段落。\n", encoding="utf-8")
    run = normkit("build", "--root", str(repo), *HTML)
    assert "1 built, 1 up to date" in summary_of(run.out)
    assert "新增段落" in page(repo, "t-test-1102").read_text(encoding="utf-8")


def test_a_cited_standards_new_title_rebuilds_the_citing_one(repo, normkit):
    normkit("build", "--root", str(repo), *HTML)
    meta = repo / "standards" / "t-test-1102" / "standard.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("网络导则", "网络建设导则"), "utf-8")
    framework = repo / "standards" / "framework.toml"
    framework.write_text(framework.read_text("utf-8").replace("网络导则", "网络建设导则"), "utf-8")
    run = normkit("build", "--root", str(repo), *HTML)
    assert "2 built" in summary_of(run.out)  # 1102 itself, and 1101 which cites it
    assert "T/TEST 1102 网络建设导则" in page(repo, "t-test-1101").read_text(encoding="utf-8")


@pytest.mark.build_warnings("normkit.unknown-standard")
def test_a_broken_standard_fails_alone_and_keeps_its_last_good_output(repo, normkit):
    normkit("build", "--root", str(repo), *HTML)
    good = page(repo, "t-test-1102").read_text(encoding="utf-8")
    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n见\\ :std:`T/TEST 4040`\\ 。\n", encoding="utf-8")
    (repo / "standards" / "t-test-1101" / "index.rst").write_text(FULL + "\n新增。\n", "utf-8")
    run = normkit("build", "--root", str(repo), *HTML)
    assert run.code == 1
    assert "1 built, 0 up to date, 1 failed" in summary_of(run.out)
    assert "standards/t-test-1102/index.rst:11" in run.out
    assert "unknown standard 'T/TEST 4040'" in run.out
    assert page(repo, "t-test-1102").read_text(encoding="utf-8") == good
    assert "新增" in page(repo, "t-test-1101").read_text(encoding="utf-8")
    assert "Traceback" not in run.out + run.err


@pytest.mark.build_warnings("normkit.single-subclause")
def test_strict_turns_warnings_into_failures(repo, normkit):
    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n孤立\n----\n\n文字。\n", encoding="utf-8")
    assert normkit("build", "--root", str(repo), *HTML).code == 0
    run = normkit("build", "--root", str(repo), *HTML, "--strict")
    assert run.code == 1
    assert "single subclause" in run.out


def test_shards_split_the_standards(repo, normkit):
    first = normkit("build", "--root", str(repo), *HTML, "--shard", "1/2")
    second = normkit("build", "--root", str(repo), *HTML, "--shard", "2/2")
    assert "1 built" in summary_of(first.out) and "1 built" in summary_of(second.out)
    assert page(repo, "t-test-1101").is_file() and page(repo, "t-test-1102").is_file()


@pytest.mark.parametrize(
    "args, words",
    [
        (("--standard", "T/TEST 9999"), "no drafted standard 'T/TEST 9999'"),
        (("--lang", "fr"), "unknown language 'fr'"),
        (("--shard", "3/2"), "argument --shard: must be i/n"),
    ],
)
def test_bad_requests_exit_2_with_a_message(repo, normkit, args, words):
    run = normkit("build", "--root", str(repo), *args)
    assert run.code == 2
    assert words in run.err


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file under ``out`` (the job cache aside), by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).parts[0] != ".cache"
    }


def test_parallel_build_matches_serial(repo, normkit):
    both = ("--format", "html", "--format", "docx", "--lang", "en")
    serial = normkit("build", "--root", str(repo), *both, "-j", "1", "--out", str(repo / "a"))
    parallel = normkit("build", "--root", str(repo), *both, "-j", "2", "--out", str(repo / "b"))
    assert serial.code == parallel.code == 0, parallel.out
    assert "4 built" in summary_of(serial.out) and "4 built" in summary_of(parallel.out)
    one, two = _outputs(repo / "a"), _outputs(repo / "b")
    assert "html/en/t-test-1101/index.html" in one and "docx/t-test-1102-1.0-en.docx" in one
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.build_warnings("normkit.single-subclause")
def test_the_formats_of_an_edition_are_written_from_one_reading(repo, normkit):
    """HTML and DOCX of one edition share the reading of the sources: what reading
    finds is reported once for both formats, and each shows the new text."""
    from docx import Document

    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n孤立\n----\n\n新写的段落。\n", encoding="utf-8")
    both = ("--standard", "t-test-1102", "--lang", "zh_CN", "--format", "html", "--format", "docx")
    run = normkit("build", "--root", str(repo), *both, "-j", "1")
    assert run.code == 0, run.out
    assert "2 built, 0 up to date, 0 failed" in summary_of(run.out)
    # reported once, naming both formats it concerns
    (line,) = [x for x in run.out.splitlines() if "single subclause" in x]
    assert "t-test-1102 zh_CN html" in line and "t-test-1102 zh_CN docx" in line, line
    assert "新写的段落" in page(repo, "t-test-1102").read_text(encoding="utf-8")
    docx = repo / "build" / "docx" / "t-test-1102-1.0-zh_CN.docx"
    assert any("新写的段落" in p.text for p in Document(str(docx)).paragraphs)

    strict = normkit("build", "--root", str(repo), *both, "-j", "1", "--strict", "--force")
    assert strict.code == 1
    assert "0 built, 0 up to date, 2 failed" in summary_of(strict.out)


@pytest.mark.build_warnings("normkit.single-subclause")
def test_build_reports_warnings_as_records_in_json_and_github(repo, normkit):
    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n孤立\n----\n\n文字。\n", encoding="utf-8")
    line = INDEX.splitlines().index("一般要求") + 1  # the clause with a lone subclause
    run = normkit("build", "--root", str(repo), *HTML, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["ok"] and {j["status"] for j in data["jobs"]} == {"built"}
    (found,) = [p for p in data["problems"] if p["code"] == "normkit.single-subclause"]
    assert found["file"] == "standards/t-test-1102/index.rst"
    assert found["line"] in (line, line + 1), found  # docutils names a title's underline
    assert found["severity"] == "warning" and found["hint"]
    assert "[normkit" not in found["message"]  # the code is a field, not part of the text
    assert found["jobs"] == ["t-test-1102 zh_CN html"]

    github = normkit("build", "--root", str(repo), *HTML, "--force", "--report", "github")
    (annotation,) = [x for x in github.out.splitlines() if x.startswith("::warning ")]
    assert "file=standards/t-test-1102/index.rst,line=" in annotation
    assert "title=normkit.single-subclause::" in annotation


@pytest.mark.build_warnings("normkit.dated-reference")
def test_a_normkit_warning_can_be_suppressed_in_conf_py(repo, normkit):
    source = repo / "standards" / "t-test-1102" / "index.rst"
    source.write_text(INDEX + "\n见\\ :std:`T/TEST 1101—2019`\\ 。\n", encoding="utf-8")
    run = normkit("build", "--root", str(repo), *HTML, "--format", "json")
    codes = [p["code"] for p in json.loads(run.out)["problems"]]
    assert "normkit.dated-reference" in codes
    conf = repo / "conf.py"
    conf.write_text(
        conf.read_text("utf-8") + '\nsuppress_warnings = ["normkit.dated-reference"]\n', "utf-8"
    )
    quiet = normkit("build", "--root", str(repo), *HTML, "--force", "--format", "json")
    assert "normkit.dated-reference" not in [p["code"] for p in json.loads(quiet.out)["problems"]]


@pytest.mark.slow
def test_each_editions_inventory_names_its_standard_in_its_own_language(make_repo):
    """objects.inv, which another Sphinx project's intersphinx reads: named after the
    standard (dated number and title in the edition's language, its version), its
    document titled so, and no entry for a page the edition does not have (Sphinx's
    index, module index and search page). Both editions are built in one fresh process,
    as a user's build is, twice (the second, its checks cached, is the one whose first
    edition imports Sphinx's modules): nothing of the Chinese edition's reaches the
    English one built after it."""
    import subprocess
    import sys

    from sphinx.util.inventory import InventoryFile

    root = make_repo({"standards/t-test-1101/index.rst": ".. _cl-scope:\n\n" + INDEX})

    def inventory(edition: str):
        inv = root / "build" / "html" / edition / "t-test-1101" / "objects.inv"
        return inv.read_bytes(), InventoryFile.loads(inv.read_bytes(), uri="https://x/").data

    for force in ((), ("--force",)):
        run = subprocess.run(
            [str(Path(sys.executable).parent / "normkit"), "build", "--root", str(root)]
            + ["--standard", "t-test-1101", "--lang", "zh_CN", "--lang", "en", "-j", "1"]
            + list(force),
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "6 built" in run.stdout  # both editions, every format, one process (-j 1)
        for edition, title, scope in (
            ("zh_CN", "T/TEST 1101—2026 通信导则", "1　范围"),
            ("en", "T/TEST 1101—2026 Communication guidelines", "1　Scope"),
        ):
            raw, data = inventory(edition)
            assert raw.startswith(
                f"# Sphinx inventory version 2\n# Project: {title}\n# Version: 1.0\n".encode()
            ), (force, raw[:120])
            assert data["std:doc"]["index"].display_name == title
            labels = data["std:label"]
            assert {name: item.uri for name, item in labels.items()} == {
                "cl-scope": "https://x/index.html#cl-scope"
            }, (force, edition)
            assert labels["cl-scope"].display_name.split() == scope.split(), (force, edition)


@pytest.mark.slow
def test_a_drafts_stage_is_named_on_its_cover_and_the_framework_page(make_repo, normkit):
    """GB/T 1.1 practice: a draft for comments (征求意见稿), then for review (送审稿),
    then for approval (报批稿); the first two ask for patents on the cover, the last not."""
    import re

    toml = "standards/t-test-1102/standard.toml"
    draft = standard_toml("T/TEST 1102", "draft", "网络导则", "Network guidelines")

    def line(html: str, field: str) -> str:
        found = re.search(rf'class="nk-cover-{field}"[^>]*>([^<]*)<', html)
        return found.group(1) if found else ""

    for stage, zh, en, notice in (
        ('status = "draft"', "（征求意见稿）", "(Draft for comments)", True),
        ('status = "draft"\nstage = "review"', "（送审稿）", "(Draft for review)", True),
        ('status = "draft"\nstage = "approval"', "（报批稿）", "(Draft for approval)", False),
    ):
        root = make_repo({toml: draft.replace('status = "draft"\n', f"{stage}\n")})
        only = ("--standard", "t-test-1102", "--lang", "zh_CN", "--lang", "en", *HTML[:2])
        run = normkit("build", "--root", str(root), *only)
        assert run.code == 0, run.out + run.err
        chinese, english = (
            (root / "build/html" / lang / "t-test-1102/index.html").read_text("utf-8")
            for lang in ("zh_CN", "en")
        )
        assert line(chinese, "status") == zh and line(english, "status") == en, stage
        assert bool(line(chinese, "draft-notice")) is notice, stage
        assert f'data-watermark="{zh.strip("（）")}"' in chinese
        overview = (root / "build/html/zh_CN/index.html").read_text("utf-8")
        assert f">{zh.strip('（）')}</span>" in overview  # the framework page's badge
