"""The web server over real HTTP: a real Oxigraph store, ``create_app``, waitress, ``requests``."""

from __future__ import annotations

import json
import logging
import threading
import time
from urllib.parse import quote

import pytest
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from .endpoint import (
    CSV,
    EX,
    G1,
    G2,
    G3,
    GRAPHS,
    JSON,
    JSONLD,
    LABEL,
    LIMITS,
    NQ,
    NT,
    RDFLIB_FORMAT,
    RDFXML,
    S1,
    S2,
    SUMMIT,
    TIMEOUT,
    TRIG,
    TSV,
    TURTLE,
    UNION,
    XML,
    P,
    build_store,
    rdflib_quiet,
    rows_of,
)
from .live import Server, make_app


@pytest.fixture(scope="module")
def server(small_endpoint):
    """The module's live server over :data:`GRAPHS` (conftest's ``small_endpoint``)."""
    return small_endpoint


def get(server, path="/sparql", **kw):
    return requests.get(server.url + path, timeout=TIMEOUT, **kw)


def send(server, method, query, accept=None, extra=(), **kw):
    """A query in one of the three request forms of the protocol."""
    headers = {"Accept": accept} if accept else {}
    params = list(extra)
    if method == "GET":
        return requests.get(
            server.url + "/sparql", params=[("query", query)] + params, headers=headers, timeout=TIMEOUT, **kw
        )
    if method == "FORM":
        return requests.post(
            server.url + "/sparql", data=[("query", query)] + params, headers=headers, timeout=TIMEOUT, **kw
        )
    headers["Content-Type"] = "application/sparql-query"
    return requests.post(
        server.url + "/sparql", params=params, data=query.encode("utf-8"), headers=headers, timeout=TIMEOUT, **kw
    )


def parse_dataset(resp):
    ds = Dataset()
    with rdflib_quiet():
        ds.parse(data=resp.content.decode("utf-8"), format=RDFLIB_FORMAT[resp.headers["Content-Type"].split(";")[0]])
    return ds


def graph_of(resp):
    """An rdflib Graph of any graph document; N-Quads/TriG must hold default-graph triples only."""
    mt = resp.headers["Content-Type"].split(";")[0]
    if mt in (NQ, TRIG):
        ds = parse_dataset(resp)
        with rdflib_quiet():
            named = {str(g) for s, p, o, g in ds.quads() if g is not None and g != ds.default_graph.identifier}
            assert not named, "graph results must be in the default graph"
            return expected_graph(ds.default_graph)
    with rdflib_quiet():
        return Graph().parse(data=resp.content, format=RDFLIB_FORMAT[mt])


def expected_graph(triples):
    g = Graph()
    for t in triples:
        g.add(t)
    return g


# -- the protocol matrix -----------------------------------------------------------------

SELECT = f"SELECT ?s ?o WHERE {{ ?s <{P}> ?o }} ORDER BY ?s"
ASK = f'ASK {{ ?s <{P}> "b" }}'
CONSTRUCT = f"CONSTRUCT {{ ?s <{LABEL}> ?o }} WHERE {{ ?s <{P}> ?o }}"
DESCRIBE = f"DESCRIBE <{S2}>"
SELECT_ROWS = [{"s": S1, "o": Literal("a", lang="en")}, {"s": S2, "o": Literal("b", datatype=XSD.string)}]
CONSTRUCT_TRIPLES = [(S1, LABEL, Literal("a", lang="en")), (S2, LABEL, Literal("b"))]
DESCRIBE_TRIPLES = GRAPHS[G2]

CASES = (
    [("SELECT", mt) for mt in (None, "*/*", JSON, XML, CSV, TSV)]
    + [("ASK", mt) for mt in (None, "*/*", JSON, XML)]
    + [(form, mt) for form in ("CONSTRUCT", "DESCRIBE") for mt in (None, "*/*", TURTLE, NT, RDFXML, JSONLD, NQ, TRIG)]
)


