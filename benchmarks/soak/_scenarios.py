"""The soaks: hello for 2 virtual hours, the catalog for 500 navigations."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from apps.catalog import CatalogApp
from apps.catalog_service import CatalogService
from apps.hello import root as hello_root
from async_tasks import VirtualClock
from sdk import App
from sdk.runtime import TIMING_HISTORY

from ._measure import Fill, Sample, fills, sample, settled

__all__ = ["SOAKS", "Soak"]

MB = 1024 * 1024
FPS = 60
MINUTE = FPS * 60
WAIT_S = 30.0
"""Longest real time one catalog step may take (the service is local)."""


@dataclass(frozen=True)
class Soak:
    """One soak: how to run it and its goal."""

    name: str
    unit: str
    goal_bytes: int
    run: Callable[[bool], Coroutine[Any, Any, tuple[Sample, Sample]]]


async def _warm_up(advance: Callable[[int], Awaitable[None]], fill: Callable[[], dict[str, Fill]],
                   minimum: int, chunk: int, limit: int) -> int:
    """Advances `minimum` steps, then `chunk` at a time until `settled` (or `limit`).

    Returns the steps taken: the soak measures from there, once the caches and
    ring buffers have filled (their filling is bounded growth, not a leak).
    """
    await advance(minimum)
    done, before = minimum, fill()
    while done < limit:
        await advance(chunk)
        done += chunk
        after = fill()
        if settled(before, after):
            break
        before = after
    return done


async def _hello(quick: bool) -> tuple[Sample, Sample]:
    minimum, frames, limit = (MINUTE, 10 * MINUTE, 30 * MINUTE) if quick else \
        (10 * MINUTE, 120 * MINUTE, 120 * MINUTE)
    async with App(hello_root(), (1280, 720), design_size=(1920.0, 1080.0),
                   clock=VirtualClock()) as app:
        async def advance(count: int) -> None:
            for _ in range(count // 10_000):
                await app.frame(10_000)
            await app.frame(count % 10_000)

        warmup = await _warm_up(advance, lambda: fills(app), minimum, MINUTE, limit)
        start = sample(app, warmup)
        await advance(frames)
        return start, sample(app, warmup + frames)


async def _until(app: App, marker: str, present: bool = True) -> None:
    """Frames (with real time for the network) until `marker` is (or is not) in the dump."""
    deadline = time.perf_counter() + WAIT_S
    while time.perf_counter() < deadline:
        await app.frame()
        if (marker in await app.dump()) == present and not app.images.stats().loading:
            return
        await asyncio.sleep(0.001)  # the service and the image threads run meanwhile
    raise TimeoutError(f"the catalog soak waited {WAIT_S} s for {marker!r}")


_WALK = ["right"] * 15 + ["down"] + ["left"] * 15 + ["down"] + ["right"] * 15 + ["down"] \
    + ["left"] * 15 + ["up"] * 3
"""The focus moves between navigations: a snake through the home page's 4 rows
of 16 titles and back up, so details pages show many titles (48 in the
catalog) and the decoded image cache fills and evicts, as on a TV in use.
Moves at an edge do nothing; the walk goes on."""


async def _navigate(app: App, index: int) -> None:
    app.press(_WALK[index % len(_WALK)])
    await app.frame(3)
    app.press("select")
    await _until(app, 'test_id="details-title"')
    app.press("back")
    await _until(app, 'test_id="details-title"', present=False)
    await app.frame(3)


async def _catalog(quick: bool) -> tuple[Sample, Sample]:
    # The minimum walks the home page twice: every title's details seen once.
    minimum, navigations, limit = (10, 50, 150) if quick else (2 * len(_WALK), 500, 400)
    service = CatalogService()
    url = service.start()
    try:
        async with App(CatalogApp(base_url=url), (960, 540), clock=VirtualClock()) as app:
            await _until(app, 'test_id="profile-ana"')
            app.press("select")
            await _until(app, 'test_id="row-trending"')
            app.press("down")
            await app.frame(3)

            done = 0

            async def advance(count: int) -> None:
                nonlocal done
                for _ in range(count):
                    await _navigate(app, done)
                    done += 1
                if not fills(app)["timings"].full:  # a minute idle on the home screen
                    await app.frame(TIMING_HISTORY)

            warmup = await _warm_up(advance, lambda: fills(app), minimum, 10, limit)
            start = sample(app, warmup)
            await advance(navigations)
            return start, sample(app, warmup + navigations)
    finally:
        service.stop()


SOAKS = {
    "hello": Soak("hello, 2 virtual hours", "frame", 2 * MB, _hello),
    "catalog": Soak("catalog, home -> details -> back", "navigation", 5 * MB, _catalog),
}
