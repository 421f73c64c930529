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


def error_response(status: int, title: str, message: str, *, allow: tuple[str, ...] | None = None) -> Response:
    """The one error shape."""
    if wants_json(request.headers.get("Accept")):
        body = json.dumps({"error": title, "message": message}, ensure_ascii=False)
        response = Response(body, status=status, content_type="application/json")
    else:
        response = Response(f"{title}: {message}\n", status=status, content_type="text/plain; charset=utf-8")
    if allow:
        response.headers["Allow"] = ", ".join(allow)
    return response


def register_error_handlers(app: Flask, *, max_body_bytes: int) -> None:
    """Install the handlers on ``app``."""

    @app.errorhandler(KGError)
    def kg_error(exc: KGError) -> Response:
        response = error_response(exc.status, exc.title, exc.message, allow=getattr(exc, "allowed", None))
        if getattr(exc, "retry_after_s", None):
            response.headers["Retry-After"] = str(exc.retry_after_s)  # type: ignore[attr-defined]
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = CHALLENGE
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
