"""Frames: a trigger word and the arguments next to it inside its clause.

The membership, observer and partner facts are read as frames rather than as whole
phrases: a trigger ("member states", "which groups", "observers ... included",
"dialogue partners") and, right after it (or right before it, for "A and B are
observers"), an argument that is a *run* of gazetteer countries joined by commas, "and",
semicolons or line breaks with bullets.  The run is read from the mentions the matcher
found, so official names ("Federative Republic of Brazil", "Lao PDR") count as their
country, and a run stops at the first thing that is not a country.

Negation and modality are read from small lexicons: a "non-member" or a state that "is
not a member" is no member; "could", "hopes to", "applied" make a candidate, not a
member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import Context
from .lexicon import COUNT_WORDS, Mention, count_value
from .sentences import Sentence

# Between two items of a run: ",", ";", "and", "&", "as well as", a line break with an
# optional bullet; "the" may follow.
_SEP = re.compile(
    r"\s*(?:,\s*(?:and\s+|&\s+)?|;\s*(?:and\s+)?|\s+(?:and|&|as well as)\s+|\s*\n\s*(?:[—–\-•*·▪●]\s*|\d{1,2}[.)]\s*)?)"
    r"(?:the\s+|The\s+)?"
)
# What may stand between a run's trigger and its first item.
_LEAD = re.compile(
    r"\s*(?:[:—–-](?=\s))?(?:,?\s*(?:namely|including|such as|i\.e\.)\s*:?)?"
    r"\s*(?:[—–\-•*·▪●]\s+|\d{1,2}[.)]\s+)?(?:the\s+|The\s+)?"
)
# A parenthesis right after an item: "Republic of Korea (ROK)", "China (host)".
_PAREN = re.compile(r"\s*\([^()\n]{0,40}\)")
_BACK_SEP = re.compile(r"(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+|;\s*)(?:the\s+|The\s+)?$")


@dataclass(frozen=True)
class Run:
    """A run of countries: (name, offset) items and where the run ends in the text."""

    items: tuple[tuple[str, int], ...]
    end: int


def country_run(ctx: Context, pos: int, limit: int, lead: bool = True) -> Run:
    """The countries named one after another from ``pos`` (up to ``limit``)."""
    text = ctx.text
    if lead:
        m = _LEAD.match(text, pos, limit)
        if m:
            pos = m.end()
    items: list[tuple[str, int]] = []
    end = pos
    while pos < limit:
        men = ctx.mention_at(pos, "country")
        if men is None and items:
            pm = _OFFICIAL_PREFIX.match(text, pos, limit)  # "Republic of Marshall Islands"
            men = ctx.mention_at(pm.end(), "country") if pm else None
        org = ctx.mention_at(pos, "organization") if men is None and items else None
        if org is not None and org.end <= limit:
            sm = _SEP.match(text, org.end, limit)  # "observers Iran, the EU and Mongolia": the bloc is no state
            if sm is not None and sm.end() > org.end and ctx.mention_at(sm.end(), "country") is not None:
                end, pos = org.end, sm.end()
                continue
        if men is None or men.end > limit:
            unknown = _unknown_item(ctx, pos, limit, len(items)) if items else None
            if unknown is None:
                break
            items.append((text[pos:unknown], pos))  # "..., Guyana, Montserrat, Saint Lucia, ...": a territory
            end = unknown
            sm = _SEP.match(text, end, limit)
            if sm is None or sm.end() == end or ctx.mention_at(sm.end(), "country") is None:
                break
            pos = sm.end()
            continue
        items.append((men.name, men.start))
        end = men.end
        pm = _PAREN.match(text, end, limit)
        if pm:
            end = pm.end()
        sm = _SEP.match(text, end, limit)
        if sm is None or sm.end() == end:
            break
        pos = sm.end()
    return Run(_dedup(items), end)


_NAMED = ("country", "city", "organization", "person")
_OFFICIAL_PREFIX = re.compile(r"(?:Republic|Kingdom|Federated States|State|Commonwealth) of (?:the )?")
# a name the gazetteer lacks inside a list of countries: one to three capitalized words
_UNKNOWN_ITEM = re.compile(r"[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}")
_LAST_SEP = re.compile(r"(?:,\s*|\s)(?:and|&)\s+(?:the\s+)?$")
_LIST_END = re.compile(r"[ \t]*(?:[.;:)]|\n|$)")


def _unknown_item(ctx: Context, pos: int, limit: int, known: int) -> int | None:
    """Where an unknown item of a country list ends ("Montserrat", "the Cook Islands"),
    when a known country follows it or it closes, after "and", a list of ``known`` >= 2
    countries; else None."""
    text = ctx.text
    m = _UNKNOWN_ITEM.match(text, pos, limit)
    if m is None or ctx.mentions_in(m.start(), m.end(), _NAMED) or ctx.mention_at(m.start(), _NAMED):
        return None  # a known name is no unknown item (a demonym may start one: "French Polynesia")
    sm = _SEP.match(text, m.end(), limit)
    if sm is not None and sm.end() > m.end() and ctx.mention_at(sm.end(), "country") is not None:
        return m.end()
    if known >= 2 and _LAST_SEP.search(text, max(0, pos - 12), pos) and _LIST_END.match(text, m.end()):
        return m.end()
    return None


def country_run_back(ctx: Context, end: int, floor: int) -> Run:
    """The countries named one after another that end right before ``end``."""
    text = ctx.text
    pos = end
    while pos > floor and text[pos - 1] in " \t":
        pos -= 1
    if pos > floor and text[pos - 1] == ",":
        pos -= 1  # "A, B and C, which ..."
    items: list[tuple[str, int]] = []
    while pos > floor:
        men: Mention | None = ctx.mention_ending_at(pos, ("country", "organization"))
        if men is None or men.start < floor or text[men.end : pos].strip(" \t'’s"):
            break
        if men.type == "country":
            items.append((men.name, men.start))  # "China, Japan, the EU and the US": the bloc is no state
        sm = _BACK_SEP.search(text, max(floor, men.start - 20), men.start)
        if sm is None:
            break
        pos = sm.start()
    items.reverse()
    return Run(_dedup(items), end)


def _dedup(items: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    seen: set[str] = set()
    out = []
    for name, off in items:
        if name not in seen:
            seen.add(name)
            out.append((name, off))
    return tuple(out)


# --- membership frames -------------------------------------------------------------------

_NEGATED = re.compile(
    r"(?:\bnon[-\s]?|\bnot\s+(?:yet\s+)?(?:an?\s+|the\s+)?(?:full\s+)?|\bformer\s+|\bnever\s+)$", re.IGNORECASE
)
_BLOC = (
    r"(?:bloc|group|grouping|alliance|organi[sz]ation|association|union|forum|community|council|movement|club|"
    r"conference|format|body|league)"
)
# "member states", "member-states", "founding members", "the bloc's members", "its members"
_MEMBER_NOUN = re.compile(
    r"\b(?:(?i:member|founding|full)[\s-]+(?i:states?|countries|nations|members|economies)"
    r"(?:\s+(?i:delegations?|leaders|heads))?"
    r"|[Pp]artner[\s-]+States"  # a community's "Partner States" (capital S): its members, not partners
    r"|(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?States[\s-]+Parties"  # Mercosur's members
    r"|(?:(?i:its|their|the)\s+(?:\w+['’]s\s+)?|[A-Z][\w-]*['’]s\s+)"
    r"(?:(?:current|present|full|founding|\w+-strong|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\s+)?(?:other\s+)?(?:[A-Z][a-z]+\s+)?members"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+-strong)\s+(?:full\s+)?members"
    r"(?=\s*(?::|—|–|-\s|,?\s*namely|,?\s*including))"
    r"|(?:(?<=^)|(?<=\n)|(?<=[.:]\s))[Mm]embers(?=\s+of\s+(?:the\s+)?" + _BLOC + r"\b)"
    # "Forum members are A, B and C": a bloc word of the organization's name before "members"
    r"|(?:(?<=Forum )|(?<=League )|(?<=Union ))members(?=\s+(?:are|were|include[sd]?|comprise[sd]?)\b))\b"
    r"(?:\s+of\s+(?:the\s+)?" + _BLOC + r"(?=\s+(?:are|were|include[sd]?|comprise[sd]?)\b))?"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){1,7})?"
    r"(?:\s+(?:now|currently|presently|today|also|at present))?"
    r"(?:\s*(?:are|were|is|include[sd]?|comprise[sd]?|:|—|–|-(?=\s)|,?\s*namely|,?\s*including|,?\s*such as)(?![\w-])"
    r"(?:\s+(?:now|currently|presently|today|at present)\b)?"  # "The grouping's members are now A, B ..."
    r"|,(?=\s+(?:the\s+)?[A-Z])(?!\s+(?>[A-Z][\w'’-]*)\s+(?:said|says|told|added|noted|argued|warned)\b))?"
    # "the four other members, Palau, ...": an apposition (not "the bloc's members, Bolivia said, ...")
)
# "X, which groups / comprises / brings together A, B and C"
# a sentence can only hold a _GROUP_VERB with one of these in it
_GROUP_HINTS = (
    "group", "compris", "consist", "made up", "composed", "together", "unite", "includ", "members are", "bloc of",
    "alliance of", "club of",
)  # fmt: skip
_GROUP_VERB = re.compile(
    r"\b(?:(?:grouping|bloc|alliance|club)\s+of|"
    r"groups|grouping|grouped|comprises|comprising|comprised|is comprised of|consists of|consisting of|"
    r"(?:is\s+)?(?:made up|composed) of|brings together|bringing together|unites|uniting|whose members are|"
    r"whose members include|"
    r"includes|including|included|(?:expanded|grew|grown|widened|enlarged)(?:\s+in\s+\w+(?:\s+\d{4})?)?\s+to\s+include)"
    r"\s+(?:the\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+){0,3}?(?:member\s+)?"
    r"(?:states|countries|nations|members|republics|economies)"
    r"\s*(?::|—|–|-(?=\s)|,?\s*namely)?\s*(?:the\s+)?)?",
    re.IGNORECASE,
)
_SUBJECT_GAP = re.compile(
    r"^(?:\s*\([A-Z0-9-]{2,8}\))?(?:['’]s\s+membership)?(?:\s*,?\s*(?:which|that|who)?\s*(?:has|have|had)?\s*"
    r"(?:now|currently|also|today)?\s*)$"
)
_OBSERVER_NOUN = re.compile(
    r"\b(?:(?i:countries|states|nations)\s+with\s+(?:an?\s+|the\s+)?observer\s+status|"
    r"[Oo]bservers?(?:\s+(?i:states?|countries|nations|members))?)\b"
    r"(?:\s+(?:at|to|in|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:summit|meeting|session|forum|organi[sz]ation|bloc|[A-Z][\w-]+)(?:\s+in\s+[A-Z][\w'’-]+)?)?"
    r"(?:\s*(?:are|were|include[sd]?|comprise[sd]?|:|—|–|,?\s*namely|,?\s*including|,?\s*such as)(?![\w-])"
    r"|(?<=[Ss]tates|ntries|ations)(?=\s+(?:the\s+)?[A-Z])"
    r"|(?<=observers),(?=\s+(?:the\s+)?[A-Z])(?!\s+(?>[A-Z][\w'’-]*)\s+(?:said|says|told|added|noted)\b))"
    # "its nine observers, Australia, China ...": an apposition
)  # also "Observer states Belarus, Iran and ..."
_AS_OBSERVERS = re.compile(
    r"^\s*(?:(?:have|has|had|also)\s+)?(?:attended|participated|took part|joined|were present|are|were|is|was)?\s*"
    r"(?:in the \w+\s+)?as\s+(?:an?\s+)?observers?\b"
)
_PARTNER_NOUN = re.compile(
    r"\b(?:dialogue|partner)\s+(?:partners?|states|countries|nations)\b"
    r"(?:\s+(?:of|to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:summit|forum|organi[sz]ation|bloc|group|"
    r"[A-Z][\w-]+)(?=\s*(?:[:—–]|are|were|include)))?"
    r"(?:\s*(?:are|were|include[sd]?|:|—|–|,?\s*namely|,?\s*including|,?\s*such as)(?![\w-]))?"
)
_AS_PARTNERS = re.compile(
    r"^\s*(?:(?:have|has|had)\s+)?(?:become|became|were\s+(?:admitted|granted|named)|are|were)\s+(?:as\s+)?"
    r"(?:the\s+)?(?:\w+\s+)?(?:partner countries|dialogue partners|partners)\b"
)


@dataclass
class FrameHits:
    """What the membership frames found, as (country, offset) pairs."""

    members: list[tuple[str, int]] = field(default_factory=list)
    observers: list[tuple[str, int]] = field(default_factory=list)
    partners: list[tuple[str, int]] = field(default_factory=list)
    attending: list[tuple[str, int]] = field(default_factory=list)  # observers said to be at the summit
    joined: list[tuple[str, int]] = field(default_factory=list)  # "X, an observer since 2005, joined" (verb offset)
    pending: list[tuple[str, int]] = field(default_factory=list)  # "X for obtaining member status": being admitted


# "the Andean Community (CAN) members A, B and C": an organization's name right before the noun
_ORG_IS = re.compile(r"\s+(?:is|are|consists of|is made up of)\s+(?:the\s+)?(?=[A-Z])")
_AMONG_MEMBERS = re.compile(r"\b[Aa]mong\s+(?:the|its)\s+(?:existing\s+|current\s+|other\s+)?members\s*,\s*(?:the\s+)?")
_ORG_MEMBERS = re.compile(
    r"(?:\s*\([A-Z0-9-]{2,8}\))?(?:['’]s)?\s+(?:fellow\s+)?(?:members|member[\s-](?:states|"
    r"countries|nations))\b"
    # "The G7 members are now A, B ...", "ASEAN member states include A, B ..."
    r"(?:\s+(?:are|were|include[sd]?|comprise[sd]?)(?:\s+(?:now|currently|presently|today|at present))?\b|\s*[:—–])?"
)
_BRINGS_TOGETHER = re.compile(
    r"(?:\s*\([A-Z0-9-]{2,8}\))?\s+(?:brings together|unites|groups|comprises|gathers)\s+"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:countries|states|nations|members)\b[^:;.]{0,80}:\s*"
)
# "A, B and C as member countries": the list named as members, whatever the subject
_AS_MEMBERS = re.compile(
    r"\s*(?:\([^()\n]{0,40}\))?\s+as\s+(?:its\s+|the\s+)?(?:full\s+|founding\s+)?"
    r"(?:members|member\s+(?:states|countries|nations))\b"
)
# "Alongside A, the member states include ...": A is one of them
_ALONGSIDE = re.compile(r"\b(?:[Aa]longside|[Bb]esides|[Aa]long with|[Ii]n addition to|[Aa]part from)\s+")
_ALONGSIDE_GAP = re.compile(r"\s*,\s*(?:the\s+|its\s+|their\s+)?")
# "A has been participating in the ORG since 2011", "A has been a member of the ORG since 1992"
_IN_THE = re.compile(r"\s+in\s+(?:the\s+)?(?=[A-Z])")
_BEGAN = re.compile(r"\s+(?:began|started)\s+(?:participating|taking\s+part)\b")
_MEMBER_SINCE = re.compile(
    r"\s+(?:has|have)\s+been\s+(?:participating\s+in|taking\s+part\s+in|"
    r"an?\s+(?:full\s+)?member\s+of|"
    r"(?:full\s+)?members\s+of|part\s+of)\s+(?:the\s+)?"
)
# "A would obtain observer status": granted at this summit (no hope or plan word may stand between)
_GETS_OBSERVER = re.compile(
    r"\s+(?:(?:would|will|has|have|had)\s+)?(?:also\s+)?(?:obtain(?:ed)?|receive[sd]?|get|"
    r"got|gain(?:ed)?|"
    r"(?:be|was|were|been)\s+granted)\s+(?:the\s+|an?\s+)?observer status\b"
)
# "... observer status, joining A, B and C": those that already hold it
_JOINING_OBSERVERS = re.compile(
    r"\bobserver\s+(?:status|states?|countries)\s*,\s*joining\s+(?:the\s+)?(?:other\s+|"
    r"fellow\s+)?"
    r"(?:observers?\s+)?",
    re.IGNORECASE,
)
_PART_OF = re.compile(
    r"\s+(?:(?:are|is|were|was)\s+)?(?:also\s+|now\s+|all\s+)?(?:part|full members|members)\s+of\s+"
    r"(?:the\s+)?(?P<what>[\w'’-]+(?:\s+[A-Z][\w'’-]*){0,5})"
)
_FOR_STATUS = re.compile(
    r"\s+(?:for|on)\s+(?:obtaining|acquiring|granting|receiving)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?"
    r"member(?:ship)?\s+(?:country\s+|state\s+)?status\b"
)
_FOUNDED_BY = re.compile(
    r"\b(?:[Ff]ounded|[Ee]stablished|[Ss]et up|[Cc]reated|[Ll]aunched|[Ff]ormed)(?:\s+in\s+\d{4})?"
    r"\s+by\s+(?:the\s+)?(?:leaders\s+of\s+(?:the\s+)?)?"
)
_REMAIN_SUSPENDED = re.compile(
    r"(?:,\s+(?:where|which|whose)\s+[^,;]{1,80},)?\s+(?:(?:would|will)\s+)?(?:remain|remains|are|were|have\s+been|"
    r"has\s+been|had\s+been)\s+(?:still\s+)?suspended\b"
)
_FROM_BODIES = re.compile(r"(?:\s+from\s+(?:all\s+|the\s+)?(?:activities\s+of\s+(?:the\s+)?)?)?")
_A_MEMBER_SINCE = re.compile(r",\s+(?:an?\s+)?(?:founding\s+|full\s+)?member(?:\s+state)?\s+since\s+(?:19|20)\d\d\b")
_OTHER_BLOC_AFTER = re.compile(r"\s+of\s+")  # "a member since 1995 of the WTO": another body's
_APPOSITIVE_JOIN = re.compile(
    r",\s+(?:(?:previously|formerly|until now|so far|long)\s+)?(?:an?|the|which|who)\s+"
    r"[^,;]{1,50},"
    r"\s+(?:has\s+|have\s+|had\s+|officially\s+|formally\s+|finally\s+)?"
    r"(?:joined|became\s+(?:an?|the|its)\s+(?:[\w'’-]+\s+){0,3}member|was admitted|"
    r"has been admitted|(?:was|has been) granted (?:full\s+)?membership)\b"
)
_JOINS_LIST = re.compile(r"\b(?:joins|joined|will\s+join)\s+(?=(?:the\s+)?[A-Z])")
_IN_THE_BLOC = re.compile(
    r"\s+in\s+(?:what\s+(?:had\s+been|was|has\s+been)\s+)?(?:an?|the|their)\s+(?:[\w-]+\s+){0,2}" + _BLOC + r"\b"
)
_N_MEMBERS_COLON = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+member\s+(?:states|countries)\b"
    r"[^:.;\n]{0,80}:\s*",
    re.IGNORECASE,
)
_CANDIDATE_NEAR = re.compile(r"\b(?:could|may|might|hopes?|wants?|plans?|expected|will|would)\b", re.IGNORECASE)
_AT_SUMMIT = re.compile(r"\b(?:at|to|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:summit|meeting|session)\b", re.IGNORECASE)
_ATTEND = re.compile(
    # "were joined in the hall by delegations from its nine observers: A, B ...": there
    r"\b(?:attend\w*|took part|take part|participat\w*|were present|represented|were joined|delegations? from)\b",
    re.IGNORECASE,
)
# "an alliance of six countries — A, B, ...", "a grouping of five states: A, B ..."
_BLOC_OF_N = re.compile(
    r"\b" + _BLOC + r"\s+of\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:countries|states|nations|members|economies|republics)"
    r"\s*(?:[:—–]|-(?=\s)|\(|,?\s*(?:namely|including))\s*",
    re.IGNORECASE,
)
# "the bloc, which also counts A, B and C among its members"
_COUNTS_AMONG = re.compile(r"\bcounts?\s+(?=[A-Z])")
_BELONG_TO = re.compile(
    r"(?:,\s+(?:which|that|who)\s+(?:all\s+|also\s+)?|\s+(?:all\s+|also\s+)?)belongs?\s+to\s+(?:the\s+)?"
)
# "... among its members", "... as (its) members" after the list a bloc counts
_AMONG_ITS_MEMBERS = re.compile(
    r"\s+(?:among\s+(?:its|their|the\s+\w+['’]s)|as(?:\s+its)?)\s+(?:full\s+|founding\s+)?members\b"
)
# a list's apposition that names it the bloc's members: ", all SICA members", ", the bloc's three members"
_LIST_THEN_MEMBERS = re.compile(
    r",\s+(?:(?:all|both)\s+(?:(?:the\s+)?[A-Z][\w-]*(?:['’]s)?\s+)?|the\s+(?:[A-Z][\w-]*|bloc|group|grouping|"
    r"organi[sz]ation|alliance)['’]s\s+(?:(?P<n>\d{1,2}|" + "|".join(COUNT_WORDS) + r")\s+)?)"
    r"(?:full\s+|founding\s+)?(?:members|member\s+(?:states|countries|nations))\b"
)
_COUNT_WORD = re.compile(r"\b(?:\d{1,2}|" + "|".join(COUNT_WORDS) + r")\b")
# "the ten JEF nations - A, B, ...", "the nine NATO allies on the Alliance's eastern flank - A, B, ...": a counted group
# and a dash or colon before its list
_THE_N_NATIONS = re.compile(
    r"\bthe\s+(?P<n>\d{1,2}|" + "|".join(COUNT_WORDS) + r")\s+(?:[A-Z][\w-]*\s+){0,2}"
    r"(?:nations|countries|states|member states|member countries|members|allies|partners|partner states)"
    r"(?:\s+(?:on|of|in|from|along|around)\s+[^-–—:,;.]{0,60}?)?\s*(?:[—–:]|\s-)\s*"
)


# a sentence whose subject is the bloc the sentence before named: "It comprises ...", "The bloc was founded ..."
_BLOC_SUBJECT = re.compile(r"(?:It|The\s+" + _BLOC + r")\b", re.IGNORECASE)
# a participle's appositive between a bloc and its verb: "SICA, founded in 1991 under the Tegucigalpa Protocol, groups"
_PARTICIPLE_GAP = re.compile(r"(?:\s*\([A-Z0-9-]{2,8}\))?,\s+[a-z]+ed\b[^,.;]{0,70},\s*$")
_N_MEMBERS_OF = re.compile(
    r",\s+the\s+(?P<n>\d{1,2}|" + "|".join(COUNT_WORDS) + r")\s+(?:founding\s+|full\s+)?"
    r"(?:members|member\s+states|member\s+countries)\s+of\s+(?:the\s+)?"
)


def _main_org_in(ctx: Context, sent: Sentence) -> bool:
    """Whether ``sent`` names the article's bloc: by name, or as its subject ("The bloc was founded in 1991.")."""
    if _BLOC_SUBJECT.match(sent.text) and not sent.text.startswith(("It", "it")):
        return True
    return any(o.name in main_orgs(ctx) for o in ctx.mentions_in(sent.start, sent.end, "organization"))


