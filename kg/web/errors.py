"""One error shape for every response that is not a success.

``KGError`` subclasses carry their status; werkzeug's own HTTP errors (unknown route,
method not allowed, body too large) are mapped to the same shape; anything else is a
bug: logged with its traceback on the server, answered with a 500 that says nothing
about the code.  The body is plain text, or JSON ``{"error": title, "message": ...}``
when the client prefers JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kg.errors import KGError
from kg.formats import negotiate

log = logging.getLogger(__name__)

_ERROR_TYPES = ("text/plain", "application/json")
#: ``WWW-Authenticate`` of every 401 (RFC 9110 11.6.1): writes take a bearer token (kg/web/writes.py).
CHALLENGE = 'Bearer realm="summit-kg"'


def wants_json(accept: str | None) -> bool:
    """JSON if the client ranks ``application/json`` (or a ``+json`` type it named) above text."""
    if accept and "+json" in accept and "text/plain" not in accept and "application/json" not in accept:
        return True
    return negotiate(accept, _ERROR_TYPES) == "application/json"


def error_body(accept: str | None, title: str, message: str) -> tuple[bytes, str]:
    """The one error shape: its body and media type for a client that sent ``accept``."""
    if wants_json(accept):
        return json.dumps({"error": title, "message": message}, ensure_ascii=False).encode(), "application/json"
    return f"{title}: {message}\n".encode(), "text/plain; charset=utf-8"


def error_response(status: int, title: str, message: str, *, allow: tuple[str, ...] | None = None) -> Response:
    """The one error shape, as a Flask response."""
    body, media = error_body(request.headers.get("Accept"), title, message)
    response = Response(body, status=status, content_type=media)
    if allow:
        response.headers["Allow"] = ", ".join(allow)
    return response


def _kg_error_headers(exc: KGError) -> list[tuple[str, str]]:
    """What a :class:`KGError` adds to its answer: when to retry, how to authenticate."""
    headers = []
    if getattr(exc, "retry_after_s", None):
        headers.append(("Retry-After", str(exc.retry_after_s)))  # type: ignore[attr-defined]
    if exc.status == 401:
        headers.append(("WWW-Authenticate", CHALLENGE))
    return headers


def wsgi_error(environ: dict, start_response: Callable, exc: KGError) -> list[bytes]:
    """The answer to ``exc`` met in WSGI middleware, outside Flask: the same as :func:`register_error_handlers`
    gives it (but an ``Allow``, which only Flask's routes know)."""
    body, media = error_body(environ.get("HTTP_ACCEPT"), exc.title, exc.message)
    headers = [("Content-Type", media), ("Content-Length", str(len(body))), *_kg_error_headers(exc)]
    start_response(f"{exc.status} {HTTPStatus(exc.status).phrase}", headers)
    return [body]


def register_error_handlers(app: Flask, *, max_body_bytes: int) -> None:
    """Install the handlers on ``app``."""

    @app.errorhandler(KGError)
    def kg_error(exc: KGError) -> Response:
        response = error_response(exc.status, exc.title, exc.message, allow=getattr(exc, "allowed", None))
        for name, value in _kg_error_headers(exc):
            response.headers[name] = value
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        message = exc.description or exc.name
        if status == 413:
            message = f"the request body is larger than the {max_body_bytes} bytes allowed (setting max_body_bytes)"
        elif status == 404:
            message = f"nothing at {request.path}"
        elif status == 405:
            message = f"{request.method} is not allowed on {request.path}"
        allow = tuple(sorted(getattr(exc, "valid_methods", None) or ())) or None
        return error_response(status, exc.name, message, allow=allow)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "Internal error", "the server failed on this request; the error is logged")
