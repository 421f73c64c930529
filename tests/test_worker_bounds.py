"""Query workers are bounded by the OS: a memory limit per worker, and no network unless SERVICE is allowlisted.

Real worker processes over a real store; the memory test goes over real HTTP.  The
memory-hungry query doubles a string at each BIND (922 bytes of query reach 1.5 GB);
the network test sends a SERVICE query straight to the pool, past the safety scan, to a
local listener, and checks the listener hears nothing from an isolated worker (and does
hear from a worker that is not isolated: the test can fail).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import multiprocessing
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Literal, URIRef

from kg.errors import KGError, MethodNotAllowed, NotAcceptable, QuerySyntaxError
from kg.query.messages import Data, Done, Error, Failed, Head, Job, Ready, Whole, portable
from kg.query.workers import QueryPool, _send_error, default_memory_mb
from kg.store import open_store

from .live import Server, make_app, until

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

EX = "http://example.org/bounds/"
POINT = f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}"
JSON = "application/sparql-results+json"


def doubling_query(steps: int) -> str:
    """A string of ``2 ** (steps + 1)`` characters, built by CONCAT in ``steps`` BINDs."""
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(steps))
    return f'SELECT (STRLEN(?v{steps}) AS ?n) WHERE {{ BIND("ab" AS ?v0) {binds} }}'


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bounds") / "store"
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(10)])
    return path


def data_limit(pid: int) -> str:
    """The 'Max data size' soft limit of a process, as /proc shows it."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max data size"):
            return line.split()[3]
    raise AssertionError("no data size limit line")


def test_default_memory_limit_is_sized_to_the_machine():
    one, four = default_memory_mb(1), default_memory_mb(4)
    assert 512 <= four <= one <= 4096
    total_mb = Path("/proc/meminfo").read_text().split()[1]  # MemTotal, kB
    assert one == min(4096, max(512, int(total_mb) // 1024 // 4))


def test_a_query_past_the_memory_limit_gets_a_503_and_its_worker_is_replaced(store_path):
    server = Server(make_app(store_path, query_timeout_s=60, query_workers=1, query_memory_mb=256))
    try:
        pool = server.app.extensions["kg.query_pool"]
        assert requests.get(server.url + "/sparql", params={"query": POINT}, timeout=30).status_code == 200
        (pid,) = pool.worker_pids()
        assert data_limit(pid) == str(256 * 2**20)
        # 2**29 characters: past 256 MiB; the same query with 20 steps (2 MiB) is answered.
        r = requests.get(
            server.url + "/sparql", params={"query": doubling_query(28)}, headers={"Accept": JSON}, timeout=60
        )
        assert r.status_code == 503, r.text
        assert r.json()["error"] == "Query exceeded the memory limit"
        assert "256 MiB" in r.json()["message"] and "query_memory_mb" in r.json()["message"]
        assert pid not in pool.worker_pids() and not Path(f"/proc/{pid}").exists()
        small = requests.get(
            server.url + "/sparql", params={"query": doubling_query(20)}, headers={"Accept": JSON}, timeout=60
        )
        assert small.status_code == 200
        assert small.json()["results"]["bindings"][0]["n"]["value"] == str(2**21)
    finally:
        server.close()


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_POST(self) -> None:  # noqa: N802  (http.server's naming)
        self.hits.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener():
    hits: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Listener,), {"hits": hits}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def test_the_pipe_messages_pickle():
    job = Job(
        "SELECT * { ?s ?p ?o }",
        (EX + "g",),
        (),
        JSON,
        None,
        "http://x/",
        10,
        {"s": ox.NamedNode(EX + "s1"), "o": ox.Literal("x", language="en")},
    )
    for message in (
        job,
        Ready(12, True),
        Failed("no store"),
        Head(JSON, {"X-KG-Max-Rows": "3"}),
        Data(b"ab"),
        Done(),
        Whole(JSON, {}, b"{}"),
    ):
        assert pickle.loads(pickle.dumps(message)) == message
    # An error keeps its class, status, title and attributes; anything else becomes a 500 that names it.
    sent = pickle.loads(pickle.dumps(Error(MethodNotAllowed("no", allowed=("GET",)))))
    assert type(sent.error) is MethodNotAllowed and sent.error.allowed == ("GET",) and sent.error.status == 405
    odd = pickle.loads(pickle.dumps(Error(portable(OSError("disk")))))
    assert type(odd.error) is KGError and odd.error.status == 500 and odd.error.message == "OSError: disk"


def test_an_error_that_does_not_pickle_still_comes_back():
    """An attribute that cannot cross the pipe: the error comes back as a KGError with its status, title, message."""
    parent, child = multiprocessing.Pipe()
    error = NotAcceptable("no such type")
    error.hook = lambda: None  # a lambda does not pickle
    _send_error(child, error)
    sent = parent.recv().error
    assert (type(sent), sent.status, sent.title, sent.message) == (KGError, 406, NotAcceptable.title, "no such type")
    _send_error(child, ZeroDivisionError("boom"))
    assert parent.recv().error.message == "ZeroDivisionError: boom"


def test_a_worker_error_comes_back_with_its_class(store_path):
    pool = QueryPool(store_path, size=1, isolate_network=False)
    try:
        stream = pool.stream(
            "SELECT * WHERE { ?s ?p",
            (),
            (),
            results_type=JSON,
            graph_type=None,
            base_iri=None,
            max_rows=0,
            timeout_s=20,
            limit_s=20,
        )
        with pytest.raises(QuerySyntaxError) as caught:
            stream.open()
        assert caught.value.status == 400 and caught.value.title == QuerySyntaxError.title
        stream = pool.stream(
            POINT,
            (),
            (),
            results_type=None,
            graph_type="text/turtle",
            base_iri=None,
            max_rows=0,
            timeout_s=20,
            limit_s=20,
        )
        with pytest.raises(NotAcceptable):
            stream.read_all()
        stream = pool.stream(
            POINT, (), (), results_type=JSON, graph_type=None, base_iri=None, max_rows=0, timeout_s=20, limit_s=20
        )
        assert b'"value":"1"' in stream.read_all().replace(b" ", b"") and stream.complete
    finally:
        pool.close()


def _can_isolate() -> bool:
    code = "from kg.query.workers import isolate_network; import sys; sys.exit(0 if isolate_network() else 1)"
    return subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _service(pool: QueryPool, port: int) -> None:
    query = f"SELECT ?s WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    stream = pool.stream(
        query, (), (), results_type=JSON, graph_type=None, base_iri=None, max_rows=0, timeout_s=20, limit_s=20
    )
    stream.read_all()


