"""The federated named query runs only when the operator allowlists its endpoint.

Wikidata's query service is replaced by a second summit-kg server on loopback that
holds Wikidata-shaped population triples; the test points the query's SERVICE at it
(the one place a test rewrites query text: the endpoint address, not user input).
"""

from __future__ import annotations

import pytest
import requests
from rdflib import Literal, URIRef

from kg.cli import main
from kg.sparql.named import parse_named_query
from kg.store import open_store

from .conftest import REPO, SEED
from .live import Server, make_app

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"


@pytest.fixture(scope="module")
def fake_wikidata(tmp_path_factory):
    path = tmp_path_factory.mktemp("wd") / "store"
    with open_store(path) as store:
        store.replace_graph(
            "http://example.org/wd",
            [
                (
                    URIRef("http://www.wikidata.org/entity/Q1520"),
                    URIRef("http://www.wikidata.org/prop/direct/P1082"),
                    Literal(1_350_228),
                ),
            ],
        )
    srv = Server(make_app(path))
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "store"
    assert main(["ingest", str(SEED), "--store", str(path), "--quiet"]) == 0
    return path


def federated_query(endpoint: str) -> str:
    named = parse_named_query(REPO / "queries" / "host-city-population.rq")
    assert named.services == (WIKIDATA_SPARQL,)
    return named.text.replace(f"<{WIKIDATA_SPARQL}>", f"<{endpoint}>")


def run(server_url: str, query: str) -> requests.Response:
    return requests.post(
        server_url + "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=30
    )


def test_service_is_refused_without_the_allowlist(seed_store, fake_wikidata):
    srv = Server(make_app(seed_store))
    try:
        resp = run(srv.url, federated_query(fake_wikidata.url + "/sparql"))
        assert resp.status_code == 400
        assert "service_allowlist" in resp.text
    finally:
        srv.close()


def test_service_runs_when_allowlisted(seed_store, fake_wikidata):
    endpoint = fake_wikidata.url + "/sparql"
    srv = Server(make_app(seed_store, service_allowlist=[endpoint]))
    try:
        resp = run(srv.url, federated_query(endpoint))
        assert resp.status_code == 200, resp.text
        rows = [(b["hostCityLabel"]["value"], b["population"]["value"]) for b in resp.json()["results"]["bindings"]]
        assert rows == [("Astana", "1350228")]
        # another endpoint is still refused
        other = run(srv.url, federated_query("http://127.0.0.1:9/sparql"))
        assert other.status_code == 400
    finally:
        srv.close()


def test_the_cli_runs_named_queries_with_params(seed_store, capsys):
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "--store",
                str(seed_store),
                "--format",
                "csv",
                str(REPO / "queries" / "members-wikidata.rq"),
                "--param",
                "type=member",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "http://www.wikidata.org/entity/Q668" in out and "http://www.wikidata.org/entity/Q485207" in out
    assert (
        main(["query", "--store", str(seed_store), str(REPO / "queries" / "members-wikidata.rq"), "--param", "nope=1"])
        == 1
    )
    assert "no parameter 'nope'" in capsys.readouterr().err
