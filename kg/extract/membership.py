"""Membership: member states, new members, observers, dialogue partners, and the
countries whose (unnamed) leaders take part ("the leaders of China, Russia and India").

Each pattern in ``vocab.json`` ("membership") has a ``LIST`` slot: a run of country
names joined by commas and "and".  Only gazetteer countries inside the slot count.
A state that joined ("embraced two new members, namely India and Pakistan", "confirmed
membership of", "X and Y join") is also a member; one still being admitted
("procedures for admitting Belarus") is a new member but not yet a member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .context import Context
from .dates import MONTH_NAMES, MONTHS
from .frames import country_run, country_run_back, main_orgs, membership_frames

_LIST = (
    r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*"
    r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*)*"
)
_PENDING = re.compile(r"\b(?:procedures? for|admitting|will|would|to be|invited|invites?|inviting)\b", re.IGNORECASE)
_DECIDED_EARLIER = re.compile(rf"\blast\s+(?:month|year|{MONTH_NAMES})\b[^.;]*$")
# only discussed, not decided at this summit: a candidate, not a new member
_CANDIDATE = re.compile(
    r"\b(?:expected|hopes?|hoping|seeks?|seeking|plans? to|applied|applications?|applicants?|"
    r"candidates?|aspir\w*|could|may|might|wants? to|bid to)\b",
    re.IGNORECASE,
)
# "Timor-Leste's application for membership was approved": the application is over (not "in principle")
_APPROVED = re.compile(
    r"\b(?:was|were|has been|had been)\s+(?:officially\s+|formally\s+)?(?:approved|accepted|endorsed)\b"
    r"(?!\s+in\s+principle)",
    re.IGNORECASE,
)
_MONTH_IN = re.compile(rf"\bin\s+({MONTH_NAMES})\b(?!\s+\d)")
_MEMBER_CONTEXT = re.compile(r"\bmember (?:states|nations|countries)\b|\bfounding (?:states|members)\b", re.IGNORECASE)
_OBSERVER_WORD = re.compile(r"\bobserver(?:s| states| status| countries)?\b", re.IGNORECASE)


_REPRESENTATIVES = re.compile(
    r"\b(?:[Rr]epresentatives|[Dd]elegates|[Dd]elegations|[Ee]nvoys)\s+(?:of|from)\s+(?:the\s+)?"
    # "Delegations from the association's nine observers, Australia, China ...": the list after its name
    r"(?:(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){0,2}?(?:observers|observer states|members|member states|partners)"
    r"\s*(?:,|:|—|–)\s*(?:the\s+)?)?"
)
_ATTENDED = re.compile(
    r"\b(?:attend\w*|took part|take part|taking part|participat\w*|were present|was present|"
    r"gathered)\b"
)
_DELEGATION_LEAD = re.compile(r"\b(?:head(?:ed|s|ing)?|led|leads?|leading|attend\w*|summit|meeting)\b")
_DELEGATION_GAPS = (re.compile(r"(?:['’]s)?\s+$"), re.compile(r"(?:['’]s)?\s+[\w-]+\s+$"))
_GUESTS = re.compile(r"\b(?:guest|invited)\s+(?:countries|states|nations)\b")
_STAYED_AWAY = re.compile(
    r"\b(?:not|n['’]t|never|boycott\w*|skip(?:ped|s)?|absent|stay(?:ed|s)? away|walked out|"
    r"pulled out)\b"
)
_LEADERS_HINT = re.compile(
    r"(?:leaders|heads of \w+(?: (?:and|or) \w+)?|presidents|delegations) (?:of|from) |(?:invited|guest|outreach) "
    r"(?:countries|states|nations)"
)

# A sentence can only state a new membership with one of these word parts in it.
_POSSESSIVE_NAME = re.compile(r"['’]s\s+[A-Z]")  # "Brazil's Luiz ...", not "Bolivia's accession"

_NEW_TRIGGERS = (
    "join",
    "seat as",
    "admit",
    "admission",
    "accession",
    "acced",
    "incorporat",
    "embrac",
    "welcom",
    "accept",
    "became",
    "become",
    "membership",
    "confirmed",
    "approved",
    "completed the",
    "formalized",
    "invit",
    "upgraded",
)
# "were admitted as dialogue partners", "welcomed A and B as observers": not new members
_AS_LESSER = re.compile(
    r"[^.;]{0,40}?\bas\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?(?P<what>dialogue partners?|partners?|"
    r"partner (?:states|countries)|observers?|observer (?:states?|countries)|guests?)\b"
)


# what a person or a delegation joins, unlike a state joining a bloc
_JOINED_EVENT = re.compile(
    r"\s+(?:the|a|an|their|his|her)\s+(?:[\w'’-]+\s+){0,2}?(?:retreat|meeting|"
    r"summit|talks|session|discussions?|call|video\s*(?:link|conference)|videoconference|"
    r"dinner|ceremony|photo|leaders)\b",
    re.IGNORECASE,
)


@dataclass
class Membership:
    members: list[tuple[str, int]] = field(default_factory=list)  # (country, offset)
    new_members: list[tuple[str, int, str]] = field(default_factory=list)  # (country, offset, status)
    observers: list[tuple[str, int]] = field(default_factory=list)
    partners: list[tuple[str, int]] = field(default_factory=list)
    leader_countries: list[tuple[str, int]] = field(default_factory=list)
    candidates: list[tuple[str, int, str]] = field(default_factory=list)
    new_org_members: list[tuple[str, int, str]] = field(default_factory=list)  # ("African Union", ...)
    attending_observers: list[tuple[str, int]] = field(default_factory=list)  # "observers at the summit included"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    from .lexicon import vocab

    spec = vocab()["membership"]
    out = {}
    for key in ("new_member_patterns", "observer_patterns", "partner_patterns", "member_patterns"):
        out[key] = [re.compile(p.replace("LIST", _LIST)) for p in spec[key]]
    out["leaders_of"] = [
        re.compile(
            r"\b(?:[Ll]eaders|[Hh]eads of (?:[Ss]tate|[Gg]overnment)(?:\s+(?:and|or)\s+[Gg]overnment)?|"
            r"[Pp]residents|[Dd]elegations)\s+(?:of|from)\s+(?:the\s+)?(?:[Rr]epublics\s+of\s+)?"
            r"(?:(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|some)\s+)?"
            r"(?:(?:member|invited|guest|partner|outreach)\s+)?(?:states|countries|nations)\s*,?\s*"
            r"(?:including|such as|namely)\s+(?:the\s+)?)?(?P<list>" + _LIST + ")"
        ),
        # "Eight invited countries will join the talks this weekend -- Australia, Brazil, the Comoros ..."
        re.compile(
            r"\b(?:\d+|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)\s+"
            r"(?:invited|guest|outreach)\s+(?:countries|states|nations)\b[^.;:]{0,80}?\s(?:--|—|–|:)\s*(?:the\s+)?"
            r"(?P<list>" + _LIST + ")"
        ),
    ]
    return out


def _countries(ctx: Context, start: int, end: int) -> list[tuple[str, int]]:
    return [(m.name, m.start) for m in ctx.mentions_in(start, end, "country")]


def _add(bucket: list, items: list, *extra) -> None:
    names = {x[0] for x in bucket}
    for name, off in items:
        if name not in names:
            bucket.append((name, off, *extra))
            names.add(name)


_SENT_ITS = re.compile(
    # ("Madagascar, Mauritius and Seychelles sent ministers": plural stand-ins need no determiner)
    r"\s+(?:also\s+)?sent\s+(?:(?:its|their|an?)\s+(?:[\w-]+\s+){0,3}?|(?=(?:[\w-]+\s+)?(?:ministers|deputies|envoys|"
    r"ambassadors|representatives|delegations|officials)\b)(?:[\w-]+\s+)?)(?:minister|president|vice|deputy|"
    r"premier|envoy|ambassador|representative|delegation|prime|foreign|speaker|chancellor|official|head|leader)\w*+"
    # "sent an official protest", "sent its foreign ministry's note": a thing sent, not someone
    r"(?!['’]|\s+(?:protest|letter|note|message|statement|response|invitation|complaint|request|reply|warning|signal)s?\b)"
)
_LABELLED = re.compile(r"\b(?:partners?|observers?|guests?|states|countries)\s+$", re.IGNORECASE)
_WERE_REPRESENTED = re.compile(r"\s+(?:were|was|are|is)\s+(?:also\s+|all\s+)?represented\b")
# "A, B and C took part in the summit", "... joined the talks", "... were among the countries attending"
_TOOK_PART_IN = re.compile(
    r"\s+(?:also\s+|all\s+)?(?:took\s+part\s+in|participated\s+in|joined|attended)\s+(?:the|this|this\s+year['’]s)\s+"
    r"(?P<gap>(?:[\w'’-]+\s+){0,3}?)(?:summit|meeting|talks|session|gathering|conference)\b"
    r"|\s+(?:were|was)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w-]+\s+)?(?:countries|nations|states|delegations)\s+"
    r"(?:attending|taking\s+part|participating|represented|present)\b"
)
_EARLIER = re.compile(r"\b(?:last|previous|first|next|upcoming|\d{4})\b", re.IGNORECASE)
# "Also in attendance were A, B and C", "Joining the talks were A, B and C"
_IN_ATTENDANCE_WERE = re.compile(
    r"\b(?:[Ii]n\s+attendance|[Jj]oining\s+(?:the\s+|them\s+)?(?:summit|meeting|talks|leaders)?)\s*,?\s+"
    r"(?:were|was)\s+(?:also\s+)?(?:the\s+)?"
)
_TOOK_PART_THROUGH = re.compile(
    r"\s+(?:also\s+)?(?:participated|took\s+part|attended|were\s+present)\s+(?:through|via|at\s+the\s+level\s+of)\b"
)


def _listed_before(ctx: Context, at: int, sent_start: int) -> list[tuple[str, int]]:
    """The countries listed right before ``at`` in their sentence, unless the list is labelled as something else
    ("dialogue partners A and B were represented": partners, whatever the verb says)."""
    run = country_run_back(ctx, at, sent_start).items
    if run and not _LABELLED.search(ctx.text, max(0, run[0][1] - 30), run[0][1]):
        return list(run)
    return []


def find_membership(ctx: Context) -> Membership:
    pats = _patterns()
    out = Membership()
    for s in ctx.sentences:
        text = s.text
        if not ctx.mentions_in(s.start, s.end, ("country", "organization")):
            continue  # every pattern needs a country (or a member organization) in its LIST slot
        low = text.lower()
        new_trigger = any(w in low for w in _NEW_TRIGGERS)
        for rx in pats["new_member_patterns"] if new_trigger else ():
            for m in rx.finditer(text):
                found = [
                    (c.name, c.start)
                    for c in ctx.mentions_in(s.start + m.start("list"), s.start + m.end("list"), "country")
                    # "welcomed Brazil's Luiz Inácio Lula da Silva": a country's leader, not the country
                    if not _POSSESSIVE_NAME.match(ctx.text, c.end)
                ]
                verb = re.sub(
                    r"\s+", " ", text[m.start() : m.start("list")].strip() or text[m.end("list") : m.end()].strip()
                )
                verb = re.sub(r"^['’]s\s+", "", verb)
                if not found:
                    # a non-state member: "The African Union has been admitted as a permanent member"
                    orgs = ctx.mentions_in(s.start + m.start("list"), s.start + m.end("list"), "organization")
                    if orgs and orgs[0].start == s.start + m.start("list") + _lead(text[m.start("list") :]):
                        _add(out.new_org_members, [(orgs[0].name, orgs[0].start)], "joined: " + (verb or "joined"))
                    continue
                if ctx.mentions_in(s.start + m.start("list"), s.start + m.end("list"), "person") or (
                    "join" in text[m.end("list") : m.end()] and _JOINED_EVENT.match(text, m.end())
                ):
                    continue  # "New Zealand's Christopher Luxon joined the leaders' retreat": a person joins a meeting
                if _anothers(ctx, s.start + m.end()):
                    continue  # "Somalia is set to become a full member of the East African Community": in an
                    # article about another bloc's summit, that bloc's news
                lesser = _AS_LESSER.match(text, m.end())
                if lesser is not None:
                    if lesser.group("what").startswith("observer"):
                        _add(out.observers, found)
                    elif "partner" in lesser.group("what"):
                        _add(out.partners, found)
                    continue
                around = text[max(0, m.start() - 40) : m.end()]
                if _DECIDED_EARLIER.search(text, max(0, m.start() - 40), m.start()):
                    # "ASEAN agreed in principle last November to admit Timor-Leste": decided at an earlier summit,
                    # not this one's new member (nor yet a member)
                    _add(out.candidates, found, "admission agreed earlier: " + (verb or "admitted"))
                    continue
                if _CANDIDATE.search(around) and not _APPROVED.search(text, m.start(), m.end() + 14):
                    _add(out.candidates, found, "candidate: " + (verb or "discussed"))
                    continue
                clause = re.split(r"[,;]\s|\s(?:and|while|but)\s", text[m.end() :] + " ", maxsplit=1)[0]
                if _joined_before(ctx, text[m.start() : m.end()] + clause):
                    _add(out.members, found)  # "Sweden, which joined ... in March": a member, not new
                    continue
                pending = bool(_PENDING.search(around))
                status = ("admission in progress: " if pending else "joined: ") + (verb or "joined")
                _add(out.new_members, found, status)
                if not pending:
                    _add(out.members, found)
        for rx in pats["observer_patterns"] if "observer" in low else ():
            for m in rx.finditer(text):
                if m.groupdict().get("as_obs"):
                    # "Prime Minister of Hungary ... and ... of Turkmenistan attended as leaders of
                    # observer states": every country named before it in the sentence
                    _add(out.observers, _countries(ctx, s.start, s.start + m.start()))
                    continue
                if "head" in m.groupdict() and m.group("head"):
                    # "<President of X> ... as Head of the <ORG> observer states": nearest country before
                    before = list(_countries(ctx, s.start, s.start + m.start()))
                    if before:
                        _add(out.observers, [before[-1]])
                    continue
                _add(out.observers, _countries(ctx, s.start + m.start("list"), s.start + m.end("list")))
        for rx in pats["partner_patterns"] if "partner" in low else ():
            for m in rx.finditer(text):
                _add(out.partners, _countries(ctx, s.start + m.start("list"), s.start + m.end("list")))
        for rx in pats["member_patterns"] if ("member" in low or "founding" in low) else ():
            for m in rx.finditer(text):
                if m.group().lower().startswith(("leaders", "heads", "presidents", "representatives")):
                    continue  # handled with the leaders below
                if re.search(
                    r"\b(?:non[-\s]?|not\s+(?:an?\s+)?)$", text[max(0, m.start() - 8) : m.start()], re.IGNORECASE
                ):
                    continue  # "non-member states such as A and B"
                _add(out.members, _countries(ctx, s.start + m.start("list"), s.start + m.end("list")))
        for rx in pats["leaders_of"] if _LEADERS_HINT.search(low) else ():
            for m in rx.finditer(text):
                found = _countries(ctx, s.start + m.start("list"), s.start + m.end("list"))
                if len(found) < 1:
                    continue
                clause = re.split(r"[,;.]\s|\s(?:but|while|whereas)\s", text[m.end() :] + " ", maxsplit=1)[0]
                if _STAYED_AWAY.search(clause.lower()):
                    continue  # "the leaders of A, B and C stayed away": they do not take part
                _add(out.leader_countries, found)
                prev = ctx.sentences[s.index - 1].text if s.index > 0 else ""
                if _MEMBER_CONTEXT.search(text) or _MEMBER_CONTEXT.search(prev):
                    _add(out.members, found)
    for s in ctx.sentences:
        low = s.text.lower()
        if _STAYED_AWAY.search(low):
            continue  # "representatives of A did not attend", "A's delegation boycotted the summit"
        if (
            "representative" in low or "delegate" in low or "delegations" in low or "envoy" in low
        ) and _ATTENDED.search(low):
            # "attended by ... representatives from A, B and C": those countries take part
            for m in _REPRESENTATIVES.finditer(s.text):
                _add(out.leader_countries, list(country_run(ctx, s.start + m.end(), s.end, lead=False).items))
        if "delegation" in low and _DELEGATION_LEAD.search(low):
            # "he headed Bahrain's delegation at the summit", "the UAE delegation at the summit",
            # "the Indian delegation": the country takes part
            for m in re.finditer(r"\bdelegation\b", s.text):
                lead_text = s.text[max(0, m.start() - 40) : m.start()]
                men = None
                for gap in _DELEGATION_GAPS:  # "Bahrain's delegation", "the Chilean high-level delegation"
                    gm = gap.search(lead_text)
                    if gm is not None:
                        men = ctx.mention_ending_at(s.start + m.start() - len(gm.group()), ("country", "demonym"))
                        if men is not None:
                            break
                if men is not None:
                    _add(out.leader_countries, [(men.name, men.start)])
        if " sent " in low:
            # "Mexico sent its foreign minister, while Peru sent its vice president": each country takes part
            for m in _SENT_ITS.finditer(s.text):
                _add(out.leader_countries, list(country_run_back(ctx, s.start + m.start(), s.start).items))
        if "represented" in low:
            # "Haiti, Jamaica and Suriname were represented (by their leaders)": those countries take part
            for m in _WERE_REPRESENTED.finditer(s.text):
                _add(out.leader_countries, _listed_before(ctx, s.start + m.start(), s.start))
        if any(w in low for w in ("took part", "participated", "joined", "attended", "among the")):
            for m in _TOOK_PART_IN.finditer(s.text):
                if m.group("gap") and _EARLIER.search(m.group("gap")):
                    continue  # "took part in the 2019 summit", "joined the first meeting": another one
                _add(out.leader_countries, _listed_before(ctx, s.start + m.start(), s.start))
        if "attendance" in low or "joining" in low:
            for m in _IN_ATTENDANCE_WERE.finditer(s.text):
                _add(out.leader_countries, list(country_run(ctx, s.start + m.end(), s.end, lead=False).items))
        if " through " in low or " via " in low or " level of " in low:
            # "Antigua and Barbuda, Grenada and Saint Lucia participated through their ambassadors": they take part
            for m in _TOOK_PART_THROUGH.finditer(s.text):
                _add(out.leader_countries, _listed_before(ctx, s.start + m.start(), s.start))
        if "guest" in low and _ATTENDED.search(low):
            # "as well as guest countries - Mongolia and the UAE - joined the leaders to attend"
            for m in _GUESTS.finditer(s.text):
                _add(out.leader_countries, list(country_run(ctx, s.start + m.end(), s.end).items))
    frames = membership_frames(ctx)
    _add(out.observers, frames.observers)
    _add(out.attending_observers, frames.attending)
    _add(out.new_members, frames.pending, "admission in progress: member status")
    for name, off in frames.joined:
        sent = ctx.sentence_at(off)
        if sent is None or not _joined_before(ctx, sent.text[off - sent.start :]):
            _add(out.new_members, [(name, off)], "joined")  # else a member since before this summit
        _add(out.members, [(name, off)])
    _add(out.partners, frames.partners)
    observers = {c for c, _ in out.observers}
    partners = {c for c, _ in out.partners}
    # a state read as a member only in passing and named an observer or partner is not a member;
    # one named in an explicit member list stays (it can be both, e.g. in different bodies)
    out.members = [x for x in out.members if x[0] not in observers and x[0] not in partners]
    _add(out.members, frames.members)
    _headline_joins_pending(ctx, out)
    return out


def _headline_joins_pending(ctx: Context, out: Membership) -> None:
    """A headline says "X and Y join" where the text says they were invited or are being
    admitted: being admitted, not yet members."""
    pending = {c for c, _, st in out.new_members if st.startswith("admission in progress")}
    if not pending:
        return
    heads = {s.start for s in ctx.sentences[:2] if s.text[-1:] not in '.!?:;"”'}
    loose = {
        c
        for c, off, st in out.new_members
        if not st.startswith("admission in progress")
        and ((at := ctx.sentence_at(off)) is not None and at.start in heads)
    }
    if not loose:
        return
    out.members = [x for x in out.members if x[0] not in loose or x[0] in pending]
    out.new_members = [
        (c, off, "admission in progress: invited" if c in loose else st) for c, off, st in out.new_members
    ]


def _lead(text: str) -> int:
    """Length of a leading "the " (the LIST slot may start with it)."""
    m = re.match(r"(?:the|The)\s+", text)
    return m.end() if m else 0


_WHOSE = re.compile(r"(?:\s+(?:of|to|into|in))?\s+(?:the\s+)?")


def _anothers(ctx: Context, end: int) -> bool:
    """Whether the organization a membership phrase ends on ("... a full member of the EAC", "joined NATO") is
    not one of the article's main organizations."""
    m = _WHOSE.match(ctx.text, end)
    org = ctx.mention_at(m.end() if m else end, "organization")
    return org is not None and org.name not in main_orgs(ctx)


def _joined_before(ctx: Context, clause: str) -> bool:
    """Whether a joining clause dates the joining clearly before the publication ("in
    March", "in 2023", "last year"): then the state is a member, not new at this summit."""
    pub = ctx.published
    if pub is None:
        return False
    if re.search(r"\b(?:last year|years? ago|a year ago)\b", clause):
        return True
    for d in ctx.dates(clause, pub):
        if d.value is None:
            continue
        if d.kind == "year":
            return int(d.value) < pub.year
        if d.kind == "my":
            return (pub.year - int(d.value[:4])) * 12 + pub.month - int(d.value[5:7]) >= 1
        if len(d.value) == 10:
            return (pub - date.fromisoformat(d.value)).days > 31
    m = _MONTH_IN.search(clause)
    if m:
        return MONTHS[m.group(1).lower()] < pub.month
    return False
