"""Print HTML of a standard: the doctree through Sphinx's HTML5 translator, into templates/print.

The PDF edition reuses the HTML writer (as xml2rfc's PDF writer reuses its HTML one):
:class:`PrintTranslator` only changes what print needs (the cover, annex headings,
links to other standards pointing at the published site, figures as local files, lang
attributes), and :func:`print_document` pours the pieces into the Jinja templates and
paged-media CSS of ``templates/print/``, which a standards body restyles without code.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from normkit.presentation import template
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import within
from normkit.sphinxext.context import StandardContext
from normkit.sphinxext.figure_text import write_translated
from normkit.sphinxext.labels import html_lang
from normkit.sphinxext.outline import FRONT_MATTER, flatten, outline
from normkit.sphinxext.titles import has_word_changes, title_parts, title_text
from normkit.writers import html_math
from normkit.writers.fitted_fonts import font_cache
from normkit.writers.footnotes import call_nested_footnotes, inside_footnote
from normkit.writers.outlined_text import outlined_svg
from normkit.writers.redline_html import RedlineHTMLMixin
from normkit.writers.script_runs import html_apart

#: The lines a cover may have (normkit.sphinxext.cover), each "" when absent.
COVER_LINES = (
    "ics", "ccs", "kind", "number", "replaces", "title", "status", "draft_notice",
    "version", "issue", "implementation", "body",
)  # fmt: skip


class footnote_text(nodes.inline):
    """A footnote's text at the place it is called from (printed with float: footnote)."""


def float_footnotes(doctree: nodes.document) -> None:
    """Move each footnote to where it is referenced, for the foot of that page.

    Paged media puts an element with ``float: footnote`` at the bottom of the page
    its call falls on, numbering calls and notes with the ``footnote`` counter
    (templates/print/print.css). Sphinx lists footnotes at the end instead. A footnote
    cited inside another is called after it (:mod:`normkit.writers.footnotes`) and the
    citation prints its number.
    """
    call_nested_footnotes(doctree)
    footnotes = {f["ids"][0]: f for f in doctree.findall(nodes.footnote) if f["ids"]}
    numbers: dict[str, int] = {}  # the footnote counter's value of each moved footnote
    for ref in list(doctree.findall(nodes.footnote_reference)):
        footnote = footnotes.get(ref.get("refid", ""))
        if footnote is None or footnote["ids"][0] in numbers or inside_footnote(ref):
            continue  # a second call of the same footnote keeps its plain reference
        numbers[footnote["ids"][0]] = len(numbers) + 1
        text = footnote_text(classes=["nk-footnote"], ids=footnote["ids"])
        for para in (c for c in footnote.children if isinstance(c, nodes.paragraph)):
            text.extend(child.deepcopy() for child in para.children)
        # WeasyPrint keeps the source's line breaks in a footnote area: join the lines.
        for line in list(text.findall(nodes.Text)):
            if "\n" in line and not within(line, nodes.FixedTextElement):
                line.parent.replace(line, nodes.Text(line.replace("\n", " ")))
        ref.replace_self(text)
    for footnote in footnotes.values():
        if footnote["ids"][0] in numbers:
            footnote.parent.remove(footnote)
    for ref in list(doctree.findall(nodes.footnote_reference)):
        number = numbers.get(ref.get("refid", ""))
        if number is not None and within(ref, footnote_text):
            ref.replace_self(nodes.superscript("", f"{number})", classes=["nk-footnote-mention"]))


