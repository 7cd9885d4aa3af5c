"""The app-thread watchdog: logs the app thread's stack when it stalls.

A handler that blocks (a synchronous HTTP call, a long loop) holds the app
thread; the renderer thread keeps ticking, but nothing the app does shows
and nobody knows why. The app loop beats every quarter stall; a daemon
thread checks the beat, and when it is older than the stall limit logs one
warning with the app thread's current stack (where it is stuck), then
"recovered" once it beats again.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
import traceback

__all__ = ["Watchdog"]

logger = logging.getLogger("sdk.runtime")


class Watchdog:
    """Watches the app loop on `loop` (run by thread `ident`) for stalls over `stall_ms`."""

    def __init__(self, loop: asyncio.AbstractEventLoop, ident: int, stall_ms: float) -> None:
        self._loop = loop
        self._ident = ident
        self._stall_s = stall_ms / 1000.0
        self._beat = time.monotonic()
        self._stop = threading.Event()
        self._timer: asyncio.TimerHandle | None = None
        self.stalls = 0
        """Stalls reported so far."""
        self._thread = threading.Thread(target=self._watch, name="marquee-watchdog", daemon=True)

    def start(self) -> None:
        """Starts beating on the app loop and watching (call on the app thread)."""
        self._on_beat()
        self._thread.start()

    def stop(self) -> None:
        """Stops watching (call on the app thread; idempotent)."""
        self._stop.set()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._thread.is_alive():
            self._thread.join(self._stall_s)

    def _on_beat(self) -> None:
        self._beat = time.monotonic()
        if not self._stop.is_set():
            self._timer = self._loop.call_later(self._stall_s / 4, self._on_beat)

    def _watch(self) -> None:
        stalled = False
        while not self._stop.wait(self._stall_s / 4):
            late = time.monotonic() - self._beat
            if late > self._stall_s and not stalled:
                stalled = True
                self.stalls += 1
                logger.warning("the app thread has not run its loop for %.1f s (frames keep "
                               "coming, but app code is stuck); it is at:\n%s",
                               late, self._stack())
            elif stalled and late <= self._stall_s:
                stalled = False
                logger.warning("the app thread is running again")

    def _stack(self) -> str:
        frame = sys._current_frames().get(self._ident)
        if frame is None:
            return "  (the app thread is gone)"
        return "".join(traceback.format_stack(frame))
