"""Conditional GETs and the result cache, over real HTTP on a real store with writes enabled.

An answer carries a strong ETag; If-None-Match with it is a 304 with no work done; a
repeated request is answered from the cache byte for byte; a write (SPARQL Update through
the server) makes every older ETag and cache entry stale before its own answer is sent, so
a reader never sees a result older than a write it has seen answered.
"""

from __future__ import annotations

import pytest
import requests
from rdflib import Literal, URIRef

from kg.store import open_store

from .live import Server, make_app, until

TOKEN = "conditional-secret"
EX = "http://example.org/cond/"
JSON = "application/sparql-results+json"
QUERY = f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }} ORDER BY ?o"


@pytest.fixture
def server(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(EX + "p"), Literal(1))])
    live = Server(make_app(path, update_token=TOKEN, max_rows=3))
    yield live
    live.close()


def get(server, query: str = QUERY, accept: str = JSON, **headers: str) -> requests.Response:
    return requests.get(
        server.url + "/sparql", params={"query": query}, headers={"Accept": accept, **headers}, timeout=30
    )


def status(server) -> dict:
    return requests.get(server.url + "/status", timeout=30).json()


def insert(server, value: int) -> None:
    response = requests.post(
        server.url + "/sparql",
        timeout=30,
        data=f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> {value} }} }}",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 204, response.text


def values(response: requests.Response) -> list[str]:
    return [b["o"]["value"] for b in response.json()["results"]["bindings"]]


def test_an_answer_carries_validators_and_a_matching_etag_is_a_304_with_no_work(server):
    first = get(server)
    assert first.status_code == 200 and values(first) == ["1"]
    etag = first.headers["ETag"]
    assert etag.startswith('"') and first.headers["Cache-Control"] == "no-cache" and first.headers["Last-Modified"]
    before = status(server)["result_cache"]
    again = get(server, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    # the cache was not even looked at: the one more miss is this /status request's own
    assert status(server)["result_cache"] == {**before, "misses": before["misses"] + 1}
    weak = get(server, **{"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304


def test_a_repeated_request_is_the_same_bytes_from_the_cache(server):
    first = get(server)
    assert status(server)["result_cache"]["hits"] == 0
    second = get(server)
    assert second.status_code == 200 and second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["ETag"] == first.headers["ETag"]
    assert status(server)["result_cache"]["hits"] == 1
    other = get(server, accept="text/csv")  # another representation: another entry, another ETag
    assert other.headers["ETag"] != first.headers["ETag"] and other.text.splitlines()[0] == "o"


def test_a_write_makes_older_answers_stale_before_it_is_answered(server):
    first = get(server)
    insert(server, 2)
    after = get(server, **{"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and values(after) == ["1", "2"]
    assert after.headers["ETag"] != first.headers["ETag"]
    modified = get(server, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert modified.status_code == 200 and values(modified) == ["1", "2"]
    assert status(server)["generation"] == 1


def test_a_query_sent_by_post_is_kept_too_and_an_update_never_is(server):
    def post(**form: str) -> requests.Response:
        return requests.post(server.url + "/sparql", data=form, headers={"Accept": JSON}, timeout=30)

    first = post(query=QUERY)
    assert values(first) == ["1"] and "ETag" not in first.headers
    hits = status(server)["result_cache"]["hits"]
    again = post(query=QUERY)
    assert again.content == first.content and again.headers["Content-Type"] == first.headers["Content-Type"]
    assert status(server)["result_cache"]["hits"] == hits + 1
    direct = requests.post(
        server.url + "/sparql",
        data=QUERY.encode(),
        timeout=30,
        headers={"Accept": JSON, "Content-Type": "application/sparql-query"},
    )
    assert direct.content == first.content  # another body: its own entry (same answer)
    insert(server, 2)  # an update by POST: run, never answered from the cache
    assert values(post(query=QUERY)) == ["1", "2"]
    anonymous = post(update=f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 9 }} }}")
    assert anonymous.status_code == 401
    assert post(update=f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 9 }} }}").status_code == 401


