#!/usr/bin/env python3
"""What the engine alone costs: the heavy queries of bench/peers.py run by pyoxigraph in-process (query and
serialization, no HTTP, no server) side by side with ``oxigraph serve`` answering them whole over HTTP.

    python bench/engine_bound.py [--work DIR] [--rounds 5] [--repeat 10]

``--work`` is a ``bench/peers.py --work`` folder (default ``/tmp/peers``), whose data it reuses (built
there if missing): pyoxigraph opens a copy of its summit-kg store read-only, ``oxigraph serve-read-only``
a copy of its oxigraph store (the same quads, loaded by the ``oxigraph`` CLI of the venv, the same version
as pyoxigraph).  For each query: CPU per query of pyoxigraph's ``query(...).serialize(...)`` in this
process, and the server's CPU per request (from ``/proc``, 10 ms ticks: ``--repeat`` requests a round),
best of ``--rounds``, one client, turn by turn.

A ratio below 1 (oxigraph serve's whole request / pyoxigraph's bare work) is a bound no server built on
pyoxigraph can pass, whatever its own overhead: BENCHMARKS.md ("Stop 25") says what it measured.

``--allocator`` runs the in-process side on another malloc (``jemalloc``, ``mimalloc``, a path: what
``kg serve``'s query workers run on, setting ``query_allocator``; this script starts itself again with
it preloaded), ``--peer-allocator`` runs ``oxigraph serve`` on one; by default each runs on the C
library's malloc, as shipped (BENCHMARKS.md, "Stop 27").
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import ACCEPT, QUERIES, REPO, VENV_BIN, build_data, free_port  # noqa: E402

sys.path.insert(0, str(REPO))
from kg.query import allocator  # noqa: E402

HEAVY = ("join-2hop", "aggregate", "text-filter", "construct")


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _env_with(name: str) -> dict[str, str]:
    """This environment without any preload, and with the malloc ``name`` preloaded (kg's setting values)."""
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    library = allocator.resolve(name)
    if library is not None:
        env["LD_PRELOAD"] = library
    return env


def _preload_self(name: str) -> None:
    """Start this script again with the malloc ``name`` preloaded, unless it runs on it already."""
    wanted = allocator.name_of(allocator.resolve(name))
    if allocator.loaded() != wanted:
        if os.environ.get("ENGINE_BOUND_AGAIN"):
            raise SystemExit(f"could not preload {name}: running on {allocator.loaded()}")
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], {**_env_with(name), "ENGINE_BOUND_AGAIN": "1"})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/peers", help="a bench/peers.py work folder (its data is reused)")
    ap.add_argument("--articles", type=int, default=2000, help="articles, if the data must be built")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; the best is kept")
    ap.add_argument("--repeat", type=int, default=10, help="queries of each kind per round")
    ap.add_argument("--allocator", default="system", help="the malloc of the in-process side (kg's names)")
    ap.add_argument("--peer-allocator", default="system", help="the malloc of oxigraph serve")
    args = ap.parse_args(argv)
    _preload_self(args.allocator)
    import pyoxigraph as ox  # noqa: PLC0415

    paths = build_data(Path(args.work), args.articles)
    with tempfile.TemporaryDirectory(prefix="engine-bound-") as tmp:
        kg_copy, ox_copy = Path(tmp) / "kg", Path(tmp) / "ox"
        shutil.copytree(paths["store"], kg_copy)
        shutil.copytree(paths["ox"], ox_copy)
        store = ox.Store.read_only(str(kg_copy))
        port = free_port()
        oxigraph = subprocess.Popen(
            [str(VENV_BIN / "oxigraph"), "serve-read-only", "--location", str(ox_copy), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=_env_with(args.peer_allocator),
        )
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for _ in range(100):  # until it listens
                try:
                    conn.connect()
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"## The engine bound: {args.articles} articles, best of {args.rounds} rounds x {args.repeat}\n")
            print(f"pyoxigraph on {allocator.loaded()}, oxigraph serve on {args.peer_allocator}\n")
            print("| query | pyoxigraph in-process, CPU ms | oxigraph serve, whole request, CPU ms | ratio |")
            print("|---|---:|---:|---:|")
            for name in HEAVY:
                kind, query = QUERIES[name]
                fmt = ox.QueryResultsFormat.JSON if kind == "select" else ox.RdfFormat.N_TRIPLES
                path = "/query?" + urllib.parse.urlencode({"query": query})

                def over_http(path: str = path, kind: str = kind, name: str = name) -> None:
                    conn.request("GET", path, headers={"Accept": ACCEPT[kind]})
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        raise SystemExit(f"oxigraph serve answered {response.status} to {name}")

                def in_process(query: str = query, fmt: ox.QueryResultsFormat | ox.RdfFormat = fmt) -> None:
                    store.query(query).serialize(format=fmt)

                for _ in range(2):  # warm both
                    over_http()
                    in_process()
                inside = served = float("inf")
                for _ in range(args.rounds):
                    started = time.process_time()
                    for _ in range(args.repeat):
                        in_process()
                    inside = min(inside, (time.process_time() - started) / args.repeat * 1000)
                    before = server_cpu_s(oxigraph.pid)
                    for _ in range(args.repeat):
                        over_http()
                    served = min(served, (server_cpu_s(oxigraph.pid) - before) / args.repeat * 1000)
                print(f"| {name} | {inside:.1f} | {served:.1f} | {served / inside:.2f} |")
        finally:
            os.killpg(oxigraph.pid, signal.SIGTERM)
            oxigraph.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
