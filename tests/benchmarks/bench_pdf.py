"""Benchmark of the PDF edition: seconds per page, peak memory, and two ratios.

    .venv/bin/python tests/benchmarks/bench_pdf.py [--pages 20 100] [--keep DIR]

For synthetic standards (tests/benchmarks/synth.py) of about 20 and 100 pages it
measures, each in a fresh subprocess (so peak RSS is that of one job):

* normkit: the whole ``normkit-pdf`` build (parse, number, translate, WeasyPrint);
* WeasyPrint alone: rendering the very print HTML normkit produced (kept with
  ``normkit_pdf_keep_html``), with WeasyPrint's default settings;
* the same layout in English (a synthetic English standard of as many pages).

WeasyPrint's import is done before the clock starts in both cases. Targets: normkit ≤
1.15× WeasyPrint alone; a Chinese page ≤ 1.5× an English page. Not run by pytest.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
TARGET_OVERHEAD = 1.15
TARGET_CJK = 1.5


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_build(srcdir: Path, outdir: Path, language: str) -> dict:
    """(In a subprocess.) Build one standard's PDF with normkit; time it."""
    import weasyprint  # noqa: F401  (imported before the clock, as in a warm worker)
    from pypdf import PdfReader
    from sphinx.application import Sphinx

    start = time.perf_counter()
    app = Sphinx(
        str(srcdir),
        str(srcdir.parents[1]),
        str(outdir),
        str(outdir / ".doctrees"),
        "normkit-pdf",
        confoverrides={"language": language, "normkit_pdf_keep_html": True},
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    seconds = time.perf_counter() - start
    pdf = next(outdir.glob("*.pdf"))
    return {"seconds": seconds, "pages": len(PdfReader(pdf).pages), "rss_mb": _peak_rss_mb()}


def child_weasyprint(html_file: Path, outdir: Path) -> dict:
    """(In a subprocess.) Render a print HTML file with WeasyPrint alone; time it."""
    import weasyprint
    from pypdf import PdfReader

    start = time.perf_counter()
    pdf = weasyprint.HTML(filename=str(html_file)).write_pdf(pdf_tags=True)
    seconds = time.perf_counter() - start
    target = outdir / "weasyprint-alone.pdf"
    target.write_bytes(pdf)
    return {"seconds": seconds, "pages": len(PdfReader(target).pages), "rss_mb": _peak_rss_mb()}


def run_child(*args: str) -> dict:
    """Run this script in a subprocess in a child mode; return its JSON result."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step {args[0]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_standard(root: Path, pages: int, language: str) -> Path:
    """A synthetic standard of about ``pages`` pages (tests/benchmarks/synth.py)."""
    sys.path.insert(0, str(HERE))
    from synth import make_system

    return make_system(root, 1, pages, language=language)[0]


def measure(work: Path, pages: int, language: str) -> tuple[dict, dict]:
    """normkit and WeasyPrint-alone figures for one synthetic standard."""
    srcdir = make_standard(work / f"repo-{language}-{pages}", pages, language)
    outdir = work / f"out-{language}-{pages}"
    normkit = run_child("build", str(srcdir), str(outdir), language)
    html_file = next(outdir.glob("*.print.html"))
    alone = run_child("weasyprint", str(html_file), str(outdir))
    return normkit, alone


def report(sizes: list[int], work: Path) -> int:
    """Measure every size, print the report; exit status 1 if a target is missed."""
    rows = []
    missed = []
    for pages in sizes:
        zh, zh_alone = measure(work, pages, "zh_CN")
        en, _en_alone = measure(work, pages, "en")
        per_zh = zh["seconds"] / zh["pages"]
        per_en = en["seconds"] / en["pages"]
        overhead = zh["seconds"] / zh_alone["seconds"]
        cjk = per_zh / per_en
        rows.append((pages, zh, zh_alone, en, per_zh, per_en, overhead, cjk))
        if overhead > TARGET_OVERHEAD:
            missed.append(f"{pages} pages: normkit/WeasyPrint {overhead:.2f}×")
        if cjk > TARGET_CJK:
            missed.append(f"{pages} pages: Chinese/English page {cjk:.2f}×")

    print("normkit PDF benchmark (synthetic standards, one job per subprocess)")
    print()
    header = (
        f"{'size':>6} {'lang':>5} {'pages':>5} {'normkit s':>10} {'s/page':>7} "
        f"{'peak MiB':>8} {'WeasyPrint s':>12} {'WP MiB':>7}"
    )
    print(header)
    print("-" * len(header))
    for pages, zh, alone, en, per_zh, per_en, _overhead, _cjk in rows:
        print(
            f"{pages:>6} {'zh_CN':>5} {zh['pages']:>5} {zh['seconds']:>10.2f} {per_zh:>7.3f} "
            f"{zh['rss_mb']:>8.0f} {alone['seconds']:>12.2f} {alone['rss_mb']:>7.0f}"
        )
        print(
            f"{pages:>6} {'en':>5} {en['pages']:>5} {en['seconds']:>10.2f} {per_en:>7.3f} "
            f"{en['rss_mb']:>8.0f} {'':>12} {'':>7}"
        )
    print()
    for pages, *_rest, overhead, cjk in rows:
        print(
            f"{pages:>4} pages: normkit / WeasyPrint alone = {overhead:.2f}× "
            f"(target ≤ {TARGET_OVERHEAD}); Chinese / English page = {cjk:.2f}× "
            f"(target ≤ {TARGET_CJK})"
        )
    print()
    print("targets met" if not missed else "targets MISSED: " + "; ".join(missed))
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark, or one measured step (``--child``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        if mode == "build":
            result = child_build(Path(rest[0]), Path(rest[1]), rest[2])
        else:
            result = child_weasyprint(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return report(args.pages, args.keep)
    with tempfile.TemporaryDirectory(prefix="normkit-bench-pdf-") as work:
        return report(args.pages, Path(work))


if __name__ == "__main__":
    sys.exit(main())
