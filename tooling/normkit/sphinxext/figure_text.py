"""The words of a figure are translated like the text: SVG ``<text>`` in the catalog.

A figure drawn in SVG carries its labels as ``<text>`` (and ``<tspan>``) elements and
its ``<title>``. ``normkit translate`` puts each of these strings into the standard's
catalog, located at the SVG file and line (:func:`svg_messages`), so translators see
them beside the clauses. The English edition then shows the figure with the English
labels, and the bilingual edition shows each label with its translation on a smaller
line below (:func:`translate_svg`).

The translated drawing travels on the image node (``nk_svg``): the figure's file stays
the source's, and each writer draws the translated markup instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from docutils import nodes
from lxml import etree
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from normkit.sphinxext.context import context_of

logger = logging.getLogger(__name__)

_SVG = "{http://www.w3.org/2000/svg}"
_WORDS = (f"{_SVG}text", f"{_SVG}tspan", f"{_SVG}title", f"{_SVG}desc")
#: The line of a label's translation in the bilingual edition, relative to the label.
_SECOND_LINE_SIZE = "0.8em"


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    return etree.fromstring(data, parser)


def _strings(root: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, "text" or "tail", words) of every string a reader of the figure sees."""
    for element in root.iter(*_WORDS):
        if element.text and element.text.strip():
            yield element, "text", element.text
        if element.tag == f"{_SVG}tspan" and element.tail and element.tail.strip():
            yield element, "tail", element.tail


def svg_messages(path: Path) -> list[tuple[str, int]]:
    """The strings of an SVG figure to translate, each with its line."""
    try:
        root = _parse(path.read_bytes())
    except (OSError, etree.XMLSyntaxError):
        return []  # the build reports an unreadable figure, with its place
    return [
        (" ".join(words.split()), element.sourceline or 0) for element, _, words in _strings(root)
    ]


def _ems(words: str) -> float:
    """The width of ``words`` in ems, roughly: CJK characters are square, Latin ones
    about half as wide."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in words)


def _font_size(element: etree._Element) -> float:
    """The font size (user units) an SVG text element is set in, as far as its own and
    its ancestors' ``font-size`` attributes say (16, SVG's default, otherwise)."""
    node: etree._Element | None = element
    while node is not None:
        value = node.get("font-size", "")
        number = value.removesuffix("px").strip()
        if number.replace(".", "", 1).isdigit():
            return float(number)
        node = node.getparent()
    return 16.0


def _fit(element: etree._Element, original: str, translated: str) -> None:
    """Set a translated label smaller when it is longer than the original, so that it
    stays in the box drawn for the original (down to 55 % of its size)."""
    ratio = _ems(original) / max(_ems(translated), 0.01)
    if ratio < 0.95 and element.tag == f"{_SVG}text":
        element.set("font-size", f"{_font_size(element) * max(ratio, 0.55):.1f}px")


def translate_svg(
    data: bytes, translate: Callable[[str], str], below: str | None = None
) -> bytes | None:
    """The SVG with its strings translated; None when nothing was translated.

    ``below`` (a language code): keep each label and add its translation on a line
    below it in that language (the bilingual edition); titles read "master / translation".
    """
    root = _parse(data)
    changed = False
    for element, where, words in list(_strings(root)):
        key = " ".join(words.split())
        other = translate(key)
        if not other or other == key:
            continue
        changed = True
        if below is None:
            setattr(element, where, other)
            if where == "text":
                _fit(element, key, other)
        elif element.tag in (f"{_SVG}title", f"{_SVG}desc"):
            element.text = f"{key} / {other}"
        elif where == "text" and element.tag == f"{_SVG}text":
            line = etree.SubElement(element, f"{_SVG}tspan")
            line.text = other
            line.set("x", element.get("x", "0"))
            line.set("dy", "1.15em")
            line.set("font-size", _SECOND_LINE_SIZE)
            line.set("{http://www.w3.org/XML/1998/namespace}lang", below.replace("_", "-"))
    if not changed:
        return None
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def write_translated(image: nodes.image, folder: Path, edition: str) -> Path | None:
    """Write the translated drawing an image node carries (``nk_svg``) into ``folder``
    as ``<name>.<edition>.svg``; None when the node has none."""
    from normkit.files import write_atomic

    drawing = image.get("nk_svg")
    if not drawing:
        return None
    target = folder / f"{Path(image['uri']).stem}.{edition}.svg"
    write_atomic(target, drawing.encode("utf-8"))
    return target


class TranslateFigures(SphinxTransform):
    """Puts the translated drawing of each SVG figure on its image node (``nk_svg``)."""

    # After the text's translation (20) and the bilingual pairing (25).
    default_priority = 26

    def apply(self, **kwargs: object) -> None:
        if not hasattr(self.env, "normkit"):
            return
        ctx = context_of(self.env)
        if ctx.edition == ctx.master_language:
            return
        translate, below = self._translator(ctx)
        srcdir = Path(self.env.srcdir).resolve()
        for image in self.document.findall(nodes.image):
            uri = image.get("uri", "")
            path = (srcdir / uri).resolve()
            if not uri.lower().endswith(".svg") or not path.is_relative_to(srcdir):
                continue
            try:
                drawing = translate_svg(path.read_bytes(), translate, below)
            except (OSError, etree.XMLSyntaxError):
                continue  # the writers report an unreadable figure with its place
            if drawing is not None:
                image["nk_svg"] = drawing.decode("utf-8")

    def _translator(self, ctx) -> tuple[Callable[[str], str], str | None]:
        if ctx.edition == "bilingual":
            from normkit.sphinxext.bilingual import _catalog

            second = ctx.system.settings.bilingual_language
            messages = _catalog(ctx.standard.translation_file(second), second)
            return (lambda key: messages.get(key, "")), second
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, _ = init_locale(dirs, self.config.language, domain)
        return catalog.gettext, None
