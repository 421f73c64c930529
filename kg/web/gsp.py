"""The Graph Store HTTP Protocol, read side, at ``/store`` (indirect identification).

``GET``/``HEAD`` ``?default`` or ``?graph=IRI``: Turtle unless the client asks for
N-Triples, RDF/XML or JSON-LD; 404 for a graph that does not exist; 400 for a relative
IRI or for both parameters.  ``?default`` answers exactly what ``CONSTRUCT WHERE
{ ?s ?p ?o }`` answers on ``/sparql`` (so with ``union_default_graph`` it is the union
of the graphs).  Writes are refused with 405 while the server is read-only.
"""

from __future__ import annotations

from typing import Mapping

from flask import Blueprint, Response, request

from ..errors import MethodNotAllowed, NotAcceptable, NotFound
from ..protocol import QueryRequest, TRIPLE_TYPES, negotiate, parse_graph_target
from ..store import Store
from .results import ResultStream, dump_producer, query_producer, streamed

READ_METHODS = ("GET", "HEAD", "OPTIONS")
_DEFAULT_GRAPH = QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }")
_STORE_FORMAT = {"text/turtle": "turtle", "application/n-triples": "nt",
                 "application/rdf+xml": "xml", "application/ld+json": "jsonld"}


def gsp_blueprint(store: Store, settings: Mapping) -> Blueprint:
    """The read-only graph store over ``store``."""
    bp = Blueprint("gsp", __name__)

    @bp.route("/store", methods=["GET"])
    def read_graph() -> Response:
        graph = parse_graph_target(request.query_string)
        media_type = negotiate(request.headers.get("Accept"), TRIPLE_TYPES)
        if media_type is None:
            raise NotAcceptable("a graph can be sent as: " + ", ".join(TRIPLE_TYPES))
        if graph is None:
            producer = query_producer(store, _DEFAULT_GRAPH, results_type=None, graph_type=media_type,
                                      base_iri=None)
        else:
            if not store.has_graph(graph):
                raise NotFound(f"no graph <{graph}> in this store")
            producer = dump_producer(store, _STORE_FORMAT[media_type], media_type, graph)
        return streamed(ResultStream(producer, name="kg-gsp"), Vary="Accept")

    @bp.route("/store", methods=["PUT", "POST", "DELETE", "PATCH"])
    def refuse_write() -> Response:
        raise MethodNotAllowed("the graph store is read-only", allowed=READ_METHODS)

    return bp

