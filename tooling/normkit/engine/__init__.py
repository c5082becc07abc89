"""The build engine: jobs (standard × language × format), a content-hash cache, a
process pool, shards, progress, and outputs that appear only when complete.

``plan(...)`` lists the jobs, ``run_jobs(...)`` runs what the cache says is stale;
``read_doctree(...)`` gives the resolved doctree of one edition, from the working tree
or a git commit.
"""

from normkit.engine.doctree import DoctreeError, read_doctree
from normkit.engine.jobs import FORMATS, BuildOptions, Job, JobResult, plan
from normkit.engine.runner import BuildReport, run_jobs

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
