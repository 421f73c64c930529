#!/usr/bin/env python3
"""SPARQL query throughput and latency of `kg serve` side by side with its peers, in one run.

    python bench/peers.py [--articles 2000] [--seconds 10] [--clients 1,4] [--rounds 1]
                          [--servers kg,kg-nocache,kg-w4,kg-inproc,kg-inproc-nocache,oxigraph,rdflib-endpoint]
                          [--work DIR]

Builds one dataset and serves it from every server at once, on 127.0.0.1 only:

* the data: ``--articles`` synthetic facts JSON articles (bench/gen_corpus.py) put in an
  embedded summit-kg store with ``kg ingest``, then exported with ``kg dump --format nq``
  (the named graphs) and ``kg dump --format nt`` (the default graph, which summit-kg keeps
  as the set-merge of the named graphs);
* ``kg`` -- ``kg serve`` with the default settings (queries in ``query_workers`` = 2 worker
  processes with a ``query_timeout_s`` deadline; repeated GETs answered from the result
  cache, which a cycle of ``--entities`` point lookups also reaches after its first round);
  ``kg-nocache`` -- the same with ``result_cache_mb = 0`` (every request runs: the cold numbers);
  ``kg-1proc-nocache`` -- that with ``processes = 1`` (one HTTP process, as before issue 18);
  ``kg-w4`` -- the same with ``query_workers = 4``; ``kg-inproc`` -- ``query_timeout_s = 0``
  (queries on the server's threads, no deadline), ``kg-inproc-nocache`` that with no result cache
  (what the worker processes cost, cold); ``kg-baseline`` -- ``kg-nocache`` with the code of another
  checkout (``--baseline DIR``: a change and the commit before it, side by side); each on its own copy of
  the store (``kg serve`` locks it);
* ``oxigraph`` -- ``oxigraph serve`` (the ``oxigraph`` CLI of the venv, same version as
  pyoxigraph) over a store loaded with the N-Quads *and* the merge in its default graph, so
  the same queries see the same dataset with no union flag;
* ``rdflib-endpoint`` -- its own CLI (``rdflib-endpoint serve data.nq``: an rdflib
  ``Dataset(default_union=True)`` in memory, uvicorn), from a separate venv
  (``--peers-venv``, made from bench/requirements-peers.txt when missing).

Queries (over the ontology, ``ontology/summit-kg.ttl``): a point lookup of one entity, a
different entity per request (``--entities`` IRIs picked from the data); the same lookups sent
conditionally (``conditional``: If-None-Match with the ETag of each one's first answer); a 2-hop join; an
aggregate; a text filter (CONTAINS(LCASE(...))); a CONSTRUCT.  Each runs for ``--seconds``
at each number of ``--clients`` (client processes, one keep-alive connection each, one
request at a time), after a short warm-up; idle servers use no CPU, and the servers take
turns cell by cell, so a busy spell of the machine does not fall on one server only
(``--rounds N`` measures every cell N times and keeps the best).  Before measuring, the row
counts of every query (and of the first point lookups) are checked against the other
servers'; a difference, or any failed request, makes the run exit 1.

Prints markdown tables: requests/s with p50/p99 latency per server; the throughput ratios
(summit-kg / peer) against the issue's targets; the server's CPU time per request (the
process and its children: query workers), and the CPU ratios (peer CPU / summit-kg CPU per
request), which a busy machine disturbs much less than throughput.  ``--json FILE`` writes
the raw numbers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "bench"))

PREFIXES = """PREFIX skg: <https://w3id.org/summit-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""

