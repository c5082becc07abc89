"""Number and label a standard: clauses, annexes, terms, tables, figures, notes, examples.

Runs after translation (Sphinx's Locale transform, priority 20), so catalogs never see
a number or a generated word. Each step cites the rule it implements.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.diagnostics import warn
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import nearest
from normkit.sphinxext.bilingual import pair_up, translation_classes
from normkit.sphinxext.context import StandardContext, context_of
from normkit.sphinxext.identity import derived_id, identity_of
from normkit.sphinxext.labels import Labels, load_labels
from normkit.sphinxext.nodes import bilingual_pair

_UNNUMBERED = (nk.foreword, nk.introduction, nk.bibliography)


def _warn(message: str, node: nodes.Node, subtype: str, hint: str = "") -> None:
    warn(subtype, message, _located(node), hint)


def _located(node: nodes.Node) -> nodes.Node:
    """The node itself if it knows its line, else its first descendant that does."""
    if node.line:
        return node
    return next((n for n in node.findall() if n.line), node)


def _stable_id(document: nodes.document, node: nodes.Element, prefix: str, number: str) -> None:
    """Give a numbered element its permalink id (first) and its stable id (``nk_id``).

    An author's label (``.. _cl-site:``, ``:name: tab-sites``) wins: it survives
    insertions. Otherwise the permalink readers see comes from the number (clause-4-1,
    table-a-1), since docutils would give a Chinese title a counter (id8) that shifts
    with every edit, and the stable id, derived from the element's title or term (see
    normkit.sphinxext.identity), is added beside it. Links and bookmarks use the first
    id; the diff aligns on ``nk_id``.
    """
    explicit = [
        document.nameids[name]
        for name in node["names"]
        if document.nametypes.get(name) and document.nameids.get(name) in node["ids"]
    ]
    numbered = f"{prefix}-{number.lower().replace('.', '-')}"
    new = explicit[0] if explicit else numbered
    if new in node["ids"]:
        node["ids"].remove(new)
    elif new in document.ids:
        return
    node["ids"].insert(0, new)
    document.ids[new] = node
    if explicit:
        node["nk_id"] = new
        # The numbered anchor too, so that a deep link from the number (#clause-4-1)
        # works whether or not the author labelled the clause.
        if numbered not in document.ids:
            node["ids"].append(numbered)
            document.ids[numbered] = node
        return
    identity = identity_of(node)
    if not identity:  # nothing says what it is: its number is all there is
        node["nk_id"] = new
        return
    stable = derived_id(prefix, identity, set(document.ids))
    node["ids"].append(stable)
    node["nk_id"] = stable
    document.ids[stable] = node


class NumberStandard(SphinxTransform):
    """Gives every element of a standard its number and its localised label."""

    default_priority = 400

    def apply(self, **kwargs: object) -> None:
        if not hasattr(self.env, "normkit"):
            return
        ctx = context_of(self.env)
        self.labels = ctx.labels
        self.root = ctx.root
        self.domain = self.env.get_domain("nk")
        self.docname = self.env.docname
        _lift_unnumbered(self.document)
        _mark_annexes(self.document)
        self.number_clauses(ctx)
        self.number_tables_and_figures()
        _attach_table_notes(self.document)
        self.label_notes_and_examples()
        _generated_sentences(self.document, ctx)

    # GB/T 1.1-2020 7.2–7.3 / ISO Directives Part 2 22: clauses 1, 2 …; subclauses
    # 5.1, 5.1.1; annexes A, B with their status (GB/T 1.1-2020 8.10.3); term entries
    # are numbered like subclauses (GB/T 1.1-2020 8.5.4.1).
    def number_clauses(self, ctx: StandardContext) -> None:
        clause, annex = 0, 0
        for section in _children(self.document, nodes.section):
            if isinstance(section, _UNNUMBERED):
                continue
            if section.get("nk_annex_status"):
                letter = string.ascii_uppercase[annex]
                annex += 1
                self.label_annex(section, letter)
                self.number_children(section, letter, annex=letter)
            else:
                clause += 1
                self.label_section(section, str(clause), "clause")
                self.number_children(section, str(clause), annex="")

    def number_children(self, parent: nodes.Element, prefix: str, annex: str) -> None:
        count = 0
        for child in parent.children:
            if isinstance(child, nodes.section) and not isinstance(child, _UNNUMBERED):
                count += 1
                number = f"{prefix}.{count}"
                self.label_section(child, number, "subclause")
                child["nk_annex"] = annex
                self.number_children(child, number, annex)
            elif isinstance(child, nk.term_entry):
                count += 1
                self.label_term(child, f"{prefix}.{count}")
        if _has_subclauses(parent) and _single_subclause(parent):
            # ISO/IEC Directives Part 2, 22.3.2: a subclause should not stand alone.
            _warn(
                f"clause {prefix} has a single subclause; a subclause should not stand "
                "alone (ISO/IEC Directives Part 2, 22.3.2)",
                parent,
                "single-subclause",
                "add a second subclause, or merge this one into its clause",
            )

    def label_section(self, section: nodes.section, number: str, kind: str) -> None:
        section["nk_number"] = number
        _stable_id(self.document, section, "clause", number)
        title = section[0]
        title.insert(0, nodes.Text(self.labels.label("number_sep")))
        title.insert(0, nk.generated_text(number, number, kind=kind, classes=["nk-number"]))
        for name in section["names"]:
            self.domain.note_label(name, self.docname, section["ids"][0], kind, number)

    def label_annex(self, section: nodes.section, letter: str) -> None:
        section["nk_number"] = letter
        _stable_id(self.document, section, "annex", letter)
        status = section["nk_annex_status"]
        label = self.labels.label("annex", letter)
        title = section[0]
        status_text = self.labels.label(status)
        title.insert(
            0,
            nk.generated_text(
                status_text, status_text, kind="annex-status", classes=["nk-annex-status"]
            ),
        )
        title.insert(0, nk.generated_text(label, label, kind="annex", classes=["nk-annex-label"]))
        section["classes"].append(f"nk-annex-{status}")
        for name in section["names"]:
            self.domain.note_label(name, self.docname, section["ids"][0], "annex", letter)

    def label_term(self, entry: nk.term_entry, number: str) -> None:
        entry["number"] = number
        entry["nk_id"] = entry["ids"][0]  # from its name or its term: already stable
        head = entry.next_node(nk.term_head)
        language, master = self.env.normkit.language, self.env.normkit.master_language
        term = entry["term"]
        equivalents = dict(entry["equivalents"])
        equivalents.setdefault(master, term)
        preferred = equivalents.get(language) or term
        number_line = nodes.paragraph("", "", classes=["nk-term-number"])
        number_line += nk.generated_text(number, number, kind="term", classes=["nk-number"])
        head.parent.insert(head.parent.index(head), number_line)
        head += nk.term_preferred(preferred, preferred)
        abbreviation: list[nodes.Node] = []
        if entry.get("abbr"):
            abbr = entry["abbr"]
            separator = nodes.Text(self.labels.label("list_sep"))
            abbreviation = [separator, nodes.strong(abbr, abbr, classes=["nk-term-abbr"])]
        # The abbreviation follows the term it abbreviates, the Latin one: in a
        # translation after the preferred term ("roadside unit; RSU"), in the master
        # edition after the equivalents ("路侧单元　roadside unit；RSU", GB/T 1.1-2020 8.5.3).
        if language != master:
            head += abbreviation
        for lang, text in equivalents.items():
            if lang != language:
                head += nodes.Text(self.labels.label("equivalent_sep"))
                head += nk.term_equivalent(text, text, language=lang)
        if language == master:
            head += abbreviation
        # "［来源：…］" / "[SOURCE: …]": in the bilingual edition both halves of the
        # source line, each in its own words.
        for source in list(entry.findall(nk.term_source)):
            pair = source.parent
            labels = self.labels
            if isinstance(pair, bilingual_pair) and pair.index(source) == 1:
                labels = load_labels(self.root, pair["language"])
            opening = labels.label("open_bracket") + labels.label("source")
            source.insert(0, nk.generated_text(opening, opening))
            source += nk.generated_text("", labels.label("close_bracket"))
        for name in entry["names"]:
            self.domain.note_label(name, self.docname, entry["ids"][0], "term", number)
        for key in {term, *equivalents.values(), entry.get("abbr")} - {None, ""}:
            self.domain.note_term(key, self.docname, entry["ids"][0], number)

    # GB/T 1.1-2020 8.7 (tables) and 8.8 (figures): numbered through the document,
    # in annexes restarting as 表A.1 / 图A.1; every table and figure has a title.
    def number_tables_and_figures(self) -> None:
        counters: dict[tuple[str, str], int] = {}
        for node in self.document.findall(_is_table_or_figure):
            kind = "table" if isinstance(node, nodes.table) else "figure"
            section = _numbered_ancestor(node)
            annex = _annex_of(section)
            key = (kind, annex)
            counters[key] = counters.get(key, 0) + 1
            number = f"{annex}.{counters[key]}" if annex else str(counters[key])
            node["nk_number"] = number
            if kind == "table":  # the title of its part on each further page
                node["nk_continued"] = self.labels.label("table_continued", number)
                translated = self.continued_translation(number)
                if translated:
                    node["nk_continued_translation"] = translated
            _stable_id(self.document, node, kind, number)
            caption_class = nodes.title if kind == "table" else nodes.caption
            caption = next((c for c in node.children if isinstance(c, caption_class)), None)
            if caption is None:
                what = "table" if kind == "table" else "figure"
                _warn(
                    f"{what} {number} has no title: every {what} of a standard has one "
                    f"(GB/T 1.1-2020 {'8.7' if kind == 'table' else '8.8'})",
                    node,
                    f"{kind}-title",
                    "write `.. table:: Title`" if kind == "table" else "add a caption",
                )
            else:
                label = self.labels.label(kind, number)
                caption.insert(0, nodes.Text(self.labels.label("caption_sep")))
                caption.insert(0, nk.generated_text(label, label, kind=kind, classes=["nk-number"]))
            node_id = node["ids"][0] if node["ids"] else ""
            for name in node["names"]:
                self.domain.note_label(name, self.docname, node_id, kind, number)

    def continued_translation(self, number: str) -> str:
        """In the bilingual edition, the continued title in the second language ("Table 2
        (continued)"), set after "表2（续）" as its captions give both; else ""."""
        second = self.env.normkit.system.settings.bilingual_language
        if self.env.normkit.edition != "bilingual" or not second:
            return ""
        return load_labels(self.root, second).label("table_continued", number)

    # GB/T 1.1-2020 8.9.2–8.9.3: notes and examples numbered within their clause
    # ("注1：", "注2："); a lone one is unnumbered ("注："). Notes to entry are always
    # numbered (GB/T 1.1-2020 8.5.4.2).
    def label_notes_and_examples(self) -> None:
        for note in list(self.document.findall(nodes.note)):
            replacement = nk.std_note("", *note.children, classes=["nk-note"])
            replacement.source, replacement.line = note.source, note.line
            replacement["ids"], replacement["names"] = note["ids"], note["names"]
            note.replace_self(replacement)
        for kind, cls in (("note", nk.std_note), ("example", nk.std_example)):
            groups: dict[int, list[nodes.Element]] = {}
            for node in self.document.findall(cls):
                owner = _owner(node)
                groups.setdefault(id(owner), []).append(node)
            for members in groups.values():
                in_term = isinstance(_owner(members[0]), nk.term_entry)
                for index, node in enumerate(members, start=1):
                    if in_term and kind == "note":
                        key, n = "note_to_entry", index
                    elif len(members) == 1:
                        key, n = kind, ""
                    else:
                        key, n = f"{kind}_numbered", index
                    node["number"] = str(n)
                    label = _label(self.labels, kind, key, n)
                    first = node.children[0] if node.children else None
                    if isinstance(first, bilingual_pair) and len(first.children) == 2:
                        # Each half of the bilingual edition in its own words: 注1： / NOTE 1
                        second = load_labels(self.root, first["language"])
                        first[0].insert(0, label)
                        first[1].insert(0, _label(second, kind, key, n))
                    elif isinstance(first, nodes.paragraph):
                        first.insert(0, label)
                    else:
                        node.insert(0, nodes.paragraph("", "", label))


def _label(labels: Labels, kind: str, key: str, n: int | str) -> nk.generated_text:
    """The label that opens a note or an example: "注1：", "NOTE 1 "."""
    text = labels.label(key, n) + labels.label("label_sep")
    return nk.generated_text(text, text, kind=kind, classes=["nk-label"])


def _children(parent: nodes.Element, cls: type) -> Iterator[nodes.Element]:
    return (c for c in parent.children if isinstance(c, cls))


def _has_subclauses(parent: nodes.Element) -> bool:
    return any(
        isinstance(c, nodes.section) and not isinstance(c, _UNNUMBERED) for c in parent.children
    )


def _single_subclause(parent: nodes.Element) -> bool:
    subs = [c for c in parent.children if isinstance(c, nodes.section)]
    return len(subs) == 1


def _is_table_or_figure(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.table, nodes.figure))


