"""What the extension knows about the standard being built: system, standard, labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from normkit.errors import NormkitError
from normkit.layout import Layout
from normkit.sphinxext.config import NormkitConfig, read_config
from normkit.sphinxext.labels import Labels, load_labels
from normkit.sphinxext.titles import paired
from normkit.system import Standard, StandardSystem, find_root, in_language, load


@dataclass(frozen=True)
class EditionMetadata:
    """What the PDF's and the DOCX's document properties (and the print HTML's meta
    tags) say of an edition: the same title, subject, keywords and author in both."""

    title: str
    subject: str
    keywords: tuple[str, ...]
    author: str


class NotAStandard(NormkitError):
    """The Sphinx source folder is not a standard's folder."""

    exit_code = 1


@dataclass
class StandardContext:
    """The system, the standard of this build and the labels of its edition language."""

    root: Path
    system: StandardSystem
    standard: Standard
    language: str
    labels: Labels
    #: The edition being built: the language, or "bilingual" (master + translation).
    edition: str = ""
    #: The checked normkit settings of conf.py.
    config: NormkitConfig = field(default_factory=NormkitConfig)

    @property
    def master_language(self) -> str:
        """The language the source is written in."""
        return self.system.settings.master_language

    @property
    def title(self) -> str:
        """The standard's title in this build's language (the master's if untranslated)."""
        return in_language(self.standard.title, self.language, self.master_language)

    @property
    def metadata(self) -> EditionMetadata:
        """Title, subject ("number title"), keywords (number, kind of document, ICS and
        CCS codes, aspect) and author (the issuing body) of this edition."""
        std, settings, lang = self.standard, self.system.settings, self.language
        aspect = self.system.aspects.get(std.aspect)
        keywords = [std.number, settings.numbering.kind.get(lang, "")]
        keywords += [self.labels.cover("ics", code=std.ics)] if std.ics else []
        keywords += [self.labels.cover("ccs", code=std.ccs)] if std.ccs else []
        if aspect:
            keywords.append(in_language(aspect.title, lang, self.master_language))
        return EditionMetadata(
            title=self.edition_title,
            subject=f"{std.dated_number} {self.edition_title}",
            keywords=tuple(k for k in keywords if k),
            author=settings.issuing_body_in(lang),
        )

    @property
    def status_line(self) -> str:
        """The cover's status line in this edition's language ("" when in force)."""
        std = self.standard
        if not std.notice:
            return ""
        if std.is_draft:
            return self.draft_label
        issue = self.labels.date(std.issue_date) if std.issue_date else ""
        return self.labels.cover(std.notice, by=std.superseded_by, date=issue)

    @property
    def draft_label(self) -> str:
        """What a draft is called in this edition's language, by its stage: "（征求意见稿）",
        "（送审稿）", "（报批稿）" (the cover's status line, the running header, the
        watermark)."""
        return self.labels.cover(self.standard.draft_key)

    @property
    def replaced(self) -> list[str]:
        """The documents this edition replaces (``supersedes``), by dated number: another
        standard of the system as issued, an earlier edition of this one as written
        ("T/XQZC 1201—2026")."""
        standards = self.system.standards
        return [
            standards[n].dated_number if n in standards else n for n in self.standard.supersedes
        ]

    @property
    def layout(self) -> Layout:
        """Where the outputs of this system live and the URLs they are published at."""
        config = self.config
        within = ""
        if config.releases and config.redline_new:  # a release's redline: a folder inside it
            redline = Layout(Path()).redline(
                self.standard.slug, config.redline_old, config.redline_new
            )
            within = redline.out.as_posix()
        return Layout(
            self.root / "build",
            self.system.settings.site_url,
            releases=config.releases,
            within=within,
        )

    @property
    def page(self) -> str:
        """This edition's page of the standard, as a path of the layout."""
        return self.layout.page(self.edition, self.standard)

    def link_to_framework(self, name: str = "index.html") -> str:
        """The relative link from this page to the framework's page ``name`` in this
        edition's language (the master's for the bilingual edition)."""
        layout = self.layout
        language = self.master_language if self.edition == "bilingual" else self.edition
        return layout.href(
            layout.here(self.edition, self.standard), layout.framework_page(language, name)
        )

    def link_to_standard(self, number: str, dated: bool = False) -> str:
        """The relative link from this page to another drafted standard's page of the
        same edition: its current version; in a release build, its release on the
        public site (``dated``: the one current at this release, else latest/)."""
        other = self.system.standards[number]
        return self.layout.link(self.edition, self.standard, other, self.language, dated)

    def url_of_standard(self, number: str, dated: bool = False) -> str:
        """The absolute URL of another drafted standard's page in this build's language
        on the published site; ``""`` when the system has no ``site_url``."""
        return self.layout.page_url(self.system.standards[number], self.language, dated)

    @property
    def edition_title(self) -> str:
        """The title naming this edition (page title, PDF and DOCX metadata): in the
        bilingual edition the master's, " / ", and the translation's."""
        if self.edition != "bilingual":
            return self.title
        second = self.standard.title.get(self.system.settings.bilingual_language or "", "")
        return paired(self.title, second)

    @property
    def title_lines(self) -> list[tuple[str, str]]:
        """The title on lines of its own, each with its language (the first body page):
        the edition's; in the bilingual edition the translation's below the master's."""
        lines = [(self.language, self.title)]
        second = self.system.settings.bilingual_language
        if self.edition == "bilingual" and self.standard.title.get(second):
            lines.append((second, self.standard.title[second]))
        return lines


def make_context(app: Sphinx) -> StandardContext:
    """Read the system and find the standard whose folder is ``app.srcdir``."""
    srcdir = Path(app.srcdir).resolve()
    config = getattr(app, "normkit_config", None) or read_config(app.config, Path(app.confdir))
    root = Path(config.root).resolve() if config.root else find_root(srcdir)
    system = load(root).system
    if system is None:
        raise NotAStandard(f"{root}/standards/framework.toml cannot be read: run `normkit check`")
    standard = next((s for s in system.standards.values() if s.path.resolve() == srcdir), None)
    if standard is None:
        raise NotAStandard(
            f"{srcdir} is not the folder of a standard (no standard.toml read from it): "
            "run `normkit check`"
        )
    language = app.config.language or system.settings.master_language
    edition = config.edition or language
    labels = load_labels(root, language)
    return StandardContext(root, system, standard, language, labels, edition, config)


def context_of(env: BuildEnvironment) -> StandardContext:
    """The context set up for this build (see ``setup``)."""
    return env.normkit  # type: ignore[attr-defined]