#: the measured queries: name -> (kind, SPARQL); "point" is a template over entity IRIs
QUERIES: dict[str, tuple[str, str]] = {
    "point": ("select", "SELECT ?p ?o WHERE { %s ?p ?o }"),
    # the same point lookups, each sent with If-None-Match: the ETag its first answer carried
    "conditional": ("select", "SELECT ?p ?o WHERE { %s ?p ?o }"),
    "join-2hop": (
        "select",
        PREFIXES
        + """SELECT ?summit ?person ?name ?capacity WHERE {
  ?summit a skg:Summit ; skg:hasParticipation ?participation .
  ?participation skg:person ?person ; skg:capacity ?capacity .
  ?person rdfs:label ?name .
}""",
    ),
    "aggregate": (
        "select",
        PREFIXES
        + """SELECT ?country (COUNT(DISTINCT ?summit) AS ?summits) WHERE {
  ?summit a skg:Summit ; skg:hasParticipation ?participation .
  ?participation skg:country ?country .
} GROUP BY ?country ORDER BY DESC(?summits) ?country""",
    ),
    "text-filter": (
        "select",
        PREFIXES
        + """SELECT ?mention ?text WHERE {
  ?mention a skg:Mention ; nif:anchorOf ?text .
  FILTER(CONTAINS(LCASE(?text), "food security"))
}""",
    ),
    "construct": (
        "construct",
        PREFIXES
        + """CONSTRUCT {
  ?summit a skg:Summit ; rdfs:label ?label ; skg:hostCity ?city ; skg:organizer ?org .
  ?city rdfs:label ?cityName .
} WHERE {
  ?summit a skg:Summit ; rdfs:label ?label ; skg:hostCity ?city ; skg:organizer ?org .
  ?city rdfs:label ?cityName .
}""",
    ),
}
ACCEPT = {"select": "application/sparql-results+json", "construct": "application/n-triples"}
#: entity types the point lookups draw from
ENTITY_QUERY = (
    PREFIXES
    + """SELECT DISTINCT ?s WHERE {
  VALUES ?type { skg:Summit skg:Participation skg:Document skg:Person skg:Article skg:Membership
                 skg:Mention skg:Country skg:City skg:Organization }
  ?s a ?type .
} ORDER BY ?s"""
)

#: the issue's targets: summit-kg / peer throughput, per query family (and clients: 1, or more)
TARGETS = {
    ("oxigraph", "point", 1): 0.6,
    ("oxigraph", "point", 4): 0.5,
    ("oxigraph", "heavy", 1): 1.0,
    ("rdflib-endpoint", "point", 1): 3.0,
    ("rdflib-endpoint", "heavy", 1): 10.0,
}


def target(peer: str, query: str, clients: int) -> float:
    """The issue's target ratio for ``query`` at ``clients`` against ``peer``."""
    family = "point" if query in ("point", "conditional") else "heavy"
    return TARGETS.get((peer, family, 4 if clients > 1 else 1), TARGETS[(peer, family, 1)])


KG_SERVERS = {
    "kg": {},
    "kg-nocache": {"KG_RESULT_CACHE_MB": "0"},
    "kg-w4": {"KG_QUERY_WORKERS": "4"},
    "kg-inproc": {"KG_QUERY_TIMEOUT_S": "0"},
    "kg-inproc-nocache": {"KG_QUERY_TIMEOUT_S": "0", "KG_RESULT_CACHE_MB": "0"},
    "kg-1proc-nocache": {"KG_RESULT_CACHE_MB": "0", "KG_PROCESSES": "1"},
    "kg-baseline": {"KG_RESULT_CACHE_MB": "0"},  # kg-nocache, with the code of --baseline
}
ALL_SERVERS = (*KG_SERVERS, "oxigraph", "rdflib-endpoint")
BASELINE: Path | None = None  # --baseline: the tree kg-baseline's code comes from
REQUEST_TIMEOUT_S = 120.0
POINT_CHECKS = 20  # point lookups whose row counts are compared across servers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------- the data


