"""Aligning two editions' elements: by identity first, then by similarity.

Identity is what an element is whatever its number: a clause's, table's or figure's
stable id (``nk_id``), a term entry's id, a cited document's number without its year.
Elements without identity (paragraphs, list items, notes, rows) are aligned within
their aligned parent: equal ones by content, the rest by text similarity in order.
As sphinx/versioning.py does, one named threshold decides what is "the same element,
changed" and what is "one deleted, another added".
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.versions.inline import common_ends, opcodes, similarity
from normkit.versions.texts import ElementTexts

#: Two elements of the same kind at least this alike are one element, changed.
SIMILAR = 0.5

#: Two clauses without a common id are the same clause, moved or renamed, from here.
SIMILAR_CLAUSE = 0.6

#: Elements carrying an identity, by the attribute or rule that gives it.
_IDENTIFIED = (nodes.section, nodes.table, nodes.figure, nk.term_entry, nk.cover)

#: Every kind of element that may have an identity (see ``identity``).
IDENTIFIABLE = (nk.reference_item, nk.normative_references, *_IDENTIFIED)


def identity(node: nodes.Node) -> str | None:
    """What ``node`` is across editions, or None for an element known by content."""
    if isinstance(node, nk.reference_item):
        return "ref:" + node.get("number", node.astext()).split("—")[0].strip()
    if isinstance(node, nk.normative_references):
        return "normative-references"
    if isinstance(node, _IDENTIFIED):
        key = node.get("nk_id") or (node["ids"][0] if node["ids"] else None)
        return f"{type(node).__name__}:{key}" if key else None
    return None


def increasing(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The longest run of ``pairs`` (old index, new index; sorted by new) whose old
    indices increase too: the elements that kept their order. The others moved."""
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        chains = [c for c in best if c[-1][0] < pair[0]]
        longest = max(chains, key=len, default=[])
        best.append([*longest, pair])
    return set(max(best, key=len, default=[]))


#: How much of an element's text similarity looks at: a clause is known by its opening.
_OPENING = 400


def match_by_similarity(
    old: Sequence[nodes.Element],
    new: Sequence[nodes.Element],
    threshold: float,
    texts: ElementTexts,
) -> list[tuple[nodes.Element, nodes.Element]]:
    """Pairs of elements of the same kind at least ``threshold`` alike, best first;
    each element in one pair at most."""
    scored = []
    old_tokens = [texts.opening(o, _OPENING) for o in old]
    for j, n in enumerate(new):
        n_tokens = texts.opening(n, _OPENING)
        for i, o in enumerate(old):
            if type(o) is type(n):
                score = similarity(old_tokens[i], n_tokens, threshold)
                if score >= threshold:
                    scored.append((score, i, j))
    pairs, used_old, used_new = [], set(), set()
    for _score, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j]))
    return pairs


def align_free(
    old: Sequence[nodes.Element], new: Sequence[nodes.Element], texts: ElementTexts
) -> list[tuple[nodes.Element, nodes.Element]]:
    """Pairs of elements known by content, in order: equal ones, then in each gap
    between equal runs the most alike of the same kind (at least SIMILAR)."""
    # Identical elements at both ends pair by their hash, without reading their words.
    start, tail = common_ends([texts.content(o) for o in old], [texts.content(n) for n in new])
    pairs = list(zip(old[:start], new[:start], strict=True))
    pairs.extend(zip(old[len(old) - tail :], new[len(new) - tail :], strict=True))
    old, new = old[start : len(old) - tail], new[start : len(new) - tail]
    steps = opcodes([texts.words(o) for o in old], [texts.words(n) for n in new])
    for op, i1, i2, j1, j2 in steps:
        if op == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        elif op == "replace":
            found = match_by_similarity(old[i1:i2], new[j1:j2], SIMILAR, texts)
            # Keep the reading order: a pair that would cross another is dropped.
            order = {id(n): k for k, n in enumerate(new[j1:j2])}
            where = {id(o): k for k, o in enumerate(old[i1:i2])}
            ranked = sorted(((where[id(o)], order[id(n)]) for o, n in found), key=lambda p: p[1])
            keep = increasing(ranked)
            pairs.extend((old[i1 + i], new[j1 + j]) for i, j in ranked if (i, j) in keep)
    pairs += _swapped(old, new, pairs, texts)
    return pairs + _parts_of_one(old, new, pairs)


#: Parts a parent holds one of: the same part in both editions, whatever its words.
_ONE_OF_A_KIND = (nodes.tgroup, nodes.thead, nodes.tbody)


def _parts_of_one(
    old: Sequence[nodes.Element],
    new: Sequence[nodes.Element],
    pairs: list[tuple[nodes.Element, nodes.Element]],
) -> list[tuple[nodes.Element, nodes.Element]]:
    """A table's body (its head, its group of columns) left over on both sides: the
    same body, its rows changed — compared row by row, not deleted and inserted whole
    because a short table's rows changed more than half its words."""
    right = [n for n in new if type(n) in _ONE_OF_A_KIND]
    if not right:  # most parents: paragraphs, items, clauses
        return []
    paired = {id(e) for pair in pairs for e in pair}
    left = [o for o in old if type(o) in _ONE_OF_A_KIND and id(o) not in paired]
    right = [n for n in right if id(n) not in paired]
    found = []
    for kind in _ONE_OF_A_KIND:
        ones = [o for o in left if type(o) is kind], [n for n in right if type(n) is kind]
        if len(ones[0]) == len(ones[1]) == 1:
            found.append((ones[0][0], ones[1][0]))
    return found


def _swapped(
    old: Sequence[nodes.Element],
    new: Sequence[nodes.Element],
    pairs: list[tuple[nodes.Element, nodes.Element]],
    texts: ElementTexts,
) -> list[tuple[nodes.Element, nodes.Element]]:
    """Elements left over that are equal in words to one on the other side: two notes
    swapped (each renumbered, so no longer equal in their labels), a list item moved
    among its siblings. Paired, they read as moved, not as deleted and added."""
    paired = {id(e) for pair in pairs for e in pair}
    waiting: dict[str, list[nodes.Element]] = {}
    for o in old:
        if id(o) not in paired and texts.bare(o).strip():
            waiting.setdefault(texts.words(o), []).append(o)
    found = []
    for n in new:
        twins = waiting.get(texts.words(n)) if id(n) not in paired else None
        if twins:
            found.append((twins.pop(0), n))
    return found
