"""The write side over real HTTP: SPARQL Update and Graph Store writes behind a bearer token.

Every test runs a real Oxigraph store under ``create_app`` and waitress; the merge
invariant (the stored default graph is the set-merge of the named graphs) is checked on
the server's own store after the writes.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from rdflib import Graph, Literal, URIRef

from kg.errors import BadRequest, QuerySyntaxError, UnsupportedMediaType
from kg.sparql.lexer import scan_update
from kg.sparql.protocol import UpdateRequest, parse_update_request
from kg.sparql.update import graphs_written, with_using
from kg.store import open_store

from .live import Server, make_app

EX = "http://example.org/w/"
G1, G2, G3 = EX + "g1", EX + "g2", EX + "g3"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")
SHARED = (S, P, Literal("shared"))  # in G1 and G2
TOKEN = "test-token-" + uuid.uuid4().hex
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = "application/sparql-update"
TURTLE, NT = "text/turtle", "application/n-triples"
TIMEOUT = 30


def build(path) -> None:
    with open_store(path) as store:
        store.replace_graph(G1, [SHARED, (S, Q, Literal(1))])
        store.replace_graph(G2, [SHARED, (S, Q, Literal(2))])


def serve(tmp_path, **config) -> Server:
    path = tmp_path / "store"
    build(path)
    return Server(make_app(path, **{"query_timeout_s": 0, **config}))


@pytest.fixture
def server(tmp_path):
    srv = serve(tmp_path, update_token=TOKEN)
    yield srv
    srv.close()


@pytest.fixture
def readonly(tmp_path):
    srv = serve(tmp_path)
    yield srv
    srv.close()


def store_of(srv):
    return srv.app.extensions["kg.store"]


def assert_merge(srv) -> None:
    """The stored default graph is exactly the set of the named graphs' triples."""
    store = store_of(srv)
    assert set(store.default_graph()) == {q.triple for q in store.quads()}


