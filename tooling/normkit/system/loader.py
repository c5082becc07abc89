"""framework.toml + standards/*/standard.toml → :class:`StandardSystem`, with every problem.

Reading never stops at the first problem: each field that is missing or of the wrong
type becomes a :class:`Problem` naming the file and line, and the record is kept as
far as it can be, so that ``normkit check`` reports everything in one run.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from normkit.errors import RepositoryNotFound, SourceNotUtf8, StandardSystemError
from normkit.files import read_text, text_of
from normkit.system import schema
from normkit.system.model import (
    Aspect,
    Category,
    Editor,
    FrameworkEntry,
    Numbering,
    Settings,
    Standard,
    StandardSystem,
)
from normkit.system.problems import Problem
from normkit.system.toml_cache import ParsedFiles
from normkit.system.toml_source import TomlSource, TomlSyntaxError

FRAMEWORK_FILE = Path("standards") / "framework.toml"
STANDARD_FILE = "standard.toml"


@dataclass
class LoadResult:
    """The system (None when framework.toml cannot be read) and the problems found."""

    system: StandardSystem | None
    problems: list[Problem] = field(default_factory=list)


def find_root(start: Path | None = None) -> Path:
    """The repository root at or above ``start``: the folder holding standards/framework.toml."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / FRAMEWORK_FILE).is_file():
            return folder
    raise RepositoryNotFound(start)


def load_system(root: Path) -> StandardSystem:
    """The system of ``root``; raise :class:`StandardSystemError` if it has errors."""
    result = load(root)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.system is None:
        raise StandardSystemError(errors)
    return result.system


#: The last system read in this process, by root: the digest of its TOML files and
#: what was read from them. A build reads it in the parent and in every job of every
#: worker; parsing 1,000 standard.toml files each time was most of a small job's work.
_LOADED: dict[Path, tuple[str, LoadResult]] = {}


def _read_files(root: Path) -> tuple[str, dict[Path, bytes]]:
    """The SHA-256 of every TOML file the system is read from (names and bytes), and
    their bytes by path relative to ``root`` (an unreadable file has none): the same
    digest, the same system. File times are not enough: two writes within a clock tick
    leave the same time, and a file can be replaced by another of the same size and
    time. The files are read once a load: parsing them is what the digest spares."""
    digest = hashlib.sha256()
    contents: dict[Path, bytes] = {}

    def add(name: Path) -> None:
        digest.update(str(root / name).encode() + b"\0")
        try:
            contents[name] = (root / name).read_bytes()
            digest.update(contents[name])
        except OSError:
            digest.update(b"\1unreadable")
        digest.update(b"\0")

    add(FRAMEWORK_FILE)
    for folder in _folders(root / FRAMEWORK_FILE.parent):
        name = FRAMEWORK_FILE.parent / folder.name / STANDARD_FILE
        if os.path.isfile(root / name):
            add(name)
        elif any(folder.glob("*.rst")):  # sources without metadata: a problem to report
            digest.update(str(folder).encode() + b"\0sources\0")
    return digest.hexdigest(), contents


def _folders(standards_dir: Path) -> list[Path]:
    """The folders of ``standards/`` that may hold a standard, in order."""
    try:
        entries = list(os.scandir(standards_dir))
    except OSError:
        return []
    names = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith((".", "_")))
    return [standards_dir / name for name in names]


#: Systems handed to this process by the one that read them (see :func:`given`).
_GIVEN: dict[Path, LoadResult] = {}


@contextmanager
def given(system: StandardSystem) -> Iterator[None]:
    """Within this block, ``load(system.root)`` is ``system``: a build job was handed the
    system its parent read and checked, and neither it nor Sphinx's extension reads the
    TOML files of every standard again (for 1,000 standards, reading them was most of a
    small job's work). Only ``.system`` of such a result is meant to be used."""
    key = Path(system.root).resolve()
    before = _GIVEN.get(key)
    _GIVEN[key] = LoadResult(system)
    try:
        yield
    finally:
        if before is None:
            del _GIVEN[key]
        else:
            _GIVEN[key] = before


def files_digest(root: Path) -> str:
    """The digest of the TOML files the system of ``root`` was last read from in this
    process (read from the files now if it was not read): what a cache of findings
    about the system is keyed with, without reading 1,000 standard.toml files again."""
    key = Path(root).resolve()
    cached = _LOADED.get(key)
    return cached[0] if cached is not None else _read_files(key)[0]


