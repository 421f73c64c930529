#!/usr/bin/env python3
"""Dump throughput and peak memory: ``kg dump`` and ``/dump.*`` beside ``oxigraph dump`` and ``oxigraph serve``.

    python bench/dump_memory.py [--sizes 500000,2000000] [--workdir /tmp/kg-dump-bench] [--keep]

For each size (triples in the article graphs), writes a synthetic corpus as N-Quads --
article graphs of ~150 triples shaped like the mappers' (article, mentions with
sentences, linked entities shared between articles, a summit), plus the default graph
that ``kg`` maintains as their merge -- and loads it twice: into a store for ``kg``
(``pyoxigraph.Store.bulk_load``) and, with ``oxigraph load``, into a store for the
Oxigraph CLI.  Then, each in a fresh process:

* ``kg dump`` in N-Quads, Turtle, JSON-LD and gzipped N-Quads (peak RSS of the child:
  its VmHWM in ``/proc``, and the largest RssAnon seen, polled every 20 ms until it exits);
* ``kg serve`` answering ``GET /dump.nq`` (plain and ``Accept-Encoding: gzip``) and
  ``oxigraph serve`` answering ``GET /store`` as N-Quads (peak RSS of the server: VmHWM
  from ``/proc``, read after the body has been read to its end);
* ``oxigraph dump`` in N-Quads and (the default graph) Turtle and JSON-LD.

Prints, per size, the bytes written, seconds, MB/s, triples/s and peak memory of every
run, the ratio of each ``kg`` run to its Oxigraph counterpart, and each run's peak
memory at the largest size over the smallest (flat memory: about 1).  RSS counts the
store's memory-mapped file pages and RocksDB's caches, which grow with the store for
``oxigraph`` as much as for ``kg``; RssAnon (heap) and the difference to Oxigraph's own
peak show what ``kg`` adds.  Takes about 5 minutes on 2 idle cores at the default sizes.  Data stay under
``--workdir`` (deleted at the end unless ``--keep``); everything listens on 127.0.0.1.
N-Quads dumps of ``kg`` hold the article graphs only (the default graph is derived);
``oxigraph dump`` writes every quad, so compare rates, not seconds.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
KG = str(VENV_BIN / "kg")
OXIGRAPH = shutil.which("oxigraph", path=str(VENV_BIN)) or shutil.which("oxigraph") or "oxigraph"

BASE = "https://w3id.org/summit-kg/id/"
SKG = "https://w3id.org/summit-kg/ontology#"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
XSD = "http://www.w3.org/2001/XMLSchema#"
ENTITY_POOL = 3000
SENTENCE = (
    "Leaders of the member states met in the capital on {d} June and signed a declaration on "
    "regional security, trade and connectivity (item {i})."
)


# -- the corpus ---------------------------------------------------------------------------------


def N(iri: str) -> ox.NamedNode:  # noqa: N802
    return ox.NamedNode(iri)


def article_triples(i: int) -> list[ox.Triple]:
    """One synthetic article graph: ~150 triples, entity triples shared with other articles."""
    art = N(f"{BASE}article/{i}")
    summit = N(f"{BASE}summit/org{i % 40}/{i % 25}")
    t = [
        ox.Triple(art, N(RDF_TYPE), N(SCHEMA + "NewsArticle")),
        ox.Triple(art, N(SCHEMA + "headline"), ox.Literal(f"Summit news number {i}", language="en")),
        ox.Triple(art, N(SCHEMA + "datePublished"), ox.Literal(f"2017-06-{1 + i % 28:02d}", datatype=N(XSD + "date"))),
        ox.Triple(art, N(SCHEMA + "url"), N(f"http://news.example.org/{i}.html")),
        ox.Triple(art, N(SCHEMA + "about"), summit),
    ]
    mentions = []
    for k in range(12):
        m = N(f"{BASE}article/{i}#m{k}")
        mentions.append(m)
        begin = 140 * k
        t += [
            ox.Triple(m, N(RDF_TYPE), N(NIF + "String")),
            ox.Triple(m, N(NIF + "anchorOf"), ox.Literal(SENTENCE.format(d=1 + k, i=i * 100 + k), language="en")),
            ox.Triple(m, N(NIF + "beginIndex"), ox.Literal(str(begin), datatype=N(XSD + "nonNegativeInteger"))),
            ox.Triple(m, N(NIF + "endIndex"), ox.Literal(str(begin + 120), datatype=N(XSD + "nonNegativeInteger"))),
            ox.Triple(m, N(SKG + "inArticle"), art),
        ]
    for k in range(15):
        j = (i * 7 + k * 131) % ENTITY_POOL
        e = N(f"{BASE}country/e{j}")
        t += [
            ox.Triple(e, N(RDF_TYPE), N(SKG + "Country")),  # shared with other articles
            ox.Triple(e, N(RDFS_LABEL), ox.Literal(f"Country {j}", language="en")),
            ox.Triple(e, N(OWL_SAME_AS), N(f"http://www.wikidata.org/entity/Q{1000 + j}")),
            ox.Triple(e, N(SKG + "evidence"), mentions[k % 12]),
            ox.Triple(art, N(SCHEMA + "mentions"), e),
        ]
    t += [
        ox.Triple(summit, N(RDF_TYPE), N(SKG + "Summit")),
        ox.Triple(summit, N(SKG + "ordinal"), ox.Literal(str(i % 25), datatype=N(XSD + "integer"))),
        ox.Triple(summit, N(SKG + "hostCity"), N(f"{BASE}city/c{i % 300}")),
        ox.Triple(summit, N(SKG + "evidence"), mentions[0]),
    ]
    return t


def write_corpus(path: Path, triples: int) -> tuple[int, int]:
    """N-Quads of article graphs (about ``triples`` triples) and of their merge in the default graph."""
    named = graphs = 0
    with open(path, "wb") as out:
        while named < triples:
            body = article_triples(graphs)
            g = N(f"{BASE}article/{graphs}")
            quads = [ox.Quad(x.subject, x.predicate, x.object, g) for x in body]
            quads += [ox.Quad(x.subject, x.predicate, x.object, ox.DefaultGraph()) for x in body]
            ox.serialize(quads, out, format=ox.RdfFormat.N_QUADS)
            named += len(body)
            graphs += 1
    return named, graphs


# -- measuring ------------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    bytes: int
    seconds: float
    triples: int
    peak_mb: float  # VmHWM
    anon_mb: float  # the largest RssAnon seen (heap and stacks, not the store's file pages)

    @property
    def mb_s(self) -> float:
        return self.bytes / 1e6 / self.seconds

    @property
    def triples_s(self) -> float:
        return self.triples / self.seconds


def child(argv: list[str], stdout_path: Path | None = None, env: dict | None = None) -> tuple[float, Peaks]:
    """Run a command to its end; (seconds, the peaks of that process's memory).

    The peak is the process's VmHWM, polled every 20 ms until it exits (the exec'd
    program's own high-water mark; ``wait4``'s ``ru_maxrss`` would also count the
    parent's memory, which a forked child inherits until it execs).
    """
    # closed in the finally below (DEVNULL is an int, nothing to close)
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    err_path = (stdout_path or Path("/tmp/kg-dump-bench-child")).with_suffix(".stderr")
    try:
        with open(err_path, "wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
            peaks = Peaks(proc.pid)
            while True:
                pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                peaks.poll()
                time.sleep(0.02)
            seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err_path.read_text()[-2000:]}")
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
        err_path.unlink(missing_ok=True)
    return seconds, peaks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmHWM: peak resident memory so far, RssAnon: resident memory now that is not file pages), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "RssAnon"):
            fields[key] = int(value.split()[0]) / 1024
    if len(fields) != 2:
        raise RuntimeError("no memory fields (the process is exiting)")
    return fields["VmHWM"], fields["RssAnon"]


class Peaks:
    """The peaks of a running process's memory, polled."""

    def __init__(self, pid: int) -> None:
        self.pid, self.rss, self.anon = pid, 0.0, 0.0

    def poll(self) -> None:
        try:
            rss, anon = memory_mb(self.pid)
        except (OSError, RuntimeError):
            return
        self.rss, self.anon = max(self.rss, rss), max(self.anon, anon)


def wait_listening(port: int, proc: subprocess.Popen, timeout_s: float = 60) -> None:
    until = time.monotonic() + timeout_s
    while time.monotonic() < until:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def fetch(port: int, path: str, headers: dict[str, str], peaks: Peaks) -> tuple[int, float]:
    """GET a body to its end, discarding it, polling the server's memory: (bytes, seconds)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        if resp.status != 200:
            raise SystemExit(f"GET {path}: {resp.status} {resp.read()[:300]!r}")
        total, polled = 0, time.monotonic()
        while chunk := resp.read(1 << 20):
            total += len(chunk)
            if time.monotonic() - polled > 0.02:
                peaks.poll()
                polled = time.monotonic()
        peaks.poll()
        return total, time.perf_counter() - started
    finally:
        conn.close()


def served(
    argv: list[str], port: int, path: str, headers: dict[str, str], env: dict | None = None
) -> tuple[int, float, Peaks, float]:
    """Start a server, GET ``path`` once; (bytes, seconds, memory peaks, RSS in MB before the request)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_listening(port, proc)
        peaks = Peaks(proc.pid)
        peaks.poll()
        before = peaks.rss
        size, seconds = fetch(port, path, headers, peaks)
        return size, seconds, peaks, before
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def measure(kg_store: Path, ox_store: Path, out_dir: Path, named: int, union: int, total_quads: int) -> list[Run]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    runs: list[Run] = []
    out = out_dir / "out"

    def record(name: str, seconds: float, peaks: Peaks, triples: int, size: int | None = None) -> None:
        if size is None:
            size = out.stat().st_size
            out.unlink()
        runs.append(Run(name, size, seconds, triples, peaks.rss, peaks.anon))
        r = runs[-1]
        print(
            f"  {name:30s} {r.bytes / 1e6:7.1f} MB {r.seconds:6.2f} s {r.mb_s:6.1f} MB/s "
            f"{r.triples_s / 1e3:5.0f} k triples/s  peak RSS {r.peak_mb:6.1f} MB (anon {r.anon_mb:6.1f})",
            flush=True,
        )

    for fmt, triples, extra in (
        ("nq", named, []),
        ("turtle", union, []),
        ("jsonld", union, []),
        ("nq", named, ["--gzip"]),
    ):
        seconds, peaks = child([KG, "dump", "--store", str(kg_store), "--format", fmt, *extra], out, env)
        record(f"kg dump {fmt}{' --gzip' if extra else ''}", seconds, peaks, triples)
    for fmt, triples, extra in (
        ("nq", total_quads, []),
        ("ttl", union, ["--graph", "default"]),
        ("jsonld", union, ["--graph", "default"]),
    ):
        seconds, peaks = child([OXIGRAPH, "dump", "--location", str(ox_store), "--format", fmt, *extra], out)
        record(f"oxigraph dump {fmt}", seconds, peaks, triples)

    for name, headers in (
        ("kg serve GET /dump.nq", {"Accept-Encoding": "identity"}),
        ("kg serve GET /dump.nq (gzip)", {"Accept-Encoding": "gzip"}),
    ):
        port = free_port()
        size, seconds, peaks, before = served(
            [KG, "serve", "--store", str(kg_store), "--port", str(port)], port, "/dump.nq", headers, env
        )
        record(name, seconds, peaks, named, size)
        print(f"  {'':30s} (server RSS before the request: {before:.1f} MB)")
    port = free_port()
    size, seconds, peaks, before = served(
        [OXIGRAPH, "serve", "--location", str(ox_store), "--bind", f"127.0.0.1:{port}"],
        port,
        "/store",
        {"Accept": "application/n-quads"},
    )
    record("oxigraph serve GET /store nq", seconds, peaks, total_quads, size)
    print(f"  {'':30s} (server RSS before the request: {before:.1f} MB)")
    return runs


COUNTERPARTS = {
    "kg dump nq": "oxigraph dump nq",
    "kg dump turtle": "oxigraph dump ttl",
    "kg dump jsonld": "oxigraph dump jsonld",
    "kg dump nq --gzip": "oxigraph dump nq",
    "kg serve GET /dump.nq": "oxigraph serve GET /store nq",
    "kg serve GET /dump.nq (gzip)": "oxigraph serve GET /store nq",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500000,2000000", help="triples in the article graphs, comma-separated")
    parser.add_argument("--workdir", default="/tmp/kg-dump-bench")
    parser.add_argument("--keep", action="store_true", help="keep the stores and corpora")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, list[Run]] = {}
    started = time.perf_counter()
    try:
        for size in sizes:
            folder = work / str(size)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            corpus = folder / "corpus.nq"
            t0 = time.perf_counter()
            named, graphs = write_corpus(corpus, size)
            t1 = time.perf_counter()
            kg_store, ox_store = folder / "kg-store", folder / "ox-store"
            native = ox.Store(str(kg_store))
            native.bulk_load(path=str(corpus), format=ox.RdfFormat.N_QUADS)
            union = sum(1 for _ in native.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            total_quads = len(native)
            native.flush()
            del native
            t2 = time.perf_counter()
            child([OXIGRAPH, "load", "--location", str(ox_store), "--file", str(corpus)])
            t3 = time.perf_counter()
            corpus.unlink()
            print(
                f"\n== {named:,} triples in {graphs:,} article graphs; default graph (their merge) {union:,} "
                f"triples; {total_quads:,} quads in the store",
                flush=True,
            )
            print(f"   corpus {t1 - t0:.1f} s, bulk_load {t2 - t1:.1f} s, oxigraph load {t3 - t2:.1f} s")
            results[size] = measure(kg_store, ox_store, folder, named, union, total_quads)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    for size, runs in results.items():
        by_name = {r.name: r for r in runs}
        print(f"\n-- at {size:,} triples, kg against oxigraph: rate (triples/s) ratio; peak RSS ratio and difference")
        for name, other in COUNTERPARTS.items():
            a, b = by_name[name], by_name[other]
            print(
                f"  {name:30s} vs {other:28s} rate x{a.triples_s / b.triples_s:5.2f}  "
                f"peak RSS x{a.peak_mb / b.peak_mb:5.2f} ({a.peak_mb - b.peak_mb:+6.1f} MB)"
            )
    if len(results) > 1:
        small, large = min(results), max(results)
        print(
            f"\n-- peak memory at {large:,} over {small:,} triples (flat: about 1.0; "
            "RSS includes the store's file pages and RocksDB's caches, anon is the heap)"
        )
        for a, b in zip(results[small], results[large], strict=True):  # the same scenarios at each size
            print(
                f"  {a.name:30s} RSS {a.peak_mb:6.1f} -> {b.peak_mb:6.1f} MB x{b.peak_mb / a.peak_mb:5.2f}   "
                f"anon {a.anon_mb:6.1f} -> {b.anon_mb:6.1f} MB x{b.anon_mb / a.anon_mb:5.2f}"
            )
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
