"""The focus guide (`docs/focus.md`) on the real engine: its screens behave as it says."""

from __future__ import annotations

from pathlib import Path

import pytest
from focus_guide_scenes import LastStop, Player, Search, Settings, VolumeSlider, render

import sdk
from components import View
from renderer import KeyAction as RendererKeyAction
from sdk import ComponentError, For, KeyAction, KeyEvent, SceneRoot
from sdk.reconciler import HostPropError

ROOT = Path(__file__).resolve().parents[2]


async def focus_last_result(ui, stop: bool):
    screen = await ui.mount(Search(stop=stop), size=(960, 540))
    await screen.press("down")  # the first key
    await screen.press("down")  # the first result
    await screen.press("right", times=2)
    assert screen.focused.test_id == "result-2"
    return screen


async def test_right_on_the_last_result_jumps_up_into_the_keyboard_without_a_stop(ui):
    screen = await focus_last_result(ui, stop=False)
    await screen.press("right")
    assert screen.focused.test_id.startswith("key-")


async def test_stop_at_edges_keeps_right_on_the_last_result(ui):
    screen = await focus_last_result(ui, stop=True)
    await screen.press("right", times=2)
    assert screen.focused.test_id == "result-2"
    await screen.press("up")  # other directions still leave the results
    assert screen.focused.test_id.startswith("key-")


def test_stop_at_edges_names_the_directions_it_knows():
    with pytest.raises(ComponentError, match="unknown direction 'rihgt'") as raised:
        SceneRoot(View(stop_at_edges={"rihgt"})).flush()
    assert isinstance(raised.value.__cause__, HostPropError)


async def test_a_focused_row_shows_its_slider_fill_through_focus_within(ui):
    screen = await ui.mount(Settings(), size=(960, 540))
    rest = screen.get_by_test_id("volume-fill").props["bg"]
    await screen.press("down")
    assert screen.focused.test_id == "volume"
    lit = screen.get_by_test_id("volume-fill").props["bg"]
    assert lit == "#f4f5f8ff" != rest  # the theme's text colour on the accent row
    assert screen.get_by_test_id("boost-fill").props["bg"] == rest
    await screen.press("down")
    assert screen.get_by_test_id("volume-fill").props["bg"] == rest
    assert screen.get_by_test_id("boost-fill").props["bg"] == lit


async def test_a_slider_captures_left_and_right_and_up_down_still_move(ui):
    screen = await ui.mount(VolumeSlider(), size=(960, 540))
    await screen.press("down")
    await screen.press("right", times=3)
    assert screen.focused.test_id == "slider"
    assert screen.get_by_test_id("value").text == "80"
    await screen.press("left")
    assert screen.get_by_test_id("value").text == "70"
    await screen.press("down")
    assert screen.focused.test_id == "done"


async def test_on_key_gets_key_actions_apps_compare_by_name(ui):
    log: list[str] = []
    screen = await ui.mount(Player(log=log), size=(960, 540))
    await screen.press("down")
    await screen.press("play_pause")
    assert screen.get_by_test_id("state").text == "Playing"
    assert log == ["play_pause DOWN"]
    await screen.press("select", hold_ms=700)
    assert log[-1] == "long press"


def test_key_action_is_the_renderer_enum_exported_by_the_sdk():
    assert KeyAction is RendererKeyAction
    assert [a.name for a in KeyAction] == ["DOWN", "REPEAT", "UP", "LONG_PRESS"]
    assert {"Key", "KeyAction", "KeyEvent"} <= set(sdk.__all__)
    assert KeyEvent.__dataclass_fields__["action"].type == "KeyAction"


async def test_next_right_stop_keeps_focus_and_ref_focus_moves_it(ui):
    screen = await ui.mount(LastStop(), size=(960, 540))
    await screen.press("right", times=2)
    assert screen.focused.test_id == "last"
    await screen.press("right")  # STOP: stays
    assert screen.focused.test_id == "last"
    await screen.press("down")
    assert screen.focused.test_id == "jump"
    await screen.press("select")  # on_press calls first.focus()
    assert screen.focused.test_id == "first"


async def test_the_guide_pictures_render(tmp_path):
    paths = await render(tmp_path)
    names = ["focus_stop_at_edges.png", "focus_within.png", "focus_capture_keys.png"]
    assert [p.name for p in paths] == names
    for name in names:
        assert (ROOT / "docs" / "images" / name).is_file()


@pytest.mark.parametrize(("edges", "mask"), [("right", "8"), (["up", "down"], "3"),
                                             ({"left"}, "4"), ("all", "15")])
async def test_stop_at_edges_takes_a_name_a_collection_or_all(ui, edges, mask):
    screen = await ui.mount(View(test_id="box", stop_at_edges=edges), paint=False)
    assert screen.get_by_test_id("box").props["stop_at_edges"] == mask


async def test_focus_within_styles_work_in_templated_rows(ui):
    # For rows of one static shape become protocol templates: the state set travels
    # inside DEFINE_TEMPLATE and applies in every copy.
    def row(i: int):
        return View(View(width=20, height=20, background="#112233",
                         focus_within_style={"background": "#ffffff"}, test_id=f"fill-{i}"),
                    focusable=True, width=200, height=40)

    screen = await ui.mount(View(For(each=[0, 1, 2], key=lambda i: i, render=row),
                                 direction="column"), paint=False)
    await screen.press("down")
    await screen.press("down")
    fills = [screen.get_by_test_id(f"fill-{i}").props["bg"] for i in range(3)]
    assert fills == ["#112233ff", "#ffffffff", "#112233ff"]
