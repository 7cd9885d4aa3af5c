"""What each task is waiting on, so virtual time knows when it may jump.

`sleep` registers "this task waits on the clock" and awaiting a spawned
`Task` registers "this task waits on that task". Anything else a task awaits
(a socket, a thread, an `asyncio.Event`) is unknown, and unknown counts as
real I/O: virtual time never jumps past it.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["CLOCK", "PARKED", "READY", "blocked_on_clock", "waiting", "woken"]

CLOCK = object()
"""The target of a task waiting in `sleep` (a clock timer)."""

READY = object()
"""What a spawned task is parked on after a bare `yield` (`asyncio.sleep(0)`)."""

_WAITS: dict[asyncio.Task[Any], tuple[object, asyncio.Future[Any]]] = {}

_TARGETS: weakref.WeakKeyDictionary[asyncio.Future[Any], object] = weakref.WeakKeyDictionary()
"""Future -> what resolves it, whichever task awaits it. An async component's
first step runs outside its task (so cached data renders at once), so the
task that entered `waiting` is not the one that ends up suspended on the
future; a spawned task's `PARKED` future finds its target here."""


PARKED: dict[asyncio.Task[Any], Any] = {}
"""Spawned tasks (their drivers) -> the future they are suspended on, or READY.

The driver writes it directly around each suspension (a dict store and pop
per step, cheaper than a context manager)."""


@contextmanager
def waiting(target: object, future: asyncio.Future[Any]) -> Iterator[None]:
    """Records that the current task awaits `future`, which resolves through `target`."""
    _TARGETS[future] = target
    task = asyncio.current_task()
    if task is None:
        yield
        return
    previous = _WAITS.get(task)
    _WAITS[task] = (target, future)
    try:
        yield
    finally:
        if previous is None:
            _WAITS.pop(task, None)
        else:
            _WAITS[task] = previous


def blocked_on_clock(task: asyncio.Task[Any]) -> bool:
    """Whether `task` can only be woken by the clock (directly or through awaited tasks)."""
    seen: set[int] = set()
    current: asyncio.Task[Any] = task
    while id(current) not in seen:
        seen.add(id(current))
        if current.done():
            return False
        entry = _wait_of(current)
        if entry is None:
            return False
        target, future = entry
        if future.done():
            return False  # woken: it runs at the next loop iteration
        if target is CLOCK:
            return True
        if not isinstance(target, asyncio.Task):
            return False
        current = target
    return False  # tasks awaiting each other in a cycle never wake on the clock


def _wait_of(task: asyncio.Task[Any]) -> tuple[object, asyncio.Future[Any]] | None:
    """What `task` waits on: the future a spawned task is parked on, else its record."""
    parked = PARKED.get(task)
    if parked is not None and parked is not READY:
        target = _TARGETS.get(parked)
        if target is not None:
            return target, parked
    return _WAITS.get(task)


def woken() -> bool:
    """Whether a task can run now: a spawned task whose future is done (or that only
    yielded), or a task whose recorded wait is over, that has not resumed yet."""
    for task, on in PARKED.items():
        if not task.done() and (on is READY or on.done()):
            return True
    return any(future.done() and not task.done() for task, (_, future) in _WAITS.items())
