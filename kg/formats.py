"""Media types and content negotiation: the formats the endpoint speaks, and picking one.

* the media types of SPARQL results (:data:`RESULTS_TYPES`), of graphs
  (:data:`GRAPH_TYPES`, :data:`TRIPLE_TYPES`) and of protocol bodies;
* :func:`negotiate` -- an ``Accept`` header against the formats on offer, with
  q-values and wildcards (``None`` means 406).

A base module: it imports nothing of the project (no Flask, no pyoxigraph: media types
are plain strings), so the store's HTTP client and the web layer share it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Sequence

# -- media types ---------------------------------------------------------------------

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

#: Offers for SELECT and ASK results, the server's preference first.
RESULTS_TYPES: tuple[str, ...] = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
#: Also accepted for SELECT and ASK, answered as SPARQL JSON results (plain JSON clients send it).
RESULTS_ALIASES = {"application/json": "application/sparql-results+json"}
#: Offers for CONSTRUCT and DESCRIBE results (a graph), the server's preference first.
#: N-Quads and TriG carry the graph as the default graph.
GRAPH_TYPES: tuple[str, ...] = (
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
)
#: Offers of the Graph Store Protocol and the service description (triples only).
TRIPLE_TYPES: tuple[str, ...] = GRAPH_TYPES[:4]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def offers_for(form: str) -> tuple[str, ...]:
    """The media types a query form can be answered in."""
    return RESULTS_TYPES if form in ("SELECT", "ASK") else GRAPH_TYPES


def parse_media_type(value: str | None) -> tuple[str, dict[str, str]]:
    """``'Text/CSV; charset=UTF-8'`` -> ``('text/csv', {'charset': 'UTF-8'})``; ``''`` for none."""
    if not value:
        return "", {}
    main, *rest = value.split(";")
    params = {}
    for part in rest:
        name, sep, val = part.partition("=")
        if sep:
            params[name.strip().lower()] = val.strip().strip('"')
    return main.strip().lower(), params


# -- content negotiation ----------------------------------------------------------------

#: The longest ``Accept`` header read (real clients send well under 1 KB); a longer one accepts nothing.
MAX_ACCEPT_BYTES = 4096


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, offer: str) -> int:
        """How closely this range names ``offer``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 no match."""
        otype, _, osub = offer.partition("/")
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != otype:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == osub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed entries are skipped."""
    ranges = []
    for item in (header or "").split(","):
        mtype, params = parse_media_type(item)
        if "/" not in mtype:
            continue
        main, _, sub = mtype.partition("/")
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        if main and sub and 0.0 <= q <= 1.0:
            ranges.append(MediaRange(main, sub, q))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """Pick the offer the client likes best (RFC 9110 12.5.1), ``None`` if none is acceptable.

    Each offer gets the q-value of the most specific range that matches it; the highest
    q wins, ties go to the earlier offer (the server's preference).  No ``Accept`` header
    (or an empty one) accepts anything: the first offer.
    """
    if accept is not None and len(accept) > MAX_ACCEPT_BYTES:
        return None  # not read (the server answers 400); its pure-Python parsing is not free
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best, best_q = None, 0.0
    for offer in offers:
        matches = [(r.specificity(offer), r.q) for r in ranges if r.specificity(offer) >= 0]
        if not matches:
            continue
        q = max(matches)[1]  # the most specific range decides (ties: the higher q)
        if q > best_q:
            best, best_q = offer, q
    return best


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def negotiate_results(accept: str | None) -> str | None:
    """:func:`negotiate` for a SELECT/ASK result, ``application/json`` counting as SPARQL JSON."""
    choice = negotiate(accept, RESULTS_TYPES + tuple(RESULTS_ALIASES))
    return RESULTS_ALIASES.get(choice, choice) if choice else None
