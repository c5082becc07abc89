"""The framework pages of the HTML site: build/html/<lang>/index.html and search.html.

``write_framework_pages(system, layout, language)`` writes, next to the built pages of
the standards (``html/<lang>/<slug>/index.html`` of the layout):

- ``index.html``: the framework's title, version and notice, its counts, a diagram of
  the taxonomy (an inline SVG drawn from the system), and every standard it plans or
  has drafted, by category and aspect, with its number, title, status and, once
  drafted, a link to its page;
- ``search.html`` with ``_static/search.js``: a search over the text of every built
  standard page, split per clause and term entry (the chunks each HTML build wrote
  from its doctree, ``<slug>/nk-search.json``). Matching is by substring, so Chinese
  needs no word segmentation; the index is ``search-index.json`` (and the same data as
  ``search-index.js``, which also loads from ``file://``);
- ``_static/normkit.css``, shared with the theme of the standards' pages.

Templates are Jinja2 files in ``templates/html/site/`` of the repository; every word
they show comes from the system or from the ``[site]`` table of
``templates/labels/<language>.toml``. Each file is written to a temporary name and
renamed, so a reader never sees half a page.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from normkit.files import write_atomic
from normkit.layout import SEARCH_FILE, Layout
from normkit.presentation import page_template_dirs, template
from normkit.sphinxext.labels import html_lang, load_labels
from normkit.system import STATUSES, Standard, StandardSystem, in_language

if TYPE_CHECKING:
    from normkit.refs.graph import CitationGraph

#: Widths of the framework diagram (SVG user units; it scales to the page): side by side
#: on wide screens, stacked bands on phones.
DIAGRAM_WIDTH = 960
DIAGRAM_WIDTH_BANDS = 420


# --- writing ------------------------------------------------------------------------


def write_framework_pages(
    system: StandardSystem,
    layout: Layout,
    language: str,
    working_draft: bool = False,
    comparison: Any = None,
    graph: CitationGraph | None = None,
) -> list[Path]:
    """Write the framework's pages of one language into the layout's ``html/<lang>/``
    (``working_draft``: marked as the system's working text, as the site's drafts are;
    ``graph``: the system's citation graph, when the caller read it for another
    language already — it reads every source of the system).

    Returns the files written. Standard pages already built in that folder are indexed
    for the search page; standards not built yet are still listed (drafted ones with
    their link). ``comparison`` (a versions.framework_diff.FrameworkComparison: old and
    new version, the changes) adds ``changes.html``, linked from the overview.
    """
    outdir = layout.path(layout.edition_dir(language))
    root = Path(system.root)
    env = Environment(
        loader=FileSystemLoader(page_template_dirs(root, "html/site")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    site = _site_labels(system, language)
    model = framework_model(system, language, layout)
    svg = env.get_template("diagram.svg")
    diagram = "\n".join(
        svg.render(d=diagram_layout(model, site, way), site=site, lang=html_lang(language))
        for way in ("columns", "bands")
    )
    changes = changes_model(system, layout, language, site, comparison) if comparison else None
    common = {
        "lang": html_lang(language),
        "site": site,
        "framework": model,
        "languages": _other_languages(system, layout, language),
        "changes": changes,
        # The frame of templates/html/site/base.html, outside its release mode.
        "release": False,
        "base": "",
        "stylesheets": ["normkit.css"],
        "feed": None,
        "home": "index.html",
        "search_href": "search.html",
        "refs_href": "refs.html",
        "draft_banner": site.get("banner_working_system", "") if working_draft else "",
    }
    written: list[Path] = []
    if changes is not None:
        page = env.get_template("changes.html").render(**common, page="changes")
        written.append(write_atomic(outdir / CHANGES_PAGE, page))
    else:  # no earlier version (any more): no page left from an earlier build
        (outdir / CHANGES_PAGE).unlink(missing_ok=True)
    index = build_search_index(layout, system, language)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    written.append(write_atomic(outdir / "search-index.json", data))
    # ``</`` never appears in JSON output as-is: it would end a <script> element early.
    script = "window.NK_SEARCH_INDEX = " + data.replace("</", "<\\/") + ";\n"
    written.append(write_atomic(outdir / "search-index.js", script))
    search_html = env.get_template("search.html").render(**common, page="search")
    written.append(write_atomic(outdir / "search.html", search_html))
    refs = citations_model(system, layout, language, site, graph)
    refs_html = env.get_template("refs.html").render(**common, refs=refs, page="refs")
    written.append(write_atomic(outdir / "refs.html", refs_html))

    static = outdir / "_static"
    css = template(root, "html/normkit/static/normkit.css")
    written.append(write_atomic(static / "normkit.css", css.read_bytes()))
    js = template(root, "html/site/static/search.js")
    written.append(write_atomic(static / "search.js", js.read_bytes()))
    # The overview last: a later build takes an index.html newer than the editions for
    # complete framework pages (engine.framework_pages), so a build killed before this
    # line writes them all again.
    index_html = env.get_template("index.html").render(**common, diagram=diagram, page="index")
    written.append(write_atomic(outdir / "index.html", index_html))
    return written


# --- the framework as the templates see it --------------------------------------------

#: The page of what changed from the framework's previous version (beside index.html).
CHANGES_PAGE = "changes.html"


def framework_change_text(change: Any, site: dict[str, str], words: dict[str, str]) -> str:
    """One change of the standard system in a page's words ("T/XQZC 2106 更名为《…》
    （原《…》）"): the ``[release_site] framework_<kind>`` sentence, statuses in the
    ``[site]`` words. ``change`` is a versions.framework_diff.FrameworkChange."""
    old, new = change.old, change.new
    if change.kind in ("status", "withdrawn"):
        old, new = site.get(f"status_{old}", old), site.get(f"status_{new}", new)
    return words[f"framework_{change.kind}"].format(number=change.number, old=old, new=new)


def changes_model(
    system: StandardSystem, layout: Layout, language: str, site: dict[str, str], comparison: Any
) -> dict[str, Any]:
    """The framework's changes as the changes page shows them: one sentence per change,
    with the link to the standard's page when it is drafted."""
    here = layout.page(language)
    words = dict(load_labels(Path(system.root), language).table.get("release_site", {}))
    rows = []
    for change in comparison.changes:
        standard = system.standard(change.number)
        rows.append(
            {
                "text": framework_change_text(change, site, words),
                "href": layout.href(here, layout.page(language, standard)) if standard else "",
                "what": change.kind,
            }
        )
    names = {"old": comparison.old, "new": comparison.new}
    return {
        "href": CHANGES_PAGE,
        "title": site["changes_title"].format(**names),
        "intro": site["changes_intro"].format(**names),
        "rows": rows,
    }


