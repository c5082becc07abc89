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

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.bilingual import paired, title_text, translation, translation_of
from normkit.sphinxext.context import StandardContext

#: Page style of the contents entries that point into the front matter.
FRONT_MATTER = (nk.foreword, nk.introduction)

#: The lines a cover may have (normkit.sphinxext.cover), each "" when absent.
COVER_LINES = (
    "ics", "ccs", "kind", "number", "replaces", "title", "status", "draft_notice",
    "version", "issue", "implementation", "body",
)  # fmt: skip


def html_lang(language: str) -> str:
    """A Sphinx language code as an HTML ``lang`` value: ``zh_CN`` → ``zh-CN``."""
    return language.replace("_", "-")


def site_url_of(ctx: StandardContext, slug: str) -> str:
    """The published page of another standard of the system, in this edition's language."""
    base = ctx.catalog.settings.site_url.rstrip("/")
    return f"{base}/{ctx.language}/{slug}/"


def annex_parts(title: nodes.title) -> tuple[str, str, str]:
    """("附录A", "（规范性）", title) of an annex heading, as the numbering labelled it
    (without the translation the bilingual edition adds: see ``translation_of``)."""

    def generated(kind: str) -> str:
        return "".join(
            c.astext()
            for c in title.children
            if isinstance(c, nk.generated_text) and c.get("kind") == kind
        )

    name = "".join(
        c.astext() for c in title.children if not isinstance(c, (nk.generated_text, translation))
    )
    return generated("annex"), generated("annex-status"), name.strip()


def annex_title(title: nodes.title) -> str:
    """An annex on one line, for the contents and bookmarks: "附录A（资料性）标题" but
    "Annex A (informative) Title"; " / translation" in the bilingual edition."""
    label, status, name = annex_parts(title)
    text = ("" if status.startswith("（") else " ").join((label, status, name))
    return paired(text, translation_of(title))


class footnote_text(nodes.inline):
    """A footnote's text at the place it is called from (printed with float: footnote)."""


def float_footnotes(doctree: nodes.document) -> None:
    """Move each footnote to where it is referenced, for the foot of that page.

    Paged media puts an element with ``float: footnote`` at the bottom of the page
    its call falls on, numbering calls and notes with the ``footnote`` counter
    (templates/print/print.css). Sphinx lists footnotes at the end instead.
    """
    footnotes = {f["ids"][0]: f for f in doctree.findall(nodes.footnote) if f["ids"]}
    moved = set()
    for ref in list(doctree.findall(nodes.footnote_reference)):
        footnote = footnotes.get(ref.get("refid", ""))
        if footnote is None or id(footnote) in moved:
            continue  # a second call of the same footnote keeps its plain reference
        text = footnote_text(classes=["nk-footnote"], ids=footnote["ids"])
        for para in (c for c in footnote.children if isinstance(c, nodes.paragraph)):
            text.extend(child.deepcopy() for child in para.children)
        ref.replace_self(text)
        moved.add(id(footnote))
    for footnote in footnotes.values():
        if id(footnote) in moved:
            footnote.parent.remove(footnote)


class PrintTranslator(HTML5Translator):
    """Sphinx's HTML5 translator with the few changes print needs.

    The builder gives it ``builder.normkit`` (the :class:`StandardContext`) and
    ``builder.srcdir``; figures are linked as ``file:`` URLs of the standard's folder,
    which the PDF writer's URL fetcher alone may read.
    """

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
        else:
            label, status, name = annex_parts(node)
            bookmark = html.escape(annex_title(node), quote=True)
            self.body.append(
                f'<h1 class="nk-annex-heading" data-nk-bookmark="{bookmark}">'
                f"{self._anchors(section)}"
                f'<span class="nk-annex-label">{html.escape(label)}</span>'
                f'<span class="nk-annex-status">{html.escape(status)}</span>'
                f'<span class="nk-annex-name">{html.escape(name)}</span>'
            )
            for child in node.children:  # the bilingual edition's translated title
                if isinstance(child, translation):
                    child.walkabout(self)
            self.body.append("</h1>\n")
            raise nodes.SkipNode

    def _label_bookmark(self, node: nodes.title) -> None:
        """Give a bilingual heading its bookmark text, "1 范围 / Scope" (print.css reads
        ``data-nk-bookmark``; the heading's own text would run the two together)."""
        if not any(isinstance(child, translation) for child in node.children):
            return
        opening = self.body[-1]
        if opening.startswith("<h") and opening.endswith(">"):
            label = html.escape(title_text(node), quote=True)
            self.body[-1] = f'{opening[:-1]} data-nk-bookmark="{label}">'

    # -- other standards: links to their published page -----------------------------
    def visit_std_reference(self, node: nk.std_reference) -> None:
        """``:std:`` links to the standard's page on the site (planned ones: no link)."""
        title = html.escape(node.get("reftitle", ""), quote=True)
        if node.get("slug") and self.ctx.catalog.settings.site_url:
            href = html.escape(site_url_of(self.ctx, node["slug"]), quote=True)
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
        """Mark tables whose column widths the source gives (``:widths:``).

        The print CSS lays those out with exactly these widths (``table-layout: fixed``)
        instead of measuring every cell's content first; other tables size to content.
        """
        if "colwidths-given" in node["classes"]:
            node = node.copy()  # a shallow copy: only the classes change
            node["classes"] = [*node["classes"], "nk-widths-given"]
        super().visit_table(node)

    # -- figures: the file itself, inside the standard's folder ----------------------
    def visit_image(self, node: nodes.image) -> None:
        """Link the figure's file by its absolute ``file:`` URL (checked beforehand)."""
        uri = node["uri"]
        if "://" not in uri:
            node = node.deepcopy()
            node["uri"] = (Path(self.builder.srcdir) / uri).resolve().as_uri()
        super().visit_image(node)

    def depart_image(self, node: nodes.image) -> None:
        """Nothing to close for an ``<img>``."""

    # -- formulas: their TeX source, set apart (WeasyPrint renders no MathML) ----------
    def visit_math(self, node: nodes.math) -> None:
        """Inline ``:math:``: the TeX source in the formula style (Sphinx's HTML
        translator would look for a MathJax renderer the PDF builder does not have)."""
        self.body.append(f'<span class="math">{self.encode(node.astext())}</span>')
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.math_block) -> None:
        """A ``.. math::`` block: its TeX source on lines of its own."""
        self.body.append(f'<div class="math">{self.encode(node.astext())}</div>\n')
        raise nodes.SkipNode

    def unknown_visit(self, node: nodes.Node) -> None:
        """An unknown node: say where it is and render its children."""
        self.builder.warn_unknown(node)  # type: ignore[attr-defined]

    def unknown_departure(self, node: nodes.Node) -> None:
        """Nothing to close for an unknown node."""


