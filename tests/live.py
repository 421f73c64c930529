"""A live server for tests (``create_app`` under waitress, on 127.0.0.1 and a free port), and a
browser tab on it that records what a page asks for and what goes wrong (the ``browser`` fixture
of ``conftest.py`` launches the one Chromium)."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: Chromium's flags for the tests: headless, and no traffic of its own (updates, sync, QUIC).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
#: Where the browser tests write their screenshots (git-ignored; ``SUMMIT_KG_SCREENSHOTS=DIR`` elsewhere).
SCREENSHOTS = Path(
    os.environ.get("SUMMIT_KG_SCREENSHOTS") or Path(__file__).resolve().parent.parent / "build" / "screenshots"
)


class Server:
    """A waitress server for an app, in a background thread (its main loop), adapted as ``kg serve`` adapts its
    own; ``close()`` stops it from its own loop."""

    def __init__(self, app, *, kg_channels: bool = True, inline: bool = True, memo: bool = True, **options) -> None:
        """``options`` are waitress's (4 threads unless said); ``kg_channels``: adapted as ``kg serve`` adapts
        its server (:func:`kg.web.serving.adapt_server`), with ``create_app``'s cheap answers on the main loop
        unless ``inline`` is False (every request on a thread, as waitress's own tasks answer it), and
        repeated revalidations answered from their bytes unless ``memo`` is False."""
        from waitress.server import create_server

        from kg.web.serving import adapt_server

        self.app = app
        self._srv = create_server(app, host="127.0.0.1", port=0, **{"threads": 4, **options})
        if kg_channels:
            kept = getattr(app, "extensions", {}).get("kg.revalidation_memo") if memo else None
            adapt_server(self._srv, inline=inline, memo=kept)
        self.url = f"http://127.0.0.1:{self._srv.effective_port}"
        self._thread = threading.Thread(target=self._srv.run, daemon=True, name="test-waitress")
        self._thread.start()

    def close(self) -> None:
        # Closing waitress's sockets from this thread races its select() loop (EBADF, sockets
        # left to the GC): ask the loop thread to close every channel, and wait for it to end.
        # The trigger is only taken out of the loop there, and closed here once the task
        # threads are gone too: a task thread may wake the loop between our thunk's append and
        # our own pull, and a trigger closed by then would make a pull write to a dead (or
        # reused) fd.
        from waitress import wasyncore

        srv = self._srv

        def stop() -> None:
            for channel in list(srv._map.values()):
                if channel is srv.trigger:
                    channel.del_channel()
                elif channel is srv:
                    wasyncore.dispatcher.close(srv)  # the listening socket (srv.close() shuts the trigger too)
                else:
                    channel.close()

        srv.trigger.pull_trigger(stop)
        self._thread.join(10)
        srv.task_dispatcher.shutdown()
        srv.trigger.close()
        store = self.app.extensions.get("kg.store")
        if store is not None:
            store.close()


def until(condition, what: str, seconds: float = 20) -> None:
    """Wait until ``condition()`` holds (checked every 50 ms); an AssertionError saying ``what`` after ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        threading.Event().wait(0.05)
    raise AssertionError(what)


def exchange(
    server, *requests_: str, varying: tuple[str, ...] = ("Date:", "Etag:", "Last-Modified:"), pause: float = 0.0
):
    """Send raw requests on one connection, all at once (pipelined when several); each answer's head lines
    (the values that differ from server to server, ``varying``, left out) and body.  ``pause``: seconds to
    wait before reading, as a slow reader would (the server's socket fills)."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall("".join(requests_).encode())
        time.sleep(pause)
        data, answers = b"", []
        while len(answers) < len(requests_):
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                assert chunk, f"the connection closed after {len(answers)} answers"
                data += chunk
            head, data = data.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            length = next((int(line.split(": ")[1]) for line in lines if line.startswith("Content-Length")), 0)
            while len(data) < length:
                data += sock.recv(65536)
            body, data = data[:length], data[length:]
            answers.append(([line.split(": ")[0] if line.startswith(varying) else line for line in lines], body))
        return answers


def raw_get(query: dict, *extra: str, version: str = "1.1") -> str:
    """A raw GET of ``/sparql`` with ``query``, ``Accept`` JSON results, and the ``extra`` header lines."""
    return (
        f"GET /sparql?{urlencode(query)} HTTP/{version}\r\nHost: 127.0.0.1\r\n"
        + "Accept: application/sparql-results+json\r\n"
        + "".join(f"{line}\r\n" for line in extra)
        + "\r\n"
    )


def make_app(store_path, **config):
    """``create_app`` over the store at ``store_path``, with no KG_* variable of the shell leaking in."""
    from server import create_app

    with pytest.MonkeyPatch.context() as mp:  # often module-scoped: isolate KG_* by hand
        for key in [k for k in os.environ if k.startswith("KG_")]:
            mp.delenv(key)
        return create_app({"store": str(store_path), **config})


class Tab:
    """A browser page on ``server`` at a given width; every request, console error and script error is recorded."""

    def __init__(self, browser, server, width: int = 1280) -> None:
        self.server = server
        self.width = width
        self.context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)

    def open(self, path: str):
        """Go to ``path`` on the server (it must answer 200); the page."""
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.status == 200, path
        return self.page

    def shoot(self, name: str) -> None:
        """A full-page screenshot, ``SCREENSHOTS/NAME-WIDTH.png``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{self.width}.png"), full_page=True)

    def check(self, http_errors: bool = False) -> None:
        """Nothing left 127.0.0.1; no script failed; nothing broke the CSP (Chromium logs it as an error).

        ``http_errors``: the test asked for error responses (Chromium logs each as a console error)."""
        outside = [
            u
            for u in self.requests
            if urlsplit(u).scheme not in ("blob", "data") and urlsplit(u).hostname != "127.0.0.1"
        ]
        assert outside == []
        expected = "Failed to load resource: the server responded with a status of 4"
        assert [e for e in self.errors if not (http_errors and e.startswith(expected))] == []

    def fits(self) -> None:
        """No sideways scrolling of the page itself (wide tables and charts scroll in their own boxes)."""
        main = self.page.locator("main").bounding_box()
        assert main and main["width"] <= self.width
        overflow = self.page.locator("html").evaluate("e => e.scrollWidth - e.clientWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the window"

    def close(self) -> None:
        """Close the tab's browser context."""
        self.context.close()
