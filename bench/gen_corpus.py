"""Generate a synthetic corpus of summit news articles, for scale runs and tests.

    python bench/gen_corpus.py OUT_DIR --n 1000 [--kind facts|text] [--seed 1]

``--kind facts`` writes facts JSON v1 files (``docs/FACTS-SCHEMA.md``) with an ``article``
block (url, title, publisher, published, language, text) and evidence offsets into that
text; ``--kind text`` writes the same articles as plain text pasted from a news page
(headline, a "(Publisher) HH:MM, Month D, YYYY" line, body sentences) for the reader and
the extractor.  Every name (organizations, countries, capitals, leaders) comes from the
bundled gazetteer, chosen so that it links: leaders hold their office on the article's
date, cities and countries are not ambiguous.

Deterministic: article ``i`` depends only on ``(seed, i)``, so ``generate(10)`` is the
start of ``generate(1000)``; each article has its own URL (and so its own named graph)
and its own text.  Importable: ``generate(n, kind, seed)`` yields ``(file name, bytes)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.linking.gazetteer import Entry, Gazetteer, default_gazetteer
from kg.rdf.iris import slugify
from kg.web.pages import MONTHS

KINDS = ("facts", "text")
#: gazetteer groupings that do not hold summits of their own
NOT_SUMMITS = frozenset({"FVEY", "ANZUS", "AUKUS", "UNSC"})

PUBLISHERS = (
    "Example Wire",
    "Summit Daily",
    "Steppe Herald",
    "Silk Road Times",
    "Global Desk",
    "Morning Ledger",
    "Capital Post",
)
TOPICS = (
    "counter-terrorism",
    "food security",
    "energy cooperation",
    "trade and investment",
    "regional security",
    "climate change",
    "digital connectivity",
    "public health",
    "transport corridors",
    "cultural exchange",
)
FIRST = (
    "Anna",
    "Marat",
    "Olga",
    "Timur",
    "Leila",
    "Sergei",
    "Aigerim",
    "Rustam",
    "Mei",
    "Ravi",
    "Dilnoza",
    "Bakyt",
    "Elena",
    "Farid",
    "Zhanna",
)
LAST = (
    "Petrova",
    "Iskakov",
    "Sokolova",
    "Nurlanov",
    "Karimova",
    "Orlov",
    "Bekova",
    "Saidov",
    "Lin",
    "Sharma",
    "Yusupova",
    "Asanov",
    "Volkova",
    "Rahimi",
    "Tulegenova",
)
NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
FIRST_DAY = dt.date(2005, 1, 1)
DAYS = (dt.date(2030, 12, 31) - FIRST_DAY).days


# ----------------------------------------------------------------------------- name pools


@dataclass(frozen=True)
class Pools:
    """The gazetteer entries articles are made of, each one that links on its own."""

    orgs: tuple[tuple[Entry, tuple[str, ...]], ...]  # (organization, ISO2 of usable members)
    countries: dict[str, Entry]  # ISO2 -> country
    capitals: dict[str, Entry]  # ISO2 -> capital city
    leaders: dict[str, tuple[Entry, ...]]  # ISO2 -> people with an office of that country
    outsiders: tuple[str, ...]  # ISO2 of usable countries, for new members


def _unique(gaz: Gazetteer, entry: Entry) -> bool:
    return [e.qid for e in gaz.lookup(entry.name, entry.type)] == [entry.qid]


@lru_cache(maxsize=4)
def pools(gaz: Gazetteer | None = None) -> Pools:
    gaz = gaz or default_gazetteer()
    countries = {e.iso2: e for e in gaz.entries("country") if e.qid and e.iso2 and _unique(gaz, e)}
    capitals: dict[str, Entry] = {}
    for city in gaz.entries("city"):
        plain = city.name.replace(" ", "").replace("-", "").isalpha()  # no "Washington, D.C."
        if city.capital and city.qid and plain and city.country in countries and _unique(gaz, city):
            best = capitals.get(city.country)
            if best is None or (city.population or 0) > (best.population or 0):
                capitals[city.country] = city
    usable = {code: countries[code] for code in capitals}
    orgs = []
    for org in gaz.entries("organization"):
        members = tuple(m for m in org.members if m in usable)
        if org.qid and org.acronym and org.acronym not in NOT_SUMMITS and len(members) >= 3 and _unique(gaz, org):
            orgs.append((org, members))
    leaders: dict[str, list[Entry]] = {}
    for person in gaz.entries("person"):
        if person.qid and _unique(gaz, person):
            for code in {o.country for o in person.offices if o.country}:
                leaders.setdefault(code, []).append(person)
    return Pools(
        orgs=tuple(orgs),
        countries=usable,
        capitals=capitals,
        leaders={k: tuple(v) for k, v in leaders.items()},
        outsiders=tuple(sorted(usable)),
    )


# ----------------------------------------------------------------------------- text with offsets


class _Text:
    """Article text built sentence by sentence, remembering where each sentence is."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def line(self, text: str) -> None:
        self.parts.append(text + "\n")
        self.size += len(text) + 1

    def sentence(self, text: str, *, end_paragraph: bool = True) -> dict[str, Any]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        sep = "\n\n" if end_paragraph else " "
        self.parts.append(sep)
        self.size += len(sep)
        return {"sentence": text, "start": start, "end": start + len(text)}

    def value(self) -> str:
        return "".join(self.parts).rstrip() + "\n"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ref(rng: random.Random, name: str, qid: str | None) -> Any:
    """A Ref as facts JSON allows it: a bare name or a name with its QID."""
    return {"name": name, "wikidata": qid} if qid and rng.random() < 0.6 else name


