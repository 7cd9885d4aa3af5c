"""The renderer protocol's numbers, in one place: the Python mirror of `PROTOCOL.md`.

Everything the host needs to encode commands or decode the engine's output is
defined here as enums and tables: opcodes, node kinds, property ids with their
value types and ranges, keys, states, display-list ops, event types, error
codes and the byte layouts (as precompiled `struct.Struct`s). No other module
of ours hard-codes a protocol number; when `PROTOCOL.md` changes, this file and
`PROTOCOL_VERSION` change with it.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, replace
from enum import IntEnum

PROTOCOL_VERSION = 4
"""The protocol version this host speaks; checked against `protocol_version()`."""

APPEND = 0xFFFFFFFF
"""`INSERT`'s `before` value that appends the child."""

MAX_PAYLOAD = 0xFFFFFF
"""The largest command payload a u24 length can describe."""

U32_MAX = 0xFFFFFFFF


class Opcode(IntEnum):
    """Command opcodes (PROTOCOL.md section 2)."""

    CREATE = 0x01
    REMOVE = 0x02
    INSERT = 0x03
    SET_ROOT = 0x04
    SET_VIEWPORT = 0x05
    SET_PROP = 0x06
    SET_PROPS = 0x07
    SET_TEXT = 0x08
    DEFINE_STRING = 0x09
    RELEASE_STRING = 0x0A
    DEFINE_IMAGE = 0x0B
    IMAGE_STATE = 0x0C
    RELEASE_IMAGE = 0x0D
    SET_STATE_PROPS = 0x0E
    CLEAR_CHILDREN = 0x0F
    DEFINE_TEMPLATE = 0x10
    INSTANTIATE = 0x11
    RELEASE_TEMPLATE = 0x12
    KEY = 0x20
    FOCUS = 0x21
    REMEMBER_FOCUS = 0x22
    DEFINE_FONT = 0x30
    FONT_GLYPHS = 0x31
    SHAPED_TEXT = 0x32
    SET_TRANSITION = 0x40
    SET_KEYFRAMES = 0x41
    CLEAR_ANIMATIONS = 0x42


TEMPLATE_OPCODES = frozenset(
    {
        Opcode.CREATE,
        Opcode.INSERT,
        Opcode.SET_PROP,
        Opcode.SET_PROPS,
        Opcode.SET_STATE_PROPS,
        Opcode.SET_TEXT,
        Opcode.SET_TRANSITION,
        Opcode.SET_KEYFRAMES,
        Opcode.CLEAR_ANIMATIONS,
    }
)
"""Commands allowed inside a `DEFINE_TEMPLATE` body."""


def opcode_name(opcode: int) -> str:
    """The protocol name of `opcode`, or `0x..` for an unknown one."""
    try:
        return Opcode(opcode).name
    except ValueError:
        return f"0x{opcode:02X}"


class Kind(IntEnum):
    """Node kinds (`CREATE`)."""

    VIEW = 0
    TEXT = 1
    IMAGE = 2


class State(IntEnum):
    """Interaction states for `SET_STATE_PROPS`.

    The engine applies the sets in the order focus-within, focused, pressed,
    disabled: a later one wins.
    """

    FOCUSED = 1
    """The node has focus."""
    PRESSED = 2
    """Select is held on the focused node."""
    DISABLED = 3
    """`DISABLED` is set."""
    FOCUS_WITHIN = 4
    """The node is the focused node or lies inside it (its subtree has focus).

    Unlike CSS `:focus-within` (an ancestor of the focus), this follows focus
    down: a slider's fill inside a focused row."""


class ImageState(IntEnum):
    """`IMAGE_STATE` states."""

    LOADED = 1
    FAILED = 2
    REPAINT = 3
    """Not a state: the host's pixels changed (a display-size copy is ready); nodes
    showing the image repaint, without an event."""


class Key(IntEnum):
    """Remote-control keys (`KEY`); 32 and above are app-named keys."""

    UP = 1
    DOWN = 2
    LEFT = 3
    RIGHT = 4
    SELECT = 5
    BACK = 6
    MENU = 7
    PLAY_PAUSE = 8
    DIGIT_0 = 9
    DIGIT_1 = 10
    DIGIT_2 = 11
    DIGIT_3 = 12
    DIGIT_4 = 13
    DIGIT_5 = 14
    DIGIT_6 = 15
    DIGIT_7 = 16
    DIGIT_8 = 17
    DIGIT_9 = 18


