"""The query workers run on the malloc the setting ``query_allocator`` names (jemalloc by default where the
system has it), and answer byte for byte what workers on the C library's malloc answer."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import ConfigError
from kg.query import allocator
from kg.store import open_store

from .live import make_app

REPO = Path(__file__).resolve().parent.parent
EX = "http://example.org/alloc/"
JEMALLOC = ctypes.util.find_library("jemalloc")
needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_PRELOAD and /proc: Linux only")

# In a process of its own (the fork server the workers fork from is one per process): an app with the
# given allocator runs one /sparql query on a worker, then says what the worker reported, whether
# its memory maps hold libjemalloc, and the answer.
PROGRAM = textwrap.dedent(
    """
    import json, sys
    from server import create_app
    app = create_app({"store": sys.argv[1], "query_allocator": sys.argv[2], "query_workers": 1,
                      "query_timeout_s": 30, "processes": 1, "query_memory_mb": 256})
    client, json_type = app.test_client(), {"Accept": "application/sparql-results+json"}
    query = "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s"
    answer = client.get("/sparql", query_string={"query": query}, headers=json_type)
    pool = app.extensions["kg.query_pool"]
    maps = [open(f"/proc/{pid}/maps").read() for pid in pool.worker_pids("sparql")]
    # a string of 2**29 characters, built by CONCAT in 28 BINDs: past the 256 MiB limit
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(28))
    huge_query = f'SELECT (STRLEN(?v28) AS ?n) WHERE {{ BIND("ab" AS ?v0) {binds} }}'
    huge = client.get("/sparql", query_string={"query": huge_query}, headers=json_type)
    print(json.dumps({"status": answer.status_code, "body": answer.get_data(as_text=True),
                      "reported": pool.workers_malloc, "workers": len(maps),
                      "jemalloc": ["libjemalloc" in m for m in maps],
                      "past_limit": [huge.status_code, huge.get_json()["error"]]}))
    app.extensions["kg.store"].close()
    """
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("alloc") / "store"
    with open_store(path) as store:
        triples = [(URIRef(f"{EX}s{i % 7}"), URIRef(f"{EX}p"), Literal(i)) for i in range(50)]
        store.replace_graph(EX + "g", triples)
    return path


def _serve_once(store: Path, setting: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_") and k != "LD_PRELOAD"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(store), setting],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@needs_linux
@pytest.mark.skipif(JEMALLOC is None, reason="no libjemalloc on this machine (apt-get install libjemalloc2)")
def test_workers_run_on_jemalloc_and_answer_what_system_malloc_answers(store_path):
    system = _serve_once(store_path, "system")
    assert system["status"] == 200 and system["workers"] == 1
    assert system["reported"] == "system" and system["jemalloc"] == [False]
    files = [str(f) for top in ("/usr/lib", "/usr/lib64", "/lib") for f in Path(top).rglob(JEMALLOC or "")]
    assert files, f"ldconfig knows {JEMALLOC} but no file of that name is under /usr/lib or /lib"
    for setting in ("jemalloc", "auto", files[0]):
        on = _serve_once(store_path, setting)
        assert on["reported"] == "jemalloc" and on["jemalloc"] == [True], setting
        assert on["status"] == 200 and on["body"] == system["body"]
        # the memory limit holds on jemalloc as on the C library's malloc: a 503 that says so
        assert on["past_limit"] == system["past_limit"] == [503, "Query exceeded the memory limit"]
    assert len(json.loads(system["body"])["results"]["bindings"]) == 7


@needs_linux
def test_auto_falls_back_to_the_system_malloc_only_where_there_is_no_jemalloc(store_path):
    reported = _serve_once(store_path, "auto")["reported"]
    assert reported == ("jemalloc" if JEMALLOC else "system")


def test_a_library_the_system_lacks_stops_the_app_with_a_message(tmp_path, store_path):
    with pytest.raises(ConfigError, match="no such file"):
        make_app(store_path, query_timeout_s=10, query_allocator=str(tmp_path / "libnothing.so"))
    with pytest.raises(ConfigError, match="query_allocator.*tcmalloc"):
        make_app(store_path, query_timeout_s=10, query_allocator="tcmalloc")


def test_kg_serve_refuses_an_unknown_allocator(store_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KG_")}, "KG_QUERY_ALLOCATOR": "/no/such/libx.so"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "kg"), "serve", "--store", str(store_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode != 0
    assert "query_allocator = /no/such/libx.so: no such file" in done.stderr


def test_what_a_process_allocates_with_is_read_from_its_maps(monkeypatch):
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    libc = "7f00-7f01 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n7f02-7f03 rw-p 0 0:0 0 [heap]\n"
    assert allocator.loaded(libc) == "system"
    jemalloc = libc + "7f04-7f05 r-xp 00000000 08:01 2 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n"
    assert allocator.loaded(jemalloc) == "jemalloc"
    monkeypatch.setenv("LD_PRELOAD", "/opt/libfast.so")
    assert allocator.loaded(libc) == "system"  # named but not mapped: it did not load
    assert allocator.loaded(libc + "7f06-7f07 r-xp 0 08:01 3 /opt/libfast.so\n") == "libfast.so"
    assert allocator.name_of("libjemalloc.so.2") == "jemalloc" and allocator.name_of(None) == "system"


def test_the_preload_is_undone_after_the_block(monkeypatch):
    monkeypatch.setenv("LD_PRELOAD", "/opt/libother.so")
    with allocator.preloaded("libjemalloc.so.2"):
        assert os.environ["LD_PRELOAD"] == "libjemalloc.so.2 /opt/libother.so"
    assert os.environ["LD_PRELOAD"] == "/opt/libother.so"
    monkeypatch.delenv("LD_PRELOAD")
    with allocator.preloaded("libjemalloc.so.2"):
        assert os.environ["LD_PRELOAD"] == "libjemalloc.so.2"
    assert "LD_PRELOAD" not in os.environ
