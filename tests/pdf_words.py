"""What poppler's pdftotext reads from a PDF: its text, and its words with their boxes.

One reading for every test that reads a PDF back: :func:`pdftotext` the text (laid out
as printed, or in reading order), :func:`pdf_words` the words where they are printed (a
table's column centres, the gap after a note label, a redline mark over a word, a figure
label in its box), as named boxes in points from the top-left corner, one list a page.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Word:
    """A word and its box in points: ``left`` < ``right``, ``top`` < ``bottom`` (y grows
    down the page, as pdftotext gives it)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> float:
        """The middle of the box across the page."""
        return (self.left + self.right) / 2

    @property
    def middle(self) -> float:
        """The middle of the box down the page."""
        return (self.top + self.bottom) / 2

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom)."""
        return (self.left, self.top, self.right, self.bottom)

    def scaled(self, factor: float) -> Word:
        """The same word with its box divided by ``factor`` (points to drawing units)."""
        return Word(
            self.text,
            self.left / factor,
            self.top / factor,
            self.right / factor,
            self.bottom / factor,
        )


def pdftotext(pdf: Path, page: int | None = None, layout: bool = True) -> str:
    """The text of ``pdf`` (of one page, counted from 1), laid out as printed (``layout``:
    columns and indents kept with spaces) or in reading order; pages end with a form
    feed."""
    args = ["pdftotext", "-enc", "UTF-8"]
    args += ["-layout"] if layout else []
    args += ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_words(pdf: Path, first: int | None = None, last: int | None = None) -> list[list[Word]]:
    """The words of every page of ``pdf`` (or of pages ``first`` to ``last``, counted
    from 1), one list per page, in pdftotext's reading order."""
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        [
            Word(html.unescape(text), float(a), float(b), float(c), float(d))
            for a, b, c, d, text in _WORD.findall(page)
        ]
        for page in _PAGE.findall(out)
    ]


def page_words(pdf: Path, page: int) -> list[Word]:
    """The words of page ``page`` (counted from 1) of ``pdf``."""
    (words,) = pdf_words(pdf, page, page)
    return words