@pytest.mark.parametrize("method", ["GET", "FORM", "DIRECT"])
@pytest.mark.parametrize("form, accept", CASES)
def test_protocol_matrix(server, method, form, accept):
    query = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}[form]
    r = send(server, method, query, accept)
    assert r.status_code == 200, r.text
    mt = r.headers["Content-Type"].split(";")[0]
    default = JSON if form in ("SELECT", "ASK") else TURTLE
    assert mt == (default if accept in (None, "*/*") else accept)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    if form == "ASK":
        assert rows_of(r) is True
    elif form == "SELECT" and mt == CSV:
        assert rows_of(r) == [{"s": str(S1), "o": "a"}, {"s": str(S2), "o": "b"}]
    elif form == "SELECT" and mt == TSV:
        assert rows_of(r) == [{"s": f"<{S1}>", "o": '"a"@en'}, {"s": f"<{S2}>", "o": '"b"'}]
    elif form == "SELECT":
        got = rows_of(r)
        for row in got:  # plain literals may come back with or without xsd:string
            if row["o"].datatype is None and row["o"].language is None:
                row["o"] = Literal(str(row["o"]), datatype=XSD.string)
        assert got == SELECT_ROWS
    else:
        expected = CONSTRUCT_TRIPLES if form == "CONSTRUCT" else DESCRIBE_TRIPLES
        assert isomorphic(graph_of(r), expected_graph(expected))