FIRST_APP_KEY = 32
"""Key codes from here up are app-named keys."""


class KeyAction(IntEnum):
    """`KEY` actions."""

    DOWN = 0
    REPEAT = 1
    UP = 2
    LONG_PRESS = 3
    """Only in `KEY` events: the key was held `LONG_PRESS_MS` (never sent)."""


LONG_PRESS_MS = 500.0
"""Frame time a key is held before the engine reports a long press."""

ACCEL_MS = (1000.0, 2000.0)
"""Hold times after which a navigating repeat moves 2, then 3 steps."""


def capture_bit(key: int) -> int:
    """The `CAPTURE_KEYS` bit of key code `key` (bit 31: every app-named key)."""
    if 1 <= key <= 18:
        return 1 << (key - 1)
    return 1 << 31 if key >= FIRST_APP_KEY else 0


class Unit(IntEnum):
    """`dim` units."""

    AUTO = 0
    POINTS = 1
    PERCENT = 2
    MIN_CONTENT = 3
    """Intrinsic size keywords (3..6): sizes and flex-basis only; the number is ignored."""
    MAX_CONTENT = 4
    FIT_CONTENT = 5
    STRETCH = 6


KEYWORD_UNITS: dict[str, Unit] = {
    "min-content": Unit.MIN_CONTENT,
    "max-content": Unit.MAX_CONTENT,
    "fit-content": Unit.FIT_CONTENT,
    "stretch": Unit.STRETCH,
}
"""The intrinsic size keywords a `dim` may name, by their CSS spelling."""


class PropType(IntEnum):
    """How a property's value is encoded after its id."""

    U8 = 1
    U16 = 2
    I32 = 3
    U32 = 4
    F32 = 5
    COLOR = 6
    STRING = 7
    DIM = 8
    IMAGE = 9
    """A `u32` image id that must be defined (`0` = none)."""


VALUE_SIZES: dict[PropType, int] = {
    PropType.U8: 1,
    PropType.U16: 2,
    PropType.I32: 4,
    PropType.U32: 4,
    PropType.F32: 4,
    PropType.COLOR: 4,
    PropType.STRING: 4,
    PropType.DIM: 5,
    PropType.IMAGE: 4,
}
"""Encoded size of each value type in bytes."""


class Prop(IntEnum):
    """Node property ids (PROTOCOL.md section 3)."""

    DISPLAY = 1
    POSITION = 2
    FLEX_DIRECTION = 3
    FLEX_WRAP = 4
    JUSTIFY_CONTENT = 5
    ALIGN_ITEMS = 6
    ALIGN_SELF = 7
    ALIGN_CONTENT = 8
    FLEX_GROW = 9
    FLEX_SHRINK = 10
    FLEX_BASIS = 11
    WIDTH = 12
    HEIGHT = 13
    MIN_WIDTH = 14
    MIN_HEIGHT = 15
    MAX_WIDTH = 16
    MAX_HEIGHT = 17
    MARGIN_LEFT = 18
    MARGIN_TOP = 19
    MARGIN_RIGHT = 20
    MARGIN_BOTTOM = 21
    PADDING_LEFT = 22
    PADDING_TOP = 23
    PADDING_RIGHT = 24
    PADDING_BOTTOM = 25
    BORDER_LEFT = 26
    BORDER_TOP = 27
    BORDER_RIGHT = 28
    BORDER_BOTTOM = 29
    INSET_LEFT = 30
    INSET_TOP = 31
    INSET_RIGHT = 32
    INSET_BOTTOM = 33
    ROW_GAP = 34
    COLUMN_GAP = 35
    OVERFLOW = 36
    DIRECTION = 37
    ASPECT_RATIO = 38
    BOX_SIZING = 39
    BACKGROUND = 40
    CORNER_RADIUS = 41
    BORDER_COLOR = 42
    OPACITY = 43
    TRANSLATE_X = 44
    TRANSLATE_Y = 45
    SCALE_X = 46
    SCALE_Y = 47
    ROTATE = 48
    ORIGIN_X = 49
    ORIGIN_Y = 50
    Z_INDEX = 51
    VISIBLE = 52
    SCROLL_X = 53
    SCROLL_Y = 54
    FONT = 60
    FONT_SIZE = 61
    TEXT_COLOR = 62
    LINE_HEIGHT = 63
    MAX_LINES = 64
    TEXT_ALIGN = 65
    WRAP = 66
    ELLIPSIS = 67
    IMAGE = 70
    IMAGE_FIT = 71
    ROLE = 80
    LABEL = 81
    TEST_ID = 82
    FOCUSABLE = 83
    FOCUS_SCOPE = 84
    REPORT_LAYOUT = 85
    DISABLED = 86
    FOCUS_PREFERRED = 87
    FOCUS_TRAP = 88
    NEXT_UP = 89
    NEXT_DOWN = 90
    NEXT_LEFT = 91
    NEXT_RIGHT = 92
    SCROLL_MARGIN = 93
    CAPTURE_KEYS = 94
    STATES = 95
    VALUE_NOW = 96
    VALUE_MIN = 97
    VALUE_MAX = 98
    VALUE_TEXT = 99
    STOP_AT_EDGES = 105


