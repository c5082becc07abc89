"""Checks of translations: completeness, syntax, and segments that break the edition.

A translation must keep every reference (``:std:``, ``:xref:``, ``:term:`` targets)
and every number of its master segment, and must be valid reStructuredText inline
markup; otherwise the edition would be silently wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from normkit.checks.rst_syntax import parse_problems
from normkit.i18n.catalogs import GettextCatalogError, catalog_path, catalog_status, read_catalog
from normkit.sphinxext.translation_rules import markup_refusals
from normkit.system import Problem, Severity, Standard, StandardSystem

_ROLE = re.compile(r":(std|xref|term):`([^`]*)`")
# ASCII digits not glued to Latin letters or digits ("30" in "小于30 m", not "6" in "IPv6");
# numbers scaled by 万 or 亿 are exempt, as English writes them otherwise (100万: 1 million).
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+)*(?!\.?\d)(?!\s*[万亿])")


def _targets(text: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for role, body in _ROLE.findall(text):
        explicit = re.search(r"<([^<>]+)>\s*$", body)
        found[(role, (explicit.group(1) if explicit else body).strip())] += 1
    return found


def _numbers(text: str) -> Counter[str]:
    return Counter(_NUMBER.findall(_ROLE.sub(" ", text)))


def check_segment(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with one translated segment (empty when it is fine)."""
    problems = []
    missing = _targets(msgid) - _targets(msgstr)
    extra = _targets(msgstr) - _targets(msgid)
    for role, target in missing.elements():
        problems.append(f"the translation drops or changes :{role}:`{target}`")
    for role, target in extra.elements():
        problems.append(f"the translation adds :{role}:`{target}`, which the master text lacks")
    for number in (_numbers(msgid) - _numbers(msgstr)).elements():
        problems.append(f"the translation drops or changes the number {number}")
    problems += markup_refusals(msgid, msgstr)
    if not problems:  # a msgstr with new directives is never parsed
        problems += parse_problems(msgstr)
    return problems


def _check_catalog(system: StandardSystem, standard: Standard, language: str) -> Iterator[Problem]:
    path = catalog_path(standard, language)
    # An approved text is final: it is issued in every language as it stands.
    published = standard.status in ("approved", "published")
    severity = Severity.ERROR if published else Severity.WARNING
    if not path.is_file():
        yield Problem(
            "normkit.translation-missing",
            path,
            None,
            f"{standard.number} has no {language} catalog",
            "run `normkit translate` to create it, then translate it",
            severity,
        )
        return
    try:
        po = read_catalog(path, language)
    except GettextCatalogError as exc:
        yield Problem("normkit.po-syntax", path, exc.line, exc.detail, exc.hint or "")
        return
    for message in po:
        if not message.id or not message.string or message.fuzzy:
            continue
        for text in check_segment(str(message.id), str(message.string)):
            yield Problem(
                "normkit.translation-broken",
                path,
                message.lineno,
                text,
                "make the msgstr keep every reference and number of the msgid and add "
                "no markup it lacks, in valid reStructuredText",
            )
    status = catalog_status(standard, language)
    if not status.complete:
        what = f"{status.untranslated} untranslated, {status.fuzzy} fuzzy"
        yield Problem(
            "normkit.translation-incomplete",
            path,
            None,
            f"{standard.number} ({standard.status}) is {status.percent:.0f}% translated "
            f"into {language}: {what}",
            "translate the empty and fuzzy entries (Poedit, Weblate) and clear the "
            "fuzzy flags"
            + (f"; a {standard.status} standard needs a complete translation" if published else ""),
            severity,
        )


def check_translations(system: StandardSystem) -> list[Problem]:
    """Every translation problem of every drafted standard."""
    return [p for s in system.standards.values() for p in check_standard_translations(system, s)]


def check_standard_translations(system: StandardSystem, standard: Standard) -> list[Problem]:
    """The translation problems of one standard: its catalogs, and stray languages."""
    problems: list[Problem] = []
    languages = system.settings.languages
    for language in languages:
        problems += _check_catalog(system, standard, language)
    locale = standard.path / "locale"
    for folder in sorted(locale.iterdir()) if locale.is_dir() else []:
        if folder.is_dir() and folder.name not in languages:
            problems.append(
                Problem(
                    "normkit.translation-language",
                    folder,
                    None,
                    f"catalog for {folder.name!r}, which is not a language of this "
                    f"system ({', '.join(languages)})",
                    "add it to languages in framework.toml [settings], or remove the folder",
                )
            )
    return problems
