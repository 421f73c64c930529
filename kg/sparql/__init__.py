"""SPARQL text without an engine: the lexer and safety scan, rewriting, updates, diagnostics, named queries.

:mod:`.lexer` (tokens and the safety scan), :mod:`.protocol` (SPARQL 1.1 Protocol
requests), :mod:`.rewrite` (bound values, BASE, ASK as SELECT), :mod:`.update` (the
graphs an update writes), :mod:`.diagnostics` (syntax error messages), :mod:`.named`
(the ``queries/*.rq`` files and their front-matter), :mod:`.select_star`.  May import
the base modules and :mod:`kg.rdf`; never the store, the query workers, ingest or the
web layer.
"""