@dataclass(frozen=True, slots=True)
class PropSpec:
    """A property's value type and the values the engine accepts."""

    prop: Prop
    type: PropType
    low: float | None = None
    """Smallest accepted number (integers: enum range; floats and dims in points)."""
    high: float | None = None
    """Largest accepted number."""
    auto: bool = True
    """For `dim`: whether `auto` is accepted."""
    keywords: bool = False
    """For `dim`: whether the intrinsic size keywords (`Unit.MIN_CONTENT`..) are accepted."""
    default: object = None
    """The value a new node has (as the Python value the encoder accepts)."""
    name: str = ""
    """The property's name in the scene dump (PROTOCOL.md section 7)."""
    on: Kind | None = None
    """The only node kind that accepts the property (`None`: every kind)."""

    def check(self, value: float) -> bool:
        """Whether the plain number `value` is within range (NaN never is)."""
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if self.low is not None and value < self.low:
            return False
        return not (self.high is not None and value > self.high)


DUMP_NAMES: dict[int, str] = {
    1: "display", 2: "position", 3: "direction", 4: "wrap", 5: "justify", 6: "align_items",
    7: "align_self", 8: "align_content", 9: "grow", 10: "shrink", 11: "basis", 12: "width",
    13: "height", 14: "min_width", 15: "min_height", 16: "max_width", 17: "max_height",
    18: "margin_left", 19: "margin_top", 20: "margin_right", 21: "margin_bottom",
    22: "padding_left", 23: "padding_top", 24: "padding_right", 25: "padding_bottom",
    26: "border_left", 27: "border_top", 28: "border_right", 29: "border_bottom",
    30: "left", 31: "top", 32: "right", 33: "bottom", 34: "row_gap", 35: "column_gap",
    36: "overflow", 37: "dir", 38: "aspect_ratio", 39: "box_sizing", 40: "bg", 41: "radius",
    42: "border_color", 43: "opacity",
    44: "translate_x", 45: "translate_y", 46: "scale_x", 47: "scale_y", 48: "rotate",
    49: "origin_x", 50: "origin_y", 51: "z", 52: "visible", 53: "scroll_x", 54: "scroll_y",
    60: "font", 61: "size", 62: "color", 63: "line_height", 64: "max_lines", 65: "align",
    66: "text_wrap", 67: "ellipsis", 70: "image", 71: "fit", 80: "role", 81: "label",
    82: "test_id", 83: "focusable", 84: "focus_scope", 85: "report_layout", 86: "disabled",
    87: "focus_preferred", 88: "focus_trap", 89: "next_up", 90: "next_down", 91: "next_left",
    92: "next_right", 93: "scroll_margin", 94: "capture_keys", 95: "states", 96: "value",
    97: "min", 98: "max", 99: "value_text", 105: "stop_at_edges",
}
"""How the engine's dump names each property (`renderer/core/src/props.rs`)."""

FLAG_PROPS = frozenset({83, 84, 85, 86, 87, 88})
"""Properties the dump prints as a bare word when set (`focusable`)."""

