"""Repeated revalidations answered from their bytes (kg/web/revalidation.py, kg/web/serving.py): over real
HTTP on a real store, against a server that has no memo, and the memo itself."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from rdflib import Literal, URIRef

from kg.store import open_store
from kg.web import revalidation
from kg.web.conditional import SharedGeneration
from kg.web.revalidation import MAX_REQUEST_BYTES, RevalidationMemo

from .live import Server, exchange, make_app, raw_get

EX = "http://example.org/revalidation/"
TOKEN = "revalidation-token"
#: what differs between two servers' answers (each has its own generation and start), and from second to second
VARYING = ("Date:", "Etag:", "Last-Modified:")


def _build(path) -> None:
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(f"{EX}p{i}"), Literal(i)) for i in range(3)])


class _Calls:
    """Wraps a WSGI app and counts the requests that reach it."""

    def __init__(self, app) -> None:
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        return self.app(environ, start_response)


@pytest.fixture
def servers(tmp_path):
    """The same store served with the memo (as ``kg serve`` serves it) and without it."""
    _build(tmp_path / "a")
    _build(tmp_path / "b")
    app = make_app(tmp_path / "a", update_token=TOKEN)
    calls = _Calls(app.wsgi_app)
    app.wsgi_app = calls
    with_memo = Server(app)
    without = Server(make_app(tmp_path / "b"), memo=False)
    yield with_memo, without, calls
    with_memo.close()
    without.close()


def _lookup() -> dict:
    return {"query": f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }}"}


def _etag(server) -> str:
    [(head, _)] = exchange(server, raw_get(_lookup()), varying=())
    return next(line[len("Etag: ") :] for line in head if line.startswith("Etag: "))


def _memo(server) -> RevalidationMemo:
    return server._srv.kg_memo


def test_a_repeated_revalidation_is_answered_from_its_bytes_as_the_app_answers_it(servers):
    with_memo, without, calls = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}")
    calls.count = 0
    answers = [exchange(with_memo, asked) for _ in range(3)]
    assert calls.count == 1  # the first reached the app; the next two were answered from the memo
    assert len(_memo(with_memo)) == 1
    [[(head, body)]] = answers[:1]
    assert head[0] == "HTTP/1.1 304 Not Modified" and body == b"" and "Date" in head
    assert answers[1] == answers[0] == answers[2]
    # the same bytes a server without the memo sends (but the values each server has its own of)
    assert answers[0] == exchange(without, raw_get(_lookup(), f"If-None-Match: {_etag(without)}"))


def test_status_counts_the_answers_sent_from_the_memo(servers):
    with_memo, without, _ = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}")

    def memo_stats(server) -> dict:
        return requests.get(server.url + "/status", timeout=30).json()["revalidation_memo"]

    before = memo_stats(with_memo)
    for _ in range(3):
        exchange(with_memo, asked)
    after = memo_stats(with_memo)
    assert after["hits"] - before["hits"] == 2  # the first of the three reached the app
    assert after["entries"] == len(_memo(with_memo)) >= 1 and 0 < after["bytes"] <= after["max_bytes"]
    exchange(without, raw_get(_lookup(), f"If-None-Match: {_etag(without)}"))
    assert memo_stats(without)["hits"] == 0  # a server not adapted to answer from it never does


def test_a_memo_answer_carries_the_date_it_is_sent_at(servers):
    with_memo, _, _ = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}")
    exchange(with_memo, asked)
    memo = _memo(with_memo)
    [(key, (head, tail))] = memo._entries.items()
    memo._entries[key] = (head, tail.replace(b"\r\n", b"\r\nX-Kept: yes\r\n", 1))  # marks an answer from the memo
    # a Date made a while ago: a new one is made for this answer
    revalidation._DATE_NOW[0] = (int(time.time()) - 100, "Thu, 01 Jan 1970 00:00:00 GMT")
    [(head_lines, _)] = exchange(with_memo, asked, varying=())
    assert "X-Kept: yes" in head_lines
    date = next(line for line in head_lines if line.startswith("Date: "))
    assert "1970" not in date and date.endswith(" GMT")


def test_a_write_makes_every_kept_revalidation_unreachable(servers):
    with_memo, _, calls = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}")
    assert exchange(with_memo, asked)[0][0][0] == "HTTP/1.1 304 Not Modified"
    assert len(_memo(with_memo)) == 1
    wrote = requests.post(
        with_memo.url + "/sparql",
        data=f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}new> 'written' }} }}",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert wrote.status_code == 204, wrote.text
    calls.count = 0
    [(head, body)] = exchange(with_memo, asked)
    assert head[0] == "HTTP/1.1 200 OK" and b"written" in body  # the old ETag no longer matches: the new answer
    assert calls.count == 1 and len(_memo(with_memo)) == 0


def test_pipelined_revalidations_are_answered_but_not_kept(servers):
    with_memo, without, calls = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}")
    calls.count = 0
    twice = exchange(with_memo, asked, asked)
    assert [head[0] for head, _ in twice] == ["HTTP/1.1 304 Not Modified"] * 2
    assert calls.count == 2 and len(_memo(with_memo)) == 0
    again = exchange(without, *[raw_get(_lookup(), f"If-None-Match: {_etag(without)}")] * 2)
    assert twice == again


@pytest.mark.parametrize(
    ("extra", "version"), [(("Connection: close",), "1.1"), ((), "1.0")], ids=["connection-close", "http-1.0"]
)
def test_a_revalidation_waitress_answers_itself_is_not_kept(servers, extra, version):
    with_memo, _, calls = servers
    asked = raw_get(_lookup(), f"If-None-Match: {_etag(with_memo)}", *extra, version=version)
    calls.count = 0
    for _ in range(2):
        assert exchange(with_memo, asked)[0][0][0] == f"HTTP/{version} 304 Not Modified"
    assert calls.count == 2 and len(_memo(with_memo)) == 0


def test_a_200_is_never_kept(servers):
    with_memo, _, calls = servers
    asked = raw_get(_lookup(), 'If-None-Match: "not-the-etag"')
    calls.count = 0
    for _ in range(2):
        assert exchange(with_memo, asked)[0][0][0] == "HTTP/1.1 200 OK"
    assert calls.count == 2 and len(_memo(with_memo)) == 0


# -- the memo itself ----------------------------------------------------------------------------

ANSWER = (
    b"HTTP/1.1 304 Not Modified\r\nCache-Control: no-cache\r\nDate: Mon, 07 Dec 2026 05:00:00 GMT\r\nEtag: x\r\n\r\n"
)


def test_the_memo_follows_the_generation_every_process_shares():
    shared = SharedGeneration()
    memo = RevalidationMemo(lambda: shared.value)
    assert memo.put(0, b"GET / HTTP/1.1\r\n\r\n", ANSWER)
    kept = memo.get(b"GET / HTTP/1.1\r\n\r\n")
    assert kept is not None and kept.startswith(b"HTTP/1.1 304 Not Modified\r\nCache-Control: no-cache\r\nDate: ")
    assert kept.endswith(b" GMT\r\nEtag: x\r\n\r\n")
    shared.publish(1, 0.0)  # another process wrote
    assert memo.get(b"GET / HTTP/1.1\r\n\r\n") is None and len(memo) == 0
    assert not memo.put(0, b"GET / HTTP/1.1\r\n\r\n", ANSWER)  # answered before the write: never kept
    assert memo.put(1, b"GET / HTTP/1.1\r\n\r\n", ANSWER)


@pytest.mark.parametrize(
    "answer",
    [
        ANSWER.replace(b"304 Not Modified", b"200 OK"),
        ANSWER.replace(b"\r\nDate: Mon, 07 Dec 2026 05:00:00 GMT", b""),
        ANSWER.replace(b"\r\nEtag", b"\r\nDate: Mon, 07 Dec 2026 05:00:00 GMT\r\nEtag"),
    ],
    ids=["a-200", "no-date", "two-dates"],
)
def test_the_memo_keeps_only_a_304_with_one_date(answer):
    memo = RevalidationMemo(lambda: 0)
    assert not memo.put(0, b"GET / HTTP/1.1\r\n\r\n", answer)
    assert len(memo) == 0


def test_the_memo_is_bounded_least_recently_used_first_out():
    one = len(b"GET /0 HTTP/1.1\r\n\r\n") + len(ANSWER) - len(b"Mon, 07 Dec 2026 05:00:00 GMT")
    memo = RevalidationMemo(lambda: 0, max_bytes=3 * one)
    for i in range(3):
        assert memo.put(0, f"GET /{i} HTTP/1.1\r\n\r\n".encode(), ANSWER)
    assert memo.get(b"GET /0 HTTP/1.1\r\n\r\n") is not None  # now the most recently used
    assert memo.put(0, b"GET /3 HTTP/1.1\r\n\r\n", ANSWER)
    assert [memo.get(f"GET /{i} HTTP/1.1\r\n\r\n".encode()) is not None for i in range(4)] == [True, False, True, True]
    assert memo.put(0, b"GET /3 HTTP/1.1\r\n\r\n", ANSWER)  # kept again: counted once
    assert len(memo) == 3
    assert not memo.put(0, b"GET /" + b"x" * MAX_REQUEST_BYTES + b" HTTP/1.1\r\n\r\n", ANSWER)


def test_an_answer_kept_just_before_a_write_is_never_sent_after_it():
    reads = iter([0, 1])  # made at generation 0; the answer is kept at 1; a write lands at once: 2 from then on
    memo = RevalidationMemo(lambda: next(reads, 2))
    memo.put(1, b"GET / HTTP/1.1\r\n\r\n", ANSWER)
    assert memo.get(b"GET / HTTP/1.1\r\n\r\n") is None and len(memo) == 0


def test_the_date_made_once_a_second_is_the_one_waitress_writes():
    from waitress.utilities import build_http_date

    for _ in range(5):  # a second may turn between the two
        before = build_http_date(time.time())
        if revalidation.http_date_now() == before == build_http_date(time.time()):
            return
    pytest.fail("http_date_now() never agreed with waitress's Date")
