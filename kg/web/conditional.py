"""Conditional requests and a result cache, both keyed by the store's generation.

The graph changes only when something writes to it, and every write the server makes goes
through :meth:`Generation.bump` (``server._after_write``).  So a GET answer is a function of
the generation and of the request's representation (path, query string, ``Accept``,
``Accept-Encoding``, ``Accept-Language``, ``Origin``): that pair is its identity.

* Every ``200`` GET answer whose whole body was known before sending (it has a
  ``Content-Length``: small results, pages, service descriptions) carries a strong ``ETag``
  (a hash of the server's boot token, the generation and the request key), ``Last-Modified``
  (the last write, or the server start) and ``Cache-Control`` (setting ``cache_control``).
  A streamed answer gets neither: a deadline can still cut its body, and a validator must
  never vouch for a cut body.
* ``If-None-Match`` with that ETag is a ``304`` at once: no query runs.  ``If-Modified-Since``
  (when no ``If-None-Match`` is sent) is honoured for answers in the cache (only they are
  known to be ``200``s).
* A query sent by ``POST /sparql`` (a form without ``update``, or an ``application/sparql-query``
  body; no ``Authorization``) is a read like a GET: its answer is kept and replayed the same
  way, keyed by its body too, without validators (a POST is not revalidated).
* Those same answers, and streamed ones that ended without error, are kept in a bounded LRU
  cache (setting ``result_cache_mb``; one answer at most a quarter of it, so that a whole
  named-query page of several MB is kept) and replayed byte for byte, with a ``Content-Length``
  and validators; a write makes every older entry unreachable at once (the key holds
  the generation).  A truncated result (``X-KG-Truncated``) is never kept, nor one whose
  generation changed while it was computed.
* Single flight: identical GETs and query POSTs that miss the cache while one of them runs wait
  for that run and replay its answer byte for byte (``shared`` in ``/status``), also one that is
  not kept (a truncated result, an error such as a deadline), instead of each running the same
  query (:func:`_join`).  A waiting request holds no place in the query workers' queues; if the
  run's own client leaves, one of those waiting runs next.

It is WSGI middleware, outside Flask, so the point-lookup fast path is covered too.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import io
import math
import mmap
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from email.utils import formatdate, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs

from kg.errors import ServerBusy

from .errors import wsgi_error
from .inline import ANSWERED, INLINE
from .revalidation import RevalidationMemo
from .runner import BODY_COMPLETE

Headers = list[tuple[str, str]]
_CACHED_METHODS = ("GET", "HEAD")
#: The request headers an answer may vary by (Vary: Accept, Accept-Encoding; CORS by Origin).
_VARY_ON = ("HTTP_ACCEPT", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE", "HTTP_ORIGIN")  # as _request_key reads them
_sha256 = hashlib.sha256
_SKIPPED = {"etag", "last-modified", "cache-control", "date", "server", "content-length"}  # set on replay


class _Cell(ctypes.Structure):
    _fields_ = [("value", ctypes.c_int64), ("modified", ctypes.c_double), ("boot", ctypes.c_char * 17)]


class SharedGeneration:
    """The generation in memory shared by every HTTP process of one server (:mod:`kg.web.serving`).

    Made before the processes fork (an anonymous shared mapping), so every child sees the one
    counter: the writer publishes each write here, the readers follow it.  Aligned 8-byte
    fields, one writer: a reader reads a whole value.
    """

    def __init__(self) -> None:
        self._memory = mmap.mmap(-1, ctypes.sizeof(_Cell))  # MAP_SHARED: inherited by forked children
        self._cell = _Cell.from_buffer(self._memory)
        self._cell.boot = secrets.token_hex(8).encode()
        self._cell.modified = float(int(time.time()))

    @property
    def boot(self) -> str:
        return self._cell.boot.decode()

    @property
    def value(self) -> int:
        return int(self._cell.value)

    @property
    def modified(self) -> float:
        return float(self._cell.modified)

    def publish(self, value: int, modified: float) -> None:
        """The writer's side: the time first, then the value a reader compares."""
        self._cell.modified = modified
        self._cell.value = value