STATE_NAMES = ("checked", "selected", "expanded", "busy", "invalid", "secret")
"""`STATES` (95) bits by position; the dump prints the names of the bits set."""

RANGE_PROPS = frozenset({96, 97, 98})
"""`VALUE_NOW`, `VALUE_MIN`, `VALUE_MAX`: once any of them is set on a node, the dump
prints all three."""

_ALIGN = ("stretch", "flex-start", "flex-end", "center", "baseline", "start", "end")
ENUM_NAMES: dict[int, tuple[str, ...]] = {
    1: ("flex", "none"),
    2: ("relative", "absolute"),
    3: ("row", "column", "row-reverse", "column-reverse"),
    4: ("nowrap", "wrap", "wrap-reverse"),
    5: ("flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly",
        "start", "end"),
    6: _ALIGN,
    7: ("auto", *_ALIGN),
    8: ("stretch", "flex-start", "flex-end", "center", "space-between", "space-around",
         "space-evenly", "start", "end"),
    36: ("visible", "clip", "scroll"),
    37: ("inherit", "ltr", "rtl"),
    39: ("border-box", "content-box"),
    65: ("left", "center", "right", "start", "end"),
    71: ("cover", "contain", "fill"),
    80: ("none", "view", "text", "image", "button", "list", "listitem", "dialog", "page",
         "heading", "progress", "switch", "slider", "checkbox", "textbox", "tab", "tablist",
         "tabpanel", "menu", "menuitem", "alert", "status", "listbox", "option", "combobox",
         "scrollview", "group"),
}
"""Dump names of enumerated `u8` values, by property id."""

MAX_SURFACE = 16384
"""Largest surface side `SET_VIEWPORT` accepts."""

MAX_BATCH_BYTES = 8 << 20
"""Largest batch in bytes (PROTOCOL.md section 11); a larger one is rejected whole
with `ErrorCode.BATCH_TOO_LARGE` (`Renderer.apply` refuses it before sending)."""

MAX_NODES = 25_000
"""Most nodes alive at once with the default 64 MiB memory limit (PROTOCOL.md section
11): the command that would create more, by `CREATE` or `INSTANTIATE`, is rejected
with `ErrorCode.NODE_LIMIT`. A `Renderer` given more memory scales its budget
(`Renderer.node_limit`), up to `HARD_MAX_NODES`."""

HARD_MAX_NODES = 1_000_000
"""The largest node budget the engine accepts from the host."""

MAX_BATCH_WORK = 1_000_000
"""Most node visits one batch may ask for (PROTOCOL.md section 11): an `INSERT` costs
the size of the subtree it moves, an `INSTANTIATE` its template's command count plus
its inserts; over it, `ErrorCode.WORK_LIMIT`."""

MAX_TEMPLATE_NODES = MAX_NODES
"""Largest `node_count` of a template (a larger one could never be instantiated)."""

MAX_TREE_DEPTH = 256
"""Deepest nesting `INSERT` accepts (a parentless node is level 1); error code 14."""


def valid_key(key: int) -> bool:
    """Whether the engine accepts key code `key` (1..18 and 32..255)."""
    return 1 <= key <= 18 or 32 <= key <= 255