@pytest.mark.parametrize("isolate", [True, False])
def test_workers_without_an_allowlist_cannot_call_out(store_path, listener, isolate):
    if isolate and not _can_isolate():
        pytest.skip("this machine gives a process no network namespace of its own (not root, no user namespaces)")
    port, hits = listener
    pool = QueryPool(store_path, size=1, isolate_network=isolate)
    try:
        if isolate:
            with pytest.raises(KGError):
                _service(pool, port)
            assert hits == [], "an isolated worker reached the listener"
            assert pool.network_isolated is True
        else:
            _service(pool, port)
            assert hits == ["/sparql"], (
                "a worker with the network must reach the listener (else this test proves nothing)"
            )
    finally:
        pool.close()


def test_the_server_isolates_its_workers_unless_service_is_allowlisted(store_path):
    for allow, expected in (((), True), (("https://query.wikidata.org/sparql",), False)):
        app = make_app(store_path, query_timeout_s=10, query_workers=1, service_allowlist=allow)
        try:
            assert app.extensions["kg.query_pool"].isolate_network is expected
        finally:
            app.extensions["kg.store"].close()


# -- lanes: heavy /sparql work never holds up light queries and pages ----------------------

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours on 3,000 triples
#: Another slow query: identical requests wait for one run (single flight), distinct ones queue.
OTHER_SLOW = SLOW.replace("?n", "?m")


@pytest.fixture(scope="module")
def slow_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lanes") / "store"
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(3000)])
    return path


def _slow(url: str) -> None:
    """One slow query; the server closing under it at the end of the test is expected."""
    with contextlib.suppress(requests.RequestException):
        requests.post(url + "/sparql", data={"query": SLOW}, timeout=60)


