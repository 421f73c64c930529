"""The offline gazetteer: countries, cities, organizations and people with Wikidata QIDs.

The data is the bundled ``kg/data/gazetteer.json``, written by
``scripts/build_gazetteer.py`` from public-domain tables and the curated files in
``kg/data/curated/``.  This module only reads it and answers look-ups:

* :func:`normalize_name` is the one normalization used for every match (case,
  accents, punctuation, hyphens, the word "the", Organisation/Organization).
* :class:`Gazetteer` indexes entries by normalized alias, QID, ISO code and demonym.
* :func:`default_gazetteer` loads the bundled file once per process.

Look-ups return every matching entry; choosing among several is the linker's job
(``kg.linking.linker``), not this module's.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

TYPES = ("country", "city", "organization", "person")

# Letters that NFKD does not decompose into a base letter + combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "’": "'",
        "‘": "'",
        "ʻ": "'",
        "ʼ": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
    }
)

# British -> American spellings that occur in organization names, word by word.
_SPELLING = {
    "organisation": "organization",
    "organisations": "organizations",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "defence": "defense",
    "labour": "labor",
    "co-operation": "cooperation",
}

_DROP = re.compile(r"[.'\"]")  # removed outright: "U.S." -> "us", "People's" -> "peoples"
_SPLIT = re.compile(r"[^\w]+|_")  # everything else that is not a letter/digit separates words


@functools.lru_cache(maxsize=1 << 16)  # the linker and extractor ask for the same names again and again
def normalize_name(text: str, *, join_hyphens: bool = True) -> str:
    """Return the match key of a name.

    Case, accents, apostrophes, periods, hyphens (``G-20`` = ``G20``,
    ``Nur-Sultan`` = ``Nursultan``), other punctuation, the word "the" and
    British/American spelling (Organisation/Organization) are ignored; ``&`` is
    "and".  Non-Latin scripts are kept (case-folded).
    """
    # casefold first, so that the table below needs only lower-case letters
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    words: list[str] = []
    for word in text.split():
        word = _SPELLING.get(word, word)
        word = _DROP.sub("", word)
        if join_hyphens:
            word = word.replace("-", "")
        words.extend(w for w in _SPLIT.split(word) if w)
    return " ".join(_SPELLING.get(w, w) for w in words if w != "the")


def _index_keys(form: str) -> set[str]:
    """The keys a surface form is indexed under: hyphens joined and split, so that
    "Alma-Ata" is found as "Almaata", "Alma-Ata" and "Alma Ata"."""
    return {normalize_name(form), normalize_name(form, join_hyphens=False)} - {""}


@dataclass(frozen=True)
class Office:
    """A position a person held: ``role`` is a category (``head_of_state``,
    ``head_of_government``, ``secretary_general``...), ``title`` its English name;
    ``start``/``end`` are ISO dates (``end`` None = still in office as of the data)."""

    role: str
    title: str = ""  # "" where the data gives no title
    country: str | None = None
    start: str | None = None
    end: str | None = None

    def held_on(self, date: str | None) -> bool:
        """True when the office was held on ``date`` (an ISO date or prefix; None = any time)."""
        if not date:
            return True
        # Compare on the common prefix so "2019" or "2019-06" work against full dates.
        if self.start and date < self.start[: len(date)]:
            return False
        return not (self.end and date > self.end[: len(date)])


@dataclass(frozen=True)
class Entry:
    """One gazetteer entity.  ``qid`` may be None for names we know but could not verify."""

    qid: str | None
    type: str  # "country" | "city" | "organization" | "person"
    name: str
    aliases: tuple[str, ...]
    country: str | None = None
    population: int | None = None
    acronym: str | None = None
    members: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    capital: bool = False
    international: bool = False  # organizations: an intergovernmental organization
    iso2: str | None = None
    iso3: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name, the acronym and the aliases, without duplicates, in that order."""
        forms = [self.name] + ([self.acronym] if self.acronym else []) + list(self.aliases)
        return tuple(dict.fromkeys(forms))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        """Build an entry from its compact JSON form (absent keys take the defaults)."""
        return cls(
            qid=data.get("qid"),
            type=data["type"],
            name=data["name"],
            aliases=tuple(data.get("aliases", ())),
            country=data.get("country"),
            population=data.get("population"),
            acronym=data.get("acronym"),
            members=tuple(data.get("members", ())),
            demonyms=tuple(data.get("demonyms", ())),
            offices=tuple(Office(**o) for o in data.get("offices", ())),
            capital=bool(data.get("capital", False)),
            international=bool(data.get("international", False)),
            iso2=data.get("iso2"),
            iso3=data.get("iso3"),
        )


