"""Timers on the runtime's one clock, owned by the current signals owner.

The runtime installs its clock with `install_clock` (the layering rule: this
package never imports `sdk`; the runtime calls in). `interval` and `sleep`
then follow that clock: real time in an app, virtual time in tests. A timer
created inside an owner (a component, an effect) is cancelled when the owner
is disposed, so an unmounted component leaves no timer behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from signals import Owner, batch, get_owner, on_cleanup, route_error

from ._clock import Clock, TimerHandle
from ._waits import CLOCK, waiting

__all__ = [
    "Interval",
    "NoClockError",
    "current_clock",
    "install_clock",
    "interval",
    "run_callback",
    "sleep",
]

_CLOCK: list[Clock] = []


class NoClockError(RuntimeError):
    """A timer was created before the runtime installed its clock."""


def install_clock(clock: Clock | None) -> None:
    """Make `clock` the one clock timers follow (None uninstalls it). Called by the runtime."""
    _CLOCK.clear()
    if clock is not None:
        _CLOCK.append(clock)


def current_clock() -> Clock:
    """The installed clock.

    Raises:
        NoClockError: no runtime is running (no clock installed).
    """
    if not _CLOCK:
        raise NoClockError(
            "no clock is installed: timers run inside an App (or a test harness), which "
            "installs its clock; call async_tasks.install_clock(clock) to use them alone"
        )
    return _CLOCK[0]


class Interval:
    """A repeating timer: `fn()` every `ms` milliseconds until `cancel()`."""

    __slots__ = ("_clock", "_fn", "_handle", "_ms", "_next", "_owner", "cancelled")

    def __init__(self, clock: Clock, ms: float, fn: Callable[[], object]) -> None:
        self._clock = clock
        self._owner = get_owner()
        self._ms = ms
        self._fn = fn
        self.cancelled = False
        self._next = clock.now() + ms
        self._handle: TimerHandle = clock.call_at(self._next, self._fire)

    def _fire(self) -> None:
        if self.cancelled:
            return
        # Schedule from the planned time, not from now, so ticks do not drift.
        self._next = max(self._next + self._ms, self._clock.now())
        self._handle = self._clock.call_at(self._next, self._fire)
        run_callback(self._owner, self._fn)

    def cancel(self) -> None:
        """Stop; idempotent."""
        self.cancelled = True
        self._handle.cancel()


def interval(ms: float, fn: Callable[[], object]) -> Interval:
    """Call `fn` every `ms` milliseconds on the runtime's clock (in one signals batch).

    Inside an owner (a component or effect) it is cancelled with the owner.

    Example:
        ```python
        use_effect(lambda: interval(1000, lambda: now.set(clock_text())))
        ```
    """
    if not ms > 0:
        raise ValueError(f"interval needs a positive period in ms, got {ms!r}")
    timer = Interval(current_clock(), float(ms), fn)
    if get_owner() is not None:
        on_cleanup(timer.cancel)
    return timer


async def sleep(ms: float) -> None:
    """Wait `ms` milliseconds of the runtime's clock (virtual time in tests)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not future.done():
            loop.call_soon_threadsafe(_resolve, future)

    handle = current_clock().call_later(ms, wake)
    try:
        with waiting(CLOCK, future):  # virtual time may jump while every task sleeps
            await future
    finally:
        handle.cancel()


def run_callback(owner: Owner | None, fn: Callable[..., object], *args: object) -> None:
    """Runs a timer callback in one batch; its exception goes to `owner`'s catch_error.

    Raises:
        Exception: what `fn` raised when no handler took it (the clock's pump
            raises it: the test's `advance`, the runtime's frame boundary).
    """
    try:
        with batch():
            fn(*args)
    except Exception as exc:
        leftover = route_error(owner, exc)
        if leftover is not None:
            raise leftover from None


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
