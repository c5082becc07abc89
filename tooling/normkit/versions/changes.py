"""The change list: every change of a redline, classified, with both editions' numbers.

Each change is one element a reader would name — a clause, annex, term, requirement,
table, figure, cited document, note, example or passage of text — and what happened to
it: added, deleted, modified or moved. ``technical`` is False for editorial changes
(punctuation, spacing, renumbering alone, a move without a change of words, a heading
reworded) and for changes in the foreword, introduction and bibliography, which GB/T
1.1-2020 8.3 leaves out of a foreword's list of technical changes.

One thing changed is one item, as a committee reads the list: a clause moved and edited
is one change ("moved and changed"), a clause whose heading changed holds the changes of
its own text, every edit of the foreword (or the introduction) is one change of it, and
a subclause whose heading was removed — its text now its parent's — is one clause moved.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import nearest
from normkit.sphinxext.bilingual import translation
from normkit.versions.compare import (
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    clause_number,
    settled_in,
)
from normkit.versions.excerpt import excerpt
from normkit.versions.texts import elements

#: Kinds of change, by the mark on the element itself.
_KIND = {INSERTED: "added", DELETED: "deleted", MOVED_TO: "moved"}

#: Elements named by what they are, whatever text they hold.
_WHOLE = (nk.term_entry, nodes.table, nodes.figure, nk.reference_item)
_BLOCKS = (nodes.list_item, nk.std_note, nk.std_example)
_NOT_TECHNICAL = (nk.foreword, nk.introduction, nk.bibliography, nk.cover)
_FRONT = {kind.__name__ for kind in _NOT_TECHNICAL}
_NORMATIVE = {"requirement", "recommendation", "permission"}

#: Informative elements: they state no provision, so their changes are editorial (the
#: note 1201 deleted once its words became term 3.3's definition changed nothing).
_INFORMATIVE = ("note", "example")

#: The place of a cited document listed in the bibliography, which has no number.
BIBLIOGRAPHY = "bibliography"


@dataclass(frozen=True)
class Change:
    """One change between two editions.

    ``old_number`` / ``new_number`` are the numbers of the clause (or annex, or term)
    the element is or stands in, in each edition ("" where it is absent); ``label`` its
    own label where it has one ("表2"); ``title`` what names it (a title, a term, the
    first words); ``deleted`` / ``inserted`` the words that changed; ``refid`` the
    element's id in the redline.
    """

    kind: str
    element: str
    old_number: str
    new_number: str
    title: str
    technical: bool
    refid: str
    label: str = ""
    deleted: str = ""
    inserted: str = ""
    #: What the change is whatever the numbers: kind, element and the stable id of the
    #: element or of the clause it is in ("added term term-radar-video"). An editor's
    #: wording of the change in ``.. technical-changes::`` is filed under it.
    key: str = ""
    #: A moved element whose words changed too: "moved and changed".
    changed: bool = False
    #: The changes this one holds, each (kind, element, old number, new number): the
    #: edits of a clause moved or retitled, the paragraphs of the foreword.
    parts: tuple[tuple[str, str, str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The change as plain data (JSON, markdown)."""
        return asdict(self)


def reportable(node: nodes.Element) -> nodes.Element:
    """The element a change inside ``node`` is reported on."""
    chain = []
    current: nodes.Node | None = node
    while current is not None and not isinstance(current, nodes.document):
        chain.append(current)
        if isinstance(current, nodes.section):
            break
        current = current.parent
    whole = [c for c in chain if isinstance(c, _WHOLE)]
    if whole:
        return whole[-1]
    for kinds in (_BLOCKS, nodes.paragraph):
        found = next((c for c in chain if isinstance(c, kinds)), None)
        if found is not None:
            return found
    if node.get("redline"):  # a whole list or block of its own, inserted or deleted
        return node
    return chain[-1] if chain else node


def _cited(node: nodes.Element) -> nk.reference_item | None:
    """The cited document a list item of references holds."""
    if not isinstance(node, nodes.list_item):
        return None
    # The bilingual edition pairs the item with its translation: the first one names it.
    return node.next_node(nk.reference_item)