def _specs() -> dict[Prop, PropSpec]:
    t = PropType
    specs: list[PropSpec] = [
        PropSpec(Prop.DISPLAY, t.U8, 0, 1, default=0),
        PropSpec(Prop.POSITION, t.U8, 0, 1, default=0),
        PropSpec(Prop.FLEX_DIRECTION, t.U8, 0, 3, default=0),
        PropSpec(Prop.FLEX_WRAP, t.U8, 0, 2, default=0),
        PropSpec(Prop.JUSTIFY_CONTENT, t.U8, 0, 7, default=0),
        PropSpec(Prop.ALIGN_ITEMS, t.U8, 0, 6, default=0),
        PropSpec(Prop.ALIGN_SELF, t.U8, 0, 7, default=0),
        PropSpec(Prop.ALIGN_CONTENT, t.U8, 0, 8, default=0),
        PropSpec(Prop.FLEX_GROW, t.F32, 0, None, default=0.0),
        PropSpec(Prop.FLEX_SHRINK, t.F32, 0, None, default=1.0),
        PropSpec(Prop.FLEX_BASIS, t.DIM, 0, None, default="auto", keywords=True),
    ]
    for p in (Prop.WIDTH, Prop.HEIGHT, Prop.MIN_WIDTH, Prop.MIN_HEIGHT,
              Prop.MAX_WIDTH, Prop.MAX_HEIGHT):
        specs.append(PropSpec(p, t.DIM, 0, None, default="auto", keywords=True))
    for p in (Prop.MARGIN_LEFT, Prop.MARGIN_TOP, Prop.MARGIN_RIGHT, Prop.MARGIN_BOTTOM):
        specs.append(PropSpec(p, t.DIM, default=0.0))
    for p in (Prop.PADDING_LEFT, Prop.PADDING_TOP, Prop.PADDING_RIGHT, Prop.PADDING_BOTTOM):
        specs.append(PropSpec(p, t.DIM, 0, None, auto=False, default=0.0))
    for p in (Prop.BORDER_LEFT, Prop.BORDER_TOP, Prop.BORDER_RIGHT, Prop.BORDER_BOTTOM):
        specs.append(PropSpec(p, t.F32, 0, None, default=0.0))
    for p in (Prop.INSET_LEFT, Prop.INSET_TOP, Prop.INSET_RIGHT, Prop.INSET_BOTTOM):
        specs.append(PropSpec(p, t.DIM, default="auto"))
    specs += [
        PropSpec(Prop.ROW_GAP, t.DIM, 0, None, auto=False, default=0.0),
        PropSpec(Prop.COLUMN_GAP, t.DIM, 0, None, auto=False, default=0.0),
        PropSpec(Prop.OVERFLOW, t.U8, 0, 2, default=0),
        PropSpec(Prop.DIRECTION, t.U8, 0, 2, default=0),
        PropSpec(Prop.ASPECT_RATIO, t.F32, 0, None, default=0.0),
        PropSpec(Prop.BOX_SIZING, t.U8, 0, 1, default=0),
        PropSpec(Prop.BACKGROUND, t.COLOR, default=0x00000000),
        PropSpec(Prop.CORNER_RADIUS, t.F32, 0, None, default=0.0),
        PropSpec(Prop.BORDER_COLOR, t.COLOR, default=0x00000000),
        PropSpec(Prop.OPACITY, t.F32, 0, 1, default=1.0),
        PropSpec(Prop.TRANSLATE_X, t.F32, default=0.0),
        PropSpec(Prop.TRANSLATE_Y, t.F32, default=0.0),
        PropSpec(Prop.SCALE_X, t.F32, default=1.0),
        PropSpec(Prop.SCALE_Y, t.F32, default=1.0),
        PropSpec(Prop.ROTATE, t.F32, default=0.0),
        PropSpec(Prop.ORIGIN_X, t.F32, default=0.5),
        PropSpec(Prop.ORIGIN_Y, t.F32, default=0.5),
        PropSpec(Prop.Z_INDEX, t.I32, -(2**31), 2**31 - 1, default=0),
        PropSpec(Prop.VISIBLE, t.U8, 0, 1, default=1),
        PropSpec(Prop.SCROLL_X, t.F32, default=0.0),
        PropSpec(Prop.SCROLL_Y, t.F32, default=0.0),
        PropSpec(Prop.FONT, t.U8, 0, 255, default=0),
        PropSpec(Prop.FONT_SIZE, t.F32, 0, None, default=32.0),
        PropSpec(Prop.TEXT_COLOR, t.COLOR, default=0xFFFFFFFF),
        PropSpec(Prop.LINE_HEIGHT, t.F32, 0, None, default=0.0),
        PropSpec(Prop.MAX_LINES, t.U16, 0, 0xFFFF, default=0),
        PropSpec(Prop.TEXT_ALIGN, t.U8, 0, 4, default=0),
        PropSpec(Prop.WRAP, t.U8, 0, 1, default=1),
        PropSpec(Prop.ELLIPSIS, t.U8, 0, 1, default=1),
        PropSpec(Prop.IMAGE, t.IMAGE, 0, U32_MAX, default=0),
        PropSpec(Prop.IMAGE_FIT, t.U8, 0, 2, default=0),
        PropSpec(Prop.ROLE, t.U8, 0, len(ENUM_NAMES[80]) - 1, default=0),
        PropSpec(Prop.LABEL, t.STRING, 0, U32_MAX, default=0),
        PropSpec(Prop.TEST_ID, t.STRING, 0, U32_MAX, default=0),
        PropSpec(Prop.FOCUSABLE, t.U8, 0, 1, default=0),
        PropSpec(Prop.FOCUS_SCOPE, t.U8, 0, 1, default=0),
        PropSpec(Prop.REPORT_LAYOUT, t.U8, 0, 1, default=0),
        PropSpec(Prop.DISABLED, t.U8, 0, 1, default=0),
        PropSpec(Prop.FOCUS_PREFERRED, t.U8, 0, 1, default=0),
        PropSpec(Prop.FOCUS_TRAP, t.U8, 0, 1, default=0),
        PropSpec(Prop.NEXT_UP, t.U32, 0, U32_MAX, default=0),
        PropSpec(Prop.NEXT_DOWN, t.U32, 0, U32_MAX, default=0),
        PropSpec(Prop.NEXT_LEFT, t.U32, 0, U32_MAX, default=0),
        PropSpec(Prop.NEXT_RIGHT, t.U32, 0, U32_MAX, default=0),
        PropSpec(Prop.SCROLL_MARGIN, t.F32, 0, None, default=0.0),
        PropSpec(Prop.CAPTURE_KEYS, t.U32, 0, U32_MAX, default=0),
        PropSpec(Prop.STATES, t.U8, 0, (1 << len(STATE_NAMES)) - 1, default=0),
        PropSpec(Prop.VALUE_NOW, t.F32, default=0.0),
        PropSpec(Prop.VALUE_MIN, t.F32, default=0.0),
        PropSpec(Prop.VALUE_MAX, t.F32, default=0.0),
        PropSpec(Prop.VALUE_TEXT, t.STRING, 0, U32_MAX, default=0),
        PropSpec(Prop.STOP_AT_EDGES, t.U8, 0, 15, default=0),
    ]
    out: dict[Prop, PropSpec] = {}
    for spec in specs:
        on = (Kind.TEXT if 60 <= spec.prop <= 67 else
              Kind.IMAGE if spec.prop in (Prop.IMAGE, Prop.IMAGE_FIT) else None)
        out[spec.prop] = replace(spec, name=DUMP_NAMES[spec.prop], on=on)
    return out


