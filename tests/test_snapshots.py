"""Snapshots of the document model: each scenario of tests/roots/ read into its
resolved, numbered, translated doctree, compared with the pseudo-XML kept beside it.

A scenario is a standard's folder (``index.rst``, figures, ``locale/``); it is built as
T/TEST 1101 of the small test system, in the master language and, when it has an
English catalog, in English and bilingual. The expected doctree of each edition is
``tests/roots/<scenario>/expected/<edition>.xml``. After a change of the model that is
meant, regenerate them all with one command and review the diff:

    NORMKIT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -m slow tests/test_snapshots.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from normkit.engine.doctree import read_doctree

ROOTS = Path(__file__).parent / "roots"
SCENARIOS = sorted(p.name for p in ROOTS.iterdir() if (p / "index.rst").is_file())
UPDATE = os.environ.get("NORMKIT_UPDATE_SNAPSHOTS") == "1"


def editions(scenario: Path) -> list[str]:
    """The editions a scenario is read in."""
    translated = (scenario / "locale" / "en" / "LC_MESSAGES" / "index.po").is_file()
    return ["zh_CN", "en", "bilingual"] if translated else ["zh_CN"]


def pseudo_xml(doctree, repo: Path) -> str:
    """The doctree as docutils' pseudo-XML, with the temporary repository's path (in
    ``source`` attributes) written as ``<repo>``."""
    return doctree.pformat().replace(str(repo.resolve()), "<repo>").replace(str(repo), "<repo>")


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_doctree_matches_its_snapshot(name: str, make_repo) -> None:
    scenario = ROOTS / name
    repo = make_repo()
    folder = repo / "standards" / "t-test-1101"
    shutil.rmtree(folder / "locale")
    for path in scenario.rglob("*"):
        relative = path.relative_to(scenario)
        if path.is_file() and relative.parts[0] != "expected":
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder / relative)
    for edition in editions(scenario):
        actual = pseudo_xml(read_doctree("T/TEST 1101", edition, root=repo), repo)
        expected_file = scenario / "expected" / f"{edition}.xml"
        if UPDATE:
            expected_file.parent.mkdir(exist_ok=True)
            expected_file.write_text(actual, encoding="utf-8")
        assert expected_file.is_file(), f"no snapshot {expected_file}: regenerate (see above)"
        expected = expected_file.read_text(encoding="utf-8")
        if actual != expected:
            diff = difflib.unified_diff(
                expected.splitlines(),
                actual.splitlines(),
                str(expected_file),
                "actual",
                lineterm="",
            )
            pytest.fail(f"{name} {edition} differs from its snapshot:\n" + "\n".join(diff))