class Gazetteer:
    """Entries indexed for exact (normalized) look-up.  Immutable after construction."""

    def __init__(self, entries: Iterable[Entry], meta: Mapping[str, Any] | None = None) -> None:
        self._entries: tuple[Entry, ...] = tuple(entries)
        self.meta: dict[str, Any] = dict(meta or {})
        self._by_key: dict[str, list[Entry]] = {}
        self._by_qid: dict[str, Entry] = {}
        self._by_code: dict[str, Entry] = {}
        self._by_demonym: dict[str, list[Entry]] = {}
        for entry in self._entries:
            for form in entry.surface_forms:
                for key in _index_keys(form):
                    bucket = self._by_key.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
            if entry.qid:
                self._by_qid.setdefault(entry.qid, entry)
            if entry.type == "country":
                for code in (entry.iso2, entry.iso3):
                    if code:
                        self._by_code[code.upper()] = entry
                for word in entry.demonyms:
                    bucket = self._by_demonym.setdefault(normalize_name(word), [])
                    if entry not in bucket:
                        bucket.append(entry)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Gazetteer:
        """Build a gazetteer from the parsed ``gazetteer.json`` document."""
        return cls((Entry.from_json(e) for e in data["entries"]), data.get("meta"))

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, name: str, type: str | None = None) -> list[Entry]:
        """Every entry one of whose surface forms equals ``name`` after normalization,
        optionally only of one ``type``; most populous first, then by name."""
        found = self._by_key.get(normalize_name(name), [])
        if type is not None:
            found = [e for e in found if e.type == type]
        return sorted(found, key=lambda e: (-(e.population or 0), e.name, e.qid or ""))

    def by_qid(self, qid: str) -> Entry | None:
        """The entry with this QID, or None."""
        return self._by_qid.get(qid.strip().upper())

    def country(self, code_or_name: str) -> Entry | None:
        """A country by ISO 3166-1 alpha-2 or alpha-3 code (exactly 2 or 3 capital
        letters) or by any of its names; None when unknown or ambiguous."""
        text = code_or_name.strip()
        if re.fullmatch(r"[A-Z]{2,3}", text) and text in self._by_code:
            return self._by_code[text]
        found = self.lookup(text, "country")
        if len(found) == 1:
            return found[0]
        if not found and re.fullmatch(r"[A-Za-z]{2,3}", text):
            return self._by_code.get(text.upper())
        return None

    def country_for_demonym(self, word: str) -> Entry | None:
        """The country of a demonym or adjective ("Kazakh", "Chinese"); None when
        unknown or shared by several countries ("Congolese", "Dominican")."""
        found = self._by_demonym.get(normalize_name(word), [])
        return found[0] if len(found) == 1 else None

    def entries(self, type: str | None = None) -> Iterator[Entry]:
        """All entries, or those of one type, in file order."""
        return (e for e in self._entries if type is None or e.type == type)

    def surface_forms(self, type: str | None = None) -> Iterator[tuple[str, Entry]]:
        """(surface form, entry) pairs for building matchers: every name, acronym and
        alias as written in the data (not normalized).  Demonyms are not included;
        use ``Entry.demonyms`` for those."""
        for entry in self.entries(type):
            for form in entry.surface_forms:
                yield form, entry


def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load a gazetteer JSON file (default: the one bundled in the package)."""
    if path is None:
        text = resources.files("kg").joinpath("data", "gazetteer.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return Gazetteer.from_json(json.loads(text))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return load_gazetteer()


@dataclass(frozen=True)
class OrgRow:
    """One row of ``kg/data/extract/organizations.csv``: an intergovernmental organization
    or forum that holds summits and is not in the gazetteer."""

    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    qid: str | None
    summit_bodies: tuple[str, ...]


def _bar_list(value: str | None) -> tuple[str, ...]:
    """The non-empty items of a "|"-separated table cell, stripped."""
    return tuple(x.strip() for x in (value or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def organization_table() -> tuple[OrgRow, ...]:
    """The bundled table of summit-holding organizations (see its provenance note)."""
    raw = resources.files("kg").joinpath("data", "extract", "organizations.csv").read_text(encoding="utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(raw)):
        rows.append(
            OrgRow(
                name=r["name"].strip(),
                acronym=(r["acronym"] or "").strip() or None,
                aliases=_bar_list(r["aliases"]),
                qid=(r["qid"] or "").strip() or None,
                summit_bodies=_bar_list(r["summit_bodies"]),
            )
        )
    return tuple(rows)


#: Acronyms of rows of the extractor's organization table that name something else at least as
#: often (the International Olympic Committee, an English word, the island of Guam, a food additive).
_AMBIGUOUS_ACRONYMS = frozenset({"CAN", "GUAM", "IOC", "MSG"})


@lru_cache(maxsize=1)
def table_organizations() -> tuple[Entry, ...]:
    """The organizations of :func:`organization_table` that have a Wikidata QID: more
    summit-holding bodies than the gazetteer lists, for the linker to fall back on.  An acronym
    that names something else as often is left out."""
    return tuple(
        Entry(
            qid=row.qid,
            type="organization",
            name=row.name,
            aliases=row.aliases,
            acronym=None if row.acronym in _AMBIGUOUS_ACRONYMS else row.acronym,
            international=True,
        )
        for row in organization_table()
        if row.qid
    )


def organization_key_name(name: str, qid: str | None = None) -> str | None:
    """The name the bundled data keys one organization by, found by its QID or any of its names (full
    name, alias, acronym): its acronym, else its name; the gazetteer's entries, then the extractor's
    table's.  None when it knows none, or several by that name.  So "IGAD" and "Intergovernmental
    Authority on Development", "Union State" and "Union State of Russia and Belarus" are one
    organization wherever either is written."""
    keys = _organization_keys()
    return keys.get(qid or "") or keys.get(normalize_name(name))


@lru_cache(maxsize=1)
def _organization_keys() -> dict[str, str]:
    """QIDs and normalized names -> key name (see :func:`organization_key_name`); a name two
    organizations share is left out."""
    by_key: dict[str, set[str]] = {}
    rows: list[Entry | OrgRow] = [*default_gazetteer().entries("organization"), *organization_table()]
    for row in rows:
        acronym = row.acronym if row.acronym not in _AMBIGUOUS_ACRONYMS else None  # not a key: it may be another
        for key in (row.qid, *(normalize_name(n) for n in (row.name, acronym, *row.aliases) if n)):
            if key:
                by_key.setdefault(key, set()).add(row.acronym or row.name)
    return {key: next(iter(names)) for key, names in by_key.items() if len(names) == 1}
