"""Answers given on the server's own loop (kg/web/inline.py, kg/web/serving.py), over real HTTP and a real store.

Which thread ran the app is recorded by a WSGI layer around ``create_app``'s whole app: the server's loop
thread is the live server's own thread (``test-waitress``), its pool's threads are ``waitress-N``.  Every
answer given on the loop is compared with the same request's answer from a thread (a server whose
channels try nothing inline): same status, body and headers, and the same bytes on the wire but the
values that differ from server to server (``Date``, ``ETag``, ``Last-Modified``).
"""

from __future__ import annotations

import socket
import threading

import pytest
import requests
from rdflib import Literal, URIRef

from kg.store import open_store
from kg.web.inline import INLINE, INLINE_BYTES, INLINE_ROWS, Deferred, answer_inline

from .live import Server, exchange, make_app, raw_get

EX = "http://example.org/inline/"
JSON = "application/sparql-results+json"
LOOP = "test-waitress"
HEADERS = ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Vary", "X-KG-Max-Rows")


def _build(path) -> None:
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(f"{EX}p{i}"), Literal(i)) for i in range(5)])
        many = [(URIRef(EX + "big"), URIRef(EX + "n"), Literal(i)) for i in range(INLINE_ROWS + 5)]
        store.replace_graph(EX + "many", many)


