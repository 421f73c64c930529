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

It is WSGI middleware, outside Flask, so the point-lookup fast path is covered too.
"""

from __future__ import annotations

import ctypes
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

from .runner import BODY_COMPLETE

Headers = list[tuple[str, str]]
_CACHED_METHODS = ("GET", "HEAD")
#: The request headers an answer may vary by (Vary: Accept, Accept-Encoding; CORS by Origin).
_VARY_ON = ("HTTP_ACCEPT", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE", "HTTP_ORIGIN")
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


class ResultCache:
    """A byte-bounded LRU of whole answers: key -> (status, headers, body)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 4  # the largest answer kept
        self.bytes = 0
        self.hits = self.misses = 0
        self.shared = 0  # misses answered by another request's run of the same key
        self._entries: OrderedDict[str, tuple[str, Headers, bytes]] = OrderedDict()
        self._flights: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def join(self, key: str) -> threading.Event | None:
        """None: the caller is the first to miss ``key`` and runs it (then :meth:`land`); else the
        event that the run under way sets when it ends."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is None:
                self._flights[key] = threading.Event()
            return flight

    def land(self, key: str) -> None:
        """The run of ``key`` ended (kept in the cache or not): wake those waiting for it."""
        with self._lock:
            flight = self._flights.pop(key, None)
        if flight is not None:
            flight.set()

    def note_shared(self) -> None:
        with self._lock:
            self.shared += 1

    def get(self, key: str) -> tuple[str, Headers, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, status: str, headers: Headers, body: bytes) -> None:
        if len(body) > self.max_entry:  # one answer never takes more than a quarter
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= len(old[2])
            self._entries[key] = (status, headers, body)
            self.bytes += len(body)
            while self.bytes > self.max_bytes and self._entries:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self.bytes -= len(dropped)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {
                "hits": self.hits,
                "misses": self.misses,
                "bytes": self.bytes,
                "entries": len(self._entries),
                "shared": self.shared,
            }


def _request_key(environ: dict[str, Any]) -> str:
    parts = (
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        *(environ.get(name, "") for name in _VARY_ON),
    )
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:40]


def _etag(generation: Generation, gen: int, key: str) -> str:
    return '"' + hashlib.sha256(f"{generation.boot}:{gen}:{key}".encode()).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether the header lists ``etag`` (weak comparison, as RFC 9110 asks for If-None-Match;
    ``*`` is not honoured: without running the request, whether it would succeed is unknown)."""
    return etag in [t.strip().removeprefix("W/") for t in if_none_match.split(",")]


def _not_modified_since(value: str, modified: float) -> bool:
    try:
        return modified <= parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an unreadable date is ignored, as RFC 9110 says


