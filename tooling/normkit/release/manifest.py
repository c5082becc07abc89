"""manifest.json: what a release folder holds, byte for byte.

Every file's path (relative to the release folder, ``/``-separated), SHA-256 and size;
the commit and tree it was built from; the source date (the commit's, which is also the
build's SOURCE_DATE_EPOCH) and the versions of normkit and of the libraries that make
the bytes. Nothing in it depends on when or where it was built, so rebuilding a
release gives the same manifest, and the ledger's hash of it seals every file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from normkit import __version__
from normkit.files import files_below, write_atomic
from normkit.release.ledger import LedgerEntry

MANIFEST = "manifest.json"

#: The libraries whose versions decide the bytes of the artifacts.
DEPENDENCIES = ("sphinx", "docutils", "weasyprint", "pydyf", "python-docx", "jinja2")


def file_sha256(path: Path) -> str:
    """The SHA-256 (hex) of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_files(folder: Path) -> list[Path]:
    """The files of a release folder (the manifest excepted), in a stable order."""
    return [folder / name for name in _release_names(folder)]


def _release_names(folder: Path) -> list[str]:
    """The files of a release folder (the manifest excepted), relative, sorted."""
    return [n for n in files_below(folder) if n.rpartition("/")[2] != MANIFEST]


def _versions() -> dict[str, str]:
    from importlib import metadata  # here: `normkit site` and `verify` never need it

    found = {"normkit": __version__}
    for name in DEPENDENCIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def make_manifest(
    folder: Path,
    *,
    kind: str,
    number: str,
    slug: str,
    version: str,
    commit: str,
    tree: str,
    source_epoch: int,
) -> bytes:
    """The manifest of the files now in ``folder``, as the bytes to write."""
    files = [
        {
            "path": p.relative_to(folder).as_posix(),
            "sha256": file_sha256(p),
            "size": p.stat().st_size,
        }
        for p in release_files(folder)
    ]
    data = {
        "manifest": 1,
        "kind": kind,
        "number": number,
        "slug": slug,
        "version": version,
        "commit": commit,
        "tree": tree,
        "source_date": datetime.fromtimestamp(source_epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "built_with": _versions(),
        "files": files,
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


@dataclass(frozen=True)
class FileProblem:
    """A release file that does not match its manifest: which, and how."""

    path: str
    what: str


def load_manifest(folder: Path) -> dict:
    """The decoded manifest.json of a release folder (ValueError when unreadable)."""
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise ValueError("it has no list of files")
    return data


def compare_files(folder: Path, manifest: dict) -> list[FileProblem]:
    """Every difference between the files in ``folder`` and those its manifest lists:
    missing, changed (size or SHA-256) and unlisted files."""
    problems = []
    listed = set()
    for item in manifest["files"]:
        path = str(item.get("path", ""))
        listed.add(path)
        file = folder / path
        if not file.is_file():
            problems.append(FileProblem(path, "listed in manifest.json but missing"))
            continue
        if file.stat().st_size != item.get("size"):
            problems.append(
                FileProblem(path, f"size {file.stat().st_size}, manifest says {item.get('size')}")
            )
            continue
        if file_sha256(file) != item.get("sha256"):
            problems.append(FileProblem(path, "SHA-256 differs from manifest.json (changed bytes)"))
    for file in release_files(folder):
        rel = file.relative_to(folder).as_posix()
        if rel not in listed:
            problems.append(FileProblem(rel, "not listed in manifest.json (added afterwards)"))
    return problems


#: Beside the releases of a publishing output: the stamps of verified release folders.
STAMPS = ".verified"


def _stat(path: Path | str) -> list[int]:
    status = os.stat(path)
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def _stamp_file(stamps: Path, entry: LedgerEntry) -> Path:
    return stamps / entry.slug / f"{entry.version}.json"


def _still_verified(stamps: Path, entry: LedgerEntry, folder: Path) -> bool:
    """Whether the last full verification of ``folder`` still holds: its stamp names
    the ledger's manifest, and every file (the manifest too) still has the size,
    modification time and inode it had then, and no file came or went."""
    try:
        data = json.loads(_stamp_file(stamps, entry).read_text(encoding="utf-8"))
        if data.get("manifest_sha256") != entry.manifest_sha256:
            return False
        files = data["files"]
        on_disk = [*_release_names(folder), MANIFEST]
        top = os.fspath(folder)
        return len(on_disk) == len(files) and all(
            files.get(name) == _stat(os.path.join(top, name)) for name in on_disk
        )
    except (OSError, ValueError, KeyError, AttributeError):
        return False


def _write_stamp(stamps: Path, entry: LedgerEntry, folder: Path) -> None:
    files = {
        p.relative_to(folder).as_posix(): _stat(p)
        for p in [*release_files(folder), folder / MANIFEST]
    }
    data = {"manifest_sha256": entry.manifest_sha256, "files": files}
    with contextlib.suppress(OSError):  # read-only: verified all the same, next time again
        write_atomic(_stamp_file(stamps, entry), json.dumps(data, sort_keys=True))


def folder_problems(
    entry: LedgerEntry, folder: Path, stamps: Path | None = None, trust: bool = False
) -> tuple[list[str], dict | None]:
    """What is wrong with a release folder against the ledger entry and its manifest
    (each with its path), and the manifest when it could be trusted and read.

    Verify once: with ``stamps`` (a folder beside the releases), a folder whose every
    byte matched is stamped there with each file's size, modification time and inode;
    with ``trust``, a folder whose files all still match their stamp is not read again
    (as git trusts its index). `normkit verify` always reads every byte (and stamps);
    `normkit site` trusts the stamps."""
    where = f"{entry.slug} {entry.version}"
    manifest_file = folder / MANIFEST
    if not folder.is_dir():
        return [f"{folder}: missing (ledger line {entry.line})"], None
    if not manifest_file.is_file():
        return [f"{folder}: {where} has no {MANIFEST} (ledger line {entry.line})"], None
    if trust and stamps is not None and _still_verified(stamps, entry, folder):
        try:
            return [], load_manifest(folder)
        except ValueError:  # stamped, then made unreadable: check it in full below
            pass
    if file_sha256(manifest_file) != entry.manifest_sha256:
        return [
            f"{manifest_file}: SHA-256 differs from ledger line {entry.line} "
            "(the manifest was edited or replaced)"
        ], None
    try:
        manifest = load_manifest(folder)
    except ValueError as exc:
        return [f"{manifest_file}: unreadable ({exc})"], None
    problems = compare_files(folder, manifest)
    if not problems and stamps is not None:
        _write_stamp(stamps, entry, folder)
    return [f"{folder / p.path}: {p.what}" for p in problems], manifest
