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

import re
from dataclasses import dataclass, replace
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
from normkit.sphinxext.bilingual import pair_up, translation_classes
from normkit.sphinxext.context import StandardContext, context_of
from normkit.sphinxext.labels import Labels, load_labels
from normkit.sphinxext.unbreakable import wrap_unbreakable
from normkit.versions.changes import Change, collect_changes, translated_title
from normkit.versions.compare import redline
from normkit.versions.history import Version
from normkit.versions.wording import describe, places, where


class technical_changes(nodes.container):
    """Left by the directive, replaced by the sentence and the list once the document
    is resolved. Attribute ``against``; children: the editor's field list, if any."""


class TechnicalChangesDirective(SphinxDirective):
    """``.. technical-changes::`` with ``:against: T/XQZC 1201—2026``."""

    has_content = True
    option_spec = {"against": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        node = technical_changes(
            against=self.options.get("against", "").strip(), nk_states_replaced=True
        )
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


@dataclass(frozen=True)
class Wording:
    """An editor's item: its words in the edition's language (the master's in the
    bilingual edition), the translation's words (bilingual edition only), its field."""

    words: str
    translated: str
    field: nodes.field


def _words(body: nodes.Element, translation: bool) -> str:
    """The words of a field body: its master half, or its translation half."""
    parts = [
        p.astext()
        for p in body.findall(nodes.paragraph)
        if ("nk-translation" in p["classes"]) == translation
        and "nk-untranslated" not in p["classes"]
    ]
    return " ".join(" ".join(parts).split())


def _wordings(node: technical_changes) -> dict[str, Wording]:
    """The editor's items by change key."""
    found = {}
    for field in node.findall(nodes.field):
        name, body = field[0].astext().strip(), field[1]
        words = _words(body, translation=False)
        if not words and body.next_node(nodes.bullet_list) is not None:
            words = "-"  # reStructuredText reads a lone "-" as an empty bullet list
        found[" ".join(name.split())] = Wording(words, _words(body, translation=True), field)
    return found


@dataclass(frozen=True)
class Listed:
    """A technical change as the foreword lists it: the change in the master's words
    (what is listed, and its numbers) and, in this edition's language, the title and
    label of its element (``shown``); ``translated`` the same in the bilingual edition's
    second language."""

    change: Change
    shown: Change
    translated: Change | None = None


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
        from normkit.versions.history import dated_version

        wordings = _wordings(node)
        # A release builds from an exported tree: the history is the releasing repository's.
        history = Path(ctx.config.history) if ctx.config.history else ctx.root
        try:
            version = dated_version(history, ctx.standard, node["against"])
            worded = {k for k, w in wordings.items() if w.words != "-"}
            listed, year, existing = self.changes(ctx, history, version, worded)
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
            written = [
                (w.words, w.translated or None)
                for w in wordings.values()
                if w.words and w.words != "-"
            ]
            return _rendered(written, node["against"], ctx)
        year = year or _year(node["against"])
        items: list[tuple[str, str | None]] = []
        used: set[str] = set()
        second = _second_labels(ctx)
        shown: list[Change] = []
        keep: tuple[str, ...] = ()
        for entry in listed:
            key = entry.change.key
            wording = wordings.get(key, Wording("", "", nodes.field()))
            used.add(key)
            if wording.words == "-":
                continue
            first = _item(
                entry.shown, wording.words, ctx.labels, _edition(ctx.labels, year, node["against"])
            )
            other = None
            if second is not None and entry.translated is not None:
                other = _item(
                    entry.translated,
                    wording.translated,
                    second,
                    _edition(second, year, node["against"]),
                )
            items.append((first, other))
            shown.append(entry.shown)
            if entry.translated is not None and second is not None:
                keep += places([entry.translated], second)
        for key, wording in wordings.items():
            if key not in used and not (wording.words == "-" and key in existing):
                warn(
                    "technical-changes",
                    f"the technical-changes item {key!r} names no change between "
                    f"{node['against']} and this text",
                    wording.field,
                    "remove the item, or file it under the key `normkit diff --format "
                    "markdown` shows for the change",
                )
        rendered = _rendered(items, node["against"], ctx)
        # Written after the text's numbers were kept whole: its own are kept here, and
        # the places it cites ("Figure 2", not "Figure ⏎ 2").
        for part in rendered:
            wrap_unbreakable(part, places(shown, ctx.labels) + keep)
        return rendered

    def changes(
        self, ctx: StandardContext, history: Path, version: Version, worded: set[str]
    ) -> tuple[list[Listed], str, set[str]]:
        """The technical changes since ``version``, the year of its edition and the keys
        of every change (technical or not).

        What changed is the master text's business: a translation reworded is no
        technical change, a master sentence changed is one in every edition. The diff
        of this edition's own text gives the words its items name elements by. A change
        the diff counts as editorial is listed when the editor words it (``worded``):
        the committee decides what is technical; a ``-`` for it is no stale item.
        """
        from normkit.engine.doctree import digest_images
        from normkit.engine.doctree_cache import cached_doctree

        number, master = ctx.standard.number, ctx.master_language
        old = cached_doctree(history, number, ctx.edition, version.commit, version.label)
        digest_images(self.document, Path(self.env.srcdir))  # figures compare by content
        marked = redline(old, self.document)
        here = collect_changes(marked)
        if ctx.edition == master:
            listed = here
        else:
            old_master = cached_doctree(history, number, master, version.commit, version.label)
            new_master = cached_doctree(ctx.root, number, master, None, "the working tree")
            listed = collect_changes(redline(old_master, new_master))
        shown = {c.key: c for c in here}
        nodes_by_id = {n["ids"][0]: n for n in marked.findall(nodes.Element) if n["ids"]}
        second = _second_labels(ctx)
        found = []
        for change in listed:
            if not change.technical and change.key not in worded:
                continue
            # Named in this edition's words; never in the master's inside a translation.
            own = shown.get(change.key)
            if own is not None:
                title, label = own.title, own.label
            else:
                title = change.title if ctx.edition in (master, "bilingual") else ""
                label = _relabelled(change, ctx.labels)
            entry = replace(change, title=title, label=label)
            translated = None
            if second is not None:
                node = nodes_by_id.get(own.refid) if own is not None else None
                words = (
                    translated_title(node, "old" if change.kind == "deleted" else "new")
                    if node
                    else ""
                )
                translated = replace(change, title=words, label=_relabelled(change, second))
            found.append(Listed(change, entry, translated))
        return found, old.get("nk_year", ""), {c.key for c in listed}


def _second_labels(ctx: StandardContext) -> Labels | None:
    """The labels of the bilingual edition's second language (None in other editions)."""
    second = ctx.system.settings.bilingual_language
    if ctx.edition != "bilingual" or not second:
        return None
    return load_labels(ctx.root, second)


_LABEL_NUMBER = re.compile(r"[A-Z]?\d+(?:\.\d+)*$")


def _relabelled(change: Change, labels: Labels) -> str:
    """A table's or figure's label in another language: "表A.1" → "Table A.1"."""
    found = _LABEL_NUMBER.search(change.label) if change.label else None
    if found is None or change.element not in ("table", "figure"):
        return change.label
    return labels.label(change.element, found.group())


def _edition(labels: Labels, year: str, against: str) -> str:
    """How an item names the replaced edition: "2026年版", "the 2026 edition"."""
    return labels.changes("edition_year", year=year) if year else against


def _year(against: str) -> str:
    _, _, year = against.rpartition("—")
    return year if year.isdigit() else ""


def _item(change: Change, words: str, labels: Labels, edition: str) -> str:
    """One item: the editor's words (with the numbers added when they lack them)."""
    if not words:
        return describe(change, labels, edition)
    has_numbers = any(see in words for see in ("（见", "(see ", "; see "))
    return words if has_numbers else words + where(change, labels, edition)


def _lead(labels: Labels, against: str, ctx: StandardContext, items: list[str]) -> str:
    """ "本文件代替T/XQZC 1201—2026《…》，与T/XQZC 1201—2026相比…": what the edition
    replaces (its ``supersedes``, else the edition it is compared with), titled in
    Chinese as GB/T 1.1-2020 writes it; a single change is said in the same sentence
    (a list has two items or more), and no technical change is said too."""
    names = []
    for dated in ctx.replaced or [against]:
        number = dated.rpartition("—")[0] or dated
        title = ctx.system.title_of(number, labels.language) if labels.language == "zh_CN" else ""
        names.append(f"{dated}《{title}》" if title else dated)
    replaced = labels.label("list_sep").join(names)
    if not items:  # still the edition it replaces, said as every revision says it
        return labels.changes("none_technical", replaced=replaced, against=against)
    if len(items) == 1:
        return labels.changes("lead_in_one", replaced=replaced, against=against, item=items[0])
    return labels.changes("lead_in", replaced=replaced, against=against)


def _rendered(
    items: list[tuple[str, str | None]], against: str, ctx: StandardContext
) -> list[nodes.Node]:
    """The lead-in and the list: lettered "a)" in the master language (GB/T 1.1-2020
    7.5), dashed "—" in a translation (ISO/IEC Directives Part 2), and in the bilingual
    edition each paragraph and item with its translation beside it."""
    labels = ctx.labels
    lead_text = _lead(labels, against, ctx, [text for text, _ in items])
    lead: nodes.Element = nodes.paragraph(lead_text, lead_text, classes=["nk-technical-changes"])
    second = _second_labels(ctx)
    if second is not None:
        words = [other or text for text, other in items]  # untranslated: the master's
        other = _lead(second, against, ctx, words)
        lead = pair_up(lead, _translated(other, second.language), second.language)
    if len(items) < 2:
        return [lead]
    if ctx.language == ctx.master_language:
        listing = nodes.enumerated_list(enumtype="loweralpha", prefix="", suffix=")")
    else:
        listing = nodes.bullet_list(bullet="-")
    for index, (text, other_text) in enumerate(items):
        last = index == len(items) - 1
        end = "item_end" if last else "item_sep"
        paragraph: nodes.Element = nodes.paragraph("", text + labels.changes(end))
        if second is not None and other_text:
            half = _translated(other_text + second.changes(end), second.language)
            paragraph = pair_up(paragraph, half, second.language)
        listing += nodes.list_item("", paragraph)
    return [lead, listing]


def _translated(text: str, language: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=translation_classes(language), lang=language)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, its node and the transform that fills it."""
    app.add_node(technical_changes)
    app.add_directive("technical-changes", TechnicalChangesDirective)
    app.add_post_transform(FillTechnicalChanges)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
