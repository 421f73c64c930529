"""Dumps of the store: every format, whole or one graph, gzip both ways, over HTTP and from ``kg dump``.

The store holds three graphs of a few thousand triples each (with literals that need
escaping, language tags, datatypes, and triples shared between graphs), so a dump over
HTTP is sent in many pieces.  Each dump is parsed back with rdflib and compared to
what was stored.  Flat memory is measured by ``bench/dump_memory.py``, not here.
"""

from __future__ import annotations

import gzip
import io
import zlib

import pytest
import requests
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kg.cli import main
from kg.store import open_store
from kg.store.common import GzipWriter
from kg.web.dump import DUMPS, accepts_gzip

from .endpoint import rdflib_quiet
from .live import Server, make_app

EX = "http://example.org/dump/"
TIMEOUT = 60
PER_GRAPH = 2000  # 3 graphs, 6k triples: many 8 KiB writes and 64 KiB pieces of a dump
RDFLIB = {"turtle": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}
QUADS = {"nq", "trig"}


def graph_triples(n: int) -> list[tuple]:
    """Graph ``n``'s triples: its own, and a few every graph has (the merge keeps each once)."""
    own = []
    for i in range(PER_GRAPH):
        s = URIRef(f"{EX}g{n}/s{i // 4}")
        kind = i % 4
        if kind == 0:
            own.append((s, RDFS.label, Literal(f'n°{i} "quoted" <b> & \\ \n line', lang="en")))
        elif kind == 1:
            own.append((s, URIRef(EX + "value"), Literal(i)))
        elif kind == 2:
            own.append((s, URIRef(EX + "date"), Literal(f"2017-06-{1 + i % 28:02d}", datatype=XSD.date)))
        else:
            own.append((s, URIRef(EX + "next"), URIRef(f"{EX}g{n}/s{i // 4 + 1}")))
    shared = [
        (URIRef(EX + "astana"), RDF.type, URIRef(EX + "City")),
        (URIRef(EX + "astana"), RDFS.label, Literal("Астана", lang="kk")),
    ]
    return own + shared


GRAPHS = {f"{EX}graph/{n}": graph_triples(n) for n in range(3)}
UNION = {t for triples in GRAPHS.values() for t in triples}


def build(path) -> None:
    with open_store(path) as store:
        for graph, triples in GRAPHS.items():
            store.replace_graph(graph, triples)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """The server's store (it holds the lock while the module's server runs)."""
    path = tmp_path_factory.mktemp("dump") / "store"
    build(path)
    return path


@pytest.fixture(scope="module")
def cli_store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("dump-cli") / "store"
    build(path)
    return path


@pytest.fixture(scope="module")
def server(store_path):
    srv = Server(make_app(store_path))
    yield srv
    srv.close()


def graphs_in(data: bytes, fmt: str) -> dict[str, set]:
    """The triples of each graph of a document: '' for the default graph."""
    with rdflib_quiet():
        if fmt in QUADS:
            ds = Dataset()
            ds.parse(data=data, format=RDFLIB[fmt])
            out: dict[str, set] = {}
            for s, p, o, g in ds.quads():
                name = "" if g is None or g == ds.default_graph.identifier else str(g)
                out.setdefault(name, set()).add((s, p, o))
            return out
        graph = Graph()
        graph.parse(data=data, format=RDFLIB[fmt])
        return {"": set(graph)}


def expected(fmt: str, graph: str | None) -> dict[str, set]:
    if graph is not None:
        return {graph if fmt in QUADS else "": set(GRAPHS[graph])}
    return {g: set(t) for g, t in GRAPHS.items()} if fmt in QUADS else {"": UNION}


def get(srv, path, headers=None, **kw):
    return requests.get(srv.url + path, timeout=TIMEOUT, headers={"Connection": "close", **(headers or {})}, **kw)


def raw_body(resp) -> bytes:
    """The bytes on the wire, not decoded by requests."""
    return resp.raw.read(decode_content=False)


# -- the store ----------------------------------------------------------------------------


def dumped(path, fmt: str, graph: str | None = None, gzip: bool = False) -> bytes:
    out = io.BytesIO()
    with open_store(path) as store:
        store.dump(out, fmt, graph, gzip=gzip)
    return out.getvalue()


@pytest.mark.parametrize("fmt", RDFLIB)
def test_store_dump_every_format(cli_store_path, fmt):
    assert graphs_in(dumped(cli_store_path, fmt), fmt) == expected(fmt, None)
    graph = f"{EX}graph/0"
    assert graphs_in(dumped(cli_store_path, fmt, graph), fmt) == expected(fmt, graph)


