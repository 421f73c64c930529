"""Bulk ingest: worker processes, batched writes, resume, progress, failures, --bulk, ingest_jobs.

Everything runs for real: `kg ingest` in this process or as a subprocess (worker processes
started with spawn), on a synthetic corpus (bench/gen_corpus.py) of text pages and facts
JSON, into embedded Oxigraph stores under tmp_path.  What one process stores is the
reference: every other way (more jobs, resumed, --bulk) must store exactly those quads.
"""

from __future__ import annotations

import io
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from bench.gen_corpus import generate
from kg.cli import main
from kg.ingest.pipeline import MIN_PARALLEL, IngestResult
from kg.ingest.progress import Progress
from kg.rdf.terms import ntriples, to_ox
from kg.store.embedded import MARKER, Store

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

BASE = "https://example.org/bulk/"
N_TEXT, N_FACTS = 50, 40  # together more than MIN_PARALLEL, so that -j2 starts workers


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def kg(*argv: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *argv]


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def quads(store_dir: Path) -> set[ox.Quad]:
    """Every quad of a store: the named graphs and the merged default graph."""
    with Store(store_dir) as store:
        return set(store.ox.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Text pages and facts JSON, plus one article named twice (the same URL, other text)."""
    folder = tmp_path_factory.mktemp("corpus")
    for name, data in generate(N_TEXT, "text", seed=21):
        (folder / name).write_bytes(data)
    for name, data in generate(N_FACTS, "facts", seed=22):
        (folder / name).write_bytes(data)
    first = sorted(folder.glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / "zz-same-url-new-text.txt").write_text(
        first.replace("The leaders adopted", "Leaders adopted"), encoding="utf-8"
    )
    assert len(list(folder.iterdir())) >= MIN_PARALLEL
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> set[ox.Quad]:
    """What one process stores (`kg ingest -j 1`)."""
    store = tmp_path_factory.mktemp("ref") / "store"
    proc = subprocess.run(
        kg("ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "1"),
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{N_TEXT + N_FACTS + 1} ingested, 0 unchanged, 0 failed" in proc.stderr
    assert "1 job" in proc.stderr
    found = quads(store)
    assert len(found) > 1000
    return found


def test_two_jobs_store_exactly_what_one_process_stores(corpus, reference, tmp_path, capsys):
    code, err = run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "s"), "--base-iri", BASE, "-j", "2")
    assert code == 0, err
    assert "2 jobs" in err and f"{N_TEXT + N_FACTS + 1} ingested" in err
    assert quads(tmp_path / "s") == reference


def test_an_article_named_twice_ends_as_the_later_file_says(corpus, reference):
    """Two files with one URL: the later one (in sorted order) replaces the earlier, with any jobs."""
    from kg.ingest.read import read_path  # noqa: PLC0415
    from kg.rdf.iris import IRIMinter, sha256_hex  # noqa: PLC0415

    later = read_path(corpus / "zz-same-url-new-text.txt")
    earlier = read_path(sorted(corpus.glob("*.txt"))[0])
    assert later.url == earlier.url and later.text != earlier.text
    minter = IRIMinter(BASE)
    graph = ox.NamedNode(str(minter.graph(minter.article_id(url=later.url))))
    in_graph = {q for q in reference if q.graph_name == graph}
    hashes = {q.object.value for q in in_graph if q.predicate.value.endswith("#contentHash")}
    assert hashes == {sha256_hex(later.text)}
    sentences = {q.object.value for q in in_graph if q.predicate.value.endswith("#anchorOf")}
    assert any(s.startswith("Leaders adopted") for s in sentences)
    assert not any("The leaders adopted" in s for s in sentences)


def test_resume_skips_stored_articles_before_extracting_them(corpus, reference, tmp_path, capsys, monkeypatch):
    store = tmp_path / "s"
    total = N_TEXT + N_FACTS + 1
    first_of_url = sorted(corpus.glob("*.txt"))[0]  # its graph ends up holding zz-same-url-new-text.txt
    twice = {first_of_url.name, "zz-same-url-new-text.txt"}
    some = [p for p in sorted(corpus.iterdir())[::3] if p.name not in twice]
    code, err = run(capsys, "ingest", *map(str, some), "--store", str(store), "--base-iri", BASE, "-j", "1")
    assert code == 0, err
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "2")
    assert code == 0, err
    assert f"{total - len(some)} ingested, {len(some)} unchanged, 0 failed" in err
    assert quads(store) == reference

    import kg.extract  # noqa: PLC0415

    def tripwire(*args, **kwargs):
        raise AssertionError("an article already stored was extracted or linked again")

    monkeypatch.setattr(kg.extract, "extract", tripwire)  # this process only: -j 1
    monkeypatch.setattr("kg.ingest.pipeline.link_facts", tripwire)  # facts JSON with its text: not even linked
    rest = [str(p) for p in sorted(corpus.iterdir()) if p != first_of_url]
    code, err = run(capsys, "ingest", *rest, "--store", str(store), "--base-iri", BASE, "-j", "1")
    assert code == 0, err
    assert f"0 ingested, {total - 1} unchanged, 0 failed" in err


def test_force_rewrites_every_article_in_batches_and_changes_nothing(corpus, reference, tmp_path, capsys):
    store = tmp_path / "s"
    assert run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "2")[0] == 0
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "2", "--force")
    assert code == 0, err
    assert f"{N_TEXT + N_FACTS + 1} ingested, 0 unchanged" in err
    assert quads(store) == reference


def test_an_ingest_that_wrote_compacts_the_store_and_one_that_skipped_does_not(
    corpus, reference, tmp_path, capsys, monkeypatch
):
    """The store's indexes are compacted once at the end of an ingest that wrote (queries on a
    store built in many batches are 20-30 % slower uncompacted: BENCHMARKS.md), with the content kept."""
    calls = []
    real = Store.optimize

    def counted(self):
        calls.append(self.path)
        real(self)

    monkeypatch.setattr(Store, "optimize", counted)
    store = tmp_path / "s"
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "1")
    assert code == 0, err
    assert calls == [store]
    assert quads(store) == reference
    stored = [str(p) for p in sorted(corpus.glob("*.json"))]  # not the two files that share a URL
    code, err = run(capsys, "ingest", *stored, "--store", str(store), "--base-iri", BASE, "-j", "1")
    assert code == 0 and f"0 ingested, {len(stored)} unchanged" in err, err
    assert calls == [store]  # nothing written: nothing to compact
    code, err = run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "b"), "--base-iri", BASE, "--bulk")
    assert code == 0, err
    assert calls == [store, tmp_path / "b"]


def test_failures_are_listed_at_the_end_and_the_exit_status_is_1(corpus, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(corpus.iterdir())[:MIN_PARALLEL]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "0-bad.json").write_text("{not json", encoding="utf-8")
    (folder / "m-empty.txt").write_bytes(b"")
    code, err = run(capsys, "ingest", str(folder), "--store", str(tmp_path / "s"), "-j", "2", "-v")
    assert code == 1
    lines = err.splitlines()
    failed = [i for i, line in enumerate(lines) if line.startswith("FAILED ")]
    assert len(failed) == 2 and "0-bad.json" in lines[failed[0]] and "m-empty.txt" in lines[failed[1]]
    last_ingested = max(i for i, line in enumerate(lines) if line.startswith("ingested "))
    assert last_ingested < failed[0] and failed[-1] == len(lines) - 2  # then only the summary
    assert f"{MIN_PARALLEL} ingested, 0 unchanged, 2 failed" in lines[-1]
    with Store(tmp_path / "s") as store:
        assert len(store.graphs()) == MIN_PARALLEL


def test_progress_lines_count_rate_and_eta():
    out = io.StringIO()
    progress = Progress(4, stream=out, interval=0.0)
    assert not progress.tty
    progress(IngestResult("a.txt", "https://g/a", 10))
    progress(IngestResult("b.txt", "https://g/b", skipped=True))
    progress(IngestResult("c.txt", error="bad"))
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith("ingest: 3/4 (75%): 1 ingested, 1 unchanged, 1 failed; ")
    assert "articles/s" in lines[-1] and "ETA" in lines[-1]
    progress(IngestResult("d.txt", "https://g/d", 5))
    assert "ETA" not in out.getvalue().splitlines()[-1]  # done

    quiet, verbose = io.StringIO(), io.StringIO()
    for stream, kwargs in ((quiet, {"quiet": True}), (verbose, {"verbose": True})):
        p = Progress(2, stream=stream, interval=0.0, **kwargs)
        p(IngestResult("a.txt", "https://g/a", 10))
        p(IngestResult("b.txt", "https://g/b", skipped=True))
    assert quiet.getvalue() == ""
    assert verbose.getvalue().splitlines() == [
        "ingested a.txt -> https://g/a (10 triples)",
        "unchanged b.txt -> https://g/b",
    ]


def test_progress_on_a_terminal_is_one_line_redrawn(corpus, tmp_path):
    """`kg ingest` with stderr on a real pseudo-terminal: one line redrawn with \\r, then the summary."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        kg("ingest", str(corpus), "--store", str(tmp_path / "s"), "-j", "2"),
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=clean_env(),
        cwd=tmp_path,
    )
    os.close(slave)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        assert proc.wait(timeout=300) == 0
    text = b"".join(chunks).decode("utf-8")
    assert "\r" in text and "\x1b[K" in text
    assert f"/{N_TEXT + N_FACTS + 1} (" in text and "articles/s" in text
    drawn, summary = text.rsplit("\r\x1b[K", 1)  # the line is wiped before the summary
    assert drawn.count("\r") >= 2 and "\n" not in drawn  # redrawn in place, never a new line
    assert summary.startswith(f"{N_TEXT + N_FACTS + 1} ingested, 0 unchanged, 0 failed")


