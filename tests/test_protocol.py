"""kg.sparql.protocol, kg.formats and kg.sparql.lexer without a server.

Request parsing, content negotiation, the safety scan.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import BadRequest, Forbidden, ForbiddenQuery, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType
from kg.formats import (
    DUMP_NAMES,
    GRAPH_TYPES,
    RESULTS_TYPES,
    TRIPLE_TYPES,
    QueryForm,
    dump_format,
    dumps_quads,
    negotiate,
    negotiate_results,
    rdf_format,
    results_format,
)
from kg.settings import load_settings
from kg.sparql.lexer import check_query, scan_query, tokenize
from kg.sparql.protocol import QueryRequest, parse_graph_target, parse_query_request

JSON, XML, CSV, TSV = RESULTS_TYPES
TURTLE, NT, RDFXML, JSONLD, NQ, TRIG = GRAPH_TYPES
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


# -- content negotiation ------------------------------------------------------------


def test_the_offers_and_their_formats():
    """The offers are the wire's (their order is the server's preference); each has its pyoxigraph format."""
    assert RESULTS_TYPES == (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    )
    assert GRAPH_TYPES == (
        "text/turtle",
        "application/n-triples",
        "application/rdf+xml",
        "application/ld+json",
        "application/n-quads",
        "application/trig",
    )
    assert GRAPH_TYPES[:4] == TRIPLE_TYPES
    assert [rdf_format(t).supports_datasets for t in GRAPH_TYPES] == [False, False, False, True, True, True]
    assert results_format(CSV) == ox.QueryResultsFormat.CSV and rdf_format(TRIG) == ox.RdfFormat.TRIG
    with pytest.raises(KeyError):
        rdf_format("text/plain")
    # Dumps keep graph names in N-Quads and TriG only (JSON-LD is written as triples).
    assert [name for name, fmt in DUMP_NAMES.items() if dumps_quads(fmt)] == ["nq", "trig"]
    with pytest.raises(ValueError):
        dump_format("ttl")


def test_query_forms():
    assert list(QueryForm) == ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
    assert QueryForm.of("ASK") is QueryForm.ASK and QueryForm.of("INSERT") is None and QueryForm.of("ask") is None
    assert QueryForm.SELECT.offers == RESULTS_TYPES and QueryForm.DESCRIBE.offers == GRAPH_TYPES
    assert scan_query("PREFIX : <http://x/> describe :a").form is QueryForm.DESCRIBE


@pytest.mark.parametrize(
    "accept, offers, expected",
    [
        (None, RESULTS_TYPES, JSON),
        ("", GRAPH_TYPES, TURTLE),
        ("*/*", RESULTS_TYPES, JSON),
        ("*/*", GRAPH_TYPES, TURTLE),
        (BROWSER, RESULTS_TYPES, JSON),
        (BROWSER, GRAPH_TYPES, TURTLE),
        (CSV, RESULTS_TYPES, CSV),
        ("Text/TAB-Separated-Values", RESULTS_TYPES, TSV),
        (f"{XML};q=0.2, {JSON}", RESULTS_TYPES, JSON),
        (f"{XML}, {JSON};q=0.5", RESULTS_TYPES, XML),
        (f"{RDFXML};q=0.1, {NT};q=0.9", GRAPH_TYPES, NT),
        ("text/*", RESULTS_TYPES, CSV),
        ("text/*;q=0.5, */*;q=0.1", GRAPH_TYPES, TURTLE),
        ("application/*", RESULTS_TYPES, JSON),
        (f"*/*;q=0.9, {JSON};q=0", RESULTS_TYPES, XML),  # the specific q=0 excludes JSON only
        (f"{CSV};q=0", RESULTS_TYPES, None),
        ("application/x-unknown", RESULTS_TYPES, None),
        (TURTLE, RESULTS_TYPES, None),  # an RDF type for a SELECT
        (JSON, GRAPH_TYPES, None),  # a results type for a CONSTRUCT
        (f"{JSONLD}; charset=utf-8", GRAPH_TYPES, JSONLD),
        (f"{NQ}, {TRIG}", GRAPH_TYPES, NQ),
        ("garbage, ;;, text/csv;q=abc, text/tab-separated-values", RESULTS_TYPES, TSV),
        (f"{NQ}", TRIPLE_TYPES, None),
    ],
)
def test_negotiate(accept, offers, expected):
    assert negotiate(accept, offers) == expected


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/json", JSON),
        (f"application/json, {CSV};q=0.5", JSON),
        (f"application/json;q=0.5, {CSV}", CSV),
        (None, JSON),
        (BROWSER, JSON),
        ("application/xml", None),
        (TURTLE, None),
    ],
)
def test_negotiate_results_takes_plain_json(accept, expected):
    assert negotiate_results(accept) == expected


# -- request parsing ------------------------------------------------------------------

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
LIMIT = 10_000


def parse(method="GET", qs=b"", ctype=None, body=b"", limit=LIMIT):
    return parse_query_request(method, qs, ctype, body, max_query_bytes=limit)


def qs(*pairs):
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs).encode()


def test_get_post_form_and_direct_give_the_same_request():
    q = 'SELECT * { ?s ?p "caf\u00e9 \u65e5\u672c" }'
    dataset = [
        ("default-graph-uri", "http://g/1"),
        ("named-graph-uri", "http://g/2"),
        ("named-graph-uri", "http://g/3"),
    ]
    expected = QueryRequest(q, ("http://g/1",), ("http://g/2", "http://g/3"))
    assert parse("GET", qs(("query", q), *dataset)) == expected
    assert parse("HEAD", qs(("query", q), *dataset)) == expected
    assert parse("POST", b"", FORM, qs(("query", q), *dataset)) == expected
    assert parse("POST", qs(*dataset), f"{FORM}; charset=UTF-8", qs(("query", q))) == expected
    assert parse("POST", qs(*dataset), DIRECT, q.encode()) == expected
    assert parse("POST", qs(*dataset), f"{DIRECT}; charset=utf-8", q.encode()) == expected


def test_bare_get_asks_for_the_service_description():
    assert parse("GET") is None
    assert parse("HEAD") is None


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"qs": qs(("default-graph-uri", "http://g/1"))}, BadRequest, "missing"),
        ({"qs": qs(("query", "ASK {}"), ("query", "ASK {}"))}, BadRequest, "exactly one"),
        (
            {"method": "POST", "ctype": FORM, "body": qs(("query", "ASK {}"), ("query", "ASK {}"))},
            BadRequest,
            "exactly one",
        ),
        (
            {"method": "POST", "qs": qs(("query", "ASK {}")), "ctype": FORM, "body": qs(("query", "ASK {}"))},
            BadRequest,
            "exactly one",
        ),
        ({"method": "POST", "qs": qs(("query", "ASK {}")), "ctype": DIRECT, "body": b"ASK {}"}, BadRequest, "body"),
        ({"method": "POST", "ctype": FORM, "body": b""}, BadRequest, "missing"),
        ({"method": "POST", "ctype": DIRECT, "body": b"  \n"}, BadRequest, "empty"),
        ({"qs": qs(("query", ""))}, BadRequest, "empty"),
        (
            {"method": "POST", "ctype": FORM, "body": qs(("query", "ASK {}"), ("update", "CLEAR ALL"))},
            BadRequest,
            "both",
        ),
        ({"qs": qs(("query", "ASK {}"), ("update", "CLEAR ALL"))}, BadRequest, "both"),
        ({"qs": qs(("update", "CLEAR ALL"))}, Forbidden, "read-only"),
        ({"method": "POST", "ctype": FORM, "body": qs(("update", "CLEAR ALL"))}, Forbidden, "read-only"),
        ({"method": "POST", "ctype": "application/sparql-update", "body": b"CLEAR ALL"}, Forbidden, "read-only"),
        ({"method": "POST", "qs": qs(("update", "CLEAR ALL")), "ctype": DIRECT, "body": b"ASK {}"}, BadRequest, "both"),
        ({"method": "POST", "ctype": "text/plain", "body": b"ASK {}"}, UnsupportedMediaType, "text/plain"),
        ({"method": "POST", "ctype": None, "body": b"query=ASK+%7B%7D"}, UnsupportedMediaType, "Content-Type"),
        (
            {"method": "POST", "ctype": f"{DIRECT}; charset=UTF-16", "body": "ASK {}".encode("utf-16")},
            UnsupportedMediaType,
            "UTF-8",
        ),
        ({"method": "POST", "ctype": f"{FORM}; charset=latin-1", "body": b"query=ASK"}, UnsupportedMediaType, "UTF-8"),
        ({"method": "POST", "ctype": DIRECT, "body": b'ASK { FILTER("\xff\xfe") }'}, BadRequest, "UTF-8"),
        ({"qs": b"query=ASK%20%7B%20FILTER(%22%FF%FE%22)%20%7D"}, BadRequest, "UTF-8"),
        ({"qs": b"query=ASK%20%7B%7D\xff"}, BadRequest, "UTF-8"),
        ({"method": "POST", "ctype": FORM, "body": b"query=%C3%28"}, BadRequest, "UTF-8"),
        ({"qs": qs(("query", "ASK {}"), ("default-graph-uri", "relative/graph"))}, BadRequest, "absolute"),
        ({"qs": qs(("query", "ASK {}"), ("named-graph-uri", "http://g/a b"))}, BadRequest, "forbidden"),
        ({"qs": qs(("query", "ASK {} #" + "x" * LIMIT))}, PayloadTooLarge, "max_query_bytes"),
        ({"method": "POST", "ctype": DIRECT, "body": b"ASK {} #" + b"x" * LIMIT}, PayloadTooLarge, "max_query_bytes"),
        ({"method": "POST", "ctype": FORM, "body": qs(("query", "ASK {} #" + "x" * LIMIT))}, PayloadTooLarge, "bytes"),
        ({"method": "PUT", "ctype": DIRECT, "body": b"ASK {}"}, MethodNotAllowed, "PUT"),
    ],
)
def test_bad_requests(kwargs, error, words):
    with pytest.raises(error) as info:
        parse(**kwargs)
    assert type(info.value) is error
    assert words in info.value.message


def test_status_codes_of_the_refusals():
    assert BadRequest.status == 400 and Forbidden.status == 403 and UnsupportedMediaType.status == 415
    with pytest.raises(MethodNotAllowed) as info:
        parse("PATCH")
    assert info.value.status == 405 and "GET" in info.value.allowed and "POST" in info.value.allowed


def test_exactly_the_query_limit_is_accepted():
    q = "ASK {} #" + "x" * (LIMIT - 8)
    assert len(q.encode()) == LIMIT
    assert parse("GET", qs(("query", q))).query == q
    assert parse("POST", b"", DIRECT, q.encode()).query == q


@pytest.mark.parametrize(
    "query_string, expected",
    [
        (b"default", None),
        (b"default=", None),
        (qs(("graph", "http://example.org/g?x=1&y=%41")), "http://example.org/g?x=1&y=%41"),
        (qs(("graph", "urn:x:\u00e9")), "urn:x:\u00e9"),
    ],
)
def test_graph_target(query_string, expected):
    assert parse_graph_target(query_string) == expected


@pytest.mark.parametrize(
    "query_string, words",
    [
        (b"", "name the graph"),
        (b"default&graph=http%3A%2F%2Fg", "not both"),
        (b"graph=http%3A%2F%2Fa&graph=http%3A%2F%2Fb", "exactly one"),
        (b"graph=not%2Fabsolute", "absolute"),
        (b"graph=%FF", "UTF-8"),
    ],
)
def test_graph_target_errors(query_string, words):
    with pytest.raises(BadRequest, match=words):
        parse_graph_target(query_string)


# -- the safety scan: query forms --------------------------------------------------


@pytest.mark.parametrize(
    "query, form",
    [
        ("SELECT * {}", "SELECT"),
        ("select*{}", "SELECT"),
        ("ASK{}", "ASK"),
        ("  construct WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://x>", "DESCRIBE"),
        ("PREFIX ask: <http://a/>\nBASE <http://b/>\n# SELECT in a comment\nCONSTRUCT { ?s ask:p ?o } {}", "CONSTRUCT"),
        ("PREFIX select: <http://a/> DeScRiBe select:x", "DESCRIBE"),
        ("BASE <http://SELECT/> ASK {}", "ASK"),
        ("SELECT ?x { { SELECT ?x {} } } # ASK", "SELECT"),
        ("INSERT DATA { <a> <b> <c> }", None),
        ("", None),
        ("# only a comment", None),
    ],
)
def test_query_form(query, form):
    assert scan_query(query).form == form


def test_from_and_from_named_are_told_apart():
    scan = scan_query(
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:g1 FROM NAMED <http://example.org/g2> "
        "from named ex:g3 FROM <http://example.org/g4> { ?s ?p ?o }"
    )
    assert scan.from_default == ["http://example.org/g1", "http://example.org/g4"]
    assert scan.from_named == ["http://example.org/g2", "http://example.org/g3"]
    assert scan_query("SELECT * { ?s <http://x/from> ?o } ORDER BY ?s").from_graphs == []


# -- the safety scan: SERVICE, LOAD, FROM ----------------------------------------------

STORE_GRAPHS = {"http://example.org/g1", "http://example.org/g2"}


def vet(query, *, allow=(), max_depth=200, max_operators=1000):
    check_query(
        scan_query(query),
        max_depth=max_depth,
        max_operators=max_operators,
        service_allowlist=allow,
        is_store_graph=STORE_GRAPHS.__contains__,
    )


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE" }',
        "SELECT * { ?s ?p 'LOAD <http://x>' }",
        'SELECT * { ?s ?p """a long "SERVICE" <http://x> {} string\n over lines""" }',
        "SELECT * { ?s ?p '''FROM <http://evil/>''' }",
        'SELECT * { ?s ?p "escaped \\" SERVICE <http://x> {}" }',
        "SELECT * { <http://x/SERVICE> <http://x/LOAD> <http://x/FROM> }",
        "SELECT ?service ?load ?from { ?service ?load $from }",
        "PREFIX ex: <http://x/> SELECT * { ex:SERVICE ex:load ex:FROM }",
        "SELECT * { ?s ?p ?o } # SERVICE <http://x> { }",
        'SELECT * { ?s ?p "x"@service }',
        "SELECT * FROM <http://example.org/g1> FROM NAMED <http://example.org/g2> { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:g1 { ?s ?p ?o }",
        "SELECT * { ?s <http://schema.org/serviceType> ?o . ?s ?p <http://example.org/fromage> }",
        "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_harmless_queries_pass(query):
    vet(query)


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT * { SERVICE <http://evil/sparql> { ?s ?p ?o } }", "http://evil/sparql"),
        ("select * { service <http://evil/sparql> { ?s ?p ?o } }", "not allowed"),
        ("SELECT * { SeRvIcE SiLeNt <http://evil/sparql> { ?s ?p ?o } }", "http://evil/sparql"),
        ("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }", "variable"),
        ("SELECT * { VALUES ?e { <http://evil/> } SERVICE ?e { ?s ?p ?o } }", "variable"),
        ("SELECT * { SERVICE<http://evil/>{ ?s ?p ?o } }", "http://evil/"),
        ("PREFIX : <http://evil/> SELECT * { SERVICE:x{ ?s ?p ?o } }", "variable"),  # glued: accepted by Oxigraph
        ("PREFIX ev: <http://evil/> SELECT * { SERVICEev:x { ?s ?p ?o } }", "SERVICE"),
        ("PREFIX ev: <http://evil/> SELECT * { SERVICE ev:sparql { ?s ?p ?o } }", "http://evil/sparql"),
        ("SELECT * { SERVICE undeclared:x { ?s ?p ?o } }", "undeclared"),
        ("SELECT * { ?s ?p 'x' } \n SERVICE", "SERVICE"),
        ('SELECT * { ?s ?p "unterminated\n SERVICE <http://evil/> {} }', "http://evil/"),
        ("LOAD <http://evil/data.ttl>", "LOAD"),
        ("load silent <http://evil/data.ttl> INTO GRAPH <http://g>", "LOAD"),
        ("SELECT * FROM <http://evil/data.ttl> { ?s ?p ?o }", "not a graph of this store"),
        ("SELECT * from named <http://evil/data.ttl> { ?s ?p ?o }", "not a graph of this store"),
        ("SELECT * FROM <relative> { ?s ?p ?o }", "not a graph"),
        ("PREFIX ev: <http://evil/> SELECT * FROM ev:x { ?s ?p ?o }", "http://evil/x"),
        ("PREFIX ev: <http://evil/> SELECT * FROMev:x { ?s ?p ?o }", "FROM"),
        ("SELECT*FROM NAMEDundeclared:x{}", "FROM"),
    ],
)
def test_outbound_queries_refused(query, words):
    with pytest.raises(ForbiddenQuery) as info:
        vet(query)
    assert words in info.value.message
    assert info.value.status == 400


