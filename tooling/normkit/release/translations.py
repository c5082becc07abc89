"""Whether a standard's translations are complete enough to publish.

A release publishes every language the standard has a catalog folder for; each must
translate every segment the master text has *now* (extracted again, not only what the
catalog lists: a sentence changed since the catalog was last updated is in no
catalog), including the words of its figures, none of them fuzzy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normkit.system import Standard, StandardSystem


@dataclass(frozen=True)
class TranslationGap:
    """One published language of a standard that is not completely translated."""

    language: str
    catalog: Path
    segments: int
    unfinished: int
    fuzzy: int


def published_languages(system: StandardSystem, standard: Standard) -> list[str]:
    """The translation languages a release of ``standard`` publishes: those of the
    system it has a catalog folder for."""
    return [
        language
        for language in system.settings.languages
        if (standard.path / "locale" / language).is_dir()
    ]


def translation_gaps(
    root: Path, system: StandardSystem, standard: Standard
) -> list[TranslationGap]:
    """Every published language of ``standard`` (in the repository at ``root``) whose
    catalog leaves a segment of the master text untranslated or fuzzy; empty when the
    standard may be released as far as its translations go."""
    from normkit.i18n import catalog_status, extract_template
    from normkit.i18n.catalogs import read_catalog

    languages = published_languages(system, standard)
    if not languages:
        return []
    segments = {(m.id, m.context) for m in extract_template(root, standard) if m.id}
    gaps = []
    for language in languages:
        status = catalog_status(standard, language)
        done = {
            (m.id, m.context)
            for m in read_catalog(status.path, language)
            if m.id and m.string and not m.fuzzy
        }
        unfinished = len(segments - done)
        if status.fuzzy or status.untranslated or unfinished:
            gaps.append(
                TranslationGap(language, status.path, len(segments), unfinished, status.fuzzy)
            )
    return gaps
