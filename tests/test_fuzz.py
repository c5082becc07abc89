"""A bounded property-based fuzzer: hostile and broken edits of sources, metadata and
catalogs never make normkit crash, and never make it publish a file from outside the
repository.

Each example copies a small valid repository, applies a few edits drawn by hypothesis
(hostile directives, links and paths; TOML values of every type; broken .po lines;
random text and bytes), runs ``normkit check`` and, when check lets the edited
standard through, ``normkit build`` of its HTML. The time is bounded (about 15 s).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import FRAMEWORK, standard_toml, write_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normkit.cli import main

SECRET = "SECRET-fuzz-9c3e"
STD = "standards/t-test-1101"

# Paths and addresses a hostile contributor would try; {secret} is outside the repository.
_TARGETS = ["{secret}", "../../../outside/secret.txt", "/etc/hostname", "http://127.0.0.1:9/x"]
_RST = [
    ".. literalinclude:: {t}",
    ".. include:: {t}",
    ".. csv-table:: t\n   :file: {t}",
    ".. csv-table:: t\n   :url: {t}",
    ".. image:: {t}",
    ".. figure:: {t}\n\n   图",
    ".. raw:: html\n\n   <script>x</script>",
    "见\\ :download:`a <{t}>`\\ 。",
    "`x <javascript:alert(1)>`__",
    "见\\ :std:`T/TEST\n1102`\\ 。",
    ":math:`a^2` 与\n\n.. math::\n\n   a^2",
    "- a\n\n  - b\n\n    - c",
    ".. note::\n\n   {t}",
    "`unterminated",
    "|sub|",
    "..",
    "====",
]
_TOML_VALUES = ['"x"', "5", "1.10", "[]", "[1, 2]", "{ a = 1 }", "2026-01-01", "true", '"../../x"']
_TOML_KEYS = [
    "version",
    "status",
    "aspect",
    "number",
    "classification",
    "relations",
    "editors",
    "title",
]
_PO = [
    'msgstr "Scope\\n.. literalinclude:: {t}"',
    'msgstr ":download:`a <{t}>`"',
    'msgstr "`x <javascript:alert(1)>`__"',
    '"Plural-Forms: nplurals=x;\\n"',
    "#, fuzzy",
    'msgid "',
    'msgstr "requirements"",',
]

_edit = st.one_of(
    st.tuples(
        st.just("index.rst"),
        st.sampled_from(_RST),
        st.sampled_from(_TARGETS),
        st.integers(0, 12),
    ),
    st.tuples(
        st.just("standard.toml"),
        st.sampled_from(_TOML_KEYS),
        st.sampled_from(_TOML_VALUES),
        st.integers(0, 20),
    ),
    st.tuples(
        st.just("index.po"), st.sampled_from(_PO), st.sampled_from(_TARGETS), st.integers(0, 24)
    ),
    st.tuples(st.just("index.rst"), st.text(max_size=40), st.just(""), st.integers(0, 12)),
)


def _insert(path: Path, text: str, line: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    line = min(line, len(lines))
    lines[line:line] = ["", text, ""] if path.suffix == ".rst" else [text]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _apply(root: Path, secret: Path, edit: tuple[str, str, str, int]) -> None:
    kind, fragment, extra, line = edit
    target = extra.replace("{secret}", str(secret))
    if kind == "index.rst":
        _insert(root / STD / "index.rst", fragment.replace("{t}", target), line)
    elif kind == "standard.toml":
        _insert(root / STD / "standard.toml", f"{fragment} = {extra}", line)
    else:
        po = root / STD / "locale/en/LC_MESSAGES/index.po"
        _insert(po, fragment.replace("{t}", target), line)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The small test system with T/TEST 1101 alone, a draft (1102 only planned).
    framework = FRAMEWORK.replace(
        'number = "T/TEST 1102"\naspect = "1.1"\nstatus = "draft"',
        'number = "T/TEST 1102"\naspect = "1.1"\nstatus = "planned"',
    ).replace(
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "published"',
        'number = "T/TEST 1101"\naspect = "1.1"\nstatus = "draft"',
    )
    draft = standard_toml("T/TEST 1101", "draft", "通信导则", "Communication guidelines")
    return write_repo(
        tmp_path_factory.mktemp("fuzz") / "repo",
        {
            "standards/framework.toml": framework,
            f"{STD}/standard.toml": draft,
            "standards/t-test-1102/standard.toml": None,
            "standards/t-test-1102/index.rst": None,
            "standards/t-test-1102/locale/en/LC_MESSAGES/index.po": None,
        },
    )


def _normkit(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.slow
@pytest.mark.build_warnings()  # hostile edits are refused, with warnings and errors
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(_edit, min_size=1, max_size=3))
def test_hostile_edits_never_crash_or_leak(base: Path, tmp_path: Path, edits) -> None:
    work = tmp_path / "example"
    shutil.rmtree(work, ignore_errors=True)
    root = work / "repo"
    shutil.copytree(base, root, symlinks=True)
    secret = work / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    for edit in edits:
        _apply(root, secret, edit)

    code, said = _normkit("check", "--root", str(root))
    assert code in (0, 1), said
    assert "Traceback" not in said and "crashed" not in said, said
    assert SECRET not in said
    if code == 0:
        code, said = _normkit(
            "build", "--root", str(root), "--lang", "zh_CN", "--format", "html", "-j", "1"
        )
        assert code in (0, 1), said
        assert "Traceback" not in said and "crashed" not in said, said
        for output in (root / "build").rglob("*"):
            if output.is_file():
                assert SECRET.encode() not in output.read_bytes(), output
