"""The SPARQL of the summary pages (:mod:`kg.web.pages`): one SELECT per page kind, and search and labels.

Each page kind's query is a few row kinds joined by ``UNION`` (a ``?kind`` column names
the kind), with the entity bound as ``?e`` by substitution, never pasted into the text.
The queries read the article graphs (``GRAPH ?g``): each article's statements live in a
named graph of their own, so the graph a value comes from names the article that says
it -- which is how a summit card shows, next to each host city or date, the articles
that give it, and shows both values when articles disagree.  The sentences behind a
fact (``skg:evidence``) are read in the same query and shown as quotes on demand.

Bounds: every row kind is a pattern anchored on ``?e`` (or on the things one step from
it); the row kinds that can grow with the store (an organization's membership
statements, a country's mentions) are aggregated or cut by a ``LIMIT`` inside the
query, and the runner's ``max_rows`` caps the whole (the page says when it did).
Labels of things one step away are read by flat ``OPTIONAL``s anchored on the bound
subject (``OPTIONAL { ?x p ?y } OPTIONAL { ?x p/rdfs:label ?l }``): a nested
``OPTIONAL { ?x p ?y . OPTIONAL { ?y rdfs:label ?l } }`` made Oxigraph evaluate the inner
pattern over the whole graph (BENCHMARKS.md, "Page time").
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES

SKG = PREFIXES["skg"]
#: Most quotes one page carries per thing (the generic page, ?view=all, has them all).
MAX_QUOTES = 400
#: Most mentions (articles that name the entity) a country or person page lists.
MAX_MENTIONS = 60

_PROLOGUE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("rdfs", "skg", "nif", "schema", "prov", "skos", "owl"))

#: The page kinds, most specific first: the first class an entity has decides its page.
PAGE_KINDS: tuple[tuple[str, str], ...] = (
    (SKG + "Summit", "summit"),
    (SKG + "InternationalOrganization", "organization"),
    (SKG + "Country", "country"),
    (SKG + "Person", "person"),
)

#: What an earliest date is when no row of a group has one.  Oxigraph's MIN and MAX are
#: unbound as soon as one row of the group lacks the value (an OPTIONAL that did not
#: match), so the queries take MIN over ``COALESCE(STR(?d), NO_DATE)`` (``~`` sorts after
#: every date) and SAMPLE (which skips unbound values) for the rest; an IRI and its label
#: are sampled together (:func:`_pair`) so that a link never carries another thing's name.
NO_DATE = "~"


def _earliest(var: str, alias: str) -> str:
    """``(MIN(...) AS ?alias)``: the earliest value of ``?var`` in the group, or :data:`NO_DATE`."""
    return f'(MIN(COALESCE(STR(?{var}), "{NO_DATE}")) AS ?{alias})'


def _pair(iri: str, name: str, alias: str) -> str:
    """``(SAMPLE(...) AS ?alias)``: one ``?iri`` of the group with its ``?name``, as ``IRI<TAB>name``."""
    return f'(SAMPLE(CONCAT(STR(?{iri}), "\\t", COALESCE(STR(?{name}), ""))) AS ?{alias})'


def _unpair(alias: str, iri: str, name: str) -> str:
    """Binds ``?iri`` and ``?name`` back from a :func:`_pair` (unbound if the group had none; a missing
    name is an empty string, which :func:`_v` reads as None)."""
    return f'BIND(IRI(STRBEFORE(?{alias}, "\\t")) AS ?{iri}) BIND(STRAFTER(?{alias}, "\\t") AS ?{name})'


#: The classes of ?e (a handful of rows).
TYPES = _PROLOGUE + "SELECT DISTINCT ?e ?t WHERE { { ?e a ?t } UNION { GRAPH ?g { ?e a ?t } } }"

# One row kind per section; the columns are shared: ?x/?y/?z things (with labels ?xl ?yl ?zl),
# ?o a value (with label ?ol), ?v/?w texts, ?g the article graph, ?m/?text/?begin a quote.
_COLUMNS = "?e ?kind ?g ?p ?o ?ol ?x ?xl ?y ?yl ?z ?zl ?v ?w ?m ?text ?begin"

#: The articles ?e is derived from, each with its metadata.  The OPTIONALs stand outside the
#: ``GRAPH ?g`` of the articles, each in a ``GRAPH ?g`` of its own, and the type is a FILTER
#: EXISTS: written inside it (and as a join), Oxigraph took 24 ms instead of 7 for a country's
#: 94 articles on the 2,000-article store (BENCHMARKS.md, "Page time").
_SOURCES = """
  { GRAPH ?g { ?e prov:wasDerivedFrom ?x . FILTER EXISTS { ?x a skg:Article } }
    OPTIONAL { GRAPH ?g { ?x schema:headline ?v } } OPTIONAL { GRAPH ?g { ?x rdfs:label ?w } }
    OPTIONAL { GRAPH ?g { ?x schema:datePublished ?o } } OPTIONAL { GRAPH ?g { ?x schema:url ?y } }
    OPTIONAL { GRAPH ?g { ?x schema:publisher ?z } } OPTIONAL { GRAPH ?g { ?x schema:publisher/rdfs:label ?zl } }
    BIND("source" AS ?kind) }"""

#: The sources of a country or person page: only the articles that quote it (its mentions).
_QUOTING_SOURCES = _SOURCES.replace(
    "?e prov:wasDerivedFrom ?x .", "?e prov:wasDerivedFrom ?x . FILTER EXISTS { ?e skg:evidence ?quoted }"
)

_HEADER = """
  { { SELECT DISTINCT ?e ?p ?o WHERE {
      GRAPH ?g { ?e ?p ?o . VALUES ?p { rdfs:label skos:altLabel owl:sameAs skg:acronym } } } }
    BIND("header" AS ?kind) }"""


def _quotes(evidence: str) -> str:
    """Quote rows: ``evidence`` binds ?x (?e or a thing one step from it) and its mention ?m."""
    return f"""
  {{ {{ SELECT ?e ?x ?g ?m ?text ?begin WHERE {{
      GRAPH ?g {{ {evidence} ?m nif:anchorOf ?text . OPTIONAL {{ ?m nif:beginIndex ?begin }} }}
    }} LIMIT {MAX_QUOTES} }}
    BIND("quote" AS ?kind) }}"""


SUMMIT = (
    _PROLOGUE
    + f"""SELECT {_COLUMNS} WHERE {{
  {{ GRAPH ?g {{ ?e ?p ?o . OPTIONAL {{ ?o rdfs:label ?ol }}
      VALUES ?p {{ skg:organizer skg:hostCity skg:hostCountry skg:startDate skg:endDate skg:pointInTime
                  skg:ordinal skg:summitKind skg:documentCount skg:documentsReported skg:newMember }} }}
    BIND("fact" AS ?kind) }}
  UNION {_HEADER}
  UNION
  {{ GRAPH ?g {{ ?e skg:hasParticipation ?x .
      OPTIONAL {{ ?x skg:person ?y }} OPTIONAL {{ ?x skg:person/rdfs:label ?yl }}
      OPTIONAL {{ ?x skg:country ?z }} OPTIONAL {{ ?x skg:country/rdfs:label ?zl }}
      OPTIONAL {{ ?x skg:organization ?o }} OPTIONAL {{ ?x skg:organization/rdfs:label ?ol }}
      OPTIONAL {{ ?x skg:capacity ?v }} }}
    BIND("participation" AS ?kind) }}
  UNION
  {{ GRAPH ?g {{ ?e skg:participant ?x . ?x a ?y . OPTIONAL {{ ?x rdfs:label ?xl }}
      VALUES ?y {{ skg:Country skg:Organization }} }}
    BIND("participant" AS ?kind) }}
  UNION
  {{ GRAPH ?g {{ ?e skg:document ?x . OPTIONAL {{ ?x rdfs:label ?xl }} OPTIONAL {{ ?x skg:documentStatus ?v }}
      OPTIONAL {{ ?x skg:statusConcept ?y }} OPTIONAL {{ ?x skg:documentKind ?w }} }}
    BIND("document" AS ?kind) }}
  UNION
  {{ GRAPH ?g {{ ?st skg:statedAt ?e ; skg:statementOf ?x . ?x skg:member ?y ; skg:membershipType ?z .
      OPTIONAL {{ ?y rdfs:label ?yl }} OPTIONAL {{ ?x skg:membershipStatus ?v }} }}
    BIND("membership" AS ?kind) }}
  UNION {_SOURCES}
  UNION {_quotes("?e skg:evidence ?m . BIND(?e AS ?x)")}
  UNION {_quotes("?e skg:hasParticipation ?x . ?x skg:evidence ?m .")}
  UNION {_quotes("?e skg:document ?x . ?x skg:evidence ?m .")}
}}"""
)

ORGANIZATION = (
    _PROLOGUE
    + f"""SELECT {_COLUMNS} WHERE {{
  {_HEADER.strip()}
  UNION
  {{ {{ SELECT ?e ?x (SAMPLE(?label) AS ?xl) (SAMPLE(?ord) AS ?v) {_earliest("when", "o")}
           {_pair("city", "cityName", "cityPair")} {_pair("country", "countryName", "countryPair")}
           (COUNT(DISTINCT ?src) AS ?w)
    WHERE {{ GRAPH ?src {{ ?x skg:organizer ?e .
        OPTIONAL {{ ?x rdfs:label ?label }} OPTIONAL {{ ?x skg:ordinal ?ord }}
        OPTIONAL {{ ?x skg:startDate|skg:pointInTime ?when }}
        OPTIONAL {{ ?x skg:hostCity ?city }} OPTIONAL {{ ?x skg:hostCity/rdfs:label ?cityName }}
        OPTIONAL {{ ?x skg:hostCountry ?country }} OPTIONAL {{ ?x skg:hostCountry/rdfs:label ?countryName }} }} }}
    GROUP BY ?e ?x }}
    {_unpair("cityPair", "y", "yl")} {_unpair("countryPair", "z", "zl")}
    BIND("summit" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?x ?y ?z (SAMPLE(?memberName) AS ?yl) (SAMPLE(?summitName) AS ?xl) {_earliest("when", "o")}
           (MAX(?new) AS ?v) (COUNT(DISTINCT ?src) AS ?w)
    WHERE {{ GRAPH ?src {{ ?ms skg:organization ?e ; skg:member ?y ; skg:membershipType ?z .
        ?st skg:statementOf ?ms .
        OPTIONAL {{ ?st skg:statedAt ?x }} OPTIONAL {{ ?st skg:statedAt/rdfs:label ?summitName }}
        OPTIONAL {{ ?st skg:statedOn ?when }}
        OPTIONAL {{ ?y rdfs:label ?memberName }}
        BIND(IF(BOUND(?x) && EXISTS {{ ?ms skg:admittedAt ?x }}, 1, 0) AS ?new) }} }}
    GROUP BY ?e ?x ?y ?z }}
    BIND("statement" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?y ?z (SAMPLE(?memberName) AS ?yl) (COUNT(DISTINCT ?src) AS ?w)
    WHERE {{ GRAPH ?src {{ ?ms skg:organization ?e ; skg:member ?y ; skg:membershipType ?z .
        OPTIONAL {{ ?y rdfs:label ?memberName }} }} }}
    GROUP BY ?e ?y ?z }}
    BIND("membership" AS ?kind) }}
}}"""
)

#: A country's page.  The summits it attended are two row kinds: ``attended`` (the summit, its label
#: and earliest date, how many articles) and ``represented`` (someone who came for it, with a name,
#: and a capacity).  Oxigraph answers an OPTIONAL by reading its pattern for the whole store, but a
#: triple pattern joined inside a group row by row: the person and the name joined in one group
#: (inner), rather than three OPTIONALs over every participation, took the summits attended from
#: 34 to 19 + 6 ms for Kyrgyzstan on the 2,000-article store (BENCHMARKS.md, "Page time").
COUNTRY = (
    _PROLOGUE
    + f"""SELECT {_COLUMNS} WHERE {{
  {_HEADER.strip()}
  UNION
  {{ {{ SELECT ?e ?x (SAMPLE(?label) AS ?xl) {_earliest("when", "o")} (COUNT(DISTINCT ?g) AS ?w)
    WHERE {{ GRAPH ?g {{ {{ ?pp skg:country ?e . ?x skg:hasParticipation ?pp }} UNION {{ ?x skg:participant ?e }}
                        FILTER EXISTS {{ ?x a skg:Summit }} }}
      OPTIONAL {{ GRAPH ?g {{ ?x rdfs:label ?label }} }}
      OPTIONAL {{ GRAPH ?g {{ ?x skg:startDate|skg:pointInTime ?when }} }} }}
    GROUP BY ?e ?x }}
    BIND("attended" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?x {_pair("person", "personName", "personPair")} (SAMPLE(?cap) AS ?v)
    WHERE {{ GRAPH ?g {{ ?pp skg:country ?e . ?x skg:hasParticipation ?pp . ?pp skg:person ?person .
                        ?person rdfs:label ?personName . OPTIONAL {{ ?pp skg:capacity ?cap }} }} }}
    GROUP BY ?e ?x }}
    {_unpair("personPair", "y", "yl")}
    BIND("represented" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?x (SAMPLE(?label) AS ?xl) {_earliest("when", "o")} (COUNT(DISTINCT ?g) AS ?w)
    WHERE {{ GRAPH ?g {{ ?x skg:hostCountry ?e . OPTIONAL {{ ?x rdfs:label ?label }}
        OPTIONAL {{ ?x skg:startDate|skg:pointInTime ?when }} }} }}
    GROUP BY ?e ?x }}
    BIND("hosted" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?x ?y ?z (SAMPLE(?orgName) AS ?yl) (SAMPLE(?summitName) AS ?xl) {_earliest("when", "o")}
           (MAX(?new) AS ?v) (COUNT(DISTINCT ?src) AS ?w)
    WHERE {{ GRAPH ?src {{ ?ms skg:member ?e ; skg:organization ?y ; skg:membershipType ?z .
        OPTIONAL {{ ?y rdfs:label ?orgName }}
        ?st skg:statementOf ?ms .  # the mapper writes one with every membership, in the same graph
        OPTIONAL {{ ?st skg:statedOn ?when }}
        OPTIONAL {{ ?st skg:statedAt ?x }} OPTIONAL {{ ?st skg:statedAt/rdfs:label ?summitName }}
        BIND(IF(BOUND(?x) && EXISTS {{ ?ms skg:admittedAt ?x }}, 1, 0) AS ?new) }} }}
    GROUP BY ?e ?x ?y ?z }}
    BIND("membership" AS ?kind) }}
  UNION
  {{ {{ SELECT ?e ?x (SAMPLE(?name) AS ?xl) (COUNT(DISTINCT ?g) AS ?w)
    WHERE {{ GRAPH ?g {{ ?x skg:country ?e . FILTER EXISTS {{ ?x a skg:Person }}  # (a join: 12 -> 8 ms)
        OPTIONAL {{ ?x rdfs:label ?name }} }} }}
    GROUP BY ?e ?x LIMIT {MAX_MENTIONS} }}
    BIND("person" AS ?kind) }}
  UNION {_quotes("?e skg:evidence ?m . BIND(?e AS ?x)")}
  UNION {_QUOTING_SOURCES}
}}"""
)

PERSON = (
    _PROLOGUE
    + f"""SELECT {_COLUMNS} WHERE {{
  {_HEADER.strip()}
  UNION
  {{ GRAPH ?g {{ ?e skg:country ?x . OPTIONAL {{ ?x rdfs:label ?xl }} }} BIND("country" AS ?kind) }}
  UNION
  {{ GRAPH ?g {{ ?e skg:holdsRole ?x . OPTIONAL {{ ?x skg:roleTitle ?v }}
      OPTIONAL {{ ?x skg:country ?y }} OPTIONAL {{ ?x skg:country/rdfs:label ?yl }}
      OPTIONAL {{ ?x skg:organization ?z }} OPTIONAL {{ ?x skg:organization/rdfs:label ?zl }} }}
    BIND("role" AS ?kind) }}
  UNION
  {{ GRAPH ?g {{ ?x skg:hasParticipation ?pp . ?pp skg:person ?e . OPTIONAL {{ ?x rdfs:label ?xl }}
      OPTIONAL {{ ?x skg:startDate|skg:pointInTime ?o }} OPTIONAL {{ ?pp skg:capacity ?v }}
      OPTIONAL {{ ?pp skg:country ?y }} OPTIONAL {{ ?pp skg:country/rdfs:label ?yl }}
      OPTIONAL {{ ?x skg:hostCity ?z }} OPTIONAL {{ ?x skg:hostCity/rdfs:label ?zl }} }}
    BIND("attended" AS ?kind) }}
  UNION {_quotes("?e skg:evidence ?m . BIND(?e AS ?x)")}
  UNION {_QUOTING_SOURCES}
}}"""
)

QUERIES: dict[str, str] = {"summit": SUMMIT, "organization": ORGANIZATION, "country": COUNTRY, "person": PERSON}

#: Entities whose label contains ?q (lower-cased by the caller), of the kinds people look for.
SEARCH = (
    _PROLOGUE
    + """SELECT ?q ?e (MIN(?l) AS ?label) (MIN(?rank) AS ?r) (MIN(?kindName) AS ?kind) WHERE {
  VALUES (?t ?kindName ?rank) {
    (skg:Summit "summit" 1) (skg:InternationalOrganization "organization" 2) (skg:Country "country" 3)
    (skg:Person "person" 4) (skg:City "city" 5) (skg:Document "document" 6) (skg:Organization "organization" 7)
    (skg:Place "place" 8) (skg:Article "article" 9) }
  GRAPH ?g { ?e a ?t ; rdfs:label ?l . OPTIONAL { ?e skos:altLabel ?alt } }
  FILTER(CONTAINS(LCASE(STR(?l)), ?q) || (BOUND(?alt) && CONTAINS(LCASE(STR(?alt)), ?q)))
}
GROUP BY ?q ?e
ORDER BY ?r STRLEN(?label) ?label
LIMIT 60"""
)

#: The kinds a search names, in the order its results come.
SEARCH_KINDS = ("summit", "organization", "country", "person", "city", "document", "place", "article", "")

#: The labels of a few IRIs (the query page's result tables): VALUES rows are built from
#: validated ``ox.NamedNode``s (their N-Triples form), never from text.
LABELS_HEAD = _PROLOGUE + "SELECT ?s (MIN(?l) AS ?label) WHERE { VALUES ?s { "
LABELS_TAIL = " } { ?s rdfs:label ?l } UNION { GRAPH ?g { ?s rdfs:label ?l } } } GROUP BY ?s"
MAX_LABELS = 500


def labels_query(iris: Iterable[str]) -> str:
    """The label query for ``iris``; each must be a valid IRI (``ox.NamedNode`` checks, and escapes)."""
    nodes = {str(ox.NamedNode(iri)) for iri in iris}
    return LABELS_HEAD + " ".join(sorted(nodes)) + LABELS_TAIL
