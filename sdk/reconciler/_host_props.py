"""Host props: how a Python prop of View/Text/Image becomes protocol properties.

Each rule turns one Python value into `(Prop, value)` pairs that
`renderer.CommandBuffer` encodes (and range-checks). Names follow CSS/React
Native where they exist (`direction`, `justify`, `align`, `gap`, `padding`,
`radius`); enumerations take their CSS spelling (`"space-between"`), and
`start`/`end` also mean `flex-start`/`flex-end`. String properties (`label`,
`test_id`) stay `str` here; the reconciler turns them into string ids.

Props that are not properties - `text`, `src`, state styles, `on_*`
handlers, `ref`, `key` - are handled by the reconciler (`SPECIAL_PROPS`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from typing import TypeAlias

from renderer import Dim, Prop, parse_color, parse_dim
from renderer.lowlevel import ENUM_NAMES, STATE_NAMES

from ._element import HostKind

__all__ = [
    "EVENT_PROPS",
    "KNOWN_PROP_NAMES",
    "SPECIAL_PROPS",
    "STATE_STYLE_PROPS",
    "HostPropError",
    "Pairs",
    "WireValue",
    "check_prop_names",
    "convert_prop",
]

class _SelfNode:
    """A pair value standing for the node the pairs are sent for (see `STOP`)."""

    def __repr__(self) -> str:
        return "SELF_NODE"


SELF_NODE = _SelfNode()
"""Replaced by the node's own id when its pairs are sent (`Scene.send_props`)."""


class _Stop:
    __slots__ = ()

    def __repr__(self) -> str:
        return "STOP"


STOP = _Stop()
"""`next_right=STOP` (any `next_*`): the arrow stays on this node instead of searching.

Example:
    ```python
    View(Text("Last result"), focusable=True, next_right=STOP)
    ```
"""

WireValue: TypeAlias = int | float | str | Dim | _SelfNode
"""A protocol property value as `renderer.CommandBuffer` encodes it (strings become ids)."""
Pairs: TypeAlias = list[tuple[int, WireValue]]
"""`(Prop, value)` pairs of one node."""
Rule: TypeAlias = Callable[[object], Pairs]
"""Turns one Python prop value (checked here: app code is untyped) into pairs."""


class HostPropError(ValueError):
    """A host element got a prop it does not know or a value it cannot use."""


def _enum(prop: Prop, names: Mapping[str, int]) -> Rule:
    def rule(value: object) -> Pairs:
        if isinstance(value, str) and value in names:
            return [(prop, names[value])]
        choices = ", ".join(repr(n) for n in names)
        raise HostPropError(f"expected one of {choices}, got {value!r}")

    return rule


_SIZE_KEYWORDS = ("min-content", "max-content", "fit-content", "stretch")


def _to_dim(value: object, *, size: bool = False) -> Dim:
    """A length; an intrinsic size keyword only for a `size` (sizes and flex basis)."""
    if not size and isinstance(value, str) and value.strip() in _SIZE_KEYWORDS:
        raise HostPropError(f"{value!r} is a size keyword: only width, height, their min_/max_ "
                            "variants and basis take it")
    # `parse_dim` gives the unit as its wire int; `Dim` declares `Unit` (an IntEnum of
    # the same numbers) and stores it as is, as it always has here.
    return Dim(*parse_dim(value))  # type: ignore[arg-type]


def _dim(*props: Prop) -> Rule:
    """A length (the intrinsic size keywords only where `_size` takes them)."""

    def rule(value: object) -> Pairs:
        dim = _to_dim(value)
        return [(p, dim) for p in props]

    return rule


def _size(prop: Prop) -> Rule:
    """A size or flex basis: a length, or `"min-content"`, `"max-content"`,
    `"fit-content"` or `"stretch"`."""

    def rule(value: object) -> Pairs:
        return [(prop, _to_dim(value, size=True))]

    return rule


def _aspect_ratio(value: object) -> Pairs:
    """`aspect_ratio`: width / height as a number (`16 / 9`), `"16/9"`, or `"auto"`/`None`."""
    if value is None or value == "auto":
        return [(Prop.ASPECT_RATIO, 0.0)]
    ratio: object = value
    if isinstance(value, str) and "/" in value:
        width, _, height = value.partition("/")
        try:
            ratio = float(width) / float(height)
        except (ValueError, ZeroDivisionError):
            ratio = value
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or not (
            0 < float(ratio) < float("inf")):
        raise HostPropError(f"expected a positive width / height ratio (1.5, '16/9') or 'auto', "
                            f"got {value!r}")
    return [(Prop.ASPECT_RATIO, float(ratio))]


