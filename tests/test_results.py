"""kg/query/results.py: counting the rows of a serialized results document without parsing it, and cutting
a result at ``max_rows``.

The lookup fast path (kg/web/lookups.py) and :func:`write_solutions` trust :func:`rows_at_most` to tell
that a document is not past ``max_rows``: it must never count fewer rows than there are, whatever the
literals hold.  Past it (or near it, in a loose count), ``write_solutions`` runs the query again and cuts
the rows exactly.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.formats import media_type_of
from kg.query.results import BufferSink, rows_at_most, write_solutions

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


#: every row of the store, in a fixed order (the literals that look like rows among them)
ALL_ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p ?o"


def _written(store: ox.Store, fmt: ox.QueryResultsFormat, max_rows: int, query: str = ALL_ROWS):
    """What write_solutions gives for ``query``: the sink, and how many times it ran the query again."""
    runs = []

    def again() -> ox.QuerySolutions:
        runs.append(query)
        return store.query(query)

    sink = BufferSink()
    write_solutions(sink, store.query(query), media_type_of(fmt), max_rows, query=query, again=again)
    return sink, len(runs)


def _rows(solutions) -> list[tuple]:
    return [tuple(solution) for solution in solutions]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("max_rows", [1, 5, 12, 13, 14, 100])
def test_write_solutions_cuts_exactly_at_max_rows(store, fmt, max_rows):
    every = _rows(store.query(ALL_ROWS))
    assert len(every) == 13
    sink, _ = _written(store, fmt, max_rows)
    # the same document as the engine writes for the first max_rows rows
    assert bytes(sink.data) == store.query(f"{ALL_ROWS} LIMIT {max_rows}").serialize(format=fmt)
    if fmt != ox.QueryResultsFormat.CSV:  # pyoxigraph reads no CSV
        assert _rows(ox.parse_query_results(bytes(sink.data), format=fmt)) == every[:max_rows]
    assert sink.headers.get("X-KG-Truncated") == ("true" if len(every) > max_rows else None)
    assert sink.headers["X-KG-Max-Rows"] == str(max_rows)


@pytest.mark.parametrize("fmt", [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML], ids=lambda f: f.name)
def test_a_result_well_within_max_rows_is_serialized_once_as_the_engine_writes_it(store, fmt):
    sink, runs = _written(store, fmt, 100)
    assert runs == 0
    assert bytes(sink.data) == store.query(ALL_ROWS).serialize(format=fmt)


def test_a_result_a_loose_count_puts_past_max_rows_is_run_again_and_cut_exactly(store):
    # 13 rows, but the JSON count sees more (braces in literals): with max_rows 13 it cannot tell
    document = store.query(ALL_ROWS).serialize(format=ox.QueryResultsFormat.JSON)
    assert rows_at_most(document, ox.QueryResultsFormat.JSON) > 13
    sink, runs = _written(store, ox.QueryResultsFormat.JSON, 13)
    assert runs == 1
    assert "X-KG-Truncated" not in sink.headers
    assert _rows(ox.parse_query_results(bytes(sink.data), format=ox.QueryResultsFormat.JSON)) == _rows(
        store.query(ALL_ROWS)
    )
