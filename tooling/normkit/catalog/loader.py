"""framework.toml + standards/*/standard.toml → :class:`Catalog`, with every problem.

Reading never stops at the first problem: each field that is missing or of the wrong
type becomes a :class:`Problem` naming the file and line, and the record is kept as
far as it can be, so that ``normkit check`` reports everything in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from normkit.catalog.model import (
    STATUSES,
    Aspect,
    Catalog,
    Category,
    Editor,
    FrameworkEntry,
    Numbering,
    Settings,
    Standard,
)
from normkit.catalog.problems import Problem
from normkit.catalog.toml_source import TomlSource, TomlSyntaxError
from normkit.errors import RepositoryNotFound, StandardSystemError

FRAMEWORK_FILE = Path("standards") / "framework.toml"
STANDARD_FILE = "standard.toml"


@dataclass
class LoadResult:
    """The catalog (None when framework.toml cannot be read) and the problems found."""

    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)


def find_root(start: Path | None = None) -> Path:
    """The repository root at or above ``start``: the folder holding standards/framework.toml."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / FRAMEWORK_FILE).is_file():
            return folder
    raise RepositoryNotFound(start)


def load_catalog(root: Path) -> Catalog:
    """The catalog of ``root``; raise :class:`StandardSystemError` if it has errors."""
    result = load(root)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.catalog is None:
        raise StandardSystemError(errors)
    return result.catalog


def load(root: Path) -> LoadResult:
    """Read the whole standard system under ``root``, collecting problems."""
    problems: list[Problem] = []
    framework_path = root / FRAMEWORK_FILE
    source = _read_toml(framework_path, problems)
    standards = _read_standards(framework_path.parent, problems)
    if source is None:
        return LoadResult(None, problems)
    reader = _Reader(source, problems)
    framework = reader.table(source.data, "framework")
    settings = _settings(reader, reader.table(source.data, "settings"))
    catalog = Catalog(
        root=root,
        framework_file=framework_path,
        version=reader.string(framework, "version", table="[framework]"),
        title=reader.text(framework, "title", settings),
        notice=reader.text(framework, "notice", settings, required=False),
        settings=settings,
        categories=_categories(reader, settings),
        entries=_entries(reader, settings),
        standards={},
    )
    for std in standards:
        if std.number in catalog.standards:
            other = catalog.standards[std.number]
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
        catalog.standards[std.number] = std
    return LoadResult(catalog, problems)


def _read_toml(path: Path, problems: list[Problem]) -> TomlSource | None:
    if not path.is_file():
        problems.append(Problem("normkit.missing-file", path, None, "file is missing", "create it"))
        return None
    try:
        return TomlSource.read(path)
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
    except UnicodeDecodeError:
        problems.append(
            Problem("normkit.encoding", path, None, "file is not UTF-8", "save it as UTF-8")
        )
    return None


def _number_line(std: Standard) -> int | None:
    try:
        return TomlSource.read(std.path / STANDARD_FILE).line_of("number")
    except (TomlSyntaxError, OSError):
        return None


class _Reader:
    """Typed access to a TOML source that turns every surprise into a problem."""

    def __init__(self, source: TomlSource, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def problem(self, code: str, line: int | None, message: str, hint: str) -> None:
        self.problems.append(Problem(code, self.source.path, line, message, hint))

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key)
        if isinstance(value, dict):
            return value
        self.problem(
            "normkit.missing-field",
            None,
            f"table [{key}] is missing",
            f"add a [{key}] table",
        )
        return {}

    def string(
        self,
        data: dict[str, Any],
        key: str,
        *,
        table: str = "",
        after: int | None = None,
        required: bool = True,
    ) -> str:
        value = data.get(key)
        if isinstance(value, str):
            return value
        if value is None and not required:
            return ""
        where = f" in {table}" if table else ""
        line = self.source.line_of(key, after=after) if value is not None else after
        self.problem(
            "normkit.missing-field" if value is None else "normkit.bad-value",
            line,
            f"`{key}`{where} is {'missing' if value is None else 'not a string'}",
            f'write it as {key} = "…"',
        )
        return ""

    def text(
        self,
        data: dict[str, Any],
        key: str,
        settings: Settings | None,
        *,
        after: int | None = None,
        required: bool = True,
    ) -> dict[str, str]:
        value = data.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.problem(
                "normkit.bad-value",
                self.source.line_of(key, after=after) or after,
                f"`{key}` must give a text per language",
                f'write {key}.zh_CN = "…" and {key}.en = "…"',
            )
            return {}
        return dict(value)


