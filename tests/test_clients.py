"""Real SPARQL clients against the running server: SPARQLWrapper, and rdflib's SPARQLStore.

The server is ``create_app`` under waitress (``tests/live.py``) over a small store built
here, with the default settings: queries run in the worker pool.  What the clients get
back is compared with what was stored.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.store import open_store

from .endpoint import rdflib_quiet
from .live import Server, make_app

EX = "http://example.org/clients/"
G1, G2 = EX + "graph/1", EX + "graph/2"
ASTANA, SCO, INDIA = URIRef(EX + "astana"), URIRef(EX + "sco"), URIRef(EX + "india")
GRAPHS = {
    G1: [
        (ASTANA, RDF.type, URIRef(EX + "City")),
        (ASTANA, RDFS.label, Literal("Astana", lang="en")),
        (ASTANA, URIRef(EX + "population"), Literal(1350228, datatype=XSD.integer)),
    ],
    G2: [
        (SCO, RDFS.label, Literal("Shanghai Cooperation Organisation")),
        (INDIA, RDFS.label, Literal("India")),
        (INDIA, URIRef(EX + "memberOf"), SCO),
        (ASTANA, RDFS.label, Literal("Astana", lang="en")),
    ],
}
UNION = {t for triples in GRAPHS.values() for t in triples}
LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
EXPECTED_LABELS = [(str(INDIA), "India"), (str(SCO), "Shanghai Cooperation Organisation"), (str(ASTANA), "Astana")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "store"
    with open_store(path) as store:
        for graph, triples in GRAPHS.items():
            store.replace_graph(graph, triples)
    srv = Server(make_app(path))
    yield srv
    srv.close()


def union_graph() -> Graph:
    graph = Graph()
    for t in UNION:
        graph.add(t)
    return graph


def wrapper(server, query: str, fmt: str, *, method: str = GET, request_method: str = URLENCODED) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setRequestMethod(request_method)
    return sw


def sorted_labels(pairs) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda p: (p[1], p[0]))


# -- SPARQLWrapper ----------------------------------------------------------------------------


@pytest.mark.parametrize("method, request_method", [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_sparqlwrapper_select_json(server, method, request_method):
    result = wrapper(server, LABELS, JSON, method=method, request_method=request_method).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
    doc = result.convert()
    assert doc["head"]["vars"] == ["s", "label"]
    rows = [(b["s"]["value"], b["label"]["value"]) for b in doc["results"]["bindings"]]
    assert sorted_labels(rows) == sorted_labels(EXPECTED_LABELS)
    astana = next(b for b in doc["results"]["bindings"] if b["s"]["value"] == str(ASTANA))
    assert astana["label"]["xml:lang"] == "en"


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_select_xml(server, method):
    doc = wrapper(server, LABELS, XML, method=method).query().convert()  # an xml.dom.minidom Document
    rows = []
    for result in doc.getElementsByTagName("result"):
        values = {
            b.getAttribute("name"): b.firstChild.firstChild.nodeValue for b in result.getElementsByTagName("binding")
        }
        rows.append((values["s"], values["label"]))
    assert sorted_labels(rows) == sorted_labels(EXPECTED_LABELS)


@pytest.mark.parametrize(
    "query, answer",
    [
        (f"ASK {{ <{INDIA}> <{EX}memberOf> <{SCO}> }}", True),
        (f"ASK {{ <{SCO}> <{EX}memberOf> <{INDIA}> }}", False),
    ],
)
@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_ask(server, query, answer, method):
    assert wrapper(server, query, JSON, method=method).query().convert()["boolean"] is answer
    doc = wrapper(server, query, XML, method=method).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.nodeValue == str(answer).lower()


@pytest.mark.parametrize("fmt", [RDFXML, JSONLD])
@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_construct_returns_an_rdflib_graph(server, fmt, method):
    sw = wrapper(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", fmt, method=method)
    with rdflib_quiet():  # SPARQLWrapper builds rdflib's deprecated ConjunctiveGraph
        graph = sw.query().convert()
    assert isinstance(graph, Graph)
    assert isomorphic(graph, union_graph())


def test_sparqlwrapper_construct_as_turtle_bytes(server):
    data = (
        wrapper(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", TURTLE).query().convert()
    )
    graph = Graph().parse(data=data, format="turtle")
    assert set(graph) == set(GRAPHS[G1])


def test_sparqlwrapper_sees_a_bad_query_as_bad_formed(server):
    with pytest.raises(QueryBadFormed) as info:  # SPARQLWrapper's name for a 400
        wrapper(server, "SELECT ?s WHERE { ?s ", JSON).query()
    assert "SPARQL syntax error" in str(info.value)  # the server's message reaches the client


# -- rdflib's SPARQLStore ---------------------------------------------------------------------------


@pytest.fixture(params=["GET", "POST", "POST_FORM"])
def remote(server, request):
    """A Graph whose store is the server, through each of SPARQLStore's request methods."""
    store = SPARQLStore(server.url + "/sparql", method=request.param)
    yield Graph(store=store)
    store.close()


def test_sparqlstore_query_select_ask_construct(remote):
    rows = remote.query(LABELS)
    assert [str(v) for v in rows.vars] == ["s", "label"]
    assert sorted_labels([(str(s), str(label)) for s, label in rows]) == sorted_labels(EXPECTED_LABELS)
    assert remote.query(f"ASK {{ <{INDIA}> <{EX}memberOf> <{SCO}> }}").askAnswer is True
    constructed = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    assert isomorphic(constructed, union_graph())


def test_graph_api_over_sparqlstore(remote):
    """rdflib's Graph methods become SPARQL queries the server answers (the default graph: the merge)."""
    assert len(remote) == len(UNION)
    assert set(remote.triples((None, None, None))) == UNION
    assert set(remote.objects(ASTANA, RDFS.label)) == {Literal("Astana", lang="en")}
    assert remote.value(ASTANA, URIRef(EX + "population")) == Literal(1350228, datatype=XSD.integer)
    assert (INDIA, URIRef(EX + "memberOf"), SCO) in remote
    assert (SCO, URIRef(EX + "memberOf"), INDIA) not in remote


def test_one_named_graph_over_sparqlstore(server):
    store = SPARQLStore(server.url + "/sparql")
    try:
        graph = Graph(store=store, identifier=URIRef(G1))
        assert set(graph.triples((None, None, None))) == set(GRAPHS[G1])
        assert len(graph) == len(GRAPHS[G1])
    finally:
        store.close()


def test_sparqlstore_is_read_only(remote):
    with pytest.raises(TypeError):
        remote.add((SCO, RDFS.label, Literal("changed")))
    assert set(remote.objects(SCO, RDFS.label)) == {Literal("Shanghai Cooperation Organisation")}
