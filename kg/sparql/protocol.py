"""The SPARQL 1.1 Protocol's requests without a web framework: pure functions, easy to test.

:func:`parse_query_request` -- method, raw URL query string, Content-Type and body to
one query plus its protocol dataset (GET, form POST, direct POST; the errors of
Protocol 2.1 as 400/403/413/415); :func:`parse_update_request` likewise for an update
(Protocol 2.2; only used when the server accepts writes); :func:`parse_graph_target`
for the Graph Store Protocol.  Nothing here imports Flask or pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from kg.errors import BadRequest, Forbidden, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType
from kg.formats import FORM, SPARQL_QUERY, SPARQL_UPDATE, parse_media_type
from kg.rdf.iris import validate_iri

# -- parsing a query request ---------------------------------------------------------


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL query and its protocol dataset (``None``: no dataset was given)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def decode_params(raw: bytes | str, what: str) -> list[tuple[str, str]]:
    """Decode ``a=1&b=2`` strictly as UTF-8 (invalid bytes are a 400, never replaced)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"the {what} is not valid UTF-8 (percent-encoded UTF-8 is required)") from None


def _decode_utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the {what} is not valid UTF-8 (byte {exc.start}); UTF-8 is the only valid charset") from None


def _check_charset(params: dict[str, str], content_type: str) -> None:
    charset = params.get("charset")
    if charset is not None and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{content_type} with charset={charset}: UTF-8 is the only valid charset")


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(validate_iri(value) for key, value in params if key == name)


def parse_query_request(
    method: str,
    query_string: bytes | str,
    content_type: str | None,
    body: bytes,
    *,
    max_query_bytes: int,
) -> QueryRequest | None:
    """Turn an HTTP request into a :class:`QueryRequest`, or ``None`` for a bare GET.

    ``None`` (GET/HEAD without any parameter) asks for the service description.
    Raises 400 for a missing, repeated or empty query, a query together with an
    update, invalid UTF-8 or a relative dataset IRI; 403 for an update (this endpoint
    is read-only); 413 for a query longer than ``max_query_bytes``; 415 for a POST
    whose Content-Type is not a query; 405 for other methods.
    """
    method = method.upper()
    url_params = decode_params(query_string, "URL query string")
    if method in ("GET", "HEAD"):
        if not url_params:
            return None
        params = url_params
    elif method == "POST":
        mtype, mparams = parse_media_type(content_type)
        if mtype == FORM:
            _check_charset(mparams, mtype)
            params = url_params + decode_params(body, "form body")
        elif mtype == SPARQL_QUERY:
            _check_charset(mparams, mtype)
            if any(key == "query" for key, _ in url_params):
                raise BadRequest("a direct POST carries its query in the body, not also in the URL")
            _refuse_update(url_params, has_query=True)
            if len(body) > max_query_bytes:
                raise _too_long(len(body), max_query_bytes)
            text = _decode_utf8(body, "query")
            return _request(text, url_params)
        elif mtype == SPARQL_UPDATE:
            raise Forbidden("this endpoint is read-only: SPARQL Update is not accepted")
        elif not mtype:
            raise UnsupportedMediaType(
                f"a POST needs a Content-Type: {FORM} (query=...) or {SPARQL_QUERY} (the query as the body)"
            )
        else:
            raise UnsupportedMediaType(f"cannot take a query as {mtype}; use {FORM} or {SPARQL_QUERY}")
    else:
        raise MethodNotAllowed(f"{method} is not a SPARQL query method", allowed=("GET", "HEAD", "POST", "OPTIONS"))
    queries = [value for key, value in params if key == "query"]
    _refuse_update(params, has_query=bool(queries))
    if not queries:
        raise BadRequest("missing the 'query' parameter")
    if len(queries) > 1:
        raise BadRequest(f"exactly one 'query' parameter is allowed, got {len(queries)}")
    size = len(queries[0].encode("utf-8"))
    if size > max_query_bytes:
        raise _too_long(size, max_query_bytes)
    return _request(queries[0], params)


