"""transition= and animate= on host elements reach the engine, which animates by itself."""

from __future__ import annotations

import math
from typing import Any

import pytest

from renderer import CommandBuffer, Key, KeyAction, Renderer
from renderer.lowlevel import Opcode, iter_commands
from sdk import VIEW, Element, Keyframes, SceneRoot, Spring, component, host_element
from signals import signal


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def opcodes(batch: bytes) -> list[int]:
    return [op for op, _, _ in iter_commands(batch)]


def drive(root: SceneRoot, renderer: Renderer, now: float, keys: tuple[int, ...] = ()) -> Any:
    batch = root.flush()
    if batch:
        renderer.apply(batch)
    if keys:
        buf = CommandBuffer()
        for key in keys:
            buf.key(key, KeyAction.DOWN).key(key, KeyAction.UP)
        renderer.apply(buf.getvalue())
    out = renderer.frame(now)
    root.handle_events(out.events)
    return out


def test_a_focus_transition_runs_in_the_engine_and_reports_its_end():
    ended: list[Any] = []
    tile = View(width=200, height=120, background="#334455", focusable=True,
                focused_style={"scale": 1.2, "background": "#3366ff"},
                transition={"scale": (200, "linear"), "background": 200},
                on_animation_end=ended.append)
    root = SceneRoot(View(tile, padding=100))
    renderer = Renderer()
    try:
        first = root.flush()
        assert Opcode.SET_TRANSITION in opcodes(first)
        renderer.apply(first)
        renderer.frame(0)
        out = drive(root, renderer, 16, keys=(Key.RIGHT,))
        assert out.animations_running  # the focused look glides; nothing to do for the app
        out = drive(root, renderer, 116)
        assert out.animations_running and not ended
        for now in (216, 232, 248):
            out = drive(root, renderer, now)
        assert not out.animations_running
        assert ended and {event.prop for event in ended} >= {46, 47}  # SCALE_X, SCALE_Y
    finally:
        renderer.close()


def test_changing_or_removing_a_transition_sends_only_the_difference():
    spec = signal({"opacity": 150, "scale": 100})

    @component
    def Tile() -> Element:
        return View(width=10, height=10, transition=spec())

    root = SceneRoot(View(Tile()))
    assert opcodes(root.flush()).count(Opcode.SET_TRANSITION) == 3  # opacity, scale x and y
    spec.set({"opacity": 150, "layout": Spring()})
    changed = opcodes(root.flush())
    # scale_x and scale_y removed (duration 0), layout added; opacity unchanged
    assert changed.count(Opcode.SET_TRANSITION) == 3


def test_keyframes_run_forever_and_are_cleared_when_the_prop_goes():
    spinning = signal(True)

    @component
    def Spinner() -> Element:
        frames = Keyframes([(0, 0.0), (1, 360.0)], duration=900, iterations=math.inf)
        return View(width=40, height=40, background="#ffffff",
                    animate={"rotate": frames} if spinning() else None)

    root = SceneRoot(View(Spinner()))
    renderer = Renderer()
    try:
        batch = root.flush()
        assert Opcode.SET_KEYFRAMES in opcodes(batch)
        renderer.apply(batch)
        out = renderer.frame(0)
        out = renderer.frame(5000)
        assert out.infinite_animations
        spinning.set(False)
        batch = root.flush()
        assert Opcode.CLEAR_ANIMATIONS in opcodes(batch)
        renderer.apply(batch)
        renderer.frame(5016)
        out = renderer.frame(5032)
        assert not out.infinite_animations
    finally:
        renderer.close()


def test_a_bad_transition_names_the_property():
    root = SceneRoot(View(width=10, transition={"colour": 100}))
    with pytest.raises(Exception, match="'colour' cannot be animated"):
        root.flush()


def test_the_crash_rebuild_sends_the_transitions_again():
    root = SceneRoot(View(width=10, height=10, transition={"opacity": 150},
                          animate={"rotate": Keyframes([(0, 0), (1, 90)], duration=500)}))
    root.flush()
    rebuilt = opcodes(root.rebuild_commands())
    assert Opcode.SET_TRANSITION in rebuilt and Opcode.SET_KEYFRAMES in rebuilt


def test_the_app_can_await_the_end_of_an_animation():
    import asyncio

    from async_tasks import VirtualClock
    from sdk import App, Ref

    ref = Ref()
    tile = View(width=100, height=100, focusable=True, ref=ref,
                focused_style={"opacity": 0.5}, transition={"opacity": (100, "linear")})

    async def main() -> int:
        async with App(View(tile), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await app.frame()
            waiter = asyncio.ensure_future(ref.animation_end())
            app.press("right")
            frames = 0
            while not waiter.done() and frames < 30:
                await app.frame()
                frames += 1
            assert waiter.done(), "the animation end never arrived"
            assert waiter.result().prop == 43  # OPACITY
            return frames

    frames = asyncio.run(main())
    assert 6 <= frames <= 9  # 100 ms of 16.7 ms frames, after the key's frame
