"""Link names in extracted facts to Wikidata QIDs.

:class:`Linker` resolves one name of one expected type against the offline
gazetteer (and, only when one is injected, an online look-up); :func:`link_facts`
walks a facts JSON v1 document (``eval/FACTS-SCHEMA.md``) and returns a linked copy
plus a :class:`LinkReport`.

Rules (the report says which one applied):

* a name resolves only by exact (normalized) match of a known name or alias;
* several candidates are narrowed by the expected type, then for cities by the
  countries in context and then by a clear population lead, for people by the
  office held on the article's date and their country;
* a surname alone ("Aliyev", "President Tleuberdi") is a person's only while that
  person holds an office on the article's date -- any office-holder of the
  gazetteer, by the last word of the name, when the office's country is one the
  article is about -- and a title before it ("Foreign Minister") picks the office;
* whatever is still ambiguous, unknown, or known without a verified QID stays
  unlinked and is reported - never guessed.

Everything here is pure: no I/O except through the injected online look-up.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from kg.facts import COUNTRY_LISTS, MEMBER_ITEM_LISTS

from .gazetteer import Entry, Gazetteer, normalize_name, table_organizations

Status = Literal["linked", "ambiguous", "unlinked"]

QID_RE = re.compile(r"^Q[1-9][0-9]*$")

# A city must be this many times more populous than the next candidate to win on
# population alone (London, UK vs London, Ontario: 25x; Hyderabad IN vs PK: 4x).
POPULATION_LEAD = 10

# Most offline link results a Linker remembers.
MEMO_MAX = 1 << 16

# Expected types accepted by Linker.link; place types of facts map onto them.
ENTITY_TYPES = ("country", "city", "organization", "person")
PLACE_TYPES = {
    "city": "city",
    "capital": "city",
    "capital city": "city",
    "town": "city",
    "metropolis": "city",
    "municipality": "city",
    "host city": "city",
    "country": "country",
    "nation": "country",
    "sovereign state": "country",
}

# Words stripped from the front of a person's name ("Russian President Vladimir Putin").
# fmt: off
_TITLE_WORDS = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "first", "deputy", "foreign", "external",
    "affairs", "secretary", "general", "secretarygeneral", "chairman", "chairwoman", "chair", "king", "queen",
    "emir", "amir", "sheikh", "sheikha", "prince", "crown", "sultan", "his", "her", "majesty", "highness",
    "excellency", "mr", "mrs", "ms", "dr", "sir", "madam", "former", "late", "acting", "state", "counsellor",
    "councillor", "councilor", "supreme", "leader", "head", "of", "and", "un", "nato", "eu", "sco", "brics",
    "minister-president", "h", "e", "he",
}
# fmt: on


class OnlineSource(Protocol):
    """What the linker needs from an online source; ``kg.linking.wikidata.OnlineLookup`` is one."""

    def lookup(self, name: str, type: str) -> list[Entry]:
        """Entities of ``type`` one of whose labels/aliases equals ``name`` (normalized)."""
        ...  # pragma: no cover


@dataclass(frozen=True)
class LinkContext:
    """What the article tells about a name's surroundings.

    ``countries``: ISO2 codes of the countries the article is about; ``date``: the
    article's (or summit's) ISO date, for people's offices; ``host_country``: ISO2 of
    the main summit's host; ``country``: ISO2 of the country a person or place is
    said to belong to (per item).
    """

    countries: frozenset[str] = frozenset()
    date: str | None = None
    host_country: str | None = None
    country: str | None = None

    def with_country(self, iso2: str | None) -> LinkContext:
        return LinkContext(self.countries, self.date, self.host_country, iso2)


@dataclass(frozen=True)
class LinkResult:
    """The outcome of linking one name: ``qid`` is set only when ``status`` is "linked"."""

    qid: str | None
    status: Status
    candidates: tuple[Entry, ...] = ()
    reason: str = ""
    source: str = "gazetteer"  # "gazetteer" | "online" | "given"


class Linker:
    """Resolve names to QIDs with a gazetteer and, optionally, an online look-up."""

    def __init__(self, gazetteer: Gazetteer, online: OnlineSource | None = None) -> None:
        self.gazetteer = gazetteer
        self.online = online
        # Offline, a result depends only on (name, type, context): articles ask the same again and again.
        self._memo: dict[tuple[str, str | None, LinkContext], LinkResult] = {}
        # Single-word names of countries and demonyms, for stripping person prefixes.
        self._prefix_words = set(_TITLE_WORDS)
        for entry in gazetteer.entries("country"):
            for form in entry.surface_forms + entry.demonyms:
                key = normalize_name(form)
                if key and " " not in key:
                    self._prefix_words.add(key)
                    self._prefix_words.add(key + "s")  # "Lithuania's" -> "lithuanias"
        self._prefix_words.add("")
        # Organizations the gazetteer lacks, from the extractor's table (those with a QID), by every form.
        self._table_orgs: dict[str, list[Entry]] = {}
        for entry in table_organizations():
            if any(self.gazetteer.lookup(form, "organization") for form in entry.surface_forms):
                continue  # the gazetteer's entry wins
            for form in entry.surface_forms:
                self._table_orgs.setdefault(normalize_name(form), []).append(entry)
        # Office-holders by surname (the last word of a name, before "Jr." or "II"): "Tleuberdi" is
        # Mukhtar Tleuberdi though the data gives no alias; never a country word or a title
        # ("Hamad II of Bahrain" has no surname "Bahrain"), nor a word of one or two letters.
        self._by_surname: dict[str, list[Entry]] = {}
        for entry in gazetteer.entries("person"):
            if not entry.offices:
                continue
            for form in (entry.name, *entry.aliases):
                words = normalize_name(form).split()
                while len(words) > 1 and _SUFFIX.fullmatch(words[-1]):  # "Ferdinand Marcos Jr." is Marcos
                    words.pop()
                if len(words) < 2 or words[-1] in self._prefix_words or len(words[-1]) < 3 or words[-1].isdigit():
                    continue
                bucket = self._by_surname.setdefault(words[-1], [])
                if entry not in bucket:
                    bucket.append(entry)
        # Office-holders by first name, for short forms of long names ("Faisal bin Farhan" is
        # Faisal bin Farhan Al Saud, "Nawaf Al Ahmed Al Sabah" Nawaf Al-Ahmad Al-Jaber Al-Sabah).
        self._by_first: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
        for entry in gazetteer.entries("person"):
            if entry.offices:
                for form in (entry.name, *entry.aliases):
                    full = tuple(_name_words(form))
                    if len(full) > 2:
                        self._by_first.setdefault(full[0], []).append((entry, full))

    def link(self, name: str, type: str | None = None, *, context: LinkContext = LinkContext()) -> LinkResult:
        """Link ``name`` expected to be of ``type`` (an entity type, a place type such
        as "city"/"capital", or None for any type)."""
        if self.online is not None:
            return self._link(name, type, context)
        key = (name, type, context)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            found = self._memo[key] = self._link(name, type, context)
        return found

    def _link(self, name: str, type: str | None, context: LinkContext) -> LinkResult:
        if not name or not name.strip():
            return LinkResult(None, "unlinked", reason="empty name")
        etype = _entity_type(type)
        if type is not None and etype is None:
            return LinkResult(None, "unlinked", reason=f"type {type!r} is not linked")
        candidates, surname_only = self._candidates(name, etype)
        if not candidates and etype == "organization":
            candidates = _distinct(
                [e for v in self._variants(name, etype) for e in self._table_orgs.get(normalize_name(v), ())]
            )
        if not candidates:
            return self._online(name, etype)
        return self._choose(candidates, etype, context, surname_only, name)

    # -- candidates

    def _variants(self, name: str, etype: str | None) -> list[str]:
        """The name as given, its " / "-separated forms, an acronym in parentheses,
        and for people the name without leading titles and nationality words."""
        parts = [p.strip() for p in name.split(" / ") if p.strip()] or [name.strip()]
        out: list[str] = []
        for part in parts:
            out.append(part)
            m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part)
            if m:
                out += [m.group(1), m.group(2)]
            if etype in (None, "person"):
                words = part.split()
                while len(words) > 1 and normalize_name(words[0]) in self._prefix_words:
                    words = words[1:]
                out.append(" ".join(words))
        return list(dict.fromkeys(out))

    def _candidates(self, name: str, etype: str | None) -> tuple[list[Entry], bool]:
        """Matching entries, and whether people matched only through a one-word alias
        (or, for an expected person, through the surname of an office-holder)."""
        found: list[Entry] = []
        surname_only = True
        for variant in self._variants(name, etype):
            hits = self.gazetteer.lookup(variant, etype)
            for entry in hits:
                if entry not in found:
                    found.append(entry)
            if hits and len(normalize_name(variant).split()) > 1:
                surname_only = False
        if surname_only and etype == "person":
            found += [e for e in self._surname_holders(name) if e not in found]
            if not found:
                found = self._short_form_holders(name)
        return found, surname_only and any(e.type == "person" for e in found)

    def _short_form_holders(self, name: str) -> list[Entry]:
        """The office-holders of whose longer name this one, of two words or more, is a short
        form: the same first name, then the rest of its words in order, in any spelling that
        differs only in vowels ("Ahmed" / "Ahmad")."""
        words = _name_words(self._variants(name, "person")[-1])
        if len(words) < 2:
            return []
        return _distinct(e for e, full in self._by_first.get(words[0], ()) if _short_form(words[1:], full[1:]))

    def _surname_holders(self, name: str) -> list[Entry]:
        """The office-holders whose surname the name is (after its titles), else none."""
        words = normalize_name(self._variants(name, "person")[-1]).split()
        return list(self._by_surname.get(words[0], ())) if len(words) == 1 else []

    def _office_holders(self, people: list[Entry], name: str, ctx: LinkContext, surname_only: bool) -> list[Entry]:
        """The people in office on the context's date; for a surname alone, only in an office of
        a country the article is about (when it names any, for a surname the data gives no alias
        of), and only in the office its title names ("Foreign Minister Lavrov")."""
        held = [e for e in people if any(o.held_on(ctx.date) for o in e.offices)]
        if not surname_only:
            return held
        about = set(ctx.countries) | {ctx.country, ctx.host_country}
        about.discard(None)
        by_surname = set(self._surname_holders(name) or self._short_form_holders(name)) - set(
            self.gazetteer.lookup(self._variants(name, "person")[-1])
        )
        if about and by_surname:  # found by the surname index only: an office of a country in the article
            held = [
                e
                for e in held
                if e not in by_surname or any(o.held_on(ctx.date) and o.country in about for o in e.offices)
            ]
        roles = _title_roles(name)
        if roles:
            held = [e for e in held if any(o.held_on(ctx.date) and o.role in roles for o in e.offices)]
        return held

    # -- choosing

    def _choose(
        self, cands: list[Entry], etype: str | None, ctx: LinkContext, surname_only: bool, name: str = ""
    ) -> LinkResult:
        all_cands = tuple(cands)
        if etype is None and len({e.type for e in cands}) > 1:
            # "Armenia": the country, not the Colombian city; "Georgia" likewise.
            for preferred in ("country", "organization"):
                typed = [e for e in cands if e.type == preferred]
                if typed:
                    cands = typed
                    break
        with_qid = _distinct([e for e in cands if e.qid])
        if not with_qid:
            return LinkResult(None, "unlinked", all_cands, "known name without a verified QID")
        kind = with_qid[0].type
        if kind == "person":
            return self._choose_person(with_qid, ctx, surname_only, all_cands, name)
        if len(with_qid) == 1:
            return LinkResult(with_qid[0].qid, "linked", all_cands, "unique match")
        if kind == "city":
            return self._choose_city(with_qid, ctx, all_cands)
        return LinkResult(None, "ambiguous", all_cands, f"{len(with_qid)} {kind} candidates")

    def _choose_city(self, cands: list[Entry], ctx: LinkContext, all_cands: tuple[Entry, ...]) -> LinkResult:
        for label, codes in (
            ("its country", {ctx.country}),
            ("the host country", {ctx.host_country}),
            ("the countries in context", set(ctx.countries)),
        ):
            codes.discard(None)
            if codes:
                local = [e for e in cands if e.country in codes]
                if len(local) == 1:
                    return LinkResult(local[0].qid, "linked", all_cands, f"only candidate in {label}")
                if len(local) > 1:
                    cands = local
                    break
        ranked = sorted(cands, key=lambda e: -(e.population or 0))
        first, second = ranked[0].population or 0, ranked[1].population or 0
        if first >= POPULATION_LEAD * max(second, 1):
            return LinkResult(ranked[0].qid, "linked", all_cands, "much the most populous candidate")
        return LinkResult(None, "ambiguous", all_cands, f"{len(cands)} cities of that name")

    def _choose_person(
        self, cands: list[Entry], ctx: LinkContext, surname_only: bool, all_cands: tuple[Entry, ...], name: str = ""
    ) -> LinkResult:
        in_office = self._office_holders(cands, name, ctx, surname_only)
        if ctx.country:
            local = [
                e
                for e in (in_office or cands)
                if e.country == ctx.country or any(o.country == ctx.country for o in e.offices)
            ]
            if local:
                in_office = [e for e in local if e in in_office] or ([] if surname_only else local)
        if len(cands) == 1 and not surname_only:
            return LinkResult(cands[0].qid, "linked", all_cands, "unique full name")
        if len(in_office) == 1:
            return LinkResult(
                in_office[0].qid,
                "linked",
                all_cands,
                "in office on the article date" if ctx.date else "only office-holder",
            )
        if surname_only and not in_office:
            return LinkResult(None, "ambiguous", all_cands, "surname only, and no matching office on the date")
        return LinkResult(None, "ambiguous", all_cands, f"{len(cands)} people of that name")

    def person_entry(self, name: str, *, context: LinkContext = LinkContext()) -> Entry | None:
        """The one person of the gazetteer a name means (with or without a verified QID),
        else None: a full name known once, or the one holder of a matching office on the
        article's date (in its country when that is known).  Gives "President Nausėda"
        its full name even where no QID links it."""
        found, surname_only = self._candidates(name, "person")
        people = [e for e in found if e.type == "person"]
        initials = _INITIALS.match(name.strip())
        if not people and initials:
            # "A.U. Mamin": the surname, of a person whose first name has that initial
            first = initials.group(1)[0].casefold()
            found, _ = self._candidates(initials.group(2), "person")
            people = [e for e in found if e.type == "person" and e.name[:1].casefold() == first]
            surname_only = True
        if not people:
            return None
        if len({(e.qid or e.name) for e in people}) == 1 and not surname_only:
            return people[0]
        in_office = self._office_holders(people, name, context, surname_only)
        if context.country:
            in_office = [
                e
                for e in in_office
                if e.country == context.country or any(o.country == context.country for o in e.offices)
            ]
        distinct = {(e.qid or e.name): e for e in in_office}
        return next(iter(distinct.values())) if len(distinct) == 1 and context.date else None

    def _online(self, name: str, etype: str | None) -> LinkResult:
        if self.online is None or etype is None:
            return LinkResult(None, "unlinked", reason="not in the gazetteer")
        found = _distinct([e for e in self.online.lookup(name, etype) if e.qid])
        if len(found) == 1:
            return LinkResult(found[0].qid, "linked", tuple(found), "online: one exact match of the type", "online")
        if found:
            return LinkResult(None, "ambiguous", tuple(found), f"online: {len(found)} matches", "online")
        return LinkResult(None, "unlinked", reason="not in the gazetteer nor online", source="online")


_INITIALS = re.compile(r"^((?:[A-Z]\.\s*)+)([A-Z][\w'-]+)$")

# Words after a surname: "Jr", "Sr" and regnal numbers ("Charles III").
_SUFFIX = re.compile(r"jr|sr|[ivx]+")

# The office a title before a surname names ("Prime Minister Abe", "Foreign Minister Lavrov").
_TITLE_ROLES = (
    (
        re.compile(
            r"\b(?:foreign|external affairs|foreign affairs) minister\b|\bminister (?:of|for) (?:foreign|external)"
            r"|\bforeign secretary\b|\bsecretary of state\b",
            re.IGNORECASE,
        ),
        {"foreign_minister"},
    ),
    (re.compile(r"\b(?:prime minister|premier|chancellor|chief executive)\b", re.IGNORECASE), {"head_of_government"}),
    (re.compile(r"\b(?:president|king|queen|emir|amir|sultan|monarch|grand duke)\b", re.IGNORECASE), {"head_of_state"}),
)


def _name_words(name: str) -> list[str]:
    """A name's words for comparing short and long forms: hyphens split ("Al-Sabah"), "ibn" is "bin"."""
    return ["bin" if w == "ibn" else w for w in normalize_name(name, join_hyphens=False).replace("-", " ").split()]


