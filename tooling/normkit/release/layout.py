"""Where releases live in the publishing output (and in the site, which mirrors it).

Until the model's layout object names release paths, these two names are the one place
that joins them.
"""

from __future__ import annotations

from pathlib import Path

#: The slug (folder, tag prefix) of framework releases.
FRAMEWORK = "framework"


def release_dir(publish: Path, slug: str, version: str) -> Path:
    """Where a release's files live under a publishing output or a site."""
    return publish / "releases" / slug / version
