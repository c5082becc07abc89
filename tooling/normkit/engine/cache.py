"""The content-hash cache: a job is skipped when nothing it reads has changed.

A job reads its standard's folder, framework.toml, the metadata of the standards it
cites (titles appear in its references), conf.py, the templates, and normkit's own
code. Their hash, with the job's options, is stored next to the outputs; a rebuild
with the same hash and the outputs still present does no Sphinx work.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from normkit.engine.jobs import Job
from normkit.files import files_below, write_atomic
from normkit.presentation import conf_file, template
from normkit.system import StandardSystem, slugify
from normkit.system.citations import citations_in

#: The template folders each format reads.
TEMPLATES = {"html": ("labels", "html"), "pdf": ("labels", "print"), "docx": ("labels", "docx")}


def hash_tree(digest: hashlib._Hash, folder: Path) -> None:
    """Add every file under ``folder`` (its path and bytes, in order) to ``digest``."""
    if not folder.is_dir():
        return
    for name in files_below(folder):  # os.scandir: pathlib's rglob was a third of a rebuild
        if "__pycache__/" not in name and not name.endswith(".mo"):
            digest.update(name.encode())
            digest.update((folder / name).read_bytes())


@cache
def code_hash() -> str:
    """normkit's own code: a change to the model or a writer rebuilds everything."""
    digest = hashlib.sha256()
    hash_tree(digest, Path(__file__).resolve().parents[1])
    return digest.hexdigest()


def cited_numbers(folder: Path) -> set[str]:
    """Numbers of the standards a standard's sources cite with ``:std:``."""
    sources = [folder / name for name in files_below(folder) if name.endswith(".rst")]
    return {c.number for path in sources for c in citations_in(path)}


class JobHashes:
    """The hash of everything each job of one build reads. What every job of a format
    reads alike (framework.toml, conf.py, the templates) is hashed once a build, not
    once a job (for 1,000 jobs, that was most of a no-change rebuild's hashing)."""

    def __init__(self, system: StandardSystem, strict: bool) -> None:
        self.system = system
        self.strict = strict
        self._shared: dict[str, bytes] = {}

    def _shared_by(self, fmt: str) -> bytes:
        if fmt not in self._shared:
            digest = hashlib.sha256(self.system.framework_file.read_bytes())
            digest.update(conf_file(self.system.root).read_bytes())
            for name in TEMPLATES[fmt]:
                hash_tree(digest, template(self.system.root, name))
            self._shared[fmt] = digest.digest()
        return self._shared[fmt]

    def of(self, job: Job) -> str:
        """The hash of everything ``job`` reads."""
        digest = hashlib.sha256()
        digest.update(json.dumps([job.name, self.strict, code_hash()]).encode())
        hash_tree(digest, job.standard.path)
        for number in sorted(cited_numbers(job.standard.path)):
            cited = self.system.standards.get(number)
            if cited is not None:
                digest.update((cited.path / "standard.toml").read_bytes())
            digest.update(slugify(number).encode())
        digest.update(self._shared_by(job.format))
        return digest.hexdigest()


class Cache:
    """Stamps under ``<out>/.cache``: one JSON file per job with its hash and outputs."""

    def __init__(self, out: Path) -> None:
        self.folder = out / ".cache"

    def _stamp(self, job: Job) -> Path:
        return self.folder / job.format / job.language / f"{job.standard.slug}.json"

    def fresh(self, job: Job, digest: str) -> list[Path] | None:
        """The outputs of ``job`` if they were built from ``digest`` and still exist."""
        try:
            stamp = json.loads(self._stamp(job).read_text())
        except (OSError, ValueError):
            return None
        outputs = [Path(p) for p in stamp.get("outputs", [])]
        if stamp.get("hash") == digest and outputs and all(p.exists() for p in outputs):
            return outputs
        return None

    def store(self, job: Job, digest: str, outputs: list[Path]) -> None:
        """Record that ``job`` built ``outputs`` from ``digest``."""
        stamp = {"hash": digest, "outputs": [str(p) for p in outputs]}
        write_atomic(self._stamp(job), json.dumps(stamp))

    def forget(self, job: Job) -> None:
        """Drop the stamp of a job that failed, so the next build retries it."""
        self._stamp(job).unlink(missing_ok=True)
