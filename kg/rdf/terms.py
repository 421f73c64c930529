"""rdflib terms to pyoxigraph (:func:`to_ox`), and rdflib triples -> N-Triples bytes, fast: each term
written once by pyoxigraph, then remembered.

The output is byte for byte what ``pyoxigraph.serialize(triples, RdfFormat.N_TRIPLES)``
writes (pyoxigraph does the escaping and checks every IRI), one triple per line, each
line ending in `` .\\n``: the form :meth:`kg.store.Store.replace_graphs` takes.  Terms
repeat a lot (predicates, classes, countries, the article node), and converting an rdflib
term and asking pyoxigraph for its text costs more than the rest of a line; a bounded
memo of term -> text makes serializing an article's graph about three times cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import BNode, Node

_MEMO: dict[Node, str] = {}
_MEMO_MAX = 1 << 17  # terms; mention IRIs and sentences are new in every article, so it is cleared when full


def term(node: Node) -> str:
    """The N-Triples text of one rdflib term (``<iri>``, ``"text"@en``, ``"1"^^<...#integer>``)."""
    text = _MEMO.get(node)
    if text is None:
        text = str(to_ox(node))
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        _MEMO[node] = text
    return text


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """The triples as N-Triples (UTF-8), one per line, in the given order."""
    memo_get = _MEMO.get
    lines = []
    for s, p, o in triples:
        lines.append(f"{memo_get(s) or term(s)} {memo_get(p) or term(p)} {memo_get(o) or term(o)} .\n")
    return "".join(lines).encode("utf-8")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph twin (a pyoxigraph term is returned as it is)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")
