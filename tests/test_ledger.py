"""The release ledger: canonical lines, the hash chain, and what breaks it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from normkit.release import (
    LEDGER_PATH,
    LedgerEntry,
    LedgerError,
    appended,
    latest,
    parse_entries,
    read_entries,
    version_key,
    versions_of,
)


def entry(slug: str, version: str) -> LedgerEntry:
    """An entry as `normkit release` would make it (ids are made up but well-formed)."""
    return LedgerEntry(
        kind="standard",
        number=slug.upper().replace("-", " ", 1),
        slug=slug,
        version=version,
        commit="a" * 40,
        tree="b" * 40,
        manifest_sha256=hashlib.sha256(f"{slug}{version}".encode()).hexdigest(),
        date="2026-11-30T09:00:00Z",
    )


def ledger(*entries: LedgerEntry) -> bytes:
    data = b""
    for e in entries:
        data, _ = appended(data, e)
    return data


def test_chain_reads_back_in_order_with_each_prev_the_hash_of_the_line_before() -> None:
    data = ledger(entry("t-a-1", "1.0"), entry("t-b-2", "1.0"), entry("t-a-1", "1.1"))
    lines = data.splitlines(keepends=True)
    found = parse_entries(data)
    assert [(e.slug, e.version, e.line) for e in found] == [
        ("t-a-1", "1.0", 1),
        ("t-b-2", "1.0", 2),
        ("t-a-1", "1.1", 3),
    ]
    assert found[0].prev == "0" * 64
    assert found[2].prev == hashlib.sha256(lines[1]).hexdigest()
    assert latest(found, "t-a-1").version == "1.1"
    assert [e.version for e in versions_of(found, "t-a-1")] == ["1.0", "1.1"]
    assert found[2].tag == "t-a-1/v1.1"


def test_versions_compare_as_numbers() -> None:
    assert version_key("1.10") > version_key("1.9")
    with pytest.raises(ValueError):
        version_key("v1")


def test_deleted_line_breaks_the_chain_at_the_next_line(tmp_path: Path) -> None:
    data = ledger(entry("t-a-1", "1.0"), entry("t-a-1", "1.1"), entry("t-a-1", "1.2"))
    lines = data.splitlines(keepends=True)
    path = tmp_path / LEDGER_PATH
    path.parent.mkdir(parents=True)
    path.write_bytes(lines[0] + lines[2])
    with pytest.raises(LedgerError, match=r"ledger.jsonl:2: the chain is broken"):
        read_entries(tmp_path)


def test_hand_edited_line_is_named() -> None:
    data = ledger(entry("t-a-1", "1.0"), entry("t-a-1", "1.1"))
    edited = data.replace(b'"version":"1.0"', b'"version": "1.0"')
    with pytest.raises(LedgerError, match=r":1: the line is not as `normkit release` wrote it"):
        parse_entries(edited)
    # Edited canonically (same form, other value): the next line's prev no longer matches.
    forged = data.replace(b"2026-11-30T09:00:00Z", b"2026-11-29T09:00:00Z", 1)
    with pytest.raises(LedgerError, match=r":2: the chain is broken"):
        parse_entries(forged)


def test_not_json_and_duplicate_version_are_refused() -> None:
    with pytest.raises(LedgerError, match=r":1: the line is not JSON"):
        parse_entries(b"{oops\n")
    data = ledger(entry("t-a-1", "1.0"), entry("t-a-1", "1.0"))
    with pytest.raises(LedgerError, match=r":2: t-a-1 version 1.0 is already published on line 1"):
        parse_entries(data)


def test_no_ledger_means_no_releases(tmp_path: Path) -> None:
    assert read_entries(tmp_path) == []
