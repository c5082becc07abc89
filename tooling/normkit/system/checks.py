"""Repository checks: is the standard system consistent?

Each check is a function ``(system) -> iterable of Problem``; :data:`CHECKS` lists
them in the order ``normkit check`` runs them. Checks read the system, and the
citations of the sources (system.citations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from normkit.system.citations import citations_in
from normkit.system.loader import STANDARD_FILE
from normkit.system.model import Standard, StandardSystem, slugify
from normkit.system.problems import Problem, Severity
from normkit.system.toml_source import TomlSource


class _Lines:
    """Finds lines in a standard.toml, reading each file once per check run."""

    def __init__(self) -> None:
        self._sources: dict[Path, TomlSource | None] = {}

    def of(self, std: Standard, key: str, value: str | None = None) -> int | None:
        path = std.path / STANDARD_FILE
        if path not in self._sources:
            try:
                self._sources[path] = TomlSource.read(path)
            except Exception:  # already reported by the loader
                self._sources[path] = None
        source = self._sources[path]
        return source.line_of(key, value) if source else None


def check_numbers(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Numbers follow the scheme, are unique, and name their folder."""
    scheme = system.settings.numbering
    seen: dict[str, int | None] = {}
    for entry in system.entries:
        if entry.number in seen:
            yield Problem(
                "normkit.duplicate-number",
                system.framework_file,
                entry.line,
                f"standard number {entry.number} is listed twice in the framework "
                f"(first at line {seen[entry.number]})",
                "give each planned standard its own number",
            )
        seen[entry.number] = entry.line
        if entry.number and not scheme.matches(entry.number):
            yield Problem(
                "normkit.number-format",
                system.framework_file,
                entry.line,
                f"standard number {entry.number!r} does not follow the numbering scheme",
                f"numbers must match {scheme.pattern} ([settings.numbering] pattern)",
            )
    for std in system.standards.values():
        if std.number and not scheme.matches(std.number):
            yield Problem(
                "normkit.number-format",
                std.path / STANDARD_FILE,
                lines.of(std, "number"),
                f"standard number {std.number!r} does not follow the numbering scheme",
                f"numbers must match {scheme.pattern} ([settings.numbering] pattern)",
            )
        if std.number and std.path.name != std.slug:
            yield Problem(
                "normkit.folder-name",
                std.path / STANDARD_FILE,
                lines.of(std, "number"),
                f"folder {std.path.name}/ does not match the standard number {std.number}",
                f"rename the folder to {std.slug}/ (or correct the number)",
            )


