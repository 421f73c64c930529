"""Named queries over real HTTP: ``/queries`` and ``/queries/<name>`` (HTML, JSON, XML, CSV, TSV).

The shipped queries run over a store made by ingesting the bundled example (one SCO
summit, in Astana); a few tests point the app at a folder of their own ``.rq`` files
(``server.queries_dir`` patched) for typed parameters, bad files and federation.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
import requests

from kg.cli import main
from kg.errors import ConfigError
from kg.resources import queries_dir

from .conftest import SEED
from .endpoint import CSV, JSON, TSV, XML, rows_of
from .live import Server, Tab, make_app

TIMEOUT = 30
SHIPPED = [p.stem for p in sorted(queries_dir().glob("*.rq"))]  # the order they are loaded in


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "store"
    assert main(["ingest", str(SEED), "--store", str(path), "--quiet"]) == 0
    return path


@pytest.fixture(scope="module")
def server(seed_store):
    srv = Server(make_app(seed_store))
    yield srv
    srv.close()


def get(server, path, accept=None, **kw):
    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url + path, headers=headers, timeout=TIMEOUT, **kw)


def table_of(page: str) -> list[dict[str, str]]:
    """The rows a named query's page carries (its SPARQL JSON, which the page's script draws as the query
    page does), each as {variable: value}."""
    found = re.search(r'<script type="application/json" id="result-doc">(.*?)</script>', page, re.S)
    assert found, "no result on the page"
    return [{v: term["value"] for v, term in b.items()} for b in json.loads(found.group(1))["results"]["bindings"]]


# -- the list ----------------------------------------------------------------------------


def test_list_as_json(server):
    resp = get(server, "/queries", "application/json")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/json"
    items = resp.json()["queries"]
    assert [q["name"] for q in items] == SHIPPED
    members = next(q for q in items if q["name"] == "members-wikidata")
    assert members["params"] == [
        {
            "name": "type",
            "type": "string",
            "default": "member",
            "help": "membership type: member, observer, dialogue partner or candidate",
        }
    ]
    assert members["url"] == "/queries/members-wikidata"
    assert members["downloads"]["csv"] == "/queries/members-wikidata.csv"
    federated = next(q for q in items if q["name"] == "host-city-population")
    assert federated["services"] == ["https://query.wikidata.org/sparql"]


def test_list_is_html_for_browsers(server):
    resp = get(server, "/queries", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/html")
    assert "Vary" in resp.headers
    for name in SHIPPED:
        assert f'href="/queries/{name}"' in resp.text
    assert "Member states with their Wikidata entities" in resp.text


# -- one query, as data --------------------------------------------------------------------


def test_summits_json(server):
    resp = get(server, "/queries/summits.json")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == JSON
    rows = resp.json()["results"]["bindings"]
    assert len(rows) == 1
    assert rows[0]["ordinal"]["value"] == "17"
    assert rows[0]["hostCityLabel"]["value"] == "Astana"


def test_summits_csv(server):
    resp = get(server, "/queries/summits.csv")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert [(r["ordinal"], r["hostCityLabel"]) for r in rows] == [("17", "Astana")]


@pytest.mark.parametrize(
    "path, accept, media_type",
    [
        ("/queries/summits.xml", None, XML),
        ("/queries/summits.tsv", None, TSV),
        ("/queries/summits", JSON, JSON),
        ("/queries/summits", "application/json", JSON),
        ("/queries/summits", XML, XML),
        ("/queries/summits", CSV, CSV),
        ("/queries/summits", TSV, TSV),
    ],
)
def test_every_results_format(server, path, accept, media_type):
    resp = get(server, path, accept)
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].split(";")[0] == media_type
    rows = rows_of(resp)
    assert len(rows) == 1
    assert str(rows[0]["hostCityLabel"]).strip('"') == "Astana"  # TSV writes literals in Turtle syntax


def test_a_graph_type_is_not_acceptable_for_a_select(server):
    resp = get(server, "/queries/summits", "text/turtle")
    assert resp.status_code == 406


# -- one query, as a page -----------------------------------------------------------------


def test_html_page_has_title_description_and_rows(server):
    resp = get(server, "/queries/summits", "text/html")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Summits</h1>" in resp.text
    assert "Which summit, where and when" in resp.text
    rows = table_of(resp.text)
    assert [(r["ordinal"], r["hostCityLabel"]) for r in rows] == [("17", "Astana")]
    assert 'href="/queries/summits.csv"' in resp.text


def test_html_page_has_a_form_with_the_defaults(server):
    resp = get(server, "/queries/members-wikidata", "text/html")
    assert resp.status_code == 200
    assert re.search(r'<input id="param-type" name="type" value="member"', resp.text)
    assert {r["memberLabel"] for r in table_of(resp.text)} == {"India", "Pakistan"}
    observers = get(server, "/queries/members-wikidata?type=observer", "text/html")
    assert re.search(r'<input id="param-type" name="type" value="observer"', observers.text)
    assert "0 rows" in observers.text
    assert 'href="/queries/members-wikidata.csv?type=observer"' in observers.text


def test_html_escapes_parameter_values(server):
    resp = get(server, "/queries/members-wikidata", "text/html", params={"type": '"><script>x</script>'})
    assert resp.status_code == 200
    assert "<script>x</script>" not in resp.text
    assert "&#34;&gt;&lt;script&gt;" in resp.text


# -- parameters ------------------------------------------------------------------------------


def labels(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {b["memberLabel"]["value"] for b in resp.json()["results"]["bindings"]}


def test_parameters_are_bound(server):
    assert labels(get(server, "/queries/members-wikidata.json?type=observer")) == set()
    assert labels(get(server, "/queries/members-wikidata.json?type=member")) == {"India", "Pakistan"}
    assert labels(get(server, "/queries/members-wikidata.json")) == {"India", "Pakistan"}  # the default


def test_parameters_are_values_not_query_text(server):
    injection = 'member") } UNION { ?member ?p ?memberName . BIND("member'
    assert labels(get(server, "/queries/members-wikidata.json", params={"type": injection})) == set()


@pytest.mark.parametrize(
    "query_string, words",
    [
        ("nope=1", "no parameter 'nope'"),
        ("type=member&type=observer", "more than once"),
    ],
)
def test_bad_parameters_are_400s_in_the_error_shape(server, query_string, words):
    resp = get(server, "/queries/members-wikidata.json?" + query_string, "application/json")
    assert resp.status_code == 400
    assert resp.headers["Content-Type"] == "application/json"
    body = resp.json()
    assert body["error"] == "Bad request" and words in body["message"]
    page = get(server, "/queries/members-wikidata?" + query_string, "text/html")
    assert page.status_code == 400
    assert words in html.unescape(page.text)  # shown next to the form


def test_unknown_names_and_extensions_are_404s(server):
    for path in ("/queries/nope", "/queries/nope.json", "/queries/summits.exe"):
        resp = get(server, path, "application/json")
        assert resp.status_code == 404, path
        assert resp.json()["error"] == "Not found"


def test_federated_query_is_refused_without_the_allowlist(server):
    resp = get(server, "/queries/host-city-population.json")
    assert resp.status_code == 400
    assert "service_allowlist" in resp.text
    page = get(server, "/queries/host-city-population", "text/html")
    assert page.status_code == 400
    assert "service_allowlist" in page.text and 'id="result-doc"' not in page.text


# -- a folder of our own queries ------------------------------------------------------------------

TYPED = """\
#+ title: Summits by ordinal
#+ description: The summit with a given ordinal.
#+ param: ordinal integer 17 - which summit
PREFIX skg: <https://w3id.org/summit-kg/ontology#>
SELECT ?summit ?ordinal WHERE { ?summit skg:ordinal ?ordinal }
"""
CONSTRUCT = """\
#+ title: Summit types
#+ description: The type triples of the summits.
PREFIX skg: <https://w3id.org/summit-kg/ontology#>
CONSTRUCT { ?s a skg:Summit } WHERE { ?s a skg:Summit }
"""


@pytest.fixture
def fresh_store(tmp_path):
    """The example ingested into a store of this test's own (the module's server holds the shared one)."""

    def make(name: str = "store"):
        path = tmp_path / name
        assert main(["ingest", str(SEED), "--store", str(path), "--quiet"]) == 0
        return path

    return make


def own_app(monkeypatch, tmp_path, store, files: dict[str, str], **config):
    folder = tmp_path / "queries"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr("server.queries_dir", lambda: folder)
    return make_app(store, **config)


def test_typed_parameters(monkeypatch, tmp_path, fresh_store):
    srv = Server(own_app(monkeypatch, tmp_path, fresh_store(), {"typed.rq": TYPED, "graph.rq": CONSTRUCT}))
    try:
        resp = get(srv, "/queries/typed.json")
        assert [b["ordinal"]["value"] for b in resp.json()["results"]["bindings"]] == ["17"]
        assert get(srv, "/queries/typed.json?ordinal=18").json()["results"]["bindings"] == []
        bad = get(srv, "/queries/typed.json?ordinal=17x", "application/json")
        assert bad.status_code == 400
        assert bad.json()["message"] == "parameter ordinal: '17x' is not a valid integer"
        graph = get(srv, "/queries/graph.ttl")
        assert graph.status_code == 200 and graph.headers["Content-Type"].startswith("text/turtle")
        assert "summit/sco/17" in graph.text
        assert get(srv, "/queries/graph.json").status_code == 404  # a graph is not a results table
    finally:
        srv.close()


def test_a_construct_page_shows_prefixed_turtle_and_graph_downloads(monkeypatch, tmp_path, fresh_store, browser):
    srv = Server(own_app(monkeypatch, tmp_path, fresh_store(), {"graph.rq": CONSTRUCT}))
    tab = Tab(browser, srv)
    try:
        page = tab.open("/queries/graph")
        turtle = page.inner_text("#graph")  # results.js, as on the query page
        assert "@prefix skg: <https://w3id.org/summit-kg/ontology#> ." in turtle and "skg:Summit" in turtle
        assert "<https://w3id.org/summit-kg/ontology#Summit>" not in turtle
        links = page.locator("p.downloads a[data-ext]")
        assert links.evaluate_all("as => as.map(a => a.dataset.ext)") == ["ttl", "nt", "rdf", "jsonld"]
        assert links.first.get_attribute("href") == "/queries/graph.ttl"
        tab.check()
    finally:
        tab.close()
        srv.close()


@pytest.mark.parametrize(
    "text, words",
    [
        ("SELECT * WHERE { ?s ?p ?o }\n", "front-matter needs a '#+ title:' line"),
        ("#+ title: T\n#+ description: D\nSELECT * WHERE { ?s ?p \n", "SPARQL syntax error"),
        ("#+ title: T\n#+ description: D\n#+ param: n integer x y z\nSELECT ?n WHERE {}\n", "bad param line"),
    ],
)
def test_a_bad_rq_stops_start_up_naming_the_file(monkeypatch, tmp_path, text, words):
    with pytest.raises(ConfigError) as info:
        own_app(monkeypatch, tmp_path, tmp_path / "store", {"good.rq": TYPED, "broken.rq": text})
    assert "broken.rq" in info.value.message and words in info.value.message


def test_federated_query_runs_when_every_service_is_allowlisted(monkeypatch, tmp_path, fresh_store):
    remote = Server(make_app(fresh_store("remote")))  # stands in for a remote SPARQL endpoint, on loopback
    endpoint = remote.url + "/sparql"
    federated = (
        f"#+ title: Remote\n#+ description: Ordinals from elsewhere.\n#+ service: {endpoint}\n"
        "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\n"
        f"SELECT ?ordinal WHERE {{ SERVICE <{endpoint}> {{ ?s skg:ordinal ?ordinal }} }}\n"
    )
    try:
        local = fresh_store("local")
        refused = Server(own_app(monkeypatch, tmp_path, local, {"remote.rq": federated}))
        try:
            assert get(refused, "/queries/remote.json").status_code == 400
        finally:
            refused.close()
        allowed = Server(own_app(monkeypatch, tmp_path, local, {"remote.rq": federated}, service_allowlist=[endpoint]))
        try:
            resp = get(allowed, "/queries/remote.json")
            assert resp.status_code == 200, resp.text
            assert [b["ordinal"]["value"] for b in resp.json()["results"]["bindings"]] == ["17"]
        finally:
            allowed.close()
    finally:
        remote.close()


# -- the worker pool: deadline and max_rows, as for /sparql ---------------------------------------

EX = "http://example.org/named/"
N = 3000
SLOW = f"""\
#+ title: Slow
#+ description: A three-way cartesian product of {N} triples: only the deadline can end it.
SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }}
"""
MANY = """\
#+ title: Many
#+ description: Every value of ex:p.
SELECT ?s ?o WHERE { ?s <http://example.org/named/p> ?o }
"""
FEW = """\
#+ title: Few
#+ description: One value of ex:p.
SELECT ?o WHERE { <http://example.org/named/s7> <http://example.org/named/p> ?o }
"""


@pytest.fixture
def numbers_store(tmp_path):
    """N triples ``ex:sI ex:p I`` in one graph."""
    from rdflib import Literal, URIRef

    from kg.store import open_store

    path = tmp_path / "numbers"
    with open_store(path) as store:
        store.replace_graph(EX + "g", [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(N)])
    return path


def test_a_slow_named_query_is_stopped_at_the_deadline(monkeypatch, tmp_path, numbers_store):
    srv = Server(own_app(monkeypatch, tmp_path, numbers_store, {"slow.rq": SLOW, "few.rq": FEW}, query_timeout_s=1.5))
    try:
        pool = srv.app.extensions["kg.query_pool"]
        for path, accept in (
            ("/queries/slow", "text/html"),
            ("/queries/slow.json", "application/json"),
            ("/queries/slow", "application/sparql-results+json"),
        ):
            before = set(pool.killed)
            resp = get(srv, path, accept)
            assert resp.status_code == 503, (path, resp.text)
            assert "Query timed out" in resp.text and "query_timeout_s" in resp.text
            assert len(set(pool.killed) - before) == 1  # its worker was killed, not left running
        # the server goes on: a replacement worker answers the next page
        page = get(srv, "/queries/few", "text/html")
        assert page.status_code == 200
        assert [r["o"] for r in table_of(page.text)] == ["7"]
    finally:
        srv.close()


@pytest.mark.parametrize("timeout_s", [30, 0], ids=["workers", "in-process"])
def test_results_cut_at_max_rows_say_so(monkeypatch, tmp_path, numbers_store, timeout_s):
    srv = Server(
        own_app(
            monkeypatch,
            tmp_path,
            numbers_store,
            {"many.rq": MANY, "few.rq": FEW},
            query_timeout_s=timeout_s,
            max_rows=100,
        )
    )
    try:
        page = get(srv, "/queries/many", "text/html")
        assert page.status_code == 200
        assert len(table_of(page.text)) == 100
        assert "100 rows" in page.text
        assert "<strong>Truncated:</strong>" in page.text and "max_rows" in page.text
        download = get(srv, "/queries/many.csv")
        assert download.headers["X-KG-Truncated"] == "true"
        assert len(list(csv.DictReader(io.StringIO(download.text)))) == 100
        few = get(srv, "/queries/few", "text/html")
        assert few.status_code == 200 and "Truncated" not in few.text
        assert "X-KG-Truncated" not in get(srv, "/queries/few.json").headers
    finally:
        srv.close()


def test_named_parameters_reach_the_workers_as_values(monkeypatch, tmp_path, fresh_store):
    """A parameter is sent to the worker as a bound term (never in the query text), and used there."""
    srv = Server(own_app(monkeypatch, tmp_path, fresh_store(), {"typed.rq": TYPED}))
    try:
        pool = srv.app.extensions["kg.query_pool"]
        sent: list[tuple[str, dict]] = []
        real_stream = pool.stream

        def recording_stream(query, *args, **kw):
            sent.append((query, kw.get("substitutions")))
            return real_stream(query, *args, **kw)

        monkeypatch.setattr(pool, "stream", recording_stream)
        assert get(srv, "/queries/typed.json?ordinal=18").json()["results"]["bindings"] == []
        page = get(srv, "/queries/typed?ordinal=17", "text/html")
        assert [r["ordinal"] for r in table_of(page.text)] == ["17"]
        assert len(sent) == 2
        for query, _ in sent:
            assert query == TYPED and "18" not in query
        assert [s["ordinal"].value for _, s in sent] == ["18", "17"]
    finally:
        srv.close()
