"""A problem found in the standard system: where, what, and how to fix it.

The same record serves ``normkit check`` (metadata, sources, translations) and
``normkit build`` (the warnings of a build); :meth:`Problem.text`, :meth:`Problem.data`
and :meth:`Problem.github` are its three renderings.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    """How bad a problem is: errors fail ``normkit check``, warnings do not; a notice
    only informs (a change a redline shows, annotated on a pull request)."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One finding of ``normkit check``.

    ``code`` is a stable identifier (``normkit.<subtype>``) that tools and
    suppressions use; ``message`` says what is wrong, ``hint`` what to do.
    """

    code: str
    path: Path
    line: int | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """``path:line`` (or just the path) for people and editors."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def text(self) -> list[str]:
        """For people: ``path:line: severity: message [code]`` and the fix below it."""
        lines = [f"{self.location}: {self.severity}: {self.message} [{self.code}]"]
        return [*lines, f"    fix: {self.hint}"] if self.hint else lines

    def data(self) -> dict[str, object]:
        """For tools: the record as a JSON object."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": str(self.path),
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }

    def github(self) -> str:
        """For pull requests: a GitHub Actions workflow command (an annotation)."""
        props = f"file={_escape(str(self.path), property_value=True)}"
        if self.line:
            props += f",line={self.line}"
        props += f",title={_escape(self.code, property_value=True)}"
        message = self.message + (f" — fix: {self.hint}" if self.hint else "")
        return f"::{self.severity} {props}::{_escape(message)}"

    def relative_to(self, root: Path) -> Problem:
        """The same problem with its path relative to ``root`` where possible."""
        # Not resolved: a symlink is reported as itself, not as the file it leads to.
        # Compared as strings: pathlib's relative_to, for the thousands of problems a
        # large system's cached checks give back, was a tenth of a no-change rebuild.
        here, base = os.path.abspath(self.path), os.path.abspath(root)
        if here.startswith(base.rstrip(os.sep) + os.sep):
            path = Path(here[len(base.rstrip(os.sep)) + 1 :])
        elif here == base:
            path = Path(".")
        else:
            try:
                path = self.path.resolve().relative_to(root.resolve())
            except ValueError:
                return self
        return Problem(self.code, path, self.line, self.message, self.hint, self.severity)


def _escape(value: str, *, property_value: bool = False) -> str:
    """Escape for GitHub workflow commands (data and, stricter, property values)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
