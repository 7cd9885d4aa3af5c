"""`SCROLL` and `SCOPE_MEMORY` events and `REMEMBER_FOCUS`, through the real engine."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from focus_kit import DOWN, RIGHT, ROOT, UP, focus, focused, key, place

from renderer._commands import CommandBuffer
from renderer._errors import ProtocolError
from renderer._events import FocusEvent, ScopeMemoryEvent, ScrollEvent, decode_events
from renderer._protocol import ErrorCode, EventType, Opcode, Prop
from renderer._renderer import Renderer

COLUMN = 2
ITEMS = range(10, 20)


def column(engine_path: Path) -> Renderer:
    """A 600x400 scrolling column (node 2) of ten 100x100 focusable items 10..19."""
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    b.create(COLUMN).set_props(COLUMN, {Prop.WIDTH: 600.0, Prop.HEIGHT: 400.0,
                                        Prop.OVERFLOW: 2, Prop.FLEX_DIRECTION: 1})
    b.insert(ROOT, COLUMN)
    for node in ITEMS:
        b.create(node).set_props(node, {Prop.WIDTH: 100.0, Prop.HEIGHT: 100.0,
                                        Prop.FOCUSABLE: 1, Prop.FLEX_SHRINK: 0.0})
        b.insert(COLUMN, node)
    r.apply(b)
    r.frame(0.0)
    return r


def dumped_scroll_y(r: Renderer, node: int) -> float:
    line = next(x for x in r.dump().splitlines() if x.lstrip().startswith(f"#{node} "))
    m = re.search(r" scroll_y=([-\d.]+)", line)
    return float(m.group(1)) if m else 0.0


def test_the_names_are_in_the_protocol_tables() -> None:
    assert EventType.SCROLL == 10
    assert EventType.SCOPE_MEMORY == 11
    assert Opcode.REMEMBER_FOCUS == 0x22
    assert bytes(CommandBuffer().remember_focus(5, 6)) == bytes(
        [0x22, 8, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0])


def test_moving_focus_down_a_scrolling_column_reports_the_dumped_target(engine_path: Path) -> None:
    r = column(engine_path)
    events = focus(r, 10)
    assert not [e for e in events if isinstance(e, ScrollEvent)]
    reported = 0.0
    now = 16.0
    for expected_focus in range(11, 20):
        now += 16.0
        events = key(r, DOWN, now=now)
        assert FocusEvent(expected_focus, expected_focus - 1) in events
        scrolls = [e for e in events if isinstance(e, ScrollEvent)]
        target = dumped_scroll_y(r, COLUMN)
        if target != reported:
            assert scrolls == [ScrollEvent(COLUMN, 0.0, target)]
            # Reported in the frame of the focus change, after the FOCUS event.
            kinds = [type(e) for e in events]
            assert kinds.index(FocusEvent) < kinds.index(ScrollEvent)
            reported = target
        else:
            assert scrolls == []
    assert reported == 600.0  # item 19 (900..1000) at the bottom edge
    # The last glide is still running: its frames report nothing more (the
    # target is what counts, not the animation steps).
    for k in range(1, 30):
        assert not [e for e in r.frame(now + 16.0 * k).events if isinstance(e, ScrollEvent)]
    # Moving up within view scrolls nothing.
    assert [e for e in key(r, UP, now=now + 500.0) if isinstance(e, ScrollEvent)] == []


def test_a_host_scroll_offset_is_reported_as_a_raw_scroll_record(engine_path: Path) -> None:
    r = column(engine_path)
    r.apply(CommandBuffer().set_prop(COLUMN, Prop.SCROLL_Y, 125.5))
    output = r.frame(16.0)
    scroll = [e for e in output.events if isinstance(e, ScrollEvent)]
    assert scroll == [ScrollEvent(COLUMN, 0.0, 125.5)]
    # The record as the engine wrote it (what crosses the bus): type 10, node, f32 x, y.
    records = [output.event_records[i:i + 32] for i in range(0, len(output.event_records), 32)]
    raw = [rec for rec in records if struct.unpack_from("<I", rec)[0] == 10]
    assert [struct.unpack("<2I2f16x", rec) for rec in raw] == [(10, COLUMN, 0.0, 125.5)]
    assert decode_events(b"".join(raw)) == scroll


def rows(engine_path: Path) -> Renderer:
    """Row scopes 100 (y 100) and 200 (y 500), items r+1..r+3."""
    r = Renderer(engine_path)
    b = CommandBuffer().create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0})
    b.set_root(ROOT)
    for row, y in ((100, 100), (200, 500)):
        place(b, row, ROOT, (0, y, 1920, 200), focusable=False, props={Prop.FOCUS_SCOPE: 1})
        for k, x in enumerate((100, 400, 700), 1):
            place(b, row + k, row, (x, 0, 200, 150))
    r.apply(b)
    r.frame(0.0)
    return r


def memory_events(events: list) -> list[ScopeMemoryEvent]:
    return [e for e in events if isinstance(e, ScopeMemoryEvent)]


def test_scope_memory_is_reported_on_entering_and_leaving_a_scope(engine_path: Path) -> None:
    r = rows(engine_path)
    assert memory_events(focus(r, 101)) == [ScopeMemoryEvent(100, 101)]
    assert memory_events(key(r, RIGHT)) == [ScopeMemoryEvent(100, 102)]
    # Leaving row 100 for row 200: row 100 keeps 102 (no event), row 200 learns 202.
    assert memory_events(key(r, DOWN)) == [ScopeMemoryEvent(200, 202)]
    assert memory_events(key(r, UP)) == []  # back to remembered 102: unchanged
    assert focused(r) == 102
    # The remembered node goes away: the scope forgets it.
    r.apply(CommandBuffer().remove(202))
    assert memory_events(list(r.frame(100.0).events)) == [ScopeMemoryEvent(200, 0)]


def test_remember_focus_then_entering_the_scope_focuses_the_remembered_node(
        engine_path: Path) -> None:
    r = rows(engine_path)
    r.apply(CommandBuffer().remember_focus(200, 203))
    events = focus(r, 101)
    assert ScopeMemoryEvent(200, 203) in memory_events(events)
    key(r, DOWN)
    assert focused(r) == 203  # spatially 201 is nearest; the restored memory wins


def test_remember_focus_rejects_a_node_outside_the_scope(engine_path: Path) -> None:
    r = rows(engine_path)
    with pytest.raises(ProtocolError) as caught:
        r.apply(CommandBuffer().focus(101).remember_focus(100, 201))
    assert caught.value.command_index == 1
    assert caught.value.code == ErrorCode.NOT_ALLOWED
    with pytest.raises(ProtocolError) as caught:
        r.apply(CommandBuffer().remember_focus(999, 101))
    assert (caught.value.command_index, caught.value.code) == (0, ErrorCode.UNKNOWN_NODE)
    assert "REMEMBER_FOCUS" in str(caught.value)
