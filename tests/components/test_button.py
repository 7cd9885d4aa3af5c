"""Button: focus and press through real KEY commands; the engine applies the state styles."""

from __future__ import annotations

import pytest
from components_kit import Stage, find, focused, parse

from components import TEN_FOOT, Button, Row, View
from renderer import CommandBuffer, FocusEvent, Key, KeyAction, PressEvent


@pytest.fixture
def presses():
    return []


@pytest.fixture
def stage(presses):
    page = Row(
        Button("Play", on_press=lambda: presses.append("play"), test_id="play"),
        Button("Info", disabled=True, on_press=lambda: presses.append("info"), test_id="info"),
        Button("More", on_press=lambda e: presses.append(("more", type(e).__name__)),
               test_id="more"),
        gap=24, padding=(54, 96),
    )
    stage = Stage(page)
    yield stage
    stage.close()


def test_an_arrow_focuses_the_first_button_and_the_engine_shows_the_focused_style(stage):
    at_rest = find(parse(stage.dump()), test_id="play")
    assert not at_rest.focused and at_rest.prop("bg") == "#2b3040ff"
    assert at_rest.prop("border_color") is None          # the ring is there, transparent
    events = stage.key(Key.RIGHT)
    play = find(parse(stage.dump()), test_id="play")
    assert play.focused
    assert play.prop("bg") == "#2563d9ff"                 # theme accent, applied by the engine
    assert play.prop("border_color") == "#ffffffff"       # high-contrast ring
    assert play.prop("scale_x") == "1.06"
    assert (play.w, play.h) == (at_rest.w, at_rest.h)     # focusing does not change layout
    assert [e.node for e in events if isinstance(e, FocusEvent)] == [play.id]


def test_select_presses_the_focused_button_calls_on_press_and_release_clears_pressed(
        stage, presses):
    stage.key(Key.RIGHT)
    stage.engine.apply(CommandBuffer().key(int(Key.SELECT), KeyAction.DOWN))
    events = stage.settle()
    play = find(parse(stage.dump()), test_id="play")
    assert play.has("pressed") and play.prop("bg") == "#163f94ff"
    assert play.prop("scale_x") == str(TEN_FOOT.focus.pressed_scale)
    assert [type(e) for e in events if isinstance(e, PressEvent)] == [PressEvent]
    assert presses == ["play"]
    stage.engine.apply(CommandBuffer().key(int(Key.SELECT), KeyAction.UP))
    stage.settle()
    play = find(parse(stage.dump()), test_id="play")
    assert not play.has("pressed") and play.focused


def test_a_disabled_button_is_skipped_by_focus_and_never_pressed(stage, presses):
    info = find(parse(stage.dump()), test_id="info")
    assert info.has("disabled") and info.prop("opacity") == "0.4"
    stage.key(Key.RIGHT)
    stage.key(Key.RIGHT)                                  # jumps over "info"
    assert focused(parse(stage.dump())).prop("test_id") == "more"
    stage.key(Key.SELECT)
    assert presses == [("more", "PressEvent")]            # a one-argument handler gets the event


def test_button_rejects_bad_arguments():
    with pytest.raises(TypeError, match="Button\\(text\\)"):
        Button(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on_press"):
        Button("x", on_press="go")  # type: ignore[arg-type]


def test_a_wrong_prop_names_the_button_not_its_view():
    with pytest.raises(TypeError, match=r"^Button\(\) got an unknown prop 'sise'"):
        Button("Play", sise=40)


def test_label_size_colour_and_icon():
    stage = Stage(Row(Button("Play", size=44, color="#ffd166", test_id="b",
                             icon=View(width=30, height=30, background="#e50914",
                                       test_id="icon")), padding=48))
    try:
        button = find(parse(stage.dump()), test_id="b")
        icon, label = button.children
        assert icon.prop("test_id") == "icon" and icon.x < label.x
        assert label.prop("size") == "44" and label.prop("color") == "#ffd166ff"
    finally:
        stage.close()
    with pytest.raises(ValueError, match=r"Button\(size=\.\.\.\) must be a number > 0"):
        Button("x", size=0)
    with pytest.raises(TypeError, match=r"Button\(icon=\.\.\.\) must be an image source"):
        Button("x", icon=3)  # type: ignore[arg-type]
