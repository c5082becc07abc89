"""Standards repositories for tests and benchmarks, made in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def copy_repository(dest: Path, source: Path = REPO_ROOT, standards: bool = True) -> Path:
    """A standards repository at ``dest`` from ``source``: conf.py and templates/, as
    ``normkit init`` lays them out (normkit's own: the sample repository keeps none), and
    (unless ``standards`` is false) its standards/."""
    from normkit.presentation import DEFAULT_CONF, DEFAULTS, REPOSITORY

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_CONF, dest / "conf.py")
    shutil.copytree(
        DEFAULTS,
        dest / "templates",
        dirs_exist_ok=True,
        ignore=lambda folder, names: [
            n for n in names if n == "__pycache__" or Path(folder, n) == REPOSITORY
        ],
    )
    if standards:
        shutil.copytree(source / "standards", dest / "standards")
    return dest


def commit_all(root: Path, message: str) -> str:
    """Commit everything in ``root`` as one editor (a new git repository if needed);
    return the commit's hash."""
    import git

    repo = git.Repo.init(root) if not (root / ".git").exists() else git.Repo(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "王晓明")
        config.set_value("user", "email", "editor@example.org")
    repo.git.add(A=True)
    repo.index.commit(message)
    return repo.head.commit.hexsha
