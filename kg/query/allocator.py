"""The memory allocator the query workers run on (setting ``query_allocator``).

pyoxigraph's engine allocates and frees a great many small objects in each query (decoded
terms, solution rows, serializer buffers).  On jemalloc instead of glibc's malloc its heavy
queries cost about a tenth less CPU (BENCHMARKS.md, "Stop 27"); ``oxigraph serve`` and
pyoxigraph's wheels both use the C library's malloc.  The workers are forked from
multiprocessing's fork server, so the library is preloaded (``LD_PRELOAD``) into that
server as it starts, and every worker forked from it runs on it; the HTTP processes keep
glibc's malloc with capped arenas (setting ``malloc_arenas``).  Each worker reports what it
runs on (:func:`loaded`), and the pool logs it once.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ConfigError
from kg.settings import NAMED_ALLOCATORS

SYSTEM = "system"


def resolve(value: str) -> str | None:
    """The shared library to preload for the setting's ``value``; None: the C library's malloc.

    ``auto``: jemalloc where the system has it (Linux), else None.  A name or path the system
    lacks is a :class:`ConfigError` that says what to install."""
    if value == SYSTEM or not sys.platform.startswith("linux"):
        return None
    if value == "auto":
        return ctypes.util.find_library("jemalloc")
    if value in NAMED_ALLOCATORS:
        found = ctypes.util.find_library(value)
        if found is None:
            raise ConfigError(
                f"query_allocator = {value}: the system has no lib{value} (Debian: apt-get install lib{value}2, "
                f"or set query_allocator = system)"
            )
        return found
    if not Path(value).is_file():
        raise ConfigError(f"query_allocator = {value}: no such file")
    return value


def loaded(maps: str | None = None) -> str:
    """What this process allocates with: a name of :data:`~kg.settings.NAMED_ALLOCATORS`, the file name of
    another preloaded library, or ``system``.  ``maps``: the text of ``/proc/self/maps`` (read when not given)."""
    preload = [Path(p).name for p in os.environ.get("LD_PRELOAD", "").split() if p]
    if maps is None:
        try:
            maps = Path("/proc/self/maps").read_text()
        except OSError:  # not Linux
            return SYSTEM
    mapped = {Path(line.split()[-1]).name for line in maps.splitlines() if "/" in line}
    for name in NAMED_ALLOCATORS:
        if any(f.startswith(f"lib{name}.so") for f in mapped):
            return name
    return next((p for p in preload if p in mapped), SYSTEM)


def name_of(library: str | None) -> str:
    """What :func:`loaded` says in a process that preloaded ``library`` (None: the C library's malloc)."""
    if library is None:
        return SYSTEM
    file = Path(library).name
    return next((name for name in NAMED_ALLOCATORS if file.startswith(f"lib{name}.so")), file)


@contextlib.contextmanager
def preloaded(library: str | None) -> Iterator[None]:
    """``library`` first in ``LD_PRELOAD`` while the block runs (processes started in it load it)."""
    if library is None:
        yield
        return
    before = os.environ.get("LD_PRELOAD")
    os.environ["LD_PRELOAD"] = f"{library} {before}" if before else library
    try:
        yield
    finally:
        if before is None:
            del os.environ["LD_PRELOAD"]
        else:
            os.environ["LD_PRELOAD"] = before
