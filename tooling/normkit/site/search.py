"""The site's search index, written by Pagefind (its extended build segments Chinese).

The text comes from what each HTML build wrote from its doctree beside the page
(``nk-search.json``, normkit.sphinxext.search_text), published with the release: one
chunk per clause, term entry and annex, each with its stable anchor. For each released
edition, a small page made of those chunks (a heading with the chunk's id, then its
text) is written at the same path as the real page in a private folder, and Pagefind
indexes that folder in one run: a result is the edition, its sub-results are the
clauses (``…/index.html#cl-scope``), so a result opens at the right place. (Adding the
chunks one by one through Pagefind's service takes a tenth of a second each.)
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from normkit.errors import NormkitError
from normkit.files import write_atomic
from normkit.layout import SEARCH_FILE


@dataclass(frozen=True)
class SearchPage:
    """One released edition page to index: its folder (with ``nk-search.json``), its URL
    from the site's root, its language (a BCP 47 tag Pagefind knows: ``zh-cn``, ``en``)
    and the prefix of its results' titles."""

    path: Path
    url: str
    language: str
    label: str


class SearchError(NormkitError):
    """Pagefind could not write the index."""


def search_page(page: SearchPage) -> tuple[str, int]:
    """The page Pagefind indexes for ``page``, and how many chunks it holds."""
    source = page.path / SEARCH_FILE
    chunks = json.loads(source.read_text(encoding="utf-8")) if source.is_file() else []
    parts = [
        f'<!DOCTYPE html><html lang="{html.escape(page.language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(page.label)}</title></head><body data-pagefind-body>"
        f'<h1 data-pagefind-meta="title">{html.escape(page.label)}</h1>'
    ]
    count = 0
    for chunk in chunks:
        if not (chunk.get("heading") or chunk.get("text")):
            continue
        heading = html.escape(chunk.get("heading") or page.label)
        parts.append(
            f'<h2 id="{html.escape(chunk["anchor"])}">{heading}</h2>'
            f"<p>{html.escape(chunk.get('text', ''))}</p>"
        )
        count += 1
    parts.append("</body></html>\n")
    return "".join(parts), count


def _pagefind(folder: Path, output: Path) -> None:
    """Run the Pagefind binary (shipped in the pagefind[extended] wheel) over ``folder``.

    A process of its own, not the package's asyncio service: that adds pages one message
    at a time and cannot run where an event loop already runs (a caller's)."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(folder),
        "--output-path",
        str(output),
        "--keep-index-url",
        "--quiet",
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(
            f"{output}: Pagefind could not write the search index "
            f"({said[-1] if said else f'exit {done.returncode}'})"
        )


def write_index(pages: list[SearchPage], output: Path) -> int:
    """Index ``pages`` into ``output`` (the site's ``pagefind/``); return the chunks."""
    if not pages:  # nothing released yet: no index (the search page says nothing found)
        return 0
    total = 0
    with tempfile.TemporaryDirectory(prefix="normkit-search-") as tmp:
        for page in sorted(pages, key=lambda p: p.url):
            text, count = search_page(page)
            write_atomic(Path(tmp) / page.url, text)
            total += count
        _pagefind(Path(tmp), output)
    # Pagefind lists the languages of its entry file in hash-map order, which changes from
    # run to run; sorted, the same site gives the same bytes (the script looks keys up).
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    write_atomic(entry, json.dumps(data, sort_keys=True, separators=(",", ":")))
    return total
