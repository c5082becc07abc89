"""What changed in the standard system between two framework versions (1.0 → 1.1).

Standards added to or removed from the plan, withdrawn or superseded, moved between
aspects, retitled, their status and each drafted standard's version — read from the two
versions' framework.toml and standard.toml files, as pure functions of two standard systems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normkit.engine.doctree import source_root
from normkit.engine.git_source import (
    FETCH_MORE,
    is_shallow,
    open_repository,
    standards_prefix,
)
from normkit.errors import NormkitError
from normkit.system import StandardSystem, load_system
from normkit.versions.history import (
    UnknownVersion,
    Version,
    file_versions,
    older_than,
    resolve_commit,
)


@dataclass(frozen=True)
class FrameworkChange:
    """One change to one standard of the system: ``kind`` is added, removed,
    withdrawn, superseded, moved, retitled, status or version; ``old`` / ``new`` what it
    was and is (an aspect, a title, a status, a version)."""

    kind: str
    number: str
    old: str = ""
    new: str = ""


def _entries(system: StandardSystem, language: str) -> dict[str, dict[str, str]]:
    """Every standard of the system: its aspect, title, status and drafted version."""
    found = {}
    for entry in system.entries:
        found[entry.number] = {
            "aspect": entry.aspect,
            "title": entry.title.get(language)
            or entry.title.get(system.settings.master_language, ""),
            "status": entry.status,
            "version": "",
            "by": "",
        }
    for number, std in system.standards.items():
        row = found.setdefault(number, {"aspect": std.aspect, "title": "", "status": ""})
        row.update(status=std.system_status, version=std.version, by=std.superseded_by)
        row["title"] = row["title"] or system.title_of(number, language) or ""
    return found


def framework_changes(
    old: StandardSystem, new: StandardSystem, language: str
) -> list[FrameworkChange]:
    """The changes from ``old`` to ``new``, by standard number."""
    before, after = _entries(old, language), _entries(new, language)
    changes = []
    for number in sorted(before.keys() | after.keys()):
        was, now = before.get(number), after.get(number)
        if was is None:
            changes.append(FrameworkChange("added", number, "", now["title"]))
            continue
        if now is None:
            changes.append(FrameworkChange("removed", number, was["title"], ""))
            continue
        if was["status"] != now["status"]:
            kind = now["status"] if now["status"] in ("withdrawn", "superseded") else "status"
            detail = now["by"] if kind == "superseded" else now["status"]
            changes.append(FrameworkChange(kind, number, was["status"], detail))
        if was["aspect"] != now["aspect"]:
            changes.append(FrameworkChange("moved", number, was["aspect"], now["aspect"]))
        if was["title"] != now["title"]:
            changes.append(FrameworkChange("retitled", number, was["title"], now["title"]))
        if was["version"] and now["version"] and was["version"] != now["version"]:
            changes.append(FrameworkChange("version", number, was["version"], now["version"]))
    return changes


def framework_versions(root: Path) -> list[Version]:
    """The framework's versions: the last commit of each, then the working tree's."""
    system = load_system(root)
    repo = open_repository(root)
    path = f"{standards_prefix(repo, root)}/framework.toml"
    return file_versions(root, path, system.version, "")


def resolve_framework(root: Path, name: str | None) -> Version:
    """A framework version (``1.0``), None for the working tree, or any git ref."""
    versions = framework_versions(root)
    if name is None:
        return versions[-1]
    for version in versions:
        if version.label == name:
            return version
    try:
        commit = resolve_commit(open_repository(root), name)
    except NormkitError:  # said below, with the versions there are
        known = ", ".join(v.label for v in versions)
        error = UnknownVersion(f"the framework has no version {name!r} and git has no such ref")
        error.hint = f"its versions are {known}; or name a tag, branch or commit"
        raise error from None
    return Version(name, commit.hexsha, "", "", "ref")


@dataclass(frozen=True)
class FrameworkComparison:
    """The framework's changes from one version to another, in one language."""

    old: str
    new: str
    changes: list[FrameworkChange]


def framework_comparison(
    root: Path, language: str, new: str | None = None
) -> FrameworkComparison | None:
    """What changed in the framework from its previous version to ``new`` (default: the
    working tree), for the framework pages; None when git knows no earlier version (or
    the system is not in a repository)."""
    try:
        before, after, changes = compare_frameworks(root, None, new, language)
    except NormkitError:
        return None
    return FrameworkComparison(before.label, after.label, changes)


def compare_frameworks(
    root: Path, old: str | None, new: str | None, language: str
) -> tuple[Version, Version, list[FrameworkChange]]:
    """The two versions compared (default: the previous one and the working tree) and
    the changes between them."""
    versions = framework_versions(root)
    after = resolve_framework(root, new)
    if old is None:  # the newest version before NEW (a later one may exist: a rebuild)
        older = [v for v in versions if older_than(v.label, after.label)]
        if not older:
            error = UnknownVersion(f"the framework has no version before {after.label}")
            error.hint = (
                FETCH_MORE
                if is_shallow(open_repository(root))
                else "name two versions or refs: normkit diff --framework OLD NEW"
            )
            raise error
        before = older[-1]
    else:
        before = resolve_framework(root, old)
    with source_root(root, before.source) as old_root, source_root(root, after.source) as new_root:
        changes = framework_changes(load_system(old_root), load_system(new_root), language)
    return before, after, changes
