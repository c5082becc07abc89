"""Translation workflow: catalogs, status, bad translations, English and bilingual editions."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FRAMEWORK, INDEX, PO_EN, standard_toml

from normkit.i18n.catalogs import catalog_path, read_catalog
from normkit.system import load_system

PO_1101 = "standards/t-test-1101/locale/en/LC_MESSAGES/index.po"

# T/TEST 1101 as a draft: a published standard's incomplete translation is an error that
# refuses its translated editions (check and build share the rule), a draft's is not.
DRAFT_1101 = {
    "standards/framework.toml": FRAMEWORK.replace(
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "published"',
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "draft"',
    ),
    "standards/t-test-1101/standard.toml": standard_toml(
        "T/TEST 1101", "draft", "通信导则", "Communication guidelines"
    ),
}


def messages(root: Path, slug: str = "t-test-1101") -> dict[str, object]:
    """The catalog's messages by msgid."""
    system = load_system(root)
    standard = next(s for s in system.standards.values() if s.slug == slug)
    return {m.id: m for m in read_catalog(catalog_path(standard, "en"), "en") if m.id}


def check_json(normkit, root: Path) -> dict:
    return json.loads(normkit("check", "--root", str(root), "--format", "json").out)


def test_translate_creates_catalogs_in_the_sphinx_intl_layout(make_repo, normkit):
    root = make_repo({PO_1101: None})
    run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
    assert run.code == 0, run.err
    assert "created; 4 new" in run.out
    found = messages(root)
    assert set(found) == {
        "范围",
        "本文件规定了通信设施的建设要求。",
        "一般要求",
        "设施应符合本文件的要求。",
    }
    assert all(not m.string for m in found.values())


def test_a_changed_master_paragraph_becomes_fuzzy_and_check_reports_it(make_repo, normkit):
    changed = INDEX.replace(
        "本文件规定了通信设施的建设要求。", "本文件规定了通信设施的建设和验收要求。"
    )
    root = make_repo({"standards/t-test-1101/index.rst": changed})
    run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
    assert "0 new, 1 became fuzzy, 0 obsolete" in run.out  # as msgmerge: matched, not obsolete
    found = messages(root)
    fuzzy = [m for m in found.values() if m.fuzzy]
    assert [m.id for m in fuzzy] == ["本文件规定了通信设施的建设和验收要求。"]
    assert fuzzy[0].string == "This document specifies requirements for communication facilities."
    assert all(m.string and not m.fuzzy for m in found.values() if m not in fuzzy)
    report = check_json(normkit, root)
    incomplete = [p for p in report["problems"] if p["code"] == "normkit.translation-incomplete"]
    assert len(incomplete) == 1 and incomplete[0]["file"] == PO_1101
    assert "1 fuzzy" in incomplete[0]["message"] and incomplete[0]["severity"] == "error"
    assert not report["ok"]  # T/TEST 1101 is published


def test_a_crlf_catalog_keeps_its_line_endings(make_repo, normkit):
    """A catalog saved on Windows (CRLF) is merged into the very lines an LF catalog is,
    each ending in CRLF, so git shows only the entries that changed; still UTF-8 without
    a byte-order mark, which msgfmt reads. Merged again, nothing changes; a catalog with
    LF line endings keeps them."""
    changed = INDEX.replace(
        "本文件规定了通信设施的建设要求。", "本文件规定了通信设施的建设和验收要求。"
    )
    root = make_repo({"standards/t-test-1101/index.rst": changed})
    po = root / PO_1101
    original = po.read_bytes()
    assert b"\r" not in original
    run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
    assert run.code == 0 and "1 became fuzzy" in run.out, run.out + run.err
    merged_lf = po.read_bytes()
    assert b"\r" not in merged_lf

    po.write_bytes(original.replace(b"\n", b"\r\n"))  # as the translator's editor saved it
    run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
    assert run.code == 0 and "1 became fuzzy" in run.out, run.out + run.err
    merged = po.read_bytes()
    assert merged == merged_lf.replace(b"\n", b"\r\n")
    assert not merged.startswith(b"\xef\xbb\xbf")
    msgfmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True)
    assert msgfmt.returncode == 0, msgfmt.stderr
    assert messages(root)["本文件规定了通信设施的建设和验收要求。"].fuzzy
    assert normkit("translate", "--root", str(root), "--standard", "T/TEST 1101").code == 0
    assert po.read_bytes() == merged


