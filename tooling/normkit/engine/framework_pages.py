"""After a build: the framework pages of every language whose HTML it touched."""

from __future__ import annotations

from pathlib import Path

from normkit.catalog import Catalog
from normkit.engine.runner import BuildReport
from normkit.layout import Layout


def refresh_framework_pages(catalog: Catalog, report: BuildReport, layout: Layout) -> list[Path]:
    """Write ``html/<lang>/index.html`` and the search page of each language whose
    standard pages were built (or whose framework page is missing); return the files.

    framework.toml is in every job's hash, so a change of the framework rebuilds some
    page of the language and brings its framework page here too. The bilingual edition
    has standard pages only: its pages link to the master language's framework.
    """
    html = [r for r in report.results if r.job.format == "html" and r.job.language != "bilingual"]
    written: list[Path] = []
    for language in sorted({r.job.language for r in html}):
        rebuilt = any(r.status == "built" and r.job.language == language for r in html)
        if rebuilt or not layout.path(layout.page(language)).is_file():
            # Imported here: the writers load Sphinx, which a build that is up to date
            # never needs (a third of a no-change rebuild's time).
            from normkit.writers.site_pages import write_framework_pages

            written += write_framework_pages(catalog, layout, language)
    return written
