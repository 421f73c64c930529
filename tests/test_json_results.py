"""SPARQL JSON results written from terms (kg/query/json_results.py), compared byte for byte with pyoxigraph's own
writer over the same quads in a real (in-memory) Oxigraph store: random IRIs, blank nodes and literals of every kind."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.query import json_results

XSD = "http://www.w3.org/2001/XMLSchema#"
# IRIs: an absolute base, then characters an IRI may hold (no space, no <>"{}|^`\ ), some of them not ASCII
_IRI_CHARS = st.characters(
    min_codepoint=0x21, max_codepoint=0x2FFF, exclude_characters='<>"{}|^`\\%', exclude_categories=("Cs", "Co", "Cn")
)
iris = st.text(_IRI_CHARS, max_size=12).map(lambda tail: "http://example.org/" + tail)
texts = st.text(max_size=30)  # every character but lone surrogates: control characters, quotes, backslashes...
languages = st.sampled_from(["en", "en-GB", "fr", "ar", "zh-Hans", "zh-Hant-TW", "de-CH-1901", "sr-Latn", "es-419"])


def _iri(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(text)
    except ValueError:
        return None


named = iris.map(_iri).filter(lambda node: node is not None)
blank = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}", fullmatch=True).map(ox.BlankNode)
literals = st.one_of(
    texts.map(ox.Literal),
    st.builds(lambda value, lang: ox.Literal(value, language=lang), texts, languages),
    st.builds(lambda value, dt: ox.Literal(value, datatype=dt), texts, named),
    st.integers().map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))),
    texts.map(lambda value: ox.Literal(value, datatype=ox.NamedNode(XSD + "string"))),
)
quads = st.builds(
    lambda s, p, o: ox.Quad(s, p, o, ox.DefaultGraph()),
    st.one_of(named, blank),
    named,
    st.one_of(named, blank, literals),
)

ALL = ("s", 0), ("p", 1), ("o", 2)


def _ours(store: ox.Store, names: tuple[str, ...], bound: tuple[tuple[str, int], ...]) -> bytes:
    keys = [(json_results.key(name), i) for name, i in bound]
    return json_results.document(names, json_results.rows(store.quads_for_pattern(None, None, None, None), keys))


def _engine(store: ox.Store, query: str) -> bytes:
    return store.query(query).serialize(format=ox.QueryResultsFormat.JSON)


@settings(max_examples=150, deadline=None)
@given(st.lists(quads, max_size=8))
def test_a_document_is_the_one_pyoxigraph_writes(found):
    store = ox.Store()
    store.extend(found)
    assert _ours(store, ("s", "p", "o"), ALL) == _engine(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")


@settings(max_examples=50, deadline=None)
@given(st.lists(quads, min_size=1, max_size=5))
def test_projections_and_unbound_variables_are_written_as_pyoxigraph_writes_them(found):
    store = ox.Store()
    store.extend(found)
    # ?x is bound by nothing: listed in the head, absent from every row
    assert _ours(store, ("o", "x", "s"), (("o", 2), ("s", 0))) == _engine(store, "SELECT ?o ?x ?s WHERE { ?s ?p ?o }")


def test_control_characters_quotes_and_other_scripts_are_escaped_as_pyoxigraph_escapes_them():
    store = ox.Store()
    text = "".join(chr(i) for i in range(0x80)) + "\u2028\u2029\ufeff\U0001f600é\x85"
    store.add(ox.Quad(ox.NamedNode("http://example.org/é"), ox.NamedNode("http://example.org/p"), ox.Literal(text)))
    assert _ours(store, ("s", "p", "o"), ALL) == _engine(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    "value",
    [
        ox.Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL),
        ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c")),
    ],
)
def test_terms_pyoxigraph_writes_in_other_shapes_are_left_to_it(value):
    with pytest.raises(json_results.Unwritable):
        json_results.term(value)
