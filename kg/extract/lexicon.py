"""The extractor's vocabulary (``kg/data/extract/``) and the gazetteer matcher.

The matcher is built once per gazetteer: every surface form (names, acronyms, aliases,
demonyms, news-agency names) is tokenized and put in a dict keyed by its first token,
so finding all mentions in a text is one pass over its tokens with a few dict look-ups
each, whatever the size of the gazetteer.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from weakref import WeakKeyDictionary

from kg.linking.gazetteer import Entry, organization_table

TOKEN = re.compile(r"[^\W_]+(?:[-‐‑–][^\W_]+)*|[^\w\s]", re.UNICODE)
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "–": "-", "‐": "-", "‑": "-"})
MAX_TOKENS = 14

# Type preference when one surface form names several entries.
_TYPE_RANK = {"organization": 0, "country": 1, "person": 2, "agency": 3, "city": 4, "demonym": 5}


# British -> American spelling inside names, so "Organisation" finds "Organization".
_SPELLING = {
    "Organisation": "Organization",
    "Organisations": "Organizations",
    "organisation": "organization",
    "Centre": "Center",
    "centre": "center",
    "Programme": "Program",
    "programme": "program",
    "Defence": "Defense",
    "defence": "defense",
}


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Latin letters without their accents ("Ōsaka" -> "Osaka"); other scripts unchanged."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_key(text: str) -> str:
    """``text`` without accents and case, to compare names: "Orbán" and "orban" alike."""
    return _fold(text).casefold()


def norm_token(tok: str) -> str:
    if tok.isalnum() and tok not in _SPELLING:
        return tok
    tok = tok.translate(_APOS)
    if "-" in tok and len(tok) > 1:
        tok = tok.replace("-", "")  # "G-20" = "G20"
    return _SPELLING.get(tok, tok)


#: The number words a text counts things with ("four declarations", "the ten JEF nations"), and their values.
_TWO_TO_TWELVE = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_TO_TWENTY = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
COUNT_WORDS = {w: i + 2 for i, w in enumerate(_TWO_TO_TWELVE + _TO_TWENTY)}


#: The ordinal words a text numbers things with ("the third summit"), and their values.
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}


def count_value(word: str) -> int:
    """The value of a count written in figures or as a number word (one of :data:`COUNT_WORDS`)."""
    return int(word) if word.isdigit() else COUNT_WORDS[word.lower()]


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """The tokens of ``text`` as (start, end, normalized token); accents are folded, so that
    "São Tomé" and "Sao Tome" are one name."""
    out = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    spelling = _SPELLING
    for i, (s, e, tok) in enumerate(out):
        if not tok.isascii() and tok.isalpha():  # a word (not a curly quote or a dash)
            tok = _fold(tok)
            out[i] = (s, e, tok)
        if not tok.isalnum() or tok in spelling:
            out[i] = (s, e, norm_token(tok))
    return out


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    raw = resources.files("kg").joinpath("data", "extract", "vocab.json").read_text(encoding="utf-8")
    return json.loads(raw)


def _table_entries(gazetteer: Any) -> list[Any]:
    """Gazetteer-like entries for the table's organizations that the gazetteer lacks."""
    out = []
    for row in organization_table():
        forms = [row.name] + ([row.acronym] if row.acronym else []) + list(row.aliases)
        if any(e.type == "organization" for f in forms for e in gazetteer.lookup(f, "organization")):
            continue
        out.append(Entry(qid=row.qid, type="organization", name=row.name, aliases=row.aliases, acronym=row.acronym))
    return out


@lru_cache(maxsize=1)
def place_stopwords() -> frozenset[str]:
    raw = resources.files("kg").joinpath("data", "extract", "place_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _seat_words() -> tuple[str, ...]:
    """The first word of each seat's name (its apostrophe aside), for a test in plain string search."""
    return tuple({seat.split()[0].split("'")[0] for seat in vocab()["government_seats"]})


@lru_cache(maxsize=1)
def _seats() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<name>{alternation(vocab()['government_seats'])})(?![\w-])")


#: "at the White House", "in the Kremlin", "after entering Downing Street": the building itself ("to" and "from" are
#: left out: a letter "to the Kremlin", a statement "from the Élysée" go to the office)
_IN_THE_SEAT = re.compile(
    r"\b(?:at|in|inside|outside|near|into|within|enter(?:s|ed|ing)?|leav(?:es|ing)|left)\s+(?:the\s+)?$", re.IGNORECASE
)