def element_of(node: nodes.Element) -> str:
    """What a reader calls the element: clause, annex, term, requirement, table …"""
    if isinstance(node, nk.reference_item) or _cited(node) is not None:
        return "reference"  # cited in the normative references or the bibliography
    around = _front_matter(node)
    if around is not None:
        return type(around).__name__
    if isinstance(node, nodes.section):
        return "annex" if node.get("nk_annex_status") else "clause"
    if isinstance(node, nk.term_entry):
        return "term"
    if isinstance(node, nodes.table):
        return "table"
    if isinstance(node, nodes.figure):
        return "figure"
    if any(
        kind in _NORMATIVE
        for inner in elements(node)
        if isinstance(inner, nodes.paragraph)
        for kind in inner.get("provisions", ())
    ):
        return "requirement"
    if isinstance(node, nk.std_note):
        return "note"
    if isinstance(node, nk.std_example):
        return "example"
    return "text"


def plain_text(node: nodes.Node, side: str = "new") -> str:
    """The words of ``node`` on one side of the redline, generated labels left out."""
    # The bilingual edition's titles and paragraphs inside ``node`` carry their
    # translation: the master names them.
    skip = (
        nk.generated_text,
        translation,
        nk.redline_delete if side == "new" else nk.redline_insert,
    )
    parts: list[str] = []

    def walk(current: nodes.Node) -> None:
        if isinstance(current, skip) or (current is not node and _translation_half(current)):
            return
        if isinstance(current, nodes.Text):
            parts.append(current.astext())  # without docutils' NUL escapes
        elif isinstance(current, nodes.Element):
            for child in current.children:
                walk(child)

    walk(node)
    return " ".join("".join(parts).split())


def title_of(node: nodes.Element, side: str = "new", length: int = 72) -> str:
    """What names an element: its title or caption, its term, its number, first words."""
    if isinstance(node, nk.term_entry):
        preferred = node.next_node(nk.term_preferred)
        return preferred.astext() if preferred is not None else node.get("term", "")
    cited = node if isinstance(node, nk.reference_item) else _cited(node)
    if cited is not None:
        return cited.get("number") or plain_text(cited, side)
    heading = next((c for c in node.children if isinstance(c, (nodes.title, nodes.caption))), None)
    text = plain_text(heading if heading is not None else node, side).strip(" —:：　")
    return excerpt(text, length)


def translated_title(node: nodes.Element, side: str = "new", length: int = 72) -> str:
    """What names an element of the bilingual edition in its translation half: the
    translation of its title or caption, its term's equivalent, its translated first
    words ("" when the element has no translation half)."""
    if isinstance(node, nk.term_entry):
        equivalent = node.next_node(nk.term_equivalent)
        return equivalent.astext() if equivalent is not None else ""
    cited = node if isinstance(node, nk.reference_item) else _cited(node)
    if cited is not None:
        return title_of(node, side, length)
    heading = next((c for c in node.children if isinstance(c, (nodes.title, nodes.caption))), None)
    if heading is not None:
        half = heading.next_node(translation)
    else:  # a paragraph's translation is beside it, in the pair they make
        around = node.parent if isinstance(node.parent, nk.bilingual_pair) else node
        half = next(
            (p for p in around.findall(nodes.paragraph) if "nk-translation" in p["classes"]), None
        )
    if half is None or "nk-untranslated" in half["classes"]:
        return ""
    text = " ".join(plain_text(c, side) for c in half.children).strip(" —:：　")
    return excerpt(text, length)


def _label_of(node: nodes.Element) -> str:
    heading = next((c for c in node.children if isinstance(c, (nodes.title, nodes.caption))), None)
    generated = heading.next_node(nk.generated_text) if heading is not None else None
    return generated.astext() if generated is not None else ""


def _front_matter(node: nodes.Node) -> nodes.Element | None:
    """The foreword, introduction, bibliography or cover ``node`` is part of."""
    return nearest(node, _NOT_TECHNICAL, include_self=True)