class Generation:
    """The store's write counter as this process sees it, with the time of the last write.

    With ``shared`` (several HTTP processes), the writer's :meth:`bump` publishes there and a
    reader's :meth:`follow` catches its own view up with it: its ``value`` is the generation of
    the store view it reads, never newer, so no answer is cached or validated under a
    generation its data predates.
    """

    def __init__(self, shared: SharedGeneration | None = None) -> None:
        self._shared = shared
        # a restart (the store may have changed offline) changes every ETag
        self.boot = shared.boot if shared is not None else secrets.token_hex(8)
        self.value = shared.value if shared is not None else 0
        self.modified = shared.modified if shared is not None else float(int(time.time()))
        self._lock = threading.Lock()

    def bump(self, prepare: Callable[[int], None] | None = None) -> None:
        """Call after every write, before its response is sent; ``prepare(value)`` runs before the new
        value is published (the writer makes the readers' view of it there)."""
        with self._lock:
            value = (self._shared.value if self._shared is not None else self.value) + 1
            # HTTP dates have whole seconds: rounded up, so that an If-Modified-Since of the
            # second the write happened in is older than the write
            modified = float(math.ceil(time.time()))
            if prepare is not None:
                prepare(value)
            if self._shared is not None:
                self._shared.publish(value, modified)
            self.value, self.modified = value, modified

    def latest(self) -> int:
        """The newest generation written: the shared one, with several HTTP processes (this view may be behind it)."""
        return self._shared.value if self._shared is not None else self.value

    def behind(self) -> bool:
        """Whether the shared generation has moved past this process's view (never, unshared)."""
        return self._shared is not None and self._shared.value != self.value

    def follow(self, reopen: Callable[[int], None]) -> None:
        """Catch up with the shared generation: ``reopen(value)`` the store view, then take its value."""
        if self._shared is None:
            return
        with self._lock:
            value, modified = self._shared.value, self._shared.modified  # read before the view opens
            if value == self.value:
                return
            reopen(value)
            self.value, self.modified = value, modified


def _unversioned(key: str) -> str:
    """A flight's key without its generation (``GEN:KEY``)."""
    return key.partition(":")[2]


