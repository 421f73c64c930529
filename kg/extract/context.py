"""What every extraction step reads: the article, its sentences, its gazetteer mentions.

Built once per article by :func:`kg.extract.extract`; the steps only read it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from kg.article import Article
from kg.linking.gazetteer import Entry

from .dates import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    DateMention,
    calendar_reference,
    find_dates,
    parse_iso,
)
from .lexicon import ORDINAL_WORDS, Matcher, Mention, Target, hyphen_part, tokenize, vocab
from .sentences import Sentence, split_sentences

# Capital letters of the Latin script (with diacritics), for name patterns.
UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
LOWER = "".join(c for c in map(chr, range(0x61, 0x250)) if c.islower())
CAP_WORD = rf"[{UPPER}][{LOWER}{UPPER}'’\-]*[{LOWER}{UPPER}]"  # "Kassym-Jomart", "Nausėda"


@dataclass
class Context:
    article: Article
    gazetteer: Any
    matcher: Matcher
    text: str = ""
    published: date | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    _dates: dict[tuple[str, date | None], list[DateMention]] = field(default_factory=dict)
    _countries: dict[str, str | None] = field(default_factory=dict)
    _lookups: dict[tuple[str, str | None], list[Any]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # per-article results shared by steps

    @classmethod
    def build(cls, article: Article, gazetteer: Any, matcher: Matcher) -> Context:
        text = article.text
        # an undated piece is read against the day its own calendar facts give, if any
        published = parse_iso(article.published) or calendar_reference(text)
        ctx = cls(article=article, gazetteer=gazetteer, matcher=matcher, text=text, published=published)
        ctx.sentences = split_sentences(text)
        ctx._starts = [s.start for s in ctx.sentences]
        found = matcher.find(text, tokenize(text))
        other_places = [o.span() for o in OTHER_PLACES.finditer(text)]
        ctx.mentions = [
            m
            for i, m in enumerate(found)
            if not _tail_of_longer_name(text, m)
            and not _end_of_another_name(text, m)
            and not _city_in_a_longer_name(text, m, found[i - 1] if i else None)
            and not _body_of_a_country(text, m, found, i)
            and not (m.type == "country" and text.startswith("$", m.end))  # "US$5 billion"
            # "Northern Ireland" is no part of Ireland, "the Turkish Republic of Northern Cyprus" none of Turkey
            and not (m.type in ("country", "demonym") and any(a <= m.start and m.end <= b for a, b in other_places))
            # "the South China Sea", "the Gulf of Mexico": a sea's name holds no country
            and not (m.type in ("country", "demonym", "city") and _in_a_sea_name(text, m))
        ]
        ctx.mentions = _named_groupings(text, _defined_formats(text, _short_names_to_named_orgs(ctx.mentions)))
        ctx._mention_starts = [m.start for m in ctx.mentions]
        return ctx

    # -- look-ups -------------------------------------------------------------

    def dates(self, text: str, ref: date | None = None) -> list[DateMention]:
        """find_dates() of a piece of this article, computed once per article."""
        key = (text, ref)
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = find_dates(text, ref)
        return found

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end + 1:
            return self.sentences[i]
        return None

    def mentions_in(self, start: int, end: int, type: str | tuple[str, ...] | None = None) -> list[Mention]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        types = (type,) if isinstance(type, str) else type
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and (types is None or m.type in types):
                out.append(m)
            i += 1
        return out

    def covering(self, offset: int, type: str | tuple[str, ...] | None = None) -> Mention | None:
        """The mention whose span holds ``offset`` (mentions do not overlap), of ``type`` if given, or None."""
        i = bisect.bisect_right(self._mention_starts, offset) - 1
        if i < 0 or self.mentions[i].end <= offset:
            return None
        m = self.mentions[i]
        types = (type,) if isinstance(type, str) else type
        return m if types is None or m.type in types else None

    def mention_at(self, offset: int, type: str | tuple[str, ...] | None = None) -> Mention | None:
        """The mention that starts at ``offset`` (after spaces), or None."""
        while offset < len(self.text) and self.text[offset] == " ":
            offset += 1
        i = bisect.bisect_left(self._mention_starts, offset)
        if i < len(self.mentions) and self.mentions[i].start == offset:
            m = self.mentions[i]
            types = (type,) if isinstance(type, str) else type
            if types is None or m.type in types:
                return m
        return None

    def mention_ending_at(self, offset: int, type: str | tuple[str, ...] | None = None) -> Mention | None:
        i = bisect.bisect_left(self._mention_starts, offset) - 1
        types = (type,) if isinstance(type, str) else type
        while i >= 0 and self.mentions[i].end >= offset - 4:
            m = self.mentions[i]
            if self.text[m.end : offset].strip() in ("", "'s", "’s", "'", "’") and (types is None or m.type in types):
                return m
            i -= 1
        return None

    def evidence(self, *offsets: int) -> list[dict[str, Any]]:
        """Evidence items (the sentences containing the offsets), without duplicates."""
        out, seen = [], set()
        for off in offsets:
            s = self.sentence_at(off)
            if s is not None and s.start not in seen:
                seen.add(s.start)
                out.append({"sentence": s.text, "start": s.start, "end": s.end})
        return out

    def country_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if code not in self._countries:
            entry = self.gazetteer.country(code)
            self._countries[code] = entry.name if entry is not None else None
        return self._countries[code]

    def lookup(self, name: str, type: str | None = None) -> list[Any]:
        """gazetteer.lookup(), remembered for the rest of the article."""
        key = (name, type)
        if key not in self._lookups:
            self._lookups[key] = self.gazetteer.lookup(name, type)
        return self._lookups[key]


def has_word(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


_SEA_AROUND = re.compile(r" (?:Sea|Ocean)\b")
_GULF_OF = re.compile(r"\bGulf of $")


def _in_a_sea_name(text: str, m: Mention) -> bool:
    """Whether a place mention is part of a sea's name: "the South China Sea", "the Gulf of Mexico"."""
    return _SEA_AROUND.match(text, m.end) is not None or _GULF_OF.search(text, max(0, m.start - 8), m.start) is not None