def test_head_answers_headers_without_a_body(server):
    r = requests.head(server.url + "/sparql", params={"query": SELECT}, headers={"Accept": CSV}, timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == b"" and r.headers["Content-Type"].startswith(CSV)


def test_relative_iris_resolve_against_the_endpoint(server):
    r = send(server, "DIRECT", "CONSTRUCT { <s> <p> 1 } WHERE {}", NT)
    assert r.text.strip() == f'<{server.url}/s> <{server.url}/p> "1"^^<{XSD.integer}> .'


def test_non_ascii_round_trips(server):
    value = "\u65e5\u672c\u8a9e caf\u00e9 \U0001d11e"
    for method in ("GET", "FORM", "DIRECT"):
        r = send(server, method, f'SELECT ?v {{ BIND("{value}" AS ?v) }}', JSON)
        assert r.json()["results"]["bindings"][0]["v"]["value"] == value


def test_large_results_stream_in_chunks(server):
    digits = " ".join(map(str, range(10)))
    query = "SELECT ?a ?b ?c ?d ?e WHERE { " + " ".join(f"VALUES ?{v} {{ {digits} }}" for v in "abcde") + " }"
    r = send(server, "GET", query, CSV, stream=True)
    assert r.status_code == 200 and "Content-Length" not in r.headers  # streamed, not buffered whole
    lines = r.content.decode().splitlines()
    assert lines[0] == "a,b,c,d,e" and len(lines) == 100_001 and len(set(lines)) == 100_001
    r = send(server, "GET", query, JSON)
    assert len(r.json()["results"]["bindings"]) == 100_000


def keeps_alive(url: str, queries) -> list[bytes]:
    """Send queries one after another on one HTTP/1.1 connection; assert each small answer
    has a Content-Length and leaves the connection open (the same socket serves them all)."""
    import http.client  # noqa: PLC0415
    from urllib.parse import quote, urlsplit  # noqa: PLC0415

    conn = http.client.HTTPConnection(urlsplit(url).netloc, timeout=TIMEOUT)
    bodies, sockets = [], set()
    try:
        for query, accept in queries:
            conn.request("GET", "/sparql?query=" + quote(query), headers={"Accept": accept})
            resp = conn.getresponse()
            body = resp.read()
            assert resp.status == 200, body
            assert int(resp.headers["Content-Length"]) == len(body)
            assert resp.headers.get("Connection", "").lower() != "close" and not resp.will_close
            sockets.add(id(conn.sock))
            bodies.append(body)
    finally:
        conn.close()
    assert len(sockets) == 1
    return bodies


SMALL = [
    ("SELECT ?s WHERE { ?s a <http://example.org/test/Summit> } ORDER BY ?s", JSON),
    ("ASK { ?s ?p ?o }", XML),
    ("CONSTRUCT WHERE { ?s a <http://example.org/test/Summit> }", NT),
    ("SELECT ?s WHERE { ?s <http://example.org/test/nothing> ?o }", CSV),
]


def check_small_answers(bodies: list[bytes]) -> None:
    assert [b["value"] for b in (r["s"] for r in json.loads(bodies[0])["results"]["bindings"])] == [str(S1), str(S2)]
    assert b"<boolean>true</boolean>" in bodies[1]
    assert sorted(bodies[2].decode().splitlines()) == sorted(f"<{s}> <{RDF.type}> <{SUMMIT}> ." for s in (S1, S2))
    assert bodies[3] == b"s\r\n"


def test_small_results_keep_the_connection_alive(server):
    """A result that fits in one chunk goes out whole with a Content-Length (a streamed body
    would make waitress close the connection after every query)."""
    check_small_answers(keeps_alive(server.url, SMALL))


def test_small_results_keep_the_connection_alive_in_process(tmp_path):
    path = tmp_path / "store"
    build_store(path)
    srv = Server(make_app(path, query_timeout_s=0))
    try:
        check_small_answers(keeps_alive(srv.url, SMALL))
    finally:
        srv.close()


def test_a_client_leaving_mid_stream_stops_the_query(server):
    digits = " ".join(map(str, range(10)))
    query = "SELECT * WHERE { " + " ".join(f"VALUES ?{v} {{ {digits} }}" for v in "abcdefg") + " }"  # 10^7 rows
    with send(server, "GET", query, TSV, stream=True) as r:
        assert r.status_code == 200
        next(r.iter_content(65536))
    deadline = time.monotonic() + 20
    while any(t.name == "kg-query" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(t.name == "kg-query" for t in threading.enumerate())
    assert rows_of(send(server, "GET", "ASK {}")) is True


# -- the dataset ------------------------------------------------------------------------


def subjects(resp):
    return {row["s"] for row in rows_of(resp)}


def test_default_graph_is_the_union(server):
    r = send(server, "GET", "SELECT DISTINCT ?s { ?s ?p ?o }", JSON)
    assert subjects(r) == {S1, S2}


@pytest.mark.parametrize("method", ["GET", "FORM", "DIRECT"])
def test_dataset_parameters_are_honoured(server, method):
    r = send(server, method, "SELECT DISTINCT ?s { ?s ?p ?o }", JSON, extra=[("default-graph-uri", G2)])
    assert subjects(r) == {S2}
    r = send(
        server,
        method,
        "SELECT DISTINCT ?s { ?s ?p ?o }",
        JSON,
        extra=[("default-graph-uri", G2), ("default-graph-uri", G3)],
    )
    assert subjects(r) == {S1, S2}
    r = send(server, method, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", JSON, extra=[("named-graph-uri", G1)])
    assert [row["g"] for row in rows_of(r)] == [URIRef(G1)]
    r = send(server, method, "SELECT ?s { ?s ?p ?o }", JSON, extra=[("named-graph-uri", G1)])
    assert rows_of(r) == []  # only named graphs given: the default graph is empty


def test_from_a_store_graph_is_allowed_and_protocol_dataset_wins(server):
    r = send(server, "GET", f"SELECT DISTINCT ?s FROM <{G2}> {{ ?s ?p ?o }}", JSON)
    assert subjects(r) == {S2}  # FROM is honoured although the default graph is otherwise the union
    r = send(server, "GET", f"SELECT DISTINCT ?g FROM NAMED <{G1}> {{ GRAPH ?g {{ ?s ?p ?o }} }}", JSON)
    assert [row["g"] for row in rows_of(r)] == [URIRef(G1)]
    r = send(server, "GET", f"SELECT ?s FROM NAMED <{G1}> {{ ?s ?p ?o }}", JSON)
    assert rows_of(r) == []  # only FROM NAMED: the default graph is empty
    r = send(server, "GET", f"SELECT DISTINCT ?s FROM <{G2}> {{ ?s ?p ?o }}", JSON, extra=[("default-graph-uri", G3)])
    assert subjects(r) == {S1}


def test_relative_dataset_iri_is_a_400(server):
    r = send(server, "GET", "ASK {}", extra=[("default-graph-uri", "not/absolute")])
    assert r.status_code == 400 and "absolute" in r.text


# -- errors -------------------------------------------------------------------------------


def test_syntax_error_gives_the_position(server):
    r = send(server, "GET", "SELEKT * { ?s ?p ?o }")
    assert r.status_code == 400
    assert r.headers["Content-Type"].startswith("text/plain")
    assert r.text.startswith("SPARQL syntax error: line 1, column 1: ")
    r = send(server, "DIRECT", "ASK {")
    assert r.status_code == 400 and "line 1, column 6" in r.text


def test_errors_are_json_when_json_is_preferred(server):
    r = requests.get(
        server.url + "/sparql", params={"query": "ASK {"}, headers={"Accept": "application/json"}, timeout=TIMEOUT
    )
    assert r.status_code == 400 and r.headers["Content-Type"] == "application/json"
    body = r.json()
    assert body["error"] == "SPARQL syntax error" and body["message"].startswith("line 1, column 6")
    r = send(server, "GET", "ASK {", JSON)  # a SPARQL JSON client gets JSON too
    assert r.json()["error"] == "SPARQL syntax error"


def test_method_not_allowed_says_what_is(server):
    r = requests.patch(server.url + "/sparql", params={"query": "ASK {}"}, timeout=TIMEOUT)
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["Allow"].split(",")} >= {"GET", "HEAD", "POST"}
    assert r.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "content_type, status",
    [
        ("text/plain", 415),
        (None, 415),
        ("application/sparql-query; charset=UTF-16", 415),
        ("application/sparql-update", 403),
    ],
)
def test_post_media_types(server, content_type, status):
    headers = {"Content-Type": content_type} if content_type else {}
    body = "ASK {}".encode("utf-16" if content_type and "16" in content_type else "utf-8")
    r = requests.post(server.url + "/sparql", data=body, headers=headers, timeout=TIMEOUT)
    assert r.status_code == status, r.text


@pytest.mark.parametrize(
    "form, accept",
    [("SELECT", TURTLE), ("ASK", "application/x-unknown"), ("CONSTRUCT", JSON), ("DESCRIBE", "text/html")],
)
def test_not_acceptable(server, form, accept):
    query = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}[form]
    r = send(server, "GET", query, accept)
    assert r.status_code == 406 and "can be sent as" in r.text


