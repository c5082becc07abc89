"""A test-only Sphinx extension: marks a real, resolved standard as a redline would.

Until the diff engine writes redline doctrees, the writers are tested on the standard of
tests/roots/full with these marks (the "Redline" nodes of normkit.sphinxext.nodes):

- words changed in the scope's first paragraph and in the first term's definition
  (every paragraph of the block: in the bilingual edition both halves);
- a paragraph inserted and one deleted after it, in the scope;
- the first note of 5.1 moved after the second (moved-from / moved-to, one move id);
- a table row inserted into the first table and a cell's value changed; in the annex's
  table a row deleted and one inserted;
- the annex's last subclause inserted whole;
- the change list after the cover, written by the diff's own functions from the marks.

``redline_marks_mode`` ("redline", "old" or "new") writes the redline itself, or the
edition it says was there before or after: the same marks, applied. A test compares
the redline (changes accepted or rejected in LibreOffice, or read in a PDF) with those.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.bilingual import bilingual_pair
from normkit.sphinxext.context import context_of
from normkit.sphinxext.labels import Labels
from normkit.versions.changes import collect_changes
from normkit.versions.wording import change_list_node

#: The words the marks put in, by script of the text they go into.
NEW_WORDS = {"zh": "运行维护", "en": "operating rules"}
INSERTED = {
    "zh": "本文件也适用于改建的通信设施。",
    "en": "This document also applies to rebuilt facilities.",
}
DELETED = {"zh": "本文件不适用于临时设施。", "en": "It does not apply to temporary sites."}
NEW_CELL, OLD_CELL = "35", "30"
AUTHOR, DATE = "张三", "2026-05-01T08:30:00+08:00"


def _script(text: str) -> str:
    return "en" if text[:1].isascii() else "zh"


def _change_words(paragraph: nodes.paragraph) -> tuple[str, str] | None:
    """Delete a word of the paragraph's first text and insert others in its place;
    return (deleted, inserted)."""
    text = next(paragraph.findall(nodes.Text), None)
    if text is None or len(text) < 6 or (_script(str(text)) == "en" and str(text).count(" ") < 4):
        return None
    value = str(text)
    script = _script(value)
    if script == "en":
        words = value.split(" ")
        start = len(" ".join(words[:3])) + 1
        end = start + len(words[3]) + 1  # a word with its space, as a word diff cuts
    else:
        target = next((t for t in ("通信设施", "通信") if t in value), value[2:4])
        start = value.index(target)
        end = start + len(target)
    deleted, inserted = value[start:end], NEW_WORDS[script] + (" " if script == "en" else "")
    paragraph["nk_changed"] = "substantive"  # as the diff marks an element it changed
    parent = text.parent
    index = parent.index(text)
    parent.remove(text)
    parts = [
        nodes.Text(value[:start]),
        nk.redline_delete("", nodes.Text(deleted)),
        nk.redline_insert("", nodes.Text(inserted)),
        nodes.Text(value[end:]),
    ]
    for offset, part in enumerate(parts):
        parent.insert(index + offset, part)
    return deleted, inserted


def _copy_with_text(block: nodes.Element, texts: dict[str, str]) -> nodes.Element:
    """A copy of a paragraph (or bilingual pair) whose paragraphs say ``texts``."""
    copy = block.deepcopy()
    for paragraph in list(copy.findall(nodes.paragraph)):
        value = paragraph.astext()
        paragraph.children = []
        paragraph += nodes.Text(texts[_script(value)])
    copy["ids"] = []
    return copy


def _first_block(section: nodes.section) -> nodes.Element:
    return next(c for c in section.children if isinstance(c, (nodes.paragraph, bilingual_pair)))


def _ident(document: nodes.document, node: nodes.Element, name: str) -> str:
    if not node["ids"]:
        node["ids"].append(name)
        document.ids[name] = node
    return node["ids"][0]


def mark(document: nodes.document, labels: Labels) -> None:
    """Put the marks listed in the module's docstring into a resolved standard."""
    sections = [s for s in document.findall(nodes.section) if s.get("nk_number")]
    scope = sections[0]

    def item(kind: str, element: str, node: nodes.Element, old: str, new: str, name: str):
        _ident(document, node, name)  # the diff gives every changed element an id

    first = _first_block(scope)
    for paragraph in first.findall(nodes.paragraph):
        _change_words(paragraph)
    item("modified", "clause", first, "1", "1", "rl-scope")
    inserted = _copy_with_text(first, INSERTED)
    inserted["redline"] = "inserted"
    deleted = _copy_with_text(first, DELETED)
    deleted["redline"] = "deleted"
    at = scope.index(first)
    scope.insert(at + 1, inserted)
    scope.insert(at + 2, deleted)
    item("added", "paragraph", inserted, "", "1", "rl-added")
    item("deleted", "paragraph", deleted, "1", "", "rl-deleted")

    term = next(document.findall(nk.term_entry))
    definition = next(
        c
        for c in term.children
        if isinstance(c, (nodes.paragraph, bilingual_pair))
        and not isinstance(c, nk.term_head)
        and "nk-term-number" not in c["classes"]
    )
    for paragraph in definition.findall(nodes.paragraph):
        _change_words(paragraph)
    item("modified", "term", term, term.get("number", ""), term.get("number", ""), "rl-term")

    notes = list(document.findall(nk.std_note))
    site_notes = [n for n in notes if not isinstance(n.parent, nk.term_entry)]
    moved_from, after = site_notes[0], site_notes[1]
    moved_to = moved_from.deepcopy()
    moved_to["ids"] = []
    moved_from["redline"], moved_to["redline"] = "moved-from", "moved-to"
    moved_from["redline_move"] = moved_to["redline_move"] = "move-1"
    after.parent.insert(after.parent.index(after) + 1, moved_to)
    clause = after.parent.get("nk_number", "")
    item("moved", "note", moved_to, clause, clause, "rl-moved")
    _ident(document, moved_from, "rl-moved-from")

    tables = list(document.findall(nodes.table))
    body = next(tables[0].findall(nodes.tbody))
    row = body.children[0]
    cell = next(c for c in row.findall(nodes.Text) if str(c) == OLD_CELL)
    cell.parent["nk_changed"] = "substantive"
    cell.parent.replace(
        cell,
        [nk.redline_delete("", nodes.Text(OLD_CELL)), nk.redline_insert("", nodes.Text(NEW_CELL))],
    )
    new_row = row.deepcopy()
    for text, value in zip(list(new_row.findall(nodes.Text)), ("微站", "10"), strict=False):
        text.parent.replace(text, nodes.Text(value))
    for mark_node in list(new_row.findall(nk.redline_delete)):
        mark_node.parent.remove(mark_node)
    for mark_node in list(new_row.findall(nk.redline_insert)):
        mark_node.parent.replace(mark_node, mark_node.children[0])
    new_row["redline"] = "inserted"
    body += new_row
    item("added", "row", new_row, "", "", "rl-row-added")

    annex_body = next(tables[1].findall(nodes.tbody))
    old_row = annex_body.children[0]
    old_row["redline"] = "deleted"
    replacement = old_row.deepcopy()
    replacement["redline"] = "inserted"
    for text, value in zip(list(replacement.findall(nodes.Text)), ("b", "2"), strict=False):
        text.parent.replace(text, nodes.Text(value))
    annex_body += replacement
    item("deleted", "row", old_row, "A.1", "", "rl-row-deleted")
    item("added", "row", replacement, "", "A.1", "rl-row-new")

    annex_sub = [s for s in sections if s.get("nk_number", "").startswith("A.")][-1]
    annex_sub["redline"] = "inserted"
    item("added", "clause", annex_sub, "", annex_sub["nk_number"], "rl-annex-sub")

    # The change list as normkit diff writes it, from the same marks.
    listing = change_list_node(collect_changes(document), labels, "1.0", "1.1")
    cover = next(document.findall(nk.cover))
    cover.parent.insert(cover.parent.index(cover) + 1, listing)
    document["redline_old"], document["redline_new"] = "1.0", "1.1"
    document["redline_author"], document["redline_date"] = AUTHOR, DATE


def apply(document: nodes.document, mode: str) -> None:
    """Turn the marked standard into the edition before ("old") or after ("new")."""
    gone, kept = ("inserted", "moved-to"), ("deleted", "moved-from")
    drop, keep = (nk.redline_insert, nk.redline_delete)
    if mode == "new":
        gone, kept = kept, gone
        drop, keep = keep, drop
    for node in list(document.findall(nodes.Element)):
        if node.get("redline") in gone and node.parent is not None:
            node.parent.remove(node)
        elif node.get("redline") in kept:
            del node["redline"]
    for node in list(document.findall(drop)):
        node.parent.remove(node)
    for node in list(document.findall(keep)):
        node.parent.replace(node, node.children[0])
    for key in ("redline_old", "redline_new", "redline_author", "redline_date"):
        document.attributes.pop(key, None)


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != app.config.root_doc:
        return
    mark(doctree, context_of(app.env).labels)
    if app.config.redline_marks_mode in ("old", "new"):
        apply(doctree, app.config.redline_marks_mode)


def setup(app: Sphinx) -> dict[str, Any]:
    """Mark every resolved root document (tests only)."""
    app.add_config_value("redline_marks_mode", "redline", "", types=[str])
    app.connect("doctree-resolved", _resolved, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