def _outside_body(node: nodes.Node) -> bool:
    return _front_matter(node) is not None


def _substantive_inside(node: nodes.Element) -> bool:
    """Whether any word inside changed (an inline change or a marked part)."""
    for inner in node.findall(nodes.Element):
        if inner.get("nk_changed") == "substantive":
            return True
        if inner is not node and inner.get("redline") and inner.astext().strip():
            return True
    return False


def collect_changes(redline: nodes.document) -> list[Change]:
    """Every change of a redline doctree in reading order; gives each changed element an
    id (``refid``) if it has none. A standard one version does not have is one change:
    the document added, or deleted."""
    if redline.get("redline_whole"):
        return [_whole_change(redline)]
    found: dict[int, nodes.Element] = {}
    for node in elements(redline, settled_in(redline)):
        mark = node.attributes.get("redline")
        changed = node.attributes.get("nk_changed", "renumbered") != "renumbered"
        if mark == MOVED_FROM or not (mark or changed):
            continue  # renumbering alone is in the redline, not in the list
        if isinstance(_front_matter(node), nk.cover):
            continue  # the cover follows the metadata: the list names the versions
        target = _master_half(reportable(node))
        found.setdefault(id(target), target)
    entries = []
    for number, node in enumerate(found.values(), start=1):
        if not node["ids"]:
            node["ids"].append(f"nk-change-{number}")
        entries.append((_change(node), node))
    changes = []
    keys: dict[str, int] = {}
    for change, _node in _clause_items(_front_matter_items(_dissolved(entries))):
        keys[change.key] = keys.get(change.key, 0) + 1
        if keys[change.key] > 1:  # two changes of one kind in one clause
            change = replace(change, key=f"{change.key} {keys[change.key]}")
        changes.append(change)
    return changes


def _translation_half(node: nodes.Node) -> bool:
    """Whether ``node`` is the translation paragraph of a bilingual edition's pair."""
    return isinstance(node, nodes.paragraph) and "nk-translation" in node["classes"]


def _master_half(node: nodes.Element) -> nodes.Element:
    """In the bilingual edition, the master paragraph a changed translation paragraph is
    paired with: a change of either half is one item of the list, named in the master's
    words as every other item is (not the same change listed twice, once per language)."""
    pair = node.parent
    if (
        isinstance(pair, nk.bilingual_pair)
        and _translation_half(node)
        and isinstance(pair.children[0], nodes.paragraph)
        and pair.children[0] is not node
    ):
        return pair.children[0]
    return node


def _whole_change(redline: nodes.document) -> Change:
    """The one change of a standard that only one of the two versions has."""
    kind = _KIND[redline["redline_whole"]]
    first = next((c for c in redline.children if c.get("redline")), redline)
    if not first["ids"]:
        first["ids"].append("nk-change-1")
    title = next((p for p in redline.findall(nodes.paragraph) if p.get("field") == "title"), None)
    number = str(redline.get("nk_standard", ""))
    return Change(
        kind=kind,
        element="standard",
        old_number="",
        new_number="",
        # The cover's words are generated: all of them name the standard.
        title=" ".join(title.astext().split()) if title is not None else number,
        technical=True,
        refid=first["ids"][0],
        key=f"{kind} standard {number.replace(' ', '')}",
    )


def _anchor(node: nodes.Element) -> str:
    """The stable id of an element, or of the clause (term, table …) it stands in."""
    cited = node if isinstance(node, nk.reference_item) else _cited(node)
    if cited is not None:
        return cited.get("number", "").split("—")[0].replace(" ", "")
    current: nodes.Node | None = node
    while current is not None and not isinstance(current, nodes.document):
        if isinstance(current, nodes.Element) and current.get("nk_id"):
            return current["nk_id"]
        if isinstance(current, _NOT_TECHNICAL):
            return type(current).__name__
        current = current.parent
    return "document"


