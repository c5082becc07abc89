"""One in-process Sphinx build of a standard with the repository's conf.py.

Below the engine (which builds editions) and the translation workflow (which extracts
segments with Sphinx's gettext builder): it knows neither, and they both call it. What
Sphinx warned about comes back as records (:mod:`normkit.diagnostics`), never as text
to be split up again.
"""

from __future__ import annotations

import errno
import gc
import io
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from normkit.presentation import conf_dir
from normkit.system.loader import given
from normkit.system.problems import Problem, Severity

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from normkit.system import StandardSystem


@dataclass
class SphinxRun:
    """What one Sphinx run said, as records, and how long it took."""

    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def text(self) -> str:
        """Every error and warning as people read them, one after the other."""
        return "\n".join(line for p in (*self.errors, *self.warnings) for line in p.text())


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


#: What a full, read-only or forbidden output folder raises while writing.
_DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)


def cannot_write_output(error: OSError) -> str:
    """What a job says of an output the disk refused (full, read-only): the file by its
    name, since its path is the job's private work folder or the rename into --out."""
    name = f" {Path(error.filename).name}" if error.filename else ""
    return f"cannot write the output{name}: {error.strerror or error}"


def failure(exc: Exception, where: Path) -> Problem:
    """The error record of a run that raised: normkit's or Sphinx's own message, or the
    whole traceback of anything unexpected."""
    from normkit.errors import NormkitError

    cause = exc.__cause__ or exc
    conf = _conf_location(exc, cause)
    if conf is not None:  # conf.py itself raised: said at its own line, not the standard's
        path, line = conf
        message = f"conf.py cannot be run: {type(cause).__name__}: {cause}"
        hint = "fix conf.py at that line (Python, run by every build)"
        return Problem("normkit.conf", path, line, message, hint, Severity.ERROR)
    if isinstance(cause, OSError) and cause.errno in _DISK_ERRORS:  # full, read-only
        message = cannot_write_output(cause)
    elif isinstance(cause, NormkitError) or type(exc).__module__.startswith("sphinx"):
        message = str(cause)
    elif isinstance(cause, RecursionError):  # its traceback would be thousands of lines
        message = "the sources are nested too deeply to be read; flatten their lists"
    else:
        message = "".join(traceback.format_exception(exc)).strip()
    hint = getattr(cause, "hint", None) or ""
    return Problem("normkit.build", where, None, message, hint, Severity.ERROR)


def _conf_location(exc: Exception, cause: BaseException) -> tuple[Path, int | None] | None:
    """Where in conf.py a configuration error arose (None: it did not)."""
    from sphinx.errors import ConfigError

    if not isinstance(exc, ConfigError):
        return None
    if isinstance(cause, SyntaxError) and cause.filename:
        return Path(cause.filename), cause.lineno
    frames = [
        f for f in traceback.extract_tb(cause.__traceback__) if f.filename.endswith("conf.py")
    ]
    return (Path(frames[-1].filename), frames[-1].lineno) if frames else None


def _import_sphinx_untranslated() -> None:
    """Import Sphinx's built-in extensions while no translator is registered.

    Sphinx's ``_()`` returns a lazy text only until a translator is registered; after
    that it returns the text in the language of that moment. A module that holds its
    words in module- or class-level values (``PythonModuleIndex.localname``, "Python
    Module Index"; the field labels of the Python domain) and is first imported during a
    build — Sphinx imports its built-in extensions after it registers the build's
    translator — keeps that build's words for the life of the process: every later
    edition, in any language, got "Python 模块索引" in its objects.inv after a Chinese
    build. Imported here first (a no-op once imported), they hold lazy texts, which each
    build renders in its own language.
    """
    import importlib

    from sphinx.application import builtin_extensions

    for name in builtin_extensions:
        try:
            importlib.import_module(name)
        except ImportError:  # a theme or helper not installed: Sphinx says so itself
            continue


def run_sphinx(
    root: Path,
    srcdir: Path,
    buildername: str,
    edition: str,
    outdir: Path,
    doctreedir: Path,
    *,
    master_language: str,
    locale_dirs: Sequence[Path] = (),
    fresh: bool = True,
    on_app: Callable[[Sphinx], None] | None = None,
    system: StandardSystem | None = None,
    **config: object,
) -> SphinxRun:
    """Build the standard in ``srcdir`` with ``buildername``; never raise.

    ``edition`` is the master language, a translation language (its compiled catalogs
    are in ``locale_dirs``, never beside the sources) or ``bilingual``. ``config``
    overrides further configuration values. With ``fresh=False`` the sources read by an
    earlier build into the same ``doctreedir`` (same edition, any builder) are used as
    they are, not read again. ``on_app`` is called with the application before it
    builds (to connect to its events: the resolved doctree is its ``doctree-resolved``).
    ``system``, when the caller has read it already, is the one the extension uses
    (it is not read again).
    """
    import time

    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    start = time.perf_counter()
    nocolor()  # messages reach people through normkit's own report
    # Sphinx caches gettext translators per process: a worker that built the English
    # edition would otherwise translate the next Chinese build with them.
    sphinx.locale.translators.clear()
    _import_sphinx_untranslated()
    overrides: dict[str, object] = {
        "language": edition,
        "normkit_root": str(root),
        "gettext_auto_build": False,  # never write .mo files into the sources
        "locale_dirs": [str(d) for d in locale_dirs],
        **config,
    }
    if edition == "bilingual":  # built in the master language, paired with the translation
        overrides.update(language=master_language, normkit_edition="bilingual")
    problems: list[Problem] = []
    # A fresh docutils registry per build, as sphinx-build does: a worker runs many
    # builds, and directives registered by one must not leak into the next.
    try:
        handed = given(system) if system is not None else nullcontext()
        with handed, patch_docutils(root), docutils_namespace(), paused_garbage_collector():
            app = Sphinx(
                srcdir=srcdir,
                confdir=conf_dir(root),  # the repository's conf.py, else normkit's
                outdir=outdir,
                doctreedir=doctreedir,
                buildername=buildername,
                confoverrides=overrides,
                status=None,
                warning=io.StringIO(),  # the records below say it all
                freshenv=fresh,
                keep_going=True,
            )
            collector = getattr(app, "normkit_warnings", None)
            if on_app is not None:
                on_app(app)
            try:
                app.build(force_all=True)
            finally:
                problems = collector.problems if collector else []
    except Exception as exc:  # one bad standard fails its own jobs, not the batch
        problems = [*problems, failure(exc, srcdir / "index.rst")]
    return SphinxRun(
        [p for p in problems if p.severity == Severity.WARNING],
        [p for p in problems if p.severity == Severity.ERROR],
        time.perf_counter() - start,
    )
