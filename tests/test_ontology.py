"""The ontology: it parses, documents every term, and matches kg.rdf.namespaces.SKG both ways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES, SKG, WDT

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
NS = str(SKG._NS)
DECLARED_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "summit-kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


def skg_terms(graph: Graph, *, positions=(0, 1, 2)) -> set[str]:
    return {
        str(t)[len(NS) :]
        for triple in graph
        for i, t in enumerate(triple)
        if i in positions and isinstance(t, URIRef) and str(t).startswith(NS)
    }


def test_header(onto):
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo):
        assert onto.value(header, prop) is not None, prop


def test_every_term_is_declared_labelled_and_commented(onto):
    defined = skg_terms(onto, positions=(0,))
    assert len(defined) > 50
    for name in sorted(defined):
        term = SKG._NS[name]
        assert set(onto.objects(term, RDF.type)) & DECLARED_TYPES, f"{name} has no declared type"
        for prop in (RDFS.label, RDFS.comment):
            values = list(onto.objects(term, prop))
            assert len(values) == 1 and isinstance(values[0], Literal) and str(values[0]).strip(), (
                f"{name} needs exactly one {prop}"
            )


def test_namespace_matches_the_ontology_both_ways(onto):
    in_python = set(SKG.__annotations__)
    in_ontology = skg_terms(onto, positions=(0,))
    assert in_python == in_ontology, (
        f"only in kg/rdf/namespaces.py: {sorted(in_python - in_ontology)}; "
        f"only in ontology: {sorted(in_ontology - in_python)}"
    )


def test_every_skg_iri_used_anywhere_is_defined(onto, shapes):
    defined = skg_terms(onto, positions=(0,))
    used = skg_terms(onto) | skg_terms(shapes)
    assert used <= defined, sorted(used - defined)


def test_namespace_is_closed():
    assert SKG.hostCity == URIRef(NS + "hostCity")
    with pytest.raises(AttributeError):
        SKG.hostcity  # noqa: B018  (a typo must fail)


def test_prefixes():
    assert PREFIXES["skg"] == NS
    assert PREFIXES["wdt"] == "http://www.wikidata.org/prop/direct/"
    assert PREFIXES["wd"] == "http://www.wikidata.org/entity/"
    for prefix, iri in PREFIXES.items():
        assert re.fullmatch(r"[a-z][a-z0-9]*", prefix) and iri.endswith(("/", "#")), prefix


def test_alignments_point_at_real_vocabulary_terms(onto):
    """Wikidata alignments are direct properties (wdt:P…) or entities (wd:Q…), never wiki/ page URLs."""
    for _s, _p, o in onto:
        if isinstance(o, URIRef) and "wikidata.org" in str(o):
            assert re.fullmatch(r"http://www\.wikidata\.org/(prop/direct/P|entity/Q)[1-9][0-9]*", str(o)), o
    for prop in ("P17", "P276", "P463", "P710", "P580", "P582", "P585", "P1545", "P664", "P159", "P39", "P27"):
        assert any(True for _ in onto.subjects(None, WDT[prop])), f"no skg term aligned to wdt:{prop}"


def test_domains_and_ranges_are_classes_or_datatypes(onto):
    for prop in (RDFS.domain, RDFS.range):
        for _, cls in onto.subject_objects(prop):
            if str(cls).startswith(NS):
                assert (cls, RDF.type, OWL.Class) in onto, cls


def test_shapes_parse_and_target_every_class(onto, shapes):
    from rdflib.namespace import SH

    targeted = set(shapes.objects(None, SH.targetClass))
    for cls in onto.subjects(RDF.type, OWL.Class):
        assert cls in targeted, f"no shape targets {cls}"
