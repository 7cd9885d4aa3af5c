"""`SceneDouble`: an in-memory Python scene that applies the same command bytes as the engine.

A test double for fast reconciler tests: it decodes batches exactly as
`renderer/core/src/protocol.rs` does (same checks, in the same order, so the
same command index and error code on rejection), keeps the tree, node kinds,
properties (with `SET_STATE_PROPS` overrides), text, strings, images,
templates and fonts, and prints the engine's dump format without geometry.

Algorithm: a batch is applied to a copy of the scene, command by command,
each command validated against the copy first; the copy replaces the scene
only if the whole batch was valid, so a rejected batch leaves it untouched
(the engine gets the same effect with a validating simulation). Values are
kept in their wire form after the engine's own storage round trip (f32
rounding; percentages stored divided by 100 and read back multiplied).

Not modelled (they need layout): boxes, focus (`FOCUS` and `KEY` are
validated, then ignored, so no node is ever `focused` or `pressed`; the
focus properties 87..94 and 105 are stored and dumped like any other),
`missing_glyphs`, display lists, damage and events. Motion commands
(`SET_TRANSITION`, `SET_KEYFRAMES`, `CLEAR_ANIMATIONS`) are validated and
otherwise ignored: the engine's dump shows target values, never animated ones. Compare with
`structure_only_dump(engine.dump())`; `tests/renderer/test_fuzz*.py` feeds
random batches to both and compares, so the double cannot drift.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ._commands import CommandBuffer
from ._errors import ProtocolError
from ._protocol import (
    ANIMATABLE_PROPS,
    APPEND,
    COLOR_ANIM_PROPS,
    ENUM_NAMES,
    FLAG_PROPS,
    KEYWORD_UNITS,
    MAX_ANIM_MS,
    MAX_SURFACE,
    MAX_TEMPLATE_NODES,
    MAX_TREE_DEPTH,
    PROP_BY_ID,
    RANGE_PROPS,
    STATE_NAMES,
    ErrorCode,
    Kind,
    Opcode,
    Prop,
    PropSpec,
    PropType,
    opcode_name,
    valid_key,
)

_MOTION_OPS = (Opcode.SET_TRANSITION, Opcode.SET_KEYFRAMES, Opcode.CLEAR_ANIMATIONS)
_F32 = struct.Struct("<f")
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")

Value = int | float | tuple[int, float] | str | None
"""A stored property value: int, f32 float, dim `(unit, value)` or resolved string."""

_TEMPLATE_OPS = frozenset({Opcode.CREATE, Opcode.INSERT, Opcode.SET_PROP, Opcode.SET_PROPS,
                           Opcode.SET_STATE_PROPS, Opcode.SET_TEXT, *_MOTION_OPS})


def f32(value: float) -> float:
    """`value` rounded to the nearest f32."""
    return float(_F32.unpack(_F32.pack(value))[0])


def _default(spec: PropSpec) -> Value:
    d = spec.default
    if spec.type is PropType.DIM:
        return (0, 0.0) if d == "auto" else (1, 0.0)
    if spec.type is PropType.STRING:
        return None
    if spec.type is PropType.F32:
        return f32(float(d))  # type: ignore[arg-type]
    return int(d)  # type: ignore[call-overload, no-any-return]


DEFAULTS: dict[int, Value] = {p: _default(s) for p, s in PROP_BY_ID.items()}


def _stored(prop: int, value: Value) -> Value:
    """`value` after the engine stores and reads it back."""
    spec = PROP_BY_ID[prop]
    if spec.type is PropType.DIM and isinstance(value, tuple) and value[0] == 2:
        return (2, f32(f32(value[1] / 100.0) * 100.0))
    if spec.type is PropType.U8 and prop in FLAG_PROPS | {52, 66, 67}:
        return 1 if value else 0
    return value


@dataclass(frozen=True, slots=True)
class _StrRef:
    """A string id in a decoded value, resolved to its text when applied."""

    sid: int


RawValue = Value | _StrRef


class _BatchError(Exception):
    """A rejection with the engine's raw reason (no `command i (NAME):` prefix)."""

    def __init__(self, index: int, opcode: int, code: ErrorCode, message: str) -> None:
        self.index, self.opcode, self.code, self.message = index, opcode, code, message
        super().__init__(message)

    def protocol_error(self) -> ProtocolError:
        name = opcode_name(self.opcode)
        return ProtocolError(self.index, self.opcode, self.code,
                             f"command {self.index} ({name}): {self.message}")


