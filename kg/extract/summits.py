"""Summits: which organization meets, the ordinal, the kind, host city and country,
start and end dates, and whether it is the article's subject (main), an earlier one
(mentioned) or an announced one (future).

A summit mention is a summit noun ("summit", "meeting", "session", "Council of Heads of
State") tied to an organization: right before it ("the BRICS summit", "NATO's next
Summit"), or in the phrase after it ("the 18th Meeting of the SCO Council of Heads of
State").  A bare "summit" (or a "meeting of the ... Council") belongs to the article's
dominant organization.  All main mentions are merged into one main summit.

Dates follow the text only: an explicit range; or one date with a cue saying whether it
is the first day ("starting", "commences today") or the last ("wrapping up", "after the
summit", "closing"), extended by a stated duration ("two-day") when there is one.  A
weekday is used only when it resolves without doubt (see :mod:`.dates`).  Dates right
after a reporting verb ("said on Wednesday") are the day of the statement, not of the
summit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from kg.linking.gazetteer import organization_table

from .context import Context
from .dates import (
    DATE_FIRST_DATELINE,
    DATELINE_DAY,
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    duration_days,
    parse_iso,
    shift,
)
from .lexicon import ORDINAL_WORDS, Mention, Target, alternation, hyphen_part, vocab

_NEXT = re.compile(r"\b[Nn]ext\s+$")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


@dataclass
class SummitMention:
    start: int
    end: int
    org: Mention | None
    role: str
    sentence_start: int
    ordinal: int | None = None
    kind: str | None = None
    name: str | None = None
    host_city: str | None = None
    host_city_offset: int | None = None
    host_country: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    near_org: Mention | None = None
    ordinal2: int | None = None
    proper: str | None = None  # "Caspian Summit": the name of a summit series with no organization
    joint: Mention | None = None  # "the Joint Arab-Islamic Summit": the second organization holding it


@dataclass
class Summit:
    organization: str
    role: str
    org_entry: Any = None
    ordinal: int | None = None
    kind: str | None = None
    name: str | None = None
    host_city: str | None = None
    host_country: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    offsets: list[int] = field(default_factory=list)


# the date a dateline may carry after its city: ", July 4", ", 4 July 2024", ", Jul. 4, 2024"
_DATELINE_DATE = (
    rf"(?P<dldate>,\s*{DATELINE_DAY}\.?\s*"
    # "Djibouti, 13/06/2023 (HID) -": day first, as agencies writing in French date it
    r"|,\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}\s*)?"
)
# how a dateline ends: a bracket, a slash, a dash ("--" too), a colon, or, after its date, a full stop ("LIMA, June 6.
# Leaders ...")
_DATELINE_END = r"(?:\(|/|—|–|--?\s|:\s|(?(dldate)(?<=\.)(?=\s|$)|(?!)))"


# "GEORGETOWN, Guyana, CMC –": a wire's acronym after the place, without brackets
_DATELINE_AGENCY = r"(?:,\s*[A-Z]{2,6}\s*(?=[—–-]))?"


# "Harare is ready to host", "Brazil is set to host": a host to come
_READY_TO = r"is\s+(?:ready|set|preparing|poised)\s+to\s+"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    v = vocab()
    return {
        # the look-ahead on the first letters lets the engine skip most positions fast
        "noun": re.compile(
            r"(?=[ACEHILMPRSacmrs])(?<![\w-])(?:Council of Heads of (?:State|Government)|"
            # "the AU Assembly", "the African Union Assembly" (not "the UN General Assembly")
            r"(?:(?<=[A-Z] )|(?<=Union ))Assembly|"
            # "the 30th OSCE Ministerial Council", "the 30th Ministerial Council of the OSCE": its yearly meeting
            r"(?:(?<=[A-Z] )|(?<=\dst )|(?<=\dnd )|(?<=\drd )|(?<=\dth ))Ministerial Council|"
            r"Heads of (?:State|Government) Council|" + _BODIES + r"|"
            # "the 42nd extraordinary assembly of heads of state and government of the IGAD"
            r"(?:[Aa]ssembly|conference)(?= of (?:the )?[Hh]eads of [Ss]tate)|"
            # South Asian news style's noun "meet": "the SAARC meet", "the G20 meet", "the Nov 26-27 meet"
            r"(?:(?<=[A-Z] )|(?<=\d )|(?<=-day )|(?<=annual )|(?<=summit )|(?<=level ))meet"
            r"(?=\s*[,.;:)]|\s+(?:in|at|on|of|here|this|last|next|held|was|is|will|has|had|ended|opened|closed|"
            r"concluded|began|begins|ends|saw)\b)|"
            r"[Ss]ummit(?:ry|s)?|SUMMITS?|[Mm]eetings?|[Ss]essions?|Conference|[Rr]etreat)(?![\w-])"
        ),
        "council": re.compile(
            r"^\s*(?:of\s+)?(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+(?:the\s+)?)?){0,5}?"
            r"(?:Council|Heads of State|Heads of Government|Leaders)\b"
        ),
        "right_stop": re.compile(
            r",|\.|;|:|\bthat\b|\bwhich\b|\bin\b|\bon\b|\bat\b|\bstarting\b|\bwas\b|\bhas\b|\bis\b|\bwill\b|\bwith\b|"
            r"\bfor\b|\bto\b"
        ),
        "ordinal_pair2": re.compile(
            r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:and|&)\s+(\d{1,3})(?:st|nd|rd|th)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE
        ),
        # a Roman numeral of two letters or more, or "the I"/"the V": not the pronoun "I"
        # ("the XIXth Summit": a Roman numeral with an English ending, as French texts translated write it)
        "ordinal_roman": re.compile(
            r"(?:(?<![\w-])([IVXL]{2,7})|(?<=\bthe )([IVX]))(?:th|st|nd|rd)?\s+(?:[A-Z][\w'’-]*\s+){0,2}$"
        ),
        "ordinal_num": re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE),
        "ordinal_pair": re.compile(
            r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:and|&|-|–)\s+\d{1,3}(?:st|nd|rd|th)\s+(?:[\w'’-]+\s+){0,2}$",
            re.IGNORECASE,
        ),
        "ordinal_word": re.compile(
            r"\b("
            + "|".join(
                list(ORDINAL_WORDS)
                + [f"{t}-{o}" for t in _TENS for o in list(ORDINAL_WORDS)[:9]]
                + [t + "ieth" for t in ("twent", "thirt", "fort", "fift")]
            )
            + r")\s+(?:[\w'’-]+\s+){0,2}$",
            re.IGNORECASE,
        ),
        "kinds": [(re.compile(rx), kind) for rx, kind in v["summit_kinds"]],
        "future": re.compile(r"(?<![\w-])" + alternation(v["future_cues"]) + r"(?![\w-])", re.IGNORECASE),
        "past": re.compile(r"(?<![\w-])" + alternation(v["past_cues"]) + r"(?![\w-])", re.IGNORECASE),
        "open": re.compile(r"(?<![\w-])" + alternation(v["opening_cues"]) + r"(?![\w-])", re.IGNORECASE),
        "close": re.compile(r"(?<![\w-])" + alternation(v["closing_cues"]) + r"(?![\w-])", re.IGNORECASE),
        "report": re.compile(
            r"(?<![\w-])" + alternation(v["report_verbs"]) + r"\s+(?:on\s+|last\s+|this\s+)?$", re.IGNORECASE
        ),
        "hosted_by_city": re.compile(
            rf"^\s*(?:has\s+|have\s+|will\s+|is\s+|was\s+|{_READY_TO})?(?:hosted|hosts|host|hosting|"
            r"(?:played|plays|play|playing)\s+host\s+to)\b"
        ),
        # "in Lima", "in Peru's capital Lima", "in the Peruvian capital Lima", "hosted by the city of Lima"
        "in_before": re.compile(
            # (not a title's "of": "Ruler of Dubai", "Mayor of London" name no venue)
            r"\b(?:in|at|(?<!Ruler )(?<!Mayor )(?<!Governor )(?<!Emir )(?<!Amir )of|to|hosted\s+by)\s+"
            r"(?:the\s+|its\s+|their\s+)?(?:\w+['’]s\s+)?"
            r"(?:[A-Z][\w'’-]+\s+(?=(?:capital|city|resort|town|port)\b))?"
            r"(?:(?:capital|city|resort|town|port),?\s+)*(?:city\s+of\s+|of\s+)?$",
            re.IGNORECASE,
        ),
        "doc_after": re.compile(
            r"^\s*(?:Declaration|Charter|Treaty|Convention|Statement|Agreement|Initiative|Process|Plan|"
            # "the Astana International Forum" (not the "Arusha International Conference Centre": the city's venue)
            r"Protocol|Format|Group|Forum|"
            r"International(?!\s+(?:Conference|Convention|Exhibition|Congress|Expo)\s+(?:Centre|Center|Hall|Complex))|"
            r"Times)\b"
        ),
        # "ASTANA, July 4 (Reuters) -", "ASTANA, 4 July 2024 —", "ASTANA: ..."
        "dateline": re.compile(
            r"^(?P<city>[A-Z][A-Z'’.\- ]{2,40}?)"
            r"(?:,\s*(?P<country>[A-Z][\w'’. -]{2,40}?))?\s*" + _DATELINE_DATE + _DATELINE_AGENCY + _DATELINE_END
        ),
        "city_org_gap": re.compile(r"\s+(?:[A-Z][\w-]*\s+){1,2}"),
        "venue_before": re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,6}?[A-Z][\w'’-]*,\s*$"),
        "hosting_country": re.compile(
            r"(?:['’]s\s+hosting\s+of|\s+(?:hosted|hosts|is\s+hosting|will\s+host|to\s+host|hosting|"
            rf"{_READY_TO}host))\b"
        ),
        "dateline_title": re.compile(
            # accented letters too: "Asunción, June 26, 2024 –", "Bogotá, March 1 (EFE)"
            r"^(?P<city>[A-ZÀ-Þ][a-zß-ÿ'’]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ'’]+){0,2})"
            r"(?:,\s*(?P<country>[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ]+){0,2})"
            # "Addu City (Maldives), November 12, 2011"
            r"|\s+\((?P<pcountry>[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ]+){0,2})\))?\s*"
            + _DATELINE_DATE
            + _DATELINE_AGENCY
            + r"(?:"
            + _DATELINE_END
            + r"|$)"  # $: a dateline on a line of its own ("Kathmandu, 27 November 2031")
        ),
        "held_on": re.compile(r"(?:\b(?:took place|takes place|convened|met)|(?<!be )\bheld)\b[^.;]{0,80}$"),
        "chaired": re.compile(r"\b(?:chaired|hosted|presided over) by\s+$"),
        "hosted_by_country": re.compile(
            r"^(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})?"
            r"\s*,?\s*(?:was\s+|is\s+|being\s+)?hosted\s+(?:this\s+year\s+|this\s+time\s+|"
            r"jointly\s+|virtually\s+|online\s+)?by\s+(?:the\s+)?$"
        ),
        "x_hosted": re.compile(r"\b([A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)[-‐‑]hosted\s+(?:[\w'’-]+\s+){0,3}$"),
        "next_host": re.compile(r"next year['’]s (?:host|chair|presidency)\W*$", re.IGNORECASE),
    }


# The bodies that meet at the level of heads of state or government, named without a
# summit noun: "the CSTO Collective Security Council met", "the Supreme Council of the
# GCC", "the Leaders' Meeting", "the Conference of Heads of State and Government".
_BODIES = (
    r"(?:Conference|Assembly|Summit|Authority) of (?:the )?Heads of (?:State|Government)"
    r"(?: (?:and|or) Government)?|"
    # "the Assembly of IGAD Heads of State": the body, its organization's acronym after it
    r"(?:Conference|Assembly|Summit|Authority)(?= of (?:the )?[A-Z][\w&-]+ Heads of (?:State|Government))|"
    r"Heads of (?:State|Government)(?: (?:and|or) Government)? (?:Conference|Meeting|Summit)|"  # "CARICOM Heads ..."
    r"Supreme (?:[A-Z][\w-]+ ){0,3}Council|Collective Security Council|Presidential Council|"
    r"(?:Eurasian )?Intergovernmental Council|"
    r"(?:Economic )?Leaders['’]? (?:Meeting|Summit)|"
    # "the European Council met": a body that is itself an organization, meeting at summit level
    r"European Council(?= (?:met|meets|will meet|is meeting|convened|convenes|gathered|opened|concluded|ended|"
    r"wrapped up|agreed|adopted|endorsed|approved|called|decided)\b)"
)
_BODY_WORD = re.compile(
    r"(?:Conference|Assembly|Summit|Authority|Supreme|Collective|Presidential|Economic|Leaders|"
    r"Eurasian|Intergovernmental)\b"
)


_LEADERS_WORDS = re.compile(r"(?:\s+[Ee]conomic)?\s+[Ll]eaders['’]?\s+$")


# "the first in-person summit", "the first G20 summit held on African soil", "the first summit since 2019": a first
# of some kind, not the series' number
_FIRST_OF_A_KIND_BEFORE = re.compile(
    r"\b(?:first|second|third)\s+(?:ever\s+|such\s+|(?:in-person|face-to-face|physical|offline)\s+)(?:[\w'’-]+\s+){0,3}$|"
    # "attending his first summit": a person's first, not the summit's number
    r"\b(?:his|her|their|my|our)\s+(?:first|second|third|last)\s+(?:[\w'’-]+\s+){0,2}$|"
    # "the 75th anniversary summit": the anniversary's number
    r"\b\d{1,3}(?:st|nd|rd|th)\s+anniversary\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_FIRST_BEFORE = re.compile(r"\b(?:first|second|third)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_OF_A_KIND_AFTER = re.compile(
    r"\s+(?:(?:to\s+be\s+|ever\s+)?(?:held|hosted|staged)\s+)?(?:on\s+[A-Z]\w+\s+soil|outside\b|since\b|abroad\b|"
    r"in\s+(?:Africa|Asia|Europe|Latin America|South America|the Middle East|the Gulf|the region)\b|"
    # "the first trilateral summit in four years": the first since a gap
    r"in\s+(?:(?:more\s+than|over|nearly|almost|about|some)\s+)?(?:a|\w+)\s+(?:years?|decades?|months?)\b)"
)


def _first_of_a_kind(text: str, noun_start: int, noun_end: int) -> bool:
    """Whether a word ordinal before the summit noun counts a first of some kind, not the summit's place in its
    series: "the first in-person summit", "the first G20 summit held on African soil"."""
    window = text[max(0, noun_start - 40) : noun_start]
    if _FIRST_OF_A_KIND_BEFORE.search(window):
        return True
    return _FIRST_BEFORE.search(window) is not None and _OF_A_KIND_AFTER.match(text, noun_end) is not None


_EDITION_OF = re.compile(r"\s+edition\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$")


def _ordinal(ctx: Context, pos: int) -> int | None:
    pats = _patterns()
    window = ctx.text[max(0, pos - 60) : pos]
    lm = _LEADERS_WORDS.search(window)
    if lm:  # "the 9th Andean Community Leaders' Summit", "the 30th APEC Economic Leaders' Meeting"
        window = window[: lm.start()] + " "
    em = _EDITION_OF.search(window)
    if em:  # "the 19th edition of the Pacific Alliance summit": the edition's ordinal
        window = window[: em.start()] + " "
    window = window[-40:].replace("–", "-")  # "the second Central Asia–China Summit"
    m = pats["ordinal_pair"].search(window)
    if m:
        return int(m.group(1))  # "the 44th and 45th ASEAN Summits": the first of the pair (see _second_ordinal)
    m = pats["ordinal_num"].search(window)
    if m and "anniversary" not in window[m.start() :]:
        return int(m.group(1))
    m = pats["ordinal_roman"].search(window)
    if m and "anniversary" not in window[m.start() :]:
        value = _roman(m.group(1) or m.group(2))
        if value is not None and 1 <= value <= 99:
            return value  # "XII BRICS Summit", "the XVI Summit"
    m = pats["ordinal_word"].search(window)
    if m and "anniversary" not in window[m.start() :]:
        word = m.group(1).lower()
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
        for tens, value in _TENS.items():
            if word.startswith(tens):
                rest = word[len(tens) :].lstrip("-")
                return value + ORDINAL_WORDS.get(rest, 0) if rest else value
        for stem, value in (("twent", 20), ("thirt", 30), ("fort", 40), ("fift", 50)):
            if word == stem + "ieth":
                return value
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(word: str) -> int | None:
    """The value of a well-formed Roman numeral ("XII" -> 12), else None."""
    total, prev = 0, 0
    for ch in reversed(word):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    canonical = ""
    n = total
    for value, sym in ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            canonical += sym
            n -= value
    return total if canonical == word else None


def _second_ordinal(ctx: Context, pos: int) -> int | None:
    """The second of a pair of ordinals before a plural summit noun: "the 40th and 41st
    ASEAN Summits" are two summits, held back to back."""
    m = _patterns()["ordinal_pair2"].search(ctx.text[max(0, pos - 40) : pos])
    return int(m.group(1)) if m else None


