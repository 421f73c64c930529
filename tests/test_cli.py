"""The ``kg`` command end to end on real components: read, extract, link, map, store, query, dump."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.cli import main

from .conftest import SEED

FACTS = {
    "slug": "tiny-facts",
    "article": {
        "url": "https://news.example.org/2031/summit",
        "title": "Leaders meet in Testville",
        "publisher": "Example News",
        "published": "2031-05-02",
    },
    "summits": [
        {
            "organization": "Shanghai Cooperation Organisation",
            "ordinal": 31,
            "role": "main",
            "host_city": "Tashkent",
            "host_country": "Uzbekistan",
            "start_date": "2031-05-01",
            "end_date": "2031-05-02",
        }
    ],
    "member_states": ["Kazakhstan", "Uzbekistan"],
    "observer_states": [],
    "new_members": [],
    "participants": [],
    "documents": [{"title": "Tashkent Declaration", "kind": "declaration", "status": "signed"}],
    "people": [],
    "organizations": [],
    "places": [],
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def nquads(store: Path, capsys) -> list[str]:
    code, out, _ = run(capsys, "dump", "--store", str(store), "--format", "nq")
    assert code == 0
    return sorted(line for line in out.splitlines() if line.strip())


@pytest.fixture
def seeded(tmp_path, capsys) -> Path:
    store = tmp_path / "store"
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(store))
    assert code == 0, err
    return store


def test_ingest_seed_makes_one_named_graph(seeded, capsys):
    code, out, _ = run(capsys, "graphs", "--store", str(seeded))
    assert code == 0
    assert len(out.split()) == 1


def test_reingest_leaves_the_store_identical(seeded, capsys):
    before = nquads(seeded, capsys)
    assert len(before) > 50
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(seeded))
    assert code == 0, err
    assert nquads(seeded, capsys) == before


def test_unsupported_format_is_a_clear_error_and_keeps_the_store(seeded, tmp_path, capsys):
    before = nquads(seeded, capsys)
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4 binary \x00\x01")
    code, _, err = run(capsys, "ingest", str(bad), "--store", str(seeded))
    assert code == 1
    assert "report.pdf" in err and "Traceback" not in err
    assert nquads(seeded, capsys) == before


def test_bad_file_is_skipped_and_the_rest_ingested(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(FACTS))
    (folder / "b.json").write_text("{not json")
    (folder / "c.txt").write_bytes(b"")
    store = tmp_path / "store"
    code, _, err = run(capsys, "ingest", str(folder), "--store", str(store))
    assert code == 1
    assert "b.json" in err and "c.txt" in err
    code, out, _ = run(capsys, "graphs", "--store", str(store))
    assert len(out.split()) == 1


def test_missing_path_is_a_clear_error(tmp_path, capsys):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"))
    assert code == 1 and "nope.txt" in err


def test_ingest_facts_json_maps_like_extracted_facts(tmp_path, capsys):
    path = tmp_path / "tiny-facts.json"
    path.write_text(json.dumps(FACTS))
    store = tmp_path / "store"
    assert run(capsys, "ingest", str(path), "--store", str(store))[0] == 0
    code, out, _ = run(
        capsys,
        "query",
        "--store",
        str(store),
        "--format",
        "json",
        "SELECT ?o WHERE { ?s <https://w3id.org/summit-kg/ontology#ordinal> ?o }",
    )
    assert code == 0
    values = [b["o"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert values == ["31"]
    code, out, _ = run(
        capsys,
        "query",
        "--store",
        str(store),
        "--format",
        "csv",
        "SELECT ?w WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?w }",
    )
    assert "http://www.wikidata.org/entity/Q269" in out  # Tashkent, linked from the gazetteer
    assert "http://www.wikidata.org/entity/Q485207" in out  # SCO


def test_store_from_environment(tmp_path, capsys, monkeypatch):
    path = tmp_path / "tiny-facts.json"
    path.write_text(json.dumps(FACTS))
    monkeypatch.setenv("KG_STORE", str(tmp_path / "envstore"))
    assert run(capsys, "ingest", str(path))[0] == 0
    assert (tmp_path / "envstore").is_dir()
    assert not (tmp_path / "kg-store").exists()


def test_default_store_is_in_the_working_directory(tmp_path, capsys):
    path = tmp_path / "tiny-facts.json"
    path.write_text(json.dumps(FACTS))
    assert run(capsys, "ingest", str(path))[0] == 0  # conftest chdir'ed into tmp_path
    assert (tmp_path / "kg-store").is_dir()


def test_extract_prints_facts_json(capsys):
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "json")
    assert code == 0
    facts = json.loads(out)
    for key in (
        "summits",
        "member_states",
        "observer_states",
        "new_members",
        "participants",
        "documents",
        "people",
        "organizations",
        "places",
    ):
        assert isinstance(facts[key], list), key
    main_summits = [s for s in facts["summits"] if s.get("role", "main") == "main"]
    assert main_summits and main_summits[0]["ordinal"] == 17
    assert "text" not in facts["article"]


@pytest.mark.parametrize(
    "fmt,check",
    [
        ("json", lambda out: json.loads(out)["boolean"] is True),
        ("xml", lambda out: "<boolean>true</boolean>" in out),
        ("table", lambda out: out.strip() == "true"),
    ],
)
def test_query_ask_formats(seeded, capsys, fmt, check):
    code, out, _ = run(capsys, "query", "--store", str(seeded), "--format", fmt, "ASK { ?s ?p ?o }")
    assert code == 0 and check(out)


def test_query_construct_as_turtle(seeded, capsys):
    code, out, _ = run(
        capsys,
        "query",
        "--store",
        str(seeded),
        "--format",
        "turtle",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5",
    )
    assert code == 0
    assert len(Graph().parse(data=out, format="turtle")) == 5


def test_query_syntax_error_and_wrong_format(seeded, capsys):
    code, _, err = run(capsys, "query", "--store", str(seeded), "SELECT WHERE {")
    assert code == 1 and "error" in err.lower() and "Traceback" not in err
    code, _, err = run(capsys, "query", "--store", str(seeded), "--format", "turtle", "SELECT * { ?s ?p ?o }")
    assert code == 1 and "SELECT" in err


@pytest.mark.parametrize(
    "fmt,rdf_format,quads",
    [
        ("turtle", ox.RdfFormat.TURTLE, False),
        ("nt", ox.RdfFormat.N_TRIPLES, False),
        ("nq", ox.RdfFormat.N_QUADS, True),
        ("trig", ox.RdfFormat.TRIG, True),
    ],
)
def test_dump_formats(seeded, capsys, fmt, rdf_format, quads):
    code, out, _ = run(capsys, "dump", "--store", str(seeded), "--format", fmt)
    assert code == 0
    parsed = list(ox.parse(out.encode("utf-8"), format=rdf_format))
    assert len(parsed) > 50
    assert all(isinstance(q.graph_name, ox.NamedNode) == quads for q in parsed)


def test_dump_one_graph_and_unknown_graph(seeded, capsys):
    _, out, _ = run(capsys, "graphs", "--store", str(seeded))
    graph = out.split()[0]
    code, out, _ = run(capsys, "dump", "--store", str(seeded), "--format", "nt", "--graph", graph)
    assert code == 0 and len(Graph().parse(data=out, format="nt")) > 50
    code, _, err = run(capsys, "dump", "--store", str(seeded), "--graph", "http://example.org/none")
    assert code == 1 and "no graph" in err


def test_console_script_is_installed(tmp_path):
    exe = Path(sys.executable).parent / "kg"
    proc = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    for command in ("ingest", "extract", "query", "dump", "serve", "link"):
        assert command in proc.stdout


def test_link_report_counts_linked_and_unlinked(capsys):
    code, out, _ = run(capsys, "link", str(SEED), "--report", "--json")
    assert code == 0
    [report] = json.loads(out).values()
    linked = {e["name"]: e["qid"] for e in report["linked"]}
    assert linked["Astana"] == "Q1520" and linked["Xi Jinping"] == "Q15031"
    assert all(e["source"] == "gazetteer" for e in report["linked"])
    assert report["counts"]["linked"] == len(linked) >= 10
    assert report["counts"]["unlinked"] >= 1  # e.g. the newspapers, which the gazetteer does not know
    code, out, _ = run(capsys, "link", str(SEED), "--report")
    assert code == 0 and f"linked {len(linked)}," in out


def test_unchanged_articles_are_skipped_and_force_remaps(seeded, capsys):
    before = nquads(seeded, capsys)
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(seeded))
    assert code == 0 and "0 ingested, 1 unchanged" in err
    code, _, err = run(capsys, "ingest", str(SEED), "--store", str(seeded), "--force")
    assert code == 0 and "1 ingested, 0 unchanged" in err
    assert nquads(seeded, capsys) == before


def test_optimize_compacts_the_store_and_keeps_its_content(seeded, capsys, monkeypatch):
    from kg.store.embedded import Store

    calls = []
    real = Store.optimize

    def counted(self):
        calls.append(self.path)
        real(self)

    before = nquads(seeded, capsys)
    monkeypatch.setattr(Store, "optimize", counted)
    code, _, err = run(capsys, "optimize", "--store", str(seeded))
    assert code == 0, err
    assert calls == [seeded] and f"compacted {seeded}" in err
    assert nquads(seeded, capsys) == before


def test_optimize_of_a_store_in_use_is_a_clear_error(seeded, capsys):
    from kg.store import open_store

    with open_store(seeded):  # as a running `kg serve` holds it
        code, _, err = run(capsys, "optimize", "--store", str(seeded))
    assert code == 1
    assert "locked by another process" in err and "Traceback" not in err


# -- a newcomer's first hour (issue 19) ------------------------------------------------------


def test_reading_commands_work_while_the_store_is_held(seeded, capsys):
    from kg.store import open_store

    with open_store(seeded):  # as a running `kg serve` holds it (the write lock)
        code, out, err = run(capsys, "query", "--store", str(seeded), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert code == 0, err
        assert int(out.splitlines()[2]) > 50
        code, out, err = run(capsys, "graphs", "--store", str(seeded))
        assert code == 0 and len(out.split()) == 1, err
        code, out, err = run(capsys, "dump", "--store", str(seeded), "--format", "nt")
        assert code == 0 and len(out.splitlines()) > 50, err
        code, out, err = run(capsys, "link", str(SEED), "--store", str(seeded))
        assert code == 0 and "linked" in out, err


@pytest.mark.parametrize("argv", [["query", "ASK {}"], ["dump"], ["graphs"], ["optimize"]])
def test_a_mistyped_store_is_not_created(tmp_path, capsys, argv):
    typo = tmp_path / "kg-stroe"
    code, out, err = run(capsys, *argv, "--store", str(typo))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"kg {argv[0]}: error: no store at {typo} (`kg ingest` creates one; --store or KG_STORE names another)"
    ]
    assert not typo.exists()


def test_a_folder_without_a_store_is_no_store(tmp_path, capsys):
    code, _, err = run(capsys, "graphs", "--store", str(tmp_path))
    assert code == 1 and f"no store at {tmp_path}" in err
    assert list(tmp_path.iterdir()) == []  # nothing written into it


@pytest.mark.parametrize("name", ["queries/nope.rq", "nope.rq", "nope.sparql", "some/dir/query"])
def test_a_query_file_that_does_not_exist_is_no_such_file(seeded, capsys, name):
    code, out, err = run(capsys, "query", "--store", str(seeded), name)
    assert code == 1 and out == ""
    assert err.strip() == f"kg query: error: no such file: {name}"


def test_a_sparql_file_is_read_and_a_query_with_a_slash_is_sparql(seeded, tmp_path, capsys):
    (tmp_path / "q.sparql").write_text("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    code, out, err = run(capsys, "query", "--store", str(seeded), "--format", "csv", str(tmp_path / "q.sparql"))
    assert code == 0 and int(out.splitlines()[1]) > 50, err
    code, out, err = run(
        capsys,
        "query",
        "--store",
        str(seeded),
        "--format",
        "csv",
        "DESCRIBE <https://w3id.org/summit-kg/id/country/nowhere>",
    )
    assert code == 1 and "no such file" not in err  # SPARQL, not a file name (a DESCRIBE is no SELECT: csv refused)


def test_query_syntax_error_gives_the_position_and_the_prefix_to_add(seeded, capsys):
    code, out, err = run(capsys, "query", "--store", str(seeded), "SELECT ?s WHERE { ?s a skg:Summit }")
    assert code == 1 and out == ""
    assert err.strip() == (
        "kg query: error: SPARQL syntax error: line 1, column 24: prefix skg: is not declared; "
        "add PREFIX skg: <https://w3id.org/summit-kg/ontology#>"
    )


def test_select_star_columns_in_query_order(seeded, capsys):
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    code, out, _ = run(capsys, "query", "--store", str(seeded), query)
    assert code == 0 and out.split()[:3] == ["s", "p", "o"]
    code, out, _ = run(capsys, "query", "--store", str(seeded), "--format", "csv", query)
    assert code == 0 and out.splitlines()[0] == "s,p,o"


def test_query_format_choices_list_each_format_once(capsys):
    with pytest.raises(SystemExit):
        main(["query", "--format", "nope", "ASK {}"])
    err = capsys.readouterr().err
    assert err.count("'xml'") == 1 and "'turtle'" in err and "'table'" in err


def test_ingest_failure_names_the_file_once_and_no_rate_without_ingest(tmp_path, capsys, monkeypatch):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "ingest", "binary.txt", "--store", str(tmp_path / "store"))
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and failed[0].count("binary.txt") == 1, failed
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("0 ingested, 0 unchanged, 1 failed") and "articles/s" not in summary


# -- kg serve ---------------------------------------------------------------------------------


def _kg(*argv: str, cwd: Path, **kw) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *argv],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


def test_serve_on_a_port_in_use_says_so_in_one_line(seeded, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _kg("serve", "--store", str(seeded), "--port", str(port), cwd=tmp_path)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.strip().splitlines() == [
        f"kg serve: error: port {port} on 127.0.0.1 is already in use (another `kg serve`?): "
        f"choose another with --port {port + 1} (or KG_PORT={port + 1})"
    ]


def test_serve_logs_serving_once_listening_and_says_when_it_creates_the_store(tmp_path):
    import re
    import urllib.request

    fresh = tmp_path / "fresh"
    proc = _kg("serve", "--store", str(fresh), "--port", "0", cwd=tmp_path)
    try:
        first = proc.stderr.readline()
        assert first.strip() == (
            f"kg serve: no store at {fresh}: starting on a new, empty one (fill it with `kg ingest`)"
        )
        serving = proc.stderr.readline()
        # one line, "(N HTTP processes; setting processes)" after the URL when several serve
        m = re.search(
            r"serving \S+ at http://127\.0\.0\.1:(\d+)/sparql(?: \(\d+ HTTP processes[^)]*\))?$", serving.strip()
        )
        assert m and m[1] != "0", serving  # the real port, logged once it listens
        with urllib.request.urlopen(f"http://127.0.0.1:{m[1]}/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", timeout=30) as r:
            assert json.load(r)["boolean"] is False  # an empty store
    finally:
        proc.terminate()
        proc.communicate(timeout=60)
