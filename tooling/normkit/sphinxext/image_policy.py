"""The one rule for figures: a readable, safe image file of the standard's folder.

Every writer puts the same files into its edition (HTML copies them, the PDF embeds
them through WeasyPrint, the DOCX through python-docx and rsvg-convert), so they are
judged once, while the sources are read (:class:`CheckImages`), where each image
still knows its file and line. An image is refused when it is a URL (nothing is
fetched while building), lies outside the standard's folder (symlinks resolved), is
missing or unreadable, or is an SVG that could run code or reach other files when a
reader opens it: scripts, event handlers, ``foreignObject``, entity declarations,
links or style sheets naming anything but the drawing itself or an embedded raster.
A refused figure is an error: the edition would be incomplete without it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree
from docutils import nodes
from sphinx.transforms import SphinxTransform

from normkit.sphinxext.security import Refusal, is_inside

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# References an SVG may keep: its own fragments and rasters embedded as data.
_SAFE_REFERENCE = re.compile(r"^\s*(#|data:image/(png|jpeg|gif|webp)[;,])", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"]*)", re.IGNORECASE)
_ELEMENTS_REFUSED = {"script": "a <script> element", "foreignObject": "a <foreignObject>"}
_RASTERS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}


class ImageRefused(Exception):
    """An image that may not go into an edition; the message says why, ``hint`` what to
    do (by default: keep it inside the standard's folder)."""

    def __init__(self, message: str, hint: str = "put the file in figures/") -> None:
        super().__init__(message)
        self.hint = hint


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _css_problems(css: str) -> list[str]:
    found = []
    if "@import" in css.lower():
        found.append("a style sheet @import")
    for url in _CSS_URL.findall(css):
        if not _SAFE_REFERENCE.match(url):
            found.append(f"a style reference to {url!r}")
    return found


def svg_problems(data: bytes) -> list[str]:
    """What in an SVG could run code or reach other files (empty when it is safe)."""
    try:
        root = SafeTree.fromstring(data, forbid_dtd=False)
    except DefusedXmlException:
        return ["entity declarations (they can read files or expand without end)"]
    except SafeTree.ParseError as error:
        return [f"XML that does not parse ({error})"]
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        if name in _ELEMENTS_REFUSED:
            found.append(_ELEMENTS_REFUSED[name])
        if name == "style":
            found += _css_problems(element.text or "")
        for key, value in element.attrib.items():
            attribute = _local(key)
            if attribute.lower().startswith("on"):
                found.append(f"an event handler {attribute}=")
            elif (key == _XLINK_HREF or attribute == "href") and not _SAFE_REFERENCE.match(value):
                found.append(f"a reference to {value!r} in <{name}>")
            elif attribute == "style" or "url(" in value:
                found += _css_problems(value)
            if "javascript:" in value.lower().replace(" ", ""):
                found.append(f"a javascript: value in {attribute}=")
    return list(dict.fromkeys(found))


def raster_problem(path: Path) -> str | None:
    """Why a raster image cannot go into an edition (None when it can): a file that is
    not the image its name says, or one larger than the writers can hold in memory (a
    decompression bomb: a small file that unpacks to gigabytes)."""
    from PIL import Image, ImageFile

    limit = Image.MAX_IMAGE_PIXELS or 0
    too_large = (
        f"{path.name} has more than the {limit // 1_000_000} million pixels an edition can "
        "hold; scale it down (300 dpi at its printed size is enough)"
    )
    # WeasyPrint, once imported, lets Pillow read cut files (LOAD_TRUNCATED_IMAGES, a
    # global): the check would then depend on what this process did before.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        return _raster_problem(path, limit, too_large)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _raster_problem(path: Path, limit: int, too_large: str) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except Image.DecompressionBombError:  # far larger: Pillow refuses to open it at all
        return too_large
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        # Which of these a file with a known signature but no image gives depends on the
        # plug-ins Pillow has loaded so far: one sentence for all of them.
        return f"{path.name} is not an image Pillow can read; save it again as PNG or JPEG"
    try:
        with image:
            width, height = image.size
            if limit and width * height > limit:
                return too_large.replace("more than", f"{width} × {height} pixels, more than")
            image.verify()  # the file's own checksums: a damaged or cut file
    except (OSError, SyntaxError, ValueError) as error:
        return f"{path.name} is damaged ({error}); save it again as PNG or JPEG"
    return None


def checked_image(uri: str, docdir: Path, srcdir: Path) -> Path:
    """The file an image ``uri`` names, if it may go into an edition.

    ``uri`` is as written in a source in ``docdir`` ("/x" is from the standard's
    folder ``srcdir``). Raises :class:`ImageRefused` with the reason otherwise.
    """
    if "://" in uri or uri.startswith(("//", "data:")) or ":" in uri.split("/")[0]:
        raise ImageRefused("it is a URL, and nothing is fetched from the network while building")
    path = srcdir / uri.lstrip("/") if uri.startswith("/") else docdir / uri
    if not is_inside(path, srcdir):
        raise ImageRefused(f"it is outside the standard's folder {srcdir.name}/")
    candidates = sorted(path.parent.glob(path.name)) if "*" in path.name else [path]
    if not uri.strip():
        raise ImageRefused("it names no file: write the file's path after the directive")
    if not candidates or not all(p.is_file() for p in candidates):
        raise ImageRefused(f"{os.path.relpath(path, srcdir)} does not exist in {srcdir.name}/")
    for candidate in candidates:
        if not is_inside(candidate, srcdir):
            raise ImageRefused(f"{candidate} is outside the standard's folder {srcdir.name}/")
        if not os.access(candidate, os.R_OK):
            raise ImageRefused(f"{candidate} cannot be read")
        if candidate.suffix.lower() in (".svg", ".svgz"):
            problems = svg_problems(candidate.read_bytes())
            if problems:
                raise ImageRefused(
                    f"the SVG {candidate.name} holds {', '.join(problems)}, which could run "
                    "code or read other files when a reader opens it; remove them (in "
                    "Inkscape: save as plain SVG, embed linked images)",
                    "save the drawing again as plain SVG, without scripts or links",
                )
        elif candidate.suffix.lower() in _RASTERS:
            problem = raster_problem(candidate)
            if problem:
                raise ImageRefused(problem, "open it in an image editor and save it again")
    return path


def image_refusal(uri: str, refused: ImageRefused) -> Refusal:
    """The refusal of an image, as the build and ``check`` report it."""
    return Refusal("image", f"image {uri!r} is refused: {refused}", refused.hint)


class CheckImages(SphinxTransform):
    """Refuse, with their file and line, images that may not go into an edition."""

    default_priority = 5

    def apply(self, **kwargs: object) -> None:
        srcdir = Path(self.env.srcdir)
        docdir = Path(self.env.doc2path(self.env.docname)).parent  # images are from the doc
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            try:
                checked_image(uri, docdir, srcdir)
                continue
            except ImageRefused as refused:
                image_refusal(uri, refused).emit(image)
            doomed = image.parent if isinstance(image.parent, nodes.figure) else image
            doomed.parent.remove(doomed)
