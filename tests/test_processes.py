"""Several HTTP processes (setting ``processes``), for real: `kg serve` on a real store, over real HTTP.

Each request below opens a new connection, so it lands on whichever process accepts it
(``/status`` says which one answered).  A reader never sees a result older than a write it
has seen answered; writes through any process are all-or-nothing; stopping or killing the
server stops every process it started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from rdflib import Literal, URIRef

from kg.store import open_store

TOKEN = "processes-secret"
EX = "http://example.org/procs/"
JSON = "application/sparql-results+json"
QUERY = f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }} ORDER BY ?o"
LOOKUP = f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}"  # the lookup fast path's shape (kg/web/lookups.py)
PROCESSES = 3
START_S = 60


class Serve:
    """`kg serve` with ``PROCESSES`` HTTP processes on a free port, in a process group of its own."""

    def __init__(self, store: Path, port: int, **settings: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env.update(
            KG_UPDATE_TOKEN=TOKEN,
            KG_PROCESSES=str(PROCESSES),
            KG_PORT=str(port),
            PYTHONUNBUFFERED="1",
            **{f"KG_{k.upper()}": v for k, v in settings.items()},
        )
        self.url = f"http://127.0.0.1:{port}"
        self.log = store.parent / f"serve-{port}.log"
        with self.log.open("w") as log:  # a file, not a pipe: nobody has to keep reading it
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import sys; from kg.cli import main; sys.exit(main())",
                    "serve",
                    "--store",
                    str(store),
                ],
                env=env,
                stderr=log,
                stdout=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_S
        while "serving " not in self.text() and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "serving " in self.text(), self.text()

    def text(self) -> str:
        """What the server has logged so far."""
        return self.log.read_text()

    def descendants(self) -> set[int]:
        """Every living process below the server (HTTP processes, query workers, their fork servers)."""
        return descendants(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z":  # a zombie has ended already
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as opened:
        opened.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(EX + "p"), Literal(0))])
    return path


@pytest.fixture
def server(store):
    serve = Serve(store, free_port())
    yield serve
    serve.stop()


def get(server: Serve, query: str = QUERY, **headers: str) -> requests.Response:
    return requests.get(
        server.url + "/sparql", params={"query": query}, headers={"Accept": JSON, **headers}, timeout=60
    )


def values(response: requests.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [int(b["o"]["value"]) for b in response.json()["results"]["bindings"]]


def update(server: Serve, text: str) -> requests.Response:
    return requests.post(
        server.url + "/sparql",
        data=text,
        timeout=60,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )


def answering(server: Serve) -> int:
    return requests.get(server.url + "/status", timeout=60).json()["process"]


def test_a_reader_never_sees_a_result_older_than_a_write_it_has_seen_answered(server):
    pids = {answering(server) for _ in range(30)}
    assert len(pids) > 1, "new connections land on several processes"
    old_etag = get(server).headers["ETag"]
    for _ in range(10):  # every process has the answer cached, and the ETag
        assert values(get(server)) == [0]
    for value in range(1, 6):
        assert update(server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> {value} }} }}").status_code == 204
        for _ in range(12):
            assert values(get(server)) == list(range(value + 1))
            assert sorted(values(get(server, LOOKUP))) == list(range(value + 1))  # matched in each reader's view
            again = get(server, **{"If-None-Match": old_etag})  # an ETag from before the write is stale everywhere
            assert again.status_code == 200 and values(again) == list(range(value + 1))
        old_etag = again.headers["ETag"]


def test_kept_connections_are_spread_evenly_over_the_processes(server):
    # left to the kernel, whichever process wakes first takes a connection (often 3-1 or 4-0 of four on two)
    import http.client
    from collections import Counter

    conns = [http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=60) for _ in range(9)]
    try:
        held: list[int] = []
        for conn in conns:  # one at a time: each is accepted before the next connects
            conn.request("GET", "/status")
            response = conn.getresponse()
            held.append(json.loads(response.read())["process"])
        assert sorted(Counter(held).values()) == [3] * PROCESSES, held
        for conn, pid in zip(conns, held, strict=True):  # kept alive: each stays with its process
            conn.request("GET", "/status")
            assert json.loads(conn.getresponse().read())["process"] == pid
    finally:
        for conn in conns:
            conn.close()


def test_a_process_accepts_while_no_live_process_holds_fewer_connections(monkeypatch):
    from kg.web import serving

    counts = serving.ConnectionCounts(3)
    assert counts.fewest(0, 0) and counts.fewest(1, 0) and counts.fewest(2, 0)
    assert counts.fewest(0, 1) is False  # the others hold none
    assert counts.fewest(1, 1) is False and counts.fewest(2, 1) is True  # 0 and 1 hold one, 2 holds one: equal
    assert counts.fewest(0, 1) is True
    monkeypatch.setattr(serving, "STALE_S", 0.2)
    counts.fewest(1, 0)  # 1 holds none ...
    assert counts.fewest(0, 1) is False
    time.sleep(0.3)  # ... but is not heard from again (busy, or restarting): not waited for
    assert counts.fewest(0, 1) is True


def test_an_accept_wakes_every_other_process():
    import select

    from kg.web import serving

    counts = serving.ConnectionCounts(3)
    ends = [counts.wake_fd(i) for i in range(3)]
    assert select.select(ends, [], [], 0)[0] == []
    counts.wake_others(0)
    assert sorted(select.select(ends, [], [], 0)[0]) == sorted(ends[1:])
    for _ in range(70_000):  # past a pipe's 64 KiB: a full pipe has a wake-up pending, no error
        counts.wake_others(0)
    assert sorted(select.select(ends, [], [], 0)[0]) == sorted(ends[1:])


def test_a_304_keeps_the_connection_open(server):
    import http.client
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]), timeout=60)
    path = "/sparql?" + urlencode({"query": QUERY})
    try:
        conn.request("GET", path, headers={"Accept": JSON})
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        for _ in range(3):
            conn.request("GET", path, headers={"Accept": JSON, "If-None-Match": first.getheader("ETag")})
            again = conn.getresponse()
            again.read()
            assert again.status == 304 and again.getheader("Connection") is None
            assert conn.sock is sock, "the same connection, not a new one"
    finally:
        conn.close()


def test_writes_through_any_process_are_all_or_nothing(server):
    for attempt in range(8):
        # the insert runs, then CREATE GRAPH fails (the graph exists): the whole update is undone
        failed = update(
            server, f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> {100 + attempt} }} }} ; CREATE GRAPH <{EX}g>"
        )
        assert failed.status_code >= 400
        assert values(get(server)) == [0]
    # Graph Store Protocol writes too, and one without the token is refused wherever it lands
    for value in range(1, 5):
        put = requests.put(
            server.url + "/store",
            params={"graph": EX + "g"},
            timeout=60,
            data=f"<{EX}s> <{EX}p> {value} .".encode(),  # Turtle: 1 is an integer
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"},
        )
        assert put.status_code in (200, 204), put.text
        assert values(get(server)) == [value]
        refused = requests.delete(server.url + "/store", params={"graph": EX + "g"}, timeout=60)
        assert refused.status_code == 401
        assert values(get(server)) == [value]


def test_a_query_sent_by_post_is_answered_by_any_process(server):
    form = requests.post(server.url + "/sparql", data={"query": QUERY}, headers={"Accept": JSON}, timeout=60)
    direct = requests.post(
        server.url + "/sparql",
        data=QUERY.encode(),
        timeout=60,
        headers={"Accept": JSON, "Content-Type": "application/sparql-query"},
    )
    assert values(form) == values(direct) == [0]
    anonymous = requests.post(server.url + "/sparql", data={"update": f"CLEAR GRAPH <{EX}g>"}, timeout=60)
    assert anonymous.status_code == 401 and values(get(server)) == [0]


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_or_killing_the_server_stops_every_process_it_started(store, how):
    serve = Serve(store, free_port())
    try:
        for _ in range(6):  # some heavy-path queries, so that query workers exist too
            assert values(get(serve, f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o")) == [0]
        started = serve.descendants()
        assert len(started) >= PROCESSES + 1, "HTTP processes and query workers"
        os.kill(serve.proc.pid, how)
        serve.proc.wait(30)
        deadline = time.monotonic() + 30
        while started & descendants_alive(started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not started & descendants_alive(started), "every process the server started has ended"
        with open_store(store) as reopened:  # and none of them holds the store
            assert len(reopened) > 0
    finally:
        serve.stop()
        for pid in descendants_alive(serve.descendants()):
            os.kill(pid, signal.SIGKILL)


def descendants_alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2] != "Z":
            alive.add(pid)
    return alive
