"""What the kit lacked: focus-within looks, keyboard row ends, Checkbox, a controlled TextField.

* A focused row restyles its children through `focus_within_style`: a
  slider's fill (accent at rest, light on the accent row), a menu item's
  label (muted at rest, bright on the focused row), a select's arrows.
* A keyboard row stops at its ends: Right on its last key stays there.
* `Checkbox`: select ticks it; role `checkbox`, state `checked`.
* `TextField(value="...", on_change=f)`: controlled, like the other controls.
* A stored value (`use_stored`) is two-way for every control, like a signal.
"""

from __future__ import annotations

import pytest
from components_kit import DESIGN, SMALL, Stage, find, focused, parse, states

from components import (
    TEN_FOOT,
    Checkbox,
    Column,
    Keyboard,
    Menu,
    Select,
    Slider,
    Switch,
    TextField,
)
from renderer import CommandBuffer, Key
from sdk import component, use_signal
from sdk.storage import open_store
from signals import Signal

TEXT = TEN_FOOT.colors.text + "ff"
MUTED = TEN_FOOT.colors.text_muted + "ff"
ACCENT = TEN_FOOT.colors.accent + "ff"


def focus(stage: Stage, **props: str) -> None:
    node = find(parse(stage.dump()), **props)
    stage.step.send_commands(CommandBuffer().focus(node.id).getvalue())
    stage.settle()


def text_node(stage: Stage, text: str):
    found = [n for n in parse(stage.dump()).walk() if n.kind == "text" and n.text() == text]
    assert len(found) == 1, f"expected one text {text!r}, found {found}"
    return found[0]


def fill_of(stage: Stage, test_id: str):
    slider = find(parse(stage.dump()), test_id=test_id)
    return next(n for n in slider.walk() if (n.prop("width") or "").endswith("%"))


# focus-within ------------------------------------------------------------------------


def test_a_sliders_fill_is_accent_at_rest_and_light_on_its_focused_row():
    stage = Stage(Column(Slider("Volume", value=40, test_id="a"),
                         Slider("Bass", value=60, test_id="b"), padding=32, gap=16))
    try:
        assert fill_of(stage, "a").prop("bg") == ACCENT
        stage.key(Key.DOWN)
        assert "focused" in states(find(parse(stage.dump()), test_id="a"))
        assert fill_of(stage, "a").prop("bg") == TEXT       # the row is accent now
        assert fill_of(stage, "b").prop("bg") == ACCENT
        stage.key(Key.DOWN)
        assert fill_of(stage, "a").prop("bg") == ACCENT
        assert fill_of(stage, "b").prop("bg") == TEXT
    finally:
        stage.close()


def test_a_menu_items_label_is_muted_at_rest_and_bright_on_the_focused_row():
    stage = Stage(Column(Menu(["Home", "Movies", "Series"], selected=0, test_id="m"),
                         padding=32))
    try:
        def label(text: str):
            return text_node(stage, text)

        assert label("Home").prop("color") == TEXT           # the selected item
        assert label("Movies").prop("color") == MUTED
        stage.key(Key.DOWN)
        stage.key(Key.DOWN)
        assert focused(parse(stage.dump())).prop("label") == "Movies"
        assert label("Movies").prop("color") == TEXT
        assert label("Series").prop("color") == MUTED
    finally:
        stage.close()


def test_a_selects_arrows_turn_bright_on_its_focused_row():
    stage = Stage(Column(Select("Quality", ["Auto", "1080p"], test_id="q"), padding=32))
    try:
        def arrow():
            return text_node(stage, "‹")

        assert arrow().prop("color") == MUTED
        stage.key(Key.DOWN)
        assert arrow().prop("color") == TEXT
    finally:
        stage.close()


# keyboard row ends -------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "last"), [("qwerty", "l"), ("qwerty", "p"),
                                              ("qwerty", "m"), ("alphabetical", "g"),
                                              ("alphabetical", "dash")])
