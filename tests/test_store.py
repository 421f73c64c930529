"""The embedded Oxigraph store: named graphs, atomic replacement, native queries."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.plugins.sparql import processor

from kg.errors import BadRequest, QuerySyntaxError, StoreError
from kg.store import open_store

EX = Namespace("http://example.org/")
G1, G2 = "http://example.org/graph/1", "http://example.org/graph/2"


def triples(n: int, tag: str = "x"):
    return [(EX[f"s{i}"], EX.p, Literal(f'{tag} {i} "quoted" \\ <angle>', lang="en")) for i in range(n)]


def count(store, graph=None) -> int:
    q = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        if graph is None
        else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    )
    kwargs = {} if graph is None else {"default_graphs": [graph]}
    return int(next(iter(store.query(q, **kwargs)))["n"].value)


def test_replace_graph_is_idempotent_and_replaces(store):
    assert store.replace_graph(G1, triples(5)) == 5
    store.replace_graph(G1, triples(5))
    assert count(store, G1) == 5
    store.replace_graph(G1, triples(2, "y"))
    assert count(store, G1) == 2
    values = sorted(sol["o"].value for sol in store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert values[0].startswith("y 0")


def test_literals_with_quotes_and_backslashes_round_trip(store):
    store.replace_graph(G1, triples(1))
    [sol] = list(store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert sol["o"].value == 'x 0 "quoted" \\ <angle>'
    assert sol["o"].language == "en"


def test_union_default_graph_and_dataset_params(store):
    store.replace_graph(G1, triples(3))
    store.replace_graph(G2, triples(4, "b"))
    assert store.graphs() == [G1, G2]
    union = list(store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o }"))
    assert len(union) == 7
    only2 = list(store.query("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[G2]))
    assert len(only2) == 4
    named = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", default_graphs=[], named_graphs=[G1]))
    assert {s["g"].value for s in named} == {G1}


def test_graph_iri_is_validated(store):
    with pytest.raises(BadRequest):
        store.replace_graph("http://x/a> <http://evil", triples(1))
    with pytest.raises(BadRequest):
        store.replace_graph("relative/graph", triples(1))
    assert store.graphs() == []


def test_syntax_error_quotes_the_parser(store):
    with pytest.raises(QuerySyntaxError) as info:
        store.query("SELECT ?x WHERE { ?x ")
    assert "error" in info.value.message.lower() or "expected" in info.value.message.lower()


def test_store_persists_on_disk(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as s:
        s.replace_graph(G1, triples(3))
    with open_store(path) as s:
        assert s.graphs() == [G1]
        assert count(s, G1) == 3


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s"
    with open_store(path), pytest.raises(StoreError, match="locked|in use|cannot open"):
        open_store(path)


# rdflib's own Dataset.query reads its deprecated default_context; not ours to fix
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_queries_run_on_the_native_engine(store, monkeypatch):
    """Neither our query path nor the rdflib view with a string falls back to rdflib's engine."""
    store.replace_graph(G1, triples(3))

    def python_engine(*args, **kwargs):
        raise AssertionError("fell back to rdflib's Python SPARQL engine")

    monkeypatch.setattr(processor.SPARQLProcessor, "query", python_engine)
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }"))) == 3
    dataset = store.rdflib_dataset()
    result = dataset.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(list(result)) == 3
    # A pre-parsed query is what would fall back: prove the trap above would catch it.
    from rdflib.plugins.sparql import prepareQuery

    parsed = prepareQuery("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(AssertionError, match="fell back"):
        dataset.query(parsed)


def parse_counts(data: bytes, fmt: ox.RdfFormat) -> dict[str, int]:
    """Triples per graph name ('' for the default graph) of a serialization, parsed by pyoxigraph."""
    counts: dict[str, int] = {}
    for quad in ox.parse(data, format=fmt):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        counts[name] = counts.get(name, 0) + 1
    return counts


def dumped(store, fmt: str, graph: str | None = None) -> bytes:
    out = io.BytesIO()
    store.dump(out, fmt, graph)
    return out.getvalue()


def test_dump_formats_parse_back(store):
    store.replace_graph(G1, triples(3))
    store.replace_graph(G2, triples(2, "b"))
    assert parse_counts(dumped(store, "nq"), ox.RdfFormat.N_QUADS) == {G1: 3, G2: 2}
    assert parse_counts(dumped(store, "trig"), ox.RdfFormat.TRIG) == {G1: 3, G2: 2}
    assert parse_counts(dumped(store, "turtle", graph=G2), ox.RdfFormat.TURTLE) == {"": 2}
    assert parse_counts(dumped(store, "nt"), ox.RdfFormat.N_TRIPLES) == {"": 5}
    assert parse_counts(dumped(store, "jsonld"), ox.RdfFormat.JSON_LD) == {"": 5}


@pytest.mark.parametrize("union", [True, False])
def test_match_gives_what_a_pattern_without_a_dataset_matches_in_the_engines_order(tmp_path, union):
    with open_store(tmp_path / "store", union_default_graph=union) as store:
        store.replace_graph(G1, [*triples(4), (EX.s1, EX.q, EX.o), (EX.s2, EX.q, EX.o)])
        store.replace_graph(G2, [(EX.s1, EX.q, EX.o), (EX.s3, EX.p, EX.o)])
        store.ox.add(ox.Quad(ox.NamedNode(EX.s9), ox.NamedNode(EX.q), ox.NamedNode(EX.o), ox.DefaultGraph()))
        for s, p, o in [(EX.s1, None, None), (None, EX.q, None), (None, None, EX.o), (None, None, None)]:
            pattern = " ".join(f"<{t}>" if t else f"?{v}" for t, v in ((s, "s"), (p, "p"), (o, "o")))
            variables = " ".join(f"?{v}" for t, v in ((s, "s"), (p, "p"), (o, "o")) if t is None)
            engine = [tuple(row) for row in store.query(f"SELECT {variables} WHERE {{ {pattern} }}")]
            matched = [q.triple for q in store.match(s, p, o)]
            keep = [i for i, t in enumerate((s, p, o)) if t is None]
            assert [tuple(t[i] for i in keep) for t in matched] == engine, pattern
        assert [q.subject for q in store.match(None, EX.q, EX.o)] == [
            row["s"] for row in store.query(f"SELECT ?s WHERE {{ ?s <{EX.q}> <{EX.o}> }}")
        ]
        with pytest.raises(ValueError):
            store.match("http://[bad", None, None)


def test_drop_graph(store):
    store.replace_graph(G1, triples(3))
    assert store.drop_graph(G1) is True
    assert store.drop_graph(G1) is False
    assert store.graphs() == []
    assert isinstance(store.query("ASK { ?s ?p ?o }"), ox.QueryBoolean)


def test_default_graph_is_the_merge_with_set_semantics(store):
    """A triple two articles share is one triple of the default graph; dropping one article keeps it."""
    shared = (EX.china, EX.label, Literal("China"))
    store.replace_graph(G1, [shared, (EX.a, EX.p, Literal("only in 1"))])
    store.replace_graph(G2, [shared, (EX.b, EX.p, Literal("only in 2"))])
    n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(n))["n"].value) == 3
    assert (
        int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/label> ?o }")))["n"].value)
        == 1
    )
    store.replace_graph(G1, [(EX.a, EX.p, Literal("new in 1"))])  # G1 no longer says China
    objects = sorted(sol["o"].value for sol in store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert objects == ["China", "new in 1", "only in 2"]
    assert store.drop_graph(G2)
    objects = sorted(sol["o"].value for sol in store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert objects == ["new in 1"]
    assert len(store) == 1
    assert parse_counts(dumped(store, "nt"), ox.RdfFormat.N_TRIPLES) == {"": 1}


@pytest.fixture
def seeded_store(tmp_path):
    """The seed article ingested with `kg ingest`, and the store reopened here."""
    from kg.cli import main

    from .conftest import SEED

    assert main(["ingest", str(SEED), "--store", str(tmp_path / "seeded"), "--quiet"]) == 0
    s = open_store(tmp_path / "seeded")
    yield s
    s.close()


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_the_rdflib_dataset_reads_the_ingested_seed_graph(seeded_store):
    from rdflib import RDF, RDFS, Dataset
    from rdflib.graph import ModificationException

    dataset = seeded_store.rdflib_dataset()
    assert isinstance(dataset, Dataset)
    [graph_iri] = seeded_store.graphs()
    graph = dataset.graph(URIRef(graph_iri))
    assert len(graph) == len(list(seeded_store.quads(graph_iri))) > 100
    summit = URIRef("https://w3id.org/summit-kg/id/summit/sco/17")
    skg_summit = URIRef("https://w3id.org/summit-kg/ontology#Summit")
    assert (summit, RDF.type, skg_summit) in graph
    assert str(graph.value(summit, RDFS.label)) == "17th SCO Summit, Astana 2017"
    # a query string runs on Oxigraph; the default graph is the store's (the merge)
    rows = list(dataset.query("SELECT ?s WHERE { ?s a <https://w3id.org/summit-kg/ontology#Summit> }"))
    assert [row[0] for row in rows] == [summit]
    # the same store, not a copy: a later write is seen
    seeded_store.replace_graph(G1, triples(2))
    assert len(dataset.graph(URIRef(G1))) == 2
    # read-only: rdflib writes would bypass the merge
    with pytest.raises(ModificationException):
        graph.add((summit, RDFS.comment, Literal("no")))
    with pytest.raises(ModificationException):
        dataset.update("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(ModificationException):  # a new graph; an existing one (above) is only looked up
        dataset.graph(URIRef("http://example.org/no-such-graph"))
    assert len(graph) == len(list(seeded_store.quads(graph_iri)))


def test_closing_the_store_closes_its_rdflib_views(tmp_path):
    path = tmp_path / "store"
    store = open_store(path)
    store.replace_graph(G1, triples(1))
    view = store.rdflib_dataset()
    store.close()
    with open_store(path) as again:  # the lock is gone, though the view is still referenced
        assert again.graphs() == [G1]
    with pytest.raises(AttributeError):  # oxrdflib's closed store
        len(view)


def test_a_read_only_open_sees_the_store_as_of_its_opening_until_reopened(store):
    from kg.errors import NoStore
    from kg.store import Store

    store.replace_graph(G1, triples(1))
    store.flush()
    view = Store.open_read_only(store.path)
    try:
        assert not view.writable and not view.bulk_loadable and not view.endpoint_writes and view.local
        store.replace_graph(G2, triples(2))
        store.flush()
        assert view.graphs() == [G1]
        with pytest.raises(ValueError):
            store.reopen()  # only a read-only open catches up
        # The writer goes before the view catches up: a read-only open of a folder another
        # store writes races its compactions (files listed, then deleted), which is why the
        # server's readers open checkpoints instead (kg.web.serving.publish_view).
        store.close()
        view.reopen()
        assert view.graphs() == [G1, G2] and count(view) == 3
    finally:
        view.close()
    with pytest.raises(NoStore):
        Store.open_read_only(store.path.parent / "nothing-here")
