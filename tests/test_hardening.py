"""Attacks a public endpoint meets on its first day, over real HTTP: each one refused, the store intact.

Entity expansion in RDF/XML writes, links made from stored ``javascript:`` IRIs, huge
``Accept`` headers, and the headers every HTML page carries (CSP, nosniff, framing).
(SERVICE/LOAD spellings: ``test_scan_outbound.py``; worker memory and network:
``test_worker_bounds.py``.)
"""

from __future__ import annotations

import uuid

import pytest
import requests
from rdflib import Literal, URIRef

from kg.errors import BadRequest, ConfigError
from kg.store import open_store
from kg.web.entities import Linker
from kg.web.payload import expanded_size
from kg.web.security import web_href

from .live import Server, make_app

EX = "http://example.org/hard/"
G = EX + "g"
TOKEN = "test-token-" + uuid.uuid4().hex
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TIMEOUT = 30


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("hard") / "store"
    with open_store(path) as store:
        store.replace_graph(
            G,
            [
                (URIRef(EX + "s"), URIRef(EX + "p"), Literal("kept")),
                (URIRef(EX + "s"), URIRef(EX + "link"), URIRef("javascript:alert(1)")),
            ],
        )
    srv = Server(make_app(path, update_token=TOKEN, query_timeout_s=0, max_body_bytes=1_000_000))
    yield srv
    srv.close()


def lol(levels: int) -> bytes:
    """The 'billion laughs': each entity ten of the one before, used once in a literal."""
    decls = ['<!ENTITY e0 "ha">'] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return (
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{"".join(decls)}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/hard/">'
        f'<rdf:Description rdf:about="http://example.org/hard/x"><ex:p>&e{levels};</ex:p></rdf:Description>'
        "</rdf:RDF>"
    ).encode()


def stored(server) -> set:
    store = server.app.extensions["kg.store"]
    return {q.triple for q in store.quads()}


def test_expanded_size_counts_without_expanding():
    assert expanded_size(b"<r>no entities</r>") == len(b"<r>no entities</r>")
    assert expanded_size(lol(9)) > 10**9  # computed, not built
    with pytest.raises(BadRequest, match="itself"):
        expanded_size(b'<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>&a;</r>')
    with pytest.raises(BadRequest, match="external"):
        expanded_size(b'<!DOCTYPE r [<!ENTITY a SYSTEM "file:///etc/passwd">]><r>&a;</r>')
    with pytest.raises(BadRequest, match="parameter"):
        expanded_size(b'<!DOCTYPE r [<!ENTITY % a "x">]><r/>')


def test_an_entity_bomb_is_a_413_and_the_store_is_unchanged(server):
    before = stored(server)
    r = requests.put(
        server.url + "/store",
        params={"graph": G},
        data=lol(7),
        headers={**AUTH, "Content-Type": "application/rdf+xml"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 413, r.text
    assert "expand" in r.text and "max_body_bytes" in r.text
    assert stored(server) == before


def test_rdf_xml_with_small_entities_is_still_accepted(server):
    graph = EX + "small"
    r = requests.put(
        server.url + "/store",
        params={"graph": graph},
        data=lol(2),
        headers={**AUTH, "Content-Type": "application/rdf+xml"},
        timeout=TIMEOUT,
    )
    assert r.status_code in (201, 204), r.text
    store = server.app.extensions["kg.store"]
    values = [q.object.value for q in store.quads() if q.graph_name.value == graph]
    assert values == ["ha" * 100]


def test_web_href_only_for_http_and_https():
    assert web_href("https://example.org/a") == "https://example.org/a"
    assert web_href("HTTP://example.org/") == "HTTP://example.org/"
    for iri in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "urn:x:y", "vbscript:x", None):
        assert web_href(iri) is None


def test_a_javascript_iri_is_never_a_link_on_a_page():
    """The entity pages' links (result tables: tests/test_query_page.py's test_only_web_iris_become_links)."""
    linker = Linker("https://w3id.org/summit-kg/id/", "/id/", "/ontology")  # the entity pages' links
    assert linker.href("javascript:alert(1)") is None
    assert linker.href("https://example.org/a") == "https://example.org/a"


def test_every_html_page_carries_the_security_headers(server):
    for path in ("/", "/queries", "/summit-kg/ontology", "/queries/summits"):
        r = requests.get(server.url + path, headers={"Accept": "text/html"}, timeout=TIMEOUT)
        assert r.status_code == 200, path
        assert r.headers["Content-Type"].startswith("text/html")
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "no-referrer"
    r = requests.get(
        server.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in r.headers


@pytest.mark.parametrize("query", ["ASK {}", f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}"])  # (the second: fast path)
def test_a_huge_accept_header_is_a_400(server, query):
    accept = "application/sparql-results+json, " + "text/x-filler;q=0.1, " * 3_000
    r = requests.get(server.url + "/sparql", params={"query": query}, headers={"Accept": accept}, timeout=TIMEOUT)
    assert r.status_code == 400, r.text
    assert "Accept header" in r.text
    ok = requests.get(
        server.url + "/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert ok.status_code == 200


def test_the_host_header_is_never_the_base_iri(tmp_path):
    """A relative IRI in a query resolves against public_url, whatever Host the client sends;
    the Service Description names the public endpoint."""
    path = tmp_path / "store"
    with open_store(path) as store:
        store.replace_graph(G, [(URIRef(EX + "s"), URIRef(EX + "p"), Literal("kept"))])
    for config in ({"public_url": "https://kg.example.org/"}, {}):
        srv = Server(make_app(path, query_timeout_s=0, **config))
        expected = config.get("public_url", srv.url + "/").rstrip("/") + "/sparql"  # else: the listening address
        try:
            r = requests.get(
                srv.url + "/sparql",
                params={"query": "SELECT ?x WHERE { BIND(<x> AS ?x) }"},
                headers={"Accept": "application/sparql-results+json", "Host": "evil.example"},
                timeout=TIMEOUT,
            )
            assert r.json()["results"]["bindings"][0]["x"]["value"] == expected.rsplit("/", 1)[0] + "/x"
            sd = requests.get(
                srv.url + "/sparql",
                headers={"Accept": "application/n-triples", "Host": "evil.example"},
                timeout=TIMEOUT,
            ).text
            assert f"<{expected}>" in sd and "evil.example" not in sd
        finally:
            srv.close()


def test_a_bad_public_url_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="public_url"):
        make_app(tmp_path / "store", public_url="ftp://x")
