"""Keyboard: a layout table of focusable keys; select types into a TextEdit or a signal."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse, states

from components import LAYOUTS, Column, Keyboard, KeyboardLayout, TextEdit, TextField
from renderer import CommandBuffer, Key
from signals import Signal


def press_label(stage: Stage, label: str) -> None:
    """Focus the key labelled `label` (a `FOCUS` command) and press select on it."""
    node = find(parse(stage.dump()), role="button", label=label)
    stage.step.send_commands(CommandBuffer().focus(node.id).getvalue())
    stage.settle()
    stage.key(Key.SELECT)


def test_keys_type_at_the_caret_of_a_shared_text_edit():
    query = Signal("")
    edit = TextEdit(query)
    stage = Stage(Column(TextField(edit, test_id="field", width=60), Keyboard(target=edit),
                         padding=32,
                         gap=16))
    try:
        stage.key(Key.DOWN)                                # the field
        stage.key(Key.DOWN)                                # the first key, "a"
        assert focused(parse(stage.dump())).prop("label") == "a"
        stage.key(Key.SELECT)
        stage.key(Key.RIGHT)
        stage.key(Key.SELECT)
        assert query() == "ab" and edit.caret() == 2
        press_label(stage, "Space")
        press_label(stage, "Delete")
        press_label(stage, "Delete")
        assert query() == "a"
        press_label(stage, "Clear")
        assert query() == ""
    finally:
        stage.close()


def test_shift_types_capitals_and_the_switch_key_changes_layout():
    text = Signal("")
    typed = []
    stage = Stage(Column(Keyboard(layout="qwerty", target=text, on_key=typed.append,
                                  test_id="kb"), padding=32))
    try:
        root = parse(stage.dump())
        assert find(root, test_id="kb").prop("label") == "Keyboard (qwerty)"
        stage.key(Key.DOWN)
        press_label(stage, "Shift")
        assert states(focused(parse(stage.dump()))) == {"checked", "focused"}
        press_label(stage, "Q")
        assert text() == "Q"
        press_label(stage, "Symbols")
        assert find(parse(stage.dump()), test_id="kb").prop("label") == "Keyboard (symbols)"
        press_label(stage, "@")
        assert text() == "Q@" and typed == ["SHIFT", "Q", "SWITCH", "@"]
    finally:
        stage.close()


def test_the_cyrillic_layout_and_the_email_row():
    text = Signal("")
    stage = Stage(Column(Keyboard(layout="cyrillic", extra="email", target=text), padding=32))
    try:
        labels = [n.prop("label") for n in parse(stage.dump()).walk() if n.prop("role") ==
                  "button"]
        assert labels[:3] == ["й", "ц", "у"] and ".com" in labels and "@" in labels
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        assert text() == "й"
    finally:
        stage.close()


def test_a_right_to_left_layout_puts_the_first_key_at_the_right():
    LAYOUTS["test-rtl"] = KeyboardLayout("test-rtl", rows=(("1", "2", "3"),), direction="rtl",
                                         shift=False)
    try:
        stage = Stage(Column(Keyboard(layout="test-rtl"), padding=32))
        root = parse(stage.dump())
        one, three = find(root, label="1"), find(root, label="3")
        assert one.x > three.x
        stage.close()
    finally:
        del LAYOUTS["test-rtl"]


def test_bad_arguments_name_the_keyboard():
    with pytest.raises(ValueError, match=r"Keyboard\(layout='dvorak'\): expected one of "
                                         r"'alphabetical', 'qwerty'"):
        Keyboard(layout="dvorak")
    with pytest.raises(ValueError, match=r"Keyboard\(extra='phone'\)"):
        Keyboard(extra="phone")
    with pytest.raises(TypeError, match=r"Keyboard\(target=\.\.\.\) must be a TextEdit"):
        Keyboard(target="abc")  # type: ignore[arg-type]


async def test_keyboard_states(ui, snapshot):
    page = Column(Keyboard(layout="alphabetical"), padding=48, width="100%", height="100%",
                  background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    await screen.press("down")
    await screen.press("right", times=2)
    assert screen.focused.label == "c"
    assert screen.snapshot() == snapshot(name="alphabetical_focused")
    await screen.press("down", times=4)
    await screen.press("select")                          # ?123: the symbols layout
    assert screen.snapshot() == snapshot(name="symbols")
