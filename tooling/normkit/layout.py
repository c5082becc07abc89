"""Where every output lives: one object names the paths and URLs of every edition.

A build writes under one output folder (``build/`` by default)::

    html/<edition>/index.html, search.html      the framework pages of a language
    html/<edition>/<slug>/index.html            a standard's page (its HTML folder)
    pdf/<slug>-<version>-<edition>.pdf          a standard's PDF
    docx/<slug>-<version>-<edition>.docx        a standard's Word file
    redline/<slug>/<old>..<new>/                a redline: the same layout inside

and a release the same layout under ``releases/<slug>/<version>/``. An *edition* is a
language code (``zh_CN``, ``en``) or ``bilingual``. With ``versioned=True`` a standard's
HTML folder gets its version as one more segment (``html/<edition>/<slug>/<version>/``),
as a site keeping every published version needs; its other standards' links then go to
their unversioned folder, the current edition's landing page.

A *release build* (``releases`` set: the version of each released standard, the one being
released included) writes the same files, but its links to other standards are those
of the public site (``normkit site``), where every edition is published under
``releases/<slug>/<version>/`` and each standard has a page ``<language>/<slug>/``
(:meth:`Layout.cited_page`).

Paths are POSIX strings relative to the output folder (:meth:`Layout.page`,
:meth:`Layout.document`); :meth:`Layout.path` makes one absolute, :meth:`Layout.href`
gives the relative link from one page to another and :meth:`Layout.page_url` the
absolute URL of a standard's page on the published site. Nobody else joins these
segments by hand.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

#: The output formats of an edition, in the order a build lists them.
FORMATS = ("html", "pdf", "docx")

#: The name of the page a folder serves (a standard's page, the framework's home).
INDEX = "index.html"

#: The file beside a standard's HTML page holding its text for search, one chunk per
#: clause and term entry (normkit.sphinxext.search_text writes it).
SEARCH_FILE = "nk-search.json"

#: In the public site, from its root: the script that tells a released page which
#: version of its standard is the newest (written by ``normkit site``).
LATEST_SCRIPT = "_static/nk-latest.js"


class Edited(Protocol):
    """What the layout needs of a standard: its folder name and its version."""

    @property
    def slug(self) -> str: ...

    version: str


@dataclass(frozen=True)
class Layout:
    """The paths and URLs of one output folder.

    ``out`` is the folder (``build/``, a release folder, a redline folder); ``site_url``
    the absolute address the HTML folder is published at (``""``: not published), and
    ``versioned`` whether a standard's HTML folder carries its version.
    """

    out: Path
    site_url: str = ""
    versioned: bool = False
    #: A release build: (slug, version) of the release being built and of every release
    #: published before it; empty for an ordinary build.
    releases: tuple[tuple[str, str], ...] = ()
    #: In a release build, the folder inside the release its pages are written to
    #: (a redline's ``redline/<slug>/<old>..<new>``; "" for the editions themselves).
    within: str = ""

    # --- where a release or a redline writes: the same layout in another folder --------

    @classmethod
    def release(cls, root: Path, slug: str, version: str, site_url: str = "") -> Layout:
        """The layout of a published version: ``<root>/releases/<slug>/<version>/``."""
        return cls(Path(root) / "releases" / slug / version, site_url)

    @staticmethod
    def site_page(language: str, slug: str = "") -> str:
        """A page of the public site outside the releases: a standard's page (its version
        history and downloads, ``<language>/<slug>/index.html``), else the landing page of
        a language."""
        return f"{language}/{slug}/{INDEX}" if slug else f"{language}/{INDEX}"

    @staticmethod
    def site_release(slug: str, version: str) -> str:
        """A release's folder in the public site: ``releases/<slug>/<version>`` (``latest``
        for the stable copy of the newest)."""
        return f"releases/{slug}/{version}"

    def redline(self, slug: str, old: str, new: str) -> Layout:
        """The layout of a redline between two versions: ``redline/<slug>/<old>..<new>/``."""
        return replace(self, out=self.out / "redline" / slug / f"{old}..{new}")

    # --- relative paths (POSIX, from the output folder) ---------------------------------

    @staticmethod
    def file_name(standard: Edited, edition: str, fmt: str) -> str:
        """The file name of an edition's PDF or DOCX: ``<slug>-<version>-<edition>.<fmt>``."""
        return f"{standard.slug}-{standard.version}-{edition}.{fmt}"

    def edition_dir(self, edition: str) -> str:
        """The HTML folder of an edition: ``html/<edition>``."""
        return f"html/{edition}"

    def standard_dir(self, standard: Edited, edition: str, latest: bool = False) -> str:
        """A standard's HTML folder; ``latest`` leaves out the version segment."""
        folder = f"{self.edition_dir(edition)}/{standard.slug}"
        return f"{folder}/{standard.version}" if self.versioned and not latest else folder

    def page(
        self,
        edition: str,
        standard: Edited | None = None,
        name: str = INDEX,
        latest: bool = False,
    ) -> str:
        """A page: a standard's (``name`` in its folder), else the framework's."""
        if standard is None:
            return f"{self.edition_dir(edition)}/{name}"
        return f"{self.standard_dir(standard, edition, latest)}/{name}"

    def document(self, standard: Edited, edition: str, fmt: str) -> str:
        """What a build job writes: the HTML folder, or the PDF or DOCX file."""
        if fmt == "html":
            return self.standard_dir(standard, edition)
        return f"{fmt}/{self.file_name(standard, edition, fmt)}"

    # --- absolute paths and links ---------------------------------------------------------

    def path(self, relative: str) -> Path:
        """The file or folder of a relative path, under ``out``."""
        return self.out.joinpath(*relative.split("/"))

    @staticmethod
    def href(from_page: str, to: str) -> str:
        """The relative link from the page ``from_page`` to ``to`` (both relative paths)."""
        return posixpath.relpath(to, posixpath.dirname(from_page))

    def cited_page(self, edition: str, there: Edited, language: str, dated: bool = False) -> str:
        """The page a citation of ``there`` in an edition leads to (a relative
        path from ``out``, or in a release build from the public site's root).

        An ordinary build links the pages beside each other (the current editions). A
        release build links what the public site will hold whatever is published later:
        a dated citation the release of ``there`` that was current when ``here`` was
        released (the edition meant, immutable), an undated one its ``latest/`` copy
        (GB/T 1.1-2020 8.5.2: an undated reference applies in its latest edition); a
        standard never released by then, its page on the site in ``language``, which
        lists its releases once there are some."""
        if not self.releases:
            return self.page(edition, there, latest=True)
        versions = dict(self.releases)
        if there.slug not in versions:
            return self.site_page(language, there.slug)
        version = versions[there.slug] if dated else "latest"
        return f"{self.site_release(there.slug, version)}/{self.page(edition, there)}"

    def here(self, edition: str, standard: Edited) -> str:
        """Where a standard's page is read: in the build; in a release build, in the
        public site (``releases/<slug>/<version>/``, then ``within``)."""
        page = self.page(edition, standard)
        if not self.releases:
            return page
        release = self.site_release(standard.slug, dict(self.releases)[standard.slug])
        return "/".join(part for part in (release, self.within, page) if part)

    def framework_page(self, language: str, name: str = INDEX) -> str:
        """The framework's page ``name`` (its home, its search) a standard's page leads to:
        the build's ``html/<language>/``; in a release build, the public site's."""
        return f"{language}/{name}" if self.releases else self.page(language, name=name)

    def standard_link(self, language: str, standard: Edited, name: str = INDEX) -> str:
        """The link from the framework's page ``name`` of ``language`` to a standard's
        page: the one beside it in a build; in the framework's own release (``releases``
        naming the framework alone), the public site's page of the standard, which lists
        every version of it."""
        here = self.page(language, name=name)
        if not self.releases:
            return self.href(here, self.page(language, standard))
        ((slug, version),) = self.releases
        here = f"{self.site_release(slug, version)}/{here}"
        return self.href(here, self.site_page(language, standard.slug))

    def link(
        self, edition: str, here: Edited, there: Edited, language: str, dated: bool = False
    ) -> str:
        """The relative link from ``here``'s page to the page citing ``there`` leads to
        (:meth:`cited_page`), in one edition."""
        return self.href(self.here(edition, here), self.cited_page(edition, there, language, dated))

    def page_url(self, standard: Edited, edition: str, dated: bool = False) -> str:
        """The absolute URL of a standard's page on the published site (``""`` when the
        system has no ``site_url``). The site serves the ``html/`` folder, and a folder's
        ``index.html`` at the folder's address: ``<site_url>/<edition>/<slug>/``; in a
        release build, the page of the public site a citation leads to (:meth:`cited_page`,
        ``edition`` a language)."""
        if not self.site_url:
            return ""
        if self.releases:
            return (
                f"{self.site_url.rstrip('/')}/{self.cited_page(edition, standard, edition, dated)}"
            )
        folder = self.standard_dir(standard, edition, latest=True).removeprefix("html/")
        return f"{self.site_url.rstrip('/')}/{folder}/"
