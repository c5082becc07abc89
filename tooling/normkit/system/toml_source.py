"""Reading TOML with line numbers for messages.

``tomllib`` gives values but not where they are; a person fixing a problem wants the
line. :class:`TomlSource` keeps the text next to the parsed data and finds the line of
a key (optionally with a given value) by looking at the text itself.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from normkit.files import read_text

_ERROR_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlSyntaxError(Exception):
    """A TOML file that does not parse; ``line`` is 1-based where tomllib says it."""

    def __init__(self, path: Path, message: str, line: int | None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


@dataclass
class TomlSource:
    """A parsed TOML file and its text."""

    path: Path
    text: str
    data: dict[str, Any]

    @classmethod
    def read(cls, path: Path) -> TomlSource:
        """Parse ``path``; raise :class:`TomlSyntaxError` with the line on bad syntax and
        :class:`~normkit.errors.SourceNotUtf8` on text that is not UTF-8."""
        return cls.parse(path, read_text(path))

    @classmethod
    def parse(cls, path: Path, text: str) -> TomlSource:
        """Parse the ``text`` of ``path`` (as :func:`~normkit.files.read_text` gives it);
        raise :class:`TomlSyntaxError` with the line on bad syntax."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = _ERROR_POSITION.search(str(exc))
            message = _ERROR_POSITION.sub("", str(exc)).strip()
            raise TomlSyntaxError(path, message, int(found.group(1)) if found else None) from exc
        except RecursionError:  # tomllib recurses once per nested array or table
            lines = text.splitlines() or [""]
            depth = [line.count("[") + line.count("{") for line in lines]
            deepest = depth.index(max(depth)) + 1
            raise TomlSyntaxError(path, "values nested too deeply to be read", deepest) from None
        return cls(path, text, data)

    def line_of(self, key: str, value: str | None = None, after: int | None = None) -> int | None:
        """The first line (at or after ``after``) that assigns ``key``.

        ``key`` may be dotted (``title.en``), and a key also matches its dotted
        children (``title`` finds ``title.zh_CN = …``); with ``value``, the line
        must also hold that value as a TOML string. Returns None when the text does not show it
        (for example an inline table spread differently).
        """
        leaf = re.escape(key.split(".")[-1])
        full = r"\.".join(re.escape(k) for k in key.split("."))
        pattern = re.compile(rf"^\s*(?:{full}|{leaf})(?:\.[\w-]+)*\s*=\s*(.*)$")
        start = max(after or 1, 1)
        lines = self.lines
        for number in range(start, len(lines) + 1):  # no copy of the rest: 1,000 entries ask
            found = pattern.match(lines[number - 1])
            if found and (value is None or f'"{value}"' in found.group(1)):
                return number
        return None

    def header_line(self, table: str) -> int | None:
        """The first line that opens table ``table`` (dotted) or one inside it:
        ``[table]``, ``[[table]]``, ``[table.sub]``."""
        pattern = re.compile(rf"^\[\[?\s*{re.escape(table)}\s*(\]|\.)")
        return next(
            (n for n, line in enumerate(self.lines, 1) if pattern.match(line.strip())), None
        )

    def table_lines(self, header: str) -> list[int]:
        """The lines of every table header ``header`` (``[[standard]]``), in order."""
        return [n for n, line in enumerate(self.lines, 1) if line.strip() == header]

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (split once: a system asks for hundreds of lines)."""
        return self.text.splitlines()
