"""Text size and reduce motion in the settings app act on the running app.

The choices are written into the viewer's settings (`screen.viewer`, the
signals the theme and the reconciler follow): the text grows and the layout
reflows, motion becomes instant, at once and again after a restart. The
platform's settings are a floor the app never goes under.
"""

from __future__ import annotations

import json

import pytest

from apps.settings import APP_ID, TEXT_SCALES, SettingsApp, migrate
from components import TEN_FOOT
from sdk import ViewerSettings

SIZE = (960, 540)


async def to_display(screen) -> None:
    """From the menu (focused at start): Display, into its panel (on Text size)."""
    await screen.settle()
    await screen.press("down", times=2)
    await screen.press("select")
    await screen.press("right")
    await screen.settle()
    assert screen.focused.test_id == "text-size"


def heading_size(screen) -> float:
    return float(screen.get_by_role("heading", name="Settings").props["size"])


async def test_a_text_size_scales_the_running_app_and_survives_a_restart(ui, tmp_path,
                                                                         snapshot):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await to_display(screen)
    assert screen.viewer.text_scale.peek() == 1.0
    assert heading_size(screen) == TEN_FOOT.type.headline
    switch_top = screen.get_by_test_id("reduce-motion").box.y
    await screen.press("right", times=2)                  # Standard -> Large -> Larger
    await screen.settle()
    assert screen.focused.props["value_text"] == "Larger"
    assert screen.viewer.text_scale.peek() == TEXT_SCALES["Larger"] == 1.5
    assert heading_size(screen) == TEN_FOOT.type.headline * 1.5
    assert screen.get_by_test_id("reduce-motion").box.y > switch_top   # the rows reflowed
    assert screen.focused.test_id == "text-size"          # focus stayed on the choice
    assert screen.snapshot() == snapshot(name="larger")
    screen.close()

    again = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await again.settle()
    assert again.viewer.text_scale.peek() == 1.5          # applied from the store at start
    assert heading_size(again) == TEN_FOOT.type.headline * 1.5


async def test_reset_brings_the_text_size_back(ui, tmp_path):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False)
    await to_display(screen)
    await screen.press("left")                            # wraps to Largest
    await screen.settle()
    assert screen.viewer.text_scale.peek() == 2.0
    await screen.press("back")
    await screen.press("down", times=2)                   # System
    await screen.press("select")
    await screen.press("right")
    await screen.press("select")                          # the dialog
    await screen.settle()
    await screen.press("left")
    await screen.press("select")                          # Reset
    await screen.settle()
    assert screen.viewer.text_scale.peek() == 1.0
    assert heading_size(screen) == TEN_FOOT.type.headline


async def frames_after(screen, key: str) -> int:
    await screen.press(key)
    return await screen.settle()


async def test_reduce_motion_makes_the_about_text_jump_instead_of_glide(ui, tmp_path):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False)
    await to_display(screen)
    await screen.press("down")                            # Reduce motion
    assert screen.focused.test_id == "reduce-motion"
    await screen.press("back")
    await screen.press("down")                            # About
    await screen.press("select")
    await screen.press("right")
    await screen.settle()
    assert screen.focused.test_id == "about"
    glide = await frames_after(screen, "down")            # the engine's scroll glide
    assert screen.viewer.reduced_motion.peek() is False

    await screen.press("back")
    await screen.press("up")                              # Display
    await screen.press("select")
    await screen.press("right")
    await screen.press("down")
    await screen.press("select")                          # reduce motion on
    await screen.settle()
    assert screen.viewer.reduced_motion.peek() is True
    await screen.press("back")
    await screen.press("down")
    await screen.press("select")
    await screen.press("right")
    await screen.settle()
    jump = await frames_after(screen, "down")
    assert glide > 10 and jump < glide / 2, (glide, jump)


async def test_the_platform_settings_are_a_floor(ui, tmp_path):
    platform = ViewerSettings(text_scale=1.5, reduced_motion=True)
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False,
                            viewer=platform)
    await to_display(screen)
    await screen.press("right")                           # Large: 1.25 < the platform's 1.5
    await screen.settle()
    assert platform.text_scale.peek() == 1.5
    await screen.press("right")                           # Larger: 1.5
    await screen.press("right")                           # Largest: 2.0 wins
    await screen.settle()
    assert platform.text_scale.peek() == 2.0
    assert platform.reduced_motion.peek() is True         # off in the app, on on the TV
    screen.close()                                        # unmounted: the TV's settings back
    assert (platform.text_scale.peek(), platform.reduced_motion.peek()) == (1.5, True)


async def test_a_schema_1_file_opens_with_its_old_text_size_migrated(ui, tmp_path):
    folder = tmp_path / APP_ID
    folder.mkdir()
    (folder / "storage.json").write_text(json.dumps(
        {"format": "marquee-storage", "schema": 1,
         "values": {"text_size": "Medium", "volume": 55}}))
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False)
    await to_display(screen)
    assert screen.focused.props["value_text"] == "Standard"   # "Medium" changed nothing
    data = json.loads((folder / "storage.json").read_text())
    assert (data["schema"], data["values"]) == (2, {"volume": 55})
    assert migrate({"text_size": "Large"}, 1) == {"text_size": "Large"}


async def test_at_the_largest_size_the_volume_value_has_room(ui, tmp_path):
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE, paint=False,
                            viewer=ViewerSettings(text_scale=2.0))
    await screen.settle()
    await screen.press("down")
    await screen.press("select")
    await screen.press("right")
    await screen.settle()
    value = screen.within(screen.get_by_test_id("volume")).get_by_text("40%")
    # It was 96 units whatever the scale: "40%" at 64 units was cut to "4...".
    assert value.box.width == TEN_FOOT.type.body * 3 * 2.0


@pytest.mark.parametrize("reduce", [False, True], ids=["normal", "reduced"])
async def test_the_frame_after_a_scroll_key_with_and_without_reduce_motion(ui, tmp_path,
                                                                          snapshot, reduce):
    folder = tmp_path / APP_ID
    folder.mkdir()
    (folder / "storage.json").write_text(json.dumps(
        {"format": "marquee-storage", "schema": 2, "values": {"reduce_motion": reduce}}))
    screen = await ui.mount(SettingsApp(base_dir=str(tmp_path)), size=SIZE)
    await screen.settle()
    assert screen.viewer.reduced_motion.peek() is reduce    # from the store, at start
    await screen.press("down", times=3)                     # About
    await screen.press("select")
    await screen.press("right")
    await screen.settle()
    await screen.press("down")                              # 33 ms later: gliding, or there
    name = "about_reduced" if reduce else "about_normal"
    assert screen.snapshot() == snapshot(name=name)