def _float(*props: Prop) -> Rule:
    def rule(value: object) -> Pairs:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise HostPropError(f"expected a number, got {value!r}")
        return [(p, float(value)) for p in props]

    return rule


def _int(prop: Prop) -> Rule:
    def rule(value: object) -> Pairs:
        if isinstance(value, bool) or not isinstance(value, int):
            raise HostPropError(f"expected an integer, got {value!r}")
        return [(prop, value)]

    return rule


def _flag(prop: Prop, *, invert: bool = False) -> Rule:
    def rule(value: object) -> Pairs:
        if not isinstance(value, bool):
            raise HostPropError(f"expected True or False, got {value!r}")
        return [(prop, int(value) ^ int(invert))]

    return rule


def _color(prop: Prop) -> Rule:
    def rule(value: object) -> Pairs:
        return [(prop, parse_color(value))]

    return rule


def _string(prop: Prop) -> Rule:
    def rule(value: object) -> Pairs:
        if not isinstance(value, str):
            raise HostPropError(f"expected a string, got {value!r}")
        return [(prop, value)]

    return rule


def _node_ref(prop: Prop) -> Rule:
    """A focus target: a `Ref` (its node once mounted), a node id, or `STOP` (stay)."""

    def rule(value: object) -> Pairs:
        if value is STOP:
            return [(prop, SELF_NODE)]
        node = getattr(value, "node", value)
        if node is None:
            return [(prop, 0)]
        if isinstance(node, bool) or not isinstance(node, int):
            raise HostPropError(f"expected a Ref, a node id or STOP, got {value!r}")
        return [(prop, node)]

    return rule


_KEY_BITS = {"up": 0, "down": 1, "left": 2, "right": 3, "select": 4, "back": 5, "menu": 6,
             "play_pause": 7, **{str(d): 8 + d for d in range(10)}, "app": 31}


def _keys(prop: Prop) -> Rule:
    """`CAPTURE_KEYS`: key names (`"left"`, `"back"`, `"5"`, `"app"` for app-named keys)."""

    def rule(value: object) -> Pairs:
        names = [value] if isinstance(value, str) else list(_iterable(value))
        mask = 0
        for name in names:
            bit = _KEY_BITS.get(name) if isinstance(name, str) else None
            if bit is None:
                choices = ", ".join(repr(k) for k in _KEY_BITS)
                raise HostPropError(f"unknown key {name!r}; keys: {choices}")
            mask |= 1 << bit
        return [(prop, mask)]

    return rule


_DIRECTIONS = {"up": 0, "down": 1, "left": 2, "right": 3}


def _directions(prop: Prop) -> Rule:
    """`STOP_AT_EDGES`: arrow names (`"right"`, `{"left", "right"}`), or `"all"`."""

    def rule(value: object) -> Pairs:
        if value == "all":
            return [(prop, 15)]
        names = [value] if isinstance(value, str) else list(_iterable(value))
        mask = 0
        for name in names:
            bit = _DIRECTIONS.get(name) if isinstance(name, str) else None
            if bit is None:
                raise HostPropError(f"unknown direction {name!r}; directions: 'up', 'down', "
                                    "'left', 'right' (or 'all')")
            mask |= 1 << bit
        return [(prop, mask)]

    return rule


def _iterable(value: object) -> Iterable[object]:
    if not isinstance(value, Iterable):
        raise TypeError(f"'{type(value).__name__}' object is not iterable")
    return value


def _edges(left: Prop, top: Prop, right: Prop, bottom: Prop) -> Rule:
    """CSS shorthand: one value, (vertical, horizontal) or (top, right, bottom, left)."""

    def rule(value: object) -> Pairs:
        if isinstance(value, tuple | list):
            parts = [_to_dim(v) for v in value]
            if len(parts) == 2:
                vertical, horizontal = parts
                return [(top, vertical), (bottom, vertical), (left, horizontal),
                        (right, horizontal)]
            if len(parts) == 4:
                return [(top, parts[0]), (right, parts[1]), (bottom, parts[2]),
                        (left, parts[3])]
            raise HostPropError(f"expected 1, 2 or 4 values, got {len(parts)}")
        dim = _to_dim(value)
        return [(left, dim), (top, dim), (right, dim), (bottom, dim)]

    return rule


_JUSTIFY = {"flex-start": 0, "start": 0, "flex-end": 1, "end": 1, "center": 2,
            "space-between": 3, "space-around": 4, "space-evenly": 5}