# A paragraph longer than a PO line, with the spaces of its Latin words where a wrapper breaks.
LONG_OLD = (
    "感知终端应支持 IPv6 和 MQTT 3.1.1 协议，数据上报周期不大于 60 s，时钟与平台的偏差不大于 "
    "1 s，断电后缓存的数据不少于 72 h，并在恢复连接后按 ISO 8601 时间顺序补传。"
)
LONG_NEW = LONG_OLD.replace("不大于 60 s", "不大于 30 s")


def test_a_long_fuzzy_entry_keeps_a_previous_msgid_msgfmt_accepts(make_repo, normkit):
    root = make_repo(
        {
            "standards/t-test-1101/index.rst": INDEX.replace(
                "本文件规定了通信设施的建设要求。", LONG_NEW
            ),
            PO_1101: PO_EN.replace("本文件规定了通信设施的建设要求。", LONG_OLD),
        }
    )
    po = root / PO_1101
    for _ in range(2):  # written by the merge, then read and written again unchanged
        run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
        assert run.code == 0, run.err
        msgfmt = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True
        )
        assert msgfmt.returncode == 0, msgfmt.stderr
        text = po.read_text(encoding="utf-8")
        assert f'#| msgid "{LONG_OLD}"\n' in text  # one line, as msgmerge reads it
        assert "# |" not in text  # not turned into a translator's comment
        assert messages(root)[LONG_NEW].fuzzy


def test_an_entry_done_by_hand_loses_its_previous_msgid_and_msgfmt_has_nothing_to_say(
    make_repo, normkit
):
    """A translator who clears the fuzzy flag in a text editor leaves its ``#|`` lines;
    ``translate`` drops them as msgmerge and Poedit do, where it used to carry them on as
    ``# | msgid`` translator comments for good. A written catalog has no placeholder
    msgfmt -c warns about (the Last-Translator Babel fills in)."""
    root = make_repo(
        {
            "standards/t-test-1101/index.rst": INDEX.replace(
                "本文件规定了通信设施的建设要求。", LONG_NEW
            ),
            PO_1101: PO_EN.replace("本文件规定了通信设施的建设要求。", LONG_OLD),
        }
    )
    po = root / PO_1101
    normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
    fuzzy = po.read_text(encoding="utf-8")
    assert f'#| msgid "{LONG_OLD}"\n' in fuzzy
    done = fuzzy.replace("#, fuzzy\n", "", 1)  # translated again, the flag cleared by hand
    assert done != fuzzy
    po.write_text(done.replace("#| msgid", "# | msgid"), encoding="utf-8")  # and old leftovers
    for _ in range(2):
        run = normkit("translate", "--root", str(root), "--standard", "T/TEST 1101")
        assert run.code == 0, run.err
        text = po.read_text(encoding="utf-8")
        assert 'msgid "' + LONG_OLD not in text and "| msgid" not in text
        msgfmt = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True
        )
        assert msgfmt.returncode == 0 and msgfmt.stderr == "", msgfmt.stderr
        assert "EMAIL@ADDRESS" not in text and "ORGANIZATION" not in text
    assert not messages(root)[LONG_NEW].fuzzy


def test_status_reports_counts_and_percent(make_repo, normkit):
    root = make_repo({PO_1101: PO_EN.replace('msgstr "General requirements"', 'msgstr ""')})
    run = normkit("translate", "--root", str(root), "--status", "--format", "json")
    rows = {r["standard"]: r for r in json.loads(run.out)}
    assert rows["T/TEST 1101"]["translated"] == 3 and rows["T/TEST 1101"]["untranslated"] == 1
    assert rows["T/TEST 1101"]["percent"] == 75.0
    assert rows["T/TEST 1102"]["percent"] == 100.0
    text = normkit("translate", "--root", str(root), "--status").out
    assert "75%" in text and "1 of 2 catalogs complete" in text


def test_drafts_with_incomplete_translations_only_warn(make_repo, normkit):
    po = PO_EN.replace('msgstr "General requirements"', 'msgstr ""')
    root = make_repo({"standards/t-test-1102/locale/en/LC_MESSAGES/index.po": po})
    report = check_json(normkit, root)
    found = [p for p in report["problems"] if p["code"] == "normkit.translation-incomplete"]
    assert found and found[0]["severity"] == "warning"
    assert report["ok"]


