"""What builds killed midway left behind, and removing it.

Kept apart from engine.build_one, which loads Sphinx and Babel: every build removes
leftovers first, and a build with nothing to write does not load what it will not run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_leftovers(out: Path) -> None:
    """Remove what builds killed midway left: their folders in ``<out>/.tmp/`` and the
    previous outputs they were replacing (``.<name>.old-<pid>``). A folder of a build
    still running (its process is alive) is left alone."""
    work = out / ".tmp"
    for entry in work.iterdir() if work.is_dir() else []:
        pid = entry.name.split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
    for old in out.glob("html/*/.*.old-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
