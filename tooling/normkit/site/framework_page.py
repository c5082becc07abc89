"""The public site's page of the framework's releases (``<language>/framework.html``).

Every released version of the framework (``normkit release --framework``), newest
first: its date and commit, its overview as released in every language, its manifest,
and what changed in the standard system since the version before — the framework diff
of the two released commits (standards added, removed, withdrawn, superseded, moved,
retitled, re-versioned), in the page's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from normkit.layout import Layout
from normkit.release.layout import release_path
from normkit.release.ledger import LedgerEntry
from normkit.sphinxext.labels import html_lang
from normkit.system import StandardSystem
from normkit.writers.site_pages import framework_change_text


def _changes(root: Path, old: str, new: str, languages: list[str]) -> dict[str, list[Any]]:
    """The framework changes between two commits, per language (titles are worded)."""
    from normkit.engine.git_source import commit_root
    from normkit.system import load_system
    from normkit.versions.framework_diff import framework_changes

    with commit_root(root, old) as before, commit_root(root, new) as after:
        old_system, new_system = load_system(before), load_system(after)
        return {
            language: framework_changes(old_system, new_system, language) for language in languages
        }


def framework_history(
    system: StandardSystem, releases: list[tuple[LedgerEntry, dict]]
) -> list[dict[str, Any]]:
    """Each framework release (oldest first) with its changes since the one before, per
    language: what every language's page shows, computed once."""
    languages = system.settings.all_languages
    history = []
    for i, (entry, manifest) in enumerate(releases):
        previous = releases[i - 1][0] if i else None
        changes = (
            _changes(Path(system.root), previous.commit, entry.commit, languages)
            if previous
            else {}
        )
        history.append(
            {"entry": entry, "manifest": manifest, "previous": previous, "changes": changes}
        )
    return history


def framework_page_model(
    history: list[dict[str, Any]],
    language: str,
    base: str,
    names: dict[str, str],
    site: dict[str, str],
    words: dict[str, str],
) -> list[dict[str, Any]]:
    """The framework's releases as the page of ``language`` shows them, newest first;
    links relative to that page (``base`` leads to the site's root)."""
    models = []
    for item in history:
        entry: LedgerEntry = item["entry"]
        prefix = f"{base}{release_path(entry.slug, entry.version)}/"
        files = {f["path"] for f in item["manifest"]["files"]}
        pages = Layout(Path("."))
        overviews = [
            {"href": prefix + pages.page(lang), "name": names[lang], "lang": html_lang(lang)}
            for lang in names
            if lang != "bilingual" and pages.page(lang) in files
        ]
        changes = [
            framework_change_text(change, site, words)
            for change in item["changes"].get(language, [])
        ]
        previous = item["previous"]
        models.append(
            {
                "version": entry.version,
                "date": entry.date,
                "day": entry.date[:10],
                "commit": entry.commit,
                "overviews": overviews,
                "manifest_href": prefix + "manifest.json",
                "manifest_sha256": entry.manifest_sha256,
                "previous": previous.version if previous else "",
                "changes": changes,
            }
        )
    return list(reversed(models))
