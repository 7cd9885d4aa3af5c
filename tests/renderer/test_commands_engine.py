"""The encoder and the engine agree on which property values are valid.

For random values of every property: when `CommandBuffer.set_prop` accepts a
value, the engine applies it; when the encoder refuses a plain number, the
engine rejects the same number sent raw (code 11). So `_protocol.PROP_SPECS`
cannot drift from the engine's `props.rs`.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer._commands import CommandBuffer
from renderer._errors import ProtocolError
from renderer._protocol import PROP_BY_ID, ErrorCode, Kind, Opcode, PropType
from renderer._renderer import Renderer

NODE_FOR = {None: 1, Kind.TEXT: 2, Kind.IMAGE: 3}
SCENE = (CommandBuffer().create(1).create(2, Kind.TEXT).create(3, Kind.IMAGE)
         .define_string(1, "s").define_image(1, 4, 4))

NUMBERS = st.one_of(
    st.integers(-(2**31), 2**32),
    st.floats(width=32, allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2, 3, 255, 256, 65535, 65536, -1, 0.5, 1.0, 1.0000001]),
)
DIMS = st.one_of(NUMBERS, st.sampled_from(["auto", "50%", "-5%", "0%", "100pt"]))
PROPS = st.sampled_from(sorted(PROP_BY_ID))

quick = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def raw_set_prop(node: int, prop: int, fmt: str, *values: object) -> bytes:
    payload = struct.pack("<IH" + fmt, node, prop, *values)
    return struct.pack("<I", int(Opcode.SET_PROP) | (len(payload) << 8)) + payload


@quick
@given(prop=PROPS, value=DIMS, data=st.data())
def test_values_the_encoder_accepts_are_applied_by_the_engine(
        engine_path: Path, prop: int, value: object, data: st.DataObject) -> None:
    spec = PROP_BY_ID[prop]
    if spec.type in (PropType.STRING, PropType.IMAGE):
        value = data.draw(st.sampled_from([0, 1]))
    try:
        batch = CommandBuffer().set_prop(NODE_FOR[spec.on], prop, value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return
    with Renderer(engine_path) as renderer:
        renderer.apply(SCENE)
        renderer.apply(batch)


@quick
@given(prop=PROPS, value=NUMBERS)
def test_numbers_the_encoder_refuses_are_rejected_by_the_engine(
        engine_path: Path, prop: int, value: float) -> None:
    spec = PROP_BY_ID[prop]
    t = spec.type
    if t in (PropType.STRING, PropType.IMAGE, PropType.COLOR):
        return
    try:
        CommandBuffer().set_prop(NODE_FOR[spec.on], prop, value)
        return
    except (ValueError, TypeError):
        pass
    node = NODE_FOR[spec.on]
    if t in (PropType.F32, PropType.DIM):
        try:
            as_f32 = struct.unpack("<f", struct.pack("<f", value))[0]
        except (OverflowError, struct.error):
            return  # not representable on the wire at all
        if t is PropType.F32:
            raw = raw_set_prop(node, prop, "f", as_f32)
        else:
            raw = raw_set_prop(node, prop, "Bf", 1, as_f32)
        if math.isfinite(as_f32) and as_f32 != value:
            return  # the encoder judged the unrounded value
    else:
        fmt = {PropType.U8: "B", PropType.U16: "H", PropType.I32: "i", PropType.U32: "I"}[t]
        try:
            raw = raw_set_prop(node, prop, fmt, value)
        except struct.error:
            return  # does not fit the wire type: nothing to send
    with Renderer(engine_path) as renderer:
        renderer.apply(SCENE)
        try:
            renderer.apply(raw)
        except ProtocolError as error:
            assert error.code is ErrorCode.OUT_OF_RANGE
        else:
            raise AssertionError(f"engine accepted {spec.prop.name}={value!r} the encoder refused")
