"""After a build: the framework pages of every language whose HTML it touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from normkit.engine.jobs import JobResult
from normkit.engine.runner import BuildReport
from normkit.layout import Layout
from normkit.system import StandardSystem


def refresh_framework_pages(
    system: StandardSystem,
    report: BuildReport,
    layout: Layout,
    comparison_of: Callable[[str], Any] | None = None,
) -> list[Path]:
    """Write ``html/<lang>/index.html`` and the search page of each language whose
    standard pages were built, or whose framework page is missing or older than one of
    its standard pages (a build killed between the two); return the files.

    framework.toml is in every job's hash, so a change of the framework rebuilds some
    page of the language and brings its framework page here too. The bilingual edition
    has standard pages only: its pages link to the master language's framework.
    ``comparison_of(language)`` gives what changed since the framework's previous
    version (its changes page), or None.
    """
    html = [r for r in report.results if r.job.format == "html" and r.job.language != "bilingual"]
    written: list[Path] = []
    graph = None  # the citation graph reads every source of the system: once, not per language
    for language in sorted({r.job.language for r in html}):
        page = layout.path(layout.page(language))
        rebuilt = any(r.status == "built" and r.job.language == language for r in html)
        if rebuilt or _older_than_editions(page, [r for r in html if r.job.language == language]):
            # Imported here: the writers load Sphinx, which a build that is up to date
            # never needs (a third of a no-change rebuild's time).
            from normkit.refs.graph import citation_graph
            from normkit.writers.site_pages import write_framework_pages

            comparison = comparison_of(language) if comparison_of else None
            graph = graph or citation_graph(system)
            written += write_framework_pages(
                system, layout, language, comparison=comparison, graph=graph
            )
    return written


def _older_than_editions(page: Path, results: list[JobResult]) -> bool:
    """Whether the framework page is missing or older than an edition it lists: a build
    killed after its last edition but before this page left it so, and the next build,
    finding every edition up to date, must still write it."""
    if not page.is_file():
        return True
    written = page.stat().st_mtime
    return any(
        output.exists() and output.stat().st_mtime > written
        for result in results
        for output in result.outputs
    )
