"""Words drawn as outlines, not set as text: the draft watermark of the print edition.

A draft's pages carry "征求意见稿" across them. Set as text, it is text of the PDF:
copying a paragraph, pdftotext, a search or a screen reader picks its letters up in
the middle of the requirements. Drawn as the outlines of the glyphs (an inline SVG of
paths, which WeasyPrint draws as a picture), it prints and shows the same and is no
text at all.

:func:`outlined_svg` takes the glyphs from the installed face the template names
(fontconfig pattern), advances them by their widths (no kerning: a watermark's words
need none), and keeps the SVG under ``build/.cache/fonts/`` by the font's SHA-256 and
the words: reading a CJK face's outlines takes a second or two.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from normkit.writers.fitted_fonts import file_digest, installed, kept

#: Changes whenever :func:`_draw` draws other SVG from the same words and face.
RECIPE = "1"


def outlined_svg(
    text: str,
    face: str,
    cache_folder: Path | None = None,
    tracking: float = 0.0,
    colour: str = "#000",
) -> Markup:
    """``text`` drawn in ``face`` (a fontconfig pattern: "Noto Sans CJK SC") as an inline
    SVG of paths filled with ``colour``, ``tracking`` ems between its characters (CSS
    letter-spacing and colour do not reach into a picture WeasyPrint draws); "" for no
    text."""
    if not text:
        return Markup("")
    font = installed(face)
    key = hashlib.sha256(
        f"{RECIPE}\n{file_digest(font.path)}\n{font.index}\n{tracking}\n{colour}\n{text}".encode()
    ).hexdigest()[:32]
    svg = kept(
        cache_folder,
        f"outlined-{key}.svg",
        lambda: _draw(text, face, tracking, colour).encode("utf-8"),
    )
    return Markup(svg.decode("utf-8"))


@cache
def _draw(text: str, face: str, tracking: float, colour: str) -> str:
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    file = installed(face)
    font = TTFont(file.path, fontNumber=file.index, lazy=True)
    glyphs, cmap, metrics = font.getGlyphSet(), font.getBestCmap(), font["hmtx"]
    ascent, descent = font["hhea"].ascent, -font["hhea"].descent
    paths, x = [], 0
    space = round(tracking * font["head"].unitsPerEm)
    for index, char in enumerate(text):
        name = cmap.get(ord(char), ".notdef")
        pen = SVGPathPen(glyphs)
        # Font units grow upwards, SVG's downwards: flip about the baseline.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, ascent)))
        if pen.getCommands():
            paths.append(pen.getCommands())
        x += metrics[name][0] + (space if index < len(text) - 1 else 0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {x} {ascent + descent}" '
        f'aria-hidden="true"><path fill="{escape(colour)}" d="{" ".join(paths)}"/></svg>'
    )
