"""Reads on every core: several HTTP processes on one listening socket, one of them the writer.

``kg serve`` with ``processes`` > 1 (setting; 0 is one per core) runs a small supervisor
that opens the listening socket, then forks the HTTP processes, which all accept on it:

* process 0 is the **writer**: it opens the store read-write (holding its lock, as a single
  ``kg serve`` does) and is the only process that writes.  It also listens on a socket
  of its own (on 127.0.0.1), through which the others hand it writes;
* the others are **readers**: each opens the store read-only
  (:meth:`kg.store.embedded.Store.open_read_only`) and serves every GET, HEAD and OPTIONS
  itself, with its own query workers.  A request that may write (any other method, except a
  ``POST /sparql`` that is a query) is forwarded unchanged to the writer
  (:func:`forward_writes`), which runs it all-or-nothing under its one write lock, and its
  answer is passed back.

**Following the writer.**  The store's generation lives in memory all the processes share
(:class:`kg.web.conditional.SharedGeneration`).  After each write, the writer flushes, makes
a *view* of the store as it now is -- a RocksDB checkpoint in ``STORE/.kg-views/N``, hard
links to the immutable table files, so it costs milliseconds (:func:`publish_view`) -- and
then publishes generation ``N``, before the write's answer is sent (the same rule as the query
workers').  A reader compares the generation on every request (:func:`follow_writes`): when
it has moved, the reader opens view ``N`` read-only and retires its query workers (their
replacements open view ``N``) before it answers, and only then takes ``N`` for its ETags and
cache keys.  So a request that starts after a write's answer was received sees that write,
whichever process it lands on.  Readers never open the live store folder: a read-only open
there races the writer's compactions (files listed, then deleted; under the test of
tests/test_processes.py about one run in three ended with a worker running away; a single
process's workers met it too, so they also open views).  Views older than the last
:data:`KEEP_VIEWS` and than twice the query deadline (at least :data:`VIEW_GRACE_S`) are
deleted; every view goes when the server stops.

**Connections.**  A connection stays with the process that accepted it for as long as the
client keeps it alive, so a process accepts only while it holds no more connections than any
other (:class:`ConnectionCounts`): kept connections spread evenly, and every core serves.

**Processes.**  The writer starts first (readers open after it); a child that fails to start
stops the server with its error; one that dies later is started again (more than
:data:`MAX_RESTARTS` within a minute stops the server).  SIGINT or SIGTERM to the supervisor
stops every child; children die with the supervisor (``PR_SET_PDEATHSIG``).  Query workers
are divided among the processes (:func:`worker_share`), with the memory bound computed over
all of them, so their total stays what one process would have.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import logging
import mmap
import os
import select
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.task import WSGITask, hop_by_hop

from kg.errors import KGError, WriterUnavailable

from .conditional import Generation, SharedGeneration
from .errors import wsgi_error
from .inline import ANSWER, Answer, answer_inline, defer_inline, replaying
from .plain_requests import plain_environ
from .revalidation import RevalidationMemo, http_date_now

log = logging.getLogger("kg.serving")

WSGIApp = Callable[..., Iterable[bytes]]
#: Children that may die and be started again within a minute before the server gives up.
MAX_RESTARTS = 10
#: Seconds a child has to stop after SIGTERM before it is killed.
STOP_S = 10.0
#: Methods a reader answers itself.
_READS = ("GET", "HEAD", "OPTIONS")
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
#: How long a forwarded write may take (an ingest batch through the server can be long).
FORWARD_TIMEOUT_S = 3600.0


def process_count(settings: Any) -> int:
    """How many HTTP processes serve (setting ``processes``; 0 is one per core); 1 for an external store,
    which has no read-only view to share."""
    if str(settings["store"]).startswith(("http://", "https://")):
        return 1
    return int(settings["processes"]) or os.cpu_count() or 1


@dataclass(frozen=True)
class Role:
    """What one HTTP process of several is: the writer or a reader, and what it shares with the others."""

    writer: bool
    shared: SharedGeneration
    writer_port: int  #: the writer's own port on 127.0.0.1, where readers forward writes
    processes: int
    sockets: tuple[socket.socket, ...]  #: the listening sockets this process accepts on
    index: int = 0  #: this process's number (0: the writer)
    connections: ConnectionCounts | None = None  #: how many connections each process holds


class _Slot(ctypes.Structure):
    _fields_ = [("count", ctypes.c_int64), ("seen", ctypes.c_double)]


class ConnectionCounts:
    """How many connections each HTTP process holds, in memory they all share (made before they fork).

    The processes accept on one socket, and a connection stays with the process that accepted it
    for as long as the client keeps it alive.  Left to the kernel, whichever process wakes first
    takes it: four clients often end up 3 and 1, or 4 and 0, on two processes, and one core
    serves while the other waits.  So a process accepts only while it holds no more connections
    than any other (:func:`balance_accepts`).  Each process writes its own slot on every turn of
    its loop (at least once a second); a slot not written for :data:`STALE_S` (a process busy
    for that long, or restarting) is not waited for.

    A process decides whether to listen when its loop turns, and one that holds more than another
    waits in ``select`` without the listening socket.  When another process accepts a connection,
    that one may now hold the fewest, so every accept wakes the others (a pipe each, made here):
    their loops turn and take up the socket again, instead of leaving it to nobody until a timeout.
    """

    def __init__(self, processes: int) -> None:
        self._memory = mmap.mmap(-1, ctypes.sizeof(_Slot) * processes)  # MAP_SHARED: inherited by children
        self._slots = (_Slot * processes).from_buffer(self._memory)
        self._wakes = [os.pipe() for _ in range(processes)]
        for pipe in self._wakes:
            for fd in pipe:
                os.set_blocking(fd, False)

    def wake_fd(self, index: int) -> int:
        """The end process ``index`` reads its wake-ups from."""
        return self._wakes[index][0]

    def wake_others(self, index: int) -> None:
        """Wake every process but ``index`` (a full pipe has a wake-up pending already)."""
        for i, (_, end) in enumerate(self._wakes):
            if i != index:
                with contextlib.suppress(BlockingIOError):
                    os.write(end, b"!")

    def fewest(self, index: int, count: int) -> bool:
        """Record that process ``index`` holds ``count`` connections; whether no live process holds fewer."""
        now = time.monotonic()
        mine = self._slots[index]
        mine.count, mine.seen = count, now
        return not any(
            slot.count < count and now - slot.seen < STALE_S for i, slot in enumerate(self._slots) if i != index
        )


#: A process whose slot is older than this is not waited for (see :class:`ConnectionCounts`): a
#: little more than waitress's loop timeout (1 s), after which even an idle process writes it.
STALE_S = 1.5


def worker_share(total: int, processes: int) -> int:
    """One process's part of ``total`` query workers (at least one)."""
    return max(1, total // max(processes, 1))


# -- the views ---------------------------------------------------------------------------------

#: The folder of the views, inside the store's folder.
VIEWS = ".kg-views"
#: The newest views always kept, and how long an older one is kept after it was made (a query
#: worker may still be opening it).
KEEP_VIEWS = 3
VIEW_GRACE_S = 60.0


def view_path(store: str | os.PathLike[str], generation: int) -> Path:
    """Where the view of generation ``generation`` of the store at ``store`` is."""
    return Path(store) / VIEWS / str(generation)


def publish_view(store: Any, generation: int, *, grace_s: float = VIEW_GRACE_S) -> None:
    """The writer's side: a checkpoint of ``store`` (flushed) as view ``generation``; views older than the
    newest :data:`KEEP_VIEWS` and than ``grace_s`` (a query may still run on one) are deleted."""
    target = view_path(store.path, generation)
    target.parent.mkdir(exist_ok=True)
    if target.exists():  # left by a writer that died before publishing it
        shutil.rmtree(target)
    store.ox.backup(str(target))
    views = sorted((int(p.name), p) for p in target.parent.iterdir() if p.name.isdigit())
    now = time.time()
    for _, old in views[:-KEEP_VIEWS]:
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > grace_s:
                shutil.rmtree(old)


# -- the middleware of a reader ---------------------------------------------------------------


def open_view(path: str | Path, *, union_default_graph: bool, tries: int = 20) -> Any:
    """A read-only :class:`kg.store.embedded.Store` at ``path``, beside the writer.

    The writer's RocksDB may delete files (a compaction after its flush) just as a read-only
    open lists them, which fails with a "Corruption: ... No such file" error: tried again,
    for about 20 s in all, as the query workers do.
    """
    from kg.store.embedded import Store  # noqa: PLC0415  (the web layer's store, only for readers)

    for attempt in range(tries):
        try:
            return Store.open_read_only(path, union_default_graph=union_default_graph, attempts=1)
        except (KGError, OSError, RuntimeError):
            if attempt == tries - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def follow_writes(app: WSGIApp, generation: Generation, reopen: Callable[[int], None]) -> WSGIApp:
    """Before each request, catch the reader's view up with the writer's last published write."""

    def middleware(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if generation.behind():
            defer_inline(environ)  # reopening takes a thread
            generation.follow(reopen)
        return app(environ, start_response)

    return middleware


def may_write(environ: dict, max_body_bytes: int) -> bool:
    """Whether a request may write, so that the writer must answer it.

    Everything but GET, HEAD and OPTIONS may, except ``POST /sparql`` with a query (a
    ``application/sparql-query`` body, or a form without ``update``).  A form is read to
    tell; it stays readable for the app.
    """
    method = environ.get("REQUEST_METHOD", "GET")
    if method in _READS:
        return False
    if method != "POST" or environ.get("PATH_INFO") != "/sparql":
        return True
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if media == "application/sparql-query":
        return False
    if media != "application/x-www-form-urlencoded":
        return True
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    if length > max_body_bytes:
        return True  # the writer refuses it (413) as the app would
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = BytesIO(body)
    return "update" in parse_qs(body.decode("latin-1"), keep_blank_values=True)


def forward_writes(app: WSGIApp, writer_port: int, max_body_bytes: int) -> WSGIApp:
    """Hand every request that may write (:func:`may_write`) to the writer process; answer the rest."""

    def middleware(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not may_write(environ, max_body_bytes):
            return app(environ, start_response)
        headers = {_header_name(k): v for k, v in environ.items() if k.startswith("HTTP_")}
        headers.pop("Connection", None)
        for key, name in (("CONTENT_TYPE", "Content-Type"), ("CONTENT_LENGTH", "Content-Length")):
            if environ.get(key):
                headers[name] = environ[key]
        if "Content-Length" not in headers:
            headers["Content-Length"] = "0"
        conn = http.client.HTTPConnection("127.0.0.1", writer_port, timeout=FORWARD_TIMEOUT_S)
        try:
            conn.request(
                environ["REQUEST_METHOD"],
                environ.get("REQUEST_URI") or _uri(environ),
                body=environ["wsgi.input"],
                headers=headers,
            )
            response = conn.getresponse()
        except OSError as exc:
            conn.close()
            log.warning("cannot reach the writer process: %s", exc)
            message = "the writer process is not answering (it may be restarting); retry in a moment"
            return wsgi_error(environ, start_response, WriterUnavailable(message))
        start_response(
            f"{response.status} {response.reason}",
            [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP],
        )
        return _Relay(conn, response)

    return middleware


def _header_name(key: str) -> str:
    return "-".join(part.capitalize() for part in key[5:].split("_"))


def _uri(environ: dict) -> str:
    query = environ.get("QUERY_STRING")
    return environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")


class _Relay:
    """The writer's answer, passed on in pieces; the connection is closed at the end."""

    def __init__(self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        self._conn = conn
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        while chunk := self._response.read1(65536):
            yield chunk

    def close(self) -> None:
        self._conn.close()


# -- memory -------------------------------------------------------------------------------------

#: glibc's mallopt() parameter for the most malloc arenas.
M_ARENA_MAX = -8


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas in this process and the processes it forks (setting
    ``malloc_arenas``); whether it was done (not with 0, nor off glibc).

    glibc gives each new thread an arena of its own, up to 8 per core, and memory freed in one
    is not handed back to the others: with dozens of threads handling answers of megabytes, a
    server's resident memory creeps up for minutes (``bench/load.py``: 1,256 MB and rising after
    120 s, against a flat 780 MB with 2 arenas).  Called before any thread starts."""
    if arenas <= 0 or not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL(None).mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc
        return False


# -- waitress -----------------------------------------------------------------------------------


class _KeepAliveTask(WSGITask):
    """waitress closes the connection after every answer without a ``Content-Length``, and it never
    sends one with a 304 (which has no body): a revalidating client would pay a new connection for
    each ``304 Not Modified``.  A 304 to an HTTP/1.1 request keeps the connection, as a 200 does."""

    def set_close_on_finish(self) -> None:
        if (
            self.version == "1.1"
            and self.status.startswith("304")
            and not self.wrote_header
            and self.request.headers.get("CONNECTION", "").lower() != "close"
        ):
            return
        super().set_close_on_finish()


class _KeepAliveChannel(HTTPChannel):
    """A channel that keeps connections after a 304 (:class:`_KeepAliveTask`), and whose main loop
    does not poll a running task's small output.

    A waitress task sends its own output as it writes it (``send_bytes`` 1), holding the output lock;
    the main loop only has to send what the socket did not take, or close.  But it calls a channel
    writable as soon as any output is pending, cannot take the lock while the task sends, and so
    ``select`` returns at once, again and again, taking the GIL from the very thread it waits for
    (measured: ~25 useless polls per point lookup under load, and a p99 set by the 5 ms switch
    interval).  Below :data:`OWN_OUTPUT_BYTES` pending, a running task's output is left to the task
    (its next write sends it; at its end the loop is woken and writes the rest); past it, or to
    close, the loop writes as before."""

    task_class = _KeepAliveTask

    def writable(self) -> bool:
        if self.requests and self.total_outbufs_len < OWN_OUTPUT_BYTES:
            return bool(self.will_close or self.close_when_flushed)
        return bool(super().writable())


#: A running task's output the main loop leaves alone (see :class:`_KeepAliveChannel`).
OWN_OUTPUT_BYTES = 1 << 16


class _InlineChannel(_KeepAliveChannel):
    """A channel whose main loop first tries a GET itself (:mod:`kg.web.inline`), and hands it to the
    pool only when the app defers it.

    waitress starts a task from inside ``received`` (under the channel's request lock); the
    dispatcher (:class:`_InlineDispatcher`) only notes it there, and the try happens once the read
    is over.  A plain answer is then sent as waitress's task would send it (:meth:`_send`); any other
    goes through waitress's own ``service``, run on this thread with the answer in hand."""

    reading = False
    pending = False
    deferred = False  # the app deferred an inline try of the request just read (_answer_plain)
    held: Answer | None = None  # or answered it, but not plainly: waitress's task sends that
    prepared: WSGITask | None = None
    current_outbuf_count: int  # waitress's, set in its __init__

    @staticmethod
    def task_class(channel: Any, request: Any) -> WSGITask:  # type: ignore[override]
        task = channel.prepared
        if task is not None and task.request is request:
            channel.prepared = None
            return task
        return _KeepAliveTask(channel, request)

    def received(self, data: bytes) -> bool:
        """A request this loop answered with a 304 at this generation, sent again byte for byte, gets the same
        answer at once (:mod:`kg.web.revalidation`); the bytes of any other that make exactly one request are
        noted on it, for :meth:`_send` to keep if it answers them with a 304."""
        memo: RevalidationMemo | None = self.server.kg_memo
        fresh = memo is not None and self.request is None and not self.requests
        if fresh and memo is not None and not (self.will_close or self.close_when_flushed):
            answer = memo.get(data)
            if answer is not None:
                self._sent(answer)
                return True
            if self._answer_plain(data, memo):
                return True
        taken = bool(super().received(data))
        if fresh and self.request is None and len(self.requests) == 1:
            self.requests[0].kg_bytes = data
        return taken

    def _answer_plain(self, data: bytes, memo: RevalidationMemo) -> bool:
        """Answer ``data`` on this loop without waitress's parser if it is one plain GET (:mod:`kg.web.plain_requests`)
        that the app answers inline with a plain answer (:func:`_response`); else False, and waitress reads it as
        always, and :meth:`_serve_first` neither tries the app again nor loses the answer it gave."""
        environ = plain_environ(data, self) if self.connected else None
        if environ is None:
            return False
        generation = memo.latest()  # before the app: a write during it is seen
        answer = answer_inline(self.server.application, environ)
        if answer is None:
            self.deferred = True
            return False
        response = _response(_PLAIN_REQUEST, answer, self.adj.ident)
        if response is None:
            self.held = answer  # sent through waitress's task once waitress has read the request (_serve_first)
            return False
        memo.put(generation, data, response)
        self._sent(response)
        self.last_activity = time.time()
        return True

    def handle_read(self) -> None:
        self.reading = True
        try:
            super().handle_read()
        finally:
            self.reading = False
        if self.pending:
            self.pending = False
            self._serve_first()

    def _serve_first(self) -> None:
        request = self.requests[0]
        deferred, held, self.deferred, self.held = self.deferred, self.held, False, None
        if request.error is None and request.command == "GET" and self.connected and not deferred:
            memo: RevalidationMemo | None = self.server.kg_memo
            generation = memo.latest() if memo is not None else 0  # before the app: a write during it is seen
            task = _KeepAliveTask(self, request)
            environ = task.get_environment()
            answer = held or answer_inline(self.server.application, environ)
            if answer is not None and self._send(request, answer, memo, generation):
                return
            if answer is not None:
                environ[ANSWER] = answer
                self.prepared = task
                with _serving_on_loop():
                    self.service()
                return
        self.server.task_dispatcher.pool.add_task(self)

    def _send(self, request: Any, answer: Answer, memo: RevalidationMemo | None = None, generation: int = 0) -> bool:
        """Send an inline answer as waitress's task would, byte for byte (but the ``Date``), without the task:
        a fifth of what the loop spends on a small answer.  False, leaving it to the task, for anything but
        a 200 or 304 with plain headers to an HTTP/1.1 request that keeps its connection.  A 304 is kept in
        ``memo`` for the request's bytes (:meth:`received`), if they are known, at ``generation``."""
        response = _response(request, answer, self.adj.ident)
        if response is None:
            return False
        request_bytes = getattr(request, "kg_bytes", None)
        if memo is not None and request_bytes is not None:
            memo.put(generation, request_bytes, response)
        self._sent(response)
        request.close()
        with self.requests_lock:
            self.requests.pop(0)
            if self.connected and self.requests:  # pipelined: the next one, as waitress would
                self.server.add_task(self)
        self.last_activity = time.time()
        return True

    def _sent(self, response: bytes) -> None:
        """Send ``response``: at once when no output waits before it (waitress would queue it, then flush the
        queue with the same ``send``: about 15 µs more a lookup), and queue what the socket does not take, or
        all of it behind output still waiting."""
        with self.outbuf_lock:
            if not self.total_outbufs_len and self.connected:
                # wasyncore's send: 0 if the socket would block or the client has gone (the loop closes it then)
                response = response[self.send(response, do_close=False) :]
        if not response:
            return
        with _serving_on_loop():
            self.write_soon(response)
        # what the end of waitress's HTTPChannel.service does once a task is done (waitress 3.0.2)
        if self.current_outbuf_count > 0:
            self.current_outbuf_count = self.adj.outbuf_high_watermark


#: Response headers an inline answer is not sent with by :func:`_response`: the hop-by-hop ones PEP 3333
#: keeps from a WSGI app (waitress's own list: its task refuses them), and those waitress decides on itself.
_TASK_HEADERS = hop_by_hop | {"date", "server"}
#: Header names as waitress writes them ("ETag" -> "Etag"), for the names answers use.
_WRITTEN: dict[str, str] = {}


def _response(request: Any, answer: Answer, ident: str) -> bytes | None:
    """What waitress's task would send for ``answer`` to ``request`` (a keep-alive HTTP/1.1 GET): the status
    line, the headers in waitress's spelling and order, with ``Content-Length``, ``Server`` and ``Date``, and
    the body (none with a 304); None for any answer it would treat otherwise."""
    status, headers, body = answer
    if request.version != "1.1" or request.expect_continue or request.headers.get("CONNECTION", "").lower() == "close":
        return None
    whole = status.startswith("200 ")
    if not whole and not status.startswith("304 "):
        return None
    lines, length = [], None
    for name, value in headers:
        written = _WRITTEN.get(name)
        if written is None:
            written = "-".join(part.capitalize() for part in name.split("-"))
            if len(_WRITTEN) < 256:
                _WRITTEN[name] = written
        if written == "Content-Length":
            length = value
            if not whole:
                continue  # waitress drops it from an answer without a body
        elif written.lower() in _TASK_HEADERS:
            return None
        lines.append((written, value))
    if whole and length is None:
        lines.append(("Content-Length", str(len(body))))
    elif whole and length != str(len(body)):
        return None
    if ident:
        lines.append(("Server", ident))
    lines.append(("Date", http_date_now()))
    lines.sort(key=_by_name)  # stable: headers of one name keep their order, as waitress keeps them
    text = f"HTTP/1.1 {status}\r\n" + "".join(f"{name}: {value}\r\n" for name, value in lines) + "\r\n"
    if text.count("\n") != len(lines) + 2 or text.count("\r") != len(lines) + 2:
        return None  # a line break inside a status, name or value: waitress's task refuses it
    try:
        return text.encode("latin-1") + (body if whole else b"")
    except UnicodeEncodeError:
        return None


class _PlainRequest:
    """What :func:`_response` reads of a request, for a plain GET (:mod:`kg.web.plain_requests`)."""

    version = "1.1"
    expect_continue = False
    headers: dict[str, str] = {}  # noqa: RUF012  (never written: a plain GET's Connection is keep-alive)


_PLAIN_REQUEST = _PlainRequest()


def _by_name(line: tuple[str, str]) -> str:
    return line[0]


_ON_LOOP = threading.local()


@contextlib.contextmanager
def _serving_on_loop() -> Iterator[None]:
    """While the loop itself serves, waking it from its own thread is a wasted turn (:func:`_wake_from_threads`)."""
    _ON_LOOP.serving = True
    try:
        yield
    finally:
        _ON_LOOP.serving = False


def _wake_from_threads(pull: Callable[..., None]) -> Callable[..., None]:
    """A server's ``pull_trigger`` that does nothing while the loop itself serves (:class:`_InlineChannel`)."""

    def pull_trigger(*args: Any) -> None:
        if not getattr(_ON_LOOP, "serving", False):
            pull(*args)

    return pull_trigger


class _InlineDispatcher:
    """The server's task dispatcher as its channels see it: a task started while the main loop reads
    (:class:`_InlineChannel`) waits for the loop's own try; any other goes to the pool."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    def add_task(self, channel: Any) -> None:
        if getattr(channel, "reading", False):
            channel.pending = True
        else:
            self.pool.add_task(channel)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pool, name)


def _dispatchers(server: Any) -> list[Any]:
    """A waitress server's listening dispatchers: itself (one socket), or those in its map (several), with
    whatever else the map holds (the callers pick)."""
    return [server] if hasattr(server, "channel_class") else list(getattr(server, "map", {}).values())


def balance_accepts(server: Any, listener: socket.socket, counts: ConnectionCounts, index: int) -> None:
    """Make process ``index``'s waitress server (one socket, or several) accept on ``listener``, the socket every
    process shares, only while it holds no more connections than any other (:class:`ConnectionCounts`)."""
    for one in _dispatchers(server):
        if getattr(one, "socket", None) is None or one.socket.fileno() != listener.fileno():
            continue
        _Woken(counts.wake_fd(index), map=one._map)
        plain, accept = one.readable, one.handle_accept
        others = len(one._map)  # the map holds the listeners, the triggers and _Woken now, then each connection

        def readable(plain: Callable[[], bool] = plain, one: Any = one, others: int = others) -> bool:
            accepting = bool(plain())  # always called: it also closes idle connections now and then
            return counts.fewest(index, len(one._map) - others) and accepting

        def handle_accept(accept: Callable[[], None] = accept) -> None:
            accept()
            counts.wake_others(index)

        one.readable, one.handle_accept = readable, handle_accept


class _Woken(wasyncore.file_dispatcher):
    """This process's end of its wake pipe (:class:`ConnectionCounts`): reading it is the whole point, for
    the loop to turn."""

    def handle_read(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(self._fileno, 4096)

    def writable(self) -> bool:
        return False


def adapt_server(server: Any, *, inline: bool, memo: RevalidationMemo | None = None) -> None:
    """Make a waitress server (one socket, or several) keep connections open after a 304, leave a running
    task's small output to it (:class:`_KeepAliveChannel`) and, with ``inline``, answer on its main loop
    what needs no thread (:class:`_InlineChannel`): only for an app that defers what does
    (:mod:`kg.web.inline`), as ``create_app``'s does.  Given the app's ``memo``, the loop also answers
    repeated revalidations from their bytes (:mod:`kg.web.revalidation`)."""
    memo = memo if inline else None
    for one in _dispatchers(server):
        if not hasattr(one, "channel_class"):
            continue
        one.kg_memo = memo
        if not inline:
            one.channel_class = _KeepAliveChannel
        elif one.channel_class is not _InlineChannel:
            one.channel_class = _InlineChannel
            one.application = replaying(one.application)
            one.pull_trigger = _wake_from_threads(one.pull_trigger)
            one.task_dispatcher = _InlineDispatcher(one.task_dispatcher)


# -- the supervisor ---------------------------------------------------------------------------


class _Stop(Exception):
    """SIGINT or SIGTERM reached the supervisor."""


class StartFailed(Exception):
    """A child could not start serving; its message says why."""


def _die_with_parent(parent: int) -> None:
    """Linux: this child gets SIGTERM when the supervisor dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before the prctl
        os._exit(0)


def _child(serve_one: Callable[[Role, Callable[[], None]], None], role: Role, ready_fd: int, parent: int) -> None:
    """The body of a forked HTTP process: never returns."""
    code = 0
    told: list[bool] = []
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _raise_interrupt)
        _die_with_parent(parent)

        def ready() -> None:
            os.write(ready_fd, b"ok")
            os.close(ready_fd)
            told.append(True)

        serve_one(role, ready)
    except KeyboardInterrupt:
        pass
    except BaseException as exc:  # noqa: BLE001  (told to the supervisor, which stops the server)
        code = 1
        if told:
            log.exception("HTTP process %d failed", os.getpid())
        else:
            text = str(exc) if isinstance(exc, KGError) else f"{type(exc).__name__}: {exc}"
            os.write(ready_fd, text.encode()[:4000] or b"failed")
    finally:
        logging.shutdown()
        os._exit(code)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(signum: int, frame: object) -> None:
    raise _Stop


class Supervisor:
    """Forks and watches the HTTP processes; :meth:`run` returns when they have all stopped."""

    def __init__(
        self,
        serve_one: Callable[[Role, Callable[[], None]], None],
        processes: int,
        listener: socket.socket,
        views: Path | None = None,
    ) -> None:
        """``serve_one(role, ready)`` opens the app for ``role``, calls ``ready()`` once it listens, and serves
        until interrupted (KeyboardInterrupt); ``listener``: the bound, listening socket every process accepts on."""
        self._serve_one = serve_one
        self.processes = processes
        self._listener = listener
        self._views = views  # removed before the first process starts and after the last one ended
        self._writer_listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.writer_port = self._writer_listener.getsockname()[1]
        self.shared = SharedGeneration()
        self.connections = ConnectionCounts(processes)
        self.children: dict[int, int] = {}  # pid -> index (0: the writer)
        self._restarts: list[float] = []

    def _fork(self, index: int) -> int:
        """Start child ``index``; its pid once it listens, or StartFailed with its error."""
        sockets = (self._listener, self._writer_listener) if index == 0 else (self._listener,)
        role = Role(
            writer=index == 0,
            shared=self.shared,
            writer_port=self.writer_port,
            processes=self.processes,
            sockets=sockets,
            index=index,
            connections=self.connections,
        )
        read_fd, write_fd = os.pipe()
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(self._serve_one, role, write_fd, parent)
        os.close(write_fd)
        self.children[pid] = index
        try:
            with os.fdopen(read_fd, "rb") as ready:
                message = ready.read(4096)  # "ok" (then EOF), or the error, or EOF if it died
        except _Stop:
            raise
        if message != b"ok":
            raise StartFailed(message.decode(errors="replace") or f"HTTP process {index} ended while starting")
        return pid

    def run(self, listening: Callable[[], None] | None = None) -> None:
        """Start the writer, then the readers (then call ``listening``); restart any that dies; stop all on
        SIGINT or SIGTERM."""
        previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        if self._views is not None:
            shutil.rmtree(self._views, ignore_errors=True)
        try:
            for index in range(self.processes):
                self._fork(index)
            log.debug(  # `kg serve` logs one "serving ... (N HTTP processes)" line at INFO
                "%d HTTP processes: pids %s (the first is the writer)",
                self.processes,
                " ".join(map(str, self.children)),
            )
            if listening is not None:
                listening()
            while self.children:
                pid, status = os.wait()
                if pid in self.children:
                    self._restart(self.children.pop(pid), pid, status)
        except _Stop:
            pass
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._writer_listener.close()
            if self._views is not None:
                shutil.rmtree(self._views, ignore_errors=True)

    def _restart(self, index: int, pid: int, status: int) -> None:
        now = time.monotonic()
        self._restarts = [t for t in self._restarts if now - t < 60] + [now]
        what = "the writer" if index == 0 else f"reader {index}"
        if len(self._restarts) > MAX_RESTARTS:
            raise StartFailed(f"HTTP processes died {len(self._restarts)} times within a minute; stopping")
        log.warning("HTTP process %d (%s) ended (%s); starting another", pid, what, _exit_text(status))
        self._fork(index)

    def stop(self) -> None:
        """SIGTERM every child, then SIGKILL those still there after :data:`STOP_S`; reap them all."""
        for pid in self.children:
            _signal(pid, signal.SIGTERM)
        until = time.monotonic() + STOP_S
        while self.children and time.monotonic() < until:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                select.select([], [], [], 0.05)
            else:
                self.children.pop(pid, 0)
        for pid in list(self.children):
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self.children.clear()


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
