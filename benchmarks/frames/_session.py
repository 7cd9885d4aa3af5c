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
import json
import multiprocessing
import os
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from async_tasks import RealClock
from renderer import Key
from renderer.lowlevel import WindowInput, WindowPresenter
from sdk import App, Element
from sdk.runtime import FactorySpec, FrameTiming
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
    """The real pygame window, plus scripted remote keys (down + up) when due.

    It lives where the frame loop does (the renderer thread or process): it
    reads focus from the loop (`bind_frame_loop`) and writes its key records
    as JSON to `records_path` when closed.
    """

    def __init__(self, width: int, height: int, script: Sequence[int], seed: int,
                 records_path: str) -> None:
        super().__init__(width, height, title="marquee frames benchmark")
        self._script = [Key(k) for k in script]
        self._rng = random.Random(seed)
        self._records: list[KeyRecord] = []
        self._path = records_path
        self._loop: Any = None
        self._due = 0.0

    def bind_frame_loop(self, loop: Any) -> None:
        """The frame loop this window presents for (focus is read from it)."""
        self._loop = loop

    def _focused(self) -> int:
        return int(self._loop.focused) if self._loop is not None else 0

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
        self._save()
        return [*out, WindowInput("key", int(key), 0), WindowInput("key", int(key), 2)]

    def _save(self) -> None:
        rows = [[int(r.key), r.due, r.polled, r.focus_before] for r in self._records]
        partial = Path(self._path + ".part")  # the app process reads it meanwhile
        partial.write_text(json.dumps(rows))
        os.replace(partial, self._path)


def load_records(path: Path) -> list[KeyRecord]:
    """The key records a `RemoteWindow` wrote."""
    if not path.exists():
        return []
    return [KeyRecord(Key(k), due, polled, before)
            for k, due, polled, before in json.loads(path.read_text())]


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
    transport: str = "thread"
    """Where the renderer runs: `"thread"` or `"process"` (`App(renderer_mode=...)`)."""
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


async def _run(session: Session, size: tuple[int, int], records_path: Path) -> SessionResult:
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

    remote = FactorySpec(f"{__name__}:RemoteWindow",
                         ([int(k) for k in session.script], session.seed, str(records_path)))
    app = App(session.page(on_focus, caption), size, clock=RealClock(),
              presenter_factory=remote, switch_interval_ms=session.switch_interval_ms,
              renderer_mode=session.transport)
    limit = (WARMUP_MS + len(session.script) * (KEY_SPACING_MS + MAX_WAIT_MS)) / 1000
    try:
        async with app:
            started = time.perf_counter()
            while (len(load_records(records_path)) < len(session.script)
                   and time.perf_counter() - started < limit):
                await asyncio.sleep(0.05)
            await asyncio.sleep(TAIL_MS / 1000 + 0.1)
            timings, missed = await app.frame_timings()
    finally:
        if worker is not None:
            worker.close()
    records = load_records(records_path)
    start = records[0].due if records else 0.0
    end = (records[-1].due if records else 0.0) + TAIL_MS / 1000
    return SessionResult(session, timings, records, missed, burns, (start, end))


def run_session(session: Session, size: tuple[int, int] = (1920, 1080)) -> SessionResult:
    """Runs `session` in the windowed presenter (`$DISPLAY` must be set)."""
    with tempfile.TemporaryDirectory(prefix="marquee-frames-") as folder:
        return asyncio.run(_run(session, size, Path(folder) / "keys.json"))
