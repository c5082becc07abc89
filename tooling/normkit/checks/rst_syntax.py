"""Does every .rst file of a standard parse? docutils says where it does not.

This is a syntax check only, fast and without Sphinx: normkit's directives and roles
are accepted as they are, and no file is included or read (the build checks meaning).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import docutils.core
import docutils.frontend
import docutils.parsers.rst
import docutils.utils
from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles

from normkit.checks.sphinx_markup import LITERAL_DIRECTIVES, sphinx_directives_and_roles
from normkit.errors import SourceNotUtf8
from normkit.files import control_character_message, control_characters, read_text
from normkit.sphinxext import image_policy, security
from normkit.sphinxext.names import DIRECTIVES, ROLES
from normkit.sphinxext.segments import MARKUP
from normkit.system.model import Standard
from normkit.system.problems import Problem, Severity

#: Sphinx's own ``:pep:``/``:rfc:`` accept a title and an anchor (``:pep:`Title <8#id>```),
#: which docutils' versions of these roles refuse.
_SPHINX_REPLACED_ROLES = ("pep", "rfc")


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

        def __bool__(self) -> bool:  # docutils parses options only when there are some
            return True

    option_spec = _AnyOptions()

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class _LiteralDirective(_AnyDirective):
    """Accepts anything and leaves its content alone (code, grammar, LaTeX)."""

    def run(self) -> list[nodes.Node]:
        return [nodes.literal_block("\n".join(self.content), "\n".join(self.content))]


class _CheckedFiles(_AnyDirective):
    """``include``, ``literalinclude``, ``csv-table``, ``raw``, ``image``, ``figure``:
    held to the rules the build enforces (normkit.sphinxext.security, image_policy),
    with the same messages, so that ``check`` reports what ``build`` refuses."""

    def run(self) -> list[nodes.Node]:
        refusals = self._refusals()
        result = super().run()
        for refusal in reversed(refusals):
            result.insert(0, self.reporter.error(str(refusal), line=self.lineno))
        return result

    def _refusals(self) -> list[security.Refusal]:
        """Every refusal of the directive (an image's unsafe ``:target:`` and its
        unsafe file are two problems, each reported)."""
        if self.name in ("image", "figure"):
            return self._image_refusals()
        refusal = self._refusal()
        return [refusal] if refusal else []

    def _image_refusals(self) -> list[security.Refusal]:
        srcdir = getattr(self.state.document.settings, "normkit_srcdir", None)
        if srcdir is None:
            return []  # a translated segment: the translation rules judge it
        argument = (self.arguments or [""])[0]
        refusals = []
        link = security.link_refusal(self.options.get("target") or "")
        if link:
            refusals.append(link)
        try:
            image_policy.checked_image(argument, _document_dir(srcdir), srcdir)
        except image_policy.ImageRefused as refused:
            refusals.append(image_policy.image_refusal(argument, refused))
        return refusals

    def _refusal(self) -> security.Refusal | None:
        srcdir = getattr(self.state.document.settings, "normkit_srcdir", None)
        if srcdir is None:
            return None  # a translated segment: the translation rules judge it
        # A csv-table's file is read from the folder of the file it is written in
        # (docutils); every other file from the document's (Sphinx's relfn2path).
        docdir = (
            Path(self.state.document["source"]).parent
            if self.name == "csv-table"
            else _document_dir(srcdir)
        )
        name, argument = self.name, (self.arguments or [""])[0]
        if name == "raw":
            return security.RAW_REFUSAL
        if "url" in self.options:
            return security.url_refusal(name, self.options["url"])
        target = argument if name != "csv-table" else self.options.get("file")
        if not target:
            return None
        path = security.source_path(target, docdir, srcdir)
        what = {"csv-table": "`csv-table` file"}.get(name, f"`{name}` of")
        refusal = security.outside_refusal(what, target, path, srcdir) or (
            security.missing_refusal(what, target, path, srcdir)
        )
        if refusal is None and name == "include":
            cycle = security.include_cycle(Path(self.state.document["source"]), path, srcdir)
            if cycle:
                return security.include_cycle_refusal(target, cycle, srcdir)
        return refusal


def _document_dir(srcdir: Path) -> Path:
    """The folder relative names are read from in the build: the document's. A
    standard is one document, ``index.rst`` at the top of its folder, whatever file of
    it an ``include`` or image is written in (the others are read into it)."""
    return Path(srcdir)


_FILE_DIRECTIVES = ("include", "literalinclude", "csv-table", "raw", "image", "figure")


def _download_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``:download:`` held to the build's rule: a file of the standard's folder."""
    srcdir = getattr(inliner.document.settings, "normkit_srcdir", None)
    found = re.search(r"<([^<>]+)>\s*$", text)
    target = (found.group(1) if found else text).strip()
    messages = []
    if srcdir is not None and "://" not in target:
        path = security.source_path(target, _document_dir(srcdir), srcdir)
        refusal = security.outside_refusal("download", target, path, srcdir)
        if refusal:
            messages.append(inliner.reporter.error(str(refusal), line=lineno))
    return [nodes.inline(rawtext, text)], messages


