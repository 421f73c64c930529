"""The SPARQL 1.1 Protocol endpoint, ``/sparql`` (read-only).

The view only glues: :mod:`kg.protocol` parses the request, negotiates and vets the
query; :mod:`kg.web.results` runs it on the native engine and streams the natively
serialized results.  ``GET /sparql`` without parameters answers with the Service
Description.
"""

from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox
from flask import Blueprint, Response, request

from ..errors import NotAcceptable
from ..protocol import (
    GRAPH_TYPES,
    QueryRequest,
    RESULTS_TYPES,
    TRIPLE_TYPES,
    check_query,
    negotiate,
    negotiate_results,
    parse_query_request,
    scan_query,
)
from ..store import Store
from .description import PREFIXES, service_description
from .results import RDF_FORMATS, ResultStream, content_type, query_producer, streamed


def sparql_blueprint(store: Store, settings: Mapping) -> Blueprint:
    """The ``/sparql`` endpoint over ``store``; limits and policy come from ``settings``."""
    bp = Blueprint("sparql", __name__)
    max_query_bytes = settings["max_query_bytes"]
    limits = {
        "max_depth": settings["max_query_depth"],
        "max_operators": settings["max_query_operators"],
        "service_allowlist": tuple(settings["service_allowlist"]),
    }
    union_default_graph = settings["union_default_graph"]

    @bp.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        body = request.get_data(cache=False) if request.method == "POST" else b""
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
        producer = query_producer(store, parsed, results_type=results_type, graph_type=graph_type,
                                  base_iri=request.base_url)
        return streamed(ResultStream(producer), Vary="Accept")

    def _describe(endpoint: str) -> Response:
        media_type = negotiate(request.headers.get("Accept"), TRIPLE_TYPES)
        if media_type is None:
            raise NotAcceptable("the service description can be sent as: " + ", ".join(TRIPLE_TYPES))
        triples = service_description(store, endpoint, union_default_graph=union_default_graph,
                                      federation=bool(limits["service_allowlist"]))
        fmt = RDF_FORMATS[media_type]
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
        return Response(data, content_type=content_type(media_type), headers={"Vary": "Accept"})

    return bp
