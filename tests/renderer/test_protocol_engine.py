"""The protocol against the real engine: every rejection class, output, events, limits.

Skipped while the built module lacks `apply`/`frame` (see the `engine_path` fixture).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from renderer._commands import CommandBuffer, command
from renderer._errors import ProtocolError, RendererCrashed
from renderer._events import BlurEvent, FocusEvent
from renderer._protocol import DisplayOp, ErrorCode, Kind, Opcode, Prop, State
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble


@pytest.fixture
def renderer(engine_path: Path) -> Renderer:
    r = Renderer(engine_path)
    scene = (CommandBuffer().create(1).create(2).create(3, Kind.TEXT).define_string(1, "Hi")
             .set_text(3, 1).insert(1, 2).insert(2, 3).set_root(1).define_image(1, 10, 10))
    r.apply(scene)
    return r


REJECTIONS = [
    ("unknown opcode", command(0x7F, b""), 0, "0x7F", ErrorCode.UNKNOWN_OPCODE),
    ("truncated header", b"\x01\x05", 0, "CREATE", ErrorCode.TRUNCATED),
    ("truncated payload", command(Opcode.INSERT, struct.pack("<II", 1, 2)), 0, "INSERT",
     ErrorCode.TRUNCATED),
    ("unknown node", CommandBuffer().create(9).remove(40), 1, "REMOVE",
     ErrorCode.UNKNOWN_NODE),
    ("clear unknown node", CommandBuffer().clear_children(40), 0, "CLEAR_CHILDREN",
     ErrorCode.UNKNOWN_NODE),
    ("cleared child used", CommandBuffer().clear_children(1).set_text(3, 1), 1, "SET_TEXT",
     ErrorCode.UNKNOWN_NODE),
    ("duplicate node", CommandBuffer().create(2), 0, "CREATE", ErrorCode.DUPLICATE_NODE),
    ("cycle", CommandBuffer().create(5).insert(2, 5).insert(5, 2), 2, "INSERT",
     ErrorCode.CYCLE),
    ("unknown string", CommandBuffer().set_text(3, 99), 0, "SET_TEXT",
     ErrorCode.UNKNOWN_STRING),
    ("unknown image", CommandBuffer().create(9, Kind.IMAGE).set_prop(9, Prop.IMAGE, 77), 1,
     "SET_PROP", ErrorCode.UNKNOWN_IMAGE),
    ("unknown template", CommandBuffer().instantiate(5, 100), 0, "INSTANTIATE",
     ErrorCode.UNKNOWN_TEMPLATE),
    ("duplicate string", CommandBuffer().define_string(1, "again"), 0, "DEFINE_STRING",
     ErrorCode.DUPLICATE_ID),
    ("bad property", CommandBuffer().set_prop(2, Prop.FONT_SIZE, 20), 0, "SET_PROP",
     ErrorCode.BAD_PROPERTY),
    ("out of range", command(Opcode.SET_PROP, struct.pack("<IHf", 2, Prop.OPACITY, 2.0)), 0,
     "SET_PROP", ErrorCode.OUT_OF_RANGE),
    ("invalid utf-8", command(Opcode.DEFINE_STRING, struct.pack("<I", 7) + b"\xff"), 0,
     "DEFINE_STRING", ErrorCode.INVALID_UTF8),
    ("bad sibling", CommandBuffer().create(9).insert(1, 9, before=3), 1, "INSERT",
     ErrorCode.BAD_SIBLING),
    ("not allowed", CommandBuffer().create(9).insert(3, 9), 1, "INSERT",
     ErrorCode.NOT_ALLOWED),
    ("trailing bytes", command(Opcode.REMOVE, struct.pack("<IB", 2, 0)), 0, "REMOVE",
     ErrorCode.TRAILING_BYTES),
]


@pytest.mark.parametrize(("batch", "index", "name", "code"),
                         [r[1:] for r in REJECTIONS], ids=[r[0] for r in REJECTIONS])
def test_each_rejection_class_reaches_python_and_changes_nothing(
        renderer: Renderer, batch: bytes | CommandBuffer, index: int, name: str,
        code: ErrorCode) -> None:
    before = renderer.dump()
    applied = renderer.batches_applied()
    with pytest.raises(ProtocolError) as caught:
        renderer.apply(batch)
    error = caught.value
    assert (error.command_index, error.opcode_name, error.code) == (index, name, code)
    assert error.message.startswith(f"command {index} ({name}): ")
    assert renderer.dump() == before
    assert renderer.batches_applied() == applied
    assert renderer.alive
    double = SceneDouble()
    double.apply(CommandBuffer().create(1).create(2).create(3, Kind.TEXT).define_string(1, "Hi")
                 .set_text(3, 1).insert(1, 2).insert(2, 3).set_root(1).define_image(1, 10, 10))
    with pytest.raises(ProtocolError) as in_double:
        double.apply(batch)
    assert (in_double.value.command_index, in_double.value.code) == (index, code)
    renderer.close()


def test_the_first_frame_is_a_full_repaint_starting_with_a_transform(renderer: Renderer) -> None:
    renderer.apply(CommandBuffer().set_viewport(1280, 720).set_props(1, {
        Prop.WIDTH: "100%", Prop.HEIGHT: "100%", Prop.BACKGROUND: "#203040"}))
    out = renderer.frame(0.0)
    assert out.changed and out.full
    assert out.record_count >= 2
    assert out.display_list.cast("I")[0] == DisplayOp.TRANSFORM
    assert b"Hi" in bytes(out.text)
    assert out.batches_applied == 2
    assert out.nodes_laid_out > 0
    again = renderer.frame(16.0)
    assert not again.changed and again.record_count == 0 and again.damage == []
    renderer.close()


def test_focus_moves_are_reported_as_events(renderer: Renderer) -> None:
    renderer.apply(CommandBuffer().create(10).create(11).insert(1, 10).insert(1, 11)
                   .set_props(10, {Prop.WIDTH: 100, Prop.HEIGHT: 100, Prop.FOCUSABLE: 1})
                   .set_props(11, {Prop.WIDTH: 100, Prop.HEIGHT: 100, Prop.FOCUSABLE: 1})
                   .set_state_props(10, State.FOCUSED, {Prop.BACKGROUND: 0xFF0000FF}))
    renderer.frame(0.0)
    renderer.apply(CommandBuffer().focus(10))
    assert FocusEvent(node=10, previous=0) in renderer.frame(16.0).events
    assert "focused" in renderer.dump()
    renderer.apply(CommandBuffer().focus(11))
    events = renderer.frame(32.0).events
    assert BlurEvent(node=10, next=11) in events
    assert FocusEvent(node=11, previous=10) in events
    renderer.close()


def test_structure_only_dump_matches_the_scene_double(renderer: Renderer) -> None:
    double = SceneDouble()
    double.apply(CommandBuffer().create(1).create(2).create(3, Kind.TEXT).define_string(1, "Hi")
                 .set_text(3, 1).insert(1, 2).insert(2, 3).set_root(1).define_image(1, 10, 10))
    assert renderer.dump(structure_only=True) == double.dump()
    assert "[" in renderer.dump() and "[" not in double.dump()
    renderer.close()


def test_a_batch_bigger_than_the_memory_limit_crashes_only_that_instance(
        engine_path: Path) -> None:
    small = Renderer(engine_path, memory_limit=2 * 1024 * 1024)
    with pytest.raises(RendererCrashed):
        small.apply(bytes(CommandBuffer().create(1)) * 400_000)
    assert not small.alive
    small.close()
    with Renderer(engine_path) as fresh:
        fresh.apply(CommandBuffer().create(1))
        assert fresh.batches_applied() == 1


def test_a_large_scene_round_trips_through_the_engine(engine_path: Path) -> None:
    batch = CommandBuffer().create(1).set_root(1)
    for node in range(2, 2002):
        batch.create(node).insert(1, node).set_props(node, {Prop.WIDTH: 10, Prop.HEIGHT: 10})
    with Renderer(engine_path) as renderer:
        renderer.apply(batch)
        out = renderer.frame(0.0)
        assert out.nodes_laid_out >= 2001
        assert renderer.dump().count("\n") == 2001


def test_replaying_the_retained_batches_rebuilds_the_same_scene(engine_path: Path) -> None:
    batches = [
        CommandBuffer().create(1).set_root(1).define_string(1, "Row").create(2, Kind.TEXT)
        .set_text(2, 1).insert(1, 2),
        CommandBuffer().create(3).insert(1, 3, before=2).set_props(3, {Prop.WIDTH: 200,
                                                                        Prop.HEIGHT: "10%"}),
        CommandBuffer().remove(2).set_prop(1, Prop.FLEX_DIRECTION, 1),
    ]
    with Renderer(engine_path) as first:
        for batch in batches:
            first.apply(batch)
        first.frame(0.0)
        expected = first.dump()
    with Renderer(engine_path) as replayed:
        for batch in batches:
            replayed.apply(batch)
        replayed.frame(0.0)
        assert replayed.dump() == expected
