"""The revision corpus (tests/revisions/*.toml) agrees with the sample system it describes.

Each file lists the changes planted in one standard between two versions; the diff tests
take it as the truth. These checks keep it honest against the sources: the standard is
at the new version, every entry is well formed, and the foreword's lettered list of
technical changes and the corpus name the same changes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from normkit.system import load_system

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((REPO_ROOT / "tests" / "revisions").glob("t-xqzc-*.toml"))
KINDS = {"added", "deleted", "modified", "moved"}
ELEMENTS = {
    "clause", "term", "requirement", "table", "table-row", "figure",
    "note", "reference", "annex", "foreword",
}  # fmt: skip


@pytest.fixture(scope="module")
def system():
    return load_system(REPO_ROOT)


def _foreword_items(source: Path) -> list[str]:
    """The letters of the foreword's list of technical changes ("a" … "j")."""
    text = source.read_text(encoding="utf-8")
    foreword = text.split(".. introduction::")[0]
    if ".. technical-changes::" in foreword:
        # Generated from the diff: one item per change the editor words, "-" left out.
        worded = re.findall(r"^      :(?!against:)[^:]+: (.+)$", foreword, flags=re.MULTILINE)
        return [chr(ord("a") + i) for i, w in enumerate(w for w in worded if w.strip() != "-")]
    return re.findall(r"^   ([a-z])\) ", foreword, flags=re.MULTILINE)


def test_there_is_a_corpus_for_each_revised_standard():
    assert {p.stem for p in CORPUS} == {"t-xqzc-1201", "t-xqzc-1301", "t-xqzc-2201", "t-xqzc-3101"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_entries_are_well_formed_and_the_standard_is_at_the_new_version(path, system):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    standard = system.standards[data["standard"]]
    assert standard.slug == path.stem
    assert standard.version == data["new_version"] != data["old_version"]
    assert data["change"], "a revision without changes"
    for change in data["change"]:
        assert change["kind"] in KINDS, change
        assert change["element"] in ELEMENTS, change
        # An element added has no old number, one deleted no new one; others have both.
        assert bool(change["old"]) == (change["kind"] != "added"), change
        assert bool(change["new"]) == (change["kind"] != "deleted"), change
        assert change["what"].strip(), change
        if change["foreword"]:
            assert change["technical"], f"an editorial change is in the foreword: {change}"
    for old, new in data.get("renumbered", {}).items():
        assert old != new


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_the_foreword_lists_exactly_the_technical_changes(path, system):
    """GB/T 1.1-2020: the foreword of a new edition lists its technical changes, and only
    those; every lettered item states changes of the corpus and every technical change is
    stated by an item (or, for a single change, by the foreword's one sentence)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = system.standards[data["standard"]].source_file
    technical = [c for c in data["change"] if c["technical"]]
    assert all(c["foreword"] for c in technical), [c for c in technical if not c["foreword"]]
    items = _foreword_items(source)
    claimed = {c["foreword"] for c in technical}
    if items:
        assert items == sorted(items) and items[0] == "a", items
        assert claimed == set(items)
    else:
        assert claimed == {"sentence"}
        foreword = source.read_text(encoding="utf-8").split(".. introduction::")[0]
        assert "主要技术变化为：" in foreword
