"""`Button`: a focusable, pressable control whose states are styled by the engine.

The focused, pressed and disabled looks are state styles (`focused_style`,
`pressed_style`, `disabled_style`) that the engine applies itself when its
focus system moves, so a focus change costs no Python work and no commands.
The focus ring is a border that is always there (transparent at rest), so
focusing never changes the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeAlias

from sdk import VIEW, Element, host_element

from ._basic import Image, Text
from ._model import named
from ._theme import Theme, current_theme

__all__ = ["BUTTON", "Button", "Icon", "focus_styles", "icon_element"]

BUTTON = named(VIEW, "Button")
"""The button's view type: its prop errors say `Button()`."""

Icon: TypeAlias = "str | Element"
"""A control's icon: an image source (URL or asset path) or an element."""


def focus_styles(theme: Theme, *, scale: bool = True) -> dict[str, dict[str, object]]:
    """The state-style props of a focusable control in `theme` (ring, fill, scale).

    Returns `focused_style`, `pressed_style` and `disabled_style` entries to
    merge into a focusable view's props.

    Example:
        ```python
        View(Image(poster), focusable=True, border=5, on_press=open_movie,
             **focus_styles(current_theme(), scale=False))
        ```
    """
    colors, ring = theme.colors, theme.focus
    focused: dict[str, object] = {"background": colors.accent, "border_color": ring.color}
    pressed: dict[str, object] = {"background": colors.accent_pressed, "border_color": ring.color}
    if scale:
        focused["scale"] = ring.scale
        pressed["scale"] = ring.pressed_scale
    return {
        "focused_style": focused,
        "pressed_style": pressed,
        "disabled_style": {"opacity": 0.4},
    }


def icon_element(widget: str, icon: Icon | None, size: float, color: str) -> Element | None:
    """An icon for a control: an element as given, or a source shown as a `size` image."""
    if icon is None or isinstance(icon, Element):
        return icon
    if isinstance(icon, str):
        return Image(icon, fit="contain", width=size, height=size, shrink=0.0, role="none")
    raise TypeError(f"{widget}(icon=...) must be an image source or an element, got {icon!r}")


def Button(text: str, /, *, on_press: Callable[..., object] | None = None,
           disabled: bool = False, size: float | None = None, color: str | None = None,
           icon: Icon | None = None, key: Hashable | None = None, **style: object) -> Element:
    """A focusable button showing `text`; `on_press` runs when it is selected.

    Role `button`; its accessibility `label=` defaults to `text`. `size` and
    `color` style the label (default: the theme's label size and text colour);
    `icon` (an image source, or an element such as a `View`) sits before it.
    Style props pass through to the button's view (`width=`, `padding=`,
    `test_id=`, ...); a prop it does not know is a `TypeError` naming `Button`.
    A disabled button is skipped by focus and never pressed.

    Example:
        ```python
        Button("Play", on_press=lambda: player.play(movie), test_id="play")
        Button("Download", disabled=True)
        Button("Search", icon="assets/search.png", size=40, color="#ffd166")
        ```
    """
    if not isinstance(text, str):
        raise TypeError(f"Button(text) must be a string, got {text!r}")
    if on_press is not None and not callable(on_press):
        raise TypeError(f"Button(on_press=...) must be callable, got {on_press!r}")
    theme = current_theme()
    label_size = theme.type.label if size is None else size
    if isinstance(label_size, bool) or not isinstance(label_size, int | float) \
            or not label_size > 0:
        raise ValueError(f"Button(size=...) must be a number > 0, got {size!r}")
    props: dict[str, object] = {
        "role": "button",
        "label": text,
        "focusable": True,
        "disabled": bool(disabled),
        "direction": "row",
        "justify": "center",
        "align": "center",
        "padding": (theme.spacing.sm, theme.spacing.lg),
        "background": theme.colors.surface_raised,
        "radius": theme.radii.medium,
        "border": theme.focus.width,
        "border_color": "#00000000",
        **focus_styles(theme),
    }
    if icon is not None:
        props["gap"] = theme.spacing.sm
    if on_press is not None:
        props["on_press"] = on_press
    props.update(style)
    fill = theme.colors.text if color is None else color
    content = Text(text, size=label_size, color=fill, font=theme.font_medium, max_lines=1,
                   wrap=False)
    glyph = icon_element("Button", icon, label_size * 1.1, fill)
    return host_element(BUTTON, (glyph, content), props, key)
