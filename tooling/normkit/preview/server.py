"""Serving the previewed edition: its built pages with the reload script added, the
script itself, and the server-sent events that tell the page to reload."""

from __future__ import annotations

import errno
import functools
import json
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from normkit.errors import NormkitError
from normkit.preview.state import PreviewState

#: Where the preview's own files are served from (a path no built page uses).
OWN = "/__normkit/"
_SCRIPT = b'<script src="/__normkit/reload.js" defer></script>'
_STYLE = b'<link rel="stylesheet" href="/__normkit/preview.css">'


class PortBusy(NormkitError):
    """The port asked for is in use."""

    def __init__(self, port: int) -> None:
        super().__init__(f"port {port} on 127.0.0.1 is in use (another preview or server?)")
        self.hint = "pass --port N for another port, or --any-port to take a free one"


class _Handler(SimpleHTTPRequestHandler):
    """Files of the output folder; HTML pages get the reload script; /__normkit/ is ours."""

    state: PreviewState
    assets: Path  # templates/preview
    landing: str  # the path of the previewed page
    waiting_page: functools.partial  # renders the page shown before a first good build

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the preview reports builds, not requests

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the new build
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", ""):
            self.send_response(302)
            self.send_header("Location", self.landing)
            self.end_headers()
            return
        if url.path.startswith(OWN):
            self._own(url.path[len(OWN) :], urllib.parse.parse_qs(url.query))
            return
        target = Path(self.translate_path(url.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html":
            if target.is_file():
                self._send(200, "text/html; charset=utf-8", _with_script(target.read_bytes()))
            elif url.path == self.landing:
                self._send(200, "text/html; charset=utf-8", self.waiting_page().encode())
            else:
                self.send_error(404)
            return
        super().do_GET()

    def _own(self, name: str, query: dict[str, list[str]]) -> None:
        if name == "events":
            self._events()
        elif name == "loaded":
            scroll = query.get("y", ["0"])[0]
            self.state.loaded(query.get("path", [""])[0], int(scroll) if scroll.isdigit() else 0)
            self._send(204, "text/plain", b"")
        elif name in ("reload.js", "preview.css"):
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            self._send(200, f"{kind}; charset=utf-8", (self.assets / name).read_bytes())
        else:
            self.send_error(404)

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the state now, then every change, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while not self.server.closing:  # type: ignore[attr-defined]
                state = self.state.wait(seen, timeout=15)
                data = f"event: state\ndata: {json.dumps(state, ensure_ascii=False)}\n\n"
                self.wfile.write(data.encode() if state != seen else b": keep-alive\n\n")
                self.wfile.flush()
                seen = state
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def _with_script(page: bytes) -> bytes:
    """A built page with the preview's script and style in its head."""
    at = page.find(b"</head>")
    return page[:at] + _STYLE + _SCRIPT + page[at:] if at >= 0 else page + _SCRIPT


class PreviewServer:
    """The HTTP server of one preview, on 127.0.0.1, in a thread of its own."""

    def __init__(
        self,
        state: PreviewState,
        site: Path,
        assets: Path,
        landing: str,
        waiting_page: functools.partial,
        port: int = 8000,
        any_port: bool = False,
    ) -> None:
        handler = type(
            "Handler",
            (_Handler,),
            {"state": state, "assets": assets, "landing": landing, "waiting_page": waiting_page},
        )
        factory = functools.partial(handler, directory=str(site))
        self.landing = landing
        try:
            self.httpd = ThreadingHTTPServer(("127.0.0.1", port), factory)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            if not any_port:
                raise PortBusy(port) from None
            self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), factory)
        self.httpd.daemon_threads = True
        self.httpd.closing = False  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The address of the previewed page."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.landing}"

    def start(self) -> None:
        """Serve in the background."""
        self.thread.start()

    def stop(self) -> None:
        """Stop serving and close the port."""
        self.httpd.closing = True  # type: ignore[attr-defined]
        if self.thread.is_alive():  # shutdown() waits for a serve_forever that never ran
            self.httpd.shutdown()
        self.httpd.server_close()
