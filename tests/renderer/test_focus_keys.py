"""Keys through the real engine: capture, repeat coalescing, acceleration, long press,
and scrolling the focused node into view with a margin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from focus_kit import BACK, DOWN, LEFT, RIGHT, ROOT, SELECT, focus, focused, key, place, scene

from renderer._commands import CommandBuffer
from renderer._events import AnimationDoneEvent, KeyEvent, PressEvent, focus_path
from renderer._protocol import ACCEL_MS, LONG_PRESS_MS, KeyAction, Prop, capture_bit
from renderer._renderer import Renderer

D, R, U = KeyAction.DOWN, KeyAction.REPEAT, KeyAction.UP


def column(engine_path: Path, n: int = 12) -> Renderer:
    """Focusable boxes 11.. stacked downwards, 80 apart."""
    return scene(engine_path, {10 + k: (100, 80 * k, 200, 60) for k in range(1, n + 1)})


def test_a_captured_key_is_not_navigated_and_goes_to_the_app_with_the_path(
        engine_path: Path) -> None:
    r = scene(engine_path, {10: (100, 100, 100, 100), 11: (300, 100, 100, 100)})
    page = CommandBuffer()
    place(page, 20, ROOT, (100, 300, 400, 100), focusable=False,
          props={Prop.CAPTURE_KEYS: capture_bit(BACK) | capture_bit(SELECT)})
    place(page, 21, 20, (0, 0, 100, 100))
    r.apply(page.set_prop(21, Prop.CAPTURE_KEYS, capture_bit(LEFT) | capture_bit(RIGHT)))
    focus(r, 21)
    events = key(r, LEFT, actions=(D,))
    assert focused(r) == 21
    assert KeyEvent(21, LEFT, D, False, 0, 21) in events
    assert focus_path(events) == (ROOT, 20, 21)
    # An ancestor's capture counts too: select is not a press here.
    events = key(r, SELECT, actions=(D,))
    assert KeyEvent(21, SELECT, D, False, 0, 20) in events
    assert not any(isinstance(e, PressEvent) for e in events)
    # Keys nobody captures still navigate.
    key(r, 1, actions=(D,))
    assert focused(r) == 10
    assert f"capture_keys={capture_bit(LEFT) | capture_bit(RIGHT)}" in r.dump()


def test_repeats_in_one_frame_are_coalesced_into_one_move(engine_path: Path) -> None:
    r = column(engine_path)
    focus(r, 11)
    events = key(r, DOWN, now=32.0, actions=(D,))
    assert focused(r) == 12
    events = key(r, DOWN, now=48.0, actions=(R, R, R, R, R))
    keys = [e for e in events if isinstance(e, KeyEvent)]
    assert keys == [KeyEvent(12, DOWN, R, True, 4, 0)]
    assert focused(r) == 13
    events = key(r, DOWN, now=64.0, actions=(R,))
    assert focused(r) == 14


def test_held_repeats_accelerate(engine_path: Path) -> None:
    r = column(engine_path)
    focus(r, 11)
    key(r, DOWN, now=100.0, actions=(D,))
    assert focused(r) == 12
    key(r, DOWN, now=100.0 + ACCEL_MS[0] - 1, actions=(R,))
    assert focused(r) == 13
    key(r, DOWN, now=100.0 + ACCEL_MS[0], actions=(R,))
    assert focused(r) == 15
    key(r, DOWN, now=100.0 + ACCEL_MS[1], actions=(R,))
    assert focused(r) == 18
    key(r, DOWN, now=100.0 + ACCEL_MS[1] + 16, actions=(U,))
    key(r, DOWN, now=5000.0, actions=(D,))
    key(r, DOWN, now=5016.0, actions=(R,))
    assert focused(r) == 20  # a new hold starts slow again


def test_a_long_press_is_reported_once_after_the_hold_time(engine_path: Path) -> None:
    r = column(engine_path)
    focus(r, 11)
    key(r, SELECT, now=1000.0, actions=(D,))
    assert not [e for e in r.frame(1000.0 + LONG_PRESS_MS - 1).events
                if isinstance(e, KeyEvent)]
    events = list(r.frame(1000.0 + LONG_PRESS_MS).events)
    assert events == [KeyEvent(11, SELECT, KeyAction.LONG_PRESS, False)]
    assert list(r.frame(3000.0).events) == []
    key(r, SELECT, now=3016.0, actions=(U,))
    assert list(r.frame(9000.0).events) == []


def _scroll_x(dump: str, node: int) -> float:
    line = next(x for x in dump.splitlines() if x.strip().startswith(f"#{node} "))
    m = re.search(r"scroll_x=([-\d.]+)", line)
    return float(m.group(1)) if m else 0.0


def rail(engine_path: Path, margin: float) -> Renderer:
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    place(b, 50, ROOT, (0, 0, 1000, 300), focusable=False,
          props={Prop.OVERFLOW: 2, Prop.SCROLL_MARGIN: margin})
    for k in range(10):
        place(b, 51 + k, 50, (220 * k, 50, 200, 200), props={Prop.BACKGROUND: 0x3366CCFF})
    r.apply(b)
    r.frame(0.0)
    return r


def test_scroll_into_view_keeps_the_margin_and_glides(engine_path: Path) -> None:
    for margin, want in ((0.0, 80.0), (50.0, 130.0)):
        r = rail(engine_path, margin)
        focus(r, 51)
        for k in range(4):
            key(r, RIGHT, now=16.0 * (k + 2))
        assert focused(r) == 55  # x 880..1080 in a 1000 wide rail
        assert _scroll_x(r.dump(), 50) == want
        # Animated: the rail glides there over several frames, then reports done.
        mid = r.frame(100.0)
        assert mid.animations_running >= 1 and mid.flags
        done = r.frame(2000.0)
        assert AnimationDoneEvent(50, Prop.SCROLL_X) in done.events
    # Going back left scrolls back so 51 sits margin away from the left edge.
    for _ in range(4):
        key(r, LEFT, now=3000.0)
    assert _scroll_x(r.dump(), 50) == 0.0


def test_long_press_is_an_event_action_the_host_cannot_send() -> None:
    with pytest.raises(ValueError, match="3 long press is reported by the engine"):
        CommandBuffer().key(SELECT, KeyAction.LONG_PRESS)
