"""The build engine: jobs (standard × language × format), a content-hash cache, a
process pool, shards, progress, and outputs that appear only when complete.

``plan(...)`` lists the jobs, ``run_jobs(...)`` runs what the cache says is stale;
``read_doctree(...)`` gives the resolved doctree of one edition, from the working tree
or a git commit.
"""

from typing import Any

from normkit.engine.jobs import FORMATS, BuildOptions, Job, JobResult, plan
from normkit.engine.runner import BuildReport, run_jobs


def __getattr__(name: str) -> Any:
    # read_doctree loads Sphinx and GitPython: only for those who ask for it, so that
    # planning a build, or finding it up to date, stays quick.
    if name in ("DoctreeError", "read_doctree"):
        from normkit.engine import doctree

        return getattr(doctree, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "BuildOptions",
    "BuildReport",
    "DoctreeError",
    "Job",
    "JobResult",
    "plan",
    "read_doctree",
    "run_jobs",
]
