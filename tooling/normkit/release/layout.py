"""Where releases live in the publishing output (and in the site, which mirrors it):
the layout object's release folders, and the slug of framework releases.
"""

from __future__ import annotations

from pathlib import Path

from normkit.layout import Layout

#: The slug (folder, tag prefix) of framework releases.
FRAMEWORK = "framework"


def release_dir(publish: Path, slug: str, version: str) -> Path:
    """Where a release's files live under a publishing output or a site."""
    return Layout.release(publish, slug, version).out


def release_path(slug: str, version: str) -> str:
    """The same, relative to the output or site root (POSIX), for links and URLs."""
    return Layout.site_release(slug, version)
