"""What the extension knows about the standard being built: catalog, standard, labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from normkit.catalog import Catalog, Standard, find_root, load
from normkit.errors import NormkitError
from normkit.sphinxext.labels import Labels, load_labels


class NotAStandard(NormkitError):
    """The Sphinx source folder is not a standard's folder."""

    exit_code = 1


@dataclass
class StandardContext:
    """The catalog, the standard of this build and the labels of its edition language."""

    root: Path
    catalog: Catalog
    standard: Standard
    language: str
    labels: Labels
    #: The edition being built: the language, or "bilingual" (master + translation).
    edition: str = ""

    @property
    def master_language(self) -> str:
        """The language the source is written in."""
        return self.catalog.settings.master_language

    @property
    def title(self) -> str:
        """The standard's title in this build's language (the master's if untranslated)."""
        titles = self.standard.title
        return titles.get(self.language) or titles.get(self.master_language, "")

    @property
    def edition_title(self) -> str:
        """The title naming this edition (page title, PDF and DOCX metadata): in the
        bilingual edition the master's, " / ", and the translation's."""
        if self.edition != "bilingual":
            return self.title
        from normkit.sphinxext.bilingual import paired  # bilingual imports this module

        second = self.standard.title.get(self.catalog.settings.bilingual_language or "", "")
        return paired(self.title, second)


def make_context(app: Sphinx) -> StandardContext:
    """Read the catalog and find the standard whose folder is ``app.srcdir``."""
    srcdir = Path(app.srcdir).resolve()
    root = Path(app.config.normkit_root).resolve() if app.config.normkit_root else find_root(srcdir)
    catalog = load(root).catalog
    if catalog is None:
        raise NotAStandard(f"{root}/standards/framework.toml cannot be read: run `normkit check`")
    standard = next((s for s in catalog.standards.values() if s.path.resolve() == srcdir), None)
    if standard is None:
        raise NotAStandard(
            f"{srcdir} is not the folder of a standard (no standard.toml read from it): "
            "run `normkit check`"
        )
    language = app.config.language or catalog.settings.master_language
    edition = app.config.normkit_edition or language
    return StandardContext(root, catalog, standard, language, load_labels(root, language), edition)


def context_of(env: BuildEnvironment) -> StandardContext:
    """The context set up for this build (see ``setup``)."""
    return env.normkit  # type: ignore[attr-defined]
