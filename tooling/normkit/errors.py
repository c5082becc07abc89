"""Exceptions whose message is the sentence the user reads.

The command line prints ``str(error)`` after ``ERROR:`` and, where the exception has
one, the hint after ``hint:``. Nothing here formats tracebacks.
"""

from __future__ import annotations

from pathlib import Path


class NormkitError(Exception):
    """Base of every error normkit reports to a person.

    ``exit_code`` is what the command line exits with: 1 for problems in the
    standards the user can fix, 2 when normkit cannot run at all.
    """

    exit_code = 2
    hint: str | None = None


class RepositoryNotFound(NormkitError):
    """No standards repository (standards/framework.toml) at or above a folder."""

    def __init__(self, start: Path) -> None:
        super().__init__(f"no standards repository at or above {start}")
        self.hint = (
            "run normkit inside a repository that has standards/framework.toml, "
            "or pass --root, or create one with `normkit init DIR`"
        )


class StandardSystemError(NormkitError):
    """The standard system (framework.toml, standard.toml) has problems; ``problems``
    lists them all. Not to be confused with a broken gettext catalog
    (normkit.i18n.catalogs.GettextCatalogError)."""

    exit_code = 1

    def __init__(self, problems: list) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{first.location}: {first.message}{more}")
        self.hint = "run `normkit check` to see every problem with its fix"
