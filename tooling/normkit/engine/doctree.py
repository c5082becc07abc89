"""The model of one edition: the resolved, numbered, translated doctree of a standard.

``read_doctree`` is the one way to get what a standard says in one edition, from the
working tree or from any git commit: the diff engine, lint rules and the search index
start from it, so nobody re-parses sources or scrapes built HTML.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docutils import nodes

from normkit.engine.build_one import READ_ONLY, run_edition
from normkit.engine.git_source import commit_root, link_presentation, standards_tree, write_tree
from normkit.errors import NormkitError
from normkit.system import Standard, load_system
from normkit.system.loader import STANDARD_FILE


class DoctreeError(NormkitError):
    """An edition that cannot be read: the message names the version, file and line."""

    exit_code = 1


class UnknownStandard(NormkitError):
    """No drafted standard of that number or folder name in the version read."""

    exit_code = 2


def find_standard(root: Path, name: str) -> Standard | None:
    """The drafted standard of ``root`` named by number (``T/XQZC 1201``) or folder."""
    system = load_system(root)
    return system.standards.get(name) or next(
        (s for s in system.standards.values() if s.slug == name), None
    )


@contextmanager
def source_root(root: Path, source: str | None, name: str | None = None) -> Iterator[Path]:
    """The repository root to read from: ``root`` itself for the working tree (``source``
    None), else a private folder with the standards of git commit ``source`` — only what
    a build of standard ``name`` reads, when given (see :func:`private_root`)."""
    if source is None:
        yield root
    else:
        with private_root(root, source, name) as folder:
            yield folder


def _metadata(relative: str) -> bool:
    """Whether a path under standards/ is the framework's or a standard's metadata."""
    parts = relative.split("/")
    return parts == ["framework.toml"] or (len(parts) == 2 and parts[1] == "standard.toml")


@contextmanager
def private_root(root: Path, source: str | None, name: str | None = None) -> Iterator[Path]:
    """A private repository root a build may add files to, with the standards of git
    commit ``source`` or, for None, a copy of the working tree's (today's conf.py and
    templates linked). The working tree itself is never written to.

    With ``name`` (a standard's number or folder), only what a build of that standard
    reads: framework.toml, every standard's standard.toml (the catalog its citations
    resolve through) and its own folder — not every standard's sources, which grow with
    the system. The standard may be absent (not drafted in that version)."""
    keep = None if name is None else _metadata
    if source is not None:
        with commit_root(root, source, keep) as folder:
            if name is not None:
                found = find_standard(folder, name)
                if found is not None:  # its folder, from the same commit
                    _, tree = standards_tree(root, source)
                    write_tree(tree / found.path.name, found.path)
            yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="normkit-worktree-"))
    try:
        standards = root / "standards"
        if name is None:
            shutil.copytree(standards, folder / "standards", symlinks=True)
        else:
            for path in standards.glob("*.toml"):
                _copy(path, folder / "standards" / path.name)
            for path in standards.glob(f"*/{STANDARD_FILE}"):
                _copy(path, folder / "standards" / path.relative_to(standards))
            found = find_standard(folder, name)
            if found is not None:
                shutil.rmtree(found.path)
                shutil.copytree(standards / found.path.name, found.path, symlinks=True)
        link_presentation(root, folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def read_doctree(
    standard: Standard | str,
    edition: str,
    source: str | None = None,
    *,
    root: Path | None = None,
    label: str | None = None,
) -> nodes.document:
    """The resolved, numbered and translated doctree of one edition of ``standard``.

    ``edition`` is the master language, a translation language or ``bilingual``;
    ``source`` is None for the working tree or a git ref (a version's commit, a tag, a
    branch) whose sources are read from git objects, never checked out. ``root`` is the
    standards repository (default: the one holding ``standard``'s folder); ``label``
    names the version in error messages (default: the ref). Every image carries the
    SHA-256 of its file as ``nk_digest``, so figures compare by content.

    Raises DoctreeError, naming the version, file and line, when the sources do not
    read cleanly (a Sphinx error), and UnknownStandard when the version has no such
    standard.
    """
    if isinstance(standard, Standard):
        root = root or standard.path.parent.parent
        name = standard.number
    else:
        name = standard
    if root is None:
        raise ValueError("read_doctree needs root= when the standard is named by a string")
    version = label or source or "the working tree"
    with source_root(root, source, name) as folder:
        found = find_standard(folder, name)
        if found is None:
            raise UnknownStandard(f"{version} has no drafted standard {name}")
        return _read(folder, found, edition, version)


def _read(folder: Path, standard: Standard, edition: str, version: str) -> nodes.document:
    """Read ``standard`` of the repository at ``folder``; messages name files relative
    to it (``standards/<slug>/index.rst:12``), as they are in the repository."""
    found: list[nodes.document] = []

    def keep(app, doctree: nodes.document, docname: str) -> None:  # app: Sphinx
        if docname == app.config.root_doc:
            found.append(doctree)

    def watch(app) -> None:  # the read-only builder resolves it once: kept, not redone
        app.connect("doctree-resolved", keep)

    with tempfile.TemporaryDirectory(prefix=f"normkit-read-{standard.slug}-") as work:
        run = run_edition(
            folder,
            standard.path,
            READ_ONLY,
            edition,
            Path(work) / "out",
            Path(work) / "doctrees",
            on_app=watch,
        )
        if run.errors or not found:
            first = run.errors[0] if run.errors else None
            message = "it did not read"
            if first:
                where, said = _relative(first.location, folder), _relative(first.message, folder)
                message = f"{where}: {said}"  # records never repeat it (diagnostics._bare)
            more = f" (and {len(run.errors) - 1} more errors)" if len(run.errors) > 1 else ""
            error = DoctreeError(f"{version} of {standard.number} does not read: {message}{more}")
            error.hint = (
                "the version is read with today's markup and conf.py; fix the source at that "
                "line in a new commit, or compare against another version"
            )
            raise error
        doctree = found[0]
        digest_images(doctree, standard.path)
    doctree["nk_standard"] = standard.number
    doctree["nk_version"] = standard.version
    doctree["nk_year"] = str(standard.year or "")
    doctree["nk_edition"] = edition
    doctree.settings.env = None  # the environment dies with the build
    return doctree


def _relative(location: str, folder: Path) -> str:
    """A location under a private folder as the repository names it."""
    for prefix in (str(folder.resolve()) + "/", str(folder) + "/"):
        location = location.replace(prefix, "")
    return location


def digest_images(doctree: nodes.document, srcdir: Path) -> None:
    """Stamp every image with the SHA-256 of its file (``nk_digest``), read before a
    builder rewrites its ``uri``."""
    for image in doctree.findall(nodes.image):
        path = srcdir / image["uri"]
        if "nk_digest" not in image and path.is_file():
            image["nk_digest"] = hashlib.sha256(path.read_bytes()).hexdigest()
