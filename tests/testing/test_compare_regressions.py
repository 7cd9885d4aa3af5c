"""The comparator's defaults against real regressions of a rendered Button/card scene.

Each regression is made by changing one prop of the scene (never by editing
pixels) and rendered by the real engine and Skia at 1920x1080.
"""

from __future__ import annotations

import pytest
from scenes import card_scene

from sdk.testing import Tolerance, compare_images


async def render(ui, **props):
    screen = await ui.mount(card_scene(**props))
    await screen.settle()
    await screen.press("right")  # focus Play: its ring is drawn
    assert screen.focused.test_id == "play"
    return screen.snapshot().pixels


_BASELINE = []


@pytest.fixture
async def baseline(ui):
    # Rendered once per session: every test compares against the same render.
    if not _BASELINE:
        _BASELINE.append(await render(ui))
    return _BASELINE[0]


async def test_two_fresh_renders_are_identical(ui, baseline):
    again = await render(ui)
    result = compare_images(baseline, again)
    assert result.matched and result.exact


@pytest.mark.parametrize(("regression", "props"), [
    ("focus ring moved 2 px right", {"play": {"translate_x": 2}}),
    ("focus ring moved 2 px up", {"play": {"translate_y": -2}}),
    ("card brightened by 6 levels", {"card": {"background": "#21252f"}}),
    ("card brightened by 3 levels", {"card": {"background": "#1e222d"}}),
    ("card alpha 1 -> 0.9", {"card": {"opacity": 0.9}}),
    ("card alpha 1 -> 0.97", {"card": {"opacity": 0.97}}),
])
async def test_default_tolerance_catches(ui, baseline, regression, props):
    changed = await render(ui, **props)
    result = compare_images(baseline, changed)
    assert not result.matched, regression
    assert result.differing_pixels > 10 * Tolerance().max_diff_pixels
    assert result.bounds is not None


async def test_subpixel_shift_is_forgiven_as_antialiasing(ui, baseline):
    # A quarter-pixel move only changes the coverage of edge pixels.
    shifted = await render(ui, play={"translate_x": 0.25})
    result = compare_images(baseline, shifted)
    assert result.matched and not result.exact
    assert result.forgiven_pixels > 0
    strict = compare_images(baseline, shifted, Tolerance(antialiasing=False))
    assert not strict.matched


async def test_size_change_never_matches(ui, baseline):
    screen = await ui.mount(card_scene(), size=(960, 540))
    result = compare_images(baseline, screen.snapshot().pixels)
    assert not result.matched
    assert "size changed: expected 1920x1080, got 960x540" in result.reason
