"""The sample standard system end to end: clean check, complete translations, and every
standard built in every edition and format under --strict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A copy of the repository's sample system (sources, templates, conf.py)."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO_ROOT / "standards", root / "standards")
    shutil.copytree(REPO_ROOT / "templates", root / "templates")
    shutil.copy(REPO_ROOT / "conf.py", root / "conf.py")
    return root


def test_sample_check_is_clean_with_counts(sample, normkit):
    run = normkit("check", "--root", str(sample))
    assert run.code == 0, run.out
    assert "clean" in run.out
    assert "3 categories, 9 aspects, 108 planned, 8 drafted" in run.out


def test_sample_translations_are_complete(sample, normkit):
    rows = json.loads(
        normkit("translate", "--root", str(sample), "--status", "--format", "json").out
    )
    assert len(rows) == 8
    assert all(r["percent"] == 100.0 and r["fuzzy"] == 0 for r in rows), rows


def test_every_edition_and_format_builds_strict(sample, normkit):
    run = normkit("build", "--root", str(sample), "--strict", "-j", "2")
    assert run.code == 0, run.out[-5000:]
    assert "72 built, 0 up to date, 0 failed" in run.out
    build = sample / "build"
    for std in sorted((sample / "standards").glob("t-xqzc-*")):
        for edition in ("zh_CN", "en", "bilingual"):
            assert (build / "html" / edition / std.name / "index.html").is_file()
            assert (build / "pdf" / f"{std.name}-1.0-{edition}.pdf").is_file()
            assert (build / "docx" / f"{std.name}-1.0-{edition}.docx").is_file()
    for language in ("zh_CN", "en"):
        assert (build / "html" / language / "index.html").is_file()
        assert (build / "html" / language / "search-index.json").is_file()
    # Nothing changed: a second build does no work.
    again = normkit("build", "--root", str(sample), "--strict", "-j", "2")
    assert "0 built, 72 up to date" in again.out


def test_a_changed_paragraph_is_exactly_the_fuzzy_segment(sample, normkit, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(sample / "standards", root / "standards")
    shutil.copytree(sample / "templates", root / "templates")
    shutil.copy(sample / "conf.py", root / "conf.py")
    source = root / "standards" / "t-xqzc-1201" / "index.rst"
    text = source.read_text(encoding="utf-8")
    old = "本文件规定了示例新区城市道路物联网感知终端建设的总体要求"
    assert old in text
    source.write_text(
        text.replace(old, "本文件规定了示例新区城市道路和桥梁物联网感知终端建设的总体要求"), "utf-8"
    )
    run = normkit("translate", "--root", str(root), "--standard", "T/XQZC 1201")
    assert "0 new, 1 became fuzzy, 0 obsolete" in run.out
    from normkit.catalog import load_catalog
    from normkit.i18n.catalogs import catalog_path, read_catalog

    standard = load_catalog(root).standards["T/XQZC 1201"]
    fuzzy = [m for m in read_catalog(catalog_path(standard, "en"), "en") if m.id and m.fuzzy]
    assert len(fuzzy) == 1 and "城市道路和桥梁" in fuzzy[0].id
    report = json.loads(normkit("check", "--root", str(root), "--format", "json").out)
    found = [p for p in report["problems"] if p["code"] == "normkit.translation-incomplete"]
    assert [p["file"] for p in found] == ["standards/t-xqzc-1201/locale/en/LC_MESSAGES/index.po"]
    assert "1 fuzzy" in found[0]["message"]
