"""A problem found in the standard system: where, what, and how to fix it."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    """How bad a problem is: errors fail ``normkit check``, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


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

    def relative_to(self, root: Path) -> Problem:
        """The same problem with its path relative to ``root`` where possible."""
        # Not resolved: a symlink is reported as itself, not as the file it leads to.
        try:
            path = Path(os.path.abspath(self.path)).relative_to(os.path.abspath(root))
        except ValueError:
            try:
                path = self.path.resolve().relative_to(root.resolve())
            except ValueError:
                return self
        return Problem(self.code, path, self.line, self.message, self.hint, self.severity)
