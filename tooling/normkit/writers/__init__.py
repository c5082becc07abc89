"""Writers: the editions a standard is built into, each rendering the document model.

HTML is Sphinx's own builder with the theme in templates/html; PDF renders print HTML
(templates/print) with WeasyPrint; DOCX walks the doctree into python-docx with the
styles of templates/docx/reference.docx. Loaded as a Sphinx extension by conf.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Sphinx loads with the extension, not with site_pages (normkit site)
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register normkit's builders (``normkit-pdf``, ``normkit-docx``), the HTML
    translator that renders redline editions and the HTML math renderer (MathML)."""
    from normkit.writers import docx, html_math, pdf, redline_html

    pdf.setup(app)
    docx.setup(app)
    redline_html.setup(app)
    app.add_html_math_renderer(
        "normkit",
        inline_renderers=(html_math.visit_math_html, None),
        block_renderers=(html_math.visit_math_block_html, None),
    )
    return {"parallel_read_safe": True, "parallel_write_safe": True}
