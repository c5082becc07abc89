"""Formulas: the LaTeX of ``:math:`` and ``.. math::`` in each edition's own terms.

Measured on this machine for one display formula (a fraction, a root, Greek):
latex2mathml 0.6 ms, mathml2omml 5 ms, ziamath 30 ms. So:

- HTML gets MathML (latex2mathml): browsers lay it out, it scales and reads aloud;
- the PDF gets SVG drawn by ziamath from that MathML, because WeasyPrint does not lay
  out MathML; the formula's LaTeX is the SVG's accessible name;
- DOCX gets Office Math (OMML, converted from the same MathML by mathml2omml), so
  Word users edit a native equation.

GB/T 1.1-2020 9.6 numbers display formulas "(1)", "(2)" … at the right margin:
``math_number_all`` in conf.py numbers them all; the number is Sphinx's.
"""

from __future__ import annotations

import re
from functools import cache

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


class FormulaError(ValueError):
    """The LaTeX of a formula cannot be converted."""


@cache
def mathml(latex: str, display: bool = False) -> str:
    """The MathML of a LaTeX formula (``display``: a block formula)."""
    from latex2mathml.converter import convert

    try:
        return convert(latex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds on bad LaTeX
        raise FormulaError(f"{type(error).__name__}: {error}") from None


@cache
def svg(latex: str, display: bool = False, size: float = 10.5) -> str:
    """An SVG drawing of a LaTeX formula at ``size`` points (glyphs as paths).

    Plain SVG 1.1 (no ``<symbol>``/``<use>``), which WeasyPrint draws.
    """
    import ziamath

    ziamath.config.svg2 = False
    try:
        # ziamath measures in pixels: 1pt = 4/3 px at CSS's 96 dpi.
        return ziamath.Math(mathml(latex, display), size=size * 4 / 3).svg()
    except FormulaError:
        raise
    except Exception as error:
        raise FormulaError(f"{type(error).__name__}: {error}") from None


@cache
def omml(latex: str, display: bool = False) -> str:
    """Office Math Markup (``<m:oMath>``) of a LaTeX formula, without namespace
    declarations (the DOCX writer parses it inside its own)."""
    import mathml2omml

    try:
        return mathml2omml.convert(mathml(latex, display))
    except FormulaError:
        raise
    except Exception as error:
        raise FormulaError(f"{type(error).__name__}: {error}") from None


def baseline_offset(drawing: str) -> float:
    """How far the drawing reaches below its baseline, in its own units (ziamath puts
    the baseline at y=0 of the viewBox): an inline formula is lowered by that much."""
    box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', drawing)
    if box is None:
        return 0.0
    top, height = float(box.group(2)), float(box.group(4))
    return max(0.0, top + height)


def latex_of(node: nodes.Element) -> str:
    """The LaTeX a math node holds."""
    return node.astext().strip()


def warn_unconverted(node: nodes.Element, error: FormulaError) -> None:
    """Say where a formula could not be converted; the writer shows its LaTeX instead."""
    logger.warning(
        "the formula %r cannot be typeset (%s); its LaTeX is shown as it is: correct the LaTeX",
        latex_of(node),
        error,
        location=node,
        type="normkit",
        subtype="formula",
    )


def number_of(node: nodes.Element) -> str:
    """The formula's number as GB/T 1.1-2020 prints it, "(1)"; "" when unnumbered."""
    return f"({node['number']})" if node.get("number") else ""
