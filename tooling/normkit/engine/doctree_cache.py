"""Doctrees read once and kept: for a build that needs another version's text, or
another edition's (the technical changes of a foreword), while it is itself running.

A commit never changes, so its doctree is kept under ``<root>/build/.cache/doctrees/``
by commit, standard and edition — and by what read it (normkit's code, conf.py, the
label tables: an old version is read with today's, and a doctree read by other code
would show the new code's changes as the text's); the working tree's also by the hash
of its standard's folder and framework.toml. It is read in a separate process: a
Sphinx build cannot safely run inside another one in the same process (Sphinx's logging
handlers and gettext translators are global).
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from docutils import nodes

from normkit.engine.cache import code_hash, hash_tree
from normkit.engine.doctree import DoctreeError, find_standard, read_doctree
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
