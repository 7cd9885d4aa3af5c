"""The `ui` fixture and `Screen`: mounting, time, settling, keys, queries, structural mode."""

from __future__ import annotations

import asyncio
import re

import pytest
from scenes import Counter, card_scene

from async_tasks import VirtualClock, sleep, spawn
from components import Button, Column, Row, Text
from sdk import ComponentError, Deferred, component, use_effect, use_signal
from sdk.testing import (
    REPEAT_DELAY_MS,
    REPEAT_INTERVAL_MS,
    MultipleMatches,
    NoMatch,
    SettleTimeout,
    UINode,
)

TITLES = ["Arrival", "Blade Runner", "Dune", "Solaris", "Stalker"]


@component
def Home():
    return Column(Text("Science fiction", test_id="heading"),
                  Row(*(Button(t, test_id=f"title-{i}") for i, t in enumerate(TITLES)), gap=24),
                  gap=32, padding=96)


async def test_the_issue_example_moves_focus_right(ui):
    screen = await ui.mount(Home(), size=(1920, 1080))
    await screen.settle()
    await screen.press("right")  # nothing focused yet: the first focusable gets focus
    await screen.press("right", times=2)
    assert screen.focused.text == "Dune"
    assert screen.focused.role == "button" and screen.focused.state == {"focused"}
    before = screen.clock.now()
    await screen.advance(300)
    assert 300 <= screen.clock.now() - before < 300 + 17


async def test_select_runs_on_press_and_the_text_updates(ui):
    screen = await ui.mount(Counter())
    await screen.press("down")
    assert screen.focused.test_id == "add"
    await screen.press("select", times=3)
    assert screen.get_by_test_id("count").text == "Pressed 3 times"


async def test_pressed_state_shows_while_select_is_down(ui):
    screen = await ui.mount(Counter())
    await screen.press("down")
    await screen.key_down("select")
    assert screen.get_by_test_id("add").state == {"focused", "pressed"}
    await screen.key_up("select")
    assert screen.get_by_test_id("add").state == {"focused"}


async def test_holding_a_key_repeats_it(ui):
    screen = await ui.mount(Home())
    await screen.press("right")
    hold = REPEAT_DELAY_MS + 2 * REPEAT_INTERVAL_MS
    await screen.press("right", hold_ms=hold)
    # down (1 move) + a repeat at 400 ms, 500 ms and 600 ms (3 moves)
    assert screen.focused.text == TITLES[4]
    keys = [e for e in screen.events if type(e).__name__ == "KeyEvent"]
    assert [int(k.action) for k in keys[-5:]].count(1) == 3


async def test_frames_sit_on_a_60_hz_grid(ui):
    screen = await ui.mount(Home())  # mounting ran the first frame
    assert screen.clock.now() == pytest.approx(1000.0 / 60.0)
    await screen.frame(59)
    assert screen.clock.now() == pytest.approx(1000.0, abs=1e-9)  # no drift after 60 frames


# Settling ------------------------------------------------------------------------


@component
def Delayed(clock: VirtualClock, delay: float):
    status = use_signal("loading")
    use_effect(lambda: clock.call_later(delay, lambda: status.set("ready")).cancel)
    return Text(lambda: status(), test_id="status")


async def test_settle_waits_for_a_one_shot_timer(ui):
    clock = VirtualClock()
    screen = await ui.mount(Delayed(clock=clock, delay=2500.0), clock=clock, paint=False)
    assert screen.get_by_test_id("status").text == "loading"
    frames = await screen.settle()
    assert screen.get_by_test_id("status").text == "ready"
    assert clock.now() >= 2500.0
    assert frames < 10  # it jumped over the idle frames


@component
def Ticking(clock: VirtualClock):
    ticks = use_signal(0)

    def start():
        handle = None

        def tick():
            nonlocal handle
            ticks.update(lambda n: n + 1)
            handle = clock.call_later(100.0, tick)

        handle = clock.call_later(100.0, tick)
        return lambda: handle.cancel()

    use_effect(start)
    return Text(lambda: f"{ticks()} ticks", test_id="ticker")


async def test_a_repeating_timer_does_not_keep_settle_waiting(ui):
    clock = VirtualClock()
    screen = await ui.mount(Ticking(clock=clock), clock=clock, paint=False)
    await screen.settle(max_ms=2000)
    assert clock.pending == 1  # still ticking after settle returned
    assert screen.get_by_test_id("ticker").text == "1 ticks"  # it ran once, then was seen re-arming


