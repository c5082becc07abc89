"""The opening words that name a changed element in a change list: cut where a reader
would cut — after a Chinese character, a whole Latin word or a whole quantity — never
inside a number ("工作频段为 5 9…"), a unit or a word.
"""

from __future__ import annotations

import re

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


def excerpt(text: str, length: int = 40) -> str:
    """``text`` itself when at most ``length`` characters, else its opening pieces that
    fit before "…", with no space or opening mark left before it (a justified line would
    widen that space into a gap)."""
    if len(text) <= length:
        return text
    kept: list[str] = []
    size = 0
    for piece in _PIECE.findall(text):
        if size + len(piece) > length - 1:
            break
        kept.append(piece)
        size += len(piece)
    opening = "".join(kept).rstrip().rstrip(_OPENING).rstrip()
    if not opening:  # one word longer than the whole excerpt: cut it after all
        opening = text[: length - 1].rstrip()
    return opening + "…"
