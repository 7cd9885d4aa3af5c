"""`Switch`: an on/off toggle row (role `switch`, state `checked`).

One focusable row: the label on the left, a track with a knob on the right.
Select toggles it. The knob sits at the track's end by `justify` (start when
off, end when on); on, the track is light with an accent knob, so it reads
on the focused row's accent fill too. The focused look is the engine's state
style, as for `Button`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sdk import VIEW, Element, component, host_element
from signals import Reactive, untrack

from ._basic import Text
from ._button import focus_styles
from ._model import check_callable, check_style, named, use_value
from ._theme import use_theme

__all__ = ["Switch"]

SWITCH = named(VIEW, "Switch")


@component
def _Switch(label: str, value: bool | Reactive[bool] | None,
            on_change: Callable[[bool], object] | None, disabled: bool,
            style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(value, on_change, False)
    on = bool(model.get())
    # On: a light track with an accent knob, visible on the surface and on the
    # focused (accent) row alike. Off: a dark track with a muted knob.
    knob = host_element(VIEW, (), {"width": 28, "height": 28, "radius": 14,
                                   "background": theme.colors.accent if on
                                   else theme.colors.text_muted}, None)
    track = host_element(VIEW, (knob,), {
        "width": 72, "height": 40, "radius": 20, "padding": 4, "shrink": 0.0,
        "direction": "row", "align": "center", "justify": "end" if on else "start",
        "background": theme.colors.text if on else theme.colors.background,
        "border": 2, "border_color": theme.colors.text if on else theme.colors.text_muted,
    }, None)
    props: dict[str, object] = {
        "role": "switch", "label": label, "states": {"checked": on},
        "focusable": True, "disabled": disabled,
        "direction": "row", "align": "center", "justify": "space-between",
        "gap": theme.spacing.md, "padding": (theme.spacing.sm, theme.spacing.md),
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": "#00000000",
        "on_press": lambda: model.set(not bool(untrack(model.get))),
        **focus_styles(theme, scale=False),
    }
    props.update(style)
    text = Text(label, max_lines=1, wrap=False, shrink=1.0)
    return host_element(SWITCH, (text, track), props, None)


def Switch(label: str, /, *, value: bool | Reactive[bool] | None = None,
           on_change: Callable[[bool], object] | None = None, disabled: bool = False,
           key: Hashable | None = None, **style: object) -> Element:
    """An on/off toggle with a label; select flips it (role `switch`, state `checked`).

    `value` is a `Signal[bool]` (two-way), a bool with `on_change` (controlled),
    or a bool alone or nothing (off): the switch keeps its own state from there. Style props go
    to the row (`width=`, `test_id=`, ...).

    Example:
        ```python
        subtitles = use_signal(True)
        Switch("Subtitles", value=subtitles, width=640)
        Switch("Autoplay", value=settings.autoplay, on_change=save_autoplay)
        ```
    """
    if not isinstance(label, str):
        raise TypeError(f"Switch(label) must be a string, got {label!r}")
    if value is not None and not callable(value) and not isinstance(value, bool):
        raise TypeError(f"Switch(value=...) must be a bool or a signal of one, got {value!r}")
    check_callable("Switch", "on_change", on_change)
    check_style(SWITCH, style)
    return _Switch(label=label, value=value, on_change=on_change, disabled=bool(disabled),
                   style=style, key=key)
