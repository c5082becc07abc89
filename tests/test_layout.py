"""The layout object: every output path and URL, and links that stay right when the
layout changes (a version segment, a release folder, a redline folder)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from normkit.layout import Layout
from normkit.system import load_system

ROOT = Path(__file__).resolve().parents[1]


def _standard(number: str = "T/XQZC 1101"):
    return load_system(ROOT).standards[number]


def test_build_paths_of_every_format() -> None:
    std = _standard()
    layout = Layout(Path("/b"))
    assert layout.document(std, "zh_CN", "html") == "html/zh_CN/t-xqzc-1101"
    assert layout.page("en", std) == "html/en/t-xqzc-1101/index.html"
    assert layout.page("en", name="search.html") == "html/en/search.html"
    pdf = layout.document(std, "bilingual", "pdf")
    assert pdf == f"pdf/t-xqzc-1101-{std.version}-bilingual.pdf"
    assert layout.path(pdf) == Path("/b/pdf") / f"t-xqzc-1101-{std.version}-bilingual.pdf"
    assert layout.document(std, "en", "docx").endswith(f"-{std.version}-en.docx")


def test_links_resolve_to_the_target_as_a_browser_resolves_them() -> None:
    std, other = _standard(), _standard("T/XQZC 2101")
    for layout in (Layout(Path("/b")), Layout(Path("/b"), versioned=True)):
        here = layout.page("zh_CN", std)
        for target in (
            layout.page("en", std),
            layout.page("zh_CN", other, latest=True),
            layout.document(std, "zh_CN", "pdf"),
            layout.page("zh_CN", name="search.html"),
        ):
            href = layout.href(here, target)
            assert not href.startswith("/")
            assert urljoin("http://x/" + here, href) == "http://x/" + target


def test_version_segment_release_and_redline_folders() -> None:
    std = _standard()
    versioned = Layout(Path("/b"), versioned=True)
    assert versioned.page("en", std) == f"html/en/t-xqzc-1101/{std.version}/index.html"
    assert versioned.page("en", std, latest=True) == "html/en/t-xqzc-1101/index.html"
    release = Layout.release(Path("/repo"), std.slug, "1.0")
    assert release.path(release.document(std, "en", "pdf")).parent == Path(
        "/repo/releases/t-xqzc-1101/1.0/pdf"
    )
    redline = Layout(Path("/b")).redline(std.slug, "1.0", "1.1")
    assert redline.out == Path("/b/redline/t-xqzc-1101/1.0..1.1")


def test_published_page_url() -> None:
    std = _standard()
    assert Layout(Path("/b")).page_url(std, "en") == ""
    published = Layout(Path("/b"), site_url="https://std.example.org/")
    assert published.page_url(std, "en") == "https://std.example.org/en/t-xqzc-1101/"


def test_release_build_links_citations_to_the_public_site() -> None:
    """In a release build a citation leads where the site publishes the cited standard:
    a dated one to the release current then, an undated one to latest/, one never
    released to its page on the site; relative links resolve there as a browser does."""
    std, cited, unreleased = (
        _standard(),
        _standard("T/XQZC 2101"),
        _standard("T/XQZC 1201"),
    )
    layout = Layout(
        Path("/b"),
        "https://example.org/std",
        releases=((std.slug, std.version), (cited.slug, "0.9")),
    )
    site = "https://example.org/std/"
    here = urljoin(site, f"releases/{std.slug}/{std.version}/html/en/{std.slug}/index.html")
    for there, dated, expected in (
        (cited, True, "releases/t-xqzc-2101/0.9/html/en/t-xqzc-2101/index.html"),
        (cited, False, "releases/t-xqzc-2101/latest/html/en/t-xqzc-2101/index.html"),
        (unreleased, True, "en/t-xqzc-1201/index.html"),
    ):
        assert layout.cited_page("en", there, "en", dated) == expected
        assert urljoin(here, layout.link("en", std, there, "en", dated)) == site + expected
        assert layout.page_url(there, "en", dated) == site + expected
    # The bilingual edition's links to a standard never released: the master's page.
    assert layout.cited_page("bilingual", unreleased, "zh_CN") == "zh_CN/t-xqzc-1201/index.html"
    # An ordinary build: the page beside it, whatever was released.
    assert Layout(Path("/b")).link("en", std, cited, "en", True) == "../t-xqzc-2101/index.html"