def citations_model(
    system: StandardSystem,
    layout: Layout,
    language: str,
    site: dict[str, str],
    graph: CitationGraph | None = None,
) -> dict[str, Any]:
    """The citation graph (``graph``, else the one read now) as the refs page shows it:
    one row per citing and cited standard, and the graph's problems in words."""
    from normkit.refs.graph import citation_graph

    graph = graph or citation_graph(system)

    def href(number: str) -> str:
        standard = system.standard(number)
        return layout.standard_link(language, standard, "refs.html") if standard else ""

    edges = []
    for (citing, cited), found in sorted(graph.edges().items()):
        years = sorted({c.year for c in found})
        edges.append(
            {
                "citing": citing,
                "citing_title": system.title_of(citing, language) or "",
                "citing_href": href(citing),
                "cited": cited,
                "cited_title": system.title_of(cited, language) or "",
                "cited_href": href(cited),
                "normative": any(c.normative for c in found),
                "dates": [
                    site["refs_dated"].format(year=y) if y else site["refs_undated"] for y in years
                ],
            }
        )
    problems = []
    for finding in graph.findings:  # in the page's language: templates/labels [site]
        key = f"refs_{finding.kind.replace('-', '_')}" + ("_by" if finding.by else "")
        problems.append(site[key].format(**finding.values()))
    return {"edges": edges, "problems": problems}


def _site_labels(system: StandardSystem, language: str) -> dict[str, str]:
    return dict(load_labels(Path(system.root), language).table.get("site", {}))


def _other_languages(system: StandardSystem, layout: Layout, language: str) -> list[dict[str, str]]:
    others = []
    here = layout.page(language)
    for other in system.settings.all_languages:
        if other != language:
            name = _site_labels(system, other).get("language_name", other)
            href = layout.href(here, layout.page(other))
            others.append({"lang": html_lang(other), "name": name, "href": href})
    return others


