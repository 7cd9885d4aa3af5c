"""Encoding of the motion commands: `SET_TRANSITION`, `SET_KEYFRAMES`, `CLEAR_ANIMATIONS`.

`CommandBuffer.set_transition`, `.set_keyframes` and `.clear_animations` call
these; every check the engine makes (`renderer/core/src/protocol/motion.rs`) is
made here first, so a bad value fails in the caller's stack with a message
naming it.

Easing forms accepted: a preset name (`"linear"`, `"ease"`, `"ease-in"`,
`"ease-out"`, `"ease-in-out"`, underscores allowed), an `Easing` member
without parameters, `CubicBezier(x1, y1, x2, y2)` or
`Spring(stiffness, damping, mass)`.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from ._protocol import (
    ANIMATABLE_PROPS,
    COLOR_ANIM_PROPS,
    MAX_ANIM_MS,
    AnimGroup,
    Direction,
    Easing,
)


@dataclass(frozen=True, slots=True)
class CubicBezier:
    """`cubic-bezier(x1, y1, x2, y2)`; x1 and x2 within 0..1."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Spring:
    """A spring (time in seconds): it keeps its velocity when retargeted."""

    stiffness: float = 170.0
    damping: float = 26.0
    mass: float = 1.0


EasingLike = str | Easing | CubicBezier | Spring
"""Anything `encode_easing` accepts."""

Keyframe = tuple[float, float | int | str] | tuple[float, float | int | str, EasingLike]
"""`(offset, value)` or `(offset, value, easing)`; colours as ints or `"#rrggbb[aa]"`."""

_TRANSITION = struct.Struct("<IHffB4f")
_KF_HEAD = struct.Struct("<IHffIBH")
_KEY_F32 = struct.Struct("<ffB4f")
_KEY_COLOR = struct.Struct("<fIB4f")
_CLEAR = struct.Struct("<IH")
_NAMES = {e.name.lower().replace("_", "-"): e for e in Easing
          if e not in (Easing.CUBIC_BEZIER, Easing.SPRING)}


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return float(value)


def encode_easing(easing: EasingLike) -> tuple[int, float, float, float, float]:
    """`(code, p1, p2, p3, p4)` of an easing, validated as the engine does."""
    if isinstance(easing, CubicBezier):
        p = tuple(_finite(v, "cubic-bezier parameter") for v in
                  (easing.x1, easing.y1, easing.x2, easing.y2))
        if not (0.0 <= p[0] <= 1.0 and 0.0 <= p[2] <= 1.0):
            raise ValueError(f"cubic-bezier x1 and x2 must be within 0..1, got {easing!r}")
        return Easing.CUBIC_BEZIER, p[0], p[1], p[2], p[3]
    if isinstance(easing, Spring):
        k, c, m = (_finite(v, "spring parameter") for v in
                   (easing.stiffness, easing.damping, easing.mass))
        if not (k > 0 and c > 0 and m > 0):
            raise ValueError(f"spring stiffness, damping and mass must be positive, got {easing!r}")
        if k / m > 1e6:
            raise ValueError(f"spring stiffness / mass must be at most 1000000, got {easing!r}")
        return Easing.SPRING, k, c, m, 0.0
    if isinstance(easing, Easing) and easing in _NAMES.values():
        return int(easing), 0.0, 0.0, 0.0, 0.0
    if isinstance(easing, str):
        found = _NAMES.get(easing.lower().replace("_", "-"))
        if found is not None:
            return int(found), 0.0, 0.0, 0.0, 0.0
    raise ValueError(f"unknown easing {easing!r}: use one of {sorted(_NAMES)}, "
                     "CubicBezier(x1, y1, x2, y2) or Spring(stiffness, damping, mass)")


def _node(node: int, what: str) -> int:
    if isinstance(node, bool) or not isinstance(node, int) or not 0 < node <= 0xFFFFFFFF:
        raise ValueError(f"{what} node must be an id in 1..0xFFFFFFFF, got {node!r}")
    return node


