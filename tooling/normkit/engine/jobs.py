"""What to build: one job per standard, language and format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from normkit.engine.readings import Readings
from normkit.errors import NormkitError
from normkit.system import Problem, Settings, Standard, StandardSystem

T = TypeVar("T")

#: Output formats and the Sphinx builder of each.
FORMATS = {"html": "html", "pdf": "normkit-pdf", "docx": "normkit-docx"}


class BuildRequestError(NormkitError):
    """The build was asked for something that does not exist."""

    exit_code = 2


@dataclass(frozen=True)
class Job:
    """Build one standard in one language into one format."""

    standard: Standard
    language: str
    format: str

    @property
    def name(self) -> str:
        """How the job is shown to people: ``t-xqzc-1201 zh_CN html``."""
        return f"{self.standard.slug} {self.language} {self.format}"


@dataclass
class JobResult:
    """What one job did: built, skipped (cache hit) or failed, and what it said."""

    job: Job
    status: str  # "built" | "cached" | "failed"
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class BuildOptions:
    """Options of ``normkit build`` that change what a job produces or how it runs."""

    out: Path
    jobs: int = 1
    strict: bool = False
    force: bool = False
    #: Where the build's check kept its readings of the sources (engine.readings).
    readings: Readings | None = None
    #: ``normkit_*`` settings given to every job, over conf.py's (``{"history": …}``).
    settings: tuple[tuple[str, object], ...] = ()


def select_standards(system: StandardSystem, wanted: list[str]) -> list[Standard]:
    """The drafted standards named by number or folder name (all when none is named)."""
    if not wanted:
        return sorted(system.standards.values(), key=lambda s: s.slug)
    chosen = []
    for name in wanted:
        found = system.standards.get(name) or next(
            (s for s in system.standards.values() if s.slug == name), None
        )
        if found is None:
            known = ", ".join(sorted(s.slug for s in system.standards.values()))
            raise BuildRequestError(f"no drafted standard {name!r} (drafted: {known})")
        chosen.append(found)
    return chosen


def _languages_of(system: StandardSystem, standard: Standard, wanted: list[str]) -> list[str]:
    """The editions to build: the requested ones, or every language with a catalog and,
    when there is a translation, the bilingual edition."""
    settings = system.settings
    require_editions(settings, wanted)
    if wanted:
        return list(wanted)
    found = [settings.master_language]
    for lang in settings.languages:
        if (standard.path / "locale" / lang / "LC_MESSAGES").is_dir():
            found.append(lang)
    if len(found) > 1:
        found.append("bilingual")
    return found


def require_editions(settings: Settings, wanted: list[str]) -> None:
    """Refuse an edition (``--lang``) the system does not have, naming those it has."""
    known = settings.editions
    for lang in wanted:
        if lang not in known:
            raise BuildRequestError(
                f"unknown language {lang!r}: this system has {', '.join(known)}"
            )


def parse_shard(shard: str) -> tuple[int, int]:
    """``i/n`` → (i, n); :class:`BuildRequestError` unless 1 ≤ i ≤ n."""
    found = re.fullmatch(r"(\d+)/(\d+)", shard.strip())
    if not found or not 1 <= int(found.group(1)) <= int(found.group(2)):
        raise BuildRequestError(f"--shard must be i/n with 1 ≤ i ≤ n, not {shard!r}")
    return int(found.group(1)), int(found.group(2))


def shard_of(items: list[T], shard: str | None) -> list[T]:
    """``i/n``: the i-th of n shards of ``items`` (whole standards, whole releases),
    dealt out in turn; every item when ``shard`` is empty."""
    if not shard:
        return items
    index, count = parse_shard(shard)
    index -= 1
    return [item for i, item in enumerate(items) if i % count == index]


def plan(
    system: StandardSystem,
    standards: list[str] | None = None,
    languages: list[str] | None = None,
    formats: list[str] | None = None,
    shard: str | None = None,
) -> list[Job]:
    """The jobs a build runs, in a stable order."""
    for fmt in formats or []:
        if fmt not in FORMATS:
            raise BuildRequestError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    chosen = shard_of(select_standards(system, standards or []), shard)
    return [
        Job(std, lang, fmt)
        for std in chosen
        for lang in _languages_of(system, std, languages or [])
        for fmt in (formats or list(FORMATS))
    ]
