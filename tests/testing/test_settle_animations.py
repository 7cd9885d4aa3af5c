"""settle() waits for finite engine animations, not for looping ones."""

from __future__ import annotations

import math

from components import View
from sdk import Keyframes


async def test_settle_waits_until_a_focus_transition_has_finished(ui):
    tile = View(width=200, height=120, focusable=True, background="#334455",
                focused_style={"scale": 1.25}, transition={"scale": (400, "linear")})
    screen = await ui.mount(View(tile, padding=100), size=(640, 360))
    await screen.settle()
    start = screen.clock.now()
    await screen.press("right")
    await screen.settle()
    assert screen.clock.now() - start >= 400  # the 400 ms glide was waited for


async def test_a_looping_animation_does_not_keep_settle_waiting(ui):
    spinner = View(width=40, height=40, background="#ffffff",
                   animate={"rotate": Keyframes([(0, 0), (1, 360)], duration=900,
                                                iterations=math.inf)})
    screen = await ui.mount(View(spinner), size=(320, 180))
    frames = await screen.settle()
    assert frames < 10


async def test_settle_holds_virtual_time_while_a_task_waits_on_real_io(ui):
    import asyncio
    import time

    from components import Text
    from sdk import Deferred, component

    @component
    async def Slow():
        await asyncio.to_thread(time.sleep, 0.3)  # a thread: real I/O, not the clock
        return Text("done")

    screen = await ui.mount(View(Deferred(Slow(), fallback=Text("wait"), timeout_ms=100)),
                            size=(320, 180))
    start = screen.clock.now()
    await screen.settle()
    assert screen.get_by_text("done")  # the 100 ms virtual timeout did not fire early
    assert screen.clock.now() - start < 100