def _anchor(prefix: str, code: str) -> str:
    return f"{prefix}-" + re.sub(r"[^0-9A-Za-z]+", "-", code).strip("-")


def status_label(site: dict[str, str], std: Standard | None, status: str) -> str:
    """The words of a status on the site: a draft's by its stage ("送审稿"), where the
    label table has them, else the status's ("征求意见稿" / "Draft")."""
    plain = site.get(f"status_{status}", status)
    return site.get(f"status_{std.draft_key}", plain) if std and std.is_draft else plain


def notice_text(site: dict[str, str], std: Standard, date: str) -> str:
    """The banner of a standard that is not simply one to apply (``Standard.notice``:
    a draft, approved with its issue ``date``, withdrawn, superseded by another), in the
    words of the ``[site]`` table; "" for one in force."""
    notice = std.notice
    if not notice:
        return ""
    return site.get(f"banner_{notice}", "").format(by=std.superseded_by, date=date)


def framework_model(
    system: StandardSystem, language: str, layout: Layout | None = None
) -> dict[str, Any]:
    """The framework in one language: title, version, notice, counts, categories → aspects.

    Every standard the framework lists appears under its aspect, and so does a drafted
    standard the framework does not list yet. A drafted standard's status is the one of
    its standard.toml; it carries ``href``, the link to its page (from the framework's
    page of ``layout``, by default the one of ``build/``).
    """
    layout = layout or Layout(Path(system.root) / "build")
    master = system.settings.master_language
    site = _site_labels(system, language)
    numbers = [e.number for e in system.entries]
    numbers += sorted(n for n in system.standards if n not in set(numbers))
    by_aspect: dict[str, list[dict[str, Any]]] = {}
    for number in numbers:
        entry, std = system.entry(number), system.standards.get(number)
        status = std.status if std else (entry.status if entry else "planned")
        aspect = std.aspect if std else (entry.aspect if entry else "")
        by_aspect.setdefault(aspect, []).append(
            {
                "number": std.dated_number if std else number,
                "title": system.title_of(number, language) or "",
                "status": status,
                "status_label": status_label(site, std, status),
                "drafted": std is not None,
                "href": layout.standard_link(language, std) if std else "",
            }
        )
    for items in by_aspect.values():
        items.sort(key=lambda item: item["number"])
    categories = []
    for category in system.categories:
        aspects = []
        for aspect in category.aspects:
            items = by_aspect.get(aspect.code, [])
            aspects.append(
                {
                    "code": aspect.code,
                    "title": in_language(aspect.title, language, master),
                    "anchor": _anchor("aspect", aspect.code),
                    "standards": items,
                    "count": len(items),
                    "drafted": sum(1 for i in items if i["drafted"]),
                }
            )
        categories.append(
            {
                "code": category.code,
                "title": in_language(category.title, language, master),
                "anchor": _anchor("category", category.code),
                "aspects": aspects,
                "count": sum(a["count"] for a in aspects),
            }
        )
    everything = [i for items in by_aspect.values() for i in items]
    by_status = {s: sum(1 for i in everything if i["status"] == s) for s in STATUSES}
    return {
        "title": in_language(system.title, language, master),
        "version": system.version,
        "version_label": site.get("version", "{version}").format(version=system.version),
        "notice": in_language(system.notice, language, master),
        "issuing_body": system.settings.issuing_body_in(language),
        "categories": categories,
        "counts": {
            "categories": len(system.categories),
            "aspects": sum(len(c.aspects) for c in system.categories),
            "standards": len(everything),
            "drafted": sum(1 for i in everything if i["drafted"]),
            "planned": sum(1 for i in everything if not i["drafted"]),
        },
        "by_status": by_status,
        "statuses": [
            {"status": s, "label": site.get(f"status_{s}", s), "count": by_status[s]}
            for s in STATUSES
        ],
    }


# --- the diagram ----------------------------------------------------------------------


def text_width(text: str, size: float) -> float:
    """The rough width of ``text`` set at ``size``: CJK glyphs are square, Latin narrow."""
    width = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += size if wide else size * 0.56
    return width


