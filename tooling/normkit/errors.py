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

    def __reduce__(self) -> tuple:
        # Errors raised in a worker process travel back pickled; the default pickling
        # calls ``__init__`` with the message alone, which the subclasses' own
        # signatures refuse (and the pool then dies as "terminated abruptly").
        return (_restored, (type(self), self.args, self.__dict__))


def _restored(cls: type[NormkitError], args: tuple, state: dict) -> NormkitError:
    """An error unpickled without calling its ``__init__``: its message and attributes."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


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


class SourceNotUtf8(NormkitError):
    """A text file a person wrote (a source, a catalog, metadata) is not UTF-8;
    ``line`` is the line of its first byte that is not."""

    exit_code = 1

    def __init__(self, path: Path, data: bytes, error: UnicodeDecodeError) -> None:
        self.path, self.line = path, data.count(b"\n", 0, error.start) + 1
        self.detail = (
            f"not UTF-8: byte {data[error.start]:#04x} cannot be read as text "
            "(an editor saved it as GBK, Latin-1 or another encoding)"
        )
        super().__init__(f"{path}:{self.line}: {self.detail}")
        self.hint = "save the file as UTF-8 (in the editor's Save As: encoding UTF-8)"
