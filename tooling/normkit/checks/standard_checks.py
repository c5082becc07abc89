"""The checks of one standard's own files — syntax, translations, drafting rules — with
their findings kept in ``build/.cache/check/`` under a hash of everything they read, so
that checking an unchanged standard again costs a file read."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from normkit.files import files_below, write_atomic
from normkit.presentation import conf_file, template
from normkit.system import Problem, Severity, Standard, StandardSystem
from normkit.system.loader import files_digest

if TYPE_CHECKING:
    from normkit.engine.readings import Readings

_PACKAGE = Path(__file__).resolve().parents[1]
_CACHE = Path("build") / ".cache" / "check"


def _digest(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def _code_key() -> str:
    """The hash of normkit's own code (it does not change while a process runs)."""
    return _digest(sorted(_PACKAGE.rglob("*.py")), _PACKAGE)


def shared_key(system: StandardSystem) -> str:
    """The hash of what every standard's checks read: the framework and every
    standard.toml (titles, status; the digest the system was read with), conf.py, the
    labels, and normkit's own code."""
    root = system.root
    shared = [conf_file(root), *sorted(template(root, "labels").glob("*.toml"))]
    return files_digest(root) + _digest(shared, root) + _code_key()


def input_key(system: StandardSystem, standard: Standard, shared: str | None = None) -> str:
    """A hash of what the checks of ``standard`` read: its own folder and what all share
    (``shared``: :func:`shared_key`, when the caller asks for many standards at once)."""
    own = [standard.path / name for name in files_below(standard.path)]
    own = [path for path in own if path.suffix != ".mo"]
    return _digest(own, system.root) + (shared or shared_key(system))


def _run(
    system: StandardSystem, standard: Standard, readings: Readings | None = None
) -> list[Problem]:
    from normkit.checks.doctrees import read_master
    from normkit.checks.lint import LintContext, lint
    from normkit.checks.rst_syntax import check_files, check_markup, reading_problems
    from normkit.checks.rule import all_rules
    from normkit.checks.translations import check_standard_translations
    from normkit.system.checks import check_citations

    problems = list(check_files(standard))
    if any(p.code == "normkit.encoding" for p in problems):
        return problems  # the other checks read the same text: said once, at its line
    problems += check_citations(system, standard)
    problems += check_standard_translations(system, standard)
    if not system.settings.lint_enabled:  # no reading by Sphinx: docutils alone
        return problems + list(check_markup(standard))
    # The markup's problems come from Sphinx's reading for the drafting rules (the same
    # docutils, the same refusals as the build's): the sources are parsed once.
    read = read_master(system, standard, readings)
    if read.errors:  # Sphinx gave up: docutils alone tells where the markup fails
        problems += check_markup(standard)
    else:
        problems += reading_problems(read.said)
    if any(p.severity == Severity.ERROR for p in problems if p.code == "normkit.rst-syntax"):
        return problems  # the drafting rules need a document that parses
    for error in read.errors:
        problems.append(
            Problem(
                "normkit.read-failed",
                standard.source_file,
                None,
                f"the standard cannot be read: {error}",
                "fix the problem named, then check again",
            )
        )
    problems += lint(LintContext(system, standard, read.documents), all_rules(system))
    return problems


def _to_json(problem: Problem, root: Path) -> dict:
    p = problem.relative_to(root)
    return {
        "code": p.code,
        "path": str(p.path),
        "line": p.line,
        "message": p.message,
        "hint": p.hint,
        "severity": str(p.severity),
    }


def _from_json(data: dict, root: Path) -> Problem:
    path = Path(data["path"])
    return Problem(
        data["code"],
        path if path.is_absolute() else root / path,
        data["line"],
        data["message"],
        data["hint"],
        Severity(data["severity"]),
    )


def cached(
    system: StandardSystem, standard: Standard, shared: str | None = None
) -> list[Problem] | None:
    """The problems found when ``standard``'s inputs were as they are now, if kept
    (``shared``: :func:`shared_key`, when the caller asks for many standards at once)."""
    root = system.root
    try:
        stored = json.loads((root / _CACHE / f"{standard.slug}.json").read_text(encoding="utf-8"))
        if stored.get("key") == input_key(system, standard, shared):
            return [_from_json(d, root) for d in stored["problems"]]
    except (OSError, ValueError, KeyError):
        pass  # no cache, or one from another version: check afresh
    return None


def check_standard(
    system: StandardSystem, standard: Standard, readings: Readings | None = None
) -> list[Problem]:
    """Every problem of ``standard``'s own files (checked afresh; the result is kept).
    With ``readings`` (a build's), the drafting rules' reading of the sources is kept
    there for the build."""
    root = system.root
    key = input_key(system, standard)
    cache = root / _CACHE / f"{standard.slug}.json"
    problems = _run(system, standard, readings)
    data = {"key": key, "problems": [_to_json(p, root) for p in problems]}
    with contextlib.suppress(OSError):  # a read-only checkout checks without a cache
        write_atomic(cache, json.dumps(data, ensure_ascii=False))
    return problems