@contextlib.contextmanager
def _lenient_markup() -> Iterator[None]:
    """Accept normkit's and Sphinx's markup while parsing, then restore docutils' registry.

    The registry is global: left changed, it would clash with a Sphinx build run later
    in the same process.
    """
    saved_directives = dict(directives._directives)
    saved_roles = dict(roles._roles)
    sphinx_directives, sphinx_roles = sphinx_directives_and_roles()
    for name in (*DIRECTIVES, *sphinx_directives):
        literal = name in LITERAL_DIRECTIVES
        directives.register_directive(name, _LiteralDirective if literal else _AnyDirective)
    for name in (*ROLES, *sphinx_roles, *_SPHINX_REPLACED_ROLES):
        roles.register_local_role(name, roles.GenericRole(name, nodes.inline))
    for name in _FILE_DIRECTIVES:
        directives.register_directive(name, _CheckedFiles)
    roles.register_local_role("download", _download_role)
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
    "traceback": True,  # raise, rather than print and exit, on what docutils cannot parse
}


@functools.cache
def _settings() -> Any:
    """docutils' settings, made once: building its option parser costs more than most
    parses (a system has thousands of segments)."""
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    for key, value in _SETTINGS.items():
        setattr(settings, key, value)
    return settings


def _parse(text: str, source: str, srcdir: Path | None = None) -> nodes.document:
    settings = copy.copy(_settings())
    settings.normkit_srcdir = srcdir
    with _lenient_markup():
        return docutils.core.publish_doctree(text, source_path=source, settings=settings)


def parse_problems(text: str) -> list[str]:
    """docutils' warnings and errors for a snippet of RST (a translated segment)."""
    if not MARKUP.search(text):
        return []  # plain words: nothing docutils could object to
    try:
        document = _parse(text, "<segment>")
    except RecursionError:
        return [too_deep(Path("<segment>"), text).message]
    return [
        f"reStructuredText: {_message_text(m)}"
        for m in document.findall(nodes.system_message)
        if m["level"] >= docutils.utils.Reporter.WARNING_LEVEL
    ]


def too_deep(path: Path, text: str) -> Problem:
    """The problem of a source nested too deeply for docutils to read (it recurses once
    per level of lists, quotes and blocks), named at its most indented line."""
    lines = text.splitlines() or [""]
    depth = [len(line) - len(line.lstrip()) for line in lines]
    deepest = depth.index(max(depth)) + 1
    return Problem(
        "normkit.too-deep",
        path,
        deepest,
        "the markup is nested too deeply to be read (hundreds of levels of lists, "
        "quotes or blocks)",
        "flatten the structure: GB/T 1.1-2020 lists go two levels deep (a), then 1))",
    )


def _message_text(message: nodes.system_message) -> str:
    return message.children[0].astext() if message.children else message.astext()


_CODE = re.compile(r"\s*\[(normkit\.[\w-]+)\]$")
_SYNTAX_HINT = "fix the markup at that line (see docs/markup.md)"


def check_rst(path: Path, srcdir: Path | None = None) -> Iterator[Problem]:
    """Problems docutils reports while parsing ``path`` (warnings and errors), and, with
    the standard's folder ``srcdir``, what the build refuses: files outside the folder,
    network fetches, raw markup, unsafe images and links."""
    text, problems = _read_source(path)
    yield from problems
    if text is not None:
        yield from _markup_problems(path, text, srcdir)