class _Threads:
    """Wraps a WSGI app; records the name of the thread of each call, by path and query."""

    def __init__(self, app) -> None:
        self.app = app
        self.calls: list[tuple[str, str]] = []

    def __call__(self, environ, start_response):
        self.calls.append((environ.get("QUERY_STRING", "") or environ["PATH_INFO"], threading.current_thread().name))
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The same store served twice: as ``kg serve`` serves it (inline tries) and with every request on a thread
    (waitress's own tasks, in channels adapted as ``kg serve``'s are but for the inline tries)."""
    path = tmp_path_factory.mktemp("inline") / "store"
    _build(path)
    inline_app = make_app(path, query_timeout_s=10, query_workers=1)
    threads = _Threads(inline_app.wsgi_app)
    inline_app.wsgi_app = threads
    inline = Server(inline_app)
    copy = tmp_path_factory.mktemp("threads") / "store"
    _build(copy)
    plain = Server(make_app(copy, query_timeout_s=10, query_workers=1), inline=False)
    yield inline, plain, threads
    inline.close()
    plain.close()


def _get(server, path="/sparql", **kwargs):
    return requests.get(server.url + path, timeout=30, **kwargs)


def _lookup(subject: str) -> dict:
    return {"query": f"SELECT ?p ?o WHERE {{ <{EX}{subject}> ?p ?o }}"}


def _threads_of(threads: _Threads, mark: str) -> list[str]:
    return [name for key, name in threads.calls if mark in key]


def _same(inline, plain) -> None:
    assert (inline.status_code, inline.content) == (plain.status_code, plain.content)
    for name in HEADERS:
        if name not in ("ETag", "Last-Modified"):  # each server has its own generation and start
            assert inline.headers.get(name) == plain.headers.get(name), name
    assert ("ETag" in inline.headers) == ("ETag" in plain.headers)


def test_a_lookup_is_answered_on_the_loop_with_the_bytes_a_thread_gives(servers):
    inline, plain, threads = servers
    params = _lookup("s")
    threads.calls.clear()
    got = _get(inline, params=params, headers={"Accept": JSON})
    assert got.status_code == 200 and len(got.json()["results"]["bindings"]) == 5
    assert [name for _, name in threads.calls] == [LOOP]  # one run, on the loop
    _same(got, _get(plain, params=params, headers={"Accept": JSON}))


@pytest.mark.parametrize("accept", [JSON, "text/csv", "text/tab-separated-values", "application/sparql-results+xml"])
def test_every_results_format_of_a_lookup_is_the_same_on_the_loop(servers, accept):
    inline, plain, _ = servers
    params = {"query": f"SELECT * WHERE {{ <{EX}s> ?p ?o }}"}
    headers = {"Accept": accept}
    _same(_get(inline, params=params, headers=headers), _get(plain, params=params, headers=headers))


def test_a_304_and_a_kept_answer_come_from_the_loop(servers):
    inline, _, threads = servers
    params = {"query": f"SELECT ?o WHERE {{ <{EX}s> <{EX}p1> ?o }}"}
    first = _get(inline, params=params, headers={"Accept": JSON})
    threads.calls.clear()
    again = _get(inline, params=params, headers={"Accept": JSON})
    not_modified = _get(inline, params=params, headers={"Accept": JSON, "If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.content, again.headers["ETag"]) == (200, first.content, first.headers["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert [name for _, name in threads.calls] == [LOOP, LOOP]


def test_the_loop_sends_the_very_bytes_a_task_sends(servers):
    inline, plain, threads = servers
    threads.calls.clear()
    sent = exchange(inline, raw_get(_lookup("s")))
    assert [name for _, name in threads.calls] == [LOOP]
    assert sent == exchange(plain, raw_get(_lookup("s")))
    [(head, body)] = sent
    assert head[0] == "HTTP/1.1 200 OK" and "Date" in head and f"Content-Length: {len(body)}" in head
    # a 304, to the ETag each server gave
    etags = [
        next(line[6:] for line in exchange(server, raw_get(_lookup("s")), varying=())[0][0] if line[:6] == "Etag: ")
        for server in servers[:2]
    ]
    threads.calls.clear()
    revalidated = [
        exchange(server, raw_get(_lookup("s"), f"If-None-Match: {etag}"))
        for server, etag in zip(servers[:2], etags, strict=True)
    ]
    assert revalidated[0] == revalidated[1]
    assert revalidated[0][0][0][0] == "HTTP/1.1 304 Not Modified" and revalidated[0][0][1] == b""
    assert [name for _, name in threads.calls] == [LOOP]


def test_a_plain_get_is_answered_without_waitress_parsing_it(servers, monkeypatch):
    """A lookup sent as one plain GET (kg/web/plain_requests.py) never reaches waitress's parser; the same lookup with
    a header waitress drops (so the app sees the same request) is parsed by waitress: the same bytes come back."""
    from waitress.parser import HTTPRequestParser

    inline, plain, threads = servers
    parsed: list[bytes] = []
    received = HTTPRequestParser.received
    monkeypatch.setattr(HTTPRequestParser, "received", lambda self, data: parsed.append(data) or received(self, data))
    threads.calls.clear()
    fast = exchange(inline, raw_get(_lookup("s")))
    assert parsed == [] and [name for _, name in threads.calls] == [LOOP]
    parsed_too = exchange(inline, raw_get(_lookup("s"), "X_Dropped: 1"))
    assert len(parsed) == 1 and [name for _, name in threads.calls] == [LOOP, LOOP]
    assert fast == parsed_too == exchange(plain, raw_get(_lookup("s")))


def test_pipelined_requests_are_each_answered_in_order(servers):
    inline, plain, _ = servers
    asked = [raw_get(_lookup("s")), raw_get({"query": f"SELECT ?o WHERE {{ <{EX}s> <{EX}p2> ?o }}"})] * 2
    assert exchange(inline, *asked) == exchange(plain, *asked)


def test_an_http_1_0_request_is_answered_as_waitress_answers_it(servers):
    inline, plain, _ = servers
    assert exchange(inline, raw_get(_lookup("s"), version="1.0")) == exchange(
        plain, raw_get(_lookup("s"), version="1.0")
    )


def test_an_answer_larger_than_the_socket_takes_at_once_arrives_whole(servers, tmp_path):
    """The loop sends an answer at once; what a slow reader's socket does not take then is queued and sent later."""
    _, plain, _ = servers
    request = raw_get({"query": f"SELECT ?p ?o WHERE {{ <{EX}big> ?p ?o }} LIMIT {INLINE_ROWS - 100}"})
    _build(tmp_path / "store")
    app = make_app(tmp_path / "store", query_timeout_s=10, query_workers=1)
    threads = _Threads(app.wsgi_app)
    app.wsgi_app = threads
    narrow = Server(app)
    # the sockets it accepts take 8 KiB at a time, and no more as the connection goes on (waitress sets them)
    narrow._srv.adj.socket_options = [*narrow._srv.adj.socket_options, (socket.SOL_SOCKET, socket.SO_SNDBUF, 8192)]
    try:
        [sent] = exchange(narrow, request, pause=0.3)  # not reading yet: the server's socket fills
        assert [name for _, name in threads.calls] == [LOOP]
    finally:
        narrow.close()
    assert len(sent[1]) > 64 * 1024 and sent[1].count(b'"o":') == INLINE_ROWS - 100
    assert [sent] == exchange(plain, request, pause=0.3)