def test_service_allowlist():
    q = "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    vet(q, allow=("https://query.wikidata.org/sparql",))
    q2 = "PREFIX wd: <https://query.wikidata.org/> SELECT * { SERVICE SILENT wd:sparql { ?s ?p ?o } }"
    vet(q2, allow=("https://query.wikidata.org/sparql",))
    with pytest.raises(ForbiddenQuery):
        vet(q, allow=("https://query.wikidata.org/sparql/",))
    with pytest.raises(ForbiddenQuery):
        vet("SELECT * { SERVICE ?x { } }", allow=("https://query.wikidata.org/sparql",))


# -- the safety scan: nesting and chains -------------------------------------------------


def test_depth_counts_every_bracket_kind_outside_strings_iris_and_comments():
    assert scan_query("ASK {}").max_depth == 1
    assert scan_query("SELECT ((1) AS ?x) { [ <p> ( 1 ) ] }").max_depth == 3
    assert scan_query('ASK { FILTER("((((((((" = "}}}") } # {{{{{{').max_depth == 2
    assert scan_query("ASK { <http://x/a(b)> ?p ?o }").max_depth == 2
    assert scan_query("ASK {{{ }}} {{ }}").max_depth == 3
    assert scan_query(")))) ASK { }").max_depth == 1  # stray closers do not go below zero