def _org_for(ctx: Context, noun_start: int, noun_end: int, sent_end: int) -> tuple[Mention | None, bool, int]:
    """The organization tied to a summit noun, whether a council phrase follows, and where
    the summit phrase ends."""
    pats = _patterns()
    text = ctx.text
    # inside: "the East Asia Summit", "the Commonwealth Heads of Government Meeting"
    cover = ctx.covering(noun_start, "organization")
    if cover is not None:
        if cover.start < noun_start and noun_end <= cover.end:
            return cover, False, cover.end
        if (cover.start, cover.end) == (noun_start, noun_end):
            return cover, True, cover.end  # the body is the organization ("the European Council met")
    # left: "BRICS summit", "NATO's next Summit", "G-20 Leaders' summit", "expanded BRICS meeting"
    left = ctx.mentions_in(max(0, noun_start - 40), noun_start, "organization")
    if left:
        m = left[-1]
        between = text[m.end : noun_start]
        # also "the Shanghai Cooperation Organisation (SCO) summit", "the Nations' Summit"
        if re.fullmatch(r"\)?(?:['’]s?)?(?:\s+[\w'’-]+){0,2}\s+", between) and "\n" not in between:
            return m, False, noun_end
    # "the Gulf Cooperation Council held its 44th session", "the Council will convene its regular summit"
    lead = text[max(0, noun_start - 80) : noun_start]
    held = (
        _HELD_ITS.search(text, max(0, noun_start - 80), noun_start) if (" its " in lead or " their " in lead) else None
    )
    if held is not None:
        own = ctx.mention_ending_at(held.start(), "organization")
        if own is None:
            # "the ECOWAS Authority of Heads of State and Government held its 65th session": the body's organization
            before = ctx.mentions_in(max(0, held.start() - 120), held.start(), "organization")
            if before and (
                _BODY_GAP.fullmatch(text, before[-1].end, held.start())
                or _LEADERS_GAP.fullmatch(text, before[-1].end, held.start())  # "Group of Seven leaders closed their"
            ):
                own = before[-1]
        if own is not None:
            return own, False, noun_end
    # right: "meeting of the SCO Council of Heads of State", "summit of the Council ... of the SCO"
    window_end = min(sent_end, noun_end + 140)
    window = text[noun_end:window_end]
    council = bool(pats["council"].match(window))
    if re.match(r"\s+(?:of|of the)\s", window):
        stop = len(window)
        for sm in pats["right_stop"].finditer(window):
            if sm.group() in ("in", "on", "at") and sm.start() < 6:
                continue
            stop = sm.start()
            break
        # an organization starting before the stop, whose name may hold a stop word ("for", "in")
        right = [m for m in ctx.mentions_in(noun_end, window_end, "organization") if m.start < noun_end + stop]
        if right:
            return right[0], council, right[0].end
        return None, council, noun_end + stop
    return None, council, noun_end


def dateline(ctx: Context) -> tuple[str | None, str | None, int | None]:
    """The dateline's city (and country) and where it is, computed once per article."""
    if "dateline" not in ctx.memo:
        ctx.memo["dateline"] = _dateline(ctx)
    return ctx.memo["dateline"]


def _dateline(ctx: Context) -> tuple[str | None, str | None, int | None]:
    pats = _patterns()
    for s in ctx.sentences[:12]:
        m = pats["dateline"].match(s.text)
        if m is None and s.text.endswith(".") and _DASH_AFTER.match(ctx.text, s.end):
            # "WILMINGTON, Del. — President ...": the state's abbreviation ended a "sentence" before the dash
            m = pats["dateline"].match(ctx.text[s.start : s.end + 3])
        if not m and _CITY_LINE.fullmatch(s.text) and "\n" in ctx.text[s.end : s.end + 2]:
            # "ARUSHA" on a line of its own, above the story's first paragraph
            city = ctx.mention_at(s.start, "city")
            if city is not None and city.end == s.end:
                return city.name, None, s.start
        if not m:
            tm = pats["dateline_title"].match(s.text) or DATE_FIRST_DATELINE.fullmatch(s.text)
            city = _dateline_city(ctx, s.start + tm.start("city"), s.start + tm.end("city")) if tm else None
            if tm is not None and city is not None and city.end == s.start + tm.end("city"):
                found = ctx.lookup(city.name, "city")
                country_entry = ctx.gazetteer.country(found[0].country) if found and found[0].country else None
                country = country_entry.name if country_entry and _country_named(ctx, country_entry.name) else None
                return city.name, country, s.start
            town = _dateline_town(ctx, s.start, tm) if tm is not None and city is None else None
            if town is not None:
                return town
            continue
        raw_city = m.group("city").strip(" .-")
        if not raw_city.replace(" ", "").replace("-", "").isupper() or len(raw_city) < 3:
            continue
        if raw_city.title() in _NO_DATELINE and not ctx.lookup(raw_city.title(), "city"):
            continue  # "LIVE - EUCO, 23-24 June 2022", "ANALYSIS -": a label, no place
        if m.group().endswith(": ") and not ctx.lookup(raw_city.title(), "city"):
            continue  # "PHOTO: REUTERS": a caption, no dateline; a colon dateline names a known city
        if ctx.mention_at(s.start, ("agency", "organization")) is not None or not ctx.lookup(raw_city.title(), "city"):
            # "BISHKEK. KAZINFORM – ...": the agency follows a city that is a sentence of its own
            prev = ctx.sentences[s.index - 1] if s.index > 0 else None
            pm = re.fullmatch(r"([A-Z][A-Z'’\- ]{2,40})\.", prev.text) if prev is not None else None
            if pm is not None and prev is not None and ctx.lookup(pm.group(1).title(), "city"):
                raw_city, s = pm.group(1), prev
            elif ctx.mention_at(s.start, ("agency", "organization")) is not None:
                continue
        city = raw_city.title()
        found = ctx.lookup(city, "city")
        if not found and _MASTHEAD_REST.match(ctx.text, s.start + m.end()):
            continue  # "AAI - Algerian Information Agency", "VGP - Vietnam Government Portal": a masthead
        country = None
        if m.group("country"):
            c = ctx.gazetteer.country(m.group("country").strip())
            country = c.name if c else None
        if found:
            city = found[0].name
            if country is None:
                country_entry = ctx.gazetteer.country(found[0].country) if found[0].country else None
                country = country_entry.name if country_entry and _country_named(ctx, country_entry.name) else None
        return city, country, s.start
    return None, None, None


# words a page writes in capitals before a dash that are labels, not datelines' cities
_NO_DATELINE = frozenset(
    {
        *("Live", "Update", "Updated", "Breaking", "Exclusive", "Analysis", "Opinion", "Watch", "Video", "Photos"),
        *("Editorial", "Comment", "Feature", "Interview", "Explainer", "Factbox", "Review", "Latest", "Special"),
        *("Report", "Summary"),
    }
)
# the rest of a masthead's line after its acronym: the publisher's name
_MASTHEAD_REST = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){0,5}(?:Agency|Portal|News|Press|Service|Television|Radio|Times|Gazette|Journal|"
    r"Post|Herald|Tribune|Media|Online|Daily|Network)[ \t]*$",
    re.MULTILINE,
)


def _dateline_town(ctx: Context, start: int, tm: re.Match[str]) -> tuple[str, str, int] | None:
    """A dated dateline's town the gazetteer does not know, with the country written after it: "Addu City
    (Maldives), November 12, 2011" (a country's name and a date say it is a dateline)."""
    named = tm.groupdict().get("country") or tm.groupdict().get("pcountry")
    country = ctx.gazetteer.country(named) if named else None
    town = (start + tm.start("city"), start + tm.end("city"))
    if country is None or not re.search(r"\d", tm.group()) or ctx.mentions_in(*town):
        return None
    return tm.group("city"), country.name, start


