"""Query timeouts that really stop work: SPARQL queries run in worker processes that can be killed.

pyoxigraph has no query timeout and cannot be interrupted from Python, so a runaway
query on a thread would hold a CPU until it ends.  Here each query of ``/sparql`` (but
the bounded lookups of :mod:`kg.web.lookups`) runs in one of ``query_workers`` worker
processes, each holding ``Store.read_only(path)`` of the server's store:

* the parent picks an idle worker, sends it the query, its dataset, the negotiated media
  types and ``max_rows``; the worker runs it, serializes the results natively (the same
  producers as the in-process path, :mod:`kg.query.results`) and sends the bytes back
  through a pipe in 64 KiB chunks (a smaller result as one message), and the parent
  streams them to the client (a small result whole, with a Content-Length);
* at the deadline (setting ``query_timeout_s``, or a smaller per-request ``timeout``)
  the parent kills the worker (SIGKILL: its CPU is free at once), starts a replacement,
  and answers 503 *if no byte was sent yet*; if the response had already started, it
  can only end the body early (the client gets a truncated document) and logs it;
* a client that leaves mid-stream also gets its worker killed and replaced; one that leaves
  while its query waits for a worker or runs (``gone``, waitress's
  ``waitress.client_disconnected``, checked every :data:`GONE_CHECK_S`) gives up its place
  in the queue, or its worker, at once instead of at the deadline;
* a syntax error (or any error the query causes) comes back as a message and becomes the
  same 400 as in-process.

**Bounds.**  Each worker's data segment (heap and private mappings) is limited by the OS
(``RLIMIT_DATA``, setting ``query_memory_mb``): a query that needs more fails inside its
worker (the engine aborts, or Python raises ``MemoryError``), the client gets a 503
saying so and the worker is replaced; the server and the other workers are untouched.
Unless ``service_allowlist`` names endpoints, each worker also moves into a network
namespace of its own (Linux, as root or with unprivileged user namespaces), where no
connection can be made: should a spelling of ``SERVICE`` ever get past the safety scan of
:mod:`kg.sparql.lexer`, the engine still cannot call out.  Where that is not possible the
server logs a warning once and the scan is the only guard.

**Allocator.**  The workers run on jemalloc where the system has it (setting
``query_allocator``, :mod:`kg.query.allocator`): the engine's heavy queries cost about a
tenth less CPU on it.

Workers are started by the ``forkserver`` method (never a ``fork`` of the threaded
server), with this module preloaded, so a replacement is a cheap fork of a clean
process.  They start on the first query, not with the app.

**Snapshots.**  ``Store.read_only`` sees the store as of its opening, and opening it
while another process writes is undefined behaviour.  The server's write path (SPARQL
Update and Graph Store writes, when an update token is set: :mod:`kg.web.writes`) runs
one write at a time and, still holding its write lock, flushes and calls
:meth:`QueryPool.refresh` after each: that retires every worker (busy ones finish their
query first) so the next query opens a fresh snapshot.  The server process itself keeps
its read-write open (it holds the lock that keeps ``kg ingest`` out while serving);
RocksDB may still compact files just after that open, so a worker retries its read-only
open for about 20 s, and a worker that meets an unexpected error (e.g. I/O on its
snapshot) answers 500 and is replaced.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import (
    BadRequest,
    ClientGone,
    KGError,
    QueryFailed,
    QueryMemoryExceeded,
    QueryTimeout,
    ServerBusy,
    StoreError,
)
from kg.sparql.lexer import tokenize

from . import allocator
from .messages import ENDINGS, Error, Failed, Job, Message, Ready, portable, rebuilt
from .results import ChunkedWriter, Stream

log = logging.getLogger(__name__)

_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


GONE_CHECK_S = 0.2  # how often a waiting or running query asks whether its client is still there

Gone = Callable[[], bool]


def _step(deadline: float, gone: Gone | None) -> tuple[float, bool]:
    """How long to wait next, and whether that wait reaches ``deadline`` (a client that may
    leave is checked on every :data:`GONE_CHECK_S`)."""
    remaining = max(deadline - time.monotonic(), 0.0)
    if gone is None or remaining <= GONE_CHECK_S:
        return remaining, True
    return GONE_CHECK_S, False


def _check_gone(gone: Gone | None) -> None:
    if gone is not None and gone():
        raise ClientGone("the client closed the connection; its query was dropped")


def _poll(conn, deadline: float, gone: Gone | None) -> bool:
    """Whether ``conn`` has a message before ``deadline``; ClientGone as soon as the client leaves."""
    while True:
        wait_s, last = _step(deadline, gone)
        if conn.poll(wait_s):
            return True
        _check_gone(gone)
        if last:
            return False


def requested_timeout(values: list[str], limit_s: float) -> float:
    """The deadline for one request: the ``timeout`` parameter (seconds), capped by ``limit_s``.

    No parameter: ``limit_s``.  More than one, or not a positive number: 400.
    """
    if not values:
        return limit_s
    if len(values) > 1:
        raise BadRequest(f"give at most one 'timeout' parameter, got {len(values)}")
    try:
        value = float(values[0])
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise BadRequest(f"'timeout' must be a positive number of seconds, got {values[0]!r}")
    return min(value, limit_s) if limit_s > 0 else value


def default_memory_mb(workers: int) -> int:
    """A quarter of the machine's memory shared by ``workers`` query workers, 512 to 4096 MiB each."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return 2048
    return int(min(4096, max(512, total // 4 // max(workers, 1) // 2**20)))


def memory_message(memory_mb: int) -> str:
    return (
        f"the query exceeded the memory limit of {memory_mb} MiB per query worker (setting query_memory_mb); "
        "its worker was replaced"
    )


# -- the worker process ----------------------------------------------------------------------

_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000


def _limit_memory(memory_mb: int) -> None:
    """Bound this process's data segment, so that a runaway query fails here and nowhere else."""
    if memory_mb <= 0:
        return
    import resource  # noqa: PLC0415  (POSIX only)

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def isolate_network() -> bool:
    """Move this process into a new network namespace (only a loopback that is down): no connection leaves it.

    Needs root (CAP_SYS_ADMIN) or, failing that, unprivileged user namespaces, and a
    single-threaded process; False where it cannot be done (not Linux, not allowed).
    Open file descriptors (the pipe to the parent, the store) keep working.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # noqa: PLC0415

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    return any(libc.unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


class _PipeSink(ChunkedWriter):
    """The worker's end: a binary file object for pyoxigraph that sends its messages to the parent."""

    def __init__(self, conn) -> None:
        super().__init__()
        self._conn = conn

    def _send(self, message: Message) -> None:
        self._conn.send(message)


def _send_error(conn, exc: BaseException) -> None:
    """Report a failed query: the KGError itself (its class, status and title), else a 500 naming the error."""
    error = portable(exc)
    try:
        conn.send(Error(error))
    except (TypeError, AttributeError, pickle.PicklingError):  # an attribute that does not pickle
        conn.send(Error(rebuilt(error)))


def _worker_main(conn, path: str, union_default_graph: bool, memory_mb: int, no_network: bool, nice: int) -> None:
    """Open the store read-only, then run queries sent by the parent until it closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    if nice:
        os.nice(nice)
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation failure aborts: one line in the log, not a backtrace
    isolated = isolate_network() if no_network else False
    _limit_memory(memory_mb)
    from kg.sparql.protocol import QueryRequest  # noqa: PLC0415
    from kg.store.embedded import Store  # noqa: PLC0415

    from .results import query_producer  # noqa: PLC0415

    # kg.store.Store's own query method (same dataset semantics as in-process), opened read-only: no
    # lock.  The writer's RocksDB may still be compacting just after it opened (deleting files a
    # read-only open lists): tried for a while (20 attempts) before giving up.
    try:
        reader = Store.open_read_only(path, union_default_graph=union_default_graph, attempts=20)
    except Exception as exc:  # noqa: BLE001  (reported to the parent, which raises it)
        conn.send(Failed(str(exc)))
        return
    conn.send(Ready(os.getpid(), isolated, allocator.loaded()))
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        sink = _PipeSink(conn)
        try:
            request = QueryRequest(job.query, job.default_graphs, job.named_graphs)
            produce = query_producer(
                reader,
                request,
                results_type=job.results_type,
                graph_type=job.graph_type,
                base_iri=job.base_iri,
                max_rows=job.max_rows,
                substitutions=job.substitutions,
            )
            produce(sink)
            sink.finish()
        except (BrokenPipeError, EOFError):
            return
        except KGError as exc:
            _send_error(conn, exc)
        except MemoryError:
            del sink  # free what the result held before saying so; then end: the parent replaces this worker
            _send_error(conn, QueryMemoryExceeded(memory_message(memory_mb)))
            return
        except Exception as exc:  # noqa: BLE001
            # Unexpected (e.g. an I/O error of the read-only snapshot): report it and end this
            # worker; the parent replaces it with a fresh one, on a fresh snapshot.
            _send_error(conn, exc)
            return


# -- the parent side --------------------------------------------------------------------------


class _Worker:
    def __init__(
        self,
        ctx,
        path: str,
        union_default_graph: bool,
        generation: int,
        memory_mb: int,
        no_network: bool,
        nice: int = 0,
    ) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, path, union_default_graph, memory_mb, no_network, nice),
            name="kg-query-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn = parent
        self.ready = False
        self.isolated: bool | None = None  # known once ready
        self.malloc: str | None = None  # known once ready
        self.lane: _Lane
        self.exitcode: int | None = None  # known once killed or stopped
        self.generation = generation

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait_ready(self, timeout: float) -> bool:
        """Wait for the worker's store to be open; False if ``timeout`` passed first."""
        if self.ready:
            return True
        if not self.conn.poll(max(timeout, 0)):
            return False
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            raise QueryFailed("a query worker died while opening the store") from None
        if isinstance(message, Failed):
            raise StoreError(message.message)  # the worker could not open the store
        self.ready, self.isolated, self.malloc = True, message.isolated, message.malloc
        return True

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join(5)
        self.exitcode = self.process.exitcode
        self.conn.close()
        with contextlib.suppress(ValueError):
            self.process.close()

    def stop(self) -> None:
        """Ask an idle worker to end, and make sure it does."""
        try:
            self.conn.send(None)
            self.process.join(1)
            if not self.process.is_alive():
                self.conn.close()
                self.process.close()
                return
        except (OSError, ValueError):
            pass
        self.kill()


class _Lane:
    """One queue of workers: ``size`` processes, and at most ``queue`` requests waiting for one of them."""

    def __init__(self, name: str, size: int, queue_max: int, nice: int = 0) -> None:
        self.name = name
        self.nice = nice  # CPU priority of its workers (higher: yields the CPU to the other lanes)
        self.size = max(int(size), 1)
        self.queue_max = max(int(queue_max), 0)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.started = False
        self.waiting = 0  # requests in _acquire now (under the pool's lock)


#: The lanes of a pool: ``sparql`` for /sparql, ``light`` for /sparql queries without variables or
#: operators (bounded by their own size: ASK {}, DESCRIBE <x>...), ``pages`` for the pages' own queries.
LANES = ("sparql", "light", "pages")


def is_light(query: str) -> bool:
    """A query whose work is bounded by its own text: no variable, no operator or path.

    Without variables there is no join, no BIND and no growing string; without operators
    no path closure.  What is left is index look-ups of constant patterns (ASK {},
    ``ASK { <a> <b> <c> }``, ``DESCRIBE <x>``): they never wait behind /sparql's heavy work.
    """
    return all(tok.kind not in ("var", "op") for tok in tokenize(query))


class QueryPool:
    """Worker processes over a read-only view of the store at ``path``, in lanes that never wait for each other.

    ``size`` workers serve ``/sparql``; one serves its light queries (:func:`is_light`);
    ``page_size`` serve the pages' own queries (named-query and entity pages).  In each
    lane at most ``queue`` requests wait for a worker: one more is a 503 at once
    (``ServerBusy``, with ``Retry-After``), so waiting requests never hold every thread of
    the HTTP server (static files and lookups need none of the workers).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        size: int,
        union_default_graph: bool = True,
        memory_mb: int = 0,
        isolate_network: bool = True,
        queue: int = 8,
        page_size: int = 1,
        malloc: str | None = None,
    ) -> None:
        """``memory_mb``: each worker's memory limit (0: none); ``isolate_network``: workers get no network;
        ``malloc``: the malloc library the workers preload (:func:`kg.query.allocator.resolve`), None: the C
        library's."""
        self.path = str(path)
        self.size = max(int(size), 1)
        self.union_default_graph = union_default_graph
        self.memory_mb = memory_mb
        self.isolate_network = isolate_network
        self.network_isolated: bool | None = None  # what the first ready worker reported
        self.malloc = malloc
        self.workers_malloc: str | None = None  # what the first ready worker reported
        # Anonymous /sparql work runs at a lower CPU priority: under load, the light queries and
        # the pages still get the cores.
        self._lanes = {
            "sparql": _Lane("sparql", self.size, queue, nice=10),
            "light": _Lane("light", 1, queue),
            "pages": _Lane("pages", page_size, queue),
        }
        self._ctx = multiprocessing.get_context(_START_METHOD)
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self.killed: list[int] = []  # pids of workers killed at a deadline (for tests and logs)

    def _spawn(self, lane: _Lane) -> _Worker:
        worker = _Worker(
            self._ctx,
            self.path,
            self.union_default_graph,
            self._generation,
            self.memory_mb,
            self.isolate_network,
            lane.nice,
        )
        worker.lane = lane
        return worker

    def _ensure_started(self, lane: _Lane) -> None:
        with self._lock:
            if lane.started:
                return
            if self._closed:
                raise ServerBusy("the query pool is closed")
            if _START_METHOD == "forkserver":
                self._ctx.set_forkserver_preload([__name__, "kg.query.results"])
                # The workers fork from the fork server: it starts with the allocator preloaded (if it
                # is running already, it keeps what it has, and the first worker's report says so).
                with allocator.preloaded(self.malloc):
                    multiprocessing.forkserver.ensure_running()
            for _ in range(lane.size):
                lane.idle.put(self._spawn(lane))
            lane.started = True

    def _admit(self, lane: _Lane) -> None:
        with self._lock:
            if lane.waiting >= lane.queue_max + lane.idle.qsize():
                raise ServerBusy(
                    f"all {lane.size} query workers of the {lane.name} lane are busy and "
                    f"{lane.waiting} requests wait for one (setting query_queue); retry in a moment"
                )
            lane.waiting += 1

    def _acquire(self, lane: _Lane, deadline: float, limit_s: float, gone: Gone | None) -> _Worker:
        self._ensure_started(lane)
        self._admit(lane)
        try:
            while True:
                wait_s, last = _step(deadline, gone)
                try:
                    worker = lane.idle.get(timeout=max(wait_s, 0.001))
                except queue.Empty:
                    _check_gone(gone)
                    if not last:
                        continue
                    raise QueryTimeout(
                        f"no query worker became free within {limit_s:g} s (all {lane.size} busy; "
                        "setting query_workers)"
                    ) from None
                if worker.generation != self._generation or not worker.process.is_alive():
                    self._retire(worker)
                    continue
                try:
                    if worker.wait_ready(deadline - time.monotonic()):
                        self._note_start(worker)
                        return worker
                except KGError:
                    self._replace(worker)
                    raise
                self._release(worker)  # still starting: someone may get it later
                raise QueryTimeout(f"the query workers did not start within {limit_s:g} s")
        finally:
            with self._lock:
                lane.waiting -= 1

    def _note_start(self, worker: _Worker) -> None:
        """Log once what the first ready worker reported: no network namespace, its allocator."""
        if self.workers_malloc is None:
            self.workers_malloc = worker.malloc
            wanted = allocator.name_of(self.malloc)
            if worker.malloc != wanted:
                log.warning("query workers allocate with %s, not %s (setting query_allocator)", worker.malloc, wanted)
            else:
                log.info("query workers allocate with %s", wanted)
        if self.network_isolated is None and self.isolate_network:
            self.network_isolated = worker.isolated
            if not worker.isolated:
                log.warning(
                    "query workers could not get a network namespace of their own (needs root or "
                    "unprivileged user namespaces): the safety scan alone keeps SERVICE from calling out"
                )

    def _release(self, worker: _Worker) -> None:
        lane = worker.lane
        if self._closed:
            worker.stop()
        elif worker.generation != self._generation:
            # Its snapshot predates a write: a fresh worker takes its place (without one, every
            # write during a query would shrink the pool until no worker is left).
            worker.stop()
            lane.idle.put(self._spawn(lane))
        else:
            lane.idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        if not self._closed:
            worker.lane.idle.put(self._spawn(worker.lane))

    def _replace(self, worker: _Worker) -> int | None:
        """Kill a worker (its query is abandoned) and put a fresh one in its place; its exit code."""
        pid = worker.pid
        worker.kill()
        if pid is not None:
            self.killed.append(pid)
        if not self._closed:
            worker.lane.idle.put(self._spawn(worker.lane))
        return worker.exitcode

    def stream(
        self,
        query: str,
        default_graphs: tuple[str, ...],
        named_graphs: tuple[str, ...],
        *,
        results_type: str | None,
        graph_type: str | None,
        base_iri: str | None,
        max_rows: int,
        timeout_s: float,
        limit_s: float,
        substitutions: dict | None = None,
        lane: str | None = None,
        gone: Gone | None = None,
    ) -> PoolStream:
        """Send a query to a worker; :meth:`PoolStream.open` (``results.streamed`` calls it) waits for its start.

        ``substitutions`` (variable name -> pyoxigraph term, which pickle) bind values, as
        :meth:`kg.store.Store.query` does.  ``lane``: one of :data:`LANES`; by default
        ``light`` or ``sparql`` as :func:`is_light` says.  ``gone``: whether the client has
        left (its query is then dropped, waiting or running: :class:`ClientGone`).
        """
        deadline = time.monotonic() + timeout_s
        chosen = self._lanes[lane or ("light" if not substitutions and is_light(query) else "sparql")]
        worker = self._acquire(chosen, deadline, timeout_s, gone)
        job = Job(query, default_graphs, named_graphs, results_type, graph_type, base_iri, max_rows, substitutions)
        try:
            worker.conn.send(job)
        except (OSError, ValueError):
            self._replace(worker)
            raise QueryFailed("a query worker died before it got the query") from None
        return PoolStream(self, worker, deadline, timeout_s, limit_s, gone)

    def refresh(self) -> None:
        """Make the next queries see the store as it is now (call after each write, none in progress).

        Idle workers are stopped at once; busy ones end after their query; replacements open
        a new read-only snapshot.
        """
        with self._lock:
            self._generation += 1
            for lane in self._lanes.values():
                if not lane.started:
                    continue
                stale = []
                while True:
                    try:
                        stale.append(lane.idle.get_nowait())
                    except queue.Empty:
                        break
                for worker in stale:
                    worker.stop()
                    lane.idle.put(self._spawn(lane))

    def worker_pids(self, lane: str | None = None) -> list[int]:
        """The pids of the idle workers, of one lane or of all (for tests)."""
        lanes = [self._lanes[lane]] if lane else list(self._lanes.values())
        return [w.pid for one in lanes for w in list(one.idle.queue) if w.pid is not None]

    def close(self) -> None:
        """Stop every idle worker; busy ones are stopped when their query ends."""
        with self._lock:
            self._closed = True
            for lane in self._lanes.values():
                while True:
                    try:
                        lane.idle.get_nowait().stop()
                    except queue.Empty:
                        break


def timeout_message(timeout_s: float, limit_s: float) -> str:
    return (
        f"the query was stopped after {timeout_s:g} s (setting query_timeout_s = {limit_s:g} s; "
        f"a request may ask for less with ?timeout= up to {limit_s:g})"
    )


class PoolStream(Stream):
    """The WSGI side of a query on a worker: an iterable of bytes, with the deadline enforced."""

    def __init__(
        self,
        pool: QueryPool,
        worker: _Worker,
        deadline: float,
        timeout_s: float,
        limit_s: float,
        gone: Gone | None = None,
    ) -> None:
        super().__init__()
        self._gone = gone
        self._pool = pool
        self._worker: _Worker | None = worker
        self._deadline = deadline
        self._timeout_s = timeout_s
        self._limit_s = limit_s

    def _recv(self) -> Message:
        """The worker's next message, or raise QueryTimeout at the deadline (killing it)."""
        worker = self._worker
        assert worker is not None
        try:
            if not _poll(worker.conn, self._deadline, self._gone):
                raise QueryTimeout(timeout_message(self._timeout_s, self._limit_s))
        except (ClientGone, QueryTimeout):
            self._worker = None
            self._pool._replace(worker)
            raise
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._worker = None
            exitcode = self._pool._replace(worker)
            if exitcode == -signal.SIGABRT and self._pool.memory_mb:  # the engine's allocation failed
                raise QueryMemoryExceeded(memory_message(self._pool.memory_mb)) from None
            raise QueryFailed("the query worker died while running the query (the error is logged)") from None
        if isinstance(message, ENDINGS):
            self._worker = None
            self._pool._release(worker)
        return message

    def _raise(self, error: BaseException) -> None:
        if isinstance(error, KGError) and error.status == 500:  # unexpected: logged here, not told the client
            log.error("query worker error %s: %s", type(error).__name__, error.message)
            error.message = "the server failed on this query; the error is logged"
            error.args = (error.message,)
        raise error

    def _no_result(self) -> BaseException:
        return QueryFailed("the query worker ended without a result")

    def _failed_midway(self, exc: Exception) -> None:
        if isinstance(exc, QueryTimeout):
            log.warning(
                "query stopped at its %g s deadline after the response started; the body is truncated", self._timeout_s
            )
        elif isinstance(exc, KGError):
            log.warning("query failed after the response started (%s); the body is truncated", exc.message)
        else:
            raise exc

    def close(self) -> None:
        """The response ended: a worker still producing (the client left) is killed and replaced."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        # A small result may be all in the pipe already: drain briefly before resorting to a kill.
        until = time.monotonic() + 0.05
        try:
            while time.monotonic() < until and worker.conn.poll(max(until - time.monotonic(), 0)):
                if isinstance(worker.conn.recv(), ENDINGS):
                    self._pool._release(worker)
                    return
        except (EOFError, OSError):
            pass
        self._pool._replace(worker)
