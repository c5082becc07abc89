"""A named hyperlink in a translated segment reaches its target (issue 16, point 14).

``See Docutils_`` with ``.. _Docutils: URL`` in the master: the English segment
``See Docutils_ …`` must link to the URL in the English and the bilingual edition, as
Sphinx's own Locale transform does; a name no target has is reported, not dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PO_EN

INDEX = """\
范围
====

本文件规定了通信设施的建设要求，标记语言见 Docutils_ 。

.. _Docutils: https://docutils.sourceforge.io/

一般要求
========

设施应符合本文件的要求。
"""

PO = PO_EN.replace(
    '''msgid "本文件规定了通信设施的建设要求。"
msgstr "This document specifies requirements for communication facilities."''',
    '''msgid "本文件规定了通信设施的建设要求，标记语言见 Docutils_ 。"
msgstr "This document specifies communication facilities; for the markup see Docutils_."''',
)


@pytest.fixture
def repo(make_repo) -> Path:
    return make_repo(
        {
            "standards/t-test-1101/index.rst": INDEX,
            "standards/t-test-1101/locale/en/LC_MESSAGES/index.po": PO,
        }
    )


@pytest.mark.slow
def test_named_link_in_a_translation_points_at_its_target(repo: Path, normkit) -> None:
    assert "Docutils_" in PO
    run = normkit(
        "build", "--root", str(repo), "--standard", "t-test-1101", "--format", "html",
        "--lang", "en", "--lang", "bilingual", "-j", "1",
    )  # fmt: skip
    assert run.code == 0, run.out + run.err
    assert "WARNING" not in run.out, run.out
    for edition in ("en", "bilingual"):
        page = (repo / "build" / "html" / edition / "t-test-1101" / "index.html").read_text(
            encoding="utf-8"
        )
        assert "for the markup see" in page
        assert 'href="#docutils"' not in page
        # The master's link and, in the bilingual edition, the translation's.
        links = page.count('href="https://docutils.sourceforge.io/"')
        assert links == (2 if edition == "bilingual" else 1), edition


@pytest.mark.slow
def test_a_translation_naming_no_target_is_reported(repo: Path, normkit) -> None:
    po = repo / "standards" / "t-test-1101" / "locale" / "en" / "LC_MESSAGES" / "index.po"
    po.write_text(PO.replace("see Docutils_.", "see Dokutils_."), encoding="utf-8")
    run = normkit(
        "build", "--root", str(repo), "--standard", "t-test-1101", "--format", "html",
        "--lang", "en", "-j", "1",
    )  # fmt: skip
    assert "Unknown target name" in run.out and "dokutils" in run.out, run.out
