"""Fuzzing the boundary: random, invalid and byte-mutated batches, engine vs scene double.

Every generated batch goes to the Wasm engine and to `SceneDouble`. Both must
agree on whether it is applied and, when rejected, on the command index,
opcode, error code and message; after every batch their structure-only dumps must be
equal (so the double cannot drift from the engine), a rejected batch must
leave the engine's full dump unchanged, the engine must never trap or hang
(a trap raises `RendererCrashed`, a hang hits the watchdog), and the scene
invariants must hold (tree shape, no orphans, unique ids).

Ids come from small pools so that generated commands often refer to
existing nodes and often do not. `FOCUS` and `KEY` are generated only in
their rejected forms: applying them needs layout, which the double does not
model. Example counts are small by default; set `MARQUEE_FUZZ_EXAMPLES` to
run longer (e.g. `MARQUEE_FUZZ_EXAMPLES=5000`).
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer._errors import ProtocolError
from renderer._protocol import APPEND, PROP_BY_ID, Opcode, PropType, structure_only_dump
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble

EXAMPLES = int(os.environ.get("MARQUEE_FUZZ_EXAMPLES", "0")) or None


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        derandomize=EXAMPLES is None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture],
    )


# --- Command generators -----------------------------------------------------------------

NODES = st.integers(1, 40)
STRINGS = st.integers(0, 4)
IMAGES = st.integers(0, 3)
TEMPLATES = st.integers(0, 2)
U32S = st.sampled_from([0, 1, 2, 3, 5, 0x7FFFFFFF, 0xFFFFFFFF])
FLOATS = st.sampled_from([0.0, -0.0, 0.5, 1.0, 1.5, -1.0, 12.0, 33.333, 100.0, 1e30, -1e30,
                          float("nan"), float("inf"), 0.005, 0.015, 2.675])
PROP_IDS = st.one_of(st.sampled_from(sorted(PROP_BY_ID)), st.sampled_from([0, 68, 69, 95, 999]))
TEXTS = st.one_of(
    st.text(alphabet='ab "\\\n\u00e9\u2026\U0001f600', max_size=6).map(str.encode),
    st.sampled_from([b"\xff", b"ab\xc3", b"\xed\xa0\x80", b"\xc0\x80"]),
)


def cmd(op: int, payload: bytes) -> bytes:
    return struct.pack("<I", op | (len(payload) << 8)) + payload


@st.composite
def prop_values(draw: st.DrawFn, prop: int | None = None) -> bytes:
    """`prop u16` + a value of its type (sometimes out of range), as raw bytes."""
    if prop is None:
        prop = draw(PROP_IDS)
    spec = PROP_BY_ID.get(prop)
    t = spec.type if spec else draw(st.sampled_from(list(PropType)))
    head = struct.pack("<H", prop)
    if t is PropType.U8:
        high = int(spec.high) if spec and spec.high is not None else 3
        return head + bytes([draw(st.one_of(st.integers(0, min(high, 255)),
                                            st.integers(0, 255)))])
    if t is PropType.U16:
        return head + struct.pack("<H", draw(st.sampled_from([0, 1, 3, 65535])))
    if t is PropType.F32:
        return head + struct.pack("<f", draw(FLOATS))
    if t is PropType.DIM:
        unit = draw(st.sampled_from([0, 1, 1, 2, 2, 3]))
        return head + struct.pack("<Bf", unit, draw(FLOATS))
    if t is PropType.STRING:
        return head + struct.pack("<I", draw(STRINGS))
    if t is PropType.IMAGE:
        return head + struct.pack("<I", draw(IMAGES))
    if t is PropType.I32:
        return head + struct.pack("<i", draw(st.sampled_from([0, -5, 7, -(2**31)])))
    return head + struct.pack("<I", draw(U32S))


@st.composite
def template_bodies(draw: st.DrawFn, count: int) -> bytes:
    local = st.integers(0, count + 1)
    parts = []
    for node in range(1, count + 1):
        if draw(st.booleans()) or node == 1:
            parts.append(cmd(Opcode.CREATE, struct.pack("<IB", node, draw(st.sampled_from(
                [0, 0, 1, 2])))))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["insert", "prop", "text", "state", "root"]))
        if kind == "insert":
            parts.append(cmd(Opcode.INSERT, struct.pack("<III", draw(local), draw(local),
                                                         draw(st.sampled_from([APPEND, 2])))))
        elif kind == "prop":
            parts.append(cmd(Opcode.SET_PROP, struct.pack("<I", draw(local))
                             + draw(prop_values())))
        elif kind == "text":
            parts.append(cmd(Opcode.SET_TEXT, struct.pack("<II", draw(local), draw(STRINGS))))
        elif kind == "state":
            parts.append(cmd(Opcode.SET_STATE_PROPS, struct.pack("<IBH", draw(local), 3, 1)
                             + draw(prop_values())))
        else:
            parts.append(cmd(Opcode.SET_ROOT, struct.pack("<I", 1)))
    return b"".join(parts)


@st.composite
def commands(draw: st.DrawFn, existing: tuple[int, ...] = ()) -> bytes:
    """One command, valid or not for the current scene (usually well-formed).

    `existing` node ids are picked often, so that commands refer to real nodes.
    """
    op = draw(st.sampled_from([
        *["create"] * 8, *["insert"] * 6, "remove", "clear_children", "root", "root",
        "prop", "prop", "prop", "props", "props", "text", "text", "string", "release_string",
        "image",
        "image_state", "release_image", "state", "template", "instantiate",
        "release_template", "viewport", "font", "glyphs", "focus", "key", "unknown",
        "truncated",
    ]))
    node = st.one_of(st.sampled_from(existing), st.sampled_from(existing), NODES) \
        if existing else NODES
    if op == "create":
        return cmd(Opcode.CREATE, struct.pack("<IB", draw(st.integers(0, 40)),
                                              draw(st.sampled_from([0, 0, 0, 1, 2, 3]))))
    if op == "insert":
        before = draw(st.one_of(st.just(APPEND), node))
        return cmd(Opcode.INSERT, struct.pack("<III", draw(node), draw(node), before))
    if op == "remove":
        return cmd(Opcode.REMOVE, struct.pack("<I", draw(node)))
    if op == "clear_children":
        return cmd(Opcode.CLEAR_CHILDREN, struct.pack("<I", draw(node)))
    if op == "root":
        return cmd(Opcode.SET_ROOT, struct.pack("<I", draw(st.integers(0, 10))))
    if op == "prop":
        return cmd(Opcode.SET_PROP, struct.pack("<I", draw(node)) + draw(prop_values()))
    if op == "props":
        values = draw(st.lists(prop_values(), max_size=3))
        return cmd(Opcode.SET_PROPS, struct.pack("<IH", draw(node), len(values))
                   + b"".join(values))
    if op == "text":
        return cmd(Opcode.SET_TEXT, struct.pack("<II", draw(node), draw(STRINGS)))
    if op == "string":
        return cmd(Opcode.DEFINE_STRING, struct.pack("<I", draw(STRINGS)) + draw(TEXTS))
    if op == "release_string":
        return cmd(Opcode.RELEASE_STRING, struct.pack("<I", draw(STRINGS)))
    if op == "image":
        return cmd(Opcode.DEFINE_IMAGE, struct.pack("<III", draw(IMAGES),
                                                    draw(st.sampled_from([0, 300])), 450))
    if op == "image_state":
        return cmd(Opcode.IMAGE_STATE, struct.pack("<IBII", draw(IMAGES),
                                                   draw(st.integers(0, 3)), 300, 450))
    if op == "release_image":
        return cmd(Opcode.RELEASE_IMAGE, struct.pack("<I", draw(IMAGES)))
    if op == "state":
        values = draw(st.lists(prop_values(), max_size=2))
        return cmd(Opcode.SET_STATE_PROPS, struct.pack("<IBH", draw(node),
                                                       draw(st.integers(0, 5)), len(values))
                   + b"".join(values))
    if op == "template":
        count = draw(st.integers(0, 3))
        return cmd(Opcode.DEFINE_TEMPLATE, struct.pack("<II", draw(TEMPLATES), count)
                   + draw(template_bodies(max(count, 1))))
    if op == "instantiate":
        return cmd(Opcode.INSTANTIATE, struct.pack("<II", draw(TEMPLATES),
                                                   draw(st.sampled_from([0, 5, 20, 24]))))
    if op == "release_template":
        return cmd(Opcode.RELEASE_TEMPLATE, struct.pack("<I", draw(TEMPLATES)))
    if op == "viewport":
        return cmd(Opcode.SET_VIEWPORT, struct.pack(
            "<IIff", draw(st.sampled_from([0, 1280, 20000])), 720,
            draw(st.sampled_from([1920.0, 0.0, float("nan")])), 1080.0))
    if op == "font":
        return cmd(Opcode.DEFINE_FONT, struct.pack("<Bffff", draw(st.integers(0, 2)),
                                                   *draw(st.lists(FLOATS, min_size=4,
                                                                  max_size=4))))
    if op == "glyphs":
        glyphs = draw(st.lists(st.tuples(st.sampled_from([65, 0x2026, 0xD800, 0x110000]),
                                         FLOATS), max_size=3))
        count = draw(st.sampled_from([len(glyphs), len(glyphs) + 1]))
        return cmd(Opcode.FONT_GLYPHS, struct.pack("<BI", draw(st.integers(0, 2)), count)
                   + b"".join(struct.pack("<If", c, a) for c, a in glyphs))
    if op == "focus":  # only rejected or no-op forms: applying focus needs layout
        return cmd(Opcode.FOCUS, struct.pack("<I", draw(st.sampled_from([0, 999]))))
    if op == "key":  # only rejected forms
        key, action = draw(st.sampled_from([(0, 0), (19, 0), (31, 1), (1, 3)]))
        return cmd(Opcode.KEY, bytes([key, action]))
    if op == "unknown":
        return cmd(draw(st.sampled_from([0x00, 0x13, 0x7F, 0xFF])), b"\x01\x00\x00\x00")
    # truncated or padded payloads of a CREATE / INSERT
    payload = struct.pack("<III", draw(node), draw(node), APPEND)
    cut = draw(st.integers(0, len(payload) + 2))
    body = (payload + b"\x00\x00")[:cut]
    return cmd(draw(st.sampled_from([Opcode.CREATE, Opcode.INSERT, Opcode.REMOVE,
                                     Opcode.CLEAR_CHILDREN])), body)




def draw_scaffold(data: st.DataObject) -> bytes:
    """A valid batch building a random tree of 2..16 nodes (node 1, a view, is the root)."""
    count = data.draw(st.integers(2, 16))
    views = [1]
    parts = [cmd(Opcode.CREATE, struct.pack("<IB", 1, 0)),
             cmd(Opcode.DEFINE_STRING, struct.pack("<I", 1) + b"Hi")]
    for node in range(2, count + 1):
        kind = data.draw(st.sampled_from([0, 0, 0, 1, 2]))
        parent = data.draw(st.sampled_from(views))
        parts.append(cmd(Opcode.CREATE, struct.pack("<IB", node, kind)))
        parts.append(cmd(Opcode.INSERT, struct.pack("<III", parent, node, APPEND)))
        if kind == 0:
            views.append(node)
        elif kind == 1:
            parts.append(cmd(Opcode.SET_TEXT, struct.pack("<II", node, 1)))
    parts.append(cmd(Opcode.SET_ROOT, struct.pack("<I", 1)))
    return b"".join(parts)


def draw_batch(data: st.DataObject, double: SceneDouble, max_commands: int = 8) -> bytes:
    """A batch that is valid for `double`'s scene, except that it ends in an
    invalid command about one time in four.

    Each drawn command is tried on a scratch copy of the scene; a command the
    scratch rejects is usually dropped (so scenes grow) and sometimes kept as
    the batch's last command (so rejections are exercised mid-batch).
    """
    scratch = double.copy()
    parts: list[bytes] = []
    for _ in range(data.draw(st.integers(1, max_commands))):
        existing = tuple(scratch.node_ids())
        command = data.draw(commands(existing))
        try:
            scratch.apply(command)
        except ProtocolError:
            if data.draw(st.integers(0, 3)) == 0:
                parts.append(command)
                break
            continue
        parts.append(command)
    return b"".join(parts)


# --- Checks -----------------------------------------------------------------------------------

def check_invariants(double: SceneDouble) -> None:
    """Tree shape, no orphans, no cycles, leaves are leaves."""
    ids = double.node_ids()
    assert len(ids) == len(set(ids))
    root = double.root
    if root:
        assert root in double and double.node(root).parent == 0
    for node_id in ids:
        node = double.node(node_id)
        assert len(node.children) == len(set(node.children))
        if node.kind.name != "VIEW":
            assert node.children == []
        for child in node.children:
            assert double.node(child).parent == node_id
        if node.parent:
            assert node_id in double.node(node.parent).children
        seen, cur = set(), node_id
        while cur:
            assert cur not in seen, f"cycle through node {cur}"
            seen.add(cur)
            cur = double.node(cur).parent


DUMP_LINE = re.compile(r"^( *)#(\d+) (view|text|image)\b")


def check_dump_shape(dump: str) -> None:
    """Every node appears once; indentation deepens by one level at a time."""
    seen: set[int] = set()
    previous = -1
    for line in dump.splitlines():
        if line == "detached:":
            previous = 0
            continue
        match = DUMP_LINE.match(line)
        assert match, f"unexpected dump line {line!r}"
        depth = len(match.group(1)) // 2
        assert depth <= previous + 1
        previous = depth
        node = int(match.group(2))
        assert node not in seen, f"node {node} appears twice"
        seen.add(node)


def apply_both(renderer: Renderer, double: SceneDouble, batch: bytes) -> None:
    before = renderer.dump()
    engine_error = double_error = None
    try:
        renderer.apply(batch)
    except ProtocolError as error:
        engine_error = error
    try:
        double.apply(batch)
    except ProtocolError as error:
        double_error = error
    assert renderer.alive
    if engine_error is None or double_error is None:
        assert engine_error is None and double_error is None, (
            f"engine: {engine_error}\ndouble: {double_error}\nbatch: {batch.hex()}")
    else:
        assert (engine_error.command_index, engine_error.opcode, engine_error.code,
                engine_error.message) == (
            double_error.command_index, double_error.opcode, double_error.code,
            double_error.message), (
            f"engine: {engine_error}\ndouble: {double_error}\nbatch: {batch.hex()}")
        assert renderer.dump() == before, "a rejected batch changed the scene"
    after = renderer.dump()
    check_dump_shape(after)
    assert structure_only_dump(after) == double.dump(), f"batch: {batch.hex()}"
    check_invariants(double)


# --- Tests ------------------------------------------------------------------------------------


@fuzz_settings(default=80)
@given(data=st.data())
def test_engine_and_double_agree_on_random_batches(engine_path: Path,
                                                   data: st.DataObject) -> None:
    double = SceneDouble()
    with Renderer(engine_path) as renderer:
        apply_both(renderer, double, draw_scaffold(data))
        for _ in range(data.draw(st.integers(1, 8))):
            apply_both(renderer, double, draw_batch(data, double))
        assert renderer.batches_applied() == double.batches_applied


def mutate(data: st.DataObject, batch: bytes) -> bytes:
    """`batch` with one to three bytes flipped, cut, inserted or deleted."""
    victim = bytearray(batch)
    draw = data.draw
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(victim) - 1)))
        if how == "flip" and victim:
            victim[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "truncate":
            del victim[at:]
        elif how == "insert":
            victim[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif victim:
            del victim[at]
    return bytes(victim)


@fuzz_settings(default=100)
@given(data=st.data())
def test_byte_mutated_batches_are_applied_or_rejected_cleanly(
        engine_path: Path, data: st.DataObject) -> None:
    double = SceneDouble()
    with Renderer(engine_path) as renderer:
        apply_both(renderer, double, draw_scaffold(data))
        for _ in range(data.draw(st.integers(0, 3))):
            apply_both(renderer, double, draw_batch(data, double))
        apply_both(renderer, double, mutate(data, draw_batch(data, double)))
        renderer.frame(16.0)
        assert renderer.alive


@fuzz_settings(default=60)
@given(data=st.binary(max_size=64))
def test_random_bytes_never_crash_the_engine_or_the_double(engine_path: Path,
                                                           data: bytes) -> None:
    double = SceneDouble()
    with Renderer(engine_path) as renderer:
        apply_both(renderer, double, data)
        renderer.frame(0.0)
        assert renderer.alive


@pytest.mark.parametrize("batch", [
    b"",
    b"\x01",
    b"\x01\x05\x00",
    b"\x01\xff\xff\xff",
    cmd(Opcode.DEFINE_TEMPLATE, struct.pack("<II", 1, 1)
        + cmd(Opcode.DEFINE_TEMPLATE, struct.pack("<II", 2, 1))),
])
def test_edge_batches_agree(engine_path: Path, batch: bytes) -> None:
    double = SceneDouble()
    with Renderer(engine_path) as renderer:
        apply_both(renderer, double, batch)
