"""Hash every output of ``normkit build --force`` at two commits and compare them.

A refactor promises the same bytes; this checks the promise. Each commit's tree is
exported (``git archive``, never the working tree) into a temporary folder, built there
with that commit's own code (``PYTHONPATH=<export>/tooling`` ahead of the installed
package) and a fixed SOURCE_DATE_EPOCH, and every file under its ``build/`` is hashed.

    .venv/bin/python tests/benchmarks/compare_outputs.py OLD [NEW] [-- BUILD OPTIONS]

NEW defaults to HEAD; build options (``--standard``, ``--lang``, ``--format``, ``-j``)
narrow both builds alike. Prints the files that differ or exist on one side only; exit
status 0 when every output is byte-identical, 1 otherwise. ``--keep DIR`` leaves both
builds in DIR for a closer look (``diff -r``, pdftotext).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: What a build leaves beside its outputs that is not an output: the job cache.
IGNORED = (".cache", ".tmp")


def export(commit: str, into: Path) -> Path:
    """The tree of ``commit`` written into ``into`` (nothing from the working tree)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", commit],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def build(tree: Path, options: list[str]) -> Path:
    """``normkit build --force`` of the exported tree with its own code; the build folder."""
    env = {
        **os.environ,
        "PYTHONPATH": str(tree / "tooling"),
        "SOURCE_DATE_EPOCH": "1767225600",  # 2026-01-01: both sides stamp the same date
    }
    out = tree / "build"
    done = subprocess.run(
        [sys.executable, "-m", "normkit.cli", "build", "--force", "--root", str(tree), *options],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"the build of {tree} could not run:\n{done.stderr[-3000:]}")
    return out


def hashes(out: Path) -> dict[str, str]:
    """SHA-256 of every output file, by its path relative to the build folder."""
    found = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out)
        if path.is_file() and relative.parts[0] not in IGNORED:
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def compare(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """One line per output that is not byte-identical on both sides."""
    lines = []
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            lines.append(f"only at the old commit: {name}")
        elif name not in old:
            lines.append(f"only at the new commit: {name}")
        elif old[name] != new[name]:
            lines.append(f"differs: {name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build both commits, compare, print; 0 when identical."""
    args = sys.argv[1:] if argv is None else argv
    options: list[str] = []
    if "--" in args:
        args, options = args[: args.index("--")], args[args.index("--") + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?", default="HEAD")
    parser.add_argument("--keep", type=Path, help="keep both builds in this folder")
    ns = parser.parse_args(args)
    work = Path(ns.keep or tempfile.mkdtemp(prefix="normkit-compare-"))
    sides = []
    for name, commit in (("old", ns.old), ("new", ns.new)):
        tree = export(commit, work / name)
        sides.append(hashes(build(tree, options)))
    lines = compare(*sides)
    for line in lines:
        print(line)
    same = len(sides[0].keys() & sides[1].keys()) - sum(1 for x in lines if x.startswith("differs"))
    print(f"{same} outputs byte-identical, {len(lines)} not ({ns.old} → {ns.new})")
    if not ns.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
