"""Who may write, and one write at a time: the bearer token, the write lock, the refresh after a write.

The write side (SPARQL Update on ``/sparql``, Graph Store PUT/POST/DELETE on ``/store``)
exists only when the server was given a token (the ``KG_UPDATE_TOKEN`` environment
variable; a secret, so never a setting in a file).  A write must carry
``Authorization: Bearer <token>``: none, or not a bearer token, is a 401 with
``WWW-Authenticate: Bearer``; a wrong token is a 403.  Tokens are compared in constant
time.

Writes run one at a time (:meth:`WriteAccess.writing`); after each, the query workers
are retired (:meth:`kg.query.workers.QueryPool.refresh`) so the next ``/sparql`` query
opens a snapshot that has the write.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kg.errors import Forbidden, Unauthorized


class WriteAccess:
    """The token that allows writes, and the lock that runs them one at a time."""

    def __init__(self, token: str, *, after_write: Callable[[], None] | None = None) -> None:
        if not token:
            raise ValueError("an update token is required")
        self._token = token.encode("utf-8")
        self._after_write = after_write
        self._lock = threading.Lock()

    def authorize(self, header: str | None) -> None:
        """Accept the ``Authorization`` header of a write, or raise 401 / 403."""
        scheme, _, credentials = (header or "").strip().partition(" ")
        credentials = credentials.strip()
        if scheme.lower() != "bearer" or not credentials or " " in credentials:
            raise Unauthorized(
                "writing needs the header 'Authorization: Bearer <token>'"
                if not header
                else "the Authorization header is not 'Bearer <token>'"
            )
        if not hmac.compare_digest(credentials.encode("utf-8"), self._token):
            raise Forbidden("the bearer token does not allow writing")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock for one write; afterwards let the query workers see it."""
        with self._lock:
            try:
                yield
            finally:
                # Also after a failed write: cheap, and right even if a second transaction failed.
                if self._after_write is not None:
                    self._after_write()
