"""Motion through the real engine: transitions, easing, retargeting, keyframes,
layout animations, damage, `ANIMATION_DONE` and the output header counts.

Values are read back from the display list (what is painted), so these tests
see exactly what a viewer would. Time is virtual: `frame(now_ms)`.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest

from renderer._commands import CommandBuffer
from renderer._events import AnimationDoneEvent
from renderer._motion import CubicBezier, Spring
from renderer._protocol import AnimGroup, DisplayOp, Prop, State
from renderer._renderer import FrameOutput, Renderer

RECORD = struct.Struct("<I7I")
FLOATS = struct.Struct("<I7f")


@pytest.fixture
def renderer(engine_path: Path) -> Renderer:
    r = Renderer(engine_path)
    yield r
    r.close()


def records(out: FrameOutput, op: DisplayOp) -> list[tuple[float, ...]]:
    """The float words of every `op` record in the frame's display list."""
    view = out.display_list
    found = []
    for i in range(0, len(view), 32):
        if RECORD.unpack_from(view, i)[0] == op:
            found.append(FLOATS.unpack_from(view, i)[1:])
    return found


def rect_words(out: FrameOutput) -> list[tuple[int, ...]]:
    view = out.display_list
    return [RECORD.unpack_from(view, i)[1:] for i in range(0, len(view), 32)
            if RECORD.unpack_from(view, i)[0] == DisplayOp.RECT]


def done(out: FrameOutput) -> list[tuple[int, int, int]]:
    return [(e.node, e.prop, e.kind) for e in out.events if isinstance(e, AnimationDoneEvent)]


def scene(r: Renderer, *extra: int) -> None:
    """Root 1 (1920x1080 row) holding 100x100 boxes 2 (red) and the `extra` ids (blue)."""
    b = CommandBuffer().create(1).create(2).insert(1, 2).set_root(1)
    b.set_props(2, {Prop.WIDTH: 100, Prop.HEIGHT: 100, Prop.BACKGROUND: 0xFF0000FF})
    for node in extra:
        b.create(node).insert(1, node)
        b.set_props(node, {Prop.WIDTH: 100, Prop.HEIGHT: 100, Prop.BACKGROUND: 0x0000FFFF})
    r.apply(b)
    r.frame(0)