@component
def Fetching(gate: asyncio.Event):
    status = use_signal("loading")

    def start():
        async def fetch():
            await gate.wait()
            status.set("loaded")

        task = asyncio.get_running_loop().create_task(fetch(), name="fetch-movies")
        return task.cancel

    use_effect(start)
    return Text(lambda: status(), test_id="status")


async def test_settle_waits_for_tasks(ui):
    gate = asyncio.Event()
    screen = await ui.mount(Fetching(gate=gate), paint=False)
    asyncio.get_running_loop().call_later(0.02, gate.set)  # real I/O finishing later
    await screen.settle()
    assert screen.get_by_test_id("status").text == "loaded"


async def test_settle_timeout_names_what_is_pending(ui):
    screen = await ui.mount(Fetching(gate=asyncio.Event()), paint=False)
    with pytest.raises(SettleTimeout) as raised:
        await screen.settle(timeout_s=0.1)
    message = str(raised.value)
    assert "still pending" in message
    assert "task fetch-movies running Fetching.<locals>.start.<locals>.fetch()" in message


# Queries -------------------------------------------------------------------------


async def test_queries_by_text_role_test_id_and_label(ui):
    screen = await ui.mount(card_scene())
    title = screen.get_by_text("Dune")
    assert title.kind == "text" and title.role == "text" and title.test_id == "title"
    assert screen.get_by_role("button", name="Trailer").test_id == "trailer"
    assert [b.text for b in screen.all_by_role("button")] == ["Play", "Trailer", "Later"]
    assert screen.get_by_label("Dune details").test_id == "card"
    assert screen.get_by_test_id("later").disabled
    assert screen.get_by_text(re.compile(r"desert planet")).own_text.startswith("A mythic")
    assert screen.get_by_text("MYTHIC HERO", exact=False).kind == "text"
    assert screen.query_by_text("Nope") is None
    assert screen.all_by_test_id(re.compile(r"^(play|trailer)$"))[1].text == "Trailer"


async def test_a_result_exposes_box_text_and_state(ui):
    screen = await ui.mount(card_scene())
    card, play = screen.get_by_test_id("card"), screen.get_by_test_id("play")
    assert isinstance(play, UINode)
    assert card.box.x == 96 and card.box.y == 96 and card.box.width == 900
    assert card.box.x < play.box.x < play.box.right < card.box.right
    assert play.box.height > 0 and play.text == "Play" and play.state == frozenset()
    assert card.texts[:2] == ["Dune", "A mythic hero's journey on a desert planet."]


async def test_get_by_raises_with_the_scene_tree(ui):
    screen = await ui.mount(card_scene())
    with pytest.raises(NoMatch) as raised:
        screen.get_by_text("Interstellar")
    message = str(raised.value)
    assert message.startswith("no node with text 'Interstellar'. The scene:")
    first_line = message.split("\n")[1]
    assert 'text [' in message and '"Dune"' in message and not first_line.startswith("#")
    with pytest.raises(MultipleMatches, match="3 nodes with role 'button'"):
        screen.get_by_role("button")
    with pytest.raises(MultipleMatches):
        screen.query_by_role("button")


async def test_within_limits_a_query_to_one_node(ui):
    screen = await ui.mount(Column(Row(Button("Play"), test_id="top"),
                                   Row(Button("Play"), Button("More"), test_id="bottom")),
                            paint=False)
    with pytest.raises(MultipleMatches):
        screen.get_by_role("button", name="Play")
    bottom = screen.within(screen.get_by_test_id("bottom"))
    assert bottom.get_by_role("button", name="Play").box.y > 0
    assert [b.text for b in bottom.all_by_role("button")] == ["Play", "More"]
    with pytest.raises(NoMatch, match=r"Inside view \[") as raised:
        screen.within(screen.get_by_test_id("top")).get_by_text("More")
    assert '"Play"' in str(raised.value) and '"More"' not in str(raised.value)


async def test_hidden_nodes_are_not_found(ui):
    screen = await ui.mount(Column(Text("shown"), Text("gone", visible=False),
                                   Column(Text("inside"), opacity=0)))
    assert screen.query_by_text("gone") is None
    assert screen.query_by_text("inside") is None
    assert screen.root.text == "shown"


async def test_structural_mode_skips_painting(ui):
    screen = await ui.mount(card_scene(), paint=False)
    assert screen.structural
    await screen.press("right")
    assert screen.focused.text == "Play"
    with pytest.raises(RuntimeError, match="paint=False"):
        screen.screenshot()
    snap = screen.snapshot()
    assert snap.screenshot is None and "role=button" in snap.tree


