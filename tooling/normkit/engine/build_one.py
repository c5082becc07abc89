"""Run one job in this process: Sphinx into a private folder, then move into place.

Runs inside the worker processes of the pool; everything it returns is picklable.
Nothing appears under the output folder unless the job succeeded: Sphinx writes into
``<out>/.tmp/<unique>/`` and the result is renamed over the previous output.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

from normkit.engine.jobs import FORMATS, Job, JobResult
from normkit.engine.page_maps import PageMaps, page_map_key
from normkit.engine.readings import Readings
from normkit.errors import NormkitError
from normkit.i18n.catalogs import compile_catalogs
from normkit.layout import Layout
from normkit.sphinx_run import SphinxRun, cannot_write_output, failure, run_sphinx
from normkit.system import Problem, Severity, StandardSystem, load, load_system
from normkit.writers import printed_pages

#: The system a worker process was handed by the build that started it (see warm_up).
_HANDED: list[StandardSystem] = []


def warm_up(formats: tuple[str, ...], system: StandardSystem | None = None) -> None:
    """Import the heavy libraries once per worker, not once per document, and keep the
    ``system`` the build read (its jobs use it instead of reading every standard.toml;
    a worker lives as long as one build, so the system cannot grow stale in it).

    What the imports made lives as long as the worker: after one collection it is frozen
    out of the cyclic garbage collector's generations, which then never walk it again.
    """
    if system is not None:
        _HANDED[:] = [system]
    import sphinx.application  # noqa: F401

    if "pdf" in formats:
        from normkit.writers.weasyprint_import import import_weasyprint

        import_weasyprint()
    if "docx" in formats:
        import docx  # noqa: F401
    gc.collect()
    gc.freeze()


def output_path(out: Path, job: Job) -> Path:
    """Where a job's result lives: a folder for HTML, a file for PDF and DOCX."""
    layout = Layout(out)
    return layout.path(layout.document(job.standard, job.language, job.format))


def replace_output(source: Path, target: Path) -> None:
    """Put ``source`` (a file, or a folder such as an HTML edition) at ``target`` in one
    rename, removing what was there after."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir() and target.exists():
        trash = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, trash)
        os.replace(source, target)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(source, target)


#: A Sphinx builder that reads the sources and writes nothing.
READ_ONLY = "dummy"
#: The builder that lays the print edition out for a DOCX built without its PDF.
LAYOUT = "normkit-print-layout"


def run_edition(
    root: Path,
    srcdir: Path,
    buildername: str,
    edition: str,
    outdir: Path,
    doctreedir: Path,
    fresh: bool = True,
    system: StandardSystem | None = None,
    **config: object,
) -> SphinxRun:
    """Build the standard in ``srcdir`` in ``edition`` with ``buildername``, as a job
    does: a translation's catalogs are compiled into ``doctreedir`` first. ``system``
    is the system of ``root`` when the caller read it already. Never raise."""
    locale_dirs = []
    try:
        # Problems elsewhere in the system do not stop this standard (the build's check
        # judged them); the system keeps only values safe to build paths from.
        if system is None:
            system = load(root).system
        if system is None:
            system = load_system(root)  # raises, naming framework.toml's problem
        master = system.settings.master_language
        standard = next(
            (s for s in system.standards.values() if s.path.resolve() == srcdir.resolve()), None
        )
        if standard and edition not in (master, "bilingual"):  # a translation's catalogs
            locale_dirs.append(compile_catalogs(standard, [edition], doctreedir / "locale"))
    except NormkitError as exc:  # a broken system fails this edition alone
        return SphinxRun(errors=[failure(exc, srcdir / "index.rst")])
    return run_sphinx(
        root,
        srcdir,
        buildername,
        edition,
        outdir,
        doctreedir,
        master_language=master,
        locale_dirs=locale_dirs,
        fresh=fresh,
        system=system,
        **config,
    )


def _run(
    root: Path,
    job: Job,
    buildername: str,
    work: Path,
    fresh: bool,
    config: dict[str, object] | None = None,
    system: StandardSystem | None = None,
) -> SphinxRun:
    """Run Sphinx for ``job`` with ``buildername`` into ``work``; never raise."""
    return run_edition(
        root,
        job.standard.path,
        buildername,
        job.language,
        work / buildername,
        work / "doctrees",
        fresh,
        system,
        **(config or {}),
    )


def _cannot_write(job: Job, error: OSError) -> Problem:
    """The error of an output that could not be written (the disk is full or read-only)."""
    return Problem(
        "normkit.build",
        Path(error.filename or job.standard.source_file),
        None,
        cannot_write_output(error),
        "free space on the output disk, or choose another folder with --out",
        Severity.ERROR,
    )


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
        result.errors.append(
            Problem(
                "normkit.build",
                job.standard.source_file,
                None,
                f"the {job.format} builder wrote no {target.name}",
                severity=Severity.ERROR,
            )
        )
        return result
    try:
        replace_output(built, target)
    except OSError as error:  # a full or read-only disk: this output fails, not the build
        result.errors.append(_cannot_write(job, error))
        return result
    result.outputs, result.status = [target], "built"
    return result


def _handed(root: Path) -> StandardSystem | None:
    """The system this worker was handed, if it is the one of ``root``."""
    if _HANDED and Path(_HANDED[0].root).resolve() == Path(root).resolve():
        return _HANDED[0]
    return None


class _PageMap:
    """The print pages of one edition (normkit.engine.page_maps): the map this job's
    PDF or layout makes, kept for later builds, and for a DOCX built without its PDF
    the map a build of the same sources kept, given to the DOCX builder."""

    def __init__(self, jobs: list[Job], maps: PageMaps, key: str) -> None:
        self.job, self.maps, self.key = jobs[0], maps, key
        formats = {job.format for job in jobs}
        self.docx_alone = "docx" in formats and "pdf" not in formats

    @classmethod
    def of(
        cls,
        root: Path,
        jobs: list[Job],
        out: Path,
        config: dict[str, object] | None,
        system: StandardSystem | None,
    ) -> _PageMap | None:
        """The page map of a job that builds a PDF or a DOCX, else None."""
        if all(job.format not in ("pdf", "docx") for job in jobs):
            return None
        system = system or load(root).system
        if system is None:  # the build fails on it, and says why
            return None
        return cls(jobs, PageMaps(out), page_map_key(system, jobs[0], config or {}))

    def needs_layout(self, doctreedir: Path) -> bool:
        """Whether a DOCX built without its PDF must have the pages laid out: not when
        a build of the same sources kept their map (then it is put in ``doctreedir``,
        where the DOCX builder reads it)."""
        if not self.docx_alone:
            return False
        kept = self.maps.find(self.job, self.key)
        if kept is None:
            return True
        printed_pages.save(doctreedir, kept)
        return False

    def keep(self, doctreedir: Path) -> None:
        """Keep the map this job's PDF or layout saved in ``doctreedir``, if any."""
        self.maps.keep(self.job, self.key, printed_pages.load(doctreedir))


