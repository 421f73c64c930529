"""Places named in the text: gazetteer countries and cities (not demonyms, not names
inside organization or document names), the dateline city, provinces and republics
("Shandong Province", "Republic of Tatarstan"), and venues ("Palace of Independence")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .context import CAP_WORD, Context

_DOC_AFTER = re.compile(r"^\s*(?:Declaration|Charter|Treaty|Convention|Statement|Agreement|Initiative|Process|Format|Group|Times|International)\b")


@dataclass
class Place:
    name: str
    type: str
    country: str | None = None
    offsets: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "region": re.compile(rf"(?<![\w-])(?P<name>(?:the\s+)?Republic of {CAP_WORD}|{CAP_WORD}\s+(?:Province|Region|Oblast|Prefecture|Governorate|Krai|Autonomous Region))(?![\w-])"),
        "venue": re.compile(rf"(?<![\w-])(?P<name>(?:{CAP_WORD}\s+){{0,3}}(?:Palace|Plaza|Hall|Stadium|Hotel|Congress Centre|Congress Center|Convention Centre|Convention Center|Expo Centre|Expo Center|Resort|Square)(?:\s+of\s+(?:the\s+)?{CAP_WORD}(?:\s+{CAP_WORD})*)?)(?![\w-])"),
    }


def find_places(ctx: Context, dateline: tuple[str | None, str | None, int | None] = (None, None, None)) -> list[Place]:
    pats = _patterns()
    text = ctx.text
    places: dict[str, Place] = {}

    def add(name: str, type: str, offset: int, country: str | None = None) -> None:
        p = places.get(name)
        if p is None:
            p = places[name] = Place(name, type, country)
        if p.country is None and country:
            p.country = country
        p.offsets.append(offset)

    for m in ctx.mentions:
        if m.type == "country":
            if ctx.gazetteer.country(m.text) is None and m.text != m.name and " " not in m.text:
                pass
            add(m.name, "country", m.start)
        elif m.type == "city":
            if _DOC_AFTER.match(text[m.end:m.end + 20]):
                continue
            add(m.name, "city", m.start, ctx.country_name(m.target.entry.country))
    city, country, off = dateline
    if city and off is not None:
        add(city, "city", off, country)
    for m in pats["region"].finditer(text):
        name = re.sub(r"^the\s+", "", m.group("name"))
        if ctx.mentions_in(m.start("name"), m.end("name"), ("country", "organization")):
            continue
        add(name, "region", m.start("name"))
    for m in pats["venue"].finditer(text):
        name = m.group("name")
        if len(name.split()) < 2:
            continue
        add(name, "venue", m.start("name"))
    return list(places.values())
