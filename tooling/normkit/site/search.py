"""The site's search index, written by Pagefind (its extended build segments Chinese).

The text comes from what each HTML build wrote from its doctree beside the page
(``nk-search.json``, normkit.sphinxext.search_text), published with the release: one
chunk per clause, term entry and annex, each with its stable anchor. For each released
edition, a small page made of those chunks (a heading with the chunk's id, then its
text) is handed to Pagefind with the URL of the real page: a result is the edition, its
sub-results are the clauses (``…/index.html#cl-scope``), so a result opens at the right
place.

The pages go to Pagefind's service mode (``pagefind --service``) in memory, each with its
URL: nothing is written to disk but the index. (Pagefind's command line would need them
as files in a tree that mirrors the site, thousands of folders made and removed for one
run; its Python package speaks the same service but waits a tenth of a second for each
answer.)
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from normkit.errors import NormkitError
from normkit.files import write_atomic
from normkit.layout import SEARCH_FILE


@dataclass(frozen=True)
class SearchPage:
    """One released edition page to index: its folder (with ``nk-search.json``), its URL
    from the site's root, its language (a BCP 47 tag Pagefind knows: ``zh-cn``, ``en``),
    the standard's number and title its results are headed with when the chunks do not
    name it (releases made before their cover chunk did), and the line saying which
    edition it is (``1.1 版 · 中文``)."""

    path: Path
    url: str
    language: str
    label: str
    edition: str = ""


class SearchError(NormkitError):
    """Pagefind could not write the index."""


#: The anchor of the cover's chunk, whose heading is the standard's number and title.
COVER = "cover"


def search_page(page: SearchPage) -> tuple[str, int]:
    """The page Pagefind indexes for ``page``, and how many chunks it holds.

    Every result carries the standard's dated number and title (``title``: the cover
    chunk's heading, as the release printed it) and the edition line (``edition``), so
    that a clause's heading is never shown without the document it belongs to."""
    source = page.path / SEARCH_FILE
    chunks = json.loads(source.read_text(encoding="utf-8")) if source.is_file() else []
    title = next(
        (c["heading"] for c in chunks if c.get("anchor") == COVER and c.get("heading")),
        page.label,
    )
    parts = [
        f'<!DOCTYPE html><html lang="{html.escape(page.language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body data-pagefind-body>"
        f'<h1 data-pagefind-meta="title">{html.escape(title)}</h1>'
        f'<span data-pagefind-meta="edition:{html.escape(page.edition)}"></span>'
    ]
    count = 0
    for chunk in chunks:
        if not (chunk.get("heading") or chunk.get("text")):
            continue
        heading = html.escape(chunk.get("heading") or title)
        parts.append(
            f'<h2 id="{html.escape(chunk["anchor"])}">{heading}</h2>'
            f"<p>{html.escape(chunk.get('text', ''))}</p>"
        )
        count += 1
    parts.append("</body></html>\n")
    return "".join(parts), count


def _executable() -> str:
    """The Pagefind binary of the pagefind[extended] wheel (the extended build: it
    segments Chinese), else the standard one."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # pragma: no cover - the extended wheel is a dependency
        from pagefind_bin import get_executable  # type: ignore[no-redef]
    return str(get_executable())


def _message(message_id: int, payload: dict) -> bytes:
    """One request of Pagefind's service protocol: base64 of the JSON, then a comma."""
    body = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(body.encode("utf-8")) + b","


