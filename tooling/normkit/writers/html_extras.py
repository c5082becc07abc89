"""HTML glue for the normkit theme (templates/html/normkit, the repository's or normkit's).

A Sphinx extension (listed in conf.py) that renders the document model the way the
theme expects it:

- the cover as its own block, each line keeping its ``nk-cover-*`` class and the
  ``lang`` of the language it is written in;
- a permalink on every term entry (Sphinx puts them on headings and captions only);
- ``lang`` on the equivalents of a term, so browsers choose the right fonts;
- the page context the theme reads (``nk``): the standard's number and title for the
  page title, its status and banner, a table of contents built from the numbered
  doctree (annexes with their status, as GB/T 1.1-2020 lists them), links to the
  framework, the search page and the other language editions, and the ``[site]``
  words of ``templates/labels/<language>.toml``.

Only the HTML builders are touched; the PDF and DOCX writers render the same nodes
their own way.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from normkit.files import write_atomic
from normkit.layout import LATEST_SCRIPT
from normkit.presentation import DEFAULTS
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.figure_text import write_translated
from normkit.sphinxext.labels import html_lang
from normkit.sphinxext.outline import OutlineEntry, outline
from normkit.sphinxext.search_text import FILE as SEARCH_FILE
from normkit.sphinxext.search_text import search_chunks
from normkit.sphinxext.titles import paired
from normkit.system import in_language
from normkit.writers.site_pages import notice_text

# --- visitors ------------------------------------------------------------------------


def visit_cover(self: Any, node: nk.cover) -> None:
    """The cover: one ``<p>`` per line with its class and language, in reading order."""
    self.body.append(self.starttag(node, "header", "", role="group"))
    for child in node.children:
        if isinstance(child, nodes.paragraph):
            attrs: dict[str, str] = {}
            if child.get("lang"):
                attrs["lang"] = html_lang(child["lang"])
            self.body.append(self.starttag(child, "p", "", **attrs))
            self.body.append(html.escape(child.astext()))
            self.body.append("</p>\n")
        else:  # anything the model adds later still shows, unstyled
            self.body.append(f"<div>{html.escape(child.astext())}</div>\n")
    raise nodes.SkipChildren


def depart_cover(self: Any, node: nk.cover) -> None:
    """Close the cover block."""
    self.body.append("</header>\n")


def visit_generated_text(self: Any, node: nk.generated_text) -> None:
    """A generated label, rendered as an inline span with its classes."""
    self.visit_inline(node)


def depart_generated_text(self: Any, node: nk.generated_text) -> None:
    """Close the label; after a term entry's number, add the entry's permalink."""
    self.depart_inline(node)
    parent = node.parent
    if (
        node.get("kind") == "term"
        and isinstance(parent, nodes.paragraph)
        and "nk-term-number" in parent["classes"]
        and isinstance(parent.parent, nk.term_entry)
    ):
        self.add_permalink_ref(parent.parent, _("Link to this definition"))


def visit_term_equivalent(self: Any, node: nk.term_equivalent) -> None:
    """The term in another language, tagged with that language."""
    attrs = {"lang": html_lang(node["language"])} if node.get("language") else {}
    self.body.append(self.starttag(node, "span", "", CLASS="nk-term-equivalent", **attrs))


def depart_term_equivalent(self: Any, node: nk.term_equivalent) -> None:
    """Close the equivalent."""
    self.body.append("</span>")


# --- page context ----------------------------------------------------------------


def toc_entries(doctree: nodes.Node, labels: Any, depth: int) -> list[dict]:
    """The table of contents of a standard (its outline): nested dicts of id, number,
    status, text. Annexes carry their status ("（规范性）"/"（资料性）") the way a
    printed contents page shows them."""

    def entry(item: OutlineEntry) -> dict:
        status = item.annex_status
        return {
            "id": item.id,
            "number": item.title.label,
            "status": labels.label(status) if (status and labels is not None) else "",
            "text": paired(item.title.text, item.title.translation),
            "annex": bool(status),
            "children": [entry(child) for child in item.children],
        }

    return [entry(item) for item in outline(doctree, depth)]


def site_labels(root: Any, language: str) -> dict[str, str]:
    """The ``[site]`` words of a language (empty when the table has none)."""
    from normkit.sphinxext.labels import load_labels

    return dict(load_labels(root, language).table.get("site", {}))


def page_context(app: Sphinx, doctree: nodes.Node | None) -> dict[str, Any] | None:
    """What the theme needs to show a standard's page (``nk`` in the templates)."""
    ctx = getattr(app.env, "normkit", None)
    if ctx is None:
        return None
    std, labels, lang = ctx.standard, ctx.labels, ctx.language
    master = ctx.master_language
    title = ctx.title
    site = site_labels(ctx.root, lang)
    notice = std.notice
    issue = labels.date(std.issue_date) if std.issue_date else ""
    banner = notice_text(site, std, issue)
    if ctx.config.working_draft:  # the site's drafts: whatever its status, not published
        banner = site.get("banner_working_draft", "").format(number=std.number)
    superseded_by: dict[str, str] = {}
    if notice == "superseded" and std.superseded_by in ctx.system.standards:
        superseded_by = {
            "number": std.superseded_by,
            "href": ctx.link_to_standard(std.superseded_by),
        }
    edition = ctx.edition
    layout, here = ctx.layout, ctx.page
    editions = ctx.system.settings.editions
    others = [
        {
            # The bilingual edition's name is in the master language, as its page is.
            "lang": html_lang(master if e == "bilingual" else e),
            "name": site_labels(ctx.root, master if e == "bilingual" else e).get(
                "bilingual_name" if e == "bilingual" else "language_name", e
            ),
            "href": layout.href(here, layout.page(e, std)),
        }
        for e in editions
        if e != edition
    ]
    downloads = [
        {
            "format": fmt,
            "name": site.get(f"download_{fmt}", fmt.upper()),
            "href": layout.href(here, layout.document(std, edition, fmt)),
        }
        for fmt in ("pdf", "docx")
    ]
    framework_title = in_language(ctx.system.title, lang, master)
    versions_href = latest_script = ""
    if layout.releases and not ctx.config.working_draft:
        if site.get("newer_version") and site.get("newer_link"):
            latest_script = layout.href(layout.here(edition, std), LATEST_SCRIPT)
        # A release: the standard's page on the public site lists every version (newer
        # ones too, published after this page was sealed), at this one's entry.
        versions_href = layout.href(
            layout.here(edition, std),
            f"{layout.site_page(master if edition == 'bilingual' else edition, std.slug)}"
            f"#v{std.version}",
        )
    return {
        "lang": html_lang(lang),
        "number": std.number,
        "dated_number": std.dated_number,
        "title": title,
        "page_title": f"{std.dated_number} {ctx.edition_title}",
        "status": std.status,
        "status_line": ctx.status_line,
        "banner": banner,
        "watermark": site.get(f"watermark_{std.draft_key}", site.get("watermark_draft", ""))
        if std.is_draft or ctx.config.working_draft
        else "",
        "superseded_by": superseded_by,
        "version": labels.cover("version", version=std.version),
        "issuing_body": ctx.system.settings.issuing_body_in(lang),
        "framework_title": framework_title,
        "framework_href": ctx.link_to_framework(),
        "search_href": ctx.link_to_framework("search.html"),
        "versions_href": versions_href if site.get("versions_link") else "",
        "latest_script": latest_script,
        "slug": std.slug,
        "release_version": std.version,
        "edition": edition,
        "contents": labels.label("contents"),
        "toc": toc_entries(doctree, labels, ctx.config.toc_depth) if doctree is not None else [],
        "languages": others,
        "downloads": downloads,
        "site": site,
    }


