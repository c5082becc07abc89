"""Translating segments fast: one parse for all translated segments of a document.

Sphinx's Locale transform parses every translated segment as a document of its own,
building a new reStructuredText state machine each time; on a standard of a few
hundred segments that is most of the English build. Here a segment with no inline
markup becomes text directly, and the others are parsed together in one document,
separated by comments; a segment that does not come back as one clean paragraph is
parsed alone, exactly as Sphinx would, so its warnings name the right place.
"""

from __future__ import annotations

import re

import docutils.utils
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import _publish_msgstr
from sphinx.util.docutils import LoggingReporter

#: Characters that can start inline markup, a reference or an escape.
MARKUP = re.compile(r"[`*|_\[\]\\<>]|://|^\s*[-+*#]\s|^\s*\d+[.)]\s|^\s*\.\.")
_SEPARATOR = ".. normkit-segment"

#: The nodes whose children are replaced by the translation.
TEXT_NODES = (nodes.paragraph, nodes.title, nodes.caption, nodes.rubric, nodes.line)


def parse_segments(
    transform: SphinxTransform, segments: list[tuple[nodes.Element, str]]
) -> list[list[nodes.Node] | None]:
    """The inline content of each translated segment (None: not one paragraph)."""
    results: list[list[nodes.Node] | None] = [None] * len(segments)
    marked: list[int] = []
    for index, (_node, text) in enumerate(segments):
        if MARKUP.search(text):
            marked.append(index)
        else:
            results[index] = [nodes.Text(" ".join(text.split()))]
    if marked:
        parsed = _parse_together(transform, [segments[i][1] for i in marked])
        for index, content in zip(marked, parsed, strict=True):
            if content is None:
                results[index] = _parse_alone(transform, *segments[index])
            else:
                results[index] = _placed(content, segments[index][0])
    return results


def _placed(content: list[nodes.Node], master: nodes.Element) -> list[nodes.Node]:
    """``content`` located at its master segment: parsed together, its nodes named the
    joined text ("<translated segments>", line 3), and a warning about them (an unknown
    term of the translation) named that instead of the source the segment translates."""
    for top in content:
        if isinstance(top, nodes.Element):
            for node in top.findall(nodes.Element):
                node.source, node.line = master.source, master.line
    return content


def note_references(document: nodes.document, content: list[nodes.Node]) -> None:
    """Register the named references a translated segment brings (``See Docutils_``)
    with the document, so that docutils resolves them to their targets as it does the
    master's (Sphinx's Locale does the same); unregistered, they pointed at "#docutils",
    silently. A name no target has is then reported by docutils, with its line."""
    for node in content:
        if isinstance(node, nodes.Element):
            for ref in node.findall(nodes.reference):
                if ref.get("refname") and "refuri" not in ref and "refid" not in ref:
                    document.note_refname(ref)


def _parse_together(transform: SphinxTransform, texts: list[str]) -> list[list | None]:
    source = "\n\n".join(f"{_SEPARATOR}\n\n{text}" for text in texts) + "\n"
    document = docutils.utils.new_document("<translated segments>", transform.document.settings)
    document.reporter = LoggingReporter.from_reporter(document.reporter)
    messages: list[nodes.system_message] = []
    document.reporter.attach_observer(messages.append)
    parser = transform.env._registry.create_source_parser(
        "restructuredtext", config=transform.config, env=transform.env
    )
    prolog, transform.config.rst_prolog = transform.config.rst_prolog, None
    try:
        parser.parse(source, document)
    finally:
        transform.config.rst_prolog = prolog
    if messages:  # something needs its own parse, for a warning at the right place
        return [None] * len(texts)
    groups: list[list[nodes.Node]] = []
    for child in document.children:
        if isinstance(child, nodes.comment) and child.astext() == _SEPARATOR[3:]:
            groups.append([])
        elif groups:
            groups[-1].append(child)
    if len(groups) != len(texts):
        return [None] * len(texts)
    return [
        list(group[0].children)
        if len(group) == 1 and isinstance(group[0], nodes.paragraph)
        else None
        for group in groups
    ]


def _parse_alone(transform: SphinxTransform, node: nodes.Element, text: str) -> list | None:
    parsed = _publish_msgstr(
        text,
        node.source or transform.document["source"],
        node.line or 0,
        config=transform.config,
        env=transform.env,
        registry=transform.env._registry,
        settings=transform.document.settings,
    )
    return list(parsed.children) if isinstance(parsed, nodes.paragraph) else None
