"""Assemble the public site from the ledger and the release folders.

The site is written into a hidden folder beside ``out`` and renamed over it at the end,
so a reader never sees half a site. Everything in it is derived from the ledger, the
release files and the system, in sorted order, with no clock: the same inputs give the
same bytes.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from normkit.errors import NormkitError
from normkit.files import files_below, link_tree, writable_folder, write_atomic
from normkit.layout import LATEST_SCRIPT, Layout
from normkit.presentation import page_template_dirs, template
from normkit.release.layout import FRAMEWORK, release_dir, release_path
from normkit.release.ledger import LedgerEntry, read_entries, version_key
from normkit.release.manifest import MANIFEST, STAMPS, folder_problems
from normkit.site.drafts import DRAFTS, Drafts, build_drafts, draft_model, place_drafts
from normkit.site.framework_page import framework_history, framework_page_model
from normkit.site.search import SearchPage, same_index, search_documents, write_index
from normkit.sphinxext.labels import Labels, html_lang, load_labels
from normkit.system import Standard, StandardSystem, load_system
from normkit.writers.site_pages import framework_model, notice_text, status_label


class SiteError(NormkitError):
    """The site cannot be written at all; says what is missing."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass
class SiteReport:
    """What the site publishes and what it had to leave out (each with why)."""

    out: Path
    releases: list[LedgerEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    records: int = 0


#: Per site build, what every page of a language shares (read and computed once):
#: (root, language) → (site words, release-site words, framework model).
_SHARED: dict[tuple[str, str], tuple[dict[str, str], dict[str, str], dict[str, Any]]] = {}


def _shared(system: StandardSystem, language: str) -> tuple[dict, dict, dict]:
    key = (str(system.root), language)
    if key not in _SHARED:
        table = load_labels(Path(system.root), language).table
        _SHARED[key] = (
            dict(table.get("site", {})),
            dict(table.get("release_site", {})),
            framework_model(system, language),
        )
    return _SHARED[key]


def _issue_date(system: StandardSystem, language: str, standard: Standard) -> str:
    """The standard's issue date as the edition of ``language`` writes it, or ""."""
    if not standard.issue_date:
        return ""
    return _labels(str(system.root), language).date(standard.issue_date)


@functools.cache
def _labels(root: str, language: str) -> Labels:
    return load_labels(Path(root), language)


def _words(system: StandardSystem, language: str) -> tuple[dict[str, str], dict[str, str]]:
    site, words, _ = _shared(system, language)
    return site, words


#: Paths of pages inside a release folder (the build layout, relative).
_PAGES = Layout(Path("."))


def _editions(system: StandardSystem) -> list[str]:
    """Every edition a release can have, in the order readers see them."""
    return [*system.settings.all_languages, "bilingual"]


def _pagefind_language(language: str) -> str:
    return html_lang(language).lower()


def _edition_names(system: StandardSystem, language: str) -> dict[str, str]:
    site, _ = _words(system, language)
    names = {
        lang: _words(system, lang)[0].get("language_name", lang)
        for lang in system.settings.all_languages
    }
    names["bilingual"] = site.get("bilingual_name", "bilingual")
    return names


def _release_model(
    system: StandardSystem,
    entry: LedgerEntry,
    manifest: dict,
    language: str,
    base: str,
    previous: LedgerEntry | None,
) -> dict[str, Any]:
    """One release as the standard page shows it, links relative to that page."""
    _, words = _words(system, language)
    prefix = f"{base}{release_path(entry.slug, entry.version)}/"
    names = _edition_names(system, language)
    files = {f["path"]: f for f in manifest["files"]}
    editions = []
    for edition in _editions(system):
        page = _PAGES.page(edition, entry)
        if page in files:
            lang = html_lang(system.settings.master_language if edition == "bilingual" else edition)
            editions.append({"href": prefix + page, "name": names[edition], "lang": lang})
    downloads = [
        {
            "href": prefix + path,
            "name": path.rsplit("/", 1)[-1],
            "kb": f"{max(1, round(item['size'] / 1024)):,}",
            "sha256": item["sha256"],
        }
        for path, item in sorted(files.items())
        if path.startswith(("pdf/", "docx/"))
    ]
    redline = None
    if previous:
        folder = _PAGES.redline(entry.slug, previous.version, entry.version)
        page = f"{folder.out.as_posix()}/{folder.page(language, entry)}".removeprefix("./")
        if page in files:
            redline = {"href": prefix + page, "previous": previous.version}
    master_page = _PAGES.page(system.settings.master_language, entry)
    return {
        "version": entry.version,
        "date": entry.date,
        "day": entry.date[:10],
        "commit": entry.commit,
        "editions": editions,
        "downloads": downloads,
        "redline": redline,
        "manifest_href": prefix + "manifest.json",
        "manifest_sha256": entry.manifest_sha256,
        "latest_href": f"{base}{release_path(entry.slug, 'latest')}/{master_page}",
        "words": words,
    }


def _template_cache(root: Path) -> FileSystemBytecodeCache | None:
    """The compiled templates of earlier runs (build/.cache/site-templates/; Jinja checks
    each against its template's source), or none where that folder cannot be made."""
    folder = root / "build" / ".cache" / "site-templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


class _Writer:
    """Renders the site's templates into a staging folder."""

    def __init__(self, system: StandardSystem, staging: Path) -> None:
        self.system, self.staging = system, staging
        root = Path(system.root)
        # One theme: the site's pages extend the frame of the framework pages
        # (templates/html/site/base.html) in its release mode.
        self.env = Environment(
            loader=FileSystemLoader(page_template_dirs(root, "site", "html/site")),
            autoescape=select_autoescape(["html", "xml"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one run: each template is loaded and compiled once
            bytecode_cache=_template_cache(root),
        )
        self.pages: list[str] = []

    def write(self, template: str, path: str, **context: Any) -> None:
        context.setdefault("page", template.split(".")[0])
        context.setdefault("drafts_href", "")
        text = self.env.get_template(template).render(**context)
        write_atomic(self.staging / path, text)
        if path.endswith(".html") and path != "404.html":
            self.pages.append(path)


def _context(system: StandardSystem, language: str, page: str, base: str) -> dict[str, Any]:
    """What every page template needs: words, framework, links home and to other
    languages (``page`` is the page's path below its language folder)."""
    site, words = _words(system, language)
    master = system.settings.master_language
    home_dir = f"{base}{language}/"
    languages = [
        {
            "lang": html_lang(other),
            "name": _words(system, other)[0].get("language_name", other),
            "href": f"{base}{other}/{page}",
        }
        for other in system.settings.all_languages
        if other != language
    ]
    return {
        "lang": html_lang(language),
        "site": site,
        "words": words,
        "framework": _shared(system, language)[2],
        "base": base,
        "home": f"{base}index.html" if language == master else f"{home_dir}index.html",
        "home_dir": home_dir,
        "languages": languages,
        # The frame of templates/html/site/base.html in its release mode.
        "release": True,
        "stylesheets": ["normkit.css", "site.css"],
        "feed": {"href": f"{base}feed.xml", "title": words.get("feed_title", "")},
        "search_href": f"{home_dir}search.html",
        "refs_href": "",
        "framework_href": f"{home_dir}framework.html",
        "draft_banner": "",
    }


def _same_files(old: Path, source: Path, names: list[str]) -> bool:
    """Whether the previous site's folder ``old`` holds exactly the files ``names`` of
    the release folder ``source``, each the very same file (the hard links that site
    made): then it can stay as it is, instead of being unlinked and linked again."""
    if not old.is_dir():
        return False
    try:
        if files_below(old) != names:
            return False
        for name in names:
            mine, theirs = os.stat(old / name), os.stat(source / name)
            if (mine.st_dev, mine.st_ino) != (theirs.st_dev, theirs.st_ino):
                return False
        return True
    except OSError:
        return False


@dataclass
class _Placement:
    """Where the site's release folders come from: linked from the publishing output into
    the staging folder, or, when the previous site already holds them as they are (its
    hard links to the same files), kept from it: moved over just before the swap, so
    that the published site stays whole until then and nothing is deleted and made again."""

    publish: Path
    staging: Path
    previous: Path
    kept: list[tuple[Path, Path]] = field(default_factory=list)

    def place(self, source: Path, relative: str, manifest: dict) -> None:
        """Put the verified folder ``source`` at ``relative`` (a site path) in the site:
        the files its manifest lists and the manifest, nothing else."""
        names = sorted([MANIFEST, *(item["path"] for item in manifest["files"])])
        old, dest = self.previous / relative, self.staging / relative
        if _same_files(old, source, names):
            self.kept.append((old, dest))
        else:
            link_tree(source, dest, names)

    def move_kept(self) -> None:
        """Move the kept folders from the previous site into the staging folder."""
        for old, dest in self.kept:
            dest.parent.mkdir(parents=True, exist_ok=True)
            old.rename(dest)


def _good_releases(
    publish: Path, entries: list[LedgerEntry], report: SiteReport
) -> dict[str, list[tuple[LedgerEntry, dict]]]:
    """Every release whose files pass verification, with its manifest: each standard's
    (and the framework's, under its slug), oldest first. The others are reported and
    left out: the rest of the site still publishes."""
    good: dict[str, list[tuple[LedgerEntry, dict]]] = {}
    for entry in sorted(entries, key=lambda e: (e.slug, version_key(e.version))):
        source = release_dir(publish, entry.slug, entry.version)
        problems, manifest = folder_problems(entry, source, publish / STAMPS, trust=True)
        if problems or manifest is None:
            report.errors.append(
                f"{entry.slug} {entry.version} not published: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            )
            continue
        report.releases.append(entry)
        good.setdefault(entry.slug, []).append((entry, manifest))
    return good


def _refuse_to_replace(out: Path, root: Path) -> None:
    """The site replaces its whole folder: refuse a folder that is not a site normkit
    wrote (its versions.json) and holds anything, and one holding the repository, so
    that `--out .` or `--out ~/Documents` never deletes what a person keeps there."""
    hint = "choose a new or empty folder for --out: the site replaces the whole folder"
    if root.is_relative_to(out):
        raise SiteError(f"{out} holds the standards repository {root}", hint)
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder", hint)
    if out.is_dir() and not (out / "versions.json").is_file():
        kept = sorted(p.name for p in out.iterdir())
        if kept:
            shown = ", ".join(kept[:3]) + (", …" if len(kept) > 3 else "")
            raise SiteError(f"{out} is not a site normkit wrote (it holds {shown})", hint)


def build_site(
    root: Path,
    out: Path | None = None,
    publish: Path | None = None,
    drafts: bool = False,
) -> SiteReport:
    """Write the public site of every release of the repository at ``root`` into ``out``
    (default ROOT/build/site) from the release folders under ``publish``; with
    ``drafts``, the working tree's drafts too."""
    system = load_system(root)
    root = Path(system.root)
    _SHARED.clear()  # the labels or the framework may have changed since the last site
    if not (template(root, "site") / "static").is_dir():
        raise SiteError(
            f"{template(root, 'site')}: the site's templates are missing",
            "copy templates/site/ (and the [release_site] table of templates/labels/*.toml) "
            "from normkit's own repository",
        )
    out = (out or root / "build" / "site").resolve()
    _refuse_to_replace(out, root)
    publish = (publish or root / "build" / "publish").resolve()
    report = SiteReport(out)
    entries = read_entries(root)
    built = build_drafts(system) if drafts else None
    if built is not None:
        report.errors += built.errors
    writable_folder(out.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        placement = _Placement(publish, staging, out)
        good = _good_releases(publish, entries, report)
        frameworks = good.pop(FRAMEWORK, [])
        broken = {e.split(" ", 1)[0] for e in report.errors}
        if built is not None:
            place_drafts(built, staging)
        _assemble(system, placement, _Published(good, frameworks, built, broken), report)
        placement.move_kept()
        if out.exists():
            trash = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            out.rename(trash / "site")
            staging.rename(out)
            shutil.rmtree(trash, ignore_errors=True)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


@dataclass
class _Published:
    """What the site publishes: each standard's verified releases with their manifests
    (oldest first), the framework's, the drafts built (with ``--drafts``) and the
    standards one of whose releases failed verification."""

    good: dict[str, list[tuple[LedgerEntry, dict]]]
    frameworks: list[tuple[LedgerEntry, dict]]
    drafts: Drafts | None
    broken: set[str]


def _assemble(
    system: StandardSystem, placement: _Placement, published: _Published, report: SiteReport
) -> None:
    staging, good = placement.staging, published.good
    # Pagefind indexes in a process of its own while this one links and renders the
    # rest of the site: the two take about as long, and a machine has two cores.
    with ThreadPoolExecutor(max_workers=1) as pool:
        indexing = pool.submit(
            _search_index,
            search_pages(system, placement.publish, good),
            placement,
            Path(system.root) / "build" / ".cache",
        )
        for slug, releases in [*good.items(), (FRAMEWORK, published.frameworks)]:
            for entry, manifest in releases:
                placement.place(
                    release_dir(placement.publish, slug, entry.version),
                    release_path(slug, entry.version),
                    manifest,
                )
        root = Path(system.root)
        static = staging / "_static"
        static.mkdir(parents=True)
        shutil.copy(template(root, "html/normkit/static/normkit.css"), static)
        for file in sorted((template(root, "site") / "static").iterdir()):
            shutil.copy(file, static / file.name)
        for slug, releases in good.items():
            newest, manifest = releases[-1]
            # Stable "latest" URLs: the same files once more, as hard links where the
            # file system has them (a static host uploads them as files).
            placement.place(
                release_dir(placement.publish, slug, newest.version),
                release_path(slug, "latest"),
                manifest,
            )
        _write_pages(system, staging, published)
        report.records = indexing.result()


def _search_index(pages: list[SearchPage], placement: _Placement, stamps: Path) -> int:
    """The site's search index of ``pages`` (run beside the rest of the site): the
    previous site's, kept, when it was made from the very same documents; else Pagefind's
    anew. Returns the chunks indexed."""
    documents, records = search_documents(pages)
    index, previous = placement.staging / "pagefind", placement.previous / "pagefind"
    if same_index(documents, previous, stamps):
        placement.kept.append((previous, index))
    else:
        write_index(documents, index, stamps)
    return records


def search_pages(
    system: StandardSystem, publish: Path, good: dict[str, list[tuple[LedgerEntry, dict]]]
) -> list[SearchPage]:
    """Every released edition page in a language, as Pagefind indexes it: of the
    releases ``good`` (by slug, each entry with its manifest), published in ``publish``
    (the benchmark makes the same pages beforehand with it)."""
    pages = []
    for slug, releases in good.items():
        for entry, _manifest in releases:
            source = Layout(release_dir(publish, slug, entry.version))
            for edition in system.settings.all_languages:
                page = _PAGES.page(edition, entry)
                if source.path(page).is_file():  # verified: the site's bytes
                    title = system.title_of(entry.number, edition) or ""
                    _, words = _words(system, edition)
                    pages.append(
                        SearchPage(
                            source.path(page).parent,
                            f"{release_path(slug, entry.version)}/{page}",
                            _pagefind_language(edition),
                            f"{entry.number} {title}".strip(),
                            words.get("search_edition", "{version}").format(
                                version=entry.version,
                                language=_edition_names(system, edition)[edition],
                            ),
                        )
                    )
    return pages


def _write_pages(system: StandardSystem, staging: Path, published: _Published) -> None:
    """The site's own pages: the landing page and overview, search, a page per
    standard and per framework release in every language, 404, feed, sitemap."""
    good, drafts = published.good, published.drafts
    writer = _Writer(system, staging)
    master = system.settings.master_language
    by_slug = {s.slug: s for s in system.standards.values()}
    for language in system.settings.all_languages:
        for base, path in (("../", f"{language}/index.html"), ("", "index.html")):
            if base == "" and language != master:
                continue
            context = _context(system, language, "index.html", base)
            context["framework"] = copy.deepcopy(context["framework"])  # its links change
            if drafts:
                context["drafts_href"] = f"{base}{DRAFTS}/{_PAGES.page(language)}"
            for category in context["framework"]["categories"]:
                for aspect in category["aspects"]:
                    for item in aspect["standards"]:
                        slug = item["href"].split("/", 1)[0] if item["href"] else ""
                        released = good.get(slug)
                        item["latest"] = released[-1][0].version if released else ""
                        if item["href"]:
                            item["href"] = f"{base}{language}/{item['href']}"
            writer.write("index.html", path, **context)
        writer.write(
            "search.html",
            f"{language}/search.html",
            **_context(system, language, "search.html", "../"),
        )
        site, _words_ = _words(system, language)
        for slug, standard in sorted(by_slug.items()):
            base = "../../"
            context = _context(system, language, f"{slug}/index.html", base)
            releases = good.get(slug, [])
            models = [
                _release_model(
                    system, entry, manifest, language, base, releases[i - 1][0] if i else None
                )
                for i, (entry, manifest) in enumerate(releases)
            ]
            context["standard"] = {
                "number": standard.dated_number,
                "title": system.title_of(standard.number, language) or "",
                "status": standard.status,
                "status_label": status_label(site, standard, standard.status),
                # What the standard's status asks of a reader (approved: not before its
                # issue date; withdrawn; superseded by …). A draft's is left out: its
                # released versions, if any, are what the page offers.
                "notice": ""
                if standard.is_draft
                else notice_text(site, standard, _issue_date(system, language, standard)),
                "releases": list(reversed(models)),
                "latest": models[-1] if models else None,
                "broken": slug in published.broken,
                "draft": draft_model(system, drafts, slug, base, _edition_names(system, language))
                if drafts
                else None,
            }
            writer.write("standard.html", f"{language}/{slug}/index.html", **context)
    # A host serves 404.html at whatever address was missing (/releases/x/9.9/…): its
    # links lead from the site's root, which the base element names (the path of
    # site_url; without one, the host's root).
    site_path = urlsplit(system.settings.site_url).path.rstrip("/")
    writer.write(
        "404.html",
        "404.html",
        **_context(system, master, "index.html", ""),
        base_href=f"{site_path}/",
    )
    _write_framework_pages(system, writer, published.frameworks)
    _write_indexes(system, writer, good)


def _write_framework_pages(
    system: StandardSystem, writer: _Writer, releases: list[tuple[LedgerEntry, dict]]
) -> None:
    """``<language>/framework.html``: every release of the framework with its history."""
    history = framework_history(system, releases)
    for language in system.settings.all_languages:
        context = _context(system, language, "framework.html", "../")
        context["releases"] = framework_page_model(
            history,
            language,
            "../",
            _edition_names(system, language),
            context["site"],
            context["words"],
        )
        writer.write("framework.html", f"{language}/framework.html", **context)


def _write_indexes(
    system: StandardSystem, writer: _Writer, good: dict[str, list[tuple[LedgerEntry, dict]]]
) -> None:
    """versions.json, feed.xml (newest first) and sitemap.xml."""
    master = system.settings.master_language
    site_url = system.settings.site_url.rstrip("/")
    versions = {
        slug: [
            {
                "number": entry.number,
                "version": entry.version,
                "date": entry.date,
                "commit": entry.commit,
                "manifest_sha256": entry.manifest_sha256,
                "path": f"{release_path(slug, entry.version)}/",
            }
            for entry, _ in releases
        ]
        for slug, releases in sorted(good.items())
    }
    write_atomic(
        writer.staging / "versions.json",
        json.dumps(versions, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    )
    entries = sorted(
        (entry for releases in good.values() for entry, _ in releases),
        key=lambda e: (e.date, e.slug, version_key(e.version)),
        reverse=True,
    )
    feed_entries = [
        {
            "number": e.number,
            "version": e.version,
            "date": e.date,
            "title": system.title_of(e.number, master) or "",
            "manifest_sha256": e.manifest_sha256,
            "path": f"{release_path(e.slug, e.version)}/{_PAGES.page(master, e)}",
        }
        for e in entries
    ]
    context = _context(system, master, "index.html", "")
    writer.write(
        "feed.xml",
        "feed.xml",
        **context,
        site_url=site_url,
        entries=feed_entries,
        updated=entries[0].date if entries else "1970-01-01T00:00:00Z",
    )
    urls = sorted(writer.pages) + [
        f"{release_path(slug, entry.version)}/{item['path']}"
        for slug, releases in sorted(good.items())
        for entry, manifest in releases
        for item in manifest["files"]
        if item["path"] in {_PAGES.page(ed, entry) for ed in _editions(system)}
    ]
    writer.write("sitemap.xml", "sitemap.xml", site_url=site_url, urls=urls)
    latest = {
        slug: {
            "versions": [entry.version for entry, _ in releases],
            "pages": {
                edition: f"{release_path(slug, releases[-1][0].version)}/{page}"
                for edition in _editions(system)
                if (page := _PAGES.page(edition, releases[-1][0]))
                in {item["path"] for item in releases[-1][1]["files"]}
            },
        }
        for slug, releases in sorted(good.items())
    }
    writer.write("latest.js", LATEST_SCRIPT, latest=latest)
