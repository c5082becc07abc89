"""Files: reading what a person wrote (UTF-8, or an error naming the line) and writing
so that readers never see half of a file (temporary file, then rename)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from normkit.errors import NormkitError, SourceNotUtf8


class CannotWrite(NormkitError, OSError):
    """An output that cannot be written (a read-only folder, a full disk): the path and
    the system's reason. Still an OSError, for the callers that report one output's
    failure and go on with the others."""

    def __init__(self, path: Path, error: OSError, hint: str = "") -> None:
        OSError.__init__(self, error.errno, error.strerror or str(error), str(path))
        self.path = path
        self.hint = hint or "make the folder writable, or free space on its disk"

    def __str__(self) -> str:
        return f"cannot write to {self.path}: {self.strerror}"

    def __reduce__(self) -> tuple:  # to travel back from a worker process
        return (type(self), (self.path, OSError(self.errno, self.strerror), self.hint))


def writable_folder(folder: Path, hint: str = "") -> Path:
    """``folder``, created if need be; :class:`CannotWrite` (with ``hint``) when nothing
    can be written there. Commands call it on their output folder before the work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise CannotWrite(folder, error, hint) from None
    return folder


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` through a temporary file and a rename.

    The temporary file sits beside ``path`` so the rename stays on one file system;
    on any failure it is removed and ``path`` keeps its previous content; one that the
    file system refuses is a :class:`CannotWrite` naming ``path``.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise CannotWrite(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for everyone
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise CannotWrite(path, error) from None
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


def read_text(path: Path) -> str:
    """The text of a file a person wrote, which must be UTF-8 (a byte-order mark is
    dropped, as docutils and Sphinx drop it); :class:`SourceNotUtf8` names the line
    of the first byte that is not."""
    return text_of(path, path.read_bytes())


def text_of(path: Path, data: bytes) -> str:
    """:func:`read_text` of the bytes ``data`` read from ``path`` already."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceNotUtf8(path, data, error) from None


#: Characters no edition can hold: the C0 controls but tab, line feed and carriage
#: return (XML 1.0 refuses them, so Word files and the HTML cannot carry them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_characters(text: str) -> Iterator[tuple[int, str]]:
    """The line and the character of every control character of ``text``."""
    for found in _CONTROL.finditer(text):
        yield text.count("\n", 0, found.start()) + 1, found.group()


def control_character_message(char: str) -> str:
    """What a person reads about a control character found in their text (a noun
    phrase: "the text holds …", "`title` holds …")."""
    return (
        f"an invisible control character U+{ord(char):04X} (pasted from a terminal or "
        "another program), which no edition can hold"
    )
