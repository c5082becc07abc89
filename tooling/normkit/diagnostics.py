"""Build warnings as records: one way to emit them, one collector that reads them back.

Every warning of the document model and the writers goes through :func:`warn`: a code
(``alt`` → ``normkit.alt``, the name ``suppress_warnings`` takes in conf.py), the message
saying what is wrong, the node or ``(docname, line)`` it is about and a hint saying what
to do. Sphinx prints it as usual (and appends ``[normkit.alt]`` itself, so messages never
carry the code). A build run by normkit also collects every warning Sphinx lets through
— ours, Sphinx's and docutils' — as :class:`~normkit.system.problems.Problem` records,
the same records ``normkit check`` reports, so ``normkit build --report json|github``
renders them as ``check`` does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.util import logging as sphinx_logging

from normkit.system.problems import Problem, Severity

logger = sphinx_logging.getLogger("normkit")

#: The ``type`` of every normkit warning; its ``subtype`` is the code.
TYPE = "normkit"

#: Every code :func:`warn` takes (``normkit.<code>``), with what it reports: a code is
#: never made up at the call (docs/configuration.md lists them for suppress_warnings).
CODES = {
    "alt": "an image without alternative text",
    "annex": "an `.. annex::` marker not just before an annex's heading",
    "cited-status": "an undated citation of a withdrawn or superseded standard",
    "dated-reference": "a citation dated with a year of no edition in force or approved",
    "docx-unknown-node": "a node the DOCX writer does not know (written as plain text)",
    "figure-title": "a numbered figure without a title",
    "image": "an image refused: a URL, outside the standard's folder, missing, or an unsafe SVG "
    "(an error)",
    "include-cycle": "an `include` of a file that includes it back, directly or through other "
    "files (an error)",
    "link": "a link whose scheme is not http, https or mailto (an error)",
    "network": "a directive option that would fetch a URL while building (an error)",
    "outside": "a file read from outside the standard's folder (an error)",
    "pdf-node": "a node the PDF writer does not know (rendered plainly)",
    "pdf-render": "what WeasyPrint reported while rendering the PDF",
    "reference-number": "a normative reference whose document number cannot be read",
    "single-subclause": "a clause with a single subclause (ISO/IEC Directives Part 2, 22.3.2)",
    "symlink": "a symlink leading out of the standard's folder (an error)",
    "table-title": "a numbered table without a title",
    "technical-changes": "a foreword's `.. technical-changes::` that cannot be checked against "
    "the edition it revises, or an item naming a change that no longer exists",
    "translation-markup": "a translation adding markup its master text lacks (an error)",
    "unknown-standard": "a citation of a standard the framework does not list (an error)",
    "verbal-form": "a verbal form against GB/T 1.1-2020 (Annex C, 9.5, 9.6)",
}

#: Told of every warning and error a build in this process records (the test suite
#: watches builds with it). Records of pool workers arrive through :func:`notify`.
observers: list[Callable[[Problem], None]] = []


def notify(problem: Problem) -> None:
    """Tell the :data:`observers` of ``problem``."""
    for observer in observers:
        observer(problem)


def warn(code: str, message: str, location: Any, hint: str = "", *, error: bool = False) -> None:
    """Emit the warning (or, with ``error``, the error) ``normkit.<code>`` about
    ``location`` (a node, a docname or ``(docname, line)``); ``code`` is one of
    :data:`CODES`."""
    if code not in CODES:  # a programming error: every code is declared and documented
        raise ValueError(f"undeclared warning code {code!r}: add it to CODES")
    text = f"{message}; {hint}" if hint else message
    log = logger.error if error else logger.warning
    # "%s": a message quoting the author's text may contain a per cent sign.
    log(
        "%s",
        text,
        location=location,
        type=TYPE,
        subtype=code,
        extra={"nk_message": message, "nk_hint": hint},
    )


def codes_table() -> str:
    """The codes as a Markdown table (docs/configuration.md shows it)."""
    rows = ["| code | reports |", "| --- | --- |"]
    rows += [f"| `{TYPE}.{code}` | {what} |" for code, what in sorted(CODES.items())]
    return "\n".join(rows) + "\n"


def _split_location(location: str | None, fallback: Path) -> tuple[Path, int | None]:
    """``/path/index.rst:12`` → (path, 12); Sphinx's translator wrote it so."""
    if not location:
        return fallback, None
    path, _, line = location.rpartition(":")
    if path and line.isdigit():
        return Path(path), int(line)
    return Path(location), None


