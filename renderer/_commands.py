"""`CommandBuffer`: the typed encoder of command batches (PROTOCOL.md section 2).

The reconciler encodes thousands of commands per frame, so each method is one
validation step plus one precompiled `struct.Struct.pack` appended to a
`bytearray` (header and payload in a single pack where the size is fixed).
Values are validated by the property's declared type and range before they
are encoded, so a bad value fails here, in the caller's stack, with a message
naming the property and the value; the engine validates again (it trusts
nothing from the host).

Value forms accepted by `set_prop`:

- integers (`u8`, `u16`, `i32`, `u32`), `bool` for flags, `IntEnum` members;
- `f32`: any finite int or float;
- `color`: an int `0xRRGGBBAA`, or a string `"#rrggbb"` / `"#rrggbbaa"`;
- `string` (LABEL, TEST_ID) and `image`: the u32 id (`0` clears / none);
- `dim`: a number (points), `"50%"`, `"auto"`, `"12pt"` or a `Dim`.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ._motion import (
    EasingLike,
    Keyframe,
    clear_payload,
    keyframes_payload,
    transition_payload,
)
from ._protocol import (
    APPEND,
    KEYWORD_UNITS,
    MAX_PAYLOAD,
    MAX_SURFACE,
    MAX_TEMPLATE_NODES,
    PROP_BY_ID,
    TEMPLATE_OPCODES,
    Direction,
    ImageState,
    KeyAction,
    Kind,
    Opcode,
    PropSpec,
    PropType,
    State,
    Unit,
    opcode_name,
    valid_key,
)

_S = struct.Struct


def _hdr(op: Opcode, payload: int) -> int:
    return int(op) | (payload << 8)


_CREATE = _S("<IIB")
_CREATE_H = _hdr(Opcode.CREATE, 5)
_NODE = _S("<II")
_REMOVE_H = _hdr(Opcode.REMOVE, 4)
_CLEAR_CHILDREN_H = _hdr(Opcode.CLEAR_CHILDREN, 4)
_SET_ROOT_H = _hdr(Opcode.SET_ROOT, 4)
_FOCUS_H = _hdr(Opcode.FOCUS, 4)
_RELEASE_STRING_H = _hdr(Opcode.RELEASE_STRING, 4)
_DEFINE_STRING_OP = int(Opcode.DEFINE_STRING)
_RELEASE_IMAGE_H = _hdr(Opcode.RELEASE_IMAGE, 4)
_RELEASE_TEMPLATE_H = _hdr(Opcode.RELEASE_TEMPLATE, 4)
_INSERT = _S("<IIII")
_INSERT_H = _hdr(Opcode.INSERT, 12)
_VIEWPORT = _S("<IIIff")
_VIEWPORT_H = _hdr(Opcode.SET_VIEWPORT, 16)
_TWO = _S("<III")
_SET_TEXT_H = _hdr(Opcode.SET_TEXT, 8)
_INSTANTIATE_H = _hdr(Opcode.INSTANTIATE, 8)
_DEFINE_IMAGE = _S("<IIII")
_DEFINE_IMAGE_H = _hdr(Opcode.DEFINE_IMAGE, 12)
_IMAGE_STATE = _S("<IIBII")
_IMAGE_STATE_H = _hdr(Opcode.IMAGE_STATE, 13)
_KEY = _S("<IBB")
_KEY_H = _hdr(Opcode.KEY, 2)
_REMEMBER_FOCUS_H = _hdr(Opcode.REMEMBER_FOCUS, 8)
_HEAD_ID = _S("<II")
_HEAD_ID2 = _S("<III")
_HEADER = _S("<I")
_PROPS_HEAD = _S("<IIH")
_STATE_PROPS_HEAD = _S("<IIBH")
_DEFINE_FONT = _S("<IBffff")
_DEFINE_FONT_H = _hdr(Opcode.DEFINE_FONT, 17)
_FONT_GLYPHS_HEAD = _S("<IBI")
_SHAPED_TEXT_HEAD = _S("<IBBI")
_GLYPH = _S("<If")

# SET_PROP with each value type, header included: (struct, header word).
_SP_INT = {
    PropType.U8: (_S("<IIHB"), _hdr(Opcode.SET_PROP, 7)),
    PropType.U16: (_S("<IIHH"), _hdr(Opcode.SET_PROP, 8)),
    PropType.I32: (_S("<IIHi"), _hdr(Opcode.SET_PROP, 10)),
    PropType.U32: (_S("<IIHI"), _hdr(Opcode.SET_PROP, 10)),
    PropType.COLOR: (_S("<IIHI"), _hdr(Opcode.SET_PROP, 10)),
    PropType.STRING: (_S("<IIHI"), _hdr(Opcode.SET_PROP, 10)),
    PropType.IMAGE: (_S("<IIHI"), _hdr(Opcode.SET_PROP, 10)),
}
_SP_F32 = _S("<IIHf")
_SP_F32_H = _hdr(Opcode.SET_PROP, 10)
_SP_DIM = _S("<IIHBf")
_SP_DIM_H = _hdr(Opcode.SET_PROP, 11)

# (prop, value) pairs inside SET_PROPS / SET_STATE_PROPS.
_PV_INT = {
    PropType.U8: _S("<HB"),
    PropType.U16: _S("<HH"),
    PropType.I32: _S("<Hi"),
    PropType.U32: _S("<HI"),
    PropType.COLOR: _S("<HI"),
    PropType.STRING: _S("<HI"),
    PropType.IMAGE: _S("<HI"),
}
_PV_F32 = _S("<Hf")
_PV_DIM = _S("<HBf")

_F32_MAX = 3.4028234663852886e38


@dataclass(frozen=True, slots=True)
class Dim:
    """A length: `Dim.points(10)`, `Dim.percent(50)` or `Dim.auto()`."""

    unit: Unit
    value: float = 0.0

    @staticmethod
    def points(value: float) -> Dim:
        """`value` design units."""
        return Dim(Unit.POINTS, float(value))

    @staticmethod
    def percent(value: float) -> Dim:
        """`value` percent of the parent (`50` = half)."""
        return Dim(Unit.PERCENT, float(value))

    @staticmethod
    def auto() -> Dim:
        """The automatic size."""
        return AUTO

    @staticmethod
    def keyword(name: str) -> Dim:
        """An intrinsic size keyword: `"min-content"`, `"max-content"`, `"fit-content"`
        or `"stretch"` (sizes and flex-basis only)."""
        unit = KEYWORD_UNITS.get(name)
        if unit is None:
            raise ValueError(f"unknown size keyword {name!r}; keywords: "
                             + ", ".join(repr(k) for k in KEYWORD_UNITS))
        return Dim(unit)


AUTO = Dim(Unit.AUTO, 0.0)
"""The automatic size, as a `Dim`."""

DimLike = Dim | float | int | str
ColorLike = int | str
PropValue = int | float | str | Dim | bool


def parse_color(value: object, what: str = "colour") -> int:
    """`0xRRGGBBAA` from an int or a `"#rrggbb"`/`"#rrggbbaa"` string."""
    if isinstance(value, bool):
        raise TypeError(f"{what}: expected a colour (0xRRGGBBAA or '#rrggbb[aa]'), got {value!r}")
    if isinstance(value, int):
        if 0 <= value <= 0xFFFFFFFF:
            return value
        raise ValueError(f"{what}: colour {value!r} is not a u32 0xRRGGBBAA")
    if isinstance(value, str):
        text = value[1:] if value.startswith("#") else ""
        if len(text) in (6, 8):
            try:
                number = int(text, 16)
            except ValueError:
                pass
            else:
                return (number << 8) | 0xFF if len(text) == 6 else number
        raise ValueError(f"{what}: colour string {value!r} is not '#rrggbb' or '#rrggbbaa'")
    raise TypeError(f"{what}: expected a colour (0xRRGGBBAA or '#rrggbb[aa]'), got {value!r}")


def parse_dim(value: object, what: str = "dim") -> tuple[int, float]:
    """`(unit, value)` from a number (points), `"auto"`, `"50%"`, `"12pt"`, a size keyword
    (`"min-content"`, `"max-content"`, `"fit-content"`, `"stretch"`) or a `Dim`."""
    if isinstance(value, Dim):
        return int(value.unit), value.value
    if isinstance(value, bool):
        raise TypeError(f"{what}: expected a length, got {value!r}")
    if isinstance(value, int | float):
        return 1, float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if text == "auto":
                return 0, 0.0
            if text in KEYWORD_UNITS:
                return int(KEYWORD_UNITS[text]), 0.0
            if text.endswith("%"):
                return 2, float(text[:-1])
            if text.endswith(("pt", "px")):
                return 1, float(text[:-2])
            return 1, float(text)
        except ValueError:
            pass
        raise ValueError(f"{what}: {value!r} is not a length (number, 'auto', 'N%', 'Npt' or "
                         "a size keyword: 'min-content', 'max-content', 'fit-content', "
                         "'stretch')")
    raise TypeError(f"{what}: expected a length (number, 'auto', 'N%' or Dim), got {value!r}")


_KEYWORD_UNIT_NUMBERS = frozenset(int(u) for u in KEYWORD_UNITS.values())


def _prop_spec(prop: object) -> PropSpec:
    spec = PROP_BY_ID.get(prop) if isinstance(prop, int) else None
    if spec is None:
        raise ValueError(f"unknown property {prop!r}")
    return spec


def _bad(spec: PropSpec, value: object, why: str) -> ValueError:
    return ValueError(f"property {spec.prop.name}: {why}, got {value!r}")


def _check_int(spec: PropSpec, value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"property {spec.prop.name}: expected an int, got {value!r}")
    if not spec.check(value):
        raise _bad(spec, value, f"value out of range {spec.low:g}..{spec.high:g}")
    return int(value)


def _check_f32(spec: PropSpec, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"property {spec.prop.name}: expected a number, got {value!r}")
    v = float(value)
    if not (math.isfinite(v) and abs(v) <= _F32_MAX):
        raise _bad(spec, value, "expected a finite f32")
    if not spec.check(v):
        raise _bad(spec, value, _range_text(spec))
    return v


def _range_text(spec: PropSpec) -> str:
    if spec.high is None:
        return f"expected a value >= {spec.low:g}"
    return f"expected a value in {spec.low:g}..{spec.high:g}"


def _check_dim(spec: PropSpec, value: object) -> tuple[int, float]:
    unit, v = parse_dim(value, f"property {spec.prop.name}")
    if unit == 0:
        if not spec.auto:
            raise _bad(spec, value, "'auto' is not allowed")
        return 0, 0.0
    if unit in _KEYWORD_UNIT_NUMBERS:
        if not spec.keywords:
            raise _bad(spec, value, "size keywords are only allowed for WIDTH, HEIGHT, their "
                       "MIN_/MAX_ variants and FLEX_BASIS")
        return unit, 0.0
    if unit not in (1, 2):
        raise _bad(spec, value, "unknown unit")
    if not (math.isfinite(v) and abs(v) <= _F32_MAX):
        raise _bad(spec, value, "expected a finite length")
    if spec.low is not None and v < spec.low:
        raise _bad(spec, value, _range_text(spec))
    return unit, v


def _check_value_int(spec: PropSpec, value: object) -> int:
    t = spec.type
    if t is PropType.COLOR:
        return parse_color(value, f"property {spec.prop.name}")
    return _check_int(spec, value)


def encode_value(prop: int, value: object) -> bytes:
    """Encodes `(prop u16, value)` as it appears in `SET_PROPS`, validating it."""
    spec = _prop_spec(prop)
    t = spec.type
    if t is PropType.F32:
        return _PV_F32.pack(spec.prop, _check_f32(spec, value))
    if t is PropType.DIM:
        unit, v = _check_dim(spec, value)
        return _PV_DIM.pack(spec.prop, unit, v)
    return _PV_INT[t].pack(spec.prop, _check_value_int(spec, value))


class _PropEncoder:
    """Per-property fast encoders: `one(node, value)` -> SET_PROP bytes, `pair(value)`.

    The common case (a plain int or float within range) is checked inline;
    anything else goes through the general validators, which either convert
    it (strings, `Dim`, bools) or raise with a message naming the property.
    """

    __slots__ = ("one", "pair")

    def __init__(self, spec: PropSpec) -> None:
        prop = int(spec.prop)
        t = spec.type
        low = spec.low if spec.low is not None else -_F32_MAX
        high = spec.high if spec.high is not None else _F32_MAX
        check: Callable[[object], object]
        if t is PropType.F32:
            def check(value: object) -> object:
                c = value.__class__
                if (c is float or c is int) and low <= value <= high:  # type: ignore[operator]
                    return value
                return _check_f32(spec, value)

            pack_one, header, pack_pair = _SP_F32.pack, _SP_F32_H, _PV_F32.pack
        elif t is PropType.DIM:
            dim_low = 0.0 if spec.low is not None else -_F32_MAX

            def check_dim(value: object) -> tuple[int, float]:
                c = value.__class__
                if (c is float or c is int) and dim_low <= value <= _F32_MAX:  # type: ignore[operator]
                    return 1, value  # type: ignore[return-value]
                return _check_dim(spec, value)

            one_dim, pair_dim = _SP_DIM.pack, _PV_DIM.pack

            def one(node: int, value: object) -> bytes:
                unit, v = check_dim(value)
                return one_dim(_SP_DIM_H, node, prop, unit, v)

            def pair(value: object) -> bytes:
                unit, v = check_dim(value)
                return pair_dim(prop, unit, v)

            self.one, self.pair = one, pair
            return
        else:
            int_low = int(spec.low) if spec.low is not None else 0
            int_high = int(spec.high) if spec.high is not None else 0xFFFFFFFF
            slow = parse_color if t is PropType.COLOR else None

            def check(value: object) -> object:
                if value.__class__ is int and int_low <= value <= int_high:
                    return value
                if slow is not None:
                    return slow(value, f"property {spec.prop.name}")
                return _check_int(spec, value)

            packer, header = _SP_INT[t]
            pack_one, pack_pair = packer.pack, _PV_INT[t].pack

        def one_value(node: int, value: object) -> bytes:
            return pack_one(header, node, prop, check(value))

        def pair_value(value: object) -> bytes:
            return pack_pair(prop, check(value))

        self.one, self.pair = one_value, pair_value


_ENCODERS: dict[int, _PropEncoder] = {p: _PropEncoder(s) for p, s in PROP_BY_ID.items()}


def _u32(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{what} must be a u32, got {value!r}")
    return value


def _id(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 0xFFFFFFFF:
        raise ValueError(f"{what} must be an id in 1..0xFFFFFFFF (0 is reserved), got {value!r}")
    return value


def iter_commands(data: bytes | bytearray | memoryview) -> Iterable[tuple[int, int, int]]:
    """Yields `(opcode, payload_offset, payload_length)` of each command in `data`.

    Raises `ValueError` if the last command is cut short.
    """
    view = memoryview(data)
    pos, end = 0, len(view)
    while pos < end:
        if end - pos < 4:
            raise ValueError(f"truncated command header at byte {pos}")
        (word,) = _HEADER.unpack_from(view, pos)
        op, length = word & 0xFF, word >> 8
        if pos + 4 + length > end:
            raise ValueError(
                f"command {opcode_name(op)} at byte {pos} declares {length} payload bytes, "
                f"only {end - pos - 4} remain"
            )
        yield op, pos + 4, length
        pos += 4 + length


class CommandBuffer:
    """A batch of commands under construction.

    Each method appends one command and returns `self`, so calls chain. Pass
    the buffer (or `bytes(buffer)`) to `Renderer.apply`.
    """

    __slots__ = ("_buf", "_count")

    def __init__(self) -> None:
        self._buf = bytearray()
        self._count = 0

    # Whole-buffer access -------------------------------------------------

    def getvalue(self) -> bytes:
        """The encoded batch."""
        return bytes(self._buf)

    def __bytes__(self) -> bytes:
        return bytes(self._buf)

    def view(self) -> memoryview:
        """A view of the encoded bytes without copying (do not append while holding it)."""
        return memoryview(self._buf)

    def __len__(self) -> int:
        """Length of the encoded batch in bytes."""
        return len(self._buf)

    @property
    def command_count(self) -> int:
        """How many commands the batch holds."""
        return self._count

    def clear(self) -> None:
        """Empties the buffer for reuse."""
        self._buf.clear()
        self._count = 0

    def __repr__(self) -> str:
        return f"<CommandBuffer {self._count} commands, {len(self._buf)} bytes>"

    def extend(self, data: bytes | bytearray | memoryview | CommandBuffer) -> CommandBuffer:
        """Appends already encoded commands (font commands, another buffer).

        Raises `ValueError` if `data` does not split into whole commands.
        """
        if isinstance(data, CommandBuffer):
            self._buf += data._buf
            self._count += data._count
            return self
        count = sum(1 for _ in iter_commands(data))
        self._buf += data
        self._count += count
        return self

    # Tree ------------------------------------------------------------------

    def create(self, node: int, kind: Kind | int = Kind.VIEW) -> CommandBuffer:
        """`CREATE`: a new node of `kind` (view, text, image)."""
        if kind not in (0, 1, 2):
            raise ValueError(f"CREATE: unknown node kind {kind!r} (0 view, 1 text, 2 image)")
        if node.__class__ is not int or not 0 < node <= 0xFFFFFFFF:
            _id(node, "CREATE node")
        self._buf += _CREATE.pack(_CREATE_H, node, kind)
        self._count += 1
        return self

    def remove(self, node: int) -> CommandBuffer:
        """`REMOVE`: detach and destroy `node` and its subtree."""
        if node.__class__ is not int or not 0 < node <= 0xFFFFFFFF:
            _id(node, "REMOVE node")
        self._buf += _NODE.pack(_REMOVE_H, node)
        self._count += 1
        return self

    def clear_children(self, node: int) -> CommandBuffer:
        """`CLEAR_CHILDREN`: destroy every child of `node` (and their subtrees); `node` stays.

        The same as one `remove` per child, first to last, in one command.
        """
        self._buf += _NODE.pack(_CLEAR_CHILDREN_H, _id(node, "CLEAR_CHILDREN node"))
        self._count += 1
        return self

    def insert(self, parent: int, child: int, before: int | None = None) -> CommandBuffer:
        """`INSERT`: put `child` under `parent` before sibling `before` (None appends)."""
        if parent.__class__ is not int or not 0 < parent <= 0xFFFFFFFF:
            _id(parent, "INSERT parent")
        if child.__class__ is not int or not 0 < child <= 0xFFFFFFFF:
            _id(child, "INSERT child")
        if before is None:
            before = APPEND
        elif before.__class__ is not int or not 0 < before <= 0xFFFFFFFF:
            _id(before, "INSERT before")
        self._buf += _INSERT.pack(_INSERT_H, parent, child, before)
        self._count += 1
        return self

    def set_root(self, node: int) -> CommandBuffer:
        """`SET_ROOT`: make `node` the root (`0` clears it)."""
        self._buf += _NODE.pack(_SET_ROOT_H, _u32(node, "SET_ROOT node"))
        self._count += 1
        return self

    def set_viewport(self, surface_w: int, surface_h: int,
                     design_w: float = 1920.0, design_h: float = 1080.0) -> CommandBuffer:
        """`SET_VIEWPORT`: surface size in pixels and design space in design units."""
        for what, v in (("design_w", design_w), ("design_h", design_h)):
            if not (isinstance(v, int | float) and math.isfinite(v) and v > 0):
                raise ValueError(f"SET_VIEWPORT {what} must be a positive number, got {v!r}")
        for what, side in (("surface_w", surface_w), ("surface_h", surface_h)):
            if isinstance(side, bool) or not isinstance(side, int) or \
                    not 1 <= side <= MAX_SURFACE:
                raise ValueError(f"SET_VIEWPORT {what} must be 1..{MAX_SURFACE}, got {side!r}")
        self._buf += _VIEWPORT.pack(_VIEWPORT_H, surface_w, surface_h, design_w, design_h)
        self._count += 1
        return self

    # Properties -----------------------------------------------------------

    def set_prop(self, node: int, prop: int, value: PropValue) -> CommandBuffer:
        """`SET_PROP`: one property, validated and encoded by its declared type."""
        encoder = _ENCODERS.get(prop)
        if encoder is None:
            raise ValueError(f"unknown property {prop!r}")
        if node.__class__ is not int or not 0 < node <= 0xFFFFFFFF:
            _id(node, "SET_PROP node")
        self._buf += encoder.one(node, value)
        self._count += 1
        return self

    def _pairs(self, props: Mapping[int, PropValue] | Iterable[tuple[int, PropValue]]) -> int:
        items = props.items() if props.__class__ is dict or isinstance(props, Mapping) \
            else props
        buf = self._buf
        count = 0
        encoders = _ENCODERS
        for prop, value in items:
            encoder = encoders.get(prop)
            if encoder is None:
                raise ValueError(f"unknown property {prop!r}")
            buf += encoder.pair(value)
            count += 1
        if count > 0xFFFF:
            raise ValueError(f"at most 65535 properties per command, got {count}")
        return count

    def _finish(self, start: int, op: Opcode) -> None:
        length = len(self._buf) - start - 4
        if length > MAX_PAYLOAD:
            del self._buf[start:]
            raise ValueError(f"{op.name} payload of {length} bytes exceeds {MAX_PAYLOAD}")
        _HEADER.pack_into(self._buf, start, int(op) | (length << 8))
        self._count += 1

    def set_props(self, node: int,
                  props: Mapping[int, PropValue] | Iterable[tuple[int, PropValue]]
                  ) -> CommandBuffer:
        """`SET_PROPS`: several properties of one node in one command."""
        start = len(self._buf)
        self._buf += _PROPS_HEAD.pack(0, _id(node, "SET_PROPS node"), 0)
        try:
            count = self._pairs(props)
        except BaseException:
            del self._buf[start:]
            raise
        struct.pack_into("<H", self._buf, start + 8, count)
        self._finish(start, Opcode.SET_PROPS)
        return self

    def set_state_props(self, node: int, state: State | int,
                        props: Mapping[int, PropValue] | Iterable[tuple[int, PropValue]]
                        ) -> CommandBuffer:
        """`SET_STATE_PROPS`: overrides applied while `node` is in `state` (empty clears)."""
        if state not in (1, 2, 3, 4):
            raise ValueError(f"SET_STATE_PROPS: unknown state {state!r} "
                             "(1 focused, 2 pressed, 3 disabled, 4 focus-within)")
        start = len(self._buf)
        self._buf += _STATE_PROPS_HEAD.pack(0, _id(node, "SET_STATE_PROPS node"), state, 0)
        try:
            count = self._pairs(props)
        except BaseException:
            del self._buf[start:]
            raise
        struct.pack_into("<H", self._buf, start + 9, count)
        self._finish(start, Opcode.SET_STATE_PROPS)
        return self

    # Text and strings -----------------------------------------------------

    def set_text(self, node: int, string: int) -> CommandBuffer:
        """`SET_TEXT`: copy string `string`'s content into text node `node`."""
        # Inline checks (the helpers only format the error): one per text per row.
        if node.__class__ is not int or not 0 < node <= 0xFFFFFFFF:
            _id(node, "SET_TEXT node")
        if string.__class__ is not int or not 0 <= string <= 0xFFFFFFFF:
            _u32(string, "SET_TEXT string")
        self._buf += _TWO.pack(_SET_TEXT_H, node, string)
        self._count += 1
        return self

    def define_string(self, string: int, text: str | bytes) -> CommandBuffer:
        """`DEFINE_STRING`: define string id `string` (str is UTF-8 encoded)."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        length = 4 + len(data)
        if length > MAX_PAYLOAD:
            raise ValueError(f"DEFINE_STRING {string}: {len(data)} bytes is too long")
        if string.__class__ is not int or not 0 < string <= 0xFFFFFFFF:
            _id(string, "DEFINE_STRING string")
        buf = self._buf
        buf += _HEAD_ID.pack(_DEFINE_STRING_OP | (length << 8), string)
        buf += data
        self._count += 1
        return self

    def release_string(self, string: int) -> CommandBuffer:
        """`RELEASE_STRING`: free string id `string`."""
        if string.__class__ is not int or not 0 < string <= 0xFFFFFFFF:
            _id(string, "RELEASE_STRING string")
        self._buf += _NODE.pack(_RELEASE_STRING_H, string)
        self._count += 1
        return self

    # Images ----------------------------------------------------------------

    def define_image(self, image: int, width: int = 0, height: int = 0) -> CommandBuffer:
        """`DEFINE_IMAGE`: declare an image the host holds pixels for (0x0 = not loaded)."""
        self._buf += _DEFINE_IMAGE.pack(_DEFINE_IMAGE_H, _id(image, "DEFINE_IMAGE image"),
                                        _u32(width, "DEFINE_IMAGE width"),
                                        _u32(height, "DEFINE_IMAGE height"))
        self._count += 1
        return self

    def image_state(self, image: int, state: ImageState | int,
                    width: int = 0, height: int = 0) -> CommandBuffer:
        """`IMAGE_STATE`: the image loaded (with its size) or failed, or (3) repaint it."""
        if state not in (1, 2, 3):
            raise ValueError(f"IMAGE_STATE: unknown state {state!r} "
                             "(1 loaded, 2 failed, 3 repaint)")
        self._buf += _IMAGE_STATE.pack(_IMAGE_STATE_H, _id(image, "IMAGE_STATE image"), state,
                                       _u32(width, "IMAGE_STATE width"),
                                       _u32(height, "IMAGE_STATE height"))
        self._count += 1
        return self

    def release_image(self, image: int) -> CommandBuffer:
        """`RELEASE_IMAGE`: forget image `image`."""
        self._buf += _NODE.pack(_RELEASE_IMAGE_H, _id(image, "RELEASE_IMAGE image"))
        self._count += 1
        return self

    # Templates -------------------------------------------------------------

    def define_template(self, template: int, node_count: int,
                        body: CommandBuffer | bytes) -> CommandBuffer:
        """`DEFINE_TEMPLATE`: a reusable subtree whose body uses local ids `1..=node_count`.

        `body` may only contain CREATE, INSERT, SET_PROP(S), SET_STATE_PROPS and
        SET_TEXT; local id 1 is the template's root.
        """
        data = body.getvalue() if isinstance(body, CommandBuffer) else bytes(body)
        for index, (op, _, _) in enumerate(iter_commands(data)):
            if op not in TEMPLATE_OPCODES:
                raise ValueError(
                    f"DEFINE_TEMPLATE {template}: command {index} ({opcode_name(op)}) "
                    "is not allowed in a template body"
                )
        if isinstance(node_count, int) and not 1 <= node_count <= MAX_TEMPLATE_NODES:
            raise ValueError(f"DEFINE_TEMPLATE {template}: node_count must be "
                             f"1..{MAX_TEMPLATE_NODES}, got {node_count!r}")
        length = 8 + len(data)
        if length > MAX_PAYLOAD:
            raise ValueError(f"DEFINE_TEMPLATE {template}: body of {len(data)} bytes is too long")
        self._buf += _HEAD_ID2.pack(int(Opcode.DEFINE_TEMPLATE) | (length << 8),
                                    _id(template, "DEFINE_TEMPLATE template"),
                                    _id(node_count, "DEFINE_TEMPLATE node_count"))
        self._buf += data
        self._count += 1
        return self

    def instantiate(self, template: int, base: int) -> CommandBuffer:
        """`INSTANTIATE`: clone `template` at ids `base..base+node_count-1`."""
        if template.__class__ is not int or not 0 < template <= 0xFFFFFFFF:
            _id(template, "INSTANTIATE template")
        if base.__class__ is not int or not 0 < base <= 0xFFFFFFFF:
            _id(base, "INSTANTIATE base")
        self._buf += _TWO.pack(_INSTANTIATE_H, template, base)
        self._count += 1
        return self

    def release_template(self, template: int) -> CommandBuffer:
        """`RELEASE_TEMPLATE`: forget `template`."""
        self._buf += _NODE.pack(_RELEASE_TEMPLATE_H, _id(template, "RELEASE_TEMPLATE template"))
        self._count += 1
        return self

    # Input -------------------------------------------------------------------

    def key(self, key: int, action: KeyAction | int = KeyAction.DOWN) -> CommandBuffer:
        """`KEY`: a remote-control key event for the engine's focus system."""
        if isinstance(key, bool) or not isinstance(key, int) or not valid_key(key):
            raise ValueError(f"KEY: key must be a key code in 1..18 or 32..255, got {key!r}")
        if action not in (0, 1, 2):
            raise ValueError(f"KEY: unknown action {action!r} (0 down, 1 repeat, 2 up; "
                             "3 long press is reported by the engine, never sent)")
        self._buf += _KEY.pack(_KEY_H, key, action)
        self._count += 1
        return self

    def focus(self, node: int) -> CommandBuffer:
        """`FOCUS`: move focus to `node` (`0` blurs)."""
        self._buf += _NODE.pack(_FOCUS_H, _u32(node, "FOCUS node"))
        self._count += 1
        return self

    def remember_focus(self, scope: int, node: int) -> CommandBuffer:
        """`REMEMBER_FOCUS`: focus scope `scope` remembers `node` (`0` forgets).

        For restoring scope memory after a rebuild; `node` must be inside `scope`.
        """
        self._buf += _TWO.pack(_REMEMBER_FOCUS_H, _id(scope, "REMEMBER_FOCUS scope"),
                               _u32(node, "REMEMBER_FOCUS node"))
        self._count += 1
        return self

    # Fonts -------------------------------------------------------------------

    def define_font(self, font: int, ascent: float, descent: float, leading: float,
                    fallback_advance: float) -> CommandBuffer:
        """`DEFINE_FONT`: metrics per 1 px font size (clears the font's glyphs)."""
        if not 0 <= font <= 255:
            raise ValueError(f"DEFINE_FONT: font id must be 0..255, got {font!r}")
        self._buf += _DEFINE_FONT.pack(_DEFINE_FONT_H, font, ascent, descent, leading,
                                       fallback_advance)
        self._count += 1
        return self

    def font_glyphs(self, font: int, advances: Mapping[int, float]) -> CommandBuffer:
        """`FONT_GLYPHS`: per-codepoint advances (per 1 px font size)."""
        if not 0 <= font <= 255:
            raise ValueError(f"FONT_GLYPHS: font id must be 0..255, got {font!r}")
        length = 5 + 8 * len(advances)
        if length > MAX_PAYLOAD:
            raise ValueError(f"FONT_GLYPHS: {len(advances)} glyphs do not fit one command")
        self._buf += _FONT_GLYPHS_HEAD.pack(int(Opcode.FONT_GLYPHS) | (length << 8),
                                            font, len(advances))
        for codepoint, advance in advances.items():
            self._buf += _GLYPH.pack(codepoint, advance)
        self._count += 1
        return self

    def shaped_text(self, font: int, text: str, advances: Sequence[float],
                    rtl: bool = False, breaks: Sequence[bool] | None = None) -> CommandBuffer:
        """`SHAPED_TEXT`: the shaped advances (per 1 px) of every character of `text`.

        The engine measures text whose content is exactly `text`, in `font`,
        with these advances instead of its per-codepoint table: a cluster's
        advance on its first character, 0 on the others (`FontSet.glyph_commands_for`).
        `rtl`: the paragraph direction is right to left (`TEXT_ALIGN` start/end).
        `breaks`: per character, whether a line may break before it (UAX #14);
        the engine then breaks this string only there.
        """
        if not 0 <= font <= 255:
            raise ValueError(f"SHAPED_TEXT: font id must be 0..255, got {font!r}")
        data = text.encode("utf-8")
        flags = int(rtl) | (2 if breaks is not None else 0)
        length = 6 + 4 * len(advances) + (len(breaks) if breaks is not None else 0) + len(data)
        if length > MAX_PAYLOAD:
            raise ValueError(f"SHAPED_TEXT: {len(data)} bytes of text do not fit one command")
        self._buf += _SHAPED_TEXT_HEAD.pack(int(Opcode.SHAPED_TEXT) | (length << 8),
                                            font, flags, len(advances))
        self._buf += struct.pack(f"<{len(advances)}f", *advances)
        if breaks is not None:
            self._buf += bytes(1 if b else 0 for b in breaks)
        self._buf += data
        self._count += 1
        return self

    # Motion (renderer/_motion.py) ----------------------------------------------

    def set_transition(self, node: int, prop: int, duration_ms: float, delay_ms: float = 0.0,
                       easing: EasingLike = "ease") -> CommandBuffer:
        """`SET_TRANSITION`: animate `prop` (or an `AnimGroup`) of `node` when it changes.

        A duration and delay of 0 with a non-spring easing removes the transition.
        """
        return _motion_cmd(self, Opcode.SET_TRANSITION,
                           transition_payload(node, prop, duration_ms, delay_ms, easing))

    def set_keyframes(self, node: int, prop: int, keyframes: Sequence[Keyframe],
                      duration_ms: float, delay_ms: float = 0.0, iterations: float = 1,
                      direction: Direction | str | int = "normal") -> CommandBuffer:
        """`SET_KEYFRAMES`: keyframes for `prop`; `iterations=math.inf` repeats forever."""
        return _motion_cmd(self, Opcode.SET_KEYFRAMES, keyframes_payload(
            node, prop, keyframes, duration_ms, delay_ms, iterations, direction))

    def clear_animations(self, node: int, prop: int = 0) -> CommandBuffer:
        """`CLEAR_ANIMATIONS`: drop transitions and keyframes of `prop` (0: all) at once."""
        return _motion_cmd(self, Opcode.CLEAR_ANIMATIONS, clear_payload(node, prop))


def _motion_cmd(buf: CommandBuffer, op: Opcode, payload: bytes) -> CommandBuffer:
    buf._buf += _HEADER.pack(int(op) | (len(payload) << 8)) + payload
    buf._count += 1
    return buf


def command(opcode: int, payload: bytes = b"") -> bytes:
    """One raw command: header + `payload` (for tests and extensions)."""
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"payload of {len(payload)} bytes exceeds {MAX_PAYLOAD}")
    return _HEADER.pack((opcode & 0xFF) | (len(payload) << 8)) + payload