def test_depth_inside_a_pseudo_iri_counts():
    # A PEG parser reads `1<((((2))))>0` as nested expressions, a lexer as one IRIREF.
    d = 500
    q = "ASK { FILTER(1<" + "(" * d + "2" + ")" * d + ">0) }"
    assert [t.kind for t in tokenize(q)].count("iri") == 1
    assert scan_query(q).max_depth >= d


@pytest.mark.parametrize(
    "make",
    [
        lambda d: "SELECT ?x WHERE " + "{ " * d + "BIND(1 AS ?x)" + " }" * d,
        lambda d: "SELECT (" + "(" * d + "1" + ")" * d + " AS ?x) WHERE {}",
        lambda d: "SELECT * { ?s <p> " + "[ <p> " * d + "1" + " ]" * d + " }",
        lambda d: "ASK { FILTER(" + "EXISTS { FILTER(" * d + "true" + ") }" * d + ") }",
    ],
)
def test_deep_nesting_refused(make):
    vet(make(90))
    with pytest.raises(BadRequest, match="max_query_depth"):
        vet(make(1000))
    with pytest.raises(BadRequest, match="max_query_depth"):
        vet(make(10000))


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "SELECT (" + "+".join(["1"] * n) + " AS ?x) {}",
        lambda n: "ASK { FILTER(" + "||".join(["false"] * n) + ") }",
        lambda n: "SELECT * { " + " UNION ".join(["{ BIND(1 AS ?x) }"] * n) + " }",
        lambda n: "SELECT * { " + " ".join(f"BIND({i} AS ?x{i})" for i in range(n)) + " }",
        lambda n: "SELECT * { ?s " + "/".join(["<p>"] * n) + " ?o }",
    ],
)
def test_long_chains_refused(make):
    vet(make(150))
    with pytest.raises(BadRequest, match="max_query_operators"):
        vet(make(3000))