def wrap(text: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """Break ``text`` into lines no wider than ``width``: at spaces, or between CJK glyphs."""
    tokens = re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+", text)
    lines, line = [], ""
    for token in tokens:
        candidate = line + token
        if line and text_width(candidate.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.strip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines or [""]


@dataclass
class _Box:
    x: float
    y: float
    w: float
    h: float
    lines: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def diagram_layout(
    model: dict[str, Any], site: dict[str, str], orientation: str = "columns"
) -> dict[str, Any]:
    """Positions of the diagram: a title band, then the categories with their aspects.

    ``columns`` (wide screens, print): one column per category side by side;
    ``bands`` (phones): one band per category, stacked. Each aspect is a box with its
    code, title, count of standards and a bar of the share drafted, linking to its list
    on the page.
    """
    bands = orientation == "bands"
    width = DIAGRAM_WIDTH_BANDS if bands else DIAGRAM_WIDTH
    margin, gap, pad = 16.0, 14.0, 12.0
    categories = model["categories"] or []
    n = 1 if bands else max(1, len(categories))
    col_w = (width - 2 * margin - (n - 1) * gap) / n
    title_size, cat_size, aspect_size = 20.0, 15.0, 14.0
    title_lines = wrap(model["title"], width - 4 * margin, title_size, 2)
    title_h = 24 + 26 * len(title_lines) + (14 if bands else 0)
    top = margin + title_h + gap
    cat_lines = [
        wrap(f"{c['code']}  {c['title']}", col_w - 2 * pad, cat_size, 3) for c in categories
    ]
    common_h = 22 + 20 * max((len(lines) for lines in cat_lines), default=1)
    columns, bottom = [], top + common_h
    for number, (category, lines) in enumerate(zip(categories, cat_lines, strict=True)):
        x = margin if bands else margin + number * (col_w + gap)
        cat_h = 22 + 20 * len(lines) if bands else common_h
        header = _Box(x, top, col_w, cat_h, lines)
        boxes, y = [], top + cat_h + gap
        for aspect in category["aspects"]:
            inner = col_w - 2 * pad - 8 - (40 if bands else 0)
            a_lines = wrap(f"{aspect['code']}  {aspect['title']}", inner, aspect_size, 3)
            h = 20 + 19 * len(a_lines) + 26
            count = site.get("standards_count", "{n}").format(n=aspect["count"])
            share = aspect["drafted"] / aspect["count"] if aspect["count"] else 0.0
            bar_w = col_w - 2 * pad - 24
            extra = {"anchor": aspect["anchor"], "count": count, "bar": bar_w * share}
            extra["bar_w"] = bar_w
            boxes.append(_Box(x + pad, y, col_w - 2 * pad, h, a_lines, extra))
            y += h + 10
        y += pad - 10
        columns.append(
            {"header": header, "aspects": boxes, "anchor": category["anchor"], "bottom": y}
        )
        bottom = max(bottom, y)
        if bands:
            top = y + gap
    height = bottom + margin
    for column in columns:
        end = column["bottom"] if bands else height - margin
        column["band_h"] = end - column["header"].y
    return {
        "width": width,
        "height": height,
        "margin": margin,
        "title_lines": title_lines,
        "title_h": title_h,
        "version": model["version_label"],
        "columns": columns,
        "label": site.get("diagram", ""),
        "orientation": orientation,
    }


# --- the search index -------------------------------------------------------------


def build_search_index(layout: Layout, system: StandardSystem, language: str) -> dict[str, Any]:
    """The search index of the standard pages of a language built in ``layout``, from
    the text each HTML build wrote beside its page (normkit.sphinxext.search_text).

    ``pages``: one per standard (url, number, title, status); ``entries``: one per
    clause, term entry or cover, with the page it is on (``p``), its anchor (``a``),
    heading (``h``) and text (``t``).
    """
    here = layout.page(language)
    pages: list[dict[str, str]] = []
    entries: list[dict[str, Any]] = []
    for std in sorted(system.standards.values(), key=lambda s: s.slug):
        data = layout.path(layout.standard_dir(std, language)) / SEARCH_FILE
        if not data.is_file():  # not built (yet) in this language
            continue
        pages.append(
            {
                "url": layout.href(here, layout.page(language, std)),
                "number": std.dated_number,
                "title": system.title_of(std.number, language) or "",
                "status": std.status,
            }
        )
        for chunk in json.loads(data.read_text(encoding="utf-8")):
            entries.append(
                {
                    "p": len(pages) - 1,
                    "a": chunk["anchor"],
                    "h": chunk["heading"],
                    "t": chunk["text"],
                }
            )
    return {"language": language, "pages": pages, "entries": entries}
