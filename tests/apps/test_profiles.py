"""The profiles page on the real engine: animated focus, navigation, snapshot."""

from __future__ import annotations

from apps.profiles import PROFILES, Profiles
from apps.profiles.app import PAGE_BACKGROUND

SIZE = (960, 540)  # half of the 1920x1080 design: pixel = design unit / 2


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _fill_pixel(screen, test_id: str) -> tuple[int, int, int]:
    """A pixel of the tile's own background, between its ring and its avatar."""
    box = screen.get_by_test_id(test_id).box
    x, y = box.x + 14, box.center[1]  # inside the 6-unit ring, in the 20-unit padding
    return screen.screenshot().pixel(int(x / 2), int(y / 2))[:3]


async def test_first_profile_is_focused_when_the_page_opens(ui):
    screen = await ui.mount(Profiles(), size=SIZE)
    await screen.settle()
    assert screen.focused.test_id == "profile-1"
    names = [n.label for n in screen.all_by_role("button")]
    assert names == [p.name for p in PROFILES] + ["Add profile"]


async def test_right_moves_focus_with_an_engine_animation(ui):
    focused = []
    screen = await ui.mount(Profiles(on_focus=focused.append), size=SIZE)
    await screen.settle()
    rest = _fill_pixel(screen, "profile-2")
    assert rest == _rgb(PAGE_BACKGROUND)

    await screen.press("right")  # two frames: 33 ms into a 180 ms ease-out
    assert screen.focused.test_id == "profile-2"
    mid_shot = screen.screenshot()
    mid = _fill_pixel(screen, "profile-2")
    frames = await screen.settle()  # waits for the engine's finite animations
    end = _fill_pixel(screen, "profile-2")

    assert frames >= 5, "the glow and scale should take several frames to settle"
    assert end == _rgb("#1b2233")
    assert mid != end and mid != rest
    assert all(min(a, b) <= m <= max(a, b) for a, m, b in zip(rest, mid, end, strict=True))
    assert mid_shot.rgba != screen.screenshot().rgba
    assert [p.name if p else None for p in focused] == ["Ada", "Grace"]


async def test_focus_walks_to_the_add_tile_and_stops(ui):
    screen = await ui.mount(Profiles(), size=SIZE)
    await screen.settle()
    await screen.press("right", times=6)
    assert screen.focused.test_id == "profile-add"
    await screen.press("left")
    assert screen.focused.test_id == "profile-4"


async def test_select_opens_home_and_back_restores_focus(ui):
    screen = await ui.mount(Profiles(), size=SIZE)
    await screen.settle()
    await screen.press("right", times=2)
    assert screen.focused.test_id == "profile-3"

    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("home-title").text == "Home: Alan"
    assert screen.focused.test_id == "home-continue"
    assert screen.query_by_test_id("title") is None or screen.get_by_test_id("title").hidden

    await screen.press("back")
    await screen.settle()
    assert screen.query_by_test_id("home-title") is None or \
        screen.get_by_test_id("home-title").hidden
    assert screen.focused.test_id == "profile-3"
    assert _fill_pixel(screen, "profile-3") == _rgb("#1b2233")


async def test_profiles_page_snapshot(ui, snapshot):
    screen = await ui.mount(Profiles(), size=SIZE)
    await screen.settle()
    await screen.press("right")
    await screen.settle()
    assert screen.snapshot() == snapshot