_ALIGN = {"stretch": 0, "flex-start": 1, "start": 1, "flex-end": 2, "end": 2, "center": 3,
          "baseline": 4}
_ALIGN_CONTENT = {"stretch": 0, "flex-start": 1, "start": 1, "flex-end": 2, "end": 2,
                  "center": 3, "space-between": 4, "space-around": 5, "space-evenly": 6}
ROLES = {name: value for value, name in enumerate(ENUM_NAMES[Prop.ROLE])}
"""Accessibility roles (`role=`), as the protocol numbers them (`none`, `view`, `button`,
`switch`, `slider`, `textbox`, `tab`, `menuitem`, ...: PROTOCOL.md section 3)."""

STATES = {name: 1 << bit for bit, name in enumerate(STATE_NAMES)}
"""Accessibility states (`states=`) and their `STATES` bits."""

ROLE_ALIASES = {"progressbar": "progress", "img": "image", "searchbox": "textbox",
                "tabs": "tablist", "presentation": "none"}
"""ARIA spellings accepted for `role=`, and the protocol role they mean."""


def _close(name: object, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3) if isinstance(name, str) else []
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _role(prop: Prop) -> Rule:
    """`ROLE`: a role name (or an ARIA alias); a wrong one names the close ones."""

    def rule(value: object) -> Pairs:
        name = ROLE_ALIASES.get(value, value) if isinstance(value, str) else value
        if isinstance(name, str) and name in ROLES:
            return [(prop, ROLES[name])]
        raise HostPropError(f"unknown role {value!r}{_close(value, [*ROLES, *ROLE_ALIASES])} "
                            f"(roles: {', '.join(ROLES)})")

    return rule


def _states(prop: Prop) -> Rule:
    """`STATES`: an iterable of state names (`{"checked"}`), or a dict name -> bool."""

    def rule(value: object) -> Pairs:
        if isinstance(value, str):
            raise HostPropError(f"expected a set of state names like {{{value!r}}}, got a string")
        if isinstance(value, Mapping):
            names = [name for name, on in value.items() if on]
        else:
            names = list(_iterable(value))
        bits = 0
        for name in names:
            bit = STATES.get(name) if isinstance(name, str) else None
            if bit is None:
                choices = ", ".join(repr(k) for k in STATES)
                hint = _close(name, STATES)
                if name in ("disabled", "focused", "pressed"):
                    hint = f"; {name} is not a state= value: " + (
                        "use disabled=True" if name == "disabled" else "the engine sets it")
                raise HostPropError(f"unknown state {name!r}{hint}; states: {choices}")
            bits |= bit
        return [(prop, bits)]

    return rule

