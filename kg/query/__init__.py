"""Running queries: natively serialized results and the pool of query worker processes.

:mod:`.results` (streams of result bytes, sinks, the producer that runs one query on a
store), :mod:`.messages` (what a result pipe carries: the job, the head, chunks, the end
or the error) and :mod:`.workers` (the worker processes with their deadlines, memory caps
and lanes).  No Flask: may import the store, :mod:`kg.sparql` and the base modules; never
ingest or the web layer.
"""
