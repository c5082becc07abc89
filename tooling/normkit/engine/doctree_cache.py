"""Doctrees read once and kept: for a build that needs another version's text, or
another edition's (the technical changes of a foreword), while it is itself running.

A commit never changes, so its doctree is kept under ``<root>/build/.cache/doctrees/``
by commit, standard and edition — and by what read it (normkit's code, conf.py, the
label tables: an old version is read with today's, and a doctree read by other code
would show the new code's changes as the text's); the working tree's also by the hash
of its standard's folder and framework.toml. It is read in a separate process: a
Sphinx build cannot safely run inside another one in the same process (Sphinx's logging
handlers and gettext translators are global).

A redline needs the old edition beside its own reading of the new sources:
:class:`BackgroundReading` reads it in a child process (forked where the system can,
so the libraries imported already need no importing again) while this process reads the
new sources, into the same cache; a foreword's list of technical changes that asks for a
doctree being read so waits for that reading instead of starting another.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from docutils import nodes

from normkit.engine.cache import code_hash, hash_tree
from normkit.engine.doctree import DoctreeError, UnknownStandard, find_standard, read_doctree
from normkit.errors import NormkitError
from normkit.files import write_atomic
from normkit.presentation import conf_file, template

#: What ``commit`` is for the working tree (on the command line of the worker, too).
WORKING_TREE = "-"


def _key(root: Path, number: str, commit: str) -> str:
    """What a cached doctree is read from: the commit (the working tree: its standard's
    folder and framework.toml) and what reads it — normkit's code, conf.py and the
    label tables of ``root``, today's, with which an old version is read too."""
    digest = hashlib.sha256(code_hash().encode())
    conf = conf_file(root)
    digest.update(conf.read_bytes() if conf.is_file() else b"")
    hash_tree(digest, template(root, "labels"))
    if commit != WORKING_TREE:
        return f"{commit}-{digest.hexdigest()[:16]}"
    standard = find_standard(root, number)
    if standard is not None:
        hash_tree(digest, standard.path)
    framework = root / "standards" / "framework.toml"
    digest.update(framework.read_bytes() if framework.is_file() else b"")
    return f"worktree-{digest.hexdigest()[:32]}"


def cache_file(root: Path, number: str, edition: str, commit: str) -> Path:
    """Where the doctree of ``number``'s ``edition`` at ``commit`` is kept."""
    slug = "".join(c if c.isalnum() else "-" for c in number.lower())
    key = _key(root, number, commit)
    return root / "build" / ".cache" / "doctrees" / f"{key}-{slug}-{edition}.pickle"


