"""Namespaces: the closed ``SKG`` ontology namespace and the vocabularies reused with it.

``SKG`` lists every term of ``ontology/summit-kg.ttl``; with ``_fail = True`` a
mistyped term (``SKG.hostcity``) raises AttributeError instead of minting a new IRI.
A test checks this list against the ontology both ways.  ``PREFIXES`` (prefix ->
namespace IRI) is what serializers and the named queries use.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/summit-kg/ontology"


class SKG(DefinedNamespace):
    """The summit-kg ontology, ``https://w3id.org/summit-kg/ontology#``."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Summit: URIRef
    Organization: URIRef
    InternationalOrganization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Person: URIRef
    Role: URIRef
    Document: URIRef
    Declaration: URIRef
    Communique: URIRef
    Convention: URIRef
    Statement: URIRef
    Agreement: URIRef
    Memorandum: URIRef
    Decision: URIRef
    Resolution: URIRef
    Membership: URIRef
    MembershipStatement: URIRef
    Participation: URIRef
    Article: URIRef
    Mention: URIRef

    # summit
    organizer: URIRef
    hostCity: URIRef
    hostCountry: URIRef
    startDate: URIRef
    endDate: URIRef
    pointInTime: URIRef
    ordinal: URIRef
    summitKind: URIRef
    participant: URIRef
    hasParticipation: URIRef
    newMember: URIRef
    document: URIRef
    documentCount: URIRef
    documentsReported: URIRef

    # participation, membership
    person: URIRef
    country: URIRef
    capacity: URIRef
    member: URIRef
    organization: URIRef
    membershipType: URIRef
    membershipStatus: URIRef
    admittedAt: URIRef
    statementOf: URIRef
    statedAt: URIRef
    statedOn: URIRef
    memberOf: URIRef
    observerOf: URIRef
    dialoguePartnerOf: URIRef

    # people
    holdsRole: URIRef
    roleTitle: URIRef
    affiliation: URIRef

    # organizations, places
    acronym: URIRef
    organizationType: URIRef
    basedIn: URIRef
    locatedIn: URIRef
    placeType: URIRef

    # documents
    documentKind: URIRef
    documentStatus: URIRef
    statusConcept: URIRef
    isNamed: URIRef

    # articles, provenance, text anchors
    contentHash: URIRef
    slug: URIRef
    evidence: URIRef
    inArticle: URIRef

    # concept schemes and their concepts
    MembershipTypeScheme: URIRef
    MembershipFull: URIRef
    MembershipObserver: URIRef
    MembershipDialoguePartner: URIRef
    MembershipCandidate: URIRef
    DocumentStatusScheme: URIRef
    StatusSigned: URIRef
    StatusAdopted: URIRef
    StatusIssued: URIRef
    StatusApproved: URIRef
    StatusPublished: URIRef
    StatusPlanned: URIRef


SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: prefix -> namespace IRI, for serialization (Turtle, TriG) and the named queries.
PREFIXES: dict[str, str] = {
    "skg": str(SKG._NS),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "wdt": str(WDT),
    "prov": str(PROV),
    "nif": str(NIF),
    "sem": str(SEM),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}

__all__ = [
    "SKG",
    "SCHEMA",
    "WD",
    "WDT",
    "NIF",
    "SEM",
    "PROV",
    "OWL",
    "RDF",
    "RDFS",
    "XSD",
    "SKOS",
    "DCTERMS",
    "SH",
    "PREFIXES",
    "ONTOLOGY_IRI",
]
