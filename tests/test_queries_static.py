"""Every named query parses (Oxigraph and rdflib), has its front-matter and declares its prefixes."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.rdf.namespaces import PREFIXES
from kg.sparql.named import parse_named_query

QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))


def test_the_named_queries_are_there():
    names = {q.stem for q in QUERIES}
    assert names >= {"summits", "members", "documents", "people", "organizations", "wikidata-links"}


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_parses_and_has_front_matter(path):
    query = parse_named_query(path)  # runs it on an empty Oxigraph store: the native parser's verdict
    assert query.title.strip() and len(query.description) > 20
    head = path.read_text(encoding="utf-8").splitlines()
    assert head[0].startswith("#+ title:") and head[1].startswith("#+ description:")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        prepareQuery(query.text)  # a second parser, no prefixes given: only the declared ones resolve


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_declares_only_the_usual_prefixes(path):
    """Declared prefixes mean what kg.rdf.namespaces.PREFIXES says, and no FROM / SERVICE reaches out."""
    text = path.read_text(encoding="utf-8")
    for prefix, iri in re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.IGNORECASE):
        assert PREFIXES.get(prefix) == iri, prefix
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"\b(FROM|GRAPH)\b", body, flags=re.IGNORECASE), "named queries run on the union default graph"
    # SERVICE only to the endpoints the front-matter declares (the operator must allowlist them)
    declared = set(re.findall(r"^#\+\s*service:\s*(\S+)", text, flags=re.MULTILINE))
    called = set(re.findall(r"\bSERVICE\s+(?:SILENT\s+)?<([^>]*)>", body, flags=re.IGNORECASE))
    assert called == declared
    assert not re.search(r"\bSERVICE\s+(?:SILENT\s+)?\?", body, flags=re.IGNORECASE)
