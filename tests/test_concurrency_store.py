"""One store, several writers and readers at once.

* Two `kg ingest` processes on one store: Oxigraph locks the store, so the second one
  stops at once with a clear message and a non-zero exit, and the first one finishes
  with every graph complete.
* In one process: reader threads see each article's graph all-or-nothing while another
  thread replaces the graphs in a loop (old content or new, never a mix, never partial),
  through both write paths of ``Store.replace_graph`` (a new graph, and DROP + INSERT of
  an existing one) and ``Store.drop_graph``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from bench.gen_corpus import generate
from kg.store.embedded import Store

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

N_FILES = 300
BASE = "https://example.org/concurrency/"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def kg(*argv: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *argv]


# -- two processes ------------------------------------------------------------------------------


def test_second_ingest_on_a_store_in_use_fails_clearly_and_nothing_is_corrupted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in generate(N_FILES, "facts", seed=5):
        (corpus / name).write_bytes(data)
    store_dir = tmp_path / "store"
    args = kg("ingest", str(corpus), "--store", str(store_dir), "--base-iri", BASE, "-v")

    first = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=tmp_path
    )
    try:
        assert first.stderr is not None
        line = first.stderr.readline()  # the first article is stored: the store is open and locked
        assert line.startswith("ingested "), line
        second = subprocess.run(args, capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=60)
        assert first.poll() is None, "the second ingest ran while the first one was still writing"
        rest = first.stderr.read()
        assert first.wait(timeout=120) == 0, rest
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        if first.stderr is not None:
            first.stderr.close()

    assert second.returncode == 1
    message = second.stderr.strip()
    assert message.startswith("kg ingest: error: cannot open the store at"), message
    assert "locked by another process" in message
    assert "Traceback" not in second.stderr
    assert f"{N_FILES} ingested, 0 unchanged, 0 failed" in rest

    # the first writer's work is whole; a second run finds every article unchanged
    with Store(store_dir) as store:
        assert len(store.graphs()) == N_FILES
    again = subprocess.run(
        args + ["--quiet"], capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert f"0 ingested, {N_FILES} unchanged, 0 failed" in again.stderr


def test_a_store_object_cannot_be_opened_twice(tmp_path):
    from kg.errors import StoreError  # noqa: PLC0415

    with Store(tmp_path / "s"), pytest.raises(StoreError, match="locked by another process"):
        Store(tmp_path / "s")
    with Store(tmp_path / "s"):  # closed: the lock is released
        pass


# -- threads in one process -----------------------------------------------------------------

N_GRAPHS = 6


def version(graph: int, which: str) -> list[tuple[URIRef, URIRef, Literal | URIRef]]:
    """Two contents of one graph with no triple in common and different sizes."""
    size = 40 if which == "old" else 75
    s = URIRef(f"{BASE}thing/{graph}-{which}")
    triples = [(s, RDF.type, URIRef(f"{BASE}Class/{which}"))]
    triples += [
        (URIRef(f"{BASE}thing/{graph}-{which}-{i}"), RDFS.label, Literal(f"{which} {graph} {i}"))
        for i in range(size - 1)
    ]
    return triples


def as_ox(triples) -> frozenset[str]:
    return frozenset(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in triples)


def test_readers_see_each_graph_all_or_nothing_while_a_writer_replaces_them(tmp_path):
    store = Store(tmp_path / "store")
    graphs = [f"{BASE}graph/{i}" for i in range(N_GRAPHS)]
    contents = {g: {w: as_ox(version(i, w)) for w in ("old", "new")} for i, g in enumerate(graphs)}
    for i, g in enumerate(graphs):
        store.replace_graph(g, version(i, "old"))

    stop = threading.Event()
    errors: list[str] = []
    counts = {"writes": 0, "drops": 0, "reads": 0, "absent": 0}
    # A seqlock per graph: odd while the writer is between drop_graph and the replace that
    # follows it, the only time a graph may be seen empty.
    dropping = [0] * N_GRAPHS

    def writer() -> None:
        n = 0
        try:
            while not stop.is_set():
                i = n % N_GRAPHS
                which = "new" if (n // N_GRAPHS) % 2 == 0 else "old"
                dropped = n % 7 == 0  # sometimes drop first, so that the write takes the new-graph path
                if dropped:
                    dropping[i] += 1
                    store.drop_graph(graphs[i])
                    counts["drops"] += 1
                store.replace_graph(graphs[i], version(i, which))
                if dropped:
                    dropping[i] += 1
                counts["writes"] += 1
                n += 1
        except Exception as exc:  # noqa: BLE001  (reported by the test thread)
            errors.append(f"writer: {exc!r}")

    def reader(k: int) -> None:
        n = 0
        try:
            while not stop.is_set():
                i = (n + k) % N_GRAPHS
                g = graphs[i]
                n += 1
                before = dropping[i]
                seen = frozenset(f"{q.subject} {q.predicate} {q.object}" for q in store.quads(g))
                # the same through the SPARQL engine
                [row] = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
                count = int(row["n"].value)
                drop_under_way = before % 2 == 1 or dropping[i] != before
                if seen and seen not in (contents[g]["old"], contents[g]["new"]):
                    errors.append(f"reader {k}: {g} had {len(seen)} triples, neither old nor new")
                elif count not in (40, 75) and not (count == 0 and drop_under_way):
                    errors.append(f"reader {k}: SPARQL counted {count} triples in {g}")
                elif not seen and not drop_under_way:
                    errors.append(f"reader {k}: {g} was empty, but no drop was under way")
                if errors:
                    return
                counts["absent"] += not seen or count == 0  # dropped just now: nothing at all is allowed
                counts["reads"] += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"reader {k}: {exc!r}")

    def enough() -> bool:
        return counts["writes"] >= 150 and counts["reads"] >= 1000 and counts["drops"] >= 20

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    # Run until the loop has done enough (not for a fixed time: a busy machine does less in one),
    # or an error stops it; the deadline only keeps a stuck thread from hanging the suite.
    deadline = time.monotonic() + 120
    while not enough() and not errors and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    try:
        assert not errors, errors[:5]
        assert enough(), counts
        for g in graphs:  # at rest: every graph is whole
            final = frozenset(f"{q.subject} {q.predicate} {q.object}" for q in store.quads(g))
            assert final in (contents[g]["old"], contents[g]["new"])
    finally:
        store.close()
    print(f"\nthreads: {counts}")


def test_quad_iterators_are_snapshots(tmp_path):
    """A reader half-way through a graph's quads keeps reading the version it started on."""
    store = Store(tmp_path / "store")
    g = f"{BASE}graph/snap"
    try:
        store.replace_graph(g, version(0, "old"))
        it = iter(store.quads(g))
        first = [next(it) for _ in range(10)]
        store.replace_graph(g, version(0, "new"))
        seen = {f"{q.subject} {q.predicate} {q.object}" for q in first + list(it)}
        assert seen == set(as_ox(version(0, "old")))
        assert {f"{q.subject} {q.predicate} {q.object}" for q in store.quads(g)} == set(as_ox(version(0, "new")))
    finally:
        store.close()


def test_named_graph_iris_are_checked_before_they_reach_sparql(tmp_path):
    from kg.errors import BadRequest  # noqa: PLC0415

    with Store(tmp_path / "store") as store:
        with pytest.raises(BadRequest):
            store.replace_graph("http://x/> } ; DROP ALL ; INSERT DATA { GRAPH <http://x/", [])
        assert store.graphs() == []
