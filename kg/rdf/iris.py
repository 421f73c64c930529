"""IRIs: validated in one place, minted in one place.

``validate_iri`` is the only gate through which user-supplied text becomes an IRI
(graph names, dataset parameters, entity look-ups).  Minting (deterministic IRIs for
summits, countries, people, documents, articles...) lives here too, so two articles
about one summit meet on one IRI.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import BadRequest
from kg.linking.gazetteer import organization_key_name

from . import iri_keys
from .iri_keys import DEFAULT_KEYS, KeyTable, fold, looks_like_acronym
from .summit_table import DEFAULT_BODY, KnownSummit, SummitTable, default_summit_table, find_summit

# RFC 3987 forbids these in an IRI; they are also what would break out of <...> in
# SPARQL or N-Triples.
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def validate_iri(value: str) -> str:
    """Return ``value`` if it is an absolute IRI safe to write as ``<value>``, else raise BadRequest."""
    if not isinstance(value, str) or not value:
        raise BadRequest("an IRI is required")
    if not _SCHEME.match(value):
        raise BadRequest(f"not an absolute IRI: {value[:200]!r}")
    bad = _FORBIDDEN.search(value)
    if bad:
        raise BadRequest(f"IRI contains a forbidden character {bad.group()!r}: {value[:200]!r}")
    try:  # and the store's own RFC 3987 parser (code points such as U+FFF0, bad ports...)
        ox.NamedNode(value)
    except ValueError as exc:
        raise BadRequest(f"not a valid IRI ({exc}): {value[:200]!r}") from None
    return value


def is_valid_iri(value: str) -> bool:
    try:
        validate_iri(value)
    except BadRequest:
        return False
    return True


# -- minting --------------------------------------------------------------------------
#
# Every IRI the mappers write is minted below, deterministically, from a *key*: a path
# under the base IRI made of slugs (lowercase ASCII, accents folded, apostrophes dropped,
# any other run of characters '-'; nothing is percent-encoded).  Names are first mapped
# to a canonical form by kg.rdf.iri_keys.KeyTable (aliases and QIDs); the QID itself is
# not in the IRI, it is written as owl:sameAs.  The rules:
#
#   country/{name}                      canonical English name (KeyTable: aliases, QID)
#   city/{country}/{name}               city/{name} when the country is not known
#   place/{country}/{name}              other places (venues, regions); place/{name}
#   org/{acronym-or-name}               acronym (given, looked up or the name itself
#                                       when it looks like one), else the folded name
#   person/{canonical-name}
#   summit/{org}/{key}                  a summit the table of known summits lists
#                                       (kg/data/summits.json): key = its ordinal, else
#                                       its year (year-city when the body met twice that
#                                       year); found from whichever of ordinal, year,
#                                       host city and dates the article gives
#   summit/{org}/{year}                 any other summit with a year (of its dates, else
#                                       -- main summit only -- of the publication);
#                                       else summit/{org}/{ordinal}, else
#                                       summit/{org}/undated-{host-city}; when even
#                                       those are missing the summit is scoped to the
#                                       article: summit/{org}/in-{article}-{n}
#      (the body follows the org for meetings other than of heads of state:
#      summit/sco/heads-of-government/19, summit/cica/foreign-ministers/1)
#   document/{summit path}/{title}      documents of a summit; document/{title} otherwise
#   membership/{org}/{member}/{type}    type: member | observer | dialogue-partner | candidate
#   membership-statement/{org}/{member}/{type}/summit-{summit path}   the membership as
#                                       stated at a summit (article-{id} with no summit)
#   role/{person}/{title}
#   participation/{summit path}/{person, else country, else org}
#   article/{id}, graph/{id}            id: sha256 of the URL, else of the text (first 24
#                                       hex digits), else the slug
#   mention/{article id}/{start}-{end}  mention/{article id}/s-{sha256 of the sentence}


DEFAULT_BASE_IRI = "https://w3id.org/summit-kg/id/"
_SLUG_MAX = 80
_SLUG_CUT = re.compile(r"[^a-z0-9]+")
_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]*")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: most IRIs a minter remembers (the same names come back in article after article)
_MEMO_MAX = 1 << 16


@functools.lru_cache(maxsize=_MEMO_MAX)
def compact(name: str) -> str:
    """``kg.rdf.iri_keys.compact``, remembered: mapping asks for the same names again and again."""
    return iri_keys.compact(name)


def sha256_hex(data: str | bytes) -> str:
    """The SHA-256 of ``data`` (UTF-8 for text), hex."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@functools.lru_cache(maxsize=_MEMO_MAX)  # pure, and asked for the same names again and again
