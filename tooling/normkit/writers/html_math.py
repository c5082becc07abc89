"""Formulas in HTML and print HTML: MathML for browsers, SVG for WeasyPrint.

Registered as Sphinx's HTML math renderer ``normkit`` (conf.py ``html_math_renderer``);
the print translator calls :func:`visit_math_print` and :func:`visit_math_block_print`.
A formula whose LaTeX cannot be converted is warned about with its location and shown
as its LaTeX in code type.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from normkit.writers import formulas


def _svg_inline(latex: str, display: bool) -> str:
    """An SVG drawing lowered to sit on the text's baseline (print)."""
    drawing = formulas.svg(latex, display)
    lower = formulas.baseline_offset(drawing)
    return (
        f'<span class="nk-formula-drawing" role="img" aria-label="{html.escape(latex)}" '
        f'style="vertical-align: -{lower:.2f}px">{drawing}</span>'
    )


def _mathml(latex: str, display: bool) -> str:
    return formulas.mathml(latex, display)


def _content(node: nodes.math | nodes.math_block, render: Callable[[str, bool], str]) -> str:
    """The formula of ``node`` rendered; one that cannot be converted is warned about and
    shown as its LaTeX in code type (a block of it for a display formula)."""
    latex = formulas.latex_of(node)
    display = isinstance(node, nodes.math_block)
    try:
        return render(latex, display)
    except formulas.FormulaError as error:
        formulas.warn_unconverted(node, error)
        element = "pre" if display else "code"
        return f'<{element} class="nk-formula-latex">{html.escape(latex)}</{element}>'


def _inline(self: HTML5Translator, node: nodes.math, render: Callable[[str, bool], str]) -> None:
    content = _content(node, render)
    self.body.append(self.starttag(node, "span", "", CLASS="math nk-formula-inline") + content)
    self.body.append("</span>")
    raise nodes.SkipNode


def _block(
    self: HTML5Translator, node: nodes.math_block, render: Callable[[str, bool], str]
) -> None:
    content = _content(node, render)
    number = formulas.number_of(node)
    self.body.append(self.starttag(node, "div", "", CLASS="math nk-formula"))
    self.body.append(f'<span class="nk-formula-body">{content}</span>')
    if number:
        self.body.append(f'<span class="nk-formula-number">{html.escape(number)}</span>')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def visit_math_html(self: HTML5Translator, node: nodes.math) -> None:
    """An inline formula as MathML."""
    _inline(self, node, _mathml)


def visit_math_block_html(self: HTML5Translator, node: nodes.math_block) -> None:
    """A display formula as MathML, with its number at the right."""
    _block(self, node, _mathml)


def visit_math_print(self: HTML5Translator, node: nodes.math) -> None:
    """An inline formula drawn as SVG on the baseline."""
    _inline(self, node, _svg_inline)


def visit_math_block_print(self: HTML5Translator, node: nodes.math_block) -> None:
    """A display formula drawn as SVG, with its number at the right."""
    _block(self, node, _svg_inline)
