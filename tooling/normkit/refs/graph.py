"""The citation graph: every ``:std:`` citation of every drafted standard, with where it
stands (the normative references, the bibliography, or the text and its clause), dated or
undated, and the problems of the graph: cycles of normative citations, and citations of
withdrawn, superseded or only planned standards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from normkit.errors import SourceNotUtf8
from normkit.files import read_text
from normkit.system import Problem, Severity, Standard, StandardSystem
from normkit.system.citations import citations_in_text

_DIRECTIVE = re.compile(r"^\.\.\s+([\w-]+)::")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


@dataclass(frozen=True)
class Citation:
    """One citation of a standard of the system by another."""

    citing: str  # number of the citing standard
    cited: str
    year: str  # "" for an undated citation
    where: str  # "normative-references" | "bibliography" | "text"
    clause: str  # the title of the clause the citation stands in
    path: Path
    line: int

    @property
    def normative(self) -> bool:
        """Listed in clause 2: the cited document's provisions are the citing one's."""
        return self.where == "normative-references"


def _contexts(lines: list[str], upto: int) -> list[tuple[str, str]]:
    """(where, clause title) for each of the first ``upto`` lines of an .rst file."""
    out: list[tuple[str, str]] = []
    block, clause = "text", ""
    for index, line in enumerate(lines[:upto]):
        found = _DIRECTIVE.match(line)
        if found:
            block = (
                found.group(1)
                if found.group(1) in ("normative-references", "bibliography")
                else block
            )
        elif line and not line[0].isspace() and not line.startswith(".."):
            block = "text"
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.match(nxt) and not _UNDERLINE.match(line):
            clause, block = line.strip(), "text"
        out.append((block, clause))
    return out


def citations_of(standard: Standard, unreadable: list[Problem] | None = None) -> Iterator[Citation]:
    """Every citation ``standard``'s sources make. A source that is not UTF-8 still
    gives the citations of its readable lines (the bytes that are not are replaced); one
    that cannot be read at all gives none. Either is a problem added to ``unreadable``:
    the graph names what it may lack, at the file and line."""
    for path in standard.source_files():
        try:
            text = read_text(path)
        except SourceNotUtf8 as error:  # check and build report it for that standard too
            if unreadable is not None:
                unreadable.append(
                    Problem("normkit.encoding", path, error.line, error.detail, error.hint or "")
                )
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            if unreadable is not None:
                unreadable.append(
                    Problem(
                        "normkit.unreadable",
                        path,
                        None,
                        f"cannot be read ({error.strerror or error}): its citations are "
                        "not in the graph",
                        "make the file readable (its permissions), or remove it",
                    )
                )
            continue
        found = list(citations_in_text(text, path))
        if not found:
            continue
        # Where each stands is read down to the last citation only (most stand in
        # clause 2): a system's every source is read for its framework pages.
        contexts = _contexts(text.splitlines(), max(c.line or 1 for c in found))
        for cited in found:
            where, clause = contexts[(cited.line or 1) - 1]
            yield Citation(
                standard.number, cited.number, cited.year, where, clause, path, cited.line or 0
            )


@dataclass(frozen=True)
class GraphProblem:
    """One problem of the graph, as data: ``normkit refs`` and ``check`` word it in English
    (:meth:`problem`), the framework pages in their own language from the label table
    (``[site] refs_<kind>`` of templates/labels/<language>.toml, with :meth:`values`)."""

    kind: str  # cites-withdrawn | cites-superseded | cites-planned | citation-cycle
    citing: str
    cited: str
    path: Path
    line: int
    by: str = ""  # the standard that supersedes the cited one
    group: tuple[str, ...] = ()  # the standards of a cycle
    cycle: tuple[str, ...] = ()  # one round through it

    def values(self) -> dict[str, str]:
        """The words a message of this kind is made of."""
        return {
            "citing": self.citing,
            "cited": self.cited,
            "by": self.by,
            "group": ", ".join(self.group),
            "cycle": " → ".join(self.cycle),
        }

    def problem(self) -> Problem:
        """The problem as ``check`` and ``refs`` report it."""
        status = self.kind.removeprefix("cites-")
        if self.kind == "citation-cycle":
            message = (
                f"{', '.join(self.group)} cite each other normatively, round in a cycle "
                f"(e.g. {' → '.join(self.cycle)})"
            )
            hint = (
                "a standard should not depend on one that depends on it: cite one of them "
                "informatively, or merge the provisions"
            )
        elif self.kind == "cites-planned":
            message = (
                f"{self.citing} lists {self.cited} as a normative reference, but it is only "
                "planned: there is no text to apply"
            )
            hint = "cite it informatively until it is drafted, or draft it first"
        else:
            message = f"{self.citing} cites {self.cited}, which is {status}"
            hint = f"cite {self.by} instead" if self.by else "cite the edition meant with its year"
        return Problem(
            f"normkit.{self.kind}", self.path, self.line, message, hint, Severity.WARNING
        )


@dataclass
class CitationGraph:
    """Every citation of the system and the problems it shows."""

    citations: list[Citation] = field(default_factory=list)
    findings: list[GraphProblem] = field(default_factory=list)
    #: Sources that could not be read, or not wholly (not UTF-8): citations may be missing.
    unreadable: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """The findings as problem records (English, with a fix), and the sources that
        could not be read."""
        return [finding.problem() for finding in self.findings] + self.unreadable

    def citing(self, number: str) -> list[Citation]:
        """The citations of ``number`` by other standards."""
        return [c for c in self.citations if c.cited == number and c.citing != number]

    def edges(self) -> dict[tuple[str, str], list[Citation]]:
        """(citing, cited) → its citations, one entry per pair of standards."""
        pairs: dict[tuple[str, str], list[Citation]] = {}
        for citation in self.citations:
            pairs.setdefault((citation.citing, citation.cited), []).append(citation)
        return pairs


def _status(system: StandardSystem, number: str) -> str:
    standard, entry = system.standard(number), system.entry(number)
    return standard.status if standard else (entry.status if entry else "unknown")


def _knots(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of standards that cite each other round (strongly connected
    components of more than one standard, Tarjan's algorithm), each sorted.

    Walked with a stack of its own, not by recursion: a chain of a thousand standards
    each citing the next is deeper than Python's recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def enter(node: str) -> tuple[str, Iterator[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return node, iter(sorted(graph.get(node, ())))

    for start in sorted(graph):
        if start in index:
            continue
        path = [enter(start)]  # the nodes being visited, each with its targets left
        while path:
            node, targets = path[-1]
            for target in targets:
                if target not in index:
                    path.append(enter(target))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:  # every target of node visited
                path.pop()
                if path:
                    parent = path[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return sorted(groups)


def _shortest_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A shortest round of citations through the group's first standard (an example)."""
    start = group[0]
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for target in sorted(graph.get(path[-1], ())):
            if target == start:
                return [*path, start]
            if target in group and target not in path:
                paths.append([*path, target])
    return group


