"""The bad-input corpus: what a hostile or careless contributor could send, and what
normkit must answer.

Each file of tests/bad_inputs/ is one case (TOML): the files it writes into the small
test repository (``[files]`` replaces a file, ``[append]`` adds to one, ``[symlinks]``
makes links), the ``command`` it runs, the ``exit`` status and the ``message`` expected
(with its file and line where the case names them). Every case also asserts what must
never happen: a traceback, the content of a secret file outside the repository in any
output, a request reaching a local listener, a file written outside the repository.
In the texts, ``{secret}`` is the path of that secret file and ``{listener}`` the
listener's address.
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
    marks = [pytest.mark.slow] if case.get("slow") else []
    return pytest.param(path, id=path.stem, marks=marks)


def _published(folder: Path) -> Iterator[Path]:
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            yield Path(dirpath) / name


@pytest.mark.parametrize("path", [_mark(p) for p in CASES])
def test_bad_input(path: Path, make_repo, normkit, listener: Listener, tmp_path: Path) -> None:
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET}\n", encoding="utf-8")

    def fill(text: str) -> str:
        return text.replace("{secret}", str(secret)).replace("{listener}", listener.url)

    root = make_repo({name: fill(text) for name, text in case.get("files", {}).items()})
    for name, text in case.get("append", {}).items():
        with (root / name).open("a", encoding="utf-8") as handle:
            handle.write(fill(text))
    for name, target in case.get("symlinks", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(fill(target))
    for name, data in case.get("bytes", {}).items():
        (root / name).write_bytes(bytes.fromhex(data))
    before = set(_published(tmp_path))

    run = normkit(*(fill(arg) for arg in case["command"]), "--root", str(root))
    said = run.out + run.err

    assert run.code == case["exit"], said
    for message in case.get("messages", [case.get("message", "")]):
        assert fill(message) in said, said
    assert "Traceback" not in said and "crashed" not in said, said
    assert SECRET not in said
    for output in _published(root / "build"):
        assert SECRET.encode() not in output.read_bytes(), output
    assert listener.requests == [], "a build reached the network"
    written = set(_published(tmp_path)) - before
    outside = [p for p in written if not p.is_relative_to(root)]
    assert outside == [], f"written outside the repository: {outside}"