def _busy(server, pool, lane_size: int) -> list[threading.Thread]:
    """Start ``lane_size`` slow queries and return once every /sparql worker runs one."""
    threads = [threading.Thread(target=_slow, args=(server.url,), daemon=True) for _ in range(lane_size)]
    for t in threads:
        t.start()
    until(
        lambda: pool._lanes["sparql"].started and not pool.worker_pids("sparql"),
        "the slow queries did not take the workers",
    )
    return threads


def test_light_queries_and_pages_are_answered_while_every_sparql_worker_is_busy(slow_store):
    server = Server(make_app(slow_store, query_timeout_s=8, query_workers=1, query_queue=0))
    try:
        pool = server.app.extensions["kg.query_pool"]
        slow = _busy(server, pool, 1)
        ask = requests.get(server.url + "/sparql", params={"query": "ASK {}"}, headers={"Accept": JSON}, timeout=30)
        assert ask.status_code == 200 and ask.json()["boolean"] is True
        page = requests.get(server.url + "/queries/summits", headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200
        # A second heavy query finds the lane full and its queue (0) too: a 503 at once, with Retry-After.
        busy = requests.post(
            server.url + "/sparql", data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON}, timeout=30
        )
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
        assert busy.json()["error"] == "Server busy" and "query_queue" in busy.json()["message"]
        assert all(t.is_alive() for t in slow), "the checks must have run while the slow query held the worker"
    finally:
        server.close()


@pytest.mark.parametrize(
    "query, light",
    [
        ("ASK {}", True),
        ("ASK { <http://x/a> <http://x/b> <http://x/c> }", True),
        ("DESCRIBE <http://x/a>", True),
        ('ASK { <http://x/a> <http://x/b> "?x $y" }', True),
        ("ASK { ?s ?p ?o }", False),
        ("SELECT * {}", False),
        ("ASK { <http://x/a> <http://x/b>* <http://x/c> }", False),
        ("SELECT (1 + 1 AS ?x) {}", False),
    ],
)
def test_light_means_no_variable_and_no_operator(query, light):
    from kg.query.workers import is_light

    assert is_light(query) is light


def _send_and_leave_later(url: str, query: str):
    """Send a query on a raw socket and return the socket, unread: closing it is the client leaving."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    body = query.encode("utf-8")
    sock.sendall(
        b"POST /sparql HTTP/1.1\r\nHost: test\r\nContent-Type: application/sparql-query\r\n"
        b"Accept: " + JSON.encode() + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    return sock


def test_a_client_that_leaves_gives_up_its_place_in_the_queue_and_its_worker(slow_store):
    """Without the check, both would hold on until the 60 s deadline."""
    import server as kg_server

    app = make_app(slow_store, query_timeout_s=60, query_workers=1, query_queue=4)
    live = Server(app, **kg_server.server_options(app.extensions["kg.settings"]))
    try:
        pool = app.extensions["kg.query_pool"]
        lane = pool._lanes["sparql"]
        running = _send_and_leave_later(live.url, SLOW)
        until(lambda: lane.started and not pool.worker_pids("sparql"), "the slow query did not take the worker")
        queued = _send_and_leave_later(live.url, OTHER_SLOW)  # distinct: an identical one waits for the first
        until(lambda: lane.waiting == 1, "the second query did not wait for the worker")
        queued.close()
        until(lambda: lane.waiting == 0, "the query of a client that left still waits for a worker")
        assert not pool.killed
        running.close()
        until(lambda: len(pool.killed) == 1, "the worker of a client that left still runs its query")
        ask = requests.get(
            live.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON}, timeout=30
        )
        assert ask.status_code == 200 and ask.json()["boolean"] is True  # the replacement answers
    finally:
        live.close()


# -- single flight: identical queries wait for one run, outside the queue ------------------


def _live(store: Path, **settings):
    """A live server with ``kg serve``'s waitress options (it sees clients that leave)."""
    import server as kg_server

    app = make_app(store, query_timeout_s=60, query_workers=1, **settings)
    return app, Server(app, **kg_server.server_options(app.extensions["kg.settings"]))


