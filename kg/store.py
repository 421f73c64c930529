"""The graph store: embedded Oxigraph on disk, as an rdflib Dataset with named graphs.

Writes replace one article's named graph in a single Oxigraph transaction, so a
reader sees an article all-or-nothing and re-ingesting changes nothing.

The default graph is the RDF merge of the article graphs, kept up to date in the same
transaction as each write (setting ``union_default_graph``).  Oxigraph's own
``use_default_graph_as_union`` is a multiset union: a label repeated in 200 article
graphs comes back 200 times, COUNTs are wrong and joins over shared entities blow up
combinatorially.  A materialized merge has set semantics and costs one index look-up
per triple on write.  Queries are
passed to Oxigraph as strings and run on its native engine; results come back as
pyoxigraph objects so they can be serialized natively, without a trip through
rdflib's Python engine (which a pre-parsed rdflib query would silently take).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Sequence, Union

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Literal, URIRef
from rdflib.term import BNode, Node

from .errors import QuerySyntaxError, StoreError
from .iris import validate_iri

QueryResult = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]

#: RDF serializations the store can write, by short name.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"nq", "trig"}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph twin."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


class Store:
    """An embedded Oxigraph store on disk.

    ``store.dataset`` is the rdflib view (an ``rdflib.Dataset`` over oxrdflib) for
    code that wants rdflib objects; ``store.ox`` is the native pyoxigraph store that
    the query and write paths use.
    """

    def __init__(self, path: str | Path, *, union_default_graph: bool = True) -> None:
        self.path = Path(path)
        self.union_default_graph = union_default_graph
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                text = "it is locked by another process (is `kg serve` or `kg ingest` running on it?)"
            raise StoreError(f"cannot open the store at {self.path}: {text}") from None
        self.dataset = Dataset(store=OxigraphStore(store=self.ox))  # its default graph is the merge

    # -- reading -------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        substitutions: dict[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query string on the native engine.

        With no protocol dataset, the default graph is the store's default graph: the
        merge of the named graphs when the store maintains it.  ``default_graphs``/``named_graphs`` are the
        SPARQL Protocol's ``default-graph-uri``/``named-graph-uri``; they override any
        FROM / FROM NAMED in the query.  ``substitutions`` bind variables to values
        (SEP-0007), which is how named-query parameters reach the query.
        ``base_iri`` resolves relative IRIs in the query (SPARQL Protocol 2.3: the
        server uses the endpoint's URL).
        """
        kwargs: dict = {}
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        if default_graphs is not None or named_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(validate_iri(g)) for g in default_graphs or ()]
            kwargs["named_graphs"] = [ox.NamedNode(validate_iri(g)) for g in named_graphs or ()]
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        try:
            return self.ox.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(validate_iri(graph)))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all named graphs (not the derived default graph)."""
        if graph:
            return self.ox.quads_for_pattern(None, None, None, ox.NamedNode(validate_iri(graph)))
        return (q for q in self.ox.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def default_graph(self) -> Iterator[ox.Triple]:
        """The triples of the default graph (with a maintained merge: each distinct triple once)."""
        if not self.union_default_graph:
            return (q.triple for q in self.quads())
        return (q.triple for q in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for _ in self.quads())

    # -- writing -------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace a named graph's content in one transaction; returns the triple count.

        Only one process writes a store (Oxigraph locks it), so the check for an
        existing graph and the write that follows cannot race with another writer.

        The new content is written as N-Triples by pyoxigraph (its escaping, not
        ours; the graph IRI is validated) and applied with the DROP in a single SPARQL
        Update, which Oxigraph runs as one transaction: readers see the old graph or
        the new one, never a mix.
        """
        g = ox.NamedNode(validate_iri(graph))
        body = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
        if not self.ox.contains_named_graph(g):
            # A new graph needs no DROP: extend() is one transaction, and 2-3x cheaper.
            # (The default graph is a set: a triple it already has is not added twice.)
            merged = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in body] \
                if self.union_default_graph else []
            self.ox.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in body] + merged)
            return len(body)
        data = ox.serialize(body, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # One INSERT DATA for both graphs, so blank node labels mean the same nodes in each.
        merged = data if self.union_default_graph else ""
        self.ox.update(f"{self._unmerge(g)}DROP SILENT GRAPH {g} ;\n"
                       f"INSERT DATA {{ {merged}\nGRAPH {g} {{\n{data}}} }}")
        return len(body)

    def _unmerge(self, g: ox.NamedNode) -> str:
        """The update that takes ``g``'s triples out of the merge, unless another graph has them too."""
        if not self.union_default_graph:
            return ""
        return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n")

    def graph_contains(self, graph: str, subject: Node, predicate: Node, obj: Node) -> bool:
        """Whether a named graph holds one given triple (a cheap index look-up)."""
        g = ox.NamedNode(validate_iri(graph))
        pattern = self.ox.quads_for_pattern(to_ox(subject), to_ox(predicate), to_ox(obj), g)
        return next(iter(pattern), None) is not None

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; returns whether it existed."""
        g = ox.NamedNode(validate_iri(graph))
        existed = self.ox.contains_named_graph(g)
        if existed:
            self.ox.update(f"{self._unmerge(g)}DROP GRAPH {g}")
        return existed

    def flush(self) -> None:
        self.ox.flush()

    # -- dumping -------------------------------------------------------------------

    def dump(self, fmt: str = "turtle", graph: str | None = None, *, chunk: int = 20_000) -> Iterator[bytes]:
        """Stream the store (or one graph) as ``fmt``, a chunk of quads at a time.

        Quad formats write the named graphs (the default graph is derived from them);
        triple formats write the default graph, the merge, each triple once.
        Line-based formats (N-Triples, N-Quads, Turtle, TriG) stream at flat memory,
        at most ``chunk`` quads at once; RDF/XML and JSON-LD are one document each and
        are serialized whole.
        """
        if fmt not in RDF_FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        rdf_format = RDF_FORMATS[fmt]
        quads = fmt in QUAD_FORMATS
        batch: list = []
        from .namespaces import PREFIXES  # noqa: PLC0415  (prefixes only matter here)

        prefixes = PREFIXES if fmt in {"turtle", "trig"} else None
        if fmt in {"xml", "jsonld"}:
            chunk = 2**62
        if quads or graph:
            items = (q if quads else q.triple for q in self.quads(graph))
        else:
            items = self.default_graph()
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                yield ox.serialize(batch, format=rdf_format, prefixes=prefixes)
                batch = []
        if batch or fmt == "jsonld":
            yield ox.serialize(batch, format=rdf_format, prefixes=prefixes)

    def close(self) -> None:
        """Flush and release the store, so another process (or Store) can open it."""
        if getattr(self, "ox", None) is None:
            return
        self.ox.flush()
        # The rdflib view holds the native store too; drop both references so the
        # RocksDB lock is released now, not whenever the garbage collector runs.
        self.dataset.store._store = None
        self.ox = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(location: str | Path, *, union_default_graph: bool = True) -> Store:
    """Open the store a setting names (today: a folder for embedded Oxigraph)."""
    return Store(location, union_default_graph=union_default_graph)
