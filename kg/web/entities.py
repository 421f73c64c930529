"""Entity pages: every IRI minted under ``base_iri`` is served at its own path (Pubby-style).

The path part of ``base_iri`` is the mount point: with the default base
``https://w3id.org/summit-kg/id/``, ``GET /summit-kg/id/city/kazakhstan/astana`` on
whatever host and port the server runs at serves
``https://w3id.org/summit-kg/id/city/kazakhstan/astana`` (the base's scheme and host
plus the request path).  The page is HTML for browsers (label, types, properties,
incoming links, ``owl:sameAs``, and the articles and sentences that mention the
entity), or the entity's description as RDF -- its outgoing triples and incoming
links in the union of the graphs -- by ``Accept`` or ``?format=``.

The request path becomes an IRI through :func:`kg.rdf.iris.validate_iri` only, and the IRI
reaches SPARQL as a bound value (``substitutions``), never as text.  Everything the page
shows comes from one SELECT (:data:`DESCRIPTION`), run as ``/sparql`` queries are
(:mod:`kg.web.runner`): with the worker pool on, in a worker killed at
``query_timeout_s`` (503) and cut at ``max_rows`` (then the page says so, and the RDF
carries ``X-KG-Truncated: true``); its TSV results are parsed back into plain values
on the request thread, and no pyoxigraph result outlives the request.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from kg.errors import BadRequest, NotAcceptable, NotFound
from kg.formats import DUMP_NAMES, media_type_of, negotiate, rdf_format
from kg.query.results import content_type
from kg.query.workers import QueryPool
from kg.rdf.iris import validate_iri
from kg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.store.embedded import Store

from . import page_queries, pages
from .runner import QueryRunner
from .security import web_href
from .svg import membership_svg, timeline_svg

HTML = "text/html"
JSON = "application/json"
#: The longest search text (a name, not a document).
MAX_SEARCH = 100
#: The RDF alternates announced in ``Link`` headers, in that order: (``?format=`` value: the file
#: extension, media type).
ALTERNATES: tuple[tuple[str, str], ...] = tuple(
    (fmt.file_extension, media_type_of(fmt))
    for fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML)
)
#: ``?format=`` value -> media type: ``html``, the alternates' extensions and their dump names.
FORMAT_PARAMS: dict[str, str] = {
    "html": HTML,
    **dict(ALTERNATES),
    **{name: media_type_of(fmt) for name, fmt in DUMP_NAMES.items() if media_type_of(fmt) in dict(ALTERNATES).values()},
}
#: What a page can be sent as, the server's preference first (a browser gets HTML).
OFFERS: tuple[str, ...] = (HTML,) + tuple(media for _, media in ALTERNATES)

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: Most rows an HTML section shows; the RDF has them all.
MAX_HTML_ROWS = 1000


# -- pure helpers (no Flask) -----------------------------------------------------------


def choose_media_type(format_param: str | None, accept: str | None, offers: Iterable[str] = OFFERS) -> str:
    """``?format=`` wins over ``Accept``; an unknown format is a 400, nothing acceptable a 406."""
    offers = tuple(offers)
    if format_param is not None:
        media_type = FORMAT_PARAMS.get(format_param.strip().lower())
        if media_type is None or media_type not in offers:
            known = sorted(k for k, v in FORMAT_PARAMS.items() if v in offers)
            raise BadRequest(f"unknown format {format_param[:40]!r}; use one of: " + ", ".join(known))
        return media_type
    media_type = negotiate(accept, offers)
    if media_type is None:
        raise NotAcceptable("this page can be sent as: " + ", ".join(offers))
    return media_type


def mount_path(base_iri: str) -> str | None:
    """The path under which the entities of ``base_iri`` are served (``/summit-kg/id/``).

    ``None`` when the base cannot be mapped to paths: not http(s), or a hash base
    (``http://x/kg#``), whose IRIs all name one document.
    """
    parts = urlsplit(base_iri)
    if parts.scheme not in ("http", "https") or not base_iri.endswith("/") or parts.query or parts.fragment:
        return None
    return parts.path or "/"


def compact(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``skg:Summit`` for a namespace we know the prefix of, else the IRI itself."""
    best = ""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(prefixes.get(best, "")) and iri != ns:
            best = prefix
    return f"{best}:{iri[len(prefixes[best]) :]}" if best else iri


class Linker:
    """Where a term links to: IRIs under the base to their local page, ontology terms to
    the ontology page's anchors, other web IRIs to themselves, anything else nowhere."""

    def __init__(self, base_iri: str, mount: str | None, ontology_path: str) -> None:
        self.base_iri = base_iri
        self.mount = mount
        self.ontology_path = ontology_path

    def href(self, iri: str) -> str | None:
        if self.mount is not None and iri.startswith(self.base_iri) and len(iri) > len(self.base_iri):
            return self.mount + iri[len(self.base_iri) :]
        if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
            return self.ontology_path + iri[len(ONTOLOGY_IRI) :]
        return web_href(iri)  # never javascript:, data: ... from the data


# -- reading an entity from the store ---------------------------------------------------


def _anywhere(pattern: str, graph: str) -> str:
    """``pattern`` in the default graph or in any named graph, whatever ``union_default_graph`` says.
    (Patterns are this module's constants, never request text.)"""
    return f"{{ {pattern} }} UNION {{ GRAPH ?{graph} {{ {pattern} }} }}"


_PROLOGUE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("rdfs", "skg", "nif", "schema"))
#: Everything an entity page shows, one row kind (?kind) per section; ?e (projected, as substitution
#: needs) is bound to the entity.
DESCRIPTION = (
    _PROLOGUE
    + f"""SELECT DISTINCT ?e ?kind ?p ?o ?s ?label ?article ?headline ?date ?url ?m ?text ?begin
WHERE {{
  {{ {_anywhere("?e ?p ?o", "g1")}
     OPTIONAL {{ {_anywhere("?o rdfs:label ?label", "g2")} }}
     BIND("out" AS ?kind) }}
  UNION
  {{ {_anywhere("?s ?p ?e", "g1")}
     OPTIONAL {{ {_anywhere("?s rdfs:label ?label", "g2")} }}
     BIND("in" AS ?kind) }}
  UNION
  {{ {{ {_anywhere("?article schema:mentions ?e", "g1")} }}
     UNION {{ {_anywhere("?article schema:about ?e", "g2")} }}
     UNION {{ {_anywhere("?e skg:evidence ?m0", "g3")} {_anywhere("?m0 skg:inArticle ?article", "g4")} }}
     OPTIONAL {{ {_anywhere("?article schema:headline ?headline", "g5")} }}
     OPTIONAL {{ {_anywhere("?article schema:datePublished ?date", "g6")} }}
     OPTIONAL {{ {_anywhere("?article schema:url ?url", "g7")} }}
     BIND("article" AS ?kind) }}
  UNION
  {{ {_anywhere("?e skg:evidence ?m", "g1")}
     OPTIONAL {{ {_anywhere("?m nif:anchorOf ?text", "g2")} }}
     OPTIONAL {{ {_anywhere("?m nif:beginIndex ?begin", "g3")} }}
     OPTIONAL {{ {_anywhere("?m skg:inArticle ?article", "g4")} }}
     BIND("mention" AS ?kind) }}
}}"""
)
TSV = "text/tab-separated-values"


