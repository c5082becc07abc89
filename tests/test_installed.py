"""normkit as a body installs it: a wheel built from the source, installed into a fresh
environment, starts a repository that checks and builds with nothing of the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import git
import pytest
from repository import REPO_ROOT, commit_all

from normkit.scaffold.origin import _from_checkout

PACKAGE = ("pyproject.toml", "README.md", "docs/markup.md", "tooling")


def _source_copy(dest: Path) -> Path:
    """normkit's source as a git checkout of its own (the files a wheel is built from),
    with a remote and a release tag as a body's clone of normkit has them."""
    for name in PACKAGE:
        source = REPO_ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, dest / name)
    commit_all(dest, "normkit")
    repo = git.Repo(dest)
    repo.create_tag("v0.1.0")
    repo.create_remote("origin", "https://git.example.org/normkit.git")
    return dest


def test_a_checkout_is_installed_from_its_remote_at_its_tag(tmp_path):
    source = _source_copy(tmp_path / "normkit")
    origin = _from_checkout(source)
    assert origin.requirement == "normkit @ git+https://git.example.org/normkit.git@v0.1.0"
    assert origin.reachable
    assert not origin.uncommitted
    git.Repo(source).index.commit("after the release")  # no tag on it: the commit
    commit = git.Repo(source).head.commit.hexsha
    assert _from_checkout(source).requirement.endswith(f"normkit.git@{commit}")
    with (source / "tooling/normkit/__init__.py").open("a", encoding="utf-8") as changed:
        changed.write("# an editor's change, not committed\n")
    assert _from_checkout(source).uncommitted
    git.Repo(source).remote("origin").set_url("git@git.example.org:tools/normkit.git")
    assert _from_checkout(source).source == "ssh://git@git.example.org/tools/normkit.git"
    git.Repo(source).remote("origin").set_url(str(tmp_path / "mirror"))  # a clone of a folder
    local = _from_checkout(source)
    assert local.source == (tmp_path / "mirror").as_uri() and not local.reachable


def test_init_names_the_normkit_that_made_the_repository(tmp_path, normkit):
    run = normkit("init", str(tmp_path / "body"), "--prefix", "T/ABC", "--languages", "en",
                  "--body-en", "Test Committee")  # fmt: skip
    assert run.code == 0, run.err
    requirements = (tmp_path / "body/requirements.txt").read_text(encoding="utf-8")
    # This test runs from a checkout installed as a folder: its commit, at its remote.
    head = git.Repo(REPO_ROOT, search_parent_directories=True).head.commit.hexsha
    line = requirements.splitlines()[-1]
    assert line.startswith("normkit @ git+") and line.endswith(f"@{head}"), line
    workflow = (tmp_path / "body/.github/workflows/normkit.yml").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in workflow and "normkit==" not in workflow
    linter = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert linter, "actionlint is missing: `pip install -e '.[dev]'` installs it"
    lint = subprocess.run(
        [linter, str(tmp_path / "body/.github/workflows/normkit.yml")],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    readme = (tmp_path / "body/README.md").read_text(encoding="utf-8")
    assert "requirements.txt" in readme and head in readme


def _run(*command: str | Path, cwd: Path) -> str:
    run = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, f"{command}: {run.stdout}\n{run.stderr}"
    return run.stdout


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_starts_checks_and_builds_a_repository(tmp_path):
    source = _source_copy(tmp_path / "normkit")
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", wheels, source, cwd=tmp_path)  # fmt: skip
    (wheel,) = wheels.glob("normkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in (
        "normkit/templates/repository/conf.py",
        "normkit/templates/repository/normkit-check.yml.j2",
        "normkit/templates/repository/pre-commit-config.yaml.j2",
        "normkit/templates/standard/index.zh_CN.rst.j2",
        "normkit/templates/ci/github/review.yml",
        "normkit/templates/docx/reference.docx",
        "normkit/templates/labels/zh_CN.toml",
    ):
        assert packaged in names, packaged
    assert any(n.endswith(".data/data/share/normkit/docs/markup.md") for n in names)

    # A fresh environment: normkit from the wheel alone, its dependencies from the test's
    # own environment (no network), which holds no normkit the new one can see.
    env = tmp_path / "env"
    _run(sys.executable, "-m", "venv", "--without-pip", env, cwd=tmp_path)
    purelib = Path(sysconfig.get_paths(vars={"base": str(env), "platbase": str(env)})["purelib"])
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(sys.executable, "-m", "pip", "--python", env / "bin/python", "install", "-q",
         "--no-deps", wheel, cwd=tmp_path)  # fmt: skip
    where = _run(env / "bin/python", "-c", "import normkit; print(normkit.__file__)", cwd=tmp_path)
    assert where.startswith(str(env)), where

    work = tmp_path / "work"  # far from any checkout of normkit
    work.mkdir()
    normkit = env / "bin/normkit"
    said = _run(normkit, "init", "body", "--prefix", "T/ABC", "--body-zh", "测试委员会",
                "--body-en", "Test Committee", cwd=work)  # fmt: skip
    body = work / "body"
    assert (body / "conf.py").is_file() and (body / "templates/print/print.css").is_file()
    assert (body / "docs/markup.md").read_bytes() == (REPO_ROOT / "docs/markup.md").read_bytes()
    requirement = (body / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert requirement == f"normkit @ {wheel.as_uri()}"  # a file: only this machine has it
    assert "only this machine can reach" in said
    _run(normkit, "new", "--aspect", "1.1", "--title-zh", "智慧路灯建设导则",
         "--title-en", "Smart street lights", cwd=body)  # fmt: skip
    _run(normkit, "check", cwd=body)
    _run(normkit, "build", "--format", "html", "--lang", "zh_CN", "-j", "1", cwd=body)
    html = (body / "build/html/zh_CN/t-abc-1101/index.html").read_text(encoding="utf-8")
    assert "智慧路灯建设导则" in html and "nk-cover" in html
    assert (body / "build/html/zh_CN/t-abc-1101/_static/normkit.css").is_file()