def _dateline_city(ctx: Context, start: int, end: int) -> Mention | None:
    """The city a title-case dateline names: a city mention, or a country's that a city shares
    ("Djibouti, 13/06/2023", "Kuwait, June 3"): a dateline names a city."""
    found = ctx.mention_at(start, ("city", "country"))
    if found is None or found.type == "city" or found.end != end:
        return found if found is not None and found.type == "city" else None
    same = [e for e in ctx.lookup(found.text, "city") if e.name == found.text]
    return Mention(found.start, found.end, found.text, Target("city", same[0].name, same[0])) if same else None


_DASH_AFTER = re.compile(r" [—–-] ")
_CITY_LINE = re.compile(r"[A-Z][A-Z'’.\- ]{2,30}")


def _country_named(ctx: Context, name: str) -> bool:
    return any(m.type in ("country", "demonym") and m.name == name for m in ctx.mentions)


_IN_A_YEAR = re.compile(rf"\s+in\s+(?:(?:{MONTH_NAMES})\s+)?((?:19|20)\d\d)\b")


def _host_city(ctx: Context, sent_start: int, sent_end: int, noun_start: int) -> tuple[Mention | None, str | None]:
    pats = _patterns()
    text = ctx.text
    pub_year = ctx.published.year if ctx.published else None
    cities = [
        c
        for c in ctx.mentions_in(sent_start, sent_end, "city")
        if not pats["doc_after"].match(text[c.end : c.end + 50])
        # "leaders met in Dhaka in December 1985 to found ..., the 17th summit ended": before the noun, another
        # year's meeting's city (after it, "the first summit, held in Sochi in 2019", the summit's own)
        and not (
            c.end <= noun_start and (ym := _IN_A_YEAR.match(text, c.end)) and pub_year and int(ym.group(1)) < pub_year
        )
    ]
    # "Hasina joins the summit virtually from Ganabhaban in Dhaka": where a leader joined from, not the host
    cities = [c for c in cities if not _JOINED_FROM.search(text, max(sent_start, c.start - 60), c.start)]
    if _FRAMING.fullmatch(text, sent_start, noun_start):
        # "Before the summit, Biden received Albanese at his home in Greenville": the summit only dates the clause
        comma = text.find(",", noun_start, sent_end)
        cities = [c for c in cities if comma < 0 or c.start < comma]
    best = None
    for c in cities:
        # "the 18th Baku Summit", "the G20 Osaka Summit", "the Osaka G20 summit"
        gap = text[c.end : noun_start]
        if c.end <= noun_start and (not gap.strip() or pats["city_org_gap"].fullmatch(gap)):
            best = c
            break
    # a city after the noun that is another event's: "... the summit, which follows a UN meeting in New York"; "the
    # first summit since ... at the group's New Delhi summit"; "at the conclusion of the summit ..., adopted at the
    # 13th ECO Summit held in Islamabad in 2017"
    cities = [
        c
        for c in cities
        if c.start < noun_start
        or not (
            _OTHER_PLACE.search(text, noun_start, c.start)
            or _ITS_SUMMIT.match(text, c.end)
            or _ANOTHER_SUMMIT.search(text, noun_start + 1, c.start)
        )
    ]
    for c in cities if best is None else ():
        if c.start > noun_start:
            town = _said_town(ctx, (_TOWN_APPOSITIVE,), noun_start, c.start)
            if town is not None:  # "in Paracas, a resort south of Lima": the town, not the city it is placed by
                return town
        before = text[max(sent_start, c.start - 50) : c.start]
        if pats["hosted_by_city"].match(text[c.end : c.end + 30]):
            best = c
            break
        if c.start < noun_start and _MET_IN.search(before):
            best = c  # "leaders met in Manama for the summit, which called for a truce in Gaza"
            break
        if c.start > noun_start and _HOST_CITY_OF.search(before):
            best = c
            break
        if c.start > noun_start and pats["venue_before"].search(before):
            best = c  # "takes place at the Sandton Convention Centre, Johannesburg"
            break
        if c.start > noun_start and (
            pats["in_before"].search(before) or _HOSTED_FROM.search(text, max(sent_start, c.start - 90), c.start)
        ):
            best = c  # "... in Lima"; "the summit was hosted virtually by Sri Lanka, the chair, from Colombo"
            break
    if best is None:
        for c in cities:
            if pats["in_before"].search(text[max(sent_start, c.start - 50) : c.start]):
                best = c
                break
    if best is None:
        unknown, its_country = _unknown_town(ctx, sent_end, noun_start)
        return (unknown, its_country) if unknown is not None else _capital_named(ctx, noun_start, sent_end)
    # host country: "Kazakhstan's capital city of Astana", "Russia's Kazan", "Kazan, Russia"
    country = None
    before = text[max(sent_start, best.start - 60) : best.start]
    for m in reversed(ctx.mentions_in(max(sent_start, best.start - 60), best.start, ("country",))):
        between = text[m.end : best.start]
        if re.fullmatch(r"['’]s\s+(?:(?:capital|city|resort|port|town)\s+)*(?:(?:city\s+)?of\s+)?", between):
            country = m.name
        break
    if country is None:
        after = ctx.mentions_in(best.end, min(sent_end, best.end + 40), ("country",))
        if after and re.fullmatch(
            r",\s*(?:(?:east|west|north|south|central|northern|southern|eastern|western)\s+)?",
            text[best.end : after[0].start],
        ):
            country = after[0].name
    del before
    return best, country


# a leader joining a virtual summit from home: "virtually from Ganabhaban in Dhaka", "by video link from Brasilia"
_JOINED_FROM = re.compile(
    r"\b(?:virtually|remotely|online|by\s+video(?:\s?link|\s+conference)?|via\s+video(?:\s?link)?)\s+from\s+"
    r"(?:(?:the\s+)?[\w'’-]+\s+){0,4}?(?:in\s+)?$"
)
# a virtual summit's host and where it ran from: "hosted virtually by Sri Lanka, the outgoing chair, from Colombo"
_HOSTED_FROM = re.compile(r"\bhosted\b[^.;]{0,60}\bfrom\s+$")
# a summit noun in a sentence's opening adverbial, which only says when the rest happened
_FRAMING = re.compile(
    r"(?:Before|After|Ahead of|Following|On the eve of|On the sidelines of|On the margins of|During|Since)\s+"
    r"(?:the|this|that|last|their|its)\s+(?:[\w'’-]+\s+){0,2}"
)
# a city that names a summit of its own: "the group's New Delhi summit"
_ITS_SUMMIT = re.compile(r"\s+(?:[Ss]ummit|[Mm]eeting|[Cc]onference)\b")
_MET_IN = re.compile(
    r"\b(?:(?:met|gathered|convened|assembled|arrived)\s+(?:here\s+)?in|(?:converged|descended)\s+on|"
    r"(?:travell?ed|flocked|headed|flew)\s+to)\s+$"
)
# "The host city of the SCO summit, Astana, ..."
_HOST_CITY_OF = re.compile(r"\bhost\s+(?:city|town)\s+of\s+(?:the\s+)?[^,.;]{0,60},\s*$", re.IGNORECASE)
# a town's name: capitalized words, with a particle between them ("Sharm el-Sheikh", "Puerto de Vega")
_TOWN = r"[A-Z][\w'’-]+(?:[ -](?:(?:el|al|de|del|la|le|da|di|dos|sur)[ -])?[A-Z][\w'’-]+){0,2}"
_TOWN_COUNTRY = re.compile(r"\b(?:in|at)\s+(?P<town>" + _TOWN + r"),\s+(?:the\s+)?")
_TOWN_REGION = re.compile(
    r"\b(?:in|at)\s+(?P<town>" + _TOWN + r"),\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s*[.;]|\s*$)"
)
_TOWN_OF = re.compile(
    r"\b(?:in|at)\s+the\s+(?:[\w-]+\s+){0,2}(?:town|city|resort|port|village)\s+of\s+"
    r"(?P<town>" + _TOWN + r")"
)
_TOWN_APPOSITIVE = re.compile(
    r"\b(?:in|at)\s+(?P<town>" + _TOWN + r"),"
    r"\s+an?\s+(?:[\w-]+\s+){0,2}"
    r"(?:town|city|resort|port|village)\b"
)
_NOT_A_TOWN = re.compile(
    r"\b(?:Hall|Centre|Center|Palace|Hotel|Province|Region|State|District|County|Oblast|"
    r"Island|Islands|"
    r"Street|Square|Park|Stadium|Arena|House|Building|University|Airport|"
    # a continent ("will be held in Africa") is no town
    r"Africa|Asia|Europe|America|Americas|Oceania|Antarctica)\b"
)


def _unknown_town(ctx: Context, sent_end: int, noun_start: int) -> tuple[Mention | None, str | None]:
    """A host town the gazetteer does not know, written "in TOWN, COUNTRY" soon after the
    summit noun ("the summit at the palace in Xyzburg, Peru"): the town and its country."""
    text = ctx.text
    for m in _TOWN_COUNTRY.finditer(text, noun_start, min(sent_end, noun_start + 120)):
        country = ctx.mention_at(m.end(), "country")
        if country is None or _NOT_A_TOWN.search(m.group("town")):
            continue
        if ctx.mentions_in(m.start("town"), m.end("town")):
            continue  # a known name (an organization, a person, a region) is no unknown town
        return _town_mention(m), country.name
    # "concluded the G7 Leaders' Summit in Kananaskis, Alberta.": a town and its province, the clause's end after it
    for m in _TOWN_REGION.finditer(text, noun_start, min(sent_end, noun_start + 120)):
        if _NOT_A_TOWN.search(m.group("town")) or ctx.mentions_in(m.start("town"), m.end("region")):
            continue
        return _town_mention(m), None
    # "in the resort town of Paracas", "in Paracas, a resort on the coast": the place word says it
    said = _said_town(ctx, (_TOWN_OF, _TOWN_APPOSITIVE), noun_start, min(sent_end, noun_start + 120))
    if said is not None:
        return said
    # "The Eurasian Intergovernmental Council met in Cholpon-Ata on Tuesday": a town after the meeting verb
    lo = max(0, noun_start - 150)
    for m in _MET_IN_TOWN.finditer(text, lo, min(sent_end, noun_start + 150)):
        town = m.group("town")
        if (
            _NOT_A_TOWN.search(town)
            or _NOT_A_TOWN_EVENT.search(town)
            or ctx.mentions_in(m.start("town"), m.end("town"))
        ):
            continue
        return _town_mention(m), _country_after_town(ctx, m)
    return None, None


_CAPITAL = re.compile(r"\s+capital\b(?!\s+(?:city\s+)?(?:of\s+)?[A-Z])")  # (not "the Peruvian capital Lima")
_IN_A_CAPITAL = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _capital_named(ctx: Context, noun_start: int, sent_end: int) -> tuple[Mention | None, str | None]:
    """The capital a summit is said to be held in by its country alone ("the summit in the Peruvian capital",
    "in Peru's capital"): the gazetteer's one capital of that country, and the country."""
    text = ctx.text
    for m in ctx.mentions_in(noun_start, min(sent_end, noun_start + 120), ("demonym", "country")):
        end = m.end + (2 if text.startswith(("'s", "’s"), m.end) and m.type == "country" else 0)
        cap = _CAPITAL.match(text, end)
        if cap is None or not _IN_A_CAPITAL.search(text, max(noun_start, m.start - 12), m.start):
            continue
        capital = _capital_of(ctx.gazetteer, m.target.country_code)
        if capital is not None:
            country = ctx.country_name(m.target.country_code)
            said = Mention(m.start, cap.end(), text[m.start : cap.end()], Target("city", capital.name, capital))
            return said, country
    return None, None


@lru_cache(maxsize=4096)
def _capital_of(gazetteer: Any, code: str | None) -> Any:
    """The one city the gazetteer flags as ``code``'s capital (None when it knows none, or several)."""
    capitals = [e for e in gazetteer.entries("city") if e.capital and e.country == code] if code else []
    return capitals[0] if len(capitals) == 1 else None


