"""The parsed documents the drafting rules read: one standard's master-language doctree.

``read_master(system, standard)`` is the one door. It runs Sphinx's read-only builder
(the engine's READ_ONLY, through the engine's run_sphinx) and loads the doctree Sphinx
pickled: numbered and labelled by the model's transforms, its cross-references not yet
resolved. The engine's ``read_doctree`` (the resolved doctree the writers and the diff
take) is not used here, on purpose: resolving replaces a reference to an unknown term by
plain text, so ``term-undefined`` could no longer see it, and ``read_doctree`` stops at
the first Sphinx error, where ``normkit check`` must still report every other finding.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from normkit.system import Problem, Standard, StandardSystem

if TYPE_CHECKING:
    from normkit.engine.readings import Readings


@dataclass
class ReadStandard:
    """A standard's doctree(s) in its master language, and what reading it said."""

    documents: list[nodes.document]
    errors: list[str] = field(default_factory=list)
    #: Everything reading said (warnings and errors of docutils, Sphinx and normkit).
    said: list[Problem] = field(default_factory=list)


def read_master(
    system: StandardSystem, standard: Standard, keep: Readings | None = None
) -> ReadStandard:
    """The numbered doctrees of ``standard`` in the master language (references not yet
    resolved). With ``keep`` (a build's readings), Sphinx's reading is kept there for
    the build's job of that edition, which then does not read the sources again."""
    from normkit.engine.build_one import READ_ONLY
    from normkit.sphinx_run import run_sphinx

    work = Path(tempfile.mkdtemp(prefix=f"normkit-check-{standard.slug}-"))
    master = system.settings.master_language
    try:
        run = run_sphinx(
            system.root,
            standard.path,
            READ_ONLY,
            master,
            work / "out",
            work / "doctrees",
            master_language=master,
            system=system,
        )
        if any(p.code == "normkit.build" for p in run.errors):  # it raised: nothing to read
            return ReadStandard([], [p.message for p in run.errors if p.code == "normkit.build"])
        documents = [
            pickle.loads(path.read_bytes())
            for path in sorted((work / "doctrees").glob("*.doctree"))
        ]
        if keep is not None:
            keep.keep(standard.slug, master, work / "doctrees", run)
        return ReadStandard(documents, said=[*run.errors, *run.warnings])
    finally:
        shutil.rmtree(work, ignore_errors=True)
