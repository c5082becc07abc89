"""Where the running normkit was installed from, as a pip requirement another machine
can install: what ``normkit init`` writes into a new repository's requirements.txt, so
that its CI runs the normkit that made it.

pip records the origin of a package installed from a URL, a git repository or a folder
(``direct_url.json``, PEP 610): a git install names its URL and commit; a folder (an
editable install of a checkout) is asked for its git remote and commit; a wheel or
archive names its URL. A normkit from a package index has none and is pinned by version.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from normkit import __version__


@dataclass(frozen=True)
class Origin:
    """The running normkit's origin."""

    requirement: str  # a line of requirements.txt
    source: str = ""  # the git repository normkit comes from (its docs are there), if known
    revision: str = ""  # the tag or commit of that repository
    reachable: bool = True  # whether another machine (CI) can install from it
    #: A checkout's changes no commit holds: the revision named is not quite this normkit.
    uncommitted: bool = False

    @property
    def where(self) -> str:
        """The source at its revision, for people."""
        return f"{self.source} at {self.revision}" if self.source else self.requirement


def _git(folder: Path, *args: str) -> str:
    run = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
    )
    return run.stdout.strip() if run.returncode == 0 else ""


_SCP = re.compile(r"^(?P<user>[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>(?!//).+)$")


def _local(url: str) -> bool:
    return url.startswith("file:")


def _pip_url(remote: str, folder: Path) -> str:
    """A git remote as pip takes it after ``git+``: a URL (``git@host:path`` is ssh, a
    path a file: URL)."""
    if "://" in remote:
        return remote
    found = _SCP.match(remote)
    if found and not Path(remote).exists():
        return f"ssh://{found.group('user') or ''}{found.group('host')}/{found.group('path')}"
    return (folder / remote).resolve().as_uri()


def _from_checkout(folder: Path) -> Origin:
    """A checkout of normkit's repository: its remote and the commit checked out, or its
    release tag (v0.1.0; the repository's other tags are standards' releases)."""
    commit = _git(folder, "rev-parse", "HEAD")
    if not commit:  # not a git checkout (an unpacked source archive)
        return Origin(f"normkit @ {folder.as_uri()}", reachable=False)
    tag = _git(folder, "describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD")
    revision = tag or commit
    remote = _git(folder, "remote", "get-url", "origin")
    source = _pip_url(remote, folder) if remote else folder.as_uri()
    changed = _git(folder, "status", "--porcelain", "--untracked-files=no", "--", "tooling")
    return Origin(
        f"normkit @ git+{source}@{revision}", source, revision, not _local(source), bool(changed)
    )


def normkit_origin() -> Origin:
    """The origin of the normkit running now."""
    try:
        distribution = metadata.distribution("normkit")
        recorded = distribution.read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        return _from_checkout(Path(__file__).resolve().parents[3])
    if not recorded:  # from a package index
        return Origin(f"normkit=={__version__}")
    direct = json.loads(recorded)
    url = direct.get("url", "")
    if "vcs_info" in direct:
        commit = direct["vcs_info"].get("commit_id", "")
        source = url.removeprefix("git+")  # pip records it without the scheme's prefix
        return Origin(f"normkit @ git+{source}@{commit}", source, commit, not _local(source))
    if "dir_info" in direct and url.startswith("file:"):
        return _from_checkout(Path(unquote(urlparse(url).path)))
    return Origin(f"normkit @ {url}", reachable=not _local(url))
