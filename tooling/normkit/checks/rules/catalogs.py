"""The translated segments rules compare with their master text (gettext catalogs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Message

from normkit.checks.lint import LintContext


def translations(context: LintContext) -> Iterator[tuple[Path, str, Message]]:
    """(catalog path, language, message) of each translated, settled segment."""
    from normkit.i18n.catalogs import GettextCatalogError, catalog_path, read_catalog

    for language in context.system.settings.languages:
        path = catalog_path(context.standard, language)
        if not path.is_file():
            continue
        try:
            catalog = read_catalog(path, language)
        except GettextCatalogError:  # reported by the translation checks
            continue
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                yield path, language, message
