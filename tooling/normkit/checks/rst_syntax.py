"""Does every .rst file of a standard parse? docutils says where it does not.

This is a syntax check only, fast and without Sphinx: normkit's directives and roles
are accepted as they are, and no file is included or read (the build checks meaning).
"""

from __future__ import annotations

import contextlib
import copy
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docutils.core
import docutils.utils
from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles

from normkit.catalog.model import Standard
from normkit.catalog.problems import Problem, Severity
from normkit.sphinxext.names import DIRECTIVES, ROLES

# Directives and roles that Sphinx (not docutils) provides; known to the build.
_SPHINX_DIRECTIVES = ("toctree", "only", "index", "code-block", "highlight", "centered", "hlist")
_SPHINX_ROLES = ("ref", "doc", "numref", "abbr", "dfn", "kbd", "download", "guilabel", "file")


class _AnyDirective(Directive):
    """Accepts any argument, options and content; parses the content as RST."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    class _AnyOptions(dict):
        def __getitem__(self, key: str):  # every option is accepted as text
            return directives.unchanged

        def __contains__(self, key: object) -> bool:
            return True

    option_spec = _AnyOptions()

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


@contextlib.contextmanager
def _lenient_markup() -> Iterator[None]:
    """Accept normkit's and Sphinx's markup while parsing, then restore docutils' registry.

    The registry is global: left changed, it would clash with a Sphinx build run later
    in the same process.
    """
    saved_directives = dict(directives._directives)
    saved_roles = dict(roles._roles)
    for name in (*DIRECTIVES, *_SPHINX_DIRECTIVES):
        directives.register_directive(name, _AnyDirective)
    for name in (*ROLES, *_SPHINX_ROLES):
        roles.register_generic_role(name, nodes.inline)
    try:
        yield
    finally:
        directives._directives.clear()
        directives._directives.update(saved_directives)
        roles._roles.clear()
        roles._roles.update(saved_roles)


_SETTINGS = {
    "report_level": 5,  # collect, do not print
    "halt_level": 5,
    "raw_enabled": False,
    "file_insertion_enabled": False,
    "input_encoding": "utf-8",
    "warning_stream": False,
}


@functools.cache
def _settings() -> Any:
    """docutils' settings with :data:`_SETTINGS`, made once: building the option parser
    behind them cost more than parsing a segment (thousands per check)."""
    return docutils.core.publish_doctree("", settings_overrides=_SETTINGS).settings


def _parse(text: str, source: str) -> nodes.document:
    with _lenient_markup():
        return docutils.core.publish_doctree(
            text, source_path=source, settings=copy.copy(_settings())
        )


def parse_problems(text: str) -> list[str]:
    """docutils' warnings and errors for a snippet of RST (a translated segment)."""
    return [
        f"reStructuredText: {_message_text(m)}"
        for m in _parse(text, "<segment>").findall(nodes.system_message)
        if m["level"] >= docutils.utils.Reporter.WARNING_LEVEL
    ]


def _message_text(message: nodes.system_message) -> str:
    return message.children[0].astext() if message.children else message.astext()


def check_rst(path: Path) -> Iterator[Problem]:
    """Problems docutils reports while parsing ``path`` (warnings and errors)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        yield Problem(
            "normkit.encoding", path, None, f"not UTF-8 ({exc.reason})", "save it as UTF-8"
        )
        return
    doctree = _parse(text, str(path))
    for message in doctree.findall(nodes.system_message):
        level = message["level"]
        if level < docutils.utils.Reporter.WARNING_LEVEL:
            continue
        text_of = _message_text(message)
        yield Problem(
            "normkit.rst-syntax",
            path,
            message.get("line"),
            f"reStructuredText: {text_of}",
            "fix the markup at that line (see docs/markup.md)",
            Severity.ERROR if level >= docutils.utils.Reporter.ERROR_LEVEL else Severity.WARNING,
        )


def check_sources(standard: Standard) -> Iterator[Problem]:
    """Syntax problems in every .rst file of a standard's folder."""
    if not standard.source_file.is_file():
        yield Problem(
            "normkit.missing-file",
            standard.source_file,
            None,
            f"{standard.number} has no index.rst",
            "every drafted standard needs its master-language source index.rst",
        )
    for path in sorted(standard.path.rglob("*.rst")):
        yield from check_rst(path)
