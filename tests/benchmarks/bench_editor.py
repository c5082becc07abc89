"""The editor's workflow benchmarks (issue 14): .venv/bin/python tests/benchmarks/bench_editor.py

Prints, measured in one run on this machine:
- ``normkit check`` of the sample, cold (no cache) and warm (target < 1 s), against
  ``sphinx-build -b dummy`` reading the same sources (one run per standard);
- preview: save-to-reload latency of a 20-page standard, median of 10 saves, from the
  write of the source to the reloaded page reporting itself from headless chromium
  (target < 2 s);
- lint: ``normkit check`` of 100 synthetic standards of 20 pages at -j 2, cold and warm.

``--only check|preview|lint`` runs one part.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from benchmarks.harness import open_in_chromium, print_report, reference_seconds  # noqa: E402
from benchmarks.synth import copy_repository, make_standard, make_system  # noqa: E402

NORMKIT = [sys.executable, "-m", "normkit.cli"]


def _timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def bench_check(work: Path) -> list[tuple[str, str, str]]:
    root = copy_repository(work / "sample")
    cold = _timed([*NORMKIT, "check", "--root", str(root), "-j", "2"])
    warm = statistics.median(_timed([*NORMKIT, "check", "--root", str(root)]) for _ in range(3))
    start = time.perf_counter()
    folders = sorted(p for p in (root / "standards").glob("t-*") if p.is_dir())
    for folder in folders:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "dummy",
                "-q",
                "-c",
                str(root),
                "-D",
                f"normkit_root={root}",
                str(folder),
                str(work / "dummy" / folder.name),
            ],
            check=False,
            capture_output=True,
        )
    dummy = time.perf_counter() - start
    return [
        ("check of the sample, cold (-j 2)", f"{cold:.1f} s", ""),
        ("check of the sample, warm", f"{warm:.2f} s", "< 1 s"),
        (f"sphinx-build -b dummy, {len(folders)} standards", f"{dummy:.1f} s", "(reading alone)"),
    ]


def bench_preview(work: Path, saves: int = 10) -> list[tuple[str, str, str]]:
    from normkit.preview import Preview
    from normkit.system import load_system

    folder = make_standard(work / "preview", 20)
    system = load_system(work / "preview")
    standard = next(iter(system.standards.values()))
    preview = Preview(system, standard, system.settings.master_language)
    server = preview.server(0, any_port=False)
    server.start()
    preview.build()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop, lambda _: None), daemon=True)
    watcher.start()
    browser = open_in_chromium(server.url, work / "profile")
    latencies = []
    try:
        preview.state.wait_for_loads(1, timeout=120)
        source = folder / "index.rst"
        for n in range(saves):
            time.sleep(0.5)
            before = len(preview.state.loads)
            start = time.perf_counter()
            source.write_text(source.read_text(encoding="utf-8") + f"\n新增段落{n}。\n", "utf-8")
            if len(preview.state.wait_for_loads(before + 1, timeout=60)) > before:
                latencies.append(time.perf_counter() - start)
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        stop.set()
        server.stop()
    median = statistics.median(latencies) if latencies else float("nan")
    return [
        (
            f"preview save-to-reload, 20 pages, median of {len(latencies)}",
            f"{median:.2f} s",
            "< 2 s",
        ),
        ("  fastest / slowest", f"{min(latencies):.2f}/{max(latencies):.2f}", ""),
    ]


def bench_lint(work: Path, count: int = 100) -> list[tuple[str, str, str]]:
    root = work / "lint"
    make_system(root, count, 20)
    cold = _timed([*NORMKIT, "check", "--root", str(root), "-j", "2"])
    warm = _timed([*NORMKIT, "check", "--root", str(root), "-j", "2"])
    return [
        (f"check + lint, {count} standards × 20 pages, -j 2, cold", f"{cold:.0f} s", ""),
        ("  per standard", f"{cold / count:.2f} s", ""),
        ("  warm", f"{warm:.2f} s", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("check", "preview", "lint"))
    parser.add_argument("--count", type=int, default=100, help="standards for the lint part")
    args = parser.parse_args(argv)
    rows = [("machine speed (reference loop)", f"{reference_seconds():.1f} s", "")]
    with tempfile.TemporaryDirectory(prefix="normkit-bench-editor-") as tmp:
        work = Path(tmp)
        if args.only in (None, "check"):
            rows += bench_check(work)
        if args.only in (None, "preview") and shutil.which("chromium"):
            rows += bench_preview(work)
        if args.only in (None, "lint"):
            rows += bench_lint(work, args.count)
    print_report("normkit editor's workflow", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
