"""The query page at ``/``: a SPARQL editor for analysts (HTML, plain JS, no CDN).

The page is one Jinja2 template plus ``static/query.js`` and ``static/kg.css``, served
from this package under ``/assets/``.  It runs queries with ``POST /sparql`` (the same
endpoint every client uses) and offers the named queries as examples; it needs the
``named`` blueprint (:mod:`kg.web.named`) registered on the same app for their links.
"""

from __future__ import annotations

from typing import Mapping

from flask import Blueprint, Response, render_template

from ..namespaces import PREFIXES
from ..protocol import scan_query
from ..queries import NamedQuery
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


def ui_blueprint(queries: Mapping[str, NamedQuery]) -> Blueprint:
    """The query page; ``queries`` are the named queries loaded at start-up (the examples)."""
    bp = Blueprint("ui", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/assets")
    served = [Served(q, scan_query(q.text).form or "SELECT") for q in queries.values()]

    @bp.route("/", methods=["GET"])
    def query_page() -> Response:
        html = render_template("query_editor.html", example=EXAMPLE, prefixes=PREFIXES,
                               examples=[query_summary(s) for s in served])
        return Response(html, content_type="text/html; charset=utf-8")

    return bp
