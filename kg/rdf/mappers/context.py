"""The state one mapping run shares: the article, the minter, the triples written so far.

Triples are kept in insertion order without duplicates, so mapping the same facts twice
gives the same list.  ``add_once`` writes a property only if the subject has no value
for it yet (labels, dates, the QID link ...): a summit named twice in one article keeps
the first value, and every graph has at most one value where the shapes ask for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.facts import Facts
from kg.rdf.iris import IRIMinter, compact
from kg.rdf.namespaces import SCHEMA, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Terms looked up once: attribute access on rdflib's namespaces is slow, and mapping is hot.
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_SAME_AS, _DERIVED_FROM, _MENTIONS = OWL.sameAs, PROV.wasDerivedFrom, SCHEMA.mentions


@lru_cache(maxsize=1 << 16)
def text_literal(text: str) -> Literal:
    """``Literal(text)``, made once per distinct text (rdflib Literals are immutable and slow to make)."""
    return Literal(text)


@lru_cache(maxsize=1 << 14)
def integer_literal(value: int) -> Literal:
    """``Literal(value, datatype=XSD.integer)``, made once per distinct value."""
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=1 << 12)
def wikidata_entity(qid: str) -> URIRef:
    return WD[qid]


@dataclass
class Context:
    facts: Facts
    minter: IRIMinter
    article: URIRef
    article_id: str
    text: str | None = None
    published_year: str | None = None
    published: str | None = None  # the publication date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)
    wikidata: dict[str, str] = field(default_factory=dict)  # compact name -> QID (top-level map)
    main_summit: URIRef | None = None
    main_org: URIRef | None = None
    main_summit_date: str | None = None  # when the main summit met (ISO date or year), if known
    _triples: dict[Triple, None] = field(default_factory=dict)
    _set: set[tuple[URIRef, URIRef]] = field(default_factory=set)
    _labels: dict[URIRef, str] = field(default_factory=dict)

    # -- writing ----------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self._triples[(s, p, o)] = None

    def add_once(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None and (s, p) not in self._set:
            self._set.add((s, p))
            self._triples[(s, p, o)] = None

    def has(self, s: URIRef, p: URIRef) -> bool:
        """Whether ``add_once`` has written ``p`` of ``s``."""
        return (s, p) in self._set

    @property
    def triples(self) -> list[Triple]:
        return list(self._triples)

    # -- things -----------------------------------------------------------------------

    def thing(
        self,
        iri: URIRef,
        classes: Iterable[URIRef],
        label: str,
        *,
        alt: Iterable[str] = (),
        qid: str | None = None,
        mentioned: bool = True,
        derived: bool = True,
    ) -> URIRef:
        """Type and label a node, link it to Wikidata and to the article it comes from.

        The first label a node gets is its rdfs:label; other names become skos:altLabel.
        ``mentioned``: the article ``schema:mentions`` it (entities, not n-ary records);
        ``derived``: it is ``prov:wasDerivedFrom`` the article (everything but the article).
        """
        triples = self._triples
        for cls in classes:
            triples[(iri, _TYPE, cls)] = None
        first = self._labels.setdefault(iri, label)
        if (iri, _LABEL) not in self._set:
            self.add_once(iri, _LABEL, text_literal(first))
        for name in (label, *alt):
            if name and name != first:
                triples[(iri, _ALT_LABEL, text_literal(name))] = None
        if qid:
            self.add_once(iri, _SAME_AS, wikidata_entity(qid))
        if derived:
            triples[(iri, _DERIVED_FROM, self.article)] = None
        if mentioned:
            triples[(self.article, _MENTIONS, iri)] = None
        return iri

    def label_of(self, iri: URIRef) -> str | None:
        return self._labels.get(iri)

    def qid_for(self, *names: str | None) -> str | None:
        """The QID the top-level ``wikidata`` map gives any of ``names``."""
        for name in names:
            if name:
                found = self.wikidata.get(compact(name))
                if found:
                    return found
        return None