async def test_snapshots_of_two_screens_compare_directly(ui):
    first = await ui.mount(card_scene(), size=(480, 270))
    same = await ui.mount(card_scene(), size=(480, 270))
    other = await ui.mount(card_scene(title="Arrival"), size=(480, 270))
    assert first.snapshot() == same.snapshot()
    assert first.snapshot() != other.snapshot()


# Bad input -----------------------------------------------------------------------


async def test_bad_input_is_named(ui):
    with pytest.raises(TypeError, match="needs an Element"):
        await ui.mount(Home)
    with pytest.raises(ValueError, match="two positive ints"):
        await ui.mount(Home(), size=(0, 10))
    with pytest.raises(TypeError, match="VirtualClock"):
        await ui.mount(Home(), clock=object())
    screen = await ui.mount(Home(), paint=False)
    with pytest.raises(ValueError, match="unknown key 'jump'"):
        await screen.press("jump")
    with pytest.raises(ValueError, match="times"):
        await screen.press("right", times=0)
    with pytest.raises(ValueError, match="advance"):
        await screen.advance(-1)
    screen.close()
    with pytest.raises(RuntimeError, match="closed"):
        await screen.frame()


async def test_the_fixture_closes_screens_after_the_test(ui):
    screen = await ui.mount(Home(), paint=False)
    assert ui.screens == [screen] and not screen.closed
    ui.close()
    assert screen.closed


async def test_settle_gives_up_on_a_far_timer_and_names_it(ui):
    clock = VirtualClock()
    screen = await ui.mount(Delayed(clock=clock, delay=3_600_000.0), clock=clock, paint=False)
    with pytest.raises(SettleTimeout, match=r"timer due at 3600016\.7 ms: <function Delayed"):
        await screen.settle(max_ms=5_000)


@component
def Sleeper():
    status = use_signal("loading")

    def start():
        async def load():
            await sleep(200)
            status.set("half")
            await sleep(300)
            status.set("done")

        return asyncio.get_running_loop().create_task(load(), name="load").cancel

    use_effect(start)
    return Text(lambda: status(), test_id="status")


async def test_settle_jumps_through_a_task_sleeping_on_the_clock(ui):
    screen = await ui.mount(Sleeper(), paint=False)
    frames = await screen.settle(timeout_s=2.0)
    assert screen.get_by_test_id("status").text == "done"
    assert 500 <= screen.clock.now() < 500 + 3 * 17
    assert frames < 10


async def test_an_interval_does_not_keep_settle_waiting(ui):
    from apps.hello.app import Ticker

    screen = await ui.mount(Ticker(), paint=False)
    await screen.settle()
    assert screen.get_by_test_id("clock").text == "Clock 00:00:00"
    await screen.advance(3000)
    assert screen.get_by_test_id("clock").text == "Clock 00:00:03"


@component
def Spawned():
    status = use_signal("loading")

    async def load():
        await sleep(200)
        status.set("half")
        await sleep(300)
        status.set("done")

    use_effect(lambda: spawn(load(), name="load").cancel)
    return Text(lambda: status(), test_id="status")


async def test_a_spawned_task_write_lands_in_the_frame_its_timer_fires(ui):
    screen = await ui.mount(Spawned(), paint=False)  # the effect starts at t = 16.7 ms
    await screen.advance(200)  # the frame at 216.7 ms: the sleep ends, the write renders
    assert screen.get_by_test_id("status").text == "half"
    await screen.settle()
    assert screen.get_by_test_id("status").text == "done"


async def test_unmounting_cancels_a_spawned_task_and_aclose_waits_for_it(ui):
    screen = await ui.mount(Spawned(), paint=False)
    await screen.frame()
    from async_tasks import live_tasks

    assert [t for t in live_tasks() if not t.done()]
    await ui.aclose()
    assert screen.closed
    assert all(t.done() for t in live_tasks())


@component
async def SlowTitle():
    await sleep(300)  # the render's first step waits on a timer
    return Text("Loaded", test_id="loaded")


async def test_settle_jumps_through_an_async_component_whose_first_step_sleeps(ui):
    screen = await ui.mount(Column(Deferred(SlowTitle(), fallback=Text("Loading"))),
                            paint=False)
    start = screen.clock.now()
    ran = await screen.settle(timeout_s=2.0)
    assert screen.get_by_test_id("loaded").text == "Loaded"
    assert screen.clock.now() - start >= 300
    assert ran < 300 / 16.7  # it jumped over the timer instead of stepping to it


async def test_a_failing_handler_fails_the_test_loudly(ui):
    def explode():
        raise ValueError("bad settings value")

    screen = await ui.mount(Column(Button("Save", on_press=explode)), paint=False)
    await screen.press("right")
    with pytest.raises(ComponentError, match="bad settings value"):
        await screen.press("select")
