"""Ordinary reStructuredText and Sphinx content, as a body migrating its existing
specifications writes it, in an English-only system (issue 16, points 11–20).

One scratch standard holds it all: formulas, code, footnotes citing footnotes, a
glossary, Sphinx's own roles and directives, a second file in a toctree, symbols the
CJK faces lack. It is checked, then built once in every format; the tests read the
HTML, the PDF (poppler), the DOCX (its XML, and LibreOffice's rendering) back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import libreoffice
import pytest
from conftest import write_files
from docutils.core import publish_doctree

from normkit.system import load
from normkit.writers.footnotes import call_nested_footnotes

FRAMEWORK = """\
[framework]
version = "1.0"
title.en = "Plain specifications"

[settings]
master_language = "en"
languages = []
issuing_body.en = "Plain committee"

# Existing specifications, not (yet) laid out as GB/T 1.1 / ISO Directives structure
# them: the structure rule is set aside, every other drafting rule applies.
[settings.lint]
ignore = ["element-order"]

[settings.numbering]
prefix = "T/PL"
pattern = '^T/PL \\d{4}$'

[[category]]
code = "1"
title.en = "Infrastructure"

[[category.aspect]]
code = "1.1"
title.en = "Networks"

[[standard]]
number = "T/PL 1001"
aspect = "1.1"
status = "published"
title.en = "Plain specification"
"""

STANDARD = """\
number = "T/PL 1001"
version = "1.0"
status = "published"
aspect = "1.1"
title.en = "Plain specification"

[dates]
issue = 2026-01-10
implementation = 2026-03-01
"""

LONG_CODE = (
    '    return "a requirement line of code that runs on well past the right edge of the '
    'paper, ending in" + TAIL_MARK'
)

INDEX = f"""\
Scope
=====

