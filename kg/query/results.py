"""Run store work on a helper thread and stream the bytes it serializes.

pyoxigraph's result objects (``QuerySolutions``, quad iterators...) are *unsendable*:
touching one from another thread than the one that made it aborts the process.  So
everything native -- parsing, evaluating, serializing -- happens on one helper thread
per request, which writes into a bounded pipe; the WSGI thread only moves bytes.  That
also gives streaming with back-pressure: a large result is never held whole, and when
the client goes away the pipe is closed and the helper stops at its next write.  A
result that fits in one chunk is sent whole, with a Content-Length.

:meth:`ResultStream.open` waits for the media type and the first chunk before the
response starts, so an error raised early (a syntax error, a 406) still becomes a
proper status code; one raised later can only end the body early, and is logged.
"""

from __future__ import annotations

import contextlib
import io
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO, Protocol, TypeVar, cast

import pyoxigraph as ox

from kg.errors import NotAcceptable
from kg.formats import GRAPH_TYPES, RESULTS_TYPES, rdf_format, results_format
from kg.query.messages import ENDINGS, Data, Done, Error, Head, Message, Whole
from kg.sparql.protocol import QueryRequest
from kg.sparql.select_star import reorder_tsv, star_order
from kg.store.common import QueryResult
from kg.store.embedded import Store

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
#: A document held whole (see :func:`write_solutions`) is passed on in writes of this size.
SLICE_BYTES = 1024 * 1024


def content_type(media_type: str) -> str:
    """The Content-Type header for a media type (UTF-8 said aloud for text types)."""
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


class Output(Protocol):
    """Where a producer writes: the media type first, then the bytes (a binary file object for pyoxigraph)."""

    def announce(self, media_type: str, headers: dict[str, str] | None = None) -> None: ...

    def write(self, data: bytes) -> int: ...

    def flush(self) -> None: ...


R = TypeVar("R", bound=QueryResult)

#: Writes a result into an :class:`Output`.
Producer = Callable[[Output], None]


def _binary(output: Output) -> IO[bytes]:
    """``output`` as pyoxigraph's serializers type their target (they call only write and flush)."""
    return cast(IO[bytes], output)


class _Closed(Exception):
    """Raised inside the helper thread when the reader has gone away."""


