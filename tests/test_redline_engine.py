"""The structural diff as pure functions, on small doctrees (one scenario a test, as
Sphinx's test_versioning does): what is marked, and what the change list says."""

from __future__ import annotations

import textwrap
from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree

from normkit.sphinxext import nodes as nk
from normkit.versions.changes import collect_changes
from normkit.versions.compare import redline
from normkit.versions.inline import tokens

BASE = """\
Scope
=====

This document specifies requirements for poles.

Poles
=====

Height
------

Poles should be 8 m high.

The foundation shall be concrete.

Spacing
-------

Poles shall stand 30 m apart.

.. table:: Sizes
   :name: tab-sizes

   =====  ======
   Kind   Height
   =====  ======
   A      8 m
   B      10 m
   =====  ======
"""


def doctree(text: str) -> nodes.document:
    """A doctree of reStructuredText, numbered as normkit numbers sections."""
    document = publish_doctree(textwrap.dedent(text), settings_overrides={"report_level": 5})
    _number(document, document, "")
    return document


def _number(document, parent, prefix):
    sections = (c for c in parent.children if isinstance(c, nodes.section))
    for count, section in enumerate(sections, start=1):
        number = f"{prefix}.{count}" if prefix else str(count)
        section["nk_number"] = number
        section["nk_id"] = section["ids"][0]
        _number(document, section, number)


def diff(old_text: str, new_text: str):
    marked = redline(doctree(old_text), doctree(new_text))
    return marked, collect_changes(marked)


def marks(document: nodes.document) -> list[tuple[str, str]]:
    return [
        (n["redline"], " ".join(n.astext().split())[:30])
        for n in document.findall(nodes.Element)
        if n.get("redline")
    ]


def test_tokens_are_chinese_characters_and_whole_latin_words():
    assert tokens("PoE供电30 W，宜不小于2.5 m") == [
        "PoE", "供", "电", "30", " ", "W", "，", "宜", "不", "小", "于", "2.5", " ", "m",
    ]  # fmt: skip


def test_unchanged_documents_have_no_changes():
    marked, changes = diff(BASE, BASE)
    assert changes == [] and marks(marked) == []
    assert not list(marked.findall(nk.redline_insert))


def test_modified_word_is_marked_inside_its_paragraph():
    marked, changes = diff(BASE, BASE.replace("should be 8 m", "shall be 8 m"))
    assert [(c.kind, c.element, c.new_number, c.deleted, c.inserted) for c in changes] == [
        ("modified", "text", "2.1", "should", "shall")
    ]
    paragraph = next(marked.findall(nk.redline_delete)).parent
    assert paragraph.astext() == "Poles shouldshall be 8 m high."
    assert changes[0].technical


def test_inserted_paragraph_and_deleted_paragraph():
    new = BASE.replace(
        "The foundation shall be concrete.\n", "Every pole shall carry a number plate.\n"
    )
    marked, changes = diff(BASE, new)
    assert sorted((c.kind, c.new_number or c.old_number) for c in changes) == [
        ("added", "2.1"),
        ("deleted", "2.1"),
    ]
    assert ("deleted", "The foundation shall be concre") in marks(marked)


def test_inserted_clause_renumbers_without_changes_reported():
    new = BASE.replace(
        "Spacing\n-------", "Colour\n------\n\nPoles shall be grey.\n\nSpacing\n-------"
    )
    marked, changes = diff(BASE, new)
    assert [(c.kind, c.element, c.new_number, c.title) for c in changes] == [
        ("added", "clause", "2.2", "Colour")
    ]
    spacing = next(s for s in marked.findall(nodes.section) if s.get("nk_id") == "spacing")
    assert spacing["nk_number"] == "2.3" and spacing["nk_old_number"] == "2.2"


def test_moved_clause_reads_as_moved_not_deleted_and_added():
    spacing = BASE[BASE.index("Spacing") :]
    moved = BASE.replace(spacing, "").replace("Height\n------", spacing + "\nHeight\n------")
    marked, changes = diff(BASE, moved)
    assert len(changes) == 1 and changes[0].kind == "moved" and changes[0].element == "clause"
    assert {changes[0].old_number, changes[0].new_number} == {"2.1", "2.2"}
    assert not changes[0].technical  # a move alone is structural (GB/T 1.1-2020 8.3)
    assert sorted(m for m, _ in marks(marked)) == ["moved-from", "moved-to"]


def test_table_cell_change_and_added_row():
    new = BASE.replace("   B      10 m\n", "   B      12 m\n   C      14 m\n")
    marked, changes = diff(BASE, new)
    assert [(c.kind, c.element, c.deleted, c.inserted) for c in changes] == [
        ("modified", "table", "10", "12 … C | 14 m")  # the row added, cell by cell
    ]
    rows = [r for r in marked.findall(nodes.row) if r.get("redline")]
    assert [(r["redline"], r.astext().split()) for r in rows] == [("inserted", ["C", "14", "m"])]


