"""Benchmark of the redline editions: a redline PDF / DOCX against the plain edition.

    .venv/bin/python tests/benchmarks/bench_redline.py [--pages 20 100] [--keep DIR]
        [--formats pdf docx] [--repeat N]

For a synthetic standard (tests/benchmarks/synth.py) of about 20 and 100 pages, committed
as 1.0 and then as 1.1 with 5 % of its paragraphs edited (a few words each) and 2 %
moved to another subclause, it measures in fresh subprocesses, one step each:

* plain: ``build_edition`` of 1.1 in one format (read, number, write);
* redline: ``normkit diff``'s ``build_redline`` of 1.0 → 1.1 in the same format and
  edition (the old edition read from git objects by a forked child while the new one is
  read, the diff, the redline written), into build/redline, the doctree cache emptied
  first: the first redline of these versions;
* redline again: the same with the old edition in the doctree cache (a second diff of
  the same versions, or a release's redline after its foreword's technical changes).

It prints wall-clock and CPU times (this process's and, from the clock's start, its
children's: git, the reader) and their ratios (issue 12's target: the redline within
1.3× of the plain edition): the median of ``--repeat`` interleaved rounds (default 3),
each round's ratio taken between its own two runs, with the rounds' range; how many
times WeasyPrint laid each document out and its pages (the continued-table writer lays
a document out again after splitting a table that runs over a page); the load average
before and after; and the redline's critical path on two free cores: its own CPU plus
what the reader still had to do when it began to wait — what the wall-clock time comes
to on a quiet two-core machine, where the two readings overlap (on a loaded one they do
not, and the wall-clock ratio approaches the CPU one).

Session 7 (2026-11-30), profile of the PDF on a shared machine (load 4-7, CPU times,
medians): the synthetic standard's tables never run over a page, so plain and redline
are each laid out once (20 pages: 26 and 29 pages; 100 pages: 99 and 108) — not one
layout more. WeasyPrint's cost per page is the same for both (the same print HTML
alone, one process, alternately: 20 pages layout 1.01 / 1.08 s, PDF 0.50 / 0.53 s,
+7 % for 12 % more pages, the blank and change-list pages being light); the extra
pages are the change list after the cover (1 page and a blank one at 20 pages, 4 at
100) and the deleted and moved text beside the new (+6 % of the body's characters).
What else the redline does: resolving the versions (GitPython's import 65 ms, git
~20 ms), the diff and the change list (0.02 s at 20 pages, 0.1 s at 100), the larger
print HTML (+0.01-0.03 s); the old edition's reader (0.36 s CPU at 20 pages, 0.9 s at
100) finishes before the parent needs it (0.6 / 1.2 s of the parent's CPU from the
fork to the wait). This script, PDF, medians of 3 under a load of 6-7 (wall-clock
ratios 0.6-1.6, meaningless there): critical path on two free cores 20 pages 1.05×
[1.04-1.12], 100 pages 1.10× [1.06-1.11]; again 1.05× / 1.06× CPU; all CPU, the
reader's too (what a machine with no free second core would take) 1.19× / 1.19×.

Session 6 (2026-11-30), shared 2-core machine under a load of 8-10, DOCX, best of three:
20 pages plain 0.61 s CPU, redline 0.98 s CPU (1.60×), critical path 0.73 s (1.19×),
again 0.71 s (1.15×); 100 pages plain 1.27 s CPU, redline 2.20 s CPU (1.74×), critical
path 1.50 s (1.19×), again 1.45 s (1.15×; 1.10× wall). Wall-clock ratios of the first
redline under that load: 1.8× (the reader got no free core). PDF, 20 pages, one run:
plain 2.08 s CPU, redline 2.51 s (1.21×; 1.11× wall), critical path 1.08×, again 1.04×.
After main's change that lays the print edition out for a DOCX built without its PDF
(normkit-print-layout: the plain DOCX of 100 pages went from 1.27 s to 5.56 s CPU), same
day, load 3-4, best of three: 20 pages DOCX redline 1.13× wall (critical path 1.15×,
again 1.06×), 100 pages 1.21× wall (critical path 1.14×, again 1.10×). Before (the old
edition read first, in this process; session 5, quiet): 1.24-1.55× (20 pages) and 1.88×
(100 pages) wall-clock.
Not collected by pytest.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import bench_main, print_report, reference_seconds, run_child  # noqa: E402
from synth import make_standard  # noqa: E402

NUMBER = "T/SYN 1001"
EDITED, MOVED = 0.05, 0.02


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def revise(source: str, seed: int = 7) -> str:
    """1.1 of a synthetic source: 5 % of its body paragraphs edited, 2 % moved."""
    rng = random.Random(seed)
    blocks = source.split("\n\n")
    body = [i for i, b in enumerate(blocks) if len(b) > 120 and not b.startswith((" ", "."))]
    edited = rng.sample(body, max(1, round(len(body) * EDITED)))
    for i in edited:
        words = blocks[i]
        cut = len(words) // 2
        blocks[i] = words[:cut] + "（修订）" + words[cut + 4 :]
    moved = rng.sample([i for i in body if i not in edited], max(1, round(len(body) * MOVED)))
    for i in sorted(moved, reverse=True):
        block = blocks.pop(i)
        blocks.insert(max(0, i - 25), block)  # into an earlier subclause
    return "\n\n".join(blocks)


def make_history(root: Path, pages: int) -> None:
    """A git repository whose synthetic standard went 1.0 → 1.1."""
    folder = make_standard(root, pages)
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "1.0")
    index = folder / "index.rst"
    index.write_text(revise(index.read_text(encoding="utf-8")), encoding="utf-8")
    toml = folder / "standard.toml"
    toml.write_text(toml.read_text("utf-8").replace('"1.0"', '"1.1"', 1), encoding="utf-8")
    _git(root, "commit", "-qam", "1.1")


def child(args: list[str]) -> dict:
    """(In a subprocess.) One measured build: plain or redline, pdf or docx."""
    kind, fmt, root = args[0], args[1], Path(args[2])
    import docx  # noqa: F401  (imported before the clock, as in a warm worker)
    import sphinx.application  # noqa: F401
    import weasyprint  # noqa: F401

    from normkit.engine import plan
    from normkit.engine.build_one import build_edition
    from normkit.system import load_system
    from normkit.versions.redline_build import build_redline

    out = root / "build" / f"{kind}-{fmt}"
    if kind == "redline":  # the first redline of these versions: the old edition read
        shutil.rmtree(root / "build" / ".cache" / "doctrees", ignore_errors=True)
    if kind == "plain":  # the edition's first build, as the redline's is: no print pages
        # kept by an earlier round (normkit.engine.page_maps), which a plain DOCX would
        # take instead of laying its pages out (0.6 s against 2.1 s at 20 pages)
        shutil.rmtree(out / ".cache" / "pages", ignore_errors=True)
    marks = _watch_reading(root / "build" / "reader-cpu")
    layouts = _count_layouts()
    # Children's CPU from here on: importing WeasyPrint ran gcc and ldconfig (ctypes'
    # find_library), which is no part of either build.
    before = _children_cpu()
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "plain":
        system = load_system(root)
        jobs = plan(system, [NUMBER], ["zh_CN"], [fmt])
        results = build_edition(root, jobs, out, False)
        assert all(r.status == "built" for r in results), results
    else:  # "redline" or "again"
        outcome = build_redline(root, NUMBER, "1.0", "1.1", out, ["zh_CN"], [fmt])
        assert outcome.outputs, "no redline written"
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = _children_cpu() - before  # git, the old edition's reader
    # The critical path on two free cores: this process's CPU and its other children's
    # (git), plus what the reader of the old edition still had to do when this process
    # began to wait for it.
    reader = float(marks["file"].read_text()) if marks["file"].is_file() else 0.0
    ahead = marks.get("wait", marks.get("fork", 0.0)) - marks.get("fork", 0.0)
    critical = cpu + children - reader + max(0.0, reader - ahead)
    return {
        "seconds": seconds,
        "cpu": cpu + children,
        "critical": critical,
        "layouts": layouts,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _count_layouts() -> list[int]:
    """The page count of every whole-document layout WeasyPrint makes from now on (the
    continued-table writer lays a document out again after splitting its tables)."""
    from weasyprint import HTML

    pages: list[int] = []
    render = HTML.render

    def counted(self, *args, **kwargs):
        document = render(self, *args, **kwargs)
        pages.append(len(document.pages))
        return document

    HTML.render = counted
    return pages


def _watch_reading(file: Path) -> dict:
    """Record this process's CPU time when the redline starts reading the old edition
    (``fork``) and when it first waits for it (``wait``), and have the reader write its
    own CPU time to ``file`` (``marks["file"]``): the benchmark's view, not normkit's."""
    from normkit.engine import doctree_cache

    file.unlink(missing_ok=True)
    marks: dict = {"file": file}
    reading, reader = doctree_cache.BackgroundReading, doctree_cache._read_editions
    start, wait = reading.__init__, reading.wait

    def started(self, *args, **kwargs) -> None:
        marks["fork"] = time.process_time()
        start(self, *args, **kwargs)

    def waited(self, edition: str) -> None:
        marks.setdefault("wait", time.process_time())
        wait(self, edition)

    def read(*args) -> None:  # in the reader (a forked child: CPU counted from 0)
        reader(*args)
        file.write_text(str(time.process_time()))

    reading.__init__, reading.wait, doctree_cache._read_editions = started, waited, read
    return marks


def _options(parser) -> None:
    parser.add_argument("--formats", nargs="+", default=["pdf", "docx"], choices=["pdf", "docx"])
    parser.add_argument(
        "--repeat", type=int, default=3, help="N interleaved rounds; medians (default 3)"
    )


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _took(runs: list[dict]) -> str:
    seconds = _median([r["seconds"] for r in runs])
    return f"{seconds:.2f} s ({_median([r['cpu'] for r in runs]):.2f} s CPU)"


def _ratios(runs: list[dict], plains: list[dict], key: str, against: str) -> list[float]:
    """Each round's ratio: the two builds of a round ran one after the other."""
    return [run[key] / plain[against] for run, plain in zip(runs, plains, strict=True)]


