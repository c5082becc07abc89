"""The CI workflow templates a standards body copies (templates/ci/github/): linted by
actionlint (with shellcheck over their shell steps), and every normkit command their
steps run is one normkit accepts, with those options, as the job matrix fills them in."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from normkit.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / "tooling/normkit/templates/ci/github").glob("*.yml"))

#: What GitHub puts in the expressions the steps use, for a run of the commands here.
EXPRESSIONS = {
    "github.base_ref": "main",
    "inputs.standard": "t-xqzc-1201",
}


def actionlint() -> str:
    """The actionlint command installed with the dev dependencies (beside this Python)."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint is missing: `pip install -e '.[dev]'` installs it"
    return found


def test_workflow_templates_pass_actionlint() -> None:
    assert shutil.which("shellcheck"), "shellcheck is missing: `bash setup.sh --dev` installs it"
    done = subprocess.run(
        [actionlint(), "-shellcheck", shutil.which("shellcheck"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(WORKFLOWS) == 2


def test_actionlint_finds_a_planted_mistake(tmp_path: Path) -> None:
    """The lint is not blind: a misspelt matrix key and a shell slip are both named."""
    text = (ROOT / "tooling/normkit/templates/ci/github/review.yml").read_text(encoding="utf-8")
    bad = tmp_path / "review.yml"
    bad.write_text(
        text.replace("--shard ${{ matrix.shard }}/4", "--shard ${{ matrix.shards }}/4").replace(
            "[ -s changes.md ] || exit 0", "[ -s $CHANGES ] || exit 0"
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [actionlint(), "-shellcheck", shutil.which("shellcheck") or "", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert 'property "shards" is not defined' in done.stdout
    assert "SC2086" in done.stdout  # the unquoted variable


def _runs(workflow: dict) -> list[tuple[str, dict, str]]:
    """Every ``run:`` script: (job, its matrix, the script)."""
    found = []
    for name, job in workflow["jobs"].items():
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        for step in job["steps"]:
            if "run" in step:
                found.append((name, matrix, step["run"]))
    return found


def _commands(script: str, matrix: dict) -> list[list[str]]:
    """The normkit command lines of a script, expressions filled in (a matrix value by
    its first entry), each cut at the shell's redirections and pipes."""
    values = {**EXPRESSIONS, **{f"matrix.{k}": str(v[0]) for k, v in matrix.items()}}

    def fill(match: re.Match) -> str:
        expression = match.group(1).strip()
        assert expression in values, f"no value for ${{{{ {expression} }}}} in the test"
        return values[expression]

    commands = []
    for line in re.sub(r"\$\{\{(.*?)\}\}", fill, script).splitlines():
        for part in re.split(r"\|\||&&|;|\bthen\b|\belse\b", line):
            words = shlex.split(part.split(">")[0].split("|")[0])
            if words and (words[0] == "normkit" or words[0].endswith("/normkit")):
                commands.append(words[1:])
    return commands


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_normkit_step_is_a_command_normkit_accepts(path: Path, capsys) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    parser = build_parser()
    seen = []
    for _job, matrix, script in _runs(workflow):
        for argv in _commands(script, matrix):
            try:
                parser.parse_args(argv)
            except SystemExit:
                pytest.fail(
                    f"{path.name}: normkit refuses `{shlex.join(argv)}`: {capsys.readouterr().err}"
                )
            seen.append(argv[0])
    expected = {
        "review.yml": {"check", "build", "diff"},
        "publish.yml": {"release", "verify", "site"},
    }
    assert set(seen) == expected[path.name]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_installs_what_normkit_init_wrote(path: Path) -> None:
    """A body's repository (made by `normkit init`) has requirements.txt, not normkit's
    own setup.sh: every job that runs normkit installs it from there, with the fonts."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        scripts = "\n".join(s["run"] for s in job["steps"] if "run" in s)
        if not re.search(r"^\s*normkit ", scripts, re.M):
            continue
        assert "setup.sh" not in scripts and ".venv" not in scripts, name
        assert "pip install -r requirements.txt" in scripts, name
        assert "fonts-noto-cjk" in scripts and "fonts-freefont-ttf" in scripts, name
        assert any(str(s.get("uses", "")).startswith("actions/setup-python") for s in job["steps"])


@pytest.mark.parametrize(
    "path, job", [("review.yml", "build"), ("publish.yml", "restore")], ids=lambda x: str(x)
)
def test_large_systems_fan_out_as_a_matrix_of_shards(path: str, job: str) -> None:
    """Each job of the matrix takes its own share (--shard i/n with n the matrix's size)
    and a later job needs them all (the merge)."""
    workflow = yaml.safe_load(
        (ROOT / "tooling/normkit/templates/ci/github" / path).read_text(encoding="utf-8")
    )
    shards = workflow["jobs"][job]["strategy"]["matrix"]["shard"]
    scripts = " ".join(s["run"] for s in workflow["jobs"][job]["steps"] if "run" in s)
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" in scripts
    assert shards == list(range(1, len(shards) + 1))
    merging = [name for name, other in workflow["jobs"].items() if other.get("needs") == job]
    assert merging, f"no job merges the shares of {job}"
    steps = workflow["jobs"][merging[0]]["steps"]
    download = next(
        s for s in steps if str(s.get("uses", "")).startswith("actions/download-artifact")
    )
    assert download["with"]["merge-multiple"] is True
