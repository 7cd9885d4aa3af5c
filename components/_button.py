"""`Button`: a focusable, pressable control whose states are styled by the engine.

The focused, pressed and disabled looks are state styles (`focused_style`,
`pressed_style`, `disabled_style`) that the engine applies itself when its
focus system moves, so a focus change costs no Python work and no commands.
The focus ring is a border that is always there (transparent at rest), so
focusing never changes the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sdk import VIEW, Element, host_element

from ._basic import Text
from ._theme import Theme, current_theme

__all__ = ["Button", "focus_styles"]


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


def Button(text: str, /, *, on_press: Callable[..., object] | None = None,
           disabled: bool = False, key: Hashable | None = None, **style: object) -> Element:
    """A focusable button showing `text`; `on_press` runs when it is selected.

    Role `button`; its accessibility `label=` defaults to `text`. Style props
    pass through to the button's view (`width=`, `padding=`, `test_id=`, ...).
    A disabled button is skipped by focus and never pressed.

    Example:
        ```python
        Button("Play", on_press=lambda: player.play(movie), test_id="play")
        Button("Download", disabled=True)
        ```
    """
    if not isinstance(text, str):
        raise TypeError(f"Button(text) must be a string, got {text!r}")
    if on_press is not None and not callable(on_press):
        raise TypeError(f"Button(on_press=...) must be callable, got {on_press!r}")
    theme = current_theme()
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
    if on_press is not None:
        props["on_press"] = on_press
    props.update(style)
    content = Text(text, size=theme.type.label, font=theme.font_medium, max_lines=1, wrap=False)
    return host_element(VIEW, (content,), props, key)
