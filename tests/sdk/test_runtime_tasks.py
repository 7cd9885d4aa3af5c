"""Tasks under the App: their writes land together at a frame boundary, and die with it."""

from __future__ import annotations

import asyncio
from typing import Any

from async_tasks import VirtualClock, live_tasks, sleep, spawn
from sdk import TEXT, VIEW, App, Element, ErrorBoundary, component, host_element, use_signal


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


def pressable(on_press: Any) -> Element:
    return View(width=100, height=50, focusable=True, on_press=on_press)


async def press_select(app: App) -> None:
    app.press("right")  # nothing focused yet: the first focusable gets focus
    await app.frame(2)
    app.press("select")
    await app.frame(2)


def test_a_task_spawned_by_a_handler_dies_with_the_component_that_spawned_it():
    spawned: list[Any] = []

    @component
    def Panel() -> Element:
        async def work() -> None:
            await sleep(60_000)

        return pressable(lambda: spawned.append(spawn(work())))

    @component
    def Screen() -> Element:
        shown = use_signal(True)
        panel = Panel() if shown() else Text("gone")
        return View(panel, View(width=10, height=10, focusable=True,
                                        on_focus=lambda: shown.set(False)))

    async def main() -> None:
        async with App(Screen(), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock(), reply_timeout_s=2.0) as app:
            await press_select(app)
            task = spawned[0]
            assert task.owner is not None and not task.done()
            app.press("right")  # focus moves on: the panel unmounts
            await app.frame(3)
            await asyncio.sleep(0)
            assert task.cancelled()

    asyncio.run(main())


def test_closing_the_app_cancels_a_handler_task_at_once(caplog: Any):
    spawned: list[Any] = []

    async def work() -> None:
        await asyncio.Event().wait()  # real I/O that never ends

    async def main() -> None:
        async with App(View(pressable(lambda: spawned.append(spawn(work())))),
                       size=(320, 180), design_size=(320, 180), clock=VirtualClock(),
                       reply_timeout_s=1.0) as app:
            await press_select(app)
            assert not spawned[0].done()
        assert spawned[0].cancelled()

    asyncio.run(main())
    assert "did not finish" not in caplog.text


def test_a_handler_task_error_goes_to_the_error_boundary_above_the_handler():
    async def fail() -> None:
        await sleep(50)
        raise ConnectionError("backend down")

    tree = View(ErrorBoundary(pressable(lambda: spawn(fail())),
                              fallback=lambda error, reset: Text(f"Caught: {error}")))

    async def main() -> None:
        async with App(tree, size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await press_select(app)
            await app.frame(6)
            assert '"Caught: backend down"' in await app.dump()

    asyncio.run(main())
