"""`kg serve` caps glibc's malloc arenas (setting ``malloc_arenas``): threads then share a few
arenas instead of taking one each (glibc's own count, from ``malloc_stats``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# Eight threads, all alive at once, each allocate (a thread's first malloc takes a new arena while
# glibc's limit allows; an ended thread's arena is reused), then glibc prints one "Arena N:" block
# per arena to stderr.
PROGRAM = textwrap.dedent(
    """
    import ctypes, sys, threading
    from kg.web.serving import limit_malloc_arenas
    limit_malloc_arenas(int(sys.argv[1]))
    held, together = [], threading.Barrier(8)

    def work():
        held.append(bytearray(10_000))
        together.wait(30)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ctypes.CDLL(None).malloc_stats()
    """
)


def _arenas(limit: int) -> int:
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(limit)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return sum(1 for line in done.stderr.splitlines() if line.startswith("Arena "))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas: Linux only")
def test_threads_share_the_capped_arenas():
    assert _arenas(0) > 2  # glibc's default: a new arena per thread (up to 8 per core)
    assert _arenas(2) == 2
    assert _arenas(1) == 1