def _settings(reader: _Reader, data: dict[str, Any]) -> Settings:
    numbering = data.get("numbering") if isinstance(data.get("numbering"), dict) else {}
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        reader.problem(
            "normkit.bad-value",
            reader.source.line_of("languages"),
            "`languages` must be a list of language codes",
            'write languages = ["en"]',
        )
        languages = []
    pattern = reader.string(numbering, "pattern", table="[settings.numbering]")
    return Settings(
        master_language=reader.string(data, "master_language", table="[settings]") or "zh_CN",
        languages=tuple(languages),
        issuing_body=reader.text(data, "issuing_body", None),
        numbering=Numbering(
            prefix=reader.string(numbering, "prefix", table="[settings.numbering]"),
            pattern=pattern or ".*",
            kind=reader.text(numbering, "kind", None, required=False),
        ),
        site_url=reader.string(data, "site_url", required=False),
    )


def _categories(reader: _Reader, settings: Settings) -> tuple[Category, ...]:
    categories = []
    category_lines = iter(reader.source.table_lines("[[category]]"))
    aspect_lines = iter(reader.source.table_lines("[[category.aspect]]"))
    for item in reader.source.data.get("category", []):
        line = next(category_lines, None)
        code = reader.string(item, "code", table="[[category]]", after=line)
        aspects = []
        for data in item.get("aspect", []):
            aline = next(aspect_lines, None)
            aspects.append(
                Aspect(
                    code=reader.string(data, "code", table="[[category.aspect]]", after=aline),
                    title=reader.text(data, "title", settings, after=aline),
                    category=code,
                    line=aline,
                )
            )
        categories.append(
            Category(code, reader.text(item, "title", settings, after=line), tuple(aspects), line)
        )
    return tuple(categories)


def _entries(reader: _Reader, settings: Settings) -> tuple[FrameworkEntry, ...]:
    entries = []
    lines = iter(reader.source.table_lines("[[standard]]"))
    for item in reader.source.data.get("standard", []):
        line = next(lines, None)
        number = reader.string(item, "number", table="[[standard]]", after=line)
        line = reader.source.line_of("number", after=line) or line
        entries.append(
            FrameworkEntry(
                number=number,
                aspect=reader.string(item, "aspect", table="[[standard]]", after=line),
                status=reader.string(item, "status", table="[[standard]]", after=line),
                title=reader.text(item, "title", settings, after=line),
                line=line,
            )
        )
    return tuple(entries)


def _read_standards(standards_dir: Path, problems: list[Problem]) -> list[Standard]:
    found = []
    if not standards_dir.is_dir():
        return found
    for folder in sorted(p for p in standards_dir.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")):
            continue
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
        source = _read_toml(meta, problems)
        if source is not None:
            found.append(_standard(_Reader(source, problems), folder))
    return found


def _standard(reader: _Reader, folder: Path) -> Standard:
    data = reader.source.data
    dates = data.get("dates", {}) if isinstance(data.get("dates"), dict) else {}
    classification = data.get("classification", {})
    relations = data.get("relations", {})
    supersedes = relations.get("supersedes", [])
    if isinstance(supersedes, str):
        supersedes = [supersedes]
    editors = tuple(
        Editor(str(e.get("name", "")), str(e.get("organization", "")))
        for e in data.get("editors", [])
        if isinstance(e, dict)
    )
    status = reader.string(data, "status")
    if status and status not in STATUSES:
        reader.problem(
            "normkit.bad-value",
            reader.source.line_of("status"),
            f"unknown status {status!r}",
            f"use one of: {', '.join(STATUSES)}",
        )
    return Standard(
        number=reader.string(data, "number"),
        path=folder,
        version=str(data.get("version", "")),
        status=status,
        aspect=reader.string(data, "aspect"),
        title=reader.text(data, "title", None),
        issue_date=_date(reader, dates, "issue"),
        implementation_date=_date(reader, dates, "implementation"),
        ics=str(classification.get("ics", "")),
        ccs=str(classification.get("ccs", "")),
        supersedes=tuple(str(s) for s in supersedes),
        superseded_by=str(relations.get("superseded_by", "")),
        editors=editors,
    )


def _date(reader: _Reader, dates: dict[str, Any], key: str) -> date | None:
    value = dates.get(key)
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    reader.problem(
        "normkit.bad-value",
        reader.source.line_of(key),
        f"dates.{key} must be a date such as 2026-06-01, not {value!r}",
        f"write {key} = YYYY-MM-DD without quotes",
    )
    return None
