"""Ingest: source -> Article -> facts -> linked facts -> triples -> one named graph.

The one place that strings the steps together, used by the CLI (and later by the
server's ingest route).  It has two halves:

* :class:`Preparer`, the pure half, turns one source into its graph as N-Triples
  (read, extract, link, map, serialize).  It runs in worker processes when ``jobs`` > 1
  (:func:`kg.ingest.parallel.ordered_map`), in order, so the store ends up the same as with
  one process.  An article whose graph already holds its content hash is recognised
  right after reading, before the costly steps, and skipped.
* the writer, in this process (the only one that writes the store), decides what each
  prepared article needs (nothing, a new graph, or a replaced one) and writes them in
  batches with :meth:`kg.store.contract.GraphStore.replace_graphs`: every article's graph whole or not
  at all, so an interrupted ingest can simply be run again.

Each source is ingested on its own: a bad file is reported and skipped, the others go
on, and nothing already stored is touched by a failure.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.article import Article
from kg.errors import InputError, KGError
from kg.facts import Facts, check_facts, load_facts
from kg.linking.linker import Linker, link_facts
from kg.rdf.iris import IRIMinter
from kg.rdf.mappers import map_facts
from kg.rdf.mappers.article import read_article
from kg.rdf.namespaces import SKG
from kg.rdf.terms import ntriples
from kg.settings import Settings, default, defaults
from kg.store.contract import GraphStore

from .parallel import ordered_map

SUPPORTED = (".txt", ".html", ".htm", ".json")
BATCH_ARTICLES = 32  # most articles written in one go
BATCH_SECONDS = 0.5  # and the longest a prepared article waits to be written
MIN_PARALLEL = 64  # fewer sources than this are prepared in this process: starting workers costs more
FLUSH_EVERY = 500  # articles: flushing the store's write buffers (~200 kB an article) keeps memory flat
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")

#: graph IRI -> the (article IRI, content hash) pairs it holds
Stored = dict[str, frozenset[tuple[str, str]]]


@dataclass
class IngestResult:
    source: str
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    skipped: bool = False  # already stored with the same content


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1  # processes that prepared the articles

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self.results if r.error]

    @property
    def skipped(self) -> list[IngestResult]:
        return [r for r in self.results if r.skipped]

    @property
    def ingested(self) -> list[IngestResult]:
        """The results whose graph this run wrote (not failed, not already stored)."""
        return [r for r in self.results if not r.error and not r.skipped]

    @property
    def triples(self) -> int:
        return sum(r.triples for r in self.results)


def expand_sources(paths: Iterable[str]) -> Iterator[str]:
    """Files and URLs to ingest: folders expand to their supported files, sorted."""
    for raw in paths:
        if raw.startswith(("http://", "https://")):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED:
                    yield str(child)
        else:
            yield raw


def _read(source: str, *, timeout_s: float, max_bytes: int, session: Any = None) -> Article | Facts:
    """The Article a text, HTML page or URL holds, or the facts a .json file holds."""
    from .read import read_path, read_url  # noqa: PLC0415  (heavy: only when text must be read)

    if source.startswith(("http://", "https://")):
        import requests  # noqa: PLC0415

        return read_url(source, session=session or requests.Session(), timeout_s=timeout_s, max_bytes=max_bytes)
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.suffix.lower() == ".json":
        return load_facts(path)
    return read_path(path, max_bytes=max_bytes)


def facts_for(
    source: str, *, linker: Linker | None, session: Any = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Read or load one source and return its facts, linked unless ``linker`` is None.

    ``settings`` (default: the defaults) bound the read.  Raises InputError when the source cannot be read.
    """
    from kg.extract import extract  # noqa: PLC0415

    settings = settings if settings is not None else defaults()
    read = _read(source, session=session, timeout_s=settings.http_timeout_s, max_bytes=settings.max_article_bytes)
    facts = extract(read) if isinstance(read, Article) else dict(read)
    if linker is None:
        return facts
    linked, _report = link_facts(facts, linker)
    return linked


def jobs_for(items: list[str], jobs: int) -> int:
    """The worker processes worth starting for ``items``: none (1: this process) for a few."""
    return max(1, jobs) if len(items) >= MIN_PARALLEL else 1


# -- the pure half ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One source, ready to write: its graph as N-Triples, or why not."""

    source: str
    graph: str | None = None
    article: str | None = None
    content_hash: str | None = None
    data: bytes | None = None  # None: failed, or skipped before mapping (already stored)
    triples: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Preparer:
    """Source -> :class:`Prepared`; picklable, so that worker processes can run it.

    ``stored`` holds the content hashes already in the store: an article found there
    (and not ``force``\\ d) is skipped right after it is read.
    """

    linker: Linker
    minter: IRIMinter
    stored: Stored = field(default_factory=dict)
    force: bool = False
    max_bytes: int = default("max_article_bytes")
    timeout_s: float = default("http_timeout_s")

    @classmethod
    def from_settings(
        cls,
        linker: Linker,
        minter: IRIMinter,
        settings: Settings | None,
        *,
        stored: Stored | None = None,
        force: bool = False,
    ) -> Preparer:
        """The Preparer of an ingest run (plain or bulk): its read limits from ``settings`` (default: the defaults)."""
        settings = settings if settings is not None else defaults()
        return cls(
            linker,
            minter,
            stored=stored or {},
            force=force,
            max_bytes=settings.max_article_bytes,
            timeout_s=settings.http_timeout_s,
        )

    def __call__(self, source: str) -> Prepared:
        try:
            read = _read(source, timeout_s=self.timeout_s, max_bytes=self.max_bytes)
            known = self._known(source, read)
            if known is not None:
                return known
            facts: Mapping[str, Any]
            if isinstance(read, Article):
                from kg.extract import extract  # noqa: PLC0415

                facts = extract(read)
            else:
                facts = read
            linked, _report = link_facts(facts, self.linker)
            mapped = map_facts(linked, self.minter)
            return Prepared(
                source,
                str(mapped.graph_iri),
                str(mapped.article_iri),
                mapped.content_hash,
                ntriples(mapped.triples),
                len(mapped.triples),
            )
        except KGError as exc:
            return Prepared(source, error=exc.message)

    def _known(self, source: str, read: Article | Facts) -> Prepared | None:
        """A skipped Prepared when the store holds this article's text already, else None.

        The article's identity and hash come from its text (and URL, slug), exactly as
        ``map_facts`` computes them from the facts that extraction (or linking) would give;
        an article without text is hashed on its linked facts, so it is not known here.
        """
        if self.force or not self.stored:
            return None
        data: Mapping[str, Any] = {"slug": read.slug, "article": read.to_dict()} if isinstance(read, Article) else read
        block = data.get("article")
        if not isinstance(block, dict) or not isinstance(block.get("text"), str) or not block["text"].strip():
            return None
        try:
            info = read_article(check_facts(data), self.minter)
        except InputError:
            return None  # the full path reports it, in its own order
        graph, iri = str(info.graph), str(info.iri)
        if (iri, info.content_hash) in self.stored.get(graph, ()):
            return Prepared(source, graph, iri, info.content_hash)
        return None