class PrintTranslator(RedlineHTMLMixin, HTML5Translator):
    """Sphinx's HTML5 translator with the few changes print needs.

    Redline marks are rendered as in HTML (:class:`RedlineHTMLMixin`), without the
    read-aloud words: they would become text of the PDF.

    The builder gives it ``builder.normkit`` (the :class:`StandardContext`) and
    ``builder.srcdir``; figures are linked as ``file:`` URLs of the standard's folder,
    which the PDF writer's URL fetcher alone may read.
    """

    redline_read_aloud = False

    @property
    def ctx(self) -> StandardContext:
        """The standard being rendered."""
        return self.builder.normkit  # type: ignore[attr-defined]

    # -- the cover: rendered by templates/print/cover.html from its lines ------------
    def visit_cover(self, node: nk.cover) -> None:
        """The cover is laid out by the template; the translator only collects it."""
        raise nodes.SkipNode

    # -- sections: their ids go on the heading --------------------------------------
    # A heading kept with its text (break-after: avoid) moves to the next page while
    # its section box still starts at the foot of the previous one; the contents'
    # target-counter() and every link must point at the heading itself.
    def visit_section(self, node: nodes.section) -> None:
        """A ``<section>`` without ids (they go on its heading)."""
        ids, node["ids"] = node["ids"], []
        try:
            super().visit_section(node)
        finally:
            node["ids"] = ids

    def _anchors(self, section: nodes.Element) -> str:
        return "".join(f'<span id="{html.escape(i, quote=True)}"></span>' for i in section["ids"])

    # -- annexes: "附录A" / "（规范性）" / title on their own lines (GB/T 1.1-2020 8.10.3)
    def visit_title(self, node: nodes.title) -> None:
        """Annex headings get one line per part; every other title is Sphinx's."""
        section = node.parent
        if not isinstance(section, nodes.section):
            super().visit_title(node)
        elif not section.get("nk_annex_status"):
            super().visit_title(node)
            self._label_bookmark(node)
            self.body.append(self._anchors(section))
        elif has_word_changes(node):  # a redline: each part keeps its marks
            self._redline_annex_heading(node, section)
        else:
            parts = title_parts(node)
            label, status, name = parts.label, parts.status, parts.text
            bookmark = html.escape(parts.annex_line, quote=True)
            self.body.append(
                f'<h1 class="nk-annex-heading" data-nk-bookmark="{bookmark}">'
                f"{self._anchors(section)}"
                f'<span class="nk-annex-label">{html.escape(label)}</span>'
                f'<span class="nk-annex-status">{html.escape(status)}</span>'
                f'<span class="nk-annex-name">{html.escape(name)}</span>'
            )
            for child in node.children:  # the bilingual edition's translated title
                if isinstance(child, nk.translation):
                    child.walkabout(self)
            self.body.append("</h1>\n")
            raise nodes.SkipNode

    def _redline_annex_heading(self, node: nodes.title, section: nodes.section) -> None:
        """An annex heading whose words changed: its label, status and name on their
        lines as usual, each rendered with its inserted and deleted words."""
        parts: dict[str, list[nodes.Node]] = {"label": [], "status": [], "name": [], "other": []}
        for child in node.children:
            generated = child if isinstance(child, nk.generated_text) else None
            if generated is None and isinstance(child, (nk.redline_insert, nk.redline_delete)):
                generated = next(child.findall(nk.generated_text), None)
            kind = generated.get("kind") if generated is not None else ""
            part = {"annex": "label", "annex-status": "status"}.get(kind, "name")
            parts["other" if isinstance(child, nk.translation) else part].append(child)
        bookmark = html.escape(title_parts(node).annex_line, quote=True)
        self.body.append(
            f'<h1 class="nk-annex-heading" data-nk-bookmark="{bookmark}">{self._anchors(section)}'
        )
        for part in ("label", "status", "name", "other"):
            if part != "other":
                self.body.append(f'<span class="nk-annex-{part}">')
            for child in parts[part]:
                child.walkabout(self)
            if part != "other":
                self.body.append("</span>")
        self.body.append("</h1>\n")
        raise nodes.SkipNode

    def _label_bookmark(self, node: nodes.title) -> None:
        """Give a bilingual heading its bookmark text, "1 范围 / Scope" (print.css reads
        ``data-nk-bookmark``; the heading's own text would run the two together)."""
        if not any(isinstance(child, nk.translation) for child in node.children):
            return
        opening = self.body[-1]
        if opening.startswith("<h") and opening.endswith(">"):
            label = html.escape(title_text(node), quote=True)
            self.body[-1] = f'{opening[:-1]} data-nk-bookmark="{label}">'

    # -- other standards: links to their published page -----------------------------
    def visit_std_reference(self, node: nk.std_reference) -> None:
        """``:std:`` links to the standard's page on the site (planned ones: no link)."""
        title = html.escape(node.get("reftitle", ""), quote=True)
        url = (
            self.ctx.url_of_standard(node["number"], dated=bool(node.get("year")))
            if node.get("slug")
            else ""
        )
        if url:
            href = html.escape(url, quote=True)
            self.body.append(f'<a class="reference external nk-std" href="{href}" title="{title}">')
            self.context.append("</a>")
        else:
            self.body.append(f'<span class="nk-std" title="{title}">')
            self.context.append("</span>")

    def depart_std_reference(self, node: nk.std_reference) -> None:
        """Close what :meth:`visit_std_reference` opened."""
        self.body.append(self.context.pop())

    # -- words in another language carry their lang (fonts, hyphenation, tags) -------
    def visit_term_equivalent(self, node: nk.term_equivalent) -> None:
        """The term in another language, marked with its language."""
        lang = html_lang(node.get("language", ""))
        self.body.append(self.starttag(node, "span", "", CLASS="nk-term-equivalent", lang=lang))

    def depart_term_equivalent(self, node: nk.term_equivalent) -> None:
        """Close the equivalent's span."""
        self.body.append("</span>")

    # -- tables: the widths the source gives are kept (and make layout cheap) --------
    def visit_table(self, node: nodes.table) -> None:
        """Mark tables whose column widths the source gives (``:widths:``), and give
        each numbered table the title of its further parts.

        The print CSS lays those out with exactly these widths (``table-layout: fixed``)
        instead of measuring every cell's content first; other tables size to content.
        ``data-nk-continued`` ("表2（续）") titles the part of the table on each further
        page (:mod:`normkit.writers.pdf_tables`).
        """
        if "colwidths-given" in node["classes"]:
            node = node.copy()  # a shallow copy: only the classes change
            node["classes"] = [*node["classes"], "nk-widths-given"]
        super().visit_table(node)
        continued = node.get("nk_continued")
        if continued:  # the opening tag may follow the spans of the table's other ids
            attributes = f'data-nk-continued="{html.escape(continued, quote=True)}" '
            translated = node.get("nk_continued_translation")
            if translated:  # the bilingual edition's second title, in its language
                lang = html_lang(self.ctx.system.settings.bilingual_language or "")
                attributes += (
                    f'data-nk-continued-translation="{html.escape(translated, quote=True)}" '
                    f'data-nk-continued-lang="{lang}" '
                )
            self.body[-1] = self.body[-1].replace("<table ", f"<table {attributes}", 1)

    def visit_row(self, node: nodes.row) -> None:
        """A row; the last one before the table's notes is marked ``nk-before-notes``,
        so that print.css keeps it with them (the notes row is the table's last)."""
        parent = node.parent
        index = parent.index(node)
        following = parent[index + 1] if index + 1 < len(parent) else None
        before_notes = following is not None and "nk-table-notes" in following["classes"]
        if before_notes and "nk-before-notes" not in node["classes"]:
            node["classes"].append("nk-before-notes")  # in place, as Sphinx's row-odd
        super().visit_row(node)

    # -- figures: the file itself, inside the standard's folder ----------------------
    def visit_image(self, node: nodes.image) -> None:
        """Link the figure's file by its absolute ``file:`` URL (checked beforehand)."""
        uri = node["uri"]
        if "://" not in uri:
            # A figure whose words are translated is drawn from its translated copy,
            # written beside the PDF (the URL fetcher reads the build's folder too).
            folder = Path(self.builder.outdir) / "_figures"
            translated = write_translated(node, folder, self.ctx.edition)
            node = node.deepcopy()
            node["uri"] = (translated or Path(self.builder.srcdir) / uri).resolve().as_uri()
        super().visit_image(node)

    def depart_image(self, node: nodes.image) -> None:
        """Nothing to close for an ``<img>``."""

    # -- formulas: SVG, since WeasyPrint does not lay out MathML ----------------------
    def visit_math(self, node: nodes.math, math_env: str = "") -> None:
        """An inline formula drawn as SVG."""
        html_math.visit_math_print(self, node)

    def visit_math_block(self, node: nodes.math_block, math_env: str = "") -> None:
        """A display formula drawn as SVG, numbered at the right."""
        html_math.visit_math_block_print(self, node)

    def unknown_visit(self, node: nodes.Node) -> None:
        """An unknown node: say where it is and render its children."""
        self.builder.warn_unknown(node)  # type: ignore[attr-defined]

    def unknown_departure(self, node: nodes.Node) -> None:
        """Nothing to close for an unknown node."""