P = Prop
_COMMON: dict[str, Rule] = {
    "display": _enum(P.DISPLAY, {"flex": 0, "none": 1}),
    "position": _enum(P.POSITION, {"relative": 0, "absolute": 1}),
    "align_self": _enum(P.ALIGN_SELF, {"auto": 0, **{k: v + 1 for k, v in _ALIGN.items()}}),
    "grow": _float(P.FLEX_GROW),
    "shrink": _float(P.FLEX_SHRINK),
    "basis": _size(P.FLEX_BASIS),
    "width": _size(P.WIDTH),
    "height": _size(P.HEIGHT),
    "min_width": _size(P.MIN_WIDTH),
    "min_height": _size(P.MIN_HEIGHT),
    "max_width": _size(P.MAX_WIDTH),
    "max_height": _size(P.MAX_HEIGHT),
    "aspect_ratio": _aspect_ratio,
    "box_sizing": _enum(P.BOX_SIZING, {"border-box": 0, "content-box": 1}),
    "dir": _enum(P.DIRECTION, {"inherit": 0, "ltr": 1, "rtl": 2}),
    "margin": _edges(P.MARGIN_LEFT, P.MARGIN_TOP, P.MARGIN_RIGHT, P.MARGIN_BOTTOM),
    "margin_x": _dim(P.MARGIN_LEFT, P.MARGIN_RIGHT),
    "margin_y": _dim(P.MARGIN_TOP, P.MARGIN_BOTTOM),
    "margin_left": _dim(P.MARGIN_LEFT),
    "margin_top": _dim(P.MARGIN_TOP),
    "margin_right": _dim(P.MARGIN_RIGHT),
    "margin_bottom": _dim(P.MARGIN_BOTTOM),
    "padding": _edges(P.PADDING_LEFT, P.PADDING_TOP, P.PADDING_RIGHT, P.PADDING_BOTTOM),
    "padding_x": _dim(P.PADDING_LEFT, P.PADDING_RIGHT),
    "padding_y": _dim(P.PADDING_TOP, P.PADDING_BOTTOM),
    "padding_left": _dim(P.PADDING_LEFT),
    "padding_top": _dim(P.PADDING_TOP),
    "padding_right": _dim(P.PADDING_RIGHT),
    "padding_bottom": _dim(P.PADDING_BOTTOM),
    "border": _float(P.BORDER_LEFT, P.BORDER_TOP, P.BORDER_RIGHT, P.BORDER_BOTTOM),
    "border_color": _color(P.BORDER_COLOR),
    "left": _dim(P.INSET_LEFT),
    "top": _dim(P.INSET_TOP),
    "right": _dim(P.INSET_RIGHT),
    "bottom": _dim(P.INSET_BOTTOM),
    "background": _color(P.BACKGROUND),
    "radius": _float(P.CORNER_RADIUS),
    "opacity": _float(P.OPACITY),
    "translate_x": _float(P.TRANSLATE_X),
    "translate_y": _float(P.TRANSLATE_Y),
    "scale": _float(P.SCALE_X, P.SCALE_Y),
    "scale_x": _float(P.SCALE_X),
    "scale_y": _float(P.SCALE_Y),
    "rotate": _float(P.ROTATE),
    "origin_x": _float(P.ORIGIN_X),
    "origin_y": _float(P.ORIGIN_Y),
    "z_index": _int(P.Z_INDEX),
    "visible": _flag(P.VISIBLE),
    "role": _role(P.ROLE),
    "label": _string(P.LABEL),
    "test_id": _string(P.TEST_ID),
    "focusable": _flag(P.FOCUSABLE),
    "focus_scope": _flag(P.FOCUS_SCOPE),
    "disabled": _flag(P.DISABLED),
    "focus_preferred": _flag(P.FOCUS_PREFERRED),
    "focus_trap": _flag(P.FOCUS_TRAP),
    "next_up": _node_ref(P.NEXT_UP),
    "next_down": _node_ref(P.NEXT_DOWN),
    "next_left": _node_ref(P.NEXT_LEFT),
    "next_right": _node_ref(P.NEXT_RIGHT),
    "capture_keys": _keys(P.CAPTURE_KEYS),
    "stop_at_edges": _directions(P.STOP_AT_EDGES),
    "states": _states(P.STATES),
    "value": _float(P.VALUE_NOW),
    "value_min": _float(P.VALUE_MIN),
    "value_max": _float(P.VALUE_MAX),
    "value_text": _string(P.VALUE_TEXT),
}

_VIEW: dict[str, Rule] = {
    **_COMMON,
    "direction": _enum(P.FLEX_DIRECTION, {"row": 0, "column": 1, "row-reverse": 2,
                                          "column-reverse": 3}),
    "wrap": _enum(P.FLEX_WRAP, {"nowrap": 0, "wrap": 1, "wrap-reverse": 2}),
    "justify": _enum(P.JUSTIFY_CONTENT, _JUSTIFY),
    "align": _enum(P.ALIGN_ITEMS, _ALIGN),
    "align_content": _enum(P.ALIGN_CONTENT, _ALIGN_CONTENT),
    "gap": _dim(P.ROW_GAP, P.COLUMN_GAP),
    "row_gap": _dim(P.ROW_GAP),
    "column_gap": _dim(P.COLUMN_GAP),
    "overflow": _enum(P.OVERFLOW, {"visible": 0, "clip": 1, "scroll": 2}),
    "scroll_x": _float(P.SCROLL_X),
    "scroll_y": _float(P.SCROLL_Y),
    "scroll_margin": _float(P.SCROLL_MARGIN),
}

_TEXT: dict[str, Rule] = {
    **_COMMON,
    "font": _int(P.FONT),
    "size": _float(P.FONT_SIZE),
    "color": _color(P.TEXT_COLOR),
    "line_height": _float(P.LINE_HEIGHT),
    "max_lines": _int(P.MAX_LINES),
    "text_align": _enum(P.TEXT_ALIGN, {"left": 0, "center": 1, "right": 2, "start": 3,
                                       "end": 4}),
    "wrap": _flag(P.WRAP),
    "ellipsis": _flag(P.ELLIPSIS),
}

_IMAGE: dict[str, Rule] = {
    **_COMMON,
    "fit": _enum(P.IMAGE_FIT, {"cover": 0, "contain": 1, "fill": 2}),
}

