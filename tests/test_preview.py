"""`normkit preview`: a real browser reloads the page after a save, at the same place;
a busy port is refused with a way out."""

from __future__ import annotations

import shutil
import socket
import threading

import pytest
from benchmarks.harness import open_in_chromium

from normkit.preview import Preview
from normkit.system import load_system


def test_a_busy_port_is_refused_and_any_port_takes_another(make_repo, normkit):
    root = make_repo()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = normkit("preview", "--root", str(root), "--port", str(port))
        assert run.code == 2
        assert f"port {port} on 127.0.0.1 is in use" in run.err and "--any-port" in run.err
        system = load_system(root)
        preview = Preview(system, system.standards["T/TEST 1101"], "zh_CN")
        server = preview.server(port, any_port=True)
        try:
            assert f":{port}/" not in server.url
            assert server.url.endswith("/zh_CN/t-test-1101/index.html")
        finally:
            server.stop()


def test_unknown_edition_is_refused(make_repo, normkit):
    run = normkit("preview", "--root", str(make_repo()), "T/TEST 1101", "--lang", "fr")
    assert run.code == 2 and "unknown language 'fr'" in run.err


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian chromium")
def test_the_page_reloads_in_a_browser_after_a_save_at_the_same_place(make_repo, tmp_path):
    root = make_repo()
    system = load_system(root)
    preview = Preview(system, system.standards["T/TEST 1101"], "zh_CN")
    server = preview.server(0, any_port=False)
    server.start()
    assert preview.build() and preview.state.status == "built"
    stop, said = threading.Event(), []
    watcher = threading.Thread(target=preview.watch, args=(stop, said.append), daemon=True)
    watcher.start()
    browser = open_in_chromium(
        server.url + "#clause-2", tmp_path / "profile", "--window-size=400,240"
    )
    try:
        first = preview.state.wait_for_loads(1, timeout=60)
        assert first, "the browser never showed the page"
        source = root / "standards/t-test-1101/index.rst"
        source.write_text(source.read_text(encoding="utf-8") + "\n新增的一段话。\n", "utf-8")
        loads = preview.state.wait_for_loads(2, timeout=60)
        assert len(loads) >= 2, f"no reload after the save (preview said: {said})"
        (path, y), (again, y_again) = loads[0], loads[1]
        assert again == path and path.endswith("/t-test-1101/index.html")
        assert y > 0 and y_again == y  # scrolled to clause 2, and back there after reload
        page = (preview.out / "html/zh_CN/t-test-1101/index.html").read_text(encoding="utf-8")
        assert "新增的一段话。" in page
        assert preview.state.generation == 2
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        stop.set()
        watcher.join(timeout=10)
        server.stop()
