"""Reduced motion, command by command: what the reconciler sends instead of movement."""

from __future__ import annotations

import math

from components import View
from renderer import AnimGroup, CommandBuffer, Prop, Spring
from sdk import Keyframes, SceneRoot, ViewerSettings
from sdk.reconciler import HostInstance
from sdk.reconciler._motion import send_animations, send_transitions

INSTANT = (1.0, 0.0, "linear")
SPIN = Keyframes([(0, 0), (1, 360)], duration=900, iterations=math.inf)
PULSE = Keyframes([(0, 1.0), (1, 0.5)], duration=300)


def sent(fn, *args, **kwargs) -> bytes:
    buf = CommandBuffer()
    fn(buf, 7, *args, **kwargs)
    return buf.getvalue()


def expected(*transitions) -> bytes:
    buf = CommandBuffer()
    for target, timing in transitions:
        buf.set_transition(7, target, *timing)
    return buf.getvalue()


def test_springs_and_movement_become_instant_and_fades_stay():
    spec = {"scale": Spring(170, 12), "background": 300, "translate_x": (400, "ease-out"),
            "layout": 250}
    assert sent(send_transitions, None, spec, reduced=True) == expected(
        (Prop.SCALE_X, INSTANT), (Prop.SCALE_Y, INSTANT), (Prop.BACKGROUND, (300.0, 0.0, "ease")),
        (Prop.TRANSLATE_X, INSTANT))  # layout: no transition at all
    # Without reduced motion the same spec goes out as written.
    assert sent(send_transitions, None, spec) != sent(send_transitions, None, spec, reduced=True)


def test_a_visual_transition_keeps_its_fades_and_loses_its_movement():
    assert sent(send_transitions, None, 250, reduced=True) == expected(
        (AnimGroup.VISUAL, (250.0, 0.0, "ease")), (AnimGroup.TRANSFORM, INSTANT),
        (AnimGroup.BORDER_WIDTHS, INSTANT), (AnimGroup.SCROLL, INSTANT))


def test_finite_keyframes_are_not_played_and_looping_ones_are():
    both = {"rotate": SPIN, "opacity": PULSE}
    reduced = sent(send_animations, None, both, reduced=True)
    buf = CommandBuffer()
    buf.set_keyframes(7, Prop.ROTATE, list(SPIN.frames), SPIN.duration, SPIN.delay, math.inf,
                      SPIN.direction)
    assert reduced == buf.getvalue()


def hosts(root: SceneRoot) -> list[HostInstance]:
    return [h for h in root.scene.nodes.values() if isinstance(h, HostInstance)]


def test_a_scroll_container_without_a_transition_scrolls_instantly():
    viewer = ViewerSettings(reduced_motion=True)
    root = SceneRoot(View(View(height=2000), overflow="scroll", height=500), viewer=viewer)
    batch = root.flush()
    scroller = next(h for h in hosts(root) if h.is_scroller())
    buf = CommandBuffer()
    buf.set_transition(scroller.node, AnimGroup.SCROLL, *INSTANT)
    assert buf.getvalue() in batch
    # Turning reduced motion off puts the engine's own glide back (the transition cleared).
    viewer.reduced_motion.set(False)
    again = root.flush()
    clear = CommandBuffer().clear_animations(scroller.node, 0).getvalue()
    assert clear in again and buf.getvalue() not in again