def load(root: Path) -> LoadResult:
    """Read the whole standard system under ``root``, collecting problems.

    The result is shared within a process while the TOML files stay the same; treat
    it as read-only."""
    key = Path(root).resolve()
    handed = _GIVEN.get(key)
    if handed is not None:
        return handed
    digest, contents = _read_files(key)
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == digest:
        return cached[1]
    parsed = ParsedFiles(Path(root))
    result = _load(root, _Files(Path(root), contents, parsed))
    parsed.save(kept={str(name) for name in contents})
    _LOADED[key] = (digest, result)
    return result


@dataclass
class _Files:
    """The TOML files of one load: their bytes, read once, and what parsing them gave
    before (:mod:`normkit.system.toml_cache`)."""

    root: Path
    contents: dict[Path, bytes]
    parsed: ParsedFiles

    def read(self, path: Path, spec: schema.Field, problems: list[Problem]) -> TomlSource | None:
        """The parsed and validated file ``path`` (None when it does not parse); its
        problems go to ``problems``. Parsed again only when its bytes changed."""
        try:
            raw = self.contents[path.relative_to(self.root)]
        except (KeyError, ValueError):
            return _read_toml(path, problems, spec)  # not read for the digest: read now
        try:
            text = text_of(path, raw)
        except SourceNotUtf8 as exc:
            problems.append(_not_utf8(exc))
            return None
        kept = self.parsed.get(path, raw)
        if kept is not None:
            data, found = kept
            problems += found
            return None if data is None else TomlSource(path, text, data)
        found: list[Problem] = []
        source = _parse_toml(path, text, found, spec)
        self.parsed.put(path, raw, None if source is None else source.data, found)
        problems += found
        return source


def _load(root: Path, files: _Files | None = None) -> LoadResult:
    """Read the whole standard system under ``root``, collecting problems."""
    if files is None:
        files = _Files(root, {}, ParsedFiles(root))
    problems: list[Problem] = []
    framework_path = root / FRAMEWORK_FILE
    source = files.read(framework_path, schema.FRAMEWORK, problems)
    standards = _read_standards(framework_path.parent, problems, files)
    if source is None:
        return LoadResult(None, problems)
    reader = _Reader(source, problems)
    framework = reader.table(source.data, "framework")
    settings = _settings(reader, reader.table(source.data, "settings"))
    system = StandardSystem(
        root=root,
        framework_file=framework_path,
        version=reader.string(framework, "version"),
        title=reader.text(framework, "title"),
        notice=reader.text(framework, "notice"),
        settings=settings,
        categories=_categories(reader, settings),
        entries=_entries(reader, settings),
        standards={},
    )
    for std in standards:
        if std.number in system.standards:
            other = system.standards[std.number]
            problems.append(
                Problem(
                    "normkit.duplicate-number",
                    std.path / STANDARD_FILE,
                    _number_line(std),
                    f"standard number {std.number} is also used by {other.path.name}/",
                    "give each standard its own number",
                )
            )
            continue
        system.standards[std.number] = std
    return LoadResult(system, problems)


def _read_toml(path: Path, problems: list[Problem], spec: schema.Field) -> TomlSource | None:
    """Read and validate one TOML file; its problems go to ``problems``."""
    if not path.is_file():
        problems.append(Problem("normkit.missing-file", path, None, "file is missing", "create it"))
        return None
    try:
        text = read_text(path)
    except SourceNotUtf8 as exc:
        problems.append(_not_utf8(exc))
        return None
    return _parse_toml(path, text, problems, spec)


def _not_utf8(exc: SourceNotUtf8) -> Problem:
    return Problem("normkit.encoding", exc.path, exc.line, exc.detail, exc.hint or "")


def _parse_toml(
    path: Path, text: str, problems: list[Problem], spec: schema.Field
) -> TomlSource | None:
    """Parse and validate the text of one TOML file; its problems go to ``problems``."""
    try:
        source = TomlSource.parse(path, text)
        problems += schema.validate(source, spec)
        return source
    except TomlSyntaxError as exc:
        problems.append(
            Problem(
                "normkit.toml-syntax",
                path,
                exc.line,
                f"TOML syntax error: {exc.message}",
                "fix the syntax at that line (see https://toml.io)",
            )
        )
    return None


def _number_line(std: Standard) -> int | None:
    try:
        return TomlSource.read(std.path / STANDARD_FILE).line_of("number")
    except (TomlSyntaxError, OSError):
        return None


