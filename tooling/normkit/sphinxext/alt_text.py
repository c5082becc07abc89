"""Every image gets an alternative text in the edition's language, never a file path.

Without ``:alt:``, docutils leaves an image's alternative text empty and the writers
fall back to its URI: screen readers on the site then read "_images/architecture.svg",
and the PDF's structure tree carried the build machine's absolute path. A figure's
image takes its title instead (translated, and "title / translation" in the bilingual
edition), which is what the figure shows; a source's own ``:alt:`` is kept. An image
outside a figure with no ``:alt:`` is reported, and gets its file name.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.diagnostics import warn
from normkit.sphinxext.titles import title_text


class FigureAltText(SphinxTransform):
    """Gives images without ``:alt:`` their figure's title as alternative text."""

    # After the translation (20) and the bilingual pairing (25) put each caption into
    # the edition's language(s).
    default_priority = 30

    def apply(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            if image.get("alt"):
                continue
            title = _figure_title(image)
            if title:
                image["alt"] = title
                continue
            warn(
                "alt",
                f"image {image['uri']!r} has no alternative text: screen readers and the "
                "tagged PDF need one",
                image,
                hint="give it a title (as a figure) or an :alt: option",
            )
            image["alt"] = PurePosixPath(image["uri"]).name


def _figure_title(image: nodes.image) -> str:
    """The title of the figure ``image`` belongs to ("" outside a figure or untitled)."""
    figure = image.parent
    while figure is not None and not isinstance(figure, nodes.figure):
        figure = figure.parent
    if figure is None:
        return ""
    caption = next((c for c in figure.children if isinstance(c, nodes.caption)), None)
    return title_text(caption) if caption is not None else ""
