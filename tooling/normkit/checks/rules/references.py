"""Citations: the normative references list exactly what the text cites normatively,
and nothing cited is withdrawn or superseded (GB/T 1.1-2020 8.4, 9.4.2;
ISO/IEC Directives Part 2, 10.2, 15)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from normkit.checks.lint import Finding, LintContext
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors
from normkit.sphinxext.provisions import provisions_in

# Numbers of documents as standards cite them: GB 50016, GB/T 22239—2019, YD/T 5230,
# ISO/IEC 27001:2022, and the system's own prefix (added per system).
_BODIES = r"GB(?:/[TZ])?|[A-Z]{2,3}/T|YD|HJ|JGJ|CJJ|GA|DL|JB|ISO(?:/IEC)?|IEC|ITU-[TR]"
_YEAR = re.compile(r"\s*[—:\-]\s*\d{4}$")


def _number_pattern(context: LintContext) -> re.Pattern[str]:
    own = re.escape(context.system.settings.numbering.prefix)
    bodies = f"{_BODIES}|{own}" if own else _BODIES
    return re.compile(rf"(?<![A-Za-z/])(?:{bodies})\s?\d+(?:\.\d+)*(?:\s*[—:]\s*\d{{4}})?")


def undated(number: str) -> str:
    """``GB/T 22239—2019`` → ``GB/T 22239``; spaces normalised."""
    return re.sub(r"\s+", " ", _YEAR.sub("", number)).strip()


def _listed(context: LintContext) -> dict[str, nk.reference_item]:
    return {
        undated(item.get("number", "")): item
        for d in context.documents
        for refs in d.findall(nk.normative_references)
        for item in refs.findall(nk.reference_item)
        if item.get("number")
    }


def _in(node: nodes.Node, *classes: type) -> bool:
    return any(isinstance(a, classes) for a in ancestors(node))


_SENTENCE = re.compile(r"[^。；;!?！？]+[。；;!?！？]?|[^.]+(?:\.(?!\d)|$)")


def _citations(context: LintContext) -> Iterator[tuple[str, nodes.paragraph, str]]:
    """(undated number, paragraph, sentence) of each document the text cites outside
    the lists: the sentence decides whether the citation is normative."""
    pattern = _number_pattern(context)
    for para in context.paragraphs():
        if isinstance(para, nk.reference_item) or _in(
            para, nk.normative_references, nk.bibliography
        ):
            continue
        text = context.text(para)
        for ref in para.findall(nk.std_reference):
            if ref.get("number") and ref["number"] not in text:  # shown with other words
                yield ref["number"], para, text
        for sentence in _SENTENCE.findall(text):
            for found in pattern.finditer(sentence):
                yield undated(found.group(0)), para, sentence


def reference_uncited(context: LintContext) -> Iterator[Finding]:
    """A normative reference the text never cites."""
    cited = {number for number, _, _ in _citations(context)}
    for number, item in _listed(context).items():
        if number not in cited:
            yield Finding(
                f"{number} is listed as a normative reference but the text never cites it", item
            )


def reference_unlisted(context: LintContext) -> Iterator[Finding]:
    """A document cited in a provision (outside notes, examples and informative annexes)
    that the normative references do not list."""
    listed = _listed(context)
    reported = set()
    for number, para, sentence in _citations(context):
        if number in listed or number in reported or _in(para, nk.std_note, nk.std_example):
            continue
        annex = next((a for a in ancestors(para) if a.get("nk_annex_status")), None)
        if annex is not None and annex["nk_annex_status"] == "informative":
            continue
        kinds = provisions_in(sentence, context.language)
        if "requirement" in kinds or "recommendation" in kinds:
            reported.add(number)
            yield Finding(f"{number} is cited in a provision but not listed in clause 2", para)


def withdrawn_citation(context: LintContext) -> Iterator[Finding]:
    """A citation of a standard of this system that is withdrawn or superseded."""
    system = context.system
    for document in context.documents:
        for ref in document.findall(nk.std_reference):
            cited, entry = system.standard(ref["number"]), system.entry(ref["number"])
            status = cited.status if cited else (entry.status if entry else "")
            if status not in ("withdrawn", "superseded"):
                continue
            by = cited.superseded_by if cited else ""
            instead = f"; cite {by}" if by else ""
            what = "dated citation of" if ref.get("year") else "citation of"
            yield Finding(f"{what} {ref['number']}, which is {status}{instead}", ref)
