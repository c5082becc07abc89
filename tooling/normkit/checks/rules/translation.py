"""A translation states the same provisions as its master text, segment by segment:
应 is "shall", 宜 "should", 可 "may" (GB/T 1.1-2020 Annex C; ISO/IEC Directives Part 2, 7)."""

from __future__ import annotations

from collections.abc import Iterator

from normkit.checks.lint import Finding, LintContext
from normkit.checks.rules.catalogs import translations
from normkit.checks.rules.verbal_forms import NORMATIVE
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors
from normkit.sphinxext.provisions import provisions_in


def _informative_segments(context: LintContext) -> set[str]:
    """The master text of definitions, notes and examples: they state no provisions (a
    definition's 应 is "due", not "shall"), so their verbal forms are not compared."""
    return {
        " ".join(para.rawsource.split())
        for para in context.paragraphs()
        if any(isinstance(a, (nk.term_entry, nk.std_note, nk.std_example)) for a in ancestors(para))
    }


def translation_verbal_form(context: LintContext) -> Iterator[Finding]:
    """The kinds of provision of each translated segment match its master segment's."""
    master = context.language
    informative = _informative_segments(context)
    for path, language, message in translations(context):
        if " ".join(str(message.id).split()) in informative:
            continue
        source = {k for k in provisions_in(str(message.id), master) if k in NORMATIVE}
        target = {k for k in provisions_in(str(message.string), language) if k in NORMATIVE}
        if source != target:
            lost = ", ".join(sorted(source - target)) or "none"
            added = ", ".join(sorted(target - source)) or "none"
            yield Finding(
                f"the {language} translation does not state the master's provisions "
                f"(master only: {lost}; translation only: {added})",
                path=path,
                line=message.lineno,
            )
