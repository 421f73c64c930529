"""Run a pure function over many items in worker processes, results in input order.

``ordered_map(fn, items, jobs)`` is ``map(fn, items)`` spread over ``jobs`` worker
processes: ``fn`` (a picklable callable, sent to each worker once) runs on chunks of
items, and the results come back in the order of the items, so that what the caller
does with them (ingest writes them) is the same as with ``jobs=1``.  At most a few
chunks per worker are in flight: a slow consumer holds the workers back instead of
piling results up in memory.

Workers are started with "spawn" (a clean interpreter, no copy of the parent's open
store or threads), run at a lower priority than the parent (``NICE``: in ingest the
parent's writes are the bottleneck, and must not wait for a core behind the workers),
and ignore SIGINT, so Ctrl-C stops the parent, which stops them; a worker whose parent
dies (even by SIGKILL) ends within a second.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from kg.errors import KGError

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 8  # items per task: small enough for an even spread, big enough to pay for the hop
IN_FLIGHT = 4  # tasks in flight per worker
NICE = 5  # workers yield the CPU to their parent, which writes (ingest's bottleneck)

_fn: Callable[[Any], Any] | None = None


def cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init(fn: Callable[[Any], Any], parent: int) -> None:
    global _fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(NICE)
    threading.Thread(target=_orphan_watch, args=(parent,), daemon=True).start()
    _fn = fn


def _orphan_watch(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, it cannot tell us)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run(chunk: list[Any]) -> list[Any]:
    assert _fn is not None
    return [_fn(item) for item in chunk]


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, *, chunk: int = CHUNK) -> Iterator[R]:
    """``fn`` over ``items`` in ``jobs`` worker processes (``jobs <= 1``: in this process), in order.

    Raises KGError when a worker process dies (killed, out of memory): what was done
    before stays done; the caller's own state tells what is missing.
    """
    if jobs <= 1:
        yield from map(fn, items)
        return
    source = iter(items)
    chunks: Iterator[list[T]] = iter(lambda: list(islice(source, chunk)), [])
    pool = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init, initargs=(fn, os.getpid())
    )
    try:
        pending = deque(pool.submit(_run, c) for c in islice(chunks, jobs * IN_FLIGHT))
        while pending:
            try:
                results = pending.popleft().result()
            except BrokenProcessPool:
                raise KGError(
                    "a worker process died (killed, or out of memory?); "
                    "what was stored before is whole: run the command again to finish"
                ) from None
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_run, nxt))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