def build_data(work: Path, articles: int) -> dict[str, Path]:
    """The summit-kg store, its N-Quads and default-graph N-Triples dumps, and the oxigraph store."""
    from gen_corpus import write  # noqa: PLC0415

    kg = str(VENV_BIN / "kg")
    paths = {
        "store": work / "kg-store",
        "nq": work / "data.nq",
        "nt": work / "default.nt",
        "ox": work / "oxigraph-store",
    }
    marker = work / "built.json"
    if marker.exists() and json.loads(marker.read_text()) == {"articles": articles}:
        log(f"reusing the data in {work}")
        return paths
    for p in paths.values():
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    started = time.perf_counter()
    facts = work / "facts"
    shutil.rmtree(facts, ignore_errors=True)
    write(facts, articles, "facts")
    subprocess.run(
        [kg, "ingest", str(facts), "--store", str(paths["store"])],
        check=True,
        stdout=subprocess.DEVNULL,
        env=_clean_env(),
    )
    log(f"ingested {articles} articles in {time.perf_counter() - started:.1f} s")
    for fmt in ("nq", "nt"):
        subprocess.run(
            [kg, "dump", "--store", str(paths["store"]), "--format", fmt, "-o", str(paths[fmt])],
            check=True,
            env=_clean_env(),
        )
    oxigraph = str(VENV_BIN / "oxigraph")
    subprocess.run(
        [oxigraph, "load", "--location", str(paths["ox"]), "--file", str(paths["nq"])],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    subprocess.run(
        [oxigraph, "load", "--location", str(paths["ox"]), "--file", str(paths["nt"])],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # no --graph: the default graph
    shutil.rmtree(facts)
    marker.write_text(json.dumps({"articles": articles}))
    quads = sum(1 for _ in paths["nq"].open("rb"))
    triples = sum(1 for _ in paths["nt"].open("rb"))
    log(
        f"data: {quads} quads in named graphs, {triples} triples in the default graph "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return paths


def pick_entities(store: Path, n: int) -> list[str]:
    """``n`` entity IRIs from the data (a fixed sample), as SPARQL terms."""
    import pyoxigraph as ox  # noqa: PLC0415

    reader = ox.Store.read_only(str(store))
    try:
        iris = [str(row["s"]) for row in reader.query(ENTITY_QUERY)]
    finally:
        del reader
    return random.Random(0).sample(iris, min(n, len(iris)))


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(extra)
    return env


def ensure_peers_venv(venv: Path) -> Path:
    """The rdflib-endpoint CLI of a separate venv, made from bench/requirements-peers.txt if missing."""
    exe = venv / "bin" / "rdflib-endpoint"
    if not exe.exists():
        log(f"creating {venv} for rdflib-endpoint (bench/requirements-peers.txt)")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "-r", str(REPO / "bench" / "requirements-peers.txt")],
            check=True,
        )
    return exe


# ----------------------------------------------------------------------------- servers


@dataclass
class Server:
    name: str
    port: int
    path: str  # the query endpoint's path
    process: subprocess.Popen
    log_file: object = None

    def url(self, query: str) -> str:
        return self.path + "?" + urllib.parse.urlencode({"query": query})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.log_file is not None:
            self.log_file.close()


def start(name: str, paths: dict[str, Path], work: Path, peers_venv: Path) -> Server:
    port = free_port()
    log_file = (work / f"{name}.log").open("wb")
    if name in KG_SERVERS:
        store = paths["store"]
        if name != "kg":  # the servers run side by side and `kg serve` locks its store: a copy each
            store = work / f"{store.name}-{name}"
            shutil.rmtree(store, ignore_errors=True)
            shutil.copytree(paths["store"], store)
        cmd = [str(VENV_BIN / "kg"), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)]
        env, path = _clean_env(**KG_SERVERS[name]), "/sparql"
        if name == "kg-baseline":  # the same CLI, its package imported from the baseline's tree
            cmd[:1] = [str(VENV_BIN / "python"), "-c", "import sys; from kg.cli import main; sys.exit(main())"]
            env["PYTHONPATH"] = str(BASELINE)
    elif name == "oxigraph":
        cmd = [str(VENV_BIN / "oxigraph"), "serve", "--location", str(paths["ox"]), "--bind", f"127.0.0.1:{port}"]
        env, path = _clean_env(), "/query"
    elif name == "rdflib-endpoint":
        cmd = [
            str(ensure_peers_venv(peers_venv)),
            "serve",
            str(paths["nq"]),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        env, path = _clean_env(), "/"  # its CLI mounts the endpoint at the root
    else:
        raise ValueError(name)
    cwd = BASELINE if name == "kg-baseline" else None
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(name, port, path, process, log_file)
    started = time.monotonic()
    while True:  # rdflib-endpoint parses the whole N-Quads file first: give it time
        if process.poll() is not None:
            server.stop()
            raise SystemExit(f"{name} exited with {process.returncode}; see {work / (name + '.log')}")
        try:
            status, _ = request_once(server, "ASK { ?s ?p ?o }", ACCEPT["select"], timeout=5)
            if status == 200:
                break
        except OSError:
            pass
        if time.monotonic() - started > 900:
            server.stop()
            raise SystemExit(f"{name} did not answer within 900 s")
        time.sleep(0.3)
    log(f"{name} ready on port {port} (pid {process.pid}) after {time.monotonic() - started:.1f} s")
    return server


def request_once(server: Server, query: str, accept: str, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request("GET", server.url(query), headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def count_rows(kind: str, body: bytes) -> int:
    if kind == "select":
        return len(json.loads(body)["results"]["bindings"])
    return len({line for line in body.decode("utf-8").splitlines() if line.strip()})


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live descendants (query workers)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(stat.parent.name)] = fields
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    ticks, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        if p in stats:
            ticks += int(stats[p][11]) + int(stats[p][12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


# ----------------------------------------------------------------------------- clients


def _client(
    port: int, paths: list[str], accept: str, start_at: float, stop_at: float, out, etags: dict[str, str] | None = None
) -> None:
    """One client: one keep-alive connection, one request at a time, until ``stop_at``; with ``etags``,
    each request carries its path's ETag in If-None-Match (a 304 counts as an answer)."""
    latencies: list[float] = []
    errors = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    headers = {"Accept": accept}
    i = 0
    while time.monotonic() < start_at:
        time.sleep(0.001)
    last = time.monotonic()
    while last < stop_at:
        began = time.monotonic()
        try:
            path = paths[i % len(paths)]
            etag = etags.get(path) if etags else None
            conn.request("GET", path, headers={**headers, "If-None-Match": etag} if etag else headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200 or (etag is not None and response.status == 304)
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        last = time.monotonic()
        if ok:
            latencies.append(last - began)
        else:
            errors += 1
        i += 1
    conn.close()
    out.put((latencies, errors, last))


@dataclass
class Cell:
    requests: int = 0
    errors: int = 0
    rate: float = 0.0
    p50_ms: float = float("nan")
    p99_ms: float = float("nan")
    cpu_ms: float = float("nan")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def run_cell(
    server: Server, paths: list[str], accept: str, clients: int, seconds: float, etags: dict[str, str] | None = None
) -> Cell:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    start_at = time.monotonic() + 0.3
    stop_at = start_at + seconds
    step = max(len(paths) // clients, 1)
    procs = [
        ctx.Process(
            target=_client,
            args=(server.port, paths[k * step :] + paths[: k * step], accept, start_at, stop_at, out, etags),
        )
        for k in range(clients)
    ]
    for p in procs:
        p.start()
    while time.monotonic() < start_at:
        time.sleep(0.001)
    cpu0 = cpu_seconds(server.process.pid)
    results = [out.get(timeout=seconds + REQUEST_TIMEOUT_S + 30) for _ in procs]
    cpu1 = cpu_seconds(server.process.pid)
    for p in procs:
        p.join()
    latencies = [x for lat, _, _ in results for x in lat]
    elapsed = max(end for _, _, end in results) - start_at
    done = len(latencies)
    return Cell(
        requests=done,
        errors=sum(e for _, e, _ in results),
        rate=done / elapsed,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        cpu_ms=(cpu1 - cpu0) * 1000 / done if done else float("nan"),
    )


# ----------------------------------------------------------------------------- the run


def check_rows(server: Server, entities: list[str], queries: list[str]) -> dict[str, int]:
    """Row counts of every query (the first point lookups) on one server, for the cross-check."""
    counts: dict[str, int] = {}
    for name in queries:
        kind, text = QUERIES[name]
        if name == "conditional":
            continue  # the point lookups again
        texts = (
            [(f"point[{k}]", text % e) for k, e in enumerate(entities[:POINT_CHECKS])]
            if name == "point"
            else [(name, text)]
        )
        for key, query in texts:
            status, body = request_once(server, query, ACCEPT[kind])
            counts[key] = count_rows(kind, body) if status == 200 else -status
            if status != 200:
                log(f"  {server.name} {key}: HTTP {status}: {body[:300]!r}")
    return counts


def measure(
    running: list[Server],
    entities: list[str],
    queries: list[str],
    clients: list[int],
    seconds: float,
    warmup_s: float,
    rounds: int,
) -> dict[str, dict[tuple[str, int], Cell]]:
    """One Cell per (server, query, clients): the servers take turns cell by cell (so a busy spell
    of the machine hits them alike), ``rounds`` times; the round with the most requests/s is kept."""
    cells: dict[str, dict[tuple[str, int], Cell]] = {s.name: {} for s in running}
    for name in queries:
        kind, text = QUERIES[name]
        accept = ACCEPT[kind]
        texts = [text % e for e in entities] if name in ("point", "conditional") else [text]
        urls = {s.name: [s.url(q) for q in texts] for s in running}
        etags = {s.name: fetch_etags(s, urls[s.name], accept) if name == "conditional" else None for s in running}
        if warmup_s > 0:
            for s in running:
                run_cell(s, urls[s.name][::-1], accept, 1, warmup_s)  # other entities first: no cache benefit
        for c in clients:
            for r in range(rounds):
                order = running[r % len(running) :] + running[: r % len(running)]
                for s in order:
                    cell = run_cell(s, urls[s.name], accept, c, seconds, etags[s.name])
                    log(
                        f"  {s.name:16} {name:12} x{c}: {cell.rate:8.1f} req/s  p50 {cell.p50_ms:8.2f} ms  "
                        f"p99 {cell.p99_ms:8.2f} ms  cpu {cell.cpu_ms:7.2f} ms/req  errors {cell.errors}"
                    )
                    best = cells[s.name].get((name, c))
                    if best is not None:
                        cell.errors += best.errors  # a failure in any round counts
                        if best.rate >= cell.rate:
                            best.errors = cell.errors
                            continue
                    cells[s.name][(name, c)] = cell
    return cells


def fetch_etags(server: Server, paths: list[str], accept: str) -> dict[str, str]:
    """The ETag of each path's answer (none from a server that sends none)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT_S)
    etags = {}
    try:
        for path in paths:
            conn.request("GET", path, headers={"Accept": accept})
            response = conn.getresponse()
            response.read()
            if response.getheader("ETag"):
                etags[path] = response.getheader("ETag")
    finally:
        conn.close()
    return etags


def fmt_cell(cell: Cell | None) -> str:
    if cell is None:
        return "-"
    err = f" ({cell.errors} err)" if cell.errors else ""
    rate = f"{cell.rate:.1f}" if cell.rate >= 10 else f"{cell.rate:.2f}"
    return f"{rate} ({cell.p50_ms:.1f}/{cell.p99_ms:.1f}){err}"


def report(results: dict, servers: list[str], queries: list[str], clients: list[int]) -> str:
    lines = [
        "### Throughput, req/s (p50/p99 latency, ms)",
        "",
        "| query | clients | " + " | ".join(servers) + " |",
        "|---|---:|" + "---:|" * len(servers),
    ]
    for q in queries:
        for c in clients:
            lines.append(
                f"| {q} | {c} | " + " | ".join(fmt_cell(results[s]["cells"].get((q, c))) for s in servers) + " |"
            )
    kgs = [s for s in servers if s in KG_SERVERS]
    peers = [s for s in servers if s not in KG_SERVERS]

    def throughput(q: str, c: int, k: str, p: str) -> str:
        a, b = results[k]["cells"].get((q, c)), results[p]["cells"].get((q, c))
        if not a or not b or not b.rate:
            return "-"
        ratio, goal = a.rate / b.rate, target(p, q, c)
        return f"{ratio:.2f} [{goal:g}]{'' if ratio >= goal else ' ✗'}"

    def cpu(q: str, c: int, k: str, p: str) -> str:
        a, b = results[k]["cells"].get((q, c)), results[p]["cells"].get((q, c))
        return f"{b.cpu_ms / a.cpu_ms:.2f}" if a and b and a.cpu_ms > 0 else "-"

    def ratios(title: str, cell: Callable[[str, int, str, str], str]) -> list[str]:
        """A table of summit-kg / peer ratios, a column per (peer, kg server) pair; none without both."""
        if not (kgs and peers):
            return []
        heads = [f"{k} / {p}" for p in peers for k in kgs]
        table = [
            "",
            f"### {title}",
            "",
            "| query | clients | " + " | ".join(heads) + " |",
            "|---|---:|" + "---:|" * len(heads),
        ]
        for q in queries:
            for c in clients:
                table.append(f"| {q} | {c} | " + " | ".join(cell(q, c, k, p) for p in peers for k in kgs) + " |")
        return table

    lines += ratios("Ratios (summit-kg throughput / peer throughput; target in brackets, ✗ = below)", throughput)
    if "conditional" in queries and "point" in queries and kgs:
        lines += [
            "",
            "### Conditional GET (If-None-Match, a 304) / point lookup, the same server (target 2)",
            "",
            "| clients | " + " | ".join(kgs) + " |",
            "|---:|" + "---:|" * len(kgs),
        ]
        for c in clients:
            row = []
            for k in kgs:
                a, b = results[k]["cells"].get(("conditional", c)), results[k]["cells"].get(("point", c))
                row.append(f"{a.rate / b.rate:.2f}" if a and b and b.rate else "-")
            lines.append(f"| {c} | " + " | ".join(row) + " |")
    lines += [
        "",
        "### Server CPU per request, ms (process and its children)",
        "",
        "| query | clients | " + " | ".join(servers) + " |",
        "|---|---:|" + "---:|" * len(servers),
    ]
    for q in queries:
        for c in clients:
            cells = [results[s]["cells"].get((q, c)) for s in servers]
            lines.append(f"| {q} | {c} | " + " | ".join(f"{x.cpu_ms:.2f}" if x else "-" for x in cells) + " |")
    lines += ratios("CPU ratios (peer CPU per request / summit-kg CPU per request; >1: summit-kg does less work)", cpu)
    return "\n".join(lines)


def check_counts(results: dict, servers: list[str]) -> list[str]:
    """Differences between the servers' row counts (empty: all agree)."""
    problems = []
    reference = results[servers[0]]["counts"]
    for s in servers[1:]:
        for key, n in results[s]["counts"].items():
            if reference.get(key) != n:
                problems.append(f"{key}: {servers[0]} {reference.get(key)} rows, {s} {n}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="synthetic articles in the dataset (default 2000)")
    ap.add_argument("--seconds", type=float, default=10.0, help="measured seconds per query and client count")
    ap.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds before each query (default 1)")
    ap.add_argument("--rounds", type=int, default=1, help="measure each cell this many times, keep the best")
    ap.add_argument("--clients", default="1,4", help="client counts, comma-separated (default 1,4)")
    ap.add_argument(
        "--servers",
        default=",".join(s for s in ALL_SERVERS if s != "kg-baseline"),
        help=f"from {', '.join(ALL_SERVERS)}",
    )
    ap.add_argument("--queries", default=",".join(QUERIES), help=f"from {', '.join(QUERIES)}")
    ap.add_argument("--entities", type=int, default=1000, help="entities the point lookups cycle through")
    ap.add_argument(
        "--work",
        help="folder for the data (kept and reused when built for the same --articles); default: a temporary folder",
    )
    ap.add_argument(
        "--peers-venv",
        default=str(Path(tempfile.gettempdir()) / "summit-kg-peers-venv"),
        help="venv of rdflib-endpoint (made from bench/requirements-peers.txt when missing)",
    )
    ap.add_argument("--json", help="also write the raw numbers to this file")
    ap.add_argument(
        "--baseline",
        help="a checkout of an earlier commit (e.g. `git worktree add /tmp/base HEAD~3`), served as kg-baseline",
    )
    args = ap.parse_args(argv)
    servers = [s for s in args.servers.split(",") if s]
    queries = [q for q in args.queries.split(",") if q]
    clients = [int(c) for c in args.clients.split(",") if c]
    unknown = [s for s in servers if s not in ALL_SERVERS] + [q for q in queries if q not in QUERIES]
    if unknown or not servers or not queries or not clients:
        ap.error(f"unknown or missing servers/queries: {unknown}")
    if ("kg-baseline" in servers) != bool(args.baseline):
        ap.error("--baseline DIR and the server kg-baseline go together")
    global BASELINE  # noqa: PLW0603  (read by start(); one run, one baseline)
    BASELINE = Path(args.baseline).resolve() if args.baseline else None

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    tmp = None if args.work else tempfile.TemporaryDirectory(prefix="kg-peers-")
    work = Path(args.work or tmp.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    try:
        paths = build_data(work, args.articles)
        entities = pick_entities(paths["store"], args.entities)
        running: list[Server] = []
        try:
            for name in servers:
                running.append(start(name, paths, work, Path(args.peers_venv)))
            results: dict = {s.name: {"counts": check_rows(s, entities, queries)} for s in running}
            for name, cells in measure(
                running, entities, queries, clients, args.seconds, args.warmup, args.rounds
            ).items():
                results[name]["cells"] = cells
        finally:
            for server in running:
                server.stop()
        problems = check_counts(results, servers)
        print(
            f"## Queries vs peers: {args.articles} articles, {args.seconds:g} s per cell, "
            f"clients {args.clients}, best of {args.rounds} round(s), {os.cpu_count()} CPUs\n"
        )
        print(
            "Row counts: "
            + (
                f"{len(results[servers[0]]['counts'])} checks, the same on every server"
                if not problems
                else "DIFFER: " + "; ".join(problems)
            )
            + "\n"
        )
        print(report(results, servers, queries, clients))
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        s: {
                            "counts": r["counts"],
                            "cells": {f"{q}@{c}": vars(cell) for (q, c), cell in r["cells"].items()},
                        }
                        for s, r in results.items()
                    },
                    indent=1,
                )
            )
        errors = sum(cell.errors for r in results.values() for cell in r["cells"].values())
        return 1 if problems or errors else 0
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
