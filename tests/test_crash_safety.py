"""Crash safety, for real: `kg ingest` killed with SIGKILL in the middle of a folder.

1,000 synthetic facts-JSON articles (``bench/gen_corpus.py``) are ingested by ``kg
ingest -v`` subprocesses (worker processes prepare the articles, the parent writes them
in batches), each killed with SIGKILL once its progress lines on stderr say that some
(not all) articles are stored: killed at different points of the batch cycle, during a
``--force`` run that rewrites stored graphs, in a one-process run (``-j 1``), and once
aimed into a write transaction.  After each kill the store must open, and every article
must be either absent or complete: its named graph holds exactly the triples that
mapping its facts gives (the same link + map the pipeline runs), and nothing else is in
the store; a batch of new graphs is written whole or not at all.  Running `kg ingest`
again finishes the job: all 1,000 graphs present and complete.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.gen_corpus import generate
from kg.ingest.pipeline import BATCH_ARTICLES, facts_for
from kg.linking.gazetteer import default_gazetteer
from kg.linking.linker import Linker
from kg.rdf.iris import IRIMinter
from kg.rdf.mappers import map_facts
from kg.rdf.terms import to_ox
from kg.store.embedded import Store

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

N = 1000
# Kill rounds: (extra args, "ingested" progress lines to read, delay before SIGKILL in ms).
# Progress lines are printed right after a batch (up to BATCH_ARTICLES articles, ~5 ms of
# writing each) commits, and the next batch is being prepared and written meanwhile, so
# the delays put the kill at different points of that cycle, mostly inside a write.
ROUNDS = (((), 300, 4.0), (("--force",), 150, 25.0), (("-j", "1"), 100, 60.0), ((), 100, 120.0))
BASE = "https://example.org/crash/"
TIMEOUT_S = 120


def kg(*argv: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *argv]


# `kg ingest` with one hook: a line on stderr as each batch's write begins (with the number of
# graphs in it), so that a kill can be aimed inside the transaction (~5 ms per article in load()).
HOOKED_KG = """
import sys
import kg.store
replace_graphs = kg.store.Store.replace_graphs
def hooked(self, batch):
    print("writing", len(batch), file=sys.stderr, flush=True)
    return replace_graphs(self, batch)
