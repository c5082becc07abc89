"""``normkit init DIR``: a new standards repository, ready to check, build and publish."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from normkit.files import write_atomic
from normkit.git_tool import git_module, require_git
from normkit.presentation import DEFAULT_CONF, DEFAULTS, REPOSITORY, TEMPLATES
from normkit.scaffold.origin import Origin, normkit_origin
from normkit.scaffold.render import ScaffoldError, render
from normkit.system.loader import FRAMEWORK_FILE

#: normkit's description of the markup, copied for the editors when it was installed
#: (a checkout's docs/, or the data pip installs from a wheel: share/normkit/docs/).
MARKUP_DOCS = (
    Path(__file__).resolve().parents[3] / "docs" / "markup.md",
    Path(sys.prefix) / "share" / "normkit" / "docs" / "markup.md",
)

#: Names of the starter category and aspect, per language; others fall back to English.
_STARTER = {
    "category": {"zh_CN": "基础通用", "en": "General"},
    "aspect": {"zh_CN": "基础通用", "en": "General"},
}


@dataclass(frozen=True)
class InitOptions:
    """What ``normkit init`` was asked for."""

    directory: Path
    languages: tuple[str, ...]  # the master language first, then the translations
    body: dict[str, str]
    prefix: str
    name: dict[str, str] = field(default_factory=dict)
    pattern: str = ""
    force: bool = False
    #: The line of requirements.txt that installs normkit (default: where this one came from).
    requirement: str = ""


@dataclass
class InitResult:
    """What ``init`` did: the files written and kept, and whether it ran ``git init``."""

    root: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    git_initialised: bool = False
    origin: Origin | None = None  # where requirements.txt installs normkit from


def _validate(options: InitOptions) -> None:
    """Refuse what would give a repository that cannot check or build."""
    if not options.languages:
        raise ScaffoldError("no language given", "pass --languages zh_CN,en (master first)")
    if len(set(options.languages)) != len(options.languages):
        raise ScaffoldError(f"--languages names a language twice: {','.join(options.languages)}")
    labels = DEFAULTS / "labels"
    for lang in options.languages:
        if not (labels / f"{lang}.toml").is_file():
            known = ", ".join(sorted(p.stem for p in labels.glob("*.toml")))
            raise ScaffoldError(
                f"normkit has no generated words for language {lang!r}",
                f"use one of: {known}; or add templates/labels/{lang}.toml to normkit first",
            )
    for lang in options.languages:
        if not options.body.get(lang, "").strip():
            flag = f"--body-{lang.split('_')[0]}"
            raise ScaffoldError(
                f"the issuing body has no name in {lang}",
                f'pass {flag} "…" (or --body {lang}="…"): every language of the system '
                "names the body",
            )
    if not options.prefix.strip():
        raise ScaffoldError("no numbering prefix", 'pass --prefix, e.g. --prefix "T/ABC"')
    if options.pattern:
        try:
            re.compile(options.pattern)
        except re.error as exc:
            raise ScaffoldError(f"--pattern is not a regular expression: {exc}") from None
    root = options.directory
    for folder in (root, *root.parents):
        if (folder / FRAMEWORK_FILE).is_file():
            raise ScaffoldError(
                f"{folder} is already a standards repository ({FRAMEWORK_FILE} exists)",
                "start a standard in it with `normkit new`, or choose another folder",
            )
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} exists and is not a folder", "choose another path")
    if root.is_dir() and not options.force:
        present = sorted(p.name for p in root.iterdir() if p.name != ".git")
        if present:
            shown = ", ".join(present[:5]) + (" …" if len(present) > 5 else "")
            raise ScaffoldError(
                f"{root} is not empty ({shown})",
                "choose an empty or new folder, or pass --force to add the repository "
                "around what is there (no existing file is overwritten)",
            )


def _conf_py(master: str) -> str:
    """The toolkit's conf.py with the repository's master language as its default."""
    text = DEFAULT_CONF.read_text(encoding="utf-8")
    return re.sub(r'(?m)^language = "[^"]*"$', f'language = "{master}"', text, count=1)


def _planned_files(options: InitOptions, origin: Origin) -> dict[Path, str | bytes]:
    """Every file of the new repository, relative to it, with its content."""
    master, *translations = options.languages
    name = {
        lang: options.name.get(lang)
        or (
            f"{options.body[lang]}标准体系"
            if lang.startswith("zh")
            else f"Standard system of the {options.body[lang]}"
        )
        for lang in options.languages
    }
    starter = {
        key: {lang: words.get(lang, words["en"]) for lang in options.languages}
        for key, words in _STARTER.items()
    }
    prefix = options.prefix.strip()
    context = {
        "master": master,
        "languages": translations,
        "all_languages": list(options.languages),
        "name": name,
        "body": {lang: options.body[lang].strip() for lang in options.languages},
        "prefix": prefix,
        "pattern": options.pattern or rf"^{re.escape(prefix)} [1-9][1-9]\d\d$",
        "category": starter["category"],
        "aspect": starter["aspect"],
        "origin": origin,
        "markup": next((p for p in MARKUP_DOCS if p.is_file()), None),
    }
    files: dict[Path, str | bytes] = {
        FRAMEWORK_FILE: render(REPOSITORY / "framework.toml.j2", **context),
        Path("README.md"): render(REPOSITORY / "README.md.j2", **context),
        Path("requirements.txt"): render(REPOSITORY / "requirements.txt.j2", **context),
        Path(".gitignore"): (REPOSITORY / "gitignore").read_text(encoding="utf-8"),
        Path(".github/workflows/normkit.yml"): render(
            REPOSITORY / "normkit-check.yml.j2", **context
        ),
        Path(".pre-commit-config.yaml"): render(REPOSITORY / "pre-commit-config.yaml.j2"),
        Path("conf.py"): _conf_py(master),
    }
    if context["markup"] is not None:
        files[Path("docs/markup.md")] = context["markup"].read_bytes()
    # The body's own, editable copy of normkit's templates (the build would fall back on
    # normkit's for anything missing, but a body edits what it can see).
    for path in sorted(DEFAULTS.rglob("*")):
        relative = path.relative_to(DEFAULTS)
        kept = relative.parts[0] != REPOSITORY.name and "__pycache__" not in path.parts
        if path.is_file() and kept and path.suffix != ".pyc":
            files[Path(TEMPLATES) / relative] = path.read_bytes()
    return files


def _git_init(root: Path) -> bool:
    """``git init`` unless ``root`` is already inside a work tree; whether it ran."""
    git = git_module()

    try:
        git.Repo(root, search_parent_directories=True)
        return False
    except git.InvalidGitRepositoryError:
        git.Repo.init(root)
        return True


def init_repository(options: InitOptions) -> InitResult:
    """Lay out a new standards repository in ``options.directory``.

    Everything is checked and rendered before the first file is written, so a refused
    request leaves the folder as it was; an existing file is never overwritten.
    """
    root = options.directory.resolve()
    options = InitOptions(**{**options.__dict__, "directory": root})
    _validate(options)
    require_git()  # the repository is a git repository: refused before any file is written
    origin = Origin(options.requirement) if options.requirement else normkit_origin()
    files = _planned_files(options, origin)
    result = InitResult(root, origin=origin)
    for relative, content in files.items():
        target = root / relative
        if target.exists():
            result.kept.append(relative)
            continue
        write_atomic(target, content)
        result.written.append(relative)
    result.git_initialised = _git_init(root)
    return result
