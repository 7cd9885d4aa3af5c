"""`CommandBuffer` encodes every command of PROTOCOL.md section 2 byte for byte."""

from __future__ import annotations

import struct

import pytest

from renderer._commands import CommandBuffer, Dim, command, iter_commands, parse_color
from renderer._protocol import APPEND, Key, KeyAction, Kind, Opcode, Prop, State


def cmd(op: Opcode, fmt: str, *values: object) -> bytes:
    payload = struct.pack("<" + fmt, *values)
    return struct.pack("<I", int(op) | (len(payload) << 8)) + payload


def test_create_is_opcode_u24_length_then_node_and_kind() -> None:
    assert bytes(CommandBuffer().create(17, Kind.TEXT)) == b"\x01\x05\x00\x00\x11\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda b: b.remove(5), cmd(Opcode.REMOVE, "I", 5)),
        (lambda b: b.clear_children(5), cmd(Opcode.CLEAR_CHILDREN, "I", 5)),
        (lambda b: b.insert(1, 2), cmd(Opcode.INSERT, "III", 1, 2, APPEND)),
        (lambda b: b.insert(1, 2, before=3), cmd(Opcode.INSERT, "III", 1, 2, 3)),
        (lambda b: b.set_root(1), cmd(Opcode.SET_ROOT, "I", 1)),
        (lambda b: b.set_root(0), cmd(Opcode.SET_ROOT, "I", 0)),
        (lambda b: b.set_viewport(1280, 720), cmd(Opcode.SET_VIEWPORT, "IIff", 1280, 720,
                                                  1920.0, 1080.0)),
        (lambda b: b.set_text(4, 9), cmd(Opcode.SET_TEXT, "II", 4, 9)),
        (lambda b: b.define_string(9, "héllo"), cmd(Opcode.DEFINE_STRING, "I6s", 9,
                                                    "héllo".encode())),
        (lambda b: b.release_string(9), cmd(Opcode.RELEASE_STRING, "I", 9)),
        (lambda b: b.define_image(3, 300, 450), cmd(Opcode.DEFINE_IMAGE, "III", 3, 300, 450)),
        (lambda b: b.image_state(3, 1, 300, 450), cmd(Opcode.IMAGE_STATE, "IBII", 3, 1, 300,
                                                      450)),
        (lambda b: b.release_image(3), cmd(Opcode.RELEASE_IMAGE, "I", 3)),
        (lambda b: b.instantiate(2, 100), cmd(Opcode.INSTANTIATE, "II", 2, 100)),
        (lambda b: b.release_template(2), cmd(Opcode.RELEASE_TEMPLATE, "I", 2)),
        (lambda b: b.key(Key.RIGHT, KeyAction.REPEAT), cmd(Opcode.KEY, "BB", 4, 1)),
        (lambda b: b.focus(0), cmd(Opcode.FOCUS, "I", 0)),
        (lambda b: b.define_font(1, 0.9, 0.2, 0.0, 0.5), cmd(Opcode.DEFINE_FONT, "Bffff", 1, 0.9,
                                                            0.2, 0.0, 0.5)),
        (lambda b: b.font_glyphs(1, {65: 0.6}), cmd(Opcode.FONT_GLYPHS, "BIIf", 1, 1, 65, 0.6)),
    ],
)
def test_each_command_has_the_documented_layout(build: object, expected: bytes) -> None:
    buffer = CommandBuffer()
    build(buffer)  # type: ignore[operator]
    assert bytes(buffer) == expected
    assert buffer.command_count == 1


