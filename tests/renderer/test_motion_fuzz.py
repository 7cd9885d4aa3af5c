"""Random motion commands: the engine and the scene double must accept and reject
the same ones (same command index, error code and message) and keep equal dumps.

Payloads are built from edge values (NaN, infinities, negatives, limits, unknown
easings, bad offsets) and sometimes cut short or padded, so every check of
`renderer/core/src/protocol/motion.rs` and its order is exercised.
"""

from __future__ import annotations

import struct
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer._commands import CommandBuffer, command
from renderer._errors import ProtocolError
from renderer._protocol import Opcode, structure_only_dump
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble

NODES = st.sampled_from([1, 2, 3, 9])
PROPS = st.sampled_from([0, 12, 26, 29, 40, 43, 46, 53, 62, 99, 100, 101, 103, 104, 105])
FLOATS = st.sampled_from([0.0, -0.0, 0.5, 1.0, -1.0, 100.0, 3_600_000.0, 3_600_001.0,
                          1e30, float("nan"), float("inf"), 1.5, 2e6])
EASINGS = st.integers(0, 8)
U32S = st.sampled_from([0, 1, 2, 0x3F800000, 0x7FC00000, 0xFF0000FF])


@st.composite
def easing(draw: st.DrawFn) -> bytes:
    return struct.pack("<B4f", draw(EASINGS), *(draw(FLOATS) for _ in range(4)))


@st.composite
def motion_command(draw: st.DrawFn) -> bytes:
    op = draw(st.sampled_from([Opcode.SET_TRANSITION, Opcode.SET_KEYFRAMES,
                               Opcode.CLEAR_ANIMATIONS]))
    body = struct.pack("<IH", draw(NODES), draw(PROPS))
    if op == Opcode.SET_TRANSITION:
        body += struct.pack("<ff", draw(FLOATS), draw(FLOATS)) + draw(easing())
    elif op == Opcode.SET_KEYFRAMES:
        count = draw(st.integers(0, 4))
        body += struct.pack("<ffIBH", draw(FLOATS), draw(FLOATS), draw(U32S),
                            draw(st.integers(0, 5)), count)
        for _ in range(count):
            offset = draw(st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, -0.1, float("nan")]))
            body += struct.pack("<fI", offset, draw(U32S)) + draw(easing())
    cut = draw(st.sampled_from([None, None, None, 1, 3, -1]))
    if cut is not None:
        body = body[:cut] if cut > 0 else body + b"\x00"
    return command(op, body)


@st.composite
def good_motion_command(draw: st.DrawFn) -> bytes:
    """Well-formed keyframes or transitions (most random ones are rejected early)."""
    prop = draw(st.sampled_from([40, 43, 44, 46, 48, 53, 62]))
    node = draw(st.sampled_from([2, 3]))
    if draw(st.booleans()):
        easing = struct.pack("<B4f", draw(st.integers(0, 6)), 0.3, 0.0, 0.7, 1.0)
        return command(Opcode.SET_TRANSITION, struct.pack(
            "<IHff", node, draw(st.sampled_from([43, 101, 104, 100])),
            draw(st.sampled_from([0.0, 50.0, 200.0])), 0.0) + easing)
    inner = sorted(draw(st.lists(st.sampled_from([0.0, 0.3, 0.5, 1.0]), max_size=2)))
    offsets = [0.0, *inner, 1.0]
    body = struct.pack("<IHffIBH", node, prop, 100.0, draw(st.sampled_from([0.0, 20.0])),
                       draw(st.integers(0, 3)), draw(st.integers(0, 3)), len(offsets))
    for off in offsets:
        body += struct.pack("<fIB4f", off, draw(U32S), draw(st.integers(0, 5)),
                            0.25, 0.1, 0.25, 1.0)
    return command(Opcode.SET_KEYFRAMES, body)


def outcome(side: Renderer | SceneDouble, batch: bytes) -> object:
    try:
        side.apply(batch)
    except ProtocolError as e:
        return (e.command_index, e.code, e.message)
    return None


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=st.lists(st.lists(st.one_of(motion_command(), good_motion_command()),
                                 min_size=1, max_size=3), max_size=4))
def test_engine_and_double_agree_on_random_motion_commands(
    engine_path: Path, batches: list[list[bytes]],
) -> None:
    setup = CommandBuffer().create(1).create(2).create(3, 1).insert(1, 2).insert(1, 3)
    setup.set_root(1).set_prop(2, 43, 0.5)
    with Renderer(engine_path) as engine:
        double = SceneDouble()
        engine.apply(setup)
        double.apply(setup)
        for k, batch in enumerate(batches):
            data = b"".join(batch) + CommandBuffer().set_prop(2, 43, 0.25 * (k % 4)).getvalue()
            assert outcome(engine, data) == outcome(double, data)
            engine.frame(16.0 * k)
            assert structure_only_dump(engine.dump()) == double.dump()
