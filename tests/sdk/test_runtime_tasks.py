"""Tasks under the App: their writes land together at a frame boundary, and die with it."""

from __future__ import annotations

import asyncio
from typing import Any

from async_tasks import VirtualClock, live_tasks, sleep, spawn
from sdk import TEXT, VIEW, App, Element, component, host_element, use_signal


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def Text(text: Any, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


@component
def Loader() -> Element:
    a = use_signal("a0")
    b = use_signal("b0")

    async def load() -> None:
        await sleep(100)
        a.set("a1")
        await asyncio.sleep(0)  # a second step of the task, in the same frame
        b.set("b1")
        await sleep(10_000)  # still running when the app closes

    spawn(load())
    return View(Text(lambda: f"{a()} {b()}", size=20), width="100%", height="100%")


def test_task_writes_show_up_together_at_the_next_frame_never_torn():
    async def main() -> list[tuple[int, str]]:
        seen: list[tuple[int, str]] = []
        async with App(Loader(), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            for _ in range(9):
                await app.frame()
                dump = await app.dump()
                text = next(word for word in ("a0 b0", "a1 b1", "a1 b0", "a0 b1") if word in dump)
                seen.append((round(app.clock.now()), text))
        assert live_tasks() == []  # closing the app cancelled the sleeping task
        return seen

    seen = asyncio.run(main())
    assert all(text in ("a0 b0", "a1 b1") for _, text in seen), seen
    first = next(t for t, text in seen if text == "a1 b1")
    assert first == 117  # the first frame at or after 100 ms (16.67 ms grid)
