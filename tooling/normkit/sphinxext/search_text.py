"""The searchable text of a standard, from its resolved doctree: one chunk per clause,
term entry and the cover, each with its anchor, heading and text. The cover's heading
is the standard's dated number and title in the edition's language: what a search
result names the document by.

The HTML build writes the chunks beside the page (:data:`FILE`), and the search page
of the framework reads them back (normkit.writers.site_pages): nobody re-parses the
built HTML to find them.
"""

from __future__ import annotations

import re

from docutils import nodes

from normkit.layout import SEARCH_FILE
from normkit.sphinxext import nodes as nk

#: The file the HTML build writes into a standard's folder.
FILE = SEARCH_FILE

#: Nodes that start a chunk of their own (when they have an id to link to).
_CHUNKS = (nodes.section, nk.term_entry, nk.cover)

#: Nodes whose text names the chunk rather than being part of it.
_HEADINGS = (nodes.title, nk.term_head)

#: The cover lines that name the document (``field`` of normkit.sphinxext.cover).
_COVER_HEADING = ("number", "title")

#: Nodes that have no text a reader sees.
_SILENT = (nodes.comment, nodes.system_message, nodes.raw, nodes.substitution_definition)


def _squash(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _is_heading(node: nodes.Node) -> bool:
    return isinstance(node, _HEADINGS) or (
        isinstance(node, nodes.paragraph)
        and ("nk-term-number" in node["classes"] or node.get("field") in _COVER_HEADING)
    )


def search_chunks(doctree: nodes.Node) -> list[dict[str, str]]:
    """Chunks of ``anchor``, ``heading`` and ``text`` (whitespace squashed), in reading
    order; text belongs to the innermost chunk around it. A chunk's heading is its own
    title (or term head, or cover lines): a table's or figure's title inside it is text."""
    found: list[dict[str, list[str] | str]] = []

    def walk(node: nodes.Element, chunk: dict | None, owner: nodes.Element | None) -> None:
        for child in node.children:
            if isinstance(child, nodes.Text):
                if chunk is not None:
                    chunk["text"].append(str(child))
            elif isinstance(child, _SILENT):
                continue
            elif isinstance(child, _CHUNKS) and child.get("ids"):
                inner = {"anchor": child["ids"][0], "heading": [], "text": []}
                found.append(inner)
                walk(child, inner, child)
            elif chunk is not None and node is owner and _is_heading(child):
                chunk["heading"] += [child.astext(), " "]
            elif isinstance(child, nodes.Element):
                walk(child, chunk, owner)
                if chunk is not None and not isinstance(child, nodes.Inline):
                    chunk["text"].append(" ")  # blocks are apart, as a browser shows them

    if isinstance(doctree, nodes.Element):
        walk(doctree, None, None)
    chunks = []
    for chunk in found:
        heading, text = _squash(chunk["heading"]), _squash(chunk["text"])
        if heading or text:
            chunks.append({"anchor": chunk["anchor"], "heading": heading, "text": text})
    return chunks