class ChunkedWriter:
    """A binary file object for pyoxigraph that hands its bytes on as messages (:mod:`kg.query.messages`).

    :meth:`announce` gives the media type first; the bytes go in chunks of at least
    CHUNK_BYTES, the head with the first of them, and a result that ends within its first
    chunk goes as one :class:`Whole` (one message, one wake-up).  Subclasses say where a
    message goes (``_send``): a queue to the request thread (:class:`Sink`) or a pipe to
    the server process (the query workers).
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._head: Head | None = None
        self.media_type: str | None = None

    def announce(self, media_type: str, headers: dict[str, str] | None = None) -> None:
        """Say which media type (and extra response headers) the bytes to come are in (before writing any)."""
        self.media_type = media_type
        self._head = Head(media_type, dict(headers or {}))

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK_BYTES:
            self._drain()
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes its own buffer often; we send on our own schedule."""

    def _drain(self) -> None:
        if self._buffer:
            self._send_head()
            self._send(Data(bytes(self._buffer)))
            self._buffer.clear()

    def _send_head(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._send(head)

    def finish(self) -> None:
        """The producer is done: send what is left, and the end."""
        if self._head is not None:
            head, self._head = self._head, None
            self._send(Whole(head.media_type, head.headers, bytes(self._buffer)))
            return
        self._drain()
        self._send(Done())

    def _send(self, message: Message) -> None:
        raise NotImplementedError


class Sink(ChunkedWriter):
    """The helper thread's end of the pipe: a binary file object for pyoxigraph."""

    def __init__(self, pipe: queue.Queue[Message], closed: threading.Event) -> None:
        super().__init__()
        self._pipe = pipe
        self._closed = closed

    def _send(self, message: Message) -> None:
        while True:
            if self._closed.is_set():
                raise _Closed()
            try:
                self._pipe.put(message, timeout=0.5)
                return
            except queue.Full:
                continue


class BufferSink:
    """A sink for a producer run on the calling thread: holds everything it is given (a bounded result)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.media_type: str | None = None
        self.headers: dict[str, str] = {}

    def announce(self, media_type: str, headers: dict[str, str] | None = None) -> None:
        self.media_type = media_type
        self.headers = dict(headers or {})

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


class Stream:
    """The WSGI side of a result pipe: an iterable of bytes read from the messages of a producer.

    Subclasses say where the messages come from (``_recv``); :class:`ResultStream` from a
    helper thread, :class:`kg.query.workers.PoolStream` from a worker process (with a deadline).
    """

    def __init__(self) -> None:
        self._first: list[bytes] = []
        self._done = False
        self.complete = False  # the producer finished without error: the body is whole
        self.media_type: str | None = None
        self.headers: dict[str, str] = {}

    def _recv(self) -> Message:
        raise NotImplementedError

    def _raise(self, error: BaseException) -> None:
        """Raise the producer's error (a subclass may log or reword it first)."""
        raise error

    def _no_result(self) -> BaseException:
        return RuntimeError("the producer ended without announcing a media type")

    def _next(self) -> Message:
        """The next message; the producer's error raised."""
        message = self._recv()
        if isinstance(message, ENDINGS):
            self._done = True
            self.complete = not isinstance(message, Error)
        if isinstance(message, Error):
            self._raise(message.error)
        return message

    def open(self) -> str:
        """Wait for the media type and the first chunk (or the end); raise the producer's error."""
        if self.media_type is not None:
            return self.media_type
        try:
            while self.media_type is None:
                message = self._next()
                if isinstance(message, Whole):
                    self.media_type, self.headers = message.media_type, message.headers
                    self._first.append(message.data)
                    return self.media_type
                if isinstance(message, Head):
                    self.media_type, self.headers = message.media_type, message.headers
                elif isinstance(message, Done):
                    raise self._no_result()
            message = self._next()
            if isinstance(message, Data):
                self._first.append(message.data)
                if len(message.data) < CHUNK_BYTES:  # only the last chunk is short: take the end
                    self._next()
        except BaseException:
            self.close()
            raise
        return self.media_type

    def whole(self) -> bytes | None:
        """After :meth:`open`: the whole body if it has all arrived (a small result), else None."""
        return b"".join(self._first) if self._done else None

    def read_all(self) -> bytes:
        """The whole result, for a caller that parses it: an error is raised, to the very end."""
        try:
            self.open()
            chunks, self._first = self._first, []
            while not self._done:
                message = self._next()
                if isinstance(message, Data):
                    chunks.append(message.data)
        finally:
            self.close()
        return b"".join(chunks)

    def _failed_midway(self, exc: Exception) -> None:
        log.exception("result stream failed after the response started; the body is truncated")

    def __iter__(self) -> Iterator[bytes]:
        yield from self._first
        self._first.clear()
        while not self._done:
            try:
                message = self._next()
            except Exception as exc:
                self._failed_midway(exc)
                return
            if isinstance(message, Data):
                yield message.data

    def close(self) -> None:
        """Called by the WSGI server when the response ends (or the client left)."""


class ResultStream(Stream):
    """A result produced by ``produce(sink)`` on a helper thread."""

    def __init__(self, produce: Producer, *, name: str = "kg-query") -> None:
        super().__init__()
        self._pipe: queue.Queue[Message] = queue.Queue(maxsize=8)
        self._closed = threading.Event()
        self._sink = Sink(self._pipe, self._closed)
        self._thread = threading.Thread(target=self._run, args=(produce,), name=name, daemon=True)
        self._thread.start()

    def _run(self, produce: Producer) -> None:
        try:
            produce(self._sink)
            self._sink.finish()
        except _Closed:
            pass
        except BaseException as exc:  # handed to the reader, who raises it in the request thread
            with contextlib.suppress(_Closed):
                self._sink._send(Error(exc))

    def _recv(self) -> Message:
        return self._pipe.get()

    def close(self) -> None:
        self._closed.set()


# -- producers --------------------------------------------------------------------------


def write_graph(sink: Output, triples: ox.QueryTriples, media_type: str) -> None:
    """Serialize a CONSTRUCT or DESCRIBE result natively, as pyoxigraph produces it."""
    sink.announce(media_type)
    triples.serialize(_binary(sink), format=rdf_format(media_type))


class _RowCounter:
    """A file object for a TSV results document that stops it after ``max_rows`` rows (TSV: one line a row)."""

    def __init__(self, max_rows: int) -> None:
        self._limit = max_rows + 2  # the header line, max_rows rows, and one more to tell truncation
        self._lines = 0
        self.data = bytearray()
        self.truncated = False

    def write(self, data: bytes) -> int:
        if self.truncated:  # pyoxigraph may flush its buffer again after the error: keep the cut
            raise OSError("max_rows reached")
        n = data.count(b"\n")
        if self._lines + n >= self._limit:  # the (max_rows+1)-th row ends in here: cut before it
            cut = -1
            for _ in range(self._limit - 1 - self._lines):
                cut = data.index(b"\n", cut + 1)
            self.data += data[: cut + 1]
            self.truncated = True
            raise OSError("max_rows reached")
        self._lines += n
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


#: How :func:`rows_at_most` counts the rows of a document in each format: a constant, and the
#: markers whose occurrences it adds up (with their weights).
_ROW_MARKERS: dict[ox.QueryResultsFormat, tuple[int, tuple[tuple[bytes, int], ...]]] = {
    # a line a row, after the header (TSV escapes line breaks in terms; a quoted CSV literal may hold some)
    ox.QueryResultsFormat.TSV: (-1, ((b"\n", 1),)),
    ox.QueryResultsFormat.CSV: (-1, ((b"\n", 1),)),
    ox.QueryResultsFormat.XML: (0, ((b"<result>", 1),)),  # "<" is escaped in text: every <result> is a row
    # JSON: an object per row, per term ({"type":"...) and three around them ({, "head":{, "results":{);
    # '{"' never occurs inside a string (its quote would be escaped), a lone "{" may
    ox.QueryResultsFormat.JSON: (-3, ((b"{", 1), (b'{"type":"', -1))),
}


def rows_at_most(document: bytes, fmt: ox.QueryResultsFormat) -> int:
    """At least as many rows as the SELECT results document ``document`` (as pyoxigraph writes ``fmt``) holds,
    counted without parsing it: exact for TSV and XML; CSV may count a line break inside a literal, JSON a
    brace inside a string.  So a document whose count is at most ``max_rows`` is certainly not past it.
    """
    base, markers = _ROW_MARKERS[fmt]
    return base + sum(weight * document.count(marker) for marker, weight in markers)


class _Bounded:
    """A file object that keeps a results document, as pyoxigraph writes it, while :func:`rows_at_most`
    of what it has so far (counted as the bytes come) is at most ``max_rows``; past that it stops the writer."""

    def __init__(self, max_rows: int, fmt: ox.QueryResultsFormat) -> None:
        self.data = bytearray()
        self.over = False
        self._base, self._markers = _ROW_MARKERS[fmt]
        self._limit = max_rows
        self._rows = self._base

    def write(self, data: bytes) -> int:
        if self.over:  # pyoxigraph may flush its buffer again after the error
            raise OSError("max_rows reached")
        start = len(self.data)
        self.data += data
        for marker, weight in self._markers:  # a marker that began in the last write is counted now
            self._rows += weight * self.data.count(marker, max(0, start - len(marker) + 1))
        if self._rows > self._limit:
            self.over = True
            raise OSError("max_rows reached")
        return len(data)

    def flush(self) -> None:
        pass


def in_query_order(result: R, query: str | None) -> R:
    """``result`` with a ``SELECT *``'s columns in their order of first appearance in ``query``
    (:mod:`kg.sparql.select_star`); the result itself when that is its order already (or it is no SELECT *).

    Reordering reads the whole result (through TSV): only ``SELECT *`` results pay for it.
    """
    if query is None or not isinstance(result, ox.QuerySolutions):
        return result
    order = star_order(query, [v.value for v in result.variables])
    if order is None:
        return result
    data = io.BytesIO()
    result.serialize(data, format=ox.QueryResultsFormat.TSV)
    return cast(R, ox.parse_query_results(reorder_tsv(data.getvalue(), order), format=ox.QueryResultsFormat.TSV))


def write_solutions(
    sink: Output,
    result: ox.QuerySolutions | ox.QueryBoolean,
    results_type: str,
    max_rows: int,
    query: str | None = None,
    again: Callable[[], ox.QuerySolutions] | None = None,
) -> None:
    """Serialize a SELECT/ASK result natively; a SELECT stops after ``max_rows`` rows (0: no limit).

    With a limit, the document is held until the response can say whether it is truncated
    (``X-KG-Truncated: true``, ``X-KG-Max-Rows``).  Given ``again`` (a new run of the same
    query), it is first written in the negotiated format while a loose count of its rows
    (:func:`rows_at_most`) stays within ``max_rows``: one serialization, the common case.  A
    result the count puts past ``max_rows`` (or with no ``again``) is written as TSV (one line a
    row, so they are counted and cut exactly and natively-fast) and held -- at most ``max_rows``
    rows -- then re-read and written in the negotiated format.  Given the ``query``, a
    ``SELECT *``'s columns come in their order of first appearance in it (see :func:`in_query_order`).
    """
    fmt = results_format(results_type)
    if not max_rows or not isinstance(result, ox.QuerySolutions):
        result = in_query_order(result, query)
        sink.announce(results_type)
        result.serialize(_binary(sink), format=fmt)
        return
    headers = {"X-KG-Max-Rows": str(max_rows)}
    order = star_order(query, [v.value for v in result.variables]) if query is not None else None
    if again is not None and order is None and fmt != ox.QueryResultsFormat.TSV:
        bounded = _Bounded(max_rows, fmt)
        try:
            result.serialize(cast(IO[bytes], bounded), format=fmt)
        except OSError:
            if not bounded.over:
                raise
        if not bounded.over:
            sink.announce(results_type, headers)
            _write_sliced(sink, bounded.data)
            return
        del bounded
        result = again()  # perhaps past max_rows: the exact way, from the start
    rows = _RowCounter(max_rows)
    try:
        result.serialize(cast(IO[bytes], rows), format=ox.QueryResultsFormat.TSV)
    except OSError:
        if not rows.truncated:
            raise
    if rows.truncated:
        headers["X-KG-Truncated"] = "true"
    sink.announce(results_type, headers)
    data = bytes(rows.data)
    if order is not None:  # the rows are in TSV already: moving columns is cheap here
        data = reorder_tsv(data, order)
    if fmt == ox.QueryResultsFormat.TSV:
        sink.write(data)
    else:
        ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV).serialize(_binary(sink), format=fmt)