This document specifies plain things; see Docutils_ for the markup [#first]_.

.. _Docutils: https://docutils.sourceforge.io/

.. [#first] First footnote, citing another [#second]_.
   Its text runs over two source lines.
.. [#second] Second footnote, cited by the first.

Formulas
========

The energy is :math:`E = mc^2`, where :math:`c` is the speed of light.

.. math::

   H \\beta - r = \\frac{{a}}{{b}} + \\sqrt{{x^2 + y^2}}

Code
====

.. code-block:: python

   def f(x):
       # *not* reStructuredText: `unbalanced and **stars
{LONG_CODE}

Glossary
========

.. glossary::

   widget
      A small thing.

The :term:`widget` is small. Run :samp:`ls {{dir}}` on :class:`Foo`, see :pep:`8#id` and
:rfc:`HTTP <2616>`.

.. versionadded:: 1.0
   The glossary.

.. productionlist::
   try_stmt: try1_stmt | try2_stmt
           : try3_stmt

Quoted:

   A quotation.

   -- Someone

Symbols \u2b1b and a\u0350 e\u036e o\u0364 with combining marks.

.. toctree::
   :maxdepth: 2

   appendix
"""

APPENDIX = """\
Second file
===========

Text of the second file of this standard.
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English-only scratch system (not built)."""
    files = {
        "standards/framework.toml": FRAMEWORK,
        "standards/t-pl-1001/standard.toml": STANDARD,
        "standards/t-pl-1001/index.rst": INDEX,
        "standards/t-pl-1001/appendix.rst": APPENDIX,
    }
    return write_files(tmp_path_factory.mktemp("plain") / "repo", files)


def test_one_language_system_has_one_edition_per_language(plain: Path) -> None:
    settings = load(plain).system.settings
    assert settings.editions == ("en",)
    assert settings.bilingual_language is None


def test_check_accepts_what_sphinx_accepts(plain: Path, normkit) -> None:
    run = normkit("check", "--root", str(plain))
    assert run.code == 0, run.out + run.err
    assert "unbalanced" not in run.out  # code is not parsed as reStructuredText


@pytest.mark.build_warnings("docutils")  # check reads the sources with Sphinx, which says so too
def test_check_still_reports_unknown_markup(plain: Path, normkit, tmp_path: Path) -> None:
    broken = tmp_path / "repo"
    shutil.copytree(plain, broken)
    index = broken / "standards" / "t-pl-1001" / "index.rst"
    index.write_text(INDEX + "\n.. no-such-directive::\n\n:no-such-role:`x`\n", "utf-8")
    run = normkit("check", "--root", str(broken))
    assert run.code == 1
    assert 'Unknown directive type "no-such-directive"' in run.out
    assert 'Unknown interpreted text role "no-such-role"' in run.out
    assert "index.rst:" in run.out


def test_a_footnote_cited_in_a_footnote_is_called_after_it() -> None:
    doctree = publish_doctree("Text [#a]_ and more.\n\n.. [#a] Cites [#b]_.\n.. [#b] Cited.\n")
    call_nested_footnotes(doctree)
    body = doctree.children[0]
    calls = [r["refid"] for r in body.findall(lambda n: n.tagname == "footnote_reference")]
    assert calls == ["a", "b"]


# -- built once in every format -------------------------------------------------------


@pytest.fixture(scope="module")
def built(plain: Path) -> tuple[Path, str]:
    """``normkit build`` of every format; the root and what it printed."""
    import io

    from normkit.cli import main

    out = io.StringIO()
    code = main(["build", "--root", str(plain), "-j", "1"], stdout=out, stderr=out)
    assert code == 0, out.getvalue()
    return plain / "build", out.getvalue()


@pytest.mark.slow
def test_builds_every_format_without_an_undeserved_warning(built: tuple[Path, str]) -> None:
    out, report = built
    assert "3 built, 0 up to date, 0 failed" in report
    assert "WARNING" not in report and "ERROR" not in report, report


@pytest.mark.slow
def test_html_formulas_glossary_and_one_page(built: tuple[Path, str]) -> None:
    out, _ = built
    folder = out / "html" / "en" / "t-pl-1001"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<math" in page and "<mfrac>" in page and "<msqrt>" in page
    assert "\\frac" not in page and "\\(" not in page
    assert re.search(r'class="nk-formula-number">\(1\)<', page)
    assert re.search(r'href="#term-widget"[^>]*>\s*<span>widget', page)
    # The second file is part of the one page, not an orphan page of its own.
    assert "Text of the second file of this standard." in page
    assert not (folder / "appendix.html").exists()
    assert 'href="https://docutils.sourceforge.io/"' in page


@pytest.fixture(scope="module")
def pdf_text(built: tuple[Path, str]) -> str:
    pdf = built[0] / "pdf" / "t-pl-1001-1.0-en.pdf"
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
def test_pdf_formulas_are_drawn_and_numbered(pdf_text: str) -> None:
    assert "(1)" in pdf_text
    assert "\\frac" not in pdf_text and "mc^2" not in pdf_text


@pytest.mark.slow
def test_pdf_code_wraps_instead_of_losing_characters(pdf_text: str) -> None:
    assert "TAIL_MARK" in pdf_text
    assert "ending in" in pdf_text


@pytest.mark.slow
def test_pdf_footnotes_both_at_the_foot(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    # One line per footnote: the source's line break is not kept.
    assert "1) First footnote, citing another 2). Its text runs over two source lines." in flat
    assert "2) Second footnote, cited by the first." in flat


@pytest.mark.slow
def test_pdf_second_file_is_numbered_with_the_rest(pdf_text: str) -> None:
    assert re.search(r"^5 Second file$", pdf_text, re.M)
    assert "Text of the second file of this standard." in pdf_text


@pytest.mark.slow
def test_pdf_symbols_have_glyphs(built: tuple[Path, str], pdf_text: str) -> None:
    assert "\u2b1b" in pdf_text and "a\u0350" in pdf_text
    fonts = subprocess.run(
        ["pdffonts", str(built[0] / "pdf" / "t-pl-1001-1.0-en.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "FreeSerif" in fonts  # the fallback face drew what Noto lacks


def _docx_part(built: tuple[Path, str], name: str) -> str:
    with zipfile.ZipFile(built[0] / "docx" / "t-pl-1001-1.0-en.docx") as docx:
        return docx.read(name).decode("utf-8")


@pytest.mark.slow
def test_docx_formulas_are_word_equations(built: tuple[Path, str]) -> None:
    xml = _docx_part(built, "word/document.xml")
    assert xml.count("<m:oMath") == 3  # two inline, one display
    assert "<m:f>" in xml  # a fraction Word can edit
    assert '<m:degHide m:val="1"/>' in xml  # a square root, not a root of empty degree
    assert "(1)</w:t>" in xml


@pytest.mark.slow
def test_docx_footnotes_are_never_nested(built: tuple[Path, str]) -> None:
    notes = _docx_part(built, "word/footnotes.xml")
    assert "w:footnoteReference" not in notes
    assert "Second footnote, cited by the first." in notes
    body = _docx_part(built, "word/document.xml")
    assert body.count("<w:footnoteReference") == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_libreoffice_opens_the_docx_and_shows_everything(
    built: tuple[Path, str], tmp_path: Path
) -> None:
    docx = built[0] / "docx" / "t-pl-1001-1.0-en.docx"
    (pdf,) = libreoffice.to_pdf([docx], tmp_path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    assert "E=mc" in flat.replace(" ", "")  # the equation is rendered, not dropped
    assert "Second footnote, cited by the first." in flat
    assert "try_stmt ::= try1_stmt | try2_stmt" in flat
    assert "—Someone" in flat
    assert "Text of the second file of this standard." in flat


@pytest.mark.slow
def test_docx_code_block_has_space_after(built: tuple[Path, str]) -> None:
    import docx

    document = docx.Document(str(built[0] / "docx" / "t-pl-1001-1.0-en.docx"))
    code = next(p for p in document.paragraphs if "TAIL_MARK" in p.text)
    assert code.style.name == "Literal"
    assert (
        code.style.paragraph_format.space_after and code.style.paragraph_format.space_after.pt >= 6
    )
