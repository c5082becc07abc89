"""The structure of a standard: its elements, their order, subclauses and paragraphs
(GB/T 1.1-2020 6, 7.3, 8.4–8.5; ISO/IEC Directives Part 2, 6, 15–16, 22)."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from normkit.checks.lint import Finding, LintContext, authored_text
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors
from normkit.sphinxext.labels import load_labels

_UNNUMBERED = (nk.foreword, nk.introduction, nk.bibliography)
# Position of each kind of element in the order GB/T 1.1-2020 clause 6 gives.
_RANK = {"foreword": 0, "introduction": 1, "clause": 2, "annex": 3, "bibliography": 4}
# What may stand between a heading and its first subclause without being a paragraph.
_NOT_CONTENT = (nodes.title, nodes.target, nodes.comment, nodes.system_message, nk.annex_marker)


def _kind(section: nodes.section) -> str:
    for cls, name in ((nk.foreword, "foreword"), (nk.introduction, "introduction")):
        if isinstance(section, cls):
            return name
    if isinstance(section, nk.bibliography):
        return "bibliography"
    return "annex" if section.get("nk_annex_status") else "clause"


def _top_sections(context: LintContext) -> list[nodes.section]:
    """The top-level sections in the order of the source (the model lifts the foreword
    and introduction to the front; the rule is about what the editor wrote)."""
    sections = [
        child
        for document in context.documents
        for child in document.children
        if isinstance(child, nodes.section)
    ]
    return sorted(sections, key=_source_line)


def _source_line(section: nodes.section) -> int:
    return next((n.line for n in section.findall() if getattr(n, "line", None)), 0)


def _subsections(section: nodes.Element) -> list[nodes.section]:
    return [
        c
        for c in section.children
        if isinstance(c, nodes.section) and not isinstance(c, _UNNUMBERED)
    ]


def _clauses(context: LintContext) -> list[nodes.section]:
    return [s for s in _top_sections(context) if _kind(s) == "clause"]


def element_order(context: LintContext) -> Iterator[Finding]:
    """Foreword, introduction, clauses (scope, normative references, terms and
    definitions first), annexes, bibliography — each required element present."""
    sections = _top_sections(context)
    highest = ("", -1)
    for section in sections:
        kind = _kind(section)
        if _RANK[kind] < highest[1]:
            yield Finding(f"the {kind} stands after the {highest[0]}", section)
        if _RANK[kind] > highest[1]:
            highest = (kind, _RANK[kind])
    if not any(_kind(s) == "foreword" for s in sections):
        yield Finding(
            "the standard has no foreword (.. foreword::)",
            path=context.standard.source_file,
            line=1,
        )
    clauses = _clauses(context)
    expected = [
        ("scope", None),
        ("normative references", nk.normative_references),
        ("terms and definitions", nk.term_entry),
    ]
    labels = load_labels(context.system.root, context.language)
    for index, (name, marker) in enumerate(expected):
        clause = clauses[index] if index < len(clauses) else None
        if clause is None:
            yield Finding(
                f"clause {index + 1} must be the {name}; the standard has no such clause",
                path=context.standard.source_file,
                line=1,
            )
            continue
        if marker is nk.normative_references and not any(clause.findall(marker)):
            yield Finding(
                "clause 2 must be the normative references (.. normative-references::)", clause
            )
        if marker is nk.term_entry and not any(clause.findall(marker)):
            text = " ".join(authored_text(p) for p in clause.findall(nodes.paragraph))
            if labels.text("terms_none") not in text:
                yield Finding(
                    "clause 3 must be the terms and definitions (.. term:: entries, "
                    f"or the sentence “{labels.text('terms_none')}”)",
                    clause,
                )
    for clause in clauses[3:]:
        if any(clause.findall(nk.normative_references)):
            yield Finding("the normative references must be clause 2", clause)


def lead_in(context: LintContext) -> Iterator[Finding]:
    """Clauses 2 and 3 begin with the fixed lead-in normkit writes: none typed by hand."""
    clauses = _clauses(context)
    if len(clauses) > 1 and any(clauses[1].findall(nk.normative_references)):
        for para in clauses[1].findall(nodes.paragraph):
            inside = any(isinstance(a, nk.normative_references) for a in ancestors(para))
            if not inside and para.source and authored_text(para).strip():
                yield Finding(
                    "clause 2 holds only the list of references: normkit writes "
                    "its fixed lead-in sentence",
                    para,
                )
    if len(clauses) > 2 and any(clauses[2].findall(nk.term_entry)):
        for para in clauses[2].children:
            if isinstance(para, nodes.paragraph) and para.source and authored_text(para).strip():
                yield Finding(
                    "clause 3 holds only term entries: normkit writes its fixed lead-in sentence",
                    para,
                )


def lone_subclause(context: LintContext) -> Iterator[Finding]:
    """A subclause does not stand alone at its level: 5.1 needs a 5.2."""
    for document in context.documents:
        for section in document.findall(nodes.section):
            subs = _subsections(section)
            if len(subs) == 1:
                number = subs[0].get("nk_number", "")
                yield Finding(
                    f"subclause {number} stands alone in its clause".replace("  ", " "), subs[0]
                )


def hanging_paragraph(context: LintContext) -> Iterator[Finding]:
    """No text between a clause heading and its first subclause."""
    for document in context.documents:
        for section in document.findall(nodes.section):
            if isinstance(section, _UNNUMBERED) or not _subsections(section):
                continue
            for child in section.children:
                if isinstance(child, nodes.section):
                    break
                if not isinstance(child, _NOT_CONTENT) and authored_text(child).strip():
                    number = section.get("nk_number", "")
                    yield Finding(
                        f"hanging paragraph: clause {number} has text before its first subclause",
                        child,
                    )
                    break