@dataclass
class Sentence:
    mention: str
    text: str
    begin: int | None


@dataclass
class ArticleRef:
    iri: str
    headline: str | None = None
    date: str | None = None
    url: str | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Description:
    """What the store says about one entity, as plain Python values plus the triples."""

    iri: str
    outgoing: dict[tuple[ox.NamedNode, object], str | None]  # (p, o) -> label of o
    incoming: dict[tuple[object, ox.NamedNode], str | None]  # (s, p) -> label of s
    articles: dict[str, ArticleRef]
    truncated: bool = False  # max_rows cut the description

    @property
    def triples(self) -> list[ox.Triple]:
        node = ox.NamedNode(self.iri)
        out = [ox.Triple(node, p, o) for p, o in self.outgoing]  # type: ignore[arg-type]
        return out + [ox.Triple(s, p, node) for s, p in self.incoming]  # type: ignore[arg-type]

    def values(self, predicate: str) -> list:
        return [o for p, o in self.outgoing if p.value == predicate]


def entity_node(iri: str) -> ox.NamedNode:
    """The node of a looked-up IRI; text that is not a valid IRI is a 400 (never a 500)."""
    validate_iri(iri)
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:  # e.g. a '%' not followed by two hex digits
        raise BadRequest(f"not a valid IRI: {iri[:200]!r} ({exc})") from None


def describe(runner: QueryRunner, node: ox.NamedNode) -> Description:
    """Run :data:`DESCRIPTION` for ``node`` and read its rows into plain values."""
    result = runner.collect(DESCRIPTION, {"e": node}, results_type=TSV)
    return description(node.value, result.solutions(), truncated=result.truncated)