class Flight:
    """One run of a request that identical requests missing the cache meanwhile wait for (single flight).

    When it ends, exactly one of: ``answer`` (the run's whole answer: those waiting replay it),
    ``again`` (the run gave no answer to share because of its own client, which left, or a
    moment's refusal such as a 503 with ``Retry-After``: one of those waiting runs next, the
    others wait for that), or neither (an answer not to be shared, e.g. too large: each of
    those waiting runs on its own, as without single flight).
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.ended = threading.Event()
        self.answer: tuple[str, Headers, bytes] | None = None
        self.cacheable = False  # the answer was kept in the cache (it may carry validators)
        self.again = False


#: A request of ``/sparql`` may wait for the run of a query whose last run (in this process) was long
#: only while fewer than this many requests of ``/sparql`` wait for runs (as many as ``query_queue``'s
#: default lets wait for a query worker); else it is a 503 with ``Retry-After`` at once, as a full queue
#: answers.  Each waiting request holds a server thread: a flood of one heavy query (its text is
#: anyone's) keeps threads free for other requests, as a flood of distinct ones does.  Waiting for
#: any other run (a query not seen yet, or quick so far; the pages' own queries) has no bound but
#: :func:`waiting_bound` (most of the server's threads): clients that all ask for the same few queries at
#: once are all answered.
MAX_SPARQL_FOLLOWERS = 8
#: A run this long whose answer was not kept (a kept one is not run again), or one refused with a 503
#: (deadline, memory), marks its query long (see above).
LONG_RUN_S = 2.0
#: How many long queries are remembered (the most recent).
LONG_RUNS_KEPT = 1024


def waiting_bound(threads: int) -> int:
    """How many requests may wait for identical runs at once in a server of ``threads`` threads:
    each holds one, and a quarter of them (at least two) stay for every other request, so no flood
    of one query, heavy or not yet known to be, can take every thread while its first run lasts."""
    return max(1, threads - max(2, threads // 4))


class ResultCache:
    """A byte-bounded LRU of whole answers: key -> (status, headers, body); and the runs under way."""

    def __init__(self, max_bytes: int, max_followers: int = MAX_SPARQL_FOLLOWERS, max_waiting: int = 0) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 4  # the largest answer kept
        self.max_followers = max_followers
        self.max_waiting = max_waiting  # 0: no bound but the server's threads (see waiting_bound)
        self.bytes = 0
        self.hits = self.misses = 0
        self.shared = 0  # misses answered by another request's run of the same key
        self._entries: OrderedDict[str, tuple[str, Headers, bytes]] = OrderedDict()
        self._flights: dict[str, Flight] = {}
        self._waiting = 0  # requests waiting for a flight now
        self._bounded = 0  # of which requests of /sparql
        self._long: OrderedDict[str, None] = OrderedDict()  # request keys (without generation) of long runs
        self._lock = threading.Lock()

    def join(self, key: str, bounded: bool = False) -> tuple[Flight, bool] | None:
        """``(flight, True)``: the caller is the first to miss ``key`` and runs it (then :meth:`land`);
        ``(flight, False)``: a run is under way, wait for ``flight.ended`` (then :meth:`unfollow`);
        None: the caller is ``bounded`` (a request of ``/sparql``), ``key``'s last run was long and
        :attr:`max_followers` such callers wait already (:data:`MAX_SPARQL_FOLLOWERS`)."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is None:
                flight = self._flights[key] = Flight()
                return flight, True
            if self.max_waiting and self._waiting >= self.max_waiting:
                return None  # the threads left are for other requests
            if bounded:
                if self._bounded >= self.max_followers and _unversioned(key) in self._long:
                    return None
                self._bounded += 1
            self._waiting += 1
            return flight, False

    def unfollow(self, bounded: bool) -> None:
        """A request stopped waiting for a flight."""
        with self._lock:
            self._waiting -= 1
            if bounded:
                self._bounded -= 1

    def land(
        self,
        key: str,
        flight: Flight,
        answer: tuple[str, Headers, bytes] | None = None,
        *,
        cacheable: bool = False,
        again: bool = False,
        status: str = "",
    ) -> None:
        """The run of ``key`` ended (only its first landing counts; ``status``: its answer's, when not
        ``answer``): wake those waiting for it, and note whether it was long."""
        with self._lock:
            if flight.ended.is_set():
                return
            if self._flights.get(key) is flight:
                del self._flights[key]
            if not again:  # the run ended on its own (not its client leaving, not a busy queue): was it long?
                self._note_length(key, flight, answer[0] if answer is not None else status, cacheable)
            flight.answer, flight.cacheable, flight.again = answer, cacheable, again and answer is None
            flight.ended.set()

    def _note_length(self, key: str, flight: Flight, status: str, cacheable: bool) -> None:
        """Remember ``key`` as long (under the lock) if its run was refused with a 503 (a deadline, the memory
        limit) or took :data:`LONG_RUN_S` and more without being kept; forget it if not."""
        request = _unversioned(key)
        if status.startswith("503") or (time.monotonic() - flight.started >= LONG_RUN_S and not cacheable):
            self._long[request] = None
            self._long.move_to_end(request)
            while len(self._long) > LONG_RUNS_KEPT:
                self._long.popitem(last=False)
        else:
            self._long.pop(request, None)

    def note_shared(self) -> None:
        with self._lock:
            self.shared += 1

    def get(self, key: str, count: bool = True) -> tuple[str, Headers, bytes] | None:
        """The answer kept for ``key``, counted as a hit or a miss (unless not ``count``: see :meth:`counted`)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            if count:
                self._count_locked(entry is not None)
            return entry

    def counted(self, hit: bool) -> Callable[[], None]:
        """Counts a hit (or a miss) when called: an inline try's, once its answer is taken (kg.web.inline)."""
        return lambda: self._count(hit)

    def _count(self, hit: bool) -> None:
        with self._lock:
            self._count_locked(hit)

    def _count_locked(self, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def put(self, key: str, status: str, headers: Headers, body: bytes) -> bool:
        """Keep an answer; whether it was kept."""
        if len(body) > self.max_entry:  # one answer never takes more than a quarter
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= len(old[2])
            self._entries[key] = (status, headers, body)
            self.bytes += len(body)
            while self.bytes > self.max_bytes and self._entries:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self.bytes -= len(dropped)
        return True

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {
                "hits": self.hits,
                "misses": self.misses,
                "bytes": self.bytes,
                "entries": len(self._entries),
                "shared": self.shared,
                "waiting": self._waiting,
            }


def _request_key(environ: dict[str, Any]) -> str:
    """The request's representation (path, query string, and the headers in :data:`_VARY_ON`) as a hash.

    On every GET: the headers are named one by one (a generator over :data:`_VARY_ON` costs more than
    the hash)."""
    get = environ.get
    text = "\x00".join(
        (
            get("PATH_INFO", ""),
            get("QUERY_STRING", ""),
            get("HTTP_ACCEPT", ""),
            get("HTTP_ACCEPT_ENCODING", ""),
            get("HTTP_ACCEPT_LANGUAGE", ""),
            get("HTTP_ORIGIN", ""),
        )
    )
    return _sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def _etag(generation: Generation, gen: int, key: str) -> str:
    """The strong ETag of the answer to request ``key`` at generation ``gen`` of this server's boot."""
    return '"' + _sha256(f"{generation.boot}:{gen}:{key}".encode()).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether the header lists ``etag`` (weak comparison, as RFC 9110 asks for If-None-Match;
    ``*`` is not honoured: without running the request, whether it would succeed is unknown)."""
    if etag not in if_none_match:  # the common miss, without splitting the header
        return False
    return etag in [t.strip().removeprefix("W/") for t in if_none_match.split(",")]


def _not_modified_since(value: str, modified: float) -> bool:
    try:
        return modified <= parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an unreadable date is ignored, as RFC 9110 says


def conditional(app: Callable, generation: Generation, cache: ResultCache | None, cache_control: str) -> Callable:
    """WSGI middleware answering conditional GETs with 304 and repeated ones from ``cache``."""

    def middleware(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in _CACHED_METHODS:
            if cache is not None and method == "POST":
                post_key = _post_query_key(environ)
                if post_key is not None:
                    # a query sent by POST: kept like a GET's answer, without validators (a POST is not revalidated)
                    gen = generation.value
                    cached = cache.get(f"{gen}:{post_key}")
                    if cached is not None:
                        start_response(cached[0], cached[1])
                        return _replayed(environ, cached[2])
                    return _miss(app, environ, start_response, generation, cache, gen, post_key, None)
            return app(environ, start_response)
        gen, modified = generation.value, generation.modified
        key = _request_key(environ)
        etag = _etag(generation, gen, key)
        validators = [
            ("ETag", etag),
            ("Last-Modified", _http_date(modified)),
            ("Cache-Control", cache_control),
        ]
        inm = environ.get("HTTP_IF_NONE_MATCH")
        if inm is not None and _matches(inm, etag):
            # The ETag is only ever sent on a cacheable answer to this request at this generation.
            start_response("304 Not Modified", [*validators, ("Vary", "Accept")])
            return [b""]
        cached = None
        if cache is not None:
            # an inline try's hit or miss counts once it answers (kg.web.inline); deferred, its thread's run counts
            inline = bool(environ.get(INLINE))
            cached = cache.get(f"{gen}:{key}", count=not inline)
            if inline:
                environ.setdefault(ANSWERED, []).append(cache.counted(cached is not None))
        if cached is not None:
            status, headers, body = cached
            ims = environ.get("HTTP_IF_MODIFIED_SINCE")
            if inm is None and ims is not None and _not_modified_since(ims, modified):
                start_response("304 Not Modified", [*validators, ("Vary", _vary(headers))])
                return [b""]
            start_response(status, [*headers, *validators])
            return [b""] if method == "HEAD" else _replayed(environ, body)
        if cache is None or method == "HEAD":
            return app(environ, _validating(start_response, validators))
        return _miss(app, environ, start_response, generation, cache, gen, key, validators)

    return middleware


@functools.lru_cache(maxsize=8)
def _http_date(when: float) -> str:
    """An HTTP date (``Last-Modified``); one per store generation, so made once for all its requests."""
    return formatdate(when, usegmt=True)


def _validating(start_response: Callable, validators: Headers) -> Callable:
    """``start_response`` adding ``validators`` to a cacheable answer whose whole body is known."""

    def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable:
        known = any(k.lower() == "content-length" for k, _ in headers)
        extra = validators if known and _cacheable(status, headers) else []  # never vouch for a body still to come
        return start_response(status, [*headers, *extra], exc_info)

    return capture


#: The largest POST body whose query answer is kept (a form or a ``application/sparql-query`` body).
MAX_POST_KEY_BYTES = 1 << 20
_QUERY_BODIES = ("application/x-www-form-urlencoded", "application/sparql-query")


def _post_query_key(environ: dict[str, Any]) -> str | None:
    """The cache key of a ``POST /sparql`` that is a query (never an update, never one with credentials),
    or None.  The body is read, and left readable for the app."""
    if environ.get("PATH_INFO") != "/sparql" or environ.get("HTTP_AUTHORIZATION"):
        return None
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        return None
    if media not in _QUERY_BODIES or not 0 <= length <= MAX_POST_KEY_BYTES:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    if media != "application/sparql-query" and "update" in parse_qs(body.decode("latin-1"), keep_blank_values=True):
        return None
    digest = hashlib.sha256(_request_key(environ).encode() + b"\x00" + media.encode() + b"\x00" + body)
    return "POST:" + digest.hexdigest()[:40]


def _miss(
    app: Callable,
    environ: dict[str, Any],
    start_response: Callable,
    generation: Generation,
    cache: ResultCache,
    gen: int,
    key: str,
    validators: Headers | None,
) -> Iterable[bytes]:
    """A GET (``validators``) or a query sent by POST (None) that missed the cache: the answer of an
    identical run under way if there is one (single flight), else run, kept and shared with those
    that wait for it."""
    full = f"{gen}:{key}"
    # an inline try (kg.web.inline) never waits: it runs alone, or defers before answering
    joined = _join(cache, full, environ) if _flies(environ) and not environ.get(INLINE) else _Joined()
    if joined.gone:
        start_response("499 Client Closed Request", [("Content-Length", "0")])
        return [b""]
    if joined.busy:
        return _busy(environ, start_response)
    if joined.answer is not None:
        status, headers, body = joined.answer
        start_response(status, [*headers, *(validators or [] if joined.cacheable else [])])
        return _replayed(environ, body)
    flight = joined.lead
    captured: dict[str, Any] = {}

    def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable:
        keep = _cacheable(status, headers)
        share = flight is not None and _shareable(status, headers)
        length = next((int(v) for k, v in headers if k.lower() == "content-length"), None)
        captured.update(status=status, headers=headers, keep=keep or share, cache=keep, share=share, length=length)
        if flight is not None and not share:  # those waiting need not wait for the body
            cache.land(full, flight, again=_transient(status, headers), status=status)
        extra = validators if validators is not None and keep and length is not None else []
        return start_response(status, [*headers, *extra], exc_info)

    def done(data: bytes) -> None:
        kept = captured["cache"] and _store(cache, generation, gen, key, captured, data)
        if flight is not None and captured["share"] and captured["length"] in (None, len(data)):
            cache.land(full, flight, (captured["status"], _replay_headers(captured, data), data), cacheable=kept)

    def finish() -> None:
        if flight is not None:  # no whole answer to share (the client left, the body broke off, ...)
            cache.land(full, flight, again=True)

    return _Recorder(
        _run(app, environ, capture, cache, full, flight),
        captured,
        cache.max_entry,
        done,
        lambda: bool(environ.get(BODY_COMPLETE)),
        finish,
        (lambda: cache.land(full, flight)) if flight is not None else None,
    )


#: A replayed body this large goes to the server as a file (``wsgi.file_wrapper``): waitress then sends it
#: from memory block by block, where it copies a larger ``bytes`` body to a temporary file on disk first.
FILE_BODY_BYTES = 1 << 20


def _replayed(environ: dict[str, Any], body: bytes) -> Iterable[bytes]:
    """A kept body as the WSGI answer (the same bytes either way)."""
    wrapper = environ.get("wsgi.file_wrapper")
    if wrapper is None or len(body) < FILE_BODY_BYTES:
        return [body]
    return wrapper(io.BytesIO(body), 1 << 16)  # BytesIO shares the bytes until written to


def _busy(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
    """The 503 of a request that finds too many waiting for the same run, as a full query queue answers."""
    return wsgi_error(
        environ, start_response, ServerBusy("too many requests wait for identical runs already; retry in a moment")
    )


#: How long a request waits for identical runs under way (one after another) before running itself.
FLIGHT_WAIT_S = 60.0
#: How often a request waiting for another's run checks that its own client is still there.
FLIGHT_CHECK_S = 0.2


def _flies(environ: dict[str, Any]) -> bool:
    """Requests that wait for an identical run under way: GETs and queries sent by POST, not HEAD, and
    none with credentials (their answer may be the client's own)."""
    return environ.get("REQUEST_METHOD") in ("GET", "POST") and not environ.get("HTTP_AUTHORIZATION")


class _Joined:
    """What :func:`_join` found: a flight to lead, an answer to replay, a client gone, too many waiting
    already (busy), or nothing (run alone)."""

    def __init__(
        self,
        lead: Flight | None = None,
        answer: tuple[str, Headers, bytes] | None = None,
        cacheable: bool = False,
        gone: bool = False,
        busy: bool = False,
    ) -> None:
        self.lead, self.answer, self.cacheable, self.gone, self.busy = lead, answer, cacheable, gone, busy


def _join(cache: ResultCache, key: str, environ: dict[str, Any]) -> _Joined:
    """After a miss: lead the run of ``key``, or wait for the run under way and take its answer.

    Identical requests that miss at once (many clients asking for the same page or query after a
    write, or at start) then cost one run, not one each, and do not fill the query workers'
    queues.  A waiting request holds no place in those queues: the distinct queries there are
    still bounded by ``query_queue`` (503 with ``Retry-After`` beyond), and those of ``/sparql``
    waiting for the run of a query known to be long by :data:`MAX_SPARQL_FOLLOWERS` (503 with
    ``Retry-After`` beyond).  One whose
    client leaves stops waiting at once.  When the run under way ends without an answer to share
    because its own client left (or it was refused for the moment), one of those waiting runs
    next and the others wait for it: nobody gets an error because another client went away.
    """
    bounded = environ.get("PATH_INFO") == "/sparql"
    gone = environ.get("waitress.client_disconnected")
    until = time.monotonic() + FLIGHT_WAIT_S
    while True:
        joined = cache.join(key, bounded)
        if joined is None:
            return _Joined(busy=True)
        flight, lead = joined
        if lead:
            return _Joined(lead=flight)
        try:
            while not flight.ended.wait(FLIGHT_CHECK_S):
                if gone is not None and gone():
                    return _Joined(gone=True)
                if time.monotonic() >= until:
                    return _Joined()
        finally:
            cache.unfollow(bounded)
        if flight.answer is not None:
            cache.note_shared()
            return _Joined(answer=flight.answer, cacheable=flight.cacheable)
        if not flight.again:
            return _Joined()


def _run(
    app: Callable,
    environ: dict[str, Any],
    start_response: Callable,
    cache: ResultCache,
    key: str,
    flight: Flight | None,
) -> Iterable[bytes]:
    """``app``'s answer; a run that others wait for lands at once if it fails before answering."""
    try:
        return app(environ, start_response)
    except BaseException:
        if flight is not None:
            cache.land(key, flight, again=True)
        raise


def _vary(headers: Headers) -> str:
    return next((v for k, v in headers if k.lower() == "vary"), "Accept")


def _cacheable(status: str, headers: Headers) -> bool:
    names = {k.lower() for k, _ in headers}
    # an answer that says how to cache itself (static files, /status) is left as it is
    return status.startswith("200") and not names & {"etag", "cache-control", "x-kg-truncated", "set-cookie"}


def _shareable(status: str, headers: Headers) -> bool:
    """Whether an answer is the request's own, for identical requests made meanwhile to replay: any
    status (a truncated result, a syntax error, a deadline), but not one that says how to cache
    itself, a 304, nor a refusal of the moment (:func:`_transient`)."""
    names = {k.lower() for k, _ in headers}
    return (
        not status.startswith("304")
        and not names & {"etag", "cache-control", "set-cookie"}
        and not _transient(status, headers)
    )


def _transient(status: str, headers: Headers) -> bool:
    """A refusal that says nothing of the request: its client left (499), or retry later (``Retry-After``)."""
    return status.startswith("499") or any(k.lower() == "retry-after" for k, _ in headers)


def _replay_headers(captured: dict, data: bytes) -> Headers:
    headers = [(k, v) for k, v in captured["headers"] if k.lower() not in _SKIPPED]
    headers.append(("Content-Length", str(len(data))))
    return headers


def _store(cache: ResultCache, generation: Generation, gen: int, key: str, captured: dict, data: bytes) -> bool:
    """Keep an answer; whether it was kept."""
    if generation.value != gen:
        return False  # a write happened meanwhile: this answer may predate it
    if captured["length"] not in (None, len(data)):
        return False  # more than announced: never replay such a body
    return cache.put(f"{gen}:{key}", captured["status"], _replay_headers(captured, data), data)


class _Recorder:
    """Passes the body through and hands a whole one to ``done``: with a ``Content-Length``, once
    that many bytes have gone by and before the last of them is sent (so the next request finds
    it); streamed, at its end if ``complete()`` says it ended without error.  A body past
    ``limit`` bytes is not kept (``too_large`` is called).  ``finish`` runs when the response is
    closed."""

    def __init__(
        self,
        body: Iterable[bytes],
        captured: dict,
        limit: int,
        done: Callable[[bytes], None],
        complete: Callable[[], bool],
        finish: Callable[[], None] | None = None,
        too_large: Callable[[], None] | None = None,
    ) -> None:
        self._finish = finish
        self._too_large = too_large
        self._body = body
        self._captured = captured
        self._limit = limit
        self._done = done
        self._complete = complete

    def __iter__(self) -> Iterator[bytes]:
        parts: list[bytes] = []
        size = 0
        captured = self._captured
        for chunk in self._body:
            if captured.get("keep"):
                parts.append(chunk)
                size += len(chunk)
                if size > self._limit:
                    captured["keep"], parts = False, []
                    if self._too_large is not None:
                        self._too_large()
                elif captured["length"] is not None and size >= captured["length"]:
                    self._done(b"".join(parts))
                    captured["keep"] = False
            yield chunk
        if captured.get("keep") and captured["length"] is None and self._complete():
            self._done(b"".join(parts))

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            if self._finish is not None:
                self._finish()


def status_blueprint(generation: Generation, cache: ResultCache | None, memo: RevalidationMemo | None = None):
    """``GET /status``: the store generation, its last write, the result cache's and the revalidation memo's
    counters (JSON), and the process that answered (with several HTTP processes, each has its own of both)."""
    from flask import Blueprint, jsonify

    bp = Blueprint("status", __name__)

    @bp.get("/status")
    def status():
        response = jsonify(
            generation=generation.value,
            last_modified=_http_date(generation.modified),
            result_cache=cache.stats() if cache is not None else None,
            revalidation_memo=memo.stats() if memo is not None else None,
            process=os.getpid(),
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    return bp
