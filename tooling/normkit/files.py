"""Writing files so that readers never see half of one: temporary file, then rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` through a temporary file and a rename.

    The temporary file sits beside ``path`` so the rename stays on one file system;
    on any failure it is removed and ``path`` keeps its previous content.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


#: The Linux ioctl that clones a file's extents (a reflink: btrfs, XFS, bcachefs).
_FICLONE = 0x40049409


def link_or_copy(source: Path | str, dest: Path | str) -> None:
    """Put the bytes of ``source`` at ``dest`` (which must not exist) as cheaply as the
    file system allows: a hard link (same folder tree, no bytes written), else a reflink
    (a copy-on-write clone), else a copy. For outputs that are published as they are
    and replaced, never edited in place: a hard link shares its bytes with the source."""
    try:
        os.link(source, dest)
        return
    except OSError:  # another file system, or links not allowed
        pass
    try:
        import fcntl

        with open(source, "rb") as src, open(dest, "wb") as out:
            fcntl.ioctl(out.fileno(), _FICLONE, src.fileno())
        shutil.copystat(source, dest)
        return
    except (OSError, ImportError):  # no reflinks here: the plain copy below
        pass
    shutil.copy2(source, dest)


def files_below(folder: Path | str) -> list[str]:
    """Every file below ``folder`` as a POSIX path relative to it, sorted (os.scandir:
    far cheaper than pathlib's rglob on trees of thousands of files)."""
    found: list[str] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():  # as Path.rglob + is_file: a link to a file counts
                    found.append(prefix + entry.name)

    walk(os.fspath(folder), "")
    return sorted(found)


def link_tree(source: Path, dest: Path, names: list[str]) -> None:
    """Put the files ``names`` (POSIX paths relative to ``source``) at the same paths
    below ``dest`` (which must not exist yet), each with link_or_copy: only those files,
    each folder made once from the top down, nothing listed or stat'ed again
    (shutil.copytree also copies every folder's metadata, which a published tree does
    not need)."""
    folders = {""}
    for name in names:
        parts = name.split("/")[:-1]
        folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    dest.parent.mkdir(parents=True, exist_ok=True)
    for folder in sorted(folders):  # a parent sorts before its children
        os.mkdir(dest / folder if folder else dest)
    for name in names:
        link_or_copy(source / name, dest / name)
