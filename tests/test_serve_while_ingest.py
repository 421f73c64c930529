"""Serving while ingesting: `kg ingest` writes through the running server, readers see whole articles.

The embedded store has one owner (Oxigraph locks its folder), so the way to add articles
to a store that `kg serve` has open is to ingest *through* the server: `kg ingest` with
``KG_STORE`` set to the server's URL and ``KG_STORE_TOKEN`` to its ``KG_UPDATE_TOKEN``
(README, "Ingesting while serving").  Here a real `kg ingest` subprocess does that while
reader threads keep querying the server over HTTP; every answer must be a 200, and every
article graph a reader sees must already hold exactly its final triple count (an article
appears whole or not at all).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import requests

from bench.gen_corpus import generate

from .live import Server, make_app

N = 40
TOKEN = "s3cret-token"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
JSON = {"Accept": "application/sparql-results+json"}


def graph_counts(url: str) -> dict[str, int]:
    resp = requests.post(url + "/sparql", data={"query": COUNTS}, headers=JSON, timeout=60)
    assert resp.status_code == 200, resp.text
    return {b["g"]["value"]: int(b["n"]["value"]) for b in resp.json()["results"]["bindings"]}


def test_ingest_through_the_running_server_while_it_answers_queries(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in generate(N, "facts", seed=5):
        (corpus / name).write_bytes(data)
    server = Server(make_app(tmp_path / "store", update_token=TOKEN, query_timeout_s=30, query_workers=2))
    seen: list[dict[str, int]] = []
    problems: list[str] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                seen.append(graph_counts(server.url))
            except AssertionError as exc:  # a non-200 answer: recorded, checked below
                problems.append(str(exc)[:300])
            except requests.RequestException as exc:
                problems.append(f"{type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=reader) for _ in range(2)]
    try:
        for t in readers:
            t.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env.update(KG_STORE=server.url, KG_STORE_TOKEN=TOKEN, KG_STORE_SERVER="summit-kg")
        run = subprocess.run(
            [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "-q"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        time.sleep(0.5)  # a last round of reads after the ingest
        done.set()
        for t in readers:
            t.join(120)
        assert run.returncode == 0, run.stderr
        final = graph_counts(server.url)
    finally:
        done.set()
        server.close()

    assert len(final) == N
    assert not problems, problems[:3]
    assert len(seen) >= 3  # the readers really ran alongside the ingest
    partial = [(g, n, final.get(g)) for counts in seen for g, n in counts.items() if n != final.get(g)]
    assert not partial, f"readers saw article graphs half-written: {partial[:5]}"
    growth = sorted({len(counts) for counts in seen})
    assert growth[0] < N  # some reads happened before the ingest had finished


def test_a_wrong_token_is_refused_and_nothing_is_written(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in generate(2, "facts", seed=6):
        (corpus / name).write_bytes(data)
    server = Server(make_app(tmp_path / "store", update_token=TOKEN))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env.update(KG_STORE=server.url, KG_STORE_TOKEN="not-the-token", KG_STORE_SERVER="summit-kg")
        run = subprocess.run(
            [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "-q"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        counts = graph_counts(server.url)
    finally:
        server.close()
    assert run.returncode != 0
    assert "refused" in run.stderr and "KG_STORE_TOKEN" in run.stderr
    assert counts == {}
