"""Print HTML → PDF bytes with WeasyPrint, imported once per process at the first PDF.

WeasyPrint takes about half a second to import (Pango, HarfBuzz, its CSS tables; and a
quarter more to look its libraries up with gcc, which normkit.writers.weasyprint_import
avoids), so it is imported lazily, the first time a process renders a PDF, and kept: a
worker that builds many standards pays for it once. Nothing here writes a file ("return, then
write": the builder saves the bytes atomically).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from normkit.sphinxext.config import DEFAULT_PDF_VARIANT

#: Use PDF structure tags (a tagged PDF, for screen readers and reflow). WeasyPrint 70
#: writes them with ``pdf_tags=True``; they work with CJK text (pdftotext and the
#: structure tree keep the Chinese characters); every figure is tagged with its title
#: as alternative text (normkit.sphinxext.alt_text).
TAGGED = True

#: The PDF variant written by default: PDF/A-2u, the archival PDF (ISO 19005-2) whose
#: text maps to Unicode: fonts embedded, an sRGB output intent, XMP metadata (title,
#: issuing body, keywords) and printable link annotations. A standards body keeps its
#: published releases for decades; this is the form archives and libraries accept.
#: PDF/A level "a" (accessible) and PDF/UA render without a warning too, but are not
#: claimed by default: nothing here validates them (veraPDF is not in the registries
#: this project installs from).
#: (Declared with every normkit setting in normkit.sphinxext.config.)
VARIANT = DEFAULT_PDF_VARIANT


#: Anchors of the print templates where the front matter and the body begin.
FRONT_ANCHOR, BODY_ANCHOR = "nk-front", "nk-body"
#: The mark :func:`render_pdf` puts among the anchors of a page left blank so that the
#: next part begins on a right-hand page (not an HTML id: it has a space).
BLANK_PAGE = "nk blank page"


def page_label_ranges(anchors: Sequence[set[str]]) -> list[tuple[int, str]]:
    """(first page index, numbering style) of the cover, front matter and body.

    Styles are PDF page-label styles: "" (no number: the cover), "R" (upper-case
    Roman, the front matter) and "D" (Arabic, the body from 1), as the footers print.
    """
    ranges = [(0, "")]
    for anchor, style in ((FRONT_ANCHOR, "R"), (BODY_ANCHOR, "D")):
        first = next((i for i, names in enumerate(anchors) if anchor in names), None)
        if first is not None:
            ranges.append((first, style))
    return ranges


def finish_pdf(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: page labels, so viewers show i, ii … and 1, 2 … as printed,
    and a document with bookmarks opens with its bookmarks panel shown."""
    import pydyf

    nums = pydyf.Array()
    for first, style in page_label_ranges([set(page.anchors) for page in document.pages]):
        label = pydyf.Dictionary({"S": f"/{style}", "St": 1} if style else {"P": pydyf.String()})
        nums.extend([first, label])
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": nums})
    if "Outlines" in pdf.catalog:
        pdf.catalog["PageMode"] = "/UseOutlines"


def weasyprint() -> ModuleType:
    """The WeasyPrint module, imported at the first call of the process."""
    from normkit.writers.weasyprint_import import import_weasyprint

    return import_weasyprint()


@cache
def font_configuration() -> Any:
    """One WeasyPrint font configuration per process, shared by its documents.

    Making one loads fontconfig's configuration and Pango's font map again; the print
    CSS's ``@font-face`` faces (the fitted Latin faces) are added to it by the first
    document and found there by the next.
    """
    return weasyprint().text.fonts.FontConfiguration()


@contextmanager
def forwarded_logs(report: Callable[[str], None]) -> Iterator[None]:
    """Pass WeasyPrint's warnings and errors to ``report`` while rendering.

    WeasyPrint logs problems (an unsupported CSS property, a font subset with fontTools
    instead of HarfBuzz) rather than raising them; the builder turns them into Sphinx
    warnings so they reach the person building, and tests turn them into failures.
    """

    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            report(record.getMessage())

    handler = Forward(level=logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def lay_out(
    print_html: str, *, base_url: Path, roots: Sequence[Path], fonts: Path | None = None
) -> Any:
    """WeasyPrint's laid-out document of a print HTML document (pages, not yet PDF);
    see :func:`render_pdf` for ``base_url``, ``roots`` and ``fonts``."""
    wp = weasyprint()
    from normkit.writers.pdf_fetcher import ConfinedFetcher
    from normkit.writers.pdf_tables import render_continued

    fetcher = ConfinedFetcher(roots, fonts)
    document = wp.HTML(
        string=print_html, base_url=base_url.resolve().as_uri() + "/", url_fetcher=fetcher
    )
    return render_continued(
        document,
        lambda: document.render(presentational_hints=False, font_config=font_configuration()),
    )


def anchors_of(rendered: Any) -> list[set[str]]:
    """The anchors of each laid-out page (:data:`BLANK_PAGE` for a page left blank)."""
    anchors = []
    for page in rendered.pages:
        page_type = getattr(getattr(page, "_page_box", None), "page_type", None)
        blank = {BLANK_PAGE} if getattr(page_type, "blank", False) else set()
        anchors.append(set(page.anchors) | blank)
    return anchors


def render_pdf(
    print_html: str,
    *,
    base_url: Path,
    roots: Sequence[Path],
    tagged: bool = TAGGED,
    variant: str = VARIANT,
    page_anchors: list[set[str]] | None = None,
    fonts: Path | None = None,
    **options: Any,
) -> bytes:
    """The PDF of a print HTML document, as bytes.

    ``base_url`` is the folder relative URLs resolve against; ``roots`` are the only
    folders WeasyPrint may read from (see :class:`~normkit.writers.pdf_fetcher.ConfinedFetcher`,
    whose :class:`~normkit.writers.pdf_fetcher.RefusedResource` stops the rendering).
    ``variant`` is one of WeasyPrint's variants, or "" for a plain PDF. Presentational
    hints stay off: the print HTML is styled by templates/print only. ``page_anchors``,
    when given, receives the anchors of each laid-out page (:data:`BLANK_PAGE` for a
    page left blank). ``fonts`` is the folder that keeps the fitted Latin faces the
    print CSS asks for (:mod:`normkit.writers.fitted_fonts`) from one build to the next.
    """
    rendered = lay_out(print_html, base_url=base_url, roots=roots, fonts=fonts)
    if page_anchors is not None:
        page_anchors.extend(anchors_of(rendered))
    pdf = rendered.write_pdf(
        None,
        pdf_tags=tagged,
        pdf_variant=variant or None,
        finisher=finish_pdf,
        **options,
    )
    assert isinstance(pdf, bytes)
    return pdf