def _same_word(a: str, b: str) -> bool:
    """One word in two transliterations: equal, or of four letters or more and equal but for vowels."""
    if a == b:
        return True
    return len(a) >= 4 and len(b) >= 4 and a[0] == b[0] and _consonants(a) == _consonants(b)


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


def _short_form(short: list[str], full: tuple[str, ...]) -> bool:
    """Whether the words ``short`` occur in ``full`` in order (a subsequence), at least one
    of them a name rather than a particle ("bin", "al")."""
    if all(w in _PARTICLES for w in short):
        return False
    rest = iter(full)
    return all(any(_same_word(w, f) for f in rest) for w in short)


_PARTICLES = {"bin", "al", "el", "bint", "abu", "de", "da", "van", "von", "der"}


def _title_roles(name: str) -> set[str]:
    """The office roles the words before the surname name (the first that matches), else none."""
    head = name.strip().rsplit(" ", 1)[0] if " " in name.strip() else ""
    for pattern, roles in _TITLE_ROLES:
        if pattern.search(head):
            return roles
    return set()


def _entity_type(type: str | None) -> str | None:
    if type is None:
        return None
    key = type.strip().lower()
    if key in ENTITY_TYPES:
        return key
    # "city (metonymy for Russia)" is still a city
    key = key.split("(")[0].strip()
    return key if key in ENTITY_TYPES else PLACE_TYPES.get(key)


