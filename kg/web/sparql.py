"""The SPARQL 1.1 Protocol endpoint, ``/sparql``: queries, and updates when writes are enabled.

The view only glues: :mod:`kg.protocol` parses the request, negotiates and vets the
query; :mod:`kg.web.results` runs it on the native engine and streams the natively
serialized results.  ``GET /sparql`` without parameters answers with the Service
Description.  With a :class:`~kg.web.writes.WriteAccess` (the server has an update
token) a POSTed SPARQL Update is checked for its bearer token, vetted like a query
(no LOAD, SERVICE only to the allowlist, depth and operator limits outside data
blocks) and run by :meth:`kg.store.Store.update` under the write lock; the base IRI is
the endpoint's URL; success is a 204.  Without, updates are refused (403).
A ``GET`` of a single-pattern lookup is answered before it reaches this view, by
:mod:`kg.web.lookups` (same answer, no Flask, no worker).
"""

from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox
from flask import Blueprint, Response, request

from ..errors import NotAcceptable
from ..protocol import (
    FORM,
    GRAPH_TYPES,
    QueryRequest,
    RESULTS_TYPES,
    TRIPLE_TYPES,
    UpdateRequest,
    check_query,
    decode_params,
    negotiate,
    negotiate_results,
    parse_media_type,
    parse_query_request,
    parse_update_request,
    scan_query,
    scan_update,
)
from ..store import Store
from .description import PREFIXES, service_description
from .results import RDF_FORMATS, ResultStream, content_type, query_producer, streamed
from .workers import QueryPool, requested_timeout
from .writes import WriteAccess


def sparql_blueprint(store: Store, settings: Mapping, pool: QueryPool | None = None,
                     writes: WriteAccess | None = None) -> Blueprint:
    """The ``/sparql`` endpoint over ``store``; limits and policy come from ``settings``.

    With a ``pool`` (:mod:`kg.web.workers`), queries run in its worker processes and are
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
    limit_s = float(settings.get("query_timeout_s", 0) or 0)
    max_rows = int(settings.get("max_rows", 0) or 0)

    @bp.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        body = request.get_data(cache=False) if request.method == "POST" else b""
        if writes is not None:
            access = writes
            update = parse_update_request(
                request.method, request.query_string, request.headers.get("Content-Type"), body,
                authorize=lambda: access.authorize(request.headers.get("Authorization")))
            if update is not None:
                return _update(update, access)
        parsed = parse_query_request(request.method, request.query_string, request.headers.get("Content-Type"),
                                     body, max_query_bytes=max_query_bytes)
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
        if scan.form in ("SELECT", "ASK") and results_type is None:
            raise NotAcceptable(f"a {scan.form} result can be sent as: " + ", ".join(RESULTS_TYPES))
        if scan.form in ("CONSTRUCT", "DESCRIBE") and graph_type is None:
            raise NotAcceptable(f"a {scan.form} result can be sent as: " + ", ".join(GRAPH_TYPES))
        timeout_s = requested_timeout(_timeout_params(body), limit_s)
        if pool is not None:
            stream = pool.stream(parsed.query, parsed.default_graphs, parsed.named_graphs,
                                 results_type=results_type, graph_type=graph_type, base_iri=request.base_url,
                                 max_rows=max_rows, timeout_s=timeout_s, limit_s=limit_s)
            return streamed(stream, Vary="Accept")
        producer = query_producer(store, parsed, results_type=results_type, graph_type=graph_type,
                                  base_iri=request.base_url, max_rows=max_rows)
        return streamed(ResultStream(producer), Vary="Accept")

    def _update(update: UpdateRequest, access: WriteAccess) -> Response:
        check_query(scan_update(update.update), is_store_graph=store.has_graph, **limits)
        with access.writing():
            store.update(update.update, using=update.using_graphs, using_named=update.using_named_graphs,
                         base_iri=request.base_url)
        return Response(status=204)

    def _timeout_params(body: bytes) -> list[str]:
        """The ``timeout`` parameter(s) of the URL, and of a form body."""
        params = decode_params(request.query_string, "URL query string")
        if request.method == "POST" and parse_media_type(request.headers.get("Content-Type"))[0] == FORM:
            params += decode_params(body, "form body")
        return [value for key, value in params if key == "timeout"]

    def _describe(endpoint: str) -> Response:
        media_type = negotiate(request.headers.get("Accept"), TRIPLE_TYPES)
        if media_type is None:
            raise NotAcceptable("the service description can be sent as: " + ", ".join(TRIPLE_TYPES))
        triples = service_description(store, endpoint, union_default_graph=union_default_graph,
                                      federation=bool(limits["service_allowlist"]), update=writes is not None)
        fmt = RDF_FORMATS[media_type]
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
        return Response(data, content_type=content_type(media_type), headers={"Vary": "Accept"})

    return bp
