"""reactivex on the runtime's clock: `ClockScheduler` and `debounced`.

`ClockScheduler` is a reactivex scheduler whose time is a `Clock`: its `now`
is the clock's milliseconds (as a datetime after 1970-01-01 UTC) and its
actions are clock timers. Operators that take a scheduler (`debounce`,
`throttle_first`, `delay`, `interval`, `timeout`...) then follow the frame
clock: real time in an app, virtual time in tests. Actions run where the clock
is pumped (the app thread, at frame boundaries), which is where signals may be
written, so `from_observable` can take their output directly. `schedule()`
(run as soon as possible) runs at the next pump, not synchronously.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from reactivex import operators as ops
from reactivex.disposable import CompositeDisposable, Disposable, SingleAssignmentDisposable
from reactivex.scheduler.periodicscheduler import PeriodicScheduler

from signals import ObservableSignal, ReadSignal, from_observable, to_observable

from ._clock import Clock
from ._timers import current_clock

__all__ = ["ClockScheduler", "debounced"]

T = TypeVar("T")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ClockScheduler(PeriodicScheduler):
    """A reactivex scheduler on a `Clock` (default: the installed one, looked up per call)."""

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self._clock = clock

    @property
    def clock(self) -> Clock:
        """The clock actions are scheduled on."""
        return self._clock if self._clock is not None else current_clock()

    @property
    def now(self) -> datetime:
        """The clock's time as a datetime (milliseconds after the Unix epoch)."""
        return _EPOCH + timedelta(milliseconds=self.clock.now())

    def schedule(self, action: Any, state: Any = None) -> Any:
        """Runs `action` at the clock's next pump."""
        return self._at(self.clock.now(), action, state)

    def schedule_relative(self, duetime: Any, action: Any, state: Any = None) -> Any:
        """Runs `action` after `duetime` (seconds or a timedelta) of clock time."""
        ms = max(0.0, float(self.to_seconds(duetime)) * 1000.0)
        return self._at(self.clock.now() + ms, action, state)

    def schedule_absolute(self, duetime: Any, action: Any, state: Any = None) -> Any:
        """Runs `action` at `duetime` (a datetime on this scheduler's `now` scale)."""
        when = self.to_datetime(duetime)
        ms = (when - _EPOCH).total_seconds() * 1000.0
        return self._at(max(ms, self.clock.now()), action, state)

    def _at(self, when_ms: float, action: Any, state: Any) -> Any:
        holder = SingleAssignmentDisposable()

        def run() -> None:
            if not holder.is_disposed:
                holder.disposable = self.invoke_action(action, state=state)

        handle = self.clock.call_at(when_ms, run)
        return CompositeDisposable(holder, Disposable(handle.cancel))


def debounced(source: ReadSignal[T], ms: float) -> ObservableSignal[T]:
    """A signal that follows `source` once it has been quiet for `ms` ms of the clock.

    Built from `to_observable(source)`, `ops.debounce` on a `ClockScheduler`
    and `from_observable`, so it works the same in real and virtual time. It
    starts with `source`'s current value and is disposed with the owner.

    Example:
        ```python
        query = signal("")
        settled = debounced(query, 300)      # search when typing pauses
        results = resource(settled, api.search)
        ```
    """
    if not ms > 0:
        raise ValueError(f"debounced needs a positive number of ms, got {ms!r}")
    scheduler = ClockScheduler(current_clock())
    changes = to_observable(source).pipe(ops.skip(1), ops.debounce(ms / 1000.0, scheduler))
    return from_observable(changes, source.peek())