def test_quiet_prints_the_summary_only(corpus, tmp_path, capsys):
    code, err = run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "s"), "-j", "2", "-q")
    assert code == 0
    assert len(err.splitlines()) == 1 and "ingested" in err


def test_bulk_load_of_a_new_store_stores_what_one_process_stores(corpus, reference, tmp_path, capsys):
    store = tmp_path / "s"
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "2", "--bulk")
    assert code == 0, err
    assert "bulk load" in err and f"{N_TEXT + N_FACTS + 1} ingested, 0 unchanged, 0 failed" in err
    assert not (store / MARKER).exists()
    assert quads(store) == reference
    # and the store is an ordinary one: a plain ingest of the same folder finds everything unchanged
    # but the two files of one URL, which replace each other on every run (one by one as well)
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--base-iri", BASE)
    assert code == 0 and f"2 ingested, {N_TEXT + N_FACTS - 1} unchanged" in err
    assert quads(store) == reference


def test_bulk_refuses_a_store_that_holds_data(corpus, tmp_path, capsys):
    store = tmp_path / "s"
    first = sorted(corpus.iterdir())[0]
    assert run(capsys, "ingest", str(first), "--store", str(store))[0] == 0
    before = quads(store)
    code, err = run(capsys, "ingest", str(corpus), "--store", str(store), "--bulk")
    assert code == 1
    assert "--bulk loads a new, empty store" in err and "already holds 1 graph" in err and "Traceback" not in err
    assert quads(store) == before
    assert not (store / MARKER).exists()


