"""``normkit new``: a standard from templates/standard/, registered in the framework."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from normkit.files import write_atomic
from normkit.presentation import template
from normkit.scaffold.framework_text import add_entry, mark_drafted, validated
from normkit.scaffold.render import ScaffoldError, render
from normkit.system import Standard, StandardSystem, load_system, slugify
from normkit.system.loader import STANDARD_FILE

#: The skeleton of a new standard in templates/ (the body edits its copy).
SKELETON = "standard"


@dataclass(frozen=True)
class NewOptions:
    """What ``normkit new`` was asked for."""

    root: Path
    aspect: str = ""
    title: dict[str, str] = field(default_factory=dict)
    number: str = ""


@dataclass
class NewResult:
    """The standard made, the files written and the catalogs created."""

    standard: Standard
    written: list[Path] = field(default_factory=list)
    was_planned: bool = False


def _flag(lang: str) -> str:
    return f"--title-{lang.split('_')[0]}"


def _next_number(system: StandardSystem, aspect: str) -> str:
    """The first number of the aspect's sequence that follows the scheme and is free."""
    scheme = system.settings.numbering
    taken = {e.number for e in system.entries} | set(system.standards)
    digits = aspect.replace(".", "")
    candidates = [f"{scheme.prefix} {digits}{seq:02d}" for seq in range(1, 100)]
    fitting = [n for n in candidates if scheme.matches(n)]
    free = [n for n in fitting if n not in taken and not _folder(system, n).exists()]
    if free:
        return free[0]
    if not fitting:
        raise ScaffoldError(
            f"no number of the form {candidates[0]} follows the numbering pattern {scheme.pattern}",
            "pass the number yourself with --number",
        )
    raise ScaffoldError(f"aspect {aspect} has no free number left", "pass --number")


def _folder(system: StandardSystem, number: str) -> Path:
    return system.standards_dir / slugify(number)


def _choose(system: StandardSystem, options: NewOptions) -> tuple[str, str, dict[str, str], bool]:
    """(number, aspect, titles, was planned) for the request, or a refusal."""
    scheme = system.settings.numbering
    aspects = system.aspects
    if options.aspect and options.aspect not in aspects:
        raise ScaffoldError(
            f"aspect {options.aspect!r} does not exist in {system.framework_file}",
            f"use one of: {', '.join(aspects) or 'none yet'}; or add it under "
            "[[category.aspect]] first",
        )
    number = options.number.strip()
    if number:
        if not scheme.matches(number):
            raise ScaffoldError(
                f"{number!r} does not follow the numbering pattern {scheme.pattern}",
                "give a number of the pattern ([settings.numbering] of framework.toml)",
            )
        if number in system.standards:
            raise ScaffoldError(
                f"{number} is already taken by {system.standards[number].path.name}/",
                "choose another number, or leave --number out for the next free one",
            )
        entry = system.entry(number)
        if entry is not None and entry.status != "planned":
            raise ScaffoldError(
                f"{number} is already taken: framework.toml lists it with status "
                f"{entry.status!r} (line {entry.line})",
                "choose another number, or leave --number out for the next free one",
            )
        if entry is not None:
            if options.aspect and options.aspect != entry.aspect:
                raise ScaffoldError(
                    f"{number} is planned under aspect {entry.aspect}, not {options.aspect}",
                    f"leave --aspect out, or pass --aspect {entry.aspect}",
                )
            return number, entry.aspect, {**entry.title, **options.title}, True
        if not options.aspect:
            raise ScaffoldError(f"{number} is not planned in the framework", "pass --aspect")
        return number, options.aspect, dict(options.title), False
    if not options.aspect:
        raise ScaffoldError(
            "which aspect is the standard in?",
            f"pass --aspect (one of: {', '.join(aspects) or 'none yet'})",
        )
    wanted = {t.strip() for t in options.title.values() if t.strip()}
    for entry in system.entries:  # the framework may already plan this standard
        planned_here = entry.status == "planned" and entry.aspect == options.aspect
        if planned_here and wanted & {t.strip() for t in entry.title.values()}:
            return entry.number, entry.aspect, {**entry.title, **options.title}, True
    return _next_number(system, options.aspect), options.aspect, dict(options.title), False


def new_standard(options: NewOptions) -> NewResult:
    """Start a standard: folder, standard.toml, index.rst skeleton, framework entry and
    a catalog per translation language. Refuses before writing anything when it must."""
    system = load_system(options.root)
    settings = system.settings
    number, aspect, titles, planned = _choose(system, options)
    for lang in settings.all_languages:
        if not titles.get(lang, "").strip():
            raise ScaffoldError(
                f"the new standard has no title in {lang}",
                f'pass {_flag(lang)} "…" (or --title {lang}="…"): every language of the '
                "system needs one",
            )
        if not titles[lang].strip().isprintable():  # a line break would end the title
            raise ScaffoldError(
                f"the title in {lang} {titles[lang].strip()!r} holds a line break or "
                "another control character",
                f'pass the title on one line: {_flag(lang)} "…"',
            )
    titles = {lang: titles[lang].strip() for lang in settings.all_languages}
    folder = _folder(system, number)
    if folder.exists():
        raise ScaffoldError(
            f"folder {folder.relative_to(options.root)}/ already exists but is not "
            f"registered as {number}",
            "register it in framework.toml and give it a standard.toml, or remove it",
        )
    master = settings.master_language
    skeleton = template(options.root, SKELETON)
    body = settings.issuing_body.get(master, "")
    files = {
        folder / STANDARD_FILE: render(
            skeleton / "standard.toml.j2", number=number, aspect=aspect, title=titles
        ),
        folder / "index.rst": render(
            skeleton / f"index.{master}.rst.j2", number=number, title=titles[master], body=body
        ),
    }
    original = system.framework_file.read_bytes()
    framework_text = original.decode("utf-8").replace("\r\n", "\n")
    entry = system.entry(number)
    edited = validated(
        mark_drafted(framework_text, entry)
        if entry is not None
        else add_entry(framework_text, system, number, aspect, titles),
        number,
    )
    # A file saved with Windows line endings keeps them: only the new lines show in git.
    files[system.framework_file] = edited.replace("\n", "\r\n") if b"\r\n" in original else edited
    try:
        for path, text in files.items():
            write_atomic(path, text)
        standard = load_system(options.root).standards[number]
        written = list(files)
        if settings.languages:
            from normkit.i18n import update_catalogs

            updates = update_catalogs(options.root, standard, list(settings.languages))
            written += [r.path for r in updates]
    except BaseException:  # leave the repository as it was
        shutil.rmtree(folder, ignore_errors=True)
        write_atomic(system.framework_file, original)
        raise
    return NewResult(standard, written, planned)
