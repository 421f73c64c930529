"""A bounded load test of `kg serve` on loopback: many clients, a mix of named queries.

    python bench/load.py [--clients 50] [--seconds 60] [--articles 1000] [--processes N]
                         [--client-processes 4]

Builds a store from the bundled example plus a synthetic corpus (bench/gen_corpus.py),
starts `kg serve` on 127.0.0.1 (a free port), and runs CLIENTS clients that send the
parameter-free named queries of queries/ in a loop, each query in turn, one round by
``POST /sparql`` and the next by ``GET /queries/<name>.json``, until SECONDS have passed (until
2026-12-06 each query went one way only: the route alternated with the query, and their
numbers were both even).
Reports requests, errors, throughput, p50/p99 latency per query and per route, the server's
resident memory (all its processes: HTTP processes and query workers; pages shared between
forked processes are counted in each) sampled every second (it should stay flat), and the CPU
the clients themselves used.  Exits 1 on any error.  ``--processes`` sets the server's
``processes`` (default: the setting's, one per core).
Traffic goes to 127.0.0.1 only; every loop is bounded in time.

The clients measure the server, not themselves: they are spread over ``--client-processes``
processes (threads of one process share its GIL: with 50 of them, one thread parsing a large
answer delayed every other's requests), talk plain ``http.client`` on a kept-alive connection
each, and check each answer cheaply but completely:

* the status is 200 and the ``Content-Type`` is a JSON type;
* the body is whole: ``http.client`` raises on a body shorter than its ``Content-Length``
  or a broken chunked framing (counted as an error);
* the body is valid SPARQL JSON results: a body byte-identical to one this process has
  already parsed for the same query and route passes; any other is parsed with ``json``
  (it must have ``head`` and ``results``, or ``boolean``) and then becomes the one compared
  with.  So every distinct answer is parsed once per process, and the ~9 MB ``evidence``
  answer is not re-parsed on every request (it used to take ~0.13 s of the client's one core).

Every failure (status, type, framing, JSON, connection, timeout) counts as an error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import multiprocessing.connection
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write  # noqa: E402

from kg.resources import queries_dir  # noqa: E402
from kg.sparql.named import load_named_queries  # noqa: E402

RESULTS_JSON = "application/sparql-results+json"
WARM_UP_S = 5.0  # latencies of the requests sent in the first seconds (caches empty) are also shown apart
ROUTES = ("POST /sparql", "GET /queries")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the server and its query workers)."""
    return sum(rss for _, rss in rss_by_kind(pid).values())


def rss_by_kind(pid: int) -> dict[str, tuple[int, float]]:
    """Resident memory of a process tree by kind: the HTTP processes (``kg serve``), and the query
    workers with their fork servers; (how many, MB) each."""
    kinds: dict[str, tuple[int, float]] = {}
    for p, rss in _tree_rss(pid):
        try:
            cmdline = Path(f"/proc/{p}/cmdline").read_bytes()
        except OSError:
            continue
        kind = "query workers" if b"forkserver" in cmdline else "HTTP processes"
        count, total = kinds.get(kind, (0, 0.0))
        kinds[kind] = (count + 1, total + rss)
    return kinds


