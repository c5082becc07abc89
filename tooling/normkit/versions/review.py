"""``normkit diff --base REF``: the review of a change in progress (a pull request).

Every standard whose folder changed between the merge base of REF and HEAD is
redlined against the merge base, and one markdown summary says what changed in each.
With ``strict``, a changed standard whose version was not bumped or whose translation
is fuzzy or missing is a problem to fix before merging.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from normkit.engine.git_source import (
    GitSourceError,
    open_repository,
    resolve_commit,
    standards_prefix,
)
from normkit.i18n import catalog_status
from normkit.sphinxext.labels import load_labels
from normkit.system import Problem, load_system
from normkit.system.toml_source import TomlSource
from normkit.versions.history import find_standard, in_working_tree, metadata_at, older_than
from normkit.versions.redline_build import DiffOutcome, build_redline, changes_between
from normkit.versions.wording import markdown


@dataclass
class Review:
    """What a review found: each changed standard's outcome, and the problems."""

    base: str
    outcomes: list[DiffOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""


def changed_standards(root: Path, base_commit) -> list[str]:  # base_commit: git.Commit
    """Folders of standards whose files differ between ``base_commit`` and the working
    tree (HEAD and what is not committed yet): drafted now, or at the base and since
    deleted."""
    repo = open_repository(root)
    prefix = standards_prefix(repo, root) + "/"
    paths = {d.a_path for d in base_commit.diff(None)} | {d.b_path for d in base_commit.diff(None)}
    folders = {p[len(prefix) :].split("/")[0] for p in paths if p and p.startswith(prefix)}
    drafted = {s.slug for s in load_system(root).standards.values()}
    gone = {f for f in folders - drafted if metadata_at(base_commit, f"{prefix}{f}/standard.toml")}
    return sorted(folders & drafted | gone)


def review(
    root: Path,
    base_ref: str,
    out: Path,
    formats: list[str],
    editions: list[str] | None,
    strict: bool,
) -> Review:
    """Redline every changed standard against the merge base of ``base_ref`` and HEAD."""
    repo = open_repository(root)
    target = resolve_commit(repo, base_ref)
    bases = repo.merge_base(target, repo.head.commit)
    if not bases:
        raise GitSourceError(f"{base_ref} and HEAD have no common history")
    base = bases[0]
    result = Review(base.hexsha)
    system = load_system(root)
    labels = load_labels(root, system.settings.master_language)
    prefix = standards_prefix(repo, root)
    parts = []
    for slug in changed_standards(root, base):
        standard = find_standard(root, slug)  # also one deleted since the base
        if formats:
            outcome = build_redline(root, slug, base.hexsha, None, out, editions, formats)
        else:
            outcome = changes_between(root, slug, base.hexsha, None)
        result.outcomes.append(outcome)
        label = f"{base.hexsha[:10]}"
        parts.append(markdown(standard.number, label, outcome.new.label, outcome.changes, labels))
        if strict and in_working_tree(standard):
            result.problems += _problems(base, f"{prefix}/{slug}/standard.toml", standard)
    result.summary = "\n".join(parts) or "No standard changed.\n"
    return result


def _problems(base, path: str, standard) -> list[Problem]:
    """A changed standard not ready to merge: its version not bumped, its translation
    fuzzy or missing."""
    found = []
    before = metadata_at(base, path) or {}
    was = str(before.get("version", ""))
    said: tuple[str, str] | None = None
    if was and was != standard.version and not older_than(was, standard.version):
        said = (
            f"{standard.number}'s version went back from {was} to {standard.version}",
            f"versions only go up: set a version above {was}",
        )
    elif was == standard.version:
        said = (
            f"{standard.number} changed but its version is still {standard.version}",
            "bump `version` for the new edition",
        )
    if said is not None:
        toml = standard.path / "standard.toml"
        line = TomlSource.read(toml).line_of("version")
        found.append(Problem("normkit.version-not-bumped", toml, line, *said))
    system = load_system(standard.path.parent.parent)
    for language in system.settings.languages:
        status = catalog_status(standard, language)
        if status.fuzzy or status.untranslated:
            found.append(
                Problem(
                    "normkit.translation-incomplete",
                    status.path,
                    None,
                    f"{status.fuzzy} fuzzy and {status.untranslated} untranslated segments "
                    "after the change",
                    f"run `normkit translate --standard {standard.slug}` and translate them",
                )
            )
    return found
