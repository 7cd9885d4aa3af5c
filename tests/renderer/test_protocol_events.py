"""Event records (PROTOCOL.md section 5) decode into typed events."""

from __future__ import annotations

import struct

from renderer._events import (
    AnimationDoneEvent,
    BlurEvent,
    FocusEvent,
    ImageFailedEvent,
    ImageLoadedEvent,
    KeyEvent,
    LayoutEvent,
    PressEvent,
    UnknownEvent,
    decode_event,
    decode_events,
)


def record(kind: int, node: int, *words: int) -> bytes:
    return struct.pack("<8I", kind, node, *words, *([0] * (6 - len(words))))


def test_each_event_type_decodes_to_its_class() -> None:
    assert decode_event(record(1, 5, 4)) == FocusEvent(node=5, previous=4)
    assert decode_event(record(2, 4, 5)) == BlurEvent(node=4, next=5)
    assert decode_event(record(3, 9)) == PressEvent(node=9)
    assert decode_event(record(4, 9, 4, 1, 1)) == KeyEvent(node=9, key=4, action=1, handled=True)
    assert decode_event(record(5, 3, 12)) == ImageLoadedEvent(node=3, image=12)
    assert decode_event(record(6, 3, 12)) == ImageFailedEvent(node=3, image=12)
    assert decode_event(record(8, 3, 44)) == AnimationDoneEvent(node=3, prop=44)


def test_layout_events_carry_float_boxes() -> None:
    data = struct.pack("<2I4f2I", 7, 8, 1.5, 2.0, 300.0, 40.25, 0, 0)
    assert decode_event(data) == LayoutEvent(node=8, x=1.5, y=2.0, w=300.0, h=40.25)


def test_an_unknown_event_type_is_kept_raw_instead_of_failing() -> None:
    assert decode_event(record(99, 1, 1, 2, 3, 4, 5, 6)) == UnknownEvent(99, 1, (1, 2, 3, 4, 5, 6))


def test_a_buffer_of_records_decodes_in_order() -> None:
    data = record(1, 5, 0) + record(3, 5) + b"\x00" * 7
    assert decode_events(data) == [FocusEvent(5, 0), PressEvent(5)]
    assert decode_events(memoryview(data)[:32]) == [FocusEvent(5, 0)]
