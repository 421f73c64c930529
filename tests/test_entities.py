"""Entity pages and the ontology page, over real HTTP (waitress), on a graph ingested from the example."""

from __future__ import annotations

import html
import re

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDFS

import kg.cli
from kg.errors import BadRequest, NotAcceptable
from kg.rdf.namespaces import ONTOLOGY_IRI, SKG, WD
from kg.resources import ontology_dir
from kg.web.entities import ALTERNATES, Linker, choose_media_type, mount_path

from .conftest import SEED
from .endpoint import TIMEOUT, rdflib_quiet
from .live import Server, make_app

BASE = "https://w3id.org/summit-kg/id/"
ASTANA = URIRef(BASE + "city/kazakhstan/astana")
SUMMIT = URIRef(BASE + "summit/sco/17")
ASTANA_PATH = "/summit-kg/id/city/kazakhstan/astana"
CUSTOM_BASE = "http://localhost:5000/kg/"
RDFLIB = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
FORMAT_TYPES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


def ingest(path, base_iri: str | None = None) -> None:
    argv = ["ingest", str(SEED), "--store", str(path), "-q"]
    if base_iri:
        argv += ["--base-iri", base_iri]
    assert kg.cli.main(argv) == 0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("entities") / "store"
    ingest(path)
    srv = Server(make_app(path))
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def custom_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("entities-custom") / "store"
    ingest(path, CUSTOM_BASE)
    srv = Server(make_app(path, base_iri=CUSTOM_BASE))
    yield srv
    srv.close()


def get(srv, path, headers=None, **kw):
    """``Connection: close``: waitress closes its side, so no socket outlives a server closed right after."""
    return requests.get(srv.url + path, timeout=TIMEOUT, headers={"Connection": "close", **(headers or {})}, **kw)


def parse(resp) -> Graph:
    media_type = resp.headers["Content-Type"].split(";")[0]
    with rdflib_quiet():
        return Graph().parse(data=resp.content, format=RDFLIB[media_type])


def sparql_select(srv, query: str) -> list[dict]:
    resp = requests.post(
        srv.url + "/sparql",
        data={"query": query},
        timeout=TIMEOUT,
        headers={"Accept": "application/sparql-results+json", "Connection": "close"},
    )
    assert resp.status_code == 200, resp.text
    return [{k: v["value"] for k, v in b.items()} for b in resp.json()["results"]["bindings"]]


