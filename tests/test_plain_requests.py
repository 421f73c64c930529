"""Plain GETs read from their bytes (kg/web/plain_requests.py): the environ is waitress's own, key for key, and
every request whose reading has a choice to make is left to waitress."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from waitress.adjustments import Adjustments
from waitress.parser import HTTPRequestParser
from waitress.task import WSGITask

from kg.web.plain_requests import MAX_BYTES, plain_environ


def _channel(**adjustments) -> SimpleNamespace:
    adj = Adjustments(**adjustments)
    server = SimpleNamespace(adj=adj, effective_port=8123, server_name="kg.example")
    return SimpleNamespace(adj=adj, server=server, addr=("127.0.0.9", 40404), check_client_disconnected=lambda: False)


def _waitress_environ(data: bytes, channel: SimpleNamespace) -> dict:
    parser = HTTPRequestParser(channel.adj)
    assert parser.received(data) == len(data) and parser.completed and parser.error is None
    return WSGITask(channel, parser).get_environment()


def _comparable(environ: dict) -> dict:
    """The environ with its one-off objects replaced by what they hold."""
    out = dict(environ)
    out["wsgi.input"] = environ["wsgi.input"].read()
    out["waitress.client_disconnected"] = environ["waitress.client_disconnected"]()
    return out


_NAMES = st.sampled_from(
    ["Host", "Accept", "accept-encoding", "User-Agent", "If-None-Match", "If-Modified-Since", "Origin", "Cookie",
     "Cache-Control", "X-Requested-With", "Connection", "Authorization", "Referer", "Range"]
)  # fmt: skip
_VALUES = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
_TARGETS = st.sampled_from(
    ["/", "/sparql", "/sparql?query=SELECT%20%3Fp%20%3Fo%20WHERE%20%7B%20%3Chttp%3A%2F%2Fx%2Fa%3E%20%3Fp%20%3Fo%20%7D",
     "/sparql?query=ASK+%7B%7D&default-graph-uri=http%3A%2F%2Fx%2Fg", "/entity/a:b?x=1?y", "/status?", "/a;b/c"]
)  # fmt: skip


@given(
    target=_TARGETS,
    headers=st.dictionaries(_NAMES, _VALUES, max_size=6),
    space=st.sampled_from(["", " ", "  ", "\t"]),
)
def test_a_plain_get_gives_the_environ_waitress_gives(target, headers, space):
    headers = {k: v for k, v in headers.items() if k != "Connection" or v.strip(" ").lower() == "keep-alive"}
    lines = "".join(f"{name}:{space}{value}{space}\r\n" for name, value in headers.items())
    data = f"GET {target} HTTP/1.1\r\n{lines}\r\n".encode()
    channel = _channel()
    ours = plain_environ(data, channel)
    assert ours is not None
    assert _comparable(ours) == _comparable(_waitress_environ(data, channel))
    assert list(ours) == list(_waitress_environ(data, channel))  # in the same order, too
    assert ours["wsgi.errors"] is sys.stderr


@pytest.mark.parametrize(
    "data",
    [
        b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n",  # two requests (pipelined)
        b"GET /a HTTP/1.1\r\nHost: x\r\n",  # not whole yet
        b"POST /sparql HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        b"HEAD / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.0\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n",
        b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nConnection: upgrade\r\n\r\n",
        b"GET / HTTP/1.1\r\nAccept: a\r\naccept: b\r\n\r\n",  # given twice: waitress joins them
        b"GET / HTTP/1.1\r\nX_Forwarded_For: 1.2.3.4\r\n\r\n",  # dropped by waitress
        b"GET / HTTP/1.1\r\nUser-Agent: caf\xc3\xa9\r\n\r\n",  # outside printable ASCII
        b"GET / HTTP/1.1\r\nX-A: a\x01b\r\n\r\n",
        b"GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
        b"GET / HTTP/1.1\nHost: x\n\n",  # bare line feeds
        b"GET /a%20b HTTP/1.1\r\n\r\n",  # an escape waitress decodes
        b"GET /a#frag HTTP/1.1\r\n\r\n",
        b"GET //evil.example/a HTTP/1.1\r\n\r\n",
        b"GET http://x/a HTTP/1.1\r\n\r\n",  # absolute form
        b"GET /a b HTTP/1.1\r\n\r\n",
        b"GET /" + b"a" * MAX_BYTES + b" HTTP/1.1\r\n\r\n",
    ],
)
def test_anything_but_one_plain_get_is_left_to_waitress(data):
    assert plain_environ(data, _channel()) is None


@pytest.mark.parametrize(
    "adjustments",
    [{"url_prefix": "/kg"}, {"trusted_proxy": "127.0.0.1", "trusted_proxy_headers": {"x-forwarded-proto"}}],
)
def test_a_server_with_a_prefix_or_a_trusted_proxy_reads_nothing_here(adjustments):
    assert plain_environ(b"GET /kg/sparql HTTP/1.1\r\nHost: x\r\n\r\n", _channel(**adjustments)) is None
