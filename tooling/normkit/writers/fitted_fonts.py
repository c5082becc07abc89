"""Latin faces with the vertical metrics of the CJK face they are set beside.

A Chinese publisher sets the Latin letters and digits of a Chinese sentence in a
Times-like serif (here FreeSerif), not in the CJK face's own Latin glyphs. WeasyPrint
sizes every line box from the ascent and descent of each font on the line (it has no
``ascent-override``), so a Latin face with other metrics than Noto CJK makes each line
holding a Latin word taller than the others: the page loses its line grid, and 1101 zh
ran a page longer. A *fitted* copy of the Latin face keeps its glyphs and advances
and takes the CJK face's ascender, descender and line gap (hhea, OS/2 typo and win
metrics, and the flag that says which of them counts), so that a line is as tall
whichever of the two faces its characters come from.

The print CSS asks for such a face by URL in an ``@font-face`` rule::

    src: url("normkit-fit:FreeSerif:bold?to=Noto%20Serif%20CJK%20SC")

naming the Latin face and the CJK face as fontconfig patterns (the fonts installed by
setup.sh). :func:`fitted_font` makes the copy with fontTools, renamed ("normkit fitted
FreeSerif", as a modified version must not pass for the original: FreeSerif is GPL
with the font exception, which allows modified copies carrying a notice), and keeps it
under ``build/.cache/fonts/`` by the SHA-256 of both source fonts and of this recipe,
so a build makes it once. The same sources always give the same bytes (no timestamp),
so releases stay byte-reproducible.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from normkit.errors import NormkitError
from normkit.files import write_atomic

#: The URL scheme of a fitted face in the print CSS.
SCHEME = "normkit-fit"
#: Changes whenever :func:`fit` makes other bytes from the same fonts (part of the key).
RECIPE = "1"
#: Words added to the family name of a fitted copy.
FAMILY_PREFIX = "normkit fitted "


class FontNotFound(NormkitError):
    """A face the print CSS names is not installed."""


@dataclass(frozen=True)
class FontFile:
    """One face of an installed font file (``index``: its place in a collection)."""

    path: Path
    index: int = 0


@dataclass(frozen=True)
class FitRequest:
    """What a ``normkit-fit:`` URL asks for: a Latin face fitted to a CJK face."""

    latin: str
    cjk: str

    @classmethod
    def parse(cls, url: str) -> FitRequest:
        """The request of ``normkit-fit:<latin pattern>?to=<cjk pattern>``."""
        parts = urlsplit(url)
        to = parse_qs(parts.query).get("to", [""])[0]
        latin = unquote(parts.path)
        if parts.scheme != SCHEME or not latin or not to:
            raise FontNotFound(
                f"{url} names no font to fit: write {SCHEME}:<Latin face>?to=<CJK face>"
            )
        return cls(latin, to)


@cache
def installed(pattern: str) -> FontFile:
    """The font file fontconfig chooses for a pattern ("FreeSerif:bold"), which must
    really be that family (fontconfig answers every pattern with some font)."""
    family = pattern.split(":", 1)[0].strip().lower()
    try:
        answer = subprocess.run(
            ["fc-match", "--format=%{family}\n%{file}\n%{index}", pattern],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError) as error:
        raise FontNotFound(
            f"cannot look up the font {pattern!r} ({error}); install fontconfig (setup.sh)"
        ) from None
    families = [name.strip().lower() for name in answer[0].split(",")]
    if len(answer) < 3 or family not in families:
        raise FontNotFound(
            f"the font {pattern!r} the print CSS names is not installed "
            f"(fontconfig offers {answer[0]!r}); run setup.sh or name an installed face"
        )
    return FontFile(Path(answer[1]), int(answer[2] or 0))


@cache
def _digest(path: Path, size: int, mtime: float) -> str:
    """SHA-256 of a font file (memoised by its path, size and time: fonts are large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, hashed once per process while it is unchanged."""
    stat = path.stat()
    return _digest(path, stat.st_size, stat.st_mtime)


def fit(latin: FontFile, cjk: FontFile) -> bytes:
    """The Latin face's bytes with the CJK face's vertical metrics and a new name."""
    from fontTools.ttLib import TTFont

    target = TTFont(cjk.path, fontNumber=cjk.index, lazy=True)
    # No bounding boxes or timestamps recomputed: only the tables changed here are
    # compiled again (the glyphs are copied as they are), and the bytes are the same
    # from one build to the next.
    font = TTFont(latin.path, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    scale = font["head"].unitsPerEm / target["head"].unitsPerEm
    source_hhea, source_os2 = target["hhea"], target["OS/2"]
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent = round(source_hhea.ascent * scale)
    hhea.descent = round(source_hhea.descent * scale)
    hhea.lineGap = round(source_hhea.lineGap * scale)
    os2.sTypoAscender = round(source_os2.sTypoAscender * scale)
    os2.sTypoDescender = round(source_os2.sTypoDescender * scale)
    os2.sTypoLineGap = round(source_os2.sTypoLineGap * scale)
    os2.usWinAscent = round(source_os2.usWinAscent * scale)
    os2.usWinDescent = round(source_os2.usWinDescent * scale)
    use_typo = 1 << 7  # USE_TYPO_METRICS: which of the metrics a layout engine takes
    os2.fsSelection = (os2.fsSelection & ~use_typo) | (source_os2.fsSelection & use_typo)
    _rename(font, target["name"].getDebugName(1) or cjk.path.stem)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rename(font: object, cjk_family: str) -> None:
    """A new family name (the GPL's font exception asks that a modified copy say so)."""
    names = font["name"]  # type: ignore[index]
    family = names.getDebugName(16) or names.getDebugName(1)
    subfamily = names.getDebugName(17) or names.getDebugName(2) or "Regular"
    new_family = FAMILY_PREFIX + family
    postscript = (new_family + "-" + subfamily).replace(" ", "")
    notice = f"; vertical metrics changed by normkit to those of {cjk_family}"
    version = (names.getDebugName(5) or "") + notice
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):  # typographic names: families 1/2 say it
            names.removeNames(nameID=record.nameID)
    for name_id, text in (
        (1, new_family),
        (3, f"{postscript};{version}"),
        (4, f"{new_family} {subfamily}".replace(" Regular", "")),
        (5, version),
        (6, postscript),
    ):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)


