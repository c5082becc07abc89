"""Latin words in Chinese text (and Chinese words in English text) set apart, in print.

The print CSS sets the Latin letters and digits of a Chinese sentence in a Latin face
whose vertical metrics are the CJK face's (:mod:`normkit.writers.fitted_fonts`). That
keeps a line as tall as any other only while each WeasyPrint text box is set in one
face: when Pango lays out one piece of text in two faces, it measures the mixed line
up to half a pixel taller (1101 zh: a page of 40 lines grew 1.4 pt). So, in print, a
text that mixes both kinds of characters has the minority's runs in their own inline
element (``<span class="nk-apart">``): every text box holds one face, and the lines of
a paragraph with "5G" or "T/XQZC 1301" in it keep the pitch of one without.

What counts as Latin in Chinese text is what the print CSS's "… fitted Latin" faces
cover (their ``unicode-range``, :data:`LATIN_IN_CHINESE`; a test keeps the two equal);
in English text, the characters the CJK faces set (:data:`CJK`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from markupsafe import Markup, escape

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors, within
from normkit.sphinxext.quotes import class_language

#: The characters the print CSS's "FreeSerif/FreeSans fitted Latin" faces cover
#: (``unicode-range: U+0020-007E, U+00A0-00B6, U+00B8-024F, U+0370-03FF``): Latin
#: letters, digits, ASCII signs and Greek; not the middle dot (U+00B7, 间隔号).
LATIN_IN_CHINESE = "\u0020-\u007e\u00a0-\u00b6\u00b8-\u024f\u0370-\u03ff"
#: What the CJK faces set in English text: ideographs, kana, CJK punctuation and the
#: full-width forms.
CJK = "\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"

_RUNS = {
    "zh": re.compile(f"[{LATIN_IN_CHINESE}]+"),
    "en": re.compile(f"[{CJK}]+"),
}
#: Where text is code or otherwise kept as written (its own face, or not text at all).
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math)
#: The class of an inline element holding a run set apart.
CLASS = "nk-apart"


def _script(language: str) -> str:
    """ "zh" for a Chinese language code, else "en" (every other edition is Latin)."""
    return "zh" if language.lower().startswith("zh") else "en"


def runs(text: str, language: str) -> Iterator[tuple[str, bool]]:
    """The pieces of ``text`` (written in ``language``), each with whether it is set
    apart; a text in one kind of character alone is one piece, not set apart."""
    pattern = _RUNS[_script(language)]
    found = list(pattern.finditer(text))
    if not found or (len(found) == 1 and found[0].group() == text):
        yield text, False
        return
    start = 0
    for match in found:
        if match.start() > start:
            yield text[start : match.start()], False
        yield match.group(), True
        start = match.end()
    if start < len(text):
        yield text[start:], False


def html_apart(text: str, language: str) -> Markup:
    """``text`` as escaped HTML with its runs set apart (for the print templates)."""
    return Markup("").join(
        Markup(f'<span class="{CLASS}">{escape(piece)}</span>') if apart else escape(piece)
        for piece, apart in runs(text, language)
    )


def _language_of(node: nodes.Node, default: str) -> str:
    """The language a text is written in: that of the nearest element saying so (a
    translation's ``language-xx`` class, a term's equivalent), else ``default``."""
    for parent in ancestors(node):
        if isinstance(parent, nk.term_equivalent) and parent.get("language"):
            return str(parent["language"])
        if isinstance(parent, nodes.Element) and (named := class_language(parent)):
            return named
    return default


def set_runs_apart(doctree: nodes.document, language: str) -> None:
    """Put each run of the minority script of a mixed text into its own inline (class
    :data:`CLASS`); ``language`` is the edition's (the master's in a bilingual one)."""
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or within(text, _SKIP):
            continue
        # astext(): without docutils' escapes ("\x00 " of "\ " in the source), which
        # a split could cut in two.
        pieces = list(runs(text.astext(), _language_of(text, language)))
        if len(pieces) < 2:
            continue
        replacement = [
            nodes.inline(piece, piece, classes=[CLASS]) if apart else nodes.Text(piece)
            for piece, apart in pieces
        ]
        index = parent.index(text)
        parent[index : index + 1] = replacement