@dataclass
class TocEntry:
    """One line of the contents (目次)."""

    level: int
    text: str
    href: str
    front: bool = False
    kind: str = "clause"


@dataclass
class PrintParts:
    """The rendered pieces of a standard that the print templates lay out."""

    cover: dict[str, str] = field(default_factory=dict)
    cover_other_titles: list[tuple[str, str]] = field(default_factory=list)
    front: str = ""
    body: str = ""
    toc: list[TocEntry] = field(default_factory=list)


def contents_of(doctree: nodes.document, ctx: StandardContext, depth: int = 2) -> list[TocEntry]:
    """The contents (GB/T 1.1-2020 8.2): foreword, introduction, clauses and subclauses
    to ``depth``, annexes with their status, bibliography; term entries are not listed."""
    entries: list[TocEntry] = []

    def walk(section: nodes.section, level: int) -> None:
        title = section.next_node(nodes.title)
        if title is None or not section["ids"]:
            return
        href = "#" + section["ids"][0]
        if section.get("nk_annex_status"):
            entries.append(TocEntry(level, annex_title(title), href, kind="annex"))
        else:
            front = isinstance(section, FRONT_MATTER)
            kind = "front" if front else ("back" if isinstance(section, nk.bibliography) else "")
            entries.append(TocEntry(level, title_text(title), href, front, kind or "clause"))
        if level < depth:
            for child in section.children:
                if isinstance(child, nodes.section):
                    walk(child, level + 1)

    for child in doctree.children:
        if isinstance(child, nodes.section):
            walk(child, 1)
    return entries


def translate(doctree: nodes.document, translator: PrintTranslator) -> PrintParts:
    """Translate a resolved doctree into the parts the templates lay out."""
    parts = PrintParts()
    front: list[str] = []
    body: list[str] = []
    for child in doctree.children:
        if isinstance(child, nk.cover):
            for line in child.children:
                cls = next((c for c in line["classes"] if c.startswith("nk-cover-")), "")
                key = cls.removeprefix("nk-cover-").replace("-", "_")
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
        (front if isinstance(child, FRONT_MATTER) else body).append(html_text)
    parts.front, parts.body = "".join(front), "".join(body)
    return parts


def _watermark(ctx: StandardContext) -> str:
    """The draft watermark: the cover's draft label without its brackets."""
    if ctx.standard.status not in ("draft", "planned"):
        return ""
    return ctx.labels.cover("draft").strip("()（）[]［］ ")


@cache
def template_environment(template_dir: Path) -> jinja2.Environment:
    """The Jinja environment of templates/print (autoescaped: every output is escaped).

    One per folder and process: a worker compiles the templates once, and Jinja still
    reloads a template whose file changed.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def print_context(ctx: StandardContext, parts: PrintParts, css: str) -> dict[str, Any]:
    """The variables templates/print/document.html receives."""
    std, labels, settings = ctx.standard, ctx.labels, ctx.catalog.settings
    lang = ctx.language
    aspect = ctx.catalog.aspects.get(std.aspect)
    keywords = [std.number, settings.numbering.kind.get(lang, "")]
    keywords += [labels.cover("ics", code=std.ics)] if std.ics else []
    keywords += [labels.cover("ccs", code=std.ccs)] if std.ccs else []
    if aspect:
        keywords.append(aspect.title.get(lang) or aspect.title.get(ctx.master_language, ""))
    return {
        "lang": html_lang(lang),
        "language": lang,
        "title": ctx.edition_title,
        "number": std.dated_number,
        "status": std.status,
        "author": settings.issuing_body.get(lang, ""),
        "subject": f"{std.dated_number} {ctx.edition_title}",
        "keywords": [k for k in keywords if k],
        "created": std.issue_date.isoformat() if std.issue_date else "",
        "css": css,
        "cover": {key: "" for key in COVER_LINES} | parts.cover,
        "cover_other_titles": parts.cover_other_titles,
        "toc_title": labels.label("contents"),
        "toc": parts.toc,
        "front": parts.front,
        "body": parts.body,
        "watermark": _watermark(ctx),
    }


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
