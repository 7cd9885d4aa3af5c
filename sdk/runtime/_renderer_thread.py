"""The renderer thread: runs a `FrameLoop` on its own clock.

Two modes:

- **paced** (real time): a tick every `interval_ms` on the runtime clock,
  whatever the app thread is doing; between ticks the thread blocks on the
  bus with a timeout that ends at the next deadline, and applies messages as
  they come. A tick that starts more than one interval late drops the
  missed deadlines instead of bursting to catch up.
- **stepped** (virtual time): a tick only when the app sends `STEP`
  (tests, `--headless --frames N`), so every frame is deterministic.

The thread never waits for the app to draw. Everything that touches the
engine, the painter and the presenter happens on this thread, including
their creation (SDL wants the window on the thread that pumps its events).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from async_tasks import Clock

from ._bus import Bus, RendererSide, Up, message
from ._crash_policy import RendererCrashLoop
from ._frame_loop import FrameLoop

__all__ = ["RendererThread", "drive"]


def drive(bus: RendererSide, loop: FrameLoop, *, clock: Clock, paced: bool,
          interval_ms: float) -> None:
    """Runs `loop` until `STOP` (the renderer thread's and the renderer process's body).

    A crash loop or any failure is posted (`CRASH_LOOP`, `ERROR`), not raised.
    """
    try:
        if paced:
            _run_paced(bus, loop, clock, interval_ms)
        else:
            _run_stepped(bus, loop)
    except RendererCrashLoop as exc:
        bus.post(message(Up.CRASH_LOOP, exc.encode()))
    except BaseException:
        bus.post(message(Up.ERROR, ("the renderer failed:\n" + traceback.format_exc()).encode()))


def _run_stepped(bus: RendererSide, loop: FrameLoop) -> None:
    while True:
        data = bus.receive(None)
        if data is not None and not loop.handle(data):
            return


def _run_paced(bus: RendererSide, loop: FrameLoop, clock: Clock, interval: float) -> None:
    deadline = clock.now()
    while True:
        now = clock.now()
        if now >= deadline:
            late = now - deadline
            loop.tick(now, late_ms=late)
            deadline += interval
            if late > interval:
                loop.missed_deadlines += int(late // interval)
                deadline = now + interval
            continue
        data = bus.receive((deadline - now) / 1000.0)
        if data is not None and not loop.handle(data):
            return


class RendererThread:
    """Owns the thread that creates and runs a `FrameLoop`.

    Args:
        bus: the message bus.
        make_loop: builds the loop (engine, painter, presenter) on the thread.
        clock: the runtime clock (paced mode reads it for deadlines).
        paced: tick on the clock (True) or only on `STEP` messages (False).
        interval_ms: frame interval in paced mode.
    """

    def __init__(self, bus: Bus, make_loop: Callable[[], FrameLoop], *, clock: Clock,
                 paced: bool, interval_ms: float = 1000.0 / 60.0) -> None:
        self._bus = bus
        self._make_loop = make_loop
        self._clock = clock
        self._paced = paced
        self._interval = interval_ms
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self.loop: FrameLoop | None = None
        """The running loop (read it from other threads only after `join`)."""
        self._thread = threading.Thread(target=self._main, name="marquee-renderer", daemon=True)

    def start(self, timeout_s: float = 60.0) -> None:
        """Starts the thread and waits until its loop is built.

        Raises:
            TimeoutError: the loop was not built within `timeout_s`.
            Exception: whatever building the loop raised (no display, bad module).
        """
        self._thread.start()
        if not self._ready.wait(timeout_s):
            raise TimeoutError(f"the renderer thread did not start within {timeout_s} s")
        if self._startup_error is not None:
            self._thread.join(timeout_s)
            raise self._startup_error

    @property
    def missed_deadlines(self) -> int:
        """Frame deadlines late ticks skipped (paced mode)."""
        return self.loop.missed_deadlines if self.loop is not None else 0

    @property
    def alive(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def join(self, timeout_s: float) -> bool:
        """Waits for the thread to end (after `STOP`); True if it did."""
        if self._thread.ident is None:
            return True
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _main(self) -> None:
        try:
            loop = self._make_loop()
        except BaseException as exc:
            self._startup_error = exc
            self._ready.set()
            return
        self.loop = loop
        self._ready.set()
        try:
            drive(self._bus, loop, clock=self._clock, paced=self._paced,
                  interval_ms=self._interval)
        finally:
            loop.close()
