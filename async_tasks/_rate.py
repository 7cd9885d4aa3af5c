"""`debounce` and `throttle`: rate-limit a callback on the runtime's clock.

* `debounce(ms, fn)`: each call restarts a quiet period of `ms`; `fn` runs
  once, with the last call's arguments, when the period ends (a search box
  that queries when typing pauses).
* `throttle(ms, fn)`: the first call runs at once and opens a window of
  `ms`; calls inside the window are merged into one trailing call with the
  last arguments, run when the window ends (and opening the next window).

Both run `fn` in one signals batch on the thread that pumps the clock, send its
exception to the creating owner's `catch_error`, and are cancelled with the
owner they were created in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

from signals import get_owner, on_cleanup

from ._clock import Clock, TimerHandle
from ._timers import current_clock, run_callback

__all__ = ["Debounced", "Throttled", "debounce", "throttle"]

P = ParamSpec("P")


class _Limited(Generic[P]):
    __slots__ = ("_args", "_clock", "_fn", "_handle", "_ms", "_owner")

    def __init__(self, clock: Clock, ms: float, fn: Callable[P, object]) -> None:
        if not callable(fn):
            raise TypeError(f"{type(self).__name__} needs a callable, got {fn!r}")
        self._clock = clock
        self._ms = ms
        self._fn = fn
        self._handle: TimerHandle | None = None
        self._args: tuple[tuple[object, ...], dict[str, object]] | None = None
        self._owner = get_owner()
        if self._owner is not None:
            on_cleanup(self.cancel)

    @property
    def pending(self) -> bool:
        """Whether a call is waiting to run."""
        return self._args is not None

    def cancel(self) -> None:
        """Drops the waiting call and stops the timer; idempotent."""
        self._args = None
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _run(self, args: tuple[tuple[object, ...], dict[str, object]]) -> None:
        positional, named = args
        run_callback(self._owner, lambda: self._fn(*positional, **named))  # type: ignore[arg-type]


class Debounced(_Limited[P]):
    """`fn` run once the calls stop for `ms` milliseconds, with the last arguments."""

    __slots__ = ()

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Records the call and restarts the quiet period."""
        self._args = (args, kwargs)
        if self._handle is not None:
            self._handle.cancel()
        self._handle = self._clock.call_later(self._ms, self._fire)

    def flush(self) -> None:
        """Runs the waiting call now (nothing if none waits)."""
        args = self._args
        self.cancel()
        if args is not None:
            self._run(args)

    def _fire(self) -> None:
        self._handle = None
        args, self._args = self._args, None
        if args is not None:
            self._run(args)


class Throttled(_Limited[P]):
    """`fn` run at most once per `ms` milliseconds: at once, then one trailing call."""

    __slots__ = ()

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Runs now if no window is open, else becomes the window's trailing call."""
        if self._handle is None:
            self._open()
            self._run((args, kwargs))
        else:
            self._args = (args, kwargs)

    def _open(self) -> None:
        self._handle = self._clock.call_later(self._ms, self._window_end)

    def _window_end(self) -> None:
        self._handle = None
        args, self._args = self._args, None
        if args is not None:
            self._open()
            self._run(args)


def debounce(ms: float, fn: Callable[P, object]) -> Debounced[P]:
    """`fn` delayed until calls pause for `ms` ms of the runtime's clock.

    Example:
        ```python
        search = debounce(300, lambda text: results.refetch())
        TextInput(on_change=search)
        ```

    Raises:
        ValueError: `ms` is not a positive number.
    """
    return Debounced(current_clock(), _period(ms, "debounce"), fn)


def throttle(ms: float, fn: Callable[P, object]) -> Throttled[P]:
    """`fn` at most once per `ms` ms of the runtime's clock (leading and trailing call).

    Raises:
        ValueError: `ms` is not a positive number.
    """
    return Throttled(current_clock(), _period(ms, "throttle"), fn)


def _period(ms: float, what: str) -> float:
    if isinstance(ms, bool) or not isinstance(ms, int | float) or not ms > 0 or ms == float("inf"):
        raise ValueError(f"{what} needs a positive, finite number of ms, got {ms!r}")
    return float(ms)