BAD = {
    "po syntax error": (
        PO_EN.replace('msgstr "Scope"', 'msgstr "Scope'),
        "normkit.po-syntax",
        None,
    ),
    "broken inline markup": (
        PO_EN.replace(
            '"Facilities shall conform to this document."', '"Facilities *shall conform."'
        ),
        "normkit.translation-broken",
        "reStructuredText",
    ),
    "dropped reference": (
        PO_EN.replace(
            'msgid "设施应符合本文件的要求。"',
            'msgid "设施应符合\\\\ :std:`T/TEST 1102`\\\\ 的要求。"',
        ),
        "normkit.translation-broken",
        "drops or changes :std:`T/TEST 1102`",
    ),
    "changed number": (
        PO_EN.replace('msgid "设施应符合本文件的要求。"', 'msgid "高度不应小于30 m。"').replace(
            '"Facilities shall conform to this document."', '"The height shall be at least 40 m."'
        ),
        "normkit.translation-broken",
        "drops or changes the number 30",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_translations_name_the_po_file_and_line(case, make_repo, normkit):
    po, code, words = BAD[case]
    root = make_repo({PO_1101: po})
    report = check_json(normkit, root)
    found = [p for p in report["problems"] if p["code"] == code]
    assert found, report["problems"]
    assert found[0]["file"] == PO_1101
    assert found[0]["line"], "the line of the entry in the .po file"
    if words:
        assert words in found[0]["message"]
    assert not report["ok"]


def test_catalog_for_an_unconfigured_language_is_reported(make_repo, normkit):
    root = make_repo({"standards/t-test-1101/locale/fr/LC_MESSAGES/index.po": PO_EN})
    report = check_json(normkit, root)
    found = [p for p in report["problems"] if p["code"] == "normkit.translation-language"]
    assert found and "'fr'" in found[0]["message"]
    assert found[0]["file"] == "standards/t-test-1101/locale/fr"


def _page(root: Path, lang: str) -> str:
    return (root / "build" / "html" / lang / "t-test-1101" / "index.html").read_text("utf-8")


def test_english_edition_is_translated_with_english_labels(make_repo, normkit):
    root = make_repo()
    run = normkit("build", "--root", str(root), "--format", "html", "--lang", "en", "-j", "1")
    assert run.code == 0, run.out
    html = _page(root, "en")
    assert "Facilities shall conform to this document." in html
    assert "General requirements" in html and "设施应符合" not in html
    assert 'lang="en"' in html
    assert not list((root / "standards").rglob("*.mo")), "the build never writes into sources"


def test_bilingual_edition_pairs_master_and_translation(make_repo, normkit):
    po = PO_EN.replace('msgstr "Facilities shall conform to this document."', 'msgstr ""')
    root = make_repo({PO_1101: po, **DRAFT_1101})
    run = normkit(
        "build", "--root", str(root), "--format", "html", "--lang", "bilingual", "-j", "1"
    )
    assert run.code == 0, run.out
    html = _page(root, "bilingual")
    assert html.count('class="nk-pair') >= 2
    pair = html[html.index("本文件规定了通信设施的建设要求。") :]
    assert pair.index("本文件规定了") < pair.index("This document specifies requirements")
    assert "General requirements" in html  # the translated title beside the master's
    assert re.search(r"<title>T/TEST 1101\S* 通信导则 / Communication guidelines</title>", html)
    # The translation half says it is English (fonts, screen readers, PDF tags).
    assert re.search(r'<p class="nk-translation" lang="en">\s*This document specifies', html)
    assert re.search(r'<span class="nk-translation" lang="en">\s*General requirements', html)
    # The untranslated segment falls back to the master text, marked.
    assert "nk-untranslated" in html
    assert "1\u3000范围" in html or "1</span>\u3000范围" in html  # numbering of the master


def fill_translation(root: Path, normkit, part: str, translation: str) -> None:
    """Extract the catalog of T/TEST 1101 and translate the segment containing ``part``."""
    from babel.messages.pofile import read_po, write_po

    assert normkit("translate", "--root", str(root), "--standard", "T/TEST 1101").code == 0
    po = root / PO_1101
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    message = next(m for m in catalog if m.id and part in str(m.id))
    message.string = translation
    message.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog)


def build_bilingual(root: Path, normkit) -> str:
    only = ("--standard", "T/TEST 1101", "--format", "html", "-j", "1")
    run = normkit("build", "--root", str(root), *only, "--lang", "bilingual")
    assert run.code == 0, run.out
    return _page(root, "bilingual")


def test_bilingual_references_use_each_halfs_own_words(make_repo, normkit):
    """A cross-reference reads "第2章" in the master half of the bilingual edition and
    "Clause 2" in the translation half, as it does in each one-language edition."""
    sentence = "本文件规定了通信设施的建设要求"
    index = INDEX.replace("一般要求\n====", ".. _cl-general:\n\n一般要求\n====").replace(
        f"{sentence}。", f"{sentence}，见\\ :xref:`cl-general`。"
    )
    root = make_repo({"standards/t-test-1101/index.rst": index})
    english = "This document specifies requirements; see :xref:`cl-general`."
    fill_translation(root, normkit, ":xref:", english)
    html = build_bilingual(root, normkit)
    master = html[html.index(sentence) :]
    assert master.index("第2章") < master.index("This document specifies requirements")
    translated = master[master.index("This document specifies requirements") :]
    assert "Clause 2" in translated[:400] and "第2章" not in translated[:400]


def test_bilingual_notes_are_labelled_in_each_language(make_repo, normkit):
    """A note of the bilingual edition opens with "注：" in the master half and "NOTE"
    in the translation half."""
    index = INDEX + "\n.. note::\n\n   设施包括管道和机房。\n"
    root = make_repo({"standards/t-test-1101/index.rst": index})
    fill_translation(root, normkit, "设施包括", "Facilities include ducts and rooms.")
    html = build_bilingual(root, normkit)
    text = re.sub(r"<[^>]+>", "", html)
    assert re.search(r"注：\s*设施包括管道和机房。\s*NOTE\s+Facilities include", text), text[-600:]


def test_editions_link_to_each_other_on_the_same_clause(make_repo, normkit):
    """The edition switcher keeps the reader's place: every clause has the same id in
    every edition, and each page links to the other editions of the standard."""
    import re

    root = make_repo()
    run = normkit("build", "--root", str(root), "--format", "html", "-j", "1")
    assert run.code == 0, run.out
    pages = {lang: _page(root, lang) for lang in ("zh_CN", "en", "bilingual")}
    ids = {lang: set(re.findall(r'<section id="([^"]+)"', html)) for lang, html in pages.items()}
    assert ids["zh_CN"] == ids["en"] == ids["bilingual"] and "clause-2" in ids["zh_CN"]
    for lang, html in pages.items():
        links = set(re.findall(r'class="[^"]*nk-edition[^"]*" href="([^"]+)"', html))
        others = {f"../../{o}/t-test-1101/index.html" for o in pages if o != lang}
        assert links == others, (lang, links)
    script = (root / "build/html/zh_CN/t-test-1101/_static/normkit.js").read_text("utf-8")
    assert "location.hash" in script  # the fragment follows the reader to the other edition


SKETCH = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20"/></svg>\n'
)