def _spread(ratios: list[float]) -> str:
    """The median ratio, with the rounds' range when there are several."""
    spread = f" [{min(ratios):.2f}–{max(ratios):.2f}]" if len(ratios) > 1 else ""
    return f"{_median(ratios):.2f}×{spread}"


def _ratio(runs: list[dict], plains: list[dict]) -> str:
    """Wall-clock ratio, and CPU's (the old edition is read on another core)."""
    cpu = _median(_ratios(runs, plains, "cpu", "cpu"))
    return f"{_spread(_ratios(runs, plains, 'seconds', 'seconds'))} ({cpu:.2f}× CPU)"


def _layouts(runs: list[dict]) -> str:
    """How many times WeasyPrint laid the whole document out, and its pages each time."""
    pages = runs[0]["layouts"]
    return f"{len(pages)} ({', '.join(map(str, pages))} pages)" if pages else "none"


def report(args, work: Path) -> int:
    """Build each size's history, measure, print the table."""
    rows = [
        ("machine speed (reference loop)", f"{reference_seconds():.2f} s", ""),
        ("load average (1 min) before", f"{os.getloadavg()[0]:.1f}", ""),
    ]
    for pages in args.pages:
        root = work / f"p{pages}"
        if not (root / ".git").exists():
            make_history(root, pages)
        for fmt in args.formats:
            steps: dict[str, list[dict]] = {"plain": [], "redline": [], "again": []}
            for _ in range(args.repeat):  # interleaved: the machine's speed drifts
                for kind, runs in steps.items():
                    runs.append(run_child(__file__, "build", kind, fmt, str(root)))
            plain, redline, again = steps.values()
            head = f"{pages} pages {fmt}"
            rows += [
                (f"{head}: plain edition", _took(plain), f"layouts: {_layouts(plain)}"),
                (f"{head}: redline", _took(redline), f"layouts: {_layouts(redline)}"),
                (f"{head}: redline / plain", _ratio(redline, plain), "≤ 1.3×"),
                (
                    f"{head}: redline's critical path on two free cores",
                    f"{_median([r['critical'] for r in redline]):.2f} s CPU",
                    f"{_spread(_ratios(redline, plain, 'critical', 'cpu'))} plain's CPU",
                ),
                (f"{head}: redline again (old edition cached)", _took(again), ""),
                (f"{head}: redline again / plain", _ratio(again, plain), ""),
            ]
    rows.append(("load average (1 min) after", f"{os.getloadavg()[0]:.1f}", ""))
    title = f"Redline editions against the plain edition (one run, medians of {args.repeat})"
    print_report(title, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__, {"build": child}, report, options=_options))
