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
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, cast

from renderer import AnimGroup, CommandBuffer, CubicBezier, Easing, Prop, Spring

__all__ = ["Keyframes", "send_animations", "send_motion", "send_transitions", "transition_targets"]

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


def send_transitions(buf: CommandBuffer, node: int, before: object, after: object) -> None:
    """`SET_TRANSITION`s that turn the `before` transition spec into `after`.

    Raises:
        ValueError: a bad spec, naming the property and what was wrong.
    """
    old, new = _normalise(before), _normalise(after)
    for target in old.keys() - new.keys():
        buf.set_transition(node, target, 0.0, 0.0, "linear")  # removes it
    for target, (duration, delay, easing) in new.items():
        if old.get(target) != (duration, delay, easing):
            buf.set_transition(node, target, duration, delay, easing)


def send_animations(buf: CommandBuffer, node: int, before: object, after: object) -> None:
    """`SET_KEYFRAMES` / `CLEAR_ANIMATIONS` that turn the `before` animate spec into `after`."""
    # An animate spec is a dict of name -> Keyframes (each value is checked below).
    old = dict(cast("Mapping[str, object]", before or {}))
    new = dict(cast("Mapping[str, object]", after or {}))
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
                after: object) -> None:
    """The commands for a change of the motion prop `name` (`transition` or `animate`)."""
    if name == "transition":
        send_transitions(buf, node, before, after)
    else:
        send_animations(buf, node, before, after)
