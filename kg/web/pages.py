"""Pages people read: summits, organizations, countries and people as summaries, not property lists.

An entity page (:mod:`kg.web.entities`) first asks which classes its IRI has
(:data:`~kg.web.page_queries.TYPES`, one short query); a summit, an international
organization, a country or a person then gets its own page, built from **one** SELECT
of :mod:`kg.web.page_queries` and read back here into a plain view model for its
template.  Everything else keeps the generic page (and every kind can still have it:
``?view=all``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES

from .page_queries import MAX_MENTIONS, NO_DATE, PAGE_KINDS

SKG = PREFIXES["skg"]
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
XSD = "http://www.w3.org/2001/XMLSchema#"


# -- reading rows -------------------------------------------------------------------------------------

Href = Callable[[str], "str | None"]


def _v(row, name: str) -> str | None:
    """The value of ``name`` in ``row``; None if unbound, empty, or the no-date mark (:data:`NO_DATE`)."""
    term = row[name]
    return None if term is None or term.value in ("", NO_DATE) else term.value


def _ref(row, var: str, href: Href) -> dict:
    """The thing in column ``var`` of ``row``: ``{"iri", "href", "label"}`` (its label from column ``var + "l"``,
    else the IRI's local name)."""
    iri = _v(row, var) or ""
    return {"iri": iri, "href": href(iri), "label": _v(row, var + "l") or local_name(iri)}


def _graph_article(graph: str) -> str:
    """The article IRI of an article graph (``.../graph/X`` -> ``.../article/X``)."""
    return re.sub(r"/graph/([^/]+)$", r"/article/\1", graph)


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(value: str | None) -> str:
    """``2017-06-08`` -> ``8 June 2017``; ``2017-06`` -> ``June 2017``; anything else as it is."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return value
    month = MONTHS[int(m.group(2)) - 1]
    return f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/"))[-1]


@dataclass
class Source:
    """An article a page cites: number ``n`` on this page, and what it says (quotes)."""

    iri: str
    n: int = 0
    headline: str | None = None
    label: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    href: str | None = None
    url_href: str | None = None
    quotes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.headline or self.label or local_name(self.iri)


@dataclass
class Thing:
    """A linked thing on a page: its label, its page, and the articles that say it."""

    iri: str
    text: str
    href: str | None = None
    sources: set[str] = field(default_factory=set)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (article, sentence)
    extra: dict = field(default_factory=dict)


class Reader:
    """Collects a page's rows: labels, sources (numbered by date), quotes per thing."""

    def __init__(self, href: Href) -> None:
        self.href = href
        self.sources: dict[str, Source] = {}
        self.quotes: dict[str, list[tuple[str, str, int]]] = {}  # thing -> (article, text, begin)
        self.header: dict[str, set[str]] = {}
        self.graphs: dict[str, str] = {}  # article graph -> the article it holds

    def read(self, rows: Iterable) -> list:
        """The rows as a list of ``{variable: term or None}`` (a dict is read several times faster than a
        query solution), the sources' graphs noted first (facts name their graph, not their article)."""
        names = [v.value for v in getattr(rows, "variables", ())]
        rows = [dict(zip(names, row, strict=True)) for row in rows] if names else list(rows)
        for row in rows:
            if row["kind"].value == "source" and row["g"] is not None and row["x"] is not None:
                self.graphs[row["g"].value] = row["x"].value
        return rows

    def each(self, rows: Iterable) -> Iterator[tuple[str, Any]]:
        """A page's own rows as ``(kind, row)``, once every row is read and the kinds all pages share
        (header, source, quote) are taken in (:meth:`common`)."""
        for row in self.read(rows):
            if not self.common(row):
                yield row["kind"].value, row

    def sources_with_quotes(self, iri: str) -> list[Source]:
        """The sources, numbered (:meth:`numbered_sources`), each with the sentences in which it quotes ``iri``."""
        sources = self.numbered_sources()
        by_iri = {s.iri: s for s in sources}
        for article, text, _ in sorted(self.quotes.get(iri, []), key=lambda q: (q[0], q[2])):
            if article in by_iri and text not in by_iri[article].quotes:
                by_iri[article].quotes.append(text)
        return sources

    def source_of(self, row) -> str | None:
        g = _v(row, "g")
        if g is None:
            return None
        article = self.graphs.get(g) or _graph_article(g)
        self.sources.setdefault(article, Source(article))
        return article

    def thing(self, things: dict[str, Thing], iri: str | None, label: str | None, source: str | None) -> Thing | None:
        if iri is None:
            return None
        t = things.get(iri)
        if t is None:
            t = things[iri] = Thing(iri, label or local_name(iri), self.href(iri))
        elif label and t.text == local_name(iri):
            t.text = label
        if source:
            t.sources.add(source)
        return t

    def common(self, row) -> bool:
        """Read the row kinds every page has (header, source, quote); True if it was one."""
        kind = row["kind"].value
        if kind == "header":
            self.header.setdefault(_v(row, "p") or "", set()).add(_v(row, "o") or "")
            return True
        if kind == "source":
            src = self.sources.setdefault(_v(row, "x") or "", Source(_v(row, "x") or ""))
            for attr, name in (("headline", "v"), ("label", "w"), ("date", "o"), ("url", "y"), ("publisher", "zl")):
                if getattr(src, attr) is None and row[name] is not None:
                    setattr(src, attr, row[name].value)
            return True
        if kind == "quote":
            article = self.source_of(row)
            begin = _v(row, "begin")
            entry = (article or "", _v(row, "text") or "", int(begin) if begin and begin.isdigit() else 0)
            quotes = self.quotes.setdefault(_v(row, "x") or "", [])
            if entry not in quotes:
                quotes.append(entry)
            return True
        return False

    def attach_quotes(self, things: Iterable[Thing]) -> None:
        for t in things:
            t.quotes = [(a, text) for a, text, _ in sorted(self.quotes.get(t.iri, []), key=lambda q: (q[0], q[2]))]

    def numbered_sources(self, used: set[str] | None = None) -> list[Source]:
        """The sources, oldest first, numbered 1..n; ``used`` limits them to the ones cited."""
        chosen = [s for s in self.sources.values() if s.iri and (used is None or s.iri in used)]
        chosen.sort(key=lambda s: (s.date or "9999", s.title))
        for n, s in enumerate(chosen, 1):
            s.n = n
            s.href = self.href(s.iri)
            s.url_href = self.href(s.url) if s.url else None
        return chosen

    def labels(self) -> list[str]:
        return sorted(self.header.get(RDFS_LABEL, set()), key=lambda x: (-len(x), x))

    def page_label(self, iri: str) -> str:
        """The longest rdfs:label (the full name; an acronym is shown beside it), else the IRI's local name."""
        labels = self.labels()
        return labels[0] if labels else local_name(iri)


def cite(things: Iterable[Thing], sources: Mapping[str, Source]) -> None:
    """Replace each thing's source IRIs by the numbered sources (for the [1] [2] marks)."""
    for t in things:
        t.extra["cited"] = sorted((sources[s] for s in t.sources if s in sources), key=lambda s: s.n)
        t.extra["quoted"] = [(sources.get(a), text) for a, text in t.quotes]


def header_model(reader: Reader, iri: str) -> dict:
    label = reader.page_label(iri)
    same_as = sorted(v for v in reader.header.get(OWL_SAME_AS, set()) if v)
    alt = sorted((reader.header.get(SKOS_ALT, set()) | set(reader.labels())) - {label}, key=str.lower)
    return {
        "iri": iri,
        "label": label,
        "acronym": sorted(reader.header.get(SKG + "acronym", set()))[:1],
        "alt_labels": alt,
        "same_as": [{"iri": s, "href": reader.href(s)} for s in same_as],
    }


# -- summit ---------------------------------------------------------------------------------------

#: (property, heading) of the summary card, in its order.
CARD_FACTS = (
    ("organizer", "Organization"),
    ("ordinal", "Ordinal"),
    ("summitKind", "Body"),
    ("hostCity", "Host city"),
    ("hostCountry", "Host country"),
    ("startDate", "Start"),
    ("endDate", "End"),
    ("pointInTime", "Date"),
    ("documentCount", "Documents reported"),
    ("documentsReported", "Documents reported as"),
)
#: Facts that have one true value: more than one is a disagreement between articles.
SINGLE_VALUED = {"organizer", "ordinal", "hostCity", "hostCountry", "startDate", "endDate", "pointInTime"}
MEMBERSHIP_TYPES = {
    SKG + "MembershipFull": "member",
    SKG + "MembershipObserver": "observer",
    SKG + "MembershipDialoguePartner": "dialogue partner",
    SKG + "MembershipCandidate": "candidate",
}
TYPE_ORDER = ("member", "observer", "dialogue partner", "candidate")


def ordinal_text(n: str) -> str:
    try:
        i = int(n)
    except ValueError:
        return n
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def summit_model(iri: str, rows: Iterable, href: Href) -> dict:
    """The summit card: facts with their sources (both values where articles disagree),
    members by type, participants with roles, documents with status, sources with quotes."""
    reader = Reader(href)
    facts: dict[str, dict[str, Thing]] = {}
    participations: dict[str, Thing] = {}
    participants: dict[str, Thing] = {}
    documents: dict[str, Thing] = {}
    members: dict[tuple[str, str], Thing] = {}
    for kind, row in reader.each(rows):
        src = reader.source_of(row)
        if kind == "fact":
            prop = (_v(row, "p") or "")[len(SKG) :]
            value = _v(row, "o") or ""
            target = facts.setdefault(prop, {})
            if isinstance(row["o"], ox.NamedNode):
                reader.thing(target, value, _v(row, "ol"), src)
            else:
                dated = "Date" in prop or prop == "pointInTime"
                text = ordinal_text(value) if prop == "ordinal" else human_date(value) if dated else value
                t = target.setdefault(value, Thing(value, text))
                if src:
                    t.sources.add(src)
        elif kind == "participation":
            part = reader.thing(participations, _v(row, "x"), None, src)
            assert part is not None
            for key in ("y", "z", "o"):
                if row[key] is not None:
                    part.extra.setdefault(
                        key,
                        Thing(row[key].value, _v(row, key + "l") or local_name(row[key].value), href(row[key].value)),
                    )
            if row["v"] is not None:
                part.extra.setdefault("capacities", set()).add(row["v"].value)
        elif kind == "participant":
            reader.thing(participants, _v(row, "x"), _v(row, "xl"), src)
        elif kind == "document":
            doc = reader.thing(documents, _v(row, "x"), _v(row, "xl"), src)
            assert doc is not None
            for key, name in (("v", "status"), ("w", "kind")):
                if row[key] is not None:
                    doc.extra.setdefault(name, set()).add(row[key].value)
            if row["y"] is not None:
                doc.extra.setdefault("concepts", set()).add(local_name(row["y"].value).removeprefix("Status").lower())
        elif kind == "membership":
            mtype = MEMBERSHIP_TYPES.get(_v(row, "z") or "", "member")
            member = (mtype, _v(row, "y") or "")
            if member not in members:
                members[member] = Thing(member[1], _v(row, "yl") or local_name(member[1]), href(member[1]))
            if src:
                members[member].sources.add(src)
            if row["v"] is not None:
                members[member].extra["status"] = row["v"].value
    new = facts.pop("newMember", {})
    for t in new.values():
        members.setdefault(("member", t.iri), Thing(t.iri, t.text, t.href)).sources |= t.sources
    # participations whose person is known; a country or organization listed only as
    # a participant (short form) joins the list on its own row
    covered = {t.extra[k].iri for t in participations.values() for k in ("y", "z", "o") if k in t.extra}
    people: list[dict[str, Any]] = []
    for t in participations.values():
        who = t.extra.get("y") or t.extra.get("o") or t.extra.get("z")
        people.append(
            {
                "thing": t,
                "who": who,
                "country": t.extra.get("z") if who is not t.extra.get("z") else None,
                "org": t.extra.get("o") if who is not t.extra.get("o") else None,
                "capacities": sorted(t.extra.get("capacities", set()), key=lambda c: (len(c), c)),
            }
        )
    for t in participants.values():
        if t.iri not in covered:
            people.append({"thing": t, "who": t, "country": None, "org": None, "capacities": []})
    people.sort(key=lambda p: ((p["country"].text if p["country"] else p["who"].text).lower(), p["who"].text.lower()))

    reader.attach_quotes([*participations.values(), *participants.values(), *documents.values()])
    sources_list = reader.sources_with_quotes(iri)
    by_iri = {s.iri: s for s in sources_list}
    all_things = (
        [t for vs in facts.values() for t in vs.values()]
        + list(participations.values())
        + list(participants.values())
        + list(documents.values())
        + list(members.values())
    )
    cite(all_things, by_iri)

    if not facts.get("ordinal"):  # no article gives it: the canonical label may ('15th SCO Summit, Ufa 2015')
        n = label_ordinal(reader.page_label(iri))
        if n:
            facts["ordinal"] = {n: Thing(n, ordinal_text(n))}
    card = []
    for prop, heading in CARD_FACTS:
        values = sorted(facts.get(prop, {}).values(), key=lambda t: (-len(t.sources), t.text))
        if values:
            card.append(
                {
                    "prop": prop,
                    "heading": heading,
                    "values": values,
                    "disagree": prop in SINGLE_VALUED and len(values) > 1,
                }
            )
    by_type: dict[str, list[Thing]] = {}
    for (mtype, _), t in sorted(members.items(), key=lambda kv: kv[1].text.lower()):
        by_type.setdefault(mtype, []).append(t)
    new_iris = set(new)
    docs = []
    for t in sorted(documents.values(), key=lambda d: d.text.lower()):
        docs.append(
            {
                "thing": t,
                "status": sorted(t.extra.get("status", set())),
                "concepts": sorted(t.extra.get("concepts", set())),
                "kind": sorted(t.extra.get("kind", set())),
            }
        )
    model = header_model(reader, iri)
    model.update(
        {
            "card": card,
            "disagreements": [c for c in card if c["disagree"]],
            "members": [{"type": mt, "things": by_type[mt]} for mt in TYPE_ORDER if mt in by_type],
            "new_members": [t for t in by_type.get("member", []) if t.iri in new_iris],
            "participants": people,
            "documents": docs,
            "sources": sources_list,
        }
    )
    return model


# -- organization -------------------------------------------------------------------------------------


def _year(date: str | None) -> int | None:
    m = re.match(r"(\d{4})", date or "")
    return int(m.group(1)) if m else None


def label_ordinal(label: str | None) -> str | None:
    """The ordinal a canonical summit label starts with ('15th SCO Summit, Ufa 2015' -> '15')."""
    m = re.match(r"(\d+)(?:st|nd|rd|th)\b", (label or "").strip())
    return m.group(1) if m else None


def _label_year(label: str | None) -> int | None:
    """The year a canonical summit label ends with ('17th SCO Summit, Astana 2017' -> 2017)."""
    m = re.search(r"\b((?:19|20)\d\d)$", (label or "").strip())
    return int(m.group(1)) if m else None


def short_summit_label(label: str | None, date: str | None = None) -> str:
    """'17th SCO Summit, Astana 2017' -> '17th, Astana 2017' (a chart column); else the label or the date."""
    m = re.match(r"^(\d+(?:st|nd|rd|th))\b[^,]*,\s*(.+)$", label or "")
    if m:
        return f"{m.group(1)}, {m.group(2)}"
    m = re.match(r"^[^,]+,\s*(.+)$", label or "")
    if m:
        return m.group(1)
    return human_date(date) or label or "undated"


def organization_model(iri: str, rows: Iterable, href: Href) -> dict:
    """Summits in date order (for the timeline), membership statements by summit (the chart),
    and the members by type with how many articles state each."""
    reader = Reader(href)
    summits: dict[str, dict] = {}
    statements: list[dict] = []
    members: dict[str, list[dict]] = {}
    for kind, row in reader.each(rows):
        if kind == "summit":
            x = _v(row, "x") or ""
            date = _v(row, "o")
            summits[x] = {
                **_ref(row, "x", href),
                "ordinal": _v(row, "v") or label_ordinal(_v(row, "xl")),
                "date": date,
                "year": _year(date) or _label_year(_v(row, "xl")),
                "city": _v(row, "yl") or (local_name(_v(row, "y") or "") if row["y"] else None),
                "city_href": href(row["y"].value) if row["y"] else None,
                "country": _v(row, "zl"),
                "articles": int(_v(row, "w") or 0),
            }
        elif kind == "statement":
            statements.append(
                {
                    "summit": _v(row, "x"),
                    "summit_label": _v(row, "xl"),
                    "date": _v(row, "o"),
                    "member": _v(row, "y") or "",
                    "member_label": _v(row, "yl") or local_name(_v(row, "y") or ""),
                    "type": MEMBERSHIP_TYPES.get(_v(row, "z") or "", "member"),
                    "new": (_v(row, "v") or "0") == "1",
                    "articles": int(_v(row, "w") or 0),
                }
            )
        elif kind == "membership":
            mtype = MEMBERSHIP_TYPES.get(_v(row, "z") or "", "member")
            members.setdefault(mtype, []).append({**_ref(row, "y", href), "articles": int(_v(row, "w") or 0)})
    ordered = sorted(
        summits.values(),
        key=lambda s: (
            s["date"] or (str(s["year"]) if s["year"] else "9999"),
            int(s["ordinal"]) if (s["ordinal"] or "").isdigit() else 0,
            s["label"],
        ),
    )
    for mt in members.values():
        mt.sort(key=lambda m: m["label"].lower())
    model = header_model(reader, iri)
    model.update(
        {
            "summits": ordered,
            "statements": statements,
            "members": [{"type": mt, "things": members[mt]} for mt in TYPE_ORDER if mt in members],
        }
    )
    return model


def membership_columns(
    statements: list[dict], summits: Mapping[str, dict] | None = None
) -> tuple[list[dict], list[dict]]:
    """The membership chart's columns (one per summit -- or date -- at which articles state
    memberships, in date order) and rows (one per member: its type and newness per column)."""
    columns: dict[str, dict] = {}
    for s in statements:
        key = s["summit"] or f"date:{s['date'] or '?'}"
        col = columns.setdefault(
            key, {"key": key, "summit": s["summit"], "label": s["summit_label"], "date": s["date"], "counts": {}}
        )
        if s["date"] and (col["date"] is None or s["date"] < col["date"]):
            col["date"] = s["date"]
    ordered = sorted(columns.values(), key=lambda c: (c["date"] or "9999", c["label"] or ""))
    index = {c["key"]: i for i, c in enumerate(ordered)}
    rows: dict[str, dict] = {}
    for s in statements:
        row = rows.setdefault(s["member"], {"iri": s["member"], "label": s["member_label"], "cells": {}})
        i = index[s["summit"] or f"date:{s['date'] or '?'}"]
        current = row["cells"].get(i)
        rank = TYPE_ORDER.index(s["type"])
        if current is None or rank < TYPE_ORDER.index(current["type"]):  # member wins over observer ...
            row["cells"][i] = {"type": s["type"], "new": s["new"], "articles": s["articles"]}
        elif s["new"]:
            current["new"] = True
    for row in rows.values():
        for i, cell in row["cells"].items():
            counts = ordered[i]["counts"]
            counts[cell["type"]] = counts.get(cell["type"], 0) + 1
            if cell["new"]:
                counts["new"] = counts.get("new", 0) + 1

    def first(r: dict) -> tuple:
        return min(r["cells"]), min(TYPE_ORDER.index(c["type"]) for c in r["cells"].values()), r["label"].lower()

    return ordered, sorted(rows.values(), key=first)


# -- country and person ------------------------------------------------------------------------------------


def _summit_ref(row, href: Href) -> dict:
    """The summit in column ``x`` with its date (column ``o``)."""
    return {**_ref(row, "x", href), "date": _v(row, "o"), "when": human_date(_v(row, "o"))}


def country_model(iri: str, rows: Iterable, href: Href) -> dict:
    """Summits attended (with who came) and hosted, memberships with the summits that state them
    (its changes over time), people of the country, and the sentences that name it, by article."""
    reader = Reader(href)
    attended: dict[str, dict] = {}
    hosted: dict[str, dict] = {}
    memberships: dict[tuple[str, str], dict] = {}
    people: list[dict] = []
    represented: dict[str, dict] = {}
    for kind, row in reader.each(rows):
        if kind == "attended":
            ref = _summit_ref(row, href)
            attended[ref["iri"]] = ref
        elif kind == "represented":  # who came for it (one of them) and as what
            represented[_v(row, "x") or ""] = {
                "person": _v(row, "yl"),
                "capacity": _v(row, "v"),
                "person_href": href(_v(row, "y") or "") if row["y"] else None,
            }
        elif kind == "hosted":
            hosted[_v(row, "x") or ""] = _summit_ref(row, href)
        elif kind == "membership":
            org = _v(row, "y") or ""
            mtype = MEMBERSHIP_TYPES.get(_v(row, "z") or "", "member")
            m = memberships.setdefault(
                (org, mtype),
                {
                    "org": org,
                    "org_href": href(org),
                    "org_label": _v(row, "yl") or local_name(org),
                    "type": mtype,
                    "stated": [],
                    "articles": 0,
                },
            )
            m["articles"] += int(_v(row, "w") or 0)
            if row["x"] is not None or _v(row, "o") is not None:
                m["stated"].append(
                    {**_summit_ref(row, href), "new": _v(row, "v") == "1"}
                    if row["x"] is not None
                    else {
                        "iri": "",
                        "href": None,
                        "label": "",
                        "date": _v(row, "o"),
                        "when": human_date(_v(row, "o")),
                        "new": False,
                    }
                )
        elif kind == "person":
            people.append({**_ref(row, "x", href), "articles": int(_v(row, "w") or 0)})
    for x, ref in attended.items():
        ref.update(represented.get(x, {"person": None, "capacity": None, "person_href": None}))
    for m in memberships.values():
        m["stated"].sort(key=lambda s: s["date"] or "9999")
    model = _with_mentions(header_model(reader, iri), reader, iri)
    model.update(
        {
            "attended": sorted(attended.values(), key=lambda s: s["date"] or "9999"),
            "hosted": sorted(hosted.values(), key=lambda s: s["date"] or "9999"),
            "memberships": sorted(
                memberships.values(), key=lambda m: (m["org_label"].lower(), TYPE_ORDER.index(m["type"]))
            ),
            "people": sorted(people, key=lambda p: (-p["articles"], p["label"])),
        }
    )
    return model


def person_model(iri: str, rows: Iterable, href: Href) -> dict:
    """Roles held (title, country, organization), countries, summits attended in date order
    (capacity, host city), and the sentences that name the person, by article."""
    reader = Reader(href)
    roles: dict[str, dict] = {}
    countries: dict[str, dict] = {}
    attended: dict[str, dict] = {}
    for kind, row in reader.each(rows):
        if kind == "role":
            x = _v(row, "x") or ""
            role = roles.setdefault(x, {"title": _v(row, "v") or local_name(x), "country": None, "org": None})
            if row["y"] is not None:
                role["country"] = _ref(row, "y", href)
            if row["z"] is not None:
                role["org"] = _ref(row, "z", href)
        elif kind == "country":
            countries[_v(row, "x") or ""] = _ref(row, "x", href)
        elif kind == "attended":
            ref = attended.setdefault(_v(row, "x") or "", _summit_ref(row, href))
            if row["v"] is not None:
                ref.setdefault("capacities", set()).add(row["v"].value)
            if row["y"] is not None:
                ref["country"] = _v(row, "yl")
            if row["z"] is not None:
                ref["city"] = _v(row, "zl")
            if ref["date"] is None and _v(row, "o") is not None:
                ref.update(date=_v(row, "o"), when=human_date(_v(row, "o")))
    for ref in attended.values():
        ref["capacities"] = sorted(ref.get("capacities", set()), key=lambda c: (len(c), c))
    model = _with_mentions(header_model(reader, iri), reader, iri)
    model.update(
        {
            "roles": sorted(roles.values(), key=lambda r: (len(r["title"]), r["title"])),
            "countries": sorted(countries.values(), key=lambda c: c["label"]),
            "attended": sorted(attended.values(), key=lambda s: s["date"] or "9999"),
        }
    )
    return model


def _with_mentions(model: dict, reader: Reader, iri: str) -> dict:
    """The articles that quote the entity, newest first, each with its sentences."""
    sources = reader.sources_with_quotes(iri)
    quoted = sorted((s for s in sources if s.quotes), key=lambda s: s.date or "", reverse=True)
    model["mentions"] = quoted[:MAX_MENTIONS]
    model["mentions_total"] = len(quoted)
    model["sources"] = sources
    return model


BUILDERS: dict[str, Callable[[str, Iterable, Href], dict]] = {
    "summit": summit_model,
    "organization": organization_model,
    "country": country_model,
    "person": person_model,
}


def page_kind(types: Iterable[str]) -> str | None:
    """The page an entity of these classes gets (None: the generic page)."""
    present = set(types)
    for cls, kind in PAGE_KINDS:
        if cls in present:
            return kind
    return None
