"""``normkit check``: every problem of a standard system, in one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from normkit.catalog import Catalog, Problem, Severity, load
from normkit.catalog.checks import check_catalog
from normkit.checks.rst_syntax import check_sources
from normkit.checks.translations import check_translations


@dataclass
class CheckReport:
    """The outcome of a check run: the catalog (if readable) and what was found."""

    root: Path
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that fail the check."""
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems reported without failing the check."""
        return [p for p in self.problems if p.severity == Severity.WARNING]


def run_checks(root: Path) -> CheckReport:
    """Load the system under ``root`` and run every check on it."""
    result = load(root)
    problems = list(result.problems)
    if result.catalog is not None:
        problems += check_catalog(result.catalog)
        for standard in result.catalog.standards.values():
            problems += check_sources(standard)
        problems += check_translations(result.catalog)
    problems = [p.relative_to(root) for p in problems]
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    return CheckReport(root, result.catalog, problems)
