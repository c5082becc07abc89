"""The versions of a standard: releases from the ledger, else the last commit of each.

A version is what the release ledger records for it (its commit) once released; a
version never released is the last commit in which the standard's standard.toml still
carried that ``version`` — so 1.0 is the text as it stood when 1.1 began, not its first
draft. The version of the working tree is the current one, read from its files.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from normkit.engine.doctree import find_standard as find_in
from normkit.engine.git_source import (
    FETCH_MORE,
    GitSourceError,
    commit_root,
    is_shallow,
    open_repository,
    resolve_commit,
    standards_prefix,
)
from normkit.errors import NormkitError
from normkit.system import Standard, load_system
from normkit.system.model import slugify

#: What ``source`` of a version is when it is the files on disk, not a commit.
WORKING_TREE = None

#: The label of the working tree when the standard is no longer in it (deleted): the
#: name ``normkit diff`` takes for the working tree.
ABSENT = "WORKTREE"


class UnknownVersion(NormkitError):
    """A version or ref that names nothing of this standard."""

    exit_code = 2


@dataclass(frozen=True)
class Version:
    """One version of a standard and where its text is.

    ``commit`` is None for the working tree; ``origin`` says where the version was
    found: "release" (the ledger), "git" (the last commit carrying it), "working tree"
    or "ref" (a git ref named directly).
    """

    label: str
    commit: str | None
    date: str
    status: str
    origin: str
    author: str = ""

    @property
    def source(self) -> str | None:
        """What read_doctree takes: the commit, or None for the working tree."""
        return self.commit


def find_standard(root: Path, name: str) -> Standard:
    """The standard named by number or folder in the working tree's system."""
    system = load_system(root)
    found = system.standards.get(name) or next(
        (s for s in system.standards.values() if s.slug == name), None
    )
    if found is None:
        found = _deleted_standard(root, name)
    if found is None:
        known = ", ".join(sorted(system.standards))
        error = UnknownVersion(f"no drafted standard {name!r} in {root}")
        error.hint = f"name one of: {known}"
        raise error
    return found


def _deleted_standard(root: Path, name: str) -> Standard | None:
    """A standard the working tree no longer has, as the last commit that had it says
    (its ``path`` where its folder was); None when git never had it."""
    try:
        repo = open_repository(root)
        if not repo.head.is_valid():
            return None
        prefix = standards_prefix(repo, root)
    except GitSourceError:
        return None
    slug = slugify(name) if ("/" in name or " " in name) else name
    path = f"{prefix}/{slug}/standard.toml"
    carrier = last_commit_with(repo, path)
    if carrier is None:
        return None
    try:
        with commit_root(root, carrier.hexsha) as tree:
            found = find_in(tree, slug)
    except NormkitError:  # that commit's system no longer loads: not ours to name
        return None
    if found is None:
        return None
    return dataclasses.replace(found, path=Path(repo.working_tree_dir, prefix, slug))


def last_commit_with(repo, path: str):  # repo: git.Repo -> git.Commit | None
    """The newest commit of HEAD's history that has the file ``path``: HEAD when it
    still has it, else the parent of the commit that deleted it."""
    if metadata_at(repo.head.commit, path) is not None:
        return repo.head.commit
    deleting = next(iter(repo.iter_commits("HEAD", paths=path, max_count=1)), None)
    if deleting is None or not deleting.parents:
        return None
    parent = deleting.parents[0]
    return parent if metadata_at(parent, path) is not None else None


def in_working_tree(standard: Standard) -> bool:
    """Whether the working tree still has the standard (not deleted since)."""
    return (standard.path / "standard.toml").is_file()


def metadata_at(commit, path: str) -> dict | None:  # commit: git.Commit
    """standard.toml of ``path`` as it was in ``commit`` (None: absent or unreadable)."""
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    try:
        return tomllib.loads(blob.data_stream.read().decode("utf-8-sig"))  # as TomlSource
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


