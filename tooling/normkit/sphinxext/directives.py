"""Directives of the document model (see docs/markup.md).

Directives build plain structure from the source; numbers and generated words are
added later by the labelling transform, after translation, so that catalogs hold only
what authors wrote.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from normkit.diagnostics import warn
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import context_of
from normkit.system import slugify

# The number of a cited document ends at its first token made of digits and
# separators: "GB/T 22239—2019 title", "ISO/IEC 30141:2018 title", "GB 50311 title",
# "3GPP TS 23.501 title", "ITU-R M.2083-0 title".
_NUMBER_END = re.compile(r"^[A-Za-z]?\.?\d[\d.\-:—]*$|^\d+$")
_YEAR = re.compile(r"[—:](\d{4})$")


def split_document_number(text: str) -> tuple[str, str] | None:
    """``("GB/T 22239—2019", "2019")`` from a reference line, or None if none is found."""
    tokens = text.split()
    for index, token in enumerate(tokens[:4]):
        if not re.fullmatch(r"[A-Za-z0-9/.\-:—]+", token):
            return None
        if _NUMBER_END.match(token) or (index and re.search(r"\d[.\-:—]\d", token)):
            year = _YEAR.search(token)
            return " ".join(tokens[: index + 1]), year.group(1) if year else ""
    return None


class _SectionDirective(SphinxDirective):
    """An unnumbered element with a generated heading (foreword, introduction)."""

    has_content = True
    node_class: type[nodes.section] = nk.foreword
    key = "foreword"

    def run(self) -> list[nodes.Node]:
        labels = context_of(self.env).labels
        section = self.node_class(ids=[self.key], names=[self.key], classes=[f"nk-{self.key}"])
        self.set_source_info(section)
        title = nodes.title("", "", nodes.Text(labels.label(self.key)), translatable=False)
        section += title  # generated in the edition's language: not for catalogs
        self.state.nested_parse(self.content, self.content_offset, section)
        return [section]


class ForewordDirective(_SectionDirective):
    """``.. foreword::``: the foreword; normkit adds its fixed sentences."""

    node_class = nk.foreword
    key = "foreword"


class IntroductionDirective(_SectionDirective):
    """``.. introduction::``: the introduction."""

    node_class = nk.introduction
    key = "introduction"


class BibliographyDirective(_SectionDirective):
    """``.. bibliography::`` + a bullet list: the bibliography."""

    node_class = nk.bibliography
    key = "bibliography"

    def run(self) -> list[nodes.Node]:
        [section] = super().run()
        _reference_items(section, self, need_number=False)
        return [section]


class NormativeReferencesDirective(SphinxDirective):
    """``.. normative-references::`` + a bullet list (may be empty)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        container = nk.normative_references(classes=["nk-normrefs"])
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        _reference_items(container, self)
        return [container]


def _reference_items(
    container: nodes.Element, directive: SphinxDirective, need_number: bool = True
) -> None:
    """Turn each list item's paragraph into a reference_item with its cited number.

    Normative references must be documents with numbers (GB/T 1.1-2020 8.4.2); the
    bibliography may also list other sources.
    """
    lists = list(container.findall(nodes.bullet_list))
    for item in (i for lst in lists for i in lst.children):
        paragraphs = [p for p in item.children if isinstance(p, nodes.paragraph)]
        if not paragraphs:
            continue
        para = paragraphs[0]
        ref = next(para.findall(nk.std_reference), None)
        entry = nk.reference_item(para.rawsource, "", *para.children, classes=["nk-refitem"])
        entry.source, entry.line = para.source, para.line
        if ref is not None:
            entry["number"], entry["dated"], entry["internal"] = (
                ref["number"],
                bool(ref.get("year")),
                True,
            )
        else:
            found = split_document_number(para.astext())
            if not found and need_number:
                warn(
                    "reference-number",
                    f"cannot read a document number in {para.astext()!r}",
                    para,
                    hint="write 'NUMBER—YEAR TITLE' (e.g. GB/T 22239—2019 信息安全技术…) "
                    "or :std:`…`",
                )
            entry["number"] = found[0] if found else ""
            entry["dated"] = bool(found and found[1])
            entry["internal"] = False
        item.replace(para, entry)


class TermDirective(SphinxDirective):
    """``.. term:: 术语`` with ``:en:`` (one option per language), ``:abbr:``, ``:source:``."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "abbr": directives.unchanged,
        "source": directives.unchanged,
        "name": directives.unchanged,
        "en": directives.unchanged,
        "zh_CN": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        ctx = context_of(self.env)
        term = self.arguments[0].strip()
        equivalents = {
            lang: self.options[lang].strip()
            for lang in ctx.system.settings.all_languages
            if self.options.get(lang)
        }
        name = self.options.get("name") or _term_id(term, equivalents)
        entry = nk.term_entry(
            term=term,
            equivalents=equivalents,
            abbr=self.options.get("abbr", ""),
            ids=[name],
            names=[name],
            classes=["nk-term"],
        )
        self.set_source_info(entry)
        entry += nk.term_head("", classes=["nk-term-head"])
        self.state.nested_parse(self.content, self.content_offset, entry)
        if self.options.get("source"):
            text = self.options["source"]
            source = nk.term_source(text, text, classes=["nk-term-source"])
            self.set_source_info(source)
            entry += source
        return [entry]


def _term_id(term: str, equivalents: dict[str, str]) -> str:
    """A stable id for a term: from an ASCII equivalent if there is one."""
    ascii_ = next((v for v in equivalents.values() if v.isascii()), "")
    return "term-" + (
        slugify(ascii_) if ascii_ else slugify(term.encode("unicode_escape").decode())
    )


def _term_options(languages: tuple[str, ...]) -> None:
    for lang in languages:
        TermDirective.option_spec.setdefault(lang, directives.unchanged)


class ExampleDirective(SphinxDirective):
    """``.. example::``: an example, numbered within its clause."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        example = nk.std_example(classes=["nk-example"])
        self.set_source_info(example)
        self.state.nested_parse(self.content, self.content_offset, example)
        return [example]


class AnnexDirective(SphinxDirective):
    """``.. annex:: normative|informative`` before a section makes it an annex."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        status = self.arguments[0].strip()
        if status not in ("normative", "informative"):
            raise self.error(f"annex status must be 'normative' or 'informative', not {status!r}")
        marker = nk.annex_marker(status=status)
        self.set_source_info(marker)
        return [marker]
