"""``normkit diff``: the redline editions of one standard between two versions.

For every edition the old doctree is read (from git objects, see
normkit.engine.read_doctree) and handed by path to an ordinary build of the new sources,
whose post-transform (normkit.versions.redline_transform) puts the redline in place of
the document; HTML, PDF and DOCX are the ordinary writers' output, written from one
reading of the new sources. The old editions are read by a child process while the new
sources are read, into the doctree cache (normkit.engine.doctree_cache): a version
compared again, or one a foreword's technical changes read already, is not read again.
Everything is built into a private folder first and moved to
``build/redline/<slug>/<old>..<new>/`` only when every edition and format succeeded,
each output over its previous one, so a failed diff leaves nothing half-written and the
previous redline in place, and a diff of one format leaves the others. The working tree
is never written to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from docutils import nodes
from docutils.utils import new_document

from normkit.engine import plan
from normkit.engine.build_one import build_edition, output_path, replace_output
from normkit.engine.doctree import (
    UnknownStandard,
    find_standard,
    private_root,
    read_doctree,
    source_root,
)
from normkit.engine.doctree_cache import BackgroundReading
from normkit.engine.git_source import open_repository, standards_prefix
from normkit.engine.jobs import Job
from normkit.errors import NormkitError
from normkit.files import writable_folder, write_atomic
from normkit.layout import Layout
from normkit.system import Standard, load_system
from normkit.versions.changes import Change, collect_changes
from normkit.versions.compare import all_deleted, redline
from normkit.versions.history import (
    Version,
    committed_version,
    list_versions,
    previous_version,
    resolve_version,
)
from normkit.versions.history import find_standard as find_current
from normkit.versions.redline_transform import OLD_FIGURES, awaiting


class RedlineError(NormkitError):
    """A redline that could not be built; nothing was written."""

    exit_code = 1


@dataclass
class DiffOutcome:
    """What ``normkit diff`` did for one standard."""

    standard: Standard
    old: Version
    new: Version
    changes: list[Change] = field(default_factory=list)
    folder: Path | None = None
    outputs: list[Path] = field(default_factory=list)
    same: bool = False


def versions_of_diff(
    root: Path, name: str, old_ref: str | None, new_ref: str | None
) -> tuple[Standard, Version, Version]:
    """The standard and the two versions a diff compares (default: the previous version
    against the working tree)."""
    standard = find_current(root, name)
    known = list_versions(root, standard)  # read once: git's log and the ledger
    new = resolve_version(root, standard, new_ref, known)
    if old_ref:
        old = resolve_version(root, standard, old_ref, known)
    else:
        old = previous_version(root, standard, known)
    return standard, old, new


def _empty_like(edition: str, version: str) -> nodes.document:
    """The doctree of a version in which the standard does not exist yet."""
    document = new_document("<absent>")
    document["nk_version"], document["nk_edition"] = version, edition
    document.settings.env = None
    return document


def read_old(reading: BackgroundReading, edition: str, old: Version) -> nodes.document:
    """The old edition's doctree as ``reading`` reads it; an empty one when the standard
    did not exist then."""
    try:
        return reading.doctree(edition)
    except UnknownStandard:
        return _empty_like(edition, old.label)


def changes_between(
    root: Path, name: str, old_ref: str | None, new_ref: str | None, edition: str | None = None
) -> DiffOutcome:
    """The change list of one edition (default: the master language's), nothing built:
    the old edition is read by a child process while the new one is read here, into a
    private folder (a change list writes nothing into the repository)."""
    standard, old, new = versions_of_diff(root, name, old_ref, new_ref)
    outcome = DiffOutcome(standard, old, new)
    if old.commit == new.commit:
        outcome.same = True
        return outcome
    edition = edition or load_system(root).settings.master_language
    with (
        tempfile.TemporaryDirectory(prefix="normkit-old-") as folder,
        BackgroundReading(
            root, standard.number, [edition], old.commit, old.label, Path(folder)
        ) as reading,
    ):
        try:
            after = read_doctree(standard.number, edition, new.source, root=root, label=new.label)
        except UnknownStandard:  # deleted in the new version
            before = read_old(reading, edition, old)
            if not before.children:
                raise _in_neither(standard, old, new) from None
            outcome.changes = collect_changes(all_deleted(before))
            return outcome
        before = read_old(reading, edition, old)
    outcome.changes = collect_changes(redline(before, after, copy=False))  # read for it
    return outcome


def _old_edition(
    root: Path,
    standard: Standard,
    old: Version,
    reading: BackgroundReading,
    edition: str,
    current: Standard,
) -> nodes.document:
    """The old ``edition`` as a redline build of ``current`` (a private copy of the new
    sources) takes it: its old figures brought beside the sources; empty when the
    standard did not exist then."""
    before = read_old(reading, edition, old)
    if before.children:
        bring_old_figures(root, standard, old, before, current.path)
    return before


def bring_old_figures(
    root: Path, standard: Standard, old: Version, document: nodes.document, srcdir: Path
) -> None:
    """Put the files of the old edition's figures that the new sources (``srcdir``, a
    private copy) no longer have as they were — redrawn, renamed, deleted — into
    ``srcdir``'s OLD_FIGURES folder, from git, and point the old images there: the
    deleted side of a figure then shows the old drawing, the inserted side the new."""
    for image in document.findall(nodes.image):
        uri, digest = image.get("uri", ""), image.get("nk_digest", "")
        if not digest or "://" in uri:
            continue
        now = srcdir / uri
        if now.is_file() and hashlib.sha256(now.read_bytes()).hexdigest() == digest:
            continue  # the same drawing
        data = _old_file(root, standard, old, uri)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            continue
        name = f"{OLD_FIGURES}/{digest[:16]}{PurePosixPath(uri).suffix}"
        write_atomic(srcdir / name, data)
        image["uri"], image["candidates"] = name, {"*": name}


def _old_file(root: Path, standard: Standard, old: Version, uri: str) -> bytes | None:
    """The bytes a file of the standard's folder had in the old version (None: absent)."""
    if old.commit is None:
        path = standard.path / uri
        return path.read_bytes() if path.is_file() else None
    repo = open_repository(root)
    try:
        blob = repo.commit(old.commit).tree / f"{standards_prefix(repo, root)}/{standard.slug}"
        for part in PurePosixPath(uri).parts:
            blob = blob / part
        return blob.data_stream.read()
    except (KeyError, ValueError):
        return None


