"""The PDF edition: the ``normkit-pdf`` Sphinx builder.

A thin builder (as Sphinx's text builder): it takes the standard's doctree once Sphinx
has resolved every reference, checks that its figures are readable files of the
standard's folder, renders print HTML with :class:`~normkit.writers.print_html.PrintTranslator`
and ``templates/print``, has WeasyPrint turn it into PDF bytes
(:func:`pdf_bytes`), and writes ``<outdir>/<slug>-<version>-<lang>.pdf`` atomically.

Its settings (``normkit_pdf_variant``, ``normkit_pdf_tagged``, ``normkit_pdf_keep_html``)
are declared and checked with the others in normkit.sphinxext.config.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.highlighting import PygmentsBridge
from sphinx.writers.html import HTMLWriter

from normkit.diagnostics import warn
from normkit.files import write_atomic
from normkit.layout import Layout
from normkit.presentation import template
from normkit.sphinxext.context import StandardContext, context_of
from normkit.sphinxext.image_policy import ImageRefused, checked_image
from normkit.writers import printed_pages
from normkit.writers.cjk_spacing import fix_cjk_latin_gaps
from normkit.writers.errors import PdfError
from normkit.writers.fitted_fonts import font_cache
from normkit.writers.print_html import (
    PrintTranslator,
    contents_of,
    float_footnotes,
    print_document,
    render_parts,
    toc_leader,
)
from normkit.writers.script_runs import set_runs_apart


def template_dir(ctx: StandardContext) -> Path:
    """templates/print of the repository being built, else normkit's."""
    return template(ctx.root, "print")


def check_figures(doctree: nodes.document, srcdir: Path) -> None:
    """Every image must pass :func:`~normkit.sphinxext.image_policy.checked_image`.

    Checked before rendering, where each image still knows its source file and line,
    so the error names them (WeasyPrint would only know a URL).
    """
    for image in doctree.findall(nodes.image):
        try:  # the image collector made every uri relative to the standard's folder
            checked_image(image["uri"], srcdir, srcdir)
        except ImageRefused as refusal:
            raise PdfError(
                f"{_where(image, srcdir)}: figure {image['uri']!r} cannot be put in the PDF: "
                f"{refusal}; put the file in the standard's figures/ folder [normkit.pdf-figure]"
            ) from None


def _where(node: nodes.Node, srcdir: Path) -> str:
    """``file:line`` of a node, from its nearest ancestor that knows them."""
    source, line = None, None
    current: nodes.Node | None = node
    while current is not None and not (source and line):
        source, line = get_source_line(current)
        current = current.parent
    return f"{source or srcdir / 'index.rst'}:{line}" if line else str(source or srcdir)