def _said_town(
    ctx: Context, patterns: tuple[re.Pattern[str], ...], start: int, end: int
) -> tuple[Mention, str | None] | None:
    """The first unknown town between ``start`` and ``end`` that one of ``patterns`` says is a town ("in the resort
    town of Paracas", "in Paracas, a resort ..."), with the country written after it."""
    for rx in patterns:
        for m in rx.finditer(ctx.text, start, end):
            if not _NOT_A_TOWN.search(m.group("town")) and not ctx.mentions_in(m.start("town"), m.end("town")):
                return _town_mention(m), _country_after_town(ctx, m)
    return None


def _town_mention(m: re.Match[str]) -> Mention:
    """The unknown town a pattern's ``town`` group names, as a city mention."""
    return Mention(m.start("town"), m.end("town"), m.group("town"), Target("city", m.group("town")))


def _country_after_town(ctx: Context, m: re.Match[str]) -> str | None:
    """The country written right after the town: "Paracas, Peru", "Cholpon-Ata, the Kyrgyz Republic"."""
    after = re.match(r",\s*(?:the\s+)?", ctx.text[m.end("town") : m.end("town") + 8])
    country = ctx.mention_at(m.end("town") + after.end(), "country") if after else None
    return country.name if country else None


_MET_IN_TOWN = re.compile(
    # "met in Cholpon-Ata on Tuesday"; "concluded their 52nd meeting in Avarua today": the meeting's own town
    # (not any "summit in X": "the G-20 summit in Bali" names an island, the dateline the town)
    r"\b(?:met|meets|held|convened|convenes|gathered|opened|opens|took place|takes place|arrived|"
    r"is being held|was held|were held|will be held|wrapped up|wraps up|concluded|concludes|closed|closes|"
    r"ended|ends|began|begins|kicked off|kicks off|"
    r"(?:its|their|the\s+(?:bloc|group|grouping|alliance|organi[sz]ation)['’]s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:meeting|summit|session|gathering))\s+in\s+"
    # accents too: "the bloc's 62nd summit in Puerto Iguazú, in the province of Misiones"
    r"(?P<town>[A-ZÀ-Þ][a-zß-ÿ'’]+(?:[- ](?:(?:el|al|de|del|la|le|da|di|dos|sur)[- ])?[A-ZÀ-Þ][a-zß-ÿ'’]+){0,2})"
    r"(?=\s+(?:on|in|for|to|from|this|last|today|yesterday|tomorrow)\b|[,.;])"
)
_NOT_A_TOWN_EVENT = re.compile(
    r"\b(?:Session|Format|Meeting|Summit|Conference|Council|Assembly|Parliament|Congress|"
    r"Senate|Kremlin|Camera|Private|Person|" + MONTH_NAMES + r")\b"
)


# "in Manama", "in the Bahraini capital Manama", "at the capital, Manama"
_IN_CITY = re.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:(?:the\s+)?(?:[A-Z][\w'’-]+\s+)?capital,?\s+)?$")
# "The Commission president stayed in Strasbourg": where someone was instead, not where the summit was
_STAYED_IN = re.compile(r"\b(?:stayed|remained|stays|remains|was\s+kept|stayed\s+behind)\s+(?:back\s+)?in\s+$")


def _article_city(ctx: Context) -> Mention | None:
    """The host city when no summit sentence gives it: the first city of the article
    written "in CITY" / "at CITY" outside a document title (a report of the summit says
    where it happens: "But in Buenos Aires the heads of state agreed ...")."""
    pats = _patterns()
    text = ctx.text
    for c in ctx.mentions:
        if c.type != "city" or pats["doc_after"].match(text[c.end : c.end + 50]):
            continue
        if _IN_CITY.search(text, max(0, c.start - 40), c.start) and not _STAYED_IN.search(
            text, max(0, c.start - 40), c.start
        ):
            sent = ctx.sentence_at(c.start)
            if sent is not None and (pats["past"].search(sent.text) or pats["future"].search(sent.text)):
                continue
            if sent is not None and _OTHER_PLACE.search(text, max(sent.start, c.start - 90), c.start):
                continue  # "... after the UN General Assembly session in New York": another event's city
            return c
    return None


_SINCE = re.compile(r"\b(?:since|before|after)\s+(?:the\s+)?$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?<![\w-])((?:19|20)\d\d)\s+(?:[A-Z][\w'’-]*\s+){0,2}$")  # "the 2023 (BRICS) summit"


def _role_from_dates(ctx: Context, sent_text: str, noun_start: int, noun_end: int) -> str | None:
    """'mentioned' / 'future' when the first date right after the summit noun ("the SCO
    summit in Astana in July 2024", "... in 2026") lies clearly before / after the
    publication date; None when there is no such date.  A year written before the noun
    counts too ("At the 2023 summit in Johannesburg")."""
    pub = ctx.published
    if pub is None:
        return None
    ym = _YEAR_BEFORE.search(sent_text, max(0, noun_start - 30), noun_start)
    if ym is not None:
        y = int(ym.group(1))
        return "mentioned" if y < pub.year else "future" if y > pub.year else None
    for d in ctx.dates(sent_text, pub):
        if d.start < noun_start or d.value is None:
            continue
        if d.start - noun_end > 60:
            return None
        if _SINCE.search(sent_text, max(0, d.start - 12), d.start):
            continue  # "the bloc's 17th summit, the first in Brazil since 2019": another time, not this summit's
        v = d.value
        if d.kind == "year":
            y = int(v)
            return "mentioned" if y < pub.year else "future" if y > pub.year else None
        if d.kind == "my":
            months = (pub.year - int(v[:4])) * 12 + pub.month - int(v[5:7])
            return "mentioned" if months >= 2 else None
        when = parse_iso(v)
        if when is not None and (pub - when).days > 60:
            return "mentioned"
        return None
    return None


def _nearest_org(ctx: Context, sent_start: int, noun_start: int) -> Mention | None:
    """The last organization named before a bare summit noun in its sentence ("... joined
    the Group of 20 (G20), Modi announced at the opening of the bloc's annual summit")."""
    before = ctx.mentions_in(max(sent_start, noun_start - 200), noun_start, "organization")
    text = ctx.text
    leaders = [
        m
        for m in before
        if _LEADERS_OF.search(text, max(0, m.start - 40), m.start) or _LEADERS_AFTER.match(text, m.end)
    ]
    # "Leaders of the Group of 20 ... admitted the African Union ..., at a summit": the leaders' organization
    return leaders[-1] if leaders else before[-1] if before else None


def _subject_leaders_org(ctx: Context, sent_start: int, noun_start: int) -> Mention | None:
    """The organization whose leaders are the subject of a summit noun's sentence ("Leaders of the Economic
    Community of West African States lifted the sanctions ... at an extraordinary summit in Abuja"; "ASEAN
    leaders ended their summit"): their summit."""
    subject = _leaders_subject(ctx, sent_start, noun_start)
    return subject[0] if subject is not None else None


def _leaders_subject(ctx: Context, sent_start: int, limit: int) -> tuple[Mention, int] | None:
    """The organization whose leaders open a sentence ("Leaders of the X ...", "X leaders ..."), named
    before ``limit``, and where the subject ends; else None."""
    text = ctx.text
    first = ctx.mentions_in(sent_start, limit, "organization")[:1]
    if not first:
        return None
    org = first[0]
    if _SUBJECT_LEADERS_OF.fullmatch(text, sent_start, org.start):
        return org, org.end
    leaders = _LEADERS_AFTER.match(text, org.end) if _SUBJECT_START.fullmatch(text, sent_start, org.start) else None
    return (org, leaders.end()) if leaders is not None else None


_CANCELLED = re.compile(
    r"\b(?:cancell?ed|called\s+off|scrapped|(?:will|would)\s+not\s+(?:go\s+ahead|take\s+place)|won['’]t\s+go\s+ahead|"
    r"abandoned)\b",
    re.IGNORECASE,
)
# a clause's subject may come after a subordinating conjunction: "When the leaders of the CSTO gathered in Astana"
# or after a fronted time: "On Friday, leaders of the Pacific Alliance met in Lima"
_SUBJECT_LEAD = r"(?:(?:When|As|After|While|Once)\s+|(?:On|This|Yesterday|Today)\b[^,;.\n]{0,30},\s+)?"
_SUBJECT_LEADERS_OF = re.compile(
    _SUBJECT_LEAD
    + r"(?:[Tt]he\s+)?(?:[Ll]eaders|[Hh]eads of [Ss]tate(?: and [Gg]overnment)?|[Pp]residents)\s+of\s+(?:the\s+)?"
    r"(?:\w+-(?:nation|member|country|state)\s+)?"  # "Leaders of the four-nation Craiova Group"
)
_SUBJECT_START = re.compile(_SUBJECT_LEAD + r"(?:[Tt]he\s+)?")
_LEADERS_OF = re.compile(
    r"\b(?:[Ll]eaders|[Hh]eads of [Ss]tate(?: and [Gg]overnment)?|[Pp]residents|[Pp]rime [Mm]inisters)"
    r"\s+of\s+(?:the\s+)?$"
)
_LEADERS_AFTER = re.compile(r"(?:\s*\([^()]{1,12}\))?(?:['’]s)?\s+(?:[Ll]eaders|[Hh]eads of [Ss]tate)\b")


def _host_country(ctx: Context, sent_start: int, sent_end: int, noun_start: int, noun_end: int) -> str | None:
    """A host country without a city: "an India-hosted virtual summit", "the summit
    hosted by Kazakhstan"."""
    pats = _patterns()
    text = ctx.text
    lo = max(sent_start, noun_start - 60)
    hm = pats["x_hosted"].search(text, lo, noun_start) if "hosted" in text[lo:noun_start] else None
    if hm:  # one token for the matcher: "India-hosted"
        entry = ctx.gazetteer.country(hm.group(1))
        if entry is not None:
            return entry.name
    for m in ctx.mentions_in(noun_end, min(sent_end, noun_end + 100), ("country", "demonym")):
        gap = text[noun_end : m.start]
        if m.type == "country" and (pats["hosted_by_country"].match(gap) or _IN_COUNTRY.fullmatch(gap)):
            return m.name  # "the summit hosted by Kazakhstan", "the BRICS summit in Brazil"
        if m.type == "demonym" and _IN_THE.fullmatch(gap) and _CAPITAL_AFTER.match(text, m.end):
            return m.name  # "took place in the Belarusian capital"
    # "leaders gathered in the Ghanaian capital on Sunday for the summit"
    for m in ctx.mentions_in(max(sent_start, noun_start - 120), noun_start, "demonym"):
        if _IN_THE_END.search(text, max(sent_start, m.start - 12), m.start) and _CAPITAL_AFTER.match(text, m.end):
            return m.name
    # "India hosted the 19th meeting of ...", "South Africa's hosting of the 10th BRICS Summit"
    for m in ctx.mentions_in(sent_start, noun_start, "country"):
        if pats["hosting_country"].match(text, m.end) and noun_start - m.end < 120:
            return m.name
    return None


_IN_COUNTRY = re.compile(
    r"(?:\s+(?:of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5}))?"
    r"\s+(?:(?:held|taking place|being held|opened|opens|that opened|(?:will|would|is to|was|is)\s+(?:be\s+)?held|"
    r"will take place|takes place|took place)\s+)?in\s+(?:the\s+)?"
)
_IN_THE = re.compile(r"[^.;,]{0,80}?\bin\s+the\s+")
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
_IN_THE_END = re.compile(r"\bin\s+the\s+$")
_OTHER_EVENT = re.compile(r"\b(?:after|before|since|following|ahead of|preceded by|followed by|compared with)\b")
# "leaders met on Thursday for a two-day summit": the day they met opens the summit
_MET_FOR = re.compile(
    r"\b(?:met|meet|meets|gathered|gather|gathers|convened|convene|convenes|assembled)\b[^.;]{0,80}?"
    r"\bfor\s+(?:a|an|the|their|its)\s+(?!(?:final|closing|last|second|third|concluding)\b)"
    r"(?:(?:[\w'’-]+\s+){0,2}?(?:two|three|four|five|[2-5])[-\s]day\b|"
    # "gathered on Sunday for the 69th ordinary session of the Authority" (the article gives its length)
    r"(?:[\w'’-]+\s+){0,3}?(?:summit|session|meeting|[Ss]ummit|Session|Meeting)s?\b)"
)
# between a summit noun and a city or date: a clause about another event ("a day after the
# ministers meet in Riyadh on June 20", "which follows a UN meeting in New York")
_OTHER_PLACE = re.compile(
    r"\b(?:after|before|since|following|follows|followed|ahead of|preceded|compared with)\b"
    r"[^.;]{0,60}?\b(?:[Mm]inisters?|meet|meets|met|meeting|talks|visit\w*|elections?|"
    r"conference|forum|session|summit|Summit)\b"
)


_JUST_ENDED = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|just\s+|formally\s+|officially\s+)?(?:ended|closed|concluded|wrapped up)\b"
)
# "runs until June 12", "until Friday, June 28": the last day
_UNTIL = re.compile(rf"\b(?:until|till|through)\s+(?:(?:{WEEKDAY_NAMES}),?\s+)?$", re.IGNORECASE)
# two days written as one span: "today and Friday", "Monday to Wednesday"
_DAY_AND_DAY = re.compile(r"\s*(?:and|to|through|until|till|[-–])\s+(?:on\s+)?")
# another summit noun between a summit noun and a city: "..., adopted at the 13th ECO Summit held in Islamabad";
# "told a press conference after the summit that the next Islamic Summit would be held in Banjul"
_ANOTHER_SUMMIT = re.compile(r"(?:,|\sthat\s)[^;]*?\b(?:the|an?|its|their)\s+(?:[\w'’-]+\s+){0,3}?[Ss]ummit\b")
_TO_BE_HELD = re.compile(
    r"\b(?:to\s+be\s+held|will\s+be\s+held|is\s+to\s+be\s+held|(?:will\s+)?takes?\s+place|will\s+open|opens|"
    r"will\s+convene|convenes)\b"
)
_DAYS_SUMMIT = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}(?:[Ss]ummit|[Mm]eeting|[Ss]ession)\b")
# a date that qualifies a noun other than the meeting's: "positions of May 11", "a decree dated ..."
_OF_DATE = re.compile(
    # (but "on the afternoon of October 23": a time of that very day)
    r"\b(?!(?:summit|meeting|session|council|conference|morning|afternoon|evening|night)s?\b)[A-Za-z]+\s+"
    r"(?:of|dated)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _dates_for(
    ctx: Context,
    sent_text: str,
    sent_start: int,
    durations: int | None,
    article_cue: str | None,
    foreign: tuple[int, ...] = (),
    main_at: int | None = None,
) -> tuple[str | None, str | None]:
    """The main summit's dates from one sentence.  ``foreign`` are the offsets (in the
    sentence) where another event's summit noun starts: a date after one of them, with
    no main-summit noun in between, is that event's ("... on the threshold of the G20
    Summit to be held on November 21-22")."""
    pats = _patterns()
    found = []
    # "ADDIS ABABA, Feb. 18 (Xinhua) --", "Kingstown, March 1 (Prensa Latina) -"
    dl = (pats["dateline"].match(sent_text) or pats["dateline_title"].match(sent_text)) if sent_start < 400 else None
    dl_day = None
    for d in ctx.dates(sent_text, ctx.published):
        if dl is not None and d.start < dl.end():
            if d.value is not None and len(d.value) == 10 and d.kind not in ("year", "my"):
                dl_day = d.value  # the report's day: "today" in the story is that day
            continue  # the dateline's date is the report's, not the summit's
        if d.kind in ("year", "my") or d.value is None or len(d.value) != 10:
            continue
        if d.kind == "rel" and dl_day is not None and ctx.published is not None:
            d = replace(d, value=shift(d.value, ((parse_iso(dl_day) or ctx.published) - ctx.published).days))
        if any(f < d.start for f in foreign):
            continue
        if pats["report"].search(sent_text[max(0, d.start - 25) : d.start]):
            continue
        if _OF_DATE.search(sent_text, max(0, d.start - 40), d.start) and not _DAYS_SUMMIT.match(sent_text, d.end):
            # "their positions of May 11, 2021", "the decision dated 5 March": another thing's day (but "at the end
            # of Sunday's one-day summit": the summit's)
            continue
        found.append(d)
    if not found:
        if ctx.published is not None and _JUST_ENDED.search(sent_text):
            # "The two-day European Council in Brussels has formally ended": the day of the report
            day = ctx.published.isoformat()
            return (shift(day, -(durations - 1)) if durations else None), day
        return None, None
    # "... on June 8, three days after ministers met on June 5": a date in a clause about
    # another event (after / before / since ...) is not the summit's
    found = [found[0]] + [d for d in found[1:] if not _OTHER_EVENT.search(sent_text, found[0].start, d.start)]
    if main_at is not None:
        # "... gather in Muscat for their 46th session, two weeks after the ministers meet on June 20"
        found = [d for d in found if d.start < main_at or not _OTHER_PLACE.search(sent_text, main_at, d.start)]
        if not found:
            return None, None
    for d in found:
        if d.is_range:
            return d.value, d.end_value
    if (
        len(found) == 2
        and (found[0].value or "") < (found[1].value or "") <= (shift(found[0].value or "", 7) or "")
        and _DAY_AND_DAY.fullmatch(sent_text, found[0].end, found[1].start)
    ):
        return found[0].value, found[1].value  # "runs today and Friday", "on Monday and Tuesday"
    until = next((x for x in found if _UNTIL.search(sent_text, max(0, x.start - 24), x.start)), None)
    if until is not None:
        # "which runs until June 12, opened today": the end, and the other day the start
        begun = [x.value for x in found if x is not until and (x.value or "") <= (until.value or "")]
        return (begun[0] if begun else None), until.value
    pub = ctx.published
    if pub is not None and len({x.value for x in found}) > 1:
        # "invited ... on Thursday to become members from January 1 next year": a date far from the
        # report is another event's when one near it is there
        near = [x for x in found if abs((parse_iso(x.value) or pub) - pub).days <= 14]
        if near:
            found = near
    d = found[0]
    assert d.value is not None  # found holds full ISO dates only
    if (
        len(found) == 2
        and d.value < (found[1].value or "") <= (shift(d.value, 14) or "")
        and pats["open"].search(sent_text[max(0, d.start - 40) : d.start])
        and pats["close"].search(sent_text[d.end : found[1].start])
    ):
        return d.value, found[1].value  # "began on June 13 and ends on June 15"
    if any(x.value != d.value for x in found[1:]) and main_at is not None:
        # "will leave today (Wednesday) to attend the 16th Summit ..., to be held ... tomorrow (Thursday)": the day
        # the summit noun's own clause gives
        own = [x for x in found if x.start > main_at and _TO_BE_HELD.search(sent_text, main_at, x.start)]
        if own and all(x.value == own[0].value for x in own) and any(x.start < main_at for x in found):
            d, found = own[0], own
    if any(x.value != d.value for x in found[1:]):
        return None, None  # two different days: which one is the summit's is not stated
    assert d.value is not None  # found holds full ISO dates only
    if (durations or 1) == 1 and pats["held_on"].search(sent_text[max(0, d.start - 100) : d.start]):
        return d.value, d.value  # "took place in Dushanbe on June 15 (and ended with ...)": that day
    cue = None
    before = sent_text[: d.start]
    if pats["close"].search(sent_text):
        cue = "close"
    elif pats["open"].search(before) or pats["open"].search(sent_text):
        cue = "open"
    cue = cue or article_cue
    if cue is None and durations and durations > 1 and _MET_FOR.search(sent_text, d.start - 80 if d.start > 80 else 0):
        cue = "open"
    if cue == "open":
        return d.value, shift(d.value, durations - 1) if durations else None
    if cue == "close":
        return (shift(d.value, -(durations - 1)) if durations else None), d.value
    if durations and durations > 1:
        return None, None
    return d.value, d.value


