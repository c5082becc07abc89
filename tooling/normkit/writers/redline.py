"""What every writer needs to render a redline edition (the "Redline" nodes of
normkit.sphinxext.nodes): the kind of change an element carries, the heading of the
change list, and the author and date of the revisions. The words of the change list
are the diff's (normkit.versions.wording); the writers only set them.

Writer-neutral: :mod:`normkit.writers.redline_html` (HTML and print HTML) and
:mod:`normkit.writers.docx_redline` (Word revisions) render with these.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.labels import Labels

#: The values of the ``redline`` attribute of a changed body element.
BLOCK_KINDS = ("inserted", "deleted", "moved-from", "moved-to")


def block_change(node: nodes.Node) -> str:
    """The whole-element change ``node`` carries ("inserted", "moved-to" …), else ""."""
    if not isinstance(node, nodes.Element):
        return ""
    kind = node.get("redline", "")
    return kind if kind in BLOCK_KINDS else ""


def change_list_heading(node: nk.change_list, labels: Labels) -> str:
    """ "变更清单（1.0 → 1.1）": ``[changes] list_title`` of the two versions."""
    document = node.document
    old = node.get("old") or (document.get("redline_old", "") if document else "")
    new = node.get("new") or (document.get("redline_new", "") if document else "")
    return labels.changes("list_title", old=old, new=new)


def revision_author(document: nodes.document) -> str:
    """Who made the changes (from git), as revisions name their author."""
    return str(document.get("redline_author", "")) or "normkit"


def revision_date(document: nodes.document) -> str:
    """The date of the changes as an xsd:dateTime in UTC ("2026-05-01T08:30:00Z"), or ""
    when the redline has none or it is not ISO 8601 (a revision may lack a date)."""
    value = str(document.get("redline_date", "")).strip()
    if not value:
        return ""
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"
