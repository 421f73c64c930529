"""The store contract, on every backend: embedded Oxigraph, oxigraph serve and Virtuoso.

One parametrized fixture, ``any_store``; the same assertions for each.  The external
servers are real (:mod:`tests.external`) and shared by the session, so every test
writes graphs and subjects of its own (``names``) and asserts on those, never on the
whole store.  What is guaranteed everywhere: the default graph of a query without a
dataset is the set-merge of the named graphs (a triple two graphs hold counts once),
``GRAPH ?g`` ranges over the named graphs (not the merge, not a server's own graphs),
and a protocol dataset (or the query's FROM) replaces both.
"""

from __future__ import annotations

import io
import re
import uuid

import pyoxigraph as ox
import pytest
import requests
from rdflib import RDFS, Literal, Namespace, URIRef

from kg.errors import BadRequest, QuerySyntaxError, StoreError
from kg.store import open_store
from kg.store.http import COMPLETE, HOLDS, INSERT_LINES, MERGE_GRAPH, REGISTRY_GRAPH, HttpStore

from .external import VIRTUOSO_MAX_ROWS, external_servers  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

BACKENDS = ["embedded", "oxigraph", "virtuoso"]
HOSTILE = 'x" } ; DROP ALL ; INSERT DATA { <http://evil/s> <http://evil/p> "o" } #\n{ \' """ \\ \u0001 é'


@pytest.fixture(params=BACKENDS)
def any_store(request, tmp_path, external_servers):  # noqa: F811
    if request.param == "embedded":
        store = open_store(tmp_path / "store")
    else:
        server = external_servers(request.param)
        store = open_store(server.url, environ=server.account)
    yield store
    store.close()


@pytest.fixture
def names():
    """A namespace of this test's own, for graphs and subjects."""
    return Namespace(f"http://example.org/{uuid.uuid4().hex}/")


def triples(ns, n: int, tag: str = "x"):
    return [(ns[f"s{i}"], ns.p, Literal(f'{tag} {i} "quoted" \\ <angle> {{braces}}', lang="en")) for i in range(n)]


def count(store, pattern: str, **dataset) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", **dataset)))["n"].value)


def in_graph(store, graph) -> int:
    return count(store, f"GRAPH <{graph}> {{ ?s ?p ?o }}")


