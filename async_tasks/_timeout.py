"""`timeout(ms)`: a deadline on the runtime's clock, as a context manager or a wrapper.

Like `asyncio.timeout`, but the deadline is a timer on the installed clock
(virtual in tests), and the error names what timed out and after how long.
When the timer fires, the task running the block is cancelled; leaving the
block turns that cancellation (and only that one: `uncancel` counts) into
`TaskTimeout`. A timeout is not a wait: while the block awaits a socket, virtual
time does not jump to the deadline (see `run_until_idle`).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Coroutine
from types import TracebackType
from typing import Any, TypeVar, overload

from ._clock import TimerHandle
from ._timers import current_clock

__all__ = ["TaskTimeout", "Timeout", "timeout"]

T = TypeVar("T")


class TaskTimeout(TimeoutError):
    """A `timeout(ms)` expired: the message says what timed out after how long."""

    def __init__(self, what: str, ms: float) -> None:
        super().__init__(f"{what} timed out after {ms:g} ms")
        self.what = what
        """What was being waited for."""
        self.ms = ms
        """The deadline, in milliseconds."""


class Timeout:
    """`async with timeout(ms, what=...)`: cancels the block when the clock passes the deadline."""

    def __init__(self, ms: float, what: str = "the block") -> None:
        if not isinstance(ms, int | float) or not math.isfinite(ms) or ms < 0:
            raise ValueError(f"timeout needs a finite number of ms >= 0, got {ms!r}")
        self.ms = float(ms)
        """The deadline, in milliseconds after entering."""
        self.what = what
        """What the error message says timed out."""
        self.expired = False
        """Whether the deadline passed while the block was running."""
        self._task: asyncio.Task[Any] | None = None
        self._handle: TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._cancelling = 0
        self._inside = False

    async def __aenter__(self) -> Timeout:
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("timeout() must be used inside an asyncio task")
        if self._task is not None:
            raise RuntimeError("a Timeout cannot be entered twice; make a new one")
        self._task, self._loop = task, task.get_loop()
        self._cancelling = task.cancelling()
        self._inside = True
        self._handle = current_clock().call_later(self.ms, self._fire)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inside = False
        if self._handle is not None:
            self._handle.cancel()
        if not self.expired or self._task is None:
            return
        if self._task.uncancel() <= self._cancelling and exc_type is asyncio.CancelledError:
            raise TaskTimeout(self.what, self.ms) from exc

    def _fire(self) -> None:
        # Runs on the thread that pumps the clock; the cancel happens on the loop.
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._expire)

    def _expire(self) -> None:
        if self._inside and self._task is not None and not self.expired:
            self.expired = True
            self._task.cancel(f"{self.what} timed out after {self.ms:g} ms")


@overload
def timeout(ms: float, *, what: str | None = None) -> Timeout: ...
@overload
def timeout(
    ms: float, aw: Awaitable[T], *, what: str | None = None
) -> Coroutine[Any, Any, T]: ...
def timeout(
    ms: float, aw: Awaitable[T] | None = None, *, what: str | None = None
) -> Timeout | Coroutine[Any, Any, T]:
    """A deadline of `ms` milliseconds on the runtime's clock.

    `async with timeout(500, what="the home page"):` cancels the block at the
    deadline and raises `TaskTimeout("the home page timed out after 500 ms")`;
    `await timeout(500, fetch())` does the same for one awaitable (named after
    the coroutine unless `what` is given).

    Raises:
        ValueError: `ms` is negative or not finite.
    """
    if aw is None:
        return Timeout(ms, what or "the block")
    label = what or _describe(aw)
    guard = Timeout(ms, label)
    return _run_with(guard, aw)


async def _run_with(guard: Timeout, aw: Awaitable[T]) -> T:
    async with guard:
        return await aw


def _describe(aw: Awaitable[Any]) -> str:
    name = getattr(aw, "__qualname__", None)
    return f"{name}()" if name else repr(aw)
