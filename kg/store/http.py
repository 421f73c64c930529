"""An external store: the :class:`kg.store.contract.GraphStore` contract over a SPARQL 1.1 server.

``open_store("http://...")`` returns an :class:`HttpStore`.  It speaks the SPARQL 1.1
Protocol (queries and updates as form POSTs) to oxigraph serve, Virtuoso, summit-kg
itself or any SPARQL 1.1 server, and hands results back as pyoxigraph objects, so the
CLI and the web layer serialize them natively as they do for the embedded store:
SELECT and ASK results are parsed as they stream in; a CONSTRUCT or DESCRIBE result is
loaded into an in-memory pyoxigraph store first (pyoxigraph builds ``QueryTriples``
only from a query).  What SPARQL 1.1 leaves to each kind of server (its endpoints, where
the merge lives, which graphs are its own) is that kind's :class:`Dialect`.

It is not ``local`` (no folder, no query worker processes, no bulk loader) and takes no
``endpoint_writes``: the store is written with ``kg ingest`` or at its own endpoints.

**The default graph** is the set-merge of the named graphs, as in the embedded store
(see :mod:`kg.store`), kept by this class on every write -- in the same SPARQL Update
request as the graph it changes.  Where the merge lives depends on the server:

* oxigraph serve (without ``--union-default-graph``, whose union is a multiset that
  also overrides ``FROM``) and other SPARQL 1.1 servers with a real default graph: in
  the default graph.  oxigraph runs an update request as one transaction.
* Virtuoso (7.2): its default graph is the multiset union of *every* graph, its own
  system graphs included; ``FROM`` without ``FROM NAMED`` still lets ``GRAPH ?g`` range
  over every graph, yet ``GRAPH <iri>`` then finds nothing; and it answers some ASKs
  true that the same SELECT answers empty.  So the merge is kept in the named graph
  ``MERGE_GRAPH``; a query sent without a dataset gets ``DEFINE`` pragmas that make
  that graph its default graph and, if it has a GRAPH pattern, list the article graphs
  as its named graphs; an ASK is sent as ``SELECT * ... LIMIT 1``; the merge graph,
  the registry and Virtuoso's own graphs are left out of :meth:`HttpStore.graphs`,
  quads and dumps.  Virtuoso commits an update request at its end (readers see the
  old or the new graph), but an error half-way keeps the operations before it: a
  failed write is reported, and writing the graph again repairs it.

**The registry** (Virtuoso): the list of article graphs, kept in the named graph
``REGISTRY_GRAPH`` and changed in the same update request as each graph it lists
(written, replaced with nothing, dropped).  Reading it is one small query, where
listing the graphs from the data (``SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }``,
which Virtuoso 7 answers with its ``SPARQL_SELECT_KNOWN_GRAPHS`` procedure) took from
0.4 s to over 30 s once a few graphs and one of 5,000 triples were stored -- and every
query with a GRAPH pattern needs the list.  A store written before the registry
existed has no ``complete`` mark in it: its graphs are then listed from the data, and
the first write builds the registry (in the same request).

Writes are SPARQL Updates, not Graph Store Protocol PUTs: Virtuoso's PUT lets readers
see a graph empty or half-written while it is replaced (measured), and an update also
keeps the merge in the same request.  Reads are SELECT queries, because Virtuoso cuts
results at its ``ResultSetMaxRows`` and says so (``X-SPARQL-MaxRows``) only for SELECT:
a cut result is a :class:`StoreError`, never a silent truncation.

Credentials come from the environment only (``KG_STORE_USER``/``KG_STORE_PASSWORD``);
every failure of the store is a :class:`StoreError` (unreachable: 503; an error
answer: 502), a query it rejects a :class:`QuerySyntaxError`, a deadline a
:class:`QueryTimeout`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests
from rdflib.term import Node

from kg.errors import ConfigError, KGError, QuerySyntaxError, QueryTimeout, StoreError, StoreFailed
from kg.formats import QueryForm, dumps_quads
from kg.rdf.iris import validate_iri
from kg.settings import default
from kg.sparql.lexer import scan_query
from kg.sparql.rewrite import ask_as_select, bind_values, mentions, query_form, with_base

from .common import QueryResult, dump_to, ntriples_bytes, ox_triple, unmerge

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

#: The named graph that holds the merge on Virtuoso.
MERGE_GRAPH = "urn:x-summit-kg:default-graph"
#: The named graph that lists the article graphs on Virtuoso (see "The registry" above).
REGISTRY_GRAPH = "urn:x-summit-kg:graphs"
#: ``<REGISTRY_GRAPH> <HOLDS> <g>``: g is an article graph (it has triples).
HOLDS = "urn:x-summit-kg:holds"
#: ``<REGISTRY_GRAPH> <COMPLETE> true``: every article graph is listed (absent in a store written before the registry).
COMPLETE = "urn:x-summit-kg:complete"
#: A graph that never exists: how the protocol says "no default graph" or "no named graphs".
NO_GRAPH = "urn:x-summit-kg:no-graph"
#: Graphs a Virtuoso installation keeps for itself; hidden like the merge graph.
VIRTUOSO_SYSTEM_PREFIXES = (
    "http://www.openlinksw.com/",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
    "urn:activitystreams-owl:",
)
#: Largest update request :meth:`HttpStore.replace_graphs` sends (more graphs go in further requests).
REQUEST_BYTES = 4 << 20
#: Most triples in one INSERT DATA operation.
INSERT_LINES = 2000

#: What a remote endpoint is asked for, a results document or a graph: SPARQL XML results, N-Triples.
_ASK_FOR = {True: "application/sparql-results+xml", False: "application/n-triples"}
#: The answers read from it (not CSV, which loses datatypes; text/plain is N-Triples' old media type).
_READS_RESULTS = frozenset(
    {"application/sparql-results+xml", "application/sparql-results+json", "text/tab-separated-values"}
)
_READS_GRAPHS = frozenset({"application/n-triples", "text/turtle", "text/plain"})


class Dialect:
    """What SPARQL 1.1 leaves to each kind of server, for a server that needs nothing more ("sparql").

    A kind of server is a subclass that overrides what differs; :data:`DIALECTS` has one
    of each.  The store asks its dialect, never the server's name.
    """

    #: The setting ``store_server`` that names it (and the word its ``Server`` header has).
    name = "sparql"
    #: The named graph that holds the merge; ``None``: the default graph holds it.
    merge_graph: ox.NamedNode | None = None
    #: Whether the article graphs are listed in the registry graph (see "The registry" above).
    keeps_registry = False
    #: Whether an ASK goes as ``SELECT * ... LIMIT 1`` (whose answer is trusted where the ASK's is not).
    ask_as_select = False

    def endpoints(self, url: str, *, has_credentials: bool) -> tuple[str, str]:
        """The query and update URLs of the store at ``url``: ``url`` for both."""
        return url, url

    def hidden(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
        """Whether a graph the server reports is not one of the store's named graphs (the merge, system graphs)."""
        return not isinstance(graph, ox.NamedNode)

    def dataset_prelude(self, text: str, graphs: Callable[[], list[str]]) -> str:
        """What goes before a query sent without a dataset so that it sees the store's own: nothing."""
        return ""

    def unmerge(self, g: ox.NamedNode) -> str:
        """The update operation that takes ``g``'s triples out of the merge (:func:`kg.store.common.unmerge`)."""
        return unmerge(g)

    def register(self, g: ox.NamedNode, present: bool) -> str:
        """The operation that lists ``g`` in the registry (``present``) or takes it out: none here."""
        return ""