def _when(commit) -> str:
    return datetime.fromtimestamp(commit.committed_date, UTC).isoformat(timespec="seconds")


def _from_commit(label: str, commit, origin: str, status: str) -> Version:
    return Version(label, commit.hexsha, _when(commit), status, origin, commit.author.name or "")


def file_versions(
    root: Path, path: str, current: str, status: str, present: bool = True
) -> list[Version]:
    """The versions a metadata file (``path`` in git, a TOML file with a ``version``)
    went through, oldest first, each at the last commit that carried it; the newest is
    the working tree's ``current`` — unless the file is no longer ``present`` there:
    then the newest is the last version git has."""
    repo = open_repository(root)
    if not repo.head.is_valid():
        return [Version(current, None, "", status, "working tree")]
    touching = list(repo.iter_commits("HEAD", paths=path))[::-1]  # oldest first
    versions: list[Version] = []
    previous = None
    for commit in touching:
        data = metadata_at(commit, path)
        if data is None:
            continue
        if previous is not None and _version(data) != _version(previous):
            parent = commit.parents[0] if commit.parents else commit
            versions.append(_from_commit(_version(previous), parent, "git", _status(previous)))
        previous = data
    if not present:
        carrier = last_commit_with(repo, path)
        if previous is not None and carrier is not None:
            versions.append(_from_commit(_version(previous), carrier, "git", _status(previous)))
        return versions
    if previous is not None and _version(previous) != current:
        # The working tree began a new version: the last committed one ends at HEAD.
        versions.append(
            _from_commit(_version(previous), repo.head.commit, "git", _status(previous))
        )
    versions.append(Version(current, None, "", status, "working tree"))
    return versions


def _version(data: dict) -> str:
    """The version of a standard.toml or a framework.toml."""
    return str(data.get("version") or (data.get("framework") or {}).get("version") or "")


def _status(data: dict) -> str:
    return str(data.get("status") or "")


def _released(root: Path, label: str, commit: str, recorded: str) -> Version:
    try:
        return _from_commit(label, open_repository(root).commit(commit), "release", "published")
    except Exception:  # not in this clone (shallow), or no repository: gitdb's own errors
        return Version(label, commit, recorded, "published", "release")


def git_versions(root: Path, standard: Standard) -> list[Version]:
    """The versions git records for ``standard``, oldest first, each at the last commit
    that carried it; the newest is the working tree's (HEAD's when nothing differs)."""
    repo = open_repository(root)
    path = f"{standards_prefix(repo, root)}/{standard.slug}/standard.toml"
    return file_versions(
        root, path, standard.version, standard.status, present=in_working_tree(standard)
    )


def list_versions(root: Path, standard: Standard) -> list[Version]:
    """Every version of ``standard``: released ones from the ledger, the others from
    git, and the working tree's; oldest first, one entry per version label."""
    from normkit.release import read_entries, version_key, versions_of

    # A release is its commit: the same date and author as git gives before the release
    # is recorded, so that a redline built while releasing and rebuilt from the ledger
    # later carry the same words and bytes (the ledger's own date says when it was
    # recorded). A shallow clone without the commit keeps what the ledger says.
    released = {
        e.version: _released(root, e.version, e.commit, e.date)
        for e in versions_of(read_entries(root), standard.slug)
    }
    found = {v.label: v for v in git_versions(root, standard)}
    current = found.get(standard.version)
    merged = {**found, **released}
    if current is not None and standard.version not in released:
        merged[standard.version] = current

    def order(version: Version) -> tuple:
        try:
            return (0, version_key(version.label))
        except ValueError:
            return (1, version.label)

    return sorted(merged.values(), key=order)


