"""`run_until_idle`: drive a virtual clock forward only when nothing else can happen.

The algorithm (Trio's autojump, made safe for real I/O). Loop:

1. Let ready tasks run (`asyncio.sleep(0)`).
2. Stop when the target is done (the awaitable given, else every other task).
3. If every other live task waits on the clock (it is inside `sleep`, or it
   awaits a spawned task that does), nothing but the clock can wake anything:
   jump the clock to its next timer (timers run, sleepers wake).
4. Otherwise some task waits on something we cannot see (a socket, a thread,
   an `asyncio.Event`): that counts as real I/O, so wait a little real time
   and look again. Virtual time never passes while real I/O is in flight,
   so a `timeout` guarding a request to a real server never fires early.

A `timeout` timer is not a wait: the task inside the block is blocked on
whatever the block awaits, which decides.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Iterable
from typing import Any, TypeVar

from ._clock import VirtualClock
from ._waits import blocked_on_clock

__all__ = ["IdleTimeout", "all_waiting_on_clock", "run_until_idle"]

T = TypeVar("T")

_REAL_POLL_S = 0.001
"""How long to wait for real I/O before looking again."""


class IdleTimeout(TimeoutError):
    """`run_until_idle` gave up: too much virtual or real time passed."""


def all_waiting_on_clock(ignore: Iterable[asyncio.Task[Any]] = ()) -> bool:
    """Whether every live task of the running loop (but the caller and `ignore`) waits
    on the clock, so jumping virtual time to the next timer loses nothing.

    True when there is no other task. A stepped runtime can use it to skip
    empty frames (jump to `clock.next_deadline()`); `run_until_idle` does.
    """
    skip = {asyncio.current_task(), *ignore}
    return all(blocked_on_clock(t) for t in asyncio.all_tasks() if t not in skip and not t.done())


async def run_until_idle(
    clock: VirtualClock,
    until: Awaitable[T] | None = None,
    *,
    max_ms: float = 3_600_000.0,
    real_timeout_s: float = 10.0,
    ignore: Iterable[asyncio.Task[Any]] = (),
) -> T | None:
    """Runs the loop, jumping `clock` ahead whenever every task waits on it.

    Args:
        clock: the virtual clock to move (the one timers are installed on).
        until: run until this completes and return its result; default: until
            every other task of the loop is done.
        max_ms: the most virtual time that may pass (guards endless intervals).
        real_timeout_s: the most real time to spend waiting for real I/O.
        ignore: tasks that neither count as busy nor need to finish (a server
            task that lives as long as the test).

    Raises:
        IdleTimeout: `max_ms` of virtual or `real_timeout_s` of real time passed.
    """
    if not isinstance(clock, VirtualClock):
        raise TypeError(f"run_until_idle needs a VirtualClock, got {clock!r}")
    me = asyncio.current_task()
    target = asyncio.ensure_future(until) if until is not None else None
    skip = {me, *ignore}
    limit = clock.now() + max_ms
    real_deadline = time.monotonic() + real_timeout_s
    quiet = 0
    while True:
        await asyncio.sleep(0)
        if target is not None and target.done():
            return target.result()
        others = [t for t in asyncio.all_tasks() if t not in skip and not t.done()]
        if target is None and not others:
            return None
        if others and all(blocked_on_clock(t) for t in others):
            deadline = clock.next_deadline()
            if deadline is None:
                raise IdleTimeout("every task waits on the clock but no timer is pending")
            if deadline > limit:
                raise IdleTimeout(
                    f"still running after {max_ms:g} ms of virtual time "
                    f"({len(others)} task(s) waiting on the clock)"
                )
            clock.set(max(deadline, clock.now()))
            quiet = 0
            continue
        if time.monotonic() > real_deadline:
            busy = [t.get_name() for t in others if not blocked_on_clock(t)]
            raise IdleTimeout(
                f"tasks still waiting on real I/O after {real_timeout_s:g} s: {busy}"
            )
        quiet += 1
        if quiet > 3:  # ready tasks had their turns: the rest waits on real I/O
            await asyncio.sleep(_REAL_POLL_S)
