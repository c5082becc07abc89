"""Build the artifacts of one release from an exported commit into a folder.

A release folder mirrors build/ so that the links between an edition's pages and its
downloads keep working: ``html/<edition>/<slug>/`` (the pages), ``pdf/`` and ``docx/``.
The same function serves ``normkit release`` and ``normkit verify --rebuild``: the
bytes it writes depend only on the commit (its date is the SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from normkit.release.layout import FRAMEWORK
from normkit.release.ledger import (
    LEDGER_PATH,
    LedgerEntry,
    parse_entries,
    read_entries,
    version_key,
)
from normkit.release.repository import ReleaseRefused, Repository

#: Sphinx's record for itself, not published: its configuration's hash (an internal of
#: incremental builds, which hashes paths of the build machine). Each HTML edition's
#: ``objects.inv`` is published, so that another Sphinx project can link to a clause,
#: table or figure of the release with intersphinx (normkit.writers.html_inventory).
_NOT_PUBLISHED = {".buildinfo"}

#: Nor is a redline's inventory: its labels are those of the new edition, whose own
#: inventory is the one to link to.
_NOT_PUBLISHED_IN_REDLINE = {*_NOT_PUBLISHED, "objects.inv"}


@contextlib.contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH (reproducible-builds.org) for this process and the workers
    it starts: every date a tool would take from the clock comes from the commit."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _copy_tree(source: Path, dest: Path) -> None:
    shutil.copytree(
        source, dest, ignore=lambda _d, names: [n for n in names if n in _NOT_PUBLISHED]
    )


def released_versions(
    entries: list[LedgerEntry], slug: str, version: str
) -> tuple[tuple[str, str], ...]:
    """What a release build's links lead to: the newest release of every standard in
    ``entries`` (the ledger of the released commit, so the same every time it is
    rebuilt) and ``slug`` at ``version``, the one being built."""
    versions: dict[str, str] = {}
    for entry in entries:
        if entry.kind == "standard" and version_key(entry.version) > version_key(
            versions.get(entry.slug, "0")
        ):
            versions[entry.slug] = entry.version
    versions[slug] = version
    return tuple(sorted(versions.items()))


def build_standard(
    export_root: Path, slug: str, dest: Path, jobs: int, epoch: int, history: Path
) -> None:
    """Every edition and format of standard ``slug`` of the exported system into
    ``dest``; refuses (naming the failing jobs and their first error) if any fails.
    ``history`` is the repository the commit was exported from: a foreword's technical
    changes are read from its history, as a build in the repository reads them."""
    from normkit.engine import BuildOptions, plan, run_jobs
    from normkit.system import load_system

    system = load_system(export_root)
    jobs_list = plan(system, [slug])
    out = dest.parent / f".{dest.name}.build"
    (standard,) = (s for s in system.standards.values() if s.slug == slug)
    releases = released_versions(read_entries(export_root), slug, standard.version)
    settings = (("history", str(history)), ("releases", releases))
    options = BuildOptions(out=out, jobs=max(jobs, 1), force=True, settings=settings)
    with source_date(epoch):
        report = run_jobs(system, jobs_list, options)
    if report.failed:
        first = report.failed[0]
        message = first.errors[0] if first.errors else "warnings under --strict"
        raise ReleaseRefused(
            f"{slug}: {len(report.failed)} of {len(jobs_list)} builds failed "
            f"(first: {first.job.name}: {message.splitlines()[0]})",
            f"run `normkit build --standard {slug}` to see every error, fix it, commit, release",
        )
    for result in report.results:
        for output in result.outputs:
            relative = output.relative_to(out)
            if output.is_dir():
                _copy_tree(output, dest / relative)
            else:
                (dest / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(output, dest / relative)
    shutil.rmtree(out, ignore_errors=True)


def build_framework(export_root: Path, dest: Path, epoch: int, history: Path) -> None:
    """The framework's pages (overview, taxonomy diagram, what changed since the
    previous framework version, read from the history of the repository ``history``)
    in every language into ``dest/html/<language>/``."""
    from normkit.layout import Layout
    from normkit.system import load_system
    from normkit.versions.framework_diff import framework_comparison
    from normkit.writers.site_pages import write_framework_pages

    system = load_system(export_root)
    with source_date(epoch):
        for language in system.settings.all_languages:
            # Its standards link to their pages on the public site (none in the release).
            layout = Layout(dest, releases=((FRAMEWORK, system.version),))
            comparison = framework_comparison(history, language, system.version)
            write_framework_pages(system, layout, language, comparison=comparison)


def build_release_redline(
    repo_root: Path, slug: str, old: str, new: str, commit: str, dest: Path, epoch: int
) -> None:
    """The redline of ``slug`` from version ``old`` to version ``new`` (at ``commit``),
    every edition and format, into ``dest/redline/<slug>/<old>..<new>/``, read from git
    by the diff engine; refuses the release when it cannot be built. Both sides are
    commits, so the redline's dates and authors are the commits': the same when the
    release is rebuilt."""
    from normkit.errors import NormkitError
    from normkit.versions.redline_build import build_redline

    ledger = Repository.open(repo_root).read_file(commit, LEDGER_PATH) or b""
    releases = released_versions(parse_entries(ledger), slug, new)
    try:
        with source_date(epoch):
            build_redline(repo_root, slug, old, commit, dest, new_label=new, releases=releases)
        for internal in (dest / "redline").rglob("*"):
            if internal.name in _NOT_PUBLISHED_IN_REDLINE:
                internal.unlink()
    except NormkitError as exc:
        raise ReleaseRefused(
            f"{slug}: the redline {old} → {new} could not be built: {exc}",
            f"run `normkit diff {slug} {old} {new}` to see why",
        ) from None