def test_long_flat_lists_are_not_chains():
    vet("SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ {} }} }}".format(" ".join(map(str, range(20000)))))
    vet("ASK {{ FILTER(1 IN ({})) }}".format(", ".join(map(str, range(5000)))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}()[]<>\"'\\#?$@:. \n\tSERVICEfromLOADx1^|!=&+-*/;,")), max_size=200))
def test_scan_never_fails_on_any_text(text):
    scan = scan_query(text)
    assert scan.max_depth >= 0 and scan.operators >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_anything_inside_a_string_is_inert(content):
    escaped = content.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    scan = scan_query(f'SELECT * {{ ?s ?p "{escaped}" }}')
    assert (scan.form, scan.max_depth, scan.service, scan.from_graphs, scan.load) == ("SELECT", 1, [], [], False)


def _worst_allowed_queries(depth: int, ops: int) -> list[str]:
    """The nastiest shapes still within the limits: deepest nesting around the longest chains."""
    d, n = depth - 2, ops - 10
    binds = " ".join(f"BIND(1 AS ?x{i})" for i in range(n))
    plus = "+".join(["1"] * n)
    return [
        "SELECT * WHERE { ?s <http://p> " + "[ <http://p> " * d + "1" + " ]" * d + " . " + binds + " }",
        "SELECT * WHERE " + "{ " * d + "BIND(1 AS ?x)" + " OPTIONAL { BIND(1 AS ?y) }" * (n // 2) + " }" * d,
        "ASK { FILTER(" + "EXISTS { FILTER(" * (d // 2) + "+".join(["1"] * (n - d)) + " > 0) }" * (d // 2) + ") }",
        "SELECT (" + "(" * d + plus + ")" * d + " AS ?x) WHERE {}",
        "SELECT ?x WHERE " + "{ SELECT ?x WHERE " * d + "{ " + binds + " }" + " }" * d,
        "SELECT * WHERE { " + " UNION ".join(["{ BIND(1 AS ?x) }"] * (n // 2)) + " }",
        "SELECT * WHERE " + "{ " * d + "?s " + "/".join(["<http://p>"] * n) + " ?o" + " }" * d,
    ]


_SURVIVAL_CHILD = textwrap.dedent("""
    import json, sys, threading, pyoxigraph as ox
    queries = json.load(sys.stdin)
    store = ox.Store()
    def run():
        for q in queries:
            r = store.query(q)
            r.serialize(format=ox.QueryResultsFormat.JSON)
        print("survived", len(queries))
    t = threading.Thread(target=run)  # a worker thread, like the server's
    t.start()
    t.join()
""")


def test_default_limits_are_safely_below_what_oxigraph_survives():
    """The defaults, in the worst shapes found, run on a worker thread in a separate process.

    Measured with pyoxigraph 0.5.13 on 8 MB thread stacks: nested ``[ ]`` overflow at
    about 1,150 levels, ``{ }`` at 2,190, EXISTS at 700 (1,400 brackets); chains of
    ``/`` in a property path at about 1,320, BIND/OPTIONAL/MINUS at 2,600, UNION 6,500,
    ``+`` 6,900, ``||`` 9,300.  An
    overflow aborts the child process, which is what this test would see.
    """
    s = load_settings({}, environ={})
    queries = _worst_allowed_queries(s.max_query_depth, s.max_query_operators)
    for q in queries:  # all of them get past the guard...
        check_query(scan_query(q), max_depth=s.max_query_depth, max_operators=s.max_query_operators)
    out = subprocess.run(
        [sys.executable, "-c", _SURVIVAL_CHILD], input=json.dumps(queries), capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0 and f"survived {len(queries)}" in out.stdout, out.stderr[-500:]  # ...and run
