"""A rough page model of the DOCX edition, for the page numbers of the prefilled contents.

Word and LibreOffice show a TOC field's stored result without refreshing it, so the
contents must carry page numbers when the file is written. Laying the document out
exactly is Word's job (settings.xml asks it to refresh fields on open); this model
estimates lines from the text's width in ems and the styles' sizes, which lands within a
page or so on the sample standards.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

#: The text block of reference.docx (A4, GB/T 1.1-2020 margins), in points.
TEXT_WIDTH_PT = 165 * 72 / 25.4
TEXT_HEIGHT_PT = 252 * 72 / 25.4
#: Noto CJK's ascent + descent: one "single" line is 1.448 em high.
LINE_FACTOR = 1.448


def text_width_em(text: str) -> float:
    """The width of ``text`` in ems: wide (CJK) characters 1, others about half."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            width += 1.0
        elif char == "\t":
            width += 2.0
        else:
            width += 0.55
    return width


@dataclass
class PageModel:
    """Where the text has reached: page number (1-based) and height used on that page."""

    page: int = 1
    used: float = 0.0

    def new_page(self) -> None:
        """A page or section break."""
        if self.used > 0:
            self.page += 1
            self.used = 0.0

    def advance(self, height: float) -> int:
        """Place a block of ``height`` points; the page it starts on."""
        if self.used + height > TEXT_HEIGHT_PT and self.used > 0:
            if height <= TEXT_HEIGHT_PT:
                self.page += 1
                self.used = 0.0
            else:
                overflow = self.used + height
                self.page += int(overflow // TEXT_HEIGHT_PT)
                self.used = overflow % TEXT_HEIGHT_PT
                return self.page
        start = self.page
        self.used += height
        return start

    @staticmethod
    def paragraph_height(
        text: str, size: float, width: float = TEXT_WIDTH_PT, extra: float = 0.0
    ) -> float:
        """The height of a paragraph of ``text`` at ``size`` points in ``width``."""
        per_line = max(1.0, width / size)
        lines = 0
        for piece in text.split("\n"):
            lines += max(1, math.ceil(text_width_em(piece) / per_line))
        return lines * size * LINE_FACTOR + extra
