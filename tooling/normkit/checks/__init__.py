"""Checks of a standard system: ``run_checks(root)`` gathers every problem.

The repository checks live with the catalog (catalog.checks); this room adds the
checks of the sources (reStructuredText syntax) and formats reports (text, JSON,
GitHub annotations).
"""

from normkit.checks.report import FORMATS, render
from normkit.checks.runner import CheckReport, run_checks

__all__ = ["FORMATS", "CheckReport", "render", "run_checks"]
