"""What the diff asks of every element, worked out once per element and comparison.

docutils' ``astext()`` and ``findall()`` walk a whole subtree each time they are asked.
The diff asks for the text of a clause, then of each of its paragraphs, then of their
inline pieces: asked that way, the work grows with the size of the document times the
depth of its nesting, and it dominated the comparison. ``ElementTexts`` computes each
element's facts from its children's, once, bottom-up.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from docutils import nodes

from normkit.sphinxext import nodes as nk
from normkit.versions.inline import words_of


@dataclass(slots=True)
class Facts:
    """One element's text as docutils gives it and a hash of everything inside; the
    rest is worked out when first asked (most elements are never asked)."""

    #: The element itself: held so that its id() is never reused while it is cached.
    node: nodes.Element
    text: str
    #: A hash of the kinds, texts and images of the whole subtree: equal for copies.
    content: int
    #: The text without the words of generated labels (numbers), joined without spaces.
    bare: str | None = None
    #: "[digest]" of every image inside, in reading order.
    images: str | None = None
    #: A hash of the kinds of every element inside and how they nest.
    shape: int | None = None
    signature: str | None = None
    words: str | None = None
    #: Where the element and its subtree stand in the reading order ``read`` gave.
    first: int = -1
    size: int = 0


def image_key(image: nodes.Element) -> str:
    """What an image shows: its file's digest (its name when the file was not read)."""
    return image.get("nk_digest") or image.get("uri", "").rsplit("/", 1)[-1]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _plain(text: nodes.Text) -> str:
    # Text is a str; astext() only removes docutils' NUL escapes.
    return text.astext() if "\x00" in text else str(text)


class ElementTexts:
    """The facts of the elements of the trees one comparison reads.

    Ask only about elements whose subtree will not change afterwards, or asked before it
    changes: the answer is the first one given.
    """

    def __init__(self) -> None:
        self._facts: dict[int, Facts] = {}

    def facts(self, node: nodes.Element) -> Facts:
        """The facts of ``node``, from those of its children."""
        found = self._facts.get(id(node))
        if found is not None and found.node is node:
            return found
        return self._read(node, None)

    def read(self, root: nodes.Element) -> list[nodes.Element]:
        """Work out the text of every element of ``root`` in one walk; its elements in
        reading order, ``root`` first."""
        order: list[nodes.Element] = []
        self._read(root, order)
        return order

    def _read(self, node: nodes.Element, order: list[nodes.Element] | None) -> Facts:
        first = -1
        if order is not None:
            first = len(order)
            order.append(node)
        cache = self._facts
        texts, contents = [], []
        for child in node.children:
            if isinstance(child, nodes.Text):
                text = _plain(child)
                texts.append(text)
                contents.append(text)
                continue
            inner = cache.get(id(child))
            if inner is None or inner.node is not child:
                inner = self._read(child, order)
            elif order is not None:
                order.extend(elements(child))
            texts.append(inner.text)
            contents.append(inner.content)
        kind = type(node)
        # Some kinds say their text themselves (an image its alt text): ask them.
        if kind.astext is nodes.Element.astext:
            text = node.child_text_separator.join(texts)
        else:
            text = node.astext()
            contents.append(text)
        if isinstance(node, nodes.image):
            contents.append(image_key(node))
        found = Facts(node, text, hash((kind, *contents)))
        if order is not None:
            found.first, found.size = first, len(order) - first
        cache[id(node)] = found
        return found

    def subtree(self, node: nodes.Element, order: list[nodes.Element]) -> list[nodes.Element]:
        """``node`` and every element inside it, from the ``order`` that ``read`` gave."""
        facts = self.facts(node)
        if facts.first < 0:
            return list(elements(node))
        return order[facts.first : facts.first + facts.size]

    def _inner(self, node: nodes.Element) -> list[Facts]:
        return [self.facts(c) for c in node.children if not isinstance(c, nodes.Text)]

    def text(self, node: nodes.Element) -> str:
        """``node.astext()``."""
        return self.facts(node).text

    def bare(self, node: nodes.Element) -> str:
        """The text without the words of generated labels, joined without spaces."""
        facts = self.facts(node)
        if facts.bare is None:
            label = isinstance(node, nk.generated_text)
            facts.bare = "".join(
                ("" if label else _plain(c)) if isinstance(c, nodes.Text) else self.bare(c)
                for c in node.children
            )
        return facts.bare

    def images(self, node: nodes.Element) -> str:
        """ "[digest]" of every image inside (``node`` too), in reading order."""
        facts = self.facts(node)
        if facts.images is None:
            own = f"[{image_key(node)}]" if isinstance(node, nodes.image) else ""
            facts.images = own + "".join(self.images(f.node) for f in self._inner(node))
        return facts.images

    def signature(self, node: nodes.Element) -> str:
        """Kind, whitespace-normalised text and the content of any image: equal
        signatures are equal elements."""
        facts = self.facts(node)
        if facts.signature is None:
            text, images = _normalised(facts.text), self.images(node)
            facts.signature = f"{type(node).__name__}:{text}{images}"
        return facts.signature

    def words(self, node: nodes.Element) -> str:
        """Kind and text without generated labels and numbers: elements equal in words
        differ by renumbering alone."""
        facts = self.facts(node)
        if facts.words is None:
            facts.words = f"{type(node).__name__}:{_normalised(self.bare(node))}"
        return facts.words

    def shape(self, node: nodes.Element) -> int:
        """The kinds of every element inside and how they nest: markup changes show."""
        facts = self.facts(node)
        if facts.shape is None:
            facts.shape = hash((type(node), *(self.shape(f.node) for f in self._inner(node))))
        return facts.shape

    def content(self, node: nodes.Element) -> int:
        """A hash of the kinds, texts and images of everything inside ``node``."""
        return self.facts(node).content

    def identical(self, old: nodes.Element, new: nodes.Element) -> bool:
        """Whether two elements are the same in every kind, text and image inside."""
        return self.facts(old).content == self.facts(new).content

    def opening(self, node: nodes.Element, count: int) -> list[str]:
        """The first ``count`` tokens of the element's text, spaces left out (they would
        make any two sentences look alike); only the opening is cut into tokens."""
        text = self.facts(node).text
        size = count * 2
        while True:
            found = words_of(text[:size])
            # A cut inside "2.5" leaves "2" and "." of it: the tokens before are whole.
            if size >= len(text) or len(found) > count + 1:
                return found[:count]
            size *= 2


def elements(root: nodes.Element, closed: Container[nodes.Element] = ()) -> Iterator[nodes.Element]:
    """Every element of a tree in reading order, ``root`` first, but not the elements
    inside those ``closed`` (``findall`` nests one generator per level; this walks
    with one stack)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if node not in closed:
            stack.extend(c for c in reversed(node.children) if isinstance(c, nodes.Element))
