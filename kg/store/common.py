"""What both store backends share: the query result type, the dump formats, the gzip writer."""

from __future__ import annotations

import zlib
from typing import BinaryIO

import pyoxigraph as ox

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
