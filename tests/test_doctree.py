"""read_doctree: one edition's resolved doctree from the working tree or a git commit,
and the stable ids it carries."""

from __future__ import annotations

import git
import pytest
from conftest import INDEX
from docutils import nodes
from repository import commit_all

from normkit.engine.doctree import DoctreeError, UnknownStandard, read_doctree
from normkit.engine.git_source import GitSourceError

pytestmark = pytest.mark.slow  # each test reads real Sphinx builds

INSERTED = """\
范围
====

本文件规定了通信设施的建设要求。

新增要求
========

新增的条款。

一般要求
========

设施应符合本文件的要求。
"""


def sections(doctree: nodes.document) -> dict[str, nodes.section]:
    return {s["nk_number"]: s for s in doctree.findall(nodes.section) if "nk_number" in s}


def test_old_commit_is_read_from_git_objects_without_touching_the_tree(make_repo):
    root = make_repo()
    first = commit_all(root, "1.0")
    source = root / "standards/t-test-1101/index.rst"
    source.write_text(INSERTED, encoding="utf-8")
    status = git.Repo(root).git.status("--porcelain")

    old = read_doctree("T/TEST 1101", "zh_CN", source=first, root=root)
    new = read_doctree("T/TEST 1101", "zh_CN", root=root)
    english = read_doctree("T/TEST 1101", "en", source=first, root=root)

    assert "新增的条款" not in old.astext() and "新增的条款" in new.astext()
    assert "Facilities shall conform to this document." in english.astext()
    assert git.Repo(root).git.status("--porcelain") == status
    assert source.read_text(encoding="utf-8") == INSERTED


def test_stable_ids_survive_renumbering_and_translation(make_repo):
    root = make_repo()
    first = commit_all(root, "1.0")
    (root / "standards/t-test-1101/index.rst").write_text(INSERTED, encoding="utf-8")

    old = sections(read_doctree("T/TEST 1101", "zh_CN", source=first, root=root))
    new = sections(read_doctree("T/TEST 1101", "zh_CN", root=root))
    english = sections(read_doctree("T/TEST 1101", "en", root=root))

    # 一般要求 was clause 2 and is clause 3 now: its permalink follows the number,
    # its stable id does not, in either language.
    assert old["2"]["ids"][0] == "clause-2" and new["3"]["ids"][0] == "clause-3"
    assert old["2"]["nk_id"] == new["3"]["nk_id"] == english["3"]["nk_id"]
    assert new["3"]["nk_id"] in new["3"]["ids"]
    assert new["2"]["nk_id"] not in {s["nk_id"] for s in old.values()}


@pytest.mark.build_warnings()  # the broken version's error is what it checks
def test_an_old_version_that_no_longer_reads_names_version_file_and_line(make_repo):
    root = make_repo({"standards/t-test-1101/index.rst": INDEX + "\n.. unknown-directive::\n"})
    first = commit_all(root, "broken")
    with pytest.raises(DoctreeError) as caught:
        read_doctree("T/TEST 1101", "zh_CN", source=first, root=root, label="1.0")
    message = str(caught.value)
    assert message.startswith("1.0 of T/TEST 1101 does not read: ")
    assert "standards/t-test-1101/index.rst:" in message and "unknown-directive" in message
    assert message.count("index.rst:") == 1 and "ERROR" not in message  # said once
    assert "/tmp/" not in message


def test_unknown_ref_and_unknown_standard_are_said_plainly(make_repo):
    root = make_repo()
    commit_all(root, "1.0")
    with pytest.raises(GitSourceError, match="no commit 'v9.9'"):
        read_doctree("T/TEST 1101", "zh_CN", source="v9.9", root=root)
    with pytest.raises(UnknownStandard, match="no drafted standard T/TEST 1999"):
        read_doctree("T/TEST 1999", "zh_CN", source="HEAD", root=root)