class _Reader:
    """Typed access to a TOML source already validated by :mod:`normkit.system.schema`.

    A value of the wrong type has been reported there; here it reads as empty, so the
    record is kept as far as it can be.
    """

    def __init__(self, source: TomlSource, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key)
        return value if isinstance(value, dict) else {}

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def string(self, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    def strings(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if isinstance(value, str):
            return (value,)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    def text(self, data: dict[str, Any], key: str) -> dict[str, str]:
        value = data.get(key)
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if isinstance(v, str)}


def _settings(reader: _Reader, data: dict[str, Any]) -> Settings:
    numbering = reader.table(data, "numbering")
    languages = tuple(
        code for code in reader.strings(data, "languages") if _valid(code, schema.LANGUAGE)
    )
    pattern = reader.string(numbering, "pattern")
    try:
        re.compile(pattern)
    except re.error:
        pattern = ""  # reported by the schema
    return Settings(
        master_language=_valid(reader.string(data, "master_language"), schema.LANGUAGE) or "zh_CN",
        languages=languages,
        issuing_body=reader.text(data, "issuing_body"),
        numbering=Numbering(
            prefix=reader.string(numbering, "prefix"),
            pattern=pattern or ".*",
            kind=reader.text(numbering, "kind"),
        ),
        site_url=_valid(reader.string(data, "site_url"), schema.SITE_URL),
        lint_enabled=reader.table(data, "lint").get("enabled", True) is not False,
        lint_select=reader.strings(reader.table(data, "lint"), "select"),
        lint_ignore=reader.strings(reader.table(data, "lint"), "ignore"),
    )


def _categories(reader: _Reader, settings: Settings) -> tuple[Category, ...]:
    categories = []
    category_lines = iter(reader.source.table_lines("[[category]]"))
    aspect_lines = iter(reader.source.table_lines("[[category.aspect]]"))
    for item in reader.tables(reader.source.data, "category"):
        line = next(category_lines, None)
        code = reader.string(item, "code")
        aspects = []
        for data in reader.tables(item, "aspect"):
            aline = next(aspect_lines, None)
            aspects.append(
                Aspect(
                    code=reader.string(data, "code"),
                    title=reader.text(data, "title"),
                    category=code,
                    line=aline,
                )
            )
        categories.append(Category(code, reader.text(item, "title"), tuple(aspects), line))
    return tuple(categories)


def _entries(reader: _Reader, settings: Settings) -> tuple[FrameworkEntry, ...]:
    entries = []
    lines = iter(reader.source.table_lines("[[standard]]"))
    for item in reader.tables(reader.source.data, "standard"):
        line = next(lines, None)
        number = reader.string(item, "number")
        line = reader.source.line_of("number", after=line) or line
        entries.append(
            FrameworkEntry(
                number=number,
                aspect=reader.string(item, "aspect"),
                status=reader.string(item, "status"),
                title=reader.text(item, "title"),
                line=line,
            )
        )
    return tuple(entries)


def _read_standards(standards_dir: Path, problems: list[Problem], files: _Files) -> list[Standard]:
    found = []
    for folder in _folders(standards_dir):
        meta = folder / STANDARD_FILE
        if not meta.is_file():
            if any(folder.glob("*.rst")):
                problems.append(
                    Problem(
                        "normkit.missing-file",
                        meta,
                        None,
                        f"folder {folder.name}/ has sources but no standard.toml",
                        "add its standard.toml (copy templates/standard/standard.toml)",
                    )
                )
            continue
        source = files.read(meta, schema.STANDARD, problems)
        if source is not None:
            found.append(_standard(_Reader(source, problems), folder))
    return found


def _standard(reader: _Reader, folder: Path) -> Standard:
    data = reader.source.data
    dates = reader.table(data, "dates")
    classification = reader.table(data, "classification")
    relations = reader.table(data, "relations")
    return Standard(
        number=reader.string(data, "number"),
        path=folder,
        # A version becomes part of output file names: only a valid one is kept.
        version=_valid(reader.string(data, "version"), schema.VERSION),
        status=reader.string(data, "status"),
        stage=reader.string(data, "stage"),
        aspect=reader.string(data, "aspect"),
        title=reader.text(data, "title"),
        issue_date=_date(dates.get("issue")),
        implementation_date=_date(dates.get("implementation")),
        ics=reader.string(classification, "ics"),
        ccs=reader.string(classification, "ccs"),
        supersedes=reader.strings(relations, "supersedes"),
        superseded_by=reader.string(relations, "superseded_by"),
        editors=tuple(
            Editor(reader.string(e, "name"), reader.string(e, "organization"))
            for e in reader.tables(data, "editors")
        ),
    )


def _valid(value: str, pattern: str) -> str:
    """``value`` if it has the form ``pattern`` (the schema reported it otherwise), else ""."""
    return value if re.fullmatch(pattern, value) else ""


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) and not isinstance(value, datetime) else None