def description(iri: str, rows: Iterable, *, truncated: bool = False) -> Description:
    """The :class:`Description` of ``iri`` from the rows of :data:`DESCRIPTION`."""
    outgoing: dict = {}
    incoming: dict = {}
    articles: dict[str, ArticleRef] = {}
    seen: set[str] = set()
    for row in rows:
        kind, label = row["kind"].value, row["label"]
        if kind in ("out", "in"):
            key = (row["p"], row["o"]) if kind == "out" else (row["s"], row["p"])
            found = outgoing if kind == "out" else incoming
            if found.get(key) is None:
                found[key] = label.value if label is not None else None
        elif kind == "article":
            ref = articles.setdefault(row["article"].value, ArticleRef(row["article"].value))
            for name in ("headline", "date", "url"):
                if row[name] is not None and getattr(ref, name) is None:
                    setattr(ref, name, row[name].value)
        elif kind == "mention" and row["text"] is not None and row["m"].value not in seen:
            seen.add(row["m"].value)
            article = row["article"].value if row["article"] is not None else ""
            begin = row["begin"]
            articles.setdefault(article, ArticleRef(article)).sentences.append(
                Sentence(row["m"].value, row["text"].value, _int(begin.value) if begin else None)
            )
    for ref in articles.values():
        ref.sentences.sort(key=lambda s: (s.begin is None, s.begin or 0, s.text))
    return Description(iri, outgoing, incoming, articles, truncated)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def serialize(triples: list[ox.Triple], media_type: str) -> bytes:
    fmt = rdf_format(media_type)
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    assert data is not None  # no output file given: the bytes are returned
    return data


# -- the view model of the HTML page ----------------------------------------------------


