"""Typed records of a standard system: the framework, its taxonomy and its standards."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

#: Life-cycle states of a standard, in order. ``approved``: the final text, approved with
#: its issue date announced, not yet issued (the edition it revises, if any, is still the
#: one in force); on its issue date it becomes ``published``.
STATUSES = ("planned", "draft", "approved", "published", "withdrawn", "superseded")

#: The stages of a draft in GB/T 1.1 practice, in order: the draft for comments
#: (征求意见稿), for review (送审稿), for approval (报批稿).
DRAFT_STAGES = ("comments", "review", "approval")

#: Localised text: language code (``zh_CN``, ``en``) → text.
Text = dict[str, str]


def in_language(text: Text, language: str, master: str) -> str:
    """``text`` in ``language``, else in the master language, else "": the one fallback
    rule of every edition (titles, the issuing body, taxonomy names)."""
    return text.get(language) or text.get(master) or ""


def slugify(number: str) -> str:
    """The folder name of a standard number: ``T/XQZC 1201`` → ``t-xqzc-1201``."""
    return re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")


@dataclass(frozen=True)
class Numbering:
    """How standard numbers of this system are written."""

    prefix: str
    pattern: str
    kind: Text = field(default_factory=dict)

    def matches(self, number: str) -> bool:
        """Whether ``number`` follows the scheme."""
        return re.fullmatch(self.pattern, number) is not None


@dataclass(frozen=True)
class Settings:
    """Repository settings from ``[settings]`` of framework.toml."""

    master_language: str
    languages: tuple[str, ...]
    issuing_body: Text
    numbering: Numbering
    site_url: str = ""
    #: Whether ``normkit check`` runs the drafting rules at all (``[settings.lint] enabled``).
    lint_enabled: bool = True
    #: Drafting rules chosen in ``[settings.lint]``: only these (empty: all) …
    lint_select: tuple[str, ...] = ()
    #: … except these.
    lint_ignore: tuple[str, ...] = ()

    @property
    def all_languages(self) -> tuple[str, ...]:
        """The master language followed by the translation languages."""
        return (self.master_language, *self.languages)

    def issuing_body_in(self, language: str) -> str:
        """The issuing body's name in ``language`` (the master language's if missing)."""
        return in_language(self.issuing_body, language, self.master_language)

    @property
    def bilingual_language(self) -> str | None:
        """The translation language the bilingual edition pairs with the master: the
        first of ``languages``; None in a one-language system, which has no bilingual
        edition."""
        return self.languages[0] if self.languages else None

    @property
    def editions(self) -> tuple[str, ...]:
        """Every edition the system can have: each language, and ``bilingual`` when
        there is a translation language to pair with the master."""
        return (*self.all_languages, "bilingual") if self.languages else self.all_languages


@dataclass(frozen=True)
class Aspect:
    """An aspect (the second level of the taxonomy), e.g. ``1.2 感知终端``."""

    code: str
    title: Text
    category: str
    line: int | None = None


@dataclass(frozen=True)
class Category:
    """A category (the first level of the taxonomy) and its aspects."""

    code: str
    title: Text
    aspects: tuple[Aspect, ...]
    line: int | None = None


@dataclass(frozen=True)
class FrameworkEntry:
    """A standard as the framework plans it (drafted or not)."""

    number: str
    aspect: str
    status: str
    title: Text
    line: int | None = None


@dataclass(frozen=True)
class Editor:
    """A person responsible for a standard's text."""

    name: str
    organization: str = ""


