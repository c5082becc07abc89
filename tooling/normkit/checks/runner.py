"""``normkit check``: every problem of a standard system, in one run."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from normkit.checks.configuration import conf_problems
from normkit.checks.rule import config_problems, selected
from normkit.checks.standard_checks import cached, check_standard
from normkit.system import Problem, Severity, StandardSystem, load
from normkit.system.checks import check_system
from normkit.workers import process_pool

if TYPE_CHECKING:
    from normkit.engine.readings import Readings


@dataclass
class CheckReport:
    """The outcome of a check run: the system (if readable) and what was found."""

    root: Path
    system: StandardSystem | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that fail the check."""
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems reported without failing the check."""
        return [p for p in self.problems if p.severity == Severity.WARNING]


def _check_standards(
    system: StandardSystem,
    jobs: int,
    only: Collection[str] | None = None,
    readings: Readings | None = None,
) -> list[Problem]:
    """Each standard's own checks (of those named in ``only``, by number or folder name,
    when given); those not cached run in a pool of ``jobs`` processes, keeping their
    readings of the sources in ``readings`` when given."""
    standards = sorted(
        (s for s in system.standards.values() if not only or {s.number, s.slug} & set(only)),
        key=lambda s: s.slug,
    )
    found: dict[str, list[Problem]] = {}
    for standard in standards:
        kept = cached(system, standard)
        if kept is not None:
            found[standard.number] = kept
    stale = [s for s in standards if s.number not in found]
    if len(stale) > 1 and jobs > 1:
        with process_pool(min(jobs, len(stale))) as pool:
            kept = [readings] * len(stale)
            checked = pool.map(check_standard, [system] * len(stale), stale, kept)
            for standard, problems in zip(stale, checked, strict=True):
                found[standard.number] = problems
    for standard in stale:
        if standard.number not in found:
            found[standard.number] = check_standard(system, standard, readings)
    return [p for s in standards for p in found[s.number]]


def run_checks(
    root: Path,
    jobs: int = 1,
    only: Collection[str] | None = None,
    readings: Readings | None = None,
) -> CheckReport:
    """Load the system under ``root`` and run every check on it (the checks of each
    standard's files in ``jobs`` processes, and only where its files changed). With
    ``only`` (numbers or folder names) the files of the other standards are not read:
    what ``normkit build --standard`` needs before it builds those. With ``readings``
    (a build's), each standard's master edition read for the drafting rules is kept
    there, so that the build does not read it again."""
    result = load(root)
    problems = list(result.problems) + conf_problems(root)
    if result.system is not None:
        problems += check_system(result.system)
        problems += config_problems(result.system)
        own = _check_standards(result.system, jobs, only, readings)
        problems += selected(result.system, own)
    problems = [p.relative_to(root) for p in problems]
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    return CheckReport(root, result.system, problems)