def _prop(prop: int, what: str, groups: bool, zero: bool = False) -> int:
    ok = (prop in ANIMATABLE_PROPS or (groups and prop in set(AnimGroup))
          or (zero and prop == 0))
    if isinstance(prop, bool) or not isinstance(prop, int) or not ok:
        shown = int(prop) if isinstance(prop, int) else repr(prop)
        raise ValueError(f"{what}: property {shown} cannot be animated (animatable: "
                         f"{sorted(ANIMATABLE_PROPS)}" + (", groups 100..104)" if groups else ")"))
    return int(prop)


def _ms(value: object, what: str, positive: bool = False) -> float:
    v = _finite(value, what)
    if not 0.0 <= v <= MAX_ANIM_MS or (positive and v <= 0.0):
        low = "positive" if positive else "0"
        raise ValueError(f"{what} must be {low}..={MAX_ANIM_MS:.0f} ms, got {value!r}")
    return v


def transition_payload(node: int, prop: int, duration_ms: float, delay_ms: float,
                       easing: EasingLike) -> bytes:
    """The `SET_TRANSITION` payload."""
    code, p1, p2, p3, p4 = encode_easing(easing)
    return _TRANSITION.pack(_node(node, "SET_TRANSITION"),
                            _prop(prop, "SET_TRANSITION", groups=True),
                            _ms(duration_ms, "SET_TRANSITION duration_ms"),
                            _ms(delay_ms, "SET_TRANSITION delay_ms"), code, p1, p2, p3, p4)


def _iterations(value: float) -> int:
    if value == math.inf:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 0xFFFFFFFF:
        raise ValueError(f"SET_KEYFRAMES iterations must be an int >= 1 or math.inf, got {value!r}")
    return value


def _direction(value: Direction | str | int) -> int:
    if isinstance(value, str):
        try:
            return int(Direction[value.upper().replace("-", "_")])
        except KeyError:
            pass
    elif not isinstance(value, bool) and value in set(Direction):
        return int(value)
    raise ValueError(f"SET_KEYFRAMES direction must be one of "
                     f"{[d.name.lower().replace('_', '-') for d in Direction]}, got {value!r}")


def keyframes_payload(node: int, prop: int, keyframes: Sequence[Keyframe], duration_ms: float,
                      delay_ms: float, iterations: float,
                      direction: Direction | str | int) -> bytes:
    """The `SET_KEYFRAMES` payload."""
    from ._commands import parse_color

    prop = _prop(prop, "SET_KEYFRAMES", groups=False)
    if len(keyframes) < 2 or len(keyframes) > 0xFFFF:
        raise ValueError(f"SET_KEYFRAMES needs 2..65535 keyframes, got {len(keyframes)}")
    out = bytearray(_KF_HEAD.pack(_node(node, "SET_KEYFRAMES"), prop,
                                  _ms(duration_ms, "SET_KEYFRAMES duration_ms", positive=True),
                                  _ms(delay_ms, "SET_KEYFRAMES delay_ms"),
                                  _iterations(iterations), _direction(direction), len(keyframes)))
    last = 0.0
    for k, frame in enumerate(keyframes):
        offset, value = frame[0], frame[1]
        easing: EasingLike = frame[2] if len(frame) > 2 else "linear"
        off = _finite(offset, f"keyframe {k} offset")
        if off < last or off > 1.0 or (k == 0 and off != 0.0):
            raise ValueError(f"keyframe {k}: offsets must rise from 0 to 1, got {offset!r}")
        code, p1, p2, p3, p4 = encode_easing(easing)
        if code == Easing.SPRING:
            raise ValueError(f"keyframe {k}: springs cannot ease keyframes")
        if prop in COLOR_ANIM_PROPS:
            out += _KEY_COLOR.pack(off, parse_color(value, f"keyframe {k} value"),
                                   code, p1, p2, p3, p4)
        else:
            out += _KEY_F32.pack(off, _finite(value, f"keyframe {k} value"), code, p1, p2, p3, p4)
        last = off
    if last != 1.0:
        raise ValueError("SET_KEYFRAMES: the last keyframe offset must be 1")
    return bytes(out)


def clear_payload(node: int, prop: int) -> bytes:
    """The `CLEAR_ANIMATIONS` payload (`prop` 0 = everything on the node)."""
    return _CLEAR.pack(_node(node, "CLEAR_ANIMATIONS"),
                       _prop(prop, "CLEAR_ANIMATIONS", groups=True, zero=True))