def _html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.Node | None
) -> None:
    if app.builder.format != "html":
        return
    nk_context = page_context(app, doctree)
    if nk_context is not None:
        context["nk"] = nk_context
    if nk_context is not None and doctree is not None and pagename == app.config.root_doc:
        # The framework's search page reads this instead of the built page.
        data = json.dumps(search_chunks(doctree), ensure_ascii=False, separators=(",", ":"))
        write_atomic(Path(app.outdir) / SEARCH_FILE, data)


def _translated_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A figure whose words are translated shows its translated copy, written into the
    page's _images folder (normkit.sphinxext.figure_text)."""
    if app.builder.format != "html" or not hasattr(app.env, "normkit"):
        return
    edition = app.env.normkit.edition
    folder = Path(app.builder.outdir) / "_images"
    for image in doctree.findall(nodes.image):
        translated = write_translated(image, folder, edition)
        if translated is not None:
            image["uri"] = f"_images/{translated.name}"


def _theme_path(app: Sphinx, config: Any) -> None:
    """Take the normkit theme from the repository's templates/html when it has one
    (normkit's own is registered in ``setup``).

    Sphinx reads ``html_theme_path`` when the builder starts, later folders overriding
    earlier ones (a folder conf.py names still wins), and hashes it into .buildinfo: the
    folder is named relative to conf.py's, as conf.py would, so that two builds of one
    commit in different folders write the same bytes.
    """
    from normkit.errors import RepositoryNotFound
    from normkit.system.loader import find_root

    given = getattr(config, "normkit_root", "")
    try:
        root = Path(given) if given else find_root(Path(app.srcdir))
    except RepositoryNotFound:  # a bare sphinx-build outside a standards repository
        return
    own = root / "templates" / "html"
    entry = os.path.relpath(own, app.confdir)
    if own.is_dir() and entry not in config.html_theme_path:
        config.html_theme_path = [entry, *config.html_theme_path]


def _builder_inited(app: Sphinx) -> None:
    # A standard's page has no Sphinx search page of its own: the framework site
    # indexes every standard (normkit.writers.site_pages).
    if app.builder.name in ("html", "dirhtml"):
        app.builder.search = False  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the HTML renderings of the document model and the theme's page context."""
    app.add_node(nk.cover, override=True, html=(visit_cover, depart_cover))
    app.add_node(
        nk.generated_text, override=True, html=(visit_generated_text, depart_generated_text)
    )
    app.add_node(
        nk.term_equivalent, override=True, html=(visit_term_equivalent, depart_term_equivalent)
    )
    app.add_html_theme("normkit", str(DEFAULTS / "html" / "normkit"))
    app.connect("config-inited", _theme_path)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _html_page_context)
    app.connect("doctree-resolved", _translated_figures)
    app.setup_extension("normkit.writers.html_inventory")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