_NAMED_BEFORE = re.compile(r"\b(?:(?!The\b)[A-Z][\w'’-]*|[0-9]+)[ \t]+$")  # "Grand Kremlin", "10 Downing Street"
_PART_AFTER = re.compile(
    r"[ \t]+(?:Palace|Hall|Square|Wall|Museum|Gardens?|Cathedral|Theat(?:re|er)|Armoury|Correspondents)\b"
)


@lru_cache(maxsize=8)  # (organizations and places both ask, per article)
def government_seats(text: str) -> tuple[tuple[str, int, bool], ...]:
    """The seats of government the text names (``vocab.json``'s ``government_seats``), each as (name, offset, is it
    the building): news English names an office by its building ("the Kremlin said", "White House press secretary
    Karine Jean-Pierre"), which is then an organization; "at the White House", "in the Kremlin" put someone in the
    building, which is a place (but "in the Kremlin's view" is the office's)."""
    found: list[tuple[str, int, bool]] = []
    if not any(word in text for word in _seat_words()):
        return ()  # (cheap test first: most articles name none)
    for m in _seats().finditer(text):
        if _NAMED_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _PART_AFTER.match(text, m.end()):
            continue  # a name it is part of: "the Grand Kremlin Palace", "the Kremlin Wall"
        building = _IN_THE_SEAT.search(text, max(0, m.start() - 12), m.start()) is not None
        found.append((m.group("name"), m.start(), building and not text.startswith(("'s", "’s"), m.end())))
    return tuple(found)


