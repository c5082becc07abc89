"""The repository's conf.py, checked as Python before any build runs it.

Every build executes conf.py; a syntax error there fails every job with Sphinx's words.
``check`` compiles it (without running it: that stays the build's, which names the line
of an error it raises) and reports a syntax error at its line.
"""

from __future__ import annotations

from pathlib import Path

from normkit.errors import SourceNotUtf8
from normkit.files import read_text
from normkit.presentation import conf_file
from normkit.system import Problem


def conf_problems(root: Path) -> list[Problem]:
    """A syntax error (or bytes that are not UTF-8) in the repository's own conf.py."""
    path = conf_file(root)
    if not path.is_relative_to(root):  # normkit's own configuration: not the body's to fix
        return []
    try:
        compile(read_text(path), str(path), "exec")
    except SourceNotUtf8 as error:
        return [Problem("normkit.encoding", path, error.line, error.detail, error.hint or "")]
    except SyntaxError as error:
        return [
            Problem(
                "normkit.conf",
                path,
                error.lineno,
                f"conf.py is not valid Python: {error.msg}",
                "fix conf.py at that line (Python, run by every build)",
            )
        ]
    return []
