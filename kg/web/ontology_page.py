"""The ontology at its own IRI's path: ``GET /summit-kg/ontology``.

HTML lists the classes, properties and concept schemes of ``ontology/summit-kg.ttl``
with their labels, comments, super-classes/properties, domains, ranges and
alignments; every term has an anchor named by its local name, so the hash IRIs
(``.../ontology#Summit``) resolve to their entry.  Turtle is the file itself;
N-Triples, JSON-LD and RDF/XML are serialized from it.  The file is read and checked
once, when the app is created.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.errors import ConfigError
from kg.formats import rdf_format
from kg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.resources import ontology_dir

from .entities import ALTERNATES, HTML, OFFERS, Linker, choose_media_type, compact, respond

NS = ONTOLOGY_IRI + "#"
SECTIONS = (
    ("section-classes", "Classes", (OWL.Class, RDFS.Class)),
    ("section-object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("section-datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("section-annotation-properties", "Annotation properties", (OWL.AnnotationProperty, RDF.Property)),
    ("section-concept-schemes", "Concept schemes", (SKOS.ConceptScheme,)),
    ("section-concepts", "Concepts", (SKOS.Concept,)),
)
#: (heading, predicate, inverse?) of the facts listed under each term.
FACTS = (
    ("Type", RDF.type, False),
    ("Subclass of", RDFS.subClassOf, False),
    ("Superclass of", RDFS.subClassOf, True),
    ("Subproperty of", RDFS.subPropertyOf, False),
    ("Domain", RDFS.domain, False),
    ("Range", RDFS.range, False),
    ("Inverse of", OWL.inverseOf, False),
    ("Equivalent class", OWL.equivalentClass, False),
    ("Equivalent property", OWL.equivalentProperty, False),
    ("Exact match", SKOS.exactMatch, False),
    ("Close match", SKOS.closeMatch, False),
    ("Broad match", SKOS.broadMatch, False),
    ("Narrow match", SKOS.narrowMatch, False),
    ("Related match", SKOS.relatedMatch, False),
    ("In scheme", SKOS.inScheme, False),
    ("Top concepts", SKOS.hasTopConcept, False),
    ("See also", RDFS.seeAlso, False),
)


def ontology_file() -> Path:
    return ontology_dir() / "summit-kg.ttl"


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    english = [v for v in values if v.language in (None, "en")]
    chosen = sorted(english or values, key=str)
    return str(chosen[0]) if chosen else None


def ontology_model(graph: Graph, linker: Linker) -> dict:
    """The page's view model: the ontology header and one section per kind of term."""
    prefixes = dict(PREFIXES)
    prefixes.update({p: str(ns) for p, ns in graph.namespaces() if p and p not in prefixes})

    def ref(term: object) -> dict:
        if isinstance(term, URIRef):
            iri = str(term)
            return {"text": compact(iri, prefixes), "href": linker.href(iri), "iri": iri}
        return {"text": str(term), "href": None, "iri": ""}

    placed: set[URIRef] = set()
    sections = []
    for anchor, title, kinds in SECTIONS:
        terms = sorted(
            {
                s
                for kind in kinds
                for s in graph.subjects(RDF.type, kind)
                if isinstance(s, URIRef) and str(s).startswith(NS) and s not in placed
            },
            key=str,
        )
        placed.update(terms)
        entries = []
        for term in terms:
            facts = []
            for heading, predicate, inverse in FACTS:
                values = graph.subjects(predicate, term) if inverse else graph.objects(term, predicate)
                shown = [ref(v) for v in sorted(values, key=str)]
                if shown:
                    facts.append({"heading": heading, "values": shown})
            entries.append(
                {
                    "id": str(term)[len(NS) :],
                    "iri": str(term),
                    "label": _text(graph, term, RDFS.label)
                    or _text(graph, term, SKOS.prefLabel)
                    or str(term)[len(NS) :],
                    "comment": _text(graph, term, RDFS.comment) or _text(graph, term, SKOS.definition),
                    "facts": facts,
                }
            )
        if entries:
            sections.append({"id": anchor, "title": title, "terms": entries})
    onto = URIRef(ONTOLOGY_IRI)
    return {
        "iri": ONTOLOGY_IRI,
        "title": _text(graph, onto, DCTERMS.title) or "summit-kg ontology",
        "description": _text(graph, onto, DCTERMS.description),
        "version": _text(graph, onto, OWL.versionInfo),
        "license": [ref(o) for o in graph.objects(onto, DCTERMS.license)],
        "sections": sections,
    }


def ontology_blueprint(path: Path | None = None) -> Blueprint:
    """``GET`` on the path of the ontology IRI; the file is read (and must parse) now."""
    bp = Blueprint("ontology", __name__, template_folder="templates")
    source = path or ontology_file()
    try:
        turtle = source.read_bytes()
        graph = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
        triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE, base_iri=ONTOLOGY_IRI))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        raise ConfigError(f"cannot read the ontology {source}: {exc}") from None
    if (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) not in graph:
        raise ConfigError(f"{source} does not declare <{ONTOLOGY_IRI}> an owl:Ontology")
    route = urlsplit(ONTOLOGY_IRI).path
    linker = Linker("", None, route)
    model = ontology_model(graph, linker)
    documents: dict[str, bytes] = {"text/turtle": turtle}
    for _, media_type in ALTERNATES:
        if media_type not in documents:
            data = ox.serialize(triples, format=rdf_format(media_type))
            assert data is not None  # no output file given: the bytes are returned
            documents[media_type] = data

    @bp.route(route, methods=["GET"])
    def ontology() -> Response:
        media_type = choose_media_type(request.args.get("format"), request.headers.get("Accept"), OFFERS)
        if media_type == HTML:
            html = render_template("ontology.html", onto=model, alternates=ALTERNATES)
            return respond(html, media_type, request.base_url)
        return respond(documents[media_type], media_type, request.base_url)

    return bp
