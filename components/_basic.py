"""The layout and content primitives: View, Row, Column, Text, Image, Spacer.

These are plain functions that build host elements (no component instance,
so they cost one scene node each and fit the reconciler's templates). Theme
defaults (text size, colour, font) are read from the theme in effect where
the element is built, i.e. in the body of the component that calls them.
Every style prop of the host node passes through (`padding=`, `background=`,
`grow=`, ...; see `sdk/_host_props.py`); an unknown prop is a `TypeError`
naming it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeAlias

from sdk import IMAGE, TEXT, VIEW, Element, host_element
from sdk.reconciler import Child
from signals import Reactive

from ._theme import current_theme

__all__ = ["Column", "Image", "Row", "Spacer", "Text", "View"]

TextValue: TypeAlias = str | int | float | None
"""What a text node shows (a number is formatted with `str`; None shows nothing)."""


def View(*children: Child, key: Hashable | None = None, **style: object) -> Element:
    """A flexbox container (the engine lays children out in a row unless `direction=`).

    Props are host view props: `direction`, `gap`, `padding`, `justify`, `align`,
    `background`, `radius`, `overflow`, `role` (default `"view"`), `label`,
    `test_id`, `focusable`, handlers (`on_press`, ...), `ref`.

    Example:
        ```python
        View(Text("Hi"), padding=24, background="#1b1f2a", radius=12, test_id="card")
        ```
    """
    style.setdefault("role", "view")
    return host_element(VIEW, children, style, key)


def Row(*children: Child, key: Hashable | None = None, **style: object) -> Element:
    """A `View` laying its children out left to right.

    Example:
        ```python
        Row(Button("Play"), Button("Trailer"), gap=24)
        ```
    """
    return View(*children, key=key, direction="row", **style)


def Column(*children: Child, key: Hashable | None = None, **style: object) -> Element:
    """A `View` laying its children out top to bottom.

    Example:
        ```python
        Column(Text("Title", size=56), Text("Subtitle"), gap=16, padding=(54, 96))
        ```
    """
    return View(*children, key=key, direction="column", **style)


def Text(text: TextValue | Reactive[TextValue], *, key: Hashable | None = None,
         **style: object) -> Element:
    """A run of text: `text` is a string or a signal/computed/callable of one.

    Defaults come from the theme: `size=theme.type.body`, `color=theme.colors.text`,
    `font=theme.font`; `role="text"`.

    Example:
        ```python
        Text(lambda: f"{count()} items", size=44, color="#b9bfcc", max_lines=1)
        ```
    """
    theme = current_theme()
    props: dict[str, object] = {
        "text": text,
        "role": "text",
        "size": theme.type.body,
        "color": theme.colors.text,
        "font": theme.font,
    }
    props.update(style)
    return host_element(TEXT, (), props, key)


def Image(src: str | Reactive[str | None], *, fit: str = "cover",
          key: Hashable | None = None, **style: object) -> Element:
    """An image node showing `src` (a URL or path, loaded by the app's image manager).

    `fit` is `"cover"` (default), `"contain"` or `"fill"`. Until the image is
    loaded the node paints its `background`. Give it a size (`width`/`height`),
    and a `label=` describing it.

    Example:
        ```python
        Image("https://img.example/poster/42.jpg", width=240, height=360, radius=12,
              label="Poster: Metropolis")
        ```
    """
    if fit not in ("cover", "contain", "fill"):
        raise ValueError(f"Image(fit=...) must be 'cover', 'contain' or 'fill', got {fit!r}")
    props: dict[str, object] = {"src": src, "fit": fit, "role": "image"}
    props.update(style)
    return host_element(IMAGE, (), props, key)


def Spacer(size: float | None = None, *, key: Hashable | None = None,
           **style: object) -> Element:
    """Empty space along the parent's main axis: flexible (`size=None`) or fixed.

    A flexible spacer grows to take the free space (pushing its siblings apart);
    a fixed one is `size` design units long in a row or a column alike.

    Example:
        ```python
        Row(Text("Home"), Spacer(), Text("12:30"))   # the clock goes to the right edge
        Column(Text("A"), Spacer(48), Text("B"))      # 48 units between A and B
        ```
    """
    props: dict[str, object] = {"role": "none"}
    if size is None:
        props.update(grow=1.0, shrink=1.0, basis=0)
    else:
        if isinstance(size, bool) or not isinstance(size, int | float) or size < 0:
            raise ValueError(f"Spacer(size=...) must be a number >= 0 or None, got {size!r}")
        props.update(basis=float(size), shrink=0.0, grow=0.0)
    props.update(style)
    return host_element(VIEW, (), props, key)
