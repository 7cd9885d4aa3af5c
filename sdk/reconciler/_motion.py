"""Motion props: `transition=` and `animate=` on host elements.

The engine animates; these props only tell it how. A transition makes a
property glide to each new value (set by the app, by a state style such as
`focused_style`, or by the engine's scroll-into-view); keyframes run by
themselves (a spinner, a pulse).

```python
Button("Play", transition={"scale": 150, "background": (200, "ease-out"),
                           "layout": Spring(stiffness=220, damping=24)})
View(..., transition=250)                          # every visual property, 250 ms, ease
Spinner(..., animate={"rotate": Keyframes([(0, 0), (1, 360)], duration=900,
                                          iterations=math.inf)})
```

Transition values: milliseconds, `(ms, easing)`, `(ms, easing, delay_ms)`,
a dict `{"duration", "delay", "easing"}`, or a `Spring` (its duration comes
from the physics). Easings: `"linear"`, `"ease"`, `"ease-in"`, `"ease-out"`,
`"ease-in-out"`, `CubicBezier(x1, y1, x2, y2)`, `Spring(...)`.

Reduced motion (`ViewerSettings.reduced_motion`, `_viewer.py`): the specs are
rewritten as they are sent. Movement - transform, border widths and scroll
offsets, alone or inside `visual`, and any spring - gets a 1 ms linear
transition (over by the first frame: a 0 ms one would fall back to the
engine's 300 ms scroll glide), layout transitions are dropped, finite keyframe
animations are not sent; colour and opacity transitions stay (cross-fades),
and looping keyframes keep running. A scroll container gets the instant
scroll transition even without a `transition=` (`send_reduced_scroll`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, cast

from renderer import AnimGroup, CommandBuffer, CubicBezier, Easing, Prop, Spring

__all__ = ["Keyframes", "send_animations", "send_motion", "send_reduced_scroll",
           "send_transitions", "transition_targets"]

_TARGETS: dict[str, tuple[int, ...]] = {
    "opacity": (Prop.OPACITY,),
    "background": (Prop.BACKGROUND,),
    "radius": (Prop.CORNER_RADIUS,),
    "border_color": (Prop.BORDER_COLOR,),
    "color": (Prop.TEXT_COLOR,),
    "translate_x": (Prop.TRANSLATE_X,),
    "translate_y": (Prop.TRANSLATE_Y,),
    "scale": (Prop.SCALE_X, Prop.SCALE_Y),
    "scale_x": (Prop.SCALE_X,),
    "scale_y": (Prop.SCALE_Y,),
    "rotate": (Prop.ROTATE,),
    "origin_x": (Prop.ORIGIN_X,),
    "origin_y": (Prop.ORIGIN_Y,),
    "scroll_x": (Prop.SCROLL_X,),
    "scroll_y": (Prop.SCROLL_Y,),
    "transform": (AnimGroup.TRANSFORM,),
    "border": (AnimGroup.BORDER_WIDTHS,),
    "scroll": (AnimGroup.SCROLL,),
    "layout": (AnimGroup.LAYOUT,),
    "visual": (AnimGroup.VISUAL,),
    "all": (AnimGroup.VISUAL, AnimGroup.LAYOUT),
}
"""Names a `transition=` dict may use, and the protocol properties (or groups) they mean."""

EasingSpec: TypeAlias = str | Easing | CubicBezier | Spring
"""An easing: a preset name, an `Easing`, a `CubicBezier` or a `Spring`."""
Frame: TypeAlias = tuple[float, float | str] | tuple[float, float | str, EasingSpec]
"""One keyframe: `(offset, value)` or `(offset, value, easing)`."""
_Timing: TypeAlias = tuple[float, float, EasingSpec]
"""`(duration_ms, delay_ms, easing)` of one transition."""


@dataclass(frozen=True)
class Keyframes:
    """A keyframe animation of one property for `animate=`.

    `frames` are `(offset 0..1, value)` or `(offset, value, easing)`; values
    are numbers, or colours (`"#rrggbb"`) for colour properties.
    """

    frames: Sequence[Frame]
    duration: float
    delay: float = 0.0
    iterations: float = 1
    """How many times to run; `math.inf` repeats forever (a spinner)."""
    direction: str = "normal"
    """`"normal"`, `"reverse"`, `"alternate"` or `"alternate-reverse"`."""


def transition_targets(name: str) -> tuple[int, ...]:
    """The protocol properties a `transition=` key names.

    Raises:
        ValueError: an unknown name (the message lists the known ones).
    """
    targets = _TARGETS.get(name)
    if targets is None:
        raise ValueError(f"transition: {name!r} cannot be animated; use one of "
                         f"{', '.join(sorted(_TARGETS))}")
    return targets


def _timing(value: object, what: str) -> _Timing:
    """`(duration_ms, delay_ms, easing)` of one transition value."""
    if isinstance(value, Spring | CubicBezier):
        return (0.0 if isinstance(value, Spring) else 250.0), 0.0, value
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected milliseconds, (ms, easing) or a dict, got {value!r}")
    if isinstance(value, int | float):
        return float(value), 0.0, "ease"
    if isinstance(value, tuple) and 1 <= len(value) <= 3:
        duration = float(value[0])
        easing = value[1] if len(value) > 1 else "ease"
        delay = float(value[2]) if len(value) > 2 else 0.0
        return duration, delay, easing
    if isinstance(value, Mapping):
        unknown = set(value) - {"duration", "delay", "easing"}
        if unknown:
            raise ValueError(f"{what}: unknown keys {sorted(unknown)} (duration, delay, easing)")
        return (float(value.get("duration", 250.0)), float(value.get("delay", 0.0)),
                value.get("easing", "ease"))
    raise ValueError(f"{what}: expected milliseconds, (ms, easing), a dict or a Spring, "
                     f"got {value!r}")


def _normalise(spec: object) -> dict[int, _Timing]:
    if spec is None:
        return {}
    if not isinstance(spec, Mapping):
        timing = _timing(spec, "transition")
        return {AnimGroup.VISUAL: timing}
    out: dict[int, _Timing] = {}
    for name, value in spec.items():
        timing = _timing(value, f"transition[{name!r}]")
        for target in transition_targets(name):
            out[int(target)] = timing
    return out


_INSTANT: _Timing = (1.0, 0.0, "linear")
"""Reduced motion's movement: done by the first frame that sees it."""
_MOVEMENT = frozenset(int(p) for p in (
    AnimGroup.TRANSFORM, AnimGroup.BORDER_WIDTHS, AnimGroup.SCROLL, Prop.TRANSLATE_X,
    Prop.TRANSLATE_Y, Prop.SCALE_X, Prop.SCALE_Y, Prop.ROTATE, Prop.ORIGIN_X, Prop.ORIGIN_Y,
    Prop.SCROLL_X, Prop.SCROLL_Y))