def _write_sliced(sink: Output, data: bytearray) -> None:
    """Write ``data`` to ``sink`` in slices of SLICE_BYTES, so that a large document still goes as several messages."""
    with memoryview(data) as view:
        for start in range(0, len(view), SLICE_BYTES):
            sink.write(bytes(view[start : start + SLICE_BYTES]))


def query_producer(
    store: Store,
    request: QueryRequest,
    *,
    results_type: str | None,
    graph_type: str | None,
    base_iri: str | None,
    max_rows: int = 0,
    substitutions: dict | None = None,
) -> Producer:
    """A producer that runs ``request`` and writes its results in the negotiated type.

    ``results_type``/``graph_type`` are the negotiated media types for a results
    document (SELECT, ASK) and for a graph (CONSTRUCT, DESCRIBE); ``None`` means the
    client accepts none, which becomes a 406 once the query's form is known.
    ``max_rows`` (0: no limit) truncates a SELECT result (see :func:`write_solutions`).
    ``substitutions`` bind variables to values (a named query's parameters).
    """
    dataset = {}
    if request.has_dataset:
        dataset = {"default_graphs": request.default_graphs, "named_graphs": request.named_graphs}

    def produce(sink: Output) -> None:
        def run() -> QueryResult:
            return store.query(request.query, base_iri=base_iri, substitutions=substitutions, **dataset)

        result = run()
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            if results_type is None:
                raise NotAcceptable("a SELECT or ASK result can be sent as: " + ", ".join(RESULTS_TYPES))
            write_solutions(sink, result, results_type, max_rows, query=request.query, again=cast(Callable, run))
        else:
            if graph_type is None:
                raise NotAcceptable("a CONSTRUCT or DESCRIBE result can be sent as: " + ", ".join(GRAPH_TYPES))
            write_graph(sink, result, graph_type)

    return produce


def dump_producer(store: Store, fmt: str, media_type: str, graph: str | None, *, gzip: bool = False) -> Producer:
    """A producer streaming :meth:`Store.dump` in ``fmt`` (the whole store, or one graph), gzipped on request."""

    def produce(sink: Output) -> None:
        sink.announce(media_type)
        store.dump(cast(BinaryIO, sink), fmt, graph, gzip=gzip)

    return produce
