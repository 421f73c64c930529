"""The lookup fast path of /sparql (kg/web/lookups.py), over real HTTP and a real store.

Every answer of the fast path is compared with the general path's answer to the same
query (a POST, which never takes the fast path): same status, body and headers.  That
the fast path was really taken is seen from the query workers: it never starts one.
"""

from __future__ import annotations

import random
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox
import pytest
import requests
from rdflib import RDF, XSD, Literal, URIRef

from kg.store import open_store
from kg.web.lookups import _percent_decoded, bounded_lookup

from .live import Server, make_app

EX = "http://example.org/lookups/"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }}"
JSON = "application/sparql-results+json"
TOKEN = "lookup-token"
COMPARED_HEADERS = (
    "Content-Type",
    "X-KG-Max-Rows",
    "X-KG-Truncated",
    "Vary",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
)


@pytest.mark.parametrize(
    "query, bounded",
    [
        (LOOKUP, True),
        (f"select * where {{<{EX}s> ?p ?o .}} LIMIT 5", True),
        (f"SELECT ?s WHERE {{ ?s a <{EX}C> }}", True),
        (f"SELECT ?s WHERE {{ ?s <{EX}p> <{EX}o> }}", True),
        ("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", True),  # a scan, but lazy: max_rows + 1 steps at most
        ("SELECT ?x WHERE { ?x ?p ?x }", False),  # may skip any number of triples per row
        (LOOKUP + " LIMIT 99999999999999999999999", False),  # a LIMIT the engine refuses: the general path's 400
        ("SELECT ?x WHERE { ?x ?p $x }", False),  # $x is ?x
        (f"SELECT DISTINCT ?p WHERE {{ <{EX}s> ?p ?o }}", False),
        (f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }} ORDER BY ?p", False),
        (f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }} OFFSET 10", False),
        (f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o . ?o ?q ?r }}", False),
        (f"PREFIX ex: <{EX}> SELECT ?p ?o WHERE {{ ex:s ?p ?o }}", False),
        (f'SELECT ?p WHERE {{ <{EX}s> ?p "x" }}', False),
        ("SELECT ?p ?o WHERE { <relative> ?p ?o }", False),  # would need the base IRI
        (f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }} # a comment", False),
        (f"SELECT ?p ?o WHERE {{\u00a0<{EX}s> ?p ?o }}", False),  # not SPARQL white space
        (f"ASK {{ <{EX}s> ?p ?o }}", False),
        (f"CONSTRUCT WHERE {{ <{EX}s> ?p ?o }}", False),
    ],
)
def test_only_single_patterns_whose_work_is_bounded_by_their_rows_are_lookups(query, bounded):
    assert bounded_lookup(query) is bounded


#: literals whose bytes look like rows to a count that does not parse (see kg.query.results.rows_at_most)
ODD = ["{" * 9 + "}", "two\nlines\r\n", "<result></result><result>", '{"type":"uri"} \\"{']


def _build(path) -> None:
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(EX + "s"), URIRef(f"{EX}p{i}"), Literal(i)) for i in range(5)])
        store.replace_graph(
            EX + "odd", [(URIRef(EX + "odd"), URIRef(f"{EX}q{i}"), Literal(v)) for i, v in enumerate(ODD)]
        )
        rich = URIRef(EX + "rich")
        store.replace_graph(
            EX + "rich",
            [
                (rich, RDF.type, URIRef(EX + "C")),
                (rich, URIRef(EX + "r1"), Literal("bonjour", lang="fr")),
                (rich, URIRef(EX + "r2"), URIRef(EX + "o")),
                (rich, URIRef(EX + "r3"), Literal("2024-07-04", datatype=XSD.date)),
                (rich, URIRef(EX + "r4"), Literal('caf\u00e9 "\u0007\\')),
                (URIRef(EX + "other"), URIRef(EX + "r2"), URIRef(EX + "o")),
            ],
        )
        # a literal with a base direction (RDF 1.2), in the default graph: the engine writes it
        store.ox.add(ox.Quad(ox.NamedNode(EX + "dir"), ox.NamedNode(EX + "p"), DIRECTIONAL, ox.DefaultGraph()))


DIRECTIONAL = ox.Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL)


@pytest.fixture
def served(tmp_path):
    """A live server with query workers (the default mode), a row cap, writes and CORS for one origin."""
    _build(tmp_path / "store")
    srv = Server(
        make_app(
            tmp_path / "store",
            query_timeout_s=10,
            query_workers=1,
            max_rows=3,
            max_query_bytes=4096,
            cors_origins="https://example.net",
            update_token=TOKEN,
        )
    )
    yield srv
    srv.close()