def _post(url: str, query: str) -> http.client.HTTPConnection:
    """Send a query by POST on a connection of its own and return it, unread (closing it is leaving)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    conn.request(
        "POST", "/sparql", body=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": JSON}
    )
    return conn


def _answer(url: str, query: str, answers: list[tuple[int, bytes]]) -> None:
    conn = _post(url, query)
    try:
        response = conn.getresponse()
        answers.append((response.status, response.read()))
    finally:
        conn.close()


def _runs(pool: QueryPool, lane) -> bool:
    """Whether the lane's one worker runs a query (taken, started, and nobody waiting for it)."""
    return lane.started and not pool.worker_pids("sparql") and lane.waiting == 0


@contextlib.contextmanager
def _worker_taken(store: Path, queue: int):
    """A live server (``query_queue`` = ``queue``) whose /sparql worker runs a slow query; its client
    leaves when told (``running.close()``)."""
    app, live = _live(store, query_queue=queue)
    try:
        pool = app.extensions["kg.query_pool"]
        lane = pool._lanes["sparql"]
        running = _send_and_leave_later(live.url, SLOW)
        until(lambda: _runs(pool, lane), "the slow query did not take the worker")
        yield live, lane, running
    finally:
        live.close()


def _result_cache(url: str) -> dict:
    return requests.get(url + "/status", timeout=30).json()["result_cache"]


def test_identical_queries_wait_for_one_run_and_distinct_ones_still_overflow_the_queue(slow_store):
    with _worker_taken(slow_store, 1) as (live, lane, running):
        query = f"SELECT ?o WHERE {{ <{EX}s7> <{EX}p> ?o }}"
        answers: list[tuple[int, bytes]] = []
        threads = [threading.Thread(target=_answer, args=(live.url, query, answers)) for _ in range(5)]
        for t in threads:
            t.start()
        # one of the five waits for the worker (the queue holds 1), the four others for its run
        until(lambda: lane.waiting == 1 and _result_cache(live.url)["waiting"] == 4, "the five did not wait")
        other = requests.post(
            live.url + "/sparql", data={"query": f"SELECT ?o WHERE {{ <{EX}s8> <{EX}p> ?o }}"}, timeout=30
        )
        assert other.status_code == 503 and other.headers["Retry-After"] == "1"  # distinct: the queue is full
        running.close()  # its worker is killed and replaced; the waiting query runs
        for t in threads:
            t.join(60)
        assert [status for status, _ in answers] == [200] * 5
        assert len({body for _, body in answers}) == 1 and b'"value":"7"' in answers[0][1].replace(b" ", b"")
        stats = _result_cache(live.url)
        assert stats["shared"] == 4 and stats["waiting"] == 0  # one run for five requests


def test_when_the_client_whose_query_runs_leaves_one_of_those_waiting_runs_it(slow_store):
    with _worker_taken(slow_store, 4) as (live, lane, running):
        query = f"SELECT ?o WHERE {{ <{EX}s3> <{EX}p> ?o }}"
        first = _post(live.url, query)
        until(lambda: lane.waiting == 1, "the first query did not wait for the worker")
        answers: list[tuple[int, bytes]] = []
        threads = [threading.Thread(target=_answer, args=(live.url, query, answers)) for _ in range(3)]
        for t in threads:
            t.start()
        leaving = _post(live.url, query)
        until(lambda: _result_cache(live.url)["waiting"] == 4, "the others did not wait for the first one's run")
        leaving.close()  # one that waits for the run leaves: it stops waiting, nothing else changes
        until(lambda: _result_cache(live.url)["waiting"] == 3, "a client that left still waits")
        first.close()  # the client whose query waits for the worker leaves: one of the three takes its place
        until(
            lambda: lane.waiting == 1 and _result_cache(live.url)["waiting"] == 2,
            "nobody took over the query of the client that left",
        )
        running.close()
        for t in threads:
            t.join(60)
        assert [status for status, _ in answers] == [200] * 3
        assert len({body for _, body in answers}) == 1 and b'"value":"3"' in answers[0][1].replace(b" ", b"")
        assert _result_cache(live.url)["shared"] == 2
