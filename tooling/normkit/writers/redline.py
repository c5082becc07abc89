"""What every writer needs to render a redline edition (the "Redline" nodes of
normkit.sphinxext.nodes): the kind of change an element carries, the words of the
change list in the edition's language, and the author and date of the revisions.

Writer-neutral: :mod:`normkit.writers.redline_html` (HTML and print HTML) and
:mod:`normkit.writers.docx_redline` (Word revisions) render with these.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.labels import Labels, LabelsError

#: The values of the ``redline`` attribute of a changed body element.
BLOCK_KINDS = ("inserted", "deleted", "moved-from", "moved-to")
#: The kinds of a change list item that have their own word in the label tables.
ITEM_KINDS = ("added", "deleted", "modified", "moved")


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


def is_redline(document: nodes.Node) -> bool:
    """Whether this doctree is a redline (made by the diff), not a plain edition."""
    return isinstance(document, nodes.document) and bool(
        document.get("redline_old") or document.get("redline_new")
    )


def versions_of(node: nodes.Element) -> tuple[str, str]:
    """The (old, new) version labels of a change list, from it or from its document."""
    document = node.document
    old = node.get("old") or (document.get("redline_old", "") if document else "")
    new = node.get("new") or (document.get("redline_new", "") if document else "")
    return str(old), str(new)


def change_list_heading(node: nk.change_list, labels: Labels) -> str:
    """ "1.0版至1.1版的变化" / "Changes from version 1.0 to version 1.1"."""
    old, new = versions_of(node)
    return labels.redline("changes", old=old, new=new)


def _word(labels: Labels, key: str, fallback: str) -> str:
    try:
        return labels.redline(key)
    except LabelsError:
        return labels.redline(fallback)


def change_item_text(item: nk.change_item, labels: Labels) -> str:
    """The words of a change list item the diff left without wording of its own:
    "增加了条款（见5.3）", "Clause moved; see 6.1 (5.4 in version 1.0)"."""
    kind = str(item.get("kind", ""))
    kind_word = labels.redline(f"kind_{kind}") if kind in ITEM_KINDS else kind
    element = str(item.get("element", "")).replace("-", "_").replace(" ", "_")
    element_word = _word(labels, f"element_{element}", "element_other")
    old_number, new_number = str(item.get("old_number", "")), str(item.get("new_number", ""))
    parent = item.parent if isinstance(item.parent, nodes.Element) else item
    old_version = versions_of(parent)[0]
    if old_number and new_number and (kind != "modified" or old_number != new_number):
        key = "item_both"
    elif new_number:
        key = "item_new"
    elif old_number:
        key = "item_old"
    else:
        key = "item_bare"
    return labels.redline(
        key,
        kind=kind_word,
        element=element_word,
        new=new_number,
        old=old_number,
        old_version=old_version,
    )


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
