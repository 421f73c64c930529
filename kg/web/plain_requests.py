"""Plain GETs read from their bytes: the server's loop skips waitress's parser for the commonest request.

Nearly every read a client sends is the same kind of request: one keep-alive ``GET`` over HTTP/1.1 with a
handful of ordinary headers and no body, arriving whole in one read.  For such a request waitress's
parser, its task and the environ it builds cost about as much as the point lookup they carry
(BENCHMARKS.md, "Stop 34").  :func:`plain_environ` reads such a request with one pattern and builds
the WSGI environ waitress would build for it, key for key (the tests compare the two), so that the
loop (:class:`kg.web.serving._InlineChannel`) can try it (:mod:`kg.web.inline`) without waitress's
request at all.

Anything else is not read here (None), and waitress parses it as always: a request in several
reads or several in one, another method or HTTP version, a body or the headers that announce one
(``Content-Length``, ``Transfer-Encoding``, ``Expect``), ``Connection`` other than ``keep-alive``, a
header given twice, one with an underscore (waitress drops those) or with a byte outside printable
ASCII, a path with a fragment, an escape or a leading ``//``, and any request longer than
:data:`MAX_BYTES` or than waitress's limit on a request's head.  So the only requests read here are
those whose reading has no choice to make.
"""

from __future__ import annotations

import re
import sys
from io import BytesIO
from typing import Any

from waitress.buffers import ReadOnlyFileBasedBuffer
from waitress.rfc7230 import TOKEN

#: The longest request read here (a lookup's URL is well under it; waitress reads longer ones).
MAX_BYTES = 16 * 1024

#: A header's name (waitress's own RFC 7230 token) and a value of printable ASCII, spaces only inside it.
_NAME = TOKEN.encode()
_VALUE = rb"(?:[!-~](?:[ !-~]*[!-~])?)?"
_REQUEST = re.compile(
    rb"GET (/(?!/)[!-\x22\x24-\x7e]*) HTTP/1\.1\r\n"  # an origin-form target without a fragment ('#')
    rb"((?:" + _NAME + rb":[ \t]*" + _VALUE + rb"[ \t]*\r\n)*)\r\n"
)
_HEADER = re.compile(rb"(" + _NAME + rb"):[ \t]*(" + _VALUE + rb")[ \t]*\r\n")
#: headers that announce a body, or a connection's end, or a contents waitress keeps under another key
_REFUSED = frozenset({"CONTENT_LENGTH", "CONTENT_TYPE", "TRANSFER_ENCODING", "EXPECT"})


def plain_environ(data: bytes, channel: Any) -> dict[str, Any] | None:
    """The WSGI environ waitress would give the app for ``data``, read on ``channel``, if ``data`` is exactly one
    plain GET (see the module doc); else None."""
    server = channel.server
    adj = server.adj
    if len(data) > MAX_BYTES or len(data) > adj.max_request_header_size:
        return None  # (waitress answers a head past its limit with a 431)
    if adj.url_prefix or adj.trusted_proxy:
        return None  # a prefix to strip, proxy headers to read: waitress's work
    m = _REQUEST.fullmatch(data)
    if m is None:
        return None
    target, head = m.group(1, 2)
    path, _, query = target.partition(b"?")
    if b"%" in path:
        return None  # waitress unquotes the path: left to it
    url = target.decode("ascii")
    environ: dict[str, Any] = {
        "REMOTE_ADDR": channel.addr[0],
        "REMOTE_HOST": channel.addr[0],
        "REMOTE_PORT": str(channel.addr[1]),
        "REQUEST_METHOD": "GET",
        "SERVER_PORT": str(server.effective_port),
        "SERVER_NAME": server.server_name,
        "SERVER_SOFTWARE": adj.ident,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SCRIPT_NAME": "",
        "PATH_INFO": path.decode("ascii"),
        "REQUEST_URI": url,
        "QUERY_STRING": query.decode("ascii"),
        "wsgi.url_scheme": adj.url_scheme,
        "wsgi.version": (1, 0),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.input": BytesIO(),
        "wsgi.file_wrapper": ReadOnlyFileBasedBuffer,
        "wsgi.input_terminated": True,
    }
    for name, value in _HEADER.findall(head):
        if b"_" in name:
            return None  # waitress drops it
        key = name.upper().replace(b"-", b"_").decode("ascii")
        if key in _REFUSED:
            return None
        key = "HTTP_" + key
        if key in environ:
            return None  # given twice: waitress joins them
        text = value.decode("ascii")
        if key == "HTTP_CONNECTION" and text.lower() != "keep-alive":
            return None
        environ[key] = text
    environ["waitress.client_disconnected"] = channel.check_client_disconnected
    return environ
