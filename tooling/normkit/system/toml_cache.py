"""TOML files parsed before, kept as JSON under ``build/.cache/``, by their bytes' digest.

Reading a system of 1,000 standards spent most of its time parsing 1,000 standard.toml
files that had not changed since the last command. What parsing and validating a file
gave (its data and its problems) is kept here under the SHA-256 of the file's bytes:
the bytes are read every time (a file changed, touched, or replaced by another of the
same size and time is seen), only the parsing is skipped.

The cache is data, never code: JSON, not pickle, because a CI cache may be restored
from elsewhere; an entry that does not decode is parsed afresh. It is written only into
a ``build/`` folder that exists already (a command that writes nothing else, such as
``normkit diff``, leaves the repository as it found it) and only when something was
parsed; a read-only checkout reads its files as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from normkit.files import write_atomic
from normkit.system.problems import Problem, Severity

#: Where the cache lives, under the repository root.
CACHE_FILE = Path("build") / ".cache" / "system.json"

#: TOML values JSON has no type for, by the tag that stands for them.
_TAGS = {
    "$date": date.fromisoformat,
    "$datetime": datetime.fromisoformat,
    "$time": time.fromisoformat,
}
#: A table whose one key looks like a tag is wrapped in this one.
_TABLE = "$table"


@cache
def _code_key() -> str:
    """The digest of the code whose results are kept: a change to the schema or the
    loader (new problems, other words) or to this format makes every entry stale."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("loader.py", "schema.py", "toml_source.py", "problems.py", "toml_cache.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    """A TOML value as JSON: dates and times tagged, everything else as it is."""
    if isinstance(value, dict):
        encoded = {key: _encode(item) for key, item in value.items()}
        if len(value) == 1 and next(iter(value)).startswith("$"):
            return {_TABLE: encoded}  # not to be read back as a tag
        return encoded
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    """The TOML value :func:`_encode` made ``value`` from."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key == _TABLE:
                return {k: _decode(v) for k, v in inner.items()}
            if key in _TAGS:
                return _TAGS[key](inner)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def _problem_data(problem: Problem) -> list[Any]:
    return [problem.code, problem.line, problem.message, problem.hint, str(problem.severity)]


def _problem(path: Path, data: list[Any]) -> Problem:
    code, line, message, hint, severity = data
    if not all(isinstance(x, str) for x in (code, message, hint)):
        raise TypeError("not a problem")
    if line is not None and not isinstance(line, int):
        raise TypeError("not a line")
    return Problem(code, path, line, message, hint, Severity(severity))


class ParsedFiles:
    """The parsed TOML files of one repository, as kept by earlier commands."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / CACHE_FILE
        self.entries: dict[str, Any] = {}
        self.changed = False
        #: Whether there is a build/ folder to keep the cache in (else nothing is kept).
        self.kept = self.file.parents[1].is_dir()
        if not self.kept:
            return
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("code") == _code_key():
                files = stored.get("files")
                self.entries = files if isinstance(files, dict) else {}

    def _name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def get(self, path: Path, raw: bytes) -> tuple[dict[str, Any] | None, list[Problem]] | None:
        """(data, problems) of the file ``path`` whose bytes are ``raw``, if it was parsed
        with these bytes before; data is None when it did not parse."""
        entry = self.entries.get(self._name(path))
        if not isinstance(entry, dict) or entry.get("sha256") != hashlib.sha256(raw).hexdigest():
            return None
        try:
            data = None if entry["data"] is None else _decode(entry["data"])
            if data is not None and not isinstance(data, dict):
                return None
            return data, [_problem(path, p) for p in entry["problems"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # not what this code writes: parse afresh

    def put(
        self, path: Path, raw: bytes, data: dict[str, Any] | None, problems: list[Problem]
    ) -> None:
        """Keep what parsing ``path`` (bytes ``raw``) gave."""
        if not self.kept:
            return
        self.entries[self._name(path)] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "data": None if data is None else _encode(data),
            "problems": [_problem_data(p) for p in problems],
        }
        self.changed = True

    def save(self, kept: set[str] | None = None) -> None:
        """Write the cache if something was parsed, into an existing ``build/`` only;
        with ``kept`` (the names, relative to the root, of the files read this time),
        entries of other files are dropped."""
        if not self.changed:
            return
        if kept is not None:
            self.entries = {k: v for k, v in self.entries.items() if k in kept}
        data = {"code": _code_key(), "files": self.entries}
        with contextlib.suppress(OSError):  # read-only: the next command parses again
            write_atomic(self.file, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