@pytest.mark.parametrize(
    ("prop", "value", "fmt", "encoded"),
    [
        (Prop.DISPLAY, 1, "B", 1),
        (Prop.FOCUSABLE, True, "B", 1),
        (Prop.MAX_LINES, 3, "H", 3),
        (Prop.Z_INDEX, -4, "i", -4),
        (Prop.IMAGE, 12, "I", 12),
        (Prop.OPACITY, 0.5, "f", 0.5),
        (Prop.BACKGROUND, 0xFF0000FF, "I", 0xFF0000FF),
        (Prop.BACKGROUND, "#ff0000", "I", 0xFF0000FF),
        (Prop.TEXT_COLOR, "#00ff0080", "I", 0x00FF0080),
        (Prop.LABEL, 7, "I", 7),
    ],
)
def test_set_prop_encodes_the_value_by_the_declared_type(prop: Prop, value: object, fmt: str,
                                                         encoded: object) -> None:
    buffer = CommandBuffer().set_prop(5, prop, value)  # type: ignore[arg-type]
    assert bytes(buffer) == cmd(Opcode.SET_PROP, "IH" + fmt, 5, prop, encoded)


@pytest.mark.parametrize(
    ("value", "unit", "number"),
    [(100, 1, 100.0), (12.5, 1, 12.5), ("50%", 2, 50.0), ("auto", 0, 0.0), ("8pt", 1, 8.0),
     (Dim.percent(25), 2, 25.0), (Dim.points(3), 1, 3.0), (Dim.auto(), 0, 0.0)],
)
def test_dims_accept_points_percent_strings_auto_and_dim_values(value: object, unit: int,
                                                                number: float) -> None:
    buffer = CommandBuffer().set_prop(1, Prop.WIDTH, value)  # type: ignore[arg-type]
    assert bytes(buffer) == cmd(Opcode.SET_PROP, "IHBf", 1, Prop.WIDTH, unit, number)


@pytest.mark.parametrize(
    ("prop", "value", "error", "words"),
    [
        (Prop.OPACITY, 1.5, ValueError, "OPACITY"),
        (Prop.OPACITY, float("nan"), ValueError, "OPACITY"),
        (Prop.OPACITY, "half", TypeError, "OPACITY"),
        (Prop.FLEX_DIRECTION, 4, ValueError, "FLEX_DIRECTION"),
        (Prop.DISPLAY, 0.5, TypeError, "DISPLAY"),
        (Prop.PADDING_LEFT, "auto", ValueError, "'auto' is not allowed"),
        (Prop.PADDING_LEFT, -1, ValueError, "PADDING_LEFT"),
        (Prop.WIDTH, "wide", ValueError, "'wide'"),
        (Prop.WIDTH, None, TypeError, "WIDTH"),
        (Prop.BACKGROUND, "#ff00", ValueError, "'#ff00'"),
        (Prop.BACKGROUND, 0x1FFFFFFFF, ValueError, "BACKGROUND"),
        (Prop.MAX_LINES, 70000, ValueError, "MAX_LINES"),
        (Prop.BORDER_LEFT, float("inf"), ValueError, "BORDER_LEFT"),
    ],
)
def test_bad_values_fail_naming_the_property_and_the_value(prop: Prop, value: object,
                                                           error: type[Exception],
                                                           words: str) -> None:
    buffer = CommandBuffer()
    with pytest.raises(error, match=words):
        buffer.set_prop(1, prop, value)  # type: ignore[arg-type]
    assert len(buffer) == 0 and buffer.command_count == 0


def test_unknown_properties_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown property 69"):
        CommandBuffer().set_prop(1, 69, 0)


@pytest.mark.parametrize("node", [0, -1, 2**32, True, 1.0])
def test_node_ids_must_be_nonzero_u32(node: object) -> None:
    with pytest.raises(ValueError, match="0 is reserved"):
        CommandBuffer().create(node)  # type: ignore[arg-type]


def test_set_props_writes_count_then_pairs() -> None:
    buffer = CommandBuffer().set_props(3, {Prop.WIDTH: "50%", Prop.OPACITY: 0.25,
                                           Prop.FOCUSABLE: 1})
    expected = cmd(Opcode.SET_PROPS, "IH" + "HBf" + "Hf" + "HB", 3, 3,
                   Prop.WIDTH, 2, 50.0, Prop.OPACITY, 0.25, Prop.FOCUSABLE, 1)
    assert bytes(buffer) == expected
    assert buffer.command_count == 1


