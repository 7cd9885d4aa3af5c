"""`Spinner`: a loading indicator (a ring of dots fading from strong to faint).

The ring turns in the engine: an endless `rotate` keyframe animation, so it
keeps turning while app code is busy and costs the app nothing per frame.
`spin=False` makes it static. `time` (a signal or zero-argument callable
returning milliseconds) instead binds the rotation to the app's clock, in
one-dot steps (one `SET_PROP` per step).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable

from sdk import VIEW, Element, Keyframes, host_element

from ._theme import current_theme

__all__ = ["Spinner"]

_DOTS = 8


def Spinner(*, size: float = 72, spin: bool = True, time: Callable[[], float] | None = None,
            period_ms: float = 1000.0, color: str | None = None, label: str = "Loading",
            key: Hashable | None = None, **style: object) -> Element:
    """A ring of 8 dots (role `progress`) that turns once per `period_ms`, in the engine.

    With `time` the rotation follows the app's clock instead, stepping by one
    dot (45 degrees) like a classic TV spinner.

    Example:
        ```python
        Spinner(size=96, test_id="loading")      # turning, animated by the engine
        Spinner(spin=False)                      # static
        ```
    """
    if isinstance(size, bool) or not isinstance(size, int | float) or size <= 0:
        raise ValueError(f"Spinner(size=...) must be a number > 0, got {size!r}")
    if time is not None and not callable(time):
        raise TypeError(f"Spinner(time=...) must be a signal or callable returning ms, "
                        f"got {time!r}")
    if not period_ms > 0:
        raise ValueError(f"Spinner(period_ms=...) must be > 0, got {period_ms!r}")
    fill = color if color is not None else current_theme().colors.spinner
    dot = size / 5
    radius = (size - dot) / 2
    dots = []
    for k in range(_DOTS):
        angle = 2 * math.pi * k / _DOTS - math.pi / 2
        dots.append(host_element(VIEW, (), {
            "position": "absolute",
            "left": round(radius + radius * math.cos(angle), 2),
            "top": round(radius + radius * math.sin(angle), 2),
            "width": dot,
            "height": dot,
            "radius": dot / 2,
            "background": fill,
            # the head (k = 0) is opaque, the tail fades out behind it
            "opacity": round(1.0 - 0.85 * ((_DOTS - k) % _DOTS) / _DOTS, 3),
        }, k))
    # Indeterminate: no value, state busy (what a screen reader says for a spinner).
    props: dict[str, object] = {"role": "progress", "label": label, "states": {"busy"},
                                "width": size, "height": size, "shrink": 0.0}
    if time is not None:
        props["rotate"] = _rotation(time, period_ms)
    elif spin:
        props["animate"] = {"rotate": Keyframes([(0, 0.0, "linear"), (1, 360.0, "linear")],
                                                duration=period_ms, iterations=math.inf)}
    props.update(style)
    return host_element(VIEW, tuple(dots), props, key)


def _rotation(time: Callable[[], float], period_ms: float) -> Callable[[], float]:
    step = 360.0 / _DOTS

    def rotate() -> float:
        turns = (float(time()) % period_ms) / period_ms
        return float(int(turns * _DOTS) * step)

    return rotate