def _get(server, query, accept=JSON, **params):
    return requests.get(
        server.url + "/sparql", params={"query": query, **params}, headers={"Accept": accept}, timeout=30
    )


def _post(server, query, accept=JSON):
    return requests.post(server.url + "/sparql", data={"query": query}, headers={"Accept": accept}, timeout=30)


def _workers(server) -> list[int]:
    return server.app.extensions["kg.query_pool"].worker_pids()


def _same_answer(fast, general) -> None:
    assert (fast.status_code, fast.content) == (general.status_code, general.content)
    for name in COMPARED_HEADERS:
        assert fast.headers.get(name) == general.headers.get(name), name


@pytest.mark.parametrize(
    "accept", [JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "application/json"]
)
def test_a_lookup_skips_the_workers_and_answers_like_the_general_path(served, accept):
    fast = _get(served, f"SELECT ?p ?o WHERE {{ <{EX}s> <{EX}p1> ?o }}", accept)
    assert fast.status_code == 200, fast.text
    assert _workers(served) == []  # no query worker was needed
    assert fast.headers["Content-Length"] == str(len(fast.content))  # whole, so the connection stays open
    general = _post(served, f"SELECT ?p ?o WHERE {{ <{EX}s> <{EX}p1> ?o }}", accept)
    assert len(_workers(served)) == 1
    _same_answer(fast, general)


ACCEPTS = [JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "application/json"]


@pytest.mark.parametrize("accept", ACCEPTS)
@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ <{EX}odd> ?p ?o }}",  # the engine's own * order is ?o ?p: columns as the query has them
        f"SELECT ?o ?type WHERE {{ <{EX}odd> ?type ?o }}",  # 4 rows, max_rows 3: cut
        f"select ?o where {{ <{EX}odd> ?p ?o . }} LIMIT 3",  # 3 rows: not cut, though they look like more
        f"SELECT * WHERE {{ <{EX}s> ?p ?o }} LIMIT 2",
        f"SELECT * WHERE {{ <{EX}s> ?p ?o }} LIMIT 10",  # a LIMIT past max_rows: cut at max_rows
        f"SELECT $o WHERE {{ <{EX}s> <{EX}p1> $o }}",
        "SELECT * WHERE { ?s ?p ?o }",  # the whole store, cut
        f"SELECT ?s WHERE {{ ?s <{EX}p9> ?o }}",  # no row
        f"SELECT * WHERE {{ <{EX}rich> ?p ?o }}",  # a language, a datatype, an IRI, escapes; cut
        f"SELECT ?p ?o WHERE {{ <{EX}rich> ?p ?o }} LIMIT 3",
        f"SELECT ?s WHERE {{ ?s a <{EX}C> }}",
        f"SELECT ?s ?p WHERE {{ ?s ?p <{EX}o> }}",
        f"SELECT ?o ?s WHERE {{ ?s <{EX}r2> ?o }}",
        f"SELECT * WHERE {{ <{EX}rich> <{EX}r2> <{EX}o> }}",  # no variable: one empty solution
        f"SELECT ?x ?o WHERE {{ <{EX}rich> <{EX}r1> ?o }}",  # ?x bound by nothing
        f"SELECT ?p ?o WHERE {{ <{EX}dir> ?p ?o }}",  # a term the JSON writer leaves to the engine
    ],
)
def test_every_shape_and_format_of_a_lookup_answers_like_the_general_path(served, query, accept):
    fast = _get(served, query, accept)
    assert fast.status_code == 200, fast.text
    assert _workers(served) == []  # the fast path answered
    _same_answer(fast, _post(served, query, accept))


def test_json_lookups_are_matched_in_the_indexes_and_other_formats_by_the_engine(served, monkeypatch):
    store = served.app.extensions["kg.store"]
    parsed: list[str] = []
    query = store.query
    monkeypatch.setattr(store, "query", lambda sparql, **kw: parsed.append(sparql) or query(sparql, **kw))
    for accept, engine in [(JSON, 0), ("application/json", 0), ("text/csv", 1), ("application/sparql-results+xml", 1)]:
        parsed.clear()
        assert _get(served, f"SELECT ?p ?o WHERE {{ <{EX}rich> ?p ?o }} LIMIT 2", accept).status_code == 200
        assert len(parsed) == engine, accept
    parsed.clear()
    directional = _get(served, f"SELECT ?o WHERE {{ <{EX}dir> <{EX}p> ?o }}")
    assert len(parsed) == 1  # the writer left it to the engine
    assert directional.json()["results"]["bindings"][0]["o"]["value"] == DIRECTIONAL.value
    assert _workers(served) == []


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT ?o ?o WHERE {{ <{EX}s> ?p ?o }}",  # a variable projected twice
        f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }} LIMIT 0",
        "SELECT ?p ?o WHERE { <http://[::1]:80/a> ?p ?o }",
    ],
)
def test_edge_lookups_answer_like_the_general_path(served, query):
    _same_answer(_get(served, query), _post(served, query))