def test_an_interrupted_bulk_load_is_refused_then_started_over(corpus, reference, tmp_path):
    """kill -9 in the middle of --bulk: a plain ingest and `kg serve` refuse the store, --bulk again starts over."""
    store = tmp_path / "s"
    args = kg("ingest", str(corpus), "--store", str(store), "--base-iri", BASE, "-j", "2")
    proc = subprocess.Popen(
        args + ["--bulk", "-v"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
        cwd=tmp_path,
    )
    try:
        assert proc.stderr is not None
        seen = 0
        deadline = time.monotonic() + 120
        for line in proc.stderr:
            seen += line.startswith("ingested ")
            if seen >= 30 or time.monotonic() > deadline:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL and seen == 30
    assert (store / MARKER).exists()

    plain = subprocess.run(args, capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=300)
    assert plain.returncode == 1
    assert "bulk-loaded and the load was interrupted" in plain.stderr and "Traceback" not in plain.stderr
    served = subprocess.run(
        kg("serve", "--store", str(store), "--host", "127.0.0.1", "--port", "0"),
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=tmp_path,
        timeout=60,
    )
    assert served.returncode == 1  # refused, not served half-written
    assert "bulk-loaded and the load was interrupted" in served.stderr and "Traceback" not in served.stderr

    again = subprocess.run(
        args + ["--bulk"], capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=300
    )
    assert again.returncode == 0, again.stderr
    assert not (store / MARKER).exists()
    assert quads(store) == reference


@pytest.mark.parametrize(
    "how, expect",
    [
        ({"env": {"KG_INGEST_JOBS": "1"}}, "1 job)"),
        ({"config": "ingest_jobs = 2\n"}, "2 jobs"),
        ({"config": "ingest_jobs = 1\n", "flag": "2"}, "2 jobs"),  # the flag wins over the file
    ],
)
def test_ingest_jobs_setting(corpus, tmp_path, how, expect):
    args = kg("ingest", str(corpus), "--store", str(tmp_path / "s"), "-q")
    if "config" in how:
        (tmp_path / "kg.toml").write_text(how["config"], encoding="utf-8")
        args += ["--config", str(tmp_path / "kg.toml")]
    if "flag" in how:
        args += ["--jobs", how["flag"]]
    proc = subprocess.run(
        args, capture_output=True, text=True, env=clean_env(**how.get("env", {})), cwd=tmp_path, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert expect in proc.stderr


def test_ingest_jobs_zero_means_every_core_and_negative_is_refused(corpus, tmp_path, capsys, monkeypatch):
    from kg.ingest.parallel import cores  # noqa: PLC0415

    monkeypatch.setenv("KG_INGEST_JOBS", "0")
    code, err = run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "s"), "-q")
    assert code == 0 and f"{cores()} job" in err
    code, err = run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "t"), "--jobs", "-1")
    assert code == 1 and "ingest_jobs" in err and "must be 0 or more" in err


