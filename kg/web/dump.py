"""Dumps of the whole store or one graph: ``/dump.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``, ``.rdf``.

Streamed from :meth:`kg.store.Store.dump` at flat memory (N-Quads and TriG keep graph
names; the triple formats write the union of the graphs), with a
``Content-Disposition`` filename.  ``?graph=IRI`` limits the dump to one graph (404 if
it does not exist).

Compression, two ways: a client that sends ``Accept-Encoding: gzip`` gets the same
document with ``Content-Encoding: gzip`` (every answer says ``Vary: Accept-Encoding``);
``/dump.nq.gz`` (any extension plus ``.gz``) is a gzip *file*, ``application/gzip``,
named ``summit-kg.nq.gz``, whatever the client accepts.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.errors import BadRequest, NotFound
from kg.formats import dump_name, media_type_of
from kg.query.results import ResultStream, dump_producer
from kg.rdf.iris import validate_iri
from kg.sparql.protocol import decode_params
from kg.store.embedded import Store

from .runner import streamed

#: The formats of the dumps, in the order a 404 lists them.
_DUMP_FORMATS = (
    ox.RdfFormat.TURTLE,
    ox.RdfFormat.N_TRIPLES,
    ox.RdfFormat.N_QUADS,
    ox.RdfFormat.TRIG,
    ox.RdfFormat.JSON_LD,
    ox.RdfFormat.RDF_XML,
)
#: extension -> (Store.dump format, media type)
DUMPS: dict[str, tuple[str, str]] = {fmt.file_extension: (dump_name(fmt), media_type_of(fmt)) for fmt in _DUMP_FORMATS}
GZIP = "application/gzip"


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip: named (or ``x-gzip``) or by ``*``, with q > 0."""
    named: float | None = None
    star: float | None = None
    for item in (accept_encoding or "").split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        coding = coding.lower()
        if coding in ("gzip", "x-gzip"):
            named = q if named is None else max(named, q)
        elif coding == "*":
            star = q
    if named is not None:
        return named > 0
    return star is not None and star > 0


def dump_blueprint(store: Store, settings: Mapping) -> Blueprint:
    """``/dump.<ext>`` and ``/dump.<ext>.gz`` over ``store``."""
    bp = Blueprint("dump", __name__)

    @bp.route("/dump.<ext>", methods=["GET"])
    def dump(ext: str) -> Response:
        base, gz_file = (ext[:-3], True) if ext.endswith(".gz") else (ext, False)
        if base not in DUMPS:
            raise NotFound(f"no dump format .{ext}; there are: " + ", ".join(f".{e}, .{e}.gz" for e in DUMPS))
        fmt, media_type = DUMPS[base]
        graphs = [v for k, v in decode_params(request.query_string, "URL query string") if k == "graph"]
        if len(graphs) > 1:
            raise BadRequest("give at most one ?graph=IRI")
        graph = validate_iri(graphs[0]) if graphs else None
        if graph is not None and not store.has_graph(graph):
            raise NotFound(f"no graph <{graph}> in this store")
        name = "summit-kg-graph" if graph else "summit-kg"
        headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
        if gz_file:
            gzip, media_type = True, GZIP
        else:
            gzip = accepts_gzip(request.headers.get("Accept-Encoding"))
            headers["Vary"] = "Accept-Encoding"
            if gzip:
                headers["Content-Encoding"] = "gzip"
        stream = ResultStream(dump_producer(store, fmt, media_type, graph, gzip=gzip), name="kg-dump")
        return streamed(stream, **headers)

    return bp
