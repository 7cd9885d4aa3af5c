"""`Slider`: a value between `min` and `max`, stepped with left and right (role `slider`).

One focusable row: label, track, value. The row captures left and right
(`capture_keys`), so the engine does not move focus with them; its `on_key`
steps the value by `step` (held keys repeat), clamped to `min..max`. Up and
down still move focus. The track is a dark bar with an accent fill whose
width is the value's percentage and a light thumb at its end; on the focused
row (whose fill is the accent colour too) the fill turns light through
`focus_within_style`, so it stays visible. The node carries `value`, `min`, `max` and
`value_text`, so the dump reads `role=slider value=40 min=0 max=100`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from renderer import Key, KeyAction, KeyEvent
from sdk import VIEW, Element, component, host_element
from signals import Reactive, untrack

from ._basic import Text
from ._button import focus_styles
from ._model import check_callable, check_number, check_style, named, peek, use_value
from ._theme import use_theme

__all__ = ["Slider"]

SLIDER = named(VIEW, "Slider")


def _snap(value: float, low: float, high: float, step: float) -> float:
    """`value` on the step grid from `low`, clamped to `low..high`."""
    snapped = low + round((value - low) / step) * step
    snapped = min(high, max(low, snapped))
    return float(round(snapped, 9))


def _default_format(step: float) -> Callable[[float], str]:
    if step == int(step):
        return lambda v: str(round(v))
    return lambda v: f"{v:g}"


@component
def _Slider(label: str, value: float | Reactive[float] | None,
            on_change: Callable[[float], object] | None, low: float, high: float, step: float,
            fmt: Callable[[float], str], disabled: bool, track_width: float,
            style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(value, on_change, low)
    now = float(model.get())
    if not low <= now <= high:
        raise ValueError(f"Slider(value=...) {now:g} is outside min..max ({low:g}..{high:g})")
    percent = (now - low) / (high - low) * 100.0

    def on_key(event: KeyEvent) -> bool:
        if event.key not in (Key.LEFT, Key.RIGHT) or not event.captured_by:
            return False  # not ours: the engine navigated (or nothing had focus)
        if event.action in (KeyAction.DOWN, KeyAction.REPEAT):
            sign = 1 if event.key == Key.RIGHT else -1
            current = float(untrack(model.get))
            new = _snap(current + sign * step, low, high, step)
            if new != current:
                model.set(new)
        return True

    fill = host_element(VIEW, (), {"width": f"{percent:.4f}%", "height": 12, "radius": 6,
                                   "background": theme.colors.accent, "shrink": 0.0,
                                   "focus_within_style": {"background": theme.colors.text}},
                        "fill")
    thumb = host_element(VIEW, (), {"width": 32, "height": 32, "radius": 16, "shrink": 0.0,
                                    "margin_left": -16, "background": theme.colors.text,
                                    "border": 4, "border_color": theme.colors.background},
                         "thumb")
    track = host_element(VIEW, (fill, thumb), {
        "width": track_width, "height": 12, "radius": 6, "shrink": 0.0, "direction": "row",
        "align": "center", "background": theme.colors.background, "margin_x": 16,
    }, None)
    text = fmt(now)
    props: dict[str, object] = {
        "role": "slider", "label": label, "value": now, "value_min": low, "value_max": high,
        "value_text": text, "focusable": True, "disabled": disabled,
        "capture_keys": ("left", "right"), "on_key": on_key,
        "direction": "row", "align": "center", "gap": theme.spacing.md,
        "padding": (theme.spacing.sm, theme.spacing.md),
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": "#00000000",
        **focus_styles(theme, scale=False),
    }
    props.update(style)
    return host_element(SLIDER, (
        Text(label, max_lines=1, wrap=False, grow=1.0, shrink=1.0),
        track,
        # Room for "100%" at the body size: it grows with the viewer's text scale.
        Text(text, max_lines=1, wrap=False, width=theme.type.body * 3, text_align="right",
             shrink=0.0),
    ), props, None)


def Slider(label: str, /, *, value: float | Reactive[float] | None = None, min: float = 0.0,
           max: float = 100.0, step: float = 1.0,
           on_change: Callable[[float], object] | None = None,
           format: Callable[[float], str] | None = None, disabled: bool = False,
           track_width: float = 480, key: Hashable | None = None,
           **style: object) -> Element:
    """A labelled value between `min` and `max`; left and right step it by `step`.

    `value` is a `Signal[float]` (two-way), a number with `on_change`
    (controlled), or a number alone or nothing (`min`): the slider keeps its own
    state.
    `format(value)` is the text shown and read out (default: the number).
    Role `slider` with `value`, `min`, `max` and `value_text`.

    Example:
        ```python
        volume = use_signal(40.0)
        Slider("Volume", value=volume, min=0, max=100, step=5,
               format=lambda v: f"{v:.0f}%", width=960)
        ```

    Raises:
        ValueError: `min >= max`, `step <= 0`, or a value outside `min..max`.
    """
    if not isinstance(label, str):
        raise TypeError(f"Slider(label) must be a string, got {label!r}")
    low = check_number("Slider", "min", min)
    high = check_number("Slider", "max", max)
    size = check_number("Slider", "step", step)
    if low >= high:
        raise ValueError(f"Slider(min={min!r}, max={max!r}): min must be less than max")
    if size <= 0:
        raise ValueError(f"Slider(step={step!r}) must be > 0")
    start = low if value is None else check_number("Slider", "value", peek(value))
    if not low <= start <= high:
        raise ValueError(f"Slider(value={start:g}) is outside min..max ({low:g}..{high:g})")
    check_callable("Slider", "on_change", on_change)
    check_callable("Slider", "format", format)
    check_number("Slider", "track_width", track_width)
    check_style(SLIDER, style)
    return _Slider(label=label, value=value, on_change=on_change, low=low, high=high,
                   step=size, fmt=format or _default_format(size), disabled=bool(disabled),
                   track_width=float(track_width), style=style, key=key)
