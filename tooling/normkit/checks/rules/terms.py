"""Terms and definitions: every term defined is used, every term referred to is defined
(GB/T 1.1-2020 8.5.1; ISO/IEC Directives Part 2, 16.5.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

from normkit.checks.lint import Finding, LintContext
from normkit.sphinxext import nodes as nk


def _entries(context: LintContext) -> list[nk.term_entry]:
    return [e for d in context.documents for e in d.findall(nk.term_entry)]


def _term_refs(context: LintContext) -> list[addnodes.pending_xref]:
    return [
        x
        for d in context.documents
        for x in d.findall(addnodes.pending_xref)
        if x.get("refdomain") == "nk" and x.get("reftype") == "term"
    ]


def _used(term: str, text: str, chinese: bool) -> bool:
    if not term:
        return False
    if chinese:
        return term in text
    return re.search(rf"\b{re.escape(term)}(?:s|es)?\b", text, re.IGNORECASE) is not None


def term_unused(context: LintContext) -> Iterator[Finding]:
    """A term entry whose term no other text of the standard uses."""
    referred = {x["reftarget"] for x in _term_refs(context)}
    for entry in _entries(context):
        names = {entry.get("term", ""), entry.get("abbr", ""), *entry["ids"]}
        if names & referred:
            continue
        inside = {id(p) for p in entry.findall(nodes.paragraph)}
        elsewhere = " ".join(context.text(p) for p in context.paragraphs() if id(p) not in inside)
        if not any(
            _used(n, elsewhere, context.chinese) for n in names if n and not n.startswith("term-")
        ):
            yield Finding(
                f"term {entry.get('term')!r} is defined but the document never uses it", entry
            )


def term_undefined(context: LintContext) -> Iterator[Finding]:
    """A :term: reference to a term the standard does not define."""
    defined = set()
    for entry in _entries(context):
        defined |= {entry.get("term", ""), entry.get("abbr", ""), *entry["ids"], *entry["names"]}
        defined |= set(entry.get("equivalents", {}).values())
    # Terms of a Sphinx ``.. glossary::``, which :term: also finds (case-insensitively,
    # as Sphinx does).
    glossary = {
        term.astext().lower()
        for d in context.documents
        for g in d.findall(addnodes.glossary)
        for term in g.findall(nodes.term)
    }
    for ref in _term_refs(context):
        if ref["reftarget"] not in defined and ref["reftarget"].lower() not in glossary:
            yield Finding(f"term {ref['reftarget']!r} is used but not defined in clause 3", ref)
