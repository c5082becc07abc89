"""The standard-system model: framework.toml and every standard.toml as one typed catalog.

``load(root)`` reads the repository and returns a :class:`LoadResult` (the catalog
plus every problem found while reading); ``load_catalog(root)`` raises when there are
problems. Nothing outside this package reads the TOML files.
"""

from normkit.catalog.loader import LoadResult, find_root, load, load_catalog
from normkit.catalog.model import (
    STATUSES,
    Aspect,
    Catalog,
    Category,
    Editor,
    FrameworkEntry,
    Settings,
    Standard,
    in_language,
    slugify,
)
from normkit.catalog.problems import Problem, Severity

__all__ = [
    "STATUSES",
    "Aspect",
    "Catalog",
    "Category",
    "Editor",
    "FrameworkEntry",
    "LoadResult",
    "Problem",
    "Settings",
    "Severity",
    "Standard",
    "find_root",
    "in_language",
    "load",
    "load_catalog",
    "slugify",
]
