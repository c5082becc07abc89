"""Translation benchmarks (issue 4). Run: .venv/bin/python tests/benchmarks/bench_i18n.py

Prints, measured in one run on this machine:
- ``normkit translate`` (extract + create catalogs) on a synthetic system of 100
  standards of 20 pages, -j 2;
- the English HTML build's cost as a ratio to the Chinese one, same standards, in the
  same process (target ≤ 1.2 ×). The English catalogs are filled with English text of
  comparable length that keeps every reference of the master segment.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from benchmarks.harness import print_report  # noqa: E402
from benchmarks.synth import _EN, make_system  # noqa: E402

_ROLE = re.compile(r":(?:std|xref|term):`[^`]*`")


def fill_catalog(path: Path) -> int:
    """Translate every entry of a catalog with English filler that keeps the roles."""
    from babel.messages.pofile import read_po, write_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    rng = random.Random(str(path))
    count = 0
    for message in catalog:
        if not message.id:
            continue
        words, size = [], 0
        while size < len(message.id) * 2.5:  # English runs about 2.5 × the characters
            sentence = rng.choice(_EN)
            words.append(sentence)
            size += len(sentence)
        roles = " ".join(_ROLE.findall(str(message.id)))
        message.string = " ".join(words) + (f" See {roles}." if roles else "")
        count += 1
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    path.write_bytes(buffer.getvalue())
    return count


def build_seconds(root: Path, folder: Path, language: str, out: Path) -> float:
    """One in-process HTML build, as a normkit job runs it."""
    from normkit.engine.build_one import run_edition

    start = time.perf_counter()
    run = run_edition(root, folder, "html", language, out / "html", out / "doctrees")
    seconds = time.perf_counter() - start
    if run.errors:
        raise SystemExit(run.text())
    return seconds


def main() -> None:
    """Run the benchmarks and print the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    count, compared = (8, 4) if args.quick else (100, 10)
    with tempfile.TemporaryDirectory(prefix="normkit-bench-i18n-") as tmp:
        root = Path(tmp) / "system"
        folders = make_system(root, count, 20)
        start = time.perf_counter()
        run = subprocess.run(
            [str(REPO / ".venv/bin/normkit"), "translate", "--root", str(root), "-j", "2"],
            capture_output=True,
            text=True,
        )
        translate = time.perf_counter() - start
        if run.returncode:
            raise SystemExit(run.stdout + run.stderr)
        segments = sum(
            fill_catalog(f / "locale/en/LC_MESSAGES/index.po") for f in folders[:compared]
        )
        zh = en = 0.0
        for i, folder in enumerate(folders[:compared]):
            order = ["zh_CN", "en"] if i % 2 == 0 else ["en", "zh_CN"]
            for language in order:
                seconds = build_seconds(root, folder, language, Path(tmp) / language / folder.name)
                if language == "en":
                    en += seconds
                else:
                    zh += seconds
    rows = [
        (f"normkit translate, {count} standards × 20 pages, -j 2", f"{translate:.1f} s", ""),
        ("  per standard", f"{translate / count:.2f} s", ""),
        (f"Chinese HTML, {compared} standards", f"{zh:.2f} s", ""),
        (f"English HTML, same standards ({segments} translated segments)", f"{en:.2f} s", ""),
        ("ratio English / Chinese", f"{en / zh:.2f} ×", "≤ 1.2 ×"),
    ]
    print_report("normkit translation benchmarks", rows)


if __name__ == "__main__":
    main()
