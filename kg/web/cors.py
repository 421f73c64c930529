"""CORS: ``Access-Control-Allow-Origin`` on every response, errors included, and preflights.

Flask answers ``OPTIONS`` itself (with ``Allow``); this adds what a browser's preflight
wants to see, ``Authorization`` among the allowed headers (writes carry a bearer token).
The origin is the ``cors_origins`` setting, read once; empty turns CORS off.
"""

from __future__ import annotations

from flask import Flask, Response, request

ALLOW_HEADERS = "Accept, Content-Type, Authorization"
EXPOSE_HEADERS = "Content-Disposition, Allow, Location, WWW-Authenticate, X-KG-Truncated, X-KG-Max-Rows"
MAX_AGE_S = "86400"


def cors_headers(origins: str) -> list[tuple[str, str]]:
    """The CORS headers of an answer to a simple (not a preflight) request; none when CORS is off.

    ``("Vary", "Origin")`` is among them when the allowed origin is not ``*``.
    """
    origins = origins.strip()
    if not origins:
        return []
    headers = [("Access-Control-Allow-Origin", origins), ("Access-Control-Expose-Headers", EXPOSE_HEADERS)]
    return headers + ([("Vary", "Origin")] if origins != "*" else [])


def install_cors(app: Flask, origins: str) -> None:
    """Add the CORS headers to every response of ``app`` (nothing if ``origins`` is empty)."""
    simple = cors_headers(origins)
    if not simple:
        return

    @app.after_request
    def add_cors(response: Response) -> Response:
        for name, value in simple:
            if name == "Vary":
                response.vary.add(value)
            elif name != "Access-Control-Expose-Headers" or request.method != "OPTIONS":
                response.headers[name] = value
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, POST")
            response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = MAX_AGE_S
        return response
