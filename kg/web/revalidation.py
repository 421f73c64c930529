"""Revalidations answered from their exact bytes: an HTTP process's memo of the 304s its main loop sent.

A client that revalidates (a browser, a cache, a crawler following a feed) sends the same
request again, byte for byte, with the ETag it was given.  While the store's generation stays
the same, the answer is the same ``304 Not Modified`` but for its ``Date``.  So the main loop
(:class:`kg.web.serving._InlineChannel`) keeps the requests it answered with a 304 itself, each
with that answer, and sends the answer again for the same bytes without parsing them, building
a WSGI environ or calling the app: about a third of what the whole path costs.

The key is the request exactly as read from the socket, every header included, so the answer
cannot depend on anything the key leaves out: the app's 304 depends on the path, the query
string, the headers the answer varies by, ``If-None-Match`` and the generation, never on the
peer.  An entry is kept with the generation it was answered at, and a write makes every entry
unreachable at once: the memo empties itself the first time it sees a newer generation.  It
holds at most :data:`MEMO_BYTES` (least recently used first out), and only one thread, the main
loop, ever touches it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from waitress.utilities import build_http_date

#: The most bytes (requests and answers) one HTTP process keeps.
MEMO_BYTES = 1 << 20
#: A request longer than this is not kept (a head with a long query string).
MAX_REQUEST_BYTES = 8 * 1024

_DATE = b"\r\nDate: "


class RevalidationMemo:
    """Requests answered with a 304 at the current generation (``latest()``: the newest generation written,
    as every HTTP process sees it), with their answers less the ``Date``."""

    def __init__(self, latest: Callable[[], int], max_bytes: int = MEMO_BYTES) -> None:
        self.latest = latest
        self.max_bytes = max_bytes
        self._generation = latest()
        self._entries: OrderedDict[bytes, tuple[bytes, bytes]] = OrderedDict()
        self._bytes = 0
        self.hits = 0  # answers sent from the memo

    def get(self, request: bytes) -> bytes | None:
        """The answer to send for ``request`` now (with today's ``Date``), if it was answered with a 304 at this
        generation."""
        self._follow()
        entry = self._entries.get(request)
        if entry is None:
            return None
        self._entries.move_to_end(request)
        self.hits += 1
        return entry[0] + http_date_now().encode("latin-1") + entry[1]

    def put(self, generation: int, request: bytes, answer: bytes) -> bool:
        """Keep ``answer``, a 304 sent for ``request`` at ``generation``: only while that is the latest one,
        and only for an answer with one ``Date`` header.  Whether it was kept."""
        if len(request) > MAX_REQUEST_BYTES or not answer.startswith(b"HTTP/1.1 304 "):
            return False
        self._follow()
        if self._generation != generation:  # compared with the one latest() read _follow made: a write since is seen
            return False
        at = answer.find(_DATE)
        if at < 0 or answer.find(_DATE, at + 1) >= 0:
            return False
        start = at + len(_DATE)
        end = answer.index(b"\r\n", start)
        if len(request) + len(answer) > self.max_bytes:
            return False
        old = self._entries.pop(request, None)
        if old is not None:
            self._bytes -= _size(request, old)
        entry = self._entries[request] = (answer[:start], answer[end:])
        self._bytes += _size(request, entry)
        while self._bytes > self.max_bytes:
            self._bytes -= _size(*self._entries.popitem(last=False))
        return True

    def __len__(self) -> int:
        return len(self._entries)

    def stats(self) -> dict[str, int]:
        """Its counters, for ``/status``: answers sent from it, requests kept and the bytes they hold."""
        return {"hits": self.hits, "entries": len(self._entries), "bytes": self._bytes, "max_bytes": self.max_bytes}

    def _follow(self) -> None:
        """Forget every entry once the latest generation is not the one they were answered at."""
        latest = self.latest()
        if self._generation != latest:
            self._entries.clear()
            self._bytes = 0
            self._generation = latest


_DATE_NOW: list[tuple[int, str]] = [(0, "")]


def http_date_now() -> str:
    """The ``Date`` waitress would write now (it has a second's resolution: made once a second)."""
    now = int(time.time())
    made = _DATE_NOW[0]
    if made[0] != now:
        made = _DATE_NOW[0] = (now, build_http_date(now))
    return made[1]


def _size(request: bytes, entry: tuple[bytes, bytes]) -> int:
    """The bytes an entry holds: the request, and its answer less the ``Date``."""
    return len(request) + len(entry[0]) + len(entry[1])