"""Targets whose transitions move things (instant under reduced motion)."""


def _reduce(timings: dict[int, _Timing], scroller: bool) -> dict[int, _Timing]:
    """The reduced-motion form of normalised transitions (see the module doc)."""
    out: dict[int, _Timing] = {}
    for target, timing in timings.items():
        if target == AnimGroup.LAYOUT:
            continue
        moves = target in _MOVEMENT or isinstance(timing[2], Spring)
        out[target] = _INSTANT if moves else timing
    if AnimGroup.VISUAL in timings:  # the movement VISUAL covers becomes instant
        for group in (AnimGroup.TRANSFORM, AnimGroup.BORDER_WIDTHS, AnimGroup.SCROLL):
            out.setdefault(int(group), _INSTANT)
    if scroller:
        out.setdefault(int(AnimGroup.SCROLL), _INSTANT)
    return out


def send_transitions(buf: CommandBuffer, node: int, before: object, after: object, *,
                     reduced: bool = False, scroller: bool = False) -> None:
    """`SET_TRANSITION`s that turn the `before` transition spec into `after`.

    `reduced`: both specs are taken in their reduced-motion form (`scroller`:
    the node is a scroll container, whose scroll glide becomes instant too).

    Raises:
        ValueError: a bad spec, naming the property and what was wrong.
    """
    old, new = _normalise(before), _normalise(after)
    if reduced:
        old, new = _reduce(old, scroller), _reduce(new, scroller)
    for target in old.keys() - new.keys():
        buf.set_transition(node, target, 0.0, 0.0, "linear")  # removes it
    for target, (duration, delay, easing) in new.items():
        if old.get(target) != (duration, delay, easing):
            buf.set_transition(node, target, duration, delay, easing)


def send_reduced_scroll(buf: CommandBuffer, node: int) -> None:
    """Reduced motion on a scroll container without `transition=`: its scroll is instant."""
    buf.set_transition(node, AnimGroup.SCROLL, *_INSTANT)


def _played(spec: Mapping[str, object], reduced: bool) -> dict[str, object]:
    if not reduced:
        return dict(spec)
    return {name: frames for name, frames in spec.items()
            if not isinstance(frames, Keyframes) or frames.iterations == math.inf}


def send_animations(buf: CommandBuffer, node: int, before: object, after: object, *,
                    reduced: bool = False) -> None:
    """`SET_KEYFRAMES` / `CLEAR_ANIMATIONS` that turn the `before` animate spec into `after`.

    `reduced`: finite animations are left out of both (looping ones play).
    """
    # An animate spec is a dict of name -> Keyframes (each value is checked below).
    old = _played(cast("Mapping[str, object]", before or {}), reduced)
    new = _played(cast("Mapping[str, object]", after or {}), reduced)
    for name in old.keys() - new.keys():
        for target in transition_targets(name):
            buf.clear_animations(node, target)
    for name, frames in new.items():
        if old.get(name) == frames:
            continue
        if not isinstance(frames, Keyframes):
            raise ValueError(f"animate[{name!r}] must be a Keyframes(...), got {frames!r}")
        iterations = frames.iterations
        if iterations != math.inf:
            iterations = int(iterations)
        for target in transition_targets(name):
            buf.set_keyframes(node, target, list(frames.frames), frames.duration, frames.delay,
                              iterations, frames.direction)


def send_motion(buf: CommandBuffer, node: int, name: str, before: object,
                after: object, *, reduced: bool = False, scroller: bool = False) -> None:
    """The commands for a change of the motion prop `name` (`transition` or `animate`)."""
    if name == "transition":
        send_transitions(buf, node, before, after, reduced=reduced, scroller=scroller)
    else:
        send_animations(buf, node, before, after, reduced=reduced)