PROP_SPECS: dict[Prop, PropSpec] = _specs()
"""Every property's spec, by id."""

PROP_BY_ID: dict[int, PropSpec] = {int(p): s for p, s in PROP_SPECS.items()}
"""The same table keyed by plain int (for decoders)."""


class AnimGroup(IntEnum):
    """Transition groups: where `SET_TRANSITION`/`CLEAR_ANIMATIONS` name a property."""

    LAYOUT = 100
    """The layout box: a node moved or resized by layout glides to its new box."""
    TRANSFORM = 101
    """`TRANSLATE_*`, `SCALE_*`, `ROTATE`, `ORIGIN_*` (44..50)."""
    BORDER_WIDTHS = 102
    """`BORDER_*` widths (26..29; animated in paint only)."""
    SCROLL = 103
    """`SCROLL_X`, `SCROLL_Y`."""
    VISUAL = 104
    """Every animatable property (not the layout box)."""


ANIMATABLE_PROPS = frozenset({26, 27, 28, 29, *range(40, 51), 53, 54, 62})
"""Properties that transitions and keyframes can animate."""

COLOR_ANIM_PROPS = frozenset({40, 42, 62})
"""Animatable colour properties (interpolated premultiplied)."""


class Easing(IntEnum):
    """Easing codes of `SET_TRANSITION` and keyframes."""

    LINEAR = 0
    EASE = 1
    EASE_IN = 2
    EASE_OUT = 3
    EASE_IN_OUT = 4
    CUBIC_BEZIER = 5
    """`p1..p4` = x1, y1, x2, y2 (x1, x2 within 0..1)."""
    SPRING = 6
    """`p1..p3` = stiffness, damping, mass (all > 0, stiffness / mass <= 1e6)."""


