"""The pure text helpers behind issue 19's messages: kg.sparql.diagnostics and kg.sparql.select_star, over the
real parser's messages (pyoxigraph), not hand-written ones."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.rdf.namespaces import PREFIXES
from kg.sparql.diagnostics import syntax_message, undeclared_prefixes
from kg.sparql.select_star import reorder_tsv, star_order


def message(query: str) -> str:
    with pytest.raises(SyntaxError) as info:
        ox.Store().query(query)
    return syntax_message(query, str(info.value))


def test_undeclared_prefixes_skip_strings_iris_comments_and_declared_ones():
    query = (
        "PREFIX skg: <https://w3id.org/summit-kg/ontology#>\n"
        'SELECT * WHERE { ?s skg:x "wd:Q1" ; <http://a:b/c> ?o . # rdfs:label\n'
        "  ?o wdt:P31 _:b ; schema:name ?n }"
    )
    assert undeclared_prefixes(query) == {"wdt": (3, 6), "schema": (3, 20)}


def test_two_missing_prefixes_give_both_declarations():
    got = message("SELECT * WHERE { ?s wdt:P31 ?o ; schema:name ?n }")
    assert got == (
        f"line 1, column 21: prefixes wdt:, schema: are not declared; "
        f"add PREFIX wdt: <{PREFIXES['wdt']}> and PREFIX schema: <{PREFIXES['schema']}>"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELEKT * { ?s ?p ?o }",
            "line 1, column 1: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX and BASE), "
            'not "SELEKT"',
        ),
        ("SELECT (COUNT(?s) AS ?n WHERE { ?s ?p ?o }", 'line 1, column 25: unexpected "WHERE"; expected ")"'),
        ('SELECT * WHERE { ?s ?p "x\\\\" . ?a ?b "c }', "line 1, column 38: this string is never closed"),
        ("SELECT * WHERE { ?s ?p ?o ", "line 1, column 27: syntax error at the end of the query"),
    ],
)
def test_other_errors_are_one_short_line_with_a_position(query, expected):
    got = message(query)
    assert got == expected and "\n" not in got and "\\u{" not in got


def test_a_message_without_a_position_is_kept_short():
    assert syntax_message("ASK {}", "something odd\nand more") == "something odd"


def test_star_order_is_first_appearance_and_none_when_nothing_moves():
    assert star_order("SELECT * WHERE { ?s ?p ?o }", ["o", "p", "s"]) == [2, 1, 0]
    assert star_order("# c ?o\nPREFIX a: <http://x/?o>\nSELECT DISTINCT * { ?b '?a' ; $a ?c }", ["a", "b", "c"]) == [
        1,
        0,
        2,
    ]
    assert star_order("SELECT ?o ?s WHERE { ?s ?p ?o }", ["o", "s"]) is None  # not SELECT *
    assert star_order("SELECT * WHERE { ?a ?b ?c }", ["a", "b", "c"]) is None
    assert star_order("SELECT * WHERE { ?b ?a }", ["a", "b", "z"]) == [1, 0, 2]  # unseen: after, in engine order


def test_reorder_tsv_moves_every_line_and_keeps_unbound_cells():
    data = b'?o\t?p\t?s\n"a\\tb"\t<http://p>\t<http://s>\n\t\t_:b\n'
    assert reorder_tsv(data, [2, 1, 0]) == b'?s\t?p\t?o\n<http://s>\t<http://p>\t"a\\tb"\n_:b\t\t\n'
