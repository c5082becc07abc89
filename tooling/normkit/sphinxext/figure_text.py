"""The words of a figure are translated like the text: SVG ``<text>`` in the catalog.

A figure drawn in SVG carries its labels as ``<text>`` (and ``<tspan>``) elements and
its ``<title>``. ``normkit translate`` puts each of these strings into the standard's
catalog, located at the SVG file and line (:func:`svg_messages`), so translators see
them beside the clauses, in the message context ``figure``: a label is translated on
its own, as short as its box needs, even where the text has the same words. The English
edition then shows the figure with the English labels, each fitted to the box drawn
around it, and the bilingual edition shows each label with its translation on a smaller
line below (:func:`translate_svg`).

The translated drawing travels on the image node (``nk_svg``): the figure's file stays
the source's, and each writer draws the translated markup instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
#: The message context (``msgctxt``) of figure words in the catalog: a label is translated
#: on its own, shorter than the same words in the text may be.
FIGURE_CONTEXT = "figure"
_SECOND_LINE = 0.8
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    return etree.fromstring(data, parser)


@dataclass
class _Label:
    """One string a reader of the figure sees: ``where`` is "text" or "tail" of
    ``element``; ``column`` holds the elements of a vertical label (else it is empty)."""

    element: etree._Element
    where: str
    words: str
    column: list[etree._Element] = field(default_factory=list)


def _number(value: str | None) -> float | None:
    try:
        return float((value or "").removesuffix("px").strip())
    except ValueError:
        return None


def _one_character(element: etree._Element) -> str | None:
    """The CJK character a ``<text>`` holds alone, with nothing inside or around it."""
    words = (element.text or "").strip()
    if element.tag != f"{_SVG}text" or len(element) or len(words) != 1 or ord(words) < 0x2E80:
        return None
    return words


def _columns(root: etree._Element) -> dict[etree._Element, list[etree._Element]]:
    """Vertical labels, by their first element: Chinese drawings write a word down a
    narrow band as a column of ``<text>`` elements of one character each (same x, same
    size, evenly spaced). Each column is one word, translated as a whole."""
    found: dict[etree._Element, list[etree._Element]] = {}
    for parent in root.iter():
        run: list[etree._Element] = []
        for child in [*parent, None]:
            if child is not None and not isinstance(child.tag, str):
                continue  # comments between the characters
            if child is not None and run and _continues(run, child):
                run.append(child)
                continue
            if len(run) > 1:
                found[run[0]] = run
            run = [child] if child is not None and _one_character(child) else []
    return found


def _continues(run: list[etree._Element], element: etree._Element) -> bool:
    """Whether ``element`` is the next character of the column ``run``."""
    last = run[-1]
    if not _one_character(element) or element.get("x") != last.get("x"):
        return False
    if _font_size(element) != _font_size(last):
        return False
    y, last_y = _number(element.get("y")), _number(last.get("y"))
    if y is None or last_y is None or y <= last_y:
        return False
    if len(run) == 1:
        return True
    pitch = last_y - (_number(run[-2].get("y")) or 0.0)
    return abs((y - last_y) - pitch) < 0.5


def _strings(root: etree._Element) -> Iterator[_Label]:
    """Every string a reader of the figure sees; a vertical label once, as a word."""
    columns = _columns(root)
    inside = {element for column in columns.values() for element in column[1:]}
    for element in root.iter(*_WORDS):
        if element in inside:
            continue
        if element in columns:
            column = columns[element]
            words = "".join((e.text or "").strip() for e in column)
            yield _Label(element, "text", words, column)
            continue
        if element.text and element.text.strip():
            yield _Label(element, "text", element.text)
        if element.tag == f"{_SVG}tspan" and element.tail and element.tail.strip():
            yield _Label(element, "tail", element.tail)


def svg_messages(path: Path) -> list[tuple[str, int]]:
    """The strings of an SVG figure to translate, each with its line."""
    try:
        root = _parse(path.read_bytes())
    except (OSError, etree.XMLSyntaxError):
        return []  # the build reports an unreadable figure, with its place
    return [
        (" ".join(label.words.split()), label.element.sourceline or 0) for label in _strings(root)
    ]


_NARROW = set(" .,;:'()[]/-|!ijlIft")
_WIDE = set("mwMW@%")


def _ems(words: str) -> float:
    """The width of ``words`` in ems, a little generous: CJK characters are square,
    Latin ones about half as wide (Noto Sans: narrow letters a third, capitals two)."""

    def width(c: str) -> float:
        if ord(c) >= 0x2E80:
            return 1.0
        if c in _NARROW:
            return 0.32
        if c in _WIDE:
            return 0.88
        return 0.66 if c.isupper() else 0.57

    return sum(width(c) for c in words)


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


@dataclass(frozen=True)
class _Box:
    """A ``<rect>`` of the drawing: the boxes labels are drawn in."""

    left: float
    top: float
    right: float
    bottom: float

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    @property
    def area(self) -> float:
        return (self.right - self.left) * (self.bottom - self.top)


def _turned(element: etree._Element) -> bool:
    """Whether the element or one of its ancestors is transformed (its coordinates are
    then not the drawing's)."""
    return any(node.get("transform") for node in (element, *element.iterancestors()))


def _boxes(root: etree._Element) -> list[_Box]:
    boxes = []
    for rect in root.iter(f"{_SVG}rect"):
        x, y = _number(rect.get("x", "0")), _number(rect.get("y", "0"))
        width, height = _number(rect.get("width")), _number(rect.get("height"))
        if x is None or y is None or width is None or height is None or _turned(rect):
            continue
        boxes.append(_Box(x, y, x + width, y + height))
    # The drawing itself is the box of the labels drawn outside every other one.
    view = [_number(n) for n in (root.get("viewBox") or "").replace(",", " ").split()]
    if len(view) == 4 and None not in view:
        left, top, width, height = (float(n or 0) for n in view)
        boxes.append(_Box(left, top, left + width, top + height))
    elif _number(root.get("width")) and _number(root.get("height")):
        boxes.append(_Box(0, 0, _number(root.get("width")) or 0, _number(root.get("height")) or 0))
    return boxes


def _marks(root: etree._Element) -> list[_Box]:
    """The extent of the circles, ellipses and polygons drawn (symbols, trees, fields of
    view): a label must not run into them, though they are no boxes to fit it in."""
    marks = []
    for shape in root.iter(f"{_SVG}circle", f"{_SVG}ellipse", f"{_SVG}polygon"):
        if _turned(shape):
            continue
        if shape.tag == f"{_SVG}polygon":
            numbers = [_number(n) for n in (shape.get("points") or "").replace(",", " ").split()]
            if len(numbers) < 4 or None in numbers:
                continue
            xs, ys = [n or 0.0 for n in numbers[0::2]], [n or 0.0 for n in numbers[1::2]]
            marks.append(_Box(min(xs), min(ys), max(xs), max(ys)))
            continue
        cx, cy = _number(shape.get("cx", "0")), _number(shape.get("cy", "0"))
        rx = _number(shape.get("r") or shape.get("rx"))
        ry = _number(shape.get("r") or shape.get("ry"))
        if cx is not None and cy is not None and rx is not None and ry is not None:
            marks.append(_Box(cx - rx, cy - ry, cx + rx, cy + ry))
    return marks


def _inherited(element: etree._Element, name: str, default: str) -> str:
    for node in (element, *element.iterancestors()):
        if node.get(name) is not None:
            return node.get(name, default)
    return default


def _width_room(
    root: etree._Element, element: etree._Element, size: float
) -> tuple[float, _Box] | None:
    """The width a label may take: from its anchor to the edges of the smallest box
    drawn around it, or to a box or mark drawn in its way inside that one (on the sides its
    anchor lets it grow to), less a margin, and that box; None when no box is drawn
    around it."""
    placed = element if element.get("x") is not None else element.getparent()
    if placed is None or _turned(placed):
        return None
    x, y = _number(placed.get("x")), _number(placed.get("y"))
    if x is None or y is None:
        return None
    middle = y - 0.35 * size
    boxes = _boxes(root)
    around = [box for box in boxes if box.holds(x, middle)]
    if not around:
        return None
    box = min(around, key=lambda b: b.area)
    left, right = box.left, box.right
    # Marks reaching out of the box (a crane's radius over a building) are drawn over
    # the label, not in its way.
    inside = [m for m in _marks(root) if box.holds(m.left, m.top) and box.holds(m.right, m.bottom)]
    for other in boxes + inside:
        if other in around or other.bottom < middle - 0.35 * size:
            continue
        if other.top > middle + 0.35 * size:
            continue
        if other.left >= x:
            right = min(right, other.left)
        elif other.right <= x:
            left = max(left, other.right)
    margin = 0.3 * size
    anchor = _inherited(placed, "text-anchor", "start")
    if anchor == "middle":
        return 2 * min(x - left, right - x) - 2 * margin, box
    if anchor == "end":
        return x - left - margin, box
    return right - x - margin, box


def _alone_in(root: etree._Element, element: etree._Element, box: _Box) -> bool:
    """Whether ``element`` is the only label placed in ``box``."""
    for other in root.iter(f"{_SVG}text"):
        x, y = _number(other.get("x")), _number(other.get("y"))
        if other is not element and x is not None and y is not None and box.holds(x, y):
            return False
    return True


def _wrap(element: etree._Element, words: str, size: float, room: float) -> float | None:
    """Set ``words`` on two lines centred on the label's line, broken at the space
    nearest their middle; the size the longer line fits ``room`` at (None: no space)."""
    spaces = [i for i, c in enumerate(words) if c == " "]
    if not spaces:
        return None
    cut = min(spaces, key=lambda i: abs(_ems(words[:i]) - _ems(words[i + 1 :])))
    element.text = None
    x = element.get("x", "0")
    for text, dy in ((words[:cut], "-0.55em"), (words[cut + 1 :], "1.1em")):
        line = etree.SubElement(element, f"{_SVG}tspan", {"x": x, "dy": dy})
        line.text = text
    longer = max(_ems(words[:cut]), _ems(words[cut + 1 :]))
    return room / max(longer * size, 0.01)


def _fit(
    root: etree._Element,
    element: etree._Element,
    original: str,
    translated: str,
    size: float | None = None,
) -> None:
    """Set a translated label smaller when it would not fit: into the box drawn
    around it (see :func:`_width_room`), else into the original's width; down to 55 %
    of its size (``size``: the size it is meant to have, else its own)."""
    if element.tag not in (f"{_SVG}text", f"{_SVG}tspan"):
        return
    size = size or _font_size(element)
    bold = _inherited(element, "font-weight", "normal") in ("bold", "bolder", "600", "700")
    widen = 1.07 if bold else 1.0
    found = _width_room(root, element, size)
    if found is not None and found[0] > 0:
        room, box = found
        ratio = room / max(_ems(translated) * widen * size, 0.01)
        # A label alone in a box twice its height too long for it goes on two lines.
        if (
            ratio < 0.85
            and element.tag == f"{_SVG}text"
            and not len(element)
            and box.bottom - box.top > 2.4 * size
            and _alone_in(root, element, box)
        ):
            ratio = _wrap(element, translated, size * widen, room) or ratio
    else:
        ratio = _ems(original) / max(_ems(translated) * widen, 0.01)
    if ratio < 0.98:
        element.set("font-size", f"{size * max(ratio, 0.55):.1f}px")


def _height_room(root: etree._Element, x: float, y: float, column_length: float) -> float:
    """The length a vertical label may take: the height of the smallest box drawn
    around its middle, less a margin; the column's own length without one."""
    around = [box for box in _boxes(root) if box.holds(x, y)]
    if not around:
        return column_length
    box = min(around, key=lambda b: b.area)
    return max((box.bottom - box.top) * 0.9, column_length)


def _turn(
    root: etree._Element, column: list[etree._Element], words: str, below: str | None
) -> None:
    """Draw the translation of a vertical label turned a quarter left, reading upwards
    along the column as Latin text does in a narrow band, set smaller when it is longer
    than the band. The bilingual edition keeps the column and adds the turned
    translation beside it, in a smaller size."""
    first, last = column[0], column[-1]
    size = _font_size(first)
    x = _number(first.get("x")) or 0.0
    top, bottom = _number(first.get("y")) or 0.0, _number(last.get("y")) or 0.0
    # A CJK glyph stands from 0.88 em above its baseline to 0.12 em below it.
    middle = (top + bottom) / 2 - 0.38 * size
    room = _height_room(root, x, middle, bottom - top + size)
    if below is None:
        label = first
        for element in column[1:]:
            element.getparent().remove(element)
        label.text = words
        label.getparent().append(label)  # drawn last: over the lines it crosses
        # Latin capitals stand about 0.7 em: the baseline 0.35 em right of the middle.
        baseline = x + 0.35 * size
    else:
        label = etree.Element(f"{_SVG}text", {k: v for k, v in first.attrib.items()})
        last.addnext(label)
        label.tail = last.tail
        label.text = words
        label.set(_LANG, below.replace("_", "-"))
        label.attrib.pop("font-weight", None)
        size *= 0.8
        baseline = x + 0.5 * size / 0.8 + 0.15 * size + 0.7 * size
    fitted = min(size, room / max(_ems(words), 0.01))
    label.set("font-size", f"{max(fitted, size * 0.55):.1f}px")
    label.set("x", f"{baseline:.1f}")
    label.set("y", f"{middle:.1f}")
    label.set("text-anchor", "middle")
    label.set("transform", f"rotate(-90 {baseline:.1f} {middle:.1f})")


def translate_svg(
    data: bytes, translate: Callable[[str], str], below: str | None = None
) -> bytes | None:
    """The SVG with its strings translated; None when nothing was translated.

    ``below`` (a language code): keep each label and add its translation on a line
    below it in that language (the bilingual edition, :func:`_pair`); titles read
    "master / translation".
    """
    root = _parse(data)
    changed = False
    lines: list[tuple[etree._Element, str, str]] = []  # bilingual: label lines to pair
    for label in list(_strings(root)):
        element, where = label.element, label.where
        key = " ".join(label.words.split())
        other = translate(key)
        if not other or other == key:
            if below is not None and _line_of(label) is not None:
                lines.append((_line_of(label), key, ""))  # kept in its block, untranslated
            continue
        changed = True
        if label.column:
            _turn(root, label.column, other, below)
        elif below is None:
            setattr(element, where, other)
            if where == "text":
                _fit(root, element, key, other)
        elif element.tag in (f"{_SVG}title", f"{_SVG}desc"):
            element.text = f"{key} / {other}"
        elif _line_of(label) is not None:
            lines.append((_line_of(label), key, other))
    if not changed:
        return None
    if below is not None:
        for block in _blocks(lines):
            _pair(root, block, below)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _line_of(label: _Label) -> etree._Element | None:
    """The ``<text>`` element that is a label's line: the label's own, or the one whose
    only content is the label's ``<tspan>`` (a bold heading); None for other strings."""
    element = label.element
    if label.column or label.where != "text" or _turned(element):
        return None
    if element.tag == f"{_SVG}text" and not len(element):
        return element
    parent = element.getparent()
    if (
        element.tag == f"{_SVG}tspan"
        and parent is not None
        and parent.tag == f"{_SVG}text"
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (element.tail or "").strip()
        and element.get("x") is None
        and element.get("y") is None
    ):
        return parent
    return None


def _blocks(
    lines: list[tuple[etree._Element, str, str]],
) -> Iterator[list[tuple[etree._Element, str, str]]]:
    """The lines of the drawing in blocks: a label written on several lines (one
    ``<text>`` a line, same x and anchor, a line's height apart) is one block; only
    blocks with a translation are given."""
    block: list[tuple[etree._Element, str, str]] = []
    for line in lines:
        if block and _follows(block[-1][0], line[0]):
            block.append(line)
            continue
        if any(other for _, _, other in block):
            yield block
        block = [line]
    if any(other for _, _, other in block):
        yield block


def _follows(above: etree._Element, element: etree._Element) -> bool:
    if above.getparent() is not element.getparent() or above.get("x") != element.get("x"):
        return False
    if _inherited(above, "text-anchor", "start") != _inherited(element, "text-anchor", "start"):
        return False
    top, y = _number(above.get("y")), _number(element.get("y"))
    size = max(_font_size(above), _font_size(element))
    return top is not None and y is not None and 0.9 * size <= y - top <= 1.8 * size


def _pair(root: etree._Element, block: list[tuple[etree._Element, str, str]], below: str) -> None:
    """Set each line of a block with its translation on a smaller line under it, the
    whole centred where the block was and set smaller when it would not fit the height
    of the box drawn around it (the translations are fitted to its width)."""
    sizes = [_font_size(element) for element, _, _ in block]
    first, last = block[0][0], block[-1][0]
    x = _number(first.get("x")) or 0.0
    top = (_number(first.get("y")) or 0.0) - 0.88 * sizes[0]
    bottom = (_number(last.get("y")) or 0.0) + 0.12 * sizes[-1]
    middle = (top + bottom) / 2
    # Each line takes 1.2 of its size: the master's, then the translation's (0.8 of it).
    height = sum(
        1.2 * size * (1 + (_SECOND_LINE if other else 0))
        for size, (_, _, other) in zip(sizes, block, strict=True)
    )
    around = [box for box in _boxes(root) if box.holds(x, middle)]
    box = min(around, key=lambda b: b.area) if around else None
    room = box.bottom - box.top - 0.5 * sizes[0] if box else height
    scale = max(min(1.0, room / height), 0.6)
    cursor = middle - height * scale / 2
    if box is not None:  # inside the box: moved off its edges
        cursor = max(min(cursor, box.bottom - height * scale), box.top + 0.15 * sizes[0])
    for size, (element, key, other) in zip(sizes, block, strict=True):
        size *= scale
        cursor += 1.2 * size
        element.set("y", f"{cursor - 0.28 * size:.1f}")
        if scale < 1:
            element.set("font-size", f"{size:.1f}px")
        if not other:
            continue
        second = _SECOND_LINE * size
        cursor += 1.2 * second
        line = etree.Element(f"{_SVG}text", {k: v for k, v in element.attrib.items()})
        line.attrib.pop("font-weight", None)
        line.set("y", f"{cursor - 0.28 * second:.1f}")
        line.set("font-size", f"{second:.1f}px")
        line.set(_LANG, below.replace("_", "-"))
        line.text = other
        element.addnext(line)
        line.tail = element.tail
        _fit(root, line, key, other, second)


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
            path = ctx.standard.translation_file(second)
            # A figure's own word first; a catalog made before figure words had their
            # context holds them as text.
            messages = {**_catalog(path, second), **_catalog(path, second, FIGURE_CONTEXT)}
            return (lambda key: messages.get(key, "")), second
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, _ = init_locale(dirs, self.config.language, domain)

        def translate(key: str) -> str:
            words = catalog.pgettext(FIGURE_CONTEXT, key)
            return words if words != key else catalog.gettext(key)

        return translate, None
