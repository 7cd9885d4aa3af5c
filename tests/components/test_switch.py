"""Switch: select flips it; role `switch` with state `checked`; controlled and uncontrolled."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, parse, states

from components import Column, Switch
from renderer import Key
from signals import Signal


def test_select_flips_the_switch_and_writes_the_signal():
    subtitles = Signal(False)
    stage = Stage(Column(Switch("Subtitles", value=subtitles, test_id="s"), padding=48))
    try:
        assert states(find(parse(stage.dump()), test_id="s")) == set()
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        node = find(parse(stage.dump()), test_id="s")
        assert node.prop("role") == "switch" and node.prop("label") == "Subtitles"
        assert states(node) == {"checked", "focused"}
        assert subtitles() is True
        stage.key(Key.SELECT)
        assert states(find(parse(stage.dump()), test_id="s")) == {"focused"}
        subtitles.set(True)                               # the app writes: the switch follows
        stage.settle()
        assert "checked" in states(find(parse(stage.dump()), test_id="s"))
    finally:
        stage.close()


def test_a_controlled_switch_asks_on_change_and_shows_what_the_app_renders():
    asked = []
    stage = Stage(Column(Switch("Autoplay", value=False, on_change=asked.append, test_id="s")))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        assert asked == [True]
        assert "checked" not in states(find(parse(stage.dump()), test_id="s"))
    finally:
        stage.close()


def test_an_uncontrolled_switch_keeps_its_own_state_and_reports_it():
    seen = []
    stage = Stage(Column(Switch("Autoplay", value=True, test_id="a"),
                         Switch("Lock", on_change=seen.append, test_id="b"), gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        root = parse(stage.dump())
        assert "checked" not in states(find(root, test_id="a"))
        assert states(find(root, test_id="b")) == {"checked", "focused"}
        assert seen == [True]
    finally:
        stage.close()


def test_a_disabled_switch_is_skipped_by_focus_and_never_flips():
    stage = Stage(Column(Switch("Lock", value=True, disabled=True, test_id="lock"),
                         Switch("Other", test_id="other"), gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        root = parse(stage.dump())
        assert states(find(root, test_id="lock")) == {"checked", "disabled"}
        assert states(find(root, test_id="other")) == {"checked", "focused"}
    finally:
        stage.close()


def test_bad_props_name_the_switch():
    with pytest.raises(TypeError, match=r"Switch\(\) got an unknown prop 'size'"):
        Switch("x", size=3)
    with pytest.raises(TypeError, match=r"Switch\(value=\.\.\.\) must be a bool"):
        Switch("x", value="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Switch\(on_change=\.\.\.\) must be callable"):
        Switch("x", on_change=3)  # type: ignore[arg-type]


async def test_switch_states(ui, snapshot):
    page = Column(Switch("Subtitles", value=True, width=560, test_id="on"),
                  Switch("Autoplay", width=560), Switch("Lock", disabled=True, width=560),
                  padding=48, gap=16, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.get_by_role("switch", name="Subtitles").state == {"checked"}
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down")
    assert screen.focused.state == {"checked", "focused"}
    assert screen.snapshot() == snapshot(name="focused_checked")
    await screen.press("select")
    assert screen.focused.state == {"focused"}
    assert screen.snapshot() == snapshot(name="focused_unchecked")
