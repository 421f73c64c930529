"""Hostile load on `kg serve` (loopback only): attackers send expensive queries while one client measures.

    python bench/hostile_load.py [--attackers 50] [--seconds 60] [--articles 1000]

Builds a store (the bundled example plus a synthetic corpus, as bench/load.py), starts
`kg serve` on 127.0.0.1, and runs ATTACKERS anonymous clients in a loop, each sending in
turn: a cross product of six OPTIONALs with ``timeout=20``, a CONCAT doubling that needs
gigabytes, a SERVICE call to loopback, and a 64 KB Accept header.  Meanwhile one
well-behaved client asks, every 100 ms, in turn: ``ASK {}``, a point lookup, a
named-query page (HTML) and a static file.  Reports the well-behaved client's p50/p99
and errors per request kind, what the attackers got (by status), the largest resident
memory of one query worker against its limit, and the server's total memory (first
third vs last third of the run).  Exits 1 if the well-behaved client saw an error or a
p99 over 1 s.  Every loop is bounded in time; traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from gen_corpus import write  # noqa: E402
from load import free_port, percentile, rss_mb  # noqa: E402

JSON = "application/sparql-results+json"
CROSS = "SELECT * WHERE { ?a ?b ?c " + " ".join(f"OPTIONAL {{ ?d{i} ?e{i} ?f{i} }}" for i in range(6)) + " }"
BOMB = (
    'SELECT (STRLEN(?v31) AS ?n) WHERE { BIND("ab" AS ?v0) '
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(31))
    + " }"
)
SUMMIT = "https://w3id.org/summit-kg/id/summit/sco/17"


def children(pid: int) -> list[int]:
    """The pids of the direct and indirect children of ``pid``."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def worker_rss_mb(pid: int) -> float:
    """The largest resident memory among the server's child processes (its query workers)."""
    largest = 0.0
    for child in children(pid):
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return largest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--attackers", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--memory-mb", type=int, default=1024, help="query_memory_mb of the server")
    args = ap.parse_args(argv)
    kg = str(Path(sys.executable).parent / "kg")

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        write(Path(tmp) / "corpus", args.articles, kind="facts")
        subprocess.run(
            [kg, "ingest", str(REPO / "examples"), str(Path(tmp) / "corpus"), "--store", str(store), "--quiet"],
            check=True,
        )
        port = free_port()
        server = subprocess.Popen(
            [kg, "serve", "--store", str(store), "--port", str(port)],
            env={**os.environ, "KG_QUERY_MEMORY_MB": str(args.memory_mb)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    requests.get(base + "/sparql", params={"query": "ASK {}"}, timeout=2)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            deadline = time.monotonic() + args.seconds
            lock = threading.Lock()
            good: dict[str, list[float]] = collections.defaultdict(list)
            good_errors: list[str] = []
            attacks: collections.Counter[str] = collections.Counter()
            memory: list[float] = []
            worker_peak = [0.0]

            def attacker(k: int) -> None:
                session = requests.Session()
                kinds = ("cross", "bomb", "service", "accept")
                i = k
                while time.monotonic() < deadline:
                    kind = kinds[i % len(kinds)]
                    i += 1
                    try:
                        if kind == "cross":
                            r = session.post(
                                base + "/sparql",
                                data={"query": CROSS, "timeout": "20"},
                                headers={"Accept": JSON},
                                timeout=60,
                            )
                        elif kind == "bomb":
                            r = session.post(
                                base + "/sparql", data={"query": BOMB}, headers={"Accept": JSON}, timeout=60
                            )
                        elif kind == "service":
                            q = f"SELECT * {{ ?a ?b false.SERVICE<http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
                            r = session.post(base + "/sparql", data={"query": q}, timeout=60)
                        else:
                            r = session.get(
                                base + "/sparql",
                                params={"query": "ASK {}"},
                                headers={"Accept": "text/x-filler;q=0.1, " * 3000},
                                timeout=60,
                            )
                        outcome = f"{kind} {r.status_code}"
                    except requests.RequestException as exc:
                        outcome = f"{kind} {type(exc).__name__}"
                    with lock:
                        attacks[outcome] += 1

            def well_behaved() -> None:
                session = requests.Session()
                asks = [
                    (
                        "ASK {}",
                        lambda: session.get(
                            base + "/sparql", params={"query": "ASK {}"}, headers={"Accept": JSON}, timeout=30
                        ),
                    ),
                    (
                        "point lookup",
                        lambda: session.get(
                            base + "/sparql",
                            params={"query": f"SELECT ?p ?o WHERE {{ <{SUMMIT}> ?p ?o }}"},
                            headers={"Accept": JSON},
                            timeout=30,
                        ),
                    ),
                    (
                        "named-query page",
                        lambda: session.get(base + "/queries/summits", headers={"Accept": "text/html"}, timeout=30),
                    ),
                    ("static file", lambda: session.get(base + "/assets/kg.css", timeout=30)),
                ]
                i = 0
                while time.monotonic() < deadline:
                    name, send = asks[i % len(asks)]
                    i += 1
                    t0 = time.perf_counter()
                    try:
                        r = send()
                        problem = None if r.status_code == 200 else f"{name}: HTTP {r.status_code}"
                    except requests.RequestException as exc:
                        problem = f"{name}: {type(exc).__name__}"
                    with lock:
                        good[name].append(time.perf_counter() - t0)
                        if problem:
                            good_errors.append(problem)
                    time.sleep(0.1)

            threads = [threading.Thread(target=attacker, args=(k,)) for k in range(args.attackers)]
            threads.append(threading.Thread(target=well_behaved))
            started = time.monotonic()
            for t in threads:
                t.start()
            while any(t.is_alive() for t in threads):
                memory.append(rss_mb(server.pid))
                worker_peak[0] = max(worker_peak[0], worker_rss_mb(server.pid))
                time.sleep(1)
            wall = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)

    every = [x for v in good.values() for x in v]
    print(
        f"{args.attackers} attackers + 1 well-behaved client, {wall:.0f} s; store: example + {args.articles} "
        f"synthetic articles; query_memory_mb {args.memory_mb}"
    )
    print(
        f"well-behaved: {len(every)} requests, {len(good_errors)} errors, p50 {percentile(every, 50) * 1000:.0f} ms, "
        f"p99 {percentile(every, 99) * 1000:.0f} ms"
    )
    for name, values in good.items():
        print(
            f"  {name:18s} n={len(values):4d}  p50 {percentile(values, 50) * 1000:6.0f} ms  "
            f"p99 {percentile(values, 99) * 1000:6.0f} ms  max {max(values) * 1000:6.0f} ms"
        )
    print("attackers got: " + ", ".join(f"{k}: {n}" for k, n in sorted(attacks.items())))
    print(f"largest query worker RSS: {worker_peak[0]:.0f} MB (limit {args.memory_mb} MB of data segment)")
    if memory:
        third = max(1, len(memory) // 3)
        print(
            f"server RSS (with its workers): first third mean {statistics.mean(memory[:third]):.0f} MB, "
            f"last third mean {statistics.mean(memory[-third:]):.0f} MB, max {max(memory):.0f} MB"
        )
    for problem in sorted(set(good_errors))[:10]:
        print("error:", problem)
    return 1 if good_errors or percentile(every, 99) > 1.0 else 0


if __name__ == "__main__":
    sys.exit(main())