@dataclass(frozen=True)
class Standard:
    """A drafted standard: the metadata of ``standards/<slug>/standard.toml``."""

    number: str
    path: Path
    version: str
    status: str
    aspect: str
    title: Text
    issue_date: date | None = None
    implementation_date: date | None = None
    ics: str = ""
    ccs: str = ""
    supersedes: tuple[str, ...] = ()
    superseded_by: str = ""
    editors: tuple[Editor, ...] = ()
    #: A draft's stage (DRAFT_STAGES); "" is the first, the draft for comments.
    stage: str = ""

    @property
    def slug(self) -> str:
        """The folder name this standard must have."""
        return slugify(self.number)

    @property
    def is_draft(self) -> bool:
        """Not published yet (a draft, or planned): marked as such in every edition."""
        return self.status in ("draft", "planned")

    @property
    def draft_key(self) -> str:
        """The label key of a draft's stage: "draft" (for comments, the first),
        "draft_review", "draft_approval"; "draft" for any other standard (a working
        text shown as a draft)."""
        stage = self.stage if self.is_draft else ""
        return f"draft_{stage}" if stage in DRAFT_STAGES[1:] else "draft"

    @property
    def notice(self) -> str:
        """Why the standard is not (or no longer, or not yet) one to apply: "draft",
        "approved", "withdrawn", "superseded", or "" when it is in force. Each edition
        names it in the words of this key (the cover's status line, the site's banner)."""
        if self.is_draft:
            return "draft"
        return self.status if self.status in ("approved", "withdrawn", "superseded") else ""

    @property
    def system_status(self) -> str:
        """The standard's status in the standard system (its framework entry, the
        framework's changes): an approved revision leaves it ``published``, since the
        edition it revises stays in force until the revision is issued; otherwise the
        status of this edition."""
        if self.status == "approved" and any(self.revises(t) for t in self.supersedes):
            return "published"
        return self.status

    def revises(self, target: str) -> bool:
        """Whether ``target`` (a ``supersedes`` entry) is the dated number of an earlier
        edition of this standard (``T/XQZC 1201—2026`` in its 1.1 edition): what a
        revision replaces, named as its cover and foreword name it."""
        number, _, year = target.rpartition("—")
        return number.strip() == self.number and year.isdigit()

    @property
    def citable_years(self) -> set[int]:
        """The years a dated citation of this standard may carry: its year of issue, and
        for an approved revision also the years of the editions it revises, which are in
        force until it is issued (T/XQZC 1201—2026 while 1201—2027 is approved)."""
        years = {self.year} if self.year else set()
        if self.status == "approved":
            revised = (t.rpartition("—")[2] for t in self.supersedes if self.revises(t))
            years |= {int(y) for y in revised}
        return years

    @property
    def year(self) -> int | None:
        """The year of issue, used in dated references (``T/XQZC 1201—2026``)."""
        return self.issue_date.year if self.issue_date else None

    @property
    def dated_number(self) -> str:
        """The number with its year when issued, joined by an em dash (GB/T 1.1-2020)."""
        return f"{self.number}—{self.year}" if self.year else self.number

    @property
    def source_file(self) -> Path:
        """The master-language source of the standard."""
        return self.path / "index.rst"

    def source_files(self) -> list[Path]:
        """Every reStructuredText file of the standard's folder, in order (files only: a
        folder named ``x.rst`` is no source)."""
        return sorted(p for p in self.path.rglob("*.rst") if p.is_file())

    def translation_file(self, language: str) -> Path:
        """The gettext catalog of ``language``: ``locale/<lang>/LC_MESSAGES/index.po``
        (the layout sphinx-intl, Poedit and Weblate expect; ``index`` is the domain of
        index.rst)."""
        return self.path / "locale" / language / "LC_MESSAGES" / "index.po"


@dataclass
class StandardSystem:
    """The whole standard system: settings, taxonomy, framework entries, standards."""

    root: Path
    framework_file: Path
    version: str
    title: Text
    notice: Text
    settings: Settings
    categories: tuple[Category, ...]
    entries: tuple[FrameworkEntry, ...]
    standards: dict[str, Standard]

    @property
    def standards_dir(self) -> Path:
        """The folder that holds framework.toml and one folder per standard."""
        return self.framework_file.parent

    @property
    def aspects(self) -> dict[str, Aspect]:
        """Every aspect by its code."""
        return {a.code: a for c in self.categories for a in c.aspects}

    def entry(self, number: str) -> FrameworkEntry | None:
        """The framework entry of a number, if the framework lists it (the first, if
        it is listed twice)."""
        return self._entries_by_number.get(number)

    @cached_property
    def _entries_by_number(self) -> dict[str, FrameworkEntry]:
        # Looked up for every citation of every standard: no walk of 1,000 entries each.
        found: dict[str, FrameworkEntry] = {}
        for entry in self.entries:
            found.setdefault(entry.number, entry)
        return found

    def standard(self, number: str) -> Standard | None:
        """The drafted standard of a number, if there is one."""
        return self.standards.get(number)

    def title_of(self, number: str, language: str) -> str | None:
        """A standard's title in a language, from its metadata or its framework entry."""
        std = self.standards.get(number)
        title = std.title if std else (e.title if (e := self.entry(number)) else None)
        if title is None:
            return None
        return in_language(title, language, self.settings.master_language) or None

    def counts(self) -> dict[str, int]:
        """Sizes of the system: categories, aspects, planned and drafted standards."""
        return {
            "categories": len(self.categories),
            "aspects": len(self.aspects),
            "planned": sum(1 for e in self.entries if e.number not in self.standards),
            "drafted": len(self.standards),
        }
