#!/usr/bin/env python3
"""What running /sparql queries in killable worker processes costs per query.

    python bench/timeout_overhead.py [--requests 500] [--triples 3000]

Serves two copies of one small store with waitress on loopback -- one app with
``query_timeout_s = 0`` (queries on a thread of the server process, as before) and one
with ``query_timeout_s = 30`` (queries in worker processes, :mod:`kg.query.workers`) --
then sends each the same point query ``--requests`` times from one keep-alive client,
one request at a time (after a warm-up), and prints the mean and median latency of
each path and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EX = "http://example.org/bench/"


def build(path: Path, triples: int) -> None:
    from rdflib import Literal, URIRef

    from kg.store import open_store

    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(triples)])


def serve(path: Path, **config):
    from waitress.server import create_server

    from server import create_app

    app = create_app({"store": str(path), **config})
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    return app, srv, f"http://127.0.0.1:{srv.effective_port}/sparql"


def measure(url: str, n: int, warmup: int = 50) -> list[float]:
    import requests

    query = f"SELECT ?o {{ <{EX}s42> <{EX}p> ?o }}"
    headers = {"Accept": "application/sparql-results+json"}
    times = []
    with requests.Session() as session:
        for i in range(warmup + n):
            started = time.perf_counter()
            r = session.get(url, params={"query": query}, headers=headers, timeout=30)
            elapsed = time.perf_counter() - started
            if r.status_code != 200 or r.json()["results"]["bindings"][0]["o"]["value"] != "42":
                raise SystemExit(f"unexpected answer from {url}: {r.status_code} {r.text[:200]}")
            if i >= warmup:
                times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="measured requests per path (default 500)")
    parser.add_argument("--triples", type=int, default=3000, help="triples in the store (default 3000)")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, config in (
            ("in-process", {"query_timeout_s": 0}),
            ("worker", {"query_timeout_s": 30, "query_workers": 2}),
        ):
            path = Path(tmp) / name
            build(path, args.triples)
            app, srv, url = serve(path, **config)
            try:
                results[name] = measure(url, args.requests)
            finally:
                srv.task_dispatcher.shutdown()
                srv.close()
                app.extensions["kg.store"].close()
    for name, times in results.items():
        print(
            f"{name:>10}: mean {statistics.mean(times) * 1e3:6.3f} ms  median {statistics.median(times) * 1e3:6.3f} ms"
            f"  p95 {sorted(times)[int(len(times) * 0.95)] * 1e3:6.3f} ms  ({len(times)} point queries)"
        )
    inproc, worker = (statistics.median(results[k]) for k in ("in-process", "worker"))
    print(f"worker / in-process (median): {worker / inproc:.2f}x, +{(worker - inproc) * 1e3:.3f} ms per query")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
