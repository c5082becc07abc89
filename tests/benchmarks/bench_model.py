"""Benchmark of a large standard system (issue 11), old code beside new, in one run:

    .venv/bin/python tests/benchmarks/bench_model.py [--standards 1000] [--built 100]
        [--old REF] [--keep DIR]

A synthetic system of ``--standards`` standards of 10 pages (default 1,000) is made once
and copied for each version of normkit measured: the code of this checkout ("new") and
that of the git commit ``--old`` ("old", default: the commit this benchmark's work
started from), exported and put first on PYTHONPATH (the same virtualenv serves both).
Both are byte-compiled first, as an installed package is. Each step runs in a fresh
interpreter, so its time and memory are its own:

- loading the system and planning every job (target < 1 s), the median of three runs,
  once build/ holds what earlier commands kept and, apart, for the first command of a
  fresh checkout; and how many times the standard.toml files are read while one process
  plans and builds one job (target: once a process);
- the HTML of the first ``--built`` standards at -j2, cold, in two builds: the first
  fifth, then the rest. Their difference is the time one more standard costs and what
  is left the time every build pays once (loading, checking the system, the framework
  pages, starting workers); the whole system's build is that once-cost plus 1,000
  standards (target < 3 min for 1,000). CPU time (of the build and its workers) shared
  by two cores is what the wall time is on a machine doing nothing else; the parent
  process's peak memory (target < 500 MB);
- a rebuild of the ``--built`` standards with nothing changed, the whole command as a
  person runs it (target < 1 s), the median of three runs.

The machine's load average is printed beside the figures: on a shared machine the wall
times wait for other work, the CPU times much less. ``--built 1000`` builds the whole
system instead of extrapolating (about 3 minutes a version on a quiet machine).
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from harness import bench_main, print_report, run_child  # noqa: E402
from synth import make_system  # noqa: E402

SCRIPT = str(Path(__file__).resolve())

#: The code measured as "old" unless --old names another: main as it was before the
#: 2026-11-30 (session 6) work on these three figures.
BASELINE = "3552f1f78c19d37f1a79e5ca5337572378da3433"


def _counting_reads() -> list[int]:
    """Count the parses of standard.toml files from now on (one count per file)."""
    import normkit.system.loader as loader

    count = [0]
    original = loader._read_standards

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        return original(*args, **kwargs)

    loader._read_standards = counted
    return count


def child_plan(args: list[str]) -> dict:
    """Seconds to load the system and plan every job of the system at ``args[0]``."""
    reads = _counting_reads()
    start = time.perf_counter()
    from normkit.engine import plan
    from normkit.system import load_system

    system = load_system(Path(args[0]))
    jobs = plan(system, formats=["html"], languages=["zh_CN"])
    return {"seconds": time.perf_counter() - start, "jobs": len(jobs), "reads": reads[0]}


def child_one_job(args: list[str]) -> dict:
    """How many times one process reads the system to plan and build one job."""
    reads = _counting_reads()
    from normkit.engine import plan
    from normkit.engine.build_one import build_job
    from normkit.system import load_system

    root = Path(args[0])
    system = load_system(root)
    job = plan(system, formats=["html"], languages=["zh_CN"])[0]
    result = build_job(root, job, root / "one", strict=False)
    return {"reads": reads[0], "status": result.status}


def child_build(args: list[str]) -> dict:
    """``normkit build`` of the standards named in ``args[1:]`` in this process (-j2):
    wall time, CPU time (this process and its workers) and this (the parent) process's
    peak memory."""
    from normkit.cli import main

    root, slugs = Path(args[0]), args[1:]
    chosen = [item for slug in slugs for item in ("--standard", slug)]
    start = time.perf_counter()
    before = _cpu()
    with open(root / "build.log", "a", encoding="utf-8") as log:
        code = main(
            ["build", "--root", str(root), "--format", "html", "--lang", "zh_CN", "-j", "2"]
            + chosen,
            stdout=log,
            stderr=log,
        )
    return {
        "seconds": time.perf_counter() - start,
        "cpu": _cpu() - before,
        "code": code,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _slugs(root: Path) -> list[str]:
    """The folder names of the system's standards, in order."""
    return sorted(p.parent.name for p in (root / "standards").glob("*/standard.toml"))


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


