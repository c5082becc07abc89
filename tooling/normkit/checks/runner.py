"""``normkit check``: every problem of a standard system, in one run."""

from __future__ import annotations

import gc
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from normkit.checks.configuration import conf_problems
from normkit.checks.rule import config_problems, selected
from normkit.checks.standard_checks import cached, check_standard, shared_key
from normkit.system import Problem, Severity, Standard, StandardSystem, load
from normkit.system.checks import check_system

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


#: The system this check worker was handed by the run that started it (see _start_worker).
_HANDED: list[StandardSystem] = []


def _start_worker(system: StandardSystem) -> None:
    """Keep the ``system`` the run read, once per worker: handed with each standard,
    it was pickled and unpickled again for every one (a tenth of checking a standard of
    a 1,000-standard system). What the worker inherited lives as long as it does: after
    one collection it is frozen out of the garbage collector's generations."""
    _HANDED[:] = [system]
    gc.collect()
    gc.freeze()


def _check_handed(standard: Standard, readings: Readings | None) -> list[Problem]:
    """The checks of ``standard`` in a worker, with the system it was handed."""
    return check_standard(_HANDED[0], standard, readings)


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
    shared = shared_key(system)  # what every standard's checks read: hashed once
    for standard in standards:
        kept = cached(system, standard, shared)
        if kept is not None:
            found[standard.number] = kept
    stale = [s for s in standards if s.number not in found]
    if len(stale) > 1 and jobs > 1:
        from normkit.workers import process_pool

        workers = min(jobs, len(stale))
        with process_pool(workers, _start_worker, (system,)) as pool:
            checked = pool.map(_check_handed, stale, [readings] * len(stale))
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