def test_identical_page_requests_that_miss_at_once_cost_one_run():
    """The middleware over a small WSGI app that holds its first answer until told: the five
    identical requests that miss meanwhile wait for it instead of running the app again."""
    import threading

    from kg.web.conditional import Generation, ResultCache, conditional

    release, calls = threading.Event(), []

    def page(environ, start_response):
        calls.append(environ["PATH_INFO"])
        release.wait(30)
        body = b"the page"
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]

    cache = ResultCache(2**20)
    app = conditional(page, Generation(), cache, "no-cache")
    answers: list[bytes] = []

    def ask() -> None:
        seen: dict = {}
        body = app(
            {"REQUEST_METHOD": "GET", "PATH_INFO": "/queries/x.json", "QUERY_STRING": ""},
            lambda status, headers, exc_info=None: seen.update(status=status),
        )
        answers.append(b"".join(body) if seen["status"].startswith("200") else b"")
        getattr(body, "close", lambda: None)()

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    until(lambda: cache.stats()["misses"] == 6, "not all six missed")  # the first runs, five wait
    release.set()
    for t in threads:
        t.join(30)
    assert answers == [b"the page"] * 6 and calls == ["/queries/x.json"]
    assert cache.stats()["shared"] == 5


def _sparql_get(app, query: str) -> dict:
    """A GET of /sparql straight to the WSGI ``app``: its status, headers and whole body."""
    seen: dict = {}
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": query, "HTTP_ACCEPT": JSON}
    body = app(environ, lambda status, headers, exc_info=None: seen.update(status=status, headers=headers))
    seen["body"] = b"".join(body)
    getattr(body, "close", lambda: None)()
    return seen


def test_past_the_queries_that_may_wait_for_a_long_run_the_next_gets_a_503_with_retry_after():
    """Two queries may wait for runs while one waits for a query whose last run was long (here: stopped
    at its deadline): the fourth identical one is told to retry, at once.  Waiting for a query not
    known to be long has no such bound (clients asking for the same few queries are all answered)."""
    import threading

    from kg.web.conditional import Generation, ResultCache, conditional

    release, calls = threading.Event(), []

    def endpoint(environ, start_response):
        calls.append(environ["QUERY_STRING"])
        if calls.count(environ["QUERY_STRING"]) == 1 and environ["QUERY_STRING"] == "query=long":
            start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Content-Length", "8")])
            return [b"deadline"]
        release.wait(30)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "1")])
        return [b"x"]

    cache = ResultCache(2**20, max_followers=2)
    app = conditional(endpoint, Generation(), cache, "no-cache")
    statuses: list[str] = []

    def ask(query: str) -> dict:
        seen = _sparql_get(app, query)
        statuses.append(seen["status"])
        return seen

    def until_waiting(n: int) -> None:
        until(lambda: cache.stats()["waiting"] == n, f"not {n} waiting")

    assert ask("query=long")["status"].startswith("503")  # its run was stopped: the query is long
    statuses.clear()
    threads = [threading.Thread(target=ask, args=(q,)) for q in ["query=quick"] * 4 + ["query=long"] * 1]
    for t in threads[:4]:
        t.start()
    until_waiting(3)  # one runs the quick query, three wait for it: more than two, no bound
    threads[4].start()
    until_waiting(3)  # the long query's run starts (no one waits for it yet)
    until(lambda: len(calls) == 3, "the long query's run did not start")
    busy = ask("query=long")  # four wait: past the two that may wait while one waits for a long run
    assert busy["status"].startswith("503") and ("Retry-After", "1") in busy["headers"]
    assert b"Server busy" in busy["body"]
    release.set()
    for t in threads:
        t.join(30)
    assert sorted(statuses) == ["200 OK"] * 5 + ["503 Service Unavailable"]
    assert sorted(calls) == ["query=long", "query=long", "query=quick"]


