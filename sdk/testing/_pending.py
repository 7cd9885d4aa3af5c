"""What keeps `Screen.settle()` waiting: timers, tasks, and how they are told apart.

Timers are read from the clock's heap (it has no public iterator, and a
one-shot timer must be told from a repeating one). Tasks are the asyncio
tasks started since the mount; one blocked on the clock (inside
`async_tasks.sleep`) is pending only through its timer.
"""

from __future__ import annotations

import asyncio
from typing import Any

from async_tasks import Interval, TimerHandle, VirtualClock

__all__ = ["SettleTimeout", "callback_key", "describe_task", "other_tasks", "pending_timers"]


class SettleTimeout(TimeoutError):
    """`settle()` gave up; the message lists what was still pending."""


def callback_key(handle: TimerHandle) -> object:
    """What identifies a timer's callback across re-arms (the callback object itself)."""
    callback = getattr(handle, "_callback", None)
    if isinstance(getattr(callback, "__self__", None), Interval):
        return Interval  # every async_tasks.interval repeats
    return callback


def pending_timers(clock: VirtualClock) -> list[TimerHandle]:
    # The clock keeps its timers in a heap of (when, seq, handle); there is no
    # public iterator, and settle must tell one-shot timers from repeating ones.
    heap: list[tuple[float, int, TimerHandle]] = getattr(clock, "_heap", [])
    return sorted((entry[2] for entry in heap if not entry[2].done), key=lambda h: h.when)


def other_tasks(baseline: set[asyncio.Task[Any]]) -> set[asyncio.Task[Any]]:
    try:
        tasks = asyncio.all_tasks()
        current = asyncio.current_task()
    except RuntimeError:  # no running loop
        return set()
    return {t for t in tasks if t is not current and t not in baseline and not t.done()}


def describe_task(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", repr(coro))
    return f"{task.get_name()} running {name}()"