#: Places whose names hold a country's and are not that country (a part of another, a partly recognized state)
OTHER_PLACES = re.compile(r"\b(?:Turkish Republic of Northern Cyprus|Northern Cyprus|Northern Ireland)\b")

#: The end of a body named after its organization and no document: "the United Nations Development Programme"
BODY_OF_ITS_OWN = re.compile(
    r"\s(?:Development|Environment|Children['’]s|Population|Food)\s+(?:Programme|Program|Fund)$"
)


_MEETING_NAME = re.compile(r"\b(?:Meeting|Summit)\b")


def _short_names_to_named_orgs(mentions: list[Mention]) -> list[Mention]:
    """A one-word short name ("the Commonwealth") in an article that names an organization
    whose name has that word ("the CIS", the Commonwealth of Independent States) is that
    organization, not another one the gazetteer knows by the short name (the Commonwealth
    of Nations).  A meeting named like an organization ("the Commonwealth Heads of Government
    Meeting") is not one: "the Commonwealth" that meets there stays the Commonwealth of Nations."""
    orgs = [m for m in mentions if m.type == "organization" and m.target.entry is not None]
    if len(orgs) < 2:
        return mentions
    full = {
        m.target.entry.name: m.target
        for m in orgs
        if " " in m.target.entry.name and _MEETING_NAME.search(m.target.entry.name) is None
    }
    out = []
    for m in mentions:
        if m in orgs and " " not in m.text and m.text != (m.target.entry.acronym or "") and m.text[:1].isupper():
            other = next(
                (
                    t
                    for name, t in full.items()
                    if name != m.target.name and re.search(r"(?<!\w)" + re.escape(m.text) + r"(?!\w)", name)
                ),
                None,
            )
            if other is not None:
                m = Mention(m.start, m.end, m.text, other)
        out.append(m)
    return out


