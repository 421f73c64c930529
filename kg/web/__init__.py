"""The web layer: Flask blueprints over the store.

Each blueprint factory receives the store and the settings it needs (no globals):
``sparql`` (the SPARQL 1.1 Protocol), ``gsp`` (Graph Store Protocol, read side),
``dump`` (whole-store dumps); ``errors`` and ``cors`` install app-wide handlers.
Protocol logic that needs no Flask lives in :mod:`kg.sparql` and :mod:`kg.formats`.
"""
