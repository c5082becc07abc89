"""The print pages of each edition, kept between builds for a DOCX built alone.

The DOCX contents print the page each heading is on in the PDF of the same edition
(normkit.writers.printed_pages). A job that builds the PDF has that map for nothing; a
job that builds the DOCX alone would have to lay the print pages out (WeasyPrint, four
times the DOCX's own cost on a 100-page standard). So every map a job makes is kept in
``<out>/.cache/pages/<edition>/<slug>.json`` under the key of what the layout read, and
a later DOCX-only job of the same key takes it instead of laying the pages out again:
a DOCX after a PDF build, or a second DOCX build of unchanged sources, costs what the
DOCX alone costs, and is the same file as the DOCX built beside its PDF.

The key is what the PDF job of the edition reads (its content hash in
normkit.engine.cache: the standard's folder, the standards it cites, framework.toml,
conf.py, the print templates and label tables, normkit's code), the settings the build
gives its jobs, and WeasyPrint's version. A damaged, foreign or stale file is ignored
and replaced; it is written atomically, so no reader sees half of it.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from importlib import metadata
from pathlib import Path

from normkit.engine.cache import JobHashes
from normkit.engine.jobs import Job
from normkit.files import write_atomic
from normkit.system import StandardSystem


def _weasyprint_version() -> str:
    """The installed WeasyPrint's version (its line breaking lays the pages out);
    read from its metadata, so that a DOCX-only job need not import it."""
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return ""


def page_map_key(system: StandardSystem, job: Job, config: dict[str, object]) -> str:
    """The key of the print pages of ``job``'s edition: what its PDF would read and
    the ``config`` the build gives its jobs (``normkit_*`` settings)."""
    twin = Job(job.standard, job.language, "pdf")
    digest = hashlib.sha256(JobHashes(system, strict=False).of(twin).encode())
    digest.update(json.dumps(config, sort_keys=True, default=str).encode())
    digest.update(_weasyprint_version().encode())
    return digest.hexdigest()


class PageMaps:
    """The maps kept under ``<out>/.cache/pages``, one file per standard and edition
    (the newest: an edition's earlier maps are never asked for again)."""

    def __init__(self, out: Path) -> None:
        self.folder = out / ".cache" / "pages"

    def _file(self, job: Job) -> Path:
        return self.folder / job.language / f"{job.standard.slug}.json"

    def find(self, job: Job, key: str) -> dict[str, str] | None:
        """The map kept for ``job``'s edition under ``key``; None when there is none,
        it was made from other sources, or the file is damaged."""
        try:
            kept = json.loads(self._file(job).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        pages = kept.get("pages")
        if not isinstance(pages, dict) or not pages:
            return None
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in pages.items()):
            return None
        return pages

    def keep(self, job: Job, key: str, pages: dict[str, str]) -> None:
        """Keep ``pages`` for ``job``'s edition under ``key`` (a failure to write only
        costs a later DOCX-only build its layout)."""
        if not pages:
            return
        data = json.dumps({"key": key, "pages": pages}, sort_keys=True, ensure_ascii=False)
        with suppress(OSError):
            write_atomic(self._file(job), data)