# a grouping the article names and abbreviates: "the Joint Expeditionary Force (JEF)", "the Bucharest Nine (B9)"
_DEFINED_FORMAT = re.compile(
    rf"(?P<name>(?:{CAP_WORD}\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?){{0,5}}"
    r"(?:Group|Process|Force|Format|Triangle|Dialogue|Partnership|Cooperation|Forum|Council|Community|"
    r"Organi[sz]ation|Union|Alliance|Initiative|Movement|Association|Conclave|Quartet|Nine|Eight|Five|Six))"
    r"\s+\((?P<acr>[A-Z][A-Za-z0-9+-]{1,7})\)"
)
_DEFINED_AT_END = re.compile(_DEFINED_FORMAT.pattern + r"\Z")  # searched up to a bracketed acronym
_ACRONYM_IN_BRACKETS = re.compile(r"\s\([A-Z][A-Za-z0-9+-]{1,7}\)")


def _initials_fit(name: str, acr: str) -> bool:
    """Whether ``acr`` abbreviates ``name``: its letters are the capitalized words' initials, in order (a
    number word may be a digit: "Bucharest Nine (B9)", "Visegrad Four (V4)")."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    digits = {"Four": "4", "Five": "5", "Six": "6", "Seven": "7", "Eight": "8", "Nine": "9"}
    initials = "".join(digits.get(w, w[0]) for w in words).upper()
    return acr.upper().replace("-", "").replace("+", "") in (initials, initials[:-1]) and len(acr) >= 2


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` overlaps any of ``spans``."""
    return any(a < end and start < b for a, b in spans)


def _defined_formats(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the groupings the gazetteer does not know that the article defines with an acronym
    ("leaders of the Joint Expeditionary Force (JEF) met ... the JEF summit"): the full name, and every later
    acronym or full name that no known mention covers, point at an entry made for the article."""
    taken = [(m.start, m.end) for m in mentions if not hyphen_part(text, m)]

    def free(a: int, b: int) -> bool:
        return not _overlaps(taken, a, b)

    added: list[Mention] = []
    # (the name is read back from each bracketed acronym: a scan of the whole text for names is slow)
    found = (
        _DEFINED_AT_END.search(text, max(0, b.start() - 160), b.end()) for b in _ACRONYM_IN_BRACKETS.finditer(text)
    )
    for m in (f for f in found if f is not None):
        acr, whole = m.group("acr"), m.group("name")
        # the longest tail of the capitalized run that the acronym abbreviates ("Tallinn on Monday and Tuesday for
        # the Joint Expeditionary Force (JEF)": the Joint Expeditionary Force)
        name = next(
            (whole[w.start() :] for w in re.finditer(r"(?<!\S)[A-Z]", whole) if _initials_fit(whole[w.start() :], acr)),
            None,
        )
        start = m.end("name") - len(name or "")
        if name is None or not free(start, m.end("acr")):
            continue
        target = Target("organization", name, Entry(None, "organization", name, (), acronym=acr))
        for form in (name, acr):
            for f in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                if f.start() >= start and free(f.start(), f.end()):
                    added.append(Mention(f.start(), f.end(), f.group(), target))
                    taken.append((f.start(), f.end()))
    if not added:
        return mentions
    # a party of a pair inside a defined name is part of that name: "Forum for India-Pacific Islands Cooperation"
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda x: x.start)


# a grouping the gazetteer does not know, named by its capitalized name and a grouping word ("the Craiova Group",
# "the Mano River Union", "the Danube Cooperation Process") right before its summit or its leaders ("the Craiova
# Group summit", "Lublin Triangle leaders") or after them ("the 12th summit of the Eastern Partnership")
_GROUPING_WORD = (
    r"(?:Group|Process|Partnership|Initiative|Triangle|Union|Council|Commission|Organi[sz]ation|Community|Forum|Alliance|"
    r"Association|Conference|Cooperation|Commonwealth|League|Movement|Format|Dialogue|Quartet|Bloc|Pact|Platform|"
    r"Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve)"  # "the Nordic-Baltic Eight"
)
# an acronym the gazetteer does not know right before a summit or its leaders: "the IBSA summit", "MIKTA leaders"
_ACRONYM_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,7})?)(?:['’]s)?[ \t]+(?:[Ll]eaders['’]?[ \t]+)?"
    r"(?:[Ss]ummit|[Ll]eaders)\b"
)
#: acronyms that name no grouping: "the AI summit", "a CEO summit", "the COP28 summit"
_NOT_GROUPINGS = re.compile(r"(?:AI|CEO|CEOS|IT|ICT|TV|GDP|LNG|SME|NGO|NGOS|COP\d*|US|UK|UN|EU|USA|UAE|[IVXLCDM]+)")
_GROUPING_NAME = (
    r"(?P<name>(?:[A-Z][\w'’-]*[ \t]+(?:(?:of|for|on|and)[ \t]+(?:the[ \t]+)?)?){1,5}" + _GROUPING_WORD + r")(?![\w-])"
)
# what may stand between the name and its summit noun: "the X leaders' summit", "X held its annual summit"
_BEFORE_THE_NOUN = (
    r"(?:['’]s)?[ \t]+(?:[Ll]eaders['’]?[ \t]+|(?:held|holds|opened|convened)[ \t]+its[ \t]+(?:[\w-]+[ \t]+){0,2})?"
)
_GROUPING_BEFORE = re.compile(
    _GROUPING_NAME + _BEFORE_THE_NOUN + r"(?:[Ss]ummit|[Ll]eaders|[Hh]eads\s+of\s+[Ss]tate)\b"
)
_GROUPING_AFTER = re.compile(
    r"\b(?:[Ss]ummit|[Ll]eaders|[Hh]eads\s+of\s+[Ss]tate(?:\s+and\s+[Gg]overnment)?|Assembly|Session)\s+of\s+the\s+"
    r"(?:[\w]+-(?:nation|member|country|state)\s+)?" + _GROUPING_NAME  # "Leaders of the four-nation Craiova Group"
)
# what a grouping's name does not start with: an article, a preposition, an ordinal ("the Third Turkey-Africa
# Partnership Summit", "the XIX ... Summit"), an adjective of the summit ("Extraordinary", "Annual"), the meeting
# itself ("the Assembly of the Mano River Union")
_LEAD_WORDS = re.compile(
    r"^(?:(?:The|A|An|In|At|On|Of|For|And|By|With|From|To|"
    + "|".join(w.capitalize() for w in ORDINAL_WORDS)
    + r"|\w+teenth|\w+tieth|\d+(?:st|nd|rd|th)|[IVXL]+|Extraordinary|Special|Annual|"
    r"Informal|Emergency|Virtual|Ordinary|Regular|Inaugural|(?:Assembly|Session|Summit|Meeting)\s+of(?:\s+the)?)\s+)+"
)
_DAY_OR_MONTH = re.compile(f"(?:{WEEKDAY_NAMES}|{MONTH_NAMES})")


def _in_a_title_case_line(text: str, pos: int) -> bool:
    """Whether ``pos`` is on a line of four words or more nearly all capitalized (a headline in Title Case)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start : end if end >= 0 else len(text)])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_GROUPING_WORD_BEFORE = re.compile(_GROUPING_WORD + _BEFORE_THE_NOUN + "$")
