"""TextField and TextEdit: the caret moves by grapheme cluster; placeholder, max length, secure."""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse, states, texts

from components import Button, Column, TextEdit, TextField, graphemes
from renderer import Key
from signals import Signal

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"   # man ZWJ woman ZWJ girl
FLAGS = "\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA"        # FR DE


@pytest.mark.parametrize(("text", "clusters"), [
    ("abc", ["a", "b", "c"]),
    ("e\u0301te\u0301", ["e\u0301", "t", "e\u0301"]),          # combining acute accents
    (f"a{FAMILY}b", ["a", FAMILY, "b"]),                       # a ZWJ emoji sequence
    (FLAGS, ["\U0001F1EB\U0001F1F7", "\U0001F1E9\U0001F1EA"]),  # regional indicator pairs
    ("\U0001F44D\U0001F3FD!", ["\U0001F44D\U0001F3FD", "!"]),   # skin-tone modifier
    ("\u1100\u1161\u11A8\uAC00", ["\u1100\u1161\u11A8", "\uAC00"]),  # Hangul jamo + syllable
    ("\u2764\uFE0F", ["\u2764\uFE0F"]),                         # variation selector
    ("a\r\nb", ["a", "\r\n", "b"]),
    ("", []),
])
def test_graphemes_split_what_a_viewer_sees_as_one_character(text, clusters):
    assert graphemes(text) == clusters


def test_text_edit_inserts_deletes_and_moves_by_cluster():
    value = Signal("")
    edit = TextEdit(value, max_length=5)
    edit.insert("ae\u0301")
    assert (value(), edit.caret()) == ("ae\u0301", 2)
    edit.move(-1)
    edit.insert(FAMILY)
    assert value() == f"a{FAMILY}e\u0301" and edit.caret() == 2
    edit.delete()                                          # the whole family goes
    assert value() == "ae\u0301" and edit.caret() == 1
    edit.move(5)
    edit.insert("xyzw")                                    # only 3 more fit in 5 clusters
    assert value() == "ae\u0301xyz" and edit.length() == 5
    edit.clear()
    assert (value(), edit.caret()) == ("", 0)


def test_left_and_right_move_the_caret_and_leave_the_field_at_its_ends():
    query = Signal("ab")
    edit = TextEdit(query)
    stage = Stage(Column(Button("Above"), TextField(edit, test_id="field"), padding=48, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)
        field = find(parse(stage.dump()), test_id="field")
        assert field.prop("role") == "textbox" and field.prop("value_text") == "ab"
        assert texts(field) == ["ab", ""] and edit.caret() == 2
        assert field.prop("capture_keys") is not None     # left is captured: caret can move
        stage.key(Key.LEFT)
        assert texts(find(parse(stage.dump()), test_id="field")) == ["a", "b"]
        stage.key(Key.LEFT)
        assert edit.caret() == 0
        assert focused(parse(stage.dump())).prop("test_id") == "field"
        stage.key(Key.LEFT)                                # nothing to the left: not captured
        assert edit.caret() == 0
        stage.key(Key.RIGHT)
        assert edit.caret() == 1
    finally:
        stage.close()


def test_text_written_elsewhere_puts_the_caret_at_the_end():
    query = Signal("ab")
    edit = TextEdit(query)
    edit.move(-2)
    stage = Stage(Column(TextField(edit, test_id="field"), padding=32))
    try:
        assert texts(find(parse(stage.dump()), test_id="field")) == ["", "ab"]
        query.set("abc")                                   # the app (or a keyboard) wrote it
        stage.settle()
        assert texts(find(parse(stage.dump()), test_id="field")) == ["abc", ""]
        edit.delete()
        assert query() == "ab" and edit.caret() == 2
    finally:
        stage.close()


def test_max_length_holds_a_signal_a_keyboard_types_into():
    from components import Keyboard

    pin = Signal("")
    stage = Stage(Column(TextField(pin, max_length=2, secure=True, width=60),
                         Keyboard(layout="numeric", target=pin), padding=32, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)                                # the first key, "1"
        for _ in range(3):
            stage.key(Key.SELECT)
        assert pin() == "11"
    finally:
        stage.close()


def test_placeholder_secure_mode_and_max_length():
    pin = Signal("12")
    empty = Signal("")
    stage = Stage(Column(TextField(empty, placeholder="Search", test_id="q"),
                         TextField(pin, secure=True, max_length=4, label="PIN", test_id="pin"),
                         padding=48, gap=16))
    try:
        root = parse(stage.dump())
        assert texts(find(root, test_id="q")) == ["Search"]
        secret = find(root, test_id="pin")
        assert texts(secret) == ["••", ""] and secret.prop("value_text") == "••"
        assert states(secret) == {"secret"} and '"12"' not in stage.dump()
    finally:
        stage.close()


def test_bad_arguments_name_the_text_field():
    with pytest.raises(TypeError, match=r"TextField\(value\) must be a Signal\[str\], a TextEdit"):
        TextField(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"max_length=\.\.\.\) must be an int >= 1"):
        TextField(Signal(""), max_length=0)
    with pytest.raises(ValueError, match=r"give it to the TextEdit instead"):
        TextField(TextEdit(), max_length=3)


async def test_text_field_states(ui, snapshot):
    page = Column(TextField(Signal("Blade Runner"), width=900, test_id="q"),
                  TextField(Signal(""), placeholder="Titles, people, genres", width=900),
                  TextField(Signal("2046"), secure=True, width=300),
                  padding=48, gap=16, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down")
    await screen.press("left", times=6)
    assert screen.focused.texts == ["Blade\u00a0", "Runner"]
    assert screen.snapshot() == snapshot(name="focused_caret_inside")
