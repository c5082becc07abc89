"""Walking up a doctree: the elements around a node, nearest first.

One walk for every question of the kind "is this text inside code?", "which clause
holds this note?", "which foreword is this change part of?": writers, the drafting
rules, the diff and the transforms all ask it of the same document model.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

#: A class of nodes, or a tuple of them (as ``isinstance`` takes).
Kind = type[nodes.Node] | tuple[type[nodes.Node], ...]


def ancestors(node: nodes.Node, *, include_self: bool = False) -> Iterator[nodes.Node]:
    """The elements around ``node``, nearest first, up to the document (``node``
    itself first when ``include_self``)."""
    current = node if include_self else node.parent
    while current is not None:
        yield current
        current = current.parent


def nearest(node: nodes.Node, kind: Kind, *, include_self: bool = False) -> nodes.Node | None:
    """The nearest element of ``kind`` around ``node`` (or ``node`` itself, when
    ``include_self`` and it is one), else None."""
    return next(
        (a for a in ancestors(node, include_self=include_self) if isinstance(a, kind)), None
    )


def within(node: nodes.Node, kind: Kind) -> bool:
    """Is ``node`` inside an element of ``kind``?"""
    return nearest(node, kind) is not None
