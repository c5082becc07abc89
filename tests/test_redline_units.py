"""Redline writers' small rules, without a build: revision dates, list letters, and a
heading's line in each edition."""

from __future__ import annotations

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.writers.docx_redline import _letters
from normkit.writers.redline import block_change, revision_date, side_title


def test_revision_dates_are_utc_datetimes_or_nothing() -> None:
    def date(value: str) -> str:
        document = nodes.document(None, None)
        document["redline_date"] = value
        return revision_date(document)

    assert date("2026-05-01T08:30:00+08:00") == "2026-05-01T00:30:00Z"
    assert date("2026-05-01T08:30:00.123456Z") == "2026-05-01T08:30:00Z"
    assert date("2026-05-01") == "2026-05-01T00:00:00Z"
    assert date("") == "" and date("last Tuesday") == ""  # a revision may lack a date


def test_change_list_letters_go_on_after_z() -> None:
    assert [_letters(n) for n in (1, 2, 26, 27, 28, 52, 53)] == [
        "a", "b", "z", "aa", "ab", "az", "ba",
    ]  # fmt: skip


def test_a_heading_reads_in_each_editions_words() -> None:
    title = nodes.title(
        "",
        "",
        nk.redline_delete("", "", nk.generated_text("5.4", "5.4", kind="clause")),
        nk.redline_insert("", "", nk.generated_text("6.1", "6.1", kind="clause")),
        nodes.Text("　防雷与接地"),
    )
    assert side_title(title, "new") == "6.1　防雷与接地"
    assert side_title(title, "old") == "5.4　防雷与接地"
    assert len(title.children) == 3  # the title itself is left as it was


def test_only_the_four_kinds_of_the_model_are_whole_element_changes() -> None:
    assert block_change(nodes.paragraph(redline="moved-to")) == "moved-to"
    assert block_change(nodes.paragraph(redline="modified")) == ""
    assert block_change(nodes.Text("inserted")) == ""