_LEVELS = ("DEBUG: ", "INFO: ", "WARNING: ", "ERROR: ", "SEVERE: ", "CRITICAL: ")

#: A location and a level put in front of a message: Sphinx's ("/x/index.rst:12: WARNING: ")
#: and docutils' ("/x/index.rst:12: (WARNING/2) ").
_LOCATED = re.compile(
    r"^(?P<location>[^\s:][^:\n]*:\d*): "
    r"(?:(?:DEBUG|INFO|WARNING|ERROR|SEVERE|CRITICAL): "
    r"|\((?:DEBUG|INFO|WARNING|ERROR|SEVERE)/\d\) )"
)


def _bare(message: str, location: str | None) -> tuple[str, str | None]:
    """(message, location): the message without every location and level in front of it,
    and the location, taken from the message when the record had none.

    Sphinx writes the location and level in front whenever a record is formatted; a
    record formatted once already (Sphinx's parallel reading serialises records so, a
    report re-logged) arrives with them twice, and people read "index.rst:377: warning:
    …/index.rst:377: WARNING: unknown term". Stripped here, where records are made.
    """
    while True:
        if location and message.startswith(f"{location}: "):
            message = message.removeprefix(f"{location}: ")
        elif found := _LOCATED.match(message):
            location = location or found.group("location")
            message = message[found.end() :]
        elif level := next((p for p in _LEVELS if message.startswith(p)), None):
            message = message.removeprefix(level)
        else:
            return message, location


def _untyped_message(message: str, code: str) -> tuple[str, str]:
    """(code, message) of a report that came without a code (docutils' reports and
    untyped log calls arrive as text), with the ``[normkit.x]`` a directive's error
    carries (the one way a docutils error names its code)."""
    head, _, tail = message.rpartition(" [normkit.")
    if code in ("docutils", "sphinx") and head and tail.endswith("]") and " " not in tail:
        return f"normkit.{tail[:-1]}", head
    return code, message


def problem_of(record: logging.LogRecord, fallback: Path) -> Problem:
    """The record of one warning or error Sphinx logged."""
    kind, subtype = getattr(record, "type", None), getattr(record, "subtype", None)
    code = ".".join(part for part in (kind, subtype) if part) or "sphinx"
    location = getattr(record, "location", None)
    message = getattr(record, "nk_message", None)
    if message is None:
        message = record.getMessage()
        # Sphinx appends the code to the message it shows; the record keeps it apart.
        message = message.removesuffix(f" [{code}]")
        message, location = _bare(message, location)
        code, message = _untyped_message(message, code)
    path, line = _split_location(location, fallback)
    severity = Severity.ERROR if record.levelno >= logging.ERROR else Severity.WARNING
    return Problem(code, path, line, message.strip(), getattr(record, "nk_hint", ""), severity)


class Collector(logging.Filter):
    """Keeps a record of every warning that reaches Sphinx's warning stream.

    Installed as the last filter of that stream's handler, it sees what Sphinx shows:
    suppressed warnings (``suppress_warnings``) and repeats of a ``once`` warning are
    already gone, and locations are already ``path:line``.
    """

    def __init__(self, fallback: Path) -> None:
        super().__init__()
        self.fallback = fallback
        self.problems: list[Problem] = []

    def filter(self, record: logging.LogRecord) -> bool:
        """Record ``record``; let it through unchanged."""
        problem = problem_of(record, self.fallback)
        self.problems.append(problem)
        notify(problem)
        return True


def collect_warnings(fallback: Path) -> Collector:
    """Start collecting the warnings of the Sphinx application set up last.

    Call it once Sphinx has set up its logging (from an extension's ``setup``): the
    collector is attached to the handler of its warning stream. ``fallback`` is the file
    named by a warning that has no location.
    """
    collector = Collector(fallback)
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            handler.addFilter(collector)
    return collector
