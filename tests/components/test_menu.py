"""Menu and Tabs: the engine moves focus; select (menu) or focus (tabs) selects."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse, states, texts

from components import Button, Column, Menu, MenuItem, Row, Tabs, Text, View
from renderer import Key
from signals import Signal


def test_select_selects_the_focused_menu_item():
    page = Signal(0)
    stage = Stage(Row(Menu(["Home", "Search", MenuItem("Downloads", disabled=True), "Settings"],
                           selected=page, test_id="menu"),
                      Button("Content", test_id="content"), padding=48, gap=48))
    try:
        root = parse(stage.dump())
        assert find(root, test_id="menu").prop("role") == "menu"
        home = find(root, label="Home")
        assert home.prop("role") == "menuitem" and states(home) == {"selected"}
        stage.key(Key.DOWN)                                # into the menu: the selected item
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)                                # skips the disabled item
        assert focused(parse(stage.dump())).prop("label") == "Settings"
        stage.key(Key.SELECT)
        root = parse(stage.dump())
        assert page() == 3
        assert states(find(root, label="Settings")) == {"selected", "focused"}
        assert states(find(root, label="Home")) == set()
        assert states(find(root, label="Downloads")) == {"disabled"}
    finally:
        stage.close()


def test_coming_back_into_the_menu_lands_on_the_selected_item():
    stage = Stage(Row(Menu(["Home", "Search", "Settings"], selected=2), Button("Content"),
                      padding=48, gap=48))
    try:
        stage.key(Key.DOWN)
        assert focused(parse(stage.dump())).prop("label") == "Settings"
        stage.key(Key.RIGHT)
        stage.key(Key.LEFT)
        assert focused(parse(stage.dump())).prop("label") == "Settings"
    finally:
        stage.close()


def test_tabs_follow_focus_and_show_the_panel():
    section = Signal(0)
    stage = Stage(Column(Tabs(["Movies", "Series", "Kids"], selected=section,
                              render=lambda i: Text(f"panel {i}"), test_id="tabs"),
                         padding=48))
    try:
        root = parse(stage.dump())
        assert find(root, role="tablist") is not None
        assert states(find(root, role="tab", label="Movies")) == {"selected"}
        assert texts(find(root, role="tabpanel")) == ["panel 0"]
        stage.key(Key.RIGHT)
        stage.key(Key.RIGHT)
        root = parse(stage.dump())
        assert section() == 1
        assert states(find(root, role="tab", label="Series")) == {"selected", "focused"}
        assert find(root, role="tab", label="Series").prop("states") is None
        assert texts(find(root, role="tabpanel")) == ["panel 1"]
    finally:
        stage.close()


def test_bad_arguments_name_the_widget():
    with pytest.raises(ValueError, match=r"Menu\(selected=5\) must be an index 0..1"):
        Menu(["a", "b"], selected=5)
    with pytest.raises(ValueError, match=r"Tabs\(items\) must be a non-empty list"):
        Tabs([])
    with pytest.raises(TypeError, match=r"Menu\(items\) takes strings or MenuItem"):
        Menu([3])  # type: ignore[list-item]


async def test_menu_and_tabs_states(ui, snapshot):
    dot = View(width=28, height=28, radius=14, background="#2563d9")
    page = Row(Menu(["Home", MenuItem("Search", icon=dot), "Movies",
                     MenuItem("Downloads", disabled=True)], item_width=360),
               Tabs(["Movies", "Series", "Kids"], render=lambda i: Text(f"Page {i}")),
               padding=48, gap=48, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down", times=2)
    assert screen.focused.label == "Search"
    assert screen.snapshot() == snapshot(name="menu_focus_on_another")
    await screen.press("right")
    assert screen.focused.role == "tab"
    assert screen.snapshot() == snapshot(name="tab_focused")