def find_summits(ctx: Context) -> list[Summit]:
    """The article's summits: collect every summit mention, decide the main
    organization, then merge the mentions into a main summit (or two, for a pair of
    ordinals) and the others (mentioned, future)."""
    mentions = collect_summit_mentions(ctx)
    leaders = [m for m in mentions if not _ministers_meeting(ctx.text, m.sentence_start, m.start, m.end)]
    mentions = leaders or mentions  # a piece about a ministers' meeting alone still has it
    if not mentions:
        return []
    _promote_previewed(ctx, mentions)
    main_org = decide_main_organization(ctx, mentions)
    if main_org is None:
        return []
    return merge_summits(ctx, mentions, *main_org)


# "the foreign ministers' meeting", "ASEM's Dhaka meeting of foreign ministers", "a meeting of
# the BRICS Ministers of Foreign Affairs": ministers, officials or envoys meet, not the leaders
_MINISTERS_BEFORE = re.compile(
    r"(?:[Mm]inisterial|[Mm]inisters['’]?|[Ss]herpas?['’]?|[Oo]fficials['’]?|[Dd]eputies['’]?|[Ee]xperts['’]?)"
    r"\s+(?:[\w'’-]+\s+)?$"
)
_MINISTERS_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:[Mm]inisters|[Oo]fficials|[Ee]xperts|[Ss]herpas|[Dd]eputies)\b"
)


def _ministers_meeting(text: str, sent_start: int, start: int, end: int) -> bool:
    """Whether the summit noun at start:end names a meeting of ministers or officials."""
    return bool(_MINISTERS_BEFORE.search(text, max(sent_start, start - 40), start) or _MINISTERS_AFTER.match(text, end))


# (not a time: "next month", "next week", "the following Monday")
_NEXT_ONE = re.compile(
    rf"\b(?:[Nn]ext|following|subsequent)\b(?!\s+(?:month|week|weekend|{WEEKDAY_NAMES}|{MONTH_NAMES})\b)"
)


def _promote_previewed(ctx: Context, mentions: list[SummitMention]) -> None:
    """A preview is about a summit still to come: when no mention is of a summit under
    way or held, the upcoming one named in the article's first sentences is its subject
    ("The G20 summit will take place in Johannesburg on November 22-23")."""
    if len(ctx.sentences) == 0:
        return
    # a headline's bare "Harare ready for SADC Summit" tells no more than the lead's "will host ... tomorrow"
    # (a headline: a line of its own among the first ones, also below a masthead and a date line)
    titles = {s.start for s in ctx.sentences[:6] if ctx.text.startswith("\n", s.end)}
    bare_title = ctx.sentences[0].start in titles
    if any(
        m.role == "main"
        and (m.org is not None or m.ordinal is not None or m.host_city is not None)  # not a bare "the Summit"
        and not (m.sentence_start in titles and m.ordinal is None)
        for m in mentions
    ):
        return
    # the lead: the first sentences after a title, a subtitle and a byline
    lead_end = ctx.sentences[min(max(4 if bare_title else 2, len(titles) + 2), len(ctx.sentences) - 1)].end
    first = next(
        (
            m
            for m in mentions
            if m.role == "future"
            and m.start <= lead_end
            and m.org is not None
            and not _NEXT_ONE.search(ctx.text, max(0, m.start - 40), m.end + 40)
        ),
        None,
    )
    if first is None:
        return
    assert first.org is not None  # chosen for its organization
    for m in mentions:
        if (
            m.role == "future"
            and m.org is not None
            and m.org.name == first.org.name
            and (m.host_city in (None, first.host_city) or first.host_city is None)
        ):
            m.role = "main"


_THEIR = re.compile(
    # "opened their Forty-Fifth Regular Meeting": the modifiers in any case
    r"\b(?:their|the leaders['’]|(?<=for )an?)\s+(?i:annual\s+|regular\s+|\w+-day\s+|virtual\s+|informal\s+|"
    r"extraordinary\s+|emergency\s+|special\s+|"
    r"\d{1,3}(?:st|nd|rd|th)\s+|(?:[a-z]+-)?[a-z]+(?:th|st|nd|rd)\s+)*$"
)
_BODY_GAP = re.compile(r"(?:['’]s)?(?:\s+(?:[A-Z][\w'’-]*|of|the|and|or|at))+")  # "... at the Summit Level"
_HELD_ITS = re.compile(
    r"\+?\s+(?:will\s+|has\s+|have\s+|is\s+)?(?:held|hold|holds|holding|convened|convene|convenes|"
    r"opened|opens|open|concluded|concludes|closed|closes|began|begins|ended|ends|wrapped up|postponed|postpones|"
    r"delayed|"
    r"rescheduled|called off|cancell?ed)\s+(?:its|their)\s+"
    r"(?:annual\s+|regular\s+|ordinary\s+|extraordinary\s+|ministerial\s+|\w+-day\s+|\d{1,3}(?:st|nd|rd|th)\s+|"
    r"[a-z]+(?:th|st|nd|rd)\s+)*$"  # "Opec+ has postponed its ministerial meeting": OPEC's own
)
_LEADERS_GAP = re.compile(r"\s+(?i:leaders|heads of state(?: and government)?|presidents|prime ministers)")
_OWN_MEETING = re.compile(r"\s(?:its|their)\s+")
_LEADERS_SUBJECT = re.compile(r"\b(?:[Ll]eaders|[Hh]eads of (?:[Ss]tate|[Gg]overnment)|[Pp]residents)\b")


