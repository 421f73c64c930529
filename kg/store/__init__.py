"""The graph store: one contract, two backends (embedded Oxigraph on disk, an external SPARQL 1.1 store).

:func:`open_store` opens the one a setting names, as a :class:`GraphStore`
(:mod:`kg.store.contract`): callers ask its capabilities (``local``, ``bulk_loadable``,
``endpoint_writes``, ``writable``), never its class.  :mod:`kg.store.embedded` is Oxigraph
on disk (with :meth:`Store.rdflib_dataset`, an rdflib view for notebooks),
:mod:`kg.store.http` a SPARQL 1.1 server, :mod:`kg.store.common` what they share.

The store layer imports the SPARQL helpers (:mod:`kg.sparql`), the RDF terms
(:mod:`kg.rdf`) and the base modules, never the query workers, the web layer or ingest.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .contract import EndpointWritable, GraphStore, LocalStore, is_local, takes_endpoint_writes
from .embedded import Store, has_store

__all__ = [
    "EndpointWritable",
    "GraphStore",
    "LocalStore",
    "Store",
    "has_store",
    "is_local",
    "open_store",
    "takes_endpoint_writes",
]


def open_store(
    location: str | Path,
    *,
    union_default_graph: bool = True,
    settings: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
) -> GraphStore:
    """Open the store a setting names: a folder (embedded Oxigraph) or an http(s):// URL (:mod:`kg.store.http`).

    ``settings`` (default: the defaults) configure an external store, ``environ``
    (default: ``os.environ``) holds its account.  What the store can do is its
    capabilities (:mod:`kg.store.contract`).
    """
    if str(location).startswith(("http://", "https://")):
        import os  # noqa: PLC0415

        from kg.settings import defaults  # noqa: PLC0415

        from .http import from_settings  # noqa: PLC0415

        return from_settings(
            str(location),
            settings if settings is not None else defaults(),
            union_default_graph=union_default_graph,
            environ=os.environ if environ is None else environ,
        )
    return Store(location, union_default_graph=union_default_graph)
