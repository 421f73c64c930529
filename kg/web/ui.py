"""The query page at ``/``, the favicon, and what every page's layout needs (HTML, plain JS, no CDN).

The page is one Jinja2 template plus ``static/query.js`` and ``static/kg.css``, served
from this package under ``/assets/``.  It runs queries with ``POST /sparql`` (the same
endpoint every client uses) and offers the named queries as examples; it needs the
``named`` blueprint (:mod:`kg.web.named`) registered on the same app for their links.

A query is shareable: ``/?query=...`` opens the page with that query in the editor and
runs it (the page puts each query it runs into the address bar), and ``/?name=NAME``
opens a named query's text.  The URL's query text only ever reaches the textarea
(escaped by Jinja) and ``POST /sparql``, like typed text.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, Response, render_template, request, send_from_directory

from ..errors import BadRequest
from ..namespaces import PREFIXES
from ..protocol import scan_query
from ..queries import NamedQuery
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
DATA_LICENCE = ("Data licence: CC BY 4.0, as the ontology; quoted sentences remain their publishers' "
                "and link to their articles.")
#: The longest ?query= the page takes from a URL (the endpoint has its own max_query_bytes).
MAX_URL_QUERY = 100_000


def ui_blueprint(queries: Mapping[str, NamedQuery]) -> Blueprint:
    """The query page; ``queries`` are the named queries loaded at start-up (the examples)."""
    bp = Blueprint("ui", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/assets")
    served = [Served(q, scan_query(q.text).form or "SELECT") for q in queries.values()]

    @bp.app_context_processor
    def layout_context() -> dict:
        return {"data_licence": DATA_LICENCE}

    bp.add_app_template_filter(compact, "compact")

    @bp.route("/", methods=["GET"])
    def query_page() -> Response:
        text, autorun = EXAMPLE, False
        shared = request.args.get("query")
        name = request.args.get("name")
        if shared is not None:
            if len(shared) > MAX_URL_QUERY:
                raise BadRequest(f"the query in the URL is longer than {MAX_URL_QUERY} characters")
            text, autorun = shared, True
        elif name is not None:
            if name not in queries:
                raise BadRequest(f"no named query {name[:80]!r}; see /queries")
            text = queries[name].text
        html = render_template("query_editor.html", example=text, autorun=autorun, prefixes=PREFIXES,
                               examples=[query_summary(s) for s in served])
        return Response(html, content_type="text/html; charset=utf-8")

    @bp.route("/favicon.ico", methods=["GET"])
    def favicon() -> Response:
        response = send_from_directory(bp.static_folder or "", "favicon.ico", mimetype="image/vnd.microsoft.icon",
                                       max_age=86_400)
        return response

    return bp
