"""The viewer's settings: reduced motion, text scale and high contrast, as apps see them."""

from __future__ import annotations

import pytest

from components import Button, Column, Rail, Row, Slider, Switch, Text, current_theme
from sdk import Spring, ViewerSettings, component, use_viewer

SIZE = (960, 540)


@component
def Page():
    theme = current_theme()
    return Column(
        Text("Settings", size=theme.type.headline, role="heading"),
        Text("Choose how the app looks and sounds.", color=theme.colors.text_muted),
        Switch("Subtitles", value=True, width=800),
        Slider("Volume", value=40, format=lambda v: f"{v:g}%"),
        Row(Button("Save"), Button("Cancel"), gap=theme.spacing.md),
        width="100%", height="100%", padding=(54, 96), gap=theme.spacing.md,
        background=theme.colors.background,
    )


async def focus_save(screen) -> None:
    await screen.press("down", times=4)
    await screen.press("left")  # down from the slider lands on the nearer Cancel
    await screen.settle()


@pytest.mark.parametrize("name, viewer", [
    ("default", ViewerSettings()),
    ("text_scale_1_5", ViewerSettings(text_scale=1.5)),
    ("high_contrast", ViewerSettings(high_contrast=True)),
])
async def test_each_setting_in_a_snapshot(ui, snapshot, name, viewer):
    screen = await ui.mount(Page(), size=SIZE, viewer=viewer)
    await focus_save(screen)
    assert screen.focused.label == "Save"
    assert screen.snapshot() == snapshot(name=name)
    assert screen.accessibility_issues() == []


async def test_text_scale_scales_the_theme_type_and_layout_reflows(ui):
    screen = await ui.mount(Page(), size=SIZE, paint=False)
    body = screen.get_by_text("Choose how the app looks and sounds.")
    switch_top = screen.get_by_role("switch").box.y
    assert body.props["size"] == "32"
    screen.viewer.set_text_scale(1.5)
    await screen.settle()
    body = screen.get_by_text("Choose how the app looks and sounds.")
    assert body.props["size"] == "48"
    assert screen.get_by_role("heading").props["size"] == "84"
    assert screen.get_by_role("switch").box.y > switch_top  # everything below moved down


def test_text_scale_is_checked():
    with pytest.raises(ValueError, match=r"text_scale must be a number from 1\.0 to 2\.0"):
        ViewerSettings(text_scale=3)
    settings = ViewerSettings()
    with pytest.raises(ValueError, match=r"got 0\.5"):
        settings.set_text_scale(0.5)


async def test_high_contrast_gives_black_surfaces_and_a_thick_yellow_ring(ui):
    screen = await ui.mount(Page(), size=SIZE, paint=False,
                            viewer=ViewerSettings(high_contrast=True))
    await focus_save(screen)
    save = screen.focused
    assert save.props["border_color"] == "#ffd400ff"
    assert save.props["border_left"] == "8"
    assert screen.root.children[0].props["bg"] == "#000000ff"
    assert screen.get_by_role("switch").props["bg"] == "#1c1c1cff"
    screen.viewer.high_contrast.set(False)
    await screen.settle()
    assert screen.focused.props["border_color"] == "#ffffffff"


@component
def Moving():
    return Column(
        Button("Play", width=320, align_self="start",
               focused_style={"scale": 1.2, "background": "#2563d9"},
               transition={"scale": Spring(170, 12), "background": 300}),
        Rail(list(range(40)), render=lambda i: Text(f"Title {i}"), item_width=300,
             item_height=160, label="Row"),
        width="100%", padding=96, gap=24,
    )


async def frames_to_settle_after(screen, key: str) -> int:
    await screen.press(key)
    return await screen.settle()


async def test_reduced_motion_makes_springs_and_scrolling_instant(ui):
    normal = await ui.mount(Moving(), size=SIZE, paint=False)
    reduced = await ui.mount(Moving(), size=SIZE, paint=False,
                             viewer=ViewerSettings(reduced_motion=True))
    for screen in (normal, reduced):
        await screen.settle()
    # The spring of the focus scale: many frames normally, done at once when reduced
    # (the background's 300 ms cross-fade stays: it does not move anything).
    assert await frames_to_settle_after(normal, "down") > 20
    assert await frames_to_settle_after(reduced, "down") <= 20
    await normal.press("down")
    await reduced.press("down")
    for screen in (normal, reduced):
        await screen.settle()
    # Scrolling the rail: the engine's 300 ms glide, or a jump.
    await normal.press("right", times=6)
    await reduced.press("right", times=6)
    assert await normal.settle() > await reduced.settle()


async def test_reduced_motion_can_be_turned_on_while_the_app_runs(ui):
    screen = await ui.mount(Moving(), size=SIZE, paint=False)
    await screen.settle()
    screen.viewer.reduced_motion.set(True)
    await screen.settle()
    assert await frames_to_settle_after(screen, "down") <= 20
    screen.viewer.reduced_motion.set(False)
    await screen.press("down")
    await screen.settle()
    assert await frames_to_settle_after(screen, "up") > 20


@component
def Follower():
    viewer = use_viewer()
    return Text(lambda: "still" if viewer.reduced_motion() else "moving")


async def test_apps_follow_the_settings_as_signals(ui):
    screen = await ui.mount(Follower(), paint=False)
    assert screen.get_by_text("moving")
    screen.viewer.reduced_motion.set(True)
    await screen.settle()
    assert screen.get_by_text("still")


@pytest.mark.parametrize("name, viewer", [
    ("motion_normal", ViewerSettings()),
    ("motion_reduced", ViewerSettings(reduced_motion=True)),
])
async def test_the_frame_after_a_key_press_with_and_without_reduced_motion(ui, snapshot, name,
                                                                         viewer):
    screen = await ui.mount(Moving(), size=SIZE, viewer=viewer)
    await screen.settle()
    await screen.press("down")  # two frames: key down, key up (33 ms)
    # Normally Play is still growing (the spring) and its colour fading in; reduced,
    # it is at full size and only the colour's cross-fade runs.
    assert screen.snapshot() == snapshot(name=name)
