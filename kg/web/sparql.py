"""The SPARQL 1.1 Protocol endpoint, ``/sparql``: queries, and updates when writes are enabled.

The view only glues: :mod:`kg.sparql.protocol` parses the request, :mod:`kg.formats`
negotiates and :mod:`kg.sparql.lexer` vets the query; :mod:`kg.query.results` runs it on the
native engine and streams the natively
serialized results.  ``GET /sparql`` without parameters answers with the Service
Description.  A ``format`` (or ``output``) parameter -- ``json``, ``xml``, ``csv``, ``tsv``;
``turtle``, ``ntriples``, ``rdfxml``, ``jsonld``... or a media type -- overrides the Accept
header, as on Virtuoso and Fuseki.  With a :class:`~kg.web.writes.WriteAccess` (the server has an update
token) a POSTed SPARQL Update is checked for its bearer token, vetted like a query
(no LOAD, SERVICE only to the allowlist, depth and operator limits outside data
blocks) and run by :meth:`kg.store.Store.update` under the write lock; the base IRI is
the endpoint's URL; success is a 204.  Without, updates are refused (403).
A ``GET`` of a single-pattern lookup is answered before it reaches this view, by
:mod:`kg.web.lookups` (same answer, no Flask, no worker).
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.errors import BadRequest, NotAcceptable
from kg.formats import (
    FORM,
    GRAPH_TYPES,
    RESULTS_ALIASES,
    RESULTS_TYPES,
    TRIPLE_TYPES,
    QueryForm,
    negotiate,
    negotiate_results,
    parse_media_type,
    rdf_format,
)
from kg.query.results import ResultStream, content_type, query_producer
from kg.query.workers import QueryPool, requested_timeout
from kg.sparql.lexer import check_query, scan_query, scan_update
from kg.sparql.protocol import QueryRequest, UpdateRequest, decode_params, parse_query_request, parse_update_request
from kg.store.embedded import Store

from .description import PREFIXES, service_description
from .runner import client_gone, streamed
from .writes import WriteAccess

#: The ``format``/``output`` parameter (as Virtuoso and Fuseki users type it): value ->
#: (media type of a SELECT/ASK result, media type of a CONSTRUCT/DESCRIBE result); None: not for that form.
FORMAT_PARAMS: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
    "n3": (None, "text/turtle"),  # Turtle is N3 (SPARQLWrapper's name for it)
    "nquads": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
    **{t: (t, None) for t in RESULTS_TYPES},
    **{a: (t, None) for a, t in RESULTS_ALIASES.items()},
    **{t: (None, t) for t in GRAPH_TYPES},
}


def format_param(values: list[str], form: QueryForm) -> str | None:
    """The media type a ``format``/``output`` parameter asks for a ``form`` query; 400 if it names none.

    It overrides the Accept header (clients that cannot set headers use it).  Several values
    are fine if they mean the same type (SPARQLWrapper sends ``format=tsv&format=text/tab-separated-values``);
    empty ones are ignored.  Returns None when no value is given.
    """
    graph = not form.answers_results
    usable = [n for n, (r, g) in FORMAT_PARAMS.items() if "/" not in n and (g if graph else r)]
    chosen: dict[str, str] = {}
    for value in values:
        # A value may be a list of media types, as in Accept (SPARQLWrapper sends one for JSON-LD).
        names = [part.split(";")[0].strip().lower() for part in value.split(",")]
        names = [n for n in names if n]
        if not names:
            continue
        fits = [(n, FORMAT_PARAMS[n][1 if graph else 0]) for n in names if n in FORMAT_PARAMS]
        name, media_type = next(((n, t) for n, t in fits if t), (names[0], None))
        choice = FORMAT_PARAMS.get(name)
        if media_type is None:
            what = "unknown result format" if choice is None else f"a {form} result cannot be sent as"
            raise BadRequest(f"{what} {name!r} (format/output); a {form} result can be sent as: " + ", ".join(usable))
        chosen[media_type] = name
    if len(chosen) > 1:
        raise BadRequest("'format' and 'output' disagree: give one result format, got " + ", ".join(chosen.values()))
    return next(iter(chosen), None)


def sparql_blueprint(
    store: Store, settings: Mapping, pool: QueryPool | None = None, writes: WriteAccess | None = None
) -> Blueprint:
    """The ``/sparql`` endpoint over ``store``; limits and policy come from ``settings``.

    With a ``pool`` (:mod:`kg.query.workers`), queries run in its worker processes and are
    stopped at ``query_timeout_s`` (or the request's smaller ``timeout``); without, in
    this process as before.  With ``writes``, it takes SPARQL Updates too.
    """
    bp = Blueprint("sparql", __name__)
    max_query_bytes = settings["max_query_bytes"]
    limits = {
        "max_depth": settings["max_query_depth"],
        "max_operators": settings["max_query_operators"],
        "service_allowlist": tuple(settings["service_allowlist"]),
    }
    union_default_graph = settings["union_default_graph"]
    limit_s = float(settings["query_timeout_s"])
    max_rows = int(settings["max_rows"])

    @bp.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        body = request.get_data(cache=False) if request.method == "POST" else b""
        if writes is not None:
            access = writes
            update = parse_update_request(
                request.method,
                request.query_string,
                request.headers.get("Content-Type"),
                body,
                authorize=lambda: access.authorize(request.headers.get("Authorization")),
            )
            if update is not None:
                return _update(update, access)
        parsed = parse_query_request(
            request.method,
            request.query_string,
            request.headers.get("Content-Type"),
            body,
            max_query_bytes=max_query_bytes,
        )
        if parsed is None:
            return _describe(request.base_url)
        scan = scan_query(parsed.query)
        check_query(scan, is_store_graph=store.has_graph, **limits)
        if scan.from_graphs and not parsed.has_dataset:
            # Oxigraph's union-default-graph option would override FROM: give the query's
            # own dataset (vetted above: graphs of this store) explicitly instead.
            parsed = QueryRequest(parsed.query, tuple(scan.from_default), tuple(scan.from_named))  # type: ignore[arg-type]
        accept = request.headers.get("Accept")
        results_type, graph_type = negotiate_results(accept), negotiate(accept, GRAPH_TYPES)
        formats = _params(body, "format") + _params(body, "output")
        form = scan.form  # None: not a query (the parser's 400)
        if formats and form is not None:
            chosen = format_param(formats, form)
            if chosen is not None:
                results_type, graph_type = (chosen, None) if form.answers_results else (None, chosen)
        if form is not None and (results_type if form.answers_results else graph_type) is None:
            raise NotAcceptable(f"a {form} result can be sent as: " + ", ".join(form.offers))
        timeout_s = requested_timeout(_params(body, "timeout"), limit_s)
        if pool is not None:
            stream = pool.stream(
                parsed.query,
                parsed.default_graphs,
                parsed.named_graphs,
                results_type=results_type,
                graph_type=graph_type,
                base_iri=request.base_url,
                max_rows=max_rows,
                timeout_s=timeout_s,
                limit_s=limit_s,
                gone=client_gone(),
            )
            return streamed(stream, Vary="Accept")
        producer = query_producer(
            store,
            parsed,
            results_type=results_type,
            graph_type=graph_type,
            base_iri=request.base_url,
            max_rows=max_rows,
        )
        return streamed(ResultStream(producer), Vary="Accept")

    def _update(update: UpdateRequest, access: WriteAccess) -> Response:
        check_query(scan_update(update.update), is_store_graph=store.has_graph, **limits)
        with access.writing():
            store.update(
                update.update,
                using=update.using_graphs,
                using_named=update.using_named_graphs,
                base_iri=request.base_url,
            )
        return Response(status=204)

    def _params(body: bytes, name: str) -> list[str]:
        """The values of parameter ``name`` in the URL, and in a form body."""
        params = decode_params(request.query_string, "URL query string")
        if request.method == "POST" and parse_media_type(request.headers.get("Content-Type"))[0] == FORM:
            params += decode_params(body, "form body")
        return [value for key, value in params if key == name]

    def _describe(endpoint: str) -> Response:
        media_type = negotiate(request.headers.get("Accept"), TRIPLE_TYPES)
        if media_type is None:
            raise NotAcceptable("the service description can be sent as: " + ", ".join(TRIPLE_TYPES))
        triples = service_description(
            store,
            endpoint,
            union_default_graph=union_default_graph,
            federation=bool(limits["service_allowlist"]),
            update=writes is not None,
        )
        fmt = rdf_format(media_type)
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
        return Response(data, content_type=content_type(media_type), headers={"Vary": "Accept"})

    return bp
