"""Ingest: source -> Article -> facts -> linked facts -> triples -> one named graph.

The one place that strings the steps together, used by the CLI (and later by the
server's ingest route).  Each source is ingested on its own: a bad file is reported
and skipped, the others go on, and nothing already stored is touched by a failure
(an article's graph is replaced in one transaction, only once it is fully mapped).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Literal

from .errors import InputError, KGError
from .facts import load_facts
from .iris import IRIMinter
from .link import Linker, link_facts
from .mappers import map_facts
from .namespaces import SKG
from .store import Store

SUPPORTED = (".txt", ".html", ".htm", ".json")


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

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self.results if r.error]

    @property
    def ok(self) -> list[IngestResult]:
        return [r for r in self.results if not r.error]

    @property
    def skipped(self) -> list[IngestResult]:
        return [r for r in self.results if r.skipped]


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


def facts_for(source: str, *, linker: Linker | None, session=None, settings=None) -> dict:
    """Read or load one source and return its facts, linked unless ``linker`` is None.

    Raises InputError when the source cannot be read.
    """
    from .extract import extract  # noqa: PLC0415  (heavy: only when text must be read)
    from .read import read_path, read_url  # noqa: PLC0415

    if source.startswith(("http://", "https://")):
        import requests  # noqa: PLC0415

        article = read_url(
            source,
            session=session or requests.Session(),
            timeout_s=getattr(settings, "http_timeout_s", 10.0),
            max_bytes=getattr(settings, "max_article_bytes", 5_000_000),
        )
        facts = extract(article)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.suffix.lower() == ".json":
            facts = load_facts(path)
        else:
            kwargs = {"max_bytes": settings.max_article_bytes} if settings is not None else {}
            facts = extract(read_path(path, **kwargs))
    if linker is None:
        return facts
    linked, _report = link_facts(facts, linker)
    return linked


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    minter: IRIMinter,
    linker: Linker,
    settings=None,
    progress: Callable[[IngestResult], None] | None = None,
    force: bool = False,
) -> IngestReport:
    """Ingest every source into ``store``, one named graph each; never raises for a bad source.

    An article whose graph already carries the same content hash is skipped (so an
    interrupted ingest can simply be run again), unless ``force`` asks to re-map it
    (after an upgrade of the extractor or mappers, say).
    """
    report = IngestReport()
    started = time.perf_counter()
    for source in expand_sources(sources):
        result = IngestResult(source)
        try:
            facts = facts_for(source, linker=linker, settings=settings)
            mapped = map_facts(facts, minter)
            result.graph = str(mapped.graph_iri)
            hash_triple = (mapped.article_iri, SKG.contentHash, Literal(mapped.content_hash))
            if not force and store.graph_contains(result.graph, *hash_triple):
                result.skipped = True
            else:
                result.triples = store.replace_graph(result.graph, mapped.triples)
        except KGError as exc:
            result.error = exc.message
        report.results.append(result)
        if progress:
            progress(result)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report
