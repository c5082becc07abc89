"""Typographic quotes in the other language's half of the bilingual edition.

Sphinx turns straight quotes into typographic ones (``"a"`` → “a”, ``it's`` → it’s) as
smartquotes do for the document's language, but not at all in a Chinese build
(``smartquotes_excludes`` lists zh_CN: Chinese text types its full-width quotes). The
bilingual edition is built in the master language, so its English half kept the
translator's straight quotes while the English edition printed typographic ones. This
transform educates every part of the document marked with another language
(``language-en``: the bilingual halves, translated titles and captions) by the rules
of that language, as the English edition's own build does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import educate_tokens, smartchars
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import is_smartquotable


def class_language(node: nodes.Element) -> str:
    """The language a node's own ``language-xx`` class names, else ""."""
    for cls in node.get("classes", []):
        if cls.startswith("language-"):
            return cls.removeprefix("language-")
    return ""


def _quotes_language(language: str) -> str:
    """The smartquotes table entry for ``language`` ("" when it has none)."""
    return next((t for t in normalize_language_tag(language) if t in smartchars.quotes), "")


def _excluded(language: str, excluded: list[str]) -> bool:
    """Whether Sphinx's ``smartquotes_excludes`` leaves ``language`` alone."""
    tags = set(normalize_language_tag(language))
    return any(tags & set(normalize_language_tag(other)) for other in excluded)


def _marked_parts(
    document: nodes.document, excluded: list[str]
) -> Iterator[tuple[nodes.Element, str]]:
    """Each outermost element marked with a language that has typographic quotes."""
    for node in document.findall(nodes.Element):
        language = class_language(node)
        if not language or not _quotes_language(language) or _excluded(language, excluded):
            continue
        parent = node.parent
        if parent is not None and parent.get_language_code("") == language:
            continue  # inside a part already marked with this language
        yield node, _quotes_language(language)


def _tokens(texts: list[nodes.Text]) -> Iterator[tuple[str, str]]:
    """The text pieces as smartquotes reads them: code is left alone, and a quote the
    author escaped (``\\"``, kept by docutils as a null escape) stays straight."""
    for text in texts:
        if not is_smartquotable(text):
            yield "literal", str(text)
        else:
            yield "plain", re.sub("(?<=\x00)([-\\'\".`])", r"\\\1", str(text))


class EducateTranslationQuotes(SphinxTransform):
    """Typographic quotes in the parts of a document in another language."""

    # With Sphinx's own smart quotes (750), after the bilingual pairing (25).
    default_priority = 750

    def apply(self, **kwargs: object) -> None:
        excluded = list(self.config.smartquotes_excludes.get("languages", []))
        master = self.env.settings.get("language_code", "")
        if self.config.smartquotes is False or not _excluded(master, excluded):
            return  # no quotes wanted, or Sphinx's SmartQuotes educates every part
        for part, language in list(_marked_parts(self.document, excluded)):
            texts = list(part.findall(nodes.Text))
            action = self.config.smartquotes_action
            educated = educate_tokens(_tokens(texts), attr=action, language=language)
            for text, new in zip(texts, educated, strict=True):
                if new != str(text):
                    text.parent.replace(text, nodes.Text(new))
