"""`kg serve`'s waitress channel (:mod:`kg.web.serving`): the main loop leaves a running task's small
output alone, yet a long answer still streams while its task runs, and small answers arrive whole."""

from __future__ import annotations

import http.client
import threading

from kg.web.serving import OWN_OUTPUT_BYTES

from .live import Server


class _App:
    """A WSGI app that answers ``/long`` with a stream that pauses until ``go`` is set, and
    anything else with a few bytes."""

    extensions: dict = {}

    def __init__(self) -> None:
        self.go = threading.Event()

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] != "/long":
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
            return [b"small"]
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return self._long()

    def _long(self):
        for _ in range(4):
            yield b"x" * (OWN_OUTPUT_BYTES // 2)
        self.go.wait(30)
        yield b"end"


def _serve(app: _App) -> tuple[Server, int]:
    server = Server(app, inline=False)  # a plain WSGI app: nothing inline
    return server, int(server.url.rsplit(":", 1)[1])


def test_a_long_answer_streams_while_its_task_still_runs():
    app = _App()
    server, port = _serve(app)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/long")
        response = conn.getresponse()
        first = response.read(2 * OWN_OUTPUT_BYTES)  # before the app goes on: a timeout if it is held back
        assert first == b"x" * (2 * OWN_OUTPUT_BYTES)
        app.go.set()
        assert response.read() == b"end"
    finally:
        app.go.set()
        conn.close()
        server.close()


def test_small_answers_arrive_whole_on_one_kept_connection():
    server, port = _serve(_App())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/a")
        sock = None
        for _ in range(20):
            response = conn.getresponse()
            assert (response.status, response.read()) == (200, b"small")
            sock = sock or conn.sock
            assert conn.sock is sock
            conn.request("GET", "/a")
        conn.getresponse().read()
    finally:
        conn.close()
        server.close()


def test_a_write_that_cannot_reach_the_writer_is_a_503_in_the_one_error_shape():
    """A reader hands writes to the writer process; when that does not answer (restarting), the
    client is told to retry, in the error shape of every other refusal."""
    import io
    import json
    import socket

    from kg.web.serving import forward_writes

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = forward_writes(lambda environ, start_response: [b"not a write"], port, 1 << 20)
    seen: dict = {}
    environ = {
        "REQUEST_METHOD": "PUT",
        "PATH_INFO": "/store",
        "QUERY_STRING": "default",
        "CONTENT_TYPE": "text/turtle",
        "CONTENT_LENGTH": "0",
        "HTTP_ACCEPT": "application/json",
        "wsgi.input": io.BytesIO(b""),
    }
    body = b"".join(app(environ, lambda status, headers: seen.update(status=status, headers=dict(headers))))
    assert seen["status"] == "503 Service Unavailable" and seen["headers"]["Retry-After"] == "2"
    assert json.loads(body) == {
        "error": "Store unavailable",
        "message": "the writer process is not answering (it may be restarting); retry in a moment",
    }


def test_an_inline_answer_waitress_must_send_is_sent_by_its_task_and_the_app_runs_once():
    """A plain GET (kg/web/plain_requests.py) that the app answers on the loop with an answer the loop does not send
    itself (not a 200 or 304) reaches the client through waitress's task, without the app running again."""
    from kg.web.revalidation import RevalidationMemo

    from .live import exchange

    calls: list[str] = []

    def teapot(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("418 I'm a teapot", [("Content-Type", "text/plain"), ("Content-Length", "6")])
        return [b"teapot"]

    teapot.extensions = {"kg.revalidation_memo": RevalidationMemo(lambda: 0)}  # type: ignore[attr-defined]
    server = Server(teapot)
    try:
        [(head, body)] = exchange(server, "GET /tea HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        server.close()
    assert head[0] == "HTTP/1.1 418 I'm a teapot" and body == b"teapot"
    assert calls == ["/tea"]
