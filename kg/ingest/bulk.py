"""Bulk ingest (``kg ingest --bulk``): a new embedded store filled by Oxigraph's bulk loader.

The articles are prepared as by :func:`kg.ingest.pipeline.ingest` (in worker processes) and
streamed, named graphs and the default-graph merge together, into one
:meth:`kg.store.contract.LocalStore.bulk_load_graphs`, which writes index files directly instead of
running transactions.  The price is atomicity, so the rules are:

* only into a store that holds nothing yet (anything else is refused: use plain
  ``kg ingest`` to add to a store);
* while it runs, a marker file (``kg.store.MARKER``) sits in the store folder.  If the load is interrupted
  (killed, a full disk), the marker stays: plain ``kg ingest`` and ``kg serve`` then refuse the store
  (articles may be partial), and ``kg ingest --bulk`` again starts over, clearing
  whatever the interrupted load had written.
* an article named again in the same run (the same URL in two files) with other
  content replaces the earlier one, as in a plain ingest: such repeats are written
  after the load, with transactions.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import BulkRefused
from kg.linking.linker import Linker
from kg.rdf.iris import IRIMinter
from kg.settings import Settings
from kg.store.contract import LocalStore
from kg.store.embedded import bulk_marker

from .parallel import ordered_map
from .pipeline import IngestReport, IngestResult, Preparer, expand_sources, jobs_for


def _write_marker(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("`kg ingest --bulk` is loading this store, or was interrupted: run it again to start over.\n")
        handle.flush()
        os.fsync(handle.fileno())
    _sync_dir(path.parent)


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def bulk_ingest(
    sources: Iterable[str],
    store: LocalStore,
    *,
    minter: IRIMinter,
    linker: Linker,
    settings: Settings | None = None,
    progress: Callable[[IngestResult], None] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Load every source into ``store``, which must hold nothing (see the module docstring).

    Raises BulkRefused when the store holds data; a bad source is reported, not raised.
    ``progress`` is called with each article as it is handed to the loader.
    """
    report = IngestReport()
    started = time.perf_counter()
    marker = bulk_marker(store)
    if marker.exists():
        store.clear()  # all of it came from the interrupted bulk load
    elif not store.is_empty():
        n = len(store.graphs())
        raise BulkRefused(
            f"--bulk loads a new, empty store, and the store at {store.path} already holds "
            f"{n} graph{'s' if n != 1 else ''}: run `kg ingest` without --bulk to add to it"
        )
    _write_marker(marker)
    items = list(expand_sources(sources))
    preparer = Preparer.from_settings(linker, minter, settings)
    claimed: dict[str, tuple[str | None, str | None]] = {}  # graph -> (article, hash) it will hold
    later: list[tuple[str, bytes]] = []  # graphs named again with other content
    report.jobs = jobs_for(items, jobs)

    def graphs() -> Iterator[tuple[str, bytes]]:
        for p in ordered_map(preparer, items, report.jobs):
            result = IngestResult(p.source, p.graph, error=p.error)
            if p.error is None and p.graph is not None and p.data is not None:
                if claimed.get(p.graph) == (p.article, p.content_hash):
                    result.skipped = True
                else:
                    result.triples = p.triples
                    repeat = p.graph in claimed
                    claimed[p.graph] = (p.article, p.content_hash)
                    if repeat:
                        later.append((p.graph, p.data))
                    else:
                        yield p.graph, p.data
            report.results.append(result)
            if progress:
                progress(result)

    store.bulk_load_graphs(graphs())
    for graph, data in later:
        store.replace_graphs([(graph, data)])
    store.flush()
    store.optimize()
    marker.unlink()
    _sync_dir(marker.parent)
    report.seconds = time.perf_counter() - started
    return report
