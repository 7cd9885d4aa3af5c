"""`Checkbox`: a box that select ticks and unticks (role `checkbox`, state `checked`).

One focusable row: the box, then the label. Checked, the box is filled with
the accent colour and holds a light tick (two bars, turned 45 degrees: the
bundled font has no check-mark glyph). On the focused row, whose fill is the
accent colour too, the box turns light and the tick accent through
`focus_within_style`, so the state reads in both looks. The focused look of
the row is the engine's state style, as for `Button`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sdk import VIEW, Element, component, host_element
from signals import Reactive, untrack

from ._basic import Text
from ._button import focus_styles
from ._model import check_callable, check_style, named, use_value
from ._theme import Theme, use_theme

__all__ = ["Checkbox"]

CHECKBOX = named(VIEW, "Checkbox")
_BOX = 40.0


def _tick(theme: Theme) -> Element:
    """A check mark of two bars inside a `_BOX` square: a short one and a long one."""
    def bar(key: str, left: float, top: float, height: float, angle: float) -> Element:
        return host_element(VIEW, (), {
            "position": "absolute", "left": left, "top": top, "width": 5, "height": height,
            "radius": 2.5, "rotate": angle, "background": theme.colors.text,
            "focus_within_style": {"background": theme.colors.accent}}, key)

    return host_element(VIEW, (bar("short", 9.5, 15, 13, -45.0), bar("long", 19, 6, 23, 40.0)),
                        {"position": "absolute", "left": 0, "top": 0, "width": _BOX - 6,
                         "height": _BOX - 6, "role": "none"}, "tick")


@component
def _Checkbox(label: str, value: bool | Reactive[bool] | None,
              on_change: Callable[[bool], object] | None, disabled: bool,
              style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(value, on_change, False)
    on = bool(model.get())
    box = host_element(VIEW, (_tick(theme) if on else None,), {
        "width": _BOX, "height": _BOX, "radius": theme.radii.small, "shrink": 0.0,
        "border": 3, "border_color": theme.colors.accent if on else theme.colors.text_muted,
        "background": theme.colors.accent if on else theme.colors.background,
        "focus_within_style": {"border_color": theme.colors.text,
                               **({"background": theme.colors.text} if on else {})},
    }, "box")
    props: dict[str, object] = {
        "role": "checkbox", "label": label, "states": {"checked": on},
        "focusable": True, "disabled": disabled,
        "direction": "row", "align": "center", "gap": theme.spacing.md,
        "padding": (theme.spacing.sm, theme.spacing.md),
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": "#00000000",
        "on_press": lambda: model.set(not bool(untrack(model.get))),
        **focus_styles(theme, scale=False),
    }
    props.update(style)
    text = Text(label, max_lines=1, wrap=False, shrink=1.0)
    return host_element(CHECKBOX, (box, text), props, None)


def Checkbox(label: str, /, *, value: bool | Reactive[bool] | None = None,
             on_change: Callable[[bool], object] | None = None, disabled: bool = False,
             key: Hashable | None = None, **style: object) -> Element:
    """A box and a label; select ticks or unticks it (role `checkbox`, state `checked`).

    `value` is a `Signal[bool]` or a stored value (two-way), a bool with
    `on_change` (controlled), or a bool alone or nothing (unticked): the
    checkbox keeps its own state from there. Style props go to the row
    (`width=`, `test_id=`, ...). Use a `Switch` for a setting that acts at once,
    a `Checkbox` for items picked in a list (audio languages to download, say).

    Example:
        ```python
        english = use_signal(True)
        Checkbox("English", value=english, width=480)
        Checkbox("Français", value=False, on_change=lambda on: pick("fr", on))
        ```
    """
    if not isinstance(label, str):
        raise TypeError(f"Checkbox(label) must be a string, got {label!r}")
    if value is not None and not callable(value) and not isinstance(value, bool):
        raise TypeError(f"Checkbox(value=...) must be a bool or a signal of one, got {value!r}")
    check_callable("Checkbox", "on_change", on_change)
    check_style(CHECKBOX, style)
    return _Checkbox(label=label, value=value, on_change=on_change, disabled=bool(disabled),
                     style=style, key=key)