def _read_source(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a source (None when it is not UTF-8) and what is wrong with it as
    text: not UTF-8, control characters."""
    try:
        text = read_text(path)
    except SourceNotUtf8 as exc:
        return None, [Problem("normkit.encoding", path, exc.line, exc.detail, exc.hint or "")]
    problems = [
        Problem(
            "normkit.control-character",
            path,
            line,
            f"the text holds {control_character_message(char)}",
            "delete it",
        )
        for line, char in control_characters(text)
    ]
    return text, problems


def _markup_problems(path: Path, text: str, srcdir: Path | None) -> Iterator[Problem]:
    """What docutils (and the build's rules, with ``srcdir``) find in the markup."""
    try:
        doctree = _parse(text, str(path), srcdir)
    except RecursionError:
        yield too_deep(path, text)
        return
    for message in doctree.findall(nodes.system_message):
        level = message["level"]
        if level < docutils.utils.Reporter.WARNING_LEVEL:
            continue
        text_of = _message_text(message)
        rule = _CODE.search(text_of)
        if rule:  # a refusal of the build's rules: "message; hint [normkit.code]"
            said, _, hint = text_of[: rule.start()].rpartition("; ")
            yield Problem(rule.group(1), path, message.get("line"), said, hint)
            continue
        yield Problem(
            "normkit.rst-syntax",
            path,
            message.get("line"),
            f"reStructuredText: {text_of}",
            _SYNTAX_HINT,
            Severity.ERROR if level >= docutils.utils.Reporter.ERROR_LEVEL else Severity.WARNING,
        )
    if srcdir is not None:
        for link in doctree.findall(nodes.reference):
            refusal = security.link_refusal(link.get("refuri", ""))
            if refusal:
                line = next((n.line for n in link.findall() if n.line), None)
                yield refusal.problem(path, line or _line_near(link))


def check_sources(standard: Standard) -> Iterator[Problem]:
    """Problems of a standard's files and of the markup of every .rst file in its folder
    (docutils alone)."""
    yield from check_files(standard)
    yield from check_markup(standard)


def _sources(standard: Standard) -> list[Path]:
    return [p for p in standard.source_files() if security.is_inside(p, standard.path)]


def check_files(standard: Standard) -> Iterator[Problem]:
    """What a standard's files are, before their markup is read: index.rst is there,
    no symlink leads out of the folder, every .rst file is UTF-8 text without control
    characters."""
    if not standard.source_file.is_file():
        yield Problem(
            "normkit.missing-file",
            standard.source_file,
            None,
            f"{standard.number} has no index.rst",
            "every drafted standard needs its master-language source index.rst",
        )
    elif not standard.source_file.read_bytes().strip():
        yield Problem(
            "normkit.missing-file",
            standard.source_file,
            1,
            f"{standard.number}'s index.rst is empty: its editions would have no text",
            "write the standard (`normkit new` starts one with every element of GB/T 1.1-2020)",
        )
    for link in security.escaping_links(standard.path):
        yield security.symlink_refusal(link).problem(link, None)
    for path in _sources(standard):
        yield from _read_source(path)[1]


def check_markup(standard: Standard) -> Iterator[Problem]:
    """What docutils and the build's rules find in the markup of every .rst file of a
    standard's folder, each parsed on its own (those that are not UTF-8 are not)."""
    for path in _sources(standard):
        text, _problems = _read_source(path)
        if text is not None:
            yield from _markup_problems(path, text, standard.path)


#: The build's refusals of what sources may not do, as Sphinx's reading reports them
#: (a symlink's is :func:`check_files`' to report).
_REFUSALS = {
    "normkit.missing-file",
    "normkit.outside",
    "normkit.network",
    "normkit.link",
    "normkit.image",
    "normkit.raw",
    "normkit.include",
}


def reading_problems(found: Iterable[Problem]) -> Iterator[Problem]:
    """The syntax problems and refusals among what Sphinx's reading of a standard said,
    as :func:`check_rst` reports them: the same docutils parses the same files there
    (with the real directives, so it also finds what only they check), and the build's
    security rules refuse with the same words. Reading them from there spares a second
    parse of every file (a sixth of checking a standard)."""
    for problem in found:
        if problem.code == "docutils":
            # docutils' message, without the markup it quotes after a blank line
            said = problem.message.split("\n\n", 1)[0]
            yield Problem(
                "normkit.rst-syntax",
                problem.path,
                problem.line,
                f"reStructuredText: {said}",
                _SYNTAX_HINT,
                problem.severity,
            )
        elif problem.code in _REFUSALS:
            message, hint = problem.message, problem.hint
            if not hint and "; " in message:  # a directive's error: "message; hint"
                message, _, hint = message.rpartition("; ")
            yield Problem(problem.code, problem.path, problem.line, message, hint, problem.severity)


def _line_near(node: nodes.Node) -> int | None:
    """The line of the nearest enclosing node that knows one."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return None