def test_set_props_with_a_bad_value_leaves_the_buffer_as_it_was() -> None:
    buffer = CommandBuffer().create(1)
    before = bytes(buffer)
    with pytest.raises(ValueError, match="OPACITY"):
        buffer.set_props(1, [(Prop.WIDTH, 10), (Prop.OPACITY, 2.0)])
    assert bytes(buffer) == before and buffer.command_count == 1


def test_set_state_props_writes_state_count_and_pairs() -> None:
    buffer = CommandBuffer().set_state_props(3, State.FOCUSED, {Prop.SCALE_X: 1.1})
    assert bytes(buffer) == cmd(Opcode.SET_STATE_PROPS, "IBHHf", 3, 1, 1, Prop.SCALE_X, 1.1)
    cleared = CommandBuffer().set_state_props(3, State.PRESSED, {})
    assert bytes(cleared) == cmd(Opcode.SET_STATE_PROPS, "IBH", 3, 2, 0)
    within = CommandBuffer().set_state_props(3, State.FOCUS_WITHIN, {})
    assert bytes(within) == cmd(Opcode.SET_STATE_PROPS, "IBH", 3, 4, 0)
    with pytest.raises(ValueError, match="unknown state 5"):
        CommandBuffer().set_state_props(3, 5, {})


def test_define_template_nests_the_body_batch() -> None:
    body = CommandBuffer().create(1).create(2, Kind.TEXT).insert(1, 2)
    buffer = CommandBuffer().define_template(7, 2, body)
    payload = struct.pack("<II", 7, 2) + bytes(body)
    assert bytes(buffer) == command(Opcode.DEFINE_TEMPLATE, payload)
    assert len(payload) == 8 + 9 + 9 + 16
    assert buffer.command_count == 1


def test_a_template_body_may_not_use_commands_templates_do_not_allow() -> None:
    body = CommandBuffer().create(1).set_root(1)
    with pytest.raises(ValueError, match=r"command 1 \(SET_ROOT\) is not allowed"):
        CommandBuffer().define_template(7, 1, body)


def test_extend_appends_raw_commands_and_counts_them() -> None:
    raw = command(Opcode.DEFINE_FONT, bytes(17)) + command(Opcode.FONT_GLYPHS, bytes(5))
    buffer = CommandBuffer().create(1).extend(raw)
    assert buffer.command_count == 3
    assert bytes(buffer).endswith(raw)
    other = CommandBuffer().remove(1)
    buffer.extend(other)
    assert buffer.command_count == 4


def test_extend_refuses_bytes_that_are_not_whole_commands() -> None:
    with pytest.raises(ValueError, match="declares 5 payload bytes"):
        CommandBuffer().extend(b"\x01\x05\x00\x00\x01")


def test_iter_commands_walks_headers() -> None:
    data = bytes(CommandBuffer().create(1).insert(1, 2).define_string(3, "abc"))
    assert [(op, length) for op, _, length in iter_commands(data)] == [(1, 5), (3, 12), (9, 7)]


def test_length_count_clear_and_repr() -> None:
    buffer = CommandBuffer().create(1).create(2)
    assert len(buffer) == 18
    assert buffer.command_count == 2
    assert "2 commands" in repr(buffer)
    buffer.clear()
    assert len(buffer) == 0 and buffer.command_count == 0
    assert buffer.getvalue() == b""


def test_colour_strings_add_opaque_alpha_when_omitted() -> None:
    assert parse_color("#102030") == 0x102030FF
    assert parse_color("#10203040") == 0x10203040
    with pytest.raises(TypeError):
        parse_color(None)


def test_key_and_image_state_validate_their_enums() -> None:
    with pytest.raises(ValueError, match="key code"):
        CommandBuffer().key(0)
    with pytest.raises(ValueError, match="action"):
        CommandBuffer().key(Key.UP, 3)
    with pytest.raises(ValueError, match="unknown state"):
        CommandBuffer().image_state(1, 4)
    with pytest.raises(ValueError, match="kind"):
        CommandBuffer().create(1, 3)
