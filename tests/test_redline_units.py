"""Redline writers' small rules, without a build: revision dates, list letters, a
heading's line in each edition, and the outline (the contents) of a redline."""

from __future__ import annotations

import pytest
from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.outline import flatten, outline
from normkit.sphinxext.titles import title_parts
from normkit.writers.docx_redline import _letters
from normkit.writers.redline import block_change, revision_date


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
    assert title_parts(title).line == "6.1　防雷与接地"
    assert title_parts(title, "old").line == "5.4　防雷与接地"
    assert len(title.children) == 3  # the title itself is left as it was


def _section(ident: str, number: str, text: str, *children: nodes.Node, **attrs: str):
    title = nodes.title("", "", nk.generated_text(number, number, kind="clause"))
    title += nodes.Text(f"　{text}")
    return nodes.section("", title, *children, ids=[ident], **attrs)


def test_the_outline_of_a_redline_keeps_deleted_and_moved_sections() -> None:
    """Every writer's contents come from the outline: in a redline it must list the
    clauses the new edition deleted or moved away (copies of the old ones, ``was-`` ids),
    say what happened to each, pass a clause's change to its subclauses, and keep a
    reworded heading's old words."""
    renamed = _section("scope", "1", "范围")
    renamed[0][1:] = [
        nk.redline_delete("", "", nodes.Text("　适用范围")),
        nk.redline_insert("", "", nodes.Text("　范围")),
    ]
    document = nodes.document(None, None)
    document += [
        renamed,
        _section("was-site", "4", "站址", _section("was-room", "4.1", "机房"), redline="deleted"),
        _section("was-power", "5", "电源", redline="moved-from"),
        _section("power", "6", "电源", redline="moved-to"),
        _section("new", "7", "运维", redline="inserted"),
    ]
    entries = {e.id: e for e in flatten(outline(document, 2))}
    assert list(entries) == ["scope", "was-site", "was-room", "was-power", "power", "new"]
    changes = {ident: e.change for ident, e in entries.items()}
    assert changes == {
        "scope": "", "was-site": "deleted", "was-room": "deleted",
        "was-power": "moved-from", "power": "moved-to", "new": "inserted",
    }  # fmt: skip
    scope = entries["scope"]
    assert scope.line == "1　范围" and scope.old_title is not None
    assert scope.line_of(scope.old_title) == "1　适用范围"
    assert all(e.old_title is None for e in entries.values() if e is not scope)
    assert entries["was-room"].line == "4.1　机房"  # the deleted subclause as it stood


def test_only_the_four_kinds_of_the_model_are_whole_element_changes() -> None:
    assert block_change(nodes.paragraph(redline="moved-to")) == "moved-to"
    assert block_change(nodes.paragraph(redline="modified")) == ""
    assert block_change(nodes.Text("inserted")) == ""


def test_a_repositorys_own_label_table_takes_newer_words_from_normkits(tmp_path) -> None:
    """A body's edited table, written before normkit had a word (here the change list's
    "本文件{what}"), lends that one word from normkit's table of the same language; a word
    neither has is still an error naming the body's file."""
    import tomllib

    from normkit.presentation import DEFAULTS
    from normkit.sphinxext.labels import LabelsError, load_labels

    own = tomllib.loads((DEFAULTS / "labels/zh_CN.toml").read_text(encoding="utf-8"))
    del own["changes"]["standard"]
    own["changes"]["added"] = "新增了{what}"  # the body's own wording stays its own
    lines = [f"[{name}]\n" + "".join(f"{k} = {v!r}\n" for k, v in table.items())
             for name, table in own.items() if isinstance(table, dict)]  # fmt: skip
    folder = tmp_path / "templates/labels"
    folder.mkdir(parents=True)
    (folder / "zh_CN.toml").write_text("\n".join(lines), encoding="utf-8")
    labels = load_labels(tmp_path, "zh_CN")
    assert labels.changes("added", what=labels.changes("standard", what="")) == "新增了本文件"
    with pytest.raises(LabelsError) as refused:
        labels.changes("no_such_word")
    assert str(tmp_path / "templates/labels/zh_CN.toml") in str(refused.value)
