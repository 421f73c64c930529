"""CORS: ``Access-Control-Allow-Origin`` on every response, errors included, and preflights.

Flask answers ``OPTIONS`` itself (with ``Allow``); this adds what a browser's preflight
wants to see, ``Authorization`` among the allowed headers (writes carry a bearer token).  The origin is the ``cors_origins`` setting, read once; empty turns CORS
off.
"""

from __future__ import annotations

from flask import Flask, Response, request

ALLOW_HEADERS = "Accept, Content-Type, Authorization"
MAX_AGE_S = "86400"


def install_cors(app: Flask, origins: str) -> None:
    """Add the CORS headers to every response of ``app`` (nothing if ``origins`` is empty)."""
    origins = origins.strip()
    if not origins:
        return

    @app.after_request
    def add_cors(response: Response) -> Response:
        response.headers["Access-Control-Allow-Origin"] = origins
        if origins != "*":
            response.vary.add("Origin")
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, POST")
            response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = MAX_AGE_S
        else:
            response.headers["Access-Control-Expose-Headers"] = (
                "Content-Disposition, Allow, Location, WWW-Authenticate, X-KG-Truncated, X-KG-Max-Rows")
        return response
