"""What a newcomer meets on /sparql (issue 19): readable syntax errors, ``SELECT *`` columns in
the query's order, and the ``format``/``output`` parameter.  Real store, real HTTP (waitress),
query workers on; the in-process path (query_timeout_s = 0) is checked too where it differs.
"""

from __future__ import annotations

import csv
import io

import pytest
import requests

from kg.rdf.namespaces import PREFIXES
from kg.store import open_store

from .live import Server, make_app

EX = "http://example.org/test/"
TIMEOUT = 30


def _build(path) -> None:
    from rdflib import Literal, URIRef

    with open_store(path) as store:
        store.replace_graph(EX + "g1", [(URIRef(EX + "s"), URIRef(EX + "p"), Literal("o"))])


@pytest.fixture(scope="module", params=["workers", "in-process"])
def server(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("usability") / "store"
    _build(path)
    options = {} if request.param == "workers" else {"query_timeout_s": 0}
    srv = Server(make_app(path, **options))
    yield srv
    srv.close()


def get(server, *params, accept=None):
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + "/sparql", params=list(params), headers=headers, timeout=TIMEOUT)


def post(server, *params, accept=None):
    headers = {"Accept": accept} if accept else {}
    return requests.post(server.url + "/sparql", data=list(params), headers=headers, timeout=TIMEOUT)


# -- syntax errors -------------------------------------------------------------------------


def test_a_missing_known_prefix_says_which_declaration_to_add(server):
    r = get(server, ("query", "SELECT ?s WHERE {\n  ?s a skg:Summit }"), accept="text/csv")
    assert r.status_code == 400
    line = r.text.strip()
    assert "\n" not in line and len(line) < 200, line  # one short line, not the parser's 500 bytes
    assert line == (
        f"SPARQL syntax error: line 2, column 8: prefix skg: is not declared; add PREFIX skg: <{PREFIXES['skg']}>"
    )


@pytest.mark.parametrize("prefix", ["schema", "wd", "wdt", "owl", "rdfs", "rdf", "xsd", "prov", "skos", "dcterms"])
def test_every_known_prefix_is_offered(server, prefix):
    r = post(
        server,
        ("query", f"PREFIX skg: <{PREFIXES['skg']}>\nSELECT * WHERE {{ ?s {prefix}:x ?o }}"),
        accept="application/json",
    )
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "SPARQL syntax error"
    assert body["message"].endswith(f"add PREFIX {prefix}: <{PREFIXES[prefix]}>")


def test_an_unknown_prefix_and_other_errors_give_a_position(server):
    r = get(server, ("query", "SELECT * WHERE { ?s foo:bar ?o }"), accept="text/csv")
    assert r.status_code == 400
    assert "line 1, column 21: prefix foo: is not declared" in r.text
    r = get(server, ("query", "SELECT (COUNT(?s) AS ?n WHERE { ?s ?p ?o }"), accept="text/csv")
    assert r.status_code == 400
    assert r.text.strip() == 'SPARQL syntax error: line 1, column 25: unexpected "WHERE"; expected ")"'
    r = get(server, ("query", "SELECT * WHERE { ?s ?p 'never closed }"), accept="text/csv")
    assert r.text.strip() == "SPARQL syntax error: line 1, column 24: this string is never closed"


# -- SELECT * ------------------------------------------------------------------------------


def _csv_header(r) -> list[str]:
    assert r.status_code == 200, r.text
    return next(csv.reader(io.StringIO(r.text)))


@pytest.mark.parametrize("send", [get, post])  # GET of one pattern takes the lookup fast path
def test_select_star_columns_come_in_query_order(server, send):
    query = "SELECT * WHERE { ?s ?p ?o }"
    assert _csv_header(send(server, ("query", query), accept="text/csv")) == ["s", "p", "o"]
    r = send(server, ("query", query), accept="application/sparql-results+json")
    assert r.json()["head"]["vars"] == ["s", "p", "o"]
    r = send(
        server, ("query", "SELECT * { ?zeta ?alpha ?m OPTIONAL { ?m ?b ?a } }"), accept="text/tab-separated-values"
    )
    assert r.text.splitlines()[0].split("\t") == ["?zeta", "?alpha", "?m", "?b", "?a"]
    assert r.text.splitlines()[1].split("\t")[:3] == [f"<{EX}s>", f"<{EX}p>", '"o"']  # the cells moved too


def test_an_explicit_projection_keeps_its_order(server):
    r = post(server, ("query", "SELECT ?o ?s WHERE { ?s ?p ?o }"), accept="text/csv")
    assert _csv_header(r) == ["o", "s"]


# -- format / output -----------------------------------------------------------------------


@pytest.mark.parametrize("param", ["format", "output"])
@pytest.mark.parametrize(
    ("value", "media_type"),
    [
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
    ],
)
def test_format_parameter_overrides_accept_for_results(server, param, value, media_type):
    accept = "text/csv" if value != "csv" else "application/sparql-results+json"  # what the parameter overrides
    for send in (get, post):
        r = send(server, ("query", "SELECT ?s WHERE { ?s ?p ?o }"), (param, value), accept=accept)
        assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == media_type


@pytest.mark.parametrize(
    ("value", "media_type"),
    [
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("rdfxml", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
        ("xml", "application/rdf+xml"),
        ("json", "application/ld+json"),
    ],
)
def test_format_parameter_for_graphs(server, value, media_type):
    accept = "application/n-triples" if value == "turtle" else "text/turtle"  # what the parameter overrides
    r = get(server, ("query", "CONSTRUCT WHERE { ?s ?p ?o }"), ("format", value), accept=accept)
    assert r.status_code == 200 and r.headers["Content-Type"].split(";")[0] == media_type
    assert EX + "s" in r.text


def test_an_unknown_or_unfit_format_is_a_400_with_the_list(server):
    r = get(server, ("query", "SELECT ?s WHERE { ?s ?p ?o }"), ("format", "excel"), accept="text/plain")
    assert r.status_code == 400
    assert "unknown result format 'excel'" in r.text and "json, xml, csv, tsv" in r.text
    r = get(server, ("query", "CONSTRUCT WHERE { ?s ?p ?o }"), ("output", "csv"), accept="text/plain")
    assert r.status_code == 400 and "turtle" in r.text and "cannot be sent as 'csv'" in r.text
    r = get(server, ("query", "ASK {}"), ("format", "csv"), ("output", "json"), accept="text/plain")
    assert r.status_code == 400 and "disagree" in r.text
