"""The document model of a standard, as a Sphinx extension (loaded by the root conf.py).

It offers the directives and roles of docs/markup.md, the ``nk`` domain that resolves
cross-references to localised labels, the transforms that number and label a standard
(after translation) and put its cover first, and the guards that keep sources inside
their folder. Writers render its nodes (see normkit.sphinxext.nodes).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from normkit import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# The model's modules (and Sphinx) are imported when Sphinx loads the extension, not
# when a tool only needs one of its light modules (labels, search_text): `normkit site`
# and `check`'s reports import those without building anything.


def _builder_inited(app: Sphinx) -> None:
    from normkit.sphinxext import directives
    from normkit.sphinxext.context import make_context

    context = make_context(app)
    app.env.normkit = context  # type: ignore[attr-defined]
    directives._term_options(context.system.settings.all_languages)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the document model with Sphinx."""
    from sphinx.transforms.i18n import Locale

    from normkit.diagnostics import collect_warnings
    from normkit.sphinxext import (
        bilingual,
        config,
        directives,
        nodes,
        provisions,
        roles,
        security,
    )
    from normkit.sphinxext.alt_text import FigureAltText
    from normkit.sphinxext.citation_titles import TitleBareCitations
    from normkit.sphinxext.cover import InsertCover
    from normkit.sphinxext.domain import StandardDomain
    from normkit.sphinxext.figure_text import TranslateFigures
    from normkit.sphinxext.identity import RecordIdentity
    from normkit.sphinxext.image_policy import CheckImages
    from normkit.sphinxext.numbering import NumberStandard
    from normkit.sphinxext.quotes import EducateTranslationQuotes
    from normkit.sphinxext.toctree import StandardToctree, one_document
    from normkit.sphinxext.translate import TranslateSegments
    from normkit.sphinxext.unbreakable import KeepNumbersWhole

    # From here on, every warning Sphinx shows is also kept as a record (normkit's runs
    # read them from ``app.normkit_warnings``).
    app.normkit_warnings = collect_warnings(Path(app.srcdir) / "index.rst")  # type: ignore[attr-defined]
    config.register(app)
    app.connect("config-inited", config.config_inited)
    app.add_transform(bilingual.PairTranslations)
    # Sphinx's Locale parses each segment alone; ours parses them together.
    if Locale in app.registry.transforms:
        app.registry.transforms.remove(Locale)
    app.add_transform(TranslateSegments)
    app.add_transform(TitleBareCitations)
    app.add_transform(TranslateFigures)
    for node in nodes.ALL_NODES:
        app.add_node(node)
    app.add_directive("foreword", directives.ForewordDirective)
    app.add_directive("introduction", directives.IntroductionDirective)
    app.add_directive("bibliography", directives.BibliographyDirective)
    app.add_directive("normative-references", directives.NormativeReferencesDirective)
    app.add_directive("term", directives.TermDirective)
    app.add_directive("example", directives.ExampleDirective)
    app.add_directive("annex", directives.AnnexDirective)
    app.add_directive("raw", security.RefusedRaw, override=True)
    app.add_directive("include", security.ConfinedInclude, override=True)
    app.add_directive("literalinclude", security.ConfinedLiteralInclude, override=True)
    app.add_directive("csv-table", security.ConfinedCSVTable, override=True)
    app.add_directive("toctree", StandardToctree, override=True)
    app.connect("config-inited", one_document)
    app.add_role("std", roles.StandardRole())
    app.add_role("xref", roles.xref_role)
    # Sphinx looks roles up in the std domain first: ours must replace std:term there.
    app.add_role_to_domain("std", "term", roles.term_role, override=True)
    app.add_domain(StandardDomain)
    app.add_transform(CheckImages)
    app.add_transform(security.CheckDownloads)
    app.add_transform(security.CheckLinks)
    app.add_transform(FigureAltText)
    app.add_transform(RecordIdentity)
    app.add_transform(NumberStandard)
    app.add_transform(KeepNumbersWhole)
    app.add_transform(InsertCover)
    app.add_transform(provisions.MarkProvisions)
    app.add_transform(EducateTranslationQuotes)
    app.connect("config-inited", security.exclude_escaping_links)
    app.connect("builder-inited", _builder_inited)
    # The redline edition (normkit diff): the same writers render the marked document.
    app.setup_extension("normkit.versions.redline_transform")
    # The foreword's technical changes (.. technical-changes::), from the same diff.
    app.setup_extension("normkit.versions.technical_changes")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
