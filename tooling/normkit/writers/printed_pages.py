"""The page each element is printed on in the PDF edition, for the DOCX contents.

The PDF and DOCX editions share page size, margins, faces, type sizes, line heights and
spaces (templates/print/print.css and templates/docx/make_reference.py), so their pages
break in nearly the same places. The PDF is laid out by WeasyPrint, whose result does
not depend on the machine; the DOCX's contents take their page numbers from it rather
than asking Word to refresh its fields on opening (Word then asks the reader first) or
laying the DOCX out with an office suite at build time (LibreOffice would become a build
dependency, cost a second or two per file and tie the bytes of a release to its version).

The PDF builder saves the map beside the doctrees of the edition; the DOCX builder of
the same job reads it. A DOCX built without its PDF takes the map an earlier build of
the same sources kept (normkit.engine.page_maps), else has the pages laid out for it by
the ``normkit-print-layout`` builder (normkit.engine.build_one), so the DOCX is the same
file whichever formats were asked for; only a DOCX made outside a build (no map at all)
has the DOCX writer estimate the pages itself (normkit.writers.docx_layout).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from normkit.files import write_atomic
from normkit.writers.pdf_render import BLANK_PAGE, BODY_ANCHOR, page_label_ranges

#: The file the map is kept in, in the edition's doctree folder.
FILE_NAME = "nk-printed-pages.json"


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """``4`` → ``IV`` (page numbers of the front matter)."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def printed_pages(anchors: Sequence[set[str]]) -> dict[str, str]:
    """Every anchor of the laid-out pages → the page number printed on its page ("II",
    "5"); anchors of the unnumbered cover are left out. :data:`BLANK_PAGE` is there
    when the page before the body was left blank (the front matter filled an odd
    number of pages and the body begins on a right-hand page)."""
    ranges = page_label_ranges(anchors)
    labels: dict[str, str] = {}
    for index, names in enumerate(anchors):
        first, style = next((r for r in reversed(ranges) if r[0] <= index), (0, ""))
        if not style:
            continue
        number = index - first + 1
        label = roman(number) if style == "R" else str(number)
        for name in names - {BLANK_PAGE}:
            labels.setdefault(name, label)
        if BODY_ANCHOR in names and index and BLANK_PAGE in anchors[index - 1]:
            labels[BLANK_PAGE] = "before-body"
    return labels


def blank_before_body(labels: dict[str, str]) -> bool:
    """Whether the PDF left the page before the body blank."""
    return BLANK_PAGE in labels


def save(doctreedir: Path, labels: dict[str, str]) -> None:
    """Keep the map for the other builders of this edition."""
    write_atomic(doctreedir / FILE_NAME, json.dumps(labels, sort_keys=True).encode("utf-8"))


def load(doctreedir: Path) -> dict[str, str]:
    """The map the PDF builder of this edition saved, or {} when none was built."""
    try:
        return json.loads((doctreedir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