def slugify(text: str) -> str:
    """A path segment: lowercase ASCII, accents folded, apostrophes dropped, any other run of
    non-alphanumerics '-'.  Text with no ASCII letter or digit left (e.g. 习近平) becomes
    ``x-`` + a hash of it; long slugs are cut and end in a hash, so slugs stay distinct."""
    folded = fold(str(text)).lower().replace("'", "")
    slug = _SLUG_CUT.sub("-", folded).strip("-")
    if not slug:
        return "x-" + sha256_hex(str(text))[:12]
    if len(slug) > _SLUG_MAX:
        slug = slug[: _SLUG_MAX - 13].rstrip("-") + "-" + sha256_hex(str(text))[:12]
    return slug


def title_slug(title: str) -> str:
    """Slug of a title without a leading article: 'the Astana Declaration' = 'Astana Declaration'."""
    return slugify(_LEADING_ARTICLE.sub("", str(title).strip()))


def name_slug(name: str) -> str:
    """Slug of a proper name without a leading 'the': 'the Netherlands' = 'Netherlands'."""
    return slugify(_LEADING_THE.sub("", str(name).strip()))


_HEADS_OF_STATE = re.compile(r"heads? of (the )?states?|leaders|president", re.IGNORECASE)
_HEADS_OF_GOVERNMENT = re.compile(
    r"heads? of governments?|prime ministers?|premiers?|intergovernmental council", re.IGNORECASE
)
_FOREIGN_MINISTERS = re.compile(
    r"foreign ministers?|ministers? (of|for) foreign affairs|foreign affairs ministers?|"
    r"council of ministers of foreign affairs",
    re.IGNORECASE,
)
_MINISTERS = re.compile(r"\bministers?\b|\bministerial\b", re.IGNORECASE)


def summit_body(kind: str | None, name: str | None = None) -> str:
    """The body a summit is a meeting of: heads-of-state (the default: leaders' summits,
    heads of state and government), heads-of-government, foreign-ministers or ministers.

    The kind decides when it names a body; else the name ("Council of Heads of
    Government (Prime Ministers)").  Bodies are numbered and keyed apart."""
    for text in (kind, name):
        if not text:
            continue
        if _HEADS_OF_STATE.search(text):
            return DEFAULT_BODY
        if _HEADS_OF_GOVERNMENT.search(text):
            return "heads-of-government"
        if _FOREIGN_MINISTERS.search(text):
            return "foreign-ministers"
        if _MINISTERS.search(text):
            return "ministers"
    return DEFAULT_BODY


