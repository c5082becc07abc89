"""``.. technical-changes::``: the foreword's list of technical changes, from the diff.

GB/T 1.1-2020 8.3 has the foreword of a revision say which edition it replaces and
list its main technical changes, structural and editorial changes left out:

    本文件代替T/XQZC 1201—2026《…》，与T/XQZC 1201—2026相比，除结构调整和编辑性改动
    外，主要技术变化如下：
    a) 增加了术语“雷视一体机”（见3.3）；
    b) 删除了条款“学校和医院周边”（见2026年版的5.4.3）。

The directive writes that sentence and list from the change list against the edition
named by ``:against:`` (a version label or the dated number), so the list cannot drift
from the text. The editor words an item by a field whose name is the change's key (shown
by ``normkit diff --format markdown``); ``:<key>: -`` leaves a change out. A field whose
change no longer exists is reported with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from normkit.diagnostics import warn
from normkit.engine.git_source import NoRepository
from normkit.errors import NormkitError
from normkit.sphinxext.context import StandardContext, context_of
from normkit.versions.changes import Change, collect_changes
from normkit.versions.compare import redline
from normkit.versions.wording import where


class technical_changes(nodes.container):
    """Left by the directive, replaced by the sentence and the list once the document
    is resolved. Attribute ``against``; children: the editor's field list, if any."""


class TechnicalChangesDirective(SphinxDirective):
    """``.. technical-changes::`` with ``:against: T/XQZC 1201—2026``."""

    has_content = True
    option_spec = {"against": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        node = technical_changes(against=self.options.get("against", "").strip())
        self.set_source_info(node)
        if not node["against"]:
            warn(
                "technical-changes",
                "`.. technical-changes::` needs :against: (the edition this one revises)",
                node,
                "write `:against: T/XQZC 1201—2026` or `:against: 1.0`",
            )
        self.state.nested_parse(self.content, self.content_offset, node)
        for name in node.findall(nodes.field_name):  # a change's key, never translated
            name["translatable"] = False
        return [node]


def _wordings(node: technical_changes) -> dict[str, tuple[str, nodes.Element]]:
    """The editor's items: change key → (words, field), in the edition's language."""
    found = {}
    for field in node.findall(nodes.field):
        name, body = field[0].astext().strip(), field[1]
        words = " ".join(body.astext().split())
        if not words and body.next_node(nodes.bullet_list) is not None:
            words = "-"  # reStructuredText reads a lone "-" as an empty bullet list
        found[" ".join(name.split())] = (words, field)
    return found


class FillTechnicalChanges(SphinxPostTransform):
    """Writes the sentence and the lettered list in place of each directive."""

    default_priority = 870  # resolved references; before a redline replaces the document

    def is_supported(self) -> bool:
        """Not while extracting messages: the editor's items are what translators get."""
        return self.env._builder_cls.name != "gettext"  # as is_supported itself asks

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(technical_changes))
        if not placeholders or not hasattr(self.env, "normkit"):
            return
        ctx = context_of(self.env)
        for node in placeholders:
            node.replace_self(self.fill(ctx, node))

    def fill(self, ctx: StandardContext, node: technical_changes) -> list[nodes.Node]:
        """The lead-in and the items for one directive (the editor's own where given)."""
        from normkit.engine.doctree import digest_images
        from normkit.engine.doctree_cache import cached_doctree
        from normkit.versions.history import dated_version

        labels, standard = ctx.labels, ctx.standard
        wordings = _wordings(node)
        try:
            version = dated_version(ctx.root, standard, node["against"])
            old = cached_doctree(
                ctx.root, standard.number, ctx.edition, version.commit, version.label
            )
        except NormkitError as error:
            # No repository (an exported tree, a copy): the editor's items, as written.
            # A repository without the version (a shallow clone) is said.
            if not isinstance(error, NoRepository):
                warn(
                    "technical-changes",
                    f"the technical changes are not checked against {node['against']}: {error}",
                    node,
                    error.hint or "",
                )
            written = [words for words, _field in wordings.values() if words and words != "-"]
            return _rendered(written, labels, node["against"], ctx)
        digest_images(self.document, Path(self.env.srcdir))  # figures compare by content
        changes = [c for c in collect_changes(redline(old, self.document)) if c.technical]
        year = old.get("nk_year") or _year(node["against"])
        edition = labels.changes("edition_year", year=year) if year else node["against"]
        used: set[str] = set()
        items = []
        for change in changes:
            words, _field = wordings.get(change.key, ("", None))
            used.add(change.key)
            if words == "-":
                continue
            items.append(_item(change, words, labels, edition))
        for key, (_words, field) in wordings.items():
            if key not in used:
                warn(
                    "technical-changes",
                    f"the technical-changes item {key!r} names no change between "
                    f"{node['against']} and this text",
                    field,
                    "remove the item, or file it under the key `normkit diff --format "
                    "markdown` shows for the change",
                )
        return _rendered(items, labels, node["against"], ctx)


def _year(against: str) -> str:
    _, _, year = against.rpartition("—")
    return year if year.isdigit() else ""


def _item(change: Change, words: str, labels, edition: str) -> str:
    """One item: the editor's words (with the numbers added when they lack them)."""
    from normkit.versions.wording import describe

    if not words:
        return describe(change, labels, edition)
    has_numbers = "（见" in words or "see " in words
    return words if has_numbers else words + where(change, labels, edition)


def _rendered(items: list[str], labels, against: str, ctx: StandardContext) -> list[nodes.Node]:
    replaced = f"{against}《{ctx.system.title_of(ctx.standard.number, ctx.language)}》"
    if ctx.language != "zh_CN":
        replaced = against
    if not items:
        text = labels.changes("none_technical", against=against)
        return [nodes.paragraph(text, text, classes=["nk-technical-changes"])]
    lead = labels.changes("lead_in", replaced=replaced, against=against)
    listing = nodes.enumerated_list(enumtype="loweralpha", prefix="", suffix=")")
    for index, text in enumerate(items):
        end = labels.changes("item_end" if index == len(items) - 1 else "item_sep")
        listing += nodes.list_item("", nodes.paragraph("", text + end))
    return [nodes.paragraph(lead, lead, classes=["nk-technical-changes"]), listing]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the transform that fills it."""
    app.add_node(technical_changes)
    app.add_directive("technical-changes", TechnicalChangesDirective)
    app.add_post_transform(FillTechnicalChanges)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
