"""Correctness on the sample's real revisions (tests/revisions/*.toml, written with the
1.1 revisions): every planted change is found, and no change is reported where there
is none — renumbering alone included. The versions are read from this repository's
git history, as `normkit diff` reads them."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from normkit.versions.changes import BIBLIOGRAPHY, Change
from normkit.versions.redline_build import changes_between

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "revisions").glob("*.toml"))

#: What the corpus calls an element → what the change list may call it: a change made
#: inside a clause is reported on the requirement, note or passage it touched.
COMPATIBLE = {
    "clause": {"clause", "requirement", "text", "note", "example"},
    "requirement": {"requirement", "text"},
    "table-row": {"table"},
    "note": {"note", "text", "requirement"},
}


def place(element: str, old: str, new: str, label: str = "") -> tuple[str, str]:
    """Both editions' numbers as the corpus writes them: 表3, 图2, 附录B, 前言."""
    if element == "foreword":
        return ("前言" if old or not new else "", "前言" if new or not old else "")
    if element in ("table", "figure") and label:
        return (label if old else "", label if new else "")
    if element == "annex":
        return (f"附录{old}" if old else "", f"附录{new}" if new else "")
    return old, new


def reported_place(change: Change) -> tuple[str, str]:
    old, new = place(change.element, change.old_number, change.new_number, change.label)
    return old, "参考文献" if new == BIBLIOGRAPHY else new  # it has no number


def matches(planted: dict, change: Change) -> bool:
    """Whether ``change`` reports ``planted``: itself, or one of the changes it holds
    (a clause moved and edited is one item holding both)."""
    return _matches(planted, change) or any(
        _matches(planted, replace(change, kind=kind, element=element, old_number=old,
                                  new_number=new, parts=()))
        for kind, element, old, new in change.parts
    )  # fmt: skip


def _matches(planted: dict, change: Change) -> bool:
    elements = COMPATIBLE.get(planted["element"], {planted["element"]})
    kinds = {
        "table-row": {"modified"},
        "foreword": {"added", "deleted", "modified", "moved"},
    }.get(planted["element"], {planted["kind"]})
    if change.element not in elements or change.kind not in kinds:
        return False
    old, new = reported_place(change)
    if planted["element"] == "foreword":  # reported paragraph by paragraph
        return True
    if planted["element"] == "table-row":  # reported as its table, modified
        return change.label in (planted["old"], planted["new"])
    return (old, new) == (planted["old"], planted["new"])


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPUS, ids=[p.stem for p in CORPUS])
def test_planted_changes_found_and_nothing_else(corpus):
    planted = tomllib.loads(corpus.read_text(encoding="utf-8"))
    outcome = changes_between(ROOT, planted["standard"], planted["old_version"], None)
    assert outcome.new.label == planted["new_version"]
    changes = outcome.changes
    missing = [p for p in planted["change"] if not any(matches(p, c) for c in changes)]
    extra = [c for c in changes if not any(matches(p, c) for p in planted["change"])]
    assert not missing, f"planted changes not found: {missing}"
    assert not extra, f"changes reported where none was made: {extra}"
    # Each change found once: one item per thing changed (a clause moved and edited,
    # the foreword's several edits), never two items for one change.
    twice = {
        p["what"]: found
        for p in planted["change"]
        if len(found := [c.title or c.element for c in changes if matches(p, c)]) > 1
    }
    assert not twice, f"changes reported more than once: {twice}"
    renumbered = planted.get("renumbered", {})
    for change in changes:  # an element whose number alone changed is not a change
        old, new = reported_place(change)
        assert not (
            old in renumbered
            and renumbered[old] == new
            and change.kind == "modified"
            and not change.deleted
            and not change.inserted
        ), change


@pytest.mark.slow
def test_the_bilingual_change_list_names_each_change_once_in_the_masters_words():
    """Each half of the bilingual edition changes with its master text: one item per
    change (not one per language), named as the master edition's list names it; a
    change of the translation alone is one item too, named by its master text."""
    master = changes_between(ROOT, "T/XQZC 1201", "1.0", None).changes
    bilingual = changes_between(ROOT, "T/XQZC 1201", "1.0", None, "bilingual").changes
    seen = {(c.kind, c.element, c.title) for c in master}
    assert seen <= {(c.kind, c.element, c.title) for c in bilingual}
    translation_only = [c for c in bilingual if (c.kind, c.element, c.title) not in seen]
    assert len(translation_only) <= 1 and all(c.kind == "modified" for c in translation_only)
    assert len({c.key for c in bilingual}) == len(bilingual)
    in_english = [c.title for c in bilingual if c.element != "reference" and c.title[:1] < "~"]
    assert not [t for t in in_english if t[:1].isalpha()], in_english  # "2026年…" is Chinese
