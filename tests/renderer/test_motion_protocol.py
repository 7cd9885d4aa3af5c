"""Motion commands at the boundary: the encoder's checks, and the engine and the
scene double agreeing on every accepted and rejected motion command."""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path

import pytest

from renderer._commands import CommandBuffer, command
from renderer._errors import ProtocolError
from renderer._events import AnimationDoneEvent, decode_event
from renderer._motion import CubicBezier, Spring, encode_easing
from renderer._protocol import (
    EASING_CONTROL_POINTS,
    AnimGroup,
    Easing,
    ErrorCode,
    EventType,
    Opcode,
    Prop,
    structure_only_dump,
)
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble


def base() -> CommandBuffer:
    return CommandBuffer().create(1).create(2).insert(1, 2).set_root(1)


def transition(node: int, prop: int, dur: float, delay: float, easing: int,
               p: tuple[float, float, float, float] = (0, 0, 0, 0)) -> bytes:
    return command(Opcode.SET_TRANSITION, struct.pack("<IHffB4f", node, prop, dur, delay,
                                                      easing, *p))


def keyframes(node: int, prop: int, dur: float, keys: list[tuple[float, int, int]],
              direction: int = 0) -> bytes:
    body = struct.pack("<IHffIBH", node, prop, dur, 0.0, 1, direction, len(keys))
    for off, raw, easing in keys:
        body += struct.pack("<fIB4f", off, raw, easing, 0, 0, 0, 0)
    return command(Opcode.SET_KEYFRAMES, body)


F1 = struct.unpack("<I", struct.pack("<f", 1.0))[0]
NAN = 0x7FC00000

BAD = [
    (transition(2, Prop.WIDTH, 100, 0, 0), ErrorCode.BAD_PROPERTY),
    (transition(9, Prop.OPACITY, 100, 0, 0), ErrorCode.UNKNOWN_NODE),
    (transition(2, Prop.OPACITY, -1, 0, 0), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 4e6, 0), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 7), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 5, (1.5, 0, 0.5, 1)), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 6, (100, 0, 1, 0)), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 6, (2e7, 1, 1, 0)), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 0, (math.inf, 0, 0, 0)), ErrorCode.OUT_OF_RANGE),
    (transition(2, Prop.OPACITY, 100, 0, 0)[:-1], ErrorCode.TRUNCATED),
    (transition(2, Prop.OPACITY, 100, 0, 0), None),
    (keyframes(2, AnimGroup.LAYOUT, 100, [(0, 0, 0), (1, 0, 0)]), ErrorCode.BAD_PROPERTY),
    (keyframes(2, Prop.OPACITY, 0, [(0, 0, 0), (1, 0, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0, 0, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0, 0, 0), (1, 0, 0)], direction=4),
     ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0.1, 0, 0), (1, 0, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0, 0, 0), (0.5, 0, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0, 0, 0), (1, NAN, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.OPACITY, 100, [(0, 0, 6), (1, F1, 0)]), ErrorCode.OUT_OF_RANGE),
    (keyframes(2, Prop.BACKGROUND, 100, [(0, NAN, 0), (1, 5, 0)]), None),
    (command(Opcode.CLEAR_ANIMATIONS, struct.pack("<IH", 2, 0)), None),
    (command(Opcode.CLEAR_ANIMATIONS, struct.pack("<IH", 2, 99)), ErrorCode.BAD_PROPERTY),
    (command(Opcode.CLEAR_ANIMATIONS, struct.pack("<IHB", 2, 0, 0)), ErrorCode.TRAILING_BYTES),
]
"""Raw motion commands and the error code both sides must give (None: accepted)."""


@pytest.mark.parametrize("cmd, code", BAD, ids=[f"case{i}" for i in range(len(BAD))])
def test_engine_and_double_agree_on_every_motion_command(
    engine_path: Path, cmd: bytes, code: ErrorCode | None,
) -> None:
    with Renderer(engine_path) as engine:
        double = SceneDouble()
        for side in (engine, double):
            side.apply(base())
        batch = cmd
        results = []
        for side in (engine, double):
            try:
                side.apply(batch)
                results.append(None)
            except ProtocolError as e:
                results.append((e.command_index, e.code, e.message))
        assert results[0] == results[1]
        assert (results[0] and results[0][1]) == code
        assert structure_only_dump(engine.dump()) == double.dump()


def test_motion_commands_work_inside_templates(engine_path: Path) -> None:
    body = (CommandBuffer().create(1).create(2).insert(1, 2)
            .set_transition(2, AnimGroup.TRANSFORM, 100).set_keyframes(
                2, Prop.ROTATE, [(0, 0), (1, 360)], 500, iterations=math.inf))
    batch = base().define_template(7, 2, body).instantiate(7, 10).insert(1, 10)
    with Renderer(engine_path) as engine:
        double = SceneDouble()
        engine.apply(batch)
        double.apply(batch)
        assert engine.frame(0).infinite_animations == 1
        assert structure_only_dump(engine.dump()) == double.dump()


def test_the_encoder_rejects_what_the_engine_would_with_a_clear_message() -> None:
    b = CommandBuffer()
    with pytest.raises(ValueError, match="property 12 cannot be animated"):
        b.set_transition(1, Prop.WIDTH, 100)
    with pytest.raises(ValueError, match="unknown easing 'bouncy'"):
        b.set_transition(1, Prop.OPACITY, 100, easing="bouncy")
    with pytest.raises(ValueError, match=re.escape("x1 and x2 must be within 0..1")):
        b.set_transition(1, Prop.OPACITY, 100, easing=CubicBezier(2, 0, 0, 1))
    with pytest.raises(ValueError, match="must be positive"):
        b.set_transition(1, Prop.OPACITY, 100, easing=Spring(damping=0))
    with pytest.raises(ValueError, match=re.escape("duration_ms must be 0..=3600000")):
        b.set_transition(1, Prop.OPACITY, -5)
    with pytest.raises(ValueError, match="offsets must rise from 0 to 1"):
        b.set_keyframes(1, Prop.OPACITY, [(0, 1), (0.6, 0), (0.5, 1), (1, 0)], 100)
    with pytest.raises(ValueError, match="springs cannot ease keyframes"):
        b.set_keyframes(1, Prop.OPACITY, [(0, 1, Spring()), (1, 0)], 100)
    with pytest.raises(ValueError, match=re.escape("iterations must be an int >= 1 or math.inf")):
        b.set_keyframes(1, Prop.OPACITY, [(0, 1), (1, 0)], 100, iterations=0)
    with pytest.raises(ValueError, match="direction must be one of"):
        b.set_keyframes(1, Prop.OPACITY, [(0, 1), (1, 0)], 100, direction="sideways")
    assert b.command_count == 0 and len(b) == 0


def test_easing_presets_encode_to_their_codes_and_document_their_control_points() -> None:
    assert encode_easing("ease-in-out") == (Easing.EASE_IN_OUT, 0, 0, 0, 0)
    assert encode_easing("ease_out")[0] == Easing.EASE_OUT
    assert encode_easing(Spring(100, 10, 2)) == (Easing.SPRING, 100, 10, 2, 0)
    assert EASING_CONTROL_POINTS[Easing.EASE] == (0.25, 0.1, 0.25, 1.0)


def test_animation_done_events_decode_prop_and_kind() -> None:
    record = struct.pack("<8I", EventType.ANIMATION_DONE, 5, AnimGroup.LAYOUT, 1, 0, 0, 0, 0)
    assert decode_event(record) == AnimationDoneEvent(5, AnimGroup.LAYOUT, 1)
