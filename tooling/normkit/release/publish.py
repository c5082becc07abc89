"""``normkit release``: publish one version of a standard (or of the framework).

In order, each step only once the one before it is complete, so that an interrupted
release leaves nothing visible and running it again completes it:

1. refusals: a repository not in git, a detached head, uncommitted changes, a version
   that is not the one committed in standard.toml / framework.toml, not newer than the
   last release, already published, approved but not yet issued, a tag of that name on
   another commit, a standard whose check fails or whose translations are fuzzy or
   incomplete;
2. the commit is exported (``git archive``) into a temporary folder and built there,
   every edition and format, into a hidden staging folder of the publishing output;
3. manifest.json, then the staging folder is renamed to ``releases/<slug>/<version>/``
   (the site shows only releases the ledger names, so this folder alone is invisible);
4. the ledger entry is committed (one ``update-ref``);
5. the annotated tag ``<slug>/v<version>`` is made on the released commit.

A rerun after 4 finds the entry and only makes what is missing (the tag, the folder).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from normkit.files import writable_folder, write_atomic
from normkit.release.artifacts import build_framework, build_release_redline, build_standard
from normkit.release.layout import FRAMEWORK, release_dir
from normkit.release.ledger import (
    LEDGER_PATH,
    LedgerEntry,
    appended,
    latest,
    line_hash,
    parse_entries,
    version_key,
    versions_of,
)
from normkit.release.manifest import MANIFEST, folder_problems, make_manifest
from normkit.release.repository import ReleaseRefused, Repository


@dataclass
class ReleaseResult:
    """What ``release`` did: the entry, its folder, and which steps it had to make."""

    entry: LedgerEntry
    folder: Path
    steps: list[str]


@dataclass(frozen=True)
class Subject:
    """What is released: a standard (by its slug) or the framework, at HEAD."""

    kind: str
    number: str
    slug: str
    version: str
    #: A standard's status and issue date (the framework has neither).
    status: str = ""
    issue: str = ""


def _subject(export_root: Path, name: str | None, framework: bool) -> Subject:
    from normkit.engine.jobs import select_standards
    from normkit.system import load_system

    system = load_system(export_root)
    if framework:
        return Subject(FRAMEWORK, FRAMEWORK, FRAMEWORK, system.version)
    (standard,) = select_standards(system, [name or ""])
    issue = str(standard.issue_date or "")
    return Subject(
        "standard", standard.number, standard.slug, standard.version, standard.status, issue
    )


def _check_sources(export_root: Path, subject: Subject) -> None:
    """Refuse a subject whose check fails or whose translations are not complete."""
    from normkit.checks.runner import run_checks
    from normkit.release.translations import translation_gaps
    from normkit.system import load_system

    # A standard's release reads only its own files (and the framework's): another
    # standard's sources are that standard's release's business.
    report = run_checks(export_root, only=None if subject.kind == FRAMEWORK else [subject.slug])
    # A standard answers for its own folder and the framework; the framework for
    # framework.toml alone (a broken standard is its own release's problem).
    own = [
        p
        for p in report.errors
        if p.path.name == "framework.toml"
        or (subject.kind != FRAMEWORK and p.path.parts[:2] == ("standards", subject.slug))
    ]
    if own:
        first = own[0]
        raise ReleaseRefused(
            f"{first.location}: {first.message} ({len(own)} problem(s) in what is released)",
            "run `normkit check`, fix every problem, commit, then release",
        )
    if subject.kind == FRAMEWORK:
        return
    system = load_system(export_root)
    gaps = translation_gaps(export_root, system, system.standards[subject.number])
    if gaps:
        gap = gaps[0]
        raise ReleaseRefused(
            f"{gap.catalog.relative_to(export_root)}: {gap.unfinished} of {gap.segments} "
            f"segments of the master text have no finished {gap.language} translation "
            f"({gap.fuzzy} fuzzy); a release publishes complete translations only",
            f"update the catalog (`normkit translate --standard {subject.slug}`), "
            "translate what it marks, commit, then release",
        )


def _refuse_version(subject: Subject, wanted: str | None, entries: list[LedgerEntry]) -> None:
    where = "framework.toml" if subject.kind == FRAMEWORK else f"{subject.slug}/standard.toml"
    if subject.status == "approved":
        # A release is immutable: the covers of an approved text say "to be issued on …"
        # for good. It is released as what it is on its issue date: published.
        raise ReleaseRefused(
            f"{subject.number} {subject.version} is approved, to be issued on "
            f"{subject.issue}: a release publishes an issued edition",
            f'on its issue date set status = "published" in {where} and framework.toml, '
            "commit, then release",
        )
    if wanted and wanted != subject.version:
        raise ReleaseRefused(
            f"--version {wanted}: the committed {where} says version {subject.version}",
            f'set version = "{wanted}" in {where}, commit, then release',
        )
    try:
        version_key(subject.version)
    except ValueError as exc:
        raise ReleaseRefused(f"{where}: {exc}", 'write the version as numbers: "1.1"') from None
    last = latest(entries, subject.slug)
    if last and version_key(subject.version) <= version_key(last.version):
        raise ReleaseRefused(
            f"{subject.slug} {subject.version} is not newer than its last release "
            f"{last.version} (ledger line {last.line})",
            f"raise version in {where} above {last.version}, commit, then release",
        )


def _refuse_going_back(root: Path, subject: Subject) -> None:
    """Versions only go up: a committed version below one the standard's history has
    already carried (a slip, or standard.toml reverted) is refused, released or not."""
    from normkit.system import load_system
    from normkit.versions.history import git_versions

    standard = load_system(root).standards[subject.number]
    for earlier in git_versions(root, standard):
        try:
            went_back = version_key(earlier.label) > version_key(subject.version)
        except ValueError:  # a label that is no version number: nothing to compare
            continue
        if went_back and earlier.commit:
            raise ReleaseRefused(
                f"{subject.number} {subject.version} is older than version {earlier.label}, "
                f"which its history already holds (commit {earlier.commit[:12]})",
                f"versions only go up: set a version above {earlier.label} in "
                f"{subject.slug}/standard.toml, commit, then release",
            )


def _publish_folder(
    repo: Repository,
    commit: str,
    subject: Subject,
    publish: Path,
    jobs: int,
    previous: LedgerEntry | None,
    expect: LedgerEntry | None = None,
) -> tuple[Path, bytes]:
    """Build ``subject`` at ``commit`` into its release folder; return it and its
    manifest's bytes. Built in a hidden staging folder, renamed into place at the end."""
    final = release_dir(publish, subject.slug, subject.version)
    writable_folder(final.parent)
    for stale in final.parent.glob(f".{subject.version}.*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted release
    staging = Path(tempfile.mkdtemp(prefix=f".{subject.version}.staging-", dir=final.parent))
    try:
        with tempfile.TemporaryDirectory(prefix="normkit-release-") as tmp:
            export_root = repo.export(commit, Path(tmp) / "tree")
            epoch = repo.commit_epoch(commit)
            if subject.kind == FRAMEWORK:
                build_framework(export_root, staging, epoch, repo.root)
            else:
                build_standard(export_root, subject.slug, staging, jobs, epoch, repo.root)
        if previous is not None and subject.kind != FRAMEWORK:
            build_release_redline(
                repo.root, subject.slug, previous.version, subject.version, commit, staging, epoch
            )
        manifest = make_manifest(
            staging,
            kind=subject.kind,
            number=subject.number,
            slug=subject.slug,
            version=subject.version,
            commit=commit,
            tree=repo.tree_of(commit),
            source_epoch=repo.commit_epoch(commit),
        )
        write_atomic(staging / MANIFEST, manifest)
        if expect is not None and hashlib.sha256(manifest).hexdigest() != expect.manifest_sha256:
            raise ReleaseRefused(
                f"{final}: rebuilt from {commit[:12]}, its manifest differs from the one "
                f"ledger line {expect.line} recorded; nothing was written",
                "rebuild with the normkit and library versions that manifest.json's "
                "built_with names (`normkit verify --rebuild` lists the files that differ)",
            )
        if final.exists():  # an earlier run stopped before its ledger entry
            trash = final.with_name(f".{final.name}.old")
            final.rename(trash)
            shutil.rmtree(trash)
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final, manifest


def _complete(
    repo: Repository, entries: list[LedgerEntry], entry: LedgerEntry, publish: Path, jobs: int
) -> ReleaseResult | None:
    """Finish a release the ledger already records (tag or folder missing after an
    interruption); None when nothing is missing."""
    steps = []
    target = repo.tag_target(entry.tag)
    if target is None:
        repo.make_tag(entry.tag, entry.commit, _tag_message(entry))
        steps.append(f"tagged {entry.tag}")
    folder = release_dir(publish, entry.slug, entry.version)
    if folder_problems(entry, folder)[0]:
        folder = restore_folder(repo, entries, entry, publish, jobs)
        steps.append(f"rebuilt {folder}")
    return ReleaseResult(entry, folder, steps) if steps else None


def restore_folder(
    repo: Repository, entries: list[LedgerEntry], entry: LedgerEntry, publish: Path, jobs: int
) -> Path:
    """Rebuild a recorded release's folder from its commit; it is put in place only when
    its manifest is byte for byte the one the ledger recorded."""
    subject = Subject(entry.kind, entry.number, entry.slug, entry.version)
    folder, _ = _publish_folder(
        repo, entry.commit, subject, publish, jobs, previous_release(entries, entry), entry
    )
    return folder


def previous_release(entries: list[LedgerEntry], entry: LedgerEntry) -> LedgerEntry | None:
    """The release of the same standard just before ``entry`` (its redline's old side)."""
    older = [
        e
        for e in versions_of(entries, entry.slug)
        if version_key(e.version) < version_key(entry.version)
    ]
    return older[-1] if older else None


def _tag_message(entry: LedgerEntry) -> str:
    return (
        f"{entry.number} version {entry.version}\n\n"
        f"manifest.json SHA-256: {entry.manifest_sha256}\n"
        f"source tree: {entry.tree}\n"
        f"ledger entry SHA-256: {line_hash(entry.to_line())}\n"
    )


def release(
    root: Path,
    name: str | None,
    *,
    framework: bool = False,
    version: str | None = None,
    publish: Path | None = None,
    jobs: int = 1,
) -> ReleaseResult:
    """Publish the committed version of standard ``name`` (or of the framework)."""
    repo = Repository.open(root)
    commit = repo.head_commit()
    repo.require_clean()
    publish = (publish or repo.root / "build" / "publish").resolve()
    ledger_bytes = repo.read_file(commit, LEDGER_PATH) or b""
    entries = parse_entries(ledger_bytes, repo.root / LEDGER_PATH)
    with tempfile.TemporaryDirectory(prefix="normkit-meta-") as tmp:
        export_root = repo.export(commit, Path(tmp))
        subject = _subject(export_root, name, framework)
        done = next(
            (e for e in entries if e.slug == subject.slug and e.version == subject.version), None
        )
        if done is not None:
            completed = _complete(repo, entries, done, publish, jobs)
            if completed:
                return completed
            raise ReleaseRefused(
                f"{subject.slug} {subject.version} is already released "
                f"(ledger line {done.line}, tag {done.tag}, commit {done.commit[:12]})",
                "a published version is never replaced: release a correction as a new "
                "version (raise version in standard.toml, commit, release)",
            )
        _refuse_version(subject, version, entries)
        if subject.kind != FRAMEWORK:
            _refuse_going_back(repo.root, subject)
        tag = f"{subject.slug}/v{subject.version}"
        target = repo.tag_target(tag)
        if target is not None and target != commit:
            raise ReleaseRefused(
                f"tag {tag} already exists and points to {target[:12]}, not HEAD {commit[:12]}",
                f"if that tag was made by hand, delete it (`git tag -d {tag}`) and release again",
            )
        _check_sources(export_root, subject)
    folder, manifest = _publish_folder(
        repo, commit, subject, publish, jobs, latest(entries, subject.slug)
    )
    entry = LedgerEntry(
        kind=subject.kind,
        number=subject.number,
        slug=subject.slug,
        version=subject.version,
        commit=commit,
        tree=repo.tree_of(commit),
        manifest_sha256=hashlib.sha256(manifest).hexdigest(),
        date=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    new_bytes, entry = appended(ledger_bytes, entry)
    repo.commit_file(
        LEDGER_PATH,
        new_bytes,
        f"Release {subject.number} {subject.version}\n\n"
        f"manifest.json SHA-256 {entry.manifest_sha256}",
    )
    entry = parse_entries(new_bytes)[-1]
    if target is None:
        repo.make_tag(tag, commit, _tag_message(entry))
    return ReleaseResult(entry, folder, ["built", "ledger entry committed", f"tagged {tag}"])
