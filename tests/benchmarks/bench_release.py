"""Release benchmarks (issue 13). Run: .venv/bin/python tests/benchmarks/bench_release.py

Prints, measured in one run on this machine (a synthetic system of 100 one-page standards
in a real git repository):
- releasing one standard against building that standard alone (target: ≈ its own build;
  the other 99 are not built);
- reproducibility: the standard built twice, in two folders, with -j1 and -j2: every
  file's SHA-256 printed side by side (target: identical);
- ``normkit site`` over 100 standards × 2 versions, built afresh, against copying the
  release folders plus Pagefind's indexing of the same pages with the same configuration
  (target < 1.2×): five rounds, each the site then the reference, the median ratio
  printed with each round's and the median CPU ratio; then the site rebuilt over itself;
- ``normkit verify`` of those 200 releases, hash check without rebuild (target < 5 s).

The 200 releases are the real release folder of one standard copied under each
standard's name and version, each with its own manifest.json and chained ledger entry:
what site and verify read is real; building 200 releases would measure the build again.
"""

from __future__ import annotations

import hashlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))

from benchmarks.harness import print_report, reference_seconds  # noqa: E402
from benchmarks.synth import make_system  # noqa: E402

NORMKIT = str(REPO / ".venv" / "bin" / "normkit")
COUNT = 100
ROUNDS = 5
ONE = "t-syn-1050"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()