def _distinct(entries: Iterable[Entry]) -> list[Entry]:
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.qid and e.qid not in seen:
            seen[e.qid] = e
    return list(seen.values())


# ---------------------------------------------------------------- report


@dataclass
class LinkRecord:
    """One distinct (name, type) and what became of it."""

    name: str
    type: str | None
    status: Status
    qid: str | None
    reason: str
    source: str
    candidates: tuple[tuple[str | None, str, str | None], ...] = ()  # (qid, name, country)
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "qid": self.qid,
            "reason": self.reason,
            "source": self.source,
            "count": self.count,
            "candidates": [{"qid": q, "name": n, "country": c} for q, n, c in self.candidates],
        }


@dataclass
class LinkReport:
    """What :func:`link_facts` linked, left ambiguous or could not link."""

    records: list[LinkRecord] = field(default_factory=list)

    def add(self, name: str, type: str | None, result: LinkResult) -> None:
        for rec in self.records:
            if (
                rec.type == type
                and normalize_name(rec.name) == normalize_name(name)
                and rec.status == result.status
                and rec.qid == result.qid
            ):
                rec.count += 1
                return
        cands = tuple((e.qid, e.name, e.country or e.iso2) for e in result.candidates)
        self.records.append(LinkRecord(name, type, result.status, result.qid, result.reason, result.source, cands))

    def by_status(self, status: Status) -> list[LinkRecord]:
        return sorted(
            (r for r in self.records if r.status == status), key=lambda r: (r.type or "", normalize_name(r.name))
        )

    @property
    def counts(self) -> dict[str, int]:
        return {s: len(self.by_status(s)) for s in ("linked", "ambiguous", "unlinked")}

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            **{s: [r.to_dict() for r in self.by_status(s)] for s in ("linked", "ambiguous", "unlinked")},
        }

    def to_text(self) -> str:
        c = self.counts
        lines = [f"linked {c['linked']}, ambiguous {c['ambiguous']}, unlinked {c['unlinked']}"]
        for status in ("linked", "ambiguous", "unlinked"):
            recs = self.by_status(status)
            if recs:
                lines.append(f"{status}:")
            for r in recs:
                head = f"  {r.name} [{r.type or 'any'}]"
                if r.qid:
                    head += f" -> {r.qid}"
                head += f"  ({r.reason}{'; ' + r.source if r.source != 'gazetteer' else ''})"
                lines.append(head)
                if status == "ambiguous":
                    lines += [
                        f"      candidate {q or '-'} {n}{' (' + c + ')' if c else ''}" for q, n, c in r.candidates
                    ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


# ---------------------------------------------------------------- facts


def ref_name(ref: Any) -> str | None:
    """The name of a Ref: a string, or the "name" of a {"name", "wikidata"} object."""
    if isinstance(ref, str):
        return ref.strip() or None
    if isinstance(ref, Mapping) and isinstance(ref.get("name"), str):
        return ref["name"].strip() or None
    return None


def given_qid(value: Any) -> str | None:
    """A QID already present in a Ref or item ("Q1520"), else None."""
    qid = value.get("wikidata") if isinstance(value, Mapping) else None
    return qid.strip() if isinstance(qid, str) and QID_RE.match(qid.strip()) else None


class _FactsLinker:
    """One pass over one facts document (keeps the context and the report)."""

    def __init__(self, linker: Linker, facts: Mapping[str, Any]) -> None:
        self.linker = linker
        self.report = LinkReport()
        self.qids: dict[str, str] = {}
        self.ctx = self._context(facts)

    def _context(self, facts: Mapping[str, Any]) -> LinkContext:
        gaz = self.linker.gazetteer
        article = facts.get("article")
        if not isinstance(article, Mapping):
            article = {}
        summits = [s for s in _items(facts.get("summits")) if s.get("role", "main") == "main"]
        date = _iso_date(article.get("published")) or next(
            (d for d in (_iso_date(s.get("start_date")) for s in summits) if d), None
        )
        countries: set[str] = set()
        for ref in _country_refs(facts):
            entry = self._country_entry(ref)
            if entry and entry.iso2:
                countries.add(entry.iso2)
        host = None
        for s in summits:
            entry = self._country_entry(s.get("host_country"))
            if entry is None and ref_name(s.get("host_city")):
                # The host city's own country when the city is unambiguous.
                cities = _distinct(gaz.lookup(ref_name(s.get("host_city")) or "", "city"))
                entry = gaz.country(cities[0].country) if len(cities) == 1 and cities[0].country else None
            if entry and entry.iso2:
                host = entry.iso2
                break
        return LinkContext(frozenset(countries), date, host)

    def _country_entry(self, ref: Any) -> Entry | None:
        name = ref_name(ref)
        if not name:
            return None
        result = self.linker.link(name, "country")
        return self.linker.gazetteer.by_qid(result.qid) if result.qid else None

    def resolve(self, name: str, type: str | None, ctx: LinkContext | None = None) -> str | None:
        result = self.linker.link(name, type, context=ctx or self.ctx)
        self.report.add(name, _entity_type(type) or type, result)
        if result.qid:
            self.qids.setdefault(name, result.qid)
        return result.qid

    def ref(self, value: Any, type: str | None, ctx: LinkContext | None = None) -> Any:
        """A Ref with its QID added when it resolves; unchanged otherwise."""
        name = ref_name(value)
        if not name:
            return value
        qid = given_qid(value)
        if qid:
            self.report.add(name, _entity_type(type) or type, LinkResult(qid, "linked", (), "QID given", "given"))
            self.qids.setdefault(name, qid)
            return value
        qid = self.resolve(name, type, ctx)
        if not qid:
            return value
        return {**value, "wikidata": qid} if isinstance(value, Mapping) else {"name": name, "wikidata": qid}

    def item(self, item: dict, names: list[str], type: str | None, ctx: LinkContext | None = None) -> None:
        """Give ``item`` a "wikidata" key when its names agree on one QID."""
        names = [n for n in names if n]
        if not names:
            return
        qid = given_qid(item)
        if qid:
            self.report.add(names[0], type, LinkResult(qid, "linked", (), "QID given", "given"))
            self.qids.setdefault(names[0], qid)
            return
        results = [(n, self.linker.link(n, type, context=ctx or self.ctx)) for n in names]
        qids = {r.qid for _, r in results if r.qid}
        if len(qids) == 1:
            qid = qids.pop()
            item["wikidata"] = qid
            self.report.add(names[0], _entity_type(type) or type, next(r for _, r in results if r.qid == qid))
            for n, r in results:
                if r.qid == qid:
                    self.qids.setdefault(n, qid)
        elif len(qids) > 1:
            cands = tuple(e for _, r in results for e in r.candidates)
            self.report.add(names[0], type, LinkResult(None, "ambiguous", cands, "its names point to different items"))
        else:
            # report the most informative failure (ambiguous beats unlinked)
            best = max(results, key=lambda nr: nr[1].status == "ambiguous")
            self.report.add(names[0], _entity_type(type) or type, best[1])

    def person_ctx(self, country: Any) -> LinkContext:
        entry = self._country_entry(country)
        return self.ctx.with_country(entry.iso2 if entry else None)


def link_facts(facts: Mapping[str, Any], linker: Linker) -> tuple[dict[str, Any], LinkReport]:
    """Return a linked copy of a facts JSON v1 document and the report.

    Every resolvable Ref becomes ``{"name": ..., "wikidata": "Q..."}`` (objects keep
    their other keys); items of ``people``, ``organizations`` and ``places`` get a
    ``wikidata`` key; the top-level ``wikidata`` map gets ``name -> QID`` for every
    link (entries already there are kept).  QIDs already present are kept as given.
    The input is not modified.
    """
    out: dict[str, Any] = _copy(dict(facts))
    fl = _FactsLinker(linker, out)

    for summit in _items(out.get("summits")):
        for key, type in (("organization", "organization"), ("host_city", "city"), ("host_country", "country")):
            if key in summit:
                summit[key] = fl.ref(summit[key], type)
    for key in COUNTRY_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [fl.ref(x, "country") for x in out[key]]
    for key in MEMBER_ITEM_LISTS:
        for it in _items(out.get(key)):
            if "country" in it:
                it["country"] = fl.ref(it["country"], "country")
            elif ref_name(it.get("member")):
                it["member"] = fl.ref(it["member"], "organization")
    for it in _items(out.get("participants")):
        if it.get("country") is not None:
            it["country"] = fl.ref(it["country"], "country")
        if it.get("person") is not None:
            ctx = fl.person_ctx(it.get("country"))
            it["person"] = fl.ref(it["person"], "person", ctx)
            name = ref_name(it["person"])
            entry = linker.person_entry(name, context=ctx) if name else None
            # (a linked person needs no name: the mapper names it by its QID)
            if entry is not None and entry.name != name and given_qid(it["person"]) is None:
                # "President Aliyev" attending: the full name of the one person it can be
                person = it["person"] if isinstance(it["person"], Mapping) else {"name": name}
                it["person"] = {**person, "canonical": entry.name}
    for it in _items(out.get("people")):
        if it.get("country") is not None:
            it["country"] = fl.ref(it["country"], "country")
        names = [ref_name(it.get("canonical")), ref_name(it.get("name"))]
        ctx = fl.person_ctx(it.get("country"))
        fl.item(it, [n for n in names if n], "person", ctx)
        if ref_name(it.get("name")) and ref_name(it.get("canonical")) in (None, ref_name(it.get("name"))):
            # (a canonical name the extractor copied from the name is no full name)
            # a surname ("Nausėda", "President Aliyev") gets the full name of the one person it can be
            entry = linker.person_entry(ref_name(it.get("name")) or "", context=ctx)
            if entry is not None and (not it.get("wikidata") or it.get("wikidata") == entry.qid):
                it["canonical"] = entry.name
                if entry.qid and not it.get("wikidata"):  # "A.U. Mamin", in office on the date
                    it["wikidata"] = entry.qid
                    fl.qids.setdefault(ref_name(it.get("name")) or entry.name, entry.qid)
    for it in _items(out.get("organizations")):
        names = [ref_name(it.get("name")), ref_name(it.get("acronym"))]
        names += [ref_name(a) for key in ("aliases", "variants") for a in _as_list(it.get(key))]
        fl.item(it, list(dict.fromkeys(n for n in names if n)), "organization")
    for it in _items(out.get("places")):
        if "country" in it and it["country"] is not None:
            it["country"] = fl.ref(it["country"], "country")
        ptype = it.get("type") if isinstance(it.get("type"), str) else None
        country = fl._country_entry(it.get("country"))
        ctx = fl.ctx.with_country(country.iso2 if country else None)
        fl.item(it, [ref_name(it.get("name")) or ""], ptype, ctx)

    wmap = dict(out["wikidata"]) if isinstance(out.get("wikidata"), Mapping) else {}
    for name, qid in sorted(fl.qids.items()):
        wmap.setdefault(name, qid)
    out["wikidata"] = wmap
    return out, fl.report


def _copy(value: Any) -> Any:
    """A deep copy of a JSON-shaped value: dicts and lists copied, strings, numbers, None and
    bools shared (immutable); anything else through ``copy.deepcopy``.  Several times faster."""
    kind = type(value)
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}
    if kind is list:
        return [_copy(v) for v in value]
    if kind in _IMMUTABLE:
        return value
    return copy.deepcopy(value)


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _items(value: Any) -> list[dict]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _country_refs(facts: Mapping[str, Any]) -> Iterable[Any]:
    for key in COUNTRY_LISTS:
        yield from _as_list(facts.get(key))
    for key in (*MEMBER_ITEM_LISTS, "participants"):
        for it in _items(facts.get(key)):
            yield it.get("country")
    for s in _items(facts.get("summits")):
        yield s.get("host_country")
    for it in _items(facts.get("places")):
        if str(it.get("type", "")).lower() == "country":
            yield it.get("name")


def _iso_date(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\d{4}(-\d{2}){0,2}", value.strip()):
        return re.match(r"^\d{4}(-\d{2}){0,2}", value.strip()).group(0)  # type: ignore[union-attr]
    return None
