"""Run one job in this process: Sphinx into a private folder, then move into place.

Runs inside the worker processes of the pool; everything it returns is picklable.
Nothing appears under the output folder unless the job succeeded: Sphinx writes into
``<out>/.tmp/<unique>/`` and the result is renamed over the previous output.
"""

from __future__ import annotations

import gc
import io
import os
import re
import shutil
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from normkit.engine.jobs import FORMATS, Job, JobResult

_MESSAGE = re.compile(r"^(?:.*?: )?(WARNING|ERROR|CRITICAL|SEVERE): ", re.MULTILINE)


def warm_up(formats: tuple[str, ...]) -> None:
    """Import the heavy libraries once per worker, not once per document.

    What the imports made lives as long as the worker: after one collection it is frozen
    out of the cyclic garbage collector's generations, which then never walk it again.
    """
    import sphinx.application  # noqa: F401

    if "pdf" in formats:
        import weasyprint  # noqa: F401
    if "docx" in formats:
        import docx  # noqa: F401
    gc.collect()
    gc.freeze()


@contextmanager
def paused_garbage_collector() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during one Sphinx build.

    Parsing makes tens of thousands of docutils nodes and WeasyPrint hundreds of
    thousands of boxes, and every allocation threshold makes the collector walk them all
    again (about 7 % of a PDF). What a build leaves in cycles is collected afterwards,
    as the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def split_messages(text: str) -> tuple[list[str], list[str]]:
    """Sphinx's warning stream → (warnings, errors), one message each."""
    warnings: list[str] = []
    errors: list[str] = []
    starts = [m.start() for m in _MESSAGE.finditer(text)]
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=False):
        chunk = text[begin:end].strip()
        level = _MESSAGE.match(chunk)
        (warnings if level and level.group(1) == "WARNING" else errors).append(chunk)
    return warnings, errors


def output_path(out: Path, job: Job) -> Path:
    """Where a job's result lives: a folder for HTML, a file for PDF and DOCX."""
    std = job.standard
    if job.format == "html":
        return out / "html" / job.language / std.slug
    return out / job.format / std.edition_file(job.language, job.format)


