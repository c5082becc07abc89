"""Bad input on the command line: every option read where it is parsed, so a wrong
value is a usage error (exit 2) naming the option and what it takes, before any work
and without a traceback."""

from __future__ import annotations

import pytest

CASES = {
    "build-shard": (("build", "--shard", "3/2"), "argument --shard: must be i/n with 1 ≤ i ≤ n"),
    "verify-shard": (("verify", "--shard", "5/2"), "argument --shard: must be i/n"),
    "verify-shard-text": (("verify", "--shard", "half"), "not 'half'"),
    "preview-port": (("preview", "--port", "99999"), "'99999' is not a port (1 to 65535)"),
    "preview-port-text": (("preview", "--port", "http"), "'http' is not a port"),
    "diff-lang": (
        ("diff", "T/TEST 1101", "--lang", "fr", "--format", "markdown"),
        "ERROR: unknown language 'fr': this system has zh_CN, en, bilingual",
    ),
    "preview-lang": (("preview", "--lang", "fr"), "ERROR: unknown language 'fr'"),
    "check-jobs": (("check", "-j", "0"), "must be 1 or more"),
    "unknown-option": (("check", "--strict"), "unrecognized arguments: --strict"),
    "extra-argument": (("versions", "T/TEST 1101"), "unrecognized arguments: T/TEST 1101"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_bad_option_is_a_usage_error(make_repo, normkit, name: str) -> None:
    args, message = CASES[name]
    run = normkit(*args, "--root", str(make_repo()))
    said = run.out + run.err
    assert run.code == 2, said
    assert message in said, said
    assert "Traceback" not in said and "crashed" not in said, said


def test_site_never_replaces_a_folder_it_did_not_write(make_repo, normkit) -> None:
    """The site replaces its whole --out folder: a careless `--out ~/Documents` or
    `--out .` deleted what was there."""
    root = make_repo()
    notes = root.parent / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("precious", encoding="utf-8")
    run = normkit("site", "--root", str(root), "--out", str(notes))
    assert run.code == 2, run.out + run.err
    assert f"ERROR: {notes} is not a site normkit wrote (it holds keep.txt)" in run.err
    assert "choose a new or empty folder for --out" in run.err
    assert (notes / "keep.txt").read_text(encoding="utf-8") == "precious"
    run = normkit("site", "--root", str(root), "--out", str(root))
    assert run.code == 2 and f"{root} holds the standards repository" in run.err, run.err
    assert (root / "standards" / "framework.toml").is_file()
    site = root.parent / "site"
    for _ in range(2):  # a site it wrote is replaced, run after run
        assert normkit("site", "--root", str(root), "--out", str(site)).code == 0
    assert (site / "versions.json").is_file()


@pytest.mark.parametrize("verb", [("build",), ("diff", "T/TEST 1101", "HEAD")])
def test_outputs_are_refused_inside_the_sources(make_repo, normkit, verb) -> None:
    root = make_repo()
    out = root / "standards" / "out"
    run = normkit(*verb, "--root", str(root), "--out", str(out))
    assert run.code == 2, run.out + run.err
    assert "lies inside the sources" in run.err
    assert not out.exists()


def test_new_keeps_the_line_endings_of_framework_toml(make_repo, normkit) -> None:
    """framework.toml saved on Windows (CRLF): `new` rewrote every line with LF, a diff
    of the whole file for one added entry."""
    root = make_repo()
    framework = root / "standards" / "framework.toml"
    framework.write_bytes(framework.read_bytes().replace(b"\n", b"\r\n"))
    new = ("new", "--aspect", "1.1", "--title-zh", "终端", "--title-en", "Terminals")
    run = normkit(*new, "--root", str(root))
    assert run.code == 0, run.out + run.err
    data = framework.read_bytes()
    assert b'number = "T/TEST 1104"\r\n' in data
    assert data.count(b"\n") == data.count(b"\r\n"), "a line lost its CRLF"
