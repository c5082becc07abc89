"""The Latin faces of the print edition: FreeSerif/FreeSans with the vertical metrics of
the Noto CJK faces (normkit.writers.fitted_fonts), and the runs of Latin set apart in
Chinese text (normkit.writers.script_runs). The pages themselves are read back in
test_tables.py (faces and line pitch)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from normkit.presentation import DEFAULTS
from normkit.writers import fitted_fonts
from normkit.writers.fitted_fonts import FitRequest, FontNotFound, fitted_font, installed
from normkit.writers.script_runs import LATIN_IN_CHINESE, runs

SERIF = FitRequest.parse("normkit-fit:FreeSerif?to=Noto%20Serif%20CJK%20SC")


def test_a_fitted_face_has_the_cjk_metrics_and_its_own_name(tmp_path: Path) -> None:
    data = fitted_font(SERIF, tmp_path)
    fitted, source = TTFont(io.BytesIO(data)), TTFont(installed("FreeSerif").path)
    cjk_file = installed("Noto Serif CJK SC")
    cjk = TTFont(cjk_file.path, fontNumber=cjk_file.index)
    for table, fields in (
        ("hhea", ("ascent", "descent", "lineGap")),
        ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent")),
    ):
        for name in fields:
            assert getattr(fitted[table], name) == getattr(cjk[table], name), (table, name)
    assert fitted["OS/2"].fsSelection & 0x80 == cjk["OS/2"].fsSelection & 0x80
    # The glyphs and their advances are FreeSerif's.
    assert fitted.getGlyphOrder() == source.getGlyphOrder()
    assert fitted["hmtx"]["A"] == source["hmtx"]["A"]
    assert fitted.getBestCmap() == source.getBestCmap()
    # A modified copy says so in its names and keeps the copyright and licence.
    names = fitted["name"]
    assert names.getDebugName(1) == "normkit fitted FreeSerif"
    assert "normkit" in names.getDebugName(5) and "Noto Serif CJK SC" in names.getDebugName(5)
    assert names.getDebugName(0) == source["name"].getDebugName(0)
    assert names.getDebugName(13) == source["name"].getDebugName(13)


def test_a_fitted_face_is_made_once_and_the_same_each_time(tmp_path: Path) -> None:
    first = fitted_font(SERIF, tmp_path / "cache")
    kept = list((tmp_path / "cache").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == first
    stamp = kept[0].stat().st_mtime_ns
    assert fitted_font(SERIF, tmp_path / "cache") == first
    assert kept[0].stat().st_mtime_ns == stamp  # read back, not made again
    assert fitted_fonts.fit(installed("FreeSerif"), installed("Noto Serif CJK SC")) == first
    # A build folder that cannot be written only loses the cache.
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert fitted_font(SERIF, blocked / "cache") == first


def test_a_face_that_is_not_installed_is_named() -> None:
    with pytest.raises(FontNotFound, match="No Such Face.*not installed"):
        fitted_font(FitRequest.parse("normkit-fit:No%20Such%20Face?to=Noto%20Serif"), None)
    with pytest.raises(FontNotFound, match="names no font to fit"):
        FitRequest.parse("normkit-fit:FreeSerif")


def test_the_css_latin_faces_cover_what_the_writer_sets_apart() -> None:
    """print.css's unicode-range of the "fitted Latin" faces and script_runs' character
    class are one list written twice: the writer must set apart exactly the characters
    those faces print."""
    css = (DEFAULTS / "print" / "print.css").read_text("utf-8")
    ranges = re.findall(r'"Free\w+ fitted Latin".*?unicode-range: ([^;]+);', css, re.DOTALL)
    assert len(ranges) >= 2 and len(set(ranges)) == 1, ranges
    expected = set()
    for first, last in re.findall(r"U\+([0-9A-F]+)-([0-9A-F]+)", ranges[0]):
        expected |= set(range(int(first, 16), int(last, 16) + 1))
    covered = {code for code in range(0x3000) if re.fullmatch(f"[{LATIN_IN_CHINESE}]", chr(code))}
    assert covered == expected


@pytest.mark.parametrize(
    ("text", "language", "pieces"),
    [
        ("新区5G通信", "zh_CN", [("新区", False), ("5G", True), ("通信", False)]),
        (
            "符合T/XQZC 1301的规定",
            "zh_CN",
            [("符合", False), ("T/XQZC 1301", True), ("的规定", False)],
        ),
        ("“统一规划”", "zh_CN", [("“统一规划”", False)]),  # quotes stay in the CJK face
        ("T/XQZC 1301", "zh_CN", [("T/XQZC 1301", False)]),
        (
            "the term 智慧杆 (pole)",
            "en",
            [("the term ", False), ("智慧杆", True), (" (pole)", False)],
        ),
        ("“unified” — planning", "en", [("“unified” — planning", False)]),
    ],
)
def test_runs_of_the_other_script_are_set_apart(
    text: str, language: str, pieces: list[tuple[str, bool]]
) -> None:
    assert list(runs(text, language)) == pieces
