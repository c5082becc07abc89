"""The standard-system model: framework.toml and every standard.toml as one typed model.

``load(root)`` reads the repository and returns a :class:`LoadResult` (the system
plus every problem found while reading); ``load_system(root)`` raises when there are
problems. Nothing outside this package reads the TOML files.
"""

from normkit.system.loader import LoadResult, find_root, load, load_system
from normkit.system.model import (
    STATUSES,
    Aspect,
    Category,
    Editor,
    FrameworkEntry,
    Settings,
    Standard,
    StandardSystem,
    in_language,
    slugify,
)
from normkit.system.problems import Problem, Severity

__all__ = [
    "STATUSES",
    "Aspect",
    "StandardSystem",
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
    "load_system",
    "slugify",
]