def resolve_version(
    root: Path, standard: Standard, name: str | None, known: list[Version] | None = None
) -> Version:
    """A version label (``1.0``), ``WORKTREE``/None (the working tree) or any git ref.
    ``known`` is ``list_versions(root, standard)`` when the caller has it already."""
    if name in (None, "WORKTREE", "worktree"):
        if not in_working_tree(standard):  # deleted: the working tree has no text of it
            return Version(ABSENT, None, "", "deleted", "working tree")
        return Version(standard.version, None, "", standard.status, "working tree")
    known = list_versions(root, standard) if known is None else known
    for version in known:
        if version.label == name:
            return version
    repo = open_repository(root)
    try:
        commit = resolve_commit(repo, name)
        commit.tree  # noqa: B018 - a shallow clone knows the name but lacks the object
    except (GitSourceError, ValueError):
        labels = ", ".join(v.label for v in known)
        error = UnknownVersion(f"{standard.number} has no version {name!r} and git has no such ref")
        error.hint = (
            FETCH_MORE
            if is_shallow(repo)
            else f"its versions are {labels}; or name a tag, branch or commit"
        )
        raise error from None
    return _from_commit(name, commit, "ref", "")


def committed_version(root: Path, standard: Standard) -> Version | None:
    """The commit the working tree's text of ``standard`` is — the last one that changed
    its folder — when nothing in the folder differs from HEAD; None otherwise."""
    repo = open_repository(root)
    if not repo.head.is_valid():
        return None
    folder = f"{standards_prefix(repo, root)}/{standard.slug}"
    if repo.is_dirty(path=folder) or repo.git.ls_files(folder, others=True, exclude_standard=True):
        return None
    last = next(iter(repo.iter_commits("HEAD", paths=folder, max_count=1)), None)
    if last is None:
        return None
    return _from_commit(standard.version, last, "working tree", standard.status)


def dated_version(root: Path, standard: Standard, name: str) -> Version:
    """The version a foreword names: a label (``1.0``) or the dated number of an earlier
    edition (``T/XQZC 1201—2026``: the last version issued that year)."""
    # Only an earlier version: rebuilt once its own release is in the ledger, an edition
    # must not find itself (its year) and list no change.
    versions = [
        v
        for v in list_versions(root, standard)
        if v.commit and older_than(v.label, standard.version)
    ]
    for version in versions:
        if version.label == name:
            return version
    number, _, year = name.rpartition("—")
    if number.strip() == standard.number and year.isdigit():
        repo = open_repository(root)
        path = f"{standards_prefix(repo, root)}/{standard.slug}/standard.toml"
        issued = []
        for version in versions:
            data = metadata_at(repo.commit(version.commit), path) or {}
            issue = (data.get("dates") or {}).get("issue")
            if issue is not None and str(issue)[:4] == year:
                issued.append(version)
        if issued:
            return issued[-1]
    known = ", ".join(v.label for v in versions) or "none"
    error = UnknownVersion(f"{standard.number} has no earlier version {name!r}")
    error.hint = f"name one of its versions ({known}) or its dated number ({standard.number}—YYYY)"
    raise error


def older_than(label: str, current: str) -> bool:
    """Whether version ``label`` comes before ``current`` (labels that are not numbers:
    any other than the current one)."""
    from normkit.release import version_key

    try:
        return version_key(label) < version_key(current)
    except ValueError:
        return label != current


def previous_version(root: Path, standard: Standard, known: list[Version] | None = None) -> Version:
    """The newest version before the working tree's (the default OLD of a diff): for a
    standard deleted from the working tree, the last version git has. ``known`` is
    ``list_versions(root, standard)`` when the caller has it already."""
    known = list_versions(root, standard) if known is None else known
    if not in_working_tree(standard):
        return known[-1]
    older = [v for v in known if v.label != standard.version]
    if not older:
        error = UnknownVersion(f"{standard.number} has no earlier version than {standard.version}")
        error.hint = (
            FETCH_MORE
            if is_shallow(open_repository(root))
            else "name the two versions or refs to compare: normkit diff STANDARD OLD NEW"
        )
        raise error
    return older[-1]