def test_store_dump_gzip_is_one_gzip_stream(cli_store_path):
    compressed = dumped(cli_store_path, "nq", gzip=True)
    assert compressed[:2] == b"\x1f\x8b"
    assert gzip.decompress(compressed) == dumped(cli_store_path, "nq")


def test_quad_dumps_keep_blank_nodes_and_the_graph_of_each_triple(tmp_path):
    """Blank nodes keep their identity within a graph, and a literal that looks like the end of
    a line (" .", a newline, an IRI) stays inside its triple."""
    graphs = {}
    for n in range(2):
        node = BNode()
        graphs[f"{EX}bnodes/{n}"] = [
            (node, RDFS.label, Literal(f"b{n} .\n<{EX}x> .", lang="en")),
            (URIRef(f"{EX}s{n}"), URIRef(EX + "p"), node),
        ]
    with open_store(tmp_path / "b") as store:
        for graph, triples in graphs.items():
            store.replace_graph(graph, triples)
    for fmt in sorted(QUADS):
        with rdflib_quiet():
            ds = Dataset()
            ds.parse(data=dumped(tmp_path / "b", fmt), format=RDFLIB[fmt])
        for graph, triples in graphs.items():
            assert isomorphic(ds.graph(URIRef(graph)), _graph(triples)), (fmt, graph)


def _graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_an_empty_store_dumps_empty_documents(tmp_path):
    for fmt in RDFLIB:
        assert graphs_in(dumped(tmp_path / "empty", fmt), fmt) in ({}, {"": set()}), fmt


def test_gzip_writer_compresses_as_it_goes():
    out = io.BytesIO()
    writer = GzipWriter(out)
    pieces = [bytes(range(256)) * 4000, b"", "é\n".encode() * 1000]
    for piece in pieces:
        writer.write(piece)
    assert len(out.getvalue()) > 0  # the first megabyte is out before the end
    writer.finish()
    assert gzip.decompress(out.getvalue()) == b"".join(pieces)


# -- over HTTP ---------------------------------------------------------------------------------


@pytest.mark.parametrize("ext", DUMPS)
def test_every_format_whole_and_one_graph(server, ext):
    fmt, media_type = DUMPS[ext]
    resp = get(server, f"/dump.{ext}", headers={"Accept-Encoding": "identity"})
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].split(";")[0] == media_type
    assert resp.headers["Content-Disposition"] == f'attachment; filename="summit-kg.{ext}"'
    assert "Content-Encoding" not in resp.headers and "Accept-Encoding" in resp.headers["Vary"]
    assert graphs_in(resp.content, fmt) == expected(fmt, None)
    graph = f"{EX}graph/2"
    one = get(server, f"/dump.{ext}", params={"graph": graph}, headers={"Accept-Encoding": "identity"})
    assert one.status_code == 200
    assert one.headers["Content-Disposition"] == f'attachment; filename="summit-kg-graph.{ext}"'
    assert graphs_in(one.content, fmt) == expected(fmt, graph)


def test_jsonld_round_trips_through_rdflib(server):
    """One JSON-LD document, streamed by pyoxigraph, that rdflib reads back to the same graph."""
    resp = get(server, "/dump.jsonld")
    assert resp.status_code == 200
    text = resp.content.decode("utf-8")
    assert text.startswith("[") and text.rstrip().endswith("]")
    with rdflib_quiet():
        graph = Graph().parse(data=text, format="json-ld")
    assert len(graph) == len(UNION)
    reference = Graph()
    for t in UNION:
        reference.add(t)
    assert isomorphic(graph, reference)


@pytest.mark.parametrize("accept_encoding", ["gzip", "gzip, deflate, br", "deflate;q=0.5, gzip;q=0.8", "*"])
def test_gzip_by_accept_encoding(server, accept_encoding):
    resp = get(server, "/dump.nq", headers={"Accept-Encoding": accept_encoding}, stream=True)
    assert resp.status_code == 200
    assert resp.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in resp.headers["Vary"]
    assert resp.headers["Content-Type"] == "application/n-quads"
    body = raw_body(resp)
    assert body[:2] == b"\x1f\x8b"
    plain = get(server, "/dump.nq", headers={"Accept-Encoding": "identity"})
    assert gzip.decompress(body) == plain.content and len(plain.content) > len(body)


@pytest.mark.parametrize("accept_encoding", [None, "identity", "gzip;q=0", "br", "*;q=0", "*, gzip;q=0"])
def test_no_gzip_unless_accepted(server, accept_encoding):
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {"Accept-Encoding": ""}
    resp = get(server, "/dump.nt", headers=headers, stream=True)
    assert resp.status_code == 200
    assert "Content-Encoding" not in resp.headers
    assert "Accept-Encoding" in resp.headers["Vary"]
    assert graphs_in(raw_body(resp), "nt") == expected("nt", None)


