"""Flask glue for running queries: streamed responses, and the pages' own queries.

The pages' queries (named-query pages, entity pages) run under the same limits as ``/sparql``.

They run in the pool's ``pages`` lane: workers of their own, never waiting behind ``/sparql``.

With the worker pool on (setting ``query_timeout_s`` > 0, :mod:`kg.query.workers`), a
page's query runs in a worker process that is killed at the deadline (a 503), and a
SELECT result is cut at ``max_rows`` (``X-KG-Truncated: true``); with the pool off, it
runs in this process, with the same row limit and no deadline.  Either way the result
comes back natively serialized: streamed to the client (:meth:`QueryRunner.stream`,
for downloads) or held whole (:meth:`QueryRunner.collect`, for an HTML page that parses
it back).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Response, has_request_context, request

from kg.formats import results_format
from kg.query.results import BufferSink, ResultStream, Stream, content_type, query_producer
from kg.query.workers import QueryPool
from kg.sparql.protocol import QueryRequest
from kg.store.embedded import Store

Substitutions = Mapping[str, "ox.NamedNode | ox.Literal | ox.BlankNode"]


def streamed(stream: Stream, **headers: str) -> Response:
    """A Flask response whose body is ``stream``; waits for its first chunk (so errors become statuses)."""
    media_type = stream.open()
    # A result that has all arrived goes out with a Content-Length, so the connection is
    # kept alive (a streamed body without one makes waitress close it: a new TCP
    # connection per query costs a small query half its time).
    whole = stream.whole()
    body = whole if whole is not None else _Completing(stream, request.environ)
    response = Response(body, content_type=content_type(media_type))
    response.headers.update(getattr(stream, "headers", None) or {})  # e.g. X-KG-Truncated
    response.headers.update(headers)
    return response


#: WSGI environ key set once a streamed body has been sent whole (the result cache keeps only such bodies).
BODY_COMPLETE = "kg.body_complete"


class _Completing:
    """A streamed body that marks the request's environ when the result ended without error."""

    def __init__(self, stream, environ: dict) -> None:
        self._stream = stream
        self._environ = environ

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream
        if getattr(self._stream, "complete", False):
            self._environ[BODY_COMPLETE] = True

    def close(self) -> None:
        self._stream.close()


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

    def solutions(self) -> ox.QuerySolutions:
        """A SELECT result parsed back (on the calling thread; do not hand it to another)."""
        parsed = ox.parse_query_results(self.data, format=results_format(self.media_type))
        if not isinstance(parsed, ox.QuerySolutions):  # the pages run SELECT queries only
            raise TypeError("expected the solutions of a SELECT query, got a boolean")
        return parsed


def client_gone():
    """waitress's check for a closed client connection (``QueryPool.stream``'s ``gone``), inside a
    request served by waitress; None elsewhere."""
    return request.environ.get("waitress.client_disconnected") if has_request_context() else None


class QueryRunner:
    """Runs the pages' queries on ``pool`` when there is one, else in-process on ``store``."""

    def __init__(self, store: Store, settings: Mapping, pool: QueryPool | None = None) -> None:
        self.store = store
        self.pool = pool
        self.limit_s = float(settings["query_timeout_s"])
        self.max_rows = int(settings["max_rows"])

    def stream(
        self,
        query: str,
        substitutions: Substitutions,
        *,
        results_type: str | None = None,
        graph_type: str | None = None,
        base_iri: str | None = None,
        name: str = "kg-page-query",
    ):
        """A stream of the serialized result, for :func:`kg.query.results.streamed` (which opens it)."""
        if self.pool is not None:
            return self.pool.stream(
                query,
                (),
                (),
                results_type=results_type,
                graph_type=graph_type,
                base_iri=base_iri,
                max_rows=self.max_rows,
                timeout_s=self.limit_s,
                limit_s=self.limit_s,
                substitutions=dict(substitutions),
                lane="pages",
                gone=client_gone(),
            )
        return ResultStream(self._producer(query, substitutions, results_type, graph_type, base_iri), name=name)

    def collect(
        self,
        query: str,
        substitutions: Substitutions,
        *,
        results_type: str | None = None,
        graph_type: str | None = None,
        base_iri: str | None = None,
    ) -> Collected:
        """The whole result; a deadline passing at any point is a 503 (nothing was sent yet)."""
        if self.pool is not None:
            stream = self.stream(
                query, substitutions, results_type=results_type, graph_type=graph_type, base_iri=base_iri
            )
            data = stream.read_all()
            return Collected(stream.media_type, dict(stream.headers), data)
        sink = BufferSink()
        self._producer(query, substitutions, results_type, graph_type, base_iri)(sink)
        return Collected(sink.media_type or "", sink.headers, bytes(sink.data))

    def _producer(
        self,
        query: str,
        substitutions: Substitutions,
        results_type: str | None,
        graph_type: str | None,
        base_iri: str | None,
    ):
        """The in-process run of a page's query (no pool): ``max_rows`` applies, no deadline."""
        return query_producer(
            self.store,
            QueryRequest(query),
            results_type=results_type,
            graph_type=graph_type,
            base_iri=base_iri,
            max_rows=self.max_rows,
            substitutions=dict(substitutions),
        )
