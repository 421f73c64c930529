"""What goes through a result pipe: a query job, and the messages that answer it.

A producer (on a helper thread, :class:`kg.query.results.ResultStream`, or in a query
worker process, :mod:`kg.query.workers`) answers with :class:`Head` (the media type and
extra response headers), then :class:`Data` chunks and :class:`Done`; a result that fits
in one chunk comes as one :class:`Whole`; a failure as :class:`Error`, which carries the
exception itself: a :class:`~kg.errors.KGError` subclass keeps its class, status and
title across the process boundary.  A worker first says :class:`Ready` (or
:class:`Failed`: it could not open the store).  Every message is a frozen dataclass and
pickles (the worker pipe sends them as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KGError


@dataclass(frozen=True)
class Job:
    """One query for a worker: the request, the negotiated media types and the row limit."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    results_type: str | None = None  # for a SELECT/ASK result; None: the client accepts none (406)
    graph_type: str | None = None  # for a CONSTRUCT/DESCRIBE result
    base_iri: str | None = None
    max_rows: int = 0  # 0: no limit
    substitutions: dict[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None  # pyoxigraph terms pickle


@dataclass(frozen=True)
class Ready:
    """A worker has its store open."""

    pid: int
    isolated: bool  # it runs in a network namespace of its own
    malloc: str = "system"  # what it allocates with (kg.query.allocator.loaded)


@dataclass(frozen=True)
class Failed:
    """A worker could not open its store (it ends)."""

    message: str


@dataclass(frozen=True)
class Head:
    """The media type of the bytes to come, and the response headers the producer asks for."""

    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Data:
    """A chunk of the body."""

    data: bytes


@dataclass(frozen=True)
class Done:
    """The body is complete."""


@dataclass(frozen=True)
class Whole:
    """A whole small result in one message: head, body and end."""

    media_type: str
    headers: dict[str, str]
    data: bytes


@dataclass(frozen=True)
class Error:
    """The producer failed: ``error`` is raised where the result is read."""

    error: BaseException


#: The messages of a result, in the order they come: Head, Data..., Done; or Whole; or Error at any point.
Message = Head | Data | Done | Whole | Error

#: The messages that end a result.
ENDINGS = (Done, Whole, Error)


def portable(exc: BaseException) -> KGError:
    """``exc`` as a worker sends it: a KGError as it is (its class pickles), anything else as a 500
    that names it (its class may not exist, or not pickle, in the server process)."""
    if isinstance(exc, KGError):
        return exc
    return KGError(f"{type(exc).__name__}: {exc}")


def rebuilt(exc: KGError) -> KGError:
    """A plain KGError with ``exc``'s status, title and message: what is sent when ``exc`` itself does not pickle."""
    copy = KGError(exc.message, status=exc.status)
    copy.title = exc.title
    return copy