class PdfBuilder(Builder):
    """Builds the PDF edition of one standard in one language."""

    name = "normkit-pdf"
    format = "pdf"
    epilog = "The PDF is in %(outdir)s."
    allow_parallel = False
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    default_translator_class = PrintTranslator

    def init(self) -> None:
        """State the HTML translator expects of an HTML builder."""
        self.secnumbers: dict[str, Any] = {}
        self.fignumbers: dict[str, Any] = {}
        self.images: dict[str, str] = {}
        self.imgpath = ""
        self.dlpath = ""
        self.download_support = False
        self.add_permalinks = False
        self.math_renderer_name: str | None = None
        self.current_docname = ""
        self.highlighter = PygmentsBridge("html", "sphinx")
        self.printed_pages: dict[str, str] = {}

    @property
    def normkit(self) -> StandardContext:
        """The standard being built (set up by normkit.sphinxext)."""
        return context_of(self.env)

    def get_outdated_docs(self) -> Iterable[str]:
        """Always rebuilt: the PDF also depends on metadata outside the sources."""
        return self.env.found_docs

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """One document: every internal link is a fragment of it."""
        return ""

    def prepare_writing(self, docnames: set[str]) -> None:
        """The docutils settings of the HTML writer the translator reuses."""
        settings = get_default_settings(HTMLWriter)
        for key, value in self.env.settings.items():
            setattr(settings, key, value)
        self.docsettings = settings

    def warn_unknown(self, node: nodes.Node) -> None:
        """Warn, with its location, about a node the print translator does not know."""
        warn(
            "pdf-node",
            f"the PDF writer does not know the node {type(node).__name__}; its text is "
            "rendered plainly",
            node,
        )

    def print_html(self, doctree: nodes.document) -> str:
        """The print HTML of the standard's resolved doctree."""
        ctx = self.normkit
        doctree.settings = self.docsettings
        self.current_docname = self.config.root_doc
        check_figures(doctree, Path(self.srcdir))
        float_footnotes(doctree)
        fix_cjk_latin_gaps(doctree)
        set_runs_apart(doctree, ctx.language)
        translator = self.create_translator(doctree, self)
        assert isinstance(translator, PrintTranslator)
        parts = render_parts(doctree, translator)
        parts.toc = contents_of(doctree, ctx)
        return print_document(template_dir(ctx), ctx, parts)

    def pdf_bytes(self, doctree: nodes.document, layout_only: bool = False) -> tuple[str, bytes]:
        """The print HTML and the PDF of the standard (nothing written); the page each
        anchor is printed on in :attr:`printed_pages`. ``layout_only``: the pages are
        laid out and no PDF is made (b"")."""
        from normkit.writers.pdf_fetcher import RefusedResource
        from normkit.writers.pdf_render import anchors_of, forwarded_logs, lay_out, render_pdf

        html = self.print_html(doctree)
        anchors: list[set[str]] = []

        def report(message: str) -> None:
            warn("pdf-render", f"WeasyPrint: {message}", self.config.root_doc)

        roots = (Path(self.srcdir), Path(self.outdir), toc_leader(self.normkit))
        fonts = font_cache(self.normkit.root)
        try:
            with forwarded_logs(report):
                if layout_only:
                    pdf = b""
                    anchors = anchors_of(
                        lay_out(html, base_url=Path(self.srcdir), roots=roots, fonts=fonts)
                    )
                else:
                    pdf = render_pdf(
                        html,
                        base_url=Path(self.srcdir),
                        roots=roots,
                        tagged=self.normkit.config.pdf_tagged,
                        variant=self.normkit.config.pdf_variant,
                        page_anchors=anchors,
                        fonts=fonts,
                    )
        except RefusedResource as error:
            source = self.env.doc2path(self.config.root_doc)
            raise PdfError(f"{source}: {error}") from None
        self.printed_pages = printed_pages.printed_pages(anchors)
        return html, pdf

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Render the standard (its root document) and save the PDF atomically."""
        if docname != self.config.root_doc:
            return
        html, pdf = self.pdf_bytes(doctree)
        ctx = self.normkit
        target = Path(self.outdir) / Layout.file_name(ctx.standard, ctx.edition, "pdf")
        write_atomic(target, pdf)
        # The DOCX of this edition numbers its contents after these pages.
        printed_pages.save(Path(self.doctreedir), self.printed_pages)
        if ctx.config.pdf_keep_html:
            write_atomic(target.with_suffix(".print.html"), html.encode("utf-8"))

    def finish(self) -> None:
        """Nothing to gather: one standard, one PDF."""


class PrintLayoutBuilder(PdfBuilder):
    """Lays the print edition out without writing a PDF, for a DOCX built alone.

    The DOCX contents print the page each heading is on in the PDF of the same edition
    (:mod:`normkit.writers.printed_pages`). When the build asks for the DOCX without the
    PDF, this builder lays the pages out as the PDF builder would and keeps only that
    map, so the DOCX is the same file whichever formats were asked for.
    """

    name = "normkit-print-layout"

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Lay the standard out and save where each anchor is printed."""
        if docname != self.config.root_doc:
            return
        self.pdf_bytes(doctree, layout_only=True)
        printed_pages.save(Path(self.doctreedir), self.printed_pages)


def setup(app: Sphinx) -> None:
    """Register the ``normkit-pdf`` builder, its layout-only twin and their options."""
    app.add_builder(PdfBuilder)
    app.add_builder(PrintLayoutBuilder)
