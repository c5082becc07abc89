"""The site's search index, written by Pagefind (its extended build segments Chinese).

Every clause, term entry and annex of each released edition is one record whose URL is
the clause itself (``…/index.html#cl-scope``), so a result opens at the right place.
The records are the chunks the HTML build wrote from each page's doctree beside it
(normkit.sphinxext.search_text), as the framework pages' search reads them.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from normkit.errors import NormkitError
from normkit.files import write_atomic
from normkit.sphinxext.search_text import FILE as SEARCH_FILE


@dataclass(frozen=True)
class SearchPage:
    """One released edition page to index: where it is, its URL from the site's root,
    its language (a BCP 47 tag Pagefind knows: ``zh-cn``, ``en``) and its title prefix."""

    path: Path
    url: str
    language: str
    label: str


class SearchError(NormkitError):
    """Pagefind could not write the index."""


def records(page: SearchPage) -> list[dict[str, str]]:
    """The search records of one page: one per clause (or the page when it has none)."""
    chunks = json.loads((page.path.parent / SEARCH_FILE).read_text(encoding="utf-8"))
    title = page.label
    found = []
    for chunk in chunks:
        text = " ".join(part for part in (chunk["heading"], chunk["text"]) if part)
        if not text:
            continue
        anchor = f"#{chunk['anchor']}" if chunk["anchor"] else ""
        heading = chunk["heading"] or title
        found.append(
            {
                "url": page.url + anchor,
                "content": text,
                "language": page.language,
                "title": f"{page.label} — {heading}",
            }
        )
    return found


async def _write(items: list[dict[str, str]], output: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"output_path": str(output)}) as index:
        for item in items:
            await index.add_custom_record(
                url=item["url"],
                content=item["content"],
                language=item["language"],
                meta={"title": item["title"]},
            )


def write_index(pages: list[SearchPage], output: Path) -> int:
    """Index ``pages`` into ``output`` (the site's ``pagefind/``); return the records."""
    items = [item for page in sorted(pages, key=lambda p: p.url) for item in records(page)]
    try:
        asyncio.run(_write(items, output))
    except Exception as exc:  # the Pagefind service reports its own failures
        raise SearchError(f"{output}: Pagefind could not write the search index ({exc})") from exc
    # Pagefind lists the languages of its entry file in hash-map order, which changes from
    # run to run; sorted, the same site gives the same bytes (the script looks keys up).
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    write_atomic(entry, json.dumps(data, sort_keys=True, separators=(",", ":")))
    return len(items)