class Version:
    """One version of normkit's code and its own copy of the system."""

    def __init__(self, name: str, tooling: Path, root: Path) -> None:
        self.name, self.root = name, root
        self.env = {**os.environ, "PYTHONPATH": str(tooling)}
        compileall.compile_dir(str(tooling / "normkit"), quiet=1)

    def child(self, *args: str) -> dict:
        return run_child(SCRIPT, *args, env=self.env)

    def command(self, slugs: list[str]) -> tuple[float, float]:
        """The whole ``normkit build`` command of ``slugs``, as a person runs it: (wall,
        CPU) seconds."""
        chosen = [item for slug in slugs for item in ("--standard", slug)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "normkit.cli", "build", "--root", str(self.root)]
            + ["--format", "html", "--lang", "zh_CN", "-j", "2", *chosen],
            capture_output=True,
            text=True,
            env=self.env,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"{self.name}: the rebuild failed:\n{done.stdout[-3000:]}")
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _export(ref: str, into: Path) -> Path:
    """The tooling/ folder of ``ref`` of this repository, exported into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "old.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(REPO), "archive", ref, "tooling"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "tooling"


def _measure(version: Version, standards: int, built: int) -> dict:
    """Every figure of one version."""
    print(f"  {version.name}: load and plan (load {_load()})", file=sys.stderr)
    first_plans = [version.child("plan", str(version.root)) for _ in range(3)]
    one = version.child("one_job", str(version.root))
    slugs = _slugs(version.root)[:built]
    first, rest = slugs[: max(1, built // 5)], slugs[max(1, built // 5) :]
    print(f"  {version.name}: HTML of {len(first)} (load {_load()})", file=sys.stderr)
    small = version.child("build", str(version.root), *first)
    print(f"  {version.name}: HTML of {len(rest)} more (load {_load()})", file=sys.stderr)
    large = version.child("build", str(version.root), *rest) if rest else small
    if small["code"] or large["code"]:
        raise SystemExit(f"{version.name}: a build failed (see {version.root}/build.log)")
    # Two builds of n1 and n2 standards: what one more costs, and what every build pays.
    n1, n2 = len(first), len(rest) or len(first)
    figures: dict[str, float] = {}
    for key in ("seconds", "cpu"):
        each = (large[key] - small[key]) / (n2 - n1) if n2 != n1 else small[key] / n1
        once = max(0.0, small[key] - n1 * each)
        figures[key] = once + standards * each
        figures[f"{key}_each"] = each
    print(f"  {version.name}: no-change rebuild (load {_load()})", file=sys.stderr)
    again = [version.command(slugs) for _ in range(3)]
    # Once a command has written build/ (its caches), as every command after the first.
    plans = [version.child("plan", str(version.root)) for _ in range(3)]
    return {
        "first_plan": statistics.median(p["seconds"] for p in first_plans),
        "plan": statistics.median(p["seconds"] for p in plans),
        "jobs": plans[0]["jobs"],
        "reads": plans[0]["reads"],
        "one_reads": one["reads"],
        "built_wall": small["seconds"] + large["seconds"],
        "whole": figures["seconds"],
        "quiet": figures["cpu"] / 2,
        "each_cpu": figures["cpu_each"],
        "peak_mb": max(small["peak_mb"], large["peak_mb"]),
        "again": statistics.median(w for w, _ in again),
        "again_cpu": statistics.median(c for _, c in again),
        "load": _load(),
    }


def report(args, work: Path) -> int:  # type: ignore[no-untyped-def]
    """Make the system, measure both versions, print the table."""
    made = work / "system"
    if not (made / "standards" / "framework.toml").is_file():
        make_system(made, args.standards, args.pages[0])
    results = {}
    for name, tooling in (("old", _export(args.old, work / "old")), ("new", REPO / "tooling")):
        root = work / f"system-{name}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(made, root, symlinks=True)
        # No conf.py or templates of its own: each version builds with its own (as
        # normkit's sample repository does); the new ones name partials the old lack.
        (root / "conf.py").unlink()
        shutil.rmtree(root / "templates")
        results[name] = _measure(Version(name, tooling, root), args.standards, args.built)
    old, new = results["old"], results["new"]
    n = args.standards

    def row(what: str, key: str, unit: str, target: str, digits: int = 2) -> tuple:
        value = f"{old[key]:.{digits}f} → {new[key]:.{digits}f} {unit}"
        return (what, value, target)

    print_report(
        f"bench_model: {n} standards × {args.pages[0]} pages, old {args.old[:10]} → new "
        f"(this checkout); load average {old['load']} / {new['load']} after each",
        [
            row(f"system + plan of {new['jobs']} jobs (median of 3)", "plan", "s", "< 1 s"),
            row("  the first command (no build/ yet)", "first_plan", "s", "< 1 s"),
            (
                "system parses: planning; plan + build one job",
                f"{old['reads']}, {old['one_reads']} → {new['reads']}, {new['one_reads']}",
                "1, 1 (once a process)",
            ),
            row(f"HTML of {args.built} at -j2 (two builds), wall", "built_wall", "s", ""),
            row("  CPU of one more standard", "each_cpu", "s", "", 3),
            row(f"  {n} scaled, wall", "whole", "s", "< 180 s for 1,000", 0),
            row(f"  {n} scaled, CPU / 2 cores (quiet machine)", "quiet", "s", "< 180 s", 0),
            row("  parent peak memory", "peak_mb", "MB", "< 500 MB", 0),
            row(f"no-change rebuild of {args.built} (command, median of 3)", "again", "s", "< 1 s"),
            row("  of which CPU", "again_cpu", "s", "(≈ its wall time on a quiet machine)"),
        ],
    )
    return 0


def _options(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--standards", type=int, default=1000)
    parser.add_argument("--built", type=int, default=100)
    parser.add_argument("--old", default=BASELINE, help="the git commit measured as old")
    parser.set_defaults(pages=[10])


if __name__ == "__main__":
    sys.exit(
        bench_main(
            __doc__,
            {"plan": child_plan, "one_job": child_one_job, "build": child_build},
            report,
            options=_options,
        )
    )
