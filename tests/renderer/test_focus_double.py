"""The focus properties (87..94) in the engine and the Python double: same dump, same rejections."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from renderer._commands import CommandBuffer, command
from renderer._errors import ProtocolError
from renderer._protocol import ErrorCode, Opcode, Prop, capture_bit, structure_only_dump
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble

SCENE = (CommandBuffer().create(1).create(2).create(3).insert(1, 2).insert(1, 3).set_root(1)
         .set_props(1, {Prop.FOCUS_SCOPE: 1, Prop.FOCUS_TRAP: 1, Prop.OVERFLOW: 2,
                        Prop.SCROLL_MARGIN: 24.5, Prop.CAPTURE_KEYS: capture_bit(6) | 1 << 31})
         .set_props(2, {Prop.FOCUSABLE: 1, Prop.FOCUS_PREFERRED: 1, Prop.NEXT_UP: 3,
                        Prop.NEXT_DOWN: 3, Prop.NEXT_LEFT: 0, Prop.NEXT_RIGHT: 77})
         .set_state_props(3, 1, {Prop.NEXT_LEFT: 2}))


def test_dumps_agree_and_name_the_new_props(engine_path: Path) -> None:
    r = Renderer(engine_path)
    r.apply(SCENE)
    double = SceneDouble()
    double.apply(SCENE)
    dump = r.dump()
    assert structure_only_dump(dump) == double.dump()
    for text in ("focus_trap", "focus_preferred", "scroll_margin=24.5",
                 f"capture_keys={(1 << 5) | (1 << 31)}", "next_up=3", "next_right=77"):
        assert text in dump
    assert "next_left" not in dump


@pytest.mark.parametrize(("prop", "payload"), [
    (Prop.SCROLL_MARGIN, struct.pack("<f", -1.0)),
    (Prop.SCROLL_MARGIN, struct.pack("<f", float("nan"))),
    (Prop.FOCUS_TRAP, b"\x02"),
    (Prop.FOCUS_PREFERRED, b"\x05"),
])
def test_out_of_range_values_are_rejected_alike(engine_path: Path, prop: int,
                                                payload: bytes) -> None:
    batch = CommandBuffer().create(5).extend(
        command(Opcode.SET_PROP, struct.pack("<IH", 5, prop) + payload))
    r = Renderer(engine_path)
    with pytest.raises(ProtocolError) as engine_err:
        r.apply(batch)
    with pytest.raises(ProtocolError) as double_err:
        SceneDouble().apply(batch)
    assert engine_err.value.code == ErrorCode.OUT_OF_RANGE
    assert str(engine_err.value) == str(double_err.value)


def test_focus_path_and_key_records_decode() -> None:
    from renderer._events import FocusPathEvent, KeyEvent, decode_events, focus_path

    def rec(*words: int) -> bytes:
        return struct.pack("<8I", *words, *([0] * (8 - len(words))))

    data = (rec(4, 7, 3, 1, 0, 0, 7) + rec(9, 7, 6, 0, 1, 2, 3, 4) + rec(9, 7, 6, 4, 5, 7)
            + rec(4, 7, 4, 3, 0, 0, 0))
    events = decode_events(data)
    assert events[0] == KeyEvent(7, 3, 1, False, 0, 7)
    assert events[1] == FocusPathEvent(7, 6, 0, (1, 2, 3, 4))
    assert events[2] == FocusPathEvent(7, 6, 4, (5, 7))
    assert events[3] == KeyEvent(7, 4, 3, False)
    assert focus_path(events) == (1, 2, 3, 4, 5, 7)
    assert focus_path(events[:2]) is None
