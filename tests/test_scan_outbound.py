"""The safety scan against the engine it protects: no spelling of SERVICE or LOAD gets past it.

A local HTTP listener stands in for anything a query could reach (it answers every request
with an empty SPARQL result and records it).  The spellings are run through the scan and,
when the scan lets them through, through Oxigraph itself: any request the listener sees
then is a way out that the scan missed.  The first tests show that the harness sees Oxigraph
calling out (for spellings the old word-pattern scan let through); the property tests
generate spellings around the keywords (case, gluing to the token before and after,
SILENT, prefixes, subqueries, host spellings) and check the scan refused every one that
would call out.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.sparql.lexer import check_query, scan_query, scan_update

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _answer(self) -> None:
        self.hits.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Listener,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """A store with a false literal in it (as ingest writes ``skg:isNamed false``)."""
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal(False)))
    s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal(1)))
    return s


def refused(text: str, *, update: bool = False) -> bool:
    """Whether the endpoint's check refuses ``text`` (nothing allowlisted, no store graph)."""
    try:
        check_query(scan_update(text) if update else scan_query(text), max_depth=200, max_operators=1000)
    except KGError:
        return True
    return False


def calls_out(store: ox.Store, hits: list[str], text: str, *, update: bool = False) -> bool:
    """Run ``text`` in Oxigraph; True if the listener saw a request meanwhile."""
    before = len(hits)
    try:
        if update:
            ox.Store().update(text)
        else:
            result = store.query(text)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass  # a parse error or a failed fetch: only the request counts
    return len(hits) > before


# Spellings the word-pattern scan let through (the keyword glued to a literal, a prefix, a dot).
BYPASSES = [
    "SELECT ?s WHERE {{ ?a ?b false.SERVICE<http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "select ?s where {{ ?a ?b false.service silent <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE {{ ?a ?b falseSERVICE<http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE {{ {{ SELECT ?s {{ ?a ?b false.SERVICE<http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }} }} }}",
    "SELECT ?s WHERE {{ ?a ?b false.SERVICE<http://2130706433:{port}/x> {{ ?s ?p ?o }} }}",
    "PREFIX : <http://127.0.0.1:{port}/> SELECT ?s WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", BYPASSES)
def test_known_bypasses_call_out_and_are_refused(listener, store, template):
    port, hits = listener
    query = template.format(port=port)
    assert calls_out(store, hits, query), "the harness must see Oxigraph call out for this spelling"
    assert refused(query)


def test_load_behind_a_prefix_calls_out_and_is_refused(listener, store):
    port, hits = listener
    update = f"PREFIX : <http://127.0.0.1:{port}/> LOAD:u"
    assert calls_out(store, hits, update, update=True)
    assert refused(update, update=True)


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX schema: <http://schema.org/> SELECT * { ?s schema:serviceType ?o }",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:download ex:fromDate }",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:b false . ?s ex:b ?o }",
        "PREFIX fromage: <http://example.org/> SELECT * { ?s fromage:p ?o }",
        "PREFIX download: <http://example.org/> SELECT * { ?s download:p ?o }",
    ],
)
def test_names_that_contain_the_keywords_pass(query):
    assert not refused(query)


def _cased(word: str, flips: list[bool]) -> str:
    return "".join(c.swapcase() if flip else c for c, flip in zip(word, flips + [False] * len(word), strict=False))


_BEFORE = [
    "?a ?b false",
    "?a ?b true",
    "?a ?b 1",
    "?a ?b 1.5",
    '?a ?b "x"',
    "?a ?b ?c",
    "?a ?b <http://x/a>",
    "?a ?b ex:a",
    "?a ?b ex:",
    "?a a",
    "",
    "{ }",
    "FILTER(true)",
    "BIND(1 AS ?z)",
    "?a ?b false ;",
    "?a ?b (1)",
]
_SEP = ["", " ", ".", " . ", "\n", "#c\n", "\t.", ";"]
_SILENT = ["", " SILENT", "SILENT", " silent", " \\u0053ILENT"]
_SPACE = ["", " ", "\n"]
_BODY = ["{ ?s ?p ?o }", "{}", "{?s ?p ?o}"]
_WRAP = [
    "SELECT ?s WHERE {{ {} }}",
    "SELECT * {{ {{ SELECT ?s {{ {} }} }} }}",
    "ASK {{ {} }}",
    "SELECT ?s {{ OPTIONAL {{ {} }} }}",
    "SELECT ?s {{ ?a ?b ?c MINUS {{ {} }} }}",
]


@st.composite
def service_queries(draw: st.DrawFn, port: int) -> str:
    endpoints = [
        f"<http://127.0.0.1:{port}/x>",
        f"<http://2130706433:{port}/x>",
        f"<http://localhost:{port}/x>",
        ":x",
        "ex:x",
        "service:x",
        f"<http://[::1]:{port}/x>",
    ]
    prefixes = draw(
        st.sampled_from(
            [
                "",
                f"PREFIX : <http://127.0.0.1:{port}/> ",
                f"PREFIX ex: <http://127.0.0.1:{port}/> ",
                f"PREFIX service: <http://127.0.0.1:{port}/> PREFIX : <http://127.0.0.1:{port}/> ",
            ]
        )
    )
    keyword = _cased("SERVICE", draw(st.lists(st.booleans(), min_size=7, max_size=7)))
    if draw(st.booleans()) and draw(st.booleans()):
        keyword = "\\u0053" + keyword[1:]
    pattern = (
        draw(st.sampled_from(_BEFORE))
        + draw(st.sampled_from(_SEP))
        + keyword
        + draw(st.sampled_from(_SILENT))
        + draw(st.sampled_from(_SPACE))
        + draw(st.sampled_from(endpoints))
        + draw(st.sampled_from(_SPACE))
        + draw(st.sampled_from(_BODY))
    )
    return prefixes + draw(st.sampled_from(_WRAP)).format(pattern)


@st.composite
def load_updates(draw: st.DrawFn, port: int) -> str:
    prefixes = draw(
        st.sampled_from(["", f"PREFIX : <http://127.0.0.1:{port}/> ", f"PREFIX load: <http://127.0.0.1:{port}/> "])
    )
    before = draw(st.sampled_from(["", "CLEAR ALL ;", "CLEAR ALL;", "INSERT DATA { <http://x/a> <http://x/b> 1 } ;"]))
    keyword = _cased("LOAD", draw(st.lists(st.booleans(), min_size=4, max_size=4)))
    target = draw(st.sampled_from([f"<http://127.0.0.1:{port}/u>", ":u", "load:u", f"<http://2130706433:{port}/u>"]))
    into = draw(st.sampled_from(["", " INTO GRAPH <http://g/>", "INTO GRAPH<http://g/>"]))
    return (
        prefixes
        + before
        + draw(st.sampled_from(_SPACE))
        + keyword
        + draw(st.sampled_from(_SILENT))
        + draw(st.sampled_from(_SPACE))
        + target
        + into
    )


_PROFILE = settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_PROFILE
@given(data=st.data())
def test_no_service_spelling_calls_out_past_the_scan(listener, store, data):
    port, hits = listener
    query = data.draw(service_queries(port))
    if not refused(query):
        assert not calls_out(store, hits, query), f"the scan let through a query that called out: {query!r}"


@_PROFILE
@given(data=st.data())
def test_no_load_spelling_calls_out_past_the_scan(listener, store, data):
    port, hits = listener
    update = data.draw(load_updates(port))
    if not refused(update, update=True):
        assert not calls_out(store, hits, update, update=True), f"the scan let through a LOAD: {update!r}"