def test_a_lookup_with_more_rows_than_the_loop_takes_runs_on_a_thread_whole(servers):
    inline, plain, threads = servers
    params = _lookup("big")
    threads.calls.clear()
    got = _get(inline, params=params, headers={"Accept": JSON})
    assert len(got.json()["results"]["bindings"]) == INLINE_ROWS + 5
    assert "X-KG-Truncated" not in got.headers
    names = [name for _, name in threads.calls]
    assert names[0] == LOOP and len(names) == 2 and names[1].startswith("waitress-")  # tried, then deferred
    _same(got, _get(plain, params=params, headers={"Accept": JSON}))


def test_a_lookup_known_to_be_too_long_for_the_loop_is_not_run_there_again(servers, monkeypatch):
    inline, _, threads = servers
    params = {"query": f"SELECT ?o WHERE {{ <{EX}big> <{EX}n> ?o }}"}
    assert _get(inline, params=params, headers={"Accept": JSON}).status_code == 200  # tried, then deferred
    store = inline.app.extensions["kg.store"]
    runs: list[str] = []
    query = store.query
    monkeypatch.setattr(store, "query", lambda sparql, **kw: runs.append(sparql) or query(sparql, **kw))
    threads.calls.clear()
    csv = _get(inline, params=params, headers={"Accept": "text/csv"})  # another answer: not from the cache
    assert csv.status_code == 200 and csv.text.count("\n") == INLINE_ROWS + 5 + 1
    assert len(runs) == 1 and [name for _, name in threads.calls][0] == LOOP  # one run, on a thread


@pytest.mark.parametrize("path", ["/", "/status", "/queries", "/sparql?query=ASK%20%7B%7D"])
def test_what_flask_answers_runs_on_a_thread_once(servers, path):
    inline, plain, threads = servers
    threads.calls.clear()
    headers = {"Accept": JSON} if path.startswith(("/sparql", "/status")) else {}
    got = _get(inline, path, headers=headers)
    other = _get(plain, path, headers=headers)
    assert got.status_code == other.status_code == 200
    if path != "/status":  # its counters are each server's own
        assert got.content == other.content
    names = [name for _, name in threads.calls]
    assert names[0] == LOOP and names[1:] and all(n.startswith("waitress-") for n in names[1:])
    assert len(names) == 2


def test_the_cache_counts_a_deferred_request_once(servers):
    inline, _, _ = servers
    before = _get(inline, "/status").json()["result_cache"]
    # a miss tried on the loop, deferred, and run on a thread
    assert _get(inline, "/queries?counted=once").status_code == 200
    after = _get(inline, "/status").json()["result_cache"]
    assert after["misses"] - before["misses"] == 2  # /queries and this /status: one each


def test_head_and_posts_never_run_on_the_loop(servers):
    inline, _, threads = servers
    threads.calls.clear()
    head = requests.head(inline.url + "/sparql", params=_lookup("s"), headers={"Accept": JSON}, timeout=30)
    post = requests.post(inline.url + "/sparql", data=_lookup("s"), headers={"Accept": JSON}, timeout=30)
    assert head.status_code == post.status_code == 200
    assert all(name.startswith("waitress-") for _, name in threads.calls)


# -- answer_inline itself -------------------------------------------------------------------


def _app(body, status="200 OK", fail=None):
    closed = []

    class Body:
        def __iter__(self):
            if fail is not None:
                raise fail
            yield from body

        def close(self):
            closed.append(True)

    def app(environ, start_response):
        assert environ[INLINE] is True
        start_response(status, [("Content-Type", "text/plain")])
        return Body()

    return app, closed


def test_answer_inline_gives_the_whole_answer_and_closes_the_body():
    app, closed = _app([b"a", b"b"])
    environ: dict = {}
    assert answer_inline(app, environ) == ("200 OK", [("Content-Type", "text/plain")], b"ab")
    assert closed == [True] and INLINE not in environ


@pytest.mark.parametrize("fail", [Deferred(), RuntimeError("boom")])
def test_a_deferred_or_failed_try_is_none_and_its_body_closed(fail):
    app, closed = _app([b"a"], fail=fail)
    assert answer_inline(app, {}) is None
    assert closed == [True]


def test_an_answer_larger_than_the_loop_sends_is_none():
    app, closed = _app([b"x" * INLINE_BYTES, b"y"])
    assert answer_inline(app, {}) is None and closed == [True]


def test_a_deferral_before_answering_is_none():
    def app(environ, start_response):
        raise Deferred

    assert answer_inline(app, {}) is None