def _body_text(node: nodes.Element, side: str) -> str:
    """The words of an element without its title, without spaces: the text of a clause
    and of a paragraph holding inline pieces (a number kept whole) compare equal."""
    parts = [
        plain_text(c, side)
        for c in node.children
        if not isinstance(c, nodes.title) and not _translation_half(c)
    ]
    return "".join("".join(parts).split())


#: A change paired with the element of the redline it is reported on.
Entry = tuple[Change, nodes.Element]


def _dissolved(entries: list[Entry]) -> list[Entry]:
    """A clause deleted whose words were added elsewhere unchanged (its heading removed,
    its text now in its parent) is one clause, moved: GB/T 1.1-2020 counts it as a change
    of structure, not of content. Its new parent's heading, reworded for it (7.4 "线缆敷设
    与防雷接地" → "线缆敷设" once 7.4.1 "线缆敷设" is its text), is part of that move."""
    added = {
        _body_text(node, "new"): i
        for i, (change, node) in enumerate(entries)
        if change.kind == "added" and not isinstance(node, nodes.section)
    }
    merged: dict[int, Entry] = {}
    dropped: set[int] = set()
    for i, (change, node) in enumerate(entries):
        if change.kind != "deleted" or not isinstance(node, nodes.section):
            continue
        j = added.get(_body_text(node, "old"))
        if j is None or j in dropped:
            continue
        target, target_node = entries[j]
        dropped.add(j)
        parts = [_part(target)]
        parent = _clause_of(target_node)
        retitled = next(
            (k for k, (c, n) in enumerate(entries) if n is parent and c.kind == "modified"), None
        )
        if retitled is not None and retitled not in merged:
            dropped.add(retitled)
            parts.append(_part(entries[retitled][0]))
        moved = replace(
            change, kind="moved", new_number=target.new_number, refid=target.refid,
            technical=False, key=change.key.replace("deleted", "moved", 1), deleted="",
            parts=tuple(parts),
        )  # fmt: skip
        merged[i] = (moved, node)
    return [merged.get(i, e) for i, e in enumerate(entries) if i not in dropped]


def _part(change: Change) -> tuple[str, str, str, str]:
    return (change.kind, change.element, change.old_number, change.new_number)


def _joined(*texts: str) -> str:
    return " … ".join(t for t in texts if t)


def _absorbed(whole: Change, part: Change) -> Change:
    """``whole`` holding ``part``: one item, technical if either is."""
    return replace(
        whole,
        technical=whole.technical or part.technical,
        deleted=_joined(whole.deleted, part.deleted),
        inserted=_joined(whole.inserted, part.inserted),
        changed=whole.changed or (whole.kind == "moved" and part.kind != "moved"),
        parts=(*whole.parts, _part(part), *part.parts),
    )


#: Front matter whose edits are one change each in the list (the bibliography's cited
#: documents stay changes of their own: a reference moved there from clause 2).
_ONE_CHANGE = (nk.foreword, nk.introduction)


def _front_matter_items(entries: list[Entry]) -> list[Entry]:
    """Every change inside the foreword (or introduction) as one change of it: a reader
    of the list wants to know that the foreword changed, not its paragraphs one by one
    (the redline shows each)."""
    out: list[Entry] = []
    where: dict[int, int] = {}
    for change, node in entries:
        front = _front_matter(node)
        if not isinstance(front, _ONE_CHANGE) or change.element == "reference":
            out.append((change, node))
            continue
        at = where.get(id(front))
        if at is None:
            where[id(front)] = len(out)
            kind = _KIND.get(front.get("redline", ""), "modified")
            element = type(front).__name__
            whole = replace(
                change, kind=kind, element=element, title="", old_number="", new_number="",
                label="", technical=False, key=f"{kind} {element} {element}",
                deleted="", inserted="", parts=(),
            )  # fmt: skip
            out.append((_absorbed(whole, change), front))
        else:
            whole, _front = out[at]
            out[at] = (_absorbed(whole, change), front)
    # Its words changed here and there: the redline shows them, the list names it.
    return [
        (replace(c, deleted="", inserted=""), n) if isinstance(n, _ONE_CHANGE) else (c, n)
        for c, n in out
    ]