def test_waiting_for_identical_runs_never_takes_every_thread():
    """A flood of one query nobody has run yet: past the bound, the next waiting request gets a 503
    at once, so the threads left answer other requests (here: another query, run at once)."""
    import threading

    from kg.web.conditional import Generation, ResultCache, conditional, waiting_bound

    assert [waiting_bound(n) for n in (1, 4, 16, 32)] == [1, 2, 12, 24]
    release = threading.Event()
    calls: list[str] = []

    def endpoint(environ, start_response):
        calls.append(environ["QUERY_STRING"])
        if environ["QUERY_STRING"] == "query=flood":
            release.wait(30)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "1")])
        return [b"x"]

    cache = ResultCache(2**20, max_waiting=2)
    app = conditional(endpoint, Generation(), cache, "no-cache")
    statuses: list[str] = []

    def ask(query: str) -> None:
        statuses.append(_sparql_get(app, query)["status"])

    flood = [threading.Thread(target=ask, args=("query=flood",)) for _ in range(3)]
    for t in flood:
        t.start()
    until(lambda: cache.stats()["waiting"] == 2, "not two waiting")  # one runs, two wait
    assert cache.stats()["waiting"] == 2
    ask("query=flood")  # a third would wait: refused at once
    assert statuses == ["503 Service Unavailable"]
    ask("query=other")  # another query still runs
    assert statuses[-1] == "200 OK"
    release.set()
    for t in flood:
        t.join(30)
    assert sorted(statuses) == ["200 OK"] * 4 + ["503 Service Unavailable"]
    assert calls == ["query=flood", "query=other"]


def test_if_modified_since_is_a_304_for_a_cached_answer_of_an_unchanged_store(server):
    first = get(server)
    again = get(server, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_truncated_and_failed_answers_get_no_validator_and_are_not_cached(server):
    for value in (2, 3, 4):
        insert(server, value)
    cut = get(server)  # max_rows=3 of 4 rows
    assert cut.status_code == 200 and cut.headers["X-KG-Truncated"] == "true"
    assert "ETag" not in cut.headers
    bad = get(server, query="SELECT ?x WHERE {")
    assert bad.status_code == 400 and "ETag" not in bad.headers
    assert status(server)["result_cache"]["entries"] == 0


def test_without_a_cache_etags_still_answer_304(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(EX + "p"), Literal(1))])
    live = Server(make_app(path, result_cache_mb=0))
    try:
        first = get(live)
        assert status(live)["result_cache"] is None
        assert get(live, **{"If-None-Match": first.headers["ETag"]}).status_code == 304
        page = requests.get(live.url + "/queries/summits", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "ETag" in page.headers
        assert (
            requests.get(
                live.url + "/queries/summits",
                timeout=30,
                headers={"Accept": "text/html", "If-None-Match": page.headers["ETag"]},
            ).status_code
            == 304
        )
    finally:
        live.close()


def test_a_streamed_answer_is_kept_once_it_ended_whole(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(
            EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal("x" * 100 + str(i))) for i in range(3000)]
        )  # about 500 KB of JSON: more than one chunk
    live = Server(make_app(path))
    try:
        query = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
        first = get(live, query)
        assert first.status_code == 200 and "Content-Length" not in first.headers and "ETag" not in first.headers
        second = get(live, query)
        assert second.content == first.content and len(values(second)) == 3000
        assert second.headers["Content-Length"] == str(len(first.content)) and "ETag" in second.headers
        assert status(live)["result_cache"]["hits"] == 1
        assert get(live, query, **{"If-None-Match": second.headers["ETag"]}).status_code == 304
    finally:
        live.close()


def test_a_kept_answer_of_megabytes_is_replayed_byte_for_byte(tmp_path):
    """Past 1 MB a kept answer goes to waitress as a file (``wsgi.file_wrapper``): the same bytes still."""
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(
            EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(f"{i} " + "y" * 400)) for i in range(4000)]
        )  # about 2 MB of JSON
    live = Server(make_app(path))
    try:
        query = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
        first = get(live, query)
        assert first.status_code == 200 and len(first.content) > 1 << 20
        again = get(live, query)
        assert again.content == first.content and again.headers["Content-Length"] == str(len(first.content))
        posted = [
            requests.post(live.url + "/sparql", data={"query": query}, headers={"Accept": JSON}, timeout=30)
            for _ in range(2)
        ]
        assert posted[1].content == posted[0].content == first.content
        assert status(live)["result_cache"]["hits"] == 2
    finally:
        live.close()