def section(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next h2."""
    match = re.search(rf'<h2 id="{anchor}">(.*?)(?=<h2 |\Z)', page, re.S)
    assert match, f"no section {anchor}"
    return match.group(1)


# -- pure parts -----------------------------------------------------------------------------


def test_mount_path():
    assert mount_path(BASE) == "/summit-kg/id/"
    assert mount_path(CUSTOM_BASE) == "/kg/"
    assert mount_path("http://example.org/") == "/"
    assert mount_path("http://example.org/kg#") is None
    assert mount_path("urn:x:kg/") is None


def test_choose_media_type():
    assert choose_media_type(None, "text/html,application/xhtml+xml,*/*;q=0.8") == "text/html"
    assert choose_media_type(None, None) == "text/html"
    assert choose_media_type(None, "text/turtle") == "text/turtle"
    assert choose_media_type("ttl", "text/html") == "text/turtle"  # ?format= wins
    assert choose_media_type("RDF", None) == "application/rdf+xml"
    with pytest.raises(BadRequest):
        choose_media_type("csv", None)
    with pytest.raises(NotAcceptable):
        choose_media_type(None, "image/png")


def test_linker_links_local_ontology_and_web_iris_only():
    linker = Linker(BASE, "/summit-kg/id/", "/summit-kg/ontology")
    assert linker.href(str(ASTANA)) == ASTANA_PATH
    assert linker.href(str(SKG.Summit)) == "/summit-kg/ontology#Summit"
    assert linker.href(str(WD.Q1520)) == str(WD.Q1520)
    assert linker.href("javascript:alert(1)") is None
    assert linker.href("urn:isbn:123") is None


# -- entity pages -------------------------------------------------------------------------------


def test_entity_html(server):
    resp = get(server, ASTANA_PATH, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    page = resp.text
    assert "<h1>Astana</h1>" in page
    assert 'href="http://www.wikidata.org/entity/Q1520"' in page
    assert 'href="/summit-kg/ontology#City"' in page  # types link to the ontology's anchors
    assert 'href="/summit-kg/id/country/kazakhstan"' in section(page, "properties")  # local pages
    assert 'href="/summit-kg/id/summit/sco/17"' in section(page, "incoming")
    sentences = sparql_select(
        server,
        f"""
        PREFIX skg: <{SKG._NS}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?text WHERE {{ <{ASTANA}> skg:evidence/nif:anchorOf ?text }}""",
    )
    assert sentences
    mentions = html.unescape(section(page, "mentions"))
    for row in sentences:
        assert row["text"] in mentions
    assert "SCO to improve counter-terrorism ability" in mentions  # the article's headline


@pytest.mark.parametrize("accept,fmt", [(t, None) for t in RDFLIB] + [(None, f) for f in FORMAT_TYPES])
def test_entity_rdf(server, accept, fmt):
    headers = {"Accept": accept} if accept else {}
    resp = get(server, ASTANA_PATH, headers=headers, params={"format": fmt} if fmt else None)
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].split(";")[0] == (accept or FORMAT_TYPES[fmt])
    graph = parse(resp)
    assert (ASTANA, OWL.sameAs, WD.Q1520) in graph
    assert (SUMMIT, SKG.hostCity, ASTANA) in graph  # incoming links are part of the description
    assert {s for s in graph.subjects() if s != ASTANA} <= set(graph.subjects(None, ASTANA))


def test_entity_rdf_is_the_description_in_the_union_of_graphs(server):
    resp = get(server, ASTANA_PATH, headers={"Accept": "application/n-triples"})
    expected = requests.post(
        server.url + "/sparql",
        timeout=TIMEOUT,
        headers={"Accept": "application/n-triples", "Connection": "close"},
        data={
            "query": f"CONSTRUCT {{ <{ASTANA}> ?p ?o . ?s ?q <{ASTANA}> }} WHERE "
            f"{{ {{ <{ASTANA}> ?p ?o }} UNION {{ ?s ?q <{ASTANA}> }} }}"
        },
    )
    assert expected.status_code == 200
    assert len(parse(resp)) > 5
    assert isomorphic(parse(resp), parse(expected))


def test_entity_headers(server):
    for accept in ("text/html", "text/turtle"):
        resp = get(server, ASTANA_PATH, headers={"Accept": accept})
        assert "Accept" in resp.headers["Vary"]
        links = resp.headers["Link"]
        for fmt, media_type in ALTERNATES:
            assert f'<{server.url}{ASTANA_PATH}?format={fmt}>; rel="alternate"; type="{media_type}"' in links
        assert len(resp.raw.headers.getlist("Link")) == len(ALTERNATES)


def test_unknown_entity_is_404(server):
    resp = get(server, "/summit-kg/id/city/nowhere/atlantis", headers={"Accept": "text/html"})
    assert resp.status_code == 404
    assert resp.text.startswith("Not found:")
    assert get(server, "/summit-kg/id/city/nowhere/atlantis", params={"format": "ttl"}).status_code == 404


def test_unknown_format_is_400(server):
    resp = get(server, ASTANA_PATH, params={"format": "csv"})
    assert resp.status_code == 400
    assert get(server, ASTANA_PATH, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    "tail",
    [
        "a%3Eb",
        "a%3C%3E",
        "x%3E%20%7D%20DROP%20ALL",
        "a%20b",
        "a%22b",
        "x%22%20.%20%3Fs",
        "a%7Bb%7D",
        "a%5Cb",
        "a%60b",
        "a%00b",
        "a%zz",
        "a%25zz",
        "it's",
        "a%0Ab",
    ],
)
def test_bad_paths_are_400_or_404_and_never_sparql_text(server, monkeypatch, tail):
    """What leaves the page for the store -- in-process, or sent to a query worker -- is recorded."""
    store = server.app.extensions["kg.store"]
    pool = server.app.extensions["kg.query_pool"]  # the page's query goes to the workers
    seen: list[tuple[str, dict]] = []
    real_query, real_stream = store.query, pool.stream

    def recording_query(sparql, **kw):
        seen.append((sparql, kw.get("substitutions") or {}))
        return real_query(sparql, **kw)

    def recording_stream(sparql, *args, **kw):
        seen.append((sparql, kw.get("substitutions") or {}))
        return real_stream(sparql, *args, **kw)

    monkeypatch.setattr(store, "query", recording_query)
    monkeypatch.setattr(pool, "stream", recording_stream)
    resp = get(server, "/summit-kg/id/city/" + tail)
    assert resp.status_code in (400, 404), resp.text
    for sparql, substitutions in seen:  # what did reach the store: a bound value, not text
        assert "/city/" not in sparql
        assert all(isinstance(v, ox.NamedNode) for v in substitutions.values())
    if tail == "it's":  # a valid IRI: looked up, bound as a value
        assert resp.status_code == 404
        assert seen and all(subs == {"e": ox.NamedNode(BASE + "city/it's")} for _, subs in seen)


def test_route_priority_with_a_root_base(tmp_path):
    ingest(tmp_path / "store")
    srv = Server(make_app(tmp_path / "store", base_iri="http://localhost:5000/"))
    try:
        assert get(srv, "/sparql", headers={"Accept": "text/turtle"}).status_code == 200  # the service description
        assert get(srv, "/summit-kg/ontology").status_code == 200
        assert get(srv, "/city/kazakhstan/astana").status_code == 404  # minted under the default base
    finally:
        srv.close()


def test_custom_base_iri(custom_server):
    astana = URIRef(CUSTOM_BASE + "city/kazakhstan/astana")
    resp = get(custom_server, "/kg/city/kazakhstan/astana", headers={"Accept": "text/html"})
    assert resp.status_code == 200
    assert "<h1>Astana</h1>" in resp.text
    assert 'href="/kg/summit/sco/17"' in section(resp.text, "incoming")
    graph = parse(get(custom_server, "/kg/city/kazakhstan/astana", params={"format": "ttl"}))
    assert (astana, OWL.sameAs, WD.Q1520) in graph
    assert get(custom_server, ASTANA_PATH).status_code == 404


# -- the worker pool: the page's query runs under query_timeout_s and max_rows ---------------------


def test_entity_pages_are_the_same_in_process(server, tmp_path):
    """query_timeout_s = 0 runs the page's query in the server process: same page, same RDF."""
    ingest(tmp_path / "store")
    srv = Server(make_app(tmp_path / "store", query_timeout_s=0))
    try:
        assert "kg.query_pool" not in srv.app.extensions
        for fmt in ("nt", "jsonld"):
            local, pooled = (
                get(srv, ASTANA_PATH, params={"format": fmt}),
                get(server, ASTANA_PATH, params={"format": fmt}),
            )
            assert local.status_code == pooled.status_code == 200
            assert len(parse(local)) > 5 and isomorphic(parse(local), parse(pooled))
        local = get(srv, ASTANA_PATH, headers={"Accept": "text/html"})
        pooled = get(server, ASTANA_PATH, headers={"Accept": "text/html"})
        for anchor in ("properties", "incoming", "mentions"):
            assert section(local.text, anchor) == section(pooled.text, anchor)
    finally:
        srv.close()


@pytest.mark.parametrize("timeout_s", [30, 0], ids=["workers", "in-process"])
def test_a_description_cut_at_max_rows_says_so(tmp_path, timeout_s):
    ingest(tmp_path / "store")
    srv = Server(make_app(tmp_path / "store", query_timeout_s=timeout_s, max_rows=5))
    try:
        page = get(srv, ASTANA_PATH, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert page.headers["X-KG-Truncated"] == "true"
        assert "<strong>Truncated:</strong>" in page.text and "max_rows" in page.text
        data = get(srv, ASTANA_PATH, params={"format": "nt"})
        assert data.headers["X-KG-Truncated"] == "true"
        assert 0 < len(parse(data)) <= 5
    finally:
        srv.close()
    srv = Server(make_app(tmp_path / "store", query_timeout_s=timeout_s))  # the default max_rows
    try:
        page = get(srv, ASTANA_PATH, headers={"Accept": "text/html"})
        assert "X-KG-Truncated" not in page.headers and "Truncated" not in page.text
        data = get(srv, ASTANA_PATH, params={"format": "nt"})
        assert "X-KG-Truncated" not in data.headers and len(parse(data)) > 5
    finally:
        srv.close()


def test_an_entity_page_past_its_deadline_is_a_503(tmp_path):
    """A deadline far below what a worker needs to start: only the pool's deadline can answer 503."""
    ingest(tmp_path / "store")
    srv = Server(make_app(tmp_path / "store", query_timeout_s=0.01))
    try:
        resp = get(srv, ASTANA_PATH, headers={"Accept": "text/html"})
        assert resp.status_code == 503, resp.text
        assert resp.text.startswith("Query timed out:")
    finally:
        srv.close()


# -- the ontology -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    return Graph().parse(ontology_dir() / "summit-kg.ttl", format="turtle")


def test_ontology_html(server, ontology_graph):
    resp = get(server, "/summit-kg/ontology", headers={"Accept": "text/html"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    page = resp.text
    summit = re.search(r'<div class="term" id="Summit">(.*?)</div>', page, re.S)
    assert summit, "no #Summit anchor"
    assert str(ontology_graph.value(SKG.Summit, RDFS.comment)) in html.unescape(summit.group(1))
    assert "schema:Event" in summit.group(1)  # its super-class
    host_city = re.search(r'<div class="term" id="hostCity">(.*?)</div>', page, re.S)
    assert host_city and 'href="/summit-kg/ontology#City"' in host_city.group(1)  # the range, linked to its anchor
    terms = {
        str(s)[len(ONTOLOGY_IRI) + 1 :] for s in ontology_graph.subjects() if str(s).startswith(ONTOLOGY_IRI + "#")
    }
    assert len(terms) > 50
    for term in terms:  # every hash IRI of the ontology resolves to an anchor
        assert f'id="{term}"' in page


@pytest.mark.parametrize(
    "accept,fmt", [("text/turtle", None), (None, "ttl"), (None, "nt"), ("application/ld+json", None), (None, "rdf")]
)
def test_ontology_rdf(server, ontology_graph, accept, fmt):
    resp = get(
        server,
        "/summit-kg/ontology",
        headers={"Accept": accept} if accept else {},
        params={"format": fmt} if fmt else None,
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].split(";")[0] == (accept or FORMAT_TYPES[fmt])
    assert "Accept" in resp.headers["Vary"]
    assert isomorphic(parse(resp), ontology_graph)
    if resp.headers["Content-Type"].startswith("text/turtle"):
        assert resp.content == (ontology_dir() / "summit-kg.ttl").read_bytes()
