"""Summits: the meeting, its organizer, host city and country, dates, ordinal and kind.

The article's *main* summit (the first with role "main" or no role) is the one that
new members, participants and documents belong to, and the article is ``schema:about``
it.  The role itself is not written on the summit: it says how this article relates
to the summit, which the same summit node would contradict across articles.
"""

from __future__ import annotations

from rdflib.namespace import XSD

from ..namespaces import SCHEMA, SKG
from . import values as v
from .context import Context, integer_literal, text_literal
from .evidence import add_evidence
from .organizations import OrgIndex, organization
from .places import PlaceIndex, city, country



def _ordinal_word(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label(org: str, name: str | None, ordinal: int | None, city_name: str | None, year: str | None) -> str:
    if name:
        return name
    parts = [_ordinal_word(ordinal)] if ordinal else []
    parts.append(f"{org} summit")
    where = ", ".join(p for p in (city_name, year) if p)
    return " ".join(parts) + (f" ({where})" if where else "")


def map_summits(ctx: Context, orgs: OrgIndex, places: PlaceIndex) -> None:
    """Every item of ``summits``; sets ``ctx.main_summit`` and ``ctx.main_org``."""
    for i, item in enumerate(v.items(ctx.facts, "summits")):
        where = f"summits[{i}]"
        item = v.obj(item, where)
        role = v.text(item.get("role"), where + ".role") or "main"
        org_ref = v.ref(item.get("organization"), where + ".organization")
        if org_ref is None:
            raise v.fail(where + ".organization", "is required (the organization holding the summit)")
        org = organization(ctx, orgs, org_ref, international=True, where=where + ".organization")
        host_country_ref = v.ref(item.get("host_country"), where + ".host_country")
        host_city_ref = v.ref(item.get("host_city"), where + ".host_city")
        host_country = country(ctx, host_country_ref, where + ".host_country")
        host_city = city(ctx, places, host_city_ref, where + ".host_city", host_country_ref)
        start = v.date(item.get("start_date"), where + ".start_date")
        end = v.date(item.get("end_date"), where + ".end_date")
        if start is not None and end is not None and start.datatype == end.datatype and str(end) < str(start):
            raise v.fail(where, f"end_date {end} is before start_date {start}")
        ordinal = v.ordinal(item.get("ordinal"), where + ".ordinal")
        kind = v.text(item.get("kind"), where + ".kind")
        name = v.text(item.get("name"), where + ".name")
        year = v.year_of(start) or v.year_of(end)
        if year is None and role == "main" and ordinal is None:
            year = ctx.published_year  # an undated main summit: the article's year (a heuristic)
        summit = ctx.minter.summit(org, ordinal=ordinal, year=year, city=host_city, kind=kind,
                                   article=ctx.article, index=i)
        label = _label(ctx.label_of(org) or org_ref.name, name, ordinal,
                       host_city_ref.name if host_city_ref else None, year)
        ctx.thing(summit, (SKG.Summit,), label, qid=ctx.qid_for(name))
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
        if ctx.main_org is None:
            ctx.main_org = org
        add_evidence(ctx, item.get("evidence"), where + ".evidence", summit)