_N_MEMBER_BLOC = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|twenty|twenty-\w+)[-\s](?:member|nation|country|state)\s+"
    + _BLOC
    + r"(?:\s*,)?\s*(?:[:—–]|-(?=\s)|\(|,?\s*(?:namely|comprising|including|of))\s*"
)
_ARE_MEMBERS = re.compile(
    r"\s+(?:are|were|remain|have\s+been|are\s+now|are\s+all|are\s+also)\s+(?:the\s+|its\s+|"
    r"the\s+bloc['’]s\s+)?(?P<acr>[A-Z][\w&-]*[A-Z][\w&-]*\s+)?(?P<noun>(?:full|founding|permanent)\s+)?"
    r"(?:members|member[\s-]+(?:states|countries|nations)|[Pp]artner\s+States)\b"
    r"(?P<of>\s+of\s+(?:the\s+)?)?"
)  # also "A, B and C are the IGAD member states"
_DELEGATIONS_COLON = re.compile(
    r"\bmember[\s-]+(?:states?|countries|nations)(?:['’])?\s+(?:delegations|leaders|"
    r"heads\s+of\s+(?:state|delegation)s?)\s*:\s*",
    re.IGNORECASE,
)
_PLURAL_STATES = re.compile(r"\b(?:countries|states|nations|members|economies|republics)\b")
_ORG_DASH = re.compile(r"(?:\s*\([A-Z0-9-]{2,8}\))?\s*[—–]\s*|\s+-\s+")
# the apposition closes with a dash, or "plus / and also the EU" before it
_DASH_CLOSE = re.compile(r"(?:,?\s+(?:plus|as well as|and)\s+(?:the\s+)?[A-Z][\w ]{2,40}?)?\s*(?:[—–]|\s-\s)")
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who|an?|the)\s+[^,;]{1,80},\s*$")
_NOW_JOINS = re.compile(
    r"\s*(?:has\s+|have\s+|had\s+|officially\s+|formally\s+|finally\s+|now\s+)*"
    r"(?:joined|became|becomes|was admitted|has been admitted|is admitted)\b"
)
_AS_FULL_MEMBER = re.compile(
    r"\s+(?:(?:has|have|had|also)\s+)?(?:attended|attends?|participated|participates?|"
    r"took part|takes? part|sat|sits?|was present|were present)(?:\s+[\w'’-]+){0,5}?\s+"
    r"as\s+(?:a\s+)?(?:full\s+)?members?\b"
)
_MEMBERS_LABEL = re.compile(r"[ \t]*(?:Full\s+)?(?:Members|Member\s+(?:states|countries|States|Countries))\s*:\s*")
_BLOC_OF = re.compile(
    r"\b(?:(?P<bloc>(?:the|a|The|A)\s+(?:\w+-nation\s+|\w+-member\s+|"
    r"\w+-country\s+)?" + _BLOC + r")|[A-Z][\w-]*)"
    r"(?P<of>\s+of\s+)(?:the\s+)?(?=[A-Z])"
)
_MAKE_UP = re.compile(
    r"\s+(?:(?:now\s+|together\s+|jointly\s+)?(?:make up|made up|form|formed|constitute|founded|"
    r"created|established))"
    r"\s+(?:the\s+)?"
)
_WITH_BEFORE = re.compile(r"\b(?:along with|together with|as well as|with)\s+(?:the\s+)?$", re.IGNORECASE)
_COLON_EOL = re.compile(r"[^\n.;]{0,30}?:[ \t]*\n")
_GRANTED = re.compile(r"\b(?:granted|gave|given|accorded|awarded|conferred)\s+(?:the\s+)?$", re.IGNORECASE)
_OBS_STATUS = re.compile(r"\s*(?:an?\s+|the\s+)?[“\"]?observer status", re.IGNORECASE)