def conditional(app: Callable, generation: Generation, cache: ResultCache | None, cache_control: str) -> Callable:
    """WSGI middleware answering conditional GETs with 304 and repeated ones from ``cache``."""

    def middleware(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in _CACHED_METHODS:
            if cache is not None and environ.get("REQUEST_METHOD") == "POST":
                post_key = _post_query_key(environ)
                if post_key is not None:
                    return _post_query(app, environ, start_response, generation, cache, post_key)
            return app(environ, start_response)
        gen, modified = generation.value, generation.modified
        key = _request_key(environ)
        etag = _etag(generation, gen, key)
        validators = [
            ("ETag", etag),
            ("Last-Modified", formatdate(modified, usegmt=True)),
            ("Cache-Control", cache_control),
        ]
        inm = environ.get("HTTP_IF_NONE_MATCH")
        if inm is not None and _matches(inm, etag):
            # The ETag is only ever sent on a cacheable answer to this request at this generation.
            start_response("304 Not Modified", [*validators, ("Vary", "Accept")])
            return [b""]
        cached = cache.get(f"{gen}:{key}") if cache is not None else None
        lead = False
        if cached is None and cache is not None and environ["REQUEST_METHOD"] == "GET" and _pages(environ):
            lead, cached = _join(cache, f"{gen}:{key}", environ)
        if cached is not None:
            status, headers, body = cached
            ims = environ.get("HTTP_IF_MODIFIED_SINCE")
            if inm is None and ims is not None and _not_modified_since(ims, modified):
                start_response("304 Not Modified", [*validators, ("Vary", _vary(headers))])
                return [b""]
            start_response(status, [*headers, *validators])
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

        captured: dict[str, Any] = {}

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable:
            keep = _cacheable(status, headers)
            length = next((int(v) for k, v in headers if k.lower() == "content-length"), None)
            captured.update(status=status, headers=headers, keep=keep, length=length)
            extra = validators if keep and length is not None else []  # never vouch for a body still to come
            return start_response(status, [*headers, *extra], exc_info)

        answer = _run(app, environ, capture, cache, f"{gen}:{key}" if lead else None)
        if cache is None or environ["REQUEST_METHOD"] == "HEAD":
            return answer
        limit = cache.max_entry
        return _Recorder(
            answer,
            captured,
            limit,
            lambda data: _store(cache, generation, gen, key, captured, data),
            lambda: bool(environ.get(BODY_COMPLETE)),
            (lambda: cache.land(f"{gen}:{key}")) if lead else None,
        )

    return middleware


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


def _post_query(
    app: Callable,
    environ: dict[str, Any],
    start_response: Callable,
    generation: Generation,
    cache: ResultCache,
    key: str,
) -> Iterable[bytes]:
    """A query sent by POST: from the cache when its answer is there, else run and kept like a GET's
    (no validators: a POST is not revalidated)."""
    gen = generation.value
    cached = cache.get(f"{gen}:{key}")
    lead = False
    # no waiting for an identical run here: a query waits in the query workers' queue (see _pages)
    if cached is not None:
        status, headers, body = cached
        start_response(status, headers)
        return [body]
    captured: dict[str, Any] = {}

    def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable:
        length = next((int(v) for k, v in headers if k.lower() == "content-length"), None)
        captured.update(status=status, headers=headers, keep=_cacheable(status, headers), length=length)
        return start_response(status, headers, exc_info)

    return _Recorder(
        _run(app, environ, capture, cache, f"{gen}:{key}" if lead else None),
        captured,
        cache.max_entry,
        lambda data: _store(cache, generation, gen, key, captured, data),
        lambda: bool(environ.get(BODY_COMPLETE)),
        (lambda: cache.land(f"{gen}:{key}")) if lead else None,
    )


#: How long a request waits for the same request's run under way before running itself.
FLIGHT_WAIT_S = 60.0


def _pages(environ: dict[str, Any]) -> bool:
    """GETs that wait for an identical run under way: the pages, not ``/sparql``, whose queries wait in
    the query workers' queue (where a client that leaves gives up its place, and a full queue is a 503)."""
    return environ.get("PATH_INFO") != "/sparql"


def _join(cache: ResultCache, key: str, environ: dict[str, Any]) -> tuple[bool, tuple[str, Headers, bytes] | None]:
    """After a miss: (True, None) if this request runs ``key``; else the answer of the run under way
    (None if it was not kept, or the client left: this request then runs, without making others wait).

    Identical requests that miss at once (many clients asking for the same page after a write,
    or at start) then cost one run, not one each, and do not fill the query workers' queues."""
    flight = cache.join(key)
    if flight is None:
        return True, None
    gone = environ.get("waitress.client_disconnected")
    until = time.monotonic() + FLIGHT_WAIT_S
    while not flight.wait(0.2) and time.monotonic() < until:
        if gone is not None and gone():
            return False, None
    cached = cache.get(key)
    if cached is not None:
        cache.note_shared()
    return False, cached


def _run(
    app: Callable, environ: dict[str, Any], start_response: Callable, cache: ResultCache | None, flight: str | None
) -> Iterable[bytes]:
    """``app``'s answer; a run that others wait for lands at once if it fails before answering."""
    try:
        return app(environ, start_response)
    except BaseException:
        if flight is not None and cache is not None:
            cache.land(flight)
        raise


def _vary(headers: Headers) -> str:
    return next((v for k, v in headers if k.lower() == "vary"), "Accept")


def _cacheable(status: str, headers: Headers) -> bool:
    names = {k.lower() for k, _ in headers}
    # an answer that says how to cache itself (static files, /status) is left as it is
    return status.startswith("200") and not names & {"etag", "cache-control", "x-kg-truncated", "set-cookie"}


def _store(cache: ResultCache, generation: Generation, gen: int, key: str, captured: dict, data: bytes) -> None:
    if not captured.get("keep") or generation.value != gen:
        return  # a write happened meanwhile: this answer may predate it
    if captured["length"] not in (None, len(data)):
        return  # more than announced: never replay such a body
    headers = [(k, v) for k, v in captured["headers"] if k.lower() not in _SKIPPED]
    headers.append(("Content-Length", str(len(data))))
    cache.put(f"{gen}:{key}", captured["status"], headers, data)


class _Recorder:
    """Passes the body through and hands a whole one to ``done``: with a ``Content-Length``, once
    that many bytes have gone by and before the last of them is sent (so the next request finds
    it); streamed, at its end if ``complete()`` says it ended without error.  A body past
    ``limit`` bytes is not kept."""

    def __init__(
        self,
        body: Iterable[bytes],
        captured: dict,
        limit: int,
        done: Callable[[bytes], None],
        complete: Callable[[], bool],
        finish: Callable[[], None] | None = None,
    ) -> None:
        self._finish = finish
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


def status_blueprint(generation: Generation, cache: ResultCache | None):
    """``GET /status``: the store generation, its last write and the result cache's counters (JSON), and the
    process that answered (with several HTTP processes, each has its own cache)."""
    from flask import Blueprint, jsonify

    bp = Blueprint("status", __name__)

    @bp.get("/status")
    def status():
        response = jsonify(
            generation=generation.value,
            last_modified=formatdate(generation.modified, usegmt=True),
            result_cache=cache.stats() if cache is not None else None,
            process=os.getpid(),
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    return bp
