"""The public static site of every release: ``build_site(root, out)``.

The framework overview is the landing page, each standard has a page with its version
history and downloads (size and SHA-256), each release's files are published as
released (``releases/<slug>/<version>/``, with a ``latest`` copy), searched with
Pagefind; an Atom feed, sitemap.xml, versions.json and a 404 page. Only releases the
ledger records and whose files pass verification are published.
"""

from normkit.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
