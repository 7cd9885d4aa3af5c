"""A progress line for work longer than a few seconds (recording, benchmarks).

On a terminal the line is redrawn in place (`\\r`) at most every
`min_interval_s`; elsewhere (CI logs, pipes) it prints a plain line at each
tenth of the work, so logs stay short. Nothing is printed for work that ends
before `delay_s`: quick runs stay quiet.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts `done` of `total` units and shows it on `stream`.

    Args:
        what: the work's name, e.g. `"recording out.mp4"`.
        total: units of work (frames).
        unit: the unit's name.
        stream: where to print (default stderr).
        delay_s: show nothing until the work has taken this long.
        clock: seconds (tests inject one).
    """

    def __init__(self, what: str, total: int, *, unit: str = "frames",
                 stream: TextIO | None = None, delay_s: float = 2.0,
                 min_interval_s: float = 0.25,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.what, self.total, self.unit = what, max(total, 0), unit
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._clock = clock
        self._started = clock()
        self._delay = delay_s
        self._interval = min_interval_s
        self._last_shown = -1.0
        self._last_tenth = -1
        self._shown = False

    def line(self) -> str:
        """The progress text now."""
        elapsed = self._clock() - self._started
        percent = 100.0 * self.done / self.total if self.total else 100.0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (f"marquee: {self.what}: {self.done}/{self.total} {self.unit} ({percent:3.0f}%), "
                f"{rate:.0f} {self.unit}/s, {left:.0f} s left")

    def advance(self, count: int = 1) -> None:
        """`count` more units are done."""
        self.done = min(self.total, self.done + count)
        now = self._clock()
        if now - self._started < self._delay:
            return
        if self._tty:
            if now - self._last_shown >= self._interval:
                self._last_shown = now
                self._stream.write("\r" + self.line() + "\x1b[K")
                self._stream.flush()
                self._shown = True
        else:
            tenth = 10 * self.done // self.total if self.total else 10
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self._stream.write(self.line() + "\n")
                self._stream.flush()
                self._shown = True

    def finish(self) -> None:
        """Ends the line (on a terminal) if anything was shown."""
        if self._shown and self._tty:
            self._stream.write("\r" + self.line() + "\x1b[K\n")
            self._stream.flush()
