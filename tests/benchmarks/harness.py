"""What the benchmark scripts share: child processes, peak memory, the report table."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MiB of this process (or its children); Linux counts KiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def run_child(script: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``script --child ARGS`` in a fresh interpreter (with the environment ``env``
    when given); return the JSON it prints last.

    A measured step runs alone in its process, so its peak memory is its own.
    """
    done = subprocess.run(
        [sys.executable, script, "--child", *args], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_report(title: str, rows: list[tuple[str, str, str]]) -> None:
    """Rows of (what, measured, target) under a title, aligned."""
    width = max(len(r[0]) for r in rows)
    print(title)
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:>10}  {target}")


def reference_seconds() -> float:
    """Seconds a fixed pure-Python loop takes now: how fast the machine is at the moment.

    A shared virtual machine's speed drifts (seen here: one loop took from 4.0 s to 6.1 s
    within the hour); ratios measured in one run cancel it, absolute targets do not, so
    reports print this next to absolute times.
    """
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i * i % 7
    return time.process_time() - start


def bench_main(
    doc: str,
    children: dict[str, Callable[[list[str]], dict]],
    report: Callable[[argparse.Namespace, Path], int],
    argv: list[str] | None = None,
    options: Callable[[argparse.ArgumentParser], object] = lambda parser: None,
) -> int:
    """A benchmark script's command line: ``--pages N …``, ``--keep DIR``, the script's
    own ``options``, and the hidden ``--child MODE ARGS …`` by which :func:`run_child`
    runs one measured step (``children[MODE]``) in a fresh interpreter."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options(parser)
    args = parser.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        print(json.dumps(children[mode](rest)))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return report(args, args.keep)
    with tempfile.TemporaryDirectory(prefix="normkit-bench-") as work:
        return report(args, Path(work))


def open_in_chromium(url: str, profile: Path, *flags: str) -> subprocess.Popen:
    """Debian's chromium, headless, showing ``url`` until terminated (tests and
    benchmarks of the preview watch it reload)."""
    return subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",  # as root in a container
            "--disable-gpu",
            f"--user-data-dir={profile}",
            *flags,
            url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
