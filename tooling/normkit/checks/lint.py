"""Drafting-rule lint: the rules of GB/T 1.1-2020 and ISO/IEC Directives Part 2 run on
the parsed documents of a standard.

A rule (``rules/*``) is a function of a :class:`LintContext` yielding :class:`Finding`
records; :data:`RULES` names each with its code, severity, the clause it enforces and
the fix. A body chooses rules in framework.toml (``[settings.lint] select``/``ignore``)
and an editor silences one paragraph with a comment just before it::

    .. normkit-ignore: zh-punctuation, term-unused

A name there that is no rule is itself reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes

from normkit.checks.rule import Rule, rule_table
from normkit.sphinxext import nodes as nk
from normkit.sphinxext.ancestry import ancestors
from normkit.system import Problem, Standard, StandardSystem

#: The comment that silences rules for the element that follows it.
SUPPRESS = re.compile(r"^normkit-ignore\s*:\s*(?P<names>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """A slip a rule found: where (a node, or a file and line) and what."""

    message: str
    node: nodes.Node | None = None
    path: Path | None = None
    line: int | None = None


@dataclass
class LintContext:
    """What a rule reads: the system, the standard, its master doctrees and language."""

    system: StandardSystem
    standard: Standard
    documents: list[nodes.document]

    @property
    def language(self) -> str:
        """The master language the sources are written in."""
        return self.system.settings.master_language

    @property
    def chinese(self) -> bool:
        """Whether the master is Chinese: GB/T 1.1-2020's own rules apply to it alone."""
        return self.language.startswith("zh")

    #: authored_text of nodes asked for, by id (the documents outlive the context).
    _texts: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _paragraphs: list[nodes.paragraph] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def paragraphs(self) -> Iterator[nodes.paragraph]:
        """Every paragraph an author wrote (not the cover, labels or generated sentences)."""
        if self._paragraphs is None:  # found once: a dozen rules walk them
            self._paragraphs = [
                para
                for document in self.documents
                for para in document.findall(nodes.paragraph)
                if not isinstance(para, (nk.term_head, nk.term_source))
                and para.source is not None
                and self.text(para).strip()
            ]
        return iter(self._paragraphs)

    def text(self, node: nodes.Node) -> str:
        """:func:`authored_text` of ``node``, worked out once per node."""
        key = id(node)
        if key not in self._texts:
            self._texts[key] = authored_text(node)
        return self._texts[key]


def authored_text(node: nodes.Node) -> str:
    """The words of ``node`` an author wrote: without numbers and generated labels."""
    if any(isinstance(a, nk.generated_text) for a in ancestors(node, include_self=True)):
        return ""
    if isinstance(node, nodes.Text):
        return node.astext()
    # One walk that leaves generated subtrees out (asking every word for its ancestors
    # was a tenth of a standard's check).
    words: list[str] = []
    pending = list(reversed(node.children))
    while pending:
        child = pending.pop()
        if isinstance(child, nodes.Text):
            words.append(child.astext())
        elif not isinstance(child, nk.generated_text):
            pending.extend(reversed(child.children))
    return "".join(words)


def _line_of(node: nodes.Node) -> tuple[str | None, int | None]:
    """The file and line of ``node``: its own, its first descendant's or its parent's.

    docutils gives a section (one written with an underline, not one a directive made)
    and its title the line of the underline: the title's text is on the line before.
    """
    for candidate in (node, *node.findall(), *ancestors(node)):
        if getattr(candidate, "line", None) and getattr(candidate, "source", None):
            underlined = type(candidate) is nodes.section or isinstance(candidate, nodes.title)
            line = candidate.line - 1 if underlined else candidate.line
            return candidate.source, line
    return None, None


def _comment_line(comment: nodes.comment) -> int | None:
    """The line a comment starts on (docutils gives the line after it)."""
    if not comment.line or not comment.source:
        return comment.line
    try:
        lines = Path(comment.source).read_text(encoding="utf-8").splitlines()
    except OSError:
        return comment.line
    for number in (comment.line, comment.line - 1):
        if 0 < number <= len(lines) and lines[number - 1].lstrip().startswith(".."):
            return number
    return comment.line


def _suppressions(
    documents: list[nodes.document], known: set[str]
) -> tuple[dict[int, set[str]], list[Problem]]:
    """id(node) → the rule names silenced for it (and its contents); unknown names."""
    silenced: dict[int, set[str]] = {}
    problems = []
    for document in documents:
        for comment in document.findall(nodes.comment):
            found = SUPPRESS.match(comment.astext().strip())
            if not found:
                continue
            names = {n.strip() for n in found.group("names").split(",") if n.strip()}
            for name in sorted(names - known):
                problems.append(
                    Problem(
                        "normkit.unknown-rule",
                        Path(comment.source or document["source"]),
                        _comment_line(comment),
                        f"normkit-ignore names {name!r}, which is no drafting rule",
                        "name a rule of `normkit check --rules`: " + ", ".join(sorted(known)),
                    )
                )
            target = comment.next_node(nodes.Element, descend=False, siblings=True)
            if target is not None:
                silenced.setdefault(id(target), set()).update(names & known)
    return silenced, problems


def _silenced(node: nodes.Node | None, name: str, silenced: dict[int, set[str]]) -> bool:
    if node is None:
        return False
    return any(name in silenced.get(id(n), ()) for n in ancestors(node, include_self=True))


def lint(context: LintContext, rules: list[Rule]) -> list[Problem]:
    """Every finding of ``rules`` in ``context``, as problems with file, line and fix."""
    silenced, problems = _suppressions(context.documents, set(rule_table()))
    fallback = context.standard.source_file
    for rule in rules:
        for finding in rule.check(context):
            if _silenced(finding.node, rule.name, silenced):
                continue
            path, line = finding.path, finding.line
            if finding.node is not None:
                source, line = _line_of(finding.node)
                path = Path(source) if source else fallback
            problems.append(
                Problem(
                    rule.code,
                    path or fallback,
                    line,
                    f"{finding.message} ({rule.clause})",
                    rule.fix,
                    rule.severity,
                )
            )
    return problems