def _paragraph_after(ctx: Context, pos: int) -> list[tuple[str, int]]:
    """The countries of the paragraph after a lead-in that ends its line with a colon
    ("Representatives of the observer states included:" then a line of names and titles)."""
    m = _COLON_EOL.match(ctx.text, pos)
    if m is None:
        return []
    text = ctx.text
    start = m.end()
    while start < len(text) and text[start] in " \t\n":
        start += 1
    blank = re.compile(r"\n[ \t]*\n").search(text, start, start + 1500)
    end = blank.start() if blank else min(len(text), start + 1500)
    return list(_dedup([(c.name, c.start) for c in ctx.mentions_in(start, end, "country")]))


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATED.search(text, max(0, start - 20), start))


def membership_frames(ctx: Context) -> FrameHits:
    """Members, observers and partners stated by a frame in any sentence."""
    text = ctx.text
    out = FrameHits()
    for s in ctx.sentences:
        low = s.text.lower()
        # a list may run over the next lines ("member states:\n- A\n- B"): reach a bit past the sentence
        limit = min(len(text), s.end + 400)
        if not ctx.mentions_in(s.start, s.end if s.text[-1:] != ":" else limit, "country"):
            continue
        for org in ctx.mentions_in(s.start, s.end, "organization"):
            # "The G7 is the US, Japan, Germany, France, Britain, Italy and Canada": the bloc defined by its members
            im = _ORG_IS.match(text, org.end, s.end)
            if im is not None and org.name in main_orgs(ctx):
                run = country_run(ctx, im.end(), s.end)
                if len(run.items) >= 3:
                    out.members.extend(run.items)
            bm = _BRINGS_TOGETHER.match(text, org.end, s.end)
            if bm is not None and org.name in main_orgs(ctx):
                # "The Three Seas Initiative (3SI) brings together 13 EU countries ...: Austria, Bulgaria, ..."
                out.members.extend(country_run(ctx, bm.end(), limit).items)
        if "among the" in low and "members" in low:
            for m in _AMONG_MEMBERS.finditer(text, s.start, s.end):
                out.members.extend(country_run(ctx, m.end(), s.end).items)  # "Among the existing members, A and B"
        if "member" in low or "partner states" in low or "states parties" in low:
            for m in _MEMBER_NOUN.finditer(text, s.start, s.end):
                if _negated(text, m.start()) or re.search(r"\bnon[-\s]?$", text[max(0, m.start() - 5) : m.start()]):
                    continue
                run = country_run(ctx, m.end(), limit)
                if not run.items and m.group().endswith("members") and text.startswith(",", m.end()):
                    run = _appositive_run(ctx, m.end(), s.end)  # "The bloc's members, A, B and C, met"
                out.members.extend(run.items or _paragraph_after(ctx, m.end()))
                if run.items:
                    out.members.extend(_alongside(ctx, s.start, m.start()))
            for org in ctx.mentions_in(s.start, s.end, "organization"):
                om = _ORG_MEMBERS.match(text, org.end, s.end)
                if om is not None and not _negated(text, org.start) and org.name in main_orgs(ctx):
                    run = country_run(ctx, om.end(), limit)
                    out.members.extend(run.items or _appositive_run(ctx, om.end(), s.end).items)
            for m in _COUNTS_AMONG.finditer(text, s.start, s.end):
                run = country_run(ctx, m.end(), s.end, lead=False)
                if run.items and _AMONG_ITS_MEMBERS.match(text, run.end, run.end + 40):
                    out.members.extend(run.items)
            for m in _LIST_THEN_MEMBERS.finditer(text, s.start, s.end):
                # "A, B and C, all SICA members, signed", "A, B and C, the bloc's three members, signed"
                named = ctx.mentions_in(m.start(), m.end(), "organization")
                if named and named[0].name not in main_orgs(ctx):
                    continue
                back = country_run_back(ctx, m.start(), s.start)
                if len(back.items) >= 2 and (m.group("n") is None or len(back.items) == count_value(m.group("n"))):
                    out.members.extend(back.items)
            for m in _N_MEMBER_BLOC.finditer(text, s.start, s.end):
                # "the eight-member bloc — A, B, ... and C —", "the 10-member grouping of A, B and C"
                run = country_run(ctx, m.end(), limit)
                if len(run.items) >= 2:
                    out.members.extend(run.items)
            for m in _ARE_MEMBERS.finditer(text, s.start, s.end):
                # "The United Mexican States and the Argentine Republic are full members"
                of = m.group("of")
                if of and not any(
                    o.name in main_orgs(ctx)
                    for o in ctx.mentions_in(m.end() - len(of), m.end() + 60, "organization")[:1]
                ):
                    continue  # members of some other body
                acr = m.group("acr")
                if acr and not any(
                    o.name in main_orgs(ctx) for o in ctx.mentions_in(m.start("acr"), m.end("acr"), "organization")
                ):
                    continue  # "A and B are the EU member states": another bloc's, or no bloc
                out.members.extend(country_run_back(ctx, m.start(), s.start).items)
            for m in _DELEGATIONS_COLON.finditer(text, s.start, s.end):
                # "the heads of the member-state delegations: President of A Name, President of B Name"
                out.members.extend(_dedup([(c.name, c.start) for c in ctx.mentions_in(m.end(), s.end, "country")]))
            lm = _MEMBERS_LABEL.match(text, s.start, s.end)
            if lm is not None:
                out.members.extend(country_run(ctx, lm.end(), limit).items)  # "Members: A, B, C."
        if "—" in s.text or "–" in s.text or " - " in s.text:
            for org in ctx.mentions_in(s.start, s.end, "organization"):
                # "The G7 — the United States, Japan, Germany, ... — met": the organization's members in apposition
                dm = _ORG_DASH.match(text, org.end, s.end)
                if dm is None or org.name not in main_orgs(ctx) or _negated(text, org.start):
                    continue
                run = country_run(ctx, dm.end(), s.end)
                if len(run.items) >= 3 and _DASH_CLOSE.match(text, run.end):
                    out.members.extend(run.items)
        if "of " in low:
            for m in _BLOC_OF_N.finditer(text, s.start, s.end) if _PLURAL_STATES.search(low) else ():
                run = country_run(ctx, m.end(), limit)
                if len(run.items) >= 2:
                    out.members.extend(run.items)
            for m in _BLOC_OF.finditer(text, s.start, s.end):
                # "the bloc of Brazil, Russia, India, China and South Africa"
                bloc_org = ctx.mention_ending_at(m.start("of"), "organization")
                if bloc_org is None and not m.group("bloc"):
                    continue
                run = country_run(ctx, m.end(), s.end, lead=False)
                if len(run.items) >= 2:
                    out.members.extend(run.items)
        for m in _N_MEMBERS_OF.finditer(text, s.start, s.end) if _COUNT_WORD.search(low) else ():
            # "It was endorsed by A, B, ... and H, the eight members of ACTO": a list as long as its count
            whose = ctx.mention_at(m.end(), "organization")
            back = country_run_back(ctx, m.start(), s.start)
            if whose is not None and whose.name in main_orgs(ctx) and len(back.items) == count_value(m.group("n")):
                out.members.extend(back.items)
        for m in _THE_N_NATIONS.finditer(text, s.start, s.end) if _COUNT_WORD.search(low) else ():
            # "leaders from the ten JEF nations - the United Kingdom, Denmark, ...": a list as long as its count
            run = country_run(ctx, m.end(), s.end)
            closed = _DASH_CLOSE.match(text, run.end) or re.match(r"\s*[.;]", text[run.end : run.end + 2])
            if len(run.items) == count_value(m.group("n")) and closed:
                out.members.extend(run.items)
        if any(w in low for w in (" make up", " form", " constitute", " founded", " created", " established")):
            for m in _MAKE_UP.finditer(text, s.start, s.end):
                # "Bolivia, Colombia and Peru make up the Andean Community"
                if not _bloc_word_or_org(ctx, m.end(), min(s.end, m.end() + 80)):
                    continue
                run = country_run_back(ctx, m.start(), s.start)
                if len(run.items) >= 2:
                    out.members.extend(run.items)
        if "began" in low or "started" in low:
            for m in _BEGAN.finditer(text, s.start, s.end):
                # "BRICS is an association ..., in which South Africa began participating in 2010"
                men = ctx.mention_ending_at(m.start(), "country")
                if men is None:
                    continue
                im = _IN_THE.match(text, m.end())
                org_after = ctx.mention_at(im.end(), "organization") if im else None
                in_which = re.search(r"\b(?:in|of)\s+which\s+$", text[max(s.start, men.start - 12) : men.start])
                first = ctx.mentions_in(s.start, men.start, "organization")
                if org_after is not None or (in_which and first and first[0].start - s.start < 8):
                    out.members.append((men.name, men.start))
        if "belong" in low:
            for m in _BELONG_TO.finditer(text, s.start, s.end):
                # "A, B and C belong to SICA", "A and B, which belong to the bloc, ...": the summit's bloc only
                whose = ctx.mention_at(m.end(), "organization")
                if whose is not None and whose.name in main_orgs(ctx):
                    out.members.extend(country_run_back(ctx, m.start(), s.start).items)
        if "since" in low:
            for m in _MEMBER_SINCE.finditer(text, s.start, s.end):
                since_org = ctx.mention_at(m.end(), "organization")
                men = ctx.mention_ending_at(m.start(), "country")
                if (
                    since_org is not None
                    and men is not None
                    and re.match(r"\s+since\b", text[since_org.end : since_org.end + 8])
                ):
                    out.members.append((men.name, men.start))
        if any(w in low for w in _GROUP_HINTS):
            for m in _GROUP_VERB.finditer(text, s.start, s.end):
                run = country_run(ctx, m.end(), limit, lead=False)
                if run.items and _AS_MEMBERS.match(text, run.end, s.end):
                    out.members.extend(run.items)  # "It comprises A and B as member countries"
                elif len(run.items) >= 2 and _has_bloc_subject(ctx, s.start, m.start()):
                    out.members.extend(run.items)
        if "suspended" in low:
            for m in _REMAIN_SUSPENDED.finditer(text, s.start, s.end):
                # "Mali, Burkina Faso and Guinea, where soldiers have seized power, would remain suspended from all
                # ECOWAS decision-making bodies": suspended members are members
                gap = _FROM_BODIES.match(text, m.end())  # (an optional group: always matches)
                whose = ctx.mention_at(gap.end() if gap else m.end(), "organization")
                if whose is not None and whose.name not in main_orgs(ctx):
                    continue
                out.members.extend(country_run_back(ctx, m.start(), s.start).items)
        if "member since" in low:
            for m in _A_MEMBER_SINCE.finditer(text, s.start, s.end):
                # "Turkey, a member since 1952, had blocked ...": a member of the bloc the article reports on
                men = ctx.mention_ending_at(m.start(), "country")
                if men is not None and not _OTHER_BLOC_AFTER.match(text, m.end()):
                    out.members.append((men.name, men.start))
        if "join" in low or "became" in low or "admitted" in low or "granted" in low:
            for m in _APPOSITIVE_JOIN.finditer(s.text):
                # "Iran, an observer since 2005, joined the SCO as a full member"
                run = country_run_back(ctx, s.start + m.start(), s.start)
                if run.items and not _CANDIDATE_NEAR.search(m.group()):
                    # the offset of the verb: what follows it dates the joining ("joined ... in March")
                    verb = s.start + m.end() - len(m.group().split(",")[-1].lstrip())
                    out.joined.extend((name, verb) for name, _ in run.items)
        if "part of" in low or "members of" in low:
            for m in _PART_OF.finditer(s.text):
                # "... with Egypt, Ethiopia and Iran also part of the group"
                if not _bloc_word_or_org(ctx, s.start + m.start("what"), s.start + m.end("what")):
                    continue
                named = ctx.mentions_in(s.start + m.start("what"), s.start + m.end("what"), "organization")
                if named and named[0].name not in main_orgs(ctx):
                    continue  # "Turkey and Hungary are members of NATO" in a report on another bloc
                run = country_run_back(ctx, s.start + m.start(), s.start)
                out.members.extend(run.items)
        if "status" in low and "member" in low:
            for m in _FOR_STATUS.finditer(s.text):
                # "Memorandum of Commitments of the Republic of India for obtaining SCO member status"
                men = ctx.mention_ending_at(s.start + m.start(), "country")
                if men is not None and men.start >= s.start:
                    out.pending.append((men.name, men.start))
        if "join" in low:
            for m in _JOINS_LIST.finditer(text, s.start, s.end):
                # "Somalia thus joins Burundi, the DRC, Kenya ... and Uganda in what had been a seven-nation bloc"
                run = country_run(ctx, m.end(), limit, lead=False)
                if len(run.items) >= 2 and _IN_THE_BLOC.match(text, run.end):
                    out.members.extend(run.items)
        if " member states" in low or " member countries" in low:
            for m in _N_MEMBERS_COLON.finditer(text, s.start, s.end):
                # "Six member states remain suspended from AU activities after military takeovers: Mali, ..."
                named = ctx.mentions_in(s.start, m.end(), "organization")
                if all(o.name in main_orgs(ctx) for o in named):
                    out.members.extend(country_run(ctx, m.end(), limit).items)
        if "found" in low or "establish" in low or "set up" in low or "formed" in low:
            for m in _FOUNDED_BY.finditer(s.text):
                # "Founded in 2001 by China, Russia and Kazakhstan, the SCO ..."
                run = country_run(ctx, s.start + m.end(), limit, lead=False)
                if len(run.items) >= 2:
                    out.members.extend(run.items)
        if "observer" in low:
            for m in _OBSERVER_NOUN.finditer(text, s.start, s.end):
                if _negated(text, m.start()):
                    continue
                found = country_run(ctx, m.end(), limit).items or _paragraph_after(ctx, m.end())
                out.observers.extend(found)
                if _AT_SUMMIT.search(m.group()) or _ATTEND.search(s.text):
                    out.attending.extend(found)
            for m in re.finditer(
                r",\s+(?:an?|the)\s+(?:\w+\s+)?observer(?:\s+(?:state|country|nation))?"
                r"(?:\s+since\s+\d{4})?\s*,",
                s.text,
            ):
                if _NOW_JOINS.match(s.text, m.end()):
                    continue  # "Laos, an observer since 2023, became a full member": no longer an observer
                # "Turkmenistan, an observer state, and Hungary ... attended"
                men = ctx.mention_ending_at(s.start + m.start(), "country")
                if men is not None and men.end == s.start + m.start():
                    out.observers.append((men.name, men.start))
                    if _ATTEND.search(s.text):
                        out.attending.append((men.name, men.start))
            for m in _JOINING_OBSERVERS.finditer(text, s.start, s.end):
                if not _negated(text, m.start()):
                    out.observers.extend(country_run(ctx, m.end(), limit, lead=False).items)
            for m in _GETS_OBSERVER.finditer(text, s.start, s.end):
                out.observers.extend(country_run_back(ctx, m.start(), s.start).items)
            for m in re.finditer(r",\s+(?:both|all)\s+observers?(?:\s+(?:states|countries|nations))?\s*,", s.text):
                # "Spain and Mexico, both observers, sent envoys"
                out.observers.extend(country_run_back(ctx, s.start + m.start(), s.start).items)
            for m in _OBS_STATUS.finditer(low):
                # "granted Timor-Leste an observer status"
                run = country_run_back(ctx, s.start + m.start(), s.start)
                if run.items and _GRANTED.search(text, max(s.start, run.items[0][1] - 30), run.items[0][1]):
                    out.observers.extend(run.items)
            for m in re.finditer(r"\bas\s+(?:an?\s+)?observers?\b", low):
                head = s.start + m.start()
                # "A and B attended as observers": the run right before the verb
                vm = re.search(
                    r"(?:\s+(?:have|has|had|also))?\s+(?:attended|attends?|participated|participates?|"
                    r"took part|takes? part|sits?|sat|"
                    r"joined|were present|are|were|is|"
                    r"was)(?:\s+(?:in\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s*$",
                    text[s.start : head],
                )
                if vm is None:
                    # "A joined the Andean Community as an observer": the organization between verb and "as"
                    orgs_before = ctx.mentions_in(s.start, head, "organization")
                    if orgs_before and not text[orgs_before[-1].end : head].strip():
                        vm = re.search(
                            r"(?:\s+(?:have|has|had|also))?\s+(?:joined|became part of|was admitted to|"
                            r"were admitted to)"
                            r"\s+(?:the\s+)?$",
                            text[s.start : orgs_before[-1].start],
                        )
                if vm is None:
                    # "..., along with A as an observer": in a sentence saying who attended
                    run = country_run_back(ctx, head, s.start)
                    if run.items and _WITH_BEFORE.search(text, max(s.start, run.items[0][1] - 20), run.items[0][1]):
                        out.observers.extend(run.items)
                        if _ATTEND.search(s.text):
                            out.attending.extend(run.items)
                    continue
                found = country_run_back(ctx, s.start + vm.start(), s.start).items
                if not found:
                    # "Ecuador, which was admitted in principle in 2029, attended as an observer"
                    rel = _RELATIVE_BEFORE.search(text, s.start, s.start + vm.start())
                    if rel is not None:
                        found = country_run_back(ctx, rel.start(), s.start).items
                out.observers.extend(found)
                if re.search(
                    r"attend|participat|t(?:ook|akes?) part|(?:were|are) present|joined the (?:summit|meeting|talks)",
                    vm.group(),
                ):
                    out.attending.extend(found)
        if "as a full member" in low or "as full members" in low or "as a member" in low:
            for m in _AS_FULL_MEMBER.finditer(text, s.start, s.end):
                # "Bolivia took part for the first time as a full member"
                out.members.extend(country_run_back(ctx, m.start(), s.start).items)
        if "partner" in low:
            for m in _PARTNER_NOUN.finditer(text, s.start, s.end):
                if _negated(text, m.start()):
                    continue
                out.partners.extend(country_run(ctx, m.end(), limit).items)
            for m in re.finditer(
                r"\s+(?:(?:have|has|had)\s+)?(?:become|became|were\s+(?:admitted|granted|named)|are|were)\s+(?:as\s+)?"
                r"(?:the\s+)?(?:\w+\s+)?(?:partner countries|dialogue partners)\b",
                s.text,
            ):
                out.partners.extend(country_run_back(ctx, s.start + m.start(), s.start).items)
    return out