def build_edition(
    root: Path,
    jobs: list[Job],
    out: Path,
    strict: bool,
    config: dict[str, object] | None = None,
    readings: Readings | None = None,
    system: StandardSystem | None = None,
) -> list[JobResult]:
    """Build the jobs of one standard and edition (one per format); never raise.

    The sources are read once and every format is written from what was read: HTML,
    PDF and DOCX of an edition share the parsing, numbering and translation; when the
    build's check kept its reading of this edition in ``readings``, the sources are not
    read at all. Reading's warnings and errors belong to every job (and its time is
    shared out among them); each job keeps its own result, so the cache and the report
    stay per output. Nothing appears under ``out`` unless its job succeeded: Sphinx
    writes into ``<out>/.tmp/<unique>/`` and each output is renamed over the previous
    one. ``config`` overrides configuration values (a redline names its old edition so).
    ``system`` is the system of ``root`` when the caller read it (else the one this
    worker was handed, else it is read).
    """
    # The process id comes first, so that a later build can tell a dead run's leftovers.
    prefix = f"{os.getpid()}-{jobs[0].standard.slug}-"
    try:
        (out / ".tmp").mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=out / ".tmp"))
    except OSError as error:  # a full or read-only disk
        return [JobResult(job, "failed", errors=[_cannot_write(job, error)]) for job in jobs]
    system = system or _handed(root)
    try:
        first = jobs[0]
        read = None
        if readings is not None and not config:
            read = readings.take(first.standard.slug, first.language, work / "doctrees")
        # A DOCX takes its contents' page numbers from the PDF of the same reading; built
        # without that PDF, from the map a build of the same sources kept, else the pages
        # are laid out for it (normkit-print-layout).
        pages = _PageMap.of(root, jobs, out, config, system)
        lay_out = pages is not None and pages.needs_layout(work / "doctrees")
        if read is None and len(jobs) == 1 and not lay_out:
            # one format: it reads the sources in its own run
            runs = [_run(root, first, FORMATS[first.format], work, True, config, system)]
            if pages is not None:
                pages.keep(work / "doctrees")
            return [_finish(first, out, work, strict, runs)]
        if read is None:
            read = _run(root, first, READ_ONLY, work, True, config, system)
        share = SphinxRun(read.warnings, read.errors, read.seconds / len(jobs))
        failed = bool(read.errors or (strict and read.warnings))  # no format can succeed
        layout = None
        if lay_out and not failed:
            layout = _run(root, first, LAYOUT, work, False, config, system)

        def runs_of(job: Job) -> list[SphinxRun]:
            runs = [share]
            if layout is not None and job.format == "docx":
                runs.append(layout)
            if not any(run.errors or (strict and run.warnings) for run in runs):
                runs.append(_run(root, job, FORMATS[job.format], work, False, config, system))
            return runs

        # In the order of FORMATS: the PDF is laid out before the DOCX, whose contents
        # take their page numbers from it (normkit.writers.printed_pages).
        order = sorted(jobs, key=lambda job: list(FORMATS).index(job.format))
        results = {id(job): _finish(job, out, work, strict, runs_of(job)) for job in order}
        if pages is not None:
            pages.keep(work / "doctrees")
        return [results[id(job)] for job in jobs]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_job(root: Path, job: Job, out: Path, strict: bool) -> JobResult:
    """Build ``job`` with Sphinx; return what happened, never raise."""
    return build_edition(root, [job], out, strict)[0]
