"""Tables continued on the next page: "表2（续）" / "Table 2 (continued)".

GB/T 1.1-2020 8.6.4 (as ISO/IEC Directives Part 2) has a table that runs onto the next
page repeat its header there under the title "表2（续）". Paged media has no selector for
"the copy of a header repeated on a later page": WeasyPrint repeats ``<thead>`` as it
is, and a caption only once (Kozea/WeasyPrint#1794; wkhtmltopdf and Vivliostyle lack it
too). So the PDF writer lays the document out, asks the laid-out pages where each
table broke, and splits it there into separate tables: the first part keeps the title,
each further part starts a new page with the table's ``data-nk-continued`` title
(:class:`~normkit.writers.print_html.PrintTranslator` writes it from the model), the
header and its rows. Adding a title moves what follows, so the layout is checked again
until no part of a table runs over a page (a part that does is split further, its rows
moved into the next part when there is one); a document without a broken table is laid
out once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element, SubElement

#: The attribute holding the title of a table's further parts.
CONTINUED = "data-nk-continued"
#: The class of a further part (print.css: on a new page, its title as a caption).
PART_CLASS = "nk-table-continued"
#: How many times a document is laid out at most: the first layout, then one per round
#: of splits (each round settles every table it finds; later rounds only follow the
#: lines that earlier titles moved).
MAX_LAYOUTS = 4


def page_breaks(pages: Iterable[Any]) -> list[tuple[Element, list[Element]]]:
    """Each table with a continued title laid out over several pages, in document order,
    with the first body row of each page after its first (a row taller than a page,
    broken inside, is no place to split and is left out)."""
    from weasyprint.formatting_structure import boxes

    found: dict[int, tuple[Element, list[Element]]] = {}
    last_row: dict[int, Element] = {}
    for page in pages:
        for box in page._page_box.descendants():  # noqa: SLF001 (no public box tree)
            element = getattr(box, "element", None)
            if not isinstance(box, boxes.TableBox) or element is None:
                continue
            if element.get(CONTINUED) is None:
                continue
            rows = [
                row.element
                for group in box.children
                if not (group.is_header or group.is_footer)
                for row in group.children
                if row.element is not None
            ]
            if not rows:
                continue
            key = id(element)
            if key in found:
                if rows[0] is not last_row[key]:
                    found[key][1].append(rows[0])
            else:
                found[key] = (element, [])
            last_row[key] = rows[-1]
    return [entry for entry in found.values() if entry[1]]


def _parents(root: Element) -> dict[int, Element]:
    return {id(child): parent for parent in root.iter() for child in parent}


def _body_groups(table: Element) -> list[Element]:
    return [child for child in table if child.tag == "tbody"]


def _new_part(table: Element, title: str) -> Element:
    """An empty further part of ``table``: its title, columns and header."""
    part = Element("table", {k: v for k, v in table.attrib.items() if k != "id"})
    classes = table.get("class", "").split()
    part.set("class", " ".join([*classes, *([] if PART_CLASS in classes else [PART_CLASS])]))
    caption = Element("caption", {"class": "nk-continued-caption"})
    caption.text = title
    translated = table.get(CONTINUED + "-translation")
    if translated:  # the bilingual edition: "Table 2 (continued)" in its own language
        attributes = {"class": "nk-translation", "lang": table.get(CONTINUED + "-lang", "")}
        SubElement(caption, "span", attributes).text = translated
    part.append(caption)
    for child in table:
        if child.tag in ("colgroup", "thead"):
            part.append(_copy(child))
    return part


def _copy(element: Element) -> Element:
    """A deep copy without ids (an id is one place in the document)."""
    copy = Element(element.tag, {k: v for k, v in element.attrib.items() if k != "id"})
    copy.text, copy.tail = element.text, element.tail
    copy.extend(_copy(child) for child in element)
    return copy


def _move_rows_from(table: Element, row: Element, parents: dict[int, Element]) -> list[Element]:
    """Take ``row`` and every row and body group after it out of ``table``: the groups
    to put in the next part (the group ``row`` was in, cut there, first)."""
    group = parents[id(row)]
    rows = list(group)
    cut = Element("tbody", dict(group.attrib))
    for moved in rows[rows.index(row) :]:
        group.remove(moved)
        cut.append(moved)
    groups = _body_groups(table)
    after = groups[groups.index(group) + 1 :]
    for later in after:
        table.remove(later)
    if not len(group):
        table.remove(group)
    return [cut, *after]


def _next_part(table: Element, parent: Element) -> Element | None:
    """The part that continues ``table`` already, if one follows it."""
    siblings = list(parent)
    index = siblings.index(table)
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    if following is not None and PART_CLASS in following.get("class", "").split():
        return following
    return None


def split(root: Element, table: Element, rows: list[Element]) -> None:
    """Split ``table`` before each of ``rows`` into parts titled with its continued
    title. Rows of the last break go to the front of the part that already continues
    the table, if there is one, so that a part is never left with a single page."""
    title = table.get(CONTINUED, "")
    current = table
    for index, row in enumerate(rows):
        parents = _parents(root)
        parent = parents[id(current)]
        groups = _move_rows_from(current, row, parents)
        existing = _next_part(current, parent) if index == len(rows) - 1 else None
        if existing is not None:
            first = next((i for i, c in enumerate(existing) if c.tag == "tbody"), len(existing))
            for offset, group in enumerate(groups):
                existing.insert(first + offset, group)
            return
        part = _new_part(table, title)
        part.extend(groups)
        part.tail, current.tail = current.tail, "\n"
        parent.insert(list(parent).index(current) + 1, part)
        current = part


def render_continued(html: Any, render: Any) -> Any:
    """Lay ``html`` (a WeasyPrint HTML document) out with ``render``, splitting the tables
    that break over pages until none does; the last layout."""
    document = render()
    for _ in range(MAX_LAYOUTS - 1):
        breaks = page_breaks(document.pages)
        if not breaks:
            break
        for table, rows in breaks:
            split(html.etree_element, table, rows)
        document = render()
    return document
