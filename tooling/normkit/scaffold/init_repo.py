"""``normkit init DIR``: a new standards repository, ready to check, build and publish."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from normkit.files import write_atomic
from normkit.scaffold.render import ScaffoldError, render
from normkit.system.loader import FRAMEWORK_FILE

#: The toolkit's own folder (conf.py, templates/, docs/): what a new repository copies.
TOOLKIT = Path(__file__).resolve().parents[3]

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
    requirement: str = "normkit"


@dataclass
class InitResult:
    """What ``init`` did: the files written and kept, and whether it ran ``git init``."""

    root: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    git_initialised: bool = False


def _toolkit_file(relative: str) -> Path:
    path = TOOLKIT / relative
    if not path.exists():
        raise ScaffoldError(
            f"normkit's own {relative} is missing at {path}",
            "install normkit from its source repository (pip install -e), which carries "
            "conf.py, templates/ and docs/",
        )
    return path


def _validate(options: InitOptions) -> None:
    """Refuse what would give a repository that cannot check or build."""
    if not options.languages:
        raise ScaffoldError("no language given", "pass --languages zh_CN,en (master first)")
    if len(set(options.languages)) != len(options.languages):
        raise ScaffoldError(f"--languages names a language twice: {','.join(options.languages)}")
    labels = _toolkit_file("templates/labels")
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
    text = _toolkit_file("conf.py").read_text(encoding="utf-8")
    return re.sub(r'(?m)^language = "[^"]*"$', f'language = "{master}"', text, count=1)


def _planned_files(options: InitOptions) -> dict[Path, str | bytes]:
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
        "requirement": options.requirement,
    }
    repository = _toolkit_file("templates/repository")
    files: dict[Path, str | bytes] = {
        FRAMEWORK_FILE: render(repository / "framework.toml.j2", **context),
        Path("README.md"): render(repository / "README.md.j2", **context),
        Path(".gitignore"): (repository / "gitignore").read_text(encoding="utf-8"),
        Path(".github/workflows/normkit.yml"): render(
            repository / "normkit-check.yml.j2", **context
        ),
        Path(".pre-commit-config.yaml"): render(repository / "pre-commit-config.yaml.j2"),
        Path("conf.py"): _conf_py(master),
        Path("docs/markup.md"): _toolkit_file("docs/markup.md").read_bytes(),
    }
    templates = _toolkit_file("templates")
    for path in sorted(templates.rglob("*")):
        relative = path.relative_to(templates)
        if path.is_file() and relative.parts[0] != "repository" and "__pycache__" not in path.parts:
            files[Path("templates") / relative] = path.read_bytes()
    return files


def _git_init(root: Path) -> bool:
    """``git init`` unless ``root`` is already inside a work tree; whether it ran."""
    import git

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
    files = _planned_files(options)
    result = InitResult(root)
    for relative, content in files.items():
        target = root / relative
        if target.exists():
            result.kept.append(relative)
            continue
        write_atomic(target, content)
        result.written.append(relative)
    result.git_initialised = _git_init(root)
    return result
