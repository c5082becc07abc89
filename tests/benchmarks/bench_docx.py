"""Benchmark of the DOCX edition against pandoc, with peak memory.

    .venv/bin/python tests/benchmarks/bench_docx.py [--pages 20 100] [--keep DIR]

For synthetic standards (tests/benchmarks/synth.py) of about 20 and 100 pages it
measures, each in a fresh subprocess (so peak RSS is that of one job):

* normkit build: the whole ``normkit-docx`` build (parse, number, write);
* normkit write: the DOCX writing alone (translator, python-docx, zip), timed inside
  the same build;
* pandoc: ``pandoc -f rst -t docx`` on the same index.rst (it ignores normkit's
  directives, so it does less work: no cover, numbering, terms or contents).

Prints both times, the ratio normkit write / pandoc in the same run, and peak memory.
pandoc is skipped with a message when it is not installed (Debian: apt-get install
pandoc). Not collected by pytest.

    .venv/bin/python tests/benchmarks/bench_docx.py --lone [--pages 100] [--old REF …]

measures instead ``normkit build --format docx`` as a person runs it (its CPU time, the
command and its workers, and wall time, with the load average), for this checkout and
each ``--old`` commit (exported, first on PYTHONPATH; default: before the print pages
were kept, and before a lone DOCX laid them out at all), each on its own copy of a
synthetic standard: a DOCX built alone on a fresh build folder, the PDF, the DOCX
alone again after it, and a second DOCX of unchanged sources; and whether the DOCX is
the same file in all three.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import bench_main, peak_rss_mb, run_child  # noqa: E402
from synth import make_standard  # noqa: E402

REPO_ROOT = HERE.parents[1]


def child_build(srcdir: Path, outdir: Path, language: str) -> dict:
    """(In a subprocess.) Build one standard's DOCX with normkit; time build and write."""
    import docx  # noqa: F401  (imported before the clock, as in a warm worker)
    from sphinx.application import Sphinx

    from normkit.writers import docx as writer

    spent: list[float] = []
    render = writer.render_docx

    def timed(*args: object, **kwargs: object) -> bytes:
        start = time.perf_counter()
        data = render(*args, **kwargs)  # type: ignore[arg-type]
        spent.append(time.perf_counter() - start)
        return data

    writer.render_docx = timed  # type: ignore[assignment]
    start = time.perf_counter()
    app = Sphinx(
        str(srcdir),
        str(REPO_ROOT),
        str(outdir),
        str(outdir / ".doctrees"),
        "normkit-docx",
        confoverrides={"language": language, "normkit_root": str(srcdir.parents[1])},
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    seconds = time.perf_counter() - start
    out = next(outdir.glob("*.docx"))
    return {
        "seconds": seconds,
        "write": sum(spent),
        "bytes": out.stat().st_size,
        "rss_mb": peak_rss_mb(),
    }


def child_pandoc(source: Path, outdir: Path) -> dict:
    """(In a subprocess.) Convert the RST with pandoc; time it and its peak memory."""
    target = outdir / "pandoc.docx"
    start = time.perf_counter()
    done = subprocess.run(
        ["pandoc", "-f", "rst", "-t", "docx", "-o", str(target), str(source)],
        capture_output=True,
        text=True,
        cwd=source.parent,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"pandoc failed: {done.stderr[-2000:]}")
    return {
        "seconds": seconds,
        "bytes": target.stat().st_size,
        "rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


def report(sizes: list[int], work: Path, language: str) -> int:
    """Measure every size and print the report."""
    if shutil.which("pandoc") is None:  # the peer, installed by this benchmark only
        print("installing pandoc for the comparison…")
        subprocess.run(["apt-get", "install", "-y", "-qq", "pandoc"], capture_output=True)
    have_pandoc = shutil.which("pandoc") is not None
    if not have_pandoc:
        print("pandoc is not installed (Debian: apt-get install pandoc): comparison skipped")
    print(
        f"{'pages':>5}  {'normkit build':>13}  {'normkit write':>13}  {'pandoc':>8}  "
        f"{'write/pandoc':>12}  {'normkit RSS':>11}  {'pandoc RSS':>10}  {'docx KiB':>8}"
    )
    for pages in sizes:
        srcdir = make_standard(work / f"repo-{language}-{pages}", pages, language)
        outdir = work / f"out-{language}-{pages}"
        outdir.mkdir(parents=True, exist_ok=True)
        ours = run_child(__file__, "build", str(srcdir), str(outdir), language)
        theirs = (
            run_child(__file__, "pandoc", str(srcdir / "index.rst"), str(outdir))
            if have_pandoc
            else {}
        )
        ratio = f"{ours['write'] / theirs['seconds']:.2f}×" if theirs else "—"
        pandoc_s = f"{theirs['seconds']:.2f} s" if theirs else "—"
        pandoc_rss = f"{theirs['rss_mb']:.0f} MiB" if theirs else "—"
        print(
            f"{pages:>5}  {ours['seconds']:>11.2f} s  {ours['write']:>11.2f} s  {pandoc_s:>8}  "
            f"{ratio:>12}  {ours['rss_mb']:>7.0f} MiB  {pandoc_rss:>10}  "
            f"{ours['bytes'] / 1024:>8.0f}"
        )
    return 0


#: The code measured as old by ``--lone``: main before the print pages were kept for a
#: DOCX built alone (it laid them out every time), and before it laid them out at all
#: (it estimated its contents' pages).
LONE_BASELINES = ["5a5576d", "84139ca"]


def _export(ref: str, into: Path) -> Path:
    """The tooling/ folder of commit ``ref`` of this repository, exported into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "tooling.tar"
    with archive.open("wb") as out:
        subprocess.run(
            ["git", "-C", str(REPO_ROOT), "archive", ref, "tooling"], stdout=out, check=True
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    compileall.compile_dir(str(into / "tooling" / "normkit"), quiet=1)
    return into / "tooling"


def _command(root: Path, tooling: Path, language: str, *formats: str) -> tuple[float, float]:
    """``normkit build --format …`` of the synthetic standard at ``root`` with the code
    in ``tooling``, forced, one job at a time: (wall, CPU) seconds."""
    chosen = [item for fmt in formats for item in ("--format", fmt)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "normkit.cli", "build", "--root", str(root), "--lang", language]
        + [*chosen, "--force", "-j", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tooling)},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the build with {tooling} failed:\n{done.stdout[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def lone(sizes: list[int], work: Path, language: str, olds: list[str]) -> int:
    """The DOCX built alone, old code beside new: print the report."""
    versions = [(ref, _export(ref, work / f"old-{ref}")) for ref in olds]
    versions.append(("new", REPO_ROOT / "tooling"))
    steps = (
        ("DOCX alone, fresh build/", ("docx",)),
        ("PDF", ("pdf",)),
        ("DOCX alone after the PDF", ("docx",)),
        ("DOCX alone again", ("docx",)),
    )
    print(f"bench_docx --lone: `normkit build --format …` forced, -j 1, {language}")
    for pages in sizes:
        print(f"\n{pages} pages: CPU s (wall s, load average after)")
        print(f"{'':26}" + "".join(f"{name:>24}" for name, _ in versions))
        rows: dict[str, list[str]] = {name: [] for name, _ in steps}
        files: dict[str, set[bytes]] = {}
        for name, tooling in versions:
            srcdir = make_standard(work / f"lone-{name}-{pages}", pages, language)
            root = srcdir.parents[1]
            for step, formats in steps:
                wall, cpu = _command(root, tooling, language, *formats)
                load = os.getloadavg()[0]
                rows[step].append(f"{cpu:.2f} ({wall:.1f}, {load:.1f})")
                if formats == ("docx",):
                    docx_file = next((root / "build" / "docx").glob("*.docx"))
                    files.setdefault(name, set()).add(docx_file.read_bytes())
        for step, values in rows.items():
            print(f"{step:26}" + "".join(f"{v:>24}" for v in values))
        same = ", ".join(f"{name}: {'yes' if len(f) == 1 else 'no'}" for name, f in files.items())
        print(f"{'the same DOCX each time':26}  {same}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command: ``bench_docx.py [--pages N …] [--language L] [--keep DIR]
    [--lone [--old REF …]]``."""

    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--language", default="zh_CN")
        parser.add_argument("--lone", action="store_true", help="the DOCX built alone")
        parser.add_argument("--old", nargs="*", default=LONE_BASELINES, help="old commits")

    def run(args: argparse.Namespace, work: Path) -> int:
        if args.lone:
            return lone(args.pages, work, args.language, args.old)
        return report(args.pages, work, args.language)

    return bench_main(
        __doc__,
        {
            "build": lambda a: child_build(Path(a[0]), Path(a[1]), a[2]),
            "pandoc": lambda a: child_pandoc(Path(a[0]), Path(a[1])),
        },
        run,
        argv,
        options,
    )


if __name__ == "__main__":
    sys.exit(main())