class _Fault(Exception):
    def __init__(self, code: ErrorCode, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


class _Reader:
    __slots__ = ("buf", "pos")

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def _take(self, n: int, what: str) -> bytes:
        if len(self.buf) - self.pos < n:
            raise _Fault(ErrorCode.TRUNCATED, f"payload ends before {what}")
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def u8(self, what: str) -> int:
        return self._take(1, what)[0]

    def u16(self, what: str) -> int:
        return int(_U16.unpack(self._take(2, what))[0])

    def u32(self, what: str) -> int:
        return int(_U32.unpack(self._take(4, what))[0])

    def f32(self, what: str) -> float:
        return float(_F32.unpack(self._take(4, what))[0])

    def rest(self) -> bytes:
        out = self.buf[self.pos:]
        self.pos = len(self.buf)
        return out

    def remaining(self) -> int:
        return len(self.buf) - self.pos

    def finish(self) -> None:
        if self.remaining():
            raise _Fault(ErrorCode.TRAILING_BYTES,
                         f"{self.remaining()} unexpected bytes after the payload")


@dataclass(slots=True)
class _Overrides:
    sets: list[list[tuple[int, Value]]] = field(default_factory=lambda: [[], [], [], []])
    saved: list[tuple[int, Value]] = field(default_factory=list)
    active: int = 0

    def copy(self) -> _Overrides:
        return _Overrides([list(s) for s in self.sets], list(self.saved), self.active)


@dataclass(slots=True)
class Node:
    """One node of the double: kind, tree links, stored props and text."""

    id: int
    kind: Kind
    parent: int = 0
    children: list[int] = field(default_factory=list)
    props: dict[int, Value] = field(default_factory=dict)
    text: str = ""
    overrides: _Overrides | None = None

    def get(self, prop: int) -> Value:
        """The stored (effective) value of `prop`."""
        return self.props.get(prop, DEFAULTS[prop])

    def copy(self) -> Node:
        return Node(self.id, self.kind, self.parent, list(self.children), dict(self.props),
                    self.text, self.overrides.copy() if self.overrides else None)


@dataclass(slots=True)
class _Template:
    node_count: int
    cmds: list[tuple[object, ...]]
    shape: list[tuple[Kind, int]]
    images: list[int]


@dataclass(slots=True)
class _Image:
    width: int
    height: int
    state: int


class _State:
    """Everything a batch can change (copied per batch)."""

    def __init__(self) -> None:
        self.nodes: dict[int, Node] = {}
        self.root = 0
        self.strings: dict[int, str] = {}
        self.images: dict[int, _Image] = {}
        self.templates: dict[int, _Template] = {}
        self.fonts: set[int] = set()
        self.viewport = (1920, 1080, 1920.0, 1080.0)
        self.owned: set[int] = set()

    def mut(self, node_id: int) -> Node:
        """Node `node_id`, copied first if this state still shares it (copy on write)."""
        node = self.nodes[node_id]
        if node_id not in self.owned:
            node = node.copy()
            self.nodes[node_id] = node
            self.owned.add(node_id)
        return node

    def add(self, node: Node) -> None:
        self.nodes[node.id] = node
        self.owned.add(node.id)

    def copy(self) -> _State:
        """A copy sharing every node until it is written (`mut`)."""
        other = _State.__new__(_State)
        other.nodes = dict(self.nodes)
        other.owned = set()
        other.root = self.root
        other.strings = dict(self.strings)
        other.images = {k: _Image(v.width, v.height, v.state) for k, v in self.images.items()}
        other.templates = dict(self.templates)
        other.fonts = set(self.fonts)
        other.viewport = self.viewport
        return other


class _LocalNodes:
    """Template-local node simulation (ids `1..=limit`, no base scene)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.nodes: dict[int, Node] = {}

    def mut(self, node_id: int) -> Node:
        return self.nodes[node_id]

    def add(self, node: Node) -> None:
        self.nodes[node.id] = node


class SceneDouble:
    """An in-memory scene with the engine's validation and dump (without geometry)."""

    def __init__(self) -> None:
        self._state = _State()
        self.batches_applied = 0
        """Count of accepted batches (as in the output header)."""

    # Public API ----------------------------------------------------------------

    def apply(self, batch: bytes | bytearray | memoryview | CommandBuffer) -> None:
        """Applies a batch as a whole, or raises `ProtocolError` and changes nothing."""
        data = batch.getvalue() if isinstance(batch, CommandBuffer) else bytes(batch)
        state = self._state.copy()
        try:
            _Batch(state, None).run(data)
        except _BatchError as error:
            raise error.protocol_error() from None
        self._state = state
        self.batches_applied += 1

    def copy(self) -> SceneDouble:
        """An independent copy of this scene."""
        other = SceneDouble()
        other._state = self._state.copy()
        other.batches_applied = self.batches_applied
        return other

    @property
    def root(self) -> int:
        """The root node id (0 = none)."""
        return self._state.root

    def node(self, node_id: int) -> Node:
        """The node `node_id` (KeyError if it does not exist)."""
        return self._state.nodes[node_id]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._state.nodes

    def node_ids(self) -> list[int]:
        """Every live node id, sorted."""
        return sorted(self._state.nodes)

    def children(self, node_id: int) -> list[int]:
        """Children of `node_id` in order."""
        return list(self._state.nodes[node_id].children)

    def prop(self, node_id: int, prop: int) -> Value:
        """The stored value of `prop` on `node_id` (defaults included)."""
        return self._state.nodes[node_id].get(prop)

    def text(self, node_id: int) -> str:
        """A text node's content."""
        return self._state.nodes[node_id].text

    def strings(self) -> dict[int, str]:
        """Defined strings by id."""
        return dict(self._state.strings)

    def dump(self) -> str:
        """The engine's dump format without boxes and glyph counts (`structure_only_dump`)."""
        state = self._state
        out: list[str] = []
        if state.root:
            self._tree(state.root, 0, out)
        detached = sorted(i for i, n in state.nodes.items() if n.parent == 0 and i != state.root)
        if detached:
            out.append("detached:\n")
            for i in detached:
                self._tree(i, 1, out)
        return "".join(out)

    def _tree(self, root: int, depth: int, out: list[str]) -> None:
        stack = [(root, depth)]
        nodes = self._state.nodes
        while stack:
            i, d = stack.pop()
            node = nodes[i]
            out.append(_line(node, d))
            stack.extend((c, d + 1) for c in reversed(node.children))


# --- Dump formatting (renderer/core/src/dump.rs) -------------------------------------


def num(value: float) -> str:
    """A number as the engine's dump prints it: rounded to 0.01, no trailing zeros."""
    scaled = float(value) * 100.0
    whole = math.trunc(scaled)
    if abs(scaled - whole) >= 0.5:
        whole += 1 if scaled > 0 else -1
    r = whole / 100.0
    if r == 0.0:
        return "0"
    text = repr(r)
    if "e" in text:
        text = format(Decimal(text), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return text


_EXP_HIGH = f32(1e16)
_EXP_LOW = f32(1e-4)


def rust_f32(value: float) -> str:
    """An f32 as Rust's `{:?}` prints it (`1.0`, `-0.5`, `1e30`, `NaN`, `inf`)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return f"{sign}0.0"
    for precision in range(9):  # shortest digits that round-trip through f32
        text = f"{abs(value):.{precision}e}"
        try:
            if f32(float(text)) == abs(value):
                break
        except OverflowError:  # rounded past the largest f32
            continue
    mantissa, exp_text = text.split("e")
    exponent = int(exp_text)
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    if abs(value) >= _EXP_HIGH or abs(value) < _EXP_LOW:
        rest = f".{digits[1:]}" if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{rest}e{exponent}"
    point = exponent + 1
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}.0"
    return f"{sign}{digits[:point]}.{digits[point:]}"


def rust_f32_display(value: float) -> str:
    """An f32 as Rust's `{}` prints it: like `{:?}` but never `.0` or an exponent."""
    text = rust_f32(value)
    if "e" in text and not math.isinf(value):
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def quote(text: str) -> str:
    """A string as the dump quotes it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _value_text(prop: int, spec: PropSpec, value: Value) -> str:
    t = spec.type
    if t is PropType.U8:
        names = ENUM_NAMES.get(prop)
        assert isinstance(value, int)
        return names[value] if names is not None and value < len(names) else str(value)
    if t is PropType.F32:
        assert isinstance(value, float)
        return num(value)
    if t is PropType.COLOR:
        return f"#{value:08x}"
    if t is PropType.STRING:
        return quote(value) if isinstance(value, str) else '""'
    if t is PropType.DIM:
        assert isinstance(value, tuple)
        unit, v = value
        if unit >= 3:
            return _KEYWORDS[unit]
        return "auto" if unit == 0 else num(v) if unit == 1 else f"{num(v)}%"
    return str(value)


_KEYWORDS = {int(unit): name for name, unit in KEYWORD_UNITS.items()}
"""Dump names of the intrinsic size keyword units."""


def _line(node: Node, depth: int) -> str:
    parts = ["  " * depth, f"#{node.id} {node.kind.name.lower()}"]
    if node.kind is Kind.TEXT:
        parts.append(" " + quote(node.text))
    shown = {*node.props, 60, 61, 62} if node.kind is Kind.TEXT else set(node.props)
    ranged = not shown.isdisjoint(RANGE_PROPS)
    if ranged:  # once any of VALUE_NOW/MIN/MAX is set, the three always print
        shown |= RANGE_PROPS
    for prop in sorted(shown):
        spec = PROP_BY_ID[prop]
        if spec.on is not None and spec.on is not node.kind:
            continue
        value = node.get(prop)
        always = prop in (60, 61, 62) or (ranged and prop in RANGE_PROPS)
        if value == DEFAULTS[prop] and not always:
            continue
        if prop == 95:
            assert isinstance(value, int)
            parts.extend(f" {name}" for bit, name in enumerate(STATE_NAMES) if value >> bit & 1)
        elif prop in FLAG_PROPS:
            parts.append(f" {spec.name}")
        else:
            parts.append(f" {spec.name}={_value_text(prop, spec, value)}")
    parts.append("\n")
    return "".join(parts)


# --- Decoding and applying one batch (renderer/core/src/protocol.rs, engine.rs) ---------


class _Batch:
    """Validates and applies commands to `state`; `local` is set for template bodies."""

    def __init__(self, state: _State, local: _LocalNodes | None) -> None:
        self.s = state
        self.local = local
        self.owner: _State | _LocalNodes = local if local is not None else state
        self.cmds: list[tuple[object, ...]] = []
        self.opcode = 0

    def run(self, data: bytes) -> None:
        pos, index = 0, 0
        while pos < len(data):
            opcode = data[pos]
            if len(data) - pos < 4:
                raise self._error(index, opcode, ErrorCode.TRUNCATED, "command header is cut short")
            length = data[pos + 1] | data[pos + 2] << 8 | data[pos + 3] << 16
            pos += 4
            if len(data) - pos < length:
                raise self._error(index, opcode, ErrorCode.TRUNCATED,
                                  f"payload of {length} bytes but only {len(data) - pos} remain")
            payload = data[pos:pos + length]
            pos += length
            try:
                self._one(opcode, _Reader(payload))
            except _Fault as fault:
                raise self._error(index, opcode, fault.code, fault.message) from None
            index += 1

    @staticmethod
    def _error(index: int, opcode: int, code: ErrorCode, message: str) -> _BatchError:
        return _BatchError(index, opcode, code, message)

    # Node simulation ------------------------------------------------------------------

    @property
    def nodes(self) -> dict[int, Node]:
        return self.local.nodes if self.local is not None else self.s.nodes

    def _check_local(self, node: int) -> None:
        if self.local is not None and (node == 0 or node > self.local.limit):
            raise _Fault(ErrorCode.UNKNOWN_NODE,
                         f"local node {node} is outside 1..={self.local.limit}")

    def _node(self, node: int) -> Node:
        self._check_local(node)
        found = self.nodes.get(node)
        if found is None:
            raise _Fault(ErrorCode.UNKNOWN_NODE, f"node {node} does not exist")
        return found

    def _root(self) -> int:
        return 0 if self.local is not None else self.s.root

    # Commands -----------------------------------------------------------------------------

    def _one(self, opcode: int, r: _Reader) -> None:
        if self.local is not None and opcode not in _TEMPLATE_OPS:
            raise _Fault(ErrorCode.NOT_ALLOWED,
                         f"{opcode_name(opcode)} is not allowed inside a template")
        handler = _HANDLERS.get(opcode)
        if handler is None:
            raise _Fault(ErrorCode.UNKNOWN_OPCODE, f"unknown opcode 0x{opcode:02X}")
        self.opcode = opcode
        handler(self, r)
        r.finish()

    def create(self, r: _Reader) -> None:
        node = r.u32("node")
        k = r.u8("kind")
        if k > 2:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"unknown node kind {k}")
        if node == 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE, "node id 0 is reserved")
        self._check_local(node)
        if node in self.nodes:
            raise _Fault(ErrorCode.DUPLICATE_NODE, f"node {node} already exists")
        self.owner.add(Node(node, Kind(k)))
        self.cmds.append(("create", node, Kind(k)))

    def remove(self, r: _Reader) -> None:
        node = r.u32("node")
        if node not in self.nodes:
            raise _Fault(ErrorCode.UNKNOWN_NODE, f"node {node} does not exist")
        _remove(self.s, node)

    def clear_children(self, r: _Reader) -> None:
        node = r.u32("node")
        if node not in self.nodes:
            raise _Fault(ErrorCode.UNKNOWN_NODE, f"node {node} does not exist")
        for child in list(self.nodes[node].children):
            _remove(self.s, child)

    def insert(self, r: _Reader) -> None:
        parent, child, before = r.u32("parent"), r.u32("child"), r.u32("before")
        p = self._node(parent)
        self._node(child)
        if p.kind is not Kind.VIEW:
            raise _Fault(ErrorCode.NOT_ALLOWED, f"node {parent} is a {p.kind.name.lower()} "
                         "node and takes no children")
        if child == self._root() and child != 0:
            raise _Fault(ErrorCode.NOT_ALLOWED,
                         f"node {child} is the root and cannot get a parent")
        cur = parent
        while cur != 0:
            if cur == child:
                if parent == child:
                    raise _Fault(ErrorCode.CYCLE, f"node {child} cannot be inserted under itself")
                raise _Fault(ErrorCode.CYCLE, f"node {parent} is a descendant of node {child}")
            cur = self.nodes[cur].parent
        nodes = self.nodes
        if before != APPEND and (before == child or before not in nodes
                                 or nodes[before].parent != parent):
            raise _Fault(ErrorCode.BAD_SIBLING,
                         f"node {before} is not another child of node {parent}")
        if _too_deep(nodes, parent, child):
            raise _Fault(ErrorCode.NOT_ALLOWED,
                         f"inserting node {child} under node {parent} would nest nodes deeper "
                         f"than {MAX_TREE_DEPTH} levels (the maximum tree depth)")
        _insert(self.owner, parent, child, before)
        self.cmds.append(("insert", parent, child, before))

    def set_root(self, r: _Reader) -> None:
        node = r.u32("node")
        if node != 0:
            found = self._node(node)
            if found.parent != 0:
                raise _Fault(ErrorCode.NOT_ALLOWED,
                             f"node {node} has a parent and cannot be the root")
        self.s.root = node

    def set_viewport(self, r: _Reader) -> None:
        sw, sh = r.u32("surface_w"), r.u32("surface_h")
        dw, dh = r.f32("design_w"), r.f32("design_h")
        if sw == 0 or sh == 0 or sw > MAX_SURFACE or sh > MAX_SURFACE:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"surface {sw}x{sh} is outside 1..=16384")
        if not (math.isfinite(dw) and math.isfinite(dh) and dw > 0 and dh > 0):
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"design size {rust_f32_display(dw)}x"
                         f"{rust_f32_display(dh)} must be positive")
        self.s.viewport = (sw, sh, dw, dh)

    def _props(self, r: _Reader, count: int, node: Node) -> list[tuple[int, RawValue]]:
        return [self._value(r, node) for _ in range(count)]

    def _value(self, r: _Reader, node: Node) -> tuple[int, RawValue]:
        prop = r.u16("property id")
        spec = PROP_BY_ID.get(prop)
        if spec is None:
            raise _Fault(ErrorCode.BAD_PROPERTY, f"unknown property {prop}")
        if spec.on is not None and spec.on is not node.kind:
            raise _Fault(ErrorCode.BAD_PROPERTY,
                         f"property {prop} ({spec.name}) does not apply to "
                         f"{node.kind.name.lower()} node {node.id}")
        t, what = spec.type, spec.name
        value: Value
        if t is PropType.U8:
            value = r.u8(what)
            if spec.high is not None and spec.high < 255 and value > spec.high:
                raise _Fault(ErrorCode.OUT_OF_RANGE, f"{what} is out of range (U8({value}))")
        elif t is PropType.U16:
            value = r.u16(what)
        elif t is PropType.I32:
            v = r.u32(what)
            value = v - (1 << 32) if v & 0x80000000 else v
        elif t in (PropType.U32, PropType.COLOR):
            value = r.u32(what)
        elif t is PropType.STRING:
            sid = r.u32(what)
            if sid != 0 and sid not in self.s.strings:
                raise _Fault(ErrorCode.UNKNOWN_STRING, f"string {sid} is not defined ({what})")
            return prop, _StrRef(sid)
        elif t is PropType.IMAGE:
            value = r.u32(what)
            if value != 0 and value not in self.s.images:
                raise _Fault(ErrorCode.UNKNOWN_IMAGE, f"image {value} is not defined")
        elif t is PropType.F32:
            value = r.f32(what)
            self._check_float(spec, value)
        else:
            unit, v32 = r.u8(what), r.f32(what)
            if unit > 6:
                raise _Fault(ErrorCode.OUT_OF_RANGE, f"{what}: unknown dim unit {unit}")
            if unit >= 3:
                if not spec.keywords:
                    raise _Fault(ErrorCode.OUT_OF_RANGE,
                                 f"{what} takes no intrinsic size keyword (only sizes and "
                                 "flex-basis do) (Dim(Keyword))")
                value = (unit, 0.0)
            elif unit == 0:
                if spec.low is not None and not spec.auto:
                    raise _Fault(ErrorCode.OUT_OF_RANGE, f"{what} must not be auto (Dim(Auto))")
                value = (0, 0.0)
            else:
                shown = f"(Dim({'Points' if unit == 1 else 'Percent'}({rust_f32(v32)})))"
                if not math.isfinite(v32):
                    raise _Fault(ErrorCode.OUT_OF_RANGE, f"{what} is not a finite number {shown}")
                if spec.low is not None and v32 < 0:
                    raise _Fault(ErrorCode.OUT_OF_RANGE, f"{what} must not be negative {shown}")
                value = (unit, v32)
        return prop, value

    @staticmethod
    def _check_float(spec: PropSpec, value: float) -> None:
        if not math.isfinite(value):
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"{spec.name} is not a finite number (F32({rust_f32(value)}))")
        if spec.high is not None:
            if not spec.low <= value <= spec.high:  # type: ignore[operator]
                raise _Fault(ErrorCode.OUT_OF_RANGE,
                             f"{spec.name} must be within 0..1 (F32({rust_f32(value)}))")
        elif spec.low is not None and value < spec.low:
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"{spec.name} must not be negative (F32({rust_f32(value)}))")

    def _resolve(self, props: list[tuple[int, RawValue]]) -> list[tuple[int, Value]]:
        out: list[tuple[int, Value]] = []
        for prop, value in props:
            if isinstance(value, _StrRef):
                out.append((prop, self.s.strings.get(value.sid) if value.sid else None))
            else:
                out.append((prop, value))
        return out

    def set_prop(self, r: _Reader) -> None:
        node = self._node(r.u32("node"))
        self._apply_props(node, self._props(r, 1, node))

    def set_props(self, r: _Reader) -> None:
        node = self._node(r.u32("node"))
        count = r.u16("count")
        self._apply_props(node, self._props(r, count, node))

    def _apply_props(self, node: Node, props: list[tuple[int, RawValue]]) -> None:
        if self.local is not None:
            self.cmds.append(("props", node.id, props))
            return
        node = self.owner.mut(node.id)
        for prop, value in self._resolve(props):
            _set_base_prop(node, prop, value)

    def set_text(self, r: _Reader) -> None:
        node_id, sid = r.u32("node"), r.u32("string")
        node = self._node(node_id)
        if node.kind is not Kind.TEXT:
            raise _Fault(ErrorCode.BAD_PROPERTY,
                         f"node {node_id} is a {node.kind.name.lower()} node, not text")
        if sid != 0 and sid not in self.s.strings:
            raise _Fault(ErrorCode.UNKNOWN_STRING, f"string {sid} is not defined")
        text = self.s.strings.get(sid, "")
        if self.local is not None:
            self.cmds.append(("text", node_id, sid))
        else:
            self.owner.mut(node_id).text = text

    def define_string(self, r: _Reader) -> None:
        sid = r.u32("string")
        data = r.rest()
        if sid == 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE, "string id 0 is reserved")
        if sid in self.s.strings:
            raise _Fault(ErrorCode.DUPLICATE_ID, f"string {sid} is already defined")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Fault(ErrorCode.INVALID_UTF8,
                         f"string {sid} is not valid UTF-8 (at byte {exc.start})") from None
        self.s.strings[sid] = text

    def release_string(self, r: _Reader) -> None:
        sid = r.u32("string")
        if sid not in self.s.strings:
            raise _Fault(ErrorCode.UNKNOWN_STRING, f"string {sid} is not defined")
        del self.s.strings[sid]

    def define_image(self, r: _Reader) -> None:
        iid, w, h = r.u32("image"), r.u32("width"), r.u32("height")
        if iid == 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE, "image id 0 is reserved")
        if iid in self.s.images:
            raise _Fault(ErrorCode.DUPLICATE_ID, f"image {iid} is already defined")
        self.s.images[iid] = _Image(w, h, 1 if w > 0 and h > 0 else 0)

    def image_state(self, r: _Reader) -> None:
        iid, state = r.u32("image"), r.u8("state")
        w, h = r.u32("width"), r.u32("height")
        if iid not in self.s.images:
            raise _Fault(ErrorCode.UNKNOWN_IMAGE, f"image {iid} is not defined")
        if state == 3:
            return  # repaint: pixels only, nothing a scene double keeps
        if state not in (1, 2):
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"image state {state} is not 1 (loaded), 2 (failed) or 3 (repaint)")
        info = self.s.images[iid]
        info.state = state
        if state == 1:
            info.width, info.height = w, h

    def release_image(self, r: _Reader) -> None:
        iid = r.u32("image")
        if iid not in self.s.images:
            raise _Fault(ErrorCode.UNKNOWN_IMAGE, f"image {iid} is not defined")
        del self.s.images[iid]
        for node_id, node in list(self.s.nodes.items()):
            shown = node.kind is Kind.IMAGE and node.get(Prop.IMAGE) == iid
            o = node.overrides
            named = o is not None and any(p == Prop.IMAGE and v == iid
                                          for group in (*o.sets, o.saved) for p, v in group)
            if not (shown or named):
                continue
            node = self.s.mut(node_id)
            if shown:
                _store(node, Prop.IMAGE, 0)
            o = node.overrides
            if o is not None:
                for group in (*o.sets, o.saved):
                    for k, (p, v) in enumerate(group):
                        if p == Prop.IMAGE and v == iid:
                            group[k] = (p, 0)

    def set_state_props(self, r: _Reader) -> None:
        node_id, state, count = r.u32("node"), r.u8("state"), r.u16("count")
        node = self._node(node_id)
        if not 1 <= state <= 4:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"state {state} is not 1, 2, 3 or 4")
        props = self._props(r, count, node)
        if self.local is not None:
            self.cmds.append(("state", node_id, state, props))
            return
        _set_state_props(self.s.mut(node_id), state, self._resolve(props))

    def define_template(self, r: _Reader) -> None:
        tid, count = r.u32("template"), r.u32("node_count")
        body = r.rest()
        if tid == 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE, "template id 0 is reserved")
        if tid in self.s.templates:
            raise _Fault(ErrorCode.DUPLICATE_ID, f"template {tid} is already defined")
        if count == 0 or count > MAX_TEMPLATE_NODES:
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"template node_count {count} is outside "
                         f"1..={MAX_TEMPLATE_NODES} (MAX_NODES)")
        inner = _Batch(self.s, _LocalNodes(count))
        try:
            inner.run(body)
        except _BatchError as error:
            name = opcode_name(error.opcode)
            name = "unknown" if name.startswith("0x") else name
            raise _Fault(error.code, f"template command {error.index} ({name}): "
                         f"{error.message}") from None
        shape: list[tuple[Kind, int]] = []
        for k in range(1, count + 1):
            local = inner.nodes.get(k)
            if local is None:
                raise _Fault(ErrorCode.NOT_ALLOWED, f"template never creates local node {k}")
            if k == 1 and local.parent != 0:
                raise _Fault(ErrorCode.NOT_ALLOWED,
                             "template root (local 1) must not have a parent")
            if k != 1 and local.parent == 0:
                raise _Fault(ErrorCode.NOT_ALLOWED, f"template local node {k} is not attached")
            shape.append((local.kind, local.parent))
        images: list[int] = []
        resolved: list[tuple[object, ...]] = []
        for cmd in inner.cmds:
            if cmd[0] in ("props", "state"):
                props = cmd[-1]
                for p, v in props:  # type: ignore[attr-defined]
                    if p == Prop.IMAGE and v != 0 and v not in images:
                        images.append(v)
                resolved.append((*cmd[:-1], self._resolve(props)))  # type: ignore[arg-type]
            elif cmd[0] == "text":
                resolved.append(("text_str", cmd[1], self.s.strings.get(cmd[2], "")))  # type: ignore[call-overload]
            else:
                resolved.append(cmd)
        self.s.templates[tid] = _Template(count, resolved, shape, images)

    def instantiate(self, r: _Reader) -> None:
        tid, base = r.u32("template"), r.u32("base")
        t = self.s.templates.get(tid)
        if t is None:
            raise _Fault(ErrorCode.UNKNOWN_TEMPLATE, f"template {tid} is not defined")
        if base == 0 or base + t.node_count - 1 >= 0xFFFFFFFF:
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"ids {base}.. for {t.node_count} nodes are out of range")
        for image in t.images:
            if image not in self.s.images:
                raise _Fault(ErrorCode.UNKNOWN_IMAGE,
                             f"template {tid} shows image {image} which is not defined")
        for k in range(t.node_count):
            if base + k in self.s.nodes:
                raise _Fault(ErrorCode.DUPLICATE_NODE, f"node {base + k} already exists")
        state = self.s
        for cmd in t.cmds:
            kind = cmd[0]
            if kind == "create":
                state.add(Node(base + cmd[1] - 1, cmd[2]))  # type: ignore[operator, arg-type]
            elif kind == "insert":
                before = cmd[3]
                _insert(state, base + cmd[1] - 1, base + cmd[2] - 1,  # type: ignore[operator]
                        before if before == APPEND else base + before - 1)  # type: ignore[operator]
            elif kind == "props":
                node = state.mut(base + cmd[1] - 1)  # type: ignore[operator]
                for prop, value in cmd[2]:  # type: ignore[attr-defined]
                    _set_base_prop(node, prop, value)
            elif kind == "state":
                _set_state_props(state.mut(base + cmd[1] - 1),  # type: ignore[operator]
                                 cmd[2], list(cmd[3]))  # type: ignore[arg-type, call-overload]
            elif kind == "text_str":
                state.mut(base + cmd[1] - 1).text = cmd[2]  # type: ignore[operator, assignment]

    def release_template(self, r: _Reader) -> None:
        tid = r.u32("template")
        if tid not in self.s.templates:
            raise _Fault(ErrorCode.UNKNOWN_TEMPLATE, f"template {tid} is not defined")
        del self.s.templates[tid]

    def key(self, r: _Reader) -> None:
        key, action = r.u8("key"), r.u8("action")
        if not valid_key(key):
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"key {key} is not a known key")
        if action > 2:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"key action {action} is not 0, 1 or 2")

    def focus(self, r: _Reader) -> None:
        node = r.u32("node")
        if node != 0:
            self._node(node)

    def motion(self, r: _Reader) -> None:
        """SET_TRANSITION / SET_KEYFRAMES / CLEAR_ANIMATIONS: validated, not modelled.

        The dump shows target values, never animated ones, so there is nothing to
        store; the checks follow `renderer/core/src/protocol/motion.rs` step by step.
        """
        opcode = self.opcode
        node, prop = r.u32("node"), r.u16("property id")
        if opcode == Opcode.CLEAR_ANIMATIONS:
            self._node(node)
            _motion_prop(prop, groups=True, zero=True)
            return
        duration, delay = r.f32("duration_ms"), r.f32("delay_ms")
        if opcode == Opcode.SET_TRANSITION:
            easing = _read_easing(r)
            self._node(node)
            _motion_prop(prop, groups=True)
            _motion_times(duration, delay, positive=False)
            _motion_easing(*easing)
            return
        iterations, direction, count = r.u32("iterations"), r.u8("direction"), r.u16("count")
        del iterations
        self._node(node)
        _motion_prop(prop, groups=False)
        _motion_times(duration, delay, positive=True)
        if direction > 3:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"direction {direction} is not 0..=3")
        if count < 2:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"{count} keyframes; at least 2 are needed")
        last = 0.0
        for k in range(count):
            offset, raw = r.f32("offset"), r.u32("value")
            spring = _motion_easing(*_read_easing(r))
            if not (math.isfinite(offset) and last <= offset <= 1.0) or (k == 0 and offset != 0.0):
                raise _Fault(ErrorCode.OUT_OF_RANGE, f"keyframe {k}: offsets must rise from 0 to 1")
            if spring:
                raise _Fault(ErrorCode.OUT_OF_RANGE, f"keyframe {k}: springs cannot ease keyframes")
            value = _F32.unpack(_U32.pack(raw))[0]
            if prop not in COLOR_ANIM_PROPS and not math.isfinite(value):
                raise _Fault(ErrorCode.OUT_OF_RANGE, f"keyframe {k}: value is not a finite number")
            last = offset
        if last != 1.0:
            raise _Fault(ErrorCode.OUT_OF_RANGE, "the last keyframe offset must be 1")

    def define_font(self, r: _Reader) -> None:
        font = r.u8("font")
        ascent, descent = r.f32("ascent"), r.f32("descent")
        leading, fallback = r.f32("leading"), r.f32("fallback_advance")
        metrics = (ascent, descent, leading, fallback)
        if not all(math.isfinite(m) for m in metrics):
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"font {font}: font metrics must be finite numbers")
        if ascent < 0 or descent < 0 or fallback < 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"font {font}: ascent, descent and fallback advance must be >= 0")
        if not f32(f32(ascent + descent) + leading) > 0:
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"font {font}: ascent + descent + leading must be > 0")
        self.s.fonts.add(font)

    def font_glyphs(self, r: _Reader) -> None:
        font, count = r.u8("font"), r.u32("count")
        if count * 8 > r.remaining():
            raise _Fault(ErrorCode.TRUNCATED, f"{count} glyphs need {count * 8} bytes, "
                         f"{r.remaining()} remain")
        if font not in self.s.fonts:
            raise _Fault(ErrorCode.NOT_ALLOWED, f"font {font} is not defined")
        for _ in range(count):
            cp, advance = r.u32("codepoint"), r.f32("advance")
            where = f"glyph {cp:#x} advance {rust_f32_display(advance)}"
            if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
                raise _Fault(ErrorCode.OUT_OF_RANGE,
                             f"{where}: glyph codepoint is not a Unicode scalar value")
            if not math.isfinite(advance) or advance < 0:
                raise _Fault(ErrorCode.OUT_OF_RANGE,
                             f"{where}: glyph advance must be a finite number >= 0")

    def shaped_text(self, r: _Reader) -> None:
        font, flags, count = r.u8("font"), r.u8("flags"), r.u32("count")
        if count * 4 > r.remaining():
            raise _Fault(ErrorCode.TRUNCATED, f"{count} advances need {count * 4} bytes, "
                         f"{r.remaining()} remain")
        if font not in self.s.fonts:
            raise _Fault(ErrorCode.NOT_ALLOWED, f"font {font} is not defined")
        advances = [r.f32("advance") for _ in range(count)]
        breaks = [r.u8("break") for _ in range(count)] if flags & 2 else []
        data = r.rest()
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Fault(ErrorCode.INVALID_UTF8,
                         f"shaped text is not valid UTF-8 (at byte {error.start})") from None
        if len(text) != len(advances) or (breaks and len(breaks) != len(text)):
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"font {font}: shaped text needs one advance "
                         "(and break flag) per character")
        if any(not math.isfinite(a) or a < 0 for a in advances):
            raise _Fault(ErrorCode.OUT_OF_RANGE,
                         f"font {font}: shaped advances must be finite numbers >= 0")
        if flags > 3:
            raise _Fault(ErrorCode.OUT_OF_RANGE, f"font {font}: shaped text flags {flags} "
                         "(bits 0 and 1 only)")


_HANDLERS: dict[int, Callable[[_Batch, _Reader], None]] = {
    Opcode.CREATE: _Batch.create,
    Opcode.REMOVE: _Batch.remove,
    Opcode.CLEAR_CHILDREN: _Batch.clear_children,
    Opcode.INSERT: _Batch.insert,
    Opcode.SET_ROOT: _Batch.set_root,
    Opcode.SET_VIEWPORT: _Batch.set_viewport,
    Opcode.SET_PROP: _Batch.set_prop,
    Opcode.SET_PROPS: _Batch.set_props,
    Opcode.SET_TEXT: _Batch.set_text,
    Opcode.DEFINE_STRING: _Batch.define_string,
    Opcode.RELEASE_STRING: _Batch.release_string,
    Opcode.DEFINE_IMAGE: _Batch.define_image,
    Opcode.IMAGE_STATE: _Batch.image_state,
    Opcode.RELEASE_IMAGE: _Batch.release_image,
    Opcode.SET_STATE_PROPS: _Batch.set_state_props,
    Opcode.DEFINE_TEMPLATE: _Batch.define_template,
    Opcode.INSTANTIATE: _Batch.instantiate,
    Opcode.RELEASE_TEMPLATE: _Batch.release_template,
    Opcode.KEY: _Batch.key,
    Opcode.FOCUS: _Batch.focus,
    Opcode.DEFINE_FONT: _Batch.define_font,
    Opcode.FONT_GLYPHS: _Batch.font_glyphs,
    Opcode.SHAPED_TEXT: _Batch.shaped_text,
    Opcode.SET_TRANSITION: _Batch.motion,
    Opcode.SET_KEYFRAMES: _Batch.motion,
    Opcode.CLEAR_ANIMATIONS: _Batch.motion,
}


# --- Motion command checks (renderer/core/src/protocol/motion.rs) ------------------------------


def _motion_prop(prop: int, groups: bool, zero: bool = False) -> None:
    if prop in ANIMATABLE_PROPS or (groups and 100 <= prop <= 104) or (zero and prop == 0):
        return
    raise _Fault(ErrorCode.BAD_PROPERTY, f"property {prop} cannot be animated")


def _motion_times(duration: float, delay: float, positive: bool) -> None:
    def ok(x: float) -> bool:
        return math.isfinite(x) and 0.0 <= x <= MAX_ANIM_MS

    if not ok(duration) or (positive and duration <= 0.0):
        what = "positive" if positive else "0"
        raise _Fault(ErrorCode.OUT_OF_RANGE, f"duration_ms must be {what}..=3600000")
    if not ok(delay):
        raise _Fault(ErrorCode.OUT_OF_RANGE, "delay_ms must be 0..=3600000")


def _read_easing(r: _Reader) -> tuple[int, list[float]]:
    kind = r.u8("easing")
    return kind, [r.f32("easing parameter") for _ in range(4)]


def _motion_easing(kind: int, p: list[float]) -> bool:
    """Validates an easing like `Easing::from_wire`; returns whether it is a spring."""
    def bad(why: str) -> _Fault:
        return _Fault(ErrorCode.OUT_OF_RANGE, why)

    if not all(math.isfinite(x) for x in p):
        raise bad("easing parameters must be finite")
    if kind <= 4:
        return False
    if kind == 5:
        if not (0.0 <= p[0] <= 1.0 and 0.0 <= p[2] <= 1.0):
            raise bad("cubic-bezier x1 and x2 must be within 0..1")
        return False
    if kind == 6:
        if not (p[0] > 0.0 and p[1] > 0.0 and p[2] > 0.0):
            raise bad("spring stiffness, damping and mass must be positive")
        ratio = p[0] / p[2]
        if ratio > 1.0e6 and (ratio > 2.0e6 or f32(ratio) > 1.0e6):
            raise bad("spring stiffness / mass must be at most 1000000")
        return True
    raise bad("unknown easing (0 linear, 1 ease, 2 ease-in, 3 ease-out, 4 ease-in-out, "
              "5 cubic-bezier, 6 spring)")


# --- Scene mutations shared by commands and template instances ---------------------------


def _too_deep(nodes: dict[int, Node], parent: int, child: int) -> bool:
    """Whether `child`'s subtree under `parent` would pass `MAX_TREE_DEPTH`."""
    level, cur = 1, nodes[parent].parent
    while cur != 0 and level <= MAX_TREE_DEPTH:
        level, cur = level + 1, nodes[cur].parent
    stack = [(child, level + 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return True
        stack.extend((c, depth + 1) for c in nodes[node].children)
    return False


def _subtree(nodes: dict[int, Node], node: int) -> Iterator[int]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(nodes[n].children)


def _detach(owner: _State | _LocalNodes, child: int) -> None:
    parent = owner.nodes[child].parent
    if parent:
        owner.mut(parent).children.remove(child)
        owner.mut(child).parent = 0


def _insert(owner: _State | _LocalNodes, parent: int, child: int, before: int) -> None:
    _detach(owner, child)
    siblings = owner.mut(parent).children
    pos = siblings.index(before) if before != APPEND and before in siblings else len(siblings)
    siblings.insert(pos, child)
    owner.mut(child).parent = parent


def _remove(state: _State, node: int) -> None:
    nodes = state.nodes
    _detach(state, node)
    for n in list(_subtree(nodes, node)):
        del nodes[n]
        if state.root == n:
            state.root = 0


def _store(node: Node, prop: int, value: Value) -> None:
    """`Scene::set_prop`: store the value as the engine reads it back."""
    value = _stored(prop, value)
    if value == DEFAULTS[prop] and type(value) is type(DEFAULTS[prop]):
        node.props.pop(prop, None)
    else:
        node.props[prop] = value


def _set_base_prop(node: Node, prop: int, value: Value) -> None:
    o = node.overrides
    if o is not None:
        for k, (p, _) in enumerate(o.saved):
            if p == prop:
                o.saved[k] = (p, _stored(prop, value))
                if prop == Prop.DISABLED:
                    _refresh(node)
                return
    _store(node, prop, value)
    if prop == Prop.DISABLED:
        _refresh(node)


def _set_state_props(node: Node, state: int, props: list[tuple[int, Value]]) -> None:
    if node.overrides is None:
        node.overrides = _Overrides()
    node.overrides.sets[min(max(state, 1), 4) - 1] = props
    node.overrides.active = 0xFF
    _refresh(node)


def _refresh(node: Node) -> None:
    o = node.overrides
    if o is None:
        return
    want = 4 if node.get(Prop.DISABLED) else 0
    if o.active == want:
        return
    saved, o.saved = o.saved, []
    for p, v in saved:
        _store(node, p, v)
    for k in (3, 0, 1, 2):
        if not want & (1 << k):
            continue
        for p, v in o.sets[k]:
            if not any(q == p for q, _ in o.saved):
                o.saved.append((p, node.get(p)))
            _store(node, p, v)
    o.active = want
