"""Redline marks in HTML: the HTML edition and the print HTML the PDF is made from.

- Words: ``<ins>`` / ``<del>`` (underlined / struck through by the stylesheets, so the
  marks survive greyscale printing and colour-blind reading).
- Whole elements inserted, deleted or moved carry the classes ``nk-rl`` and
  ``nk-rl-inserted`` (``-deleted``, ``-moved-from``, ``-moved-to``); an element whose
  words changed carries ``nk-rl-changed``. The stylesheets draw the change bar in the
  margin from these classes: templates/html/normkit/static/normkit.css and
  templates/print/print.css.
- A screen reader hears "inserted:" / "deleted:" … (visually hidden words of
  templates/labels, HTML only: print has no reader to tell, and a PDF's text must
  stay the document's).
- The change list (after the cover): a heading, a legend of the marks, and one linked
  item per change.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors
from normkit.sphinxext.context import context_of
from normkit.sphinxext.labels import Labels, load_labels
from normkit.sphinxext.titles import has_word_changes
from normkit.writers.redline import block_change, change_list_heading

#: Elements whose HTML cannot hold a read-aloud label: it goes into the first of their
#: descendants that can (a table's first cell, a list's first item).
_NO_PHRASING = (
    nodes.table,
    nodes.tgroup,
    nodes.thead,
    nodes.tbody,
    nodes.row,
    nodes.colspec,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
)
#: Elements that hold words directly: one with inserted or deleted words gets a bar.
_TEXT_BLOCKS = (nodes.paragraph, nodes.title, nodes.caption, nodes.entry, nodes.term)
_SR_KEY = {
    "inserted": "sr_inserted",
    "deleted": "sr_deleted",
    "moved-from": "sr_moved_from",
    "moved-to": "sr_moved_to",
}


class RedlineHTMLMixin:
    """Renders the redline nodes and attributes; mixed into an HTML5 translator."""

    #: Whether to write the visually hidden words a screen reader announces.
    redline_read_aloud = True

    body: list[str]
    builder: Any
    starttag: Any  # the HTML translator's

    @property
    def redline_labels(self) -> Labels:
        """The label table of the edition being written."""
        return context_of(self.builder.env).labels

    def _read_aloud(self, kind: str, node: nodes.Node) -> str:
        """The visually hidden words announcing a change, in the language of the text
        they stand in (the translation half of a bilingual edition has its own)."""
        if not self.redline_read_aloud:
            return ""
        labels = self.redline_labels
        language = next(
            (
                a["lang"]
                for a in ancestors(node, include_self=True)
                if isinstance(a, nodes.Element) and a.get("lang")
            ),
            labels.language,
        )
        if language != labels.language:
            labels = load_labels(context_of(self.builder.env).root, language)
        words = html.escape(labels.redline(_SR_KEY[kind]))
        return f'<span class="nk-sr-only">{words}</span>'

    # -- whole elements: classes on the element, the read-aloud label inside it --------
    def dispatch_visit(self, node: nodes.Node) -> None:
        """Mark a changed element with its classes before its own visitor writes it."""
        kind = block_change(node)
        if kind:
            assert isinstance(node, nodes.Element)
            for cls in ("nk-rl", f"nk-rl-{kind}"):
                if cls not in node["classes"]:
                    node["classes"].append(cls)
        elif (
            isinstance(node, _TEXT_BLOCKS)
            and "nk-rl-changed" not in node["classes"]
            and has_word_changes(node)
        ):
            node["classes"].append("nk-rl-changed")
        super().dispatch_visit(node)  # type: ignore[misc]
        pending = getattr(self, "_rl_pending", "")
        if isinstance(node, _NO_PHRASING):  # the words go into its first cell or item
            self._rl_pending = pending or kind
        elif (
            (kind or pending)
            and isinstance(node, nodes.Element)
            and not isinstance(node, nodes.Inline)
        ):
            self.body.append(self._read_aloud(pending or kind, node))
            self._rl_pending = ""

    # -- words --------------------------------------------------------------------------
    def visit_redline_insert(self, node: nk.redline_insert) -> None:
        """Inserted words: ``<ins>`` with its read-aloud label."""
        self.body.append(self.starttag(node, "ins", "", CLASS="nk-rl-ins"))
        self.body.append(self._read_aloud("inserted", node))

    def depart_redline_insert(self, node: nk.redline_insert) -> None:
        """Close the insertion."""
        self.body.append("</ins>")

    def visit_redline_delete(self, node: nk.redline_delete) -> None:
        """Deleted words: ``<del>`` with its read-aloud label."""
        self.body.append(self.starttag(node, "del", "", CLASS="nk-rl-del"))
        self.body.append(self._read_aloud("deleted", node))

    def depart_redline_delete(self, node: nk.redline_delete) -> None:
        """Close the deletion."""
        self.body.append("</del>")

    # -- the change list ------------------------------------------------------------------
    def visit_change_list(self, node: nk.change_list) -> None:
        """The change list: its heading, a legend of the marks, then its items."""
        labels = self.redline_labels
        heading = html.escape(change_list_heading(node, labels))
        node["ids"] = node["ids"] or ["nk-changes"]
        labelled = {"aria-labelledby": "nk-changes-title"}
        self.body.append(self.starttag(node, "section", "", CLASS="nk-changes", **labelled))
        self.body.append(
            f'<h2 class="nk-changes-title" id="nk-changes-title" data-nk-bookmark="{heading}">'
            f"{heading}</h2>\n"
        )
        self.body.append(self._legend(labels))
        self._rl_list_open = False
        if not any(isinstance(child, nk.change_item) for child in node.children):
            none = html.escape(labels.changes("none"))
            self.body.append(f'<p class="nk-changes-none">{none}</p>\n')

    def depart_change_list(self, node: nk.change_list) -> None:
        """Close the list and its section."""
        self.body.append("</ol>\n</section>\n" if self._rl_list_open else "</section>\n")

    @staticmethod
    def _legend(labels: Labels) -> str:
        """Each mark shown on the words that name it."""

        def word(key: str) -> str:
            return html.escape(labels.redline(key))

        entries = [
            f'<ins class="nk-rl-ins">{word("legend_inserted")}</ins>',
            f'<del class="nk-rl-del">{word("legend_deleted")}</del>',
            f'<span class="nk-rl-moved-to">{word("legend_moved")}</span>',
            f'<span class="nk-rl-sample nk-rl-bar" aria-hidden="true"></span>{word("legend_bar")}',
        ]
        items = "".join(f"<li>{entry}</li>" for entry in entries)
        return (
            f'<div class="nk-rl-legend"><p class="nk-rl-legend-title">{word("legend")}</p>'
            f"<ul>{items}</ul></div>\n"
        )

    def visit_change_item(self, node: nk.change_item) -> None:
        """One change (its words link to the changed element)."""
        if not getattr(self, "_rl_list_open", False):
            self.body.append('<ol class="nk-changes-items">\n')
            self._rl_list_open = True
        kind = html.escape(str(node.get("kind", "")), quote=True)
        self.body.append(self.starttag(node, "li", "", CLASS=f"nk-change nk-change-{kind}"))
        refid = node.get("refid", "")
        # The diff links the item's words; an item without a link of its own gets one.
        node["nk_linked"] = bool(refid) and next(node.findall(nodes.reference), None) is None
        if node["nk_linked"]:
            self.body.append(f'<a class="nk-change-link" href="#{html.escape(refid, quote=True)}">')

    def depart_change_item(self, node: nk.change_item) -> None:
        """Close the link and the item."""
        self.body.append("</a></li>\n" if node.get("nk_linked") else "</li>\n")


class RedlineHTML5Translator(RedlineHTMLMixin, HTML5Translator):
    """Sphinx's HTML5 translator that also renders redline editions."""


def setup(app: Sphinx) -> dict[str, Any]:
    """Use the redline-aware translator for the HTML builders."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, RedlineHTML5Translator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
