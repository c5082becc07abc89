"""The bilingual edition: each master segment paired with its translation.

The build runs in the master language (numbering, labels and structure are the
master's); this transform looks every translatable segment up in the translation
catalog and puts the translation beside it: paragraphs become a ``bilingual_pair``
(master, translation), titles and captions get the translation appended as a
``translation`` inline. A segment with no translation falls back to the master text,
marked ``nk-untranslated`` (shown visibly in drafts).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from normkit.sphinxext.context import context_of
from normkit.sphinxext.labels import html_lang
from normkit.sphinxext.nodes import bilingual_pair, translation
from normkit.sphinxext.segments import note_references, parse_segments


def translation_classes(language: str) -> list[str]:
    """The classes of a translation half: "language-en" becomes lang="en" in docutils'
    HTML writers, so browsers, WeasyPrint's PDF tags and :lang() styles know it."""
    return ["nk-translation", f"language-{html_lang(language)}"]


def pair_up(master: nodes.Element, other: nodes.Element, language: str) -> bilingual_pair:
    """Put ``master`` (in place, if it has a parent) and its translation ``other`` into
    one bilingual pair."""
    pair = bilingual_pair(classes=["nk-pair"], language=language)
    if master.parent is not None:
        master.replace_self(pair)
    master["classes"].append("nk-master")
    pair += [master, other]
    return pair


def _catalog(path: Path, language: str, context: str | None = None) -> dict[str, str]:
    """The finished translations of a catalog by master segment: the text's, or those
    of a message context (``msgctxt``, e.g. the words of figures)."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return {
            str(m.id): str(m.string)
            for m in read_po(handle, locale=language)
            if m.id and m.string and not m.fuzzy and m.context == context
        }


class PairTranslations(SphinxTransform):
    """Pairs every master segment with its translation (bilingual edition only)."""

    # After Sphinx's Locale (20), which leaves the master text alone in this build,
    # and before numbering (400), so both halves get the same labels.
    default_priority = 25

    def apply(self, **kwargs: object) -> None:
        if not hasattr(self.env, "normkit") or context_of(self.env).edition != "bilingual":
            return
        ctx = context_of(self.env)
        second = ctx.system.settings.bilingual_language
        if second is None:  # a one-language system has no bilingual edition to pair
            return
        messages = _catalog(ctx.standard.translation_file(second), second)
        draft = ctx.standard.is_draft
        # A segment whose translation is the master text itself (a document number and
        # title in English, "3GPP TS 23.501 …") is printed once, not twice.
        found = [
            (node, messages.get(msgid, ""))
            for node, msgid in extract_messages(self.document)
            if isinstance(node, (nodes.paragraph, nodes.title, nodes.caption))
            and messages.get(msgid, "").strip() != msgid.strip()
        ]
        translated = [(node, text) for node, text in found if text]
        parsed = dict(
            zip([id(n) for n, _ in translated], parse_segments(self, translated), strict=True)
        )
        for node, _text in found:
            content = parsed.get(id(node))
            untranslated = content is None
            if untranslated:
                content = [c.deepcopy() for c in node.children]
            note_references(self.document, content)
            classes = translation_classes(second)
            classes += ["nk-untranslated"] if untranslated else []
            if untranslated and draft:
                classes.append("nk-untranslated-draft")
            if isinstance(node, (nodes.title, nodes.caption)):
                node += translation("", "", *content, classes=classes, lang=second)
                continue
            other = node.__class__("", "", *content, classes=classes, lang=second)
            other.source, other.line = node.source, node.line
            pair_up(node, other, second)