def test_a_lookup_is_cut_at_max_rows_like_any_query(served):
    fast = _get(served, LOOKUP)
    assert fast.headers["X-KG-Truncated"] == "true"
    assert len(fast.json()["results"]["bindings"]) == 3
    assert _workers(served) == []
    _same_answer(fast, _post(served, LOOKUP))


def test_a_lookup_sees_a_write_at_once(served):
    update = f'INSERT DATA {{ GRAPH <{EX}g2> {{ <{EX}new> <{EX}p> "fresh" }} }}'
    written = requests.post(
        served.url + "/sparql",
        data=update,
        timeout=30,
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert written.status_code == 204, written.text
    query = f"SELECT ?o WHERE {{ <{EX}new> <{EX}p> ?o }}"
    fast = _get(served, query)
    assert [b["o"]["value"] for b in fast.json()["results"]["bindings"]] == ["fresh"]
    _same_answer(fast, _post(served, query))


@pytest.mark.parametrize(
    "query, params",
    [
        ("SELECT ?x WHERE { ?x ?p ?x }", {}),  # not bounded
        (LOOKUP, {"timeout": "5"}),  # a parameter the fast path leaves to the general one
        (LOOKUP, {"default-graph-uri": EX + "g"}),
    ],
)
def test_other_queries_go_to_the_workers(served, query, params):
    response = _get(served, query, **params)
    assert response.status_code == 200, response.text
    assert len(_workers(served)) == 1


@pytest.mark.parametrize(
    "query, accept, status",
    [
        ("SELECT ?p ?o WHERE { <http://[bad> ?p ?o }", JSON, 400),  # passes the shape, the engine refuses the IRI
        (LOOKUP, "text/turtle", 406),
        (LOOKUP + " LIMIT 99999999999999999999999", JSON, 400),  # past what the engine takes as a LIMIT
        (f"SELECT ?p ?o WHERE {{ <{EX}{'x' * 5000}> ?p ?o }}", JSON, 413),  # longer than max_query_bytes
    ],
)
def test_a_lookup_that_fails_is_answered_by_the_general_path(served, query, accept, status):
    fast = _get(served, query, accept)
    assert fast.status_code == status
    _same_answer(fast, _post(served, query, accept))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"a+b",
        b"%3Fp%20%3fo",
        b"%",
        b"%4",
        b"%zz%41",
        b"a\\b%5C",
        b"\\x41",
        b"%2541",
        b"%C3%A9%E2%82%AC",
        b"%\\x41",
    ],
)
def test_percent_decoding_is_unquote_to_bytes(raw):
    assert _percent_decoded(raw) == unquote_to_bytes(raw)


def test_percent_decoding_is_unquote_to_bytes_on_random_strings():
    rng = random.Random(7)
    pieces = [b"%", b"%4", b"%41", b"%e9", b"%G1", b"\\", b"\\x", b"x", b"4", b"+", b" ", b"\xe9", b"?"]
    for _ in range(3000):
        raw = b"".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert _percent_decoded(raw) == unquote_to_bytes(raw), raw


def test_a_query_string_that_is_not_utf8_is_a_400(served):
    response = requests.get(
        served.url + "/sparql?query=SELECT%20%3Fp%20%3Fo%20WHERE%20%7B%20%3Chttp%3A%2F%2Fx%2F%FF%3E"
        "%20%3Fp%20%3Fo%20%7D",
        headers={"Accept": JSON},
        timeout=30,
    )
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_without_a_row_cap_lookups_take_the_general_path(tmp_path):
    _build(tmp_path / "store")
    srv = Server(make_app(tmp_path / "store", query_timeout_s=10, query_workers=1, max_rows=0))
    try:
        assert _get(srv, LOOKUP).status_code == 200
        assert len(_workers(srv)) == 1  # no bound on the work: it needs a deadline
    finally:
        srv.close()
