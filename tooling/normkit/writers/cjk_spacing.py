"""The space between a Chinese character and a Latin word or number, in print.

WeasyPrint justifies a line by widening its spaces (U+0020 and no-break spaces) only;
it has no inter-character justification for Chinese. A Chinese line holding one
space ("安装高度宜为 6 m～8 m；…", the quantities themselves kept whole by
:mod:`normkit.sphinxext.unbreakable`) therefore put the whole line's slack into that
one gap: "宜为␣␣␣␣␣6 m". Chinese typesetting gives that gap a fixed width (about a
quarter of an em) however the line is justified, so the print edition writes it as a
four-per-em space (U+2005), which a line may still break after and justification
leaves alone. Spaces between Latin words keep stretching as in any justified text.
The HTML and DOCX editions keep the source's space: browsers and Word justify Chinese
between its characters.
"""

from __future__ import annotations

import re

from docutils import nodes

from normkit.sphinxext.ancestry import within

#: Han characters (CJK unified ideographs, extension A, compatibility ideographs).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: What stands on the other side: a Latin letter, a digit, or a sign numbers begin with.
LATIN = "A-Za-z0-9\u00c0-\u024f\u0370-\u03ff≥≤±<>"
#: The fixed gap (FOUR-PER-EM SPACE: a break opportunity, never widened by WeasyPrint).
GAP = "\u2005"

_BETWEEN = re.compile(rf"(?<=[{HAN}]) (?=[{LATIN}])|(?<=[{LATIN}%]) (?=[{HAN}])")
#: Where text is code or otherwise kept as written.
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math)


def fix_cjk_latin_gaps(doctree: nodes.document) -> None:
    """Write every single space between a Han character and a Latin word or number as
    :data:`GAP`, looking across inline elements (the quantity after "宜为 " is an inline
    of its own)."""
    texts = [t for t in doctree.findall(nodes.Text) if t.parent is not None]
    for index, text in enumerate(texts):
        value = str(text)
        if " " not in value or within(text, _SKIP):
            continue
        # One character of the neighbouring texts on each side, so that a space at the
        # edge of this text sees what stands beyond it.
        before = str(texts[index - 1])[-1:] if index else ""
        after = str(texts[index + 1])[:1] if index + 1 < len(texts) else ""
        padded = (before or "\n") + value + (after or "\n")
        changed = _BETWEEN.sub(GAP, padded)[1:-1]
        if changed != value:
            text.parent.replace(text, nodes.Text(changed))
