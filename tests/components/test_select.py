"""Select: cycles with left/right, or opens a list (a focus trap) on select; back closes."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse, states, texts

from components import Button, Column, Select
from renderer import Key
from signals import Signal

QUALITIES = ["Auto", "1080p", "720p"]


def test_left_and_right_cycle_through_the_options_and_wrap():
    quality = Signal("Auto")
    stage = Stage(Column(Select("Quality", QUALITIES, value=quality, test_id="q"),
                         Button("Below", test_id="below"), padding=48, gap=16))
    try:
        node = find(parse(stage.dump()), test_id="q")
        assert node.prop("role") == "combobox" and node.prop("value_text") == "Auto"
        stage.key(Key.DOWN)
        stage.key(Key.RIGHT)
        stage.key(Key.RIGHT)
        assert quality() == "720p"
        stage.key(Key.RIGHT)
        assert quality() == "Auto"                        # wraps
        stage.key(Key.LEFT)
        assert quality() == "720p"
        assert focused(parse(stage.dump())).prop("test_id") == "q"
        stage.key(Key.SELECT)                             # select steps forward too
        assert quality() == "Auto"
    finally:
        stage.close()


def test_list_mode_opens_a_trapped_list_on_the_chosen_option_and_select_picks():
    picked = []
    stage = Stage(Column(Select("Audio", ["English", "Français", "Deutsch"], mode="list",
                                on_change=picked.append, test_id="a"),
                         Button("Below", test_id="below"), padding=48, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        root = parse(stage.dump())
        assert states(find(root, test_id="a")) == {"expanded"}
        listbox = find(root, role="listbox")
        assert texts(listbox) == ["English", "Français", "Deutsch"]
        now = focused(root)
        assert now.prop("role") == "option" and states(now) == {"selected", "focused"}
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)                                # the list is a trap: stays inside
        assert focused(parse(stage.dump())).prop("label") == "Deutsch"
        stage.key(Key.SELECT)
        root = parse(stage.dump())
        assert picked == ["Deutsch"]
        assert [n for n in root.walk() if n.prop("role") == "listbox"] == []
        assert focused(root).prop("test_id") == "a" and "expanded" not in states(
            find(root, test_id="a"))
    finally:
        stage.close()


def test_back_closes_the_list_without_a_change():
    audio = Signal("English")
    stage = Stage(Column(Select("Audio", ["English", "Français"], value=audio, mode="list",
                                test_id="a"), padding=48))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        stage.key(Key.DOWN)
        stage.key(Key.BACK)
        root = parse(stage.dump())
        assert audio() == "English"
        assert focused(root).prop("test_id") == "a"
        assert not any(n.prop("role") == "option" for n in root.walk())
    finally:
        stage.close()


def test_bad_arguments_name_the_select():
    with pytest.raises(ValueError, match=r"Select\(mode='menu'\): expected one of"):
        Select("x", ["a"], mode="menu")
    with pytest.raises(ValueError, match=r"Select\(value='b'\) is not one of the options"):
        Select("x", ["a"], value="b")
    with pytest.raises(ValueError, match=r"needs at least one option"):
        Select("x", [])


async def test_select_states(ui, snapshot):
    page = Column(Select("Quality", QUALITIES, value="1080p", width=900),
                  Select("Audio", ["English", "Français"], mode="list", width=900),
                  Select("Captions", ["Off", "On"], disabled=True, width=900),
                  padding=48, gap=16, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down")
    assert screen.snapshot() == snapshot(name="cycle_focused")
    await screen.press("down")
    await screen.press("select")
    assert screen.get_by_role("combobox", name="Audio").state == {"expanded"}
    assert screen.snapshot() == snapshot(name="list_open")
