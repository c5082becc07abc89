"""Translation workflow: gettext catalogs per standard (the sphinx-intl layout).

``update_catalogs`` extracts the master-language segments and creates or merges
``standards/<id>/locale/<lang>/LC_MESSAGES/index.po`` as msgmerge does (changed
segments fuzzy, removed ones obsolete); ``catalog_status`` counts what is translated;
``check_translations`` finds broken or incomplete translations for ``normkit check``.
"""

from normkit.i18n.catalogs import (
    CatalogStatus,
    UpdateResult,
    catalog_path,
    catalog_status,
    extract_template,
    update_catalogs,
)
from normkit.i18n.validate import check_translations

__all__ = [
    "CatalogStatus",
    "UpdateResult",
    "catalog_path",
    "catalog_status",
    "check_translations",
    "extract_template",
    "update_catalogs",
]