def term_view(term: object, label: str | None, linker: Linker) -> dict:
    """A term as the template shows it: text, link, and a note (datatype, language)."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        return {"kind": "iri", "text": label or compact(iri), "href": linker.href(iri), "iri": iri, "note": ""}
    if isinstance(term, ox.Literal):
        note = f"@{term.language}" if term.language else ""
        if not note and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            note = compact(term.datatype.value)
        return {"kind": "literal", "text": term.value, "href": None, "iri": "", "note": note}
    return {"kind": "bnode", "text": str(term), "href": None, "iri": "", "note": ""}


def page_model(desc: Description, linker: Linker) -> dict:
    labels = [o.value for o in desc.values(RDFS_LABEL) if isinstance(o, ox.Literal)]
    types = [term_view(t, None, linker) for t in desc.values(RDF_TYPE)]
    same_as = [o.value for o in desc.values(OWL_SAME_AS) if isinstance(o, ox.NamedNode)]
    grouped: dict[str, list[dict]] = {}
    for (p, o), label in sorted(desc.outgoing.items(), key=lambda kv: (kv[0][0].value, str(kv[0][1]))):
        grouped.setdefault(p.value, []).append(term_view(o, label, linker))
    properties = [
        {"predicate": term_view(ox.NamedNode(p), None, linker), "values": vs[:MAX_HTML_ROWS]}
        for p, vs in grouped.items()
    ]
    incoming = [
        {"subject": term_view(s, label, linker), "predicate": term_view(p, None, linker)}
        for (s, p), label in sorted(desc.incoming.items(), key=lambda kv: (kv[0][1].value, str(kv[0][0])))
    ]
    articles = sorted(desc.articles.values(), key=lambda a: (a.date or "", a.iri), reverse=True)
    return {
        "iri": desc.iri,
        "label": labels[0] if labels else compact(desc.iri),
        "other_labels": labels[1:],
        "types": types,
        "same_as": [{"iri": iri, "href": linker.href(iri)} for iri in same_as],
        "properties": properties,
        "incoming": incoming[:MAX_HTML_ROWS],
        "incoming_total": len(incoming),
        "articles": [
            {"ref": a, "href": linker.href(a.iri) if a.iri else None, "url_href": linker.href(a.url) if a.url else None}
            for a in articles
        ],
        "max_rows": MAX_HTML_ROWS,
        "truncated": desc.truncated,
    }


# -- the blueprint ------------------------------------------------------------------------


def alternate_links(page_url: str) -> list[str]:
    return [f'<{page_url}?format={fmt}>; rel="alternate"; type="{media}"' for fmt, media in ALTERNATES]


def respond(body: bytes | str, media_type: str, page_url: str) -> Response:
    response = Response(body, content_type=content_type(media_type))
    response.headers["Vary"] = "Accept"
    for link in alternate_links(page_url):
        response.headers.add("Link", link)
    return response


def entity_blueprint(store: Store, settings: Mapping, pool: QueryPool | None = None) -> Blueprint:
    """Entity pages under the path of ``settings["base_iri"]`` (no route if it cannot be mapped).

    With a ``pool`` the page's query runs in its workers, under ``query_timeout_s``.
    """
    bp = Blueprint("entities", __name__, template_folder="templates")
    runner = QueryRunner(store, settings, pool)
    base_iri = validate_iri(settings["base_iri"])
    mount = mount_path(base_iri)
    linker = Linker(base_iri, mount, urlsplit(ONTOLOGY_IRI).path)

    def entity(rest: str) -> Response:
        node = entity_node(base_iri + rest)
        media_type = choose_media_type(request.args.get("format"), request.headers.get("Accept"))
        if media_type == HTML and request.args.get("view") != "all":
            kind = pages.page_kind(entity_types(runner, node))
            if kind is not None:
                return summary_page(kind, node)
        desc = describe(runner, node)
        if not desc.outgoing and not desc.incoming:
            raise NotFound(f"nothing is known about <{node.value}>")
        if media_type == HTML:
            html = render_template(
                "entity.html", page=page_model(desc, linker), alternates=ALTERNATES, row_limit=runner.max_rows
            )
            response = respond(html, media_type, request.base_url)
        else:
            response = respond(serialize(desc.triples, media_type), media_type, request.base_url)
        if desc.truncated:
            response.headers["X-KG-Truncated"] = "true"
        return response

    def summary_page(kind: str, node: ox.NamedNode) -> Response:
        """A summit, organization, country or person page: one query, read into its view model."""
        result = runner.collect(page_queries.QUERIES[kind], {"e": node}, results_type=TSV)
        model = pages.BUILDERS[kind](node.value, result.solutions(), linker.href)
        charts = {}
        if kind == "organization":
            columns, rows = pages.membership_columns(model["statements"])
            hrefs = {r["iri"]: linker.href(r["iri"]) for r in rows}
            hrefs.update({c["summit"]: linker.href(c["summit"]) for c in columns if c["summit"]})
            charts = {
                "timeline": timeline_svg(model["summits"]),
                "membership": membership_svg(columns, rows, hrefs),
                "columns": columns,
                "rows": rows,
            }
        html = render_template(
            f"{kind}.html",
            page=model,
            kind=kind,
            charts=charts,
            alternates=ALTERNATES,
            truncated=result.truncated,
            row_limit=runner.max_rows,
        )
        response = respond(html, HTML, request.base_url)
        if result.truncated:
            response.headers["X-KG-Truncated"] = "true"
        return response

    @bp.route("/search", methods=["GET"])
    def search() -> Response:
        """Entities whose label (or an article's wording, skos:altLabel) contains ``q``: HTML, or JSON by Accept."""
        q = " ".join((request.args.get("q") or "").split())
        if len(q) > MAX_SEARCH:
            raise BadRequest(f"a search is at most {MAX_SEARCH} characters")
        media_type = negotiate(request.headers.get("Accept"), (HTML, JSON))
        if media_type is None:
            raise NotAcceptable("search results can be sent as: text/html, application/json")
        hits: list[dict] = []
        truncated = False
        if len(q) >= 2:
            result = runner.collect(page_queries.SEARCH, {"q": ox.Literal(q.lower())}, results_type=TSV)
            truncated = result.truncated
            for row in result.solutions():
                iri = row["e"].value
                hits.append(
                    {
                        "iri": iri,
                        "href": linker.href(iri),
                        "label": row["label"].value if row["label"] else compact(iri),
                        "kind": row["kind"].value if row["kind"] else "",
                    }
                )
        if media_type == JSON:
            return Response(json.dumps({"q": q, "results": hits}), content_type="application/json")
        html = render_template(
            "search.html",
            q=q,
            search_q=q,
            hits=hits,
            truncated=truncated,
            kinds=sorted({h["kind"] for h in hits}, key=page_queries.SEARCH_KINDS.index),
        )
        return Response(html, content_type="text/html; charset=utf-8")

    @bp.route("/labels", methods=["POST"])
    def labels() -> Response:
        """``{"iris": [...]}`` -> ``{"labels": {iri: label}}``: what the query page shows for IRIs in a result."""
        try:
            body = json.loads(request.get_data(cache=False) or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise BadRequest('the body must be JSON: {"iris": [...]}') from None
        iris = body.get("iris") if isinstance(body, dict) else None
        if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
            raise BadRequest('the body must be JSON: {"iris": [IRI, ...]}')
        if len(iris) > page_queries.MAX_LABELS:
            raise BadRequest(f"at most {page_queries.MAX_LABELS} IRIs at once")
        for iri in iris:
            entity_node(iri)  # a 400 for anything that is not an IRI
        found: dict[str, str] = {}
        if iris:
            result = runner.collect(page_queries.labels_query(iris), {}, results_type=TSV)
            found = {row["s"].value: row["label"].value for row in result.solutions() if row["label"] is not None}
        return Response(
            json.dumps({"labels": found, "links": {i: linker.href(i) for i in iris}}), content_type="application/json"
        )

    if mount is not None:
        bp.add_url_rule(mount + "<path:rest>", "entity", entity, methods=["GET"])
    return bp


def entity_types(runner: QueryRunner, node: ox.NamedNode) -> list[str]:
    """The classes of ``node`` (its page kind depends on them)."""
    result = runner.collect(page_queries.TYPES, {"e": node}, results_type=TSV)
    return [row["t"].value for row in result.solutions() if row["t"] is not None]