def _appositive_run(ctx: Context, pos: int, sent_end: int) -> Run:
    """A run of two or more countries set off by commas right after ``pos`` (", A, B and C,")."""
    text = ctx.text
    if not text.startswith(",", pos):
        return Run((), pos)
    run = country_run(ctx, pos + 1, sent_end, lead=True)
    if len(run.items) < 2 or not re.match(r"\s*(?:,|\.|$)", text[run.end : run.end + 2]):
        return Run((), pos)
    return run


def main_orgs(ctx: Context) -> set[str]:
    """The organizations named most often in the article: "EU member states A and B" in a
    report on another bloc's summit are not that bloc's members."""
    if "main_orgs" not in ctx.memo:
        counts: dict[str, int] = {}
        for m in ctx.mentions:
            if m.type == "organization":
                counts[m.name] = counts.get(m.name, 0) + 1
        top = max(counts.values(), default=0)
        ctx.memo["main_orgs"] = {name for name, n in counts.items() if n == top}
    return ctx.memo["main_orgs"]


def _alongside(ctx: Context, sent_start: int, trig: int) -> list[tuple[str, int]]:
    """The countries of an "Alongside A," phrase that ends right before a member noun."""
    text = ctx.text
    for m in _ALONGSIDE.finditer(text, max(sent_start, trig - 120), trig):
        run = country_run(ctx, m.end(), trig, lead=False)
        gap = _ALONGSIDE_GAP.match(text, run.end, trig)
        if run.items and gap is not None and gap.end() == trig:
            return list(run.items)
    return []


