"""Snapshot tests of every app under `apps/`: each screen, and after navigation.

`apps/showcase` drives the renderer protocol directly (no components), so it
has no element to mount; its own tests cover it. No app has loading or error
states yet (deferred components have not landed).
"""

from __future__ import annotations

import re

from apps.gallery import Gallery
from apps.hello import root as hello_root
from sdk import Ref

SIZE = (960, 540)
TITLE_CARD = re.compile(r"^title-\d+$")


async def test_hello_home_counter_clock_and_list(ui, snapshot):
    screen = await ui.mount(hello_root(), SIZE)
    await screen.settle()
    assert screen.get_by_role("heading").text == "Hello, Marquee"
    assert screen.get_by_test_id("clock").text == "Clock 00:00:00"
    assert screen.snapshot() == snapshot(name="home")

    await screen.press("down")  # the first arrow focuses the first focusable
    assert screen.focused.test_id == "press"
    await screen.press("select", times=2)
    await screen.advance(2000)
    assert screen.get_by_test_id("count").text == "Pressed 2 times"
    assert screen.get_by_test_id("clock").text == "Clock 00:00:02"
    assert screen.snapshot() == snapshot(name="pressed")

    cards = len(screen.all_by_test_id(TITLE_CARD))
    await screen.press("down")
    await screen.press("right")
    assert screen.focused.test_id == "insert"
    await screen.press("2")  # the app's insert key, handled by the list's on_key
    await screen.settle()
    assert len(screen.all_by_test_id(TITLE_CARD)) == cards + 1
    assert screen.snapshot() == snapshot(name="inserted")


async def test_gallery_focus_moves_into_the_rail(ui, snapshot):
    screen = await ui.mount(Gallery(play=Ref(), ok=Ref()), SIZE)
    await screen.settle()
    await screen.press("right")
    assert screen.focused.test_id == "play"
    assert screen.snapshot() == snapshot(name="play")
    await screen.press("down")
    await screen.press("right", times=3)
    await screen.settle()
    assert screen.focused.text.startswith("Title 3")
    assert screen.snapshot() == snapshot(name="rail")


async def test_gallery_dialog(ui, snapshot):
    screen = await ui.mount(Gallery(play=Ref(), ok=Ref(), dialog=True), SIZE)
    await screen.settle()
    assert screen.focused.text == "Delete"
    assert screen.get_by_role("dialog").label == "Confirm delete"
    assert screen.snapshot() == snapshot
