"""The opening words that name a changed element in a change list: cut where a reader
would cut — after a Chinese character, a whole Latin word or a whole quantity — never
inside a number ("工作频段为 5 9…"), a unit or a word.

The length is measured as a page measures it: a Chinese character is as wide as two
Latin letters, so an English excerpt says about as much as a Chinese one (forty
characters of English stop mid-phrase where forty Chinese characters make a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: The spaces GB/T 1.1-2020 and ISO/IEC Directives put inside and after numbers.
_SPACE = "[ \u00a0\u2009\u202f]"

#: A quantity — a number with its digit groups ("5 905") and unit ("MHz", "℃", "%") —,
#: a Latin word or code ("GB/T", "LTE-V2X", "T/XQZC"), a run of spaces, or one other
#: character (each Chinese character and punctuation mark): what the cut keeps whole.
_PIECE = re.compile(
    rf"\d+(?:[.,]\d+)*(?:{_SPACE}\d{{3}}(?!\d))*(?:{_SPACE}?(?:[A-Za-zµΩ℃°%‰]+[²³]?(?:/[A-Za-z]+)?))?"
    r"|[A-Za-z][A-Za-z0-9]*(?:[./\-'’][A-Za-z0-9]+)*"
    r"|\s+"
    r"|.",
    re.DOTALL,
)

#: Marks that open something the cut would leave unclosed: not left before the ellipsis.
_OPENING = "（(《〈「『【[“‘—/-"

#: Marks that end a part of a sentence: "…" stands for what followed, not after them.
_PAUSE = "，、；：。,;:."

#: How much of the length an excerpt cut at a pause keeps at least.
_ENOUGH = 0.6


def width(text: str) -> int:
    """How many Latin letters wide ``text`` is: a wide (CJK) character counts two."""
    # Nothing below U+1100 (Hangul Jamo, the first wide block) is wide: no lookup.
    return len(text) + sum(1 for c in text if c >= "\u1100" and _wide(c))


@cache
def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def excerpt(text: str, length: int = 72) -> str:
    """``text`` itself when at most ``length`` wide (see ``width``), else its opening
    pieces that fit before "…", with no space or opening mark left before it (a
    justified line would widen that space into a gap), nor a mark that ends a clause
    of the sentence ("，…")."""
    if len(text) <= length and width(text) <= length:  # never narrower than its length
        return text
    kept: list[str] = []
    size = 0
    pause = 0  # how many pieces end at the last pause past most of the length
    for piece in _PIECE.findall(text):
        size += width(piece)
        if size > length - 1:
            break
        kept.append(piece)
        if piece in _PAUSE and size >= length * _ENOUGH:
            pause = len(kept)
    # Where a part of the sentence ends near the cut, the excerpt ends with it:
    # "安装高度宜为 6 m～8 m…", not "…；用于交通事…".
    opening = "".join(kept[:pause] if pause else kept)
    opening = opening.rstrip().rstrip(_OPENING + _PAUSE).rstrip()
    if not opening:  # one word longer than the whole excerpt: cut it after all
        opening = _cut(text, length - 1).rstrip()
    return opening + "…"


def _cut(text: str, length: int) -> str:
    """The opening characters of ``text`` at most ``length`` wide."""
    size = 0
    for end, character in enumerate(text):
        size += width(character)
        if size > length:
            return text[:end]
    return text