def _leaders_own(text: str, sent_start: int, noun_start: int) -> bool:
    """ "Leaders from 21 economies ... ended their meeting": the leaders' own meeting is a summit."""
    return bool(
        _THEIR.search(text, max(sent_start, noun_start - 30), noun_start)
        and _LEADERS_SUBJECT.search(text, sent_start, noun_start)
    )


@lru_cache(maxsize=1)
def _table_bodies() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """The bundled table's summit bodies of more than one word ("Meeting of Presidents",
    "Conference of Heads of Government"): a pattern, and each body's organizations."""
    bodies: dict[str, set[str]] = {}
    for row in organization_table():
        for body in row.summit_bodies:
            if " " in body:
                bodies.setdefault(body.casefold(), set()).add(row.name)
    return re.compile(alternation(bodies), re.IGNORECASE), {b: frozenset(n) for b, n in bodies.items()}


def _body_org(ctx: Context, sent_start: int, sent_end: int, noun_start: int) -> Mention | None:
    """The organization whose summit body a bare noun starts ("the 57th Meeting of
    Presidents" in a sentence naming SICA), when the sentence names it."""
    rx, owners = _table_bodies()
    bm = rx.match(ctx.text, noun_start)
    if bm is None:
        return None
    names = owners.get(re.sub(r"\s+", " ", bm.group()).casefold(), frozenset())
    found = [m for m in ctx.mentions_in(sent_start, sent_end, "organization") if m.name in names]
    return min(found, key=lambda m: abs(m.start - noun_start)) if found else None


_JOINT_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<a1>[A-Z][a-z]+)-(?P<a2>[A-Z][a-z]+)\s+(?:(?:[Ee]xtraordinary|[Ee]mergency|[Ss]pecial)\s+)?$"
)


def _joint_orgs(ctx: Context, noun_start: int, word: str) -> tuple[Mention, Mention] | None:
    """The two organizations a joint summit's adjectives name ("the Joint Arab-Islamic Extraordinary
    Summit": the Arab League and the OIC), from vocab's ``summit_adjectives``; else None."""
    if not word.lower().startswith("summit"):
        return None
    m = _JOINT_BEFORE.search(ctx.text, max(0, noun_start - 40), noun_start)
    if m is None:
        return None
    found = []
    for group in ("a1", "a2"):
        name = vocab()["summit_adjectives"].get(m.group(group))
        entries = ctx.lookup(name, "organization") if name else []
        if not entries:
            return None
        found.append(
            Mention(m.start(group), m.end(group), m.group(group), Target("organization", entries[0].name, entries[0]))
        )
    return (found[0], found[1]) if found[0].name != found[1].name else None


_ADJECTIVE_BEFORE = re.compile(r"(?<![\w'’-])(?P<adj>[A-Z][a-z]+)\s+(?:\d{1,3}(?:st|nd|rd|th)\s+)?$")


def _adjective_org(ctx: Context, noun_start: int, word: str) -> Mention | None:
    """The organization an adjective names before a summit noun ("the 33rd Arab Summit":
    the Arab League's; "the Islamic Summit": the OIC's), from vocab's ``summit_adjectives``."""
    if not word.lower().startswith("summit"):
        return None
    m = _ADJECTIVE_BEFORE.search(ctx.text, max(0, noun_start - 30), noun_start)
    name = vocab()["summit_adjectives"].get(m.group("adj")) if m else None
    entries = ctx.lookup(name, "organization") if name else []
    if not m or not entries:
        return None
    return Mention(m.start("adj"), m.end("adj"), m.group("adj"), Target("organization", entries[0].name, entries[0]))


# "Indonesia last hosted the summit in May, at the 42nd ASEAN Summit in Labuan Bajo": an earlier one
_LAST_HOSTED = re.compile(r"\blast\s+(?:hosted|held|met|convened|gathered|chaired)\b")
_PAST_NOUN = re.compile(r"\b(?:[Ll]ast|[Pp]revious|[Pp]receding|[Ee]arlier|[Ff]ormer)\s+(?:\w+\s+)?[Ss]ummit$")
# "the last summit of the year / before the election / under Brazil's chairmanship": this one
_LAST_OF = re.compile(r"\s+(?:of|before|under|for|in which|at which|to be)\b")


# "The meeting, held on March 1 and 2, ...": the sentence's subject, the summit the article is about
_THE_MEETING = re.compile(
    r"(?:The|This) (?:(?!(?:ministerial|preparatory|bilateral|trilateral|foreign|expert|working|sherpa|officials)\b)"
    r"[\w-]+ )?"
)
_HELD_AFTER = re.compile(
    r",?\s+(?:which\s+was\s+|was\s+)?(?:(?:held|hosted)\s+(?:on|from|in|at)\b(?!\s+the\s+(?:sidelines|margins))|"
    # "The meeting was hosted by Czech Prime Minister X": a head of state or government hosts the leaders
    r"(?:hosted|chaired)\s+by\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}(?:President|Prime\s+Minister|Chancellor|Premier)\b)"
)


_CONFERENCE_HELD = re.compile(
    r"(?:\s*\([^()]{1,20}\))?,?\s+(?:was|is|will\s+be)\s+(?:held|convened|opened)|"
    r"(?:\s*\([^()]{1,20}\))?\s+(?:opened|closed|took\s+place|takes\s+place|convened)\b"
)


def _conference_held(ctx: Context, org: Mention | None, noun_start: int) -> bool:
    """Whether a "Conference" inside an organization's own name is that organization's meeting:
    "the Ninth Tokyo International Conference on African Development (TICAD 9) was held in
    Yokohama" (an ordinal before the name, or a meeting verb after it)."""
    if org is None or not org.start <= noun_start < org.end:
        return False
    return _ordinal(ctx, org.start) is not None or _CONFERENCE_HELD.match(ctx.text, org.end) is not None


# between an organization and its summit noun, a word that is no modifier: a verb ("G7 leaders open summit")
_VERB_BETWEEN = re.compile(
    r"(?<=\s)(?!(?:annual|regular|ordinary|extraordinary|special|emergency|informal|virtual|joint|expanded|"
    r"leaders|leaders['’]|heads|next|last|first|final|upcoming|two-day|three-day|online|plus|outreach)\b)"
    r"[a-z][\w'’-]*"
)


# "its New Delhi summit", "the group's New Delhi summit": the organization just named
_ITS_BEFORE = re.compile(
    r"\b(?:its|their|the\s+(?:group|bloc|grouping|alliance|organi[sz]ation|forum|club)['’]s?)\s+(?:[A-Z][\w'’-]+\s+){0,2}$"
)


def _held_already(ctx: Context, sent_text: str, noun_end: int) -> bool:
    """Whether the day said right after a summit noun has come ("spent months ... to host the 34th Arab
    summit in Baghdad over the weekend", published on the Monday): no future summit, whatever its verb."""
    pub = ctx.published
    if pub is None:
        return False
    for d in ctx.dates(sent_text, pub):
        if d.start < noun_end or d.start - noun_end > 40:
            continue
        if d.kind == "weekend":  # "over the weekend", "last weekend": gone; "this weekend", "next weekend": to come
            return bool(re.search(r"\b(?:over|last|past)\s+(?:the\s+)?$", sent_text[max(0, d.start - 12) : d.start]))
        if d.value is None or len(d.value) != 10:
            continue
        return d.value <= pub.isoformat()
    return False


def _its_org(ctx: Context, sent_start: int, noun_start: int) -> Mention | None:
    """The organization that "its" points to, the last one named before it in the sentence: "the G20,
    which admitted the bloc at its New Delhi summit" is the G20's summit, not the article's."""
    if not _ITS_BEFORE.search(ctx.text, max(sent_start, noun_start - 40), noun_start):
        return None
    before = ctx.mentions_in(sent_start, noun_start, "organization")
    return before[-1] if before else None


# "the 37th Ordinary Session of the Assembly (of the Union)": the session of an organization's assembly
_OF_THE_ASSEMBLY = re.compile(r"\s+of\s+the\s+Assembly\b(?!\s+of\s+the\s+(?:United\s+Nations|UN)\b)")


def _assembly_org(ctx: Context, sent_start: int, sent_end: int, noun_start: int, noun_end: int) -> Mention | None:
    """The organization whose Assembly a session belongs to ("... gather at the African Union's headquarters
    for the 37th Ordinary Session of the Assembly of the Union"): the one its sentence names nearest."""
    if not ctx.text[noun_start:noun_end].lower().startswith("session") or not _OF_THE_ASSEMBLY.match(
        ctx.text, noun_end
    ):
        return None
    found = ctx.mentions_in(sent_start, sent_end, "organization")
    return min(found, key=lambda m: abs(m.start - noun_start)) if found else None


# a summit named by its topic is an event of its own, not an organization's summit
_TOPIC_BEFORE = re.compile(
    r"\b(?:climate|business|investment|energy|nuclear|health|food|water|youth|women['’]?s?|digital|AI|tech|"
    r"technology|finance|education|ocean|biodiversity|migration|democracy|peace|security)\s+$",
    re.IGNORECASE,
)


