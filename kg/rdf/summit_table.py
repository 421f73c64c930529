"""Known summits: a bundled per-organization table that gives every summit one key.

An article may call a summit "the 17th meeting", another "the summit in Astana" with a
2017 dateline.  Organization + body (heads of state, heads of government, foreign
ministers) + year identify a summit; the ordinal, the dates and the host city are facts
any article may add.  ``kg/data/summits.json`` (built by ``scripts/build_summits.py``
from ``kg/data/curated/summits.csv``; provenance in ``kg/data/SUMMITS-LICENCE.md``)
lists known summits, so that an ordinal gives the year and a year (+ city) gives the
ordinal, whichever the article states.  ``find_summit`` is the one place that decides;
``kg.rdf.iris.IRIMinter.summit`` turns its answer into the IRI.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parents[1] / "data" / "summits.json"

#: the summit bodies (series) the table and the IRIs know; heads of state is the default
BODIES = ("heads-of-state", "heads-of-government", "foreign-ministers", "ministers")
DEFAULT_BODY = "heads-of-state"
#: how a body is named in a summit's label
BODY_NOUNS = {
    "heads-of-state": "Summit",
    "heads-of-government": "Heads of Government Meeting",
    "foreign-ministers": "Foreign Ministers' Meeting",
    "ministers": "Ministerial Meeting",
}


@dataclass(frozen=True)
class KnownSummit:
    """One row of the table; ``key`` is its IRI segment (the ordinal, else the year, else
    year-city or the start date when the body met more than once that year)."""

    org: str  # organization slug, as in the org IRI: "sco"
    acronym: str  # how labels name the organization: "SCO"
    body: str
    key: str
    year: str
    ordinal: int | None = None
    start: str | None = None
    end: str | None = None
    city: str | None = None
    city_slugs: tuple[str, ...] = ()  # the host city and the other names articles use for the place
    country: str | None = None  # ISO 3166 alpha-2
    qid: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> KnownSummit:
        fields = {k: data.get(k) for k in cls.__dataclass_fields__}
        fields["city_slugs"] = tuple(data.get("city_slugs") or ())
        return cls(**fields)  # type: ignore[arg-type]

    def hosted_in(self, city_slug: str) -> bool:
        return city_slug in self.city_slugs

    def when(self) -> str:
        """The first day it is known to have met (start date, else the year)."""
        return self.start or self.year

    def covers(self, date: str) -> bool:
        """Whether an ISO date (or month/year) falls within the summit's days."""
        if not self.start:
            return date[:4] == self.year
        end = self.end or self.start
        return self.start[: len(date)] <= date <= end[: len(date)]


class SummitTable:
    """Known summits by (organization slug, body)."""

    def __init__(self, summits: Iterable[KnownSummit]) -> None:
        self._series: dict[tuple[str, str], list[KnownSummit]] = {}
        for s in summits:
            self._series.setdefault((s.org, s.body), []).append(s)
        for rows in self._series.values():
            rows.sort(key=lambda s: (s.when(), s.key))

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._series.values())

    def series(self, org: str, body: str) -> list[KnownSummit]:
        return self._series.get((org, body), [])

    def organizations(self) -> set[str]:
        return {org for org, _ in self._series}


def load_summit_table(path: str | Path | None = None) -> SummitTable:
    """The table in ``path`` (default: the bundled ``kg/data/summits.json``)."""
    data = json.loads(Path(path or _DATA).read_text(encoding="utf-8"))
    return SummitTable(KnownSummit.from_json(row) for row in data["summits"])


@functools.lru_cache(maxsize=1)
def default_summit_table() -> SummitTable:
    return load_summit_table()


EMPTY_TABLE = SummitTable(())