@dataclass(frozen=True)
class UpdateRequest:
    """One SPARQL Update and its protocol dataset (``using-graph-uri`` / ``using-named-graph-uri``)."""

    update: str
    using_graphs: tuple[str, ...] = ()
    using_named_graphs: tuple[str, ...] = ()


def parse_update_request(
    method: str,
    query_string: bytes | str,
    content_type: str | None,
    body: bytes,
    *,
    authorize: Callable[[], None] = lambda: None,
) -> UpdateRequest | None:
    """The SPARQL Update an HTTP request carries (Protocol 2.2), or ``None`` if it carries none.

    An update is a POST of ``application/sparql-update`` (the update as the body) or a
    form POST with one ``update`` parameter; ``using-graph-uri`` / ``using-named-graph-uri``
    (in the URL, or the form) give its dataset.  ``None`` means a query request: give it to
    :func:`parse_query_request`.  ``authorize`` is called as soon as the request is known
    to be an update, before it is validated further (so a client without the right to write
    learns nothing more); a request with both a query and an update is a 400 for anyone.
    Raises 400 for an update sent with GET, two updates, an update together with a query,
    an empty update, invalid UTF-8 or a relative IRI; 415 for a charset other than UTF-8.
    """
    method = method.upper()
    url_params = decode_params(query_string, "URL query string")
    if method != "POST":
        if method in ("GET", "HEAD") and any(key == "update" for key, _ in url_params):
            raise BadRequest("an update must be sent with POST (SPARQL 1.1 Protocol 2.2), not GET")
        return None
    mtype, mparams = parse_media_type(content_type)
    if mtype == SPARQL_UPDATE:
        if any(key in ("update", "query") for key, _ in url_params):
            raise BadRequest("a direct POST carries its update in the body, not also an update or a query in the URL")
        authorize()
        _check_charset(mparams, mtype)
        return _update_request(_decode_utf8(body, "update"), url_params)
    if mtype != FORM:
        return None
    _check_charset(mparams, mtype)
    params = url_params + decode_params(body, "form body")
    updates = [value for key, value in params if key == "update"]
    if not updates:
        return None
    if any(key == "query" for key, _ in params):  # not an update either: 400 for anyone, as on a read-only server
        raise BadRequest("a request carries one operation: both 'query' and 'update' were given")
    authorize()
    if len(updates) > 1:
        raise BadRequest(f"exactly one 'update' parameter is allowed, got {len(updates)}")
    return _update_request(updates[0], params)


def _update_request(text: str, params: list[tuple[str, str]]) -> UpdateRequest:
    if not text.strip():
        raise BadRequest("the update is empty")
    return UpdateRequest(text, _graphs(params, "using-graph-uri"), _graphs(params, "using-named-graph-uri"))


def _refuse_update(params: list[tuple[str, str]], *, has_query: bool) -> None:
    if any(key == "update" for key, _ in params):
        if has_query:
            raise BadRequest("a request carries one operation: both 'query' and 'update' were given")
        raise Forbidden("this endpoint is read-only: SPARQL Update is not accepted")


def _too_long(size: int, limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"the query is {size} bytes, more than the {limit} allowed (setting max_query_bytes)")


def _request(text: str, params: list[tuple[str, str]]) -> QueryRequest:
    if not text.strip():
        raise BadRequest("the query is empty")
    return QueryRequest(text, _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri"))


def parse_graph_target(query_string: bytes | str) -> str | None:
    """Graph Store Protocol indirect identification: ``?default`` -> ``None``, ``?graph=IRI`` -> IRI.

    Exactly one of the two is required; a relative IRI is a 400 (GSP 4.2).
    """
    params = decode_params(query_string, "URL query string")
    defaults = [v for k, v in params if k == "default"]
    graphs = [v for k, v in params if k == "graph"]
    if defaults and graphs:
        raise BadRequest("give either ?default or ?graph=IRI, not both")
    if len(graphs) > 1 or len(defaults) > 1:
        raise BadRequest("give exactly one ?default or ?graph=IRI")
    if defaults:
        return None
    if not graphs:
        raise BadRequest("name the graph: ?default or ?graph=IRI")
    return validate_iri(graphs[0])
