"""The hot path of ``/sparql``: triple-pattern lookups answered on the request thread, without Flask.

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
``max_rows + 1`` steps (the row cap of :func:`kg.query.results.write_solutions`) -- bounded
like a page of results, unlike an arbitrary query, which stays in the killable workers.
A repeated variable (``?x ?p ?x``) is refused here because its scan may skip unboundedly
many triples to find few rows.  If anything fails before the answer starts (e.g. an IRI
the engine rejects), the request goes to the Flask app, which answers it -- error
included -- exactly as before; a lookup is cheap enough to parse twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox

from kg.errors import KGError
from kg.formats import negotiate_results
from kg.query.results import BufferSink, content_type, write_solutions
from kg.store.contract import GraphStore

from .cors import cors_headers

_IRI = r"<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*>"
_VAR = r"[?$][A-Za-z0-9_]+"
_TERM = rf"({_IRI}|{_VAR})"
_LOOKUP = re.compile(
    rf"\s*SELECT\s+(?:\*|(?:{_VAR}\s*)+?)\s*WHERE\s*\{{\s*{_TERM}\s+({_IRI}|{_VAR}|a)\s+{_TERM}\s*\.?\s*\}}"
    r"\s*(?:LIMIT\s+[0-9]+\s*)?",
    re.IGNORECASE | re.ASCII,  # \s: SPARQL's own white space, not every Unicode space
)

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def bounded_lookup(query: str) -> bool:
    """Is ``query`` a single triple pattern whose evaluation is bounded by its output (see the module doc)?"""
    m = _LOOKUP.fullmatch(query)
    if m is None:
        return False
    variables = [t[1:] for t in m.groups() if t[0] in "?$"]
    return len(variables) == len(set(variables))


def lookup_fast_path(app: WSGIApp, store: GraphStore, settings: Mapping[str, Any]) -> WSGIApp:
    """Wrap ``app`` (the Flask WSGI app) with the lookup path; ``app`` itself if it cannot apply.

    ``settings`` are resolved ones (:func:`kg.settings.load_settings`): every name is there."""
    max_rows = int(settings["max_rows"])
    max_query_bytes = int(settings["max_query_bytes"])
    if not store.local or max_rows <= 0:  # no bound on the work (or an external store)
        return app
    extra = cors_headers(settings["cors_origins"])
    vary = ("Vary", "Accept, Origin" if any(k == "Vary" for k, _ in extra) else "Accept")
    extra = [h for h in extra if h[0] != "Vary"]

    def answer(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql":
            return app(environ, start_response)
        query = _only_query(environ.get("QUERY_STRING", ""), max_query_bytes)
        results_type = negotiate_results(environ.get("HTTP_ACCEPT")) if query else None
        if query is None or results_type is None or not bounded_lookup(query):
            return app(environ, start_response)
        sink = BufferSink()
        try:
            solutions = store.query(query)
            if isinstance(solutions, ox.QueryTriples):  # not a lookup's answer (bounded_lookup lets only SELECT by)
                return app(environ, start_response)
            write_solutions(sink, solutions, results_type, max_rows, query=query)
        except (KGError, SyntaxError, ValueError, OSError):
            return app(environ, start_response)  # it answers (or refuses) the request in full
        body = bytes(sink.data)
        headers = [
            ("Content-Type", content_type(results_type)),
            ("Content-Length", str(len(body))),
            vary,
            *sink.headers.items(),
            *extra,
        ]
        start_response("200 OK", headers)
        return [body]

    return answer


def _only_query(query_string: str, max_query_bytes: int) -> str | None:
    """The query of a URL whose only parameter is one ``query``, else None (the general path decides)."""
    if not query_string.startswith("query=") or "&" in query_string or ";" in query_string:
        return None
    try:  # WSGI gives the raw bytes of the URL as latin-1 (PEP 3333)
        query = unquote_to_bytes(query_string[6:].replace("+", " ").encode("latin-1"))
        return query.decode("utf-8") if len(query) <= max_query_bytes else None  # too long: the general path's 413
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