def find_summit(
    table: SummitTable,
    org: str,
    body: str,
    *,
    ordinal: int | None = None,
    year: str | None = None,
    year_from_publication: bool = False,
    city_slug: str | None = None,
    date: str | None = None,
    after: str | None = None,
    future: bool = False,
    published: str | None = None,
    country: str | None = None,
    fits: Callable[[KnownSummit], bool] | None = None,
) -> KnownSummit | None:
    """The known summit an article's facts point to, or None when none or several fit.

    ``year``: the summit's year as the article states it (its dates), or -- with
    ``year_from_publication`` -- the publication year, a weaker hint used only to choose
    among the rows the stated facts leave.  ``date``: its start date as stated (only
    chooses among rows: extracted dates are the noisiest fact).  ``future``: an
    announced next summit; with nothing else to go on it is the first known summit of
    the series after ``after`` (an ISO date: the publication date or the main summit).
    ``country``: the host country's ISO 3166 alpha-2 code; it narrows the rows only where
    the host city is not known ("the Venezuelan summit in 2016").
    ``fits``: whether a row agrees with the rest of the article (its leaders were in office
    then); it only chooses among rows the facts leave, never rules out the only one.
    ``published``: the article's publication date; when the publication year is all
    there is, a summit whose days are more than ``NEAR_DAYS`` from it is not taken (a
    January report of a December summit is not about next December's).
    Organization + body + year identify a summit: a row whose year contradicts the
    stated year never matches, so two different summits never meet; a known ordinal
    names its row (a host city the article gets wrong does not split the summit); a
    city or year that several rows fit is no answer.
    """
    rows = table.series(org, body)
    if not rows:
        return None
    stated_year = None if year_from_publication else year

    def one(candidates: list[KnownSummit]) -> KnownSummit | None:
        if len(candidates) > 1 and fits is not None:
            candidates = [s for s in candidates if fits(s)] or candidates
        if len(candidates) > 1 and date:
            candidates = [s for s in candidates if s.covers(date)] or candidates
        if len(candidates) > 1 and year_from_publication and year:
            # near the publication: that year, else the year before (a report written after)
            for y in (year, str(int(year) - 1)):
                near = [s for s in candidates if s.year == y]
                if near:
                    candidates = near
                    break
        return candidates[0] if len(candidates) == 1 else None

    if ordinal is not None:
        numbered = [s for s in rows if s.ordinal == ordinal]
        if numbered:  # the ordinal names the row; only a stated year can contradict it
            return numbered[0] if not stated_year or numbered[0].year == stated_year else None
    # An ordinal the table does not know: a row with another ordinal is another summit.
    fitting = [s for s in rows if (ordinal is None or s.ordinal is None) and (not stated_year or s.year == stated_year)]
    if stated_year or city_slug or date or country:
        if city_slug:  # rows held there, else (the city may be a chair's) rows held online
            fitting = [s for s in fitting if s.hosted_in(city_slug)] or [s for s in fitting if not s.city_slugs]
        elif country:  # a host country and no city: rows held there (the only fact: strictly)
            there = [s for s in fitting if s.country == country]
            fitting = there if there or not (stated_year or date) else fitting
        if not stated_year and not city_slug and date:
            fitting = [s for s in fitting if s.covers(date)]
        if year and year_from_publication:  # a report is of a summit of about its year
            fitting = [s for s in fitting if abs(int(s.year) - int(year)) <= 1]
        return one(fitting)
    if year and year_from_publication and not future:
        return one([s for s in fitting if _near(s, year, published)])
    if future and after and ordinal is None:
        later = [s for s in rows if s.when() > after]
        return later[0] if later else None
    return None


NEAR_DAYS = 75


def _near(s: KnownSummit, year: str, published: str | None) -> bool:
    """Whether a summit could be the one an article published on ``published`` reports,
    when nothing else says which: within NEAR_DAYS of its days (same year without dates)."""
    if not (published and len(published) == 10 and s.start):
        return s.year == year
    try:
        pub, start = _dt.date.fromisoformat(published), _dt.date.fromisoformat(s.start)
        end = _dt.date.fromisoformat(s.end) if s.end else start
    except ValueError:
        return s.year == year
    return (start - pub).days <= NEAR_DAYS and (pub - end).days <= NEAR_DAYS


_MEETING_NAME = re.compile(r"\b(?:Summit|Meeting|Conference)\b")


def summit_label(acronym: str, body: str, *, ordinal: int | None, year: str | None, city: str | None) -> str:
    """'17th SCO Summit, Astana 2017': organization, ordinal, body, host city, year.  A series
    named as a meeting takes no second noun ('6th Caspian Summit', '9th Tokyo International
    Conference on African Development')."""
    noun = None if _MEETING_NAME.search(acronym) else BODY_NOUNS.get(body, "Summit")
    head = " ".join(p for p in (ordinal_word(ordinal) if ordinal else None, acronym, noun) if p)
    where = " ".join(p for p in (city, year) if p)
    return f"{head}, {where}" if where else head


def ordinal_word(n: int) -> str:
    """17 -> '17th', 22 -> '22nd', 111 -> '111th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
