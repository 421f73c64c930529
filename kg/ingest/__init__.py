"""Ingest: from a path or URL to named graphs in the store.

:mod:`.read` (text, HTML, URLs, folders to articles), :mod:`.pipeline` (read ->
extract -> link -> map -> store, one article at a time), :mod:`.parallel` (worker
processes for extraction), :mod:`.bulk` (the bulk loader for a new store) and
:mod:`.progress`.  May import everything below it (extract, linking, rdf, store);
never the query workers or the web layer.
"""