class OxigraphDialect(Dialect):
    """oxigraph serve: ``BASE/query`` and ``BASE/update``; each update request one transaction."""

    name = "oxigraph"

    def endpoints(self, url: str, *, has_credentials: bool) -> tuple[str, str]:
        """``url`` is the base or its ``/query``."""
        base = url.rstrip("/")
        base = base[: -len("/query")] if base.endswith("/query") else base
        return base + "/query", base + "/update"


class SummitKgDialect(Dialect):
    """Another ``kg serve``: queries and updates at ``/sparql``."""

    name = "summit-kg"

    def endpoints(self, url: str, *, has_credentials: bool) -> tuple[str, str]:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        return root + "/sparql", root + "/sparql"


class VirtuosoDialect(Dialect):
    """Virtuoso 7: the merge in :data:`MERGE_GRAPH`, a registry, its system graphs hidden (see the module doc)."""

    name = "virtuoso"
    merge_graph = ox.NamedNode(MERGE_GRAPH)
    keeps_registry = True
    ask_as_select = True  # Virtuoso 7 answers some ASKs true that the same SELECT answers empty

    def endpoints(self, url: str, *, has_credentials: bool) -> tuple[str, str]:
        """``url`` (default ``/sparql``) for queries; updates at ``/sparql-auth`` with credentials, else ``/sparql``."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        query = url if parts.path.strip("/") else root + "/sparql"
        return query, root + ("/sparql-auth" if has_credentials else "/sparql")

    def hidden(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
        if not isinstance(graph, ox.NamedNode):
            return True
        return graph.value in (MERGE_GRAPH, REGISTRY_GRAPH) or graph.value.startswith(VIRTUOSO_SYSTEM_PREFIXES)

    def dataset_prelude(self, text: str, graphs: Callable[[], list[str]]) -> str:
        """The pragmas that give a query without a dataset the store's own one.

        Virtuoso's default dataset is every graph it has, its system graphs too, as a
        multiset union; so the default graph is pointed at the merge, and (for a query
        that has a GRAPH pattern) the named graphs are listed -- one pragma per graph
        (3,000 add 0.08 s to a query; as protocol parameters Virtuoso would echo each as a
        response header, past the 100 that Python's HTTP client takes).
        """
        pragmas = [f"DEFINE input:default-graph-uri {self.merge_graph}"]
        if mentions(text, "GRAPH"):
            pragmas += [f"DEFINE input:named-graph-uri {ox.NamedNode(g)}" for g in [NO_GRAPH, *graphs()]]
        return "\n".join(pragmas) + "\n"

    def unmerge(self, g: ox.NamedNode) -> str:
        return unmerge(g, merge=self.merge_graph, apart=[ox.NamedNode(REGISTRY_GRAPH)])

    def register(self, g: ox.NamedNode, present: bool) -> str:
        registry = ox.NamedNode(REGISTRY_GRAPH)
        verb = "INSERT" if present else "DELETE"
        return f" ;\n{verb} DATA {{ GRAPH {registry} {{ {registry} {ox.NamedNode(HOLDS)} {g} }} }}"


#: The dialect of each kind of server, by the name the setting ``store_server`` gives it.
DIALECTS: dict[str, Dialect] = {d.name: d for d in (OxigraphDialect(), VirtuosoDialect(), SummitKgDialect(), Dialect())}
#: The values of the setting ``store_server``: a kind, or ``auto`` (told by the server's ``Server`` header).
SERVERS = ("auto", *DIALECTS)


def detect(server_header: str) -> Dialect:
    """The dialect a ``Server`` response header names (the generic one if it names none we know)."""
    name = server_header.lower()
    return next((d for d in DIALECTS.values() if d.name != "sparql" and d.name in name), DIALECTS["sparql"])


class _Body(io.RawIOBase):
    """A response body as a raw binary file (read through an ``io.BufferedReader``, the BinaryIO that
    pyoxigraph's parsers take); its end, or closing it (a result dropped half-read), closes the response."""

    def __init__(self, response: requests.Response) -> None:
        super().__init__()
        self._response = response
        response.raw.decode_content = True  # gzip, if the server sent it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._response.raw.read(len(view)) if not self._response.raw.closed else b""
        if not data:
            self._response.close()  # the end: the connection goes back to the pool (this file stays open)
            return 0
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._response.close()
        super().close()


class HttpStore:
    """The store contract (:class:`kg.store.contract.GraphStore`) over an external SPARQL 1.1 server at ``url``.

    ``server`` is ``oxigraph``, ``virtuoso``, ``summit-kg``, ``sparql`` (any other SPARQL
    1.1 server with a real default graph) or ``auto`` (told by the ``Server`` header of the
    store's first answer): its :class:`Dialect`.  ``query_url``/``update_url`` override the
    URLs derived from ``url``.  Nothing is sent before the first call.
    """

    # capabilities (kg.store.contract): not a folder here (no worker processes, no bulk loader), and
    # written at its own endpoints, not through summit-kg's
    local = False
    bulk_loadable = False
    endpoint_writes = False
    writable = True

    def __init__(
        self,
        url: str,
        *,
        server: str = "auto",
        query_url: str = "",
        update_url: str = "",
        auth: requests.auth.AuthBase | None = None,
        union_default_graph: bool = True,
        connect_timeout_s: float = default("http_timeout_s"),
        query_timeout_s: float = default("query_timeout_s"),
        session: requests.Session | None = None,
    ) -> None:
        if server not in SERVERS:
            raise ConfigError(f"setting store_server: {server!r} is not one of {', '.join(SERVERS)}")
        self.url = validate_iri(url)
        self.union_default_graph = union_default_graph
        self._server = server
        self._urls = (query_url, update_url)
        self._timeout = (connect_timeout_s, query_timeout_s if query_timeout_s > 0 else None)
        self._session = session or requests.Session()
        self._session.auth = auth
        self._session.headers["User-Agent"] = "summit-kg"
        self._lock = threading.Lock()
        self._resolved: tuple[Dialect, str, str] | None = None  # dialect, query URL, update URL
        self._registry_complete = False  # seen complete (it stays so: no write removes the mark)

    @property
    def server(self) -> str:
        """The kind of server (``oxigraph``, ``virtuoso``, ``summit-kg``, ``sparql``), asked of it once if ``auto``."""
        return self.dialect.name

    @property
    def dialect(self) -> Dialect:
        """The server's :class:`Dialect`, asked of it once if ``auto``."""
        return self._resolve()[0]

    def _resolve(self) -> tuple[Dialect, str, str]:
        with self._lock:
            if self._resolved is None:
                if self._server == "auto":
                    response = self._send("GET", self.url)  # any answer will do: its Server header
                    response.close()
                    dialect = detect(response.headers.get("Server", ""))
                else:
                    dialect = DIALECTS[self._server]
                query_url, update_url = dialect.endpoints(self.url, has_credentials=self._session.auth is not None)
                self._resolved = (dialect, self._urls[0] or query_url, self._urls[1] or update_url)
            return self._resolved

    def _hidden(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
        """Whether a graph the server reports is not one of the store's named graphs (the merge, system graphs)."""
        return self.dialect.hidden(graph)

    # -- HTTP ------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        *,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """One request, whatever its answer's status; failing to get an answer is the package's error."""
        try:
            response = self._session.request(
                method, url, data=data, headers=headers, timeout=self._timeout, stream=stream, allow_redirects=False
            )
        except requests.Timeout:
            raise QueryTimeout(
                f"the store at {url} did not answer within {self._timeout[1]} s (setting query_timeout_s)"
            ) from None
        except requests.RequestException as exc:
            raise StoreError(f"cannot reach the store at {url}: {_reason(exc)}") from None
        return response

    def _exchange(
        self,
        url: str,
        what: str,
        data: Any,
        *,
        rejected: type[KGError] = StoreFailed,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """POST ``data`` to ``url``, to ``what`` (a verb for messages); a 2xx answer, else the error it means.

        A 400 is ``rejected`` (the sender's fault: a query the store does not take), any
        other failure the store's (:class:`StoreFailed`).
        """
        response = self._send("POST", url, data=data, headers=headers, stream=stream)
        if response.status_code < 300:
            return response
        message, status = _message(response), response.status_code
        response.close()
        if status == 400 and rejected is not StoreFailed:
            raise rejected(f"the store rejected the {what}: {message}")
        if status in (401, 403):
            raise StoreFailed(
                f"the store at {url} refused to {what} ({status}): give its account in "
                "KG_STORE_USER and KG_STORE_PASSWORD (setting store_auth: digest or basic), or "
                "for another `kg serve` its update token in KG_STORE_TOKEN"
            )
        if status == 404:
            raise StoreFailed(f"no SPARQL endpoint at {url} (404); set store_query_url / store_update_url")
        raise StoreFailed(f"the store at {url} failed to {what} ({status}): {message}")

    def _post_query(self, text: str, form: str, dataset: list[tuple[str, str]] | None = None):
        """Send a query (and the protocol dataset, if any); its results as pyoxigraph objects."""
        _, query_url, _ = self._resolve()
        params = [("query", text)] + (dataset or [])
        results = QueryForm(form).answers_results
        response = self._exchange(
            query_url, "query", params, rejected=QuerySyntaxError, headers={"Accept": _ASK_FOR[results]}, stream=True
        )
        for header in ("X-SPARQL-MaxRows", "X-SQL-State"):  # Virtuoso's marks of a cut result
            if header in response.headers:
                response.close()
                raise StoreFailed(
                    f"the store cut the result short ({header}: {response.headers[header]}; "
                    f"{response.headers.get('X-SQL-Message', 'raise its ResultSetMaxRows')})"
                )
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        body = io.BufferedReader(_Body(response))  # a BinaryIO for the parsers; closing it closes the response
        try:
            if results and media_type in _READS_RESULTS:
                result = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(media_type))
                return _as_boolean(result) if form == "ASK" else result
            if not results and media_type in _READS_GRAPHS:
                graph = ox.Store()
                graph.load(body, format=ox.RdfFormat.from_media_type(media_type))
                return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
        except SyntaxError as exc:
            body.close()
            raise StoreFailed(f"the store's answer does not parse as {media_type}: {exc}") from None
        body.close()
        raise StoreFailed(f"the store answered a {form} query with {media_type or 'no media type'}")

    def _update(self, text: str) -> None:
        """Send an update request (on Virtuoso, led by the registry's rebuild if the store has none yet)."""
        dialect, _, update_url = self._resolve()
        setup = self._registry_setup() if dialect.keeps_registry else ""
        self._exchange(update_url, "update", {"update": setup + text}).close()
        if dialect.keeps_registry:
            self._registry_complete = True

    # -- reading ---------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query on the store; the same contract as :meth:`kg.store.Store.query`.

        The dataset (arguments, else the query's own FROM / FROM NAMED) goes as the
        protocol's ``default-graph-uri``/``named-graph-uri``; substitutions as a VALUES
        block, the base IRI as BASE (:mod:`kg.sparql.rewrite`).  Everything is checked
        before anything is sent.
        """
        form = query_form(sparql)
        text = with_base(bind_values(sparql, substitutions or {}), base_iri)
        if form == "ASK" and self.dialect.ask_as_select:
            text = ask_as_select(text)
        if default_graphs is None and named_graphs is None:
            scan = scan_query(sparql)
            if scan.from_graphs:
                if None in scan.from_graphs:
                    raise QuerySyntaxError("FROM / FROM NAMED must name a graph as an absolute IRI")
                default_graphs = [g for g in scan.from_default if g is not None]  # (none is None: checked above)
                named_graphs = [g for g in scan.from_named if g is not None]
        if default_graphs is None and named_graphs is None:
            return self._post_query(self._own_dataset(text) + text, form)
        dataset = [("default-graph-uri", validate_iri(g)) for g in default_graphs or [NO_GRAPH]]
        dataset += [("named-graph-uri", validate_iri(g)) for g in named_graphs or [NO_GRAPH]]
        return self._post_query(text, form, dataset)

    def _own_dataset(self, text: str) -> str:
        """What goes before a query sent without a dataset for it to see the store's own (the dialect's)."""
        return self.dialect.dataset_prelude(text, self.graphs)

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted (on Virtuoso: read from the registry)."""
        if self.dialect.keeps_registry:
            registered = self._registered()
            if registered is not None:
                return registered
        return self._graphs_in_data()

    def _graphs_in_data(self) -> list[str]:
        """The named graphs, found in the data: every quad is looked at (GROUP BY: on Virtuoso, DISTINCT
        here is its slow SPARQL_SELECT_KNOWN_GRAPHS).  For a store without a registry."""
        rows = self._post_query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "SELECT")
        return sorted(row["g"].value for row in rows if not self._hidden(row["g"]))

    def _registered(self) -> list[str] | None:
        """The article graphs the registry lists, sorted; ``None`` if it is not complete (a store written before
        it).  One query on one small graph."""
        registry = ox.NamedNode(REGISTRY_GRAPH)
        rows = self._post_query(f"SELECT ?p ?g WHERE {{ GRAPH {registry} {{ {registry} ?p ?g }} }}", "SELECT")
        graphs, complete = [], False
        for row in rows:
            if row["p"].value == COMPLETE:
                complete = True
            elif row["p"].value == HOLDS and isinstance(row["g"], ox.NamedNode):
                graphs.append(row["g"].value)
        if complete:
            self._registry_complete = True
        return sorted(graphs) if complete else None

    def _registry_setup(self) -> str:
        """The operations that build the registry from the data, if the store has no complete one ('' if it has).

        Asked once per HttpStore; the rebuild looks at every quad, once, in the first write's own request.
        """
        if self._registry_complete or self._registered() is not None:
            return ""
        registry, merge = ox.NamedNode(REGISTRY_GRAPH), ox.NamedNode(MERGE_GRAPH)
        system = " && ".join(f"!STRSTARTS(STR(?g), {ox.Literal(prefix)})" for prefix in VIRTUOSO_SYSTEM_PREFIXES)
        return (
            f"INSERT {{ GRAPH {registry} {{ {registry} {ox.NamedNode(HOLDS)} ?g }} }} WHERE {{ "
            f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?g) && ?g != {merge} && ?g != {registry} "
            f"&& {system}) }} GROUP BY ?g }} ;\n"
            f"INSERT DATA {{ GRAPH {registry} {{ {registry} {ox.NamedNode(COMPLETE)} true }} }} ;\n"
        )

    def has_graph(self, graph: str) -> bool:
        g = ox.NamedNode(validate_iri(graph))
        return not self._hidden(g) and self._any(f"GRAPH {g} {{ ?s ?p ?o }}")

    def _any(self, pattern: str) -> bool:
        """Whether ``pattern`` has a solution (a SELECT: Virtuoso's ASK is not to be trusted)."""
        return bool(list(self._post_query(f"SELECT * WHERE {{ {pattern} }} LIMIT 1", "SELECT")))  # read to the end

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all named graphs (not the derived default graph)."""
        if graph:
            g = ox.NamedNode(validate_iri(graph))
            if self._hidden(g):
                return iter(())
            rows = self._post_query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}", "SELECT")
            return (ox.Quad(row["s"], row["p"], row["o"], g) for row in rows)
        text = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        rows = self._post_query(self._own_dataset(text) + text, "SELECT")
        return (ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows if not self._hidden(row["g"]))

    def default_graph(self) -> Iterator[ox.Triple]:
        """The triples of the default graph (with a maintained merge: each distinct triple once)."""
        if not self.union_default_graph:
            return (q.triple for q in self.quads())
        merge_graph = self.dialect.merge_graph
        merge = f"GRAPH {merge_graph} {{ ?s ?p ?o }}" if merge_graph is not None else "?s ?p ?o"
        rows = self._post_query(f"SELECT ?s ?p ?o WHERE {{ {merge} }}", "SELECT")
        return (ox.Triple(row["s"], row["p"], row["o"]) for row in rows)

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        rows = self._post_query(self._own_dataset(text) + text, "SELECT")
        return sum(int(row["n"].value) for row in rows if not self._hidden(row["g"]))

    def graph_contains(self, graph: str, subject: Node, predicate: Node, obj: Node) -> bool:
        """Whether a named graph holds one given triple."""
        g = ox.NamedNode(validate_iri(graph))
        t = ox_triple(subject, predicate, obj)
        return self._any(f"GRAPH {g} {{ {t.subject} {t.predicate} {t.object} }}")

    def dump(self, output: BinaryIO, fmt: str = "turtle", graph: str | None = None, *, gzip: bool = False) -> None:
        """Write the store (or one graph) as ``fmt`` to ``output``, as the rows stream in (see :meth:`Store.dump`).

        Quad formats write the named graphs; triple formats the default graph (the
        merge, each triple once); with ``graph``, only that graph.
        """

        def write(target: IO[bytes], rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None) -> None:
            if dumps_quads(rdf_format):
                ox.serialize(self.quads(graph), target, format=rdf_format, prefixes=prefixes)
            elif graph:
                ox.serialize((q.triple for q in self.quads(graph)), target, format=rdf_format, prefixes=prefixes)
            else:
                ox.serialize(self.default_graph(), target, format=rdf_format, prefixes=prefixes)

        dump_to(output, fmt, write, gzip=gzip)

    # -- writing ---------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace a named graph's content and its share of the merge in one update request; returns the count.

        The triples are written as N-Triples by pyoxigraph (the graph IRI is validated
        first): nothing is sent for a bad IRI or term.  Writing the same graph again
        changes nothing, so a failed write is repaired by repeating it.
        """
        g = ox.NamedNode(validate_iri(graph))
        body = [ox_triple(s, p, o) for s, p, o in triples]
        self._update(self._replace(g, ntriples_bytes(body).decode("utf-8")))
        return len(body)

    def replace_graphs(self, batch: Sequence[tuple[str, bytes]]) -> None:
        """Replace (or create) several named graphs given as N-Triples (see :meth:`Store.replace_graphs`).

        Each graph is one ``replace`` of :meth:`replace_graph`'s form, its data re-serialized
        by pyoxigraph; they go in update requests of up to ``REQUEST_BYTES`` (a graph whole in
        one), and a graph with blank nodes alone (labels are scoped to a request).
        """
        names = [validate_iri(graph) for graph, _ in batch]
        if len(set(names)) != len(names):
            raise ValueError("a graph is named twice in one batch")
        self._write_graphs(zip(names, (data for _, data in batch), strict=True))

    def _write_graphs(self, graphs: Iterable[tuple[str, bytes]]) -> None:
        pending: list[str] = []
        size = 0
        for name, data in graphs:
            body = ntriples_bytes(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
            operation = self._replace(ox.NamedNode(name), body.decode("utf-8"))
            if b"_:" in body:
                self._update(operation)
                continue
            if pending and size + len(operation) > REQUEST_BYTES:
                self._update(" ;\n".join(pending))
                pending, size = [], 0
            pending.append(operation)
            size += len(operation)
        if pending:
            self._update(" ;\n".join(pending))

    def _replace(self, g: ox.NamedNode, data: str) -> str:
        """The update that replaces ``g`` with the N-Triples ``data`` and brings the merge along.

        The data goes in INSERT DATA operations of at most ``INSERT_LINES`` triples
        (Virtuoso's parser runs out of stack near 10,000 triples in one), all in one
        request; a graph with blank nodes stays in one operation, whose labels it scopes.
        """
        lines = [line for line in data.split("\n") if line.strip()]
        chunks = ["\n".join(lines[i : i + INSERT_LINES]) for i in range(0, len(lines), INSERT_LINES)]
        if "_:" in data and chunks:
            chunks = [data]
        # (no empty INSERT DATA: Virtuoso rejects an empty GRAPH block -- a graph of no triples, or a
        # last chunk of none when the count is a multiple of INSERT_LINES)
        inserts = []
        for chunk in chunks:
            merged = ""
            if self.union_default_graph:
                merge_graph = self.dialect.merge_graph
                merged = f"GRAPH {merge_graph} {{\n{chunk}\n}}" if merge_graph is not None else chunk
            inserts.append(f"INSERT DATA {{ {merged}\nGRAPH {g} {{\n{chunk}\n}} }}")
        return (
            f"{self._unmerge(g)}DROP SILENT GRAPH {g}"
            + "".join(f" ;\n{insert}" for insert in inserts)
            + self.dialect.register(g, bool(chunks))
        )

    def _unmerge(self, g: ox.NamedNode) -> str:
        """The update that takes ``g``'s triples out of the merge, unless another graph has them too."""
        return self.dialect.unmerge(g) if self.union_default_graph else ""

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph (and its share of the merge); returns whether it existed."""
        g = ox.NamedNode(validate_iri(graph))
        existed = self.has_graph(graph)
        if existed:
            self._update(f"{self._unmerge(g)}DROP SILENT GRAPH {g}{self.dialect.register(g, False)}")
        return existed

    def flush(self) -> None:
        """Nothing to do: the server has made each update durable before answering it."""

    def optimize(self) -> None:
        """Nothing to do: the server looks after its own storage."""

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _as_boolean(result: QueryResult) -> ox.QueryBoolean:
    """An ASK answer from a SELECT-shaped one: true if it has a row (Virtuoso 7 answers ASK with a table of
    one row for true, none for false; and its ASKs are sent as SELECT ... LIMIT 1 anyway)."""
    if isinstance(result, ox.QueryBoolean):
        return result
    value = next(iter(result), None) is not None
    answer = ox.parse_query_results(
        '{"head":{},"boolean":%s}' % ("true" if value else "false"), format=ox.QueryResultsFormat.JSON
    )
    assert isinstance(answer, ox.QueryBoolean)  # a boolean results document
    return answer


def _message(response: requests.Response) -> str:
    """The first line of an error answer, short (the server's words, without the query it echoes)."""
    try:
        text = response.text
    except requests.RequestException:
        return f"HTTP {response.status_code}"
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("<")]
    return (lines[0] if lines else f"HTTP {response.status_code}")[:500]


def _reason(exc: requests.RequestException) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused (is the server running?)"
    return text[:300]


class BearerAuth(requests.auth.AuthBase):
    """``Authorization: Bearer TOKEN`` on every request."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def from_settings(url: str, settings: Mapping, *, union_default_graph: bool, environ: Mapping[str, str]) -> HttpStore:
    """The HttpStore the settings describe; credentials from ``environ``.

    KG_STORE_USER / KG_STORE_PASSWORD (digest or basic, setting store_auth), or
    KG_STORE_TOKEN: a bearer token (another ``kg serve`` that has KG_UPDATE_TOKEN).
    """
    user, password = environ.get("KG_STORE_USER"), environ.get("KG_STORE_PASSWORD")
    if bool(user) != bool(password):
        raise ConfigError("set both KG_STORE_USER and KG_STORE_PASSWORD, or neither")
    auth: requests.auth.AuthBase | None = None
    if environ.get("KG_STORE_TOKEN"):
        if user:
            raise ConfigError("set KG_STORE_TOKEN or KG_STORE_USER/KG_STORE_PASSWORD, not both")
        auth = BearerAuth(environ["KG_STORE_TOKEN"])
    elif user and password:
        kinds = {"digest": requests.auth.HTTPDigestAuth, "basic": requests.auth.HTTPBasicAuth}
        if settings["store_auth"] not in kinds:
            raise ConfigError(f"setting store_auth: {settings['store_auth']!r} is not digest or basic")
        auth = kinds[settings["store_auth"]](user, password)
    return HttpStore(
        url,
        server=settings["store_server"],
        query_url=settings["store_query_url"],
        update_url=settings["store_update_url"],
        auth=auth,
        union_default_graph=union_default_graph,
        connect_timeout_s=settings["http_timeout_s"],
        query_timeout_s=settings["query_timeout_s"],
    )
