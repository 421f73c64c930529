"""Named queries over HTTP: ``/queries`` and ``/queries/<name>``.

The ``.rq`` files are loaded once, at app creation (``kg.sparql.named.load_named_queries``;
a bad file is a ConfigError then).  Each query is served

* as an HTML page (title, description, a form for its parameters, the row count, download links
  and the results: a table drawn by ``static/results.js``, the query page's own code, with labels
  where the graph has them; a graph as prefixed Turtle),
* as data: ``/queries/<name>.json|.xml|.csv|.tsv``, or ``/queries/<name>`` with an
  ``Accept`` naming a SPARQL results type.

Parameters come from the URL query string and are bound as values
(:meth:`NamedQuery.bindings`, SEP-0007 substitution), never pasted into the text.  A
federated query runs only when every endpoint it declares is in ``service_allowlist``.
Queries run as ``/sparql``'s do (:mod:`kg.web.runner`): with the worker pool on, in a
worker killed at ``query_timeout_s`` (503), SELECT results cut at ``max_rows``
(``X-KG-Truncated: true`` on a download, a notice on the page).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for

from kg.errors import BadRequest, ForbiddenQuery, KGError, NotAcceptable, NotFound
from kg.formats import (
    GRAPH_TYPES,
    RESULTS_ALIASES,
    RESULTS_NAMES,
    RESULTS_TYPES,
    TRIPLE_FORMATS,
    media_type_of,
    negotiate,
)
from kg.query.workers import QueryPool
from kg.sparql.lexer import check_query, scan_query
from kg.sparql.named import NamedQuery
from kg.sparql.protocol import decode_params
from kg.store.embedded import Store

from .runner import QueryRunner, streamed

HTML = "text/html"
JSON = "application/json"
#: File extension -> SPARQL results media type (SELECT, ASK).
RESULTS_EXTENSIONS = {name: media_type_of(fmt) for name, fmt in RESULTS_NAMES.items()}
#: File extension -> RDF media type (CONSTRUCT, DESCRIBE).
GRAPH_EXTENSIONS = {fmt.file_extension: media_type_of(fmt) for fmt in TRIPLE_FORMATS}
#: Most rows an HTML page shows; the downloads have them all.
MAX_HTML_ROWS = 1000


@dataclass(frozen=True)
class Served:
    """A named query with what the web layer needs to know about it up front."""

    query: NamedQuery
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE

    @property
    def extensions(self) -> dict[str, str]:
        return RESULTS_EXTENSIONS if self.form in ("SELECT", "ASK") else GRAPH_EXTENSIONS


def query_summary(served: Served) -> dict[str, Any]:
    """The JSON description of one named query (the list, the query page's examples)."""
    q = served.query
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "form": served.form,
        "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help} for p in q.params],
        "services": list(q.services),
        "url": url_for("named.named_query", name=q.name),
        "downloads": {ext: url_for("named.named_query", name=f"{q.name}.{ext}") for ext in served.extensions},
        "text": q.text,
    }


