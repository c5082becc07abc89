"""Benchmark of a large standard system (issue 11). Run:

    .venv/bin/python tests/benchmarks/bench_model.py [--standards 1000] [--built 100]

A synthetic system of ``--standards`` standards of ``--pages`` pages (default 1,000 × 10)
is made once; then, each step in a fresh interpreter so that its time and memory are
its own:

- loading the system and planning every job (target < 1 s), and how many times the
  standard.toml files are read (parsed) while one process plans and builds one job
  (target: once per process);
- the HTML of ``--built`` of them (the first ones; default 100, to keep the run short on
  a shared machine) at -j2, with the parent process's peak memory (target < 500 MB),
  and the time scaled to the whole system (target < 3 min for 1,000): the wall time,
  and the CPU time of the build and its workers shared by two cores (what the wall
  time is on a machine doing nothing else);
- a rebuild of those with nothing changed, the whole command (target < 1 s).

To compare with another commit, run the same script with that commit's code first on
the path: ``PYTHONPATH=<export of the commit>/tooling .venv/bin/python …``.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import bench_main, print_report, run_child  # noqa: E402
from synth import make_system  # noqa: E402

SCRIPT = str(Path(__file__).resolve())


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
    """``normkit build`` of the first ``args[1]`` standards in this process (-j2): wall
    time, CPU time (this process and its workers) and this (the parent) process's peak
    memory."""
    from normkit.cli import main
    from normkit.system import load_system

    root, count = Path(args[0]), int(args[1])
    slugs = sorted(s.slug for s in load_system(root).standards.values())[:count]
    chosen = [item for slug in slugs for item in ("--standard", slug)]
    start = time.perf_counter()
    before = _cpu()
    with open(root / f"build-{args[2]}.log", "w", encoding="utf-8") as log:
        code = main(
            [
                "build",
                "--root",
                str(root),
                "--format",
                "html",
                "--lang",
                "zh_CN",
                "-j",
                "2",
                *chosen,
            ],
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


def _command_seconds(root: Path, count: int) -> tuple[float, float]:
    """The whole ``normkit build`` command of the same standards, as a person runs it:
    (wall, CPU) seconds. On a shared machine the wall time waits for other work too."""
    from normkit.system import load_system

    slugs = sorted(s.slug for s in load_system(root).standards.values())[:count]
    chosen = [item for slug in slugs for item in ("--standard", slug)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "normkit.cli", "build", "--root", str(root), "--format", "html"]
        + ["--lang", "zh_CN", "-j", "2", *chosen],
        check=False,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def report(args, work: Path) -> int:  # type: ignore[no-untyped-def]
    """Make the system, run every step, print the table."""
    root = work / "system"
    if not (root / "standards" / "framework.toml").is_file():
        make_system(root, args.standards, args.pages[0])
    planned = run_child(SCRIPT, "plan", str(root))
    one = run_child(SCRIPT, "one_job", str(root))
    built = run_child(SCRIPT, "build", str(root), str(args.built), "first")
    again, again_cpu = _command_seconds(root, args.built)
    whole = built["seconds"] * args.standards / args.built
    # On a machine shared with other work the wall time waits for it: the CPU time the
    # build used, shared by two cores, is what it takes on a machine of its own.
    quiet = built["cpu"] / 2 * args.standards / args.built
    n = args.standards
    print_report(
        f"bench_model: {n} standards × {args.pages[0]} pages (HTML of {args.built} built)",
        [
            (f"system + plan of {planned['jobs']} jobs", f"{planned['seconds']:.2f} s", "< 1 s"),
            ("system parses: planning", str(planned["reads"]), "1"),
            ("system parses: plan + build one job", str(one["reads"]), "1 (once a process)"),
            (f"HTML of {args.built} at -j2", f"{built['seconds']:.1f} s", ""),
            (f"  scaled to {n}", f"{whole:.0f} s", "< 180 s for 1,000"),
            (f"  CPU of {args.built}", f"{built['cpu']:.1f} s", ""),
            (f"  CPU / 2 cores, scaled to {n}", f"{quiet:.0f} s", "< 180 s for 1,000"),
            ("  parent peak memory", f"{built['peak_mb']:.0f} MB", "< 500 MB"),
            ("no-change rebuild (command)", f"{again:.2f} s", "< 1 s"),
            ("  of which CPU", f"{again_cpu:.2f} s", ""),
        ],
    )
    return 0


def _options(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--standards", type=int, default=1000)
    parser.add_argument("--built", type=int, default=100)
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
