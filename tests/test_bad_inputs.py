"""The bad-input corpus: what a hostile or careless contributor could send, and what
normkit must answer.

Each file of tests/bad_inputs/ is one case (TOML): the files it writes into the small
test repository (``[files]`` replaces a file, ``[append]`` adds to one, ``[replace]``
changes words of one, ``remove`` deletes files, ``[symlinks]`` makes links, ``[bytes]``
writes hex), the ``command`` it runs, the ``exit`` status and the ``message`` expected
(with its file and line where the case names them), and ``[outputs]``: text a built
file must hold. Every case also asserts what must
never happen: a traceback, the content of a secret file outside the repository in any output, a
request reaching a local listener, a file written outside the repository. In the
texts, ``{secret}`` is the path of that secret file, ``{listener}`` the listener's
address and ``{bad-bytes}`` (in ``[replace]``) two bytes that are not UTF-8. A case
with a ``guard`` message is also run through Sphinx alone.
"""

from __future__ import annotations

import http.server
import os
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(CASES_DIR.glob("*.toml"))
SECRET = "SECRET-6f1d-never-published"


class Listener(http.server.ThreadingHTTPServer):
    """A local HTTP server that records every request it gets (none is allowed)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                listener.requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(f"a,b\n{SECRET},x\n".encode())

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _mark(path: Path) -> pytest.param:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    # Bad input makes builds report errors: that is what each case checks.
    marks = [pytest.mark.build_warnings()] + ([pytest.mark.slow] if case.get("slow") else [])
    return pytest.param(path, id=path.stem, marks=marks)


def _published(folder: Path) -> Iterator[Path]:
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            yield Path(dirpath) / name


class Setup:
    """A case's repository, made in ``tmp_path`` with its secret outside it."""

    def __init__(self, path: Path, make_repo, listener: Listener, tmp_path: Path) -> None:
        self.case = tomllib.loads(path.read_text(encoding="utf-8"))
        self.tmp_path = tmp_path
        secret = tmp_path / "outside" / "secret.txt"
        secret.parent.mkdir()
        secret.write_text(f"{SECRET}\n", encoding="utf-8")
        self.secret, self.listener = secret, listener
        case = self.case
        root = make_repo({name: self.fill(text) for name, text in case.get("files", {}).items()})
        for name in case.get("remove", []):
            (root / name).unlink()
        for name, text in case.get("append", {}).items():
            with (root / name).open("a", encoding="utf-8") as handle:
                handle.write(self.fill(text))
        for name, edit in case.get("replace", {}).items():
            text = (root / name).read_text(encoding="utf-8")
            assert edit["old"] in text, f"{path.name}: nothing to replace in {name}"
            edited = text.replace(edit["old"], self.fill(edit["new"])).encode("utf-8")
            (root / name).write_bytes(edited.replace(b"{bad-bytes}", b"\xff\xfe"))
        for name, target in case.get("symlinks", {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).symlink_to(self.fill(target))
        for name, data in case.get("bytes", {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(bytes.fromhex(data))
        self.root = root
        self.before = set(_published(tmp_path))

    def fill(self, text: str) -> str:
        return text.replace("{secret}", str(self.secret)).replace("{listener}", self.listener.url)

    def assert_nothing_escaped(self, said: str, published: Path) -> None:
        assert "Traceback" not in said and "crashed" not in said, said
        assert SECRET not in said
        for output in _published(published):
            assert SECRET.encode() not in output.read_bytes(), output
        assert self.listener.requests == [], "a build reached the network"
        written = set(_published(self.tmp_path)) - self.before
        outside = [p for p in written if not p.is_relative_to(self.root)]
        assert outside == [], f"written outside the repository: {outside}"


@pytest.mark.build_warnings()  # every case is a refusal
@pytest.mark.parametrize("path", [_mark(p) for p in CASES])
def test_bad_input(path: Path, make_repo, normkit, listener: Listener, tmp_path: Path) -> None:
    setup = Setup(path, make_repo, listener, tmp_path)
    case = setup.case
    run = normkit(*(setup.fill(arg) for arg in case["command"]), "--root", str(setup.root))
    said = run.out + run.err
    assert run.code == case["exit"], said
    for message in case.get("messages", [case.get("message", "")]):
        assert setup.fill(message) in said, said
    for name, text in case.get("outputs", {}).items():
        assert text in (setup.root / name).read_text(encoding="utf-8"), name
    setup.assert_nothing_escaped(said, setup.root / "build")


GUARDED = [p for p in CASES if "guard" in tomllib.loads(p.read_text(encoding="utf-8"))]


@pytest.mark.build_warnings()  # the build refuses or warns on purpose
@pytest.mark.slow
@pytest.mark.build_warnings()  # every case is a refusal
@pytest.mark.parametrize("path", GUARDED, ids=[p.stem for p in GUARDED])
def test_sphinx_guards_hold_without_the_check(
    path: Path, make_repo, listener: Listener, tmp_path: Path
) -> None:
    """Defence in depth: the build refuses these before Sphinx runs (its check), and
    Sphinx refuses them again if it is reached some other way (a bare sphinx-build, a
    doctree read from a git tree), with the message in ``guard``."""
    from normkit.engine.build_one import run_edition

    setup = Setup(path, make_repo, listener, tmp_path)
    language = setup.case.get("guard_language", "zh_CN")
    out = setup.root / "build" / "sphinx"
    srcdir = setup.root / "standards" / "t-test-1101"
    run = run_edition(setup.root, srcdir, "html", language, out / "html", out / "doctrees")
    said = run.text()
    assert setup.fill(setup.case["guard"]) in said, said
    assert run.errors, said
    setup.assert_nothing_escaped(said, out)