class IRIMinter:
    """Mints every IRI of the graph, deterministically, under one base IRI.

    Entity IRIs depend only on the entity (never on the article that names it), so
    two articles meet on one IRI; article, graph and mention IRIs depend on the
    article.  Every minted IRI passes ``validate_iri``.  Methods that take IRIs
    (``summit(org, ...)``, ``document(summit, ...)``) take IRIs this minter made.
    """

    def __init__(
        self, base_iri: str = DEFAULT_BASE_IRI, *, keys: KeyTable | None = None, summits: SummitTable | None = None
    ) -> None:
        validate_iri(base_iri)
        if not base_iri.endswith(("/", "#")):
            raise BadRequest(f"the base IRI must end with '/' or '#': {base_iri!r}")
        self.base = base_iri
        self.keys = keys or DEFAULT_KEYS
        self.summits = summits if summits is not None else default_summit_table()
        self._memo: dict[tuple, URIRef | str] = {}  # minting is pure: (what, *args) -> result

    # -- plumbing ---------------------------------------------------------------------

    def _remember(self, key: tuple, value: URIRef | str) -> URIRef | str:
        if len(self._memo) >= _MEMO_MAX:
            self._memo.clear()
        self._memo[key] = value
        return value

    def _iri(self, *segments: str) -> URIRef:
        found = self._memo.get(segments)
        if found is not None:
            return found  # type: ignore[return-value]
        for seg in segments:  # slugs or digits only: no '/', no percent-encoding needed
            if not seg or not _SEGMENT.fullmatch(seg):
                raise ValueError(f"not a slug segment: {seg!r}")
        return self._remember(segments, URIRef(validate_iri(self.base + "/".join(segments))))  # type: ignore[return-value]

    def key(self, iri: str) -> str:
        """The key (path under the base) of an IRI this minter made."""
        if not str(iri).startswith(self.base):
            raise ValueError(f"{iri} was not minted under {self.base}")
        return str(iri)[len(self.base) :]

    def _tail(self, iri: str, kind: str) -> list[str]:
        head, *rest = self.key(iri).split("/")
        if head != kind or not rest:
            raise ValueError(f"{iri} is not a {kind} IRI")
        return rest

    def _flat(self, iri: str) -> str:
        """One segment naming an entity IRI: country/russia -> country-russia."""
        return self.key(iri).replace("/", "-")

    # -- places -----------------------------------------------------------------------

    def country(self, name: str, qid: str | None = None) -> URIRef:
        return self._iri("country", name_slug(self.country_label(name, qid)))

    def country_label(self, name: str, qid: str | None = None) -> str:
        """The canonical name the country IRI is minted from (for labels)."""
        key = ("country label", name, qid)
        found = self._memo.get(key)
        return found if found is not None else self._remember(key, self.keys.country(name, qid))

    def city(self, name: str, country: str | None = None) -> URIRef:
        """A city; ``country`` is the country IRI when known."""
        key = ("city name", name)
        canonical = self._memo.get(key)
        if canonical is None:
            canonical = self._remember(key, self.keys.city(name))
        slug = name_slug(canonical)
        if country:
            return self._iri("city", *self._tail(country, "country"), slug)
        return self._iri("city", slug)

    def place(self, name: str, country: str | None = None) -> URIRef:
        """A venue, region or other place; ``country`` is the country IRI when known."""
        slug = name_slug(name)
        if country:
            return self._iri("place", *self._tail(country, "country"), slug)
        return self._iri("place", slug)

    # -- actors -----------------------------------------------------------------------

    def organization_key(self, name: str, acronym: str | None = None, qid: str | None = None) -> str:
        """The slug an organization is known by: an acronym when one is known (from the key
        table by QID, given, from the key table by name, or the name itself when it looks
        like one: 'G-20' -> g20), else the folded name ('Organisation' spelt 'Organization').  Past the
        key table, the name the bundled data keys the organization by (``organization_key_name``), so
        that an article writing "IGAD" and one writing its full name meet."""
        acr = (self.keys.org_acronym("", qid) if qid else None) or acronym or self.keys.org_acronym(name)
        if not acr:
            name = organization_key_name(name, qid) or name
            acr = self.keys.org_acronym(name)
        if acr:
            return slugify(compact(self.keys.org_acronym(acr) or acr))
        if looks_like_acronym(name):
            return slugify(compact(name))
        return name_slug(re.sub("([Oo])rganisation", r"\1rganization", name))

    def organization(self, name: str, acronym: str | None = None, qid: str | None = None) -> URIRef:
        key = ("org name", name, acronym, qid)  # keys with a space: never a segment tuple
        found = self._memo.get(key)
        if found is None:
            found = self._remember(key, self._iri("org", self.organization_key(name, acronym, qid)))
        return found  # type: ignore[return-value]

    def person(self, name: str) -> URIRef:
        return self._iri("person", slugify(name))

    # -- summits and their parts ------------------------------------------------------

    def summit_match(
        self,
        organization: str,
        *,
        ordinal: int | None = None,
        year: str | None = None,
        year_from_publication: bool = False,
        city: str | None = None,
        kind: str | None = None,
        name: str | None = None,
        date: str | None = None,
        future: bool = False,
        after: str | None = None,
        published: str | None = None,
        country: str | None = None,
        fits: Callable[[KnownSummit], bool] | None = None,
        article: str | None = None,
        index: int = 0,
    ) -> tuple[URIRef, KnownSummit | None]:
        """A summit of ``organization`` (an org IRI) and the known summit it is, if any.

        Organization + body (``summit_body(kind, name)``) + year identify a summit; the
        table of known summits (``kg.rdf.summit_table``) turns an ordinal into a year and a
        year (+ city) into the ordinal, so every article about one summit mints one IRI
        whichever facts it gives.  ``year``: as the article states it, or (with
        ``year_from_publication``) the article's publication year; ``city``: the host
        city's IRI; ``date``: the stated start date; ``future``/``after``: an announced
        next summit, after that ISO date; ``published``: the article's publication date;
        ``country``: the host country's ISO alpha-2 code (narrows the table where no city is known);
        ``fits``: whether a known summit agrees with the rest of the article (see ``find_summit``).
        ``article`` (an article IRI) scopes a summit of which nothing at all is known.  See the
        module rules for the key.
        """
        org = self._tail(organization, "org")
        body = summit_body(kind, name)
        head = ["summit", *org, *([body] if body != DEFAULT_BODY else [])]
        city_slug = self.key(city).rsplit("/", 1)[-1] if city else None
        if year is not None and not re.fullmatch(r"\d{4}", year):
            year = None
        if ordinal is not None and ordinal <= 0:
            ordinal = None
        known = find_summit(
            self.summits,
            "/".join(org),
            body,
            ordinal=ordinal,
            year=year,
            year_from_publication=year_from_publication,
            city_slug=city_slug,
            date=date,
            after=after,
            future=future,
            published=published,
            country=country,
            fits=fits,
        )
        if known is not None:
            return self._iri(*head, known.key), known
        # Not a known summit: keyed by its year, else its ordinal -- never by a known
        # summit's key (the facts that missed the table's row are of another summit).
        taken = {s.key for s in self.summits.series("/".join(org), body)}
        for key in (
            [year, f"{year}-{city_slug}" if city_slug else None, f"{year}-other"]
            if year
            else [str(ordinal), f"{ordinal}-other"]
            if ordinal is not None
            else []
        ):
            if key and key not in taken:
                return self._iri(*head, key), None
        if city_slug:
            return self._iri(*head, f"undated-{city_slug}"), None
        if article is None:
            raise ValueError("a summit with no ordinal, year or city needs its article")
        return self._iri(*head, f"in-{self._tail(article, 'article')[0]}-{index}"), None

    def summit(self, organization: str, **facts) -> URIRef:
        """The IRI of ``summit_match`` (same arguments)."""
        return self.summit_match(organization, **facts)[0]

    def document(self, title: str, summit: str | None = None) -> URIRef:
        if summit:
            return self._iri("document", *self._tail(summit, "summit"), title_slug(title))
        return self._iri("document", title_slug(title))

    def participation(self, summit: str, agent: str) -> URIRef:
        """``agent``: the participant's person IRI, else its country IRI, else its org IRI."""
        return self._iri("participation", *self._tail(summit, "summit"), self._flat(agent))

    def membership(self, organization: str, member: str, type_: str) -> URIRef:
        """``member``: a country or org IRI; ``type_``: member, observer, dialogue-partner, candidate."""
        return self._iri("membership", *self._tail(organization, "org"), self._flat(member), slugify(type_))

    def membership_statement(self, membership: str, summit: str | None, article: str) -> URIRef:
        """A membership as stated at ``summit`` (a summit IRI), else in ``article`` (no summit)."""
        at = self._flat(summit) if summit else "article-" + self._tail(article, "article")[0]
        return self._iri("membership-statement", *self._tail(membership, "membership"), at)

    def role(self, person: str, title: str) -> URIRef:
        return self._iri("role", *self._tail(person, "person"), slugify(title))

    # -- articles ---------------------------------------------------------------------

    def article_id(self, *, url: str | None = None, text: str | None = None, slug: str | None = None) -> str:
        """The id of an article: from its URL, else its text, else its slug."""
        if url:
            return sha256_hex(url.strip())[:24]
        if text:
            return sha256_hex(text)[:24]
        if slug:
            return slugify(slug)
        raise ValueError("an article needs a URL, a text or a slug")

    def article(self, article_id: str) -> URIRef:
        return self._iri("article", article_id)

    def graph(self, article_id: str) -> URIRef:
        return self._iri("graph", article_id)

    def mention(self, article: str, start: int | None, end: int | None, sentence: str = "") -> URIRef:
        art = self._tail(article, "article")[0]
        if start is not None and end is not None and 0 <= start <= end:
            return self._iri("mention", art, f"{start}-{end}")
        return self._iri("mention", art, "s-" + sha256_hex(sentence)[:16])
