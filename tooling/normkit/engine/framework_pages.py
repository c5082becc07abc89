"""After a build: the framework pages of every language whose HTML it touched."""

from __future__ import annotations

from pathlib import Path

from normkit.catalog import Catalog
from normkit.engine.runner import BuildReport
from normkit.layout import Layout
from normkit.writers.site_pages import write_framework_pages


def refresh_framework_pages(catalog: Catalog, report: BuildReport, layout: Layout) -> list[Path]:
    """Write ``html/<lang>/index.html`` and the search page of each language the build
    made HTML in; return the files.

    Written on every build, built or up to date (a fraction of a second): a build killed
    after its last edition but before these pages would otherwise leave old pages that
    the next build, finding every edition up to date, would keep. The bilingual edition
    has standard pages only: its pages link to the master language's framework.
    """
    html = [r for r in report.results if r.job.format == "html" and r.job.language != "bilingual"]
    written: list[Path] = []
    for language in sorted({r.job.language for r in html}):
        written += write_framework_pages(catalog, layout, language)
    return written
