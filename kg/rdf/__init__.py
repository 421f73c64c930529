"""Facts to RDF: namespaces, IRIs, the pure mappers, and term serialization.

:mod:`.namespaces` and :mod:`.iris` (the one place IRIs are minted and validated),
:mod:`.summit_table` (known summits, for summit identity), :mod:`.mappers` (facts in,
triples out, no I/O) and :mod:`.terms` (rdflib terms to pyoxigraph and N-Triples).
May import the base modules and :mod:`kg.linking`; never SPARQL, the store, the query
workers, ingest or the web layer.
"""
