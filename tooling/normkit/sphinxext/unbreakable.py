"""No line break inside a document number or between a value and its unit.

"T/ ⏎ XQZC 1102", "GB/T ⏎ 17626.5", "500 ⏎ m" and "30 ⏎ 000 h" are how a standard must
not print (GB/T 1.1-2020 9.3, quantities and units; the number of a document is one
word). This transform wraps such runs of text in an ``inline`` of class
``nk-nobreak``; the HTML and print styles keep it on one line (and out of justification
stretching), the DOCX writer joins it with no-break spaces.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors

#: Prefixes of document numbers: national, sector, local, association and
#: international standards.
_PREFIX = (
    r"(?:GB/T|GB/Z|GB|[A-Z]{2}/T|[A-Z]{2,3}|DB\d{0,6}/T|T/[A-Z]{2,8}|ISO(?:/IEC)?|IEC|"
    r"ITU-[TR]|3GPP\s+TS|IEEE|EN|ETSI\s+(?:TS|EN))"
)
_DOCUMENT = rf"(?<![A-Za-z0-9/]){_PREFIX}\s+[A-Z]?\.?\d+(?:[.\-]\d+)*(?:\s*[—–:-]\s*\d{{4}})?"
#: Units after a number (SI and the ones standards of this kind use).
_UNIT = (
    r"(?:%|‰|℃|°C|°|[kMGTμmn]?(?:m|Hz|W|V|A|Wh|VA|bit/s|bps|B|Ω|s|g|Pa)|"
    r"m²|m³|km/h|m/s|min|h|d|dB(?:\(A\)|m|i)?|lx|cd|kg|t|kN|MPa|L|mm²|Mbit/s|Gbit/s|ms|μs)"
)
_QUANTITY = (
    rf"(?<![A-Za-z0-9.])[≥≤<>±~−-]?\d+(?:[ \u2009]\d{{3}})*(?:[.,]\d+)?\s+{_UNIT}(?![A-Za-z0-9/])"
)
PATTERN = re.compile(rf"{_DOCUMENT}|{_QUANTITY}")

#: Where text is never wrapped: code, and elements already kept whole.
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nk.std_reference)


def _skipped(node: nodes.Node) -> bool:
    return any(
        isinstance(a, _SKIP) or "nk-nobreak" in a.get("classes", ()) for a in ancestors(node)
    )


def wrap_unbreakable(document: nodes.Element, also: tuple[str, ...] = ()) -> None:
    """Wrap every document number and quantity of the text in ``nk-nobreak``, and the
    phrases ``also`` names ("Figure 2", "Clause 5": a label and its number, which a
    generated sentence cites)."""
    pattern = PATTERN
    if also:
        phrases = "|".join(re.escape(p) for p in sorted(set(also), key=len, reverse=True))
        pattern = re.compile(rf"{PATTERN.pattern}|{phrases}")
    for text in list(document.findall(nodes.Text)):
        value = str(text)
        matches = [m for m in pattern.finditer(value) if re.search(r"\s", m.group(0))]
        if not matches or text.parent is None or _skipped(text):
            continue
        pieces: list[nodes.Node] = []
        at = 0
        for match in matches:
            if match.start() > at:
                pieces.append(nodes.Text(value[at : match.start()]))
            pieces.append(nodes.inline(match.group(0), match.group(0), classes=["nk-nobreak"]))
            at = match.end()
        if at < len(value):
            pieces.append(nodes.Text(value[at:]))
        parent = text.parent
        index = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)


class KeepNumbersWhole(SphinxTransform):
    """Runs :func:`wrap_unbreakable` once the numbering has added its sentences."""

    default_priority = 410  # after NumberStandard (400)

    def apply(self, **kwargs: object) -> None:
        wrap_unbreakable(self.document)
