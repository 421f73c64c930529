"""Rule-based fact extraction: Article -> facts JSON v1 (see docs/FACTS-SCHEMA.md).

Deterministic and offline: sentence splitting, gazetteer matching (one token look-up
structure built once per gazetteer), and patterns.  Every item carries ``evidence``:
the sentences that support it, with offsets into ``article.text``.  No Wikidata QIDs
are attached here; the linker (``kg.linking.linker``) does that.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.article import Article

from .context import Context
from .documents import decide_at_summit, find_documents
from .lexicon import fold_key, matcher_for, tokenize
from .membership import find_membership
from .organizations import find_organizations
from .people import decide_participants, find_people, represented_countries, unnamed_leaders
from .places import Place, find_places
from .summits import dateline, find_summits

__all__ = ["extract"]


def _name_spans(ctx: Context, people: list[Any]) -> list[tuple[int, int]]:
    """Where the people's names are written (a city name inside one is no place)."""
    text = ctx.text
    spans = []
    for p in people:
        for off in p.offsets:
            form = next((f for f in sorted(p.forms, key=len, reverse=True) if text.startswith(f, off)), None)
            if form and " " in form:
                spans.append((off, off + len(form)))
    return spans


def _org_name(ctx: Context, summit: Any) -> str:
    """A summit's organization by its full name as the article writes it ("Council of Europe"; of several,
    the longest, its official name: "Organisation internationale de la Francophonie" over "Francophonie"),
    else by its acronym ("OTS"), the form every reader meets: annotators and reference works name an
    organization in full when the text does.  The linker and the IRI minter resolve every form to one
    organization."""
    entry = summit.org_entry
    acronym = getattr(entry, "acronym", None)
    if entry is None:
        return summit.organization
    forms = {_form_key(f) for f in (entry.name, *getattr(entry, "aliases", ()))} - {_form_key(acronym or "")}
    written = {key: m.text for m in ctx.mentions if m.type == "organization" and (key := _form_key(m.text)) in forms}
    if not written:
        return acronym or summit.organization
    return max(written.values(), key=len)


def _present(**fields: Any) -> dict[str, Any]:
    """An item's fields that have a value (None: left out)."""
    return {k: v for k, v in fields.items() if v is not None}


@lru_cache(maxsize=4096)
def _form_key(name: str) -> str:
    """``name`` compared as a form of an organization's name: case, accents, spelling ("Organisation")
    and hyphens ("G-20") aside."""
    return " ".join(t for _, _, t in tokenize(fold_key(name)))


def extract(article: Article, gazetteer: Any = None) -> dict[str, Any]:
    """Facts JSON v1 for one article (all required keys present, ``article`` included)."""
    if gazetteer is None:
        from kg.linking.gazetteer import default_gazetteer  # noqa: PLC0415

        gazetteer = default_gazetteer()
    ctx = Context.build(article, gazetteer, matcher_for(gazetteer))
    ev = ctx.evidence

    summits = find_summits(ctx)
    membership = find_membership(ctx)
    people = find_people(ctx)
    decide_participants(ctx, people, summits)
    documents = find_documents(ctx)
    decide_at_summit(documents, summits)
    name_spans = _name_spans(ctx, people)
    organizations = find_organizations(ctx, name_spans)
    places = find_places(ctx, dateline(ctx), name_spans)
    known = {p.name for p in places}
    for s in summits:
        # a host town the gazetteer lacks ("in AlUla, Saudi Arabia") is a place of the article too
        city = s.host_city if s.role == "main" else None
        at = ctx.text.find(city) if city else -1
        if city and at >= 0 and city not in known:
            places.append(Place(name=city, type="city", country=s.host_country, offsets=[at]))
            known.add(city)

    out_summits = []
    for s in summits:
        summit_item = {
            "name": s.name,
            "organization": _org_name(ctx, s),
            "role": s.role,
            "ordinal": s.ordinal,
            "kind": s.kind,
            "host_city": s.host_city,
            "host_country": s.host_country,
            "start_date": s.start_date,
            "end_date": s.end_date,
            "evidence": ev(*s.offsets),
        }
        out_summits.append(summit_item)

    hosts = {s.organization for s in summits if s.role == "main"}
    participants = []
    seen_countries: set[str] = set()
    for p in people:
        if not p.participant:
            continue
        participants.append(
            {"country": p.country, "person": p.canonical, "capacity": p.role, "evidence": ev(*p.offsets)}
        )
        if p.country:
            seen_countries.add(p.country)
    for country, off in represented_countries(ctx, people):
        if country not in seen_countries:
            participants.append({"country": country, "person": None, "capacity": "represented", "evidence": ev(off)})
            seen_countries.add(country)
    # observers said to be at the summit attend it
    for country, off in (
        membership.leader_countries + membership.attending_observers + unnamed_leaders(ctx, people, summits)
    ):
        if country not in seen_countries:
            participants.append({"country": country, "person": None, "capacity": "leader", "evidence": ev(off)})
            seen_countries.add(country)

    out_people = []
    for p in people:
        item: dict[str, Any] = {
            "name": p.name,
            "canonical": p.canonical,
            "role": p.role,
            "is_participant": bool(p.participant),
            "evidence": ev(*p.offsets),
        }
        if len(p.forms) > 1:
            item["aliases"] = [f for f in p.forms if f != p.name]
        if p.country:
            item["country"] = p.country
        if p.organization:
            item["organization"] = p.organization
        out_people.append(item)

    facts: dict[str, Any] = {
        "slug": article.slug,
        "summits": out_summits,
        "member_states": [c for c, _ in membership.members],
        "member_states_implied": [],
        "observer_states": [c for c, _ in membership.observers],
        "dialogue_partners": [c for c, _ in membership.partners],
        "new_members": [{"country": c, "status": st, "evidence": ev(off)} for c, off, st in membership.new_members]
        + [
            {"country": None, "member": o, "status": st, "evidence": ev(off)}
            for o, off, st in membership.new_org_members
            if o not in hosts  # "AU summit admits African Union into G20 fold": no organization joins itself
        ],
        "membership_candidates": [
            {"country": c, "status": st, "evidence": ev(off)} for c, off, st in membership.candidates
        ],
        "participants": participants,
        "documents": [
            {
                "title": d.title,
                "kind": d.kind,
                "status": d.status,
                "named": d.named,
                "at_summit": d.at_summit,
                "evidence": ev(*d.evidence_offsets),
            }
            for d in documents
        ],
        "people": out_people,
        "organizations": [
            _present(
                name=o.name,
                acronym=o.acronym,
                aliases=o.aliases or None,
                type=o.type,
                location=o.location,
                evidence=ev(*o.offsets),
            )
            for o in organizations
        ],
        "places": [
            _present(name=p.name, aliases=p.aliases or None, type=p.type, country=p.country, evidence=ev(*p.offsets))
            for p in places
        ],
        "evidence_of_lists": {
            "member_states": ev(*(off for _, off in membership.members)),
            "observer_states": ev(*(off for _, off in membership.observers)),
            "dialogue_partners": ev(*(off for _, off in membership.partners)),
        },
        "article": article.to_dict(),
    }
    return facts