def index_documents(documents: list[tuple[str, str]], output: Path) -> None:
    """Have Pagefind index ``documents`` (URL from the site's root, HTML) into ``output``.

    One Pagefind process in service mode: a new index, every document in the order given
    (the service takes them one after another, so the same documents give the same
    index), then the index's files, handed back in memory and written here. (The
    service's own writing answers before its last file is complete, and stops when its
    input ends: a file could be cut short.) The requests are written by a thread while
    this one reads the answers, so neither pipe fills up and stalls the other side."""
    payloads: list[dict] = [{"type": "NewIndex", "config": {"keep_index_url": True}}]
    payloads += [
        {"type": "AddFile", "index_id": 0, "url": f"/{url}", "file_contents": text}
        for url, text in documents
    ]
    payloads.append({"type": "GetFiles", "index_id": 0})
    try:
        process = subprocess.Popen(
            [_executable(), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as error:
        raise SearchError(f"{output}: Pagefind could not be started ({error})") from error
    assert process.stdin is not None and process.stdout is not None

    def send() -> None:
        try:
            for number, payload in enumerate(payloads):
                process.stdin.write(_message(number, payload))
            process.stdin.flush()
        except OSError:  # Pagefind stopped: the reader below says so
            pass

    writer = threading.Thread(target=send, daemon=True)
    writer.start()
    problem, files = "", None
    answered, pending = 0, b""
    try:
        while answered < len(payloads) and not problem:
            data = process.stdout.read1(1 << 20)
            if not data:
                problem = f"it stopped after {answered} of {len(payloads)} requests"
                break
            pending += data
            *answers, pending = pending.split(b",")
            for answer in answers:
                answered += 1
                reply = json.loads(base64.b64decode(answer))["payload"]
                if reply.get("type") == "Error":
                    problem = reply.get("message") or "an error"
                elif reply.get("type") == "GetFiles":
                    files = reply["files"]
    finally:
        writer.join()
        process.stdin.close()  # the service ends when its input does
        process.stdout.close()
        process.wait()
    if problem or files is None:
        raise SearchError(
            f"{output}: Pagefind could not write the search index ({problem or 'no files'})"
        )
    for file in sorted(files, key=lambda f: f["path"]):
        path = output / file["path"]
        if ".." in Path(file["path"]).parts or Path(file["path"]).is_absolute():
            raise SearchError(f"{output}: Pagefind named a file outside it ({file['path']})")
        content = base64.b64decode(file["content"])
        if path.name == "pagefind-entry.json":
            # Pagefind lists the languages of its entry file in hash-map order, which
            # changes from run to run; sorted, the same site gives the same bytes (the
            # script looks keys up).
            data = json.loads(content)
            content = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def search_documents(pages: list[SearchPage]) -> tuple[list[tuple[str, str]], int]:
    """What Pagefind indexes for ``pages``: (URL, HTML) of each, in URL order, and how
    many chunks they hold."""
    documents, total = [], 0
    for page in sorted(pages, key=lambda p: p.url):
        text, count = search_page(page)
        documents.append((page.url, text))
        total += count
    return documents, total


#: Beside the site (build/.cache/): what the last index was made of and what it is.
INDEX_STAMP = "site-search.json"


def _key(documents: list[tuple[str, str]]) -> str:
    """A digest of everything the index depends on: the documents, and the Pagefind
    binary (its size and time: another Pagefind may write another index)."""
    binary = os.stat(_executable())
    digest = hashlib.sha256(f"{binary.st_size} {binary.st_mtime_ns}\n".encode())
    for url, text in documents:
        digest.update(f"{len(url)} {url} {len(text)}\n".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _entry_digest(index: Path) -> str:
    try:
        return hashlib.sha256((index / "pagefind-entry.json").read_bytes()).hexdigest()
    except OSError:
        return ""


def same_index(documents: list[tuple[str, str]], index: Path, stamps: Path) -> bool:
    """Whether ``index`` (the previous site's ``pagefind/``) is what Pagefind made last
    from these very documents: then the site keeps it instead of indexing again. The
    stamp names the documents' digest and the SHA-256 of the entry file written then
    (Pagefind's entry names the hash of every language's index)."""
    try:
        stamp = json.loads((stamps / INDEX_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    entry = _entry_digest(index)
    return bool(entry) and stamp == {"documents": _key(documents), "entry": entry}


def write_index(documents: list[tuple[str, str]], output: Path, stamps: Path) -> None:
    """Index ``documents`` into ``output`` (the site's ``pagefind/``, in the site's
    staging folder: not yet public) and stamp it in ``stamps`` (see :func:`same_index`;
    a stamp that cannot be written only costs the next site an indexing)."""
    if not documents:  # nothing released yet: no index (the search page finds nothing)
        return
    index_documents(documents, output)
    stamp = {"documents": _key(documents), "entry": _entry_digest(output)}
    with contextlib.suppress(OSError):
        write_atomic(stamps / INDEX_STAMP, json.dumps(stamp, sort_keys=True))