def collect_summit_mentions(ctx: Context) -> list[SummitMention]:
    """Collect: every summit noun tied to an organization (or a bare "summit"), with what
    its sentence says: role, ordinal, kind, host city and country."""
    pats = _patterns()
    text = ctx.text
    mentions: list[SummitMention] = []
    for s in ctx.sentences:
        for nm in pats["noun"].finditer(s.text):
            ns, ne = s.start + nm.start(), s.start + nm.end()
            word = nm.group()
            org, council, phrase_end = _org_for(ctx, ns, ne, s.end)
            if org is not None and hyphen_part(text, org):
                org = None  # "the first ASEAN-GCC Summit": the pair's (see _pair_name), not the GCC's
            if word == "Conference" and not _conference_held(ctx, org, ns):
                continue
            assembly = None
            if org is None:
                org = _body_org(ctx, s.start, s.end, ns) or _adjective_org(ctx, ns, word) or _its_org(ctx, s.start, ns)
                org = (
                    org
                    or (assembly := _assembly_org(ctx, s.start, s.end, ns, ne))
                    or _subject_leaders_org(ctx, s.start, ns)
                )
            elif org.name in vocab()["summit_body_of"]:
                # "the European Council met": an institution that is its organization's summit
                parents = ctx.lookup(vocab()["summit_body_of"][org.name], "organization")
                if parents:
                    org = Mention(org.start, org.end, org.text, Target("organization", parents[0].name, parents[0]))
            joint = _joint_orgs(ctx, ns, word) if org is None else None
            if joint is not None:
                org = joint[0]  # "the Joint Arab-Islamic Extraordinary Summit": the Arab League's and the OIC's
            if org is None and word.startswith("summit") and _TOPIC_BEFORE.search(text, max(s.start, ns - 30), ns):
                continue  # "the Cop28 climate summit", "a business summit": another event, named by its topic
            is_council = word.startswith(("Council", "Heads")) or (" " in word and _BODY_WORD.match(word) is not None)
            if org is None and not (
                word.lower().startswith("summit")
                or word == "meet"  # "the Nov 26-27 meet": the noun is South Asian news style's "summit"
                or council
                or is_council
                or _NEXT.search(text, max(s.start, ns - 12), ns)
                or _leaders_own(text, s.start, ns)
                or (_THE_MEETING.fullmatch(text, s.start, ns) and _HELD_AFTER.match(text, ne))
            ):
                continue  # a bare "meeting" is no summit, unless it is "the next meeting" or the leaders' own
            # the cues are read before the whole name: "Samoa will host the 48th Pacific Islands Forum Leaders Meeting"
            sent_before = text[s.start : org.start if org is not None and s.start <= org.start < ns else ns]
            sent_after = text[ne : s.end]
            role = "main"
            reach = max(40, phrase_end - ne + 40)  # "a summit of the Commonwealth of ... States will take place"
            if pats["future"].search(s.text[max(0, min(nm.start(), len(sent_before)) - 30) : nm.end() + reach]) and (
                pats["future"].search(sent_before[-30:]) or pats["future"].search(sent_after[:reach])
            ):
                role = "future"
                if _held_already(ctx, s.text, nm.end()):
                    role = _role_from_dates(ctx, s.text, nm.start(), nm.end()) or "main"
            elif (
                pats["past"].search(sent_before[-30:] + " " + sent_after[:50])
                or (_PAST_NOUN.search(sent_before[-30:] + word) and not _LAST_OF.match(sent_after))
                or _LAST_HOSTED.search(sent_before)
            ):  # also "The last summit, held in Abuja": the cue and the noun together
                role = "mentioned"
            else:
                role = _role_from_dates(ctx, s.text, nm.start(), nm.end()) or role
            if _CANCELLED.search(sent_after[:90]) or _CANCELLED.search(sent_before[-40:]):
                role = "mentioned"  # "The Quad summit planned for Sydney next week has been cancelled": none to report
            sm = SummitMention(ns, ne, org, role, s.start)
            sm.joint = joint[1] if joint is not None else None
            first_of_a_kind = _first_of_a_kind(text, ns, ne)
            sm.ordinal = None if first_of_a_kind else _ordinal(ctx, ns)
            if sm.ordinal is None and not first_of_a_kind and org is not None and org.end <= ns and ns - org.end < 30:
                # "the 45th Pacific Islands Forum Leaders Meeting": the ordinal before a long name
                sm.ordinal = _ordinal(ctx, org.start)
            if word.lower().endswith("s") and sm.ordinal is not None:
                sm.ordinal2 = _second_ordinal(ctx, ns)
            phrase = text[ns : max(phrase_end, ne)]
            if org is not None and org.start < ns and assembly is None:  # (a session of the Assembly: its own name)
                phrase = text[org.start : ne]
                if _VERB_BETWEEN.search(text, org.end, ns):
                    phrase = org.text + " " + word  # "G7 leaders open summit": the G7 summit
                if text[org.end : ns].lstrip().startswith(")"):  # "(CSTO) Collective Security Council"
                    phrase = org.text + " " + text[org.end : ne].lstrip()[1:].strip()
                own = _OWN_MEETING.search(text, org.end, ns)
                if own is not None:  # "the Forum concluded their 52nd meeting": the Forum's 52nd meeting
                    phrase = org.text + " " + text[own.end() : ne]
            if word == "Conference" and org is not None:
                phrase = org.text  # "Tokyo International Conference on African Development": the meeting's name
            sm.name = phrase.strip()
            for rx, kind in pats["kinds"]:
                if rx.search(text[max(s.start, ns - 40) : min(s.end, phrase_end + 60)]):
                    sm.kind = kind
                    break
            city, country = _host_city(ctx, s.start, s.end, ns)
            if city is not None:
                sm.host_city, sm.host_city_offset, sm.host_country = city.name, city.start, country
            if sm.host_country is None:
                sm.host_country = _host_country(ctx, s.start, s.end, ns, ne)
            if org is None:
                sm.near_org = _nearest_org(ctx, s.start, ns)
                named = _proper_name(ctx, s.start, ns, ne, word)
                if named is not None:
                    sm.proper, sm.name = named[0], text[named[1] : named[2]]
            mentions.append(sm)
        if not mentions or mentions[-1].sentence_start != s.start:
            met = _leaders_met(ctx, s.start, s.end, s.text)
            if met is not None:
                mentions.append(met)
    return mentions


_MET_VERB = re.compile(
    r"\s+(?:(?:have|had)\s+)?(?:met|gathered|convened|assembled)\s+(?=(?:here\s+)?(?:in|on|at|for)\b)"
)


def _leaders_met(ctx: Context, sent_start: int, sent_end: int, sent_text: str) -> SummitMention | None:
    """A sentence whose subject, an organization's leaders, met, with no summit noun ("EU leaders met in
    Brussels on 14 and 15 December 2023"): their summit, where and when it says."""
    subject = _leaders_subject(ctx, sent_start, sent_end)
    if subject is None:
        return None
    org, after = subject
    verb = _MET_VERB.match(ctx.text, after)
    if verb is None:
        return None
    start, end = verb.start() + 1, verb.end() - 1
    sm = SummitMention(start, end, org, "main", sent_start)
    sm.role = _role_from_dates(ctx, sent_text, start - sent_start, end - sent_start) or "main"
    city, country = _host_city(ctx, sent_start, sent_end, start)
    if city is not None:
        sm.host_city, sm.host_city_offset, sm.host_country = city.name, city.start, country
    return sm


# "the EU-CELAC summit", "the second Central Asia–China Summit", "the Korea-Japan-China summit": a
# summit of two or three parties, named by them, no organization of its own
_PAIR_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<name>(?:[A-Z][\w'’]*\s+){0,2}[A-Z][\w'’]*(?:\s*[-–—]\s*[A-Z][\w'’]*){1,2}(?:\s+[A-Z][a-z][\w'’]*){0,2})"
    r"(?:\s+(?:[Ll]eaders['’]?|[Bb]usiness|[Tt]rilateral|[Bb]ilateral))?\s+$"
)


_PAIR_QUOTED = re.compile(
    r"\s+[\"“](?P<name>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?(?:\s*[-–—]\s*[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?){1,2})[\"”]"
)

# words after a two-party name that say what kind of summit it is, not who holds it
_PAIR_TAIL = frozenset(
    ("commemorative", "special", "extraordinary", "informal", "business", "investment", "economic", "leaders")
)


def _pair_name(ctx: Context, sm: SummitMention) -> str | None:
    """The name of a two- or three-party summit ("EU-CELAC", "Central Asia-China") that a main
    summit noun carries, else None: written right before it, the noun's organization its last
    party ("the EU-CELAC summit"), or in quotes after it."""
    if sm.role != "main" or not ctx.text[sm.start : sm.end].lower().startswith("summit"):
        return None
    if sm.org is not None and not _PARTY_BEFORE_ORG.search(
        ctx.text, max(sm.sentence_start, sm.org.start - 30), sm.org.start
    ):
        return None
    after = _PAIR_QUOTED.match(ctx.text, sm.end)  # 'the first summit "Central Asia - China"'
    if after is not None:
        return re.sub(r"\s*([-–—])\s*", r"\1", after.group("name"))
    m = _PAIR_BEFORE.search(ctx.text, max(sm.sentence_start, sm.start - 60), sm.start)
    if m is None or re.search(r"(?:ic|ian|ican|ese|ish)\b", m.group("name")):  # not "an Arab-Islamic summit"
        return None
    name = m.group("name")
    while (first := name.split()[0]).lower() in _NOT_A_NAME:  # "the First China-Central Asia"
        name = name[len(first) :].strip()
    while (last := name.split()[-1]).lower() in _PAIR_TAIL:  # "ASEAN-Japan Commemorative Summit"
        name = name[: -len(last)].strip()
    if re.split(r"\s*[-–—]\s*", name)[0].title() in _NO_DATELINE:
        return None  # "LIVE - SADC summit, 23-24 June": a page's label, no party
    return re.sub(r"\s*([-–—])\s*", r"\1", name)


_PARTY_BEFORE_ORG = re.compile(r"(?<![\w'’-])[A-Z][\w'’]*\s*[-–—]\s*$")


_N_PARTY = re.compile(r"\b(?:(?P<two>bilateral|two-way)|trilateral|three-way|tripartite)\s+$", re.IGNORECASE)


def _parties_summit(ctx: Context, mentions: list[SummitMention]) -> str | None:
    """The name of a bilateral or trilateral summit held by no organization, from the countries
    its sentence names, else the headline's ("The leaders of South Korea, China and Japan held
    their ninth trilateral summit": "China-Japan-South Korea", in alphabetical order), else None."""
    for sm in mentions:
        if sm.org is not None or sm.role != "main" or not ctx.text.startswith("summit", sm.start):
            continue
        m = _N_PARTY.search(ctx.text, max(sm.sentence_start, sm.start - 20), sm.start)
        if m is None:
            continue
        wanted = 2 if m.group("two") else 3
        for s in (ctx.sentence_at(sm.start), ctx.sentences[0]):
            if s is None:
                continue
            names = {x.name for x in ctx.mentions_in(s.start, s.end, ("country", "demonym"))}
            if len(names) == wanted:
                return "-".join(sorted(names))  # one name for one series, however an article orders it
    return None


# "the Sixth Caspian Summit", "the Nuclear Security Summit": a capitalized "Summit" after a proper
# name that is no organization, place or person names a series of summits held by no organization
_PROPER_BEFORE = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?\s+){1,4}$")
_NAME_STOPS = (
    "the a an this that its their our his her next last previous first inaugural annual extraordinary special "
    "informal joint virtual leaders leaders' heads for at in of to on and with as from by after before"
)
_NOT_A_NAME = frozenset(
    _NAME_STOPS.split() + list(ORDINAL_WORDS) + [m.lower() for m in MONTHS if len(m) > 3] + list(WEEKDAYS)
)


def _proper_name(
    ctx: Context, sent_start: int, noun_start: int, noun_end: int, word: str
) -> tuple[str, int, int] | None:
    """The name of a summit series that a capitalized "Summit" tied to no organization carries, and
    where its phrase starts and ends: ("Caspian Summit", start of "Sixth Caspian", end of "Summit");
    ("Summit for Democracy", start and end of "Summit for Democracy"); else None."""
    text = ctx.text
    if word == "Meeting":
        # "the Fifth Consultative Meeting of the Heads of State of Central Asia": a format of no organization's
        heads = _HEADS_OF_REGION.match(text, noun_end)
        before = _PROPER_BEFORE.search(text, max(sent_start, noun_start - 60), noun_start)
        named = [w for w in (before.group().split() if before else []) if w.lower() not in ORDINAL_WORDS][-2:]
        if heads is None or not named or ctx.mentions_in(noun_start, heads.end(), "organization"):
            return None
        start = noun_start - len(" ".join(named)) - 1
        return text[start : heads.end()], start, heads.end()
    if not word.startswith("Summit"):
        return None
    m = _PROPER_BEFORE.search(text, max(sent_start, noun_start - 60), noun_start)
    words = m.group().split() if m is not None else []
    lowered = [w.lower().rstrip("'’") for w in words]
    keep = len(words)
    while keep and lowered[keep - 1] not in _NOT_A_NAME:
        keep -= 1
    name_words = words[keep:]
    if m is None or not name_words:
        # "the Summit for Democracy", "The Summit on Peace in Ukraine": the name after the noun
        after = _PROPER_AFTER.match(text, noun_end)
        if after is None or ctx.mentions_in(noun_end, after.end(), "organization"):
            return None
        return text[noun_start : after.end()], noun_start, after.end()
    if any(not hyphen_part(text, o) for o in ctx.mentions_in(m.start() + len(" ".join(words[:keep])), noun_start)):
        return None  # "Ashgabat Summit", "the G20 Summit": a place or an organization before it (a party of
        # "the Second Russia-Africa Summit" is no such thing)
    phrase_start = noun_start - len(" ".join(name_words)) - 1
    if keep and lowered[keep - 1] in ORDINAL_WORDS:
        phrase_start -= len(words[keep - 1]) + 1
    return " ".join(name_words) + " " + word, phrase_start, noun_end


