"""The edition in a translation language: every segment replaced by its translation.

Replaces Sphinx's Locale transform (same priority, same catalogs) for standards: the
segments a standard has are paragraphs, titles, captions and cells, which
normkit.sphinxext.segments translates in one parse instead of one per segment.
Segments with no translation keep the master text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import LITERAL_TYPE_NODES, extract_messages

from normkit.diagnostics import warn
from normkit.sphinxext.segments import TEXT_NODES, note_references, parse_segments
from normkit.sphinxext.translation_rules import markup_refusals


class TranslateSegments(SphinxTransform):
    """Puts the translation of every segment in place of the master text."""

    default_priority = 20  # where Sphinx's Locale runs: before everything that numbers

    def apply(self, **kwargs: object) -> None:
        context = getattr(self.env, "normkit", None)
        if context is not None and context.edition == "bilingual":
            return  # the bilingual edition pairs segments instead (bilingual.py)
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, domain)
        if not has_catalog:
            return
        segments = []
        for node, msgid in extract_messages(self.document):
            msgstr = catalog.gettext(msgid)
            if not msgstr.strip() or msgstr == msgid:
                node["translated"] = bool(msgstr.strip())
                continue
            refusals = markup_refusals(msgid, msgstr)
            if refusals:  # the master text stays; the edition fails
                warn(
                    "translation-markup",
                    f"the {self.config.language} translation of this segment is refused: "
                    + "; ".join(refusals),
                    node,
                    "a translation may change the words and the master's inline markup, "
                    "nothing more",
                    error=True,
                )
                continue
            if isinstance(node, LITERAL_TYPE_NODES):
                node.children = [nodes.Text(msgstr)]
                node["translated"] = True
            elif isinstance(node, TEXT_NODES):
                segments.append((node, msgstr))
        for (node, _msgstr), content in zip(segments, parse_segments(self, segments), strict=True):
            if content is None:
                continue  # not one paragraph: the master text stays (Sphinx warned)
            node.children = []
            node.extend(content)
            note_references(self.document, content)
            node["translated"] = True
