"""Build warnings as records: one way to emit them, one collector that reads them back.

Every warning of the document model and the writers goes through :func:`warn`: a code
(``alt`` → ``normkit.alt``, the name ``suppress_warnings`` takes in conf.py), the message
saying what is wrong, the node or ``(docname, line)`` it is about and a hint saying what
to do. Sphinx prints it as usual (and appends ``[normkit.alt]`` itself, so messages never
carry the code). A build run by normkit also collects every warning Sphinx lets through
— ours, Sphinx's and docutils' — as :class:`~normkit.catalog.problems.Problem` records,
the same records ``normkit check`` reports, so ``normkit build --report json|github``
renders them as ``check`` does.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sphinx.util import logging as sphinx_logging

from normkit.catalog.problems import Problem, Severity

logger = sphinx_logging.getLogger("normkit")

#: The ``type`` of every normkit warning; its ``subtype`` is the code.
TYPE = "normkit"


def warn(code: str, message: str, location: Any, hint: str = "", *, error: bool = False) -> None:
    """Emit the warning (or, with ``error``, the error) ``normkit.<code>`` about
    ``location`` (a node, a docname or ``(docname, line)``)."""
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


def _split_location(location: str | None, fallback: Path) -> tuple[Path, int | None]:
    """``/path/index.rst:12`` → (path, 12); Sphinx's translator wrote it so."""
    if not location:
        return fallback, None
    path, _, line = location.rpartition(":")
    if path and line.isdigit():
        return Path(path), int(line)
    return Path(location), None


def problem_of(record: logging.LogRecord, fallback: Path) -> Problem:
    """The record of one warning or error Sphinx logged."""
    kind, subtype = getattr(record, "type", None), getattr(record, "subtype", None)
    code = ".".join(part for part in (kind, subtype) if part) or "sphinx"
    message = getattr(record, "nk_message", None)
    if message is None:
        message = record.getMessage()
        # Sphinx appends the code to the message it shows; the record keeps it apart.
        message = message.removesuffix(f" [{code}]")
    path, line = _split_location(getattr(record, "location", None), fallback)
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
        self.problems.append(problem_of(record, self.fallback))
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
