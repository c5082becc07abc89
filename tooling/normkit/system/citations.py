"""How sources cite the standards of the system: ``:std:`T/XQZC 1102``` (undated) and
``:std:`T/XQZC 1102—2026``` (dated), optionally ``:std:`text <T/XQZC 1102>```.

One parser for the role, the build cache (what a standard cites) and ``normkit check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from normkit.files import read_text

# The number, then optionally a dash (em dash as GB/T 1.1 writes it; a hyphen is
# accepted) and the year.
_TARGET = re.compile(r"^(?P<number>.+?)(?:\s*[—\-–](?P<year>\d{4}))?$")
#: What ends a line (as str.splitlines ends them; CR LF is one end).
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_END = re.compile(rf"\r\n|[{_BREAKS}]")
# A role within one line.
_ROLE = re.compile(rf":std:`(?P<body>[^`{_BREAKS}]+)`")


@dataclass(frozen=True)
class Citation:
    """A cited standard: its number, the year of a dated citation, and where it stands."""

    number: str
    year: str = ""
    path: Path | None = None
    line: int | None = None


def parse_target(target: str) -> Citation:
    """``T/XQZC 1102—2026`` → Citation("T/XQZC 1102", "2026")."""
    # A role wrapped over two lines reads as one line, its break a space.
    text = " ".join(target.split())
    found = _TARGET.match(text)
    if found is None:  # empty: no number (the role reports it unknown)
        return Citation(text)
    return Citation(found.group("number").strip(), found.group("year") or "")


def _target_of(body: str) -> str:
    explicit = re.search(r"<([^<>]+)>\s*$", body)
    return explicit.group(1) if explicit else body


def citations_in(path: Path) -> Iterator[Citation]:
    """Every ``:std:`` citation of an .rst file, with its line."""
    return citations_in_text(read_text(path), path)


def citations_in_text(text: str, path: Path) -> Iterator[Citation]:
    """Every ``:std:`` citation of ``text`` (read from ``path``), with its line."""
    # One search over the whole text (not one per line: a system's sources are read
    # at every check), counting lines only up to each citation found.
    line, counted = 1, 0
    for role in _ROLE.finditer(text):
        line += len(_LINE_END.findall(text, counted, role.start()))
        counted = role.start()
        cited = parse_target(_target_of(role.group("body")))
        yield Citation(cited.number, cited.year, path, line)
