"""Query text for external stores (kg.sparql.rewrite): the form gate, VALUES binding, BASE, ASK as SELECT.

A rewritten query must answer what the embedded engine answers with the same
arguments, so each case runs both ways on one real embedded store.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import BadRequest, QuerySyntaxError
from kg.sparql.rewrite import ask_as_select, bind_values, mentions, query_form, with_base

EX = "http://example.org/"
TRAP = 'a } { "x" # not a comment'


@pytest.fixture(scope="module")
def native():
    store = ox.Store()
    p = ox.NamedNode(EX + "p")
    for s, o in (("a", TRAP), ("b", "two"), ("c", "two")):
        store.add(ox.Quad(ox.NamedNode(EX + s), p, ox.Literal(o)))
    return store


QUERIES = [
    "SELECT ?s ?o WHERE { ?s ?p ?o }",
    'PREFIX ex: <http://example.org/>\nSELECT ?s ?o { ?s ex:p ?o FILTER(?o != "}") }',
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s",
    "SELECT ?s ?o WHERE { { SELECT ?s ?o WHERE { ?s ?p ?o } } }",
    'SELECT ?s ?o (EXISTS { ?s ?p "{" } AS ?x) # a { comment }\nWHERE { ?s ?p ?o OPTIONAL { ?o ?p ?s } }',
    "CONSTRUCT { ?s <http://example.org/q> ?o } WHERE { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",
    "select ?s ?o where { ?s <http://example.org/p> ?o . ?s ?p '''}''' }",
]


def _rows(result):
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return sorted(map(str, result))
    return sorted(tuple(str(v) for v in row) for row in result)


BINDINGS = [
    {"s": ox.NamedNode(EX + "b")},
    {"o": ox.Literal(TRAP)},
    {"s": ox.NamedNode(EX + "c"), "o": ox.Literal("two")},
]


def _projected(query: str, names) -> bool:
    """The embedded engine substitutes only variables a SELECT projects (CONSTRUCT and ASK: any)."""
    head = query.lower().split("where")[0]
    return not query.lower().lstrip().startswith(("select", "prefix")) or all(f"?{n}" in head for n in names)


@pytest.mark.parametrize("query,bindings", [(q, b) for q in QUERIES for b in BINDINGS if _projected(q, b)])
def test_values_answer_what_substitutions_answer(native, query, bindings):
    expected = native.query(query, substitutions={ox.Variable(k): v for k, v in bindings.items()})
    assert _rows(native.query(bind_values(query, bindings))) == _rows(expected)


def test_the_form_gate():
    assert query_form("BASE <http://x/> PREFIX a: <http://a/> PREFIX : <http://b/> describe <http://x/y>") == "DESCRIBE"
    for text in (
        "INSERT DATA { <http://x/a> <http://x/b> 1 }",
        "DEFINE input:default-graph-uri <http://x/> SELECT * {}",
        "# SELECT\nDROP ALL",
        "",
        "PREFIX a: <http://a/> LOAD <http://evil/>",
    ):
        with pytest.raises(QuerySyntaxError):
            query_form(text)


def test_the_form_gate_reads_keywords_as_the_engine_does():
    """The safety scan's lexer: a keyword ends where a name cannot go on (``SELECT*``, ``SELECT?s``),
    while a string or number before the form is no declaration."""
    assert query_form("SELECT*{?s ?p ?o}") == "SELECT" and query_form("ASK{}") == "ASK"
    assert bind_values("SELECT?s{?s ?p ?o}", {"s": ox.NamedNode(EX + "b")}).startswith("SELECT?s{ VALUES (?s)")
    for text in ('"x" SELECT * {}', "1 SELECT * {}", "SELECTION * {}"):
        with pytest.raises(QuerySyntaxError):
            query_form(text)
    assert mentions("SELECT ?g { ?s ?p ?o.GRAPH ?g {} }", "GRAPH")
    assert not mentions("SELECT ?graph { ?s <http://x/GRAPH> 'GRAPH' } # GRAPH", "GRAPH")


def test_values_refuse_what_cannot_be_bound():
    with pytest.raises(BadRequest):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": ox.BlankNode("b")})
    with pytest.raises(ValueError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"not a name": ox.Literal("x")})
    with pytest.raises(QuerySyntaxError):
        bind_values("DESCRIBE ?s", {"s": ox.NamedNode(EX + "a")})


def test_base_ask_and_mentions(native):
    assert with_base("SELECT * {}", None) == "SELECT * {}"
    with pytest.raises(BadRequest):
        with_base("SELECT * {}", "relative")
    rows = list(native.query(with_base("SELECT ?x WHERE { BIND(<rel> AS ?x) }", EX + "base/")))
    assert rows[0]["x"] == ox.NamedNode(EX + "base/rel")
    assert _rows(native.query(ask_as_select("ASK { ?s ?p 'two' }"))) != []
    assert _rows(native.query(ask_as_select("PREFIX ask: <http://x/> ASK { ?s ?p 'none' }"))) == []
    assert mentions("SELECT * { GRAPH ?g { ?s ?p ?o } }", "GRAPH")
    assert not mentions("SELECT * { ?s <http://x/GRAPH> 'GRAPH' . ?s ex:graph ?graph } # GRAPH", "GRAPH")
