"""Media types, the RDF and results formats behind them, and content negotiation.

* :class:`QueryForm` -- SELECT, ASK, CONSTRUCT, DESCRIBE, and what each is answered in;
* the format registry: pyoxigraph's :class:`~pyoxigraph.RdfFormat` and
  :class:`~pyoxigraph.QueryResultsFormat` objects (they know their media types, file
  extensions and whether they carry named graphs), looked up by media type
  (:func:`rdf_format`, :func:`results_format`) or by the short names of dumps and of
  the CLI (:data:`DUMP_NAMES`, :data:`RESULTS_NAMES`);
* the offers of the endpoint, the server's preference first (:data:`RESULTS_TYPES`,
  :data:`GRAPH_TYPES`, :data:`TRIPLE_TYPES`), and the media types of protocol bodies;
* :func:`negotiate` -- an ``Accept`` header against the formats on offer, with
  q-values and wildcards (``None`` means 406).

A base module: it imports nothing of the project and no Flask, so the store, the query
workers, the web layer and the CLI share it.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

# -- media types ---------------------------------------------------------------------

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


def media_type_of(fmt: ox.RdfFormat | ox.QueryResultsFormat) -> str:
    """A format's media type without parameters (pyoxigraph says ``text/csv; charset=utf-8``)."""
    return fmt.media_type.partition(";")[0].strip()


#: The SPARQL results formats, the server's preference first.
RESULTS_FORMATS: tuple[ox.QueryResultsFormat, ...] = (
    ox.QueryResultsFormat.JSON,
    ox.QueryResultsFormat.XML,
    ox.QueryResultsFormat.CSV,
    ox.QueryResultsFormat.TSV,
)
#: The RDF formats a graph is written in, the server's preference first; the first four are triple formats.
RDF_FORMATS: tuple[ox.RdfFormat, ...] = (
    ox.RdfFormat.TURTLE,
    ox.RdfFormat.N_TRIPLES,
    ox.RdfFormat.RDF_XML,
    ox.RdfFormat.JSON_LD,
    ox.RdfFormat.N_QUADS,
    ox.RdfFormat.TRIG,
)

#: Offers for SELECT and ASK results, the server's preference first.
RESULTS_TYPES: tuple[str, ...] = tuple(media_type_of(f) for f in RESULTS_FORMATS)
#: Also accepted for SELECT and ASK, answered as SPARQL JSON results (plain JSON clients send it).
RESULTS_ALIASES = {"application/json": "application/sparql-results+json"}
#: Offers for CONSTRUCT and DESCRIBE results (a graph), the server's preference first.
#: N-Quads and TriG carry the graph as the default graph.
GRAPH_TYPES: tuple[str, ...] = tuple(media_type_of(f) for f in RDF_FORMATS)
#: The formats of triples only (no graph names).
TRIPLE_FORMATS: tuple[ox.RdfFormat, ...] = RDF_FORMATS[:4]
#: Offers of the Graph Store Protocol and the service description (triples only).
TRIPLE_TYPES: tuple[str, ...] = tuple(media_type_of(f) for f in TRIPLE_FORMATS)

_RESULTS_BY_TYPE = {media_type_of(f): f for f in RESULTS_FORMATS}
_RDF_BY_TYPE = {media_type_of(f): f for f in RDF_FORMATS}

#: ``Store.dump`` and ``kg dump``/``kg query --format`` names of the RDF formats.
DUMP_NAMES: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
#: ``kg query --format`` names of the results formats.
RESULTS_NAMES: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


def rdf_format(media_type: str) -> ox.RdfFormat:
    """The RDF format of one of :data:`GRAPH_TYPES` (KeyError for any other)."""
    return _RDF_BY_TYPE[media_type]


def results_format(media_type: str) -> ox.QueryResultsFormat:
    """The results format of one of :data:`RESULTS_TYPES` (KeyError for any other)."""
    return _RESULTS_BY_TYPE[media_type]


def dump_format(name: str) -> ox.RdfFormat:
    """The RDF format of a dump name (:data:`DUMP_NAMES`); ValueError for an unknown one."""
    try:
        return DUMP_NAMES[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


def dump_name(fmt: ox.RdfFormat) -> str:
    """The dump name of an RDF format of :data:`RDF_FORMATS`."""
    return next(name for name, f in DUMP_NAMES.items() if f == fmt)


def dumps_quads(fmt: ox.RdfFormat) -> bool:
    """Whether a dump in ``fmt`` keeps graph names: N-Quads and TriG.

    JSON-LD could carry named graphs too (``supports_datasets``) but is written as the
    default graph's triples, as the triple formats are."""
    return fmt.supports_datasets and fmt != ox.RdfFormat.JSON_LD


def prefixed(fmt: ox.RdfFormat) -> bool:
    """Whether ``fmt`` declares prefixes (Turtle, TriG): written with the project's when dumped."""
    return fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)


class QueryForm(enum.StrEnum):
    """The four forms of a SPARQL query (equal to their keyword, as strings are)."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @classmethod
    def of(cls, keyword: str) -> QueryForm | None:
        """The form a keyword (in capitals) names, None for any other word."""
        return _FORMS.get(keyword)

    @property
    def answers_results(self) -> bool:
        """Answered with a results document (SELECT, ASK), not a graph (CONSTRUCT, DESCRIBE)."""
        return self in (QueryForm.SELECT, QueryForm.ASK)

    @property
    def offers(self) -> tuple[str, ...]:
        """The media types this form can be answered in, the server's preference first."""
        return RESULTS_TYPES if self.answers_results else GRAPH_TYPES


_FORMS = {form.value: form for form in QueryForm}


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