def author_and_date(root: Path, standard: Standard, new: Version) -> tuple[str, str]:
    """Who made the new version and when, from git: a commit's author and date; for the
    working tree, those of the commit it still equals, else git's user and now."""
    if new.commit:
        return new.author, new.date
    committed = committed_version(root, standard)
    if committed is not None:
        return committed.author, committed.date
    repo = open_repository(root)
    with repo.config_reader() as config:
        author = config.get_value("user", "name", default="")
    return str(author), datetime.now(UTC).isoformat(timespec="seconds")


def _folder_name(label: str) -> str:
    return label.replace("/", "-").replace(os.sep, "-")


def build_redline(
    root: Path,
    name: str,
    old_ref: str | None,
    new_ref: str | None,
    out: Path,
    editions: list[str] | None = None,
    formats: list[str] | None = None,
    new_label: str | None = None,
    listed: str | None = None,
    releases: tuple[tuple[str, str], ...] = (),
) -> DiffOutcome:
    """Build the redline of every edition and format into ``out``'s redline folder.

    ``new_label`` names the version ``new_ref`` (a commit) is: a release builds the
    redline of the commit it publishes, before the ledger knows it as that version, and
    gives its ``releases`` (the ``normkit_releases`` setting) so that its links lead
    where the release's do. The outcome's change list is the ``listed`` edition's
    (default: the master's).
    """
    standard, old, new = versions_of_diff(root, name, old_ref, new_ref)
    if new_label:
        new = dataclasses.replace(new, label=new_label)
    outcome = DiffOutcome(standard, old, new)
    if old.commit == new.commit:
        outcome.same = True
        return outcome
    # The old editions, read by another process while this one prepares and reads the
    # new sources: those the working tree's system plans (one it did not foresee is read
    # when it is needed).
    likely = _likely_editions(root, standard, editions)
    with BackgroundReading(root, standard.number, likely, old.commit, old.label) as reading:
        author, date = author_and_date(root, standard, new)
        folders = (_folder_name(old.label), _folder_name(new.label))
        layout = Layout(out).redline(standard.slug, *folders)
        writable_folder(out)
        staging = Path(tempfile.mkdtemp(prefix=".redline-", dir=out))
        try:
            with ExitStack() as sources:
                # A private copy even of the working tree: the old figures go in beside it.
                new_root = sources.enter_context(private_root(root, new.source, standard.number))
                current = find_standard(new_root, standard.number)
                deleted = current is None
                if deleted:  # the redline is the old text, all of it deleted
                    reading.close()  # no old edition to compare with
                    old_root = source_root(root, old.source, standard.number)
                    new_root = sources.enter_context(old_root)
                    current = find_standard(new_root, standard.number)
                if current is None:
                    raise _in_neither(standard, old, new)
                system = load_system(new_root)
                jobs = plan(system, [current.slug], editions, formats)
                listed = listed or system.settings.master_language
                build = _EditionBuild(root, standard, old, new, new_root, current, staging)
                build.config = {
                    "normkit_redline_deleted": deleted,
                    "normkit_redline_old": old.label,
                    "normkit_redline_new": new.label,
                    "normkit_redline_author": author,
                    "normkit_redline_date": date,
                    # A foreword's technical changes: from this repository's history.
                    "normkit_history": str(root),
                }
                if releases:  # a release's redline links as the release does
                    build.config["normkit_releases"] = releases
                for edition in dict.fromkeys(job.language for job in jobs):
                    edition_jobs = [job for job in jobs if job.language == edition]
                    changes = build.edition(edition_jobs, None if deleted else reading)
                    # The listed edition's change list, else (not built) the first one's.
                    if edition == listed or not outcome.changes:
                        outcome.changes = changes
            # Each output over its previous one: a redline of one format or edition
            # leaves the others of an earlier diff of the same versions in place.
            for job in jobs:
                target = layout.path(layout.document(current, job.language, job.format))
                replace_output(output_path(staging / "out", job), target)
                outcome.outputs.append(target)
            outcome.outputs.sort()
            outcome.folder = layout.out
            return outcome
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@dataclass
class _EditionBuild:
    """What the editions of one redline build share: the standard, its two versions,
    the private root of the new sources (``current`` is the standard there) and the
    staging folder; ``config``, the settings every edition's build is given."""

    root: Path
    standard: Standard
    old: Version
    new: Version
    new_root: Path
    current: Standard
    staging: Path
    config: dict[str, object] = field(default_factory=dict)

    def edition(self, jobs: list[Job], reading: BackgroundReading | None) -> list[Change]:
        """Build the redline of one edition in every format of ``jobs`` into the staging
        folder, against the old edition ``reading`` reads (None: the standard is gone
        from the new version, its whole text deleted); return its change list."""
        edition = jobs[0].language
        report = self.staging / f"{edition}.changes.json"
        against = self.staging / f"{edition}.old.pickle"  # a name: the old edition's key
        config = {
            **self.config,
            "normkit_redline_against": "" if reading is None else str(against),
            "normkit_redline_report": str(report),
        }
        with ExitStack() as waiting:
            if reading is not None:

                def before() -> nodes.document:
                    return _old_edition(
                        self.root, self.standard, self.old, reading, edition, self.current
                    )

                waiting.enter_context(awaiting(against, before))
            results = build_edition(self.new_root, jobs, self.staging / "out", False, config)
        failed = [r for r in results if r.status != "built"]
        if failed and reading is not None:
            with suppress(UnknownStandard):  # an old edition that did not read:
                reading.wait(edition)  # its own error, naming its file and line
        if failed:
            first = failed[0].errors[0] if failed[0].errors else None
            said = f"{first.location}: {first.message}" if first else "it failed"
            raise RedlineError(  # errors are records (a Problem), not text
                f"the {edition} redline of {self.standard.number} ({self.old.label} → "
                f"{self.new.label}) did not build: {said}"
            )
        if not report.is_file():
            return []
        return [Change(**data) for data in json.loads(report.read_text("utf-8"))]


def _likely_editions(root: Path, standard: Standard, editions: list[str] | None) -> list[str]:
    """The editions a redline of ``standard`` builds, as the working tree's system plans
    them (the new version's may differ; a standard gone from it: those asked for)."""
    try:
        jobs = plan(load_system(root), [standard.slug], editions, ["html"])
    except NormkitError:
        return list(editions or [])
    return list(dict.fromkeys(job.language for job in jobs))


def _in_neither(standard: Standard, old: Version, new: Version) -> RedlineError:
    error = RedlineError(
        f"{standard.number} exists in neither {old.label} nor {new.label}: there is no "
        "text to compare"
    )
    error.hint = "name a version or ref that has it: `normkit versions --standard N` lists them"
    return error
