"""Slider: left/right step the value (held keys repeat), clamped; role `slider` with its range."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, parse, states

from components import Column, Slider
from renderer import CommandBuffer, Key, KeyAction
from signals import Signal


@pytest.fixture
def volume():
    return Signal(40.0)


@pytest.fixture
def stage(volume):
    stage = Stage(Column(Slider("Volume", value=volume, step=5, test_id="v",
                                format=lambda v: f"{v:.0f}%"),
                         Slider("Bass", min=-6, max=6, test_id="bass"), padding=48, gap=16))
    yield stage
    stage.close()


def test_the_slider_carries_its_role_value_range_and_text(stage):
    node = find(parse(stage.dump()), test_id="v")
    assert (node.prop("role"), node.prop("value"), node.prop("min"), node.prop("max")) == (
        "slider", "40", "0", "100")
    assert node.prop("value_text") == "40%"
    bass = find(parse(stage.dump()), test_id="bass")
    assert (bass.prop("value"), bass.prop("min"), bass.prop("max")) == ("-6", "-6", "6")


def test_left_and_right_step_the_value_and_do_not_move_focus(stage, volume):
    stage.key(Key.DOWN)
    stage.key(Key.RIGHT)
    stage.key(Key.RIGHT)
    assert volume() == 50.0
    node = find(parse(stage.dump()), test_id="v")
    assert states(node) == {"focused"} and node.prop("value_text") == "50%"
    stage.key(Key.LEFT)
    assert volume() == 45.0
    stage.key(Key.DOWN)                                   # up/down still move focus
    assert states(find(parse(stage.dump()), test_id="bass")) == {"focused"}


def test_a_held_key_repeats_and_the_value_stops_at_max(stage, volume):
    stage.key(Key.DOWN)
    stage.step.send_commands(CommandBuffer().key(int(Key.RIGHT), KeyAction.DOWN).getvalue())
    stage.settle()
    for _ in range(20):
        stage.step.send_commands(CommandBuffer().key(int(Key.RIGHT), KeyAction.REPEAT)
                                 .getvalue())
        stage.settle()
    stage.step.send_commands(CommandBuffer().key(int(Key.RIGHT), KeyAction.UP).getvalue())
    stage.settle()
    assert volume() == 100.0
    assert find(parse(stage.dump()), test_id="v").prop("value") == "100"


def test_a_controlled_slider_reports_the_step_and_keeps_the_apps_value():
    asked = []
    stage = Stage(Column(Slider("Volume", value=10, step=2, on_change=asked.append,
                                test_id="v")))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.RIGHT)
        assert asked == [12.0]
        assert find(parse(stage.dump()), test_id="v").prop("value") == "10"
    finally:
        stage.close()


def test_bad_arguments_name_the_slider_and_the_prop():
    with pytest.raises(ValueError, match=r"Slider\(min=10, max=0\): min must be less than max"):
        Slider("x", min=10, max=0)
    with pytest.raises(ValueError, match=r"Slider\(step=0\) must be > 0"):
        Slider("x", step=0)
    with pytest.raises(ValueError, match=r"Slider\(value=150\) is outside min..max"):
        Slider("x", value=150)
    with pytest.raises(TypeError, match=r"Slider\(max=\.\.\.\) must be a number"):
        Slider("x", max="10")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Slider\(\) got an unknown prop 'colour'"):
        Slider("x", colour="red")


async def test_slider_states(ui, snapshot):
    page = Column(Slider("Volume", value=40, width=1000, test_id="v"),
                  Slider("Balance", value=0, min=-10, max=10, width=1000),
                  Slider("Size", value=2, min=1, max=4, width=1000, disabled=True),
                  padding=48, gap=16, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down")
    await screen.press("right", times=3)
    assert screen.focused.props["value"] == "43"
    assert screen.snapshot() == snapshot(name="focused_stepped")
