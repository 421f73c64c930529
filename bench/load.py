"""A bounded load test of `kg serve` on loopback: many clients, a mix of named queries.

    python bench/load.py [--clients 50] [--seconds 60] [--articles 1000] [--processes N]

Builds a store from the bundled example plus a synthetic corpus (bench/gen_corpus.py),
starts `kg serve` on 127.0.0.1 (a free port), and runs CLIENTS threads that send the
parameter-free named queries of queries/ in a loop, half to /sparql and half to
/queries/<name>.json, until SECONDS have passed.
Reports requests, errors, throughput, p50/p99 latency per query and the server's
resident memory (all its processes: HTTP processes and query workers; pages shared between
forked processes are counted in each) sampled every second (it should stay flat).  Exits 1 on
any error.  ``--processes`` sets the server's ``processes`` (default: the setting's, one per core).
Traffic goes to 127.0.0.1 only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import socket
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

from kg.resources import queries_dir  # noqa: E402
from kg.sparql.named import load_named_queries  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the server and its query workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=None, help="the server's HTTP processes (setting processes)")
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
        base = f"http://127.0.0.1:{port}"
        url = f"{base}/sparql"
        try:
            for _ in range(100):
                try:
                    requests.get(url, params={"query": "ASK {}"}, timeout=2)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            latencies: dict[str, list[float]] = {n: [] for n in queries}
            errors: list[str] = []
            memory: list[float] = []
            lock = threading.Lock()
            deadline = time.monotonic() + args.seconds

            def client(k: int) -> None:
                names = sorted(queries)
                session = requests.Session()
                i = k
                while time.monotonic() < deadline:
                    name = names[i % len(names)]
                    i += 1
                    t0 = time.perf_counter()
                    try:
                        if i % 2:  # half through /sparql, half through the named-query route
                            resp = session.post(
                                url,
                                data={"query": queries[name]},
                                timeout=60,
                                headers={"Accept": "application/sparql-results+json"},
                            )
                        else:
                            resp = session.get(f"{base}/queries/{name}.json", timeout=60)
                        ok = resp.status_code == 200 and "results" in resp.json()
                        problem = None if ok else f"{name}: HTTP {resp.status_code} {resp.text[:120]!r}"
                    except (requests.RequestException, ValueError) as exc:
                        problem = f"{name}: {type(exc).__name__}"
                    elapsed = time.perf_counter() - t0
                    with lock:
                        latencies[name].append(elapsed)
                        if problem:
                            errors.append(problem)

            threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
            started = time.monotonic()
            for t in threads:
                t.start()
            while any(t.is_alive() for t in threads):
                memory.append(rss_mb(server.pid))
                time.sleep(1)
            for t in threads:
                t.join()
            wall = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)

    everything = [x for v in latencies.values() for x in v]
    print(
        f"{args.clients} clients, {wall:.0f} s, {len(everything)} requests, {len(errors)} errors, "
        f"{len(everything) / wall:.0f} req/s; store: example + {args.articles} synthetic articles; "
        f"processes: {args.processes if args.processes is not None else 'default'}"
    )
    print(
        f"latency all: p50 {percentile(everything, 50) * 1000:.1f} ms, p99 {percentile(everything, 99) * 1000:.1f} ms"
    )
    for name, values in sorted(latencies.items()):
        print(
            f"  {name:24s} n={len(values):6d}  p50 {percentile(values, 50) * 1000:7.1f} ms  "
            f"p99 {percentile(values, 99) * 1000:7.1f} ms"
        )
    if memory:
        third = max(1, len(memory) // 3)
        print(
            f"server RSS (with its query workers): first third mean {statistics.mean(memory[:third]):.0f} MB, "
            f"last third mean {statistics.mean(memory[-third:]):.0f} MB, max {max(memory):.0f} MB"
        )
    for problem in sorted(set(errors))[:10]:
        print("error:", problem)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
