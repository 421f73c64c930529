"""The store contract: what every backend offers, and what each can say about itself up front.

:class:`GraphStore` is the one type the rest of the package holds a store by
(:func:`kg.store.open_store` returns it).  Both backends satisfy it structurally:
:class:`kg.store.embedded.Store` (Oxigraph on disk) and :class:`kg.store.http.HttpStore`
(an external SPARQL 1.1 server).  What differs between them is said by *capabilities*,
plain boolean attributes in the manner of rdflib's ``context_aware`` /
``transaction_aware`` (which oxrdflib declares), so that callers ask the store instead of
telling backends apart by class or by ``path``:

``local``
    The store is a folder on this machine, queried by this process's own engine: query
    worker processes can open it read-only (:meth:`kg.store.embedded.Store.open_read_only`),
    its queries cost this machine's CPU and memory (the server bounds them), ``kg optimize``
    compacts it and an interrupted ``kg ingest --bulk`` marks it.  :func:`is_local`
    narrows a store to :class:`LocalStore`.
``bulk_loadable``
    :meth:`LocalStore.bulk_load_graphs` fills a new, empty store with a loader that
    bypasses transactions (``kg ingest --bulk``).
``endpoint_writes``
    It takes the writes of summit-kg's own endpoints (SPARQL Update, Graph Store
    PUT/POST/DELETE), keeping the default graph the merge: :class:`EndpointWritable`;
    :func:`takes_endpoint_writes` narrows to it.  An external store is written at its
    own endpoints instead.
``writable``
    Opened for writing (``False``: a read-only view, as the query workers open).

This module imports only pyoxigraph and rdflib's term types: no backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol, TypeGuard

import pyoxigraph as ox
from rdflib.term import Node

from .common import QueryResult

#: A value a query variable may be bound to (SEP-0007 substitutions; named-query parameters).
Binding = ox.NamedNode | ox.Literal


class GraphStore(Protocol):
    """A store of named graphs whose default graph is their set-merge (see :mod:`kg.store.embedded`)."""

    # -- capabilities (read-only; class attributes or per-instance values in the backends) --------

    @property
    def local(self) -> bool: ...

    @property
    def bulk_loadable(self) -> bool: ...

    @property
    def endpoint_writes(self) -> bool: ...

    @property
    def writable(self) -> bool: ...

    @property
    def union_default_graph(self) -> bool:
        """Whether queries without a dataset see the merge of the named graphs as their default graph."""
        ...

    # -- reading -------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        substitutions: Mapping[str, Binding] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; the protocol dataset, if given, replaces the query's own."""
        ...

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        ...

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph exists."""
        ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all named graphs (not the derived default graph)."""
        ...

    def default_graph(self) -> Iterator[ox.Triple]:
        """The triples of the default graph (with a maintained merge: each distinct triple once)."""
        ...

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        ...

    def graph_contains(self, graph: str, subject: Node, predicate: Node, obj: Node) -> bool:
        """Whether a named graph holds one given triple."""
        ...

    def dump(self, output: BinaryIO, fmt: str = "turtle", graph: str | None = None, *, gzip: bool = False) -> None:
        """Write the store (or one graph) as ``fmt`` to ``output``, as it is read (see :mod:`kg.store.common`)."""
        ...

    # -- writing (ingest) ----------------------------------------------------------

    def replace_graph(self, graph: str, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace a named graph's content, whole or not at all; returns the triple count."""
        ...

    def replace_graphs(self, batch: Sequence[tuple[str, bytes]]) -> None:
        """Replace (or create) several named graphs given as N-Triples, each whole or not at all."""
        ...

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; returns whether it existed."""
        ...

    def flush(self) -> None:
        """Make what was written durable (a no-op where the server does it)."""
        ...

    def optimize(self) -> None:
        """Compact the indexes after many writes (a no-op where the server does it)."""
        ...

    def close(self) -> None:
        """Release the store (the lock of a local one, the connections of an external one)."""
        ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...


class LocalStore(GraphStore, Protocol):
    """A store in a folder on this machine (capability ``local``)."""

    @property
    def path(self) -> Path:
        """The folder."""
        ...

    def bulk_load_graphs(self, graphs: Iterable[tuple[str, bytes]]) -> None:
        """Add new named graphs (N-Triples) with the bulk loader: fast, not atomic, for a new store."""
        ...

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all."""
        ...

    def match(self, subject: str | None, predicate: str | None, object_: str | None) -> Iterator[ox.Quad]:
        """The default graph's triples with these IRIs (None: any), as quads, in the engine's order."""
        ...

    def clear(self) -> None:
        """Remove every quad (``kg ingest --bulk`` starting over an interrupted load)."""
        ...


class EndpointWritable(GraphStore, Protocol):
    """A store that takes the writes of summit-kg's own endpoints (capability ``endpoint_writes``)."""

    def put_graph(self, graph: str, triples: Iterable[ox.Triple]) -> bool:
        """Replace a named graph (GSP PUT); returns whether it is new."""
        ...

    def add_to_graph(self, graph: str | None, triples: Iterable[ox.Triple]) -> bool:
        """Add triples to a named graph (``None``: the stored default graph) (GSP POST); whether it is new."""
        ...

    def replace_default(self, triples: Iterable[ox.Triple]) -> int:
        """Replace the stored default graph (GSP PUT/DELETE ``?default``)."""
        ...

    def update(
        self,
        text: str,
        *,
        using: Sequence[str] = (),
        using_named: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> None:
        """Run a SPARQL Update, keeping the default graph the merge of the named graphs."""
        ...


def is_local(store: GraphStore) -> TypeGuard[LocalStore]:
    """Whether ``store`` is a folder on this machine (its ``local`` capability), typed as such."""
    return store.local


def takes_endpoint_writes(store: GraphStore) -> TypeGuard[EndpointWritable]:
    """Whether ``store`` takes writes through summit-kg's endpoints (its ``endpoint_writes`` capability)."""
    return store.endpoint_writes