# -- the pieces: N-Triples out of the mappers, and Store.replace_graphs ------------------------------

HOSTILE = [
    "plain",
    'quote " and backslash \\',
    "new\nline\r\ttab",
    "nul \x00 bell \x07 del \x7f",
    "é 习近平 🎉",
    "> _:b0 .\n<x> <y> <z>",
]


def test_ntriples_is_what_pyoxigraph_writes():
    s, p = URIRef("https://e.org/s"), URIRef("https://e.org/p")
    triples = [(s, p, Literal(text)) for text in HOSTILE] + [
        (s, p, Literal("17", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))),
        (s, p, Literal("bonjour", lang="fr")),
        (s, p, URIRef("https://e.org/o?q=1#f")),
    ]
    expected = ox.serialize(
        [ox.Triple(to_ox(a), to_ox(b), to_ox(c)) for a, b, c in triples], format=ox.RdfFormat.N_TRIPLES
    )
    assert ntriples(triples) == expected
    assert ntriples(triples) == expected  # from the memo too


def test_replace_graphs_writes_new_and_existing_graphs_whole(tmp_path):
    s, p = URIRef("https://e.org/s"), URIRef("https://e.org/p")

    def data(*texts: str) -> bytes:
        return ntriples([(s, p, Literal(t)) for t in texts])

    with Store(tmp_path / "s") as store:
        store.replace_graphs([("https://e.org/g1", data("a", "shared")), ("https://e.org/g2", data(*HOSTILE))])
        store.replace_graphs([("https://e.org/g1", data("b", "shared")), ("https://e.org/g3", data("c"))])
        got = {
            (q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None, q.object.value)
            for q in store.ox.quads_for_pattern(None, None, None, None)
        }
        named = {
            g: {v for gg, v in got if gg == g} for g in ("https://e.org/g1", "https://e.org/g2", "https://e.org/g3")
        }
        assert named == {
            "https://e.org/g1": {"b", "shared"},
            "https://e.org/g2": set(HOSTILE),
            "https://e.org/g3": {"c"},
        }
        assert {v for g, v in got if g is None} == {"b", "shared", "c", *HOSTILE}  # the merge: "a" is gone
        before = set(store.ox)
        with pytest.raises(ValueError, match="named twice"):
            store.replace_graphs([("https://e.org/g4", data("x")), ("https://e.org/g4", data("y"))])
        with pytest.raises(ValueError, match="one triple per line"):
            store.replace_graphs([("https://e.org/g4", b'<https://e.org/s> <https://e.org/p> "x".\n')])
        assert set(store.ox) == before