def test_right_on_the_last_key_of_a_row_stays_on_it(layout, last):
    stage = Stage(Column(Keyboard(layout=layout), padding=32))
    try:
        focus(stage, role="button", label=last)
        stage.key(Key.RIGHT)
        stage.key(Key.RIGHT)
        assert focused(parse(stage.dump())).prop("label") == last
    finally:
        stage.close()


def test_left_on_the_first_key_of_an_indented_row_stays_and_up_still_leaves_the_row():
    stage = Stage(Column(Keyboard(layout="qwerty"), padding=32))
    try:
        focus(stage, role="button", label="z")
        stage.key(Key.LEFT)
        assert focused(parse(stage.dump())).prop("label") == "z"
        stage.key(Key.UP)
        assert focused(parse(stage.dump())).prop("label") in {"s", "d"}
        stage.key(Key.RIGHT)                                 # along the row still works
        assert focused(parse(stage.dump())).prop("label") in {"d", "f"}
    finally:
        stage.close()


# Checkbox ----------------------------------------------------------------------------


def test_select_ticks_the_checkbox_and_writes_the_signal():
    english = Signal(False)
    stage = Stage(Column(Checkbox("English", value=english, test_id="c"), padding=32))
    try:
        node = find(parse(stage.dump()), test_id="c")
        assert node.prop("role") == "checkbox" and node.prop("label") == "English"
        assert states(node) == set()
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        assert english() is True
        assert states(find(parse(stage.dump()), test_id="c")) == {"checked", "focused"}
        stage.key(Key.SELECT)
        assert english() is False
        assert states(find(parse(stage.dump()), test_id="c")) == {"focused"}
    finally:
        stage.close()


def test_a_checked_box_is_accent_at_rest_and_light_on_the_focused_row():
    stage = Stage(Column(Checkbox("English", value=True, test_id="a"),
                         Checkbox("French", value=True, test_id="b"), padding=32, gap=16))
    try:
        def box(test_id: str):
            return find(parse(stage.dump()), test_id=test_id).children[0]

        assert box("a").prop("bg") == ACCENT and box("b").prop("bg") == ACCENT
        stage.key(Key.DOWN)
        assert box("a").prop("bg") == TEXT and box("b").prop("bg") == ACCENT
    finally:
        stage.close()


def test_a_controlled_checkbox_reports_and_shows_what_the_app_renders():
    asked = []
    stage = Stage(Column(Checkbox("Lock", value=False, on_change=asked.append, test_id="c"),
                         Checkbox("Own", test_id="d"), padding=32, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        assert asked == [True]
        assert "checked" not in states(find(parse(stage.dump()), test_id="c"))
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)                                # uncontrolled: keeps its state
        assert "checked" in states(find(parse(stage.dump()), test_id="d"))
    finally:
        stage.close()


def test_a_disabled_checkbox_is_skipped_and_bad_arguments_name_it():
    stage = Stage(Column(Checkbox("Off", disabled=True, test_id="x"),
                         Checkbox("On", test_id="y"), padding=32, gap=16))
    try:
        stage.key(Key.DOWN)
        assert focused(parse(stage.dump())).prop("label") == "On"
    finally:
        stage.close()
    with pytest.raises(TypeError, match=r"Checkbox\(value=...\) must be a bool"):
        Checkbox("x", value="yes")
    with pytest.raises(TypeError, match=r"Checkbox\(\) got an unknown prop 'sise'"):
        Checkbox("x", sise=3)


# TextField, controlled -----------------------------------------------------------------


@component
def PinForm(log: list[str], accept: bool):
    pin = use_signal("12")

    def change(text: str) -> None:
        log.append(text)
        if accept:
            pin.set(text[:3])                 # the app keeps three digits at most

    return Column(TextField(pin(), on_change=change, label="PIN", test_id="pin"), padding=32)


def pin_text(stage: Stage) -> str:
    return find(parse(stage.dump()), test_id="pin").prop("value_text") or ""


def test_a_controlled_text_field_reports_edits_and_shows_the_apps_text():
    log: list[str] = []
    stage = Stage(PinForm(log=log, accept=True))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DIGIT_3)                # the remote's digits type at the caret
        assert log == ["123"] and pin_text(stage) == "123"
        stage.key(Key.DIGIT_4)
        assert log == ["123", "1234"]
        assert pin_text(stage) == "123"       # the app kept three digits: the field shows them
    finally:
        stage.close()