_HEADS_OF_REGION = re.compile(
    r"\s+of\s+(?:the\s+)?Heads\s+of\s+State(?:\s+and\s+Government)?\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)
# "Summit for Democracy", "Summit on Peace in Ukraine": a series named by what follows its noun
_PROPER_AFTER = re.compile(
    rf"\s+(?:on|for)\s+(?:the\s+)?(?!(?:{WEEKDAY_NAMES}|{MONTH_NAMES})\b)[A-Z][\w'’-]*"
    r"(?:\s+(?:(?:in|of|and|the|for|on)\s+)?[A-Z][\w'’-]*)*"
)


def decide_main_organization(ctx: Context, mentions: list[SummitMention]) -> tuple[str, Any] | None:
    """Decide: whose summit the article is about (name, gazetteer entry): the organization
    most often tied to a main summit noun, else the one nearest to bare ones, else the
    article's most frequent organization."""
    pairs = {m.start: name for m in mentions if (name := _pair_name(ctx, m)) is not None}
    explicit = Counter(m.org.name for m in mentions if m.org is not None and m.role == "main" and m.start not in pairs)
    nearby = Counter(m.near_org.name for m in mentions if m.near_org is not None and m.role == "main")
    if pairs:
        pair, count = Counter(pairs.values()).most_common(1)[0]
        if not explicit or count >= explicit.most_common(1)[0][1]:
            # "the ninth Korea-China-Japan trilateral summit, held apart from ASEAN meetings"; "EU-CELAC"
            return pair, None
    if explicit:
        main_org_name = explicit.most_common(1)[0][0]
    elif nearby:  # "... a member of the G20, Modi announced at the opening of the bloc's summit"
        main_org_name = nearby.most_common(1)[0][0]
    elif proper := Counter(m.proper for m in mentions if m.proper and m.role == "main"):
        return proper.most_common(1)[0][0], None
    elif parties := _parties_summit(ctx, mentions):
        return parties, None
    else:
        org_counts = Counter(m.name for m in ctx.mentions if m.type == "organization")
        if not org_counts:
            return None
        main_org_name = org_counts.most_common(1)[0][0]
    main_entry = next(
        (m.target.entry for m in ctx.mentions if m.type == "organization" and m.name == main_org_name), None
    ) or next((m.org.target.entry for m in mentions if m.org is not None and m.org.name == main_org_name), None)
    return main_org_name, main_entry


def _demote_other_ordinals(ctx: Context, mentions: list[SummitMention], main_org_name: str) -> None:
    """A number for the main organization's summit other than the main one's names another summit: the
    main one's is said with a date (else first); another two apart, or held in another city, is an
    earlier or a later summit ("the Eighth Summit of the Americas ... on Saturday ... three years after
    the handshake at the seventh summit in Panama City").  The first of a pair ("the 40th and 41st ASEAN
    Summits") and a next number with no other city (a summit held back to back) stay."""
    own = [m for m in mentions if m.role == "main" and m.ordinal and (m.org is None or m.org.name == main_org_name)]
    if len({m.ordinal for m in own}) < 2:
        return
    dated = [
        m
        for m in own
        if any(
            d.value and len(d.value) == 10 for d in ctx.dates(ctx.text[m.sentence_start : m.end + 80], ctx.published)
        )
    ]
    anchor = (dated or own)[0]
    anchor_host = anchor.host_city or dateline(ctx)[0]
    paired = {m.ordinal for m in own if m.ordinal2} | {(m.ordinal2 or 0) - 1 for m in own if m.ordinal2}
    for m in own:
        if m.ordinal == anchor.ordinal or m.ordinal in paired or anchor.ordinal is None or m.ordinal is None:
            continue
        elsewhere = m.host_city is not None and anchor_host is not None and m.host_city != anchor_host
        if abs(m.ordinal - anchor.ordinal) >= 2 or elsewhere:
            m.role = "mentioned" if m.ordinal < anchor.ordinal else "future"


def merge_summits(ctx: Context, mentions: list[SummitMention], main_org_name: str, main_entry: Any) -> list[Summit]:
    """Merge: the main organization's main mentions into one summit (first ordinal, kind,
    host; dates from the best sentence; the dateline or the article's "in CITY" when no
    summit sentence names the host); other mentions into mentioned / future summits."""
    text = ctx.text
    durations = duration_days(text)  # the first stated duration ("two-day") of the article
    article_cue = None  # a cue counts only inside the sentence that gives the date

    _demote_other_ordinals(ctx, mentions, main_org_name)
    main = Summit(organization=main_org_name, role="main", org_entry=main_entry)
    dated: set[int] = set()
    best_quality = 0
    dated_ordinal: int | None = None
    compound_host = False  # the main summit's city only from a bare "the Luanda summit"
    others: list[Summit] = []
    for sm in mentions:
        # a bare noun is the main organization's, unless two parties name it ("EU-Western Balkans summit")
        org_name = sm.org.name if sm.org is not None else (_pair_name(ctx, sm) or main_org_name)
        if sm.role != "main" or org_name != main_org_name:
            if sm.role == "main":
                # another organization's meeting in passing: not a summit of this article (nor are the
                # people its sentence says join it participants of this one: kg.extract.people)
                ctx.memo.setdefault("foreign_summits", []).append(sm.start)
                continue
            if any(o.role == sm.role and o.organization == org_name and o.host_city == sm.host_city for o in others):
                continue
            o = Summit(
                organization=org_name,
                role=sm.role,
                org_entry=sm.org.target.entry if sm.org is not None else main_entry,
                ordinal=sm.ordinal,
                kind=sm.kind,
                name=sm.name,
                host_city=sm.host_city,
                host_country=sm.host_country,
                offsets=[sm.start],
            )
            others.append(o)
            continue
        main.offsets.append(sm.start)
        if main.ordinal is None and sm.ordinal is not None:
            main.ordinal = sm.ordinal
        if main.kind is None and sm.kind is not None:
            main.kind = sm.kind
        if main.name is None or (sm.org is not None and len(sm.name or "") > len(main.name or "")):
            main.name = sm.name
        if main.host_city is None and sm.host_city is not None:
            main.host_city, main.host_country = sm.host_city, sm.host_country
            main.offsets.append(sm.host_city_offset or sm.start)
            city_at = ctx.mention_at(sm.host_city_offset, "city") if sm.host_city_offset is not None else None
            compound_host = (
                sm.org is None
                and city_at is not None
                and city_at.end <= sm.start
                and not text[city_at.end : sm.start].strip()
            )
        elif main.host_country is None and sm.host_country is not None and sm.host_city in (None, main.host_city):
            main.host_country = sm.host_country
        sent = ctx.sentence_at(sm.start)
        if sent is not None and sent.start not in dated:
            dated.add(sent.start)
            last_main = max(
                o.start
                for o in mentions
                if o.sentence_start == sent.start
                and o.role == "main"
                and (o.org is None or o.org.name == main_org_name)
            )
            foreign = tuple(
                o.start - sent.start
                for o in mentions
                if o.sentence_start == sent.start
                and o.start > last_main
                and ((o.org is not None and o.org.name != main_org_name) or o.role != "main")
            )
            found = _dates_for(ctx, sent.text, sent.start, durations, article_cue, foreign, last_main - sent.start)
            quality = (2 if found[0] and found[1] and found[0] != found[1] else 1) if any(found) else 0
            if quality > best_quality:  # an explicit range beats a single day; else the first
                best_quality = quality
                main.start_date, main.end_date = found
                dated_ordinal = next(
                    (
                        o.ordinal
                        for o in mentions
                        if o.sentence_start == sent.start
                        and o.ordinal is not None
                        and o.role == "main"
                        and (o.org is None or o.org.name == main_org_name)
                    ),
                    dated_ordinal,
                )
            elif main.start_date is not None and main.end_date is None and found[0] is None and found[1]:
                # "... opened on June 8. The summit runs until June 10."
                main.end_date = found[1] if main.start_date < found[1] else None
            elif main.end_date is not None and main.start_date is None and found[0] and found[1] is None:
                # "... wrapped up their meeting on Friday. The meeting, which opened on Monday, ..."
                main.start_date = found[0] if found[0] < main.end_date else None
    if not main.offsets:
        return others
    if dated_ordinal is not None:
        # "It was only the second summit held as a G7 ... Scholz opens the 48th G7 summit on Sunday": the
        # number said with the summit's date, not one said in passing before it
        main.ordinal = dated_ordinal
    dl_city, dl_country, dl_off = dateline(ctx)
    # "co-chaired the meeting via video link": neither the dateline's city nor the article's hosts it
    online = main.host_city is None and _held_online(ctx, mentions, main_org_name)
    if online:
        dl_city = None
    if compound_host and dl_city is not None and dl_off is not None and dl_city != main.host_city:
        # "São Tomé, Aug 27 (Lusa) - ... the agreement signed at the Luanda summit": a bare summit named by another
        # city is another summit's; the dateline's city hosts the one reported from it
        main.host_city, main.host_country = None, None
    if main.host_city is None and dl_city is not None and dl_off is not None:  # a dateline city has its offset
        main.host_city, main.host_country = dl_city, dl_country
        main.offsets.append(dl_off)
    elif main.host_city is not None and main.host_country is None and dl_city == main.host_city and dl_country:
        main.host_country = dl_country
    if main.host_city is None and not online:
        fallback = _article_city(ctx)
        if fallback is not None:
            main.host_city = fallback.name
            main.offsets.append(fallback.start)
    if main.host_city is not None and main.host_country is None:
        entries = ctx.lookup(main.host_city, "city")
        if entries and entries[0].country:
            c = ctx.gazetteer.country(entries[0].country)
            if c is not None and _country_named(ctx, c.name):
                main.host_country = c.name
    if main.kind is None:
        # "the BRICS summit", "NATO Summit": the leaders meet; a bare "meeting" / "session" names no body
        summit_word = any(
            text[sm.start : sm.end].lower().startswith("summit")
            for sm in mentions
            if sm.role == "main" and (sm.org is None or sm.org.name == main_org_name)
        )
        main.kind = "leaders' summit" if summit_word else "summit"
    pair = next(
        (sm.ordinal2 for sm in mentions if sm.ordinal2 and sm.ordinal == main.ordinal and sm.role == "main"), None
    )
    if pair is not None:
        twin = replace(main, ordinal=pair, offsets=list(main.offsets))
        return [main, twin] + others
    joint = next(
        (
            sm
            for sm in mentions
            if sm.joint is not None and sm.role == "main" and sm.org is not None and sm.org.name == main_org_name
        ),
        None,
    )
    if joint is not None and joint.joint is not None:
        # one meeting of two organizations: a main summit of each, the same place and days, by its joint name
        twin = replace(
            main,
            organization=joint.joint.name,
            org_entry=joint.joint.target.entry,
            ordinal=None,
            name=joint.name,
            offsets=list(main.offsets),
        )
        return [main, twin] + others
    next_one = _consecutive_twin(ctx, mentions, main, main_org_name, durations)
    return [main] + ([next_one] if next_one is not None else []) + others


_ONLINE = re.compile(
    r"\b(?:via|by|through|over)\s+video(?:\s*link|\s*conference|-conference)|videoconference|"
    r"\bvirtual(?:ly|\s+format|\s+summit|\s+meeting)|\bonline\s+(?:format|summit|meeting)|\bheld\s+online\b",
    re.IGNORECASE,
)


_JOINED_ONLINE = re.compile(
    r"\b(?:attend\w*|join\w*|participat\w*|address\w*|spoke|speak\w*|took part|taking part|takes part)"
    r"(?:\s+in)?(?:\s+the\s+(?:meeting|summit|talks|session|event))?\s+$",
    re.IGNORECASE,
)


def _held_online(ctx: Context, mentions: list[SummitMention], main_org_name: str) -> bool:
    """Whether a sentence of the main summit says it was held by video link (not that some
    leaders joined it so: "Pashinyan, who is attending the meeting via video link")."""
    for sm in mentions:
        if sm.role == "main" and (sm.org is None or sm.org.name == main_org_name):
            sent = ctx.sentence_at(sm.start)
            text = sent.text if sent is not None else ""
            for om in _ONLINE.finditer(text):
                if not _JOINED_ONLINE.search(text, max(0, om.start() - 60), om.start()):
                    return True
    return False


def _consecutive_twin(
    ctx: Context, mentions: list[SummitMention], main: Summit, main_org_name: str, durations: int | None
) -> Summit | None:
    """A second main summit of the same organization written in a sentence of its own with
    the next (or previous) ordinal: "The 46th ASEAN Summit opened ... The 47th ASEAN Summit
    followed on Wednesday" are two summits, held back to back in one place."""
    ordinal = main.ordinal
    if ordinal is None:
        return None
    own = [
        sm
        for sm in mentions
        if sm.role == "main" and sm.ordinal is not None and sm.org is not None and sm.org.name == main_org_name
    ]
    other = [
        sm
        for sm in own
        if sm.ordinal is not None  # always: own keeps numbered mentions only
        and abs(sm.ordinal - ordinal) == 1
        and sm.host_city in (None, main.host_city)
    ]
    if not other or len({sm.ordinal for sm in own}) != 2:
        return None
    sm = other[0]
    twin = replace(main, ordinal=sm.ordinal, offsets=[sm.start], start_date=None, end_date=None)
    sent, first = ctx.sentence_at(sm.start), ctx.sentence_at(main.offsets[0])
    if sent is not None and (first is None or sent.start != first.start):
        twin.start_date, twin.end_date = _dates_for(
            ctx, sent.text, sent.start, durations, None, (), sm.start - sent.start
        )
    return twin
