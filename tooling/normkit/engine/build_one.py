"""Run one job in this process: Sphinx into a private folder, then move into place.

Runs inside the worker processes of the pool; everything it returns is picklable.
Nothing appears under the output folder unless the job succeeded: Sphinx writes into
``<out>/.tmp/<unique>/`` and the result is renamed over the previous output.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import time
import traceback
from pathlib import Path

from normkit.engine.jobs import FORMATS, Job, JobResult

_MESSAGE = re.compile(r"^(?:.*?: )?(WARNING|ERROR|CRITICAL|SEVERE): ", re.MULTILINE)


def warm_up(formats: tuple[str, ...]) -> None:
    """Import the heavy libraries once per worker, not once per document."""
    import sphinx.application  # noqa: F401

    if "pdf" in formats:
        import weasyprint  # noqa: F401
    if "docx" in formats:
        import docx  # noqa: F401


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
    return out / job.format / f"{std.slug}-{std.version}-{job.language}.{job.format}"


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
    **config: object,
) -> None:
    """One in-process Sphinx build of a standard with the repository's conf.py.

    ``language`` is an edition: the master language, a translation language (its
    catalog is compiled into ``doctreedir``, never beside the sources) or
    ``bilingual``. ``config`` overrides further configuration values.
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
    with patch_docutils(root), docutils_namespace():
        app = Sphinx(
            srcdir=srcdir,
            confdir=root,
            outdir=outdir,
            doctreedir=doctreedir,
            buildername=buildername,
            confoverrides=overrides,
            status=None,
            warning=warning,
            freshenv=True,
            keep_going=True,
        )
        app.build(force_all=True)


def build_job(root: Path, job: Job, out: Path, strict: bool) -> JobResult:
    """Build ``job`` with Sphinx; return what happened, never raise."""
    start = time.perf_counter()
    (out / ".tmp").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=job.standard.slug + "-", dir=out / ".tmp"))
    stream = io.StringIO()
    result = JobResult(job, "failed")
    try:
        run_sphinx(
            root,
            job.standard.path,
            FORMATS[job.format],
            job.language,
            work / "out",
            work / "doctrees",
            stream,
        )
        result.warnings, result.errors = split_messages(stream.getvalue())
        if result.errors or (strict and result.warnings):
            return result
        target = output_path(out, job)
        built = work / "out" if job.format == "html" else work / "out" / target.name
        if not built.exists():
            result.errors.append(f"the {job.format} builder wrote no {target.name}")
            return result
        _replace(built, target)
        result.outputs, result.status = [target], "built"
    except Exception as exc:  # one bad standard fails its own job, not the batch
        result.warnings, result.errors = split_messages(stream.getvalue())
        cause = exc.__cause__ or exc
        from normkit.errors import NormkitError

        if isinstance(cause, NormkitError) or type(exc).__module__.startswith("sphinx"):
            result.errors.append(f"ERROR: {cause}")
        else:
            result.errors.append("ERROR: " + "".join(traceback.format_exception(exc)).strip())
    finally:
        shutil.rmtree(work, ignore_errors=True)
        result.seconds = time.perf_counter() - start
    return result
