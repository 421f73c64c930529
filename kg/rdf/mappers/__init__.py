"""Mappers: facts JSON v1 in, RDF triples out; pure functions, no I/O.

``map_facts(facts, minter)`` returns the article's named graph IRI and its triples;
the pipeline stores them with ``store.replace_graph(str(m.graph_iri), m.triples)``.
Every IRI is minted by ``IRIMinter``; there are no blank nodes, so mapping the same
facts again gives the same triples.  One module per concern:

- ``article``       the Article node, its IRI, named graph and content hash
- ``summit``        summits (organizer, host city/country, dates, ordinal, kind)
- ``membership``    members, new members, observers, dialogue partners, candidates
- ``people``        people, roles, participants
- ``documents``     summit documents, kind and status
- ``organizations`` organizations (and where they are based)
- ``places``        countries, cities, other places
- ``evidence``      sentences (Mention nodes with NIF offsets) supporting any of the above
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef

from kg.facts import Facts, check_facts
from kg.rdf.iris import IRIMinter, compact

from . import values as v
from .article import map_article, read_article
from .context import Context, Triple
from .documents import map_documents
from .membership import map_memberships
from .organizations import OrgIndex, map_organizations, organization
from .people import PersonIndex, map_participants, map_people
from .places import PlaceIndex, map_places
from .summit import map_summits

__all__ = ["MappedArticle", "map_facts"]


@dataclass(frozen=True)
class MappedArticle:
    """One article's graph: its name, its article node, and its triples (in a stable order)."""

    graph_iri: URIRef
    article_iri: URIRef
    content_hash: str
    triples: list[Triple]

    def graph(self) -> Graph:
        """The triples as an rdflib Graph (for tests and serialization)."""
        g = Graph(identifier=self.graph_iri)
        for triple in self.triples:
            g.add(triple)
        return g


def _wikidata_map(facts: Facts) -> dict[str, str]:
    raw = facts.get("wikidata") or {}
    out: dict[str, str] = {}
    for name, value in raw.items():
        qid = v.qid(value)
        if qid and isinstance(name, str) and compact(name):
            out.setdefault(compact(name), qid)
    return out


def map_facts(data: Mapping[str, Any], minter: IRIMinter) -> MappedArticle:
    """Map one article's facts (FACTS-SCHEMA.md v1) to its named graph.

    Raises ``kg.errors.InputError`` naming the place of anything that does not conform:
    :func:`kg.facts.check_facts` checks the shape first; the mappers read checked facts.
    """
    facts = check_facts(data)
    info = read_article(facts, minter)
    ctx = Context(
        facts=facts,
        minter=minter,
        article=info.iri,
        article_id=info.id,
        text=info.text,
        published_year=v.year_of(info.published),
        published=str(info.published)[:10] if info.published is not None else None,
        wikidata=_wikidata_map(facts),
    )
    places = PlaceIndex.build(facts)
    orgs = OrgIndex.build(ctx)
    people = PersonIndex.build(ctx)
    publisher = organization(ctx, orgs, v.Ref(info.publisher)) if info.publisher else None
    map_article(ctx, info, publisher)
    map_summits(ctx, orgs, places)
    map_places(ctx, places)
    map_organizations(ctx, orgs, places)
    map_memberships(ctx, orgs)
    map_people(ctx, people, orgs)
    map_participants(ctx, people, orgs)
    map_documents(ctx)
    return MappedArticle(info.graph, info.iri, info.content_hash, ctx.triples)
