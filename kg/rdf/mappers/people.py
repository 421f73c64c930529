"""People, their roles, and the participants of the main summit.

A person's IRI comes from the canonical name (the gazetteer's name of the person a QID
links, else ``canonical``, else the first of the forms joined by " / " in ``name``);
``PersonIndex`` maps every form to it, so that the participant "Xi" and the person
"Chinese President Xi Jinping / Xi" (canonical "Xi Jinping") are one node, and a bare
surname ("Nausėda", "President Aliyev") to the one person of the article with that
surname.  A role is ``skg:Role`` (title, and the country or
organization represented), one per person and title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from rdflib import URIRef

from kg.linking.gazetteer import default_gazetteer
from kg.rdf.iris import compact
from kg.rdf.namespaces import SKG

from . import values as v
from .context import Context, text_literal
from .evidence import add_evidence
from .organizations import OrgIndex, organization
from .places import country


def name_forms(name: str) -> list[str]:
    """The forms of a name joined by ' / ' ('Chinese President Xi Jinping / Xi')."""
    return [f for f in (part.strip() for part in name.split(" / ")) if f]


def known_name(canonical: str, qid: str | None) -> str:
    """The gazetteer's name of the person a QID links (one IRI whichever spelling an
    article uses: "Aleksandr Lukashenko" is "Alexander Lukashenko"), else ``canonical``."""
    if qid:
        entry = default_gazetteer().by_qid(qid)
        if entry is not None and entry.type == "person":
            return entry.name
    return canonical


def _surname(name: str) -> str | None:
    words = name.split()
    return compact(words[-1]) if len(words) > 1 and compact(words[-1]) else None


@dataclass
class PersonIndex:
    by_name: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # form -> (canonical, qid)
    by_surname: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # surname -> one person

    @classmethod
    def build(cls, ctx: Context) -> PersonIndex:
        index = cls()
        surnames: dict[str, set[tuple[str, str | None]]] = {}
        for i, item in enumerate(v.items(ctx.facts, "people")):
            where = f"people[{i}]"
            forms = name_forms(v.required_text(item.get("name"), where + ".name"))
            canonical = v.text(item.get("canonical")) or forms[0]
            qid = v.qid(item.get("wikidata")) or ctx.qid_for(canonical, *forms)
            canonical = known_name(canonical, qid)
            for form in (canonical, *forms):
                index.by_name.setdefault(compact(form), (canonical, qid))
            surname = _surname(canonical)
            if surname:
                surnames.setdefault(surname, set()).add((canonical, qid))
        # "Nausėda" or "President Aliyev" after the full name: the one person of that surname
        index.by_surname = {s: next(iter(people)) for s, people in surnames.items() if len(people) == 1}
        for key, (canonical, qid) in list(index.by_name.items()):
            # an item that is only a surname ("Nausėda") is the person listed in full
            found = index.by_surname.get(compact(canonical)) if len(canonical.split()) == 1 else None
            if found and qid in (None, found[1]):
                index.by_name[key] = found
        return index

    def resolve(self, ctx: Context, ref: v.Ref) -> tuple[str, str | None]:
        forms = name_forms(ref.name) or [ref.name]
        for form in forms:
            found = self.by_name.get(compact(form))
            if found:
                return found[0], ref.qid or found[1]
        for form in forms:
            surname = compact(form.split()[-1]) if form.split() else ""
            found = self.by_surname.get(surname)
            if found and (ref.qid is None or found[1] in (None, ref.qid)):
                return found[0], ref.qid or found[1]
        qid = ref.qid or ctx.qid_for(*forms)
        return known_name(forms[0], qid), qid


@overload
def person(ctx: Context, people: PersonIndex, ref: v.Ref, where: str = "") -> URIRef: ...
@overload
def person(ctx: Context, people: PersonIndex, ref: v.Ref | None, where: str = "") -> URIRef | None: ...
def person(ctx: Context, people: PersonIndex, ref: v.Ref | None, where: str = "") -> URIRef | None:
    if ref is None:
        return None
    canonical, qid = people.resolve(ctx, ref)
    iri = ctx.minter.person(canonical)
    ctx.thing(iri, (SKG.Person,), canonical, alt=name_forms(ref.name), qid=qid)
    if ref.evidence is not None:
        add_evidence(ctx, ref.evidence, where + ".evidence", iri)
    return iri


def map_people(ctx: Context, people: PersonIndex, orgs: OrgIndex) -> None:
    """Every item of ``people``, with its role, country and organization."""
    for i, item in enumerate(v.items(ctx.facts, "people")):
        where = f"people[{i}]"
        name = v.required_text(item.get("name"), where + ".name")
        iri = person(ctx, people, v.Ref(name, v.qid(item.get("wikidata"))))
        country_iri = country(ctx, v.ref(item.get("country")), where + ".country")
        org_iri = organization(ctx, orgs, v.ref(item.get("organization")), where=where + ".organization")
        ctx.add(iri, SKG.country, country_iri)
        ctx.add(iri, SKG.affiliation, org_iri)
        title = v.text(item.get("role"))
        role = None
        if title:
            role = ctx.minter.role(iri, title)
            ctx.thing(role, (SKG.Role,), f"{title} ({ctx.label_of(iri)})", mentioned=False)
            ctx.add_once(role, SKG.roleTitle, text_literal(title))
            ctx.add_once(role, SKG.country, country_iri)
            ctx.add_once(role, SKG.organization, org_iri)
            ctx.add(iri, SKG.holdsRole, role)
        add_evidence(ctx, item.get("evidence"), where + ".evidence", iri, role)


def map_participants(ctx: Context, people: PersonIndex, orgs: OrgIndex) -> None:
    """Every item of ``participants``: the person and/or country, and a Participation in the
    main summit (only the entities when the article has no main summit).  An ``organization``
    (not in the schema, but gold writes it for "leaders of the European Union") is read too."""
    for i, item in enumerate(v.items(ctx.facts, "participants")):
        where = f"participants[{i}]"
        ref = v.ref(item.get("person"))
        raw = item.get("person")
        canonical = v.text(raw.get("canonical")) if isinstance(raw, dict) else None
        if ref is not None and canonical:  # the linker's full name of a surname ("President Aliyev")
            ref = v.Ref(f"{canonical} / {ref.name}", ref.qid, ref.evidence)
        person_iri = person(ctx, people, ref, where + ".person")
        country_iri = country(ctx, v.ref(item.get("country")), where + ".country")
        org_iri = organization(ctx, orgs, v.ref(item.get("organization")), where=where + ".organization")
        agent = person_iri or country_iri or org_iri
        if agent is None:
            raise v.fail(where, "needs a person or a country")
        capacity = v.text(item.get("capacity"))
        participation = None
        summit = ctx.main_summit
        if summit is not None:
            participation = ctx.minter.participation(summit, agent)
            who = ctx.label_of(agent)
            ctx.thing(participation, (SKG.Participation,), f"{who} at {ctx.label_of(summit)}", mentioned=False)
            ctx.add(summit, SKG.hasParticipation, participation)
            ctx.add_once(participation, SKG.person, person_iri)
            ctx.add_once(participation, SKG.country, country_iri)
            ctx.add_once(participation, SKG.organization, org_iri)
            ctx.add_once(participation, SKG.capacity, text_literal(capacity) if capacity else None)
            ctx.add(summit, SKG.participant, person_iri)
            ctx.add(summit, SKG.participant, country_iri)
            ctx.add(summit, SKG.participant, org_iri)
        if person_iri is not None and country_iri is not None:
            ctx.add(person_iri, SKG.country, country_iri)
        add_evidence(ctx, item.get("evidence"), where + ".evidence", participation, person_iri)