def test_replace_graph_is_idempotent_and_replaces(any_store, names):
    g = str(names.graph)
    assert any_store.replace_graph(g, triples(names, 5)) == 5
    assert any_store.replace_graph(g, triples(names, 5)) == 5
    assert in_graph(any_store, g) == 5
    any_store.replace_graph(g, triples(names, 2, "y"))
    assert in_graph(any_store, g) == 2
    values = sorted(row["o"].value for row in any_store.query("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[g]))
    assert values[0].startswith('y 0 "quoted" \\ <angle> {braces}')


def test_replace_graph_is_all_or_nothing(any_store, names):
    g = str(names.graph)
    any_store.replace_graph(g, triples(names, 3))
    bad = triples(names, 2, "new") + [(names.s, names.p, URIRef("http://example.org/not an iri"))]
    with pytest.raises((BadRequest, ValueError)):
        any_store.replace_graph(g, bad)
    with pytest.raises(BadRequest):
        any_store.replace_graph("http://x/a> <http://evil", triples(names, 1))
    with pytest.raises(BadRequest):
        any_store.replace_graph("relative/graph", triples(names, 1))
    assert in_graph(any_store, g) == 3
    assert sorted(q.object.value for q in any_store.quads(g))[0].startswith("x 0")


def test_graphs_has_graph_and_drop_graph(any_store, names):
    g1, g2 = str(names.g1), str(names.g2)
    any_store.replace_graph(g1, triples(names, 2))
    any_store.replace_graph(g2, triples(names, 1, "b"))
    graphs = any_store.graphs()
    assert {g1, g2} <= set(graphs) and graphs == sorted(graphs)
    assert any_store.has_graph(g1) and not any_store.has_graph(str(names.nothing))
    assert any_store.drop_graph(g1) is True
    assert any_store.drop_graph(g1) is False
    assert g1 not in any_store.graphs() and g2 in any_store.graphs()
    assert not any_store.has_graph(g1)


def test_a_graph_replaced_by_nothing_is_gone(any_store, names):
    g = str(names.g)
    any_store.replace_graph(g, triples(names, 2))
    assert any_store.replace_graph(g, []) == 0
    assert not any_store.has_graph(g) and g not in any_store.graphs()
    assert count(any_store, f"<{names.s0}> ?p ?o") == 0  # gone from the merge too
    assert any_store.replace_graph(str(names.never), []) == 0
    assert str(names.never) not in any_store.graphs()


def test_a_graph_of_a_whole_number_of_insert_chunks(any_store, names):
    """A graph of exactly INSERT_LINES triples (the external store's chunk size) is written whole."""
    g = str(names.g)
    assert any_store.replace_graph(g, triples(names, INSERT_LINES)) == INSERT_LINES
    assert in_graph(any_store, g) == INSERT_LINES and g in any_store.graphs()
    any_store.drop_graph(g)


def test_default_graph_is_the_set_merge(any_store, names):
    g1, g2 = str(names.g1), str(names.g2)
    shared = (names.shared, names.p, Literal("in both"))
    any_store.replace_graph(g1, [shared, (names.only1, names.p, Literal("one"))])
    any_store.replace_graph(g2, [shared])
    subject = f"<{names.shared}> ?p ?o"
    assert count(any_store, subject) == 1  # once, though two graphs hold it
    assert count(any_store, f"GRAPH ?g {{ {subject} }}") == 2
    assert count(any_store, f"<{names.only1}> ?p ?o") == 1
    any_store.replace_graph(g1, [(names.only1, names.p, Literal("one"))])  # g2 still holds the shared triple
    assert count(any_store, subject) == 1
    any_store.drop_graph(g2)
    assert count(any_store, subject) == 0
    assert count(any_store, f"<{names.only1}> ?p ?o") == 1
    merged = {t for t in any_store.default_graph() if str(names) in t.subject.value}
    assert merged == {ox.Triple(ox.NamedNode(str(names.only1)), ox.NamedNode(str(names.p)), ox.Literal("one"))}


def test_graph_patterns_see_the_named_graphs_only(any_store, names):
    g = str(names.g)
    any_store.replace_graph(g, triples(names, 2))
    rows = any_store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{names.s0}> ?p ?o }} }}")
    assert [row["g"].value for row in rows] == [g]
    assert MERGE_GRAPH not in any_store.graphs() and REGISTRY_GRAPH not in any_store.graphs()
    assert not any(g.startswith("http://www.openlinksw.com/") for g in any_store.graphs())
    assert count(any_store, f"GRAPH ?g {{ ?s <{HOLDS}> <{g}> }}") == 0  # the registry is not a named graph


def test_protocol_dataset_and_from(any_store, names):
    g1, g2 = str(names.g1), str(names.g2)
    any_store.replace_graph(g1, triples(names, 3))
    any_store.replace_graph(g2, triples(names, 4, "b"))
    assert count(any_store, "?s ?p ?o", default_graphs=[g2]) == 4
    assert count(any_store, "?s ?p ?o", default_graphs=[g1, g2]) == 7
    named = any_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", default_graphs=[], named_graphs=[g1])
    assert [row["g"].value for row in named] == [g1]
    assert count(any_store, "GRAPH ?g { ?s ?p ?o }", default_graphs=[g1]) == 0  # no named graphs given: none
    assert count(any_store, "?s ?p ?o", default_graphs=[], named_graphs=[g1]) == 0  # empty default graph
    from_query = f"SELECT (COUNT(*) AS ?n) FROM <{g1}> WHERE {{ ?s ?p ?o }}"
    assert int(next(iter(any_store.query(from_query)))["n"].value) == 3
    from_named = f"SELECT DISTINCT ?g FROM NAMED <{g2}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row["g"].value for row in any_store.query(from_named)] == [g2]


