"""`kg ingest URL` against a real local HTTP server: HTML with metadata, and one clear error per failure."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.cli import main

ARTICLE = """<!doctype html><html><head><title>Leaders adopt the Testgrad Declaration | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-06-17T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Leaders adopt the Testgrad Declaration</h1>
<p>The 30th summit of the Shanghai Cooperation Organisation opened in Tashkent, Uzbekistan on Monday.</p>
<p>Leaders of China, Kazakhstan and Kyrgyzstan attended the meeting of the Heads of State Council.</p>
<p>The leaders signed the Tashkent Declaration at the end of the two-day summit, officials said.</p>
<p>Chinese President Xi Jinping called for closer cooperation on security and trade among the members.</p>
</article><footer>Share on Facebook. Read more stories.</footer></body></html>"""

PAGES = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/missing.html": (404, "text/html", b"<html><body>Not here</body></html>"),
    "/file.pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
    "/huge.html": (200, "text/html", b"<html><body>" + b"word " * 400_000 + b"</body></html>"),
    "/empty.html": (200, "text/html", b"<html><head></head><body><nav>Home</nav></body></html>"),
}


@pytest.fixture
def site():
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/slow.html":
                time.sleep(3)
            status, ctype, body = PAGES.get(self.path, PAGES["/article.html"])
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # the reader hangs up at its size cap (/huge.html): expected, not a server error
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # the reader hanging up at its size cap can also surface after do_GET (flushing in
            # finish()): expected, and never to be printed into the output the tests read
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_ingest_an_html_url(site, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["ingest", f"{site}/article.html", "--store", str(store)]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "query",
                "--store",
                str(store),
                "--format",
                "tsv",
                "SELECT ?url ?date WHERE { ?a <https://schema.org/url> ?url ; "
                "<https://schema.org/datePublished> ?date }",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"{site}/article.html" in out and "2024-06-17" in out
    assert (
        main(
            [
                "query",
                "--store",
                str(store),
                "--format",
                "csv",
                "SELECT ?o WHERE { ?s <https://w3id.org/summit-kg/ontology#ordinal> ?o }",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.split() == ["o", "30"]


@pytest.mark.parametrize(
    "path,message",
    [
        ("/missing.html", "HTTP 404"),
        ("/file.pdf", "application/pdf"),
        ("/huge.html", "allowed"),
        ("/empty.html", "no article"),
    ],
)
def test_url_failures_are_clear(site, tmp_path, capsys, path, message, monkeypatch):
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "1000000")
    code = main(["ingest", f"{site}{path}", "--store", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and "Traceback" not in err


def test_url_timeout(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KG_HTTP_TIMEOUT_S", "0.5")
    assert main(["ingest", f"{site}/slow.html", "--store", str(tmp_path / "store")]) == 1
    assert "no answer within 0.5 s" in capsys.readouterr().err


def test_unreachable_host(tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["ingest", f"http://127.0.0.1:{port}/x.html", "--store", str(tmp_path / "store")]) == 1
    assert "cannot connect" in capsys.readouterr().err
