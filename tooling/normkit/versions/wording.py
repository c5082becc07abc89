"""Change lists in words: the redline's list after the cover, the foreword's technical
changes and the markdown summary for a pull request, all from the same Change records
and the label tables' ``[changes]`` words (templates/labels/<language>.toml)."""

from __future__ import annotations

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.labels import Labels
from normkit.sphinxext.unbreakable import wrap_unbreakable
from normkit.versions.changes import BIBLIOGRAPHY, Change


def cited(number: str, labels: Labels) -> str:
    """How a list cites a place by its number (GB/T 1.1-2020 and ISO/IEC Directives
    Part 2 alike): a whole clause "第5章" / "Clause 5", an annex "附录A" / "Annex A", a
    subclause or term entry by its number alone, "5.3"; the bibliography, which has no
    number, by its name ("参考文献" / "the bibliography")."""
    if number == BIBLIOGRAPHY:
        return labels.changes("bibliography", what="")
    if number.isdigit():
        return labels.label("clause", number)
    if len(number) == 1 and number.isalpha():
        return labels.label("annex", number)
    return number


def where(change: Change, labels: Labels, old_edition: str) -> str:
    """ "（见5.3）", "（见2026年版的第6章）", "（见7.1，2026年版的7.1）" — or the English
    "; see 5.3" forms — from the change's numbers."""
    new, old = change.new_number, change.old_number
    if change.label:  # a table or figure is cited by its own number: 表3, 图2
        new, old = (change.label if new else ""), (change.label if old else "")
    else:
        new, old = (cited(new, labels) if new else ""), (cited(old, labels) if old else "")
    if new and old:
        return labels.changes("see_both", new=new, old=old, edition=old_edition)
    if new:
        return labels.changes("see_new", new=new)
    if old:
        return labels.changes("see_old", old=old, edition=old_edition)
    return ""


def describe(change: Change, labels: Labels, old_edition: str) -> str:
    """One change as a sentence: "增加了条款“数据质量”（见4.2）"."""
    quoted = labels.changes("quoted", text=change.title) if change.title else ""
    what = labels.changes(change.element, what=quoted)
    kind = "moved_changed" if change.kind == "moved" and change.changed else change.kind
    return labels.changes(kind, what=what) + where(change, labels, old_edition)


def change_list_node(changes: list[Change], labels: Labels, old: str, new: str) -> nk.change_list:
    """The change list of a redline: one item per change, in words. The writers link
    each item to its element and give the list its heading, legend and, when it is
    empty, the sentence saying so."""
    listing = nk.change_list(old=old, new=new, classes=["nk-change-list"])
    edition = labels.changes("edition_version", version=old)
    for change in changes:
        text = describe(change, labels, edition)
        listing += nk.change_item(  # the writers link it to ``refid``
            text,
            text,
            kind=change.kind,
            element=change.element,
            old_number=change.old_number,
            new_number=change.new_number,
            refid=change.refid,
            classes=[f"nk-change-{change.kind}"],
        )
    # Its quantities and document numbers stay whole and out of justification's
    # stretching, as in the text ("6 m", not "6   m"): it comes after that transform ran.
    # So do the places it cites ("Figure 2", not "Figure ⏎ 2").
    wrap_unbreakable(listing, places(changes, labels))
    return listing


def places(changes: list[Change], labels: Labels) -> tuple[str, ...]:
    """The places a list of changes cites by a label and a number ("Table 3", "Clause 2",
    "Annex B"): each to be kept on one line."""
    found = set()
    for change in changes:
        for number in (change.new_number, change.old_number):
            if number:
                found.add(cited(number, labels))
        if change.label:
            found.add(change.label)
    return tuple(p for p in found if " " in p)


def markdown(number: str, old: str, new: str, changes: list[Change], labels: Labels) -> str:
    """The change list as markdown for a pull-request comment."""
    edition = labels.changes("edition_version", version=old)
    lines = [f"### {number}: {labels.changes('list_title', old=old, new=new)}", ""]
    if not changes:
        return "\n".join([*lines, labels.changes("none"), ""])
    technical = [c for c in changes if c.technical]
    editorial = [c for c in changes if not c.technical]
    for heading, group in (("heading_technical", technical), ("heading_editorial", editorial)):
        if not group:
            continue
        title = labels.changes(heading)
        lines += [f"**{title}** ({len(group)})", ""]
        for letter, change in zip(_letters(), group, strict=False):
            words = [f"~~{change.deleted}~~"] if change.deleted else []
            words += [f"**{change.inserted}**"] if change.inserted else []
            detail = f" — {' → '.join(words)}" if words else ""
            lines.append(f"{letter}) {describe(change, labels, edition)}{detail} `:{change.key}:`")
        lines.append("")
    return "\n".join(lines)


def _letters():
    """a, b, … z, aa, ab …: the list letters of GB/T 1.1-2020 (7.5)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    yield from alphabet
    for first in alphabet:
        for second in alphabet:
            yield first + second