def font_cache(root: Path) -> Path:
    """Where the builds of the repository at ``root`` keep fitted faces (and the words
    :mod:`normkit.writers.outlined_text` draws)."""
    return root / "build" / ".cache" / "fonts"


def kept(cache_folder: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes kept as ``name`` in ``cache_folder`` (None: no cache), else the bytes
    ``make`` makes, kept there for the next build."""
    file = cache_folder / name if cache_folder else None
    if file is not None and file.is_file():
        return file.read_bytes()
    data = make()
    if file is not None:
        # A cache only spares time: a build folder that cannot be written is no error.
        with contextlib.suppress(OSError):
            write_atomic(file, data)
    return data


def fitted_font(request: FitRequest, cache_folder: Path | None) -> bytes:
    """The fitted face a ``normkit-fit:`` URL asks for, from ``cache_folder`` when made
    before (by the SHA-256 of both fonts and :data:`RECIPE`), else made and kept there."""
    latin, cjk = installed(request.latin), installed(request.cjk)
    key = hashlib.sha256(
        f"{RECIPE}\n{file_digest(latin.path)}\n{file_digest(cjk.path)}\n{cjk.index}".encode()
    ).hexdigest()[:32]
    return kept(cache_folder, f"{key}-{latin.path.stem}.ttf", lambda: _fit_once(latin, cjk))


@cache
def _fit_once(latin: FontFile, cjk: FontFile) -> bytes:
    """:func:`fit`, once per process (every new build folder asks again)."""
    return fit(latin, cjk)