def named_blueprint(
    store: Store, settings: Mapping, queries: Mapping[str, NamedQuery], pool: QueryPool | None = None
) -> Blueprint:
    """``/queries`` over the named queries ``queries`` (loaded at start-up) and ``store``.

    With a ``pool`` the queries run in its workers, under ``query_timeout_s``.
    """
    bp = Blueprint("named", __name__, template_folder="templates")
    runner = QueryRunner(store, settings, pool)
    allowlist = tuple(settings["service_allowlist"])
    limits = {
        "max_depth": settings["max_query_depth"],
        "max_operators": settings["max_query_operators"],
        "service_allowlist": allowlist,
    }
    served = {name: Served(q, scan_query(q.text).form or "SELECT") for name, q in queries.items()}

    @bp.route("/queries", methods=["GET"])
    def list_queries() -> Response:
        media_type = negotiate(request.headers.get("Accept"), (HTML, JSON))
        if media_type is None:
            raise NotAcceptable("the list of named queries can be sent as: text/html, application/json")
        items = [query_summary(s) for s in served.values()]
        if media_type == JSON:
            body = json.dumps({"queries": items}, ensure_ascii=False, indent=2)
            return Response(body, content_type=JSON, headers={"Vary": "Accept"})
        html = render_template("named_list.html", queries=items)
        return Response(html, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})

    @bp.route("/queries/<name>", methods=["GET"])
    def named_query(name: str) -> Response:
        stem, dot, ext = name.partition(".")
        item = served.get(stem)
        if item is None:
            raise NotFound(f"no named query {stem!r}; see /queries")
        if dot:
            media_type = item.extensions.get(ext)
            if media_type is None:
                raise NotFound(f"query {stem} is served as: " + ", ".join(f".{e}" for e in item.extensions))
            return _data(item, media_type, vary=None)
        offers = (HTML,) + (RESULTS_TYPES + (JSON,) if item.form in ("SELECT", "ASK") else GRAPH_TYPES)
        media_type = negotiate(request.headers.get("Accept"), offers)
        if media_type is None:
            raise NotAcceptable(f"query {stem} can be sent as: " + ", ".join(offers))
        if media_type == HTML:
            return _page(item)
        # application/json is answered as SPARQL JSON results, as /sparql does
        return _data(item, RESULTS_ALIASES.get(media_type, media_type), vary="Accept")

    def _values() -> dict[str, str]:
        values: dict[str, str] = {}
        for key, value in decode_params(request.query_string, "URL query string"):
            if key in values:
                raise BadRequest(f"parameter {key} is given more than once")
            values[key] = value
        return values

    def _prepare(item: Served, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        missing = [s for s in item.query.services if s not in allowlist]
        if missing:
            raise ForbiddenQuery(
                f"query {item.query.name} calls SERVICE <{missing[0]}>, which is not allowed "
                "here (setting service_allowlist)"
            )
        check_query(scan_query(item.query.text), is_store_graph=store.has_graph, **limits)
        return item.query.bindings(values)

    def _data(item: Served, media_type: str, vary: str | None) -> Response:
        bindings = _prepare(item, _values())
        types = {"results_type": media_type} if item.form in ("SELECT", "ASK") else {"graph_type": media_type}
        stream = runner.stream(item.query.text, bindings, base_iri=request.base_url, name="kg-named-query", **types)
        headers = {"Vary": vary} if vary else {}
        return streamed(stream, **headers)

    def _page(item: Served) -> Response:
        raw = _values()
        given = {p.name: raw.get(p.name, p.default or "") for p in item.query.params}
        status, error, result = 200, None, None
        try:
            bindings = _prepare(item, raw)
            result = _result(item, bindings)
        except KGError as exc:  # shown on the page, next to the form that can fix it
            if exc.status >= 500:
                raise
            status, error = exc.status, f"{exc.title}: {exc.message}"
        query_string = request.query_string.decode("utf-8", "replace")
        downloads = {
            ext: url_for("named.named_query", name=f"{item.query.name}.{ext}")
            + (f"?{query_string}" if query_string else "")
            for ext in item.extensions
        }
        html = render_template(
            "named_query.html",
            q=item.query,
            form=item.form,
            values=given,
            error=error,
            result=result,
            downloads=downloads,
            max_rows=MAX_HTML_ROWS,
            row_limit=runner.max_rows,
            query_page=url_for("ui.query_page")
            + "?"
            + urlencode([("named", item.query.name)] + [(k, v) for k, v in raw.items() if k in given]),
        )
        return Response(html, status=status, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})

    def _result(item: Served, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> dict[str, Any]:
        """What the page shows: a SELECT/ASK as SPARQL JSON (``doc``, its first :data:`MAX_HTML_ROWS`
        rows; the page's script draws it as the query page does), a graph as Turtle (``turtle``)."""
        if item.form not in ("SELECT", "ASK"):
            result = runner.collect(
                item.query.text, bindings, graph_type=GRAPH_EXTENSIONS["ttl"], base_iri=request.base_url
            )
            return {"turtle": result.data.decode("utf-8"), "truncated": result.truncated}
        result = runner.collect(
            item.query.text, bindings, results_type=RESULTS_EXTENSIONS["json"], base_iri=request.base_url
        )
        doc = json.loads(result.data)
        if "boolean" in doc:
            return {"doc": doc, "count": f"answer: {str(doc['boolean']).lower()}", "truncated": False}
        rows = doc["results"]["bindings"]
        total = len(rows)
        doc["results"]["bindings"] = rows[:MAX_HTML_ROWS]
        return {"doc": doc, "total": total, "truncated": result.truncated}

    return bp
