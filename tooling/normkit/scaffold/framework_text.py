"""Editing framework.toml as text, so that its comments and layout survive.

Only two edits are made: a planned entry's status becomes "draft", and a new
``[[standard]]`` entry is inserted after the last entry of its aspect (or at the end).
The result is parsed again before anyone writes it.
"""

from __future__ import annotations

import re
import tomllib

from normkit.scaffold.render import ScaffoldError, toml_string
from normkit.system.model import FrameworkEntry, StandardSystem

_STATUS = re.compile(r'^(\s*status\s*=\s*)"planned"')


def _block_end(lines: list[str], start: int) -> int:
    """The index after the table that holds line ``start`` (0-based): the next table
    header, less the blank and comment lines that introduce it."""
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
        end -= 1
    return end


def mark_drafted(text: str, entry: FrameworkEntry) -> str:
    """``text`` with the planned ``entry``'s status set to "draft"."""
    lines = text.splitlines(keepends=True)
    start = (entry.line or 1) - 1
    for index in range(start, _block_end(lines, start)):
        if _STATUS.match(lines[index]):
            lines[index] = _STATUS.sub(r'\1"draft"', lines[index], count=1)
            return "".join(lines)
    raise ScaffoldError(
        f'cannot find status = "planned" in the entry of {entry.number} '
        f"(framework.toml line {entry.line})",
        'write the entry\'s status as status = "planned" on a line of its own',
    )


def add_entry(
    text: str, system: StandardSystem, number: str, aspect: str, title: dict[str, str]
) -> str:
    """``text`` with a new drafted entry after the last entry of ``aspect``."""
    block = ["", "[[standard]]", f"number = {toml_string(number)}"]
    block += [f"aspect = {toml_string(aspect)}", 'status = "draft"']
    block += [f"title.{lang} = {toml_string(value)}" for lang, value in title.items()]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    same = [e for e in system.entries if e.aspect == aspect and e.line]
    at = _block_end(lines, same[-1].line - 1) if same else len(lines)  # type: ignore[operator]
    lines[at:at] = [line + "\n" for line in block]
    return "".join(lines)


def validated(text: str, number: str) -> str:
    """``text`` if it parses and lists ``number`` once; refuse otherwise."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # the edit would break the file: write nothing
        raise ScaffoldError(
            f"framework.toml would not parse after adding {number} ({exc})",
            "add the [[standard]] entry by hand, then run `normkit new --number` again",
        ) from None
    if sum(1 for s in data.get("standard", []) if s.get("number") == number) != 1:
        raise ScaffoldError(f"framework.toml would not list {number} exactly once")
    return text
