"""The runtime's one clock: float milliseconds, real or virtual.

Everything that needs time (the frame loop, timers of async code, the engine's
`now_ms`, the test harness) reads one `Clock`. `RealClock` follows
`time.monotonic()`; `VirtualClock` only moves when told to (`advance`, `set`),
which makes tests deterministic.

Timers are plain callbacks: `call_at(ms, fn)` / `call_later(ms, fn)` return a
`TimerHandle` that can be cancelled. A clock does not run timers by itself on
some thread of its own: whoever owns the clock pumps it. `VirtualClock` runs
due callbacks inside `advance`/`set`, in time order (ties in scheduling
order), each seeing `now()` equal to its own deadline. `RealClock` runs them in
`run_due()`, which the app thread calls at every frame boundary and whenever
it wakes for `next_deadline()`. Scheduling and cancelling are thread-safe;
callbacks run on the pumping thread.
"""

from __future__ import annotations

import heapq
import itertools
import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable

__all__ = ["Clock", "RealClock", "TimerHandle", "VirtualClock"]


class TimerHandle:
    """A scheduled callback; `cancel()` stops it from running (idempotent)."""

    __slots__ = ("_callback", "_cancelled", "_clock", "when")

    def __init__(self, when: float, callback: Callable[[], object], clock: Clock) -> None:
        self.when = when
        """Deadline in clock milliseconds."""
        self._callback: Callable[[], object] | None = callback
        self._cancelled = False
        self._clock = clock

    @property
    def cancelled(self) -> bool:
        """Whether `cancel()` was called before the callback ran."""
        return self._cancelled

    @property
    def done(self) -> bool:
        """Whether the callback ran or was cancelled."""
        return self._callback is None

    def cancel(self) -> None:
        """Stops the callback from running; does nothing once it ran."""
        if self._callback is not None:
            self._cancelled = True
            self._callback = None
            self._clock._forget(self)

    def _take(self) -> Callable[[], object] | None:
        callback, self._callback = self._callback, None
        return callback

    def __repr__(self) -> str:
        state = "cancelled" if self._cancelled else "done" if self.done else "pending"
        return f"<TimerHandle at {self.when:.3f} ms {state}>"


class Clock(ABC):
    """A source of time in milliseconds with timers on it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._heap: list[tuple[float, int, TimerHandle]] = []
        self._order = itertools.count()
        self._pending = 0

    @abstractmethod
    def now(self) -> float:
        """Current time in milliseconds (never decreases)."""

    @property
    @abstractmethod
    def virtual(self) -> bool:
        """True when time moves only when told to (tests, headless stepping)."""

    def call_at(self, when_ms: float, callback: Callable[[], object]) -> TimerHandle:
        """Runs `callback` once the clock reaches `when_ms`.

        Raises:
            ValueError: `when_ms` is not a finite number.
        """
        if not isinstance(when_ms, int | float) or not math.isfinite(when_ms):
            raise ValueError(f"call_at needs a finite time in ms, got {when_ms!r}")
        if not callable(callback):
            raise TypeError(f"call_at needs a callable, got {callback!r}")
        handle = TimerHandle(float(when_ms), callback, self)
        with self._lock:
            heapq.heappush(self._heap, (handle.when, next(self._order), handle))
            self._pending += 1
        return handle

    def call_later(self, delay_ms: float, callback: Callable[[], object]) -> TimerHandle:
        """Runs `callback` `delay_ms` milliseconds from now (negative = at once).

        Raises:
            ValueError: `delay_ms` is not a finite number.
        """
        if not isinstance(delay_ms, int | float) or not math.isfinite(delay_ms):
            raise ValueError(f"call_later needs a finite delay in ms, got {delay_ms!r}")
        return self.call_at(self.now() + max(0.0, float(delay_ms)), callback)

    def next_deadline(self) -> float | None:
        """The earliest pending timer's deadline, or None."""
        with self._lock:
            self._drop_cancelled()
            return self._heap[0][0] if self._heap else None

    @property
    def pending(self) -> int:
        """Number of timers neither run nor cancelled."""
        return self._pending

    def _forget(self, handle: TimerHandle) -> None:
        # Cancelled entries stay in the heap (lazy deletion) but stop counting.
        with self._lock:
            self._pending -= 1

    def _drop_cancelled(self) -> None:
        heap = self._heap
        while heap and heap[0][2].done:
            heapq.heappop(heap)

    def _pop_due(self, now: float) -> TimerHandle | None:
        with self._lock:
            self._drop_cancelled()
            if not self._heap or self._heap[0][0] > now:
                return None
            handle = heapq.heappop(self._heap)[2]
            self._pending -= 1
            return handle

    def _run(self, handle: TimerHandle) -> None:
        callback = handle._take()
        if callback is not None:
            callback()


class RealClock(Clock):
    """Monotonic wall time in milliseconds since the clock was created."""

    def __init__(self) -> None:
        super().__init__()
        self._origin = time.monotonic()

    @property
    def virtual(self) -> bool:
        """Always False."""
        return False

    def now(self) -> float:
        """Milliseconds since creation, from `time.monotonic()`."""
        return (time.monotonic() - self._origin) * 1000.0

    def run_due(self) -> int:
        """Runs every timer whose deadline has passed; returns how many ran.

        A callback that raises stops the pass (later timers stay pending) and
        the exception propagates to the caller.
        """
        ran = 0
        now = self.now()
        while (handle := self._pop_due(now)) is not None:
            ran += 1
            self._run(handle)
        return ran


class VirtualClock(Clock):
    """Time that moves only through `advance` and `set`; for tests and stepping.

    Args:
        start_ms: the initial time.
    """

    def __init__(self, start_ms: float = 0.0) -> None:
        super().__init__()
        if not math.isfinite(start_ms):
            raise ValueError(f"VirtualClock start must be finite, got {start_ms!r}")
        self._now = float(start_ms)

    @property
    def virtual(self) -> bool:
        """Always True."""
        return True

    def now(self) -> float:
        """The current virtual time."""
        return self._now

    def advance(self, ms: float) -> int:
        """Moves time forward by `ms`, running due timers; returns how many ran.

        Raises:
            ValueError: `ms` is negative or not finite (time never goes back).
        """
        if not isinstance(ms, int | float) or not math.isfinite(ms) or ms < 0:
            raise ValueError(f"VirtualClock.advance needs a finite ms >= 0, got {ms!r}")
        return self.set(self._now + ms)

    def set(self, ms: float) -> int:
        """Moves time forward to `ms`, running due timers; returns how many ran.

        Each timer runs with `now()` at its own deadline, so a timer that
        schedules another inside the window sees it run in the same call.

        Raises:
            ValueError: `ms` is earlier than `now()` or not finite.
        """
        if not isinstance(ms, int | float) or not math.isfinite(ms):
            raise ValueError(f"VirtualClock.set needs a finite time in ms, got {ms!r}")
        if ms < self._now:
            raise ValueError(
                f"VirtualClock never goes backwards: now {self._now} ms, asked {ms} ms"
            )
        target = float(ms)
        ran = 0
        while (handle := self._pop_due(target)) is not None:
            self._now = max(self._now, handle.when)
            ran += 1
            self._run(handle)
        self._now = target
        return ran