EASING_CONTROL_POINTS: dict[Easing, tuple[float, float, float, float]] = {
    Easing.EASE: (0.25, 0.1, 0.25, 1.0),
    Easing.EASE_IN: (0.42, 0.0, 1.0, 1.0),
    Easing.EASE_OUT: (0.0, 0.0, 0.58, 1.0),
    Easing.EASE_IN_OUT: (0.42, 0.0, 0.58, 1.0),
}
"""The CSS presets' cubic-bezier control points (x1, y1, x2, y2)."""


class Direction(IntEnum):
    """Keyframe playback direction."""

    NORMAL = 0
    REVERSE = 1
    ALTERNATE = 2
    ALTERNATE_REVERSE = 3


MAX_ANIM_MS = 3_600_000.0
"""Longest duration or delay the engine accepts (one hour)."""


class DisplayOp(IntEnum):
    """Display-list record ops (PROTOCOL.md section 4)."""

    SAVE = 1
    RESTORE = 2
    TRANSFORM = 3
    CLIP_RECT = 4
    CLIP_RRECT = 5
    LAYER = 6
    RECT = 7
    RRECT = 8
    BORDER = 9
    TEXT = 10
    IMAGE = 11


class EventType(IntEnum):
    """Event record types (PROTOCOL.md section 5)."""

    FOCUS = 1
    BLUR = 2
    PRESS = 3
    KEY = 4
    IMAGE_LOADED = 5
    IMAGE_FAILED = 6
    LAYOUT = 7
    ANIMATION_DONE = 8
    FOCUS_PATH = 9
    SCROLL = 10
    SCOPE_MEMORY = 11


class ErrorCode(IntEnum):
    """Rejection codes of `error_info` (PROTOCOL.md section 6)."""

    UNKNOWN_OPCODE = 1
    TRUNCATED = 2
    UNKNOWN_NODE = 3
    DUPLICATE_NODE = 4
    CYCLE = 5
    UNKNOWN_STRING = 6
    UNKNOWN_IMAGE = 7
    UNKNOWN_TEMPLATE = 8
    DUPLICATE_ID = 9
    BAD_PROPERTY = 10
    OUT_OF_RANGE = 11
    INVALID_UTF8 = 12
    BAD_SIBLING = 13
    NOT_ALLOWED = 14
    TRAILING_BYTES = 15
    BATCH_TOO_LARGE = 16
    """The batch is over `MAX_BATCH_BYTES`; nothing in it was read."""
    NODE_LIMIT = 17
    """The command would make the scene hold more than `MAX_NODES` nodes."""
    WORK_LIMIT = 18
    """The command brings the batch's work over `MAX_BATCH_WORK`."""


class OutputFlag(IntEnum):
    """Bits of the output header's `flags` word."""

    DISPLAY_LIST = 1
    FULL_REPAINT = 2


# Byte layouts. All little-endian.
HEADER = struct.Struct("<I")
"""A command header: opcode in the low byte, u24 payload length above it."""
OUTPUT_HEADER = struct.Struct("<16I")
"""The output header `frame` points to."""
OUTPUT_HEADER_SIZE = OUTPUT_HEADER.size
RECORD_SIZE = 32
"""Size of one display-list record and of one event record."""
DL_RECORD = struct.Struct("<I7I")
"""A display-list record read as eight u32 (floats are reinterpreted per op)."""
EVENT_RECORD = struct.Struct("<8I")
"""An event record as eight u32."""
DAMAGE_RECT = struct.Struct("<4f")
"""One damage rectangle: x, y, w, h in surface pixels."""
ERROR_INFO = struct.Struct("<3I")
"""`error_info`'s three u32: command index, opcode, error code."""
OOM_RECORD = struct.Struct("<4I")
"""The record at `oom_record()`: failed allocation (bytes, 0 = none), live nodes,
node limit, the allocation's alignment."""


_BOX = re.compile(r"^(\s*#\d+ \w+) \[[^\]\n]*\]", re.MULTILINE)
_MISSING = re.compile(r" missing_glyphs=\d+(?=\n|$)")


def structure_only_dump(dump: str) -> str:
    """`dump` without boxes and `missing_glyphs` (what `SceneDouble.dump()` prints).

    The geometry-free part of the dump: tree, kinds, ids, text, properties and
    states. Used to compare the engine with the Python scene double.
    """
    return _MISSING.sub("", _BOX.sub(r"\1", dump))
