"""kg/query/results.py: counting the rows of a serialized results document without parsing it.

The lookup fast path (kg/web/lookups.py) trusts :func:`rows_at_most` to tell that a document is
not past ``max_rows``: it must never count fewer rows than there are, whatever the literals hold.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query.results import rows_at_most

EX = "http://example.org/results/"
#: literals that look like rows, or like the markers rows are counted by
ODD = ["{" * 9, "a\nb\r\nc", "<result></result><result>", '{"type":"uri"} \\"{', "plain", "}}},{"]
FORMATS = [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for i, text in enumerate(ODD):
        s = ox.NamedNode(f"{EX}s{i % 2}")
        store.add(ox.Quad(s, ox.NamedNode(f"{EX}p{i}"), ox.Literal(text), ox.DefaultGraph()))
        store.add(ox.Quad(s, ox.NamedNode(f"{EX}q{i}"), ox.Literal(text, language="en"), ox.DefaultGraph()))
    store.add(ox.Quad(ox.NamedNode(EX + "s0"), ox.NamedNode(EX + "b"), ox.BlankNode("x"), ox.DefaultGraph()))
    return store


QUERIES = [
    "SELECT ?type ?o WHERE { ?s ?type ?o }",  # a variable named like the JSON marker
    f"SELECT ?p ?o WHERE {{ <{EX}s1> ?p ?o }}",
    "SELECT ?x WHERE { ?s ?p ?o }",  # rows without bindings
    f"SELECT ?p WHERE {{ <{EX}none> ?p ?o }}",  # no row
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    'SELECT ?o WHERE { ?s ?p ?o FILTER(!REGEX(STR(?o), "[{\\n]")) }',  # nothing that can be miscounted
]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("query", QUERIES)
def test_the_count_is_never_below_the_rows(store, query, fmt):
    rows = len(list(store.query(query)))
    document = store.query(query).serialize(format=fmt)
    counted = rows_at_most(document, fmt)
    assert counted >= rows
    if fmt in (ox.QueryResultsFormat.TSV, ox.QueryResultsFormat.XML):  # exact: their escaping hides every marker
        assert counted == rows
    if "FILTER" in query or "none" in query:  # no brace or line break inside a literal: exact in every format
        assert counted == rows


def test_json_counts_a_brace_inside_a_string_so_a_document_can_look_longer(store):
    query = f"SELECT ?o WHERE {{ <{EX}s0> <{EX}p0> ?o }}"  # one row, nine braces
    assert (
        rows_at_most(store.query(query).serialize(format=ox.QueryResultsFormat.JSON), ox.QueryResultsFormat.JSON) == 10
    )
