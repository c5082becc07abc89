"""GitPython, imported with a sentence for people when git itself is not installed.

GitPython refuses to import without a ``git`` executable (an ImportError listing its
environment variables): every door to it goes through :func:`git_module`.
"""

from __future__ import annotations

import shutil
from types import ModuleType

from normkit.errors import NormkitError


class GitMissing(NormkitError):
    """No ``git`` program on PATH: versions, diffs and releases need it."""

    def __init__(self) -> None:
        super().__init__("git is not installed (no `git` program on PATH)")
        self.hint = (
            "install git (Debian: apt-get install git), or set GIT_PYTHON_GIT_EXECUTABLE "
            "to the git program; versions, diffs and releases read the standards' history"
        )


def git_module() -> ModuleType:
    """The ``git`` package (GitPython); :class:`GitMissing` when git is not installed."""
    try:
        import git
    except ImportError:
        raise GitMissing() from None
    return git


def require_git() -> str:
    """The path of the ``git`` program; :class:`GitMissing` when there is none."""
    program = shutil.which("git")
    if program is None:
        raise GitMissing()
    return program
