"""`normkit init` and `normkit new`: a repository and a standard that check and build."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

BODY = ("--body-zh", "测试标准化技术委员会", "--body-en", "Test Standardization Committee")


def init(normkit, directory: Path, *extra: str):
    return normkit("init", str(directory), "--prefix", "T/ABC", *BODY, *extra)


def framework(root: Path) -> dict:
    return tomllib.loads((root / "standards/framework.toml").read_text(encoding="utf-8"))


def test_init_lays_out_a_repository_that_checks_clean(tmp_path, normkit):
    root = tmp_path / "body"
    run = init(normkit, root)
    assert run.code == 0, run.err
    for name in (
        "conf.py",
        "README.md",
        ".gitignore",
        ".github/workflows/normkit.yml",
        ".pre-commit-config.yaml",
        "templates/standard/index.zh_CN.rst.j2",
        "templates/labels/en.toml",
        "templates/html/normkit/layout.html",
    ):
        assert (root / name).is_file(), name
    assert (root / ".git").is_dir()
    assert not (root / "templates/repository").exists()  # init's own templates stay behind
    data = framework(root)
    assert data["settings"]["master_language"] == "zh_CN"
    assert data["settings"]["languages"] == ["en"]
    assert data["settings"]["issuing_body"]["en"] == "Test Standardization Committee"
    assert data["settings"]["numbering"]["pattern"] == r"^T/ABC [1-9][1-9]\d\d$"
    check = normkit("check", "--root", str(root))
    assert check.code == 0, check.out
    assert "clean" in check.out


@pytest.mark.parametrize("languages", ["en", "zh_CN"])
def test_init_one_language_system_has_no_translation_language(tmp_path, normkit, languages):
    root = tmp_path / "body"
    assert init(normkit, root, "--languages", languages).code == 0
    settings = framework(root)["settings"]
    assert settings["master_language"] == languages
    assert settings["languages"] == []
    assert f'language = "{languages}"' in (root / "conf.py").read_text(encoding="utf-8")
    assert normkit("check", "--root", str(root)).code == 0


def test_init_refuses_a_folder_that_is_not_empty_and_keeps_its_files(tmp_path, normkit):
    root = tmp_path / "busy"
    root.mkdir()
    (root / "README.md").write_text("mine", encoding="utf-8")
    run = init(normkit, root)
    assert run.code == 2
    assert "is not empty (README.md)" in run.err and "--force" in run.err
    assert "Traceback" not in run.err
    assert sorted(p.name for p in root.iterdir()) == ["README.md"]
    forced = init(normkit, root, "--force")
    assert forced.code == 0, forced.err
    assert "kept    README.md" in forced.out
    assert (root / "README.md").read_text(encoding="utf-8") == "mine"
    assert (root / "standards/framework.toml").is_file()


def test_init_refuses_an_existing_standards_repository(tmp_path, normkit):
    root = tmp_path / "body"
    assert init(normkit, root).code == 0
    again = init(normkit, root / "sub", "--force")
    assert again.code == 2
    assert "already a standards repository" in again.err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--languages", "fr"), "no generated words for language 'fr'"),
        (("--languages", "zh_CN,de"), "no generated words for language 'de'"),
        (("--languages", "en,en"), "names a language twice"),
        (("--pattern", "^T/ABC ("), "--pattern is not a regular expression"),
        (("--body", "en"), "is not LANG=TEXT"),
    ],
)
def test_init_bad_options_write_nothing(tmp_path, normkit, args, words):
    root = tmp_path / "body"
    run = init(normkit, root, *args)
    assert run.code == 2
    assert words in run.err
    assert not root.exists()


def test_init_needs_the_body_in_every_language(tmp_path, normkit):
    run = normkit("init", str(tmp_path / "x"), "--prefix", "T/ABC", "--body-zh", "委员会")
    assert run.code == 2
    assert "the issuing body has no name in en" in run.err and "--body-en" in run.err


@pytest.fixture
def zh_repo(tmp_path, normkit) -> Path:
    """A Chinese-only system (no catalogs to extract: `new` stays fast) with two planned
    standards in aspect 1.1."""
    root = tmp_path / "zh"
    assert init(normkit, root, "--languages", "zh_CN").code == 0
    path = root / "standards/framework.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[standard]]\nnumber = "T/ABC 1101"\naspect = "1.1"\nstatus = "planned"\n'
        'title.zh_CN = "路灯导则"\n\n# a comment that must survive\n\n'
        '[[standard]]\nnumber = "T/ABC 1102"\naspect = "1.1"\nstatus = "planned"  # kept\n'
        'title.zh_CN = "井盖导则"\n',
        encoding="utf-8",
    )
    return root


def test_new_takes_the_next_free_number_and_registers_it(zh_repo, normkit):
    run = normkit("new", "--root", str(zh_repo), "--aspect", "1.1", "--title-zh", "公交站导则")
    assert run.code == 0, run.err
    folder = zh_repo / "standards/t-abc-1103"
    meta = tomllib.loads((folder / "standard.toml").read_text(encoding="utf-8"))
    assert meta["number"] == "T/ABC 1103" and meta["status"] == "draft"
    assert meta["title"] == {"zh_CN": "公交站导则"}
    entries = {e["number"]: e for e in framework(zh_repo)["standard"]}
    assert entries["T/ABC 1103"]["status"] == "draft"
    assert entries["T/ABC 1101"]["status"] == "planned"
    assert "# a comment that must survive" in (zh_repo / "standards/framework.toml").read_text(
        encoding="utf-8"
    )
    text = (folder / "index.rst").read_text(encoding="utf-8")
    for element in (".. foreword::", ".. introduction::", "范围", "规范性引用文件"):
        assert element in text
    assert "术语和定义" in text and "测试标准化技术委员会" in text
    assert not (folder / "locale").exists()  # a one-language system has no catalogs
    assert normkit("check", "--root", str(zh_repo)).code == 0


def test_new_turns_a_planned_entry_into_a_draft(zh_repo, normkit):
    run = normkit("new", "--root", str(zh_repo), "--number", "T/ABC 1102")
    assert run.code == 0, run.err
    assert "planned entry is now a draft" in run.out
    entries = {e["number"]: e for e in framework(zh_repo)["standard"]}
    assert entries["T/ABC 1102"]["status"] == "draft"
    meta = tomllib.loads(
        (zh_repo / "standards/t-abc-1102/standard.toml").read_text(encoding="utf-8")
    )
    assert meta["title"]["zh_CN"] == "井盖导则"  # the framework's title
    text = (zh_repo / "standards/framework.toml").read_text(encoding="utf-8")
    assert 'status = "draft"  # kept' in text
    assert normkit("check", "--root", str(zh_repo)).code == 0


def test_new_matches_a_planned_entry_by_title(zh_repo, normkit):
    run = normkit("new", "--root", str(zh_repo), "--aspect", "1.1", "--title-zh", "路灯导则")
    assert run.code == 0, run.err
    assert (zh_repo / "standards/t-abc-1101/index.rst").is_file()
    assert len(framework(zh_repo)["standard"]) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--aspect", "9.9", "--title-zh", "某"), "aspect '9.9' does not exist"),
        (("--title-zh", "某"), "which aspect"),
        (("--aspect", "1.1", "--number", "T/ABC 12", "--title-zh", "某"), "numbering pattern"),
        (("--aspect", "1.1"), "no title in zh_CN"),
    ],
)
def test_new_bad_requests_change_nothing(zh_repo, normkit, args, words):
    before = (zh_repo / "standards/framework.toml").read_text(encoding="utf-8")
    run = normkit("new", "--root", str(zh_repo), *args)
    assert run.code == 2, run.out
    assert words in run.err and "Traceback" not in run.err
    assert (zh_repo / "standards/framework.toml").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in (zh_repo / "standards").iterdir()) == ["framework.toml"]


def test_new_refuses_a_taken_number_and_an_unregistered_folder(zh_repo, normkit):
    root = str(zh_repo)
    assert normkit("new", "--root", root, "--number", "T/ABC 1101").code == 0
    taken = normkit("new", "--root", root, "--number", "T/ABC 1101")
    assert taken.code == 2 and "already taken by t-abc-1101/" in taken.err
    stray = zh_repo / "standards/t-abc-1103"
    stray.mkdir()
    (stray / "notes.txt").write_text("keep me", encoding="utf-8")
    run = normkit(
        "new", "--root", root, "--number", "T/ABC 1103", "--aspect", "1.1", "--title-zh", "某"
    )
    assert run.code == 2 and "already exists but is not registered" in run.err
    assert [p.name for p in stray.iterdir()] == ["notes.txt"]


SYSTEMS = {
    # languages, the edition built, words its HTML must show, words it must not
    "bilingual": ("zh_CN,en", "bilingual", ["范围", "规范性引用文件"], []),
    "English only": ("en", "en", ["Scope", "Normative references", "shall"], ["bilingual"]),
    "Chinese only": ("zh_CN", "zh_CN", ["范围", "本文件没有规范性引用文件。"], ["bilingual"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("system", SYSTEMS)
def test_init_new_check_build(tmp_path, normkit, system):
    languages, edition, present, absent = SYSTEMS[system]
    root = tmp_path / "body"
    assert init(normkit, root, "--languages", languages).code == 0
    titles = ("--title-zh", "智慧路灯建设导则", "--title-en", "Smart street lights")
    new = normkit("new", "--root", str(root), "--aspect", "1.1", *titles)
    assert new.code == 0, new.err
    folder = root / "standards/t-abc-1101"
    catalogs = sorted(p.parent.parent.name for p in folder.glob("locale/*/LC_MESSAGES/index.po"))
    assert catalogs == languages.split(",")[1:]
    check = normkit("check", "--root", str(root))
    assert check.code == 0, check.out
    build = normkit("build", "--root", str(root), "--lang", edition, "--format", "html", "-j", "1")
    assert build.code == 0, build.out + build.err
    html = (root / f"build/html/{edition}/t-abc-1101/index.html").read_text(encoding="utf-8")
    for words in present:
        assert words in html, words
    for words in absent:
        assert f"/{words}/" not in html, words
    title = "Smart street lights" if edition == "en" else "智慧路灯建设导则"
    assert title in html


@pytest.mark.slow
@pytest.mark.build_warnings("normkit.verbal-form")  # the reading warns 'must', as check does
def test_english_master_meets_no_chinese_drafting_rule(tmp_path, normkit):
    """GB/T 1.1's rules of Chinese text stay off an English master; the English ones apply."""
    root = tmp_path / "body"
    assert init(normkit, root, "--languages", "en").code == 0
    assert normkit("new", "--root", str(root), "--aspect", "1.1", "--title-en", "Lights").code == 0
    source = root / "standards/t-abc-1101/index.rst"
    with source.open("a", encoding="utf-8") as handle:
        handle.write("\nLamps must be cleaned，weekly (应不, 宜不 and 必须 are quoted here).\n")
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    found = sorted(p["code"] for p in report["problems"])
    assert found == ["normkit.en-punctuation", "normkit.forbidden-verbal-form"], found
