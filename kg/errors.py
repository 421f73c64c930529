"""One error hierarchy for the whole package.

Every error a user can cause is a :class:`KGError` subclass carrying an HTTP status;
the web layer maps them to responses in one place and the CLI turns them into a
message and a non-zero exit.  Anything else is a bug: logged, a 500 with no trace.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every expected, user-facing error."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


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


class ConfigError(KGError):
    """A setting, query file or data file is wrong; raised at start-up."""

    status = 500
    title = "Configuration error"
