"""A small dataset on a live endpoint, and how the web tests read SPARQL answers.

Shared by the tests of the server (``small_endpoint`` in conftest.py serves :data:`GRAPHS`);
``rows_of`` reads SELECT rows or an ASK boolean from any results format.
"""

from __future__ import annotations

import contextlib
import csv
import io
import warnings
import xml.etree.ElementTree as ET

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.store import open_store

EX = "http://example.org/test/"
G1, G2, G3 = EX + "graph/1", EX + "graph/2", EX + "graph/3"
S1, S2, P, Q, LABEL, SUMMIT = (URIRef(EX + n) for n in ("s1", "s2", "p", "q", "label", "Summit"))
GRAPHS = {
    G1: [(S1, P, Literal("a", lang="en")), (S1, Q, Literal(1)), (S1, RDF.type, SUMMIT)],
    G2: [(S2, P, Literal("b")), (S2, RDF.type, SUMMIT)],
    G3: [(S1, RDF.type, SUMMIT)],  # also in G1: the union has 5 distinct triples, the store 6 quads
}
UNION = {t for triples in GRAPHS.values() for t in triples}
SR = "{http://www.w3.org/2005/sparql-results#}"
TIMEOUT = 30

JSON, XML, CSV, TSV = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
TURTLE, NT, RDFXML, JSONLD, NQ, TRIG = (
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
)
RDFLIB_FORMAT = {TURTLE: "turtle", NT: "nt", RDFXML: "xml", JSONLD: "json-ld", NQ: "nquads", TRIG: "trig"}
LIMITS = {"max_query_bytes": 50_000, "max_body_bytes": 200_000}


def build_store(path) -> None:
    with open_store(path) as store:
        for graph, triples in GRAPHS.items():
            store.replace_graph(graph, triples)


def term_from_json(v):
    if v["type"] == "uri":
        return URIRef(v["value"])
    return Literal(v["value"], lang=v.get("xml:lang"), datatype=v.get("datatype"))


def rows_of(resp):
    """SELECT rows as sets of (var, term) pairs, or an ASK boolean, from any results format."""
    mt = resp.headers["Content-Type"].split(";")[0]
    if mt == JSON:
        doc = resp.json()
        if "boolean" in doc:
            return doc["boolean"]
        return [{k: term_from_json(v) for k, v in b.items()} for b in doc["results"]["bindings"]]
    if mt == XML:
        root = ET.fromstring(resp.content)
        b = root.find(SR + "boolean")
        if b is not None:
            return b.text == "true"
        rows = []
        for result in root.iter(SR + "result"):
            row = {}
            for binding in result:
                node = binding[0]
                if node.tag == SR + "uri":
                    row[binding.get("name")] = URIRef(node.text)
                else:
                    row[binding.get("name")] = Literal(
                        node.text,
                        lang=node.get("{http://www.w3.org/XML/1998/namespace}lang"),
                        datatype=node.get("datatype"),
                    )
            rows.append(row)
        return rows
    text = resp.content.decode("utf-8")
    if text.strip() in ("true", "false"):
        return text.strip() == "true"
    if mt == CSV:  # CSV keeps only lexical forms
        return [{k: v for k, v in r.items() if v} for r in csv.DictReader(io.StringIO(text))]
    lines = text.rstrip("\n").split("\n")
    head = [v.lstrip("?") for v in lines[0].split("\t")]
    return [{k: v for k, v in zip(head, line.split("\t"), strict=False) if v} for line in lines[1:]]


@contextlib.contextmanager
def rdflib_quiet():
    """rdflib 7.6 calls its own deprecated APIs (ConjunctiveGraph, Dataset.default_context)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"(ConjunctiveGraph|Dataset\.\w+) is deprecated", DeprecationWarning)
        yield
