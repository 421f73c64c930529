"""Progress of a long ingest on stderr: how many, how fast, how long still.

On a terminal, one line is redrawn in place (at most every ``tty_interval`` seconds);
anywhere else (a log file, a pipe) a line is written every ``interval`` seconds, so
logs stay short.  ``verbose`` adds one line per article (and replaces the periodic
lines, which it makes redundant); ``quiet`` prints nothing.  Failures are not printed
here: the caller lists them at the end.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .pipeline import IngestResult


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """A callback for :func:`kg.ingest.pipeline.ingest`: ``progress(result)`` once per article."""

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        quiet: bool = False,
        verbose: bool = False,
        interval: float = 10.0,
        tty_interval: float = 0.2,
        label: str = "ingest",
    ) -> None:
        self.total, self.quiet, self.verbose, self.label = total, quiet, verbose, label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = tty_interval if self.tty else interval
        self.done = self.new = self.unchanged = self.failed = 0
        self.started = self.last = time.monotonic()
        self.drawn = False  # a progress line is on the screen (TTY)

    def __call__(self, result: IngestResult) -> None:
        self.done += 1
        if result.error:
            self.failed += 1
        elif result.skipped:
            self.unchanged += 1
        else:
            self.new += 1
        if self.quiet:
            return
        if self.verbose and not result.error:
            self._clear()
            if result.skipped:
                self._write(f"unchanged {result.source} -> {result.graph}\n")
            else:
                self._write(f"ingested {result.source} -> {result.graph} ({result.triples} triples)\n")
        now = time.monotonic()
        if (self.tty or not self.verbose) and (now - self.last >= self.interval or (self.tty and not self.drawn)):
            self.last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line: count, share, what became of them, rate and time left."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        left = (self.total - self.done) / rate if rate > 0 and self.total >= self.done else None
        eta = f", ETA {_clock(left)}" if left is not None and self.done < self.total else ""
        return (
            f"{self.label}: {self.done}/{self.total}{share}: {self.new} ingested, {self.unchanged} unchanged, "
            f"{self.failed} failed; {rate:.0f} articles/s{eta}"
        )

    def _draw(self, now: float) -> None:
        if self.tty:
            self._write("\r" + self.line(now) + "\x1b[K")
            self.drawn = True
        else:
            self._write(self.line(now) + "\n")

    def _clear(self) -> None:
        if self.tty and self.drawn:
            self._write("\r\x1b[K")
            self.drawn = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        """Take the progress line off the terminal (the caller prints the summary)."""
        self._clear()
