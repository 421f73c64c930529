"""Countries, cities and other places.

A city's IRI includes its country when the article says which it is (``places[].country``,
the summit's host country, "Tashkent, Uzbekistan"), so ``PlaceIndex`` first collects
what the whole article says about each place; every mention of a city then mints the
same IRI.  Countries are one IRI whatever article names them (see ``IRIMinter.country``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from rdflib import URIRef

from kg.facts import Facts
from kg.rdf.iris import compact
from kg.rdf.namespaces import SKG

from . import values as v
from .context import Context, text_literal
from .evidence import add_evidence

CITY_TYPES = {"city", "town", "capital", "capital city", "village", "municipality"}
COUNTRY_TYPES = {"country", "state", "nation", "sovereign state", "country/region"}


@dataclass
class PlaceIndex:
    """What the article says about places: each name's type and each city's country."""

    types: dict[str, str] = field(default_factory=dict)  # compact name -> place type
    city_country: dict[str, v.Ref] = field(default_factory=dict)  # compact city -> country ref
    host_cities: set[str] = field(default_factory=set)  # compact names of summit host cities

    def note(self, name: str, type_: str | None = None, country: v.Ref | None = None) -> None:
        key = compact(name)
        if type_:
            self.types.setdefault(key, type_.lower())
        if country:
            self.city_country.setdefault(key, country)

    def is_country(self, name: str) -> bool:
        return self.types.get(compact(name)) in COUNTRY_TYPES

    @classmethod
    def build(cls, facts: Facts) -> PlaceIndex:
        index = cls()
        for item in v.items(facts, "places"):
            name = v.text(item.get("name"))
            if name:
                index.note(name, v.text(item.get("type")), v.ref(item.get("country")))
        for item in v.items(facts, "summits"):
            city = v.ref(item.get("host_city"))
            country = v.ref(item.get("host_country"))
            if city:
                index.note(city.name, "city", country)
                index.host_cities.add(compact(city.name))
            if country:
                index.note(country.name, "country")
        return index


@overload
def country(ctx: Context, ref: v.Ref, where: str = "") -> URIRef: ...
@overload
def country(ctx: Context, ref: v.Ref | None, where: str = "") -> URIRef | None: ...
def country(ctx: Context, ref: v.Ref | None, where: str = "") -> URIRef | None:
    """The node of a country Ref (label: the canonical name; the written one an altLabel)."""
    if ref is None:
        return None
    qid = ref.qid or ctx.qid_for(ref.name)
    iri = ctx.minter.country(ref.name, qid)
    ctx.thing(iri, (SKG.Country, SKG.Place), ctx.minter.country_label(ref.name, qid), alt=(ref.name,), qid=qid)
    if ref.evidence is not None:
        add_evidence(ctx, ref.evidence, where + ".evidence", iri)
    return iri


def city(
    ctx: Context, places: PlaceIndex, ref: v.Ref | None, where: str = "", country_ref: v.Ref | None = None
) -> URIRef | None:
    """The node of a city; its country from ``country_ref`` or what the article says elsewhere."""
    if ref is None:
        return None
    country_ref = places.city_country.get(compact(ref.name)) or country_ref
    country_iri = country(ctx, country_ref)
    iri = ctx.minter.city(ref.name, country_iri)
    ctx.thing(iri, (SKG.City, SKG.Place), ref.name, qid=ref.qid or ctx.qid_for(ref.name))
    ctx.add_once(iri, SKG.locatedIn, country_iri)
    if ref.evidence is not None:
        add_evidence(ctx, ref.evidence, where + ".evidence", iri)
    return iri


def place(
    ctx: Context,
    places: PlaceIndex,
    ref: v.Ref | None,
    type_: str | None = None,
    where: str = "",
    country_ref: v.Ref | None = None,
) -> URIRef | None:
    """A place of any type: countries and cities get their own classes, others skg:Place."""
    if ref is None:
        return None
    type_ = (type_ or places.types.get(compact(ref.name)) or "").lower() or None
    iri: URIRef | None
    if type_ in COUNTRY_TYPES:
        iri = country(ctx, ref, where)
    elif type_ in CITY_TYPES or compact(ref.name) in places.host_cities:  # one node for a host city
        iri = city(ctx, places, ref, where, country_ref)
    else:
        country_iri = country(ctx, places.city_country.get(compact(ref.name)) or country_ref)
        iri = ctx.minter.place(ref.name, country_iri)
        ctx.thing(iri, (SKG.Place,), ref.name, qid=ref.qid or ctx.qid_for(ref.name))
        ctx.add_once(iri, SKG.locatedIn, country_iri)
        if ref.evidence is not None:
            add_evidence(ctx, ref.evidence, where + ".evidence", iri)
    if type_ and iri is not None:
        ctx.add_once(iri, SKG.placeType, text_literal(type_))
    return iri


def map_places(ctx: Context, places: PlaceIndex) -> None:
    """Every item of ``places``."""
    for i, item in enumerate(v.items(ctx.facts, "places")):
        where = f"places[{i}]"
        name = v.required_text(item.get("name"), where + ".name")
        ref = v.Ref(name, v.qid(item.get("wikidata")))
        country_ref = v.ref(item.get("country"))
        iri = place(ctx, places, ref, v.text(item.get("type")), where, country_ref)
        if iri is not None:
            for alias in v.aliases(item):
                ctx.thing(iri, (), alias)  # a name the article writes it by: an altLabel
        add_evidence(ctx, item.get("evidence"), where + ".evidence", iri)
