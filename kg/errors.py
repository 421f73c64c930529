"""One error hierarchy for the whole package.

Every error a user can cause is a :class:`KGError` subclass carrying its HTTP status on
the class (a new status is a new subclass here, never a ``status=`` at the raise site);
the web layer maps them to responses in one place and the CLI turns them into a
message and a non-zero exit.  Anything else is a bug: logged, a 500 with no trace.

Every class pickles (the query workers send them to the server process): pickling
rebuilds one from its message and restores its attributes, so a subclass's
``__init__`` must accept the message alone (further parameters need defaults).
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every expected, user-facing error."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, status: int | None = None) -> None:
        # ``status`` is kept only for an error rebuilt from another process's report (kg.query.workers)
        # until that sends the class itself; new code raises a subclass.
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __reduce__(self) -> tuple[type[KGError], tuple[str], dict[str, object]]:
        """Rebuilt from the message, with every attribute (``status``, ``allowed``...) restored."""
        return type(self), (self.message,), dict(self.__dict__)


class BadRequest(KGError):
    """The request or input is malformed."""

    status = 400
    title = "Bad request"


class QuerySyntaxError(BadRequest):
    """SPARQL that does not parse; the message quotes the parser."""

    title = "SPARQL syntax error"


class ForbiddenQuery(BadRequest):
    """A query that asks for something the operator does not allow (SERVICE, LOAD, remote FROM)."""

    title = "Query not allowed"


class InputError(BadRequest):
    """An article or facts file that cannot be read or understood."""

    title = "Unreadable input"


class Unauthorized(KGError):
    status = 401
    title = "Unauthorized"


class Forbidden(KGError):
    status = 403
    title = "Forbidden"


class NotFound(KGError):
    status = 404
    title = "Not found"


class NoStore(NotFound):
    """No store where the settings say (the reading commands never create one)."""


class Conflict(KGError):
    status = 409
    title = "Conflict"


class BulkRefused(Conflict):
    """``kg ingest --bulk`` on a store that already holds data."""


class MethodNotAllowed(KGError):
    status = 405
    title = "Method not allowed"

    def __init__(self, message: str, allowed: tuple[str, ...] = ("GET", "POST")) -> None:
        super().__init__(message)
        self.allowed = allowed


class NotAcceptable(KGError):
    status = 406
    title = "Not acceptable"


class PayloadTooLarge(KGError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(KGError):
    status = 415
    title = "Unsupported media type"


class QueryTimeout(KGError):
    status = 503
    title = "Query timed out"


class ServerBusy(KGError):
    """Every query worker of a lane is busy and its queue is full: retry in a moment."""

    status = 503
    title = "Server busy"
    retry_after_s = 1


class QueryMemoryExceeded(KGError):
    """A query needed more memory than a query worker may have (setting ``query_memory_mb``)."""

    status = 503
    title = "Query exceeded the memory limit"


class ClientGone(KGError):
    """The client closed its connection while its query waited or ran: the work is dropped.

    Nobody reads the answer; the status (nginx's 499) is for the log."""

    status = 499
    title = "Client closed request"


class StoreError(KGError):
    """The store could not be opened or written."""

    status = 503
    title = "Store unavailable"


class WriterUnavailable(StoreError):
    """A reading HTTP process of ``kg serve`` cannot reach the writing one (it may be restarting)."""

    retry_after_s = 2


class BadGateway(KGError):
    """A server this one relies on answered with an error or with something unusable."""

    status = 502
    title = "Bad gateway"


class StoreFailed(StoreError, BadGateway):
    """An external store answered with an error, or with an answer that cannot be read."""

    status = 502
    title = "Store error"


class WikidataError(BadGateway):
    """The Wikidata API could not be reached or answered something unusable."""

    title = "Wikidata API error"


class QueryFailed(KGError):
    """A worker died while running a query (e.g. the native engine crashed)."""

    status = 500
    title = "Query failed"


class ConfigError(KGError):
    """A setting, query file or data file is wrong; raised at start-up."""

    status = 500
    title = "Configuration error"
