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
from normkit.sphinxext.titles import title_text

#: The values of the ``redline`` attribute of a changed body element.
BLOCK_KINDS = ("inserted", "deleted", "moved-from", "moved-to")


def block_change(node: nodes.Node) -> str:
    """The whole-element change ``node`` carries ("inserted", "moved-to" …), else ""."""
    if not isinstance(node, nodes.Element):
        return ""
    kind = node.get("redline", "")
    return kind if kind in BLOCK_KINDS else ""


def has_word_changes(node: nodes.Element) -> bool:
    """Whether words were inserted into or deleted from this element (a paragraph, title,
    cell …): the writers mark such an element with a change bar."""
    return next(node.findall(_is_word_change), None) is not None


def _is_word_change(node: nodes.Node) -> bool:
    return isinstance(node, (nk.redline_insert, nk.redline_delete))


def side_title(title: nodes.Element, side: str) -> str:
    """A heading's line for contents and bookmarks as the ``"old"`` or ``"new"`` edition
    words it (a title's text is the new edition's: see sphinxext.titles.parts_of)."""
    if side == "new" or not has_word_changes(title):
        return title_text(title)
    old = title.deepcopy()
    for node in list(old.findall(nk.redline_insert)):
        node.parent.remove(node)
    for node in list(old.findall(nk.redline_delete)):
        node.parent.replace(node, node.children)
    return title_text(old)


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
