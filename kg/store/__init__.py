"""The graph store: one contract, two backends (embedded Oxigraph on disk, an external SPARQL 1.1 store).

:func:`open_store` opens the one a setting names.  The store layer imports the SPARQL
helpers (:mod:`kg.sparql`) and the RDF terms (:mod:`kg.rdf`), never the query workers,
the web layer or ingest.
"""

from __future__ import annotations

from pathlib import Path

from .embedded import Store, has_store

__all__ = ["Store", "has_store", "open_store"]


def open_store(location: str | Path, *, union_default_graph: bool = True, settings=None, environ=None) -> Store:
    """Open the store a setting names: a folder (embedded Oxigraph) or an http(s):// URL (:mod:`kg.store.http`).

    ``settings`` (default: the defaults) configure an external store, ``environ``
    (default: ``os.environ``) holds its account.
    """
    if str(location).startswith(("http://", "https://")):
        import os  # noqa: PLC0415

        from kg.settings import load_settings  # noqa: PLC0415

        from .http import from_settings  # noqa: PLC0415

        settings = settings if settings is not None else load_settings(environ={}, config_file=None)
        return from_settings(
            str(location),
            settings,
            union_default_graph=union_default_graph,  # type: ignore[return-value]
            environ=os.environ if environ is None else environ,
        )
    return Store(location, union_default_graph=union_default_graph)