def test_deleted_clause_at_the_end_keeps_its_old_number():
    new = BASE[: BASE.index("Spacing")]
    marked, changes = diff(BASE, new)
    assert [(c.kind, c.element, c.old_number, c.new_number, c.title) for c in changes] == [
        ("deleted", "clause", "2.2", "", "Spacing")
    ]
    assert marked.astext().endswith("10 m")  # the old words are kept in the redline


def test_inputs_are_left_unchanged():
    old, new = doctree(BASE), doctree(BASE.replace("30 m", "25 m"))
    before = (old.pformat(), new.pformat())
    redline(old, new)
    assert (old.pformat(), new.pformat()) == before


def _with_notes(texts: list[str]) -> nodes.document:
    """BASE with notes in 2.2, labelled as normkit labels them ("NOTE 1", "NOTE 2")."""
    document = doctree(BASE)
    spacing = next(s for s in document.findall(nodes.section) if s["nk_number"] == "2.2")
    for number, text in enumerate(texts, start=1):
        paragraph = nodes.paragraph("", "", nk.generated_text("", f"NOTE {number}  "))
        paragraph += nodes.Text(text)
        spacing.insert(2 + number, nk.std_note("", paragraph))
    return document


def test_two_swapped_notes_read_as_moved_not_deleted_and_added():
    """Swapped, each note is renumbered: equal in words, no longer in labels."""
    first, second = "Poles near schools are painted yellow.", "Foundations in clay need piles."
    marked = redline(_with_notes([first, second]), _with_notes([second, first]))
    assert sorted(kind for kind, _text in marks(marked)) == ["moved-from", "moved-to"]
    changes = collect_changes(marked)
    assert [(c.kind, c.element, c.title) for c in changes] == [("moved", "note", first)]
    assert not changes[0].technical  # a move alone changes no requirement


def test_swapped_list_items_read_as_moved():
    items = "\nLists\n=====\n\n- first item here\n- second item there\n- third one\n"
    swapped = items.replace(
        "- first item here\n- second item there", "- second item there\n- first item here"
    )
    marked, changes = diff(BASE + items, BASE + swapped)
    assert sorted(kind for kind, _text in marks(marked)) == ["moved-from", "moved-to"]
    assert [c.kind for c in changes] == ["moved"]


def test_change_list_excerpts_end_at_a_word_a_quantity_or_a_character():
    """The words naming a changed element are cut before "…" where a reader would cut:
    never inside "5 905 MHz", "Q355B" or "document", never after a space; at the end of
    a part of the sentence when one ends near the cut. The length is a width: a Chinese
    character is two Latin letters wide, so English says as much as Chinese."""
    from normkit.versions.excerpt import excerpt, width

    frequency = (
        "路侧单元应支持基于LTE的车联网（LTE-V2X）直连通信，工作频段为 5 905 MHz～5 925 MHz。"
    )
    assert excerpt(frequency) == "路侧单元应支持基于LTE的车联网（LTE-V2X）直连通信…"
    assert excerpt(frequency, 60) == "路侧单元应支持基于LTE的车联网（LTE-V2X）直连通信…"
    assert excerpt(frequency, 44) == "路侧单元应支持基于LTE的车联网（LTE-V2X）直…"
    assert excerpt("主杆宜采用Q355B钢材" * 3, 22) == "主杆宜采用Q355B钢材主…"
    assert excerpt("主杆宜采用Q355B钢材", 16) == "主杆宜采用Q355B…"
    assert excerpt("主杆宜采用Q355B钢材", 12) == "主杆宜采用…"
    english = "Facilities shall conform to this document and to IEC 61000-4-2 in every case."
    cut = "Facilities shall conform to this document and to IEC 61000-4-2 in every…"
    assert excerpt(english) == cut
    assert excerpt(english, 40) == "Facilities shall conform to this…"
    # An English title of a change list reads as far as a Chinese one.
    assert width(excerpt(english)) >= width(excerpt(frequency)) - 2
    backup = "后备时间不宜少于 30 000 h，采用太阳能供电的点位宜配置储能"
    assert excerpt(backup, 36) == "后备时间不宜少于 30 000 h…"
    assert excerpt(backup, 20) == "后备时间不宜少于…"
    assert excerpt("与T/XQZC 1201—2026（道路）相比较而言", 21) == "与T/XQZC 1201—2026…"
    assert excerpt("短句。") == "短句。"
    # Cut at a word when no part of the sentence ends near the cut.
    accuracy = "The licence plate recognition accuracy is determined on a sample of 1 000."
    assert excerpt(accuracy, 50) == "The licence plate recognition accuracy is…"


