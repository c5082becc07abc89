"""The impact of a standard's changes: which standards, and where, cite it — so the
committee knows what else to revise — and which dated citations now point at an
edition that is no longer the current one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from normkit.refs.graph import Citation, citation_graph
from normkit.system import load_system

if TYPE_CHECKING:  # the diff engine loads Sphinx: only impact_of needs it
    from normkit.versions import Change


@dataclass
class Impact:
    """The changes of a standard since a version and the citations they concern."""

    number: str
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    outdated: list[Citation] = field(default_factory=list)  # dated, not the current year
    #: The issue date of the new edition when it is approved, not yet issued: until
    #: then the citations of ``outdated`` still point at the edition in force.
    to_be_issued: str = ""

    @property
    def changed_clauses(self) -> list[str]:
        """The numbers of the clauses with technical changes, in the new edition's
        numbering (the old one's for what was deleted)."""
        found: list[str] = []
        for change in self.changes:
            number = change.new_number or change.old_number
            if change.technical and number and number not in found:
                found.append(number)
        return found


def impact_of(root: Path, name: str, since: str | None) -> Impact:
    """What changed in standard ``name`` since ``since`` (default: its previous version)
    and every citation of it by another standard."""
    from normkit.versions.redline_build import changes_between

    outcome = changes_between(root, name, since, None)
    system = load_system(root)
    standard = outcome.standard
    impact = Impact(standard.number, outcome.old.label, outcome.new.label, outcome.changes)
    impact.citations = citation_graph(system).citing(standard.number)
    current = str(standard.year or "")
    impact.outdated = [c for c in impact.citations if c.year and c.year != current]
    if standard.status == "approved" and standard.issue_date:
        impact.to_be_issued = str(standard.issue_date)
    return impact