def cached_doctree(
    root: Path, number: str, edition: str, commit: str | None, label: str
) -> nodes.document:
    """The doctree of a committed version (``commit`` None: of the working tree at
    ``root``), read in a worker process the first time."""
    commit = commit or WORKING_TREE
    path = cache_file(root, number, edition, commit)
    under_way = _UNDER_WAY.get(path)
    if under_way is not None:  # a redline of this process is reading it just now
        return under_way.doctree(edition)
    if not path.is_file():
        command = [sys.executable, "-m", "normkit.engine.doctree_cache"]
        done = subprocess.run(
            [*command, str(root), number, edition, commit, label, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not path.is_file():
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise DoctreeError(lines[-1] if lines else f"{label} of {number} could not be read")
    return pickle.loads(path.read_bytes())


#: The cache files a :class:`BackgroundReading` of this process is writing, and it.
_UNDER_WAY: dict[Path, BackgroundReading] = {}

#: How a child process tells what became of one edition: None (read and kept), or the
#: kind of error, its message, its hint and the exit code it asks for.
_Said = tuple[str, str, str, int] | None

#: What an edition not yet read is said to be.
_WAITING: _Said = ("waiting", "", "", 0)


class BackgroundReading:
    """Editions of one version of a standard, read into the doctree cache by a child
    process while this one does other work (``with``: the child is ended on leaving).

    ``doctree(edition)`` waits for that edition and returns a fresh copy of it, or
    raises what reading it raised (DoctreeError, UnknownStandard). Editions already in
    the cache are not read again; the others are read one after the other, in the
    order given, so the first is ready first. An edition not asked for is read when it
    is asked for, as :func:`cached_doctree` reads it. With ``folder``, the editions are
    read into it instead of the cache (nothing is written into the repository).
    """

    def __init__(
        self,
        root: Path,
        number: str,
        editions: Sequence[str],
        commit: str | None,
        label: str,
        folder: Path | None = None,
    ) -> None:
        commit = commit or WORKING_TREE
        self._source = (root, number, commit, label)
        self.paths = {
            e: folder / f"{e}.pickle" if folder else cache_file(root, number, e, commit)
            for e in editions
        }
        self._said: dict[str, _Said] = {}
        self._what = f"{label} of {number}"
        self._process = None
        todo = [(e, str(p)) for e, p in self.paths.items() if not p.is_file()]
        if not todo:
            return
        methods = multiprocessing.get_all_start_methods()
        forked = "fork" in methods
        if forked:  # the child inherits them: its reading starts as soon as this one's
            _import_readers()
        context = multiprocessing.get_context("fork" if forked else "spawn")
        self._pipe, child_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_read_editions,
            args=(str(root), number, commit, label, todo, child_end),
            daemon=True,  # never outlives this process
        )
        self._process.start()
        child_end.close()
        for edition, path in todo:
            _UNDER_WAY[Path(path)] = self
            self._said[edition] = _WAITING

    def doctree(self, edition: str) -> nodes.document:
        """The doctree of ``edition``, when it has been read."""
        if edition not in self.paths:  # not foreseen: read now
            root, number, commit, label = self._source
            return cached_doctree(root, number, edition, commit, label)
        self.wait(edition)
        return pickle.loads(self.paths[edition].read_bytes())

    def wait(self, edition: str) -> None:
        """Wait until ``edition`` has been read; raise what reading it raised."""
        while self._said.get(edition) == _WAITING:
            try:
                done, said = self._pipe.recv()
            except (EOFError, OSError):  # the child ended without a word (killed)
                for name, state in self._said.items():
                    if state == _WAITING:
                        ended = f"{self._what} ({name}) could not be read: its reader ended"
                        self._said[name] = ("failed", ended, "", DoctreeError.exit_code)
                break
            self._said[done] = said
            _UNDER_WAY.pop(self.paths[done], None)
        said = self._said.get(edition)
        if said is not None:
            kind, message, hint, code = said
            error = (UnknownStandard if kind == "unknown" else DoctreeError)(message)
            error.hint, error.exit_code = hint or None, code
            raise error

    def close(self) -> None:
        """End the child process if it still runs (nobody needs its readings any more)."""
        for path in self.paths.values():
            if _UNDER_WAY.get(path) is self:
                del _UNDER_WAY[path]
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._pipe.close()
            self._process = None

    def __enter__(self) -> BackgroundReading:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _import_readers() -> None:
    """Import the modules every Sphinx reading of a standard imports (Sphinx's own
    extensions and normkit's), which this process would import for its own reading."""
    from sphinx.application import builtin_extensions

    for name in (*builtin_extensions, "normkit.sphinxext", "normkit.writers"):
        importlib.import_module(name)


def _read_editions(
    root: str, number: str, commit: str, label: str, todo: list[tuple[str, str]], pipe
) -> None:
    """(In the child process.) Read each edition into its cache file and say how it went."""
    # What the parent made is never collected here: a forked child must not run the
    # finalizers of its parent's objects (a git process of the parent's would be ended).
    gc.freeze()
    source = None if commit == WORKING_TREE else commit
    said: _Said = None
    for edition, path in todo:
        if said is None:  # after a failure, the other editions would fail alike
            try:
                doctree = read_doctree(number, edition, source, root=Path(root), label=label)
                write_atomic(Path(path), pickle.dumps(doctree))
            except NormkitError as exc:
                kind = "unknown" if isinstance(exc, UnknownStandard) else "unreadable"
                said = (kind, str(exc), exc.hint or "", exc.exit_code)
            except Exception as exc:  # said by the parent as the reason, not a traceback
                failed = f"{label} of {number} could not be read: {exc}"
                said = ("unreadable", failed, "", DoctreeError.exit_code)
        pipe.send((edition, said))
    pipe.close()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m normkit.engine.doctree_cache ROOT NUMBER EDITION COMMIT LABEL OUT``."""
    root, number, edition, commit, label, out = argv or sys.argv[1:]
    try:
        source = None if commit == WORKING_TREE else commit
        doctree = read_doctree(number, edition, source, root=Path(root), label=label)
    except Exception as exc:  # the parent reports it as the reason, one line
        print(str(exc).replace("\n", " "), file=sys.stderr)
        return 1
    write_atomic(Path(out), pickle.dumps(doctree))
    return 0


if __name__ == "__main__":
    sys.exit(main())
