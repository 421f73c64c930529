"""Memberships: members, new members, observers, dialogue partners, candidates.

The facts lists are about the organization of the article's main summit (else of its
first summit); with no summit there is no organization, and only the countries are
written.  Each (organization, member, type) is one ``skg:Membership`` node carrying
the article's words for its status and, for new members, the summit that admitted
them (unless its status says the membership is still to begin: "will join", "invited
to join on 1 January", "began the procedure of admitting").  A ``skg:MembershipStatement`` per
summit records the summit (and date) the membership was stated at and the article's
words, so statements over several summits make a timeline.  The short forms
``skg:memberOf`` / ``observerOf`` / ``dialoguePartnerOf`` and ``skg:newMember`` are
written too, for simple queries.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.facts import MEMBER_ITEM_LISTS
from kg.rdf.namespaces import SKG

from . import values as v
from .context import Context, text_literal
from .evidence import add_evidence
from .organizations import OrgIndex, organization
from .places import country

#: a new member's status that says the membership has not begun at this summit
PENDING = re.compile(
    r"\b(will|would|to (join|be|become)|expected|invited|applied|applying|"
    r"application|candidate|procedure|process of|plan(s|ned)? to|(is|are) set to)\b",
    re.IGNORECASE,
)

_IN_PROGRESS = re.compile(r"\bin progress\b", re.IGNORECASE)
_JOINING_NOW = re.compile(r"\b(admit\w*|joins|joined|joining|became|becomes|welcom\w*|embraced)\b", re.IGNORECASE)


def pending(status: str | None) -> bool:
    """Whether a new member's status says the membership begins later, not at this summit:
    "will join", "invited", "began the procedure"; "in progress" unless the summit admits now."""
    if not status:
        return False
    if PENDING.search(status):
        return True
    return bool(_IN_PROGRESS.search(status)) and not _JOINING_NOW.search(status)


#: list key -> (membership type slug, concept, short-form property, status text, new member?)
LISTS = {
    "member_states": ("member", SKG.MembershipFull, SKG.memberOf, None, False),
    "member_states_implied": ("member", SKG.MembershipFull, SKG.memberOf, "implied", False),
    "observer_states": ("observer", SKG.MembershipObserver, SKG.observerOf, None, False),
    "dialogue_partners": ("dialogue-partner", SKG.MembershipDialoguePartner, SKG.dialoguePartnerOf, None, False),
    "new_members": ("member", SKG.MembershipFull, SKG.memberOf, None, True),
    "membership_candidates": ("candidate", SKG.MembershipCandidate, None, None, False),
}
TYPE_LABELS = {
    "member": "member",
    "observer": "observer",
    "dialogue-partner": "dialogue partner",
    "candidate": "membership candidate",
}


def _stated_on(ctx: Context) -> Literal | None:
    """When the article's memberships held: its main summit's date, else its publication."""
    for when in (ctx.main_summit_date, ctx.published):
        if when:
            try:
                return v.date(when[:10], "summit date")
            except InputError:
                continue
    return None


def _as_of(ctx: Context) -> str:
    if ctx.main_summit is not None:
        return ctx.label_of(ctx.main_summit) or ctx.minter.key(ctx.main_summit)
    return ctx.published or "an undated article"


def _membership(
    ctx: Context, member: URIRef, type_: str, concept: URIRef, short: URIRef | None, status: str | None, new: bool
) -> URIRef | None:
    org = ctx.main_org
    if org is None:
        return None
    iri = ctx.minter.membership(org, member, type_)
    label = f"{ctx.label_of(member)}: {TYPE_LABELS[type_]} of {ctx.label_of(org)}"
    ctx.thing(iri, (SKG.Membership,), label, mentioned=False)
    ctx.add_once(iri, SKG.member, member)
    ctx.add_once(iri, SKG.organization, org)
    ctx.add_once(iri, SKG.membershipType, concept)
    if status:
        ctx.add_once(iri, SKG.membershipStatus, text_literal(status))
    if short is not None:
        ctx.add(member, short, org)
    # Membership over time: the membership as stated at this article's summit, and when.
    statement = ctx.minter.membership_statement(iri, ctx.main_summit, ctx.article)
    ctx.thing(statement, (SKG.MembershipStatement,), f"{label}, as of {_as_of(ctx)}", mentioned=False)
    ctx.add_once(statement, SKG.statementOf, iri)
    ctx.add_once(statement, SKG.statedAt, ctx.main_summit)
    ctx.add_once(statement, SKG.statedOn, _stated_on(ctx))
    if status:  # the article's words, kept with the summit they are about
        ctx.add_once(statement, SKG.membershipStatus, text_literal(status))
    if new and ctx.main_summit is not None and not pending(status):
        ctx.add_once(iri, SKG.admittedAt, ctx.main_summit)
        ctx.add(ctx.main_summit, SKG.newMember, member)
    return iri


def map_memberships(ctx: Context, orgs: OrgIndex) -> None:
    """Every entry of the membership lists (plain Refs, or NewMember items)."""
    for key, (type_, concept, short, status, new) in LISTS.items():
        for i, entry in enumerate(v.items(ctx.facts, key)):
            where = f"{key}[{i}]"
            evidence = None
            item_status = status
            if key in MEMBER_ITEM_LISTS:
                item = entry
                evidence = item.get("evidence")
                item_status = v.text(item.get("status")) or status
                country_ref = v.ref(item.get("country"))
                if country_ref is not None:
                    qid = country_ref.qid or v.qid(item.get("wikidata"))
                    member = country(ctx, v.Ref(country_ref.name, qid, country_ref.evidence), where + ".country")
                else:
                    member_ref = v.ref(item.get("member"))
                    if member_ref is None:
                        raise v.fail(where, "needs a country (or a member, for a non-state member)")
                    member = organization(
                        ctx,
                        orgs,
                        v.Ref(member_ref.name, member_ref.qid or v.qid(item.get("wikidata")), member_ref.evidence),
                        where=where + ".member",
                    )
            else:
                ref = v.ref(entry)
                if ref is None:
                    raise v.fail(where, 'must be a country name or {"name", "wikidata"}')
                member = country(ctx, ref, where)
                evidence = ref.evidence
            membership = _membership(ctx, member, type_, concept, short, item_status, new)
            add_evidence(ctx, evidence, where + ".evidence", membership, member)
