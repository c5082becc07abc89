"""Standards arrive as pull requests: sources may not reach outside their folder.

``raw`` is refused (it would put unescaped HTML or LaTeX into every edition), an
``include`` must name a file inside the standard's folder, and images must be local
files of the folder (no URL is ever fetched).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)


class RefusedRaw(Directive):
    """``raw`` is refused: an error naming the file and line."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"file": str, "url": str, "encoding": str}

    def run(self) -> list[nodes.Node]:
        raise self.error(
            "the `raw` directive is refused: raw HTML or LaTeX would reach every edition "
            "unescaped; write the content in reStructuredText [normkit.raw]"
        )


class ConfinedInclude(Include):
    """``include`` of files inside the standard's folder only."""

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir).resolve()
        if self.arguments[0].startswith("<"):
            raise self.error("including docutils' standard files is refused [normkit.include]")
        _rel, filename = self.env.relfn2path(self.arguments[0], self.env.docname)
        target = Path(filename).resolve()
        if not target.is_relative_to(srcdir):
            raise self.error(
                f"`include` of {self.arguments[0]!r} is refused: it is outside the "
                f"standard's folder {srcdir.name}/; move the file into the folder "
                "[normkit.include]"
            )
        return super().run()


class CheckImages(SphinxTransform):
    """Images must be files inside the standard's folder, never URLs."""

    default_priority = 5

    def apply(self, **kwargs: object) -> None:
        srcdir = Path(self.env.srcdir).resolve()
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            if "://" in uri or uri.startswith("//") or uri.startswith("data:"):
                reason = "it is a URL; normkit fetches nothing from the network"
            else:
                docdir = Path(self.env.doc2path(self.env.docname)).parent
                target = (docdir / uri).resolve() if not uri.startswith("/") else srcdir / uri
                if target.resolve().is_relative_to(srcdir):
                    continue
                reason = "it is outside the standard's folder"
            logger.error(
                "image %r is refused: %s; put the file in figures/ [normkit.image]",
                uri,
                reason,
                location=image,
            )
            doomed = image.parent if isinstance(image.parent, nodes.figure) else image
            doomed.parent.remove(doomed)
