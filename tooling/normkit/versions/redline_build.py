"""``normkit diff``: the redline editions of one standard between two versions.

For every edition the old doctree is read (from git objects, see
normkit.engine.read_doctree) and handed by path to an ordinary build of the new sources,
whose post-transform (normkit.versions.redline_transform) puts the redline in place of
the document; HTML, PDF and DOCX are the ordinary writers' output. Everything is built
into a private folder first and moved to ``build/redline/<slug>/<old>..<new>/`` only
when every edition and format succeeded, so a failed diff leaves nothing half-written
and the previous redline in place. The working tree is never written to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from docutils import nodes
from docutils.utils import new_document

from normkit.engine import plan
from normkit.engine.build_one import build_edition
from normkit.engine.doctree import (
    UnknownStandard,
    find_standard,
    private_root,
    read_doctree,
    source_root,
)
from normkit.engine.git_source import open_repository, standards_prefix
from normkit.errors import NormkitError
from normkit.files import writable_folder, write_atomic
from normkit.layout import Layout
from normkit.system import Standard, load_system
from normkit.versions.changes import Change, collect_changes
from normkit.versions.compare import all_deleted, redline
from normkit.versions.history import (
    Version,
    committed_version,
    previous_version,
    resolve_version,
)
from normkit.versions.history import find_standard as find_current
from normkit.versions.redline_transform import OLD_FIGURES


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
    new = resolve_version(root, standard, new_ref)
    old = resolve_version(root, standard, old_ref) if old_ref else previous_version(root, standard)
    return standard, old, new


def _empty_like(edition: str, version: str) -> nodes.document:
    """The doctree of a version in which the standard does not exist yet."""
    document = new_document("<absent>")
    document["nk_version"], document["nk_edition"] = version, edition
    document.settings.env = None
    return document


def read_old(root: Path, standard: Standard, old: Version, edition: str) -> nodes.document:
    """The old edition's doctree; an empty one when the standard did not exist then."""
    try:
        return read_doctree(standard.number, edition, old.source, root=root, label=old.label)
    except UnknownStandard:
        return _empty_like(edition, old.label)


def changes_between(
    root: Path, name: str, old_ref: str | None, new_ref: str | None, edition: str | None = None
) -> DiffOutcome:
    """The change list of one edition (default: the master language's), nothing built."""
    standard, old, new = versions_of_diff(root, name, old_ref, new_ref)
    outcome = DiffOutcome(standard, old, new)
    if old.commit == new.commit:
        outcome.same = True
        return outcome
    edition = edition or load_system(root).settings.master_language
    before = read_old(root, standard, old, edition)
    try:
        after = read_doctree(standard.number, edition, new.source, root=root, label=new.label)
    except UnknownStandard:  # deleted in the new version
        if not before.children:
            raise _in_neither(standard, old, new) from None
        outcome.changes = collect_changes(all_deleted(before))
        return outcome
    outcome.changes = collect_changes(redline(before, after, copy=False))  # read for it
    return outcome


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
    author, date = author_and_date(root, standard, new)
    layout = Layout(out).redline(standard.slug, _folder_name(old.label), _folder_name(new.label))
    writable_folder(out)
    staging = Path(tempfile.mkdtemp(prefix=".redline-", dir=out))
    try:
        with ExitStack() as sources:
            # A private copy even of the working tree: the old figures go in beside it.
            new_root = sources.enter_context(private_root(root, new.source))
            current = find_standard(new_root, standard.number)
            deleted = current is None
            if deleted:  # the redline is the old text, all of it deleted
                new_root = sources.enter_context(source_root(root, old.source))
                current = find_standard(new_root, standard.number)
            if current is None:
                raise _in_neither(standard, old, new)
            system = load_system(new_root)
            jobs = plan(system, [current.slug], editions, formats)
            listed = listed or system.settings.master_language
            for edition in dict.fromkeys(job.language for job in jobs):
                edition_jobs = [job for job in jobs if job.language == edition]
                report = staging / f"{edition}.changes.json"
                against = staging / f"{edition}.old.pickle"
                if not deleted:
                    before = read_old(root, standard, old, edition)
                    bring_old_figures(root, standard, old, before, current.path)
                    against.write_bytes(pickle.dumps(before))
                config = {
                    "normkit_redline_against": "" if deleted else str(against),
                    "normkit_redline_deleted": deleted,
                    "normkit_redline_old": old.label,
                    "normkit_redline_new": new.label,
                    "normkit_redline_author": author,
                    "normkit_redline_date": date,
                    "normkit_redline_report": str(report),
                    # A foreword's technical changes: from this repository's history.
                    "normkit_history": str(root),
                }
                if releases:  # a release's redline links as the release does
                    config["normkit_releases"] = releases
                results = build_edition(new_root, edition_jobs, staging / "out", False, config)
                failed = [r for r in results if r.status != "built"]
                if failed:
                    first = failed[0].errors[0] if failed[0].errors else None
                    said = f"{first.location}: {first.message}" if first else "it failed"
                    raise RedlineError(  # errors are records (a Problem), not text
                        f"the {edition} redline of {standard.number} ({old.label} → "
                        f"{new.label}) did not build: {said}"
                    )
                # The listed edition's change list, else (not built) the first edition's.
                if report.is_file() and (edition == listed or not outcome.changes):
                    outcome.changes = [
                        Change(**data) for data in json.loads(report.read_text("utf-8"))
                    ]
        outcome.folder = _move_into_place(staging / "out", layout.out)
        outcome.outputs = sorted(
            layout.path(layout.document(current, job.language, job.format)) for job in jobs
        )
        return outcome
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _in_neither(standard: Standard, old: Version, new: Version) -> RedlineError:
    error = RedlineError(
        f"{standard.number} exists in neither {old.label} nor {new.label}: there is no "
        "text to compare"
    )
    error.hint = "name a version or ref that has it: `normkit versions --standard N` lists them"
    return error


def _move_into_place(built: Path, target: Path) -> Path:
    """Swap the finished redline folder in, the previous one out, in two renames."""
    shutil.rmtree(built / ".tmp", ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    trash = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, trash)
    os.replace(built, target)
    shutil.rmtree(trash, ignore_errors=True)
    return target
