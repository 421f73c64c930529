"""What every answer of the server carries for the browser's safety, and what no request may make it do.

* :func:`web_href` -- the one rule for links made from data: only ``http(s)`` IRIs become
  ``href``s (a stored ``<javascript:...>`` is shown, never clickable).  The templates use
  it as the ``web_href`` filter; ``static/query.js`` has the same rule for the results it
  draws (``webHref``).
* :func:`install_security` -- ``X-Content-Type-Options: nosniff`` on every answer, and on
  every HTML page a ``Content-Security-Policy`` (scripts, styles and everything else from
  this server only, no framing, no ``<base>``), ``Referrer-Policy`` and
  ``X-Frame-Options``; an ``Accept`` header longer than :data:`MAX_ACCEPT_BYTES` is a
  400 before anything parses it (its parser is pure Python, linear but not free: 480 KB
  cost 2 s of CPU).
"""

from __future__ import annotations

from flask import Flask, Response, request

from ..errors import BadRequest
from ..protocol import MAX_ACCEPT_BYTES

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HTML_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


def web_href(iri: object) -> str | None:
    """``iri`` if a browser may follow it as a link (``http:``/``https:``), else None."""
    if isinstance(iri, str) and iri[:8].lower().startswith(("http://", "https://")):
        return iri
    return None


def check_accept(accept: str | None) -> None:
    """400 for an ``Accept`` header longer than :data:`MAX_ACCEPT_BYTES`."""
    if accept is not None and len(accept) > MAX_ACCEPT_BYTES:
        raise BadRequest(f"the Accept header is {len(accept)} bytes, more than the {MAX_ACCEPT_BYTES} read")


def install_security(app: Flask) -> None:
    """Add the checks and headers above to every request and response of ``app``."""
    app.add_template_filter(web_href, "web_href")

    @app.before_request
    def bounded_accept() -> None:
        check_accept(request.headers.get("Accept"))

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        if response.mimetype == "text/html":
            for name, value in HTML_HEADERS:
                response.headers.setdefault(name, value)
        return response
