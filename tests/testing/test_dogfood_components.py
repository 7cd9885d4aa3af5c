"""Snapshot tests of the built-in components in each state (image + scene tree).

Rendered at 960x540 (the 1920x1080 design space scaled by one half) to keep
the stored PNGs small. Update after an intended change with
`pytest tests/testing --snapshot-update`, then look at the new PNGs.
"""

from __future__ import annotations

import numpy as np
import pytest

from components import Button, Column, Grid, Image, Overlay, Rail, Row, Spinner, Text, View
from renderer import ImageManager
from sdk import Ref, component, use_effect, use_signal

SIZE = (960, 540)


def page(*children, **style):
    # An explicit width: a percentage inside a flex-grown parent resolves to the
    # content size in the engine today (a rail would not scroll).
    return View(*children, padding=96, gap=32, width="100%", height="100%", background="#0b0d12",
                direction="column", align="flex-start", **style)


async def test_button_states(ui, snapshot):
    screen = await ui.mount(page(Row(Button("Play", test_id="play"), Button("Trailer"),
                                     Button("Download", disabled=True), gap=24)), SIZE)
    await screen.settle()
    assert screen.get_by_role("button", name="Download").state == {"disabled"}
    assert screen.snapshot() == snapshot(name="normal")
    await screen.press("right")
    assert screen.focused.test_id == "play"
    assert screen.snapshot() == snapshot(name="focused")
    await screen.key_down("select")
    assert screen.get_by_test_id("play").state == {"focused", "pressed"}
    assert screen.snapshot() == snapshot(name="pressed")
    await screen.key_up("select")
    await screen.press("right", times=2)  # the disabled button is skipped
    assert screen.focused.text == "Trailer"


async def test_text_sizes_wrapping_and_ellipsis(ui, snapshot):
    long = "A mythic and emotionally charged hero's journey on the most dangerous planet."
    screen = await ui.mount(page(
        Text("Headline", size=72),
        Text("Body text at the default size."),
        Text(long, width=700),
        Text(long, width=700, max_lines=1, wrap=False, test_id="clipped"),
        Text("Centered", width=700, text_align="center", color="#9aa4b8"),
    ), SIZE)
    clipped = screen.get_by_test_id("clipped")
    assert clipped.props["max_lines"] == "1"
    assert screen.snapshot() == snapshot


async def test_view_row_column_layout(ui, snapshot):
    box = dict(width=160, height=90, radius=12)
    screen = await ui.mount(page(
        Row(View(background="#2563d9", **box), View(background="#1b1f2a", border=4,
                                                     border_color="#f4f5f8", **box),
            View(background="#e50914", opacity=0.5, **box), gap=24),
        Column(View(background="#2b3040", width=520, height=40),
               View(background="#2b3040", width=360, height=40), gap=12),
    ), SIZE)
    assert screen.snapshot() == snapshot


@component
def TurningSpinner():
    now = use_signal(0.0)

    def start():
        from async_tasks import interval

        return interval(125, lambda: now.update(lambda t: t + 125)).cancel

    use_effect(start)
    return page(Row(Spinner(), Spinner(size=96, time=now, test_id="turning"), gap=48))


async def test_spinner_static_and_turning(ui, snapshot):
    screen = await ui.mount(TurningSpinner(), SIZE)
    await screen.settle()
    assert "rotate" not in screen.get_by_test_id("turning").props
    assert screen.snapshot() == snapshot(name="start")
    await screen.advance(250)  # a quarter turn: two steps of 45 degrees
    assert screen.get_by_test_id("turning").props["rotate"] == "90"
    assert screen.snapshot() == snapshot(name="turned")


def poster(title):
    return Text(title, size=28, padding=16)


async def test_rail_focus_scrolls(ui, snapshot):
    titles = [f"Title {i}" for i in range(40)]
    screen = await ui.mount(page(Rail(titles, render=poster, item_width=320, item_height=180,
                                      test_id="rail", label="Trending")), SIZE)
    await screen.settle()
    await screen.press("right")
    assert screen.focused.text == "Title 0"
    assert screen.snapshot() == snapshot(name="first")
    await screen.press("right", times=6)
    await screen.settle()
    assert screen.focused.text == "Title 6"
    assert float(screen.get_by_test_id("rail").props.get("scroll_x", "0")) > 0
    assert screen.snapshot() == snapshot(name="scrolled")


async def test_grid_focus_scrolls_down(ui, snapshot):
    titles = [f"Title {i}" for i in range(40)]
    screen = await ui.mount(page(Grid(titles, 4, render=poster, item_width=300,
                                      item_height=160, test_id="grid")), SIZE)
    await screen.settle()
    await screen.press("right")
    await screen.press("down", times=4)
    await screen.settle()
    assert screen.focused.text == "Title 16"
    assert screen.snapshot() == snapshot


@component
def Dialog(ok: Ref):
    return View(
        page(Button("Behind", test_id="behind")),
        Overlay(Column(Text("Delete this profile?", size=40),
                       Row(Button("Delete", ref=ok, test_id="delete"), Button("Cancel"), gap=24),
                       gap=32, padding=48, background="#1b1f2a", radius=20),
                initial_focus=ok, label="Confirm delete", test_id="dialog"),
        grow=1,
    )


async def test_overlay_traps_focus(ui, snapshot):
    screen = await ui.mount(Dialog(ok=Ref()), SIZE)
    await screen.settle()
    assert screen.focused.test_id == "delete"
    await screen.press("up", times=3)
    assert screen.focused.test_id == "delete"  # focus never leaves the dialog
    assert screen.get_by_role("dialog").label == "Confirm delete"
    assert screen.snapshot() == snapshot


@pytest.mark.parametrize("state", ["normal", "focused", "disabled"])
async def test_button_alone_in_each_state_tree_only(ui, snapshot, state):
    screen = await ui.mount(page(Button("Play", disabled=state == "disabled")), paint=False)
    if state == "focused":
        await screen.press("right")
    assert screen.get_by_role("button").state == (set() if state == "normal" else {state})
    assert screen.snapshot() == snapshot


def write_png(path, rgb):
    from sdk.testing import encode_png

    pixels = np.zeros((90, 160, 4), dtype=np.uint8)
    pixels[..., :3] = rgb
    pixels[..., 3] = 255
    pixels[30:60, 60:100, :3] = (255, 255, 255)
    path.write_bytes(encode_png(pixels))
    return str(path)


async def test_image_loaded_and_failed(ui, snapshot, tmp_path):
    poster = write_png(tmp_path / "poster.png", (200, 40, 40))
    # Local files load only from the asset roots the app declares.
    images = ImageManager(asset_roots=[tmp_path])
    screen = await ui.mount(page(Row(
        Image(poster, width=320, height=180, fit="fill", label="Poster", test_id="poster"),
        Image(str(tmp_path / "missing.png"), width=320, height=180, background="#2b3040",
              label="Missing", test_id="missing"),
        gap=24)), SIZE, images=images)
    await screen.settle()  # waits for the loads (real threads) to finish
    box = screen.get_by_test_id("poster").box
    x, y = int(box.x / 2 + 10), int(box.y / 2 + 10)  # design units are half-size pixels here
    assert screen.screenshot().pixel(x, y) == (200, 40, 40, 255)
    missing = screen.get_by_label("Missing").box
    assert screen.screenshot().pixel(int(missing.x / 2 + 10), int(missing.y / 2 + 10)) \
        == (0x2b, 0x30, 0x40, 255)  # a failed image shows its background
    assert screen.snapshot() == snapshot
