"""Overlay (a focus-trapping layer above the page) and Spinner (static or clock-driven)."""

from __future__ import annotations

import pytest
from components_kit import Stage, find, focused, parse

from components import Button, Column, Overlay, Row, Spinner, Text
from renderer import Key
from renderer.lowlevel import Opcode
from sdk import Ref, Show, component
from signals import signal


@pytest.fixture
def page():
    state = {"open": signal(False), "closed": 0, "back": Ref(), "ok": Ref()}

    def close() -> None:
        state["closed"] += 1
        state["open"].set(False)

    @component
    def Page():
        return Column(
            Row(Button("Left", test_id="left"), Button("Open", ref=state["back"], test_id="open"),
                gap=24),
            Row(Button("Below 1", test_id="below1"), Button("Below 2", test_id="below2"),
                gap=24),
            Show(Overlay(Column(Text("Delete?"),
                                Row(Button("OK", ref=state["ok"], test_id="ok"),
                                    Button("Cancel", test_id="cancel"), gap=24),
                                gap=32, padding=48, background="#1b1f2a", radius=20),
                         initial_focus=state["ok"], return_focus=state["back"],
                         on_close=close, label="Confirm", test_id="overlay"),
                 when=state["open"]),
            width="100%", height="100%", padding=(54, 96), gap=24,
        )

    stage = Stage(Page())
    yield stage, state
    stage.close()


def test_overlay_covers_the_page_above_everything(page):
    stage, state = page
    state["open"].set(True)
    stage.settle()
    layer = find(parse(stage.dump()), test_id="overlay")
    assert (layer.x, layer.y, layer.w, layer.h) == (0, 0, 1920, 1080)
    assert layer.prop("position") == "absolute" and layer.prop("z") == "1000"
    assert layer.prop("role") == "dialog" and layer.has("focus_scope")
    assert layer.prop("bg") == "#000000b8"          # the theme's scrim


def test_overlay_takes_focus_keeps_it_inside_and_gives_it_back(page):
    stage, state = page
    stage.key(Key.RIGHT)
    stage.key(Key.RIGHT)
    assert focused(parse(stage.dump())).prop("test_id") == "open"
    state["open"].set(True)
    stage.settle()
    assert focused(parse(stage.dump())).prop("test_id") == "ok"      # initial_focus
    inside = {"ok", "cancel"}
    # every direction, many times: the page's buttons lie left, up and down of the dialog
    for key in [Key.LEFT, Key.UP, Key.DOWN, Key.RIGHT, Key.RIGHT, Key.DOWN, Key.UP, Key.LEFT] * 2:
        stage.key(key)
        assert focused(parse(stage.dump())).prop("test_id") in inside, key
    stage.key(Key.RIGHT)
    assert focused(parse(stage.dump())).prop("test_id") == "cancel"   # moves within the scope
    stage.key(Key.BACK)                                                # on_close
    assert state["closed"] == 1
    root = parse(stage.dump())
    assert all(n.prop("test_id") != "overlay" for n in root.walk())
    assert focused(root).prop("test_id") == "open"                    # return_focus


def test_without_the_overlay_the_same_keys_reach_the_page(page):
    # the control for the trap test: the page's buttons are reachable from where the dialog is
    stage, _ = page
    seen = set()
    for key in [Key.RIGHT, Key.DOWN, Key.LEFT, Key.UP, Key.RIGHT, Key.DOWN, Key.RIGHT]:
        stage.key(key)
        seen.add(focused(parse(stage.dump())).prop("test_id"))
    assert {"left", "open", "below1", "below2"} <= seen


def test_a_static_spinner_is_a_ring_of_fading_dots(tmp_path):
    stage = Stage(Row(Spinner(size=80, test_id="spin")))
    try:
        spin = find(parse(stage.dump()), test_id="spin")
        assert spin.prop("role") == "progress" and spin.prop("label") == "Loading"
        assert (spin.w, spin.h) == (80, 80) and spin.prop("rotate") is None
        dots = spin.children
        assert len(dots) == 8
        opacities = [float(d.prop("opacity") or 1) for d in dots]
        assert opacities[0] == 1.0 and opacities[1] == min(opacities)
        assert opacities[7] == max(opacities[1:])            # the tail fades behind the head
        for dot in dots:                                     # all on the ring, inside the box
            assert spin.x <= dot.x and dot.x + dot.w <= spin.x + spin.w + 0.5
    finally:
        stage.close()


def test_a_clock_driven_spinner_turns_with_one_command_per_step():
    now = signal(0.0)
    stage = Stage(Row(Spinner(time=now, period_ms=800, test_id="spin")))
    try:
        assert find(parse(stage.dump()), test_id="spin").prop("rotate") is None  # 0 degrees
        start = len(stage.batches)
        now.set(100.0)                                       # one step of 8 per 800 ms
        stage.settle()
        assert find(parse(stage.dump()), test_id="spin").prop("rotate") == "45"
        assert stage.opcodes_since(start) == {Opcode.SET_PROP: 1}
        now.set(130.0)                                       # same step: nothing to send
        stage.settle()
        assert len(stage.batches) == start + 1
        now.set(790.0)
        stage.settle()
        assert find(parse(stage.dump()), test_id="spin").prop("rotate") == "315"
    finally:
        stage.close()


def test_spinner_and_overlay_reject_bad_arguments():
    with pytest.raises(ValueError, match="size"):
        Spinner(size=0)
    with pytest.raises(TypeError, match="time"):
        Spinner(time=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="initial_focus"):
        Overlay(initial_focus="ok")  # type: ignore[arg-type]


def test_the_default_spinner_turns_in_the_engine_without_app_work():
    from renderer import Renderer
    from sdk import SceneRoot

    root = SceneRoot(Row(Spinner(size=80, test_id="spin"), Spinner(spin=False)))
    engine = Renderer()
    try:
        engine.apply(root.flush())
        engine.frame(0)
        out = engine.frame(500)
        assert out.infinite_animations == 1  # the turning one only
        assert out.damage  # half a turn later the ring repainted, with no command sent
        assert root.flush() == b""
    finally:
        engine.close()
