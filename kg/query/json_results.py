"""SPARQL 1.1 Query Results JSON written from terms, byte for byte as pyoxigraph's own writer writes it.

The lookup fast path (:mod:`kg.web.lookups`) matches its one triple pattern in the store's indexes
itself, without the engine's query parser, and writes the rows here.  The writer is pyoxigraph's
in every byte (``tests/test_json_results.py`` compares them): no white space, the keys in its
order, strings escaped as Python's JSON encoder escapes them without ``ensure_ascii``.  A term
it writes in another shape (an RDF 1.2 triple term, a literal with a base direction) raises
:class:`Unwritable`: the caller asks the engine instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring
from typing import Any

import pyoxigraph as ox

#: A JSON string, escaped as pyoxigraph escapes it ("\u00XX" for control characters, "\b\f\n\r\t", '\\"' and
#: "\\\\"): what ``json.dumps(s, ensure_ascii=False)`` calls, in C, without its Python frames.
string = encode_basestring
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Unwritable(ValueError):
    """A term this writer does not write as pyoxigraph does."""


def term(value: object) -> str:
    """The JSON object of one RDF term (IRI, blank node or literal)."""
    kind = type(value)
    if kind is ox.NamedNode:
        return '{"type":"uri","value":' + string(value.value) + "}"  # type: ignore[attr-defined]
    if kind is ox.Literal:
        literal: ox.Literal = value  # type: ignore[assignment]
        if literal.direction is not None:
            raise Unwritable("a literal with a base direction")
        text = '{"type":"literal","value":' + string(literal.value)
        if literal.language is not None:
            return text + ',"xml:lang":' + string(literal.language) + "}"
        datatype = literal.datatype.value
        return text + ("}" if datatype == _XSD_STRING else ',"datatype":' + string(datatype) + "}")
    if kind is ox.BlankNode:
        return '{"type":"bnode","value":' + string(value.value) + "}"  # type: ignore[attr-defined]
    raise Unwritable(f"a {kind.__name__}")


def document(variables: Sequence[str], rows: Sequence[str]) -> bytes:
    """The results document of ``variables`` (names without ``?``) and ``rows`` (JSON objects, see :func:`rows`)."""
    head = '{"head":{"vars":[' + ",".join(string(v) for v in variables) + ']},"results":{"bindings":['
    return (head + ",".join(rows) + "]}}").encode()


def rows(solutions: Iterable[Any], keys: Sequence[tuple[str, int]]) -> list[str]:
    """The JSON object of each solution (a sequence of terms, e.g. a quad, which pyoxigraph indexes though its
    stub does not say so): ``keys`` pairs each bound variable's key (:func:`key`) with its term's index."""
    return ["{" + ",".join([name + term(solution[i]) for name, i in keys]) + "}" for solution in solutions]


def key(variable: str) -> str:
    """The key of a variable in a solution's object, with its colon."""
    return string(variable) + ":"