_SUMMIT_OR_LEADERS = re.compile(r"\b(?:[Ss]ummit|[Ll]eaders|[Hh]eads\s+of\s+[Ss]tate|Assembly|Session)\b")


def _named_groupings(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the groupings the gazetteer does not know that the article names by a capitalized name with a
    grouping word next to their summit or their leaders (:data:`_GROUPING_BEFORE`, :data:`_GROUPING_AFTER`): that
    name, and every later mention of it, point at an entry made for the article.  A country, city or demonym
    inside the name is part of it ("the Indian Ocean Rim Cooperation Council"); an organization or a person
    is not (a known body's own name stays the known body)."""
    blocking = [(m.start, m.end) for m in mentions if m.type in ("organization", "person", "agency")]
    anything = [(m.start, m.end) for m in mentions]
    names: dict[str, None] = {}  # (an ordered set)
    for noun in _SUMMIT_OR_LEADERS.finditer(text):
        acronym = _ACRONYM_BEFORE.search(text, max(0, noun.start() - 20), noun.end())
        if (
            acronym is not None
            and acronym.end() == noun.end()
            and not _NOT_GROUPINGS.fullmatch(acronym.group("name"))
            and f"({acronym.group('name')})" not in text  # defined by the article: its full name (_defined_formats)
            and not _overlaps(anything, acronym.start("name"), acronym.end("name"))
        ):
            names.setdefault(acronym.group("name"))  # (any known name inside blocks it)
        lo = max(0, noun.start() - 120)
        if not _GROUPING_WORD_BEFORE.search(text, max(0, noun.start() - 40), noun.start()) and not text.startswith(
            " of the ", noun.end()
        ):
            continue  # (cheap test first: no grouping word right before the noun, no "of the" after it)
        hits = [m for m in _GROUPING_BEFORE.finditer(text, lo, noun.end()) if m.end() == noun.end()] + [
            m for m in [_GROUPING_AFTER.match(text, noun.start())] if m is not None
        ]
        for m in hits:
            if _in_a_title_case_line(text, m.start("name")):
                continue  # a headline's capitals ("Leaders Meet For Craiova Group Summit") do not delimit a name
            name = _LEAD_WORDS.sub("", m.group("name"))
            start = m.end("name") - len(name)
            words = name.split()
            if (
                len(words) < 2
                or any(w.endswith(("'s", "’s")) or w in _FUNCTION_WORDS or _DAY_OR_MONTH.fullmatch(w) for w in words)
                or _overlaps(blocking, start, m.end("name"))
            ):
                continue
            names.setdefault(name)
    if not names:
        return mentions
    added: list[Mention] = []
    for name in names:  # every mention of the name, before the one that showed it too ("The Craiova Group met ...")
        target = Target("organization", name, Entry(None, "organization", name, ()))
        for f in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if not _overlaps(blocking, f.start(), f.end()):
                added.append(Mention(f.start(), f.end(), f.group(), target))
                blocking.append((f.start(), f.end()))
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda x: x.start)


_FUNCTION_WORDS = frozenset(
    {
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "At",
        "In",
        "On",
        "Of",
        "For",
        "By",
        "And",
        "But",
        "Or",
        "With",
        "From",
        "To",
        "As",
        "Its",
        "Their",
        "His",
        "Her",
        "Our",
        "Both",
        "All",
        "Former",
        "New",
        "Next",
        "Last",
        "When",
        "While",
    }
)
_PREV_WORD = re.compile(r"([A-Z][a-z]+)(?:[ \t]+and)?[ \t]+$")  # also "the AU Peace and Security Council"


def _tail_of_longer_name(text: str, m: Mention) -> bool:
    """An organization matched by one of its looser aliases ("Security Council") right
    after another capitalized word ("the CSTO Collective Security Council") is the end
    of some other body's name, not that organization."""
    if m.type != "organization" or m.target.entry is None:
        return False
    entry = m.target.entry
    surface = m.text.casefold()
    if surface in (entry.name.casefold(), (entry.acronym or "").casefold()) or m.text.isupper():
        return False
    pm = _PREV_WORD.search(text, max(0, m.start - 30), m.start)
    if pm is not None and " and" in pm.group() and len(m.text.split()) > 2:
        return False  # "the ASEAN Secretariat and Asia Pacific Economic Cooperation": two names
    return pm is not None and pm.group(1) not in _FUNCTION_WORDS


_PREV_NAME_WORD = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)[ \t]+$")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of a title, modifier or honorific ("Minister", "Deputy", "Sheikh"): no word of a name."""
    v = vocab()
    words = {w for role in v["role_heads"] + v["role_modifiers"] + v["honorifics"] for w in role.split()}
    return frozenset(words | {"Comrade", "General", "Marshal", "Excellency", "Majesty", "Highness"})


