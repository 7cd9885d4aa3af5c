"""One scripted remote-control session in the windowed presenter, with timings.

The remote is a `WindowPresenter` whose `poll()` also returns scripted keys:
key `i` is due at `start + i * spacing + jitter` (seeded, spread across the
frame slot like real key events, which sit in the X queue until the next
poll). Its due time is the key's injection time for input latency. The
App's own handlers (`on_focus`) run on the app thread and burn CPU.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from async_tasks import RealClock
from renderer import Key
from renderer._window import WindowInput, WindowPresenter
from sdk import App, Element
from sdk._frame_loop import FrameTiming
from signals import Signal

__all__ = ["Session", "SessionResult", "burn", "run_session"]

KEY_SPACING_MS = 180.0
WARMUP_MS = 1200.0
"""Before the first key: the page mounts, fonts upload, the first focus settles."""
TAIL_MS = 400.0


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


class RemoteWindow(WindowPresenter):
    """The real pygame window, plus scripted remote keys (down + up) when due."""

    def __init__(self, width: int, height: int, script: Sequence[Key], seed: int,
                 records: list[KeyRecord]) -> None:
        super().__init__(width, height, title="marquee frames benchmark")
        self._script = list(script)
        self._rng = random.Random(seed)
        self._records = records
        self._start = 0.0

    def poll(self) -> list[WindowInput]:
        out = super().poll()  # pump the X events as the real app does
        now = time.perf_counter()
        if not self._start:
            self._start = now + WARMUP_MS / 1000.0
        while len(self._records) < len(self._script):
            index = len(self._records)
            due = self._start + (index * KEY_SPACING_MS + self._rng.uniform(0, 1000 / 60)) / 1000
            if due > now:
                break
            key = self._script[index]
            self._records.append(KeyRecord(key, due, now))
            out += [WindowInput("key", int(key), 0), WindowInput("key", int(key), 2)]
        return out


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


async def _run(session: Session, size: tuple[int, int]) -> SessionResult:
    records: list[KeyRecord] = []
    caption = Signal("")
    rng = random.Random(session.seed)
    burns: list[float] = []
    low, high = session.burn_ms

    def on_focus(name: str) -> None:
        if high > 0:
            ms = rng.uniform(low, high)
            burns.append(ms)
            burn(ms)
        caption.set(f"Focused: {name}")

    app = App(session.page(on_focus, caption), size, clock=RealClock(),
              presenter_factory=lambda w, h: RemoteWindow(w, h, session.script, session.seed,
                                                          records),
              switch_interval_ms=session.switch_interval_ms)
    seconds = (WARMUP_MS + len(session.script) * KEY_SPACING_MS + TAIL_MS) / 1000 + 0.3
    async with app:
        await asyncio.sleep(seconds)
        thread = app.renderer_thread
        assert thread is not None and thread.loop is not None
        timings = list(thread.loop.timings)
        missed = thread.missed_deadlines
    start = records[0].due if records else 0.0
    end = (records[-1].due if records else 0.0) + TAIL_MS / 1000
    return SessionResult(session, timings, records, missed, burns, (start, end))


def run_session(session: Session, size: tuple[int, int] = (1920, 1080)) -> SessionResult:
    """Runs `session` in the windowed presenter (`$DISPLAY` must be set)."""
    return asyncio.run(_run(session, size))
