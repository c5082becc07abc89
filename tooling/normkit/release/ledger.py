"""The release ledger: one JSON object a line, each chained to the line before it.

``standards/releases/ledger.jsonl`` is committed in the standards repository. Every
published version of a standard (or of the framework) is one line; each line carries the
SHA-256 of the previous line's bytes (``prev``; 64 zeros for the first), so deleting,
reordering or editing any line breaks the chain at the line after it, and the last
line's hash, named in the release tag's message, seals the whole history.

Lines are written canonically (sorted keys, no spaces, UTF-8) so that the same entry is
always the same bytes. Nothing else writes this file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from normkit.errors import NormkitError

#: Where the ledger lives, relative to the repository root.
LEDGER_PATH = Path("standards") / "releases" / "ledger.jsonl"

#: ``prev`` of the first entry.
GENESIS = "0" * 64

#: What a release publishes: one standard, or the framework (the taxonomy itself).
KINDS = ("standard", "framework")

_VERSION = re.compile(r"\d+(?:\.\d+)*")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX40 = re.compile(r"[0-9a-f]{40}")


class LedgerError(NormkitError):
    """The ledger cannot be read or its chain is broken; says which line."""

    exit_code = 1

    def __init__(self, path: Path, line: int | None, message: str, hint: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.hint = path, line, hint


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10"`` → ``(1, 10)``: versions compare by their numbers, not as text."""
    if not _VERSION.fullmatch(version):
        raise ValueError(f"version {version!r} is not numbers separated by dots (1.0, 1.1)")
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class LedgerEntry:
    """One published version.

    ``number`` is the standard number (``T/XQZC 1201``) or, for the framework, its
    title's version name; ``slug`` names its folder, URLs and tags; ``commit`` and
    ``tree`` are the git ids it was built from; ``manifest_sha256`` the SHA-256 of its
    manifest.json, which lists every artifact's hash; ``date`` when it was released
    (ISO 8601, UTC); ``prev`` the SHA-256 of the ledger line before it.
    """

    kind: str
    number: str
    slug: str
    version: str
    commit: str
    tree: str
    manifest_sha256: str
    date: str
    prev: str = GENESIS
    #: 1-based line of the ledger this entry was read from (0 when not read from one).
    line: int = 0

    @property
    def tag(self) -> str:
        """The annotated git tag of this release: ``t-xqzc-1201/v1.0``."""
        return f"{self.slug}/v{self.version}"

    def to_line(self) -> bytes:
        """The canonical bytes of this entry in the ledger, newline included."""
        data = asdict(self)
        del data["line"]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"


def line_hash(line: bytes) -> str:
    """The SHA-256 (hex) of one ledger line as stored, newline included."""
    return hashlib.sha256(line).hexdigest()


def _entry(data: object, path: Path, number: int) -> LedgerEntry:
    """A ledger entry from one decoded line, every field checked."""
    fix = "a ledger line is written only by `normkit release`; restore it with git"
    if not isinstance(data, dict):
        raise LedgerError(path, number, "the line is not a JSON object", fix)
    fields = [f for f in LedgerEntry.__dataclass_fields__ if f != "line"]
    missing = [f for f in fields if not isinstance(data.get(f), str)]
    extra = sorted(set(data) - set(fields))
    if missing or extra:
        what = ", ".join([*(f"no {f}" for f in missing), *(f"unknown {f}" for f in extra)])
        raise LedgerError(path, number, f"the entry has {what}", fix)
    entry = LedgerEntry(**data, line=number)
    problems = []
    if entry.kind not in KINDS:
        problems.append(f"kind {entry.kind!r} is not one of {', '.join(KINDS)}")
    if not _VERSION.fullmatch(entry.version):
        problems.append(f"version {entry.version!r} is not numbers separated by dots")
    for name in ("commit", "tree"):
        if not _HEX40.fullmatch(getattr(entry, name)):
            problems.append(f"{name} {getattr(entry, name)!r} is not a git id")
    for name in ("manifest_sha256", "prev"):
        if not _HEX64.fullmatch(getattr(entry, name)):
            problems.append(f"{name} is not a SHA-256")
    if problems:
        raise LedgerError(path, number, "; ".join(problems), fix)
    return entry


def parse_entries(data: bytes, path: Path = LEDGER_PATH) -> list[LedgerEntry]:
    """Every entry of a ledger's bytes (as read from disk or from a git blob), in order.

    Raises :class:`LedgerError` naming the line of the first entry that cannot be read,
    that is not written canonically (hand-edited), whose ``prev`` is not the hash of the
    line before it, or that publishes a version twice.
    """
    entries: list[LedgerEntry] = []
    seen: dict[tuple[str, str], int] = {}
    previous = GENESIS
    if data and not data.endswith(b"\n"):
        data += b"\n"  # a missing final newline is reported by the canonical-form check
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            decoded = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LedgerError(
                path,
                number,
                f"the line is not JSON ({exc})",
                "a ledger line is written only by `normkit release`; restore it with git",
            ) from None
        entry = _entry(decoded, path, number)
        if entry.to_line() != raw:
            raise LedgerError(
                path,
                number,
                "the line is not as `normkit release` wrote it (edited by hand?)",
                "restore the ledger with `git checkout -- standards/releases/ledger.jsonl`",
            )
        if entry.prev != previous:
            before = "the start of the ledger" if number == 1 else f"line {number - 1}"
            raise LedgerError(
                path,
                number,
                f"the chain is broken: prev is not the SHA-256 of {before} "
                "(a line before it was removed, reordered or edited)",
                "restore the ledger from git history (`git log -p -- "
                "standards/releases/ledger.jsonl`); never edit it by hand",
            )
        key = (entry.slug, entry.version)
        if key in seen:
            raise LedgerError(
                path,
                number,
                f"{entry.slug} version {entry.version} is already published on line {seen[key]}",
                "a published version is never replaced: release a correction as a new version",
            )
        seen[key] = number
        entries.append(entry)
        previous = line_hash(raw)
    return entries


def read_entries(root: Path) -> list[LedgerEntry]:
    """Every published version recorded in the ledger of the repository at ``root``,
    oldest first; no ledger yet means no releases."""
    path = root / LEDGER_PATH
    if not path.is_file():
        return []
    return parse_entries(path.read_bytes(), path)


def head_hash(data: bytes) -> str:
    """The ``prev`` the next entry appended to these ledger bytes must carry."""
    lines = data.splitlines(keepends=True)
    return line_hash(lines[-1]) if lines else GENESIS


def latest(entries: list[LedgerEntry], slug: str) -> LedgerEntry | None:
    """The newest published version of ``slug`` (a standard's slug or ``framework``)."""
    mine = [e for e in entries if e.slug == slug]
    return max(mine, key=lambda e: version_key(e.version)) if mine else None


def versions_of(entries: list[LedgerEntry], slug: str) -> list[LedgerEntry]:
    """Every published version of ``slug``, oldest version first."""
    return sorted((e for e in entries if e.slug == slug), key=lambda e: version_key(e.version))


def appended(data: bytes, entry: LedgerEntry) -> tuple[bytes, LedgerEntry]:
    """The ledger bytes with ``entry`` chained onto their end, and the entry as chained."""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    chained = LedgerEntry(**{**asdict(entry), "prev": head_hash(data), "line": 0})
    return data + chained.to_line(), chained
