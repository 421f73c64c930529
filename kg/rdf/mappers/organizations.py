"""Organizations: the ``organizations`` list, summit organizers, publishers, affiliations.

``OrgIndex`` reads the article's ``organizations`` first, so that every way the
article names one organization (name, acronym, aliases, variants, QID) mints the IRI of
that organization: the summit's "Shanghai Cooperation Organisation" and the listed
"Shanghai Cooperation Organization" (acronym SCO) are one node, ``org/sco``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import overload

from rdflib import URIRef

from kg.linking.gazetteer import default_gazetteer
from kg.rdf.iris import compact
from kg.rdf.namespaces import SKG

from . import values as v
from .context import Context, text_literal
from .evidence import add_evidence
from .places import PlaceIndex, city, country, place

INTERNATIONAL = re.compile(
    r"\b(international|intergovernmental|inter-governmental|multilateral|bloc|alliance)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class OrgEntry:
    iri: URIRef
    label: str
    qid: str | None


@dataclass
class OrgIndex:
    by_name: dict[str, OrgEntry] = field(default_factory=dict)
    by_qid: dict[str, OrgEntry] = field(default_factory=dict)

    @classmethod
    def build(cls, ctx: Context) -> OrgIndex:
        index = cls()
        for i, item in enumerate(v.items(ctx.facts, "organizations")):
            where = f"organizations[{i}]"
            name = v.required_text(item.get("name"), where + ".name")
            acronym = v.text(item.get("acronym"))
            names = [name, *([acronym] if acronym else []), *v.aliases(item)]
            qid = v.qid(item.get("wikidata")) or ctx.qid_for(*names)
            entry = OrgEntry(ctx.minter.organization(name, acronym, qid), name, qid)
            for alias in names:
                index.by_name.setdefault(compact(alias), entry)
            if qid:
                index.by_qid.setdefault(qid, entry)
        return index

    def resolve(self, ctx: Context, ref: v.Ref) -> OrgEntry:
        """The organization a Ref names: by QID, by any listed name, else minted from the Ref."""
        found = (self.by_qid.get(ref.qid) if ref.qid else None) or self.by_name.get(compact(ref.name))
        if found:
            return found
        qid = ref.qid or ctx.qid_for(ref.name)
        return OrgEntry(ctx.minter.organization(ref.name, None, qid), ref.name, qid)


def is_international(ctx: Context, name: str, qid: str | None) -> bool:
    """Whether the key table or the gazetteer knows an organization as intergovernmental
    (the UN, the EU, the FAO ...: typed so in every article that names them)."""
    if ctx.minter.keys.org_acronym(name, qid):
        return True
    gazetteer = default_gazetteer()
    if qid:
        entry = gazetteer.by_qid(qid)
        if entry is not None:
            return entry.type == "organization" and entry.international
    found = {e.qid or e.name: e for e in gazetteer.lookup(name, "organization")}
    return len(found) == 1 and next(iter(found.values())).international


@overload
def organization(
    ctx: Context, orgs: OrgIndex, ref: v.Ref, *, international: bool = False, where: str = ""
) -> URIRef: ...
@overload
def organization(
    ctx: Context, orgs: OrgIndex, ref: v.Ref | None, *, international: bool = False, where: str = ""
) -> URIRef | None: ...
def organization(
    ctx: Context, orgs: OrgIndex, ref: v.Ref | None, *, international: bool = False, where: str = ""
) -> URIRef | None:
    """The node of the organization a Ref names (an skg:InternationalOrganization when
    ``international`` or when ``is_international``)."""
    if ref is None:
        return None
    entry = orgs.resolve(ctx, ref)
    international = (
        international
        or is_international(ctx, entry.label, entry.qid)
        or (ref.name != entry.label and is_international(ctx, ref.name, None))
    )
    classes = (SKG.InternationalOrganization, SKG.Organization) if international else (SKG.Organization,)
    ctx.thing(entry.iri, classes, entry.label, alt=(ref.name,), qid=entry.qid)
    if ref.evidence is not None:
        add_evidence(ctx, ref.evidence, where + ".evidence", entry.iri)
    return entry.iri


def _based_in(ctx: Context, places: PlaceIndex, raw, where: str) -> URIRef | None:
    """Where an organization is based: a Ref, or "City, Country" as gold writes it."""
    ref = v.ref(raw)
    if ref is None:
        return None
    head, _, tail = ref.name.partition(",")
    head, tail = head.strip(), tail.strip()
    if head and tail:  # "Tashkent, Uzbekistan"
        return city(ctx, places, v.Ref(head, ref.qid), where, v.Ref(tail))
    ref = v.Ref(head or ref.name, ref.qid)
    if places.is_country(ref.name) or ctx.minter.country_label(ref.name) != ref.name:
        return country(ctx, ref, where)
    return place(ctx, places, ref, None, where)


def map_organizations(ctx: Context, orgs: OrgIndex, places: PlaceIndex) -> None:
    """Every item of ``organizations``."""
    for i, item in enumerate(v.items(ctx.facts, "organizations")):
        where = f"organizations[{i}]"
        name = v.required_text(item.get("name"), where + ".name")
        acronym = v.text(item.get("acronym"))
        type_ = v.text(item.get("type"))
        entry = orgs.resolve(ctx, v.Ref(name, v.qid(item.get("wikidata"))))
        international = bool(type_ and INTERNATIONAL.search(type_))
        iri = organization(ctx, orgs, v.Ref(name, entry.qid), international=international)
        for alias in v.aliases(item):
            ctx.thing(iri, (), alias)
        ctx.add_once(iri, SKG.acronym, text_literal(acronym) if acronym else None)
        ctx.add_once(iri, SKG.organizationType, text_literal(type_) if type_ else None)
        for key in ("based_in", "headquarters", "location"):
            if item.get(key) is not None:
                ctx.add_once(iri, SKG.basedIn, _based_in(ctx, places, item.get(key), f"{where}.{key}"))
        add_evidence(ctx, item.get("evidence"), where + ".evidence", iri)
