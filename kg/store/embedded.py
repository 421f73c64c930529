"""The embedded graph store: Oxigraph on disk, with named graphs (the :class:`kg.store.contract.GraphStore`).

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

For notebooks, :meth:`Store.rdflib_dataset` gives an ``rdflib.Dataset`` over the same
Oxigraph store through oxrdflib: rdflib objects, no copy.
"""

from __future__ import annotations

import io
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ModificationException
from rdflib.term import Node

from kg.errors import BadRequest, NoStore, StoreError
from kg.formats import dumps_quads
from kg.rdf.iris import validate_iri
from kg.sparql.diagnostics import query_syntax_error
from kg.sparql.update import graphs_written, with_using
from kg.store.common import QueryResult, dump_to, ntriples_bytes, ox_triple, unmerge
from kg.store.contract import GraphStore, LocalStore, is_local

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


class Store:
    """An embedded Oxigraph store in the folder ``path`` (created if need be), open read-write.

    ``store.ox`` is the native pyoxigraph store that the query and write paths use;
    :meth:`rdflib_dataset` is a read-only rdflib view of it.  :meth:`open_read_only` opens
    an existing store beside the process that writes it.
    """

    # capabilities (kg.store.contract): a folder on this machine, queried in this process (and the writing
    # ones, bulk_loadable and endpoint_writes, below: a store open read-write)
    local = True

    def __init__(
        self, path: str | Path, *, union_default_graph: bool = True, read_only: bool = False, attempts: int = 5
    ) -> None:
        """Open (or create) the store at ``path``; ``read_only``: see :meth:`open_read_only`."""
        self.path = Path(path)
        self.union_default_graph = union_default_graph
        self.writable = not read_only
        self._views: list[weakref.ref[Dataset]] = []  # (not a WeakSet: rdflib deprecates hashing a Dataset)
        self._closed = False
        #: The native pyoxigraph store (gone once closed).
        self.ox: ox.Store = self._open_read_only(attempts) if read_only else self._open()

    @classmethod
    def open_read_only(cls, path: str | Path, *, union_default_graph: bool = True, attempts: int = 5) -> Store:
        """Open an existing store to read it, beside the process that has it open read-write (no lock):
        ``kg query`` while ``kg serve`` runs, and the query workers.  It sees the store as of this opening.

        No store there is :class:`NoStore`.  A writer's RocksDB may delete files just as a
        read-only open lists them: ``attempts`` tries, a little longer apart each time.
        """
        return cls(path, union_default_graph=union_default_graph, read_only=True, attempts=attempts)

    def _open(self) -> ox.Store:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                text = "it is locked by another process (is `kg serve` or `kg ingest` running on it?)"
            raise StoreError(f"cannot open the store at {self.path}: {text}") from None

    def _open_read_only(self, attempts: int) -> ox.Store:
        if not has_store(self.path):
            raise NoStore(f"no store at {self.path}")
        for attempt in range(attempts):
            try:
                return ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as exc:  # RocksDB's errors
                if attempt == attempts - 1:
                    raise StoreError(f"cannot open the store at {self.path} to read it: {exc}") from None
                time.sleep(0.1 * (attempt + 1))
        raise ValueError(f"attempts must be 1 or more, not {attempts}")

    def reopen(self, attempts: int = 5) -> None:
        """Catch a read-only store up with the writer: a fresh snapshot of the folder.

        Whoever holds the previous native store (a query under way, an rdflib view) keeps reading it.
        """
        if self.writable:
            raise ValueError("only a store opened read-only is reopened")
        self.ox = self._open_read_only(attempts)

    @property
    def bulk_loadable(self) -> bool:
        """Whether :meth:`bulk_load_graphs` may run: on a store open read-write."""
        return self.writable

    @property
    def endpoint_writes(self) -> bool:
        """Whether the endpoints' writes (:meth:`put_graph`, :meth:`update`...) may run: on a store open read-write."""
        return self.writable

    def rdflib_dataset(self) -> Dataset:
        """The store as an ``rdflib.Dataset``, through oxrdflib: for notebooks and rdflib tools.

        The same Oxigraph store, not a copy: it sees every write made through this Store,
        and a SPARQL query *string* given to its ``query()`` runs on Oxigraph's engine
        (a pre-parsed rdflib query would take rdflib's Python engine).  Its default graph
        is the store's default graph (the merge of the named graphs, with
        ``union_default_graph``); the named graphs are its contexts: ``dataset.graph(IRI)``
        for one of them.

        It is read-only (adding or removing raises rdflib's ``ModificationException``):
        writes through rdflib would bypass the merge that :meth:`replace_graph` keeps.
        Closing this Store closes every view it gave out.
        """
        view = Dataset(store=_ReadOnlyOxigraph(store=self.ox))
        self._views = [ref for ref in self._views if ref() is not None] + [weakref.ref(view)]
        return view

    # -- reading -------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        substitutions: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None,
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
            raise query_syntax_error(sparql, exc) from None

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(validate_iri(graph)))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all named graphs (not the derived default graph)."""
        if graph:
            return self.ox.quads_for_pattern(None, None, None, ox.NamedNode(validate_iri(graph)))
        return (
            q
            for q in self.ox.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        )

    def default_graph(self) -> Iterator[ox.Triple]:
        """The triples of the default graph (with a maintained merge: each distinct triple once)."""
        if not self.union_default_graph:
            return (q.triple for q in self.quads())
        return (q.triple for q in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def match(self, subject: str | None, predicate: str | None, object_: str | None) -> Iterator[ox.Quad]:
        """The triples of the default graph (what a query without a dataset matches) with these IRIs (None: any),
        as quads, in the order the engine matches them; a ValueError for an IRI it would refuse."""
        s, p, o = (None if iri is None else ox.NamedNode(iri) for iri in (subject, predicate, object_))
        return self.ox.quads_for_pattern(s, p, o, ox.DefaultGraph())

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for _ in self.quads())

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all (in any graph, the default graph included)."""
        return next(iter(self.ox.quads_for_pattern(None, None, None, None)), None) is None

    def clear(self) -> None:
        """Remove every quad: for ``kg ingest --bulk`` starting over an interrupted load."""
        self.ox.clear()

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
        return self._write_graph(g, [ox_triple(s, p, o) for s, p, o in triples])

    def _write_graph(self, g: ox.NamedNode, body: list[ox.Triple]) -> int:
        if not self.ox.contains_named_graph(g):
            # A new graph needs no DROP: extend() is one transaction, and 2-3x cheaper.
            # (The default graph is a set: a triple it already has is not added twice.)
            quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in body]
            if self.union_default_graph:
                quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in body]
            self.ox.extend(quads)
            return len(body)
        data = ntriples_bytes(body).decode("utf-8")
        # One INSERT DATA for both graphs, so blank node labels mean the same nodes in each.
        merged = data if self.union_default_graph else ""
        self.ox.update(f"{self._unmerge(g)}DROP SILENT GRAPH {g} ;\nINSERT DATA {{ {merged}\nGRAPH {g} {{\n{data}}} }}")
        return len(body)

    def _unmerge(self, g: ox.NamedNode) -> str:
        """The update that takes ``g``'s triples out of the merge, unless another graph has them too."""
        return unmerge(g) if self.union_default_graph else ""

    def replace_graphs(self, batch: Sequence[tuple[str, bytes]]) -> None:
        """Replace (or create) several named graphs, each given as N-Triples in the form
        ``kg.rdf.terms`` writes (one triple per line, each ending in `` .\n``); for ingest.

        The new graphs are one ``load()`` of N-Quads (one transaction, parsed natively);
        graphs that exist already are replaced in one update (:meth:`replace_graph`'s
        DROP + INSERT DATA, their data re-serialized by pyoxigraph first).  Either way every
        graph is written whole or not at all.  A graph with blank nodes is loaded on its
        own, so that its labels do not meet another graph's.
        """
        names = [validate_iri(graph) for graph, _ in batch]
        if len(set(names)) != len(names):
            raise ValueError("a graph is named twice in one batch")
        fresh: list[bytes] = []
        existing: list[str] = []
        for (_, data), name in zip(batch, names, strict=True):
            g = ox.NamedNode(name)
            if self.ox.contains_named_graph(g):
                text = ntriples_bytes(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)).decode("utf-8")
                existing.append(
                    f"{self._unmerge(g)}DROP SILENT GRAPH {g} ;\n"
                    f"INSERT DATA {{ {text if self.union_default_graph else ''}\nGRAPH {g} {{\n{text}}} }}"
                )
            elif _has_blank_nodes(data):
                self.ox.load(self._nquads(g, data), format=ox.RdfFormat.N_QUADS)
            else:
                fresh.append(self._nquads(g, data))
        if fresh:
            self.ox.load(b"".join(fresh), format=ox.RdfFormat.N_QUADS)
        if existing:
            self.ox.update(" ;\n".join(existing))

    def bulk_load_graphs(self, graphs: Iterable[tuple[str, bytes]]) -> None:
        """Add new named graphs (N-Triples, as for :meth:`replace_graphs`) with Oxigraph's bulk
        loader: several times faster than transactions, but NOT atomic (a crash leaves any
        part written) and blind to what the store holds: for filling a new, empty store.
        The graphs stream in, so they need not fit in memory; none may have blank nodes.
        """

        def chunks() -> Iterator[bytes]:
            for graph, data in graphs:
                if _has_blank_nodes(data):
                    raise ValueError(f"{graph}: the bulk loader cannot keep blank nodes of graphs apart")
                yield self._nquads(ox.NamedNode(validate_iri(graph)), data)

        reader = _Reader(chunks())
        try:
            self.ox.bulk_load(io.BufferedReader(reader, 1 << 20), format=ox.RdfFormat.N_QUADS)
        except Exception:
            if reader.error is not None:  # the stream's own error, not how the loader reports it
                raise reader.error from None
            raise
        if reader.error is not None:
            raise reader.error

    def _nquads(self, g: ox.NamedNode, data: bytes) -> bytes:
        """N-Triples lines as N-Quads in ``g`` (and, with the merge, in the default graph too)."""
        if data and (not data.endswith(b"\n") or data.count(b"\n") != data.count(b" .\n")):
            raise ValueError(f"{g.value}: not N-Triples with one triple per line")
        return data.replace(b" .\n", f" {g} .\n".encode()) + (data if self.union_default_graph else b"")

    def graph_contains(self, graph: str, subject: Node, predicate: Node, obj: Node) -> bool:
        """Whether a named graph holds one given triple (a cheap index look-up)."""
        g = ox.NamedNode(validate_iri(graph))
        t = ox_triple(subject, predicate, obj)
        pattern = self.ox.quads_for_pattern(t.subject, t.predicate, t.object, g)
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

    def optimize(self) -> None:
        """Compact the on-disk indexes after many writes (RocksDB compaction; atomic, safe to interrupt).

        A store built by thousands of transactional batches answers queries 20-30 % slower
        than the same quads compacted; on 2 million quads this takes about a second.
        """
        self.ox.optimize()

    # -- writing through the endpoint (GSP and SPARQL Update; the server runs one at a time) ---------

    def put_graph(self, graph: str, triples: Iterable[ox.Triple]) -> bool:
        """Replace a named graph with ``triples`` (:meth:`replace_graph`); returns whether it is new.

        An empty ``triples`` leaves an empty graph, which exists (GET finds it).
        """
        g = ox.NamedNode(validate_iri(graph))
        created = not self.ox.contains_named_graph(g)
        body = list(triples)
        self._write_graph(g, body)
        if not body:
            self.ox.add_graph(g)
        return created

    def add_to_graph(self, graph: str | None, triples: Iterable[ox.Triple]) -> bool:
        """Add ``triples`` to a named graph, and to the merge, in one transaction; returns whether the graph is new.

        ``graph=None`` adds them to the stored default graph itself.  Nothing is
        added twice (graphs are sets); blank nodes are the caller's (parse with
        ``rename_blank_nodes`` for an RDF merge).  A new graph is created even if empty.
        """
        body = list(triples)
        if graph is None:
            self.ox.extend([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in body])
            return False
        g = ox.NamedNode(validate_iri(graph))
        created = not self.ox.contains_named_graph(g)
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in body]
        if self.union_default_graph:
            quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in body]
        self.ox.extend(quads)
        if created and not body:
            self.ox.add_graph(g)
        return created

    def replace_default(self, triples: Iterable[ox.Triple]) -> int:
        """Replace the stored default graph with ``triples`` in one transaction (the named graphs stay).

        With ``union_default_graph`` this replaces the merge: the named graphs' triples
        are no longer in the default graph until their graph is written again.
        """
        body = list(triples)
        data = ntriples_bytes(body).decode("utf-8")
        self.ox.update(f"CLEAR DEFAULT ;\nINSERT DATA {{\n{data}}}")
        return len(body)

    def update(
        self, text: str, *, using: Sequence[str] = (), using_named: Sequence[str] = (), base_iri: str | None = None
    ) -> None:
        """Run a SPARQL Update, keeping the default graph the merge of the named graphs.

        ``using``/``using_named`` are the Protocol's ``using-graph-uri`` /
        ``using-named-graph-uri`` (written into the text as USING clauses);
        ``base_iri`` resolves relative IRIs.  The update itself is one Oxigraph
        transaction: it applies whole or not at all (400 for a syntax error or, e.g.,
        DROP of a graph that does not exist).

        With ``union_default_graph``, the named graphs the update may write
        (:func:`kg.sparql.update.graphs_written`) are read before and after it; triples
        that appeared in one of them are added to the default graph, triples that left
        one are removed from it unless another named graph still holds them.  That fix
        is a second transaction, and costs the size of those graphs in memory and time:
        the whole store for ``GRAPH ?g`` templates, ``CLEAR``/``DROP`` ``NAMED``/``ALL``
        (or updates rdflib cannot parse).  Writes to the default graph itself (triples
        outside any GRAPH) change the stored default graph only.
        """
        text = with_using(text, using, using_named)
        if not self.union_default_graph:
            self._run_update(text, base_iri)
            return
        written = graphs_written(text, base_iri)
        before = self._snapshot(written)
        self._run_update(text, base_iri)
        self._remerge(before, self._snapshot(written))

    def _run_update(self, text: str, base_iri: str | None) -> None:
        try:
            self.ox.update(text, base_iri=base_iri)
        except SyntaxError as exc:
            raise query_syntax_error(text, exc) from None
        except RuntimeError as exc:  # the update is well-formed but cannot apply (e.g. DROP of a missing graph)
            raise BadRequest(f"the update was not applied: {exc}") from None
        except OSError as exc:
            raise StoreError(f"the update was not applied: {exc}") from None

    def _snapshot(self, graphs: frozenset[str] | None) -> dict[ox.NamedNode | ox.BlankNode, set[ox.Triple]]:
        """The triples of ``graphs`` (``None``: of every named graph), by graph."""
        if graphs is None:
            names = list(self.ox.named_graphs())
        else:
            names = []
            for graph in graphs:
                try:
                    names.append(ox.NamedNode(graph))
                except ValueError:
                    continue  # not an IRI Oxigraph accepts: no such graph, and the update will not parse
        return {g: {q.triple for q in self.ox.quads_for_pattern(None, None, None, g)} for g in names}

    def _remerge(self, before: dict, after: dict) -> None:
        """Bring the merge up to date with what changed between two snapshots of the named graphs."""
        added: set[ox.Triple] = set()
        removed: set[ox.Triple] = set()
        for g in before.keys() | after.keys():
            old, new = before.get(g, set()), after.get(g, set())
            added |= new - old
            removed |= old - new
        if added:
            self.ox.extend([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in added])
        for t in removed - added:
            held = any(
                not isinstance(q.graph_name, ox.DefaultGraph)
                for q in self.ox.quads_for_pattern(t.subject, t.predicate, t.object, None)
            )
            if not held:
                self.ox.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))

    # -- dumping -------------------------------------------------------------------

    def dump(self, output: BinaryIO, fmt: str = "turtle", graph: str | None = None, *, gzip: bool = False) -> None:
        """Write the store (or one graph) as ``fmt`` to the binary file object ``output``, at flat memory.

        Quad formats (N-Quads, TriG) write the named graphs, one after the other (the
        default graph is derived from them); triple formats write the default graph, the
        merge, each triple once; with ``graph``, only that graph.  pyoxigraph serializes
        as it reads, in every format (RDF/XML and JSON-LD too), and hands ``output`` 8 KiB
        at a time: nothing is held whole.  ``gzip`` compresses on the way (a gzip stream).
        """
        native = self.ox

        def write(target: IO[bytes], rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None) -> None:
            if dumps_quads(rdf_format):
                graphs = [ox.NamedNode(validate_iri(graph))] if graph else native.named_graphs()
                quads = chain.from_iterable(native.quads_for_pattern(None, None, None, g) for g in graphs)
                ox.serialize(quads, target, format=rdf_format, prefixes=prefixes)
            elif graph or self.union_default_graph:
                source = ox.NamedNode(validate_iri(graph)) if graph else ox.DefaultGraph()
                native.dump(target, format=rdf_format, from_graph=source, prefixes=prefixes)
            else:  # no maintained merge: the triples of every graph (a triple two graphs share comes twice)
                ox.serialize(self.default_graph(), target, format=rdf_format, prefixes=prefixes)

        dump_to(output, fmt, write, gzip=gzip)

    def close(self) -> None:
        """Flush and release the store, so another process (or Store) can open it.

        The rdflib views given out hold the native store too: they are closed with it
        (rdflib's ``Dataset.close``), so the RocksDB lock goes now, not whenever the
        garbage collector runs.
        """
        if self._closed:
            return
        self._closed = True
        if self.writable:
            self.ox.flush()
        for ref in self._views:
            view = ref()
            if view is not None:
                view.close()
        self._views = []
        del self.ox

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_blank_nodes(data: bytes) -> bool:
    if b"_:" not in data:  # cheap, and true of every graph the mappers write
        return False
    return any(
        isinstance(t, ox.BlankNode)
        for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        for t in (q.subject, q.object)
    )


