"""The pages' own queries (named-query pages, entity pages), run under the same limits as ``/sparql``.

They run in the pool's ``pages`` lane: workers of their own, never waiting behind ``/sparql``.

With the worker pool on (setting ``query_timeout_s`` > 0, :mod:`kg.web.workers`), a
page's query runs in a worker process that is killed at the deadline (a 503), and a
SELECT result is cut at ``max_rows`` (``X-KG-Truncated: true``); with the pool off, it
runs in this process, with the same row limit and no deadline.  Either way the result
comes back natively serialized: streamed to the client (:meth:`QueryRunner.stream`,
for downloads) or held whole (:meth:`QueryRunner.collect`, for an HTML page that parses
it back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pyoxigraph as ox
from flask import has_request_context, request

from ..protocol import QueryRequest
from ..store import Store
from .results import RESULTS_FORMATS, BufferSink, ResultStream, query_producer
from .workers import QueryPool

Substitutions = Mapping[str, "ox.NamedNode | ox.Literal | ox.BlankNode"]


@dataclass(frozen=True)
class Collected:
    """A whole result: its media type, the headers it asks for (``X-KG-Truncated``...) and its bytes."""

    media_type: str
    headers: Mapping[str, str]
    data: bytes

    @property
    def truncated(self) -> bool:
        """Whether ``max_rows`` cut the result."""
        return self.headers.get("X-KG-Truncated") == "true"

    def solutions(self) -> ox.QuerySolutions | ox.QueryBoolean:
        """A SELECT/ASK result parsed back (on the calling thread; do not hand it to another)."""
        return ox.parse_query_results(self.data, format=RESULTS_FORMATS[self.media_type])


def client_gone():
    """waitress's check for a closed client connection (``QueryPool.stream``'s ``gone``), inside a
    request served by waitress; None elsewhere."""
    return request.environ.get("waitress.client_disconnected") if has_request_context() else None


class QueryRunner:
    """Runs the pages' queries on ``pool`` when there is one, else in-process on ``store``."""

    def __init__(self, store: Store, settings: Mapping, pool: QueryPool | None = None) -> None:
        self.store = store
        self.pool = pool
        self.limit_s = float(settings.get("query_timeout_s", 0) or 0)
        self.max_rows = int(settings.get("max_rows", 0) or 0)

    def stream(self, query: str, substitutions: Substitutions, *, results_type: str | None = None,
               graph_type: str | None = None, base_iri: str | None = None, name: str = "kg-page-query"):
        """A stream of the serialized result, for :func:`kg.web.results.streamed` (which opens it)."""
        if self.pool is not None:
            return self.pool.stream(query, (), (), results_type=results_type, graph_type=graph_type,
                                    base_iri=base_iri, max_rows=self.max_rows, timeout_s=self.limit_s,
                                    limit_s=self.limit_s, substitutions=dict(substitutions), lane="pages",
                                    gone=client_gone())
        producer = query_producer(self.store, QueryRequest(query), results_type=results_type, graph_type=graph_type,
                                  base_iri=base_iri, max_rows=self.max_rows, substitutions=dict(substitutions))
        return ResultStream(producer, name=name)

    def collect(self, query: str, substitutions: Substitutions, *, results_type: str | None = None,
                graph_type: str | None = None, base_iri: str | None = None) -> Collected:
        """The whole result; a deadline passing at any point is a 503 (nothing was sent yet)."""
        if self.pool is not None:
            stream = self.stream(query, substitutions, results_type=results_type, graph_type=graph_type,
                                 base_iri=base_iri)
            data = stream.read_all()
            return Collected(stream.media_type, dict(stream.headers), data)  # type: ignore[arg-type]
        sink = BufferSink()
        query_producer(self.store, QueryRequest(query), results_type=results_type, graph_type=graph_type,
                       base_iri=base_iri, max_rows=self.max_rows, substitutions=dict(substitutions))(sink)
        return Collected(sink.media_type or "", sink.headers, bytes(sink.data))
