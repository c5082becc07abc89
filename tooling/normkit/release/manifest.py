"""manifest.json: what a release folder holds, byte for byte.

Every file's path (relative to the release folder, ``/``-separated), SHA-256 and size;
the commit and tree it was built from; the source date (the commit's, which is also the
build's SOURCE_DATE_EPOCH) and the versions of normkit and of the libraries that make
the bytes. Nothing in it depends on when or where it was built, so rebuilding a
release gives the same manifest, and the ledger's hash of it seals every file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from normkit import __version__
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
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def _versions() -> dict[str, str]:
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


def folder_problems(entry: LedgerEntry, folder: Path) -> tuple[list[str], dict | None]:
    """What is wrong with a release folder against the ledger entry and its manifest
    (each with its path), and the manifest when it could be trusted and read."""
    where = f"{entry.slug} {entry.version}"
    manifest_file = folder / MANIFEST
    if not folder.is_dir():
        return [f"{folder}: missing (ledger line {entry.line})"], None
    if not manifest_file.is_file():
        return [f"{folder}: {where} has no {MANIFEST} (ledger line {entry.line})"], None
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
    return [f"{folder / p.path}: {p.what}" for p in problems], manifest