def _numbered_ancestor(node: nodes.Node) -> nodes.section | None:
    return nearest(node, nodes.section)


def _annex_of(section: nodes.Element | None) -> str:
    while section is not None:
        if isinstance(section, nodes.section) and section.get("nk_annex_status"):
            return section["nk_number"]
        if isinstance(section, nodes.section) and "nk_annex" in section:
            return section["nk_annex"]
        section = section.parent
    return ""


def _owner(node: nodes.Node) -> nodes.Element:
    """The clause, term entry or table that numbers a note or example."""
    return nearest(node, (nodes.section, nk.term_entry, nodes.table))


def _attach_table_notes(document: nodes.document) -> None:
    """Put the notes right after a table into the table (GB/T 1.1-2020 8.6.5: a table's
    notes are inside its frame, numbered within the table, before its footnotes).

    They become its last row, one cell across every column (class ``nk-table-notes``),
    so every writer sets them inside the frame and keeps them with the table's last
    rows: on the page of the table, not after it on the next one.
    """
    for table in list(document.findall(nodes.table)):
        if table.parent is None:
            continue
        notes: list[nodes.note] = []
        index = table.parent.index(table) + 1
        while index < len(table.parent) and isinstance(table.parent[index], nodes.note):
            notes.append(table.parent[index])
            index += 1
        group = table.next_node(nodes.tgroup)
        body = group.next_node(nodes.tbody) if group is not None else None
        if not notes or body is None:
            continue
        for note in notes:
            note.parent.remove(note)
        columns = int(group.get("cols", 1))
        cell = nodes.entry("", *notes, morecols=columns - 1, classes=["nk-table-notes-cell"])
        body += nodes.row("", cell, classes=["nk-table-notes"])