def alternation(words: Iterable[str], *, flexible_space: bool = True) -> str:
    """A regex alternation of literal phrases, longest first."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))  # deterministic: no hash order
    out = []
    for w in parts:
        p = re.escape(w)
        if flexible_space:
            p = p.replace(r"\ ", r"\s+")
        p = p.replace("'", "['’]").replace("’", "['’]")
        out.append(p)
    return "(?:" + "|".join(out) + ")"


def cased_alternation(words: Iterable[str]) -> str:
    """Like :func:`alternation`, with each phrase in lower, Title and UPPER case, for a
    case-sensitive pattern: much faster than re.IGNORECASE on a long alternation."""
    forms: list[str] = []
    for w in words:
        forms.extend((w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower()))
    return alternation(forms)


def at_word_start(text: str, pos: int) -> bool:
    """No letter, digit or hyphen right before ``pos`` (a pattern without a leading
    look-behind, which would stop the regex engine's fast literal-prefix scan, checks
    its matches with this)."""
    if pos == 0:
        return True
    c = text[pos - 1]
    return not (c.isalnum() or c in "-_")


@dataclass(frozen=True)
class Target:
    """What a surface form points at: a gazetteer entry (or, for agencies, just a name)."""

    type: str  # organization | country | person | city | demonym | agency
    name: str  # canonical English name
    entry: Any = None  # kg.linking.gazetteer.Entry or None

    @property
    def country_code(self) -> str | None:
        e = self.entry
        if e is None:
            return None
        return e.iso2 if self.type in ("country", "demonym") else e.country


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    target: Target

    @property
    def type(self) -> str:
        return self.target.type

    @property
    def name(self) -> str:
        return self.target.name


def short_person_form(gazetteer: Any, name: str) -> Any:
    """The gazetteer person whose shorter form (see :func:`_short_person_forms`) ``name`` is, else None."""
    return _short_forms_by_key(gazetteer).get(fold_key(name))


@lru_cache(maxsize=4)
def _short_forms_by_key(gazetteer: Any) -> dict[str, Any]:
    return {fold_key(form): entry for form, entry in _short_person_forms(gazetteer)}


@lru_cache(maxsize=4)
def _short_person_forms(gazetteer: Any) -> list[tuple[str, Any]]:
    """Shorter forms news give long names of four words or more, when no one else's name has them:
    without the second given name ("Luis Lacalle Pou" for Luis Alberto Lacalle Pou) and with the
    two given names as initials ("K.P. Sharma Oli" for Khadga Prasad Sharma Oli)."""
    found: dict[str, set[Any]] = {}
    for surface, entry in gazetteer.surface_forms("person"):
        words = surface.split()
        if len(words) < 4 or not all(w[:1].isupper() and w.isalpha() for w in words[:2]):
            continue
        rest = " ".join(words[2:])
        for form in (
            f"{words[0]} {rest}",
            f"{words[0][0]}.{words[1][0]}. {rest}",
            f"{words[0][0]}{words[1][0]} {rest}",
        ):
            found.setdefault(form, set()).add(entry)
    return [
        (form, next(iter(entries)))
        for form, entries in found.items()
        if len(entries) == 1 and not gazetteer.lookup(form, "person")
    ]


class Matcher:
    """Finds gazetteer names in text by token n-gram look-up."""

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        stop = place_stopwords()
        index: dict[tuple[str, ...], list[Target]] = {}

        def add(surface: str, target: Target) -> None:
            toks = tuple(t for _, _, t in tokenize(surface))
            if not toks or len(toks) > MAX_TOKENS:
                return
            if toks[0] == "the" or toks[0] == "The":
                toks = toks[1:]
                if not toks:
                    return
            if not (toks[0][:1].isupper() or toks[0][:1].isdigit() or not toks[0][:1].isascii()):
                return  # lower-case surface forms ("euro area") are too ambiguous
            if target.type == "country" and len(toks) == 1 and toks[0] in stop:
                return  # "the States": "Member States" is no United States
            bucket = index.setdefault(toks, [])
            if target not in bucket:
                bucket.append(target)

        for surface, entry in gazetteer.surface_forms():
            if entry.type in ("city", "country") and (surface in stop or len(surface) < 2):
                continue
            if entry.type == "city" and len(surface) < 3:
                continue
            if (
                entry.type in ("country", "organization")
                and 3 <= len(surface) <= 5
                and surface.isupper()
                and surface.isalpha()
            ) or (entry.type == "country" and surface in ("US", "UK")):
                # "U.A.E.": the dotted form of an acronym (not of two letters, "A.U. Mamin" is a name, but
                # "U.S." and "U.K." as AP and Reuters write them)
                add(".".join(surface) + ".", Target(entry.type, entry.name, entry))
            if entry.type == "person" and len(surface) < 2:
                continue
            target = Target(entry.type, entry.name, entry)
            add(surface, target)
            if entry.type == "country" and " of the " in surface:
                add(surface.replace(" of the ", " of "), target)  # "Democratic Republic of Congo"
            if entry.type == "organization" and len(surface) >= 5 and surface.isalpha() and surface.istitle():
                add(surface.upper(), target)  # "MERCOSUR", "INTERPOL": a one-word name written in capitals
            if entry.type == "organization" and len(surface) >= 4 and surface.isalpha() and surface.isupper():
                add(surface.title(), target)  # "Nato", "Asean", "Ecowas": an acronym as British papers write it
            if entry.type == "organization" and "Cooperation" in surface:
                add(surface.replace("Cooperation", "Co-operation"), target)  # "... for Regional Co-operation"
            if entry.type in ("country", "city") and surface.startswith("Saint "):
                add("St " + surface[6:], target)  # "St Kitts and Nevis", "St. Vincent and the Grenadines"
                add("St. " + surface[6:], target)
            if entry.type == "organization" and " " in surface and re.search(r"[a-z]-[A-Z]", surface):
                add(re.sub(r"(?<=[a-z])-(?=[A-Z])", " ", surface), target)  # "Confidence Building Measures"
            if not surface.isascii():
                folded = _fold(surface)
                if folded != surface:
                    add(folded, target)  # "Ōsaka" is written "Osaka"
        for surface, entry in _short_person_forms(gazetteer):
            add(surface, Target("person", entry.name, entry))
        for entry in _table_entries(gazetteer):
            for surface in entry.surface_forms:
                add(surface, Target("organization", entry.name, entry))
        for entry in gazetteer.entries("country"):
            for dem in entry.demonyms:
                if gazetteer.country_for_demonym(dem) is entry:
                    add(dem, Target("demonym", entry.name, entry))
        org_forms = {norm_token(s) for s, e in gazetteer.surface_forms("organization")}
        for agency in vocab()["news_agencies"]:
            if norm_token(agency) not in org_forms:
                add(agency, Target("agency", agency, None))
        for targets in index.values():
            targets.sort(key=lambda t: (_TYPE_RANK[t.type], -((t.entry.population or 0) if t.entry else 0)))
        self._index = index
        self._lengths: dict[str, tuple[int, ...]] = {}
        by_first: dict[str, set[int]] = {}
        for toks in index:
            by_first.setdefault(toks[0], set()).add(len(toks))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()}

    def lookup_tokens(self, toks: tuple[str, ...]) -> list[Target]:
        return self._index.get(toks, [])

    def find(self, text: str, tokens: list[tuple[int, int, str]] | None = None) -> list[Mention]:
        """Leftmost-longest, non-overlapping mentions in ``text``; and the parties of a hyphenated pair that
        no name holds whole ("the European Union-African Union summit", "EU-AU", "Russia-Africa"): its
        organizations and countries."""
        tokens = tokens if tokens is not None else tokenize(text)
        found = self._find(text, tokens)
        hyphens = [h.start() for h in _HYPHEN.finditer(text)]
        if not hyphens:
            return found
        taken = [(m.start, m.end) for m in found]
        extra: list[Mention] = []
        starts = [t[0] for t in tokens]
        for i in sorted({bisect.bisect_right(starts, h) - 1 for h in hyphens} - {-1}):
            s, e, _ = tokens[i]
            pieces = _hyphen_pieces(text, s, e)
            if pieces is None or not any(self._lengths.get(tok) for _, _, tok in pieces):
                continue
            # the pair's parties, matched in a window around it (a party's name may start before the pair)
            window = [
                t
                for ws, we, wt in tokens[max(0, i - 3) : i + 4]
                for t in (_hyphen_pieces(text, ws, we) or [(ws, we, wt)])
            ]
            for m in self._find(text, window):
                if m.type in ("organization", "country") and not any(a < m.end and m.start < b for a, b in taken):
                    extra.append(m)
                    taken.append((m.start, m.end))
        return sorted(found + extra, key=lambda m: m.start) if extra else found

    def _find(self, text: str, tokens: list[tuple[int, int, str]]) -> list[Mention]:
        out: list[Mention] = []
        toks = [t for _, _, t in tokens]
        n = len(toks)
        index_get = self._index.get
        lengths_get = self._lengths.get
        i = 0
        while i < n:
            first = toks[i]
            lengths = lengths_get(first)
            alt_first = None
            if first.isupper() and first.isalpha():
                # "ASTANA" in a dateline; "ST PETERSBURG": two capitals in a run of capitals are no acronym
                in_run = len(first) == 2 and i + 1 < n and toks[i + 1].isupper() and len(toks[i + 1]) > 2
                if (lengths is None and len(first) > 2) or in_run:
                    alt_lengths = lengths_get(first.title())
                    if alt_lengths is not None:
                        alt_first, lengths = first.title(), alt_lengths
            if lengths is None:
                i += 1
                continue
            hit = None
            for length in lengths:
                if i + length > n:
                    continue
                key = tuple(toks[i : i + length])
                if alt_first is not None:
                    if not all(t.isupper() or not t.isalpha() for t in key):
                        continue
                    key = tuple(t.title() if t.isalpha() else t for t in key)
                targets = index_get(key)
                # a multi-token match must not skip over a line break
                if targets and (length == 1 or "\n" not in text[tokens[i][0] : tokens[i + length - 1][1]]):
                    if alt_first is not None and targets[0].type not in ("city", "country", "person"):
                        continue
                    if alt_first is not None and text.startswith(("'S", "’S"), tokens[i + length - 1][1]):
                        continue  # "ST GEORGE'S, Grenada": the end of a longer name in capitals, no "George"
                    hit = (length, targets[0])
                    break
            if hit:
                length, target = hit
                s, e = tokens[i][0], tokens[i + length - 1][1]
                out.append(Mention(s, e, text[s:e], target))
                i += length
            else:
                i += 1
        return out


_HYPHEN = re.compile(r"[-‐‑–]")


def _hyphen_pieces(text: str, s: int, e: int) -> list[tuple[int, int, str]] | None:
    """The parts of the hyphenated word ``text[s:e]`` as tokens when every part is capitalized ("Union-African" ->
    "Union", "African"), else None."""
    word = text[s:e]
    if e - s <= 3 or not word[:1].isupper() or not _HYPHEN.search(word):
        return None
    pieces = [(s + m.start(), s + m.end()) for m in re.finditer(r"[^-‐‑–]+", word)]
    if not all(text[a].isupper() for a, _ in pieces):
        return None
    return [(a, b, tokenize(text[a:b])[0][2]) for a, b in pieces]


def hyphen_part(text: str, m: Mention) -> bool:
    """Whether ``m`` is one party of a hyphenated pair ("Russia" in "the Russia-Africa Summit")."""
    return bool(_HYPHEN.match(text, m.end) and text[m.end + 1 : m.end + 2].isupper()) or bool(
        m.start > 1 and _HYPHEN.match(text, m.start - 1) and text[m.start - 2].isalnum()
    )


_MATCHERS: WeakKeyDictionary[Any, Matcher] = WeakKeyDictionary()


def matcher_for(gazetteer: Any) -> Matcher:
    """The matcher of a gazetteer, built on first use and kept while the gazetteer lives."""
    try:
        return _MATCHERS[gazetteer]
    except (KeyError, TypeError):
        pass
    m = Matcher(gazetteer)
    with contextlib.suppress(TypeError):  # pragma: no cover - objects that cannot be weakly referenced
        _MATCHERS[gazetteer] = m
    return m
