"""The Graph Store HTTP Protocol at ``/store`` (indirect identification: ``?default``, ``?graph=IRI``).

Read side: ``GET``/``HEAD`` in Turtle unless the client asks for N-Triples, RDF/XML or
JSON-LD; 404 for a graph that does not exist; 400 for a relative IRI or for both
parameters.  ``?default`` answers exactly what ``CONSTRUCT WHERE { ?s ?p ?o }`` answers
on ``/sparql`` (so with ``union_default_graph`` it is the merge of the graphs).

Write side, only when the server has an update token (:mod:`kg.web.writes`; otherwise
405): ``PUT`` replaces a graph (201 if it is new, else 204), ``POST`` adds to it (an RDF
merge; 201 if it is new, else 204, also for an empty body), ``DELETE`` removes it (204;
404 if absent).  ``POST`` to ``/store`` itself creates a graph named
``{base_iri}graph/{uuid}`` (201, ``Location``: the graph's IRI).  Payloads:
:mod:`kg.web.payload` (parsed before anything is written: a bad one changes nothing).
Relative IRIs in a payload resolve against the graph's IRI (against the request URL for
``?default``).  A named graph's triples join the default graph's merge and leave it
with the graph (unless another graph has them too); ``?default`` itself is the stored
default graph: ``PUT``/``POST``/``DELETE ?default`` write it directly.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from flask import Blueprint, Response, request

from kg.errors import MethodNotAllowed, NotAcceptable, NotFound
from kg.formats import TRIPLE_TYPES, dump_name, negotiate, rdf_format
from kg.query.results import ResultStream, dump_producer, query_producer
from kg.rdf.iris import validate_iri
from kg.sparql.protocol import QueryRequest, parse_graph_target
from kg.store.embedded import Store

from .payload import parse_payload
from .runner import streamed
from .writes import WriteAccess

READ_METHODS = ("GET", "HEAD", "OPTIONS")
_DEFAULT_GRAPH = QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }")


def gsp_blueprint(store: Store, settings: Mapping, writes: WriteAccess | None = None) -> Blueprint:
    """The graph store over ``store``; read-only unless ``writes`` is given."""
    bp = Blueprint("gsp", __name__)

    @bp.route("/store", methods=["GET"])
    def read_graph() -> Response:
        graph = parse_graph_target(request.query_string)
        media_type = negotiate(request.headers.get("Accept"), TRIPLE_TYPES)
        if media_type is None:
            raise NotAcceptable("a graph can be sent as: " + ", ".join(TRIPLE_TYPES))
        if graph is None:
            producer = query_producer(store, _DEFAULT_GRAPH, results_type=None, graph_type=media_type, base_iri=None)
        else:
            if not store.has_graph(graph):
                raise NotFound(f"no graph <{graph}> in this store")
            producer = dump_producer(store, dump_name(rdf_format(media_type)), media_type, graph)
        return streamed(ResultStream(producer, name="kg-gsp"), Vary="Accept")

    if writes is None:

        @bp.route("/store", methods=["PUT", "POST", "DELETE", "PATCH"])
        def refuse_write() -> Response:
            raise MethodNotAllowed("the graph store is read-only", allowed=READ_METHODS)

        return bp

    base_iri = settings["base_iri"]

    @bp.route("/store", methods=["PUT", "POST", "DELETE"])
    def write_graph() -> Response:
        writes.authorize(request.headers.get("Authorization"))
        body = request.get_data(cache=False)
        if request.method == "POST" and not request.query_string:
            return _create(body)
        graph = parse_graph_target(request.query_string)
        if request.method == "DELETE":
            with writes.writing():
                if graph is None:
                    store.replace_default([])
                elif not store.drop_graph(graph):
                    raise NotFound(f"no graph <{graph}> in this store")
            return Response(status=204)
        triples = parse_payload(
            request.headers.get("Content-Type"),
            body,
            base_iri=graph or request.base_url,
            max_expanded_bytes=int(settings["max_body_bytes"]),
        )
        with writes.writing():
            if request.method == "POST":
                created = store.add_to_graph(graph, triples)
            elif graph is None:
                store.replace_default(triples)
                created = False
            else:
                created = store.put_graph(graph, triples)
        return Response(status=201 if created else 204)

    def _create(body: bytes) -> Response:
        """POST to the store itself: a new graph with a fresh IRI (GSP 5.5)."""
        graph = validate_iri(f"{base_iri}graph/{uuid.uuid4().hex}")
        triples = parse_payload(
            request.headers.get("Content-Type"),
            body,
            base_iri=graph,
            max_expanded_bytes=int(settings["max_body_bytes"]),
        )
        with writes.writing():
            store.add_to_graph(graph, triples)
        return Response(status=201, headers={"Location": graph})

    return bp
