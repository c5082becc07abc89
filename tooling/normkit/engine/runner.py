"""Run jobs: cache look-up in the parent, Sphinx in a pool of worker processes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from normkit.engine.cache import Cache, JobHashes
from normkit.engine.jobs import BuildOptions, Job, JobResult
from normkit.system import StandardSystem


@dataclass
class BuildReport:
    """Every job's result and the wall time of the build."""

    results: list[JobResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[JobResult]:
        """The jobs that failed."""
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        """How many jobs ended with ``status`` (built, cached, failed)."""
        return sum(1 for r in self.results if r.status == status)


#: Rough relative cost of a job per kilobyte of source, by format and edition.
_FORMAT_COST = {"html": 1.0, "docx": 2.0, "pdf": 10.0}
_EDITION_COST = {"bilingual": 2.0}


def expected_cost(job: Job) -> float:
    """A guess of how long ``job`` takes, used to start the longest jobs first."""
    size = sum(p.stat().st_size for p in job.standard.source_files())
    return size * _FORMAT_COST[job.format] * _EDITION_COST.get(job.language, 1.0)


def run_jobs(
    system: StandardSystem,
    jobs: list[Job],
    options: BuildOptions,
    on_result: Callable[[JobResult], None] | None = None,
) -> BuildReport:
    """Run ``jobs``: skip the fresh ones, build the rest ``options.jobs`` at a time."""
    start = time.perf_counter()
    cache = Cache(options.out)
    report = BuildReport()
    stale: list[tuple[Job, str]] = []
    hashes = JobHashes(system, options.strict)
    for job in jobs:
        digest = hashes.of(job)
        outputs = None if options.force else cache.fresh(job, digest)
        if outputs is None:
            stale.append((job, digest))
            continue
        result = JobResult(job, "cached", outputs=outputs)
        report.results.append(result)
        if on_result:
            on_result(result)

    digests = {job.name: digest for job, digest in stale}

    def finish(result: JobResult) -> None:
        if result.status == "built":
            cache.store(result.job, digests[result.job.name], result.outputs)
        else:
            cache.forget(result.job)
        report.results.append(result)
        if on_result:
            on_result(result)

    # One task per standard and edition (its formats share one reading of the
    # sources), longest first, so that no worker is left alone with a long one at the end.
    editions: dict[tuple[str, str], list[Job]] = {}
    for job, _digest in stale:
        editions.setdefault((job.standard.slug, job.language), []).append(job)
    tasks = sorted(editions.values(), key=lambda t: sum(map(expected_cost, t)), reverse=True)
    formats = tuple(sorted({job.format for job, _ in stale}))
    if not tasks:  # all up to date: nothing to build, nothing to load
        report.seconds = time.perf_counter() - start
        return report
    # Sphinx and the writers load with build_one: not for a build that is up to date.
    from normkit.engine.build_one import build_edition, warm_up

    readings = options.readings
    config = {f"normkit_{name}": value for name, value in options.settings}
    if len(tasks) <= 1 or options.jobs <= 1:
        warm_up(formats)
        for task in tasks:
            for result in build_edition(
                system.root, task, options.out, options.strict, config, readings, system
            ):
                finish(result)
    else:
        from concurrent.futures import as_completed

        from normkit.diagnostics import notify
        from normkit.workers import process_pool

        workers = min(options.jobs, len(tasks))
        handed = (formats, system)  # each worker gets the system once, not once a job
        with process_pool(workers, warm_up, handed) as pool:
            futures = [
                pool.submit(
                    build_edition, system.root, task, options.out, options.strict, config, readings
                )
                for task in tasks
            ]
            for future in as_completed(futures):
                for result in future.result():
                    for problem in (*result.errors, *result.warnings):  # seen in a worker
                        notify(problem)
                    finish(result)
    order = {job.name: i for i, job in enumerate(jobs)}
    report.results.sort(key=lambda r: order[r.job.name])
    report.seconds = time.perf_counter() - start
    return report
