"""Endpoint parameters fuzzed over real HTTP: never a 5xx, never a stack trace, and the server lives."""

from __future__ import annotations

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

TIMEOUT = 30
QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <http://example.org/a>",
]
hostile_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
query = st.one_of(
    st.sampled_from(QUERIES), hostile_text, st.builds(lambda q, junk: q + junk, st.sampled_from(QUERIES), hostile_text)
)
graph_iri = st.one_of(
    st.just("http://example.org/graph/1"), hostile_text, st.builds("http://example.org/{}".format, hostile_text)
)
accept = st.one_of(
    st.sampled_from(
        [
            "application/sparql-results+json",
            "text/csv",
            "text/turtle",
            "application/ld+json;q=0.5, */*;q=0.1",
            "*/*",
            "text/html",
            "image/png",
            "application/sparql-results+xml;q=abc",
            "",
        ]
    ),
    hostile_text,
)
TRACE_MARKERS = ("Traceback", 'File "', "werkzeug", "pyoxigraph.", "Exception:")


def check(resp: requests.Response) -> None:
    assert resp.status_code < 500, (resp.status_code, resp.text[:500])
    if resp.status_code >= 400:
        assert not any(marker in resp.text for marker in TRACE_MARKERS), resp.text[:500]


def latin1_safe(value: str) -> str:
    """Header values travel as latin-1; keep what requests can send."""
    value = value.encode("latin-1", "ignore").decode("latin-1")
    return "".join(c for c in value if c == " " or c.isprintable()).strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=query,
    g=st.lists(graph_iri, max_size=2),
    n=st.lists(graph_iri, max_size=2),
    a=accept,
    timeout=st.one_of(st.none(), hostile_text, st.integers(-5, 10_000).map(str)),
    fmt=st.one_of(st.none(), hostile_text, st.sampled_from(["json", "csv", "ttl"])),
    method=st.sampled_from(["GET", "POST-form", "POST-direct"]),
)
def test_sparql_parameters_never_5xx(small_endpoint, q, g, n, a, timeout, fmt, method):
    params = [("default-graph-uri", x) for x in g] + [("named-graph-uri", x) for x in n]
    if timeout is not None:
        params.append(("timeout", timeout))
    if fmt is not None:
        params.append(("format", fmt))
    headers = {"Accept": latin1_safe(a)}
    url = small_endpoint.url + "/sparql"
    if method == "GET":
        resp = requests.get(url, params=[("query", q), *params], headers=headers, timeout=TIMEOUT)
    elif method == "POST-form":
        resp = requests.post(url, data=[("query", q), *params], headers=headers, timeout=TIMEOUT)
    else:
        headers["Content-Type"] = "application/sparql-query"
        resp = requests.post(url, params=params, data=q.encode("utf-8"), headers=headers, timeout=TIMEOUT)
    check(resp)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(g=graph_iri, a=accept, path=st.sampled_from(["/store", "/dump.ttl", "/dump.nq", "/dump.jsonld"]))
def test_store_and_dump_parameters_never_5xx(small_endpoint, g, a, path):
    check(
        requests.get(
            small_endpoint.url + path, params={"graph": g}, headers={"Accept": latin1_safe(a)}, timeout=TIMEOUT
        )
    )


def test_server_still_answers_after_the_fuzzing(small_endpoint):
    resp = requests.get(
        small_endpoint.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert resp.status_code == 200 and resp.json()["boolean"] is True
