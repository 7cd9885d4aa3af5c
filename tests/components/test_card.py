"""Card: a focusable tile (role `button`) that scales and shows the ring on focus."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, parse, states, texts

from components import TEN_FOOT, Card, Row
from renderer import Key


def test_focus_scales_the_card_and_select_presses_it():
    pressed = []
    stage = Stage(Row(Card("Metropolis", subtitle="1927", test_id="a",
                           on_press=lambda: pressed.append("a")),
                      Card("Nosferatu", test_id="b", focus_scale=1.1), padding=48, gap=32))
    try:
        a = find(parse(stage.dump()), test_id="a")
        assert a.prop("role") == "button" and a.prop("label") == "Metropolis, 1927"
        assert texts(a) == ["Metropolis", "1927"] and a.prop("scale_x") is None
        stage.key(Key.RIGHT)
        a = find(parse(stage.dump()), test_id="a")
        assert states(a) == {"focused"} and a.prop("scale_x") == str(TEN_FOOT.focus.scale)
        assert a.prop("border_color") == "#ffffffff"
        stage.key(Key.SELECT)
        assert pressed == ["a"]
        stage.key(Key.RIGHT)
        assert find(parse(stage.dump()), test_id="b").prop("scale_x") == "1.1"
    finally:
        stage.close()


def test_bad_arguments_name_the_card():
    with pytest.raises(ValueError, match=r"Card\(width=0\) must be > 0"):
        Card("x", width=0)
    with pytest.raises(TypeError, match=r"Card\(\) got an unknown prop 'poster'"):
        Card("x", poster="a.jpg")


async def test_card_states(ui, snapshot):
    page = Row(Card("Metropolis", subtitle="1927 · Sci-fi"), Card("Nosferatu", subtitle="1922"),
               Card("Sunrise", disabled=True), padding=64, gap=40, width="100%",
               height="100%", background="#0b0d12", align="start")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("right", times=2)
    assert screen.focused.label == "Nosferatu, 1922"
    assert screen.snapshot() == snapshot(name="focused")
