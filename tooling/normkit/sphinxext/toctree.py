"""A standard is one document: its ``toctree`` reads the listed files in, in order.

Sphinx makes each file of a toctree a page of its own. A standard, though, is one
document with one clause numbering, one contents, one PDF and one DOCX, and one
system per language: so a body migrating a specification split into several files
keeps its ``.. toctree::`` and normkit reads the listed files where the toctree
stands, as ``include`` would (confined to the standard's folder). The other ``.rst``
files of the folder are not pages of their own (see :func:`one_document`).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import string2lines
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

_EXPLICIT = re.compile(r"^(?:.*?)\s*<(.+)>$")


class _AnyOption(dict):
    """Every toctree option (``maxdepth``, ``caption``, ``numbered`` …) is accepted and
    has no effect: the standard's own contents and numbering apply."""

    def __getitem__(self, key: str):
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True


class StandardToctree(SphinxDirective):
    """``.. toctree::`` whose entries are read into the standard where it stands."""

    has_content = True
    # Not empty: docutils reads options only when the specification is truthy.
    option_spec = _AnyOption(maxdepth=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir).resolve()
        current = Path(self.state.document.current_source or self.env.doc2path(self.env.docname))
        files: list[Path] = []
        for entry in (line.strip() for line in self.content):
            if not entry or entry == "self":
                continue
            explicit = _EXPLICIT.match(entry)
            name = explicit.group(1) if explicit else entry
            base = srcdir if name.startswith("/") else current.parent
            pattern = name.lstrip("/").removesuffix(".rst") + ".rst"
            found = sorted(base.glob(pattern)) if "glob" in self.options else [base / pattern]
            for path in found:
                path = path.resolve()
                if not path.is_relative_to(srcdir):
                    raise self.error(
                        f"toctree entry {name!r} is outside the standard's folder "
                        f"{srcdir.name}/; move the file into the folder [normkit.toctree]"
                    )
                if not path.is_file():
                    raise self.error(
                        f"toctree entry {name!r}: {path.relative_to(srcdir)} does not exist; "
                        "correct the name or add the file [normkit.toctree]"
                    )
                files.append(path)
        # Each insertion goes right after this directive: insert the last file first.
        for path in reversed(files):
            self.env.note_dependency(str(path))
            text = path.read_text(encoding="utf-8")
            self.state_machine.insert_input(string2lines(text, convert_whitespace=True), str(path))
        return []


def one_document(app: Sphinx, config: Config) -> None:
    """Only the root document is a page: every other ``.rst`` of the standard's folder
    is read into it by a toctree (or an ``include``), or not at all."""
    srcdir = Path(app.srcdir)
    root = srcdir / f"{config.root_doc}.rst"
    others = [
        path.relative_to(srcdir).as_posix()
        for path in srcdir.rglob("*.rst")
        if path != root and "_build" not in path.parts
    ]
    config.exclude_patterns = [*config.exclude_patterns, *others]
