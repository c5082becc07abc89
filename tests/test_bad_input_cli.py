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
