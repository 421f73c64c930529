"""What every answer of the server carries for the browser's safety, and what no request may make it do.

* :func:`web_href` -- the one rule for links made from data: only ``http(s)`` IRIs become
  ``href``s (a stored ``<javascript:...>`` is shown, never clickable).  The templates use
  it as the ``web_href`` filter; ``static/query.js`` has the same rule for the results it
  draws (``webHref``).
* :func:`fixed_origin` -- the server's own URL comes from the setting ``public_url``,
  never from the client's ``Host`` header: it is the base IRI of queries, updates and
  Graph Store payloads and the endpoint named in the Service Description.
* :func:`install_security` -- ``X-Content-Type-Options: nosniff`` on every answer, and on
  every HTML page a ``Content-Security-Policy`` (scripts, styles and everything else from
  this server only, no framing, no ``<base>``), ``Referrer-Policy`` and
  ``X-Frame-Options``; an ``Accept`` header longer than :data:`MAX_ACCEPT_BYTES` is a
  400 before anything parses it (its parser is pure Python, linear but not free: 480 KB
  cost 2 s of CPU).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request

from kg.errors import BadRequest, ConfigError
from kg.formats import MAX_ACCEPT_BYTES

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
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


log = logging.getLogger(__name__)
WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def public_url(settings: Mapping[str, Any]) -> str:
    """The setting ``public_url`` without its trailing '/', validated; '' when not set."""
    url = str(settings.get("public_url") or "").rstrip("/")
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment):
        raise ConfigError(f"public_url must be an absolute http(s) URL without query or fragment, not {url!r}")
    return url


def fixed_origin(app: WSGIApp, url: str, listen_host: str) -> WSGIApp:
    """Wrap ``app`` so that every request looks addressed to ``url`` (scheme, host, port, path prefix).

    Without a ``url``: ``http://`` the listening address and the port the server reports
    (``SERVER_PORT``, from its socket), never the client's ``Host``.
    """
    if not url:
        host = listen_host
        if host in ("0.0.0.0", "::", ""):  # every interface: no one name is right; the machine's is a guess
            host = socket.getfqdn()
            log.warning("listening on every interface: set public_url to the URL clients use (now %s)", host)
        host = f"[{host}]" if ":" in host else host

        def listening(environ: dict, start_response: Callable) -> Iterable[bytes]:
            environ["wsgi.url_scheme"] = "http"
            environ["HTTP_HOST"] = f"{host}:{environ.get('SERVER_PORT', '80')}"
            return app(environ, start_response)

        return listening
    parts = urlsplit(url)
    scheme, netloc, prefix = parts.scheme, parts.netloc, parts.path.rstrip("/")
    port = str(parts.port or (443 if scheme == "https" else 80))

    def fixed(environ: dict, start_response: Callable) -> Iterable[bytes]:
        environ["wsgi.url_scheme"] = scheme
        environ["HTTP_HOST"] = netloc
        environ["SERVER_NAME"] = parts.hostname
        environ["SERVER_PORT"] = port
        if prefix:
            environ["SCRIPT_NAME"] = prefix
        return app(environ, start_response)

    return fixed