def test_updates_are_refused_and_not_applied(server):
    probe = EX + "probe"
    insert = f"INSERT DATA {{ GRAPH <{probe}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}"
    r = requests.post(server.url + "/sparql", data={"update": insert}, timeout=TIMEOUT)
    assert r.status_code == 403 and "read-only" in r.text
    r = requests.post(server.url + "/sparql", data=[("query", "ASK {}"), ("update", insert)], timeout=TIMEOUT)
    assert r.status_code == 400
    r = requests.get(server.url + "/sparql", params={"update": insert}, timeout=TIMEOUT)
    assert r.status_code == 403
    r = send(server, "DIRECT", insert)
    assert r.status_code == 400 and "syntax" in r.text.lower()
    assert get(server, "/store", params={"graph": probe}).status_code == 404


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { SERVICE SILENT ?x { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://127.0.0.1:9/data.ttl> { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://example.org/nowhere> { ?s ?p ?o }", "FROM"),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    ],
)
def test_outbound_requests_are_refused(server, query, words):
    r = send(server, "GET", query)
    assert r.status_code == 400 and words in r.text and "Query not allowed" in r.text


def test_deep_nesting_and_long_chains_are_refused_and_the_server_lives(server):
    for d in (1000, 10000):
        for query in (
            "SELECT ?x WHERE " + "{ " * d + "BIND(1 AS ?x)" + " }" * d,
            "SELECT (" + "(" * d + "1" + ")" * d + " AS ?x) WHERE {}",
        ):
            r = send(server, "DIRECT", query, JSON)
            assert r.status_code == 400 and "max_query_depth" in r.text
    r = send(server, "DIRECT", "SELECT (" + "+".join(["1"] * 10000) + " AS ?x) {}", JSON)
    assert r.status_code == 400 and "max_query_operators" in r.text
    assert rows_of(send(server, "GET", "ASK {}")) is True


def test_size_limits(server):
    long_query = "ASK {} #" + "x" * LIMITS["max_query_bytes"]
    for method in ("GET", "FORM", "DIRECT"):
        r = send(server, method, long_query)
        assert r.status_code == 413 and "max_query_bytes" in r.text, method
    r = requests.post(
        server.url + "/sparql",
        data=b"x" * (LIMITS["max_body_bytes"] + 1),
        headers={"Content-Type": "application/sparql-query"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 413 and "max_body_bytes" in r.text
    r = requests.get(server.url + "/sparql", params={"query": "ASK {} #" + "x" * 1_000_000}, timeout=TIMEOUT)
    assert 400 <= r.status_code < 500
    assert rows_of(send(server, "GET", "ASK {}")) is True


def test_unknown_route_is_a_404_in_the_error_shape(server):
    r = get(server, "/nowhere", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json()["error"] == "Not Found"
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_unexpected_errors_are_logged_500s_without_a_trace(tmp_path, caplog):
    build_store(tmp_path / "store")
    app = make_app(tmp_path / "store")

    def boom():
        raise RuntimeError("secret internals")

    app.add_url_rule("/boom", "boom", boom)
    srv = Server(app)
    try:
        with caplog.at_level(logging.ERROR, logger="kg.web.errors"):
            r = get(srv, "/boom")
        assert r.status_code == 500
        assert "secret" not in r.text and "Traceback" not in r.text and 'File "' not in r.text
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert any("secret internals" in (rec.exc_text or str(rec.exc_info)) for rec in caplog.records)
    finally:
        srv.close()


# -- CORS ---------------------------------------------------------------------------------


def test_cors_on_every_response_and_preflight(server):
    assert send(server, "GET", "ASK {").headers["Access-Control-Allow-Origin"] == "*"
    assert send(server, "GET", SELECT, "text/html").headers["Access-Control-Allow-Origin"] == "*"
    r = requests.options(
        server.url + "/sparql",
        headers={
            "Origin": "https://example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
        timeout=TIMEOUT,
    )
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in r.headers["Access-Control-Allow-Headers"]


@pytest.mark.app_config(cors_origins="https://summits.example")
def test_cors_can_be_configured(client):
    r = client.get("/sparql?query=ASK%20%7B")
    assert r.status_code == 400
    assert r.headers["Access-Control-Allow-Origin"] == "https://summits.example"
    assert "Origin" in r.headers["Vary"]


@pytest.mark.app_config(cors_origins="")
def test_cors_can_be_turned_off(client):
    r = client.get("/sparql?query=ASK%20%7B%7D")
    assert r.status_code == 200 and "Access-Control-Allow-Origin" not in r.headers


# -- service description --------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID_TRIPLES = URIRef("http://rdfs.org/ns/void#triples")


@pytest.mark.parametrize("accept", [None, TURTLE, RDFXML, JSONLD, NT])
def test_service_description(server, accept):
    r = get(server, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    g = graph_of(r)
    service = g.value(predicate=RDF.type, object=URIRef(SD + "Service"))
    assert service is not None
    assert g.value(service, URIRef(SD + "endpoint")) == URIRef(server.url + "/sparql")
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
    assert (service, URIRef(SD + "resultFormat"), URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
    dataset = g.value(service, URIRef(SD + "defaultDataset"))
    sizes = {}
    for named in g.objects(dataset, URIRef(SD + "namedGraph")):
        sizes[str(g.value(named, URIRef(SD + "name")))] = int(
            g.value(g.value(named, URIRef(SD + "graph")), VOID_TRIPLES)
        )
    assert sizes == {g_: len(t) for g_, t in GRAPHS.items()}
    assert int(g.value(dataset, VOID_TRIPLES)) == 6


def test_get_with_parameters_but_no_query_is_a_400(server):
    r = get(server, params={"default-graph-uri": G1})
    assert r.status_code == 400 and "query" in r.text


# -- Graph Store Protocol, read side -----------------------------------------------------------


@pytest.mark.parametrize("accept", [None, TURTLE, NT, RDFXML, JSONLD])
def test_gsp_get(server, accept):
    headers = {"Accept": accept} if accept else {}
    r = get(server, "/store", params={"graph": G1}, headers=headers)
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == (accept or TURTLE)
    assert isomorphic(graph_of(r), expected_graph(GRAPHS[G1]))
    r = get(server, "/store?default", headers=headers)
    assert r.status_code == 200 and isomorphic(graph_of(r), expected_graph(UNION))


def test_gsp_default_equals_the_query_endpoint(server):
    n = rows_of(send(server, "DIRECT", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }", JSON))
    assert int(n[0]["n"]) == len(graph_of(get(server, "/store?default"))) == len(UNION)


def test_gsp_head(server):
    r = requests.head(server.url + "/store?default", headers={"Accept": TURTLE}, timeout=TIMEOUT)
    assert r.status_code == 200 and r.content == b"" and r.headers["Content-Type"].startswith(TURTLE)
    r = requests.head(server.url + "/store", params={"graph": EX + "absent"}, timeout=TIMEOUT)
    assert r.status_code == 404


@pytest.mark.parametrize(
    "query_string, status",
    [
        ("graph=" + quote(EX + "absent", safe=""), 404),
        ("graph=not%2Fabsolute", 400),
        ("default&graph=" + quote(G1, safe=""), 400),
        ("", 400),
    ],
)
def test_gsp_errors(server, query_string, status):
    assert get(server, "/store?" + query_string).status_code == status


def test_gsp_not_acceptable(server):
    assert get(server, "/store?default", headers={"Accept": "application/x-unknown"}).status_code == 406


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_gsp_writes_are_refused(server, method):
    r = requests.request(
        method,
        server.url + "/store",
        params={"graph": EX + "new"},
        timeout=TIMEOUT,
        data=f"<{EX}a> <{EX}b> <{EX}c> .",
        headers={"Content-Type": TURTLE},
    )
    assert r.status_code == 405 and "GET" in r.headers["Allow"] and "read-only" in r.text
    assert get(server, "/store", params={"graph": EX + "new"}).status_code == 404


# -- dumps --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ext, media_type, count",
    [
        ("ttl", TURTLE, len(UNION)),
        ("nt", NT, len(UNION)),
        ("jsonld", JSONLD, len(UNION)),
        ("rdf", RDFXML, len(UNION)),
        ("nq", NQ, 6),
        ("trig", TRIG, 6),
    ],
)
def test_dumps(server, ext, media_type, count):
    r = get(server, f"/dump.{ext}")
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == media_type
    assert r.headers["Content-Disposition"] == f'attachment; filename="summit-kg.{ext}"'
    if ext in ("nq", "trig"):
        ds = parse_dataset(r)
        with rdflib_quiet():
            quads = list(ds.quads())
        assert len(quads) == count
        assert {str(g) for *_, g in quads} == set(GRAPHS)
    else:
        assert isomorphic(graph_of(r), expected_graph(UNION))


def test_dump_of_one_graph(server):
    r = get(server, "/dump.nt", params={"graph": G2})
    assert r.status_code == 200 and isomorphic(graph_of(r), expected_graph(GRAPHS[G2]))
    assert "summit-kg-graph.nt" in r.headers["Content-Disposition"]
    assert get(server, "/dump.nt", params={"graph": EX + "absent"}).status_code == 404
    assert get(server, "/dump.nt", params={"graph": "relative"}).status_code == 400
    assert get(server, "/dump.xyz").status_code == 404
