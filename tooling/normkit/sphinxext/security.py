"""Standards arrive as pull requests: sources may not reach outside their folder.

``raw`` is refused (it would put unescaped HTML or LaTeX into every edition); every
directive or role that reads a file (``include``, ``literalinclude``, ``csv-table``
``:file:``, ``:download:``) must name a file inside the standard's folder after
symlinks are resolved; ``csv-table :url:`` is refused (a build reaches no network);
links may only use http, https, mailto or be relative; symlinks leading out of the
folder are left out of the build and reported. Images are checked by
:mod:`normkit.sphinxext.image_policy`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform

from normkit.diagnostics import warn
from normkit.sphinxext.ancestry import ancestors
from normkit.system.problems import Problem

#: The link schemes a published document may carry; anything else (javascript:, data:,
#: file:, vbscript: …) is refused. Links without a scheme are relative and stay.
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of ``uri`` if it is not one a published link may use, else None."""
    found = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", uri).lower())
    if found is None or found.group(1) in SAFE_SCHEMES:
        return None
    return found.group(1)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, symlinks resolved, lies inside ``folder`` (also resolved)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def escaping_links(folder: Path) -> list[Path]:
    """Symlinks under ``folder`` that lead outside it (or nowhere), or to a folder that
    holds the link itself (a loop: its sources would be read again and again), sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in (*dirnames, *filenames):
            path = Path(dirpath) / name
            if not path.is_symlink():
                continue
            if not (path.exists() and is_inside(path, folder)) or is_inside(dirpath, path):
                found.append(path)
    return sorted(found)


def source_path(name: str, docdir: Path, srcdir: Path) -> Path:
    """The file a directive or role names, as Sphinx finds it: "/x" from the
    standard's folder ``srcdir``, "x" from the folder of the document."""
    return srcdir / name.lstrip("/") if name.startswith("/") else docdir / name


@dataclass(frozen=True)
class Refusal:
    """Why a source may not do something: the code (``normkit.<code>``), what is wrong
    and what to do. ``str()`` is the form a directive's error takes (docutils' messages
    carry no code of their own, so it rides at the end, as ``check`` reads it back)."""

    code: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.message}; {self.hint} [normkit.{self.code}]"

    def problem(self, path: Path, line: int | None) -> Problem:
        """The same refusal as ``normkit check`` reports it."""
        return Problem(f"normkit.{self.code}", path, line, self.message, self.hint)

    def emit(self, location: object) -> None:
        """Report it as a build error (a record with its code) about ``location``."""
        warn(self.code, self.message, location, self.hint, error=True)


def outside_refusal(what: str, name: str, target: Path, srcdir: Path) -> Refusal | None:
    """The refusal of a file ``target`` outside ``srcdir`` (None: it is inside)."""
    if is_inside(target, srcdir):
        return None
    return Refusal(
        "outside",
        f"{what} {name!r} is refused: it is outside the standard's folder {Path(srcdir).name}/",
        "move the file into the folder",
    )


def missing_refusal(what: str, name: str, target: Path, srcdir: Path) -> Refusal | None:
    """The refusal of a file ``target`` (inside ``srcdir``) that does not exist (None:
    it does). Sphinx reads "/x" from the standard's folder, not from the disk's root."""
    if target.is_file():
        return None
    return Refusal(
        "missing-file",
        f"{what} {name!r}: {os.path.relpath(target, srcdir)} does not exist in "
        f"{Path(srcdir).name}/",
        "add the file or correct the path (a path starting with / is read from the "
        "standard's folder)",
    )


def url_refusal(directive: str, url: str) -> Refusal:
    """The refusal of a directive option that would fetch ``url``."""
    return Refusal(
        "network",
        f"`{directive}` with :url: {url!r} is refused: nothing is fetched from the network "
        "while building",
        "put the file in the standard's folder and use :file:",
    )


def link_refusal(uri: str) -> Refusal | None:
    """The refusal of a link with a scheme a published document may not carry."""
    scheme = unsafe_scheme(uri)
    if scheme is None:
        return None
    return Refusal(
        "link",
        f"link {uri!r} is refused: {scheme}: links could run code or read files on the "
        "reader's machine",
        "use an http, https or mailto address, or a relative link",
    )


def symlink_refusal(link: Path) -> Refusal:
    """The refusal of a symlink that leads out of its standard's folder (or loops)."""
    if link.exists() and is_inside(link.parent, link):
        return Refusal(
            "symlink",
            f"{link} is a symlink to a folder that holds it ({os.path.realpath(link)}): "
            "its sources would be read again and again, each copy published",
            "remove the link",
        )
    return Refusal(
        "symlink",
        f"{link} is a symlink leading outside the standard's folder "
        f"({os.path.realpath(link)}); sources may only read files of their own folder",
        "replace the link with the file itself",
    )


