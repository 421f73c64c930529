"""The query page at ``/``, the browser's page about ``/sparql``, the favicon, and what every page's
layout needs (HTML, plain JS, no CDN).

The page is one Jinja2 template plus ``static/query.js`` and ``static/kg.css``, served
from this package under ``/assets/``.  It runs queries with ``POST /sparql`` (the same
endpoint every client uses) and offers the named queries as examples; it needs the
``named`` blueprint (:mod:`kg.web.named`) registered on the same app for their links.

A query is shareable: ``/?query=...`` opens the page with that query in the editor and
runs it, ``/?named=NAME&PARAM=VALUE...`` opens a named query with its parameters filled in
and runs it (``GET /queries/NAME.json?PARAM=VALUE``: the server binds them as values), and
``/?name=NAME`` opens a named query without running it; the page puts each query it runs
into the address bar in the same form.  The URL's query text only ever reaches the textarea
(escaped by Jinja) and ``POST /sparql``, like typed text.

``GET /sparql`` without a query answers a browser (``Accept`` preferring ``text/html``)
with a page describing the endpoint -- how to ask, the formats, the limits, examples --
while any client asking for RDF, or sending no ``Accept``, gets the Service Description
from :mod:`kg.web.sparql` as before.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from kg.errors import BadRequest
from kg.formats import GRAPH_TYPES, RESULTS_TYPES, TRIPLE_TYPES, negotiate
from kg.rdf.namespaces import PREFIXES
from kg.sparql.lexer import scan_query
from kg.sparql.named import NamedQuery

from .entities import compact
from .named import Served, query_summary

EXAMPLE = """\
PREFIX skg: <https://w3id.org/summit-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# Every summit with its host city and dates
SELECT ?summit ?label ?hostCity ?startDate ?endDate
WHERE {
  ?summit a skg:Summit ;
          rdfs:label ?label .
  OPTIONAL { ?summit skg:hostCity/rdfs:label ?hostCity }
  OPTIONAL { ?summit skg:startDate ?startDate }
  OPTIONAL { ?summit skg:endDate ?endDate }
}
ORDER BY ?startDate
LIMIT 100
"""

#: Said in every page's footer.  The ontology is CC BY 4.0 (ontology/summit-kg.ttl); the
#: graph is published on the same terms, and the sentences it quotes stay their publishers'.
DATA_LICENCE = (
    "Data licence: CC BY 4.0, as the ontology; quoted sentences remain their publishers' and link to their articles."
)
#: The longest ?query= the page takes from a URL (the endpoint has its own max_query_bytes).
MAX_URL_QUERY = 100_000
HTML = "text/html"
#: The one-line query of the endpoint page's curl example.
CURL_QUERY = (
    "SELECT ?summit ?label WHERE { ?summit a <https://w3id.org/summit-kg/ontology#Summit> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 5"
)
#: The settings a browser's page about ``/sparql`` states, with what they mean.
ENDPOINT_LIMITS: tuple[tuple[str, str], ...] = (
    ("max_query_bytes", "longest query, in bytes (413 beyond)"),
    ("query_timeout_s", "longest run of one query, in seconds (0: none); a request's timeout= can ask for less"),
    ("max_rows", "most result rows sent (the response then carries X-KG-Truncated: true; 0: no cap)"),
    ("max_query_depth", "deepest nesting of a query's groups"),
    ("max_query_operators", "most operators in one query"),
)


def opened_query(args: Mapping[str, str], queries: Mapping[str, NamedQuery]) -> dict:
    """What a URL opens on the query page: ``{"query": TEXT, "autorun": True}`` for ``?query=``,
    ``{"named": NAME, "values": {PARAM: VALUE}, "autorun": True}`` for ``?named=NAME&PARAM=VALUE``,
    ``{"named": NAME, "values": {}, "autorun": False}`` for ``?name=NAME`` (opened, not run), else ``{}``.

    The values are only checked to be parameters of the query: the page's script sends them to
    ``/queries/NAME`` (which binds them as values, or answers 400), never into a query's text.
    """
    if "query" in args:
        shared = args["query"]
        if len(shared) > MAX_URL_QUERY:
            raise BadRequest(f"the query in the URL is longer than {MAX_URL_QUERY} characters")
        return {"query": shared, "autorun": True}
    name = args.get("named", args.get("name"))
    if name is None:
        return {}
    if name not in queries:
        raise BadRequest(f"no named query {name[:80]!r}; see /queries")
    values = {k: v for k, v in args.items() if k not in ("named", "name")}
    known = {p.name for p in queries[name].params}
    unknown = sorted(set(values) - known)
    if unknown:
        raise BadRequest(f"query {name} has no parameter {unknown[0][:80]!r}")
    return {"named": name, "values": values, "autorun": "named" in args}


def ui_blueprint(queries: Mapping[str, NamedQuery]) -> Blueprint:
    """The query page; ``queries`` are the named queries loaded at start-up (the examples)."""
    bp = Blueprint("ui", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")
    served = [Served(q, scan_query(q.text).form or "SELECT") for q in queries.values()]

    @bp.app_context_processor
    def layout_context() -> dict:
        return {"data_licence": DATA_LICENCE, "prefix_map": PREFIXES}

    bp.add_app_template_filter(compact, "compact")

    @bp.route("/", methods=["GET"])
    def query_page() -> Response:
        text, opened = EXAMPLE, opened_query(request.args, queries)
        if opened.get("query") is not None:
            text = opened.pop("query")
        elif opened.get("named") is not None:
            text = queries[opened["named"]].text
        html = render_template(
            "query_editor.html",
            example=text,
            opened=opened,
            prefixes=PREFIXES,
            examples=[query_summary(s) for s in served],
        )
        return Response(html, content_type="text/html; charset=utf-8")

    @bp.before_app_request
    def endpoint_page() -> Response | None:
        """A browser opening ``/sparql`` with no query gets a page about the endpoint; a client asking
        for RDF (or for nothing in particular) still gets the Service Description."""
        if request.method != "GET" or request.endpoint != "sparql.sparql" or request.query_string:
            return None  # a query, an update, a format= or a dataset: the endpoint's own answer
        if negotiate(request.headers.get("Accept"), (*TRIPLE_TYPES, HTML)) != HTML:
            return None
        settings = current_app.extensions.get("kg.settings") or {}
        limits = [(name, settings[name], meaning) for name, meaning in ENDPOINT_LIMITS if name in settings]
        example = EXAMPLE.strip()
        html = render_template(
            "sparql_endpoint.html",
            endpoint=request.base_url,
            limits=limits,
            results_types=RESULTS_TYPES,
            graph_types=GRAPH_TYPES,
            triple_types=TRIPLE_TYPES,
            curl_query=CURL_QUERY,
            example_url=url_for("ui.query_page", query=example),
            examples=[query_summary(s) for s in served][:8],
        )
        return Response(html, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})

    @bp.route("/favicon.ico", methods=["GET"])
    def favicon() -> Response:
        return send_from_directory(
            bp.static_folder or "", "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86_400
        )

    return bp
