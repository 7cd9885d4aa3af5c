"""Cost of a spawned task's step against a plain asyncio task's, in the same run.

`python -m benchmarks.async_tasks.steps` runs N tasks of S steps
(`await asyncio.sleep(0)`) both ways, with and without a frame hook, and
prints the best of 5 CPU times and the ratio to plain asyncio.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

from async_tasks import FrameHook, install_frame_hook, spawn

TASKS, STEPS, REPEATS = 200, 200, 5


async def _work() -> None:
    for _ in range(STEPS):
        await asyncio.sleep(0)


def _run(start: Callable[[Coroutine[Any, Any, None]], Any]) -> float:
    async def main() -> None:
        await asyncio.gather(*(asyncio.ensure_future(start(_work())) for _ in range(TASKS)))

    t0 = time.process_time()
    asyncio.run(main())
    return time.process_time() - t0


def _spawned(c: Coroutine[Any, Any, None]) -> Any:
    async def wrap() -> None:
        await spawn(c)

    return wrap()


def main() -> None:
    results: dict[str, float] = {}
    for name, start, hook in [
        ("asyncio.create_task", lambda c: c, None),
        ("spawn, no frame hook", _spawned, None),
        ("spawn, frame hook", _spawned, FrameHook()),
    ]:
        install_frame_hook(hook)
        results[name] = min(_run(start) for _ in range(REPEATS))
        install_frame_hook(None)
    base = results["asyncio.create_task"]
    steps = TASKS * STEPS
    for name, seconds in results.items():
        print(f"{name:24s} {seconds * 1e6 / steps:7.2f} us/step  x{seconds / base:.2f}")


if __name__ == "__main__":
    main()
