"""One scripted remote-control session in the windowed presenter, with timings.

The remote is a `WindowPresenter` whose `poll()` also returns scripted keys.
Key `i + 1` is due `spacing` plus a seeded jitter (spread across the frame
slot, like real key events, which sit in the X queue until the next poll)
after key `i`, but like a viewer it waits for key `i` to move focus first (at
most `MAX_WAIT_MS`): a select whose page has not opened yet would make the
following back a no-op and desynchronise the script. A key's due time is its
injection time for input latency. The App's own handlers (`on_focus`) run on
the app thread and burn CPU.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from async_tasks import RealClock
from renderer import Key
from renderer.lowlevel import WindowInput, WindowPresenter
from sdk import App, Element
from sdk.runtime import FrameTiming
from signals import Signal

__all__ = ["Session", "SessionResult", "burn", "run_session"]

KEY_SPACING_MS = 180.0
WARMUP_MS = 1200.0
"""Before the first key: the page mounts, fonts upload, the first focus settles."""
TAIL_MS = 400.0
MAX_WAIT_MS = 1000.0
"""Longest the remote waits for a key to move focus before sending the next one."""


def burn(ms: float) -> None:
    """Pure-Python CPU work (holds the GIL) for `ms` milliseconds."""
    end = time.perf_counter() + ms / 1000.0
    while time.perf_counter() < end:
        sum(i * i for i in range(200))


@dataclass
class KeyRecord:
    """One scripted press: when it was due and when the renderer polled it."""

    key: Key
    due: float
    """`time.perf_counter()` seconds: the injection time."""
    polled: float = 0.0
    focus_before: int = 0
    """The focused node when the key was injected."""


class RemoteWindow(WindowPresenter):
    """The real pygame window, plus scripted remote keys (down + up) when due."""

    def __init__(self, width: int, height: int, script: Sequence[Key], seed: int,
                 records: list[KeyRecord], focused: Callable[[], int]) -> None:
        super().__init__(width, height, title="marquee frames benchmark")
        self._script = list(script)
        self._rng = random.Random(seed)
        self._records = records
        self._focused = focused
        self._due = 0.0

    def _jitter(self) -> float:
        return self._rng.uniform(0.0, 1.0 / 60.0)

    def poll(self) -> list[WindowInput]:
        out = super().poll()  # pump the X events as the real app does
        now = time.perf_counter()
        if not self._due:
            self._due = now + WARMUP_MS / 1000.0 + self._jitter()
        if len(self._records) >= len(self._script) or now < self._due:
            return out
        focused = self._focused()
        if self._records:
            last = self._records[-1]
            moved = focused not in (last.focus_before, 0)
            if not moved and now - last.polled < MAX_WAIT_MS / 1000.0:
                # Wait like a viewer; the key goes at a random point of a later slot.
                self._due = now + self._jitter()
                return out
        key = self._script[len(self._records)]
        self._records.append(KeyRecord(key, self._due, now, focused))
        self._due += KEY_SPACING_MS / 1000.0 + self._jitter()
        return [*out, WindowInput("key", int(key), 0), WindowInput("key", int(key), 2)]


@dataclass
class Session:
    """What to run: a page, a key script, and how much the handlers burn."""

    name: str
    page: Callable[[Callable[[str], object], Signal[str]], Element]
    script: Sequence[Key]
    burn_ms: tuple[float, float] = (0.0, 0.0)
    """Each focus handler burns a uniform random time in this range (ms)."""
    switch_interval_ms: float | None = None
    seed: int = 5
    burn_elsewhere: bool = False
    """Burn in another process instead (the same CPU load without holding this GIL)."""


@dataclass
class SessionResult:
    """Raw data of one session (statistics are in `_stats`)."""

    session: Session
    timings: list[FrameTiming]
    keys: list[KeyRecord]
    missed_deadlines: int
    burns_ms: list[float] = field(default_factory=list)
    window: tuple[float, float] = (0.0, 0.0)
    """perf_counter seconds: from the first key's due time to the end of the tail."""


def _burn_forever(queue: Any) -> None:
    while (ms := queue.get()) is not None:
        burn(ms)


class _Burner:
    """A process that burns the milliseconds put on its queue."""

    def __init__(self) -> None:
        self.queue: Any = multiprocessing.Queue()
        self._process = multiprocessing.Process(target=_burn_forever, args=(self.queue,),
                                                daemon=True)
        self._process.start()

    def close(self) -> None:
        self.queue.put(None)
        self._process.join(10)


async def _run(session: Session, size: tuple[int, int]) -> SessionResult:
    records: list[KeyRecord] = []
    caption = Signal("")
    rng = random.Random(session.seed)
    burns: list[float] = []
    low, high = session.burn_ms

    worker = _Burner() if session.burn_elsewhere else None

    def on_focus(name: str) -> None:
        if high > 0:
            ms = rng.uniform(low, high)
            burns.append(ms)
            if worker is not None:
                worker.queue.put(ms)
            else:
                burn(ms)
        caption.set(f"Focused: {name}")

    def focused() -> int:
        thread = app.renderer_thread  # read on the renderer thread, which owns the loop
        return thread.loop.focused if thread is not None and thread.loop is not None else 0

    app = App(session.page(on_focus, caption), size, clock=RealClock(),
              presenter_factory=lambda w, h: RemoteWindow(w, h, session.script, session.seed,
                                                          records, focused),
              switch_interval_ms=session.switch_interval_ms)
    limit = (WARMUP_MS + len(session.script) * (KEY_SPACING_MS + MAX_WAIT_MS)) / 1000
    try:
        async with app:
            started = time.perf_counter()
            while len(records) < len(session.script) and time.perf_counter() - started < limit:
                await asyncio.sleep(0.05)
            await asyncio.sleep(TAIL_MS / 1000 + 0.1)
            thread = app.renderer_thread
            assert thread is not None and thread.loop is not None
            timings = list(thread.loop.timings)
            missed = thread.missed_deadlines
    finally:
        if worker is not None:
            worker.close()
    start = records[0].due if records else 0.0
    end = (records[-1].due if records else 0.0) + TAIL_MS / 1000
    return SessionResult(session, timings, records, missed, burns, (start, end))


def run_session(session: Session, size: tuple[int, int] = (1920, 1080)) -> SessionResult:
    """Runs `session` in the windowed presenter (`$DISPLAY` must be set)."""
    return asyncio.run(_run(session, size))
