"""Footnotes on paper: a footnote cited inside another footnote.

Paged media and Word put every footnote at the foot of the page its call falls on, and
neither can call a footnote from inside another (Word refuses a ``w:footnoteReference``
in a footnote: LibreOffice will not open such a file; WeasyPrint loses the inner one).
So, as LaTeX's ``\\footnotemark`` does, the footnote cited inside another is called in
the text right after the citing footnote's call, and inside the citing footnote the
citation prints the cited footnote's number as plain text (a *mention*).
"""

from __future__ import annotations

from docutils import nodes

from normkit.sphinxext.ancestry import within


def inside_footnote(node: nodes.Node) -> bool:
    """Is ``node`` within a footnote's own text?"""
    return within(node, nodes.footnote)


def call_nested_footnotes(doctree: nodes.document) -> None:
    """Give each footnote that is cited only inside other footnotes a call in the text,
    right after the first call of the footnote citing it (repeated for chains)."""
    footnotes = {f["ids"][0]: f for f in doctree.findall(nodes.footnote) if f["ids"]}
    calls: dict[str, nodes.footnote_reference] = {}
    for ref in doctree.findall(nodes.footnote_reference):
        if ref.get("refid") and not inside_footnote(ref):
            calls.setdefault(ref["refid"], ref)
    queue = list(calls)
    while queue:
        citing = queue.pop(0)
        footnote = footnotes.get(citing)
        if footnote is None:
            continue
        after = calls[citing]
        for inner in footnote.findall(nodes.footnote_reference):
            cited = inner.get("refid", "")
            if not cited or cited in calls or cited not in footnotes:
                continue
            call = inner.deepcopy()
            call["ids"] = [f"{inner['ids'][0]}-call" if inner["ids"] else f"{cited}-call"]
            footnotes[cited]["backrefs"].append(call["ids"][0])
            after.parent.insert(after.parent.index(after) + 1, call)
            calls[cited] = after = call
            queue.append(cited)
