"""`Card`: a focusable poster tile with a title and a subtitle that grows on focus.

A column: the image (its `background` shows until it loads, or when there is
none), then the title (one line, medium weight) and the subtitle (one line,
muted). The card is one focusable node (role `button`, labelled
`"title, subtitle"`); the engine applies its focused style: the theme's ring
and a scale (`focus_scale`, default the theme's), no colour change, so the
poster stays as it is. The ring is always there, transparent at rest, so
focusing never moves the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sdk import VIEW, Element, host_element

from ._basic import Image, Text
from ._model import check_callable, check_number, check_style, named
from ._theme import current_theme

__all__ = ["Card"]

CARD = named(VIEW, "Card")


def Card(title: str, /, *, image: str | None = None, subtitle: str | None = None,
         width: float = 320, image_height: float = 180, focus_scale: float | None = None,
         on_press: Callable[..., object] | None = None, disabled: bool = False,
         key: Hashable | None = None, **style: object) -> Element:
    """A focusable tile: `image` (a source) above `title` and `subtitle`.

    `width` and `image_height` size it (design units); `focus_scale` is its
    scale when focused (default `theme.focus.scale`). Style props go to the
    card's view.

    Example:
        ```python
        Card("Metropolis", image=movie.poster, subtitle="1927 · Sci-fi",
             on_press=lambda: open_movie(movie), test_id="movie-42")
        ```
    """
    if not isinstance(title, str):
        raise TypeError(f"Card(title) must be a string, got {title!r}")
    if subtitle is not None and not isinstance(subtitle, str):
        raise TypeError(f"Card(subtitle=...) must be a string, got {subtitle!r}")
    check_callable("Card", "on_press", on_press)
    if check_number("Card", "width", width) <= 0:
        raise ValueError(f"Card(width={width!r}) must be > 0")
    if check_number("Card", "image_height", image_height) < 0:
        raise ValueError(f"Card(image_height={image_height!r}) must be >= 0")
    theme = current_theme()
    scale = theme.focus.scale if focus_scale is None else check_number(
        "Card", "focus_scale", focus_scale)
    check_style(CARD, style)
    raised = theme.colors.surface_raised
    picture = (Image(image, width="100%", height=image_height, background=raised,
                     role="none", shrink=0.0) if image is not None else
               host_element(VIEW, (), {"width": "100%", "height": image_height, "shrink": 0.0,
                                       "background": theme.colors.surface_raised}, None))
    words = Text(title, font=theme.font_medium, max_lines=1, wrap=False)
    kids = [picture, host_element(VIEW, (
        words,
        subtitle is not None and Text(subtitle, size=theme.type.caption,
                                      color=theme.colors.text_muted, max_lines=1, wrap=False),
    ), {"direction": "column", "gap": theme.spacing.xs,
        "padding": (theme.spacing.sm, theme.spacing.md)}, None)]
    props: dict[str, object] = {
        "role": "button", "label": title if subtitle is None else f"{title}, {subtitle}",
        "focusable": True, "disabled": bool(disabled), "width": width, "shrink": 0.0,
        "direction": "column", "overflow": "clip", "background": theme.colors.surface,
        "radius": theme.radii.medium, "border": theme.focus.width,
        "border_color": "#00000000",
        "focused_style": {"border_color": theme.focus.color, "scale": scale},
        "pressed_style": {"border_color": theme.focus.color,
                          "scale": theme.focus.pressed_scale},
        "disabled_style": {"opacity": 0.4},
    }
    if on_press is not None:
        props["on_press"] = on_press
    props.update(style)
    return host_element(CARD, tuple(kids), props, key)
