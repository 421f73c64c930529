"""Summits: the meeting, its organizer, host city and country, dates, ordinal and kind.

The article's *main* summit (the first with role "main" or no role) is the one that
new members, participants and documents belong to, and the article is ``schema:about``
it.  The role itself is not written on the summit: it says how this article relates
to the summit, which the same summit node would contradict across articles.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef
from rdflib.namespace import XSD

from kg.linking.gazetteer import default_gazetteer
from kg.rdf.iri_keys import looks_like_acronym
from kg.rdf.iris import summit_body
from kg.rdf.namespaces import SCHEMA, SKG
from kg.rdf.summit_table import KnownSummit, summit_label

from . import values as v
from .context import Context, integer_literal, text_literal
from .evidence import add_evidence
from .organizations import OrgIndex, organization
from .places import PlaceIndex, city, country


def _org_name(ctx: Context, org_ref: v.Ref, org: URIRef) -> str:
    """How a summit label names its organization: the acronym the key table knows (the
    same in every article), else the gazetteer's acronym or name of its QID, else the
    article's label of the organization."""
    known = ctx.minter.keys.org_acronym(org_ref.name, org_ref.qid) or ctx.minter.keys.org_acronym(
        ctx.label_of(org) or ""
    )
    if known:
        return known
    entry = default_gazetteer().by_qid(org_ref.qid) if org_ref.qid else None
    if entry is not None and entry.type == "organization":
        return entry.acronym or entry.name
    return (org_ref.name if looks_like_acronym(org_ref.name) else None) or ctx.label_of(org) or org_ref.name


def _canonical_label(
    ctx: Context,
    summit: URIRef,
    known: KnownSummit | None,
    org_name: str,
    kind: str | None,
    name: str | None,
    city: URIRef | None = None,
) -> str:
    """One label per summit, the same whichever article maps it: from the known summit,
    else from what its IRI key says (org, body, and the year, ordinal or host city it holds)."""
    if known is not None:
        return summit_label(known.acronym, known.body, ordinal=known.ordinal, year=known.year, city=known.city)
    last = ctx.minter.key(summit).rsplit("/", 1)[-1]
    body = summit_body(kind, name)
    if last.isdigit():
        return summit_label(
            org_name,
            body,
            ordinal=None if len(last) == 4 else int(last),
            year=last if len(last) == 4 else None,
            city=None,
        )
    # "2021-yerevan", "2021-other" (a second summit that year), "17-other" (a second 17th)
    number, _, rest = last.partition("-")
    if number.isdigit() and rest:
        # the city only when the key holds it: every article about the summit then gives it
        where = ctx.label_of(city) if city is not None and len(number) == 4 and rest != "other" else None
        return summit_label(
            org_name,
            body,
            ordinal=None if len(number) == 4 else int(number),
            year=number if len(number) == 4 else None,
            city=where,
        )
    where = ctx.label_of(city) if city is not None and last.startswith("undated-") else None
    return summit_label(org_name, body, ordinal=None, year=None, city=where)


def _iso2(ref: v.Ref | None) -> str | None:
    """The ISO alpha-2 code of a host country Ref, when the gazetteer knows the country."""
    if ref is None:
        return None
    entry = default_gazetteer().by_qid(ref.qid) if ref.qid else None
    if entry is None or entry.type != "country":
        entry = default_gazetteer().country(ref.name)
    return entry.iso2 if entry is not None else None


def _leaders_fit(ctx: Context) -> Callable[[KnownSummit], bool]:
    """Whether a known summit fits the article's participants: each linked participant whose
    offices the gazetteer knows held one of them on the summit's first day (a Yerevan summit
    chaired by a prime minister in office since 2018 is not the one of 2016)."""
    offices = []
    for key, field in (("participants", "person"), ("people", None)):
        for item in v.items(ctx.facts, key):
            if not isinstance(item, dict) or (field is None and item.get("is_participant") is not True):
                continue
            raw = item.get(field) if field else item
            qid = v.qid(raw.get("wikidata")) if isinstance(raw, dict) else None
            entry = default_gazetteer().by_qid(qid) if qid else None
            if entry is not None and entry.type == "person" and entry.offices:
                offices.append(entry.offices)
    return lambda s: all(any(o.held_on(s.when()) for o in held) for held in offices)


def _vague(role: str, facts: tuple) -> bool:
    """A summit the article only mentions, with nothing that says which (no ordinal, date,
    host city or country, no QID): no node -- it would be one more summit of the organization."""
    return role not in ("main", "future") and not any(f is not None for f in facts)