def test_a_controlled_text_field_goes_back_to_the_apps_text_after_an_ignored_edit():
    log: list[str] = []
    stage = Stage(PinForm(log=log, accept=False))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DIGIT_7)
        assert log == ["127"]
        assert pin_text(stage) == "12"
    finally:
        stage.close()


def test_an_uncontrolled_text_field_from_a_string_keeps_its_own_text():
    seen: list[str] = []
    stage = Stage(Column(TextField("ab", test_id="pin", label="Name"), padding=32))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DIGIT_1)
        assert pin_text(stage) == "ab1"
    finally:
        stage.close()
    signal_field = Signal("")
    stage = Stage(Column(TextField(signal_field, on_change=seen.append, test_id="pin"),
                         padding=32))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.DIGIT_5)
        assert signal_field() == "5" and seen == ["5"]
    finally:
        stage.close()
    with pytest.raises(ValueError, match=r"TextField\(on_change=...\) with a TextEdit"):
        from components import TextEdit
        TextField(TextEdit(), on_change=print)


# stored values -------------------------------------------------------------------------


def test_a_stored_value_is_two_way_for_switches_and_sliders(tmp_path):
    store = open_store("com.example.kit", base_dir=tmp_path)
    subtitles = store.value("subtitles", False)
    volume = store.value("volume", 50)
    stage = Stage(Column(Switch("Subtitles", value=subtitles, test_id="s"),
                         Slider("Volume", value=volume, step=10, test_id="v"), padding=32))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.SELECT)
        stage.key(Key.DOWN)
        stage.key(Key.RIGHT)
        assert open_store("com.example.kit", base_dir=tmp_path).get("subtitles") is True
        assert open_store("com.example.kit", base_dir=tmp_path).get("volume") == 60
        assert "checked" in states(find(parse(stage.dump()), test_id="s"))
    finally:
        stage.close()


async def test_checkbox_states(ui, snapshot):
    page = Column(Checkbox("English", value=True, width=560, test_id="on"),
                  Checkbox("Français", width=560),
                  Checkbox("Audio description", value=True, disabled=True, width=560),
                  padding=48, gap=16, width="100%", height="100%", background="#0b0d12")
    screen = await ui.mount(page, SMALL, design_size=DESIGN)
    assert screen.get_by_role("checkbox", name="English").state == {"checked"}
    assert screen.get_by_role("checkbox", name="Audio description").state == {
        "checked", "disabled"}
    assert screen.snapshot() == snapshot(name="at_rest")
    await screen.press("down")
    assert screen.focused.state == {"checked", "focused"}
    assert screen.snapshot() == snapshot(name="focused_checked")
    await screen.press("select")
    assert screen.focused.state == {"focused"}
    assert screen.snapshot() == snapshot(name="focused_unchecked")


def test_two_sliders_of_one_shape_mount_from_a_template_with_their_own_value_text():
    # The second copy of a shape is a protocol template; value_text is a string prop,
    # so it travels per copy (baked into a template it was sent as a string id).
    stage = Stage(Column(Slider("Volume", value=40, test_id="a"),
                         Slider("Volume", value=40, test_id="b"), padding=32, gap=16))
    try:
        stage.key(Key.DOWN)
        stage.key(Key.RIGHT)
        root = parse(stage.dump())
        assert find(root, test_id="a").prop("value_text") == "41"
        assert find(root, test_id="b").prop("value_text") == "40"
    finally:
        stage.close()
