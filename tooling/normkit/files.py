"""Files: reading what a person wrote (UTF-8, or an error naming the line) and writing
so that readers never see half of a file (temporary file, then rename)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from normkit.errors import SourceNotUtf8


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


def read_text(path: Path) -> str:
    """The text of a file a person wrote, which must be UTF-8 (a byte-order mark is
    dropped, as docutils and Sphinx drop it); :class:`SourceNotUtf8` names the line
    of the first byte that is not."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceNotUtf8(path, data, error) from None
