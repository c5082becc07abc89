"""HTML build benchmarks (issue 3). Run: .venv/bin/python tests/benchmarks/bench_html.py

Prints, measured in one run on this machine:
- normkit's HTML build of synthetic standards against a plain ``sphinx-build -b html``
  of the same sources without the extension, in the same process (ratio; target ≤ 1.3);
- a full build of 100 synthetic standards of 20 pages with -j 2 (target < 120 s);
- a no-change rebuild of the sample system, whole command (target < 1 s);
- a rebuild after one standard changed (only that one is rebuilt).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from benchmarks.harness import print_report  # noqa: E402
from benchmarks.synth import copy_repository, make_system  # noqa: E402

NORMKIT = [str(REPO / ".venv" / "bin" / "normkit")]
PLAIN_CONF = 'root_doc = "index"\nlanguage = "zh_CN"\nextensions = []\n'


def _sphinx(srcdir: Path, confdir: Path, outdir: Path, overrides: dict) -> float:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    start = time.perf_counter()
    with patch_docutils(confdir), docutils_namespace():
        app = Sphinx(
            srcdir,
            confdir,
            outdir / "html",
            outdir / "doctrees",
            "html",
            confoverrides=overrides,
            status=None,
            warning=io.StringIO(),
            freshenv=True,
        )
        app.build(force_all=True)
    return time.perf_counter() - start


def ratio_against_plain_sphinx(work: Path, count: int, pages: int) -> tuple[float, float]:
    """Seconds for normkit's build and for plain Sphinx, same sources, same process."""
    root = work / "ratio"
    folders = make_system(root, count, pages)
    plain = work / "plain-conf"
    plain.mkdir()
    (plain / "conf.py").write_text(PLAIN_CONF)
    ours = theirs = 0.0
    for i, folder in enumerate(folders):  # alternate the order to be fair to caches
        runs = [("ours", root), ("plain", plain)]
        for name, confdir in runs if i % 2 == 0 else runs[::-1]:
            out = work / "out" / name / folder.name
            overrides = {"normkit_root": str(root)} if name == "ours" else {}
            seconds = _sphinx(folder, confdir, out, overrides)
            if name == "ours":
                ours += seconds
            else:
                theirs += seconds
    return ours, theirs


def _timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{run.stdout}\n{run.stderr}")
    return seconds, run.stdout.strip().splitlines()[-1]


def full_build(work: Path, count: int, pages: int, jobs: int) -> tuple[float, str]:
    """Wall time of ``normkit build`` of a fresh synthetic system."""
    root = work / "full"
    make_system(root, count, pages)
    return _timed([*NORMKIT, "build", "--root", str(root), "--format", "html", "-j", str(jobs)])


def sample_rebuilds(work: Path) -> tuple[float, str, float, str]:
    """No-change and one-changed rebuilds of a copy of the sample system."""
    root = copy_repository(work / "sample")
    build = [*NORMKIT, "build", "--root", str(root), "--format", "html"]
    _timed(build)
    unchanged = _timed(build)
    source = root / "standards" / "t-xqzc-1201" / "index.rst"
    source.write_text(source.read_text(encoding="utf-8") + "\n增加的一段文字。\n", encoding="utf-8")
    changed = _timed(build)
    return (*unchanged, *changed)


def main() -> None:
    """Run the benchmarks and print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    count, full_count = (4, 10) if args.quick else (10, 100)
    with tempfile.TemporaryDirectory(prefix="normkit-bench-") as tmp:
        work = Path(tmp)
        ours, plain = ratio_against_plain_sphinx(work, count, 20)
        full, full_line = full_build(work, full_count, 20, 2)
        nochange, nochange_line, one, one_line = sample_rebuilds(work)
    rows = [
        (f"normkit HTML, {count} standards × 20 pages (in-process)", f"{ours:.2f} s", ""),
        ("plain sphinx-build -b html, same sources, no extension", f"{plain:.2f} s", ""),
        ("ratio normkit / plain Sphinx", f"{ours / plain:.2f} ×", "≤ 1.3 ×"),
        (f"full build, {full_count} standards × 20 pages, -j 2", f"{full:.1f} s", "< 120 s"),
        ("  " + full_line, "", ""),
        ("no-change rebuild of the sample system (whole command)", f"{nochange:.2f} s", "< 1 s"),
        ("  " + nochange_line, "", ""),
        ("rebuild after one sample standard changed", f"{one:.2f} s", ""),
        ("  " + one_line, "", ""),
    ]
    print_report("normkit HTML benchmarks", rows)


if __name__ == "__main__":
    main()