@pytest.mark.parametrize("ext", ["nq", "ttl", "jsonld", "rdf"])
def test_explicit_gz_files(server, ext):
    fmt = DUMPS[ext][0]
    graph = f"{EX}graph/0"
    for params, name, graph_name in (({}, "summit-kg", None), ({"graph": graph}, "summit-kg-graph", graph)):
        resp = get(server, f"/dump.{ext}.gz", params=params, headers={"Accept-Encoding": "gzip"}, stream=True)
        assert resp.status_code == 200
        assert resp.headers["Content-Type"] == "application/gzip"
        assert resp.headers["Content-Disposition"] == f'attachment; filename="{name}.{ext}.gz"'
        assert "Content-Encoding" not in resp.headers  # a gzip file, not a gzipped transfer: never gzipped twice
        assert graphs_in(gzip.decompress(raw_body(resp)), fmt) == expected(fmt, graph_name)


def test_gzip_is_streamed_in_pieces(server):
    """The compressed body arrives as one gzip member that decompresses incrementally."""
    resp = get(server, "/dump.nt.gz", stream=True)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = io.BytesIO()
    pieces = 0
    for piece in resp.raw.stream(16384, decode_content=False):
        out.write(decompressor.decompress(piece))
        pieces += 1
    out.write(decompressor.flush())
    assert decompressor.eof and pieces > 1
    assert graphs_in(out.getvalue(), "nt") == expected("nt", None)


@pytest.mark.parametrize(
    "path, params, status",
    [
        ("/dump.xyz", {}, 404),
        ("/dump.xyz.gz", {}, 404),
        ("/dump.gz", {}, 404),
        ("/dump.nq.gz.gz", {}, 404),
        ("/dump.nq", {"graph": EX + "absent"}, 404),
        ("/dump.nq.gz", {"graph": EX + "absent"}, 404),
        ("/dump.nq", {"graph": "relative"}, 400),
        ("/dump.nq", {"graph": [EX + "graph/0", EX + "graph/1"]}, 400),
    ],
)
def test_bad_dump_requests(server, path, params, status):
    resp = get(server, path, params=params, headers={"Accept": "application/json"})
    assert resp.status_code == status
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.json()["message"]


def test_accepts_gzip():
    assert accepts_gzip("gzip") and accepts_gzip("GZIP;q=0.1") and accepts_gzip("x-gzip") and accepts_gzip("*")
    assert accepts_gzip("br;q=1, gzip;q=0.001")
    for header in (None, "", "identity", "gzip;q=0", "gzip;q=0.0, *", "*;q=0", "deflate", "gzip;q=nope"):
        assert not accepts_gzip(header), header


# -- kg dump ----------------------------------------------------------------------------------


def test_cli_dump_gzip_and_formats_from_the_file_name(cli_store_path, tmp_path, capsysbinary):
    store = ["--store", str(cli_store_path)]
    assert main(["dump", *store, "-o", str(tmp_path / "all.nq.gz")]) == 0  # format and gzip from the name
    assert graphs_in(gzip.decompress((tmp_path / "all.nq.gz").read_bytes()), "nq") == expected("nq", None)
    assert main(["dump", *store, "-o", str(tmp_path / "all.jsonld")]) == 0
    assert graphs_in((tmp_path / "all.jsonld").read_bytes(), "jsonld") == expected("jsonld", None)
    graph = f"{EX}graph/1"
    capsysbinary.readouterr()
    assert main(["dump", *store, "--format", "trig", "--graph", graph, "--gzip"]) == 0
    assert graphs_in(gzip.decompress(capsysbinary.readouterr().out), "trig") == expected("trig", graph)
    assert main(["dump", *store, "--format", "nt", "-o", str(tmp_path / "out.rdf")]) == 0  # --format wins
    assert graphs_in((tmp_path / "out.rdf").read_bytes(), "nt") == expected("nt", None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonld", "all.nq.gz", "out.rdf"]


def test_cli_dump_errors_leave_no_file(cli_store_path, tmp_path, capsys):
    target = tmp_path / "x.nq"
    assert main(["dump", "--store", str(cli_store_path), "--graph", EX + "absent", "-o", str(target)]) == 1
    assert "no graph" in capsys.readouterr().err
    assert main(["dump", "--store", str(cli_store_path), "-o", str(tmp_path / "missing" / "x.nq")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
