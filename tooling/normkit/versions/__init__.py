"""Versions and change tracking: a standard's versions from git and the release ledger,
the structural diff of two editions, the change list and the redline document.

``list_versions`` / ``resolve_version`` find versions; ``redline(old, new)`` marks the
changes of two doctrees (from ``normkit.engine.read_doctree``) and ``collect_changes``
lists them. The diff itself is pure functions of two doctrees: nothing in
compare/align/inline/changes reads files or git.
"""

from normkit.versions.changes import Change, collect_changes
from normkit.versions.compare import redline
from normkit.versions.history import (
    UnknownVersion,
    Version,
    list_versions,
    previous_version,
    resolve_version,
)

__all__ = [
    "Change",
    "UnknownVersion",
    "Version",
    "collect_changes",
    "list_versions",
    "previous_version",
    "redline",
    "resolve_version",
]
