"""The parsed TOML files kept in build/.cache/system.json: a changed file is always seen.

A command reads every framework.toml and standard.toml file, and parses again only
those whose bytes changed since the last command. Each test loads the system as a new
command does (in this process, a system already read is kept while its files' digest
stays the same; ``fresh_load`` forgets it first, as a new process would not have it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import standard_toml

import normkit.system.loader as loader
from normkit.system.toml_cache import CACHE_FILE
from normkit.system.toml_source import TomlSource

STD_1101 = "standards/t-test-1101/standard.toml"
GOOD_1101 = standard_toml("T/TEST 1101", "published", "通信导则", "Communication guidelines")


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """The TOML files parsed from now on (not taken from the cache)."""
    parsed: list[Path] = []
    original = TomlSource.parse.__func__

    def counted(cls, path, text):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(cls, path, text)

    monkeypatch.setattr(TomlSource, "parse", classmethod(counted))
    return parsed


def fresh_load(root: Path) -> loader.LoadResult:
    """Load the system as a new command does."""
    loader._LOADED.clear()
    return loader.load(root)


@pytest.fixture
def repo(make_repo) -> Path:
    root = make_repo()
    (root / "build").mkdir()
    fresh_load(root)  # the first command parses every file and keeps them
    assert (root / CACHE_FILE).is_file()
    return root


def title(root: Path) -> str:
    return fresh_load(root).system.standards["T/TEST 1101"].title["zh_CN"]


def test_an_unchanged_system_is_not_parsed_again(repo, parses):
    before = (repo / CACHE_FILE).stat().st_mtime_ns
    result = fresh_load(repo)
    assert parses == []
    assert result.system.standards["T/TEST 1101"].issue_date == date(2026, 1, 10)
    assert result.system == loader._load(repo).system  # the same as parsing it all
    assert (repo / CACHE_FILE).stat().st_mtime_ns == before  # nothing new to keep


def test_an_edited_standard_toml_is_parsed_again(repo, parses):
    (repo / STD_1101).write_text(GOOD_1101.replace("通信导则", "通信设施导则"), encoding="utf-8")
    assert title(repo) == "通信设施导则"
    assert parses == [repo / STD_1101]  # that file alone


def test_a_touched_file_is_not_parsed_again(repo, parses):
    os.utime(repo / STD_1101)
    assert title(repo) == "通信导则"
    assert parses == []


def test_a_file_replaced_by_one_of_the_same_size_and_time_is_seen(repo, parses):
    path = repo / STD_1101
    stat = path.stat()
    same_size = GOOD_1101.replace("通信导则", "电信导则")
    assert len(same_size.encode()) == stat.st_size
    path.write_text(same_size, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert title(repo) == "电信导则"
    assert parses == [path]


def test_problems_are_reported_again_from_the_cache(repo, parses):
    bad_version = GOOD_1101.replace('version = "1.0"', 'version = "one"')
    (repo / STD_1101).write_text(bad_version, encoding="utf-8")
    broken = GOOD_1101.replace('ics = "35.110"', "ics = 35.110.20")
    (repo / "standards/t-test-1102/standard.toml").write_text(broken, encoding="utf-8")
    first = fresh_load(repo).problems
    parses.clear()
    again = fresh_load(repo).problems
    assert parses == []
    assert again == first
    assert any(p.line == 2 and "not of the form MAJOR.MINOR" in p.message for p in again)
    assert any(p.code == "normkit.toml-syntax" and p.line == 13 for p in again)


def test_a_damaged_or_foreign_cache_is_parsed_past(repo, parses):
    cache = repo / CACHE_FILE
    stored = json.loads(cache.read_text(encoding="utf-8"))
    entry = stored["files"][STD_1101]
    entry["data"] = {"number": ["not", "a", "string"], "title": {"$date": "not a date"}}
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert title(repo) == "通信导则"  # the entry does not decode: the file is parsed
    assert parses == [repo / STD_1101]
    cache.write_text("{not json", encoding="utf-8")
    assert title(repo) == "通信导则"
    stored["code"] = "another normkit"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert fresh_load(repo).system == loader._load(repo).system


def test_dates_and_look_alike_tables_come_back_as_they_were(make_repo):
    odd = GOOD_1101 + '\n[extra]\n"$date" = "a table, not a date"\nwhen = 2026-01-10T08:30:00Z\n'
    root = make_repo({STD_1101: odd})
    (root / "build").mkdir()
    first = fresh_load(root)
    second = fresh_load(root)
    assert second.system == first.system and second.problems == first.problems


def test_nothing_is_written_without_a_build_folder(make_repo):
    root = make_repo()
    fresh_load(root)
    assert not (root / "build").exists()


def test_a_new_process_sees_an_edit(repo):
    """End to end: two commands, the file edited between them."""
    (repo / STD_1101).write_text(GOOD_1101.replace("通信导则", "通信设施导则"), encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-c", "import sys; from normkit.system import load_system; "
         "print(load_system(sys.argv[1]).standards['T/TEST 1101'].title['zh_CN'])", str(repo)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert shown.stdout.strip() == "通信设施导则"


def test_a_removed_standard_is_gone_and_a_new_one_read(repo, parses):
    shutil.rmtree(repo / "standards/t-test-1102")
    new = repo / "standards/t-test-1105/standard.toml"
    new.parent.mkdir()
    new.write_text(standard_toml("T/TEST 1105", "draft", "新导则", "New guidelines"), "utf-8")
    standards = fresh_load(repo).system.standards
    assert "T/TEST 1102" not in standards
    assert standards["T/TEST 1105"].title["zh_CN"] == "新导则"
    assert parses == [new]
    kept = json.loads((repo / CACHE_FILE).read_text(encoding="utf-8"))["files"]
    assert "standards/t-test-1102/standard.toml" not in kept  # no entry left for it