def stored_hashes(store: GraphStore) -> Stored:
    """The content hashes the store's graphs hold (one query)."""
    rows = store.query("SELECT ?g ?s ?h WHERE { GRAPH ?g { ?s " + str(ox.NamedNode(str(SKG.contentHash))) + " ?h } }")
    assert isinstance(rows, ox.QuerySolutions)  # a SELECT's answer
    out: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        g, s, h = row["g"], row["s"], row["h"]
        if (
            isinstance(g, ox.NamedNode)
            and isinstance(s, ox.NamedNode)
            and isinstance(h, ox.Literal)
            and h.datatype == _XSD_STRING
            and not h.language
        ):
            out.setdefault(g.value, set()).add((s.value, h.value))
    return {g: frozenset(v) for g, v in out.items()}


# -- the writing half ------------------------------------------------------------------------


class _Writer:
    """Decides what each prepared article needs and writes them in batches, in input order."""

    def __init__(
        self,
        store: GraphStore,
        stored: Stored,
        *,
        force: bool,
        redo: Callable[[str], Prepared],
        report: IngestReport,
        progress: Callable[[IngestResult], None] | None,
    ) -> None:
        self.store, self.force, self.redo = store, force, redo
        self.report, self.progress = report, progress
        self.state: dict[str, frozenset[tuple[str, str]]] = dict(stored)  # as of the last write
        self.pending: list[tuple[IngestResult, Prepared | None]] = []
        self.graphs: set[str] = set()
        self.since = 0.0
        self.unflushed = 0

    def add(self, p: Prepared) -> None:
        result = IngestResult(p.source, p.graph)
        write = None
        if p.error is None and not self.force and (p.article, p.content_hash) in self.state.get(p.graph or "", ()):
            result.skipped = True
        else:
            if p.error is None and p.data is None:  # a worker skipped it, but this run has rewritten the graph
                p = self.redo(p.source)
            if p.error is not None or p.graph is None:
                result.error = p.error
            else:
                if p.graph in self.graphs:
                    self.commit()  # one graph twice: the later one replaces the earlier, as one by one
                self.graphs.add(p.graph)
                self.state[p.graph] = frozenset({(p.article or "", p.content_hash or "")})
                result.graph, result.triples, write = p.graph, p.triples, p
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append((result, write))
        if len(self.graphs) >= BATCH_ARTICLES or time.monotonic() - self.since >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        batch = [
            (p.graph, p.data) for _, p in self.pending if p is not None and p.graph is not None and p.data is not None
        ]
        if batch:
            self.store.replace_graphs(batch)
            self.unflushed += len(batch)
            if self.unflushed >= FLUSH_EVERY:
                self.store.flush()
                self.unflushed = 0
        for result, _ in self.pending:
            self.report.results.append(result)
            if self.progress:
                self.progress(result)
        self.pending, self.graphs = [], set()


def ingest(
    sources: Iterable[str],
    store: GraphStore,
    *,
    minter: IRIMinter,
    linker: Linker,
    settings: Settings | None = None,
    progress: Callable[[IngestResult], None] | None = None,
    force: bool = False,
    jobs: int = 1,
) -> IngestReport:
    """Ingest every source into ``store``, one named graph each; never raises for a bad source.

    An article whose graph already carries the same content hash is skipped (so an
    interrupted ingest can simply be run again), unless ``force`` asks to re-map it
    (after an upgrade of the extractor or mappers, say).  ``jobs`` worker processes
    prepare the articles (fewer than ``MIN_PARALLEL`` sources: this process alone);
    ``progress`` is called with each result once it is written, in input order.
    """
    report = IngestReport()
    started = time.perf_counter()
    items = list(expand_sources(sources))
    stored = stored_hashes(store)
    preparer = Preparer.from_settings(linker, minter, settings, stored={} if force else stored, force=force)
    redo = dataclasses.replace(preparer, stored={}, force=True)
    writer = _Writer(store, stored, force=force, redo=redo, report=report, progress=progress)
    report.jobs = jobs_for(items, jobs)
    for prepared in ordered_map(preparer, items, report.jobs):
        writer.add(prepared)
    writer.commit()
    store.flush()
    if report.ingested:
        store.optimize()  # compacted indexes: queries 20-30 % faster than after many small batches
    report.seconds = time.perf_counter() - started
    return report
