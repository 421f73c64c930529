"""Answers the HTTP server's own loop gives, without handing the request to a thread.

waitress parses a request on its main loop, then hands it to a thread of its pool, which runs the
app and wakes the loop when it is done.  For an answer that costs less than that hand-off -- a
``304``, a kept answer, a point lookup (:mod:`kg.web.lookups`) -- the two thread switches are
most of the server's work: run on the loop, a lookup costs about half the CPU.  So the loop first
tries every GET itself, with ``environ[INLINE]`` set (:func:`answer_inline`); any layer that would
do something that may take long -- run Flask, wait for an identical run, reopen the store after
a write, serve a large body -- raises :class:`Deferred` instead, before it has answered, and the
request goes to the pool as before, where it runs again from the start.  The loop sends a 200 or
304 to an HTTP/1.1 request that keeps its connection itself, byte for byte as waitress's task would
(:class:`kg.web.serving._InlineChannel`; the tests compare the bytes), and any other answer it holds
through waitress's own task (:func:`replaying`), so that framing, keep-alive and errors stay waitress's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

#: Set in the environ of a request the server's loop tries itself.
INLINE = "kg.inline"
#: The answer an inline try got, for :func:`replaying` to send: (status, headers, body).
ANSWER = "kg.inline.answer"
#: What to do once an inline try's answer is taken (callables in a list; e.g. count a cache miss).
ANSWERED = "kg.inline.answered"
#: Rows a lookup may give inline; one with more is run again on a thread.
INLINE_ROWS = 1000
#: Bytes an inline answer may have; a larger one is sent from a thread.
INLINE_BYTES = 256 * 1024

WSGIApp = Callable[..., Iterable[bytes]]
Answer = tuple[str, list[tuple[str, str]], bytes]


class Deferred(Exception):  # noqa: N818  (not an error: a request that needs a thread)
    """Raised, before answering, by a layer that cannot answer an inline try quickly."""


def defer_inline(environ: dict[str, Any]) -> None:
    """Raise :class:`Deferred` if this request is an inline try."""
    if environ.get(INLINE):
        raise Deferred


def threads_only(app: WSGIApp) -> WSGIApp:
    """``app``, never run by an inline try (e.g. Flask, whose work has no bound)."""

    def guarded(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        defer_inline(environ)
        return app(environ, start_response)

    return guarded


def answer_inline(app: WSGIApp, environ: dict[str, Any]) -> Answer | None:
    """``app``'s whole answer to ``environ`` if it gives one quickly (see the module doc), else None.

    None also when anything fails: the request then runs on a thread, which answers it -- error
    included -- as it always has."""
    captured: list[tuple[str, list[tuple[str, str]]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
        if exc_info is not None or captured:
            raise Deferred
        captured.append((status, headers))
        return _no_write

    environ[INLINE] = True
    body = None
    try:
        body = app(environ, start_response)
        chunks, size = [], 0
        for chunk in body:
            size += len(chunk)
            if size > INLINE_BYTES:
                return None
            chunks.append(chunk)
    except Exception:  # noqa: BLE001  (Deferred, or a failure the thread's run reports)
        return None
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
        del environ[INLINE]
    if not captured:
        return None
    # (a deferred request's environ is dropped: its thread's run starts from a new one)
    for then in environ.pop(ANSWERED, ()):
        then()
    return captured[0][0], captured[0][1], b"".join(chunks)


def _no_write(data: bytes) -> None:
    raise Deferred


def replaying(app: WSGIApp) -> WSGIApp:
    """``app``, but a request that carries an inline answer (``environ[ANSWER]``) gets that answer."""

    def replay(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        answer = environ.pop(ANSWER, None)
        if answer is None:
            return app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    return replay