def _lift_unnumbered(document: nodes.document) -> None:
    """Foreword and introduction go first, the bibliography last (GB/T 1.1-2020 6.2)."""
    found = {cls: list(document.findall(cls)) for cls in _UNNUMBERED}
    for node in (n for group in found.values() for n in group):
        node.parent.remove(node)
    document[0:0] = found[nk.foreword] + found[nk.introduction]
    document.extend(found[nk.bibliography])


def _mark_annexes(document: nodes.document) -> None:
    """``.. annex::`` marks the next top-level section as an annex."""
    for marker in list(document.findall(nk.annex_marker)):
        section = marker.next_node(nodes.section, descend=False, siblings=True, ascend=True)
        while section is not None and section.parent is not document:
            section = section.parent
        if section is None or isinstance(section, _UNNUMBERED):
            _warn(
                "`.. annex::` must stand just before the annex's top-level section heading",
                marker,
                "annex",
                "move the directive to the line above the annex's title",
            )
        else:
            section["nk_annex_status"] = marker["status"]
        marker.parent.remove(marker)


def _generated_sentences(document: nodes.document, ctx: StandardContext) -> None:
    """Fixed sentences of the foreword and of clauses 2 and 3 (GB/T 1.1-2020 8.3–8.5);
    in the bilingual edition each with its translation."""
    replaced = ctx.replaced

    def replaces(words: Labels) -> str:
        return words.text("replaces", replaced=words.label("list_sep").join(replaced))

    for foreword in document.findall(nk.foreword):
        at = 1  # after the title
        sentences = [lambda words: words.text("drafting_rules")]
        # A list of technical changes opens with the replacement itself (GB/T 1.1-2020
        # 8.3: "本文件代替…，与…相比"): it is not said twice.
        states_it = any(n.get("nk_states_replaced") for n in foreword.findall(nodes.Element))
        if replaced and not states_it:
            sentences.append(replaces)
        sentences.append(lambda words: words.text("patent"))
        for sentence in sentences:
            foreword.insert(at, _sentence(ctx, sentence))
            at += 1
    for refs in document.findall(nk.normative_references):
        has_items = any(True for _ in refs.findall(nk.reference_item))
        key = "normrefs_lead_in" if has_items else "normrefs_none"
        refs.insert(0, _sentence(ctx, lambda words, key=key: words.text(key)))
    for section in document.findall(nodes.section):
        entries = list(_children(section, nk.term_entry))
        if entries and isinstance(section.children[1], nk.term_entry):
            section.insert(1, _sentence(ctx, lambda words: words.text("terms_lead_in")))


def _sentence(ctx: StandardContext, words_of: Callable[[Labels], str]) -> nodes.Element:
    """A generated sentence in the edition's words; in the bilingual edition paired with
    the same sentence in the translation's words."""
    text = words_of(ctx.labels)
    paragraph = nodes.paragraph("", "", nk.generated_text(text, text))
    second = ctx.system.settings.bilingual_language
    if ctx.edition != "bilingual" or not second:
        return paragraph
    other_text = words_of(load_labels(ctx.root, second))
    other = nodes.paragraph(
        "", "", nk.generated_text(other_text, other_text), classes=translation_classes(second)
    )
    other["lang"] = second
    return pair_up(paragraph, other, second)
