"""The hot path of ``/sparql``: triple-pattern lookups answered without Flask (on the server's loop, see
:mod:`kg.web.inline`, or on the request thread past ``INLINE_ROWS`` rows).

The commonest query a Linked Data client sends is a lookup of one entity,
``SELECT ?p ?o WHERE { <iri> ?p ?o }``.  The engine answers it in about 70 µs; Flask's
per-request machinery, the query-worker round trip and the helper thread of the general
path cost several times that.  This WSGI middleware answers such a query itself and hands
every other request, untouched, to the Flask app.

A request takes this path only if *all* hold, so nothing else changes behaviour:

* ``GET /sparql`` whose only URL parameter is one ``query`` (no dataset, no ``timeout``) of at
  most ``max_query_bytes``;
* the query is exactly ``SELECT <vars or *> WHERE { s p o [.] } [LIMIT n]`` with absolute
  IRIREFs or *pairwise distinct* variables as terms (no prefixes, literals, blank nodes,
  DISTINCT, ORDER BY, OFFSET, FILTER...);
* ``max_rows`` is set (> 0) and the store is the embedded one;
* the client accepts a SPARQL results type.

Why no deadline is needed: Oxigraph evaluates one triple pattern lazily from one index
range, and with distinct variables every index step yields a row, so the work is at most
``max_rows + 1`` steps (the engine is given the pattern with a ``LIMIT`` of at most that) --
bounded like a page of results, unlike an arbitrary query, which stays in the killable workers.
A repeated variable (``?x ?p ?x``) is refused here because its scan may skip unboundedly
many triples to find few rows.  If anything fails before the answer starts (e.g. an IRI
the engine rejects), the request goes to the Flask app, which answers it -- error
included -- exactly as before; a lookup is cheap enough to parse twice.

A lookup answered in SPARQL JSON (what nearly every client asks for) never reaches the engine: its
pattern is matched in the store's indexes (:meth:`kg.store.embedded.Store.match`, the engine's own
order) and the rows written by :mod:`kg.query.json_results`, byte for byte as the engine writes them.
That skips the query parser, which costs little in a loop but about half of a lookup's engine time
in the server, where each request's Python work leaves the engine's code and data cold
(BENCHMARKS.md, "Stop 28").  The rows are counted as they come, so ``max_rows`` cuts exactly.

In the other formats the answer is serialized once, natively, and its rows counted in the
bytes (:func:`kg.query.results.rows_at_most`); only when that count passes ``max_rows`` is it
made again by :func:`kg.query.results.write_solutions`, which cuts it exactly.  Either way the
bytes and headers (``X-KG-Max-Rows``, ``X-KG-Truncated``) are those of the general path.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import Any, NamedTuple, cast
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox

from kg.errors import KGError
from kg.formats import negotiate_results, results_format
from kg.query import json_results
from kg.query.results import BufferSink, content_type, rows_at_most, write_solutions
from kg.store.contract import GraphStore, LocalStore, is_local

from .cors import cors_headers
from .inline import INLINE, INLINE_ROWS, Deferred

_IRI = r"<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*>"
_VAR = r"[?$][A-Za-z0-9_]+"
_TERM = rf"({_IRI}|{_VAR})"
#: groups: 1 the projection, 2 the WHERE clause, 3-5 its subject, predicate and object, 6 the LIMIT
_LOOKUP = re.compile(
    rf"\s*SELECT\s+(\*|(?:{_VAR}\s*)+?)\s*(WHERE\s*\{{\s*{_TERM}\s+({_IRI}|{_VAR}|a)\s+{_TERM}\s*\.?\s*\}})"
    r"\s*(?:LIMIT\s+([0-9]+)\s*)?",
    re.IGNORECASE | re.ASCII,  # \s: SPARQL's own white space, not every Unicode space
)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
_escape_decode = codecs.escape_decode  # "\\xNN" escapes decoded in C (a stable CPython function)


def bounded_lookup(query: str) -> bool:
    """Is ``query`` a single triple pattern whose evaluation is bounded by its output (see the module doc)?"""
    return _plan(query, 1) is not None


class Plan(NamedTuple):
    """How the fast path runs a lookup: the query it sends the engine, whether that can give more than
    ``max_rows`` rows (then the first ``max_rows`` + 1 only: the one past them tells truncation), and the
    same for a match in the store's indexes: the rows to take, the pattern's IRIs (None for a variable),
    the projected variables' names, and the key and position in the pattern of each one the pattern binds
    (``names`` None: the engine answers, e.g. a variable projected twice, which it refuses)."""

    query: str
    may_truncate: bool
    limit: int
    iris: tuple[str | None, str | None, str | None]
    names: tuple[str, ...] | None
    keys: tuple[tuple[str, int], ...]


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PROJECTED = re.compile(_VAR, re.ASCII)


def _plan(query: str, max_rows: int) -> Plan | None:
    """The :class:`Plan` of a bounded lookup (None: not one).

    The engine gets the same pattern with a ``LIMIT`` of at most ``max_rows + 1``, so that its whole answer
    can be serialized at once, in the negotiated format, with no row counting on the way; a ``SELECT *``
    names its variables in their order of appearance (:mod:`kg.sparql.select_star`'s order, which
    the engine's own ``*`` does not keep).
    """
    m = _LOOKUP.fullmatch(query)
    if m is None:
        return None
    projection, where, limit = m.group(1, 2, 6)
    terms = m.group(3, 4, 5)
    variables = ["?" + t[1:] for t in terms if t[0] in "?$"]
    if len(variables) != len(set(variables)) or (limit is not None and len(limit) > 18):
        return None  # a repeated variable; a LIMIT the engine may refuse (past 2**64): the general path says
    if projection == "*" and variables:
        projection = " ".join(variables)
    names = tuple(v[1:] for v in _PROJECTED.findall(projection))
    position = {t[1:]: i for i, t in enumerate(terms) if t[0] in "?$"}
    keys = tuple((json_results.key(name), position[name]) for name in names if name in position)
    iris = cast(
        "tuple[str | None, str | None, str | None]",
        tuple(None if t[0] in "?$" else _RDF_TYPE if t == "a" else t[1:-1] for t in terms),
    )
    scan = names if len(names) == len(set(names)) else None
    if limit is not None and int(limit) <= max_rows:
        return Plan(f"SELECT {projection} {where} LIMIT {limit}", False, int(limit), iris, scan, keys)
    return Plan(f"SELECT {projection} {where} LIMIT {max_rows + 1}", True, max_rows + 1, iris, scan, keys)


def lookup_fast_path(app: WSGIApp, store: GraphStore, settings: Mapping[str, Any]) -> WSGIApp:
    """Wrap ``app`` (the Flask WSGI app) with the lookup path; ``app`` itself if it cannot apply.

    ``settings`` are resolved ones (:func:`kg.settings.load_settings`): every name is there."""
    max_rows = int(settings["max_rows"])
    max_query_bytes = int(settings["max_query_bytes"])
    if not is_local(store) or max_rows <= 0:  # no bound on the work (or an external store)
        return app
    extra = cors_headers(settings["cors_origins"])
    vary = ("Vary", "Accept, Origin" if any(k == "Vary" for k, _ in extra) else "Accept")
    extra = [h for h in extra if h[0] != "Vary"]
    max_rows_header = ("X-KG-Max-Rows", str(max_rows))  # as write_solutions says it
    truncated_header = [("X-KG-Truncated", "true")]
    too_many: set[str] = set()  # lookups that gave an inline try more than INLINE_ROWS rows

    def answer(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql":
            return app(environ, start_response)
        query = _only_query(environ.get("QUERY_STRING", ""), max_query_bytes)
        results_type = _negotiate(environ.get("HTTP_ACCEPT")) if query else None
        # tried on the server's loop (kg.web.inline): at most INLINE_ROWS rows, or a thread runs it
        cap = min(max_rows, INLINE_ROWS) if environ.get(INLINE) else max_rows
        plan = _plan(query, cap) if query is not None and results_type is not None else None
        if plan is None or results_type is None:
            return app(environ, start_response)
        if cap < max_rows and plan.query in too_many:
            raise Deferred  # it had more rows than an inline try takes: straight to a thread
        try:
            body, truncated = _run(store, plan, results_type, max_rows, cap)
        except Deferred:
            if len(too_many) >= _TOO_MANY_KEPT:
                too_many.clear()
            too_many.add(plan.query)
            raise
        except (KGError, SyntaxError, ValueError, OSError):
            return app(environ, start_response)  # it answers (or refuses) the request in full
        headers = [
            ("Content-Type", content_type(results_type)),
            ("Content-Length", str(len(body))),
            vary,
            max_rows_header,
            *truncated_header[:truncated],
            *extra,
        ]
        start_response("200 OK", headers)
        return [body]

    return answer


#: Lookups remembered as too long for an inline try (forgotten all at once past this many).
_TOO_MANY_KEPT = 4096


def _run(store: LocalStore, plan: Plan, results_type: str, max_rows: int, cap: int) -> tuple[bytes, bool]:
    """The answer to a lookup in ``results_type`` (one of :data:`kg.formats.RESULTS_TYPES`) and whether
    ``max_rows`` cut it.  ``plan`` was made for ``cap`` rows: below ``max_rows``, an inline try's, which
    defers a lookup that may have more.

    SPARQL JSON: matched in the store's indexes and written by :mod:`kg.query.json_results`.  Any other
    format (or a term that writer leaves to the engine): one native serialization, unless its rows
    cannot be told from the bytes alone (past ``max_rows``, or near it in a loose count), when
    :func:`kg.query.results.write_solutions` cuts them as it cuts every result."""
    fmt = results_format(results_type)
    if fmt == ox.QueryResultsFormat.JSON and plan.names is not None:
        try:
            return _matched(store, plan, plan.names, max_rows, cap)
        except json_results.Unwritable:
            pass
    solutions = store.query(plan.query)
    if not isinstance(solutions, ox.QuerySolutions):  # not a lookup's answer (_plan lets only SELECT by)
        raise ValueError("not a SELECT result")
    body = cast(bytes, solutions.serialize(format=fmt))  # no output given: the bytes
    if not plan.may_truncate or rows_at_most(body, fmt) <= cap:
        return body, False
    if cap < max_rows:
        raise Deferred
    sink = BufferSink()
    again = cast(ox.QuerySolutions, store.query(plan.query))  # at most max_rows + 1 rows again
    write_solutions(sink, again, results_type, max_rows)
    return bytes(sink.data), "X-KG-Truncated" in sink.headers


def _matched(store: LocalStore, plan: Plan, names: tuple[str, ...], max_rows: int, cap: int) -> tuple[bytes, bool]:
    """The lookup's SPARQL JSON from the store's indexes (see :func:`_run`); its rows are counted as they come."""
    rows = json_results.rows(islice(store.match(*plan.iris), plan.limit), plan.keys)
    if not plan.may_truncate or len(rows) <= cap:
        return json_results.document(names, rows), False
    if cap < max_rows:
        raise Deferred
    return json_results.document(names, rows[:max_rows]), True


_NEGOTIATED: dict[str | None, str | None] = {}


def _negotiate(accept: str | None) -> str | None:
    """:func:`kg.formats.negotiate_results`, remembered for the Accept headers seen most (clients send few)."""
    try:
        return _NEGOTIATED[accept]
    except KeyError:
        pass
    choice = negotiate_results(accept)
    if len(_NEGOTIATED) >= 256:  # headers that vary without end: forget, stay small
        _NEGOTIATED.clear()
    _NEGOTIATED[accept] = choice
    return choice


def _only_query(query_string: str, max_query_bytes: int) -> str | None:
    """The query of a URL whose only parameter is one ``query``, else None (the general path decides)."""
    if not query_string.startswith("query=") or "&" in query_string or ";" in query_string:
        return None
    try:  # WSGI gives the raw bytes of the URL as latin-1 (PEP 3333)
        query = _percent_decoded(query_string[6:].replace("+", " ").encode("latin-1"))
        return query.decode("utf-8") if len(query) <= max_query_bytes else None  # too long: the general path's 413
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _percent_decoded(raw: bytes) -> bytes:
    """``unquote_to_bytes(raw)``, in C: every ``%XX`` made a ``\\xXX`` escape (backslashes escaped first) for
    :func:`codecs.escape_decode`; a ``%`` without two hex digits after it (kept as it is) takes the slow way."""
    try:
        return _escape_decode(raw.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
    except ValueError:  # an invalid \x escape: a stray "%"
        return unquote_to_bytes(raw)