def css_bezier(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    """An independent reference: bisection in f64 on the Bézier's x(t)."""
    def coord(a1: float, a2: float, t: float) -> float:
        return 3 * (1 - t) ** 2 * t * a1 + 3 * (1 - t) * t * t * a2 + t ** 3

    lo, hi = 0.0, 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if coord(x1, x2, mid) < x else (lo, mid)
    return coord(y1, y2, (lo + hi) / 2)


def test_an_opacity_transition_waits_its_delay_then_interpolates_and_reports_done(
    renderer: Renderer,
) -> None:
    scene(renderer)
    renderer.frame(1000)
    renderer.apply(CommandBuffer().set_transition(2, Prop.OPACITY, 200, delay_ms=100,
                                                  easing="linear").set_prop(2, Prop.OPACITY, 0.2))
    out = renderer.frame(1000)
    assert out.animations_running == 1 and not records(out, DisplayOp.LAYER)
    out = renderer.frame(1050)  # still in the delay: nothing changes
    assert not out.changed and out.animations_running == 1
    out = renderer.frame(1200)
    assert records(out, DisplayOp.LAYER)[0][0] == pytest.approx(0.6)
    out = renderer.frame(1300)
    assert records(out, DisplayOp.LAYER)[0][0] == pytest.approx(0.2)
    assert done(out) == [(2, Prop.OPACITY, 0)] and out.animations_running == 0
    assert not renderer.frame(1316).changed


@pytest.mark.parametrize("easing, points", [
    ("ease", (0.25, 0.1, 0.25, 1.0)),
    ("ease-in", (0.42, 0.0, 1.0, 1.0)),
    ("ease-out", (0.0, 0.0, 0.58, 1.0)),
    ("ease-in-out", (0.42, 0.0, 0.58, 1.0)),
    (CubicBezier(0.3, -0.5, 0.7, 1.5), (0.3, -0.5, 0.7, 1.5)),
])
def test_bezier_easings_match_an_independent_solver_at_sample_points(
    renderer: Renderer, easing: object, points: tuple[float, float, float, float],
) -> None:
    scene(renderer)
    renderer.apply(CommandBuffer().set_transition(2, Prop.TRANSLATE_X, 400, easing=easing)
                   .set_prop(2, Prop.TRANSLATE_X, 1000))
    renderer.frame(0)
    for t in (40, 100, 200, 300, 360):
        x = records(renderer.frame(t), DisplayOp.RECT)[0][0]
        assert x == pytest.approx(1000 * css_bezier(*points, t / 400), abs=0.01), t


def test_a_frame_damages_only_the_animated_nodes_old_and_new_bounds(renderer: Renderer) -> None:
    scene(renderer, 3)
    renderer.apply(CommandBuffer().set_transition(3, Prop.TRANSLATE_Y, 100, easing="linear")
                   .set_prop(3, Prop.TRANSLATE_Y, 200))
    renderer.frame(0)
    out = renderer.frame(50)  # node 3 (x 100..200) moved from y 0 to y 100
    assert out.damage == [(100.0, 0.0, 100.0, 100.0), (100.0, 100.0, 100.0, 100.0)] or \
        out.damage == [(100.0, 0.0, 100.0, 200.0)]
    assert [r[:4] for r in records(out, DisplayOp.RECT)] == [(100.0, 100.0, 100.0, 100.0)]


def test_colours_interpolate_premultiplied(renderer: Renderer) -> None:
    scene(renderer)
    renderer.apply(CommandBuffer().set_prop(2, Prop.BACKGROUND, 0x00000000)
                   .set_transition(2, Prop.BACKGROUND, 100, easing="linear"))
    renderer.frame(10)
    renderer.apply(CommandBuffer().set_prop(2, Prop.BACKGROUND, 0xFF0000FF))
    renderer.frame(10)
    out = renderer.frame(60)
    # Straight interpolation would give 0x80000080 (dark); premultiplied stays red.
    assert rect_words(out)[0][4] == 0xFF000080


def test_the_focused_look_animates_in_the_frame_of_the_key(renderer: Renderer) -> None:
    scene(renderer)
    renderer.apply(CommandBuffer().set_prop(2, Prop.FOCUSABLE, 1)
                   .set_state_props(2, State.FOCUSED, {Prop.SCALE_X: 1.5, Prop.SCALE_Y: 1.5})
                   .set_transition(2, AnimGroup.TRANSFORM, 200, easing="linear"))
    renderer.frame(1000)
    renderer.apply(CommandBuffer().focus(2))
    # The key's own frame, 16 ms after the previous one, already shows 16 ms of motion.
    scale = records(renderer.frame(1016), DisplayOp.TRANSFORM)[-1][0]
    assert scale == pytest.approx(1.04)
    scale = records(renderer.frame(1100), DisplayOp.TRANSFORM)[-1][0]
    assert scale == pytest.approx(1.25)
    assert "scale_x=1.5" in renderer.dump(), "the dump shows the target value"
    out = renderer.frame(1200)
    assert sorted(done(out)) == [(2, Prop.SCALE_X, 0), (2, Prop.SCALE_Y, 0)]


def test_returning_mid_flight_takes_as_long_as_the_way_out_had_run(renderer: Renderer) -> None:
    scene(renderer)
    renderer.apply(CommandBuffer().set_transition(2, Prop.SCALE_X, 200, easing="linear")
                   .set_prop(2, Prop.SCALE_X, 2.0))
    renderer.frame(0)
    renderer.frame(60)  # 30% of the way: 1.3
    renderer.apply(CommandBuffer().set_prop(2, Prop.SCALE_X, 1.0))
    out = renderer.frame(60)
    assert not done(out)
    assert records(renderer.frame(90), DisplayOp.TRANSFORM)[-1][0] == pytest.approx(1.15)
    out = renderer.frame(120)  # 200 ms * 0.3 = 60 ms back
    assert done(out) == [(2, Prop.SCALE_X, 0)]


def test_a_spring_overshoots_and_keeps_its_velocity_when_retargeted(renderer: Renderer) -> None:
    scene(renderer)
    renderer.apply(CommandBuffer().set_transition(2, Prop.TRANSLATE_X, 0,
                                                  easing=Spring(300, 8, 1))
                   .set_prop(2, Prop.TRANSLATE_X, 100))
    renderer.frame(0)
    xs = [records(renderer.frame(t), DisplayOp.RECT)[0][0] for t in range(16, 400, 16)]
    assert max(xs) > 110, "an underdamped spring overshoots"
    renderer.apply(CommandBuffer().set_prop(2, Prop.TRANSLATE_X, 0))
    before = xs[-1] - xs[-2]
    renderer.frame(400)
    after = records(renderer.frame(416), DisplayOp.RECT)[0][0] - xs[-1]
    assert math.copysign(1, after) == math.copysign(1, before) or abs(before) < 0.5
    t = 416
    while (out := renderer.frame(t)).animations_running:
        t += 16
        assert t < 10_000
    assert done(out) == [(2, Prop.TRANSLATE_X, 0)]


def test_keyframes_alternate_and_infinite_ones_are_reported_apart(renderer: Renderer) -> None:
    scene(renderer, 3)
    renderer.apply(CommandBuffer()
                   .set_keyframes(2, Prop.ROTATE, [(0, 0), (1, 360)], 1000, iterations=math.inf)
                   .set_keyframes(3, Prop.OPACITY, [(0, 1.0), (0.5, 0.2), (1, 1.0)], 100,
                                  iterations=2, direction="alternate"))
    out = renderer.frame(0)
    assert (out.animations_running, out.infinite_animations) == (1, 1)
    out = renderer.frame(125)
    assert records(out, DisplayOp.LAYER)[0][0] == pytest.approx(0.6)
    out = renderer.frame(200)
    assert done(out) == [(3, Prop.OPACITY, 1)]
    assert (out.animations_running, out.infinite_animations) == (0, 1)
    renderer.apply(CommandBuffer().clear_animations(2))
    out = renderer.frame(216)
    assert (out.animations_running, out.infinite_animations) == (0, 0) and not done(out)


def test_a_layout_change_glides_while_the_dump_shows_the_layout_box(renderer: Renderer) -> None:
    scene(renderer, 3)
    renderer.apply(CommandBuffer().set_transition(3, AnimGroup.LAYOUT, 100, easing="linear"))
    renderer.frame(10)
    renderer.apply(CommandBuffer().set_prop(2, Prop.WIDTH, 300))  # pushes 3 right by 200
    renderer.frame(10)
    out = renderer.frame(60)
    blue = [r for r in rect_words(out) if r[4] == 0x0000FFFF]
    assert struct.unpack("<f", struct.pack("<I", blue[0][0]))[0] == pytest.approx(200)
    assert "#3 view [300,0 100x100]" in renderer.dump()
    out = renderer.frame(110)
    assert done(out) == [(3, AnimGroup.LAYOUT, 0)]


def test_a_late_frame_shows_the_value_for_its_own_time(renderer: Renderer) -> None:
    """Animations are functions of `now_ms`: a frame that comes late (the app
    thread was busy) shows where the animation is by then, never a backlog."""
    scene(renderer)
    renderer.apply(CommandBuffer().set_transition(2, Prop.TRANSLATE_X, 300, easing="linear")
                   .set_prop(2, Prop.TRANSLATE_X, 300))
    renderer.frame(0)
    assert records(renderer.frame(250), DisplayOp.RECT)[0][0] == pytest.approx(250)
    out = renderer.frame(5000)
    assert records(out, DisplayOp.RECT)[0][0] == 300 and done(out) == [(2, Prop.TRANSLATE_X, 0)]


def test_scroll_into_view_glides_with_the_rails_scroll_transition(renderer: Renderer) -> None:
    b = CommandBuffer().create(1).set_root(1).create(2).insert(1, 2)
    b.set_props(2, {Prop.WIDTH: 400, Prop.HEIGHT: 100, Prop.OVERFLOW: 2})
    b.set_transition(2, AnimGroup.SCROLL, 200, easing="linear")
    for k in range(10):
        node = 10 + k
        b.create(node).insert(2, node).set_props(node, {
            Prop.WIDTH: 100, Prop.HEIGHT: 100, Prop.FLEX_SHRINK: 0, Prop.FOCUSABLE: 1,
            Prop.BACKGROUND: 0x00FF00FF if k == 5 else 0x202020FF})
    renderer.apply(b)
    renderer.frame(0)
    renderer.apply(CommandBuffer().focus(18))
    renderer.frame(0)
    assert "overflow=scroll scroll_x=500" in renderer.dump()
    out = renderer.frame(100)
    green = [r for r in rect_words(out) if r[4] == 0x00FF00FF]
    x = struct.unpack("<f", struct.pack("<I", green[0][0]))[0]
    assert x == pytest.approx(500 - 250), "node 15 half way through the 500 px scroll"
    out = renderer.frame(200)
    assert done(out) == [(2, Prop.SCROLL_X, 0)]