@dataclass
class TocEntry:
    """One line of the contents (目次): ``text`` in the edition's language and, in the
    bilingual edition, its ``translation`` (each set in its own language's face)."""

    level: int
    text: str
    href: str
    front: bool = False
    kind: str = "clause"
    translation: str = ""


@dataclass
class PrintParts:
    """The rendered pieces of a standard that the print templates lay out."""

    cover: dict[str, str] = field(default_factory=dict)
    cover_other_titles: list[tuple[str, str]] = field(default_factory=list)
    front: str = ""
    body: str = ""
    #: The change list of a redline edition (laid out after the cover), else "".
    changes: str = ""
    toc: list[TocEntry] = field(default_factory=list)


def contents_of(doctree: nodes.document, ctx: StandardContext) -> list[TocEntry]:
    """The lines of the printed contents page: the standard's outline, one line each
    (an annex as "附录A（资料性）标题")."""
    return [
        TocEntry(
            item.level,
            item.master_line,
            "#" + item.id,
            item.kind == "front",
            item.kind,
            item.title.translation,
        )
        for item in flatten(outline(doctree, ctx.config.toc_depth))
    ]


def render_parts(doctree: nodes.document, translator: PrintTranslator) -> PrintParts:
    """Translate a resolved doctree into the parts the templates lay out."""
    parts = PrintParts()
    front: list[str] = []
    body: list[str] = []
    for child in doctree.children:
        if isinstance(child, nk.cover):
            for line in child.children:
                key = line.get("field", "").replace("-", "_")
                if key == "title_other":
                    parts.cover_other_titles.append(
                        (html_lang(line.get("lang", "")), line.astext())
                    )
                elif key:
                    parts.cover[key] = line.astext()
            continue
        start = len(translator.body)
        child.walkabout(translator)
        html_text = "".join(translator.body[start:])
        if isinstance(child, nk.change_list):
            parts.changes += html_text
            continue
        (front if isinstance(child, FRONT_MATTER) else body).append(html_text)
    parts.front, parts.body = "".join(front), "".join(body)
    return parts