@pytest.mark.build_warnings("normkit.alt")
def test_figures_are_described_by_their_title_in_each_edition(make_repo, normkit):
    """Screen readers (and the PDF's tags) read a figure's title in the edition's
    language, not its file name; an image with neither title nor :alt: is reported."""
    from docx import Document

    index = INDEX + (
        "\n.. figure:: figures/sketch.svg\n\n   系统示意\n\n.. image:: figures/sketch.svg\n"
    )
    root = make_repo(
        {
            "standards/t-test-1101/index.rst": index,
            "standards/t-test-1101/figures/sketch.svg": SKETCH,
            **DRAFT_1101,
        }
    )
    fill_translation(root, normkit, "系统示意", "System sketch")
    only = ("--standard", "T/TEST 1101", "--format", "html", "--format", "docx", "-j", "1")
    run = normkit("build", "--root", str(root), *only)
    assert run.code == 0, run.out
    line = index.splitlines().index(".. image:: figures/sketch.svg") + 1
    assert f"index.rst:{line}" in run.out and "has no alternative text" in run.out
    alts = {
        lang: re.findall(r'<img alt="([^"]*)"', _page(root, lang))
        for lang in ("zh_CN", "en", "bilingual")
    }
    assert alts == {
        "zh_CN": ["系统示意", "sketch.svg"],
        "en": ["System sketch", "sketch.svg"],
        "bilingual": ["系统示意 / System sketch", "sketch.svg"],
    }
    docx = Document(str(root / "build/docx/t-test-1101-1.0-en.docx"))
    described = [
        e.get("descr")
        for e in docx.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert described == ["System sketch", "sketch.svg"]


def test_sample_catalogs_are_clean_for_msgfmt_and_carry_no_previous_msgid_comments():
    """The sample's catalogs as ``translate`` now writes them: ``msgfmt -c`` says nothing,
    and no entry carries a previous msgid as a translator comment (``# | msgid``), the
    leftovers of the round trip that turned done entries' ``#|`` lines into comments."""
    from conftest import REPO_ROOT

    catalogs = sorted((REPO_ROOT / "standards").glob("*/locale/*/LC_MESSAGES/*.po"))
    assert len(catalogs) == 9
    for po in catalogs:
        msgfmt = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True
        )
        assert msgfmt.returncode == 0 and msgfmt.stderr == "", (po, msgfmt.stderr)
        text = po.read_text(encoding="utf-8")
        assert not re.search(r"^# ?\| msgid", text, re.MULTILINE), po
