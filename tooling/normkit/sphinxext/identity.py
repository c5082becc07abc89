"""Stable ids: what a clause, term, table or figure is, whatever its number.

Numbers shift when a clause is inserted; the diff, bookmarks that must survive a new
edition and links from outside need an id that does not. The author's label
(``.. _cl-site:``, ``:name: tab-sites``) is that id where given; otherwise it is derived
from the element's identity: its title (clauses, annexes), caption (tables, figures) or
preferred term, in the master language, read before translation so that every edition
of a standard gives an element the same id.
"""

from __future__ import annotations

import hashlib

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.sphinxext import nodes as nk


class RecordIdentity(SphinxTransform):
    """Notes the master-language title of sections, tables and figures (``nk_identity``)."""

    default_priority = 15  # before translation (20) replaces the master text

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(_has_identity):
            title = next((c for c in node.children if isinstance(c, _TITLES)), None)
            if title is not None:
                node["nk_identity"] = " ".join(title.astext().split())


_TITLES = (nodes.title, nodes.caption)


def _has_identity(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.section, nodes.table, nodes.figure))


def identity_of(node: nodes.Element) -> str:
    """What a numbered element is, in the master language ("" when it has no title)."""
    if isinstance(node, nk.term_entry):
        return node.get("term", "")
    return node.get("nk_identity", "")


def derived_id(prefix: str, identity: str, taken: set[str]) -> str:
    """``prefix-`` and a short digest of ``identity``, made unique against ``taken``.

    A digest rather than the title itself: titles are Chinese in the sample and would
    become percent-encoded URLs, and an id must stay short for DOCX bookmarks.
    """
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()
    candidate, extra = f"{prefix}-{digest[:8]}", 0
    while candidate in taken:  # the same title twice: the later one is told apart
        extra += 1
        candidate = f"{prefix}-{digest[:8]}-{extra + 1}"
    return candidate