def test_change_titles_are_the_words_a_reader_sees():
    """An escaped space of the source (``**检测器**\\ 应``) is no character of the title."""
    new = BASE.replace("Poles shall stand 30 m apart.", "**Poles**\\ shall stand 35 m apart.")
    _marked, changes = diff(BASE, new)
    assert [c.title for c in changes] == ["Poles shall stand 35 m apart."]


def test_change_list_keeps_quantities_whole_for_the_writers():
    """The change list is made after the text's numbers were kept whole: its own
    quantities and document numbers are marked the same, so no justified line of the
    PDF stretches "6 m" into "6   m" and no line breaks inside "GB/T 20609—2006"."""
    from normkit.sphinxext.labels import load_labels
    from normkit.versions.changes import Change
    from normkit.versions.wording import change_list_node

    root = Path(__file__).resolve().parents[1]
    title = "安装高度宜为 6 m～8 m；符合GB/T 20609—2006"
    change = Change("modified", "requirement", "5.2", "5.2", title, True, "r1")
    listing = change_list_node([change], load_labels(root, "zh_CN"), "1.0", "1.1")
    kept = [n.astext() for n in listing.findall(nodes.inline) if "nk-nobreak" in n["classes"]]
    assert kept == ["6 m", "8 m", "GB/T 20609—2006"]


def _numbered(number: str, words: str, ident: str, text: str) -> nodes.section:
    """A clause as normkit numbers it: its number a generated label of its title."""
    title = nodes.title("", "", nk.generated_text(number, number, kind="clause"))
    title += nodes.Text(f"　{words}")
    section = nodes.section("", title, nodes.paragraph(text, text), ids=[ident])
    section["nk_number"], section["nk_id"] = number, ident
    return section


def test_a_renumbered_clause_shows_both_numbers_and_is_no_change():
    """A clause renumbered because one was added before it: the redline shows its old
    number deleted and its new one inserted (accept or reject all gives each edition's
    numbers); the change list names the added clause only."""
    old, new = nodes.document(None, None), nodes.document(None, None)
    old += _numbered("5", "供电", "cl-power", "设施应由市电供电。")
    new += _numbered("5", "数据", "cl-data", "数据应每日备份。")
    new += _numbered("6", "供电", "cl-power", "设施应由市电供电。")
    marked = redline(old, new)
    power = next(s for s in marked.findall(nodes.section) if s["nk_id"] == "cl-power")
    title = power[0]
    assert [c.astext() for c in title.findall(nk.redline_delete)] == ["5"]
    assert [c.astext() for c in title.findall(nk.redline_insert)] == ["6"]
    assert [(c.kind, c.element, c.new_number) for c in collect_changes(marked)] == [
        ("added", "clause", "5")
    ]


def test_a_clause_moved_and_edited_is_one_change():
    """Spacing moves from Poles to a new clause and its distance changes: one item,
    "moved and changed", with both numbers — not a move and a change of a requirement."""
    from normkit.sphinxext.labels import load_labels
    from normkit.versions.wording import describe

    spacing = BASE[BASE.index("Spacing\n") :]  # its table with it
    moved = BASE.replace(spacing, "") + (
        "Layout\n======\n\nAlong roads\n-----------\n\nPoles stand on one side.\n\n"
        + spacing.replace("30 m", "35 m")
    )
    _marked, changes = diff(BASE, moved)
    assert [(c.kind, c.changed, c.element, c.old_number, c.new_number) for c in changes] == [
        ("added", False, "clause", "", "3"),
        ("moved", True, "clause", "2.2", "3.2"),
    ]
    labels = load_labels(Path(__file__).resolve().parents[1], "zh_CN")
    assert describe(changes[1], labels, "1.0版") == "移动并更改了条款“Spacing”（见3.2，1.0版的2.2）"
    assert (changes[1].deleted, changes[1].inserted) == ("30", "35")


def test_change_list_keeps_the_places_it_cites_whole():
    """ "see Table 3, Table 3 of version 1.0": a label and its number never part at a
    line's end in the change list, as in the text."""
    from normkit.sphinxext.labels import load_labels
    from normkit.versions.changes import Change
    from normkit.versions.wording import change_list_node

    root = Path(__file__).resolve().parents[1]
    table = Change("modified", "table", "5", "5", "Sizes", True, "t1", label="Table 3")
    clause = Change("added", "clause", "", "2", "Data", True, "c1")
    listing = change_list_node([table, clause], load_labels(root, "en"), "1.0", "1.1")
    kept = [n.astext() for n in listing.findall(nodes.inline) if "nk-nobreak" in n["classes"]]
    assert kept == ["Table 3", "Table 3", "Clause 2"]
    assert listing.astext().count("Table 3") == 2