def _replace(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` in one rename, removing what was there after."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir() and target.exists():
        trash = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, trash)
        os.replace(source, target)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(source, target)


def run_sphinx(
    root: Path,
    srcdir: Path,
    buildername: str,
    language: str,
    outdir: Path,
    doctreedir: Path,
    warning: io.StringIO,
    fresh: bool = True,
    **config: object,
) -> None:
    """One in-process Sphinx build of a standard with the repository's conf.py.

    ``language`` is an edition: the master language, a translation language (its
    catalog is compiled into ``doctreedir``, never beside the sources) or
    ``bilingual``. ``config`` overrides further configuration values. With
    ``fresh=False`` the sources read by an earlier build into the same ``doctreedir``
    (same edition, any builder) are used as they are, not read again.
    """
    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from normkit.catalog import load_catalog
    from normkit.i18n.catalogs import compile_catalogs

    nocolor()  # messages reach people through normkit's own report
    # Sphinx caches gettext translators per process: a worker that built the English
    # edition would otherwise translate the next Chinese build with them.
    sphinx.locale.translators.clear()
    catalog = load_catalog(root)
    master = catalog.settings.master_language
    standard = next(
        (s for s in catalog.standards.values() if s.path.resolve() == srcdir.resolve()), None
    )
    translated = standard is not None and language not in (master, "bilingual")
    locale_dir = (
        compile_catalogs(standard, [language], doctreedir / "locale") if translated else None
    )
    overrides: dict[str, object] = {
        "language": language,
        "normkit_root": str(root),
        "gettext_auto_build": False,  # never write .mo files into the sources
        "locale_dirs": [str(locale_dir)] if locale_dir else [],
        **config,
    }
    if language == "bilingual":  # built in the master language, paired with the translation
        overrides.update(language=master, normkit_edition="bilingual")
    # A fresh docutils registry per build, as sphinx-build does: a worker runs many
    # builds, and directives registered by one must not leak into the next.
    with patch_docutils(root), docutils_namespace(), paused_garbage_collector():
        app = Sphinx(
            srcdir=srcdir,
            confdir=root,
            outdir=outdir,
            doctreedir=doctreedir,
            buildername=buildername,
            confoverrides=overrides,
            status=None,
            warning=warning,
            freshenv=fresh,
            keep_going=True,
        )
        app.build(force_all=True)


#: A Sphinx builder that reads the sources and writes nothing.
READ_ONLY = "dummy"


@dataclass
class SphinxRun:
    """What one in-process Sphinx run said, and how long it took."""

    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _error_text(exc: Exception) -> str:
    """One error for a run that raised: normkit's or Sphinx's own message, or the whole
    traceback of anything unexpected."""
    from normkit.errors import NormkitError

    cause = exc.__cause__ or exc
    if isinstance(cause, NormkitError) or type(exc).__module__.startswith("sphinx"):
        return f"ERROR: {cause}"
    if isinstance(cause, RecursionError):  # its traceback would be thousands of lines
        return "ERROR: the sources are nested too deeply to be read; flatten their lists"
    if isinstance(cause, OSError) and cause.filename:  # a full or read-only disk
        return f"ERROR: cannot write {cause.filename}: {cause.strerror}"
    return "ERROR: " + "".join(traceback.format_exception(exc)).strip()


def _run(root: Path, job: Job, buildername: str, work: Path, fresh: bool) -> SphinxRun:
    """Run Sphinx for ``job`` with ``buildername`` into ``work``; never raise."""
    start = time.perf_counter()
    stream = io.StringIO()
    failure = []
    try:
        run_sphinx(
            root,
            job.standard.path,
            buildername,
            job.language,
            work / buildername,
            work / "doctrees",
            stream,
            fresh=fresh,
        )
    except Exception as exc:  # one bad standard fails its own jobs, not the batch
        failure.append(_error_text(exc))
    warnings, errors = split_messages(stream.getvalue())
    return SphinxRun(warnings, errors + failure, time.perf_counter() - start)


def _finish(job: Job, out: Path, work: Path, strict: bool, runs: list[SphinxRun]) -> JobResult:
    """The result of ``job`` from its Sphinx runs; move its output into place if good."""
    result = JobResult(
        job,
        "failed",
        seconds=sum(run.seconds for run in runs),
        warnings=[w for run in runs for w in run.warnings],
        errors=[e for run in runs for e in run.errors],
    )
    if result.errors or (strict and result.warnings):
        return result
    target = output_path(out, job)
    outdir = work / FORMATS[job.format]
    built = outdir if job.format == "html" else outdir / target.name
    if not built.exists():
        result.errors.append(f"ERROR: the {job.format} builder wrote no {target.name}")
        return result
    _replace(built, target)
    result.outputs, result.status = [target], "built"
    return result


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_leftovers(out: Path) -> None:
    """Remove what builds killed midway left: their folders in ``<out>/.tmp/`` and the
    previous outputs they were replacing (``.<name>.old-<pid>``). A folder of a build
    still running (its process is alive) is left alone."""
    work = out / ".tmp"
    for entry in work.iterdir() if work.is_dir() else []:
        pid = entry.name.split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
    for old in out.glob("html/*/.*.old-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)


def build_edition(root: Path, jobs: list[Job], out: Path, strict: bool) -> list[JobResult]:
    """Build the jobs of one standard and edition (one per format); never raise.

    The sources are read once and every format is written from what was read: HTML,
    PDF and DOCX of an edition share the parsing, numbering and translation. Reading's
    warnings and errors belong to every job (and its time is shared out among them);
    each job keeps its own result, so the cache and the report stay per output.
    Nothing appears under ``out`` unless its job succeeded: Sphinx writes into
    ``<out>/.tmp/<unique>/`` and each output is renamed over the previous one.
    """
    (out / ".tmp").mkdir(parents=True, exist_ok=True)
    # The process id comes first, so that a later build can tell a dead run's leftovers.
    work = Path(
        tempfile.mkdtemp(prefix=f"{os.getpid()}-{jobs[0].standard.slug}-", dir=out / ".tmp")
    )
    try:
        if len(jobs) == 1:  # one format: it reads the sources in its own run
            job = jobs[0]
            return [
                _finish(job, out, work, strict, [_run(root, job, FORMATS[job.format], work, True)])
            ]
        read = _run(root, jobs[0], READ_ONLY, work, True)
        share = SphinxRun(read.warnings, read.errors, read.seconds / len(jobs))
        failed = bool(read.errors or (strict and read.warnings))  # no format can succeed
        return [
            _finish(
                job,
                out,
                work,
                strict,
                [share] if failed else [share, _run(root, job, FORMATS[job.format], work, False)],
            )
            for job in jobs
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_job(root: Path, job: Job, out: Path, strict: bool) -> JobResult:
    """Build ``job`` with Sphinx; return what happened, never raise."""
    return build_edition(root, [job], out, strict)[0]