def _watermark(ctx: StandardContext) -> str:
    """The draft watermark: the cover's draft label without its brackets."""
    if not (ctx.standard.is_draft or ctx.config.working_draft):
        return ""
    return ctx.draft_label.strip("()（）[]［］ ")


@cache
def template_environment(template_dir: Path) -> jinja2.Environment:
    """The Jinja environment of templates/print (autoescaped: every output is escaped).

    One per folder and process: a worker compiles the templates once, and Jinja still
    reloads a template whose file changed.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    # "text | apart(lang)": Latin runs of a Chinese text (CJK runs of an English one)
    # in their own span, as in the body (normkit.writers.script_runs).
    environment.filters["apart"] = html_apart
    # "words | outlined(face, font_cache, tracking, colour)": the draft watermark drawn,
    # not set, so that it is no text of the PDF (normkit.writers.outlined_text).
    environment.filters["outlined"] = outlined_svg
    return environment


def print_context(ctx: StandardContext, parts: PrintParts, css: str) -> dict[str, Any]:
    """The variables templates/print/document.html receives."""
    std, labels, lang, metadata = ctx.standard, ctx.labels, ctx.language, ctx.metadata
    return {
        "lang": html_lang(lang),
        "language": lang,
        "translation_lang": html_lang(ctx.system.settings.bilingual_language or ""),
        "title": metadata.title,
        "number": std.dated_number,
        "status": std.status,
        "author": metadata.author,
        "subject": metadata.subject,
        "keywords": list(metadata.keywords),
        "created": std.issue_date.isoformat() if std.issue_date else "",
        "css": css,
        "cover": {key: "" for key in COVER_LINES} | parts.cover,
        "cover_other_titles": parts.cover_other_titles,
        "toc_title": labels.label("contents"),
        "toc": parts.toc,
        "changes": parts.changes,
        "front": parts.front,
        "body": parts.body,
        "title_lines": [(html_lang(lang), text) for lang, text in ctx.title_lines],
        "watermark": _watermark(ctx),
        "font_cache": font_cache(ctx.root),
        "toc_leader": toc_leader(ctx).resolve().as_uri(),
    }


def toc_leader(ctx: StandardContext) -> Path:
    """The image of the contents' dotted leader (templates/print/toc-leader.svg, the
    repository's own if it has one): the one file outside the standard's folder and the
    build output that its PDF reads."""
    return template(ctx.root, "print/toc-leader.svg")


def print_document(
    template_dir: Path, ctx: StandardContext, parts: PrintParts, extra_css: str = ""
) -> str:
    """The print HTML of a standard: ``document.html`` of templates/print, CSS inlined.

    The CSS is inlined so the print HTML is one self-contained file (kept next to the
    PDF for inspection and benchmarks); figures are ``file:`` URLs of the standard.
    """
    css = (template_dir / "print.css").read_text(encoding="utf-8") + extra_css
    env = template_environment(template_dir)
    return env.get_template("document.html").render(**print_context(ctx, parts, css))