def _tree_rss(pid: int) -> list[tuple[int, float]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    found.append((p, int(line.split()[1]) / 1024))
        except OSError:
            pass
    return found


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def valid_results(body: bytes) -> bool:
    """Whether ``body`` parses as SPARQL JSON results (a SELECT's head and results, or an ASK's boolean)."""
    try:
        doc = json.loads(body)
    except ValueError:
        return False
    return isinstance(doc, dict) and (("head" in doc and "results" in doc) or "boolean" in doc)


class Checker:
    """One client process's check of answers: whole, JSON, and valid (parsed once per distinct body)."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def problem(self, name: str, route: str, status: int, content_type: str, body: bytes) -> str | None:
        if status != 200:
            return f"{name} ({route}): HTTP {status} {body[:120]!r}"
        if "json" not in content_type:
            return f"{name} ({route}): Content-Type {content_type!r}"
        with self._lock:
            known = self._known.get((name, route))
        if known is not None and known == body:
            return None
        if not valid_results(body):
            return f"{name} ({route}): not SPARQL JSON results ({len(body)} bytes, ends {body[-40:]!r})"
        with self._lock:
            self._known[(name, route)] = body
        return None


Sample = tuple[str, str, float, float]  # query name, route, seconds taken, when sent (time.monotonic)


def client_process(
    port: int, queries: dict[str, str], ids: list[int], deadline: float, out: multiprocessing.connection.Connection
) -> None:
    """Run the clients numbered ``ids`` as threads until ``deadline`` (time.monotonic, shared by every
    process on Linux); send back (samples, errors)."""
    names = sorted(queries)
    checker = Checker()
    samples: list[Sample] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = k
        mine: list[Sample] = []
        problems: list[str] = []
        while time.monotonic() < deadline:
            name = names[i % len(names)]
            # every query both ways: one round of the queries through /sparql, the next through their route
            route = ROUTES[i // len(names) % 2]
            i += 1
            sent, t0 = time.monotonic(), time.perf_counter()
            try:
                if route == ROUTES[0]:
                    conn.request(
                        "POST",
                        "/sparql",
                        body=urlencode({"query": queries[name]}),
                        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON},
                    )
                else:
                    conn.request("GET", f"/queries/{name}.json")
                resp = conn.getresponse()
                body = resp.read()  # raises on a body cut short (Content-Length or chunked framing)
                problem = checker.problem(name, route, resp.status, resp.getheader("Content-Type", ""), body)
                if resp.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{name} ({route}): {type(exc).__name__}"
                conn.close()
            mine.append((name, route, time.perf_counter() - t0, sent))
            if problem:
                problems.append(problem)
        conn.close()
        with lock:
            samples.extend(mine)
            errors.extend(problems)

    threads = [threading.Thread(target=client, args=(k,)) for k in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.send((samples, errors))
    out.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=None, help="the server's HTTP processes (setting processes)")
    ap.add_argument("--client-processes", type=int, default=4, help="processes the clients are spread over")
    args = ap.parse_args(argv)
    kg = str(Path(sys.executable).parent / "kg")
    queries = {n: q.text for n, q in load_named_queries(queries_dir()).items() if not q.params and not q.services}

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        write(Path(tmp) / "corpus", args.articles, kind="facts")
        subprocess.run(
            [kg, "ingest", str(REPO / "examples"), str(Path(tmp) / "corpus"), "--store", str(store), "--quiet"],
            check=True,
        )
        port = free_port()
        env = dict(os.environ)
        if args.processes is not None:
            env["KG_PROCESSES"] = str(args.processes)
        server = subprocess.Popen(
            [kg, "serve", "--store", str(store), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            wait_until_serving(port)
            memory: list[float] = []
            ctx = multiprocessing.get_context("fork")  # no thread runs in this process yet
            spread = max(1, min(args.client_processes, args.clients))
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            deadline = time.monotonic() + args.seconds
            started = time.monotonic()
            workers = []
            for j in range(spread):
                receive, send = ctx.Pipe(duplex=False)
                ids = list(range(j, args.clients, spread))
                proc = ctx.Process(target=client_process, args=(port, queries, ids, deadline, send))
                proc.start()
                send.close()
                workers.append((proc, receive))
            results = []
            for proc, receive in workers:
                while not receive.poll(1):
                    memory.append(rss_mb(server.pid))
                    if not proc.is_alive() and not receive.poll(0):
                        raise SystemExit(f"a client process ended without results (exit code {proc.exitcode})")
                results.append(receive.recv())
                proc.join()
            wall = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            at_end = rss_by_kind(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

    samples = [s for got, _ in results for s in got]
    errors = [e for _, got in results for e in got]
    everything = [sample[2] for sample in samples]
    client_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"{args.clients} clients in {spread} processes, {wall:.0f} s, {len(everything)} requests, "
        f"{len(errors)} errors, {len(everything) / wall:.0f} req/s; "
        f"store: example + {args.articles} synthetic articles; "
        f"server processes: {args.processes if args.processes is not None else 'default'}"
    )
    print(
        f"latency all: p50 {percentile(everything, 50) * 1000:.1f} ms, p99 {percentile(everything, 99) * 1000:.1f} ms"
    )
    for route in ROUTES:
        values = [sample[2] for sample in samples if sample[1] == route]
        print(
            f"  {route:24s} n={len(values):6d}  p50 {percentile(values, 50) * 1000:7.1f} ms  "
            f"p99 {percentile(values, 99) * 1000:7.1f} ms"
        )
    for name in sorted(queries):
        values = [sample[2] for sample in samples if sample[0] == name]
        print(
            f"  {name:24s} n={len(values):6d}  p50 {percentile(values, 50) * 1000:7.1f} ms  "
            f"p99 {percentile(values, 99) * 1000:7.1f} ms"
        )
    for label, part in (
        (f"sent in the first {WARM_UP_S:g} s", [x[2] for x in samples if x[3] < started + WARM_UP_S]),
        ("sent after", [x[2] for x in samples if x[3] >= started + WARM_UP_S]),
    ):
        print(
            f"  {label:24s} n={len(part):6d}  p50 {percentile(part, 50) * 1000:7.1f} ms  "
            f"p99 {percentile(part, 99) * 1000:7.1f} ms  max {max(part, default=float('nan')) * 1000:7.1f} ms"
        )
    if memory:
        tenth = max(1, len(memory) // 10)
        print(
            "server RSS by tenth of the run (MB):",
            " ".join(f"{statistics.mean(memory[i : i + tenth]):.0f}" for i in range(0, len(memory), tenth)),
        )
        print(
            "server RSS at the end: "
            + ", ".join(f"{kind} ({count}) {mb:.0f} MB" for kind, (count, mb) in sorted(at_end.items()))
        )
        third = max(1, len(memory) // 3)
        print(
            f"server RSS (with its query workers): first third mean {statistics.mean(memory[:third]):.0f} MB, "
            f"last third mean {statistics.mean(memory[-third:]):.0f} MB, max {max(memory):.0f} MB"
        )
    print(f"client CPU: {client_cpu:.1f} s ({client_cpu / wall * 100:.0f} % of one core)")
    for problem in sorted(set(errors))[:10]:
        print("error:", problem)
    return 1 if errors else 0


def wait_until_serving(port: int) -> None:
    """Until the server answers (at most ~10 s)."""
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}))
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())