kg.store.Store.replace_graphs = hooked
from kg.cli import main
sys.exit(main(sys.argv[1:]))
"""


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def expected_graphs(folder: Path) -> dict[str, frozenset[ox.Triple]]:
    """Graph IRI -> the triples ingest must store for it, computed in-process."""
    linker, minter = Linker(default_gazetteer()), IRIMinter(BASE)
    out: dict[str, frozenset[ox.Triple]] = {}
    for path in sorted(folder.iterdir()):
        mapped = map_facts(facts_for(str(path), linker=linker), minter)
        out[str(mapped.graph_iri)] = frozenset(ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in mapped.triples)
    assert len(out) == N, "every article has a graph of its own"
    return out


def check_store(store_dir: Path, expected: dict[str, frozenset[ox.Triple]]) -> tuple[int, int]:
    """Every graph is complete or absent; returns (complete graphs, quads in the store)."""
    complete = 0
    with Store(store_dir) as store:
        graphs = store.graphs()
        assert set(graphs) <= set(expected), "no graph the corpus does not make"
        total = 0
        for graph in graphs:
            got = {q.triple for q in store.quads(graph)}
            assert got == expected[graph], f"{graph}: {len(got)} triples, expected {len(expected[graph])}"
            complete += 1
            total += len(got)
        assert len(store) == total, "no quads outside the articles' named graphs"
    return complete, total


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, data in generate(N, "facts", seed=11):
        (folder / name).write_bytes(data)
    return folder


def ingest_and_kill(
    args: list[str], cwd: Path, after: int, delay_ms: float, *, marker: str = "ingested "
) -> tuple[int, list[str]]:
    """Run ``args`` (a `kg ingest`), SIGKILL it ``delay_ms`` after the ``after``-th stderr line
    that starts with ``marker``; returns how many such lines were read, and every line read."""
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=cwd
    )
    seen = 0
    lines: list[str] = []
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + TIMEOUT_S
        for line in proc.stderr:
            assert not line.startswith(("FAILED", "Traceback")), line
            lines.append(line)
            if line.startswith(marker):
                seen += 1
            if seen >= after or time.monotonic() > deadline:
                break
        time.sleep(delay_ms / 1000)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "killed, not finished"
    assert seen == after
    return seen, lines


def test_kill_9_mid_ingest_leaves_every_article_complete_or_absent(corpus, tmp_path):
    started = time.perf_counter()
    store_dir = tmp_path / "store"
    expected = expected_graphs(corpus)
    args = kg("ingest", str(corpus), "--store", str(store_dir), "--base-iri", BASE, "-v")

    present = 0
    for extra, after, delay_ms in ROUNDS:
        # a batch of new graphs is one load() transaction; --force rewrites existing ones with
        # DROP + INSERT DATA in one update: a graph being replaced is old or new, never gone
        ingest_and_kill(args + list(extra), tmp_path, after, delay_ms)
        before, (present, quads) = present, check_store(store_dir, expected)
        written = 0 if "--force" in extra else after  # --force rewrites graphs that are there already
        in_flight = present - before - written  # the rest of the batch of the last line read, and the next one
        assert 0 <= in_flight < 2 * BATCH_ARTICLES, (before, present, written)
        print(
            f"\nkill {' '.join(extra) or 'ingest'} {delay_ms} ms after progress line {after}: {present} of {N} "
            f"graphs present, all complete ({quads} quads); {in_flight} more committed by then",
            end="",
        )
        assert present < N

    # aimed inside a write: 1 ms after the 5th batch's write began (a hooked `kg ingest`)
    hooked = [sys.executable, "-c", HOOKED_KG, *args[3:]]
    _, lines = ingest_and_kill(hooked, tmp_path, 5, 1.0, marker="writing ")
    committed = sum(line.startswith("ingested ") for line in lines)  # the articles of batches 1 to 4
    in_batch = int(lines[-1].split()[1])
    before, (present, quads) = present, check_store(store_dir, expected)
    assert present - before - committed in (0, in_batch), (before, present, committed, in_batch)
    print(
        f"\nkill 1 ms into the write of the 5th batch ({in_batch} articles): {present} of {N} graphs present, "
        f"all complete ({quads} quads); the batch being written "
        f"{'had committed' if present - before > committed else 'was rolled back'}",
        end="",
    )
    assert present < N

    # run again to the end: the complete graphs are skipped, the others written
    rerun = subprocess.run(
        args + ["--quiet"], capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=TIMEOUT_S
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - present} ingested, {present} unchanged, 0 failed" in rerun.stderr, rerun.stderr
    complete, quads = check_store(store_dir, expected)
    assert complete == N
    print(
        f"\nafter the re-run: {complete} graphs, all complete ({quads} quads); "
        f"crash test: {time.perf_counter() - started:.1f} s"
    )


def test_the_corpus_generator_is_deterministic_and_its_names_link(tmp_path):
    """What the test above relies on: bench/gen_corpus.py is deterministic, article i does not
    depend on n, evidence offsets point into the text, and every gazetteer name links."""
    import json  # noqa: PLC0415

    from bench.gen_corpus import article, write  # noqa: PLC0415
    from kg.ingest.read import read_path  # noqa: PLC0415
    from kg.linking.linker import link_facts  # noqa: PLC0415

    assert list(generate(5, "facts", seed=3)) == list(generate(8, "facts", seed=3))[:5]
    assert list(generate(5, "text", seed=3)) != list(generate(5, "text", seed=4))
    linker = Linker(default_gazetteer())

    def without_qids(value):
        if isinstance(value, dict):
            return {k: without_qids(v) for k, v in value.items() if k != "wikidata"}
        return [without_qids(v) for v in value] if isinstance(value, list) else value

    for i in range(40):
        slug, facts, text = article(i, seed=3)
        assert facts["article"]["text"] == text and facts["slug"] == slug
        for item in ("summits", "participants", "documents", "people", "places", "new_members"):
            for entry in facts[item]:
                for ev in entry.get("evidence", []):
                    assert text[ev["start"] : ev["end"]] == ev["sentence"]
        _, report = link_facts(without_qids(json.loads(json.dumps(facts))), linker)
        unlinked = {e["name"] for e in report.to_dict()["unlinked"] + report.to_dict()["ambiguous"]}
        spokespeople = {p["name"] for p in facts["people"] if p["role"] == "spokesperson"}
        assert unlinked <= {facts["article"]["publisher"]} | spokespeople, unlinked  # made-up names only

    for path in write(tmp_path / "text", 5, "text", seed=3):  # pasted pages the reader takes apart
        read = read_path(path)
        _, facts, _ = article(int(path.stem.rsplit("-", 1)[1]), seed=3)
        assert read.url == facts["article"]["url"] and read.publisher == facts["article"]["publisher"]
        assert read.published == facts["article"]["published"]
