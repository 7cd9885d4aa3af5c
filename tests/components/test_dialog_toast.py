"""Dialog (focus trapped, default action, back closes) and Toast (never focused, times out)."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse

from components import Button, Column, Dialog, Row, Toast, View
from renderer import Key
from sdk import Show
from signals import Signal


def test_the_dialog_focuses_its_default_action_traps_focus_and_back_closes():
    asking = Signal(True)
    done = []
    page = View(Row(Button("Behind", test_id="behind"), padding=48),
                Show(Dialog("Sign out?", message="You will need your PIN.",
                            actions=[("Sign out", lambda: done.append("out")),
                                     ("Cancel", lambda: asking.set(False))],
                            default_action=1, on_close=lambda: asking.set(False)),
                     when=asking), width="100%", height="100%")
    stage = Stage(page)
    try:
        root = parse(stage.dump())
        assert find(root, role="dialog").prop("label") == "Sign out?"
        assert find(root, role="heading").text() == "Sign out?"
        assert focused(root).prop("label") == "Cancel"
        stage.key(Key.UP)                                  # the trap keeps focus inside
        stage.key(Key.LEFT)
        assert focused(parse(stage.dump())).prop("label") == "Sign out"
        stage.key(Key.SELECT)
        assert done == ["out"]
        stage.key(Key.BACK)
        assert asking() is False
        assert not any(n.prop("role") == "dialog" for n in parse(stage.dump()).walk())
    finally:
        stage.close()


def test_a_toast_is_a_status_that_never_takes_focus():
    stage = Stage(View(Column(Button("Play", test_id="play"), padding=48),
                       Toast("Saved", test_id="toast"), Toast("Failed", kind="error"),
                       width="100%", height="100%"))
    try:
        root = parse(stage.dump())
        toast = find(root, test_id="toast")
        assert toast.prop("role") == "status" and toast.prop("label") == "Saved"
        assert find(root, label="Failed").prop("role") == "alert"
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)
        assert focused(parse(stage.dump())).prop("test_id") == "play"
    finally:
        stage.close()


async def test_a_toast_calls_on_dismiss_after_its_duration(ui):
    shown = Signal(True)
    screen = await ui.mount(View(Show(Toast("Saved", duration_ms=3000,
                                            on_dismiss=lambda: shown.set(False)), when=shown),
                                 width="100%", height="100%"), SMALL, design_size=DESIGN)
    await screen.advance(2900)
    assert shown() is True and screen.get_by_role("status").label == "Saved"
    await screen.advance(200)
    assert shown() is False and screen.query_by_role("status") is None


def test_bad_arguments_name_the_widget():
    with pytest.raises(ValueError, match=r"Dialog\(actions=\.\.\.\) needs at least one"):
        Dialog("x", actions=[])
    with pytest.raises(ValueError, match=r"Dialog\(default_action=2\) must be an index 0..0"):
        Dialog("x", actions=[("OK", lambda: None)], default_action=2)
    with pytest.raises(ValueError, match=r"Toast\(kind='warn'\): expected one of"):
        Toast("x", kind="warn")


async def test_dialog_and_toast_states(ui, snapshot):
    page = View(Row(Button("Play"), Button("Sign out"), padding=48, gap=24),
                Toast("Added to your list", kind="success", duration_ms=None),
                Dialog("Sign out?", message="You will need your PIN to sign in again.",
                       actions=[("Sign out", lambda: None), ("Cancel", lambda: None)]),
                width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    await screen.settle()
    assert screen.focused.label == "Sign out"
    assert screen.snapshot() == snapshot(name="open")