class _Reader(io.RawIOBase):
    """A binary file over an iterator of byte chunks (what the bulk loader reads from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks, self.rest = chunks, b""
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        try:
            while not self.rest:
                self.rest = next(self.chunks)
        except StopIteration:
            return 0
        except BaseException as exc:  # noqa: BLE001  (kept, and raised again by the caller)
            self.error = exc
            raise
        view = memoryview(buffer).cast("B")
        n = min(len(view), len(self.rest))
        view[:n] = self.rest[:n]
        self.rest = self.rest[n:]
        return n


#: The file ``kg ingest --bulk`` keeps in a store folder while it loads (see :mod:`kg.ingest.bulk`).
MARKER = "KG-BULK-LOAD-INCOMPLETE"


def bulk_marker(store: LocalStore) -> Path:
    """Where :data:`MARKER` sits in a local store's folder."""
    return store.path / MARKER


def check_complete(store: GraphStore) -> None:
    """Raise StoreError when an interrupted bulk load left the store incomplete (``kg ingest``, ``kg serve``)."""
    if not is_local(store):  # an external store (kg.store.http): never bulk-loaded
        return
    if bulk_marker(store).exists():
        raise StoreError(
            f"the store at {store.path} was being bulk-loaded and the load was interrupted; some "
            f"articles may be partial: run `kg ingest --bulk` again (it starts over), or delete the "
            f"folder"
        )


def has_store(location: str | Path) -> bool:
    """Is there an embedded store in the folder ``location``?  (RocksDB's ``CURRENT`` file, which
    names the live manifest, is in every Oxigraph store folder, from its creation on.)"""
    return (Path(location) / "CURRENT").is_file()


class _ReadOnlyOxigraph(OxigraphStore):
    """oxrdflib's store, refusing writes as rdflib's read-only graphs do (``ModificationException``)."""

    def add(self, *args: object, **kwargs: object) -> None:
        raise ModificationException()

    def addN(self, *args: object, **kwargs: object) -> None:  # noqa: N802  (rdflib's name)
        raise ModificationException()

    def remove(self, *args: object, **kwargs: object) -> None:
        raise ModificationException()

    def update(self, *args: object, **kwargs: object) -> None:
        raise ModificationException()

    def add_graph(self, graph: Graph) -> None:
        """Nothing for a graph the store has (rdflib's ``Dataset.graph(IRI)`` calls it); refused for a new one."""
        if not isinstance(graph.identifier, URIRef) or not self._inner.contains_named_graph(
            ox.NamedNode(str(graph.identifier))
        ):
            raise ModificationException()

    def remove_graph(self, *args: object, **kwargs: object) -> None:
        raise ModificationException()