def _clause_items(entries: list[Entry]) -> list[Entry]:
    """A clause moved, or whose heading changed, holding the changes of its own text
    (not of its subclauses, terms, tables, figures or cited documents, which are
    elements of their own): one item, "moved and changed" or "changed"."""
    out: list[Entry] = []
    heads: dict[int, int] = {}
    for change, node in entries:
        if isinstance(node, nodes.section) and change.kind in ("modified", "moved"):
            heads[id(node)] = len(out)
            out.append((change, node))
            continue
        home = _clause_of(node)
        at = heads.get(id(home)) if home is not None else None
        own = not isinstance(node, (*_WHOLE, nodes.section)) and _cited(node) is None
        if at is None or not own or change.kind == "moved":
            out.append((change, node))
            continue
        whole, head = out[at]
        out[at] = (_absorbed(whole, change), head)
    return out


def _clause_of(node: nodes.Node) -> nodes.Node | None:
    """The clause (or annex) ``node`` stands in, not ``node`` itself."""
    return nearest(node, nodes.section)


def _words(inner: nodes.Element, node: nodes.Element, mark: str) -> str:
    """The words ``inner`` deleted or inserted within ``node``: the words changed in a
    paragraph, or the whole text of a part marked as a whole (a table's row, a cell's
    paragraph rewritten: "5 min" → "见表3")."""
    if inner is not node and inner.get("redline") == mark:
        side = "old" if mark == DELETED else "new"
        rows = [inner] if isinstance(inner, nodes.row) else list(inner.findall(nodes.row))
        return _joined(*(_cells(row, side) for row in rows)) or " ".join(
            plain_text(inner, side).split()
        )
    return inner.get("nk_deleted" if mark == DELETED else "nk_inserted", "")


def _cells(row: nodes.row, side: str) -> str:
    """A table row's words, cell by cell: "雷视一体机 | 机动车目标检测准确率 | ≥ 95%"."""
    return " | ".join(" ".join(plain_text(c, side).split()) for c in row.findall(nodes.entry))


def _change(node: nodes.Element) -> Change:
    mark = node.get("redline", "")
    kind = "moved" if node.get("nk_moved_unpaired") else _KIND.get(mark, "modified")
    old_side = mark in (DELETED, MOVED_FROM)
    if kind in ("added", "deleted"):
        technical = bool(node.astext().strip())
    elif isinstance(node, nodes.section):
        # Reported on the clause itself: its heading changed (or it moved). A heading
        # states no requirement; the changes of its text are counted with it.
        technical = False
    else:
        technical = _substantive_inside(node)
    # The words this change is about: a clause's own heading, not its whole text (the
    # changes of its paragraphs are items, or parts, of their own).
    changed = [n for n in elements(node) if n is node or reportable(n) is node]
    element = element_of(node)
    new_number = "" if old_side else clause_number(node)
    if element == "reference" and not new_number and not old_side:
        new_number = BIBLIOGRAPHY if isinstance(_front_matter(node), nk.bibliography) else ""
    deleted = _joined(*(_words(n, node, DELETED) for n in changed))
    inserted = _joined(*(_words(n, node, INSERTED) for n in changed))
    return Change(
        kind=kind,
        element=element,
        old_number=node.get("nk_old_number", "") if kind != "added" else "",
        new_number=new_number,
        # The foreword (introduction, bibliography) is named by what it is.
        title="" if element in _FRONT else title_of(node, "old" if old_side else "new"),
        technical=technical and element not in _INFORMATIVE and not _outside_body(node),
        refid=node["ids"][0],
        label=_label_of(node) if isinstance(node, (nodes.table, nodes.figure)) else "",
        deleted=deleted,
        inserted=inserted,
        key=f"{kind} {element} {_anchor(node)}",
        changed=kind == "moved" and bool(deleted or inserted),  # its words, or its heading
    )
