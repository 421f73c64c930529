"""Linking: names to Wikidata entities.

The bundled gazetteer (:mod:`.gazetteer`), the linker that resolves the names in a
facts document against it (:mod:`.linker`), and the online Wikidata lookup
(:mod:`.wikidata`).  Imports only the base modules (:mod:`kg.errors`,
:mod:`kg.settings`); never RDF, SPARQL, the store, ingest or the web layer.
"""