def _bloc_word_or_org(ctx: Context, start: int, end: int) -> bool:
    """Whether ``start:end`` is a bloc word ("group", "bloc") or starts with an organization."""
    if re.match(_BLOC + r"\b", ctx.text[start:end], re.IGNORECASE):
        return True
    return (
        bool(ctx.mentions_in(start, end, "organization"))
        and ctx.mentions_in(start, end, "organization")[0].start == start
    )


# "the Quad, the informal security grouping of ...": a noun in apposition to the organization
_APPOSITION_GAP = re.compile(r"\s*,\s+(?:the|an?)\s+(?:[\w'’-]+\s+){0,3}$")


def _has_bloc_subject(ctx: Context, sent_start: int, trig: int) -> bool:
    """The subject right before a grouping verb is an organization or a bloc word ("the
    SCO, which groups ...", "the bloc comprises ..."), not a summit or a list of people."""
    text = ctx.text
    if re.fullmatch(r"(?:It|Its\s+membership)\s+(?:also\s+|now\s+|currently\s+)?", text[sent_start:trig]):
        # "It comprises A, B, ...", "Its membership now comprises ...": the bloc the sentence before names
        sent = ctx.sentence_at(sent_start)
        return sent is not None and sent.index > 0 and _main_org_in(ctx, ctx.sentences[sent.index - 1])
    orgs = ctx.mentions_in(max(sent_start, trig - 100), trig, "organization")
    gap = text[orgs[-1].end : trig] if orgs else ""
    if orgs and (_SUBJECT_GAP.match(gap) or _APPOSITION_GAP.match(gap) or _PARTICIPLE_GAP.match(gap)):
        # (another bloc's members are not this one's: "... the Organization of American States, which also includes
        # the United States and Canada" in a report on CELAC)
        return orgs[-1].name in main_orgs(ctx)
    m = re.search(r"\b" + _BLOC + r"(?:s)?\b([^.;:]{0,25})$", text[max(sent_start, trig - 60) : trig], re.IGNORECASE)
    return m is not None and _SUBJECT_GAP.match(m.group(1)) is not None
