"""The SPARQL Service Description of the endpoint (``GET /sparql`` without a query).

Built as pyoxigraph triples and serialized natively: the endpoint, the languages
(SPARQL 1.1 Update only when writes are enabled), the result formats, the features, and
the default dataset with its named graphs and their sizes (VoID ``void:triples``, one native COUNT per request).
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.store.embedded import Store

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = "http://www.w3.org/ns/formats/"
PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS}
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

#: W3C format IRIs of every result format the endpoint writes.
RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
    "N-Quads",
    "TriG",
)
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def _sd(term: str) -> ox.NamedNode:
    return ox.NamedNode(SD + term)


def service_description(
    store: Store, endpoint: str, *, union_default_graph: bool, federation: bool, update: bool = False
) -> list[ox.Triple]:
    """The description of the endpoint at ``endpoint`` over ``store`` (``update``: it takes SPARQL Update)."""
    service = ox.BlankNode()
    dataset = ox.BlankNode()
    default_graph = ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
    ]
    if update:  # writes are enabled (an update token is set); a graph may then be empty
        triples += [
            ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")),
            ox.Triple(service, _sd("feature"), _sd("EmptyGraphs")),
        ]
    triples += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMAT_IRIS]
    if union_default_graph:
        triples.append(ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")))
    if federation:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    total = 0
    sizes = store.query(_GRAPH_SIZES)
    assert isinstance(sizes, ox.QuerySolutions)  # a SELECT
    for row in sizes:
        name, count = row["g"], int(row["n"].value)
        if not isinstance(name, ox.NamedNode):
            continue
        total += count
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), name),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(count), datatype=_XSD_INTEGER)),
        ]
    triples.append(ox.Triple(dataset, ox.NamedNode(VOID + "triples"), ox.Literal(str(total), datatype=_XSD_INTEGER)))
    return triples