def update(srv, text, headers=AUTH, form=True, **params):
    if form:
        data = [("update", text)] + [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
        return requests.post(srv.url + "/sparql", data=data, headers=headers, timeout=TIMEOUT)
    query = [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
    return requests.post(
        srv.url + "/sparql",
        params=query,
        data=text.encode("utf-8"),
        headers={**headers, "Content-Type": UPDATE},
        timeout=TIMEOUT,
    )


def ask(srv, query) -> bool:
    r = requests.post(
        srv.url + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 200, r.text
    return r.json()["boolean"]


def count(srv, where) -> int:
    r = requests.post(
        srv.url + "/sparql",
        data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def gsp(srv, method, graph=None, body=None, content_type=TURTLE, headers=AUTH, default=False):
    params = "default" if default else ({"graph": graph} if graph else None)
    hdrs = dict(headers)
    if content_type and body is not None:
        hdrs["Content-Type"] = content_type
    return requests.request(method, srv.url + "/store", params=params, data=body, headers=hdrs, timeout=TIMEOUT)


def graph_of(srv, graph) -> Graph | None:
    r = requests.get(srv.url + "/store", params={"graph": graph}, headers={"Accept": NT}, timeout=TIMEOUT)
    if r.status_code == 404:
        return None
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="nt")


INSERT_G3 = f'INSERT DATA {{ GRAPH <{G3}> {{ <{S}> <{P}> "new" }} }}'


# -- disabled, and the token --------------------------------------------------------------------


def test_without_a_token_writes_are_refused_as_before(readonly):
    r = update(readonly, INSERT_G3)
    assert r.status_code == 403 and "read-only" in r.text
    r = update(readonly, INSERT_G3, form=False)
    assert r.status_code == 403
    for method in ("PUT", "POST", "DELETE"):
        r = gsp(readonly, method, G3, f"<{S}> <{P}> <{Q}> .")
        assert r.status_code == 405 and "read-only" in r.text
    assert graph_of(readonly, G3) is None and graph_of(readonly, G1) is not None
    description = requests.get(readonly.url + "/sparql", headers={"Accept": NT}, timeout=TIMEOUT).text
    assert "SPARQL11Update" not in description


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": ""}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": f"Bearer {TOKEN} extra"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ],
)
def test_a_write_needs_the_right_bearer_token(server, headers, status):
    responses = [
        update(server, INSERT_G3, headers=headers),
        update(server, INSERT_G3, headers=headers, form=False),
        gsp(server, "PUT", G3, f"<{S}> <{P}> <{Q}> .", headers=headers),
        gsp(server, "POST", G3, f"<{S}> <{P}> <{Q}> .", headers=headers),
        gsp(server, "DELETE", G1, headers=headers),
    ]
    for r in responses:
        assert r.status_code == status, r.text
        if status == 401:
            assert r.headers["WWW-Authenticate"].startswith("Bearer")
        else:
            assert "WWW-Authenticate" not in r.headers
    assert graph_of(server, G3) is None and graph_of(server, G1) is not None
    assert_merge(server)


def test_the_token_comes_from_the_environment(tmp_path, monkeypatch):
    from server import create_app

    path = tmp_path / "store"
    build(path)
    monkeypatch.setenv("KG_UPDATE_TOKEN", TOKEN)
    srv = Server(create_app({"store": str(path), "query_timeout_s": 0}))
    try:
        assert update(srv, INSERT_G3).status_code == 204
        assert update(srv, INSERT_G3, headers={"Authorization": "Bearer other"}).status_code == 403
    finally:
        srv.close()


def test_a_query_with_an_update_is_a_400_for_anyone(server):
    for headers in ({}, AUTH):
        r = requests.post(
            server.url + "/sparql", data=[("query", "ASK {}"), ("update", INSERT_G3)], headers=headers, timeout=TIMEOUT
        )
        assert r.status_code == 400 and "both" in r.text
    assert graph_of(server, G3) is None


def test_queries_need_no_token_and_ignore_one(server):
    assert ask(server, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    r = requests.get(
        server.url + "/sparql", params={"query": "ASK {}"}, headers={"Authorization": "Bearer no"}, timeout=TIMEOUT
    )
    assert r.status_code == 200


def test_cors_preflight_allows_the_authorization_header(server):
    r = requests.options(
        server.url + "/store",
        headers={
            "Origin": "https://example.com",
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
        timeout=TIMEOUT,
    )
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    assert "PUT" in r.headers["Access-Control-Allow-Methods"]


def test_the_service_description_advertises_updates(server):
    description = Graph().parse(
        data=requests.get(server.url + "/sparql", headers={"Accept": NT}, timeout=TIMEOUT).text, format="nt"
    )
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) in description


# -- SPARQL Update ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [True, False])
def test_update_by_form_and_direct_post(server, form):
    r = update(server, INSERT_G3, form=form)
    assert r.status_code == 204, r.text
    assert ask(server, f'ASK {{ GRAPH <{G3}> {{ <{S}> <{P}> "new" }} }}')
    assert ask(server, f'ASK {{ <{S}> <{P}> "new" }}')  # in the merge
    assert_merge(server)


def test_update_errors(server):
    assert requests.get(server.url + "/sparql", params={"update": INSERT_G3}, timeout=TIMEOUT).status_code == 400
    r = requests.post(
        server.url + "/sparql", data=[("update", INSERT_G3), ("update", INSERT_G3)], headers=AUTH, timeout=TIMEOUT
    )
    assert r.status_code == 400 and "exactly one" in r.text
    assert update(server, "ASK {}").status_code == 400
    assert update(server, "   ").status_code == 400
    r = update(server, f"LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <{G3}>")
    assert r.status_code == 400 and "LOAD" in r.text
    r = update(
        server,
        f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <http://127.0.0.1:9/sparql> {{ ?s ?p ?o }} }}",
    )
    assert r.status_code == 400 and "SERVICE" in r.text
    r = update(server, f"WITH <{G1}> INSERT {{ <{S}> <{P}> 1 }} WHERE {{}}", using_graph_uri=[G2])
    assert r.status_code == 400 and "USING" in r.text
    assert graph_of(server, G3) is None
    assert_merge(server)


def test_a_failed_update_changes_nothing(server):
    before = set(store_of(server).ox)
    r = update(server, INSERT_G3 + f" ; DROP GRAPH <{EX}missing>")  # the second operation fails
    assert r.status_code == 400 and "does not exist" in r.text
    r = update(server, f"DROP GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G3}> {{ <{S}> <{P}> }} }}")  # syntax
    assert r.status_code == 400 and "syntax" in r.text.lower()
    assert set(store_of(server).ox) == before
    assert graph_of(server, G3) is None and graph_of(server, G1) is not None


def test_update_base_iri_is_the_endpoint(server):
    assert update(server, f"INSERT DATA {{ GRAPH <rel-graph> {{ <{S}> <{P}> <rel-object> }} }}").status_code == 204
    assert ask(server, f"ASK {{ GRAPH <{server.url}/rel-graph> {{ <{S}> <{P}> <{server.url}/rel-object> }} }}")
    assert_merge(server)


@pytest.mark.parametrize("form", [True, False])
def test_using_graph_uri_sets_the_dataset_of_where(server, form):
    text = f"INSERT {{ GRAPH <{G3}> {{ ?s <{EX}seen> ?o }} }} WHERE {{ ?s <{Q}> ?o }}"
    assert update(server, text, form=form, using_graph_uri=[G1]).status_code == 204
    seen = {int(o) for _, _, o in graph_of(server, G3)}
    assert seen == {1}  # only G1's <q> value, not G2's
    text = f"INSERT {{ GRAPH <{G3}> {{ ?g <{EX}has> ?o }} }} WHERE {{ GRAPH ?g {{ ?s <{Q}> ?o }} }}"
    assert update(server, text, form=form, using_named_graph_uri=[G2]).status_code == 204
    assert (URIRef(G2), URIRef(EX + "has"), Literal(2)) in graph_of(server, G3)
    assert (URIRef(G1), URIRef(EX + "has"), Literal(1)) not in graph_of(server, G3)
    # DELETE WHERE takes the dataset too (written as DELETE {...} USING ... WHERE {...})
    assert update(server, f"DELETE WHERE {{ ?s <{Q}> ?o }}", form=form, using_graph_uri=[G1]).status_code == 204
    assert not ask(server, f"ASK {{ <{S}> <{Q}> 1 }}")  # the default graph (the merge) lost G1's triple...
    assert ask(server, f"ASK {{ GRAPH <{G1}> {{ <{S}> <{Q}> 1 }} }}")  # ...deleted from the default graph only


def test_the_merge_follows_updates(server):
    # a triple in two graphs survives its deletion from one
    assert update(server, f'DELETE DATA {{ GRAPH <{G1}> {{ <{S}> <{P}> "shared" }} }}').status_code == 204
    assert ask(server, f'ASK {{ <{S}> <{P}> "shared" }}')
    assert_merge(server)
    assert update(server, f"DROP GRAPH <{G2}>").status_code == 204
    assert not ask(server, f'ASK {{ <{S}> <{P}> "shared" }}')
    assert count(server, "?s ?p ?o") == 1  # G1's <q> 1
    assert_merge(server)
    # a GRAPH ?g template (every graph may change), WITH, blank nodes, MOVE/COPY/ADD
    updates = [
        f"INSERT DATA {{ GRAPH <{G2}> {{ <{S}> <{Q}> 1 . _:b <{P}> _:c }} GRAPH <{G3}> {{ <{S}> <{Q}> 3 }} }}",
        f"DELETE {{ GRAPH ?g {{ ?s <{Q}> 1 }} }} WHERE {{ GRAPH ?g {{ ?s <{Q}> 1 }} FILTER(?g = <{G1}>) }}",
        f"WITH <{G3}> DELETE {{ ?s <{Q}> ?o }} INSERT {{ ?s <{Q}> 33 }} WHERE {{ ?s <{Q}> ?o }}",
        f"COPY <{G2}> TO <{EX}copy> ; MOVE <{G3}> TO <{EX}moved> ; ADD <{EX}moved> TO <{G2}>",
    ]
    for text in updates:
        assert update(server, text).status_code == 204, text
        assert_merge(server)
    assert ask(server, f"ASK {{ <{S}> <{Q}> 1 }}")  # still in G2 (and the copy)
    assert not ask(server, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert ask(server, f"ASK {{ ?b <{P}> ?c FILTER(isBlank(?b) && isBlank(?c)) }}")
    assert update(server, f"CLEAR GRAPH <{G2}> ; DROP GRAPH <{EX}copy>").status_code == 204
    assert not ask(server, f"ASK {{ ?b <{P}> ?c }}")  # the blank node triple left with its graphs
    assert_merge(server)
    assert update(server, "DROP ALL").status_code == 204
    assert count(server, "?s ?p ?o") == 0 and count(server, "GRAPH ?g { ?s ?p ?o }") == 0


def test_writes_to_the_default_graph_itself(server):
    triple = f'<{EX}direct> <{P}> "in the default graph"'
    assert update(server, f"INSERT DATA {{ {triple} }}").status_code == 204
    assert ask(server, f"ASK {{ {triple} }}")
    assert not ask(server, f"ASK {{ GRAPH ?g {{ {triple} }} }}")
    assert update(server, f"DELETE DATA {{ {triple} }}").status_code == 204
    assert not ask(server, f"ASK {{ {triple} }}")
    assert_merge(server)


def test_without_a_union_default_graph_writes_touch_only_their_graph(tmp_path):
    path = tmp_path / "store"
    with open_store(path, union_default_graph=False) as store:
        store.replace_graph(G1, [SHARED])
    srv = Server(make_app(path, update_token=TOKEN, query_timeout_s=0, union_default_graph=False))
    try:
        assert update(srv, INSERT_G3).status_code == 204
        assert gsp(srv, "POST", G2, f"<{S}> <{P}> <{Q}> .").status_code == 201
        assert count(srv, "?s ?p ?o") == 0 and count(srv, "GRAPH ?g { ?s ?p ?o }") == 3
        assert gsp(srv, "PUT", default=True, body=f"<{S}> <{P}> <{Q}> .").status_code == 204
        assert count(srv, "?s ?p ?o") == 1
    finally:
        srv.close()


def test_query_workers_see_each_write(tmp_path):
    srv = serve(tmp_path, update_token=TOKEN, query_timeout_s=20, query_workers=1)
    try:
        pool = srv.app.extensions["kg.query_pool"]
        assert count(srv, "GRAPH ?g { ?s ?p ?o }") == 4  # starts the worker on the old snapshot
        first = pool.worker_pids()
        assert update(srv, INSERT_G3).status_code == 204
        assert count(srv, "GRAPH ?g { ?s ?p ?o }") == 5
        assert gsp(srv, "PUT", G1, f"<{S}> <{P}> <{Q}> .").status_code == 204
        assert ask(srv, f"ASK {{ GRAPH <{G1}> {{ <{S}> <{P}> <{Q}> }} }}")
        assert gsp(srv, "DELETE", G2).status_code == 204
        assert count(srv, "GRAPH ?g { ?s ?p ?o }") == 2
        assert count(srv, "?s ?p ?o") == 2
        assert pool.worker_pids() and pool.worker_pids() != first
        assert_merge(srv)
    finally:
        srv.close()


# -- Graph Store writes ----------------------------------------------------------------------------


def test_gsp_put_creates_then_replaces(server):
    r = gsp(server, "PUT", G3, f'@prefix ex: <{EX}> . ex:s ex:p "one", "two" .')
    assert r.status_code == 201
    assert len(graph_of(server, G3)) == 2
    r = gsp(server, "PUT", G3, f'<{S}> <{P}> "three" .', content_type=NT + "; charset=utf-8")
    assert r.status_code == 204
    assert set(graph_of(server, G3)) == {(S, P, Literal("three"))}
    assert not ask(server, f'ASK {{ <{S}> <{P}> "one" }}')  # the old content left the merge
    assert gsp(server, "PUT", G1, "").status_code == 204  # an empty graph, which still exists
    assert len(graph_of(server, G1)) == 0
    assert ask(server, f'ASK {{ <{S}> <{P}> "shared" }}')  # G2 still has it
    assert_merge(server)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("text/turtle", f"<{EX}a> <{EX}b> [ <{EX}c> 1 ] ."),
        (
            "application/n-triples",
            f'<{EX}a> <{EX}b> _:x .\n_:x <{EX}c> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
        ),
        (
            "application/rdf+xml",
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{EX}">'
            '<rdf:Description rdf:about="a"><ex:b><rdf:Description><ex:c>1</ex:c>'
            "</rdf:Description></ex:b></rdf:Description></rdf:RDF>",
        ),
        ("application/ld+json", f'{{"@id": "{EX}a", "{EX}b": {{"{EX}c": 1}}}}'),
        (
            "application/n-quads",
            f'<{EX}a> <{EX}b> _:x .\n_:x <{EX}c> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
        ),
        ("application/trig", f"{{ <{EX}a> <{EX}b> [ <{EX}c> 1 ] }}"),
    ],
)
def test_gsp_payload_formats(server, content_type, body):
    assert gsp(server, "PUT", G3, body, content_type=content_type).status_code == 201
    graph = graph_of(server, G3)
    assert len(graph) == 2
    assert len(set(graph.subjects(URIRef(EX + "c"), None))) == 1
    assert (URIRef(EX + "a"), URIRef(EX + "b"), None) in graph


def test_gsp_put_without_content_type_is_rdf_xml(server):
    body = (
        f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        f'xmlns:ex="{EX}"><rdf:Description rdf:about="{S}"><ex:p>x</ex:p></rdf:Description></rdf:RDF>'
    )
    r = requests.put(server.url + "/store", params={"graph": G3}, data=body.encode(), headers=AUTH, timeout=TIMEOUT)
    assert r.status_code == 201
    assert set(graph_of(server, G3)) == {(S, P, Literal("x"))}


def test_gsp_post_merges(server):
    r = gsp(server, "POST", G1, f"<{S}> <{P}> [ <{Q}> 10 ] .")
    assert r.status_code == 204
    r = gsp(server, "POST", G1, f"<{S}> <{P}> [ <{Q}> 10 ] .\n<{S}> <{Q}> 1 .")  # a blank node is a new node
    assert r.status_code == 204
    graph = graph_of(server, G1)
    assert len(graph) == 2 + 4  # the old two, two blank nodes with their triple each; <q> 1 not twice
    assert gsp(server, "POST", G1, b"").status_code == 204
    assert len(graph_of(server, G1)) == 6
    assert gsp(server, "POST", G3, f"<{S}> <{P}> <{Q}> .").status_code == 201  # a new graph
    assert_merge(server)


def test_gsp_post_multipart(server):
    boundary = "b" + uuid.uuid4().hex
    parts = [
        ("a.ttl", "text/turtle", f'<{S}> <{P}> "from turtle" .'),
        ("b.nt", None, f'<{S}> <{P}> "from n-triples" .\n'),
    ]  # no Content-Type: the extension says
    body = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"; filename="{n}"\r\n'
        + (f"Content-Type: {t}\r\n" if t else "")
        + f"\r\n{c}\r\n"
        for n, t, c in parts
    )
    body += f"--{boundary}--\r\n"
    r = gsp(server, "POST", G3, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 201, r.text
    assert set(graph_of(server, G3)) == {(S, P, Literal("from turtle")), (S, P, Literal("from n-triples"))}
    assert_merge(server)


def test_gsp_post_to_the_store_creates_a_graph(server):
    r = gsp(server, "POST", None, f"<{S}> <{P}> <new> .")
    assert r.status_code == 201
    location = r.headers["Location"]
    assert location.startswith("https://w3id.org/summit-kg/id/graph/")
    assert set(graph_of(server, location)) == {(S, P, URIRef(location[: location.rindex("/") + 1] + "new"))}
    assert_merge(server)


def test_gsp_delete(server):
    assert gsp(server, "DELETE", G1).status_code == 204
    assert graph_of(server, G1) is None
    assert gsp(server, "DELETE", G1).status_code == 404
    assert ask(server, f'ASK {{ <{S}> <{P}> "shared" }}')  # G2 has it too
    assert not ask(server, f"ASK {{ <{S}> <{Q}> 1 }}")
    assert_merge(server)


def test_gsp_default_graph_writes_go_to_the_stored_default_graph(server):
    assert gsp(server, "POST", default=True, body=f'<{EX}d> <{P}> "direct" .').status_code == 204
    assert ask(server, f'ASK {{ <{EX}d> <{P}> "direct" }}')
    assert gsp(server, "PUT", default=True, body=f'<{EX}d> <{P}> "only" .').status_code == 204
    assert count(server, "?s ?p ?o") == 1
    assert count(server, "GRAPH ?g { ?s ?p ?o }") == 4  # the named graphs are untouched
    assert gsp(server, "DELETE", default=True).status_code == 204
    assert count(server, "?s ?p ?o") == 0


@pytest.mark.parametrize(
    "content_type, body, status, words",
    [
        (TURTLE, '<a> <b> "unterminated .', 400, "does not parse"),
        (NT, "<http://x/a> <http://x/b> .", 400, "does not parse"),
        ("application/n-quads", "<http://x/a> <http://x/b> <http://x/c> <http://x/g> .", 400, "does not parse"),
        (
            "application/ld+json",
            '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://x/a"}',
            400,
            "does not parse",
        ),
        ("application/x-unknown", "whatever", 415, "cannot read a graph"),
        (TURTLE + "; charset=latin-1", "<http://x/a> <http://x/b> <http://x/c> .", 415, "UTF-8"),
        ("multipart/form-data; boundary=nope", "--other\r\n\r\nx\r\n--other--\r\n", 400, "no parts"),
    ],
)
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_bad_payload_changes_nothing(server, method, content_type, body, status, words):
    before = set(store_of(server).ox)
    for graph in (G1, G3):
        r = gsp(server, method, graph, body, content_type=content_type)
        assert r.status_code == status and words in r.text, r.text
    assert set(store_of(server).ox) == before
    assert graph_of(server, G3) is None


def test_gsp_target_errors(server):
    assert gsp(server, "PUT", "relative/graph", "<http://x/a> <http://x/b> <http://x/c> .").status_code == 400
    r = requests.put(server.url + f"/store?default&graph={G3}", data=b"", headers=AUTH, timeout=TIMEOUT)
    assert r.status_code == 400
    r = requests.patch(server.url + "/store", params={"graph": G1}, headers=AUTH, timeout=TIMEOUT)
    assert r.status_code == 405 and "PUT" in r.headers["Allow"]


def test_gsp_graph_iri_is_percent_decoded_once(server):
    once, twice = EX + "pct/1", EX + "pct/%31"
    assert (
        requests.put(
            server.url + "/store?graph=" + EX + "pct/%31",
            data=f"<{S}> <{P}> 1 .",
            headers={**AUTH, "Content-Type": TURTLE},
            timeout=TIMEOUT,
        ).status_code
        == 201
    )
    assert (
        requests.put(
            server.url + "/store?graph=" + EX + "pct/%2531",
            data=f"<{S}> <{P}> 2 .",
            headers={**AUTH, "Content-Type": TURTLE},
            timeout=TIMEOUT,
        ).status_code
        == 201
    )
    assert set(graph_of(server, once)) == {(S, P, Literal(1))}
    assert set(graph_of(server, twice)) == {(S, P, Literal(2))}


# -- the pure parts --------------------------------------------------------------------------------


def test_parse_update_request():
    form = "application/x-www-form-urlencoded"
    assert parse_update_request("GET", b"query=ASK+%7B%7D", None, b"") is None
    assert parse_update_request("POST", b"", form, b"query=ASK+%7B%7D") is None
    assert parse_update_request("POST", b"", "application/sparql-query", b"ASK {}") is None
    expected = UpdateRequest("CLEAR ALL", ("http://g/1",), ("http://g/2",))
    assert (
        parse_update_request(
            "POST", b"using-named-graph-uri=http://g/2", form, b"update=CLEAR+ALL&using-graph-uri=http://g/1"
        )
        == expected
    )
    assert (
        parse_update_request(
            "POST",
            b"using-graph-uri=http://g/1&using-named-graph-uri=http://g/2",
            UPDATE + "; charset=UTF-8",
            b"CLEAR ALL",
        )
        == expected
    )
    calls = []
    parse_update_request("POST", b"", UPDATE, b"CLEAR ALL", authorize=lambda: calls.append(1))
    assert calls == [1]
    for args, error in [
        (("GET", b"update=CLEAR+ALL", None, b""), BadRequest),
        (("POST", b"", UPDATE, b" "), BadRequest),
        (("POST", b"update=CLEAR+ALL", UPDATE, b"CLEAR ALL"), BadRequest),
        (("POST", b"", UPDATE + "; charset=UTF-16", "CLEAR ALL".encode("utf-16")), UnsupportedMediaType),
        (("POST", b"", UPDATE, b"CLEAR \xff"), BadRequest),
        (("POST", b"using-graph-uri=relative", UPDATE, b"CLEAR ALL"), BadRequest),
    ]:
        with pytest.raises(error):
            parse_update_request(*args)


def test_authorize_comes_before_validation():
    def refuse():
        raise PermissionError("no")

    with pytest.raises(PermissionError):
        parse_update_request("POST", b"", UPDATE + "; charset=UTF-16", b"\xff", authorize=refuse)
    with pytest.raises(PermissionError):
        parse_update_request("POST", b"", "application/x-www-form-urlencoded", b"update=&update=", authorize=refuse)


def test_data_blocks_do_not_count_as_operators():
    data = " ".join(f'<http://x/s{i}> <http://x/p> "{i}"^^<http://x/t>, -{i} .' for i in range(600))
    graphs = " ".join(f"GRAPH <http://x/g{i}> {{ <http://x/s> <http://x/p> 1 }}" for i in range(600))
    assert scan_update(f"INSERT DATA {{ {data} }}").operators == 0
    assert scan_update(f"DELETE DATA {{ {graphs} }} ; INSERT {{ }} WHERE {{ FILTER(1 + 1 = 2) }}").operators == 3
    assert scan_update(f"INSERT DATA {{ {data} }} ; LOAD <http://x/>").load
    assert scan_update("INSERT DATA { <http://x/s> <http://x/p> [ <http://x/q> [ <http://x/r> 1 ] ] }").max_depth == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"INSERT DATA {{ <{S}> <{P}> 1 . GRAPH <{G1}> {{ <{S}> <{P}> 1 }} }}", {G1}),
        (
            f"PREFIX ex: <{EX}> BASE <http://b/> "
            "INSERT DATA { GRAPH ex:g2 { ex:s ex:p 1 } GRAPH <g> { ex:s ex:p 2 } }",
            {G2, "http://b/g"},
        ),
        (f"PREFIX : <{EX}> DELETE DATA {{ GRAPH:g1 {{ :s :p 1 }} }}", {G1}),
        (f"DELETE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {G1}),
        (f"WITH <{G2}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", {G2}),
        (f"DELETE WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}", {G3}),
        (f"CREATE GRAPH <{G1}> ; CLEAR DEFAULT ; MOVE <{G2}> TO DEFAULT ; COPY DEFAULT TO GRAPH <{G3}>", {G1, G2, G3}),
        ("INSERT DATA { <rel> <http://x/p> 1 }", set()),
        ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }", None),
        ("CLEAR NAMED", None),
        ("DROP SILENT ALL", None),
        ("CLEARALL", None),  # Oxigraph reads it; rdflib does not: any graph
    ],
)
def test_graphs_written(text, expected):
    got = graphs_written(text, "http://endpoint/sparql")
    assert (None if got is None else set(got)) == expected


def test_graphs_written_refuses_what_is_not_an_update():
    with pytest.raises(QuerySyntaxError):
        graphs_written("INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> }")


def test_with_using():
    text = 'PREFIX with: <http://x/> INSERT { ?s ?p "WHERE" } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p 1 }'
    out = with_using(text, ["http://g/1"], ["http://g/2"])
    assert out == (
        'PREFIX with: <http://x/> INSERT { ?s ?p "WHERE" } USING <http://g/1> USING NAMED <http://g/2> '
        "WHERE { ?s ?p ?o } ; DELETE { ?s ?p 1 } USING <http://g/1> USING NAMED <http://g/2> "
        "WHERE { ?s ?p 1 }"
    )
    assert with_using(text) == text
    for conflict in (
        "WITH <http://g> INSERT {} WHERE {}",
        "INSERT {} USING <http://g> WHERE {}",
        "PREFIX : <http://x/> WITH:g INSERT {} WHERE {}",
    ):
        with pytest.raises(BadRequest):
            with_using(conflict, ["http://g/1"])
