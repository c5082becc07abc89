"""Translation workflow: gettext catalogs per standard (the sphinx-intl layout).

``update_catalogs`` extracts the master-language segments and creates or merges
``standards/<id>/locale/<lang>/LC_MESSAGES/index.po`` as msgmerge does (changed
segments fuzzy, removed ones obsolete); ``catalog_status`` counts what is translated;
(the checks of translations for ``normkit check`` are in normkit.checks.translations).
"""

from normkit.i18n.catalogs import (
    CatalogStatus,
    UpdateResult,
    catalog_path,
    catalog_status,
    extract_template,
    update_catalogs,
)

__all__ = [
    "CatalogStatus",
    "UpdateResult",
    "catalog_path",
    "catalog_status",
    "extract_template",
    "update_catalogs",
]