def timed(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([NORMKIT, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"normkit {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and ".tmp" not in p.parts
    }


def fabricate_releases(root: Path, source: Path) -> int:
    """Every standard × versions 1.0 and 1.1 as a release folder with its manifest and
    ledger entry, made from the real release folder ``source`` of ONE 1.0."""
    from normkit.release.layout import release_dir
    from normkit.release.ledger import LEDGER_PATH, LedgerEntry, appended
    from normkit.release.manifest import MANIFEST, make_manifest

    commit = git(root, "rev-parse", "HEAD")
    tree = git(root, "rev-parse", "HEAD^{tree}")
    publish = root / "build" / "publish"
    ledger = b""
    count = 0
    for version in ("1.0", "1.1"):
        for i in range(1, COUNT + 1):
            slug = f"t-syn-{1000 + i}"
            dest = release_dir(publish, slug, version)
            if dest.exists():
                continue  # ONE 1.0 is the real release
            for path in sorted(source.rglob("*")):
                if path.is_dir() or path.name == MANIFEST:
                    continue
                relative = path.relative_to(source).as_posix()
                relative = relative.replace(f"{ONE}-1.0", f"{slug}-{version}").replace(ONE, slug)
                target = dest / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            manifest = make_manifest(
                dest,
                kind="standard",
                number=f"T/SYN {1000 + i}",
                slug=slug,
                version=version,
                commit=commit,
                tree=tree,
                source_epoch=0,
            )
            (dest / MANIFEST).write_bytes(manifest)
            count += 1
    # The ledger: the real entry of ONE 1.0 first, then the made ones.
    real = (root / LEDGER_PATH).read_bytes()
    ledger = real
    for version in ("1.0", "1.1"):
        for i in range(1, COUNT + 1):
            slug = f"t-syn-{1000 + i}"
            if slug == ONE and version == "1.0":
                continue
            manifest = release_dir(publish, slug, version) / MANIFEST
            ledger, _ = appended(
                ledger,
                LedgerEntry(
                    "standard",
                    f"T/SYN {1000 + i}",
                    slug,
                    version,
                    commit,
                    tree,
                    hashlib.sha256(manifest.read_bytes()).hexdigest(),
                    "2026-11-30T00:00:00Z",
                ),
            )
    (root / LEDGER_PATH).write_bytes(ledger)
    return count + 1


def children_cpu() -> float:
    """CPU seconds of this process's finished children and theirs (normkit, Pagefind)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def search_documents(root: Path) -> list[tuple[str, str]]:
    """The pages ``normkit site`` hands Pagefind for the released editions: the same
    URLs and HTML, made here beforehand by the site's own functions (not timed)."""
    from normkit.release.ledger import read_entries
    from normkit.site.build import search_pages
    from normkit.site.search import search_documents as documents_of
    from normkit.system import load_system

    releases: dict[str, list] = {}
    for entry in read_entries(root):
        releases.setdefault(entry.slug, []).append((entry, {}))
    pages = search_pages(load_system(root), root / "build" / "publish", releases)
    return documents_of(pages)[0]


def reference(root: Path, documents: list[tuple[str, str]]) -> tuple[float, float, float]:
    """What the site cannot do without: copying the release folders and Pagefind's
    indexing of the same pages with the same configuration (normkit's own call of
    Pagefind's service, fed the pages made beforehand). Wall seconds of each, and the
    CPU seconds of both."""
    from normkit.site.search import index_documents

    with tempfile.TemporaryDirectory(dir=root / "build") as tmp:
        cpu = time.process_time() + children_cpu()
        start = time.perf_counter()
        shutil.copytree(root / "build/publish/releases", Path(tmp) / "releases")
        copy = time.perf_counter() - start
        start = time.perf_counter()
        index_documents(documents, Path(tmp) / "pagefind")
        index = time.perf_counter() - start
        cpu = time.process_time() + children_cpu() - cpu
    return copy, index, cpu


def site_against_reference(root: Path, rounds: int) -> dict[str, float]:
    """``normkit site`` built afresh and the reference, in turn, ``rounds`` times (a
    shared machine's load drifts: the median of the ratios of neighbouring runs)."""
    documents = search_documents(root)
    rows = []
    for _ in range(rounds):
        shutil.rmtree(root / "build/site", ignore_errors=True)
        cpu = children_cpu()
        site = timed("site", cwd=root)
        site_cpu = children_cpu() - cpu
        copy, index, ref_cpu = reference(root, documents)
        rows.append((site, copy, index, site_cpu, ref_cpu))
    again = timed("site", cwd=root)  # over the site just built: the usual rebuild
    return {
        "site": statistics.median(r[0] for r in rows),
        "copy": statistics.median(r[1] for r in rows),
        "index": statistics.median(r[2] for r in rows),
        "ratio": statistics.median(r[0] / (r[1] + r[2]) for r in rows),
        "ratios": [r[0] / (r[1] + r[2]) for r in rows],
        "cpu_ratio": statistics.median(r[3] / r[4] for r in rows),
        "again": again,
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="normkit-bench-release-") as work:
        root = Path(work) / "system"
        make_system(root, COUNT, pages=1)
        # The synthetic sentences state provisions in the foreword and scope, which the
        # drafting rules refuse; they are not what is measured here.
        framework = root / "standards/framework.toml"
        text = framework.read_text(encoding="utf-8")
        text = text.replace(
            "[settings.numbering]", "[settings.lint]\nenabled = false\n\n[settings.numbering]"
        )
        framework.write_text(text, encoding="utf-8")
        (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
        git(root, "init", "-q", "-b", "main")
        git(root, "-c", "user.name=Bench", "-c", "user.email=b@example.org", "add", "-A")
        git(
            root,
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=b@example.org",
            "commit",
            "-qm",
            "system",
        )
        git(root, "config", "user.name", "Bench")
        git(root, "config", "user.email", "b@example.org")
        git(root, "config", "tag.gpgSign", "false")
        machine = reference_seconds()

        build_a = timed(
            "build", "--standard", ONE, "-j", "1", "--out", str(Path(work) / "a"), cwd=root
        )
        build_b = timed(
            "build",
            "--standard",
            ONE,
            "-j",
            "2",
            "--out",
            str(Path(work) / "b-other-folder"),
            cwd=root,
        )
        release = timed("release", ONE, "-j", "2", cwd=root)
        a, b = hashes(Path(work) / "a"), hashes(Path(work) / "b-other-folder")
        print("Reproducibility: two builds of the same commit, two folders, -j1 and -j2")
        for name in sorted(a.keys() | b.keys()):
            if name.endswith((".pdf", ".docx", "index.html")):
                mark = "==" if a.get(name) == b.get(name) else "!="
                print(f"  {name}: {a.get(name, '-')[:16]} {mark} {b.get(name, '-')[:16]}")
        identical = sum(1 for n in a if a[n] == b.get(n))

        made = fabricate_releases(root, root / "build/publish/releases" / ONE / "1.0")
        verify = timed("verify", cwd=root)
        site = site_against_reference(root, ROUNDS)

    print_report(
        f"normkit release benchmarks ({COUNT} one-page standards; machine reference "
        f"loop {machine:.1f} s)",
        [
            ("build one standard, -j1", f"{build_a:.1f} s", ""),
            ("the same, -j2, another folder", f"{build_b:.1f} s", ""),
            (
                "release that standard",
                f"{release:.1f} s",
                f"≈ its build ({release / build_a:.2f}×)",
            ),
            ("identical files, -j1 vs -j2", f"{identical}/{len(a)}", "all"),
            (f"site over {made} releases (median of {ROUNDS})", f"{site['site']:.2f} s", ""),
            ("  copying the releases", f"{site['copy']:.2f} s", ""),
            ("  Pagefind indexing the same pages", f"{site['index']:.2f} s", ""),
            (
                "  site / (copying + indexing)",
                f"{site['ratio']:.2f}×",
                "< 1.2× (median; each: "
                + ", ".join(f"{r:.2f}" for r in site["ratios"])
                + f"; CPU {site['cpu_ratio']:.2f}×)",
            ),
            ("  site again over itself", f"{site['again']:.2f} s", ""),
            (f"verify {made} releases (hashes)", f"{verify:.1f} s", "< 5 s"),
        ],
    )
    return 0 if identical == len(a) == len(b) else 1


if __name__ == "__main__":
    raise SystemExit(main())