def _name_word_before(text: str, start: int, openers: str) -> re.Match[str] | None:
    """The capitalized word right before ``start`` when it may open a longer name: no function
    word, title, month or weekday, and not a sentence's first word (after one of ``openers``)."""
    pm = _PREV_NAME_WORD.search(text, max(0, start - 30), start)
    if pm is None:
        return None
    word = pm.group(1)
    if word in _FUNCTION_WORDS or word in title_words() or word.lower() in MONTHS or word.lower() in WEEKDAYS:
        return None
    prior = text[max(0, pm.start() - 3) : pm.start()].rstrip()
    return pm if prior and prior[-1] not in openers else None


def _end_of_another_name(text: str, m: Mention) -> bool:
    """A person matched by a one-word alias ("Xi") right after a capitalized word that is no
    title ("represented by Li Xi") is the end of someone else's name; a sentence's first word
    ("Yesterday Xi said") and a date's ("Monday") are no name."""
    if m.type != "person" or " " in m.text or m.target.entry is None or m.text == m.target.entry.name:
        return False
    pm = _name_word_before(text, m.start, ".!?:;\"“‘'’(")
    if pm is None:
        return False
    entry = m.target.entry
    # "Gurbanguly Berdimuhamedov": the person's own given name, another spelling after it
    return not any(pm.group(1) in surface.split() for surface in (entry.name, *entry.aliases))


