"""Every sample standard is releasable as far as its translations go: ``release``'s own
test (:func:`normkit.release.translations.translation_gaps`) finds no segment of the
master text, figure words included, untranslated or fuzzy in any language it publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from repository import copy_repository

from normkit.release.translations import published_languages, translation_gaps
from normkit.system import load_system

# Extracting the master text runs Sphinx once per standard (about 3 s each on 2 cores).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return copy_repository(tmp_path_factory.mktemp("sample"))


def test_every_sample_standard_has_complete_translations(sample):
    system = load_system(sample)
    assert len(system.standards) == 9
    for standard in system.standards.values():
        assert published_languages(system, standard) == ["en"], standard.number
        assert translation_gaps(sample, system, standard) == [], standard.number


def test_an_untranslated_figure_word_makes_a_gap(sample):
    """The same test refuses a standard whose figure gained a label no catalog has."""
    system = load_system(sample)
    standard = system.standards["T/XQZC 3101"]
    figure = standard.path / "figures" / "architecture.svg"
    drawing = figure.read_text(encoding="utf-8")
    try:
        figure.write_text(
            drawing.replace("</svg>", '<text x="10" y="590">数据出境评估</text></svg>'),
            encoding="utf-8",
        )
        (gap,) = translation_gaps(sample, system, standard)
        assert (gap.language, gap.unfinished, gap.fuzzy) == ("en", 1, 0)
        assert gap.catalog == standard.path / "locale/en/LC_MESSAGES/index.po"
    finally:
        figure.write_text(drawing, encoding="utf-8")
