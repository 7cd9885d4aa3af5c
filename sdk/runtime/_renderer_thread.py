"""The renderer thread: runs a `FrameLoop` on its own clock.

Two modes:

- **paced** (real time): a tick every `interval_ms` on the runtime clock,
  whatever the app thread is doing; between ticks the thread blocks on the
  bus with a timeout that ends at the next deadline (or, with a window, in
  `INPUT_POLL_MS` steps, polling the window's input), and applies messages
  as they come. A tick that starts more than one interval late drops the
  missed deadlines instead of bursting to catch up. A key does not wait for
  the next slot: it gets a frame at once (at least `DEMAND_GAP` intervals
  after the previous one), and the slots start again from there; so does a
  scene batch when nothing animates or when it answers a recent key (the
  page that select opened). That takes up to a frame off every input's
  latency, and the app's answer to select or back shows as soon as it
  arrives, while an animation's batches keep their slots.
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
from typing import Protocol

from ._bus import Bus, RendererSide, Up, message
from ._crash_policy import RendererCrashLoop
from ._frame_loop import FrameLoop

__all__ = ["DEMAND_GAP", "INPUT_POLL_MS", "FrameClock", "RendererThread", "drive"]


class FrameClock(Protocol):
    """What the driver reads of a clock (`async_tasks` clocks; the renderer process's own)."""

    def now(self) -> float:
        """Milliseconds on the clock."""
        ...

INPUT_POLL_MS = 4.0
"""Between ticks, a window is polled this often, so a key waits at most this long."""
DEMAND_GAP = 0.5
"""An idle loop runs a frame for new input or a new batch at once, but at least this
many frame intervals after the previous frame (never above twice the frame rate)."""


def drive(bus: RendererSide, loop: FrameLoop, *, clock: FrameClock, paced: bool,
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


def _run_paced(bus: RendererSide, loop: FrameLoop, clock: FrameClock, interval: float) -> None:
    deadline = last = clock.now()
    while True:
        now = clock.now()
        if loop.frame_wanted and now >= last + interval * DEMAND_GAP:
            # Idle, and a key or a scene batch arrived: show it now, not at the
            # next slot, and start a new grid of slots from here.
            loop.tick(now)
            last, deadline = now, now + interval
            continue
        if now >= deadline:
            late = now - deadline
            loop.tick(now, late_ms=late)
            last = now
            deadline += interval
            if late > interval:
                loop.missed_deadlines += int(late // interval)
                deadline = now + interval
            continue
        wake = deadline
        if loop.frame_wanted:
            wake = min(wake, last + interval * DEMAND_GAP)
        elif loop.polls_window:
            wake = min(wake, now + INPUT_POLL_MS)
        data = bus.receive(max(0.0, wake - now) / 1000.0)
        if data is not None and not loop.handle(data):
            return
        loop.poll_input()


class RendererThread:
    """Owns the thread that creates and runs a `FrameLoop`.

    Args:
        bus: the message bus.
        make_loop: builds the loop (engine, painter, presenter) on the thread.
        clock: the runtime clock (paced mode reads it for deadlines).
        paced: tick on the clock (True) or only on `STEP` messages (False).
        interval_ms: frame interval in paced mode.
    """

    def __init__(self, bus: Bus, make_loop: Callable[[], FrameLoop], *, clock: FrameClock,
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
