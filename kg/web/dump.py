"""Dumps of the whole store or one graph: ``/dump.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``, ``.rdf``.

Streamed from :meth:`kg.store.Store.dump` (N-Quads and TriG keep graph names; the
triple formats write the union of the graphs), with a ``Content-Disposition``
filename.  ``?graph=IRI`` limits the dump to one graph (404 if it does not exist).
"""

from __future__ import annotations

from typing import Mapping

from flask import Blueprint, Response, request

from ..errors import BadRequest, NotFound
from ..iris import validate_iri
from ..protocol import decode_params
from ..store import Store
from .results import ResultStream, dump_producer, streamed

#: extension -> (Store.dump format, media type)
DUMPS: dict[str, tuple[str, str]] = {
    "ttl": ("turtle", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "nq": ("nq", "application/n-quads"),
    "trig": ("trig", "application/trig"),
    "jsonld": ("jsonld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
}


def dump_blueprint(store: Store, settings: Mapping) -> Blueprint:
    """``/dump.<ext>`` over ``store``."""
    bp = Blueprint("dump", __name__)

    @bp.route("/dump.<ext>", methods=["GET"])
    def dump(ext: str) -> Response:
        if ext not in DUMPS:
            raise NotFound(f"no dump format .{ext}; there are: " + ", ".join("." + e for e in DUMPS))
        fmt, media_type = DUMPS[ext]
        graphs = [v for k, v in decode_params(request.query_string, "URL query string") if k == "graph"]
        if len(graphs) > 1:
            raise BadRequest("give at most one ?graph=IRI")
        graph = validate_iri(graphs[0]) if graphs else None
        if graph is not None and not store.has_graph(graph):
            raise NotFound(f"no graph <{graph}> in this store")
        stream = ResultStream(dump_producer(store, fmt, media_type, graph), name="kg-dump")
        name = "summit-kg-graph" if graph else "summit-kg"
        return streamed(stream, **{"Content-Disposition": f'attachment; filename="{name}.{ext}"'})

    return bp