def test_select_ask_construct(any_store, names):
    g = str(names.g)
    any_store.replace_graph(g, triples(names, 2))
    result = any_store.query(f"SELECT ?s ?o WHERE {{ ?s <{names.p}> ?o }} ORDER BY ?s")
    assert isinstance(result, ox.QuerySolutions)
    assert [v.value for v in result.variables] == ["s", "o"]
    rows = list(result)
    assert [row["s"].value for row in rows] == [str(names.s0), str(names.s1)]
    assert rows[0]["o"].language == "en"
    yes = any_store.query(f"ASK {{ <{names.s0}> ?p ?o }}")
    no = any_store.query(f"ASK {{ <{names.s9}> ?p ?o }}")
    assert isinstance(yes, ox.QueryBoolean) and isinstance(no, ox.QueryBoolean)
    assert bool(yes) is True and bool(no) is False
    graph = any_store.query(f"CONSTRUCT {{ ?s <{names.q}> ?o }} WHERE {{ ?s <{names.p}> ?o }}")
    assert isinstance(graph, ox.QueryTriples)
    built = list(ox.parse(ox.serialize(graph, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))
    assert {q.subject.value for q in built} == {str(names.s0), str(names.s1)}
    assert {q.predicate.value for q in built} == {str(names.q)}
    described = list(any_store.query(f"DESCRIBE <{names.s0}>"))
    assert len(described) == 1 and described[0].subject.value == str(names.s0)


def test_substitutions_are_bound_not_pasted(any_store, names):
    g = str(names.g)
    hostile = Literal(HOSTILE)
    any_store.replace_graph(g, [(names.a, names.p, hostile), (names.b, names.p, Literal("plain"))])
    before = any_store.graphs()
    # (this test's subjects only: other tests on a shared server store the same literal)
    mine = f'SELECT ?s ?o WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{names}")) }}'
    rows = list(any_store.query(mine, substitutions={"o": ox.Literal(HOSTILE)}))
    assert [(row["s"].value, row["o"].value) for row in rows] == [(str(names.a), HOSTILE)]
    rows = list(any_store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", substitutions={"s": ox.NamedNode(str(names.b))}))
    assert [row["o"].value for row in rows] == ["plain"]
    # a sub-SELECT as the WHERE group, and a grouped query (the value joins before the grouping)
    sub = "SELECT ?s ?o WHERE { { SELECT ?s ?o WHERE { ?s ?p ?o } } }"
    assert [r["o"].value for r in any_store.query(sub, substitutions={"s": ox.NamedNode(str(names.a))})] == [HOSTILE]
    grouped = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"
    rows = list(any_store.query(grouped, substitutions={"s": ox.NamedNode(str(names.b))}))
    assert [(r["s"].value, r["n"].value) for r in rows] == [(str(names.b), "1")]
    assert any_store.graphs() == before
    assert not any_store.query("ASK { <http://evil/s> ?p ?o }")


def test_base_iri_resolves_relative_iris(any_store):
    rows = list(any_store.query("SELECT ?x WHERE { BIND(<rel> AS ?x) }", base_iri="http://example.org/base/"))
    assert rows[0]["x"] == ox.NamedNode("http://example.org/base/rel")


def test_bad_queries_are_syntax_errors(any_store):
    with pytest.raises(QuerySyntaxError):
        any_store.query("SELECT ?x WHERE { ?x ")
    with pytest.raises(QuerySyntaxError):
        any_store.query('INSERT DATA { <http://example.org/s> <http://example.org/p> "o" }')
    with pytest.raises(BadRequest):
        any_store.query("SELECT * WHERE { ?s ?p ?o }", default_graphs=["not an iri"])


def test_quads_len_and_graph_contains(any_store, names):
    g = str(names.g)
    size = len(any_store)
    any_store.replace_graph(g, triples(names, 3))
    assert len(any_store) == size + 3
    quads = list(any_store.quads(g))
    assert len(quads) == 3 and {q.graph_name for q in quads} == {ox.NamedNode(g)}
    assert sum(1 for q in any_store.quads() if q.graph_name == ox.NamedNode(g)) == 3
    s, p, o = triples(names, 1)[0]
    assert any_store.graph_contains(g, s, p, o)
    assert not any_store.graph_contains(g, s, p, Literal("other"))


def test_replace_graphs_batch(any_store, names):
    g1, g2 = str(names.g1), str(names.g2)
    any_store.replace_graph(g1, triples(names, 5))
    nt = ox.serialize(
        [ox.Triple(ox.NamedNode(str(names.n)), ox.NamedNode(str(names.p)), ox.Literal(HOSTILE))],
        format=ox.RdfFormat.N_TRIPLES,
    )
    any_store.replace_graphs([(g1, nt), (g2, nt)])
    assert in_graph(any_store, g1) == 1 and in_graph(any_store, g2) == 1
    assert count(any_store, f"<{names.n}> ?p ?o") == 1
    assert count(any_store, f"<{names.s3}> ?p ?o") == 0  # g1's old triples left the merge


def dumped(store, fmt: str, graph: str | None = None) -> list[ox.Quad]:
    out = io.BytesIO()
    store.dump(out, fmt, graph)
    from kg.formats import dump_format

    return list(ox.parse(out.getvalue(), format=dump_format(fmt)))


def test_dump_round_trips(any_store, names):
    g1, g2 = str(names.g1), str(names.g2)
    shared = (names.shared, names.p, Literal(HOSTILE))
    any_store.replace_graph(g1, triples(names, 3) + [shared])
    any_store.replace_graph(g2, [shared])
    expected = set(any_store.quads(g1))
    assert set(dumped(any_store, "nq", g1)) == expected
    assert {q.triple for q in dumped(any_store, "turtle", g1)} == {q.triple for q in expected}
    everything = [q for q in dumped(any_store, "nq") if q.graph_name in (ox.NamedNode(g1), ox.NamedNode(g2))]
    assert len(everything) == 5
    merge = [q for q in dumped(any_store, "nt") if q.subject.value.startswith(str(names))]
    assert len(merge) == 4  # the shared triple once
    assert ox.Literal(HOSTILE) in {q.object for q in merge}


def test_ask_about_a_graph_that_does_not_exist(any_store, names):
    any_store.replace_graph(str(names.g), triples(names, 1))
    assert bool(any_store.query(f"ASK {{ GRAPH <{names.g}> {{ ?s ?p ?o }} }}")) is True
    assert bool(any_store.query(f"ASK {{ GRAPH <{names.nothing}> {{ ?s ?p ?o }} }}")) is False


def test_entity_pages_read_the_same(any_store, names):
    """The web layer's entity queries (default graph UNION named graphs, bound values) on each backend."""
    from kg.web.entities import describe
    from kg.web.runner import QueryRunner

    any_store.replace_graph(
        str(names.g),
        [(names.e, names.p, names.o), (names.o, RDFS.label, Literal("the o")), (names.x, names.q, names.e)],
    )
    desc = describe(QueryRunner(any_store, {"query_timeout_s": 0, "max_rows": 0}), ox.NamedNode(str(names.e)))
    assert desc.outgoing == {(ox.NamedNode(str(names.p)), ox.NamedNode(str(names.o))): "the o"}
    assert set(desc.incoming) == {(ox.NamedNode(str(names.x)), ox.NamedNode(str(names.q)))}


def test_the_capabilities_say_up_front_what_a_backend_can_do(any_store):
    """Callers ask the capabilities (kg.store.contract), not the class: a local store is a folder with a bulk
    loader that takes the endpoints' writes; an external one has none of those methods to refuse at run time."""
    from kg.store import is_local, takes_endpoint_writes

    local = not isinstance(any_store, HttpStore)
    assert any_store.local is local and is_local(any_store) is local
    assert any_store.bulk_loadable is local and any_store.writable is True
    assert takes_endpoint_writes(any_store) is local
    for method in ("put_graph", "add_to_graph", "replace_default", "update", "bulk_load_graphs", "clear"):
        assert hasattr(any_store, method) is local, method
    assert hasattr(any_store, "path") is local


def test_an_external_store_with_an_update_token_takes_no_writes_through_this_server(external_servers):  # noqa: F811
    from .live import Server, make_app

    server = external_servers("oxigraph")
    live = Server(make_app(server.url, update_token="secret"))
    try:
        response = requests.put(
            live.url + "/store",
            params={"graph": "http://example.org/g"},
            timeout=30,
            data="<http://example.org/s> <http://example.org/p> 1 .",
            headers={"Authorization": "Bearer secret", "Content-Type": "application/n-triples"},
        )
        assert response.status_code == 405 and "read-only" in response.text
        assert "kg.writes" not in live.app.extensions
    finally:
        live.close()


def test_each_kind_of_server_is_a_dialect():
    """What differs between servers is asked of their Dialect (no server-name checks in HttpStore)."""
    from kg.store.common import unmerge
    from kg.store.http import DIALECTS, SERVERS, detect

    assert SERVERS == ("auto", "oxigraph", "virtuoso", "summit-kg", "sparql")
    assert [detect(h).name for h in ("Virtuoso/07.20.3240 (Linux)", "oxigraph/0.5.3", "summit-kg", "waitress")] == [
        "virtuoso",
        "oxigraph",
        "summit-kg",
        "sparql",
    ]
    url = "http://db.example:8890/sparql"
    assert DIALECTS["virtuoso"].endpoints(url, has_credentials=True) == (url, "http://db.example:8890/sparql-auth")
    assert DIALECTS["virtuoso"].endpoints("http://db.example:8890/", has_credentials=False) == (url, url)
    assert DIALECTS["oxigraph"].endpoints("http://ox.example/query", has_credentials=False) == (
        "http://ox.example/query",
        "http://ox.example/update",
    )
    assert DIALECTS["summit-kg"].endpoints("http://kg.example/x", has_credentials=True) == (
        "http://kg.example/sparql",
        "http://kg.example/sparql",
    )
    assert DIALECTS["sparql"].endpoints(url, has_credentials=True) == (url, url)
    g = ox.NamedNode("http://example.org/g")
    assert DIALECTS["oxigraph"].unmerge(g) == DIALECTS["sparql"].unmerge(g) == unmerge(g)
    virtuoso = DIALECTS["virtuoso"].unmerge(g)
    assert f"GRAPH <{MERGE_GRAPH}>" in virtuoso and f"?other != <{REGISTRY_GRAPH}>" in virtuoso
    assert DIALECTS["virtuoso"].hidden(ox.NamedNode(MERGE_GRAPH)) and not DIALECTS["sparql"].hidden(
        ox.NamedNode(MERGE_GRAPH)
    )
    assert DIALECTS["sparql"].register(g, True) == "" and "INSERT DATA" in DIALECTS["virtuoso"].register(g, True)


# -- what only an external store can do ------------------------------------------------------


def test_an_unreachable_store_is_a_store_error(tmp_path):
    from .external import free_port

    with open_store(f"http://127.0.0.1:{free_port()}/sparql") as store:
        with pytest.raises(StoreError, match="cannot reach the store"):
            store.graphs()
        with pytest.raises(BadRequest):  # checked before anything is sent: no StoreError
            store.replace_graph("not an iri", [])


@pytest.mark.parametrize("backend", ["oxigraph", "virtuoso"])
def test_the_server_kind_is_told_by_its_answers(external_servers, backend):  # noqa: F811
    server = external_servers(backend)
    with open_store(server.url, environ=server.account) as store:
        assert isinstance(store, HttpStore) and store.server == backend


def test_summit_kg_is_an_external_store_too(tmp_path, names):
    """A summit-kg server (read-only, its default graph the merge already) read through HttpStore."""
    from .live import Server, make_app

    with open_store(tmp_path / "store") as embedded:
        embedded.replace_graph(str(names.g1), triples(names, 3) + [(names.shared, names.p, Literal("both"))])
        embedded.replace_graph(str(names.g2), [(names.shared, names.p, Literal("both"))])
    live = Server(make_app(tmp_path / "store"))
    try:
        with open_store(live.url + "/sparql") as store:
            assert store.server == "sparql"
            assert store.graphs() == [str(names.g1), str(names.g2)]
            assert count(store, f"<{names.shared}> ?p ?o") == 1
            assert count(store, "GRAPH ?g { ?s ?p ?o }") == len(store) == 5
            assert set(dumped(store, "nq", str(names.g1))) == set(store.quads(str(names.g1)))
            with pytest.raises(StoreError):  # read-only: summit-kg refuses the update
                store.replace_graph(str(names.g3), triples(names, 1))
    finally:
        live.close()


def test_virtuoso_refuses_a_wrong_password(external_servers, names):  # noqa: F811
    server = external_servers("virtuoso")
    with open_store(server.url, environ={"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "wrong"}) as store:
        with pytest.raises(StoreError, match="refused") as info:
            store.replace_graph(str(names.g), triples(names, 1))
        assert "KG_STORE_USER" in info.value.message
        assert not store.has_graph(str(names.g))


def test_virtuoso_cutting_a_result_is_an_error(external_servers, names):  # noqa: F811
    """Virtuoso stops a result at ResultSetMaxRows; the store says so instead of answering part of it."""
    server = external_servers("virtuoso")
    with open_store(server.url, environ=server.account) as store:
        g = str(names.big)
        try:
            store.replace_graph(g, triples(names, VIRTUOSO_MAX_ROWS + 1))
            assert in_graph(store, g) == VIRTUOSO_MAX_ROWS + 1
            with pytest.raises(StoreError, match="cut the result"):
                list(store.quads(g))
        finally:  # a graph this big would cut every later test's dump of the shared server
            store.drop_graph(g)


class Recording(requests.Session):
    """A session that keeps the form of every request it sends (the query or update text)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict] = []

    def request(self, method, url, data=None, **kwargs):  # type: ignore[override]
        self.sent.append(dict(data or {}))
        return super().request(method, url, data=data, **kwargs)

    def queries(self) -> list[str]:
        return [form["query"] for form in self.sent if "query" in form]


def virtuoso_store(server, session: requests.Session) -> HttpStore:
    return HttpStore(
        server.url,
        server="virtuoso",
        session=session,
        auth=requests.auth.HTTPDigestAuth(server.account["KG_STORE_USER"], server.account["KG_STORE_PASSWORD"]),
    )


def registry_of(server) -> tuple[set[str], bool]:
    """The graphs Virtuoso's registry graph lists, and whether it is marked complete (read without HttpStore)."""
    query = f"SELECT ?p ?g WHERE {{ GRAPH <{REGISTRY_GRAPH}> {{ <{REGISTRY_GRAPH}> ?p ?g }} }}"
    answer = requests.post(
        server.url, data={"query": query}, timeout=30, headers={"Accept": "application/sparql-results+json"}
    )
    answer.raise_for_status()
    rows = [(b["p"]["value"], b["g"]["value"]) for b in answer.json()["results"]["bindings"]]
    return {g for p, g in rows if p == HOLDS}, any(p == COMPLETE for p, _ in rows)


def scans_every_graph(query: str) -> bool:
    """Whether a query ranges GRAPH ?var over whatever graphs the server has (no DEFINE naming them)."""
    return bool(re.search(r"GRAPH\s+\?", query)) and "DEFINE input:named-graph-uri" not in query


def test_virtuoso_lists_its_graphs_in_a_registry_not_by_a_scan(external_servers, names):  # noqa: F811
    """Every Virtuoso query with a GRAPH pattern needs the list of graphs: it is read from the registry graph,
    which each write keeps in the same request; no query sent looks through every graph for it."""
    server = external_servers("virtuoso")
    g1, g2, g3 = str(names.g1), str(names.g2), str(names.g3)
    session = Recording()
    with virtuoso_store(server, session) as store:
        store.replace_graph(g1, triples(names, 3))
        store.replace_graphs(
            [
                (
                    g2,
                    ox.serialize(
                        [ox.Triple(ox.NamedNode(str(names.b)), ox.NamedNode(str(names.p)), ox.Literal("b"))],
                        format=ox.RdfFormat.N_TRIPLES,
                    ),
                )
            ]
        )
        store.replace_graph(g3, triples(names, 1))
        updates = [form["update"] for form in session.sent if "update" in form]
        assert len(updates) == 3 and all(REGISTRY_GRAPH in text for text in updates)  # in the same request
        assert {g1, g2, g3} <= registry_of(server)[0] and registry_of(server)[1]

        session.sent.clear()
        assert {g1, g2, g3} <= set(store.graphs())
        mine = (
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{names}")) }} GROUP BY ?g'
        )
        assert {r["g"].value: int(r["n"].value) for r in store.query(mine)} == {g1: 3, g2: 1, g3: 1}
        assert len(store) >= 5
        assert {q.graph_name.value for q in store.quads()} >= {g1, g2, g3}
        assert len(session.queries()) == 7  # graphs(): 1; each of the others: the registry, then the query
        assert not [q for q in session.queries() if scans_every_graph(q)]

        store.drop_graph(g1)
        store.replace_graph(g2, [])
        held = registry_of(server)[0]
        assert g1 not in held and g2 not in held and g3 in held
        assert [g for g in store.graphs() if g.startswith(str(names))] == [g3]
        store.drop_graph(g3)


def test_virtuoso_builds_the_registry_of_a_store_written_before_it(tmp_path, names):
    """A store whose graphs were written without the registry: listed from the data (correct, slower), and the
    first write through summit-kg registers every graph in the same request."""
    from .external import start_virtuoso

    server = start_virtuoso(tmp_path)  # its own server: the shared one has a registry already
    try:
        g1, g2 = str(names.g1), str(names.g2)
        digest = requests.auth.HTTPDigestAuth(server.account["KG_STORE_USER"], server.account["KG_STORE_PASSWORD"])
        old = f'INSERT DATA {{ GRAPH <{g1}> {{ <{names.s}> <{names.p}> "old" }} }}'
        requests.post(server.url + "-auth", data={"update": old}, auth=digest, timeout=30).raise_for_status()
        assert registry_of(server) == (set(), False)
        with virtuoso_store(server, Recording()) as store:
            assert store.graphs() == [g1]
            store.replace_graph(g2, triples(names, 2))
            assert registry_of(server) == ({g1, g2}, True)
        session = Recording()
        with virtuoso_store(server, session) as store:
            assert store.graphs() == [g1, g2]
            assert count(store, "GRAPH ?g { ?s ?p ?o }") == 3
            assert not [q for q in session.queries() if scans_every_graph(q)]
    finally:
        server.close()


# -- end to end: `kg ingest`, `kg query` and the web app on an external store --------------------

ARTICLE = """BRICS leaders meet in Johannesburg for 15th summit

(Example Wire)    09:00, August 23, 2023

JOHANNESBURG, Aug. 22 -- The 15th BRICS Summit opened on Tuesday in Johannesburg, South Africa, bringing \
together the leaders of Brazil, Russia, India, China and South Africa.

South African President Cyril Ramaphosa hosted the three-day summit, which runs until Thursday. Chinese \
President Xi Jinping, Brazilian President Luiz Inacio Lula da Silva and Indian Prime Minister Narendra Modi \
attended in person.

The leaders adopted the Johannesburg II Declaration on Thursday. Argentina, Egypt, Ethiopia, Iran, Saudi \
Arabia and the United Arab Emirates were invited to become full members of BRICS.
"""
SUMMIT = "https://w3id.org/summit-kg/id/summit/brics/15"


@pytest.mark.parametrize("backend", ["oxigraph", "virtuoso"])
def test_ingest_query_and_serve_an_external_store(
    external_servers,  # noqa: F811  (the fixture imported above)
    backend,
    tmp_path,
    monkeypatch,
    capsys,
):
    import requests

    from kg.cli import main
    from kg.resources import queries_dir

    from .live import Server, make_app

    server = external_servers(backend)
    article = tmp_path / "brics-2023.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("KG_STORE", server.url)
    for key, value in server.account.items():
        monkeypatch.setenv(key, value)
    assert main(["ingest", str(article), "--force"]) == 0
    assert main(["query", str(queries_dir() / "summits.rq"), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert SUMMIT in out and "Johannesburg" in out and "2023-08-22" in out

    app = make_app(server.url)
    live = Server(app)
    try:
        query = (
            f"SELECT ?label ?start WHERE {{ <{SUMMIT}> <http://www.w3.org/2000/01/rdf-schema#label> ?label ; "
            "<https://w3id.org/summit-kg/ontology#startDate> ?start }"
        )
        response = requests.get(
            live.url + "/sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        [row] = response.json()["results"]["bindings"]
        assert row["start"]["value"] == "2023-08-22"
        # the graph the article was stored in, over the Graph Store Protocol's read side
        in_graphs = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{SUMMIT}> ?p ?o }} }}"
        graphs = requests.get(
            live.url + "/sparql",
            params={"query": in_graphs},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        ).json()
        [graph] = [b["g"]["value"] for b in graphs["results"]["bindings"]]
        turtle = requests.get(
            live.url + "/store", params={"graph": graph}, headers={"Accept": "text/turtle"}, timeout=30
        )
        assert turtle.status_code == 200
        assert any(t.subject.value == SUMMIT for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    finally:
        live.close()


def test_an_unreachable_store_in_the_cli_and_the_web_app(monkeypatch, capsys):
    import requests

    from kg.cli import main

    from .external import free_port
    from .live import Server, make_app

    url = f"http://127.0.0.1:{free_port()}/sparql"
    monkeypatch.setenv("KG_STORE", url)
    assert main(["graphs"]) == 1
    assert "cannot reach the store" in capsys.readouterr().err
    live = Server(make_app(url))
    try:
        response = requests.get(
            live.url + "/sparql",
            params={"query": "SELECT * WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert response.status_code == 503
        assert "cannot reach the store" in response.text
    finally:
        live.close()