def check_taxonomy_codes(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Each category and aspect code is defined once: a standard of a code defined twice
    would stand under whichever the reader happens to look at."""
    for what, items in (
        ("category", system.categories),
        ("aspect", [a for c in system.categories for a in c.aspects]),
    ):
        first: dict[str, int | None] = {}
        for item in items:
            if item.code not in first:
                first[item.code] = item.line
                continue
            yield Problem(
                "normkit.duplicate-code",
                system.framework_file,
                item.line,
                f"{what} code {item.code} is defined twice (first at line {first[item.code]})",
                f"give each {what} its own code",
            )


def check_aspects(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Every framework entry and standard belongs to a known aspect."""
    known = system.aspects
    codes = ", ".join(known) or "none defined"
    for entry in system.entries:
        if entry.aspect and entry.aspect not in known:
            yield Problem(
                "normkit.unknown-aspect",
                system.framework_file,
                entry.line,
                f"{entry.number}: unknown aspect code {entry.aspect!r}",
                f"use an aspect defined under [[category.aspect]]: {codes}",
            )
    for std in system.standards.values():
        if std.aspect and std.aspect not in known:
            yield Problem(
                "normkit.unknown-aspect",
                std.path / STANDARD_FILE,
                lines.of(std, "aspect"),
                f"unknown aspect code {std.aspect!r}",
                f"use an aspect defined under [[category.aspect]]: {codes}",
            )


def check_titles(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Every title exists in every configured language."""
    languages = system.settings.all_languages

    def missing(title: dict[str, str]) -> list[str]:
        return [lang for lang in languages if not title.get(lang, "").strip()]

    for category in system.categories:
        for record, label in [(category, "category"), *((a, "aspect") for a in category.aspects)]:
            for lang in missing(record.title):
                yield Problem(
                    "normkit.missing-title",
                    system.framework_file,
                    record.line,
                    f"{label} {record.code} has no title in {lang}",
                    f'add title.{lang} = "…" to the {label} {record.code}',
                )
    for entry in system.entries:
        for lang in missing(entry.title):
            yield Problem(
                "normkit.missing-title",
                system.framework_file,
                entry.line,
                f"{entry.number} has no title in {lang}",
                f'add title.{lang} = "…" to its [[standard]] entry',
            )
    for std in system.standards.values():
        for lang in missing(std.title):
            yield Problem(
                "normkit.missing-title",
                std.path / STANDARD_FILE,
                lines.of(std, "title") or lines.of(std, "number"),
                f"{std.number} has no title in {lang}",
                f'add title.{lang} = "…"',
            )


def check_versions_and_dates(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Dates are possible; published standards have dates (the schema checks versions)."""
    for std in system.standards.values():
        meta = std.path / STANDARD_FILE
        if (
            std.issue_date
            and std.implementation_date
            and (std.implementation_date < std.issue_date)
        ):
            yield Problem(
                "normkit.dates",
                meta,
                lines.of(std, "implementation"),
                f"implementation date {std.implementation_date} is before the issue date "
                f"{std.issue_date}",
                "a standard is implemented on or after the day it is issued",
            )
        issued = ("approved", "published", "withdrawn", "superseded")
        if std.status in issued and not std.issue_date:
            yield Problem(
                "normkit.issue-date",
                meta,
                lines.of(std, "status"),
                f"{std.status} standard {std.number} has no issue date",
                "add [dates] issue = YYYY-MM-DD (and implementation = …)",
            )
        yield from _future_issue(std, lines, date.today())


def check_stages(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """A stage (for comments, review, approval) belongs to a draft only."""
    for std in system.standards.values():
        if std.stage and not std.is_draft:
            yield Problem(
                "normkit.stage",
                std.path / STANDARD_FILE,
                lines.of(std, "stage"),
                f"{std.status} standard {std.number} has stage = {std.stage!r}: "
                "a stage is one of a draft's",
                'remove the stage, or set status = "draft" if it is still one',
            )


def _future_issue(std: Standard, lines: _Lines, today: date) -> Iterator[Problem]:
    """The issue date against today, judged by status. A planned standard or a draft
    carries planned dates; an approved one is issued in the future, so a date that has
    come means it is issued now: a warning to say so. A published one issued in the
    future reads as issued before it is: a warning (it is approved, or the year is
    wrong). A standard withdrawn or superseded before it was issued cannot be: an error.
    An implementation date in the future is normal."""
    if not std.issue_date or std.is_draft:
        return
    where = (std.path / STANDARD_FILE, lines.of(std, "issue"))
    if std.status == "approved":
        if std.issue_date <= today:
            yield Problem(
                "normkit.issue-date-passed",
                *where,
                f"approved standard {std.number} was to be issued on {std.issue_date}, "
                f"today ({today}) or before: its cover and the site still call it not issued",
                'once it is issued, set status = "published" (and in framework.toml)',
                Severity.WARNING,
            )
        return
    if std.issue_date <= today:
        return
    said = (
        f"{std.status} standard {std.number} has issue date {std.issue_date}, after today ({today})"
    )
    if std.status == "published":
        yield Problem(
            "normkit.future-date",
            *where,
            f"{said}: its cover and the site call it issued before it is",
            'if it is approved but not issued yet, set status = "approved" until its '
            "issue date; if the date is wrong, correct it",
            Severity.WARNING,
        )
    else:
        yield Problem(
            "normkit.future-date",
            *where,
            f"{said}: it cannot be {std.status} before it is issued",
            "correct the issue date",
        )


def check_supersession(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """supersedes / superseded_by name known standards (or an earlier edition of the
    standard itself, by its dated number) and form no cycle."""
    known = {e.number for e in system.entries} | set(system.standards)
    for std in system.standards.values():
        meta = std.path / STANDARD_FILE
        for target in std.supersedes:
            if std.revises(target) and std.year and int(target.rpartition("—")[2]) > std.year:
                yield Problem(
                    "normkit.supersedes-cycle",
                    meta,
                    lines.of(std, "supersedes", target),
                    f"{std.number}—{std.year} cannot replace the later edition {target}",
                    f"name the edition this one revises, issued in {std.year} or before",
                )
        for target in (*std.supersedes, std.superseded_by):
            if target and target not in known and not std.revises(target):
                yield Problem(
                    "normkit.unknown-standard",
                    meta,
                    lines.of(std, "supersedes", target) or lines.of(std, "superseded_by"),
                    f"{std.number} refers to unknown standard {target!r}",
                    "name a standard of the framework, or remove the reference",
                )
            if target == std.number:
                yield Problem(
                    "normkit.supersedes-cycle",
                    meta,
                    lines.of(std, "supersedes", target),
                    f"{std.number} supersedes itself",
                    "name the edition this one revises by its dated number "
                    f'("{std.number}—YYYY"), or remove it from its own supersedes list',
                )
    yield from _cycles(system, lines)


def _cycles(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Depth-first search over supersedes edges; each cycle is reported once."""
    graph = {n: [t for t in s.supersedes if t != n] for n, s in system.standards.items()}
    done: set[str] = set()
    reported: set[frozenset[str]] = set()

    def visit(node: str, stack: list[str]) -> Iterator[list[str]]:
        stack.append(node)
        for target in graph.get(node, []):
            if target in stack:
                yield stack[stack.index(target) :] + [target]
            elif target not in done:
                yield from visit(target, stack)
        stack.pop()
        done.add(node)

    for start in sorted(graph):
        if start in done:
            continue
        for cycle in visit(start, []):
            if frozenset(cycle) in reported:
                continue
            reported.add(frozenset(cycle))
            std = system.standards[cycle[0]]
            yield Problem(
                "normkit.supersedes-cycle",
                std.path / STANDARD_FILE,
                lines.of(std, "supersedes"),
                f"supersedes forms a cycle: {' → '.join(cycle)}",
                "a standard can only replace older ones: break the cycle",
            )


def check_framework_entries(system: StandardSystem, lines: _Lines) -> Iterator[Problem]:
    """Drafted standards are in the framework, with the same status and aspect."""
    for std in system.standards.values():
        entry = system.entry(std.number)
        meta = std.path / STANDARD_FILE
        if entry is None:
            yield Problem(
                "normkit.not-in-framework",
                meta,
                lines.of(std, "number"),
                f"{std.number} is drafted but not listed in framework.toml",
                "add a [[standard]] entry with its number, aspect, status and titles",
            )
            continue
        if entry.status != std.system_status:
            edition = "" if std.system_status == std.status else f" (its {std.version} approved)"
            yield Problem(
                "normkit.framework-status",
                system.framework_file,
                entry.line,
                f"{std.number} has status {entry.status!r} in the framework but "
                f"{std.status!r} in {std.path.name}/standard.toml",
                f'set status = "{std.system_status}" in its framework entry{edition}',
            )
        if entry.aspect != std.aspect:
            yield Problem(
                "normkit.framework-aspect",
                system.framework_file,
                entry.line,
                f"{std.number} is under aspect {entry.aspect} in the framework but "
                f"{std.aspect} in {std.path.name}/standard.toml",
                "use the same aspect in both places",
            )
    for entry in system.entries:
        if entry.number in system.standards or entry.status in ("planned", ""):
            continue
        folder = system.standards_dir / slugify(entry.number) / STANDARD_FILE
        if folder.is_file():
            continue  # drafted, but its standard.toml did not read: the loader said why
        yield Problem(
            "normkit.framework-status",
            system.framework_file,
            entry.line,
            f"{entry.number} has status {entry.status!r} but no folder "
            f"standards/{slugify(entry.number)}/",
            'a standard without a folder is "planned"; or create it with `normkit new`',
        )


def check_citations(system: StandardSystem, std: Standard) -> Iterator[Problem]:
    """Every ``:std:`` of the standard's sources names a standard of the framework, with
    its year.

    The build finds these too; ``normkit check`` reports them before anything is built.
    A check of the standard's own files (normkit.checks.standard_checks): it reads its
    sources, and is kept with their other findings until they or the system change.
    """
    for path in std.source_files():
        for cited in citations_in(path):
            target = system.standard(cited.number)
            entry = system.entry(cited.number)
            if target is None and entry is None:
                yield Problem(
                    "normkit.unknown-standard",
                    path,
                    cited.line,
                    f"cites unknown standard {cited.number!r}",
                    "cite a number of framework.toml, or add the standard to it",
                )
            elif (
                cited.year
                and target
                and target.year
                and int(cited.year) not in target.citable_years
            ):
                yield Problem(
                    "normkit.dated-reference",
                    path,
                    cited.line,
                    f"{cited.number} was issued in {target.year}, not {cited.year}",
                    f"cite {target.dated_number}, or cite it undated",
                    Severity.WARNING,
                )


CHECKS: tuple[Callable[[StandardSystem, _Lines], Iterator[Problem]], ...] = (
    check_numbers,
    check_taxonomy_codes,
    check_aspects,
    check_titles,
    check_versions_and_dates,
    check_stages,
    check_supersession,
    check_framework_entries,
)


def check_system(system: StandardSystem) -> list[Problem]:
    """Every problem the repository checks find in ``system``."""
    lines = _Lines()
    return [problem for check in CHECKS for problem in check(system, lines)]