def _full_date(literal) -> str | None:
    return str(literal) if literal is not None and literal.datatype == XSD.date else None


def _dates_agree(known: KnownSummit, start, end) -> bool:
    """Whether an article's full dates fall within the known summit's days (true when either is unknown)."""
    if not (known.start and known.end):
        return True
    days = [d for d in (_full_date(start), _full_date(end)) if d is not None]
    return all(known.start <= d <= known.end for d in days)


def map_summits(ctx: Context, orgs: OrgIndex, places: PlaceIndex) -> None:
    """Every item of ``summits``; sets ``ctx.main_summit`` and ``ctx.main_org``."""
    main_start: dict[URIRef, str] = {}  # org -> when the article's main summit of it began
    for i, item in enumerate(v.items(ctx.facts, "summits")):
        where = f"summits[{i}]"
        role = v.text(item.get("role")) or "main"
        org_ref = v.ref(item.get("organization"))
        if org_ref is None:
            raise v.fail(where + ".organization", "is required (the organization holding the summit)")
        host_country_ref = v.ref(item.get("host_country"))
        host_city_ref = v.ref(item.get("host_city"))
        ordinal = v.ordinal(item.get("ordinal"))
        org = organization(ctx, orgs, org_ref, international=True, where=where + ".organization")
        if _vague(
            role,
            (
                host_country_ref,
                host_city_ref,
                ordinal,
                item.get("start_date"),
                item.get("end_date"),
                v.qid(item.get("wikidata")),
                ctx.qid_for(v.text(item.get("name"))),
            ),
        ):
            ctx.main_org = ctx.main_org or org  # still the article's organization when it has no other
            continue
        host_country = country(ctx, host_country_ref, where + ".host_country")
        host_city = city(ctx, places, host_city_ref, where + ".host_city", host_country_ref)
        start = v.date(item.get("start_date"), where + ".start_date")
        end = v.date(item.get("end_date"), where + ".end_date")
        if start is not None and end is not None and start.datatype == end.datatype and str(end) < str(start):
            raise v.fail(where, f"end_date {end} is before start_date {start}")
        kind = v.text(item.get("kind"))
        name = v.text(item.get("name"))
        year = v.year_of(start) or v.year_of(end)
        # An undated main summit: the article's year (a hint the table may overrule).
        from_publication = year is None and role == "main" and ctx.published_year is not None
        after = max(filter(None, (ctx.published, main_start.get(org))), default=None)
        summit, known = ctx.minter.summit_match(
            org,
            ordinal=ordinal,
            year=year or (ctx.published_year if from_publication else None),
            year_from_publication=from_publication,
            city=host_city,
            kind=kind,
            name=name,
            date=_full_date(start),
            future=role == "future",
            after=after,
            published=ctx.published,
            country=_iso2(host_country_ref),
            fits=_leaders_fit(ctx) if role == "main" else None,
            article=ctx.article,
            index=i,
        )
        if known is not None and not _dates_agree(known, start, end):
            # The known summit's days are on record; an article's other days are a misreading
            # (a weekday resolved against a page date later than the writing, another event's date).
            start = end = None
        label = _canonical_label(ctx, summit, known, _org_name(ctx, org_ref, org), kind, name, host_city)
        ctx.thing(
            summit,
            (SKG.Summit,),
            label,
            alt=(name,) if name else (),
            qid=(known.qid if known else None) or ctx.qid_for(name),
        )
        ctx.add(summit, SKG.organizer, org)
        ctx.add_once(summit, SKG.hostCity, host_city)
        ctx.add_once(summit, SKG.hostCountry, host_country)
        ctx.add_once(summit, SKG.startDate, start)
        ctx.add_once(summit, SKG.endDate, end)
        if start is not None and start == end and start.datatype == XSD.date:
            ctx.add_once(summit, SKG.pointInTime, start)
        ctx.add_once(summit, SKG.ordinal, integer_literal(ordinal) if ordinal else None)
        ctx.add_once(summit, SKG.summitKind, text_literal(kind) if kind else None)
        if role == "main":
            ctx.add(ctx.article, SCHEMA.about, summit)
            if ctx.main_summit is None:
                ctx.main_summit, ctx.main_org = summit, org
                ctx.main_summit_date = (
                    (known.start if known else None)
                    or _full_date(start)
                    or (str(start) if start is not None else None)
                    or (known.year if known else year)
                )
            if org not in main_start:
                main_start[org] = (known.when() if known else None) or _full_date(start) or ""
        if ctx.main_org is None:
            ctx.main_org = org
        add_evidence(ctx, item.get("evidence"), where + ".evidence", summit)
