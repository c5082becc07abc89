"""Translated figure words stay in the boxes drawn for them: each translation drawn by
WeasyPrint (the PDF writer's renderer) and read back with pdftotext -bbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_words import Word, page_words

from normkit.sphinxext.figure_text import svg_messages, translate_svg

# A layer band with a vertical label (one character a <text>), a small box, a tall box
# and a legend row whose label must stop before the next symbol.
DRAWING = """\
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300"
     font-family="Noto Sans CJK SC, sans-serif">
<rect x="0" y="0" width="60" height="200" fill="#ddd"/>
<text x="30" y="80" font-size="15" text-anchor="middle">应</text>
<text x="30" y="100" font-size="15" text-anchor="middle">用</text>
<text x="30" y="120" font-size="15" text-anchor="middle">层</text>
<rect x="100" y="20" width="120" height="30" fill="none" stroke="#000"/>
<text x="160" y="40" font-size="14" text-anchor="middle">平台</text>
<rect x="100" y="80" width="90" height="60" fill="none" stroke="#000"/>
<text x="145" y="115" font-size="14" text-anchor="middle">设备管理</text>
<rect x="230" y="180" width="160" height="24" fill="none" stroke="#000"/>
<text x="240" y="196" font-size="12">地磁</text>
<circle cx="340" cy="192" r="8"/>
<rect x="100" y="220" width="120" height="64" fill="none" stroke="#000"/>
<text x="160" y="246" font-size="13" text-anchor="middle">汇聚节点</text>
<text x="160" y="265" font-size="13" text-anchor="middle">双电源</text>
</svg>
"""
ENGLISH = {
    "应用层": "Application layer",
    "平台": "Unified IoT platform",
    "设备管理": "Device management services",
    "地磁": "Geomagnetic detector",
    "汇聚节点": "Aggregation node",
    "双电源": "Dual power",
}
# Each label's box in the drawing's units (left, top, right, bottom).
BOXES = {
    "Application layer": (0, 0, 60, 200),
    "Unified IoT platform": (100, 20, 220, 50),
    "Device management services": (100, 80, 190, 140),
    "Geomagnetic detector": (230, 180, 332, 204),
}
PT = 0.75  # the drawing is set 1 CSS px a unit: 0.75 pt


def _words(svg: bytes, tmp_path: Path) -> list[Word]:
    """The words of ``svg`` drawn by WeasyPrint, their boxes in the drawing's units."""
    import weasyprint

    (tmp_path / "figure.svg").write_bytes(svg)
    page = (
        "<style>@page { size: 400px 300px; margin: 0 } body { margin: 0 }</style>"
        '<img src="figure.svg" style="display: block; width: 400px">'
    )
    pdf = tmp_path / "figure.pdf"
    weasyprint.HTML(string=page, base_url=str(tmp_path)).write_pdf(pdf)
    return [word.scaled(PT) for word in page_words(pdf, 1)]


def test_a_vertical_label_is_one_word_in_the_catalog(tmp_path: Path) -> None:
    figure = tmp_path / "figure.svg"
    figure.write_text(DRAWING, encoding="utf-8")
    messages = dict(svg_messages(figure))
    assert messages["应用层"] == 4  # the line of its first character
    assert not {"应", "用", "层"} & set(messages)


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> list[Word]:
    """The words of the English drawing, as drawn."""
    drawn = translate_svg(DRAWING.encode(), lambda words: ENGLISH.get(words, ""))
    assert drawn is not None
    return _words(drawn, tmp_path_factory.mktemp("english"))


@pytest.mark.parametrize("label", sorted(BOXES))
def test_english_labels_stay_in_their_boxes(label: str, english) -> None:
    words = english
    assert set(label.split()) <= {w.text for w in words}, words
    left, top, right, bottom = BOXES[label]
    for w in words:
        if w.text in label.split():
            assert left <= w.left and w.right <= right and top <= w.top and w.bottom <= bottom, w
    size = [w.height for w in words if w.text == label.split()[0]]
    if label == "Application layer":  # turned a quarter: it reads upwards
        (application,) = [w for w in words if w.text == "Application"]
        assert application.height > 3 * application.width
    else:  # set smaller or on two lines, never unreadably small
        assert size and size[0] > 7, size


def test_the_bilingual_figure_keeps_the_column_and_adds_the_turned_translation(
    tmp_path: Path,
) -> None:
    drawn = translate_svg(DRAWING.encode(), lambda words: ENGLISH.get(words, ""), below="en")
    assert drawn is not None
    words = _words(drawn, tmp_path)
    chinese = [w for w in words if w.text in ("应", "用", "层")]
    (application,) = [w for w in words if w.text == "Application"]
    assert len(chinese) == 3
    # Beside the column, on its right (the middle of the turned word's line right of
    # the characters' em boxes), and inside the band.
    assert application.centre > max(w.right for w in chinese)
    assert application.right <= 60


def test_bilingual_lines_each_with_its_translation_inside_the_box(tmp_path: Path) -> None:
    """A label of two lines in a box: each line, then its translation under it, none
    over another, all inside the box (translations used to overlap the next line)."""
    drawn = translate_svg(DRAWING.encode(), lambda words: ENGLISH.get(words, ""), below="en")
    assert drawn is not None
    words = {w.text: w for w in _words(drawn, tmp_path)}
    order = ["汇聚节点", "Aggregation", "双电源", "Dual"]
    lines = [words[w] for w in order]
    for upper, lower in zip(lines, lines[1:], strict=False):
        # One under the other: poppler's boxes hold the font's whole ascent and descent,
        # the glyphs stand in about their middle 70 %.
        apart = lower.middle - upper.middle
        assert apart >= 0.35 * (upper.height + lower.height), (upper, lower)
    for w in lines:
        assert w.left >= 100 and w.right <= 220 and 220 < w.middle < 284, w
