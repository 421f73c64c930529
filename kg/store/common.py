"""What both store backends share: the query result type, dumps (format, prefixes, gzip), the merge's upkeep."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import IO, BinaryIO, cast

import pyoxigraph as ox
from rdflib.term import Node

from kg.formats import dump_format, prefixed
from kg.rdf.terms import to_ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

#: zlib level of gzipped dumps.  On N-Quads, level 3 compresses ~3x faster than zlib's default 6
#: (~280 vs ~85 MB/s on one core) for ~85% of its ratio (13-24x vs 15-32x): a dump is CPU-bound.
GZIP_LEVEL = 3


class GzipWriter:
    """A binary file object that gzips what it is given into another, as it comes.

    zlib's streaming compressor (``wbits`` 16+15: gzip header and trailer) keeps only its
    window; :meth:`finish` writes the end of the stream (it does not close ``output``).
    """

    def __init__(self, output: BinaryIO, level: int = GZIP_LEVEL) -> None:
        self._output = output
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)

    def write(self, data: bytes) -> int:
        out = self._compressor.compress(data)
        if out:
            self._output.write(out)
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes often; a zlib flush each time would cost ratio, so this waits for finish()."""

    def finish(self) -> None:
        self._output.write(self._compressor.flush())


#: What writes a dump's statements: ``write(target, rdf_format, prefixes)``.
DumpWriter = Callable[[IO[bytes], ox.RdfFormat, "dict[str, str] | None"], None]


def dump_to(output: BinaryIO, fmt: str, write: DumpWriter, *, gzip: bool = False) -> None:
    """A dump as ``fmt`` (a dump name of :mod:`kg.formats`; ValueError for another) to ``output``.

    The store's ``write`` serializes its statements into the target it is given, with the
    project's prefixes for the formats that declare them; ``gzip`` compresses on the way
    (:class:`GzipWriter`).  Both stores' ``dump`` are this with their own ``write``.
    """
    rdf_format = dump_format(fmt)
    from kg.rdf.namespaces import PREFIXES  # noqa: PLC0415  (prefixes only matter here)

    prefixes = PREFIXES if prefixed(rdf_format) else None
    if not gzip:
        write(output, rdf_format, prefixes)
        return
    target = GzipWriter(output)
    write(cast(IO[bytes], target), rdf_format, prefixes)  # pyoxigraph calls only write() and flush()
    target.finish()


def unmerge(g: ox.NamedNode, *, merge: ox.NamedNode | None = None, apart: Sequence[ox.NamedNode] = ()) -> str:
    """The update operation (ending in `` ;\n``) that takes ``g``'s triples out of the merge, unless a graph
    other than ``g`` (and than the graphs ``apart``) holds them too.

    The merge is the default graph, or the named graph ``merge`` where a server's default
    graph cannot hold it (Virtuoso); that graph is left out of the others itself.
    """
    target = f"GRAPH {merge} {{ ?s ?p ?o }}" if merge is not None else "?s ?p ?o"
    excluded = [g, *([merge] if merge is not None else []), *apart]
    others = " && ".join(f"?other != {x}" for x in excluded)
    return (
        f"DELETE {{ {target} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER({others}) }} }} ;\n"
    )


def ox_triple(subject: Node, predicate: Node, obj: Node) -> ox.Triple:
    """A pyoxigraph triple of rdflib (or pyoxigraph) terms; TypeError for a literal subject or a non-IRI predicate."""
    s, p = to_ox(subject), to_ox(predicate)
    if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode):
        raise TypeError(f"not a triple: {subject!r} {predicate!r} {obj!r}")
    return ox.Triple(s, p, to_ox(obj))


def ntriples_bytes(statements: Iterable[ox.Triple] | Iterable[ox.Quad]) -> bytes:
    """Triples (or the triples of quads) as N-Triples, written by pyoxigraph."""
    out = io.BytesIO()
    ox.serialize(statements, out, format=ox.RdfFormat.N_TRIPLES)
    return out.getvalue()