#: An ``include`` directive on a line of its own (inside another directive too).
_INCLUDE = re.compile(r"^[ \t]*\.\.[ \t]+include::[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)


def include_cycle(source: Path, target: Path, srcdir: Path) -> list[Path] | None:
    """The files from ``source`` round to itself when ``source`` includes ``target``
    (``[source, target, …, source]``), or None when ``target`` does not lead back to it,
    directly or through the files it includes. Read from the files' ``include`` lines,
    as the check and the build both see them (paths as Sphinx resolves them: from the
    standard's folder, the document's; files outside ``srcdir`` are refused on their own
    and not followed)."""
    start = Path(os.path.realpath(source))
    seen: set[Path] = set()

    def walk(path: Path, chain: list[Path]) -> list[Path] | None:
        path = Path(os.path.realpath(path))
        if path == start:
            return [*chain, path]
        if path in seen or not path.is_file() or not is_inside(path, srcdir):
            return None
        seen.add(path)
        text = path.read_bytes().decode("utf-8", errors="replace")
        for name in _INCLUDE.findall(text):
            if not name.startswith("<"):  # docutils' own files
                # Sphinx reads an included file's includes from the document's folder
                # (the standard's), not from the included file's.
                found = walk(source_path(name, srcdir, srcdir), [*chain, path])
                if found:
                    return found
        return None

    return walk(target, [start])


def include_cycle_refusal(name: str, chain: list[Path], srcdir: Path) -> Refusal:
    """The refusal of an ``include`` of a file that is already being included: the
    document itself, or a file that (through others) includes this one. ``chain`` runs
    from the document to the file named again."""
    shown = " > ".join(os.path.relpath(path, srcdir) for path in chain)
    itself = len(chain) == 2
    return Refusal(
        "include-cycle",
        f"`include` of {name!r} is refused: "
        + (
            f"the file includes itself ({shown})"
            if itself
            else f"it leads back to this file ({shown}): the inclusion would never end"
        ),
        "remove this `include` (a text used in several places goes in a file of its own, "
        "which each of them includes)",
    )


RAW_REFUSAL = Refusal(
    "raw",
    "the `raw` directive is refused: raw HTML or LaTeX would reach every edition unescaped",
    "write the content in reStructuredText",
)


def _confine(directive: Directive, name: str, target: Path, what: str) -> None:
    """Raise the directive's error unless ``target`` is a file of the standard's folder
    (the words ``normkit check`` uses: it reads them from here)."""
    srcdir = directive.state.document.settings.env.srcdir
    refusal = outside_refusal(what, name, target, srcdir) or missing_refusal(
        what, name, target, srcdir
    )
    if refusal:
        raise directive.error(str(refusal))


def _source_dir(directive: Directive) -> Path:
    """The folder of the file the directive is written in (an included file's own)."""
    return Path(directive.state.document.current_source or "").resolve().parent


class RefusedRaw(Directive):
    """``raw`` is refused: an error naming the file and line."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"file": str, "url": str, "encoding": str}

    def run(self) -> list[nodes.Node]:
        raise self.error(str(RAW_REFUSAL))


class ConfinedInclude(Include):
    """``include`` of files inside the standard's folder only."""

    def run(self) -> list[nodes.Node]:
        if self.arguments[0].startswith("<"):
            raise self.error("including docutils' standard files is refused [normkit.include]")
        _rel, filename = self.env.relfn2path(self.arguments[0], self.env.docname)
        _confine(self, self.arguments[0], Path(filename), "`include` of")
        # docutils only warns of a circular inclusion and leaves the text out: the
        # edition would silently miss it.
        here = Path(self.state.document.current_source or "")
        cycle = include_cycle(here, Path(filename), Path(self.env.srcdir))
        if cycle:
            raise self.error(str(include_cycle_refusal(self.arguments[0], cycle, self.env.srcdir)))
        return super().run()


class ConfinedLiteralInclude(LiteralInclude):
    """``literalinclude`` of files inside the standard's folder only."""

    def run(self) -> list[nodes.Node]:
        _rel, filename = self.env.relfn2path(self.arguments[0], self.env.docname)
        _confine(self, self.arguments[0], Path(filename), "`literalinclude` of")
        return super().run()


class ConfinedCSVTable(CSVTable):
    """``csv-table`` reading a file of the standard's folder, never a URL."""

    def run(self) -> list[nodes.Node]:
        if "url" in self.options:
            raise self.error(str(url_refusal("csv-table", self.options["url"])))
        name = self.options.get("file")
        if name is not None:
            srcdir = Path(self.state.document.settings.env.srcdir)
            # As Sphinx reads it: "/x" from the standard's folder, "x" from the file's.
            target = source_path(name, _source_dir(self), srcdir)
            _confine(self, name, target, "`csv-table` file")
            self.options["file"] = os.path.relpath(target, _source_dir(self))
        return super().run()


def exclude_escaping_links(app: Sphinx, config: Config) -> None:
    """Leave symlinks that lead out of the standard's folder out of the build, loudly.

    Sphinx follows symlinks while it looks for sources: a link to /etc/passwd named
    users.rst would be published as users.html.
    """
    srcdir = Path(app.srcdir)
    for link in escaping_links(srcdir):
        relative = link.relative_to(srcdir).as_posix()
        config.exclude_patterns = [*config.exclude_patterns, relative, f"{relative}/**"]
        symlink_refusal(link).emit(None)


class CheckDownloads(SphinxTransform):
    """``:download:`` may only offer a file of the standard's folder."""

    default_priority = 5

    def apply(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(addnodes.download_reference)):
            target = ref.get("reftarget", "")
            if "://" in target:
                continue  # an external link: CheckLinks judges its scheme
            _rel, filename = self.env.relfn2path(target, self.env.docname)
            refusal = outside_refusal("download", target, Path(filename), self.env.srcdir)
            if refusal is None:
                continue
            refusal.emit(ref)
            ref.replace_self(nodes.inline("", ref.astext()))


class CheckLinks(SphinxTransform):
    """Links may use http, https or mailto, or be relative: no javascript: and the like.

    Runs after the translation is put in (priority 20), so a translator's links are
    judged by the same rule.
    """

    default_priority = 25

    def apply(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            refusal = link_refusal(ref.get("refuri", ""))
            if refusal is None:
                continue
            refusal.emit(_located(ref))
            ref.replace_self(nodes.inline("", "", *ref.children))


def _located(node: nodes.Element) -> nodes.Node:
    """``node`` or the nearest node around it that knows its line (an image's target
    link does not; the image in it does)."""
    near = [node, *node.findall(include_self=False), *ancestors(node)]
    return next((n for n in near if getattr(n, "line", None)), node)
