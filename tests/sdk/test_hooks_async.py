"""use_resource and use_key_events inside components, under the real App on virtual time."""

from __future__ import annotations

import asyncio
from typing import Any

from reactivex import operators

from async_tasks import ClockScheduler, VirtualClock, current_clock, sleep
from sdk import (
    TEXT,
    VIEW,
    App,
    Element,
    component,
    host_element,
    use_effect,
    use_key_events,
    use_resource,
    use_signal,
)
from signals import signal


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def Text(text: Any, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


selected = signal(1)


async def fetch_title(title_id: int) -> str:
    await sleep(300 if title_id == 1 else 50)  # the first request is the slow one
    return f"title {title_id}"


@component
def Details() -> Element:
    details = use_resource(selected, fetch_title)

    def text() -> str:
        if details.loading:
            return f"loading (showing {details.value})"
        return str(details.value)

    return Text(text)


def test_use_resource_loads_keeps_the_old_value_and_the_latest_request_wins():
    selected.set(1)

    async def main() -> list[str]:
        texts: list[str] = []
        async with App(View(Details()), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await app.frame()
            texts.append(await app.dump())
            selected.set(2)  # while title 1 is still loading
            for _ in range(30):
                await app.frame()
            texts.append(await app.dump())
        return texts

    first, last = asyncio.run(main())
    assert '"loading (showing None)"' in first
    assert '"title 2"' in last and "title 1" not in last


@component
def Search() -> Element:
    typed = use_signal(0)
    settled = use_signal(0)

    def subscribe() -> Any:
        scheduler = ClockScheduler(current_clock())
        subscription = use_keys.pipe(operators.debounce(0.2, scheduler=scheduler)).subscribe(
            lambda _event: settled.set(typed.peek()))
        return subscription.dispose

    use_keys = use_key_events().pipe(operators.filter(lambda event: event.action == 0))
    use_effect(lambda: use_keys.subscribe(lambda _e: typed.update(lambda n: n + 1)).dispose)
    use_effect(subscribe)
    return View(Text(lambda: f"typed {typed()} settled {settled()}"),
                View(width=40, height=40, focusable=True))


def test_key_events_observable_debounces_on_the_runtime_clock():
    async def main() -> tuple[str, str]:
        async with App(View(Search()), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await app.frame()
            for _ in range(3):
                app.press("5")
                await app.frame()
            await app.frame()  # the last key's events arrive; 33 ms < the 200 ms debounce
            during = await app.dump()
            for _ in range(20):  # 333 ms of virtual time: the debounce fires
                await app.frame()
            after = await app.dump()
        return during, after

    during, after = asyncio.run(main())
    assert '"typed 3 settled 0"' in during
    assert '"typed 3 settled 3"' in after
