"""Releases: the hash-chained ledger of published versions, manifests, verification.

``read_entries(root)`` gives every published version in order (the ``diff`` and
``versions`` verbs read versions from it); ``release_standard`` publishes one version;
``verify`` re-checks the chain, the manifests and, on request, the bytes.
"""

from normkit.release.ledger import (
    LEDGER_PATH,
    LedgerEntry,
    LedgerError,
    appended,
    head_hash,
    latest,
    parse_entries,
    read_entries,
    version_key,
    versions_of,
)

__all__ = [
    "LEDGER_PATH",
    "LedgerEntry",
    "LedgerError",
    "appended",
    "head_hash",
    "latest",
    "parse_entries",
    "read_entries",
    "version_key",
    "versions_of",
]
