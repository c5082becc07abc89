"""A reference list item that is a bare ``:std:`` lists the cited standard's title.

``- :std:`T/XQZC 2101``` in the normative references or the bibliography prints
"T/XQZC 2101 智慧停车系统建设导则" — and, in the English edition and the English half of
the bilingual one, the English title. The title is added after translation (a
translated item is parsed anew and had lost it), in the language of the item's half;
an item the bilingual edition does not pair (its translation is the same text) gets
both titles.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.context import context_of
from normkit.sphinxext.nodes import bilingual_pair
from normkit.sphinxext.titles import paired


class TitleBareCitations(SphinxTransform):
    """Append the cited standard's title to each bare ``:std:`` reference item."""

    # After the translation (20) and the bilingual pairing (25).
    default_priority = 30

    def apply(self, **kwargs: object) -> None:
        if not hasattr(self.env, "normkit"):
            return
        ctx = context_of(self.env)
        system = ctx.system
        for entry in list(self.document.findall(nk.reference_item)):
            ref = next(entry.findall(nk.std_reference), None)
            if ref is None or entry.astext().strip() != ref.astext().strip():
                continue
            language = entry.get("lang") or ctx.language
            title = system.title_of(ref["number"], language) or ""
            alone = not isinstance(entry.parent, bilingual_pair)
            if ctx.edition == "bilingual" and alone and not entry.get("lang"):
                second = system.settings.bilingual_language
                title = paired(title, system.title_of(ref["number"], second) or "")
            if title:
                entry += nodes.Text(" " + title)