RULES: dict[HostKind, dict[str, Rule]] = {
    HostKind.VIEW: _VIEW,
    HostKind.TEXT: _TEXT,
    HostKind.IMAGE: _IMAGE,
}
"""Property rules per node kind."""

EVENT_PROPS = frozenset({"on_press", "on_focus", "on_blur", "on_key", "on_layout",
                         "on_animation_end", "on_scroll"})
"""Handler props: never reactive, never sent to the engine."""

STATE_STYLE_PROPS = {"focused_style": 1, "pressed_style": 2, "disabled_style": 3,
                     "focus_within_style": 4}
"""Per-state style dicts (applied by the engine itself) and their protocol state.

`focus_within_style` applies while the node is the focused node or inside it (a
slider's fill in a focused row); focused, pressed and disabled styles win over it.
"""

MOTION_PROPS = frozenset({"transition", "animate"})
"""Motion props (`sdk/reconciler/_motion.py`): sent as SET_TRANSITION / SET_KEYFRAMES,
never reactive."""

A11Y_PROPS = frozenset({"live", "position_in_set"})
"""Semantics only the app side needs (the announcer, `sdk.a11y`), never sent to the engine:
`live="polite"|"assertive"|"off"` makes the node a live region (its text is spoken when
it appears or changes), `position_in_set=(3, 12)` is an item's place in its set ("3 of 12")
where the scene cannot tell (a virtualized rail holds a window of its items)."""

LIVE_VALUES = ("off", "polite", "assertive")
"""The values of `live=`."""


def check_a11y_prop(name: str, value: object) -> None:
    """Raise `HostPropError` (naming the prop) when `live=` or `position_in_set=` is wrong."""
    if value is None:
        return
    if name == "live":
        if value not in LIVE_VALUES:
            raise HostPropError(f"live={value!r}: expected one of "
                                f"{', '.join(repr(v) for v in LIVE_VALUES)}")
        return
    ok = (isinstance(value, tuple) and len(value) == 2
          and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
          and 1 <= value[0] <= value[1])
    if not ok:
        raise HostPropError(f"position_in_set={value!r}: expected (index, count) with "
                            "1 <= index <= count, e.g. (3, 12)")


SPECIAL_PROPS = frozenset({"text", "src", "ref", *EVENT_PROPS, *STATE_STYLE_PROPS,
                           *MOTION_PROPS, *A11Y_PROPS})
"""Props the reconciler handles itself (`text` on Text, `src` on Image)."""

_SPECIAL_BY_KIND = {
    HostKind.VIEW: SPECIAL_PROPS - {"text", "src"},
    HostKind.TEXT: SPECIAL_PROPS - {"src"},
    HostKind.IMAGE: SPECIAL_PROPS - {"text"},
}


KNOWN_PROP_NAMES = tuple(frozenset(RULES[kind]) | _SPECIAL_BY_KIND[kind]
                         for kind in sorted(RULES))
"""Indexed by node kind: every prop name a host element of that kind accepts (a
tuple, not a dict: an IntEnum key is hashed by a Python-level `__hash__`)."""
assert [int(kind) for kind in sorted(RULES)] == list(range(len(RULES)))


def check_prop_names(kind: HostKind, name: str, props: Mapping[str, object]) -> None:
    """Raise `TypeError` for a prop `name` (an element of `kind`) does not know."""
    known_names = KNOWN_PROP_NAMES[kind]
    if known_names.issuperset(props):
        return
    rules = RULES[kind]
    special = _SPECIAL_BY_KIND[kind]
    for prop in props:
        if prop not in rules and prop not in special:
            known = sorted({*rules, *special})
            close = difflib.get_close_matches(prop, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise TypeError(f"{name}() got an unknown prop {prop!r}{hint}")


def convert_prop(kind: HostKind, name: str, value: object) -> Pairs:
    """The protocol pairs for prop `name` = `value` on a node of `kind`.

    Raises:
        HostPropError: the value is not usable; the message names the prop.
    """
    try:
        return RULES[kind][name](value)
    except (HostPropError, ValueError, TypeError) as exc:
        raise HostPropError(f"{name}={value!r}: {exc}") from None


def convert_style(kind: HostKind, style: object, what: str) -> Pairs:
    """The pairs of a state style dict (`focused_style={...}`); values must be static."""
    if not isinstance(style, Mapping):
        raise HostPropError(f"{what} must be a dict of props, got {style!r}")
    pairs: Pairs = []
    for name, value in style.items():
        if name not in RULES[kind]:
            raise HostPropError(f"{what} got {name!r}, which is not a style prop")
        pairs += convert_prop(kind, name, value)
    return pairs
