"""What ``normkit build`` may build: the errors ``normkit check`` reports, by edition.

One set of rules, run by both commands: the build runs the checks first and refuses
an edition for which check reports an error, and only that edition. An error in a
standard's folder refuses that standard's editions; one in its system for a language
(``locale/<lang>/``) refuses that language's edition and the bilingual one pairing
it; an error at a standard's entry of framework.toml refuses that standard's editions, any
other error in framework.toml every edition (the framework is shared). An error in a
folder the system could not read (its standard.toml does not parse) or at the entry of
a planned standard fails the build without stopping the other standards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from normkit.checks.runner import CheckReport
from normkit.system import Problem, StandardSystem


@dataclass
class Gate:
    """The check's errors, sorted by what they refuse."""

    system: StandardSystem
    framework: list[Problem] = field(default_factory=list)
    standards: dict[str, list[Problem]] = field(default_factory=dict)  # by folder name
    languages: dict[tuple[str, str], list[Problem]] = field(default_factory=dict)
    unreadable: list[Problem] = field(default_factory=list)  # fail the build, refuse nothing

    def refusals(self, slug: str, edition: str) -> list[Problem]:
        """The errors that refuse the edition ``edition`` of the standard in ``slug``/."""
        found = list(self.standards.get(slug, []))
        found += self.languages.get((slug, edition), [])
        if edition == "bilingual" and self.system.settings.languages:
            found += self.languages.get((slug, self.system.settings.bilingual_language), [])
        return found


def gate(report: CheckReport) -> Gate:
    """Sort the errors of ``report`` (paths relative to its root) by what they refuse."""
    assert report.system is not None, "a check report without a system refuses everything"
    result = Gate(report.system)
    standards_dir = Path("standards")
    known = {std.path.name for std in report.system.standards.values()}
    # A problem at a [[standard]] entry of framework.toml concerns that standard alone.
    entries = {entry.line: entry.number for entry in report.system.entries}
    framework_file = standards_dir / "framework.toml"
    for problem in report.errors:
        parts = problem.path.parts
        inside = len(parts) > 2 and Path(*parts[:1]) == standards_dir
        if problem.path == framework_file and problem.line in entries:
            drafted = report.system.standards.get(entries[problem.line])
            if drafted is None:  # a planned entry: nothing built depends on it
                result.unreadable.append(problem)
            else:
                result.standards.setdefault(drafted.path.name, []).append(problem)
            continue
        if not inside:
            result.framework.append(problem)
            continue
        slug = parts[1]
        if slug not in known:
            result.unreadable.append(problem)
        elif len(parts) > 3 and parts[2] == "locale":
            result.languages.setdefault((slug, parts[3]), []).append(problem)
        else:
            result.standards.setdefault(slug, []).append(problem)
    return result
