"""Sources of a past commit, read from git objects into a private folder.

The working tree is never checked out, touched or even read for the standards: the
blobs under ``standards/`` of the commit are written into a temporary repository root
that holds, beside them, today's ``conf.py`` and ``templates/`` (an old version is read
with today's configuration and markup).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from normkit.errors import NormkitError
from normkit.git_tool import git_module
from normkit.writers.fitted_fonts import font_cache


class GitSourceError(NormkitError):
    """A ref, commit or history that git cannot give."""

    exit_code = 2


class NoRepository(GitSourceError):
    """The standards are not in a git repository (an exported tree, a copy)."""


def open_repository(root: Path):  # -> git.Repo
    """The git repository holding the standards repository ``root``."""
    git = git_module()

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        error = NoRepository(f"{root} is not inside a git repository")
        error.hint = "versions come from git: run `git init` and commit the standards"
        raise error from None


def standards_prefix(repo, root: Path) -> str:
    """The path of ``root/standards`` inside the repository, as git writes it."""
    top = Path(repo.working_tree_dir).resolve()
    return (root.resolve() / "standards").relative_to(top).as_posix()


def is_shallow(repo) -> bool:
    """Whether ``repo`` is a shallow clone (its history cut: older commits missing)."""
    return Path(repo.git_dir, "shallow").exists()


FETCH_MORE = "this is a shallow clone: fetch more history (`git fetch --unshallow`)"


def resolve_commit(repo, ref: str):  # -> git.Commit
    """The commit a ref (branch, tag, hash, ``HEAD~2``) names; a clear error otherwise."""
    git = git_module()
    import gitdb.exc

    try:
        commit = repo.commit(ref)
        commit.tree  # noqa: B018 - a shallow clone may know the name but lack the object
        return commit
    except (git.BadName, git.BadObject, gitdb.exc.BadName, ValueError):
        error = GitSourceError(f"git has no commit {ref!r} in {repo.working_tree_dir}")
        error.hint = (
            FETCH_MORE
            if is_shallow(repo)
            else "name a version (`normkit versions`), a tag, a branch or a commit hash"
        )
        raise error from None


def write_tree(tree, target: Path, keep: Callable[[str], bool] | None = None) -> int:
    """Write every blob under ``tree`` into ``target`` (only those whose path below
    ``tree`` ``keep`` accepts, when given); return how many files."""
    count = 0
    for item in tree.traverse():
        if item.type != "blob" or item.mode == 0o120000:  # symbolic links stay out
            continue
        relative = item.path[len(tree.path) :].lstrip("/")
        if keep is not None and not keep(relative):
            continue
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.data_stream.read())
        count += 1
    return count


def standards_tree(root: Path, ref: str):  # -> tuple[git.Commit, git.Tree]
    """Commit ``ref`` and its ``standards/`` folder, as git objects.

    Raises GitSourceError when the commit is unknown or holds no standards folder.
    """
    repo = open_repository(root)
    commit = resolve_commit(repo, ref)
    prefix = standards_prefix(repo, root)
    try:
        return commit, commit.tree / prefix
    except KeyError:
        raise GitSourceError(
            f"commit {commit.hexsha[:10]} ({ref}) has no {prefix}/ folder"
        ) from None


def link_presentation(root: Path, folder: Path) -> None:
    """Link today's configuration and presentation of ``root`` into the private
    repository root ``folder`` (an old version is read with them)."""
    for name in ("conf.py", "templates"):
        if (root / name).exists():
            os.symlink((root / name).resolve(), folder / name)
    # The faces its PDF fits and draws (normkit.writers.fitted_fonts) are the
    # repository's, kept in its build cache when it has one: a redline makes them once,
    # not once a private root (a second a redline).
    fonts = font_cache(root)
    if fonts.parent.is_dir():
        try:
            fonts.mkdir(exist_ok=True)
        except OSError:  # a cache it may not write to: the faces are made in the folder
            return
        font_cache(folder).parent.mkdir(parents=True)
        os.symlink(fonts.resolve(), font_cache(folder))


@contextmanager
def commit_root(root: Path, ref: str, keep: Callable[[str], bool] | None = None) -> Iterator[Path]:
    """A temporary repository root with the standards of commit ``ref`` (only the
    files under ``standards/`` whose path there ``keep`` accepts, when given).

    Removed when the ``with`` block ends. Raises GitSourceError when the commit is
    unknown or holds no standards folder.
    """
    commit, tree = standards_tree(root, ref)
    folder = Path(tempfile.mkdtemp(prefix=f"normkit-{commit.hexsha[:10]}-"))
    try:
        write_tree(tree, folder / "standards", keep)
        link_presentation(root, folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