def citation_graph(system: StandardSystem) -> CitationGraph:
    """The citation graph of ``system``'s drafted standards."""
    graph = CitationGraph()
    for standard in sorted(system.standards.values(), key=lambda s: s.number):
        graph.citations += citations_of(standard, graph.unreadable)
    for c in graph.citations:
        status = _status(system, c.cited)
        if status in ("withdrawn", "superseded"):
            by = system.standard(c.cited).superseded_by if system.standard(c.cited) else ""
            graph.findings.append(
                GraphProblem(f"cites-{status}", c.citing, c.cited, c.path, c.line, by=by or "")
            )
        elif status == "planned" and c.normative:
            graph.findings.append(GraphProblem("cites-planned", c.citing, c.cited, c.path, c.line))
    normative: dict[str, set[str]] = {}
    for c in graph.citations:
        if c.normative and c.cited != c.citing:
            normative.setdefault(c.citing, set()).add(c.cited)
    for group in _knots(normative):
        cycle = _shortest_cycle(normative, group)
        first = next(c for c in graph.citations if c.citing == cycle[0] and c.cited == cycle[1])
        graph.findings.append(
            GraphProblem(
                "citation-cycle",
                first.citing,
                first.cited,
                first.path,
                first.line,
                group=tuple(group),
                cycle=tuple(cycle),
            )
        )
    return graph
