"""The structural diff: two editions' doctrees → a redline doctree.

``redline(old, new)`` returns a copy of the new edition in which every change against
the old one is marked with the nodes of normkit.sphinxext.nodes' "Redline" section:

1. elements with an identity (clauses, annexes, terms, tables, figures, cited
   documents) are matched across the whole document by it, and clauses left over by
   the similarity of their text — so a renumbered clause is the same clause and a
   clause that changed parent reads as moved;
2. within each matched parent, the children without identity (paragraphs, list items,
   notes, rows) are aligned by content (see normkit.versions.align); children that
   kept their partner but not their order are moved;
3. an aligned text element gets its word-level diff (normkit.versions.inline); a row
   is compared cell by cell; a figure's image by its file's content;
4. what is left is inserted (new) or deleted (old, put back where it stood in the old
   edition, in its words); a deleted and an inserted block with the same text are one
   block, moved.

Nothing here reads files or git: pure functions of two doctrees.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.versions.align import (
    IDENTIFIABLE,
    SIMILAR_CLAUSE,
    align_free,
    identity,
    increasing,
    match_by_similarity,
)
from normkit.versions.inline import diff_inline
from normkit.versions.texts import ElementTexts, image_key

#: Values of the ``redline`` attribute (see normkit.sphinxext.nodes).
INSERTED, DELETED, MOVED_FROM, MOVED_TO = "inserted", "deleted", "moved-from", "moved-to"


def clause_number(node: nodes.Node | None) -> str:
    """The number of the clause (or annex, or term) ``node`` is in: "5.2", "A", ""."""
    while node is not None:
        if isinstance(node, (nodes.section, nk.term_entry)) and (
            node.get("nk_number") or node.get("number")
        ):
            return node.get("nk_number") or node.get("number")
        node = node.parent
    return ""


class _Redline:
    """The state of one comparison: the pairs found and the marks made."""

    def __init__(self, old: nodes.document, new: nodes.document, copy: bool = True) -> None:
        self.old = old
        # A pickle round trip copies a doctree four times faster than deepcopy().
        self.doc = (
            pickle.loads(pickle.dumps(new, protocol=pickle.HIGHEST_PROTOCOL)) if copy else new
        )
        self.partner: dict[int, nodes.Element] = {}  # id(new node) → old node
        self.taken: dict[int, nodes.Element] = {}  # id(old node) → new node
        self.moves = itertools.count(1)
        self.emitted_from: set[str] = set()
        self.moved_to: list[nodes.Element] = []  # every element ever marked moved-to
        #: New elements compared and found unchanged inside: no mark below them.
        self.settled: set[nodes.Element] = set()
        #: id() of every new element compared with its partner.
        self.compared: set[int] = set()
        self.texts = ElementTexts()
        self._match_identities()

    # --- 1. identity, then clause similarity, across the whole document -------------

    def _match_identities(self) -> None:
        self.old_sections: list[nodes.section] = []
        self.new_sections: list[nodes.section] = []
        # One walk of each tree works out every element's text and finds the identities.
        self.old_order, self.new_order = self.texts.read(self.old), self.texts.read(self.doc)
        old_ids = dict(_identified(self.old_order, self.old_sections))
        #: id() of every element holding an element with an identity (its ancestors).
        self.holders: set[int] = set()
        for key, node in _identified(self.new_order, self.new_sections):
            parent = node.parent
            while parent is not None and id(parent) not in self.holders:
                self.holders.add(id(parent))
                parent = parent.parent
            if key in old_ids:
                self._pair(old_ids[key], node)
        spare_old = [s for s in self.old_sections if id(s) not in self.taken]
        spare_new = [s for s in self.new_sections if id(s) not in self.partner]
        for o, n in match_by_similarity(spare_old, spare_new, SIMILAR_CLAUSE, self.texts):
            if bool(o.get("nk_annex_status")) == bool(n.get("nk_annex_status")):
                self._pair(o, n)

    def _pair(self, old: nodes.Element, new: nodes.Element) -> None:
        self.partner[id(new)] = old
        self.taken[id(old)] = new

    # --- 2. children of a matched parent -------------------------------------------------

    def merge(self, old: nodes.Element, new: nodes.Element) -> None:
        """Mark the differences between the children of two aligned elements."""
        old_kids = [c for c in old.children if _compared(c)]
        new_kids = [c for c in new.children if _compared(c)]
        if not old_kids and not new_kids:
            return self.compare_text(old, new)
        local = self._local_pairs(old, old_kids, new_kids)
        position = {id(o): i for i, o in enumerate(old_kids)}
        in_place = [(position[id(o)], j) for j, n in enumerate(new_kids) if (o := local.get(id(n)))]
        kept = increasing(in_place)
        kept_new = {j: i for i, j in kept}  # new index → old index
        children: list[nodes.Node] = [c for c in new.children if not _compared(c)]
        leftovers = self._old_only(old_kids, kept)
        children.extend(self._placed(leftovers.pop(None, []), old))
        for j, child in enumerate(new_kids):
            children.append(child)
            if j not in kept_new:
                self._mark_new(child)
            else:  # the old children that followed this one's partner come next
                children.extend(self._placed(leftovers.pop(kept_new[j], []), old))
        for rest in leftovers.values():
            children.extend(self._placed(rest, old))
        if len(children) != len(new.children) or any(
            a is not b for a, b in zip(children, new.children, strict=True)
        ):  # something was put back: the children are set again (each told its parent)
            new.children = []
            new.extend(children)
        for i, j in sorted(kept):
            self.compare(old_kids[i], new_kids[j])
        for child in new_kids:
            partner = self.partner.get(id(child))
            if child.get("redline") == MOVED_TO and partner is not None:
                self.compare(partner, child)

    def _local_pairs(
        self, old: nodes.Element, old_kids: list[nodes.Element], new_kids: list[nodes.Element]
    ) -> dict[int, nodes.Element]:
        """id(new child) → old child, for the children aligned within this parent."""
        pairs = {}
        for n in new_kids:
            o = self.partner.get(id(n))
            if o is not None and o.parent is old:
                pairs[id(n)] = o
        free_old = [o for o in old_kids if identity(o) is None and id(o) not in self.taken]
        free_new = [n for n in new_kids if identity(n) is None and id(n) not in self.partner]
        if isinstance(old, nodes.row) and len(old_kids) == len(new_kids):
            found = list(zip(old_kids, new_kids, strict=True))  # cells by column
        elif (
            old_kids
            and new_kids
            and isinstance(old_kids[0], nodes.title)
            and isinstance(new_kids[0], nodes.title)
        ):
            found = [
                (old_kids[0], new_kids[0]),
                *align_free(free_old[1:], free_new[1:], self.texts),
            ]
        else:
            found = align_free(free_old, free_new, self.texts)
        for o, n in found:
            self._pair(o, n)
            pairs[id(n)] = o
        return pairs

    def _old_only(
        self, old_kids: list[nodes.Element], kept: set
    ) -> dict[int | None, list[nodes.Element]]:
        """Old children with no partner kept in place, grouped by the old index of the
        last kept child before them (None: before every kept child)."""
        kept_old = sorted(i for i, _j in kept)
        kept_set = set(kept_old)
        groups: dict[int | None, list[nodes.Element]] = {}
        for i, child in enumerate(old_kids):
            if i in kept_set:
                continue
            before = bisect.bisect_left(kept_old, i)
            anchor = kept_old[before - 1] if before else None
            groups.setdefault(anchor, []).append(child)
        return groups

    def _placed(self, old_children: list[nodes.Element], old_parent: nodes.Element) -> Iterator:
        """Copies of old children that left this place: deleted, or moved away."""
        for child in old_children:
            partner = self.taken.get(id(child))
            if partner is not None:
                key = partner.get("redline_move") or f"move-{next(self.moves)}"
                partner["redline"], partner["redline_move"] = MOVED_TO, key
                self.moved_to.append(partner)
                self.emitted_from.add(key)
                yield self._old_copy(child, MOVED_FROM, key)
            else:
                yield self._old_copy(child, DELETED)

    def _old_copy(self, old: nodes.Element, mark: str, move: str = "") -> nodes.Element:
        """The old element as it stood, marked; its ids renamed so none clashes."""
        twin = old.deepcopy()  # deepcopy leaves the document out; a pickle would not
        for node in twin.findall(nodes.Element):
            node["ids"] = [f"was-{i}" for i in node.get("ids", [])]
            node["names"] = []
        twin["redline"] = mark
        twin["nk_old_number"] = clause_number(old)
        if move:
            twin["redline_move"] = move
        return twin

    def _mark_new(self, child: nodes.Element) -> None:
        """A new child not kept in place: inserted, or moved here from elsewhere."""
        partner = self.partner.get(id(child))
        if partner is None:
            child["redline"] = INSERTED
        else:
            child["redline"] = MOVED_TO
            child["redline_move"] = child.get("redline_move") or f"move-{next(self.moves)}"
            child["nk_old_number"] = clause_number(partner)
            self.moved_to.append(child)

    # --- 3. an aligned pair ----------------------------------------------------------------

    def compare(self, old: nodes.Element, new: nodes.Element) -> None:
        """Mark what changed between two aligned elements."""
        self.compared.add(id(new))
        new["nk_old_number"] = clause_number(old)
        if isinstance(old, nk.cover):
            self.settled.add(new)
            return  # the cover follows the metadata; the change list says the versions
        if isinstance(new, nodes.image):
            if image_key(old) != image_key(new):
                new["redline"] = INSERTED
                new.parent.insert(new.parent.index(new), self._old_copy(old, DELETED))
            return
        if isinstance(new, nodes.TextElement):
            return self.compare_text(old, new)
        texts = self.texts
        if texts.identical(old, new) and self._paired_in_place(old, new):
            self.settled.add(new)
            return  # merging its children would find every one equal, in its place
        if (
            id(new) not in self.holders  # no element inside is matched elsewhere
            and not isinstance(new, nodes.section)
            and texts.signature(old) == texts.signature(new)
            and texts.shape(old) == texts.shape(new)
        ):
            self.settled.add(new)
            return  # nothing inside changed, words nor markup (spaces may have)
        self.merge(old, new)

    def _paired_in_place(self, old: nodes.Element, new: nodes.Element) -> bool:
        """Whether every element inside two identical elements that is paired, or has an
        identity to be paired by, is paired with its counterpart in the other."""
        if id(new) not in self.holders:
            return True  # nothing inside has an identity
        inside_old = self.texts.subtree(old, self.old_order)
        inside_new = self.texts.subtree(new, self.new_order)
        for o, n in zip(inside_old, inside_new, strict=True):
            partner = self.partner.get(id(n))
            if partner is not None or id(o) in self.taken:
                if partner is not o:
                    return False
            elif isinstance(n, IDENTIFIABLE) and (identity(n) or identity(o)):
                return False
        return True

    def compare_text(self, old: nodes.Element, new: nodes.Element) -> None:
        """The word-level diff of two aligned text elements."""
        self.settled.add(new)  # its inline content is never marked whole
        if self.texts.text(old) == self.texts.text(new):
            if not self.texts.identical(old, new):  # same words, now a term or a link
                new["nk_changed"] = "editorial"
            return
        diff = diff_inline(old, new)
        if not diff.changed:
            return
        new.children = []
        new.extend(diff.content)
        new["nk_changed"] = (
            "renumbered"
            if diff.renumbered
            else "translation"
            if _retranslated(old, new)
            else "substantive"
            if diff.substantive
            else "editorial"
        )
        new["nk_deleted"], new["nk_inserted"] = diff.deleted, diff.inserted

    def moved_into_new(self) -> None:
        """Elements moved into a clause the new edition added: the merge never walks
        inside an inserted clause, so they are compared here — a clause moved and edited
        shows its edits, and its old number, wherever it went."""
        for node in self.moved_to:
            partner = self.partner.get(id(node))
            if partner is not None and id(node) not in self.compared:
                self.compare(partner, node)

    # --- 4. blocks deleted in one place and inserted in another: moved --------------------

    def pair_moved_blocks(self) -> None:
        """A deleted and an inserted block with the same text are one block, moved."""
        marked = list(_outermost_marks(self.doc, self.settled))
        deleted: dict[str, list[nodes.Element]] = {}
        for node in marked:
            if node["redline"] == DELETED:
                deleted.setdefault(self.texts.signature(node), []).append(node)
        for node in marked:
            if node["redline"] != INSERTED:
                continue
            twins = deleted.get(self.texts.signature(node))
            if twins and self.texts.text(node).strip():
                twin = twins.pop(0)
                key = f"move-{next(self.moves)}"
                twin["redline"], twin["redline_move"] = MOVED_FROM, key
                node["redline"], node["redline_move"] = MOVED_TO, key
                node["nk_old_number"] = twin["nk_old_number"]
                self.moved_to.append(node)
                self.emitted_from.add(key)

    def unpaired_moves(self) -> None:
        """A move whose old place vanished with its deleted parent reads as inserted
        (the deleted parent shows the old words): a move has both ends or none."""
        for node in self.moved_to:
            if node.get("redline") == MOVED_TO and node["redline_move"] not in self.emitted_from:
                node["redline"] = INSERTED
                node["nk_moved_unpaired"] = "1"
                del node["redline_move"]


def _retranslated(old: nodes.Element, new: nodes.Element) -> bool:
    """Whether two translated elements translate the same master text: their words
    changed in the translation alone (a translator's correction), which changes no
    provision of the standard — the master text decides what is technical."""
    return bool(
        old.get("translated")
        and new.get("translated")
        and old.rawsource
        and old.rawsource == new.rawsource
    )


def _identified(
    order: list[nodes.Element], sections: list[nodes.section]
) -> Iterator[tuple[tuple[str, int], nodes.Element]]:
    """Every element of ``order`` (a tree's, in reading order) with an identity, keyed
    by it and its occurrence (the bilingual edition cites each document twice, once in
    each language); the sections are added to ``sections`` on the way."""
    seen: dict[str, int] = {}
    for node in order:
        if not isinstance(node, IDENTIFIABLE):
            continue
        if isinstance(node, nodes.section):
            sections.append(node)
        key = identity(node)
        if key is not None:
            seen[key] = seen.get(key, 0) + 1
            yield (key, seen[key]), node


def _compared(node: nodes.Node) -> bool:
    """Elements a reader sees (link targets and comments are not compared)."""
    return isinstance(node, nodes.Element) and not isinstance(node, nodes.Invisible)


def _outermost_marks(root: nodes.Element, settled: set[nodes.Element]) -> Iterator[nodes.Element]:
    """The elements carrying a whole-element mark that no ancestor of theirs carries,
    in reading order (none inside the ``settled`` ones)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.get("redline"):
            yield node
        elif node not in settled:
            stack.extend(c for c in reversed(node.children) if isinstance(c, nodes.Element))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, as Mercurial's ``util.nogc`` does: the
    comparison allocates thousands of small nodes while three whole doctrees are alive,
    and every full collection it triggered walked all of them for nothing (what it
    drops is freed by reference counting). Measured: a tenth of the comparison's time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def all_deleted(document: nodes.document) -> nodes.document:
    """The redline of an old edition whose standard the new version no longer has: the
    document itself, every block after the cover marked deleted in place (its ids and
    numbers kept, as nothing else stands beside them)."""
    for child in document.children:
        if _compared(child) and not isinstance(child, nk.cover):
            child["redline"] = DELETED
            child["nk_old_number"] = clause_number(child)
    document["redline_whole"] = DELETED
    document["redline_old"] = document.get("nk_version", "")
    document["redline_new"] = ""
    return document


#: For each redline document, its elements nothing inside of which changed: the change
#: list and the pairing of moves need not walk through them (most of a document). Held
#: beside the document, not in it, so that no writer ever sees it.
_SETTLED: WeakKeyDictionary[nodes.document, set[nodes.Element]] = WeakKeyDictionary()


def settled_in(document: nodes.document) -> set[nodes.Element]:
    """The elements of a redline that ``redline`` compared and found unchanged inside
    (none when the document was not made by ``redline``)."""
    return _SETTLED.get(document, set())


def redline(old: nodes.document, new: nodes.document, copy: bool = True) -> nodes.document:
    """The new edition with every change against ``old`` marked: a new doctree, neither
    argument changed — or, with ``copy=False``, ``new`` itself marked (a build that
    replaces its document saves the copy). The root carries ``redline_old`` /
    ``redline_new``."""
    with _collector_paused():
        state = _Redline(old, new, copy)
        state.merge(old, state.doc)
        state.moved_into_new()
        state.pair_moved_blocks()
        state.unpaired_moves()
    if not any(_compared(c) for c in old.children):  # the old version had no such standard
        state.doc["redline_whole"] = INSERTED
        for cover in state.doc.findall(nk.cover):
            cover.attributes.pop("redline", None)  # the cover follows the metadata
    _SETTLED[state.doc] = state.settled
    state.doc["redline_old"] = old.get("nk_version", "")
    state.doc["redline_new"] = new.get("nk_version", "")
    return state.doc