def _capacity(person: Entry, day: str) -> str | None:
    for office in person.offices:
        if office.held_on(day):
            return office.title.split(" of ")[0]
    return None


# ----------------------------------------------------------------------------- one article


def article(i: int, seed: int = 1, gaz: Gazetteer | None = None) -> tuple[str, dict[str, Any], str]:
    """Article ``i`` of the corpus of ``seed``: (slug, facts JSON v1, pasted-page text)."""
    p = pools(gaz)
    rng = random.Random(f"summit-kg corpus {seed} {i}")
    org, members = rng.choice(p.orgs)
    acr = org.acronym or org.name
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    end = day + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
    published = end.isoformat()
    ordinal = rng.randint(1, 60)
    host = rng.choice(members)
    city, country = p.capitals[host], p.countries[host]
    publisher = rng.choice(PUBLISHERS)
    slug = f"{slugify(publisher)}-{published}-{slugify(acr)}-{slugify(city.name)}-{seed}-{i:06d}"
    url = f"https://news.example.org/{day.year}/{day.month:02d}/{slug}"
    topic, topic2 = rng.sample(TOPICS, 2)

    attending = rng.sample(members, min(len(members), rng.randint(3, 6)))
    if host not in attending:
        attending[0] = host
    leaders = [
        (code, person) for code in attending for person in p.leaders.get(code, ()) if _capacity(person, published)
    ]
    rng.shuffle(leaders)
    speakers = leaders[: rng.randint(0, min(3, len(leaders)))]
    joining = [c for c in rng.sample(p.outsiders, 3) if c not in members][: rng.choice((0, 0, 1, 2))]
    declaration = f"{city.name} Declaration"

    title = rng.choice(
        (
            f"{acr} leaders adopt {declaration}",
            f"{acr} holds {_ordinal(ordinal)} summit in {city.name}",
            f"{org.name} summit in {city.name} focuses on {topic}",
        )
    )
    t = _Text()
    t.line(title)
    t.line(f"({publisher}) {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}, {_long_date(end)}")
    t.line("")

    s_open = t.sentence(
        f"The {_ordinal(ordinal)} summit of the {org.name} opened in {city.name}, {country.name} on {_long_date(day)}.",
        end_paragraph=False,
    )
    days = (end - day).days + 1
    s_attend = t.sentence(
        f"Leaders of {_listing([p.countries[c].name for c in attending])} attended the "
        f"{NUMBERS[days - 2] + '-day ' if days > 1 else ''}meeting."
    )
    people, participants = [], []
    for code, person in speakers:
        capacity = _capacity(person, published)
        s = t.sentence(
            f"{capacity} {person.name} of {p.countries[code].name} said the {acr} would "
            f"deepen cooperation on {rng.choice(TOPICS)}."
        )
        people.append(
            {
                "name": person.name,
                "role": capacity,
                "country": p.countries[code].name,
                "is_participant": True,
                "wikidata": person.qid,
                "evidence": [s],
            }
        )
        participants.append(
            {
                "country": _ref(rng, p.countries[code].name, p.countries[code].qid),
                "person": _ref(rng, person.name, person.qid),
                "capacity": capacity,
                "evidence": [s],
            }
        )
    for code in attending:
        if code not in {c for c, _ in speakers}:
            participants.append(
                {
                    "country": _ref(rng, p.countries[code].name, p.countries[code].qid),
                    "person": None,
                    "evidence": [s_attend],
                }
            )
    s_doc = t.sentence(f"The leaders adopted the {declaration} on {topic}.", end_paragraph=False)
    documents = [{"title": declaration, "kind": "declaration", "status": "adopted", "evidence": [s_doc]}]
    if rng.random() < 0.5:
        s = t.sentence(f"They also signed the {city.name} Action Plan on {topic2}.")
        documents.append({"title": f"{city.name} Action Plan", "kind": "plan", "status": "signed", "evidence": [s]})
    new_members = []
    if joining:
        names = [p.countries[c].name for c in joining]
        verb = "was" if len(names) == 1 else "were"
        s = t.sentence(
            f"{_listing(names)} {verb} admitted as {'a new member' if len(names) == 1 else 'new members'} of the {acr}."
        )
        new_members = [
            {"country": _ref(rng, p.countries[c].name, p.countries[c].qid), "status": "admitted", "evidence": [s]}
            for c in joining
        ]
    member_states: list[Any] = []
    if len(members) <= 12 and rng.random() < 0.5:
        names = [p.countries[c].name for c in members]
        t.sentence(f"The {acr} brings together {_listing(names)}.")
        member_states = [_ref(rng, p.countries[c].name, p.countries[c].qid) for c in members]
    if rng.random() < 0.6:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        s = t.sentence(
            f"{name}, a spokesperson for the foreign ministry of {country.name}, "
            f"told reporters the talks had been constructive."
        )
        people.append(
            {"name": name, "role": "spokesperson", "country": country.name, "is_participant": False, "evidence": [s]}
        )
    summits = [
        {
            "name": f"{_ordinal(ordinal)} summit of the {org.name}",
            "organization": _ref(rng, org.name, org.qid),
            "role": "main",
            "ordinal": ordinal,
            "kind": "summit",
            "host_city": _ref(rng, city.name, city.qid),
            "host_country": _ref(rng, country.name, country.qid),
            "start_date": day.isoformat(),
            "end_date": end.isoformat(),
            "evidence": [s_open],
        }
    ]
    places = [
        {
            "name": city.name,
            "type": "city",
            "country": _ref(rng, country.name, country.qid),
            "wikidata": city.qid,
            "evidence": [s_open],
        },
        {"name": country.name, "type": "country", "wikidata": country.qid, "evidence": [s_open]},
    ]
    if rng.random() < 0.5:
        nxt = rng.choice([c for c in members if c != host])
        year = end.year + 1
        s = t.sentence(f"The next summit will be held in {p.capitals[nxt].name}, {p.countries[nxt].name} in {year}.")
        summits.append(
            {
                "organization": acr,
                "role": "future",
                "ordinal": ordinal + 1,
                "host_city": p.capitals[nxt].name,
                "host_country": p.countries[nxt].name,
                "start_date": str(year),
                "end_date": None,
                "evidence": [s],
            }
        )
        places.append({"name": p.capitals[nxt].name, "type": "city", "country": p.countries[nxt].name, "evidence": [s]})
    text = t.value()

    facts = {
        "slug": slug,
        "article": {
            "url": url,
            "title": title,
            "publisher": publisher,
            "published": published,
            "language": "en",
            "text": text,
        },
        "summits": summits,
        "member_states": member_states,
        "observer_states": [],
        "new_members": new_members,
        "participants": participants,
        "documents": documents,
        "people": people,
        "organizations": [
            {"name": org.name, "acronym": org.acronym, "wikidata": org.qid, "evidence": [s_open]},
            {"name": publisher, "type": "news agency"},
        ],
        "places": places,
        "wikidata": {org.name: org.qid, city.name: city.qid, country.name: country.qid},
    }
    return slug, facts, text


def generate(n: int, kind: str = "facts", seed: int = 1) -> Iterator[tuple[str, bytes]]:
    """``n`` articles as ``(file name, UTF-8 bytes)``: facts JSON v1 (``.json``) or text (``.txt``)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for i in range(n):
        slug, facts, text = article(i, seed)
        if kind == "facts":
            yield slug + ".json", json.dumps(facts, ensure_ascii=False).encode("utf-8")
        else:  # a URL line on top, as a page saved with its address; the body as pasted
            yield slug + ".txt", f"url: {facts['article']['url']}\n\n{text}".encode()


def write(out_dir: str | Path, n: int, kind: str = "facts", seed: int = 1) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in generate(n, kind, seed):
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", metavar="OUT_DIR")
    parser.add_argument("--n", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--kind", choices=KINDS, default="facts", help="facts JSON v1 or pasted-page text")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must not be negative")
    started = time.perf_counter()
    paths = write(args.out_dir, args.n, args.kind, args.seed)
    print(
        f"wrote {len(paths)} {args.kind} articles to {args.out_dir} in {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
