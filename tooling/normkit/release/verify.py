"""``normkit verify``: prove that what was published is what the ledger records.

Checks, and says what it checked: the ledger's hash chain (every line as written, each
carrying the hash of the one before); for every entry, that its tag still points to its
commit; that its folder's manifest.json has the SHA-256 the ledger recorded and that
every file has the size and SHA-256 the manifest lists; with ``rebuild``, that building
the commit again gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from normkit.errors import NormkitError
from normkit.release.artifacts import build_framework, build_release_redline, build_standard
from normkit.release.layout import FRAMEWORK, release_dir
from normkit.release.ledger import (
    LEDGER_PATH,
    LedgerEntry,
    LedgerError,
    line_hash,
    read_entries,
)
from normkit.release.manifest import STAMPS, file_sha256, folder_problems
from normkit.release.publish import previous_release, restore_folder
from normkit.release.repository import Repository

_SEAL = re.compile(r"ledger entry SHA-256: ([0-9a-f]{64})")


@dataclass
class VerifyReport:
    """What was verified (one line each) and what failed (with where)."""

    verified: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _verify_seal(repo: Repository, entry: LedgerEntry, report: VerifyReport) -> None:
    """The release tag names the SHA-256 of its ledger line: the chain protects every line
    but the last, the tags protect each line, the last one included."""
    sealed = _SEAL.search(repo.tag_message(entry.tag))
    if sealed and sealed.group(1) != line_hash(entry.to_line()):
        report.problems.append(
            f"{LEDGER_PATH}:{entry.line}: the entry differs from the one tag {entry.tag} "
            "sealed when it was released (edited afterwards)"
        )
    else:
        seal = ", seals its ledger entry" if sealed else ""
        report.verified.append(f"{entry.tag}: points to {entry.commit[:12]}{seal}")


def _verify_folder(
    entry: LedgerEntry, folder: Path, report: VerifyReport, stamps: Path | None
) -> dict | None:
    """Check every byte of a release folder against the ledger and its manifest (and
    stamp it in ``stamps`` when it matches); return the manifest."""
    problems, manifest = folder_problems(entry, folder, stamps)
    report.problems.extend(problems)
    if manifest is not None and not problems:
        report.verified.append(
            f"{entry.slug} {entry.version}: manifest matches ledger line {entry.line}; "
            f"{len(manifest['files'])} files match their SHA-256"
        )
    return manifest


def _rebuild(
    repo: Repository,
    entries: list[LedgerEntry],
    entry: LedgerEntry,
    manifest: dict,
    jobs: int,
    report: VerifyReport,
) -> None:
    """Build ``entry``'s commit again and compare every file with the manifest."""
    from normkit.release.manifest import release_files

    with tempfile.TemporaryDirectory(prefix="normkit-verify-") as tmp:
        export_root = repo.export(entry.commit, Path(tmp) / "tree")
        out = Path(tmp) / "rebuilt"
        out.mkdir()
        epoch = repo.commit_epoch(entry.commit)
        if entry.kind == FRAMEWORK:
            build_framework(export_root, out, epoch, repo.root)
        else:
            build_standard(export_root, entry.slug, out, jobs, epoch, repo.root)
            previous = previous_release(entries, entry)
            if previous is not None:
                build_release_redline(
                    repo.root, entry.slug, previous.version, entry.version, entry.commit, out, epoch
                )
        expected = {item["path"]: item["sha256"] for item in manifest["files"]}
        rebuilt = {p.relative_to(out).as_posix(): file_sha256(p) for p in release_files(out)}
    differing = sorted(
        p for p in expected.keys() | rebuilt.keys() if expected.get(p) != rebuilt.get(p)
    )
    for path in differing:
        what = (
            "not produced by the rebuild"
            if path not in rebuilt
            else "produced by the rebuild but not published"
            if path not in expected
            else "rebuilt bytes differ from the published ones"
        )
        report.problems.append(f"{entry.slug} {entry.version}: {path}: {what}")
    if not differing:
        report.verified.append(
            f"{entry.slug} {entry.version}: rebuilt from {entry.commit[:12]}, "
            f"{len(rebuilt)} files byte-identical"
        )


def verify(
    root: Path,
    publish: Path | None = None,
    rebuild: bool = False,
    jobs: int = 1,
    only: list[str] | None = None,
    version: str | None = None,
    restore: bool = False,
    shard: str | None = None,
    stamp: bool = True,
) -> VerifyReport:
    """Verify the ledger of ``root`` and the releases in ``publish`` (its
    ``releases/<slug>/<version>/`` folders; default ROOT/build/publish). With ``restore``,
    a release folder that is missing is first rebuilt from its commit (kept only when its
    manifest is the one the ledger recorded), as CI does from a fresh clone. ``shard``
    (``i/n``) takes the i-th of n shares of the releases chosen, dealt out in turn, so
    that CI jobs restore a large system side by side; the chain is checked by each.
    With ``stamp``, each folder found whole is stamped (``<publish>/.verified/``), so
    that `normkit site` does not read its bytes again while they stay as they are."""
    from normkit.engine.jobs import shard_of

    report = VerifyReport()
    repo = Repository.open(root)
    publish = (publish or repo.root / "build" / "publish").resolve()
    try:
        entries = read_entries(repo.root)
    except LedgerError as exc:
        report.problems.append(str(exc))
        return report
    if not entries:
        report.verified.append(f"{repo.root / LEDGER_PATH}: no releases yet")
        return report
    head = hashlib.sha256((repo.root / LEDGER_PATH).read_bytes().splitlines(True)[-1]).hexdigest()
    report.verified.append(
        f"ledger chain: {len(entries)} entries, each chained to the one before "
        f"(last line's SHA-256 {head[:16]}…)"
    )
    have_files = publish.is_dir()
    if not have_files and not restore:
        report.verified.append(f"{publish}: no publishing output here; files not checked")
    chosen = [
        entry
        for entry in entries
        if (not only or entry.slug in only or entry.number in only)
        and (not version or entry.version == version)
    ]
    for entry in shard_of(chosen, shard):
        target = repo.tag_target(entry.tag)
        if target is None:
            report.verified.append(f"{entry.tag}: no such tag here (a shallow clone?); ledger used")
        elif target != entry.commit:
            report.problems.append(
                f"tag {entry.tag} points to {target[:12]} but ledger line {entry.line} "
                f"released {entry.commit[:12]} (the tag was moved)"
            )
        else:
            _verify_seal(repo, entry, report)
        manifest = None
        folder = release_dir(publish, entry.slug, entry.version)
        if restore and not folder.is_dir():
            try:
                restore_folder(repo, entries, entry, publish, jobs)
            except NormkitError as exc:
                report.problems.append(str(exc))
                continue
            report.verified.append(
                f"{entry.slug} {entry.version}: restored from {entry.commit[:12]}"
            )
        if have_files or restore:
            manifest = _verify_folder(entry, folder, report, publish / STAMPS if stamp else None)
        if rebuild and manifest is not None:
            _rebuild(repo, entries, entry, manifest, jobs, report)
    return report
