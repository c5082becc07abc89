"""Figures of the DOCX edition: SVG rasterised to PNG for print, the SVG kept beside it.

Word 2016 and later show the SVG (``asvg:svgBlip``); older Word and LibreOffice show the
PNG fallback, rendered at print resolution by ``rsvg-convert`` (Debian librsvg2-bin).
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement
from PIL import Image, UnidentifiedImageError

#: Print resolution of the PNG fallback of an SVG figure.
PRINT_DPI = 300
#: EMU (English metric units) per CSS pixel at 96 dpi, and per millimetre.
EMU_PER_PX = 9525
EMU_PER_MM = 36000
_SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


class ImageProblem(Exception):
    """An image cannot be read or rendered; the message says why."""


@dataclass(frozen=True)
class Picture:
    """An image ready to embed: PNG (or JPEG/GIF) bytes, optional SVG, size in EMU."""

    raster: bytes
    svg: bytes | None
    width: int
    height: int


def load_picture(path: Path, drawing: bytes | None = None) -> Picture:
    """Read an image file (or take ``drawing``, an SVG made from it: a figure whose
    words are translated); SVG is rasterised. Raises :class:`ImageProblem`."""
    try:
        data = drawing if drawing is not None else path.read_bytes()
    except OSError as error:
        raise ImageProblem(f"cannot read {path}: {error.strerror or error}") from None
    if path.suffix.lower() == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return _svg_picture(data, path)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width_px, height_px = image.size
            dpi = image.info.get("dpi", (96, 96))[0] or 96
            fmt = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(f"{path} is not a readable image ({error})") from None
    if fmt not in ("PNG", "JPEG", "GIF", "BMP", "TIFF"):
        raise ImageProblem(f"{path}: {fmt} images cannot go into a DOCX; use SVG or PNG")
    scale = 96 / float(dpi)
    return Picture(
        data, None, int(width_px * scale * EMU_PER_PX), int(height_px * scale * EMU_PER_PX)
    )


def _svg_picture(data: bytes, path: Path) -> Picture:
    png = rasterise_svg(data, path)
    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    scale = 96 / PRINT_DPI
    return Picture(
        png, data, int(width_px * scale * EMU_PER_PX), int(height_px * scale * EMU_PER_PX)
    )


def rasterise_svg(data: bytes, path: Path) -> bytes:
    """PNG of an SVG at :data:`PRINT_DPI` (cached by content)."""
    return _rasterise(hashlib.sha256(data).hexdigest(), data, str(path))


@functools.lru_cache(maxsize=256)
def _rasterise(digest: str, data: bytes, name: str) -> bytes:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        raise ImageProblem(
            f"cannot render {name} for the DOCX edition: rsvg-convert is not installed "
            "(Debian: apt-get install librsvg2-bin)"
        )
    zoom = f"{PRINT_DPI / 96:.6f}"
    proc = subprocess.run(
        [tool, "--format", "png", "--zoom", zoom, "--background-color", "white"],
        input=data,
        capture_output=True,
        check=False,
        timeout=120,
    )
    if proc.returncode != 0 or not proc.stdout.startswith(b"\x89PNG"):
        reason = proc.stderr.decode("utf-8", "replace").strip() or "no PNG produced"
        raise ImageProblem(f"{name} is not a readable SVG image ({reason})")
    return proc.stdout


def fit(picture: Picture, max_width_mm: float, max_height_mm: float) -> tuple[int, int]:
    """The picture's size in EMU, scaled down (never up) to the text block."""
    width, height = picture.width, picture.height
    scale = min(1.0, max_width_mm * EMU_PER_MM / width, max_height_mm * EMU_PER_MM / height)
    return int(width * scale), int(height * scale)


def embed(document_part, picture: Picture, svg_rids: dict[str, str]) -> tuple[str, str | None]:
    """Add the image parts to the package; the relationship ids (raster, svg).

    ``svg_rids`` remembers the SVG parts already added (by content), so a figure used
    twice is stored once, as python-docx does for the raster.
    """
    raster_rid, _image = document_part.get_or_add_image(io.BytesIO(picture.raster))
    if picture.svg is None:
        return raster_rid, None
    digest = hashlib.sha256(picture.svg).hexdigest()[:16]
    if digest not in svg_rids:
        part = Part(
            PackURI(f"/word/media/svg-{digest}.svg"),
            "image/svg+xml",
            picture.svg,
            document_part.package,
        )
        svg_rids[digest] = document_part.relate_to(part, RT.IMAGE)
    return raster_rid, svg_rids[digest]


def inline_drawing(
    raster_rid: str,
    svg_rid: str | None,
    size: tuple[int, int],
    ident: str,
    name: str,
    description: str,
) -> BaseOxmlElement:
    """A ``w:drawing`` holding an inline picture (with the SVG extension when given)."""
    cx, cy = size
    svg = (
        f'<a:extLst><a:ext uri="{_SVG_EXT_URI}"><asvg:svgBlip '
        'xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        f'r:embed="{svg_rid}"/></a:ext></a:extLst>'
        if svg_rid
        else ""
    )
    xml = (
        f"<w:drawing {nsdecls('w', 'wp', 'a', 'pic', 'r')}>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{ident}" name="{_attr(name)}" descr="{_attr(description)}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{_attr(name)}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{raster_rid}">{svg}</a:blip>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    return parse_xml(xml)


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