def _city_in_a_longer_name(text: str, m: Mention, before: Mention | None) -> bool:
    """A one-word city right after a capitalized word that is no other name, no function word and
    no sentence's first word is the end of a longer name: "Camp David" holds no David (Panama)."""
    if m.type != "city" or " " in m.text or not m.text[:1].isupper():
        return False
    if m.text.isupper():
        return _dateline_in_capitals(text, m)
    if _PERSON_NAMED_PLACE.match(text, m.end):
        return True  # "the Nelson Mandela Hall": a place named after a person, no Nelson (New Zealand)
    if _REGION_AFTER.match(text, m.end):
        return True  # "the Gaza Strip", "the Sinai Peninsula": a region named like a city, not the city
    pm = _name_word_before(text, m.start, ".!?:;(")
    return pm is not None and (before is None or before.end < pm.start())


# a surname, then what is named after the person ("Nelson Mandela Hall"; not "Astana International Airport")
_PERSON_NAMED_PLACE = re.compile(
    r"\s+(?!(?:International|National|Convention|Conference|Congress|Expo|Olympic|Central|City|State|Grand|"
    r"Royal|Presidential|Independence)\b)[A-Z][a-z]+\s+(?:Hall|Centre|Center|Stadium|Airport|Avenue|Street|Square|"
    r"Bridge|Road|University|Hospital|Museum|Library|Foundation|Prize|Award|School|Institute|Park|Boulevard)\b"
)
_REGION_AFTER = re.compile(r"\s+(?:Strip|Peninsula|Valley|Basin|Corridor|Delta|Governorate|Province|Region)\b")
_CAPITALS_BEFORE = re.compile(r"(?:^|\n)[ \t]*([A-Z]{2,})[ \t]+$")


def _dateline_in_capitals(text: str, m: Mention) -> bool:
    """A dateline in capitals whose place has two words, the first no title or function word:
    "CAMP DAVID, Maryland" holds no David (Panama)."""
    if not text.startswith(",", m.end):
        return False
    pm = _CAPITALS_BEFORE.search(text, max(0, m.start - 30), m.start)
    if pm is None:
        return False
    word = pm.group(1).title()
    return word not in _FUNCTION_WORDS and word not in title_words()


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _body_of_a_country(text: str, m: Mention, found: list[Mention], i: int) -> bool:
    """An organization matched by a looser alias and followed by "of COUNTRY" is that
    country's body: "the Security Council of the Russian Federation" is no UN body."""
    if m.type != "organization" or m.target.entry is None or i + 1 >= len(found):
        return False
    entry = m.target.entry
    if m.text.casefold() in (entry.name.casefold(), (entry.acronym or "").casefold()):
        return False
    nxt = found[i + 1]
    gap = _OF_THE.match(text, m.end)
    return nxt.type == "country" and gap is not None and gap.end() == nxt.start


def near_keywords(
    rx: re.Pattern[str], text: str, keyword: re.Pattern[str], before: int = 90, after: int = 90
) -> list[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match contains a hit of a cheap
    ``keyword`` pattern ("Hall", "Sea", "Initiative") and is shorter than ``before`` /
    ``after`` around it: the pattern, which may start anywhere, then runs only on a few
    small windows instead of the whole text."""
    windows: list[list[int]] = []
    for k in keyword.finditer(text):
        ws, we = max(0, k.start() - before), min(len(text), k.end() + after)
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = we
        else:
            windows.append([ws, we])
    out: list[re.Match[str]] = []
    for ws, we in windows:
        out.extend(rx.finditer(text, ws, we))
    return out
