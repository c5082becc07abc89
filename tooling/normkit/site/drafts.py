"""The current drafts on the public site (``normkit site --drafts``).

Every drafted standard is built from the working tree, as ``normkit build`` would, into
``build/drafts/`` (cached: a second site rebuilds only what changed), each edition marked
as the working text (``normkit_working_draft``: a banner on every page, a watermark in
the PDF) with the framework's pages beside them, marked too. The site publishes those
outputs under ``drafts/`` with the build's own layout, so their links to each other, to
their downloads and to the drafts' framework pages hold. Drafts are never ``latest/``,
never in the site's search index, feed, sitemap or versions.json; each standard's page
of the site links its draft apart from its releases. A standard whose draft does not
build is named and left out; the others publish.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from normkit.files import link_or_copy
from normkit.layout import Layout
from normkit.system import StandardSystem

#: Where the drafts are in the site (the build's layout inside).
DRAFTS = "drafts"


@dataclass
class Drafts:
    """The drafts built: their folder, the outputs that publish (relative paths of the
    layout) and the standards that failed (each with its first error)."""

    out: Path
    outputs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def build_drafts(system: StandardSystem) -> Drafts:
    """Build every edition and format of every drafted standard from the working tree
    into ``build/drafts/``, marked as working drafts (every format: a page offers its
    PDF and Word file)."""
    from normkit.engine import BuildOptions, plan, run_jobs
    from normkit.writers.site_pages import write_framework_pages

    out = Path(system.root) / "build" / DRAFTS
    layout = Layout(out, system.settings.site_url)
    jobs = plan(system)
    settings = (("working_draft", True),)
    options = BuildOptions(out=out, jobs=os.cpu_count() or 1, settings=settings)
    report = run_jobs(system, jobs, options)
    drafts = Drafts(out)
    failed = {r.job.standard.slug for r in report.failed}
    for result in report.failed:
        first = result.errors[0].message if result.errors else "warnings"
        drafts.errors.append(f"draft of {result.job.standard.slug} not published: {first}")
    for result in report.results:
        if result.job.standard.slug not in failed:  # no edition of a broken draft
            drafts.outputs += [p.relative_to(out).as_posix() for p in result.outputs]
    for language in system.settings.all_languages:
        written = write_framework_pages(system, layout, language, working_draft=True)
        drafts.outputs += [p.relative_to(out).as_posix() for p in written]
    drafts.errors = sorted(set(drafts.errors))
    return drafts


def place_drafts(drafts: Drafts, staging: Path) -> None:
    """Put the drafts' outputs under ``drafts/`` of the site being written (hard links
    where the file system allows)."""
    for relative in sorted(set(drafts.outputs)):
        source, dest = drafts.out / relative, staging / DRAFTS / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, copy_function=link_or_copy, dirs_exist_ok=True)
        else:
            link_or_copy(source, dest)


def draft_model(
    system: StandardSystem, drafts: Drafts, slug: str, base: str, names: dict[str, str]
) -> dict | None:
    """A standard's draft as its page of the site shows it: the editions and downloads
    that were built (links from that page; ``base`` leads to the site's root), or None."""
    published = set(drafts.outputs)
    standard = next((s for s in system.standards.values() if s.slug == slug), None)
    if standard is None:
        return None
    layout = Layout(Path("."))
    editions = [
        {"href": f"{base}{DRAFTS}/{layout.page(e, standard)}", "name": names[e]}
        for e in names
        if layout.document(standard, e, "html") in published
    ]
    downloads = [
        {"href": f"{base}{DRAFTS}/{path}", "name": path.rsplit("/", 1)[-1]}
        for e in names
        for fmt in ("pdf", "docx")
        if (path := layout.document(standard, e, fmt)) in published
    ]
    if not editions and not downloads:
        return None
    return {"version": standard.version, "editions": editions, "downloads": downloads}
