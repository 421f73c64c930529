"""Places named in the text: gazetteer countries and cities (not demonyms, not names
inside organization or document names), the dateline city, provinces and republics
("Shandong Province", "Republic of Tatarstan"), and venues ("Palace of Independence")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .context import CAP_WORD, OTHER_PLACES, Context, near_keywords
from .lexicon import alternation, fold_key, government_seats, vocab

_DOC_AFTER = re.compile(
    r"^\s*(?:Declaration|Charter|Treaty|Convention|Statement|Agreement|"
    r"Initiative|Process|Format|Group|Times|International)\b"
)


@dataclass
class Place:
    name: str
    type: str
    country: str | None = None
    offsets: list[int] = field(default_factory=list)
    #: other names the article writes it by ("Chinese Taipei", "Gaza" for the gazetteer's "Gaza City")
    aliases: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "region": re.compile(
            rf"(?<![\w-])(?P<name>(?:the[ \t]+)?Republic of {CAP_WORD}(?:[ \t]+{CAP_WORD})?"
            rf"|{CAP_WORD}[ \t]+(?:Province|Region|Oblast|Prefecture|Governorate|Krai|Autonomous Region))(?![\w-])"
        ),
        "venue": re.compile(
            rf"(?<![\w-])(?P<name>(?:(?:{CAP_WORD}|[A-Z]\.)[ \t]+){{0,4}}(?:Palace|Plaza|Hall|Stadium|Hotel|"
            rf"Congress Centre|Congress Center|Convention Centre|Convention Center|Expo Centre|Expo Center|"
            rf"Conference Centre|Conference Center|Exhibition Centre|Exhibition Center|Airport|Villa|"
            rf"Resort|Square)(?:[ \t]+of[ \t]+(?:the[ \t]+)?{CAP_WORD}(?:[ \t]+{CAP_WORD})*)?)(?![\w-])"
        ),
        "sea_kw": re.compile(r"\b(?:Sea|Ocean|Gulf|Strait|Peninsula|Bay)\b"),
        "region_kw": re.compile(r"\b(?:Republic|Province|Region|Oblast|Prefecture|Governorate|Krai)\b"),
        "venue_kw": re.compile(r"\b(?:Palace|Plaza|Hall|Stadium|Hotel|Cent(?:re|er)|Resort|Square|Airport|Villa)\b"),
        "venue_lower_kw": re.compile(r"\b(?:centre|center|hall|complex)\b"),
        "sea": re.compile(
            rf"(?<![\w-])(?P<name>(?:{CAP_WORD}[ \t]+){{1,3}}(?P<what>Sea|Ocean|Gulf|Strait|Peninsula|Bay))(?![\w-])"
        ),
        "macro": re.compile(r"(?<![\w-])" + alternation(vocab()["regions"]) + r"(?![\w-])"),
        "org_after": re.compile(
            r"\s+(?:[A-Z][\w-]*\s+){0,3}"
            r"(?:Organization|Organisation|Cooperation|Council|Forum|Bank|Union|Programme|Program|Initiative)\b"
        ),
        "region_of": re.compile(
            rf"\b(?P<what>region|province|island|state|prefecture|oblast|emirate)\s+of\s+"
            rf"(?P<name>{CAP_WORD}(?:\s+{CAP_WORD})?)(?![\w-])"
        ),
        "venue_lower": re.compile(
            rf"(?<![\w-])(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}})\s+"
            rf"(?:convention|exhibition|congress|conference|expo|international)\s+(?:centre|center|hall|complex)\b"
        ),
    }


def find_places(
    ctx: Context,
    dateline: tuple[str | None, str | None, int | None] = (None, None, None),
    people_spans: Sequence[tuple[int, int]] = (),
) -> list[Place]:
    """``people_spans``: where person names are, so "David" in "David Brunnstrom" is
    no city."""
    pats = _patterns()
    text = ctx.text
    places: dict[tuple[str, bool], Place] = {}
    # spans that hide the names inside them: seas and regions ("South China Sea"), people
    hidden: list[tuple[int, int]] = list(people_spans)
    regions: list[tuple[str, str, int]] = []
    for m in near_keywords(pats["sea"], text, pats["sea_kw"]):
        if ctx.mentions_in(m.start("name"), m.end("name"), ("organization",)):
            continue
        lead = re.match(r"(?:(?:The|In|On|At|Of|And|For|To|From|With|By|Near|Across|Over)\s+)+", m.group("name"))
        start = m.start("name") + (lead.end() if lead else 0)
        demonym = ctx.mention_at(start, "demonym")
        rest = text[demonym.end : m.end("name")] if demonym is not None else ""
        if len(rest.split()) >= 2 and ctx.mention_at(start, "country") is None:
            # "the Saudi Red Sea city of Jeddah": the Red Sea (but the Irish Sea, the Indian Ocean)
            start = m.end("name") - len(rest.lstrip())
        if len(text[start : m.end("name")].split()) < 2:
            continue
        regions.append((re.sub(r"\s+", " ", text[start : m.end("name")]), m.group("what").lower(), start))
        hidden.append((start, m.end("name")))
    for m in pats["macro"].finditer(text):
        near = ctx.mentions_in(max(0, m.start() - 80), m.end() + 80, ("organization", "country", "city"))
        if any(o.start <= m.start() < o.end and (o.type == "organization" or m.end() <= o.end) for o in near):
            continue  # inside a name: "the African Union", "South Africa" (but "Gaza" starts "the Gaza Strip")
        if pats["org_after"].match(text, m.end()):
            continue  # "Central Asia Regional Economic Cooperation": an organization's name
        regions.append((re.sub(r"\s+", " ", m.group()), "region", m.start()))
        hidden.append((m.start(), m.end()))

    def is_hidden(start: int) -> bool:
        return any(s <= start < e for s, e in hidden)

    def add(name: str, type: str, offset: int, country: str | None = None, written: str | None = None) -> None:
        key = (name, type == "city")  # the city of Djibouti and the country are two places
        p = places.get(key)
        if p is None:
            p = places[key] = Place(name, type, country)
        if p.country is None and country:
            p.country = country
        p.offsets.append(offset)
        if written and _plain(written) != _plain(name) and written not in p.aliases:
            p.aliases.append(written)

    for name, kind, off in regions:
        add(name, kind, off)
    # a region's first word alone is that region, not a town of that name, in an article naming the region
    short_for = {name.split()[0]: name for name, kind, _ in regions if kind == "region" and " " in name}
    for m in OTHER_PLACES.finditer(text):  # "Northern Ireland", "the Turkish Republic of Northern Cyprus"
        add(m.group(), "region", m.start())
        hidden.append((m.start(), m.end()))
    for mention in ctx.mentions:
        if mention.type in ("country", "city") and is_hidden(mention.start):
            continue
        if mention.type == "country":
            if ctx.gazetteer.country(mention.text) is None and mention.text != mention.name and " " not in mention.text:
                pass
            add(mention.name, "country", mention.start, written=mention.text)
        elif mention.type == "city":
            if _DOC_AFTER.match(text[mention.end : mention.end + 20]):
                continue
            region = short_for.get(mention.text)
            if region is not None:
                add(region, "region", mention.start)  # "a ceasefire in Gaza", where the Gaza Strip is named
                continue
            add(mention.name, "city", mention.start, ctx.country_name(mention.target.entry.country), mention.text)
    for m in _COMPOUND.finditer(text):  # "the Moscow-led bloc", "a Geneva-based group"
        words = m.group("name").split(" ")
        for name in dict.fromkeys((" ".join(words), words[-1])):  # "The Moscow-led": its last word
            at = m.end("name") - len(name)
            if is_hidden(at) or ctx.mentions_in(at, m.end("name"), ("country", "city")):
                break
            found = ctx.gazetteer.country(name)
            cities = [e for e in ctx.lookup(name, "city") if e.name == name]
            if found is not None:
                add(found.name, "country", at)
            elif len(cities) == 1:
                add(name, "city", at, ctx.country_name(cities[0].country))
            else:
                continue
            break
    city, country, dateline_at = dateline
    if city and dateline_at is not None:
        add(city, "city", dateline_at, country)
    for m in near_keywords(pats["region"], text, pats["region_kw"]):
        name = re.sub(r"^the\s+", "", m.group("name"))
        if (
            ctx.mentions_in(m.start("name"), m.end("name"), ("country", "organization"))
            or _inside_mention(ctx, m.start("name"))
            or is_hidden(m.start("name"))
        ):
            continue  # "Republic of Pakistan" inside "the Islamic Republic of Pakistan"
        add(name, "region", m.start("name"))
    for m in pats["region_of"].finditer(text):  # "the southern region of Apulia", "the island of Bali"
        if ctx.mentions_in(m.start("name"), m.end("name"), ("country", "organization", "person")):
            continue
        add(m.group("name"), m.group("what").lower(), m.start("name"))
    for m in near_keywords(pats["venue"], text, pats["venue_kw"], after=120):
        name = m.group("name")
        if len(name.split()) < 2:
            continue
        add(name, "venue", m.start("name"))
    for m in near_keywords(
        pats["venue_lower"], text, pats["venue_lower_kw"]
    ):  # "the newly built Bharat Mandapam convention centre"
        inside = ctx.mentions_in(m.start("name"), m.end("name"))
        if any(x.start == m.start("name") and x.end == m.end("name") for x in inside) or any(
            x.type in ("person", "organization") for x in inside
        ):
            continue
        add(m.group("name"), "venue", m.start("name"))
    for name, at, building in government_seats(text):  # "at the White House" (but "the White House said": an office)
        if building:
            add(name, "venue", at)
    return list(places.values())


# a place inside a compound adjective: "Moscow-led", "Geneva-based", "Qatar-brokered"
_COMPOUND = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][\w'’]+(?: [A-Z][\w'’]+)?)-(?:led|based|backed|headquartered|hosted|brokered|"
    r"sponsored|mediated|dominated)\b"
)


@lru_cache(maxsize=4096)
def _plain(name: str) -> str:
    """``name`` without case, accents, punctuation or spaces: "U.S." and "US" are one written form."""
    return re.sub(r"\W+", "", fold_key(name))


def _inside_mention(ctx: Context, pos: int) -> bool:
    """Whether a country or organization mention starts before ``pos`` and covers it."""
    near = ctx.mentions_in(max(0, pos - 40), pos + 200, ("country", "organization"))
    return any(m.start < pos < m.end for m in near)
