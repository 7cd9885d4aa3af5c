"""`ScrollView`: long content (an About text, terms) scrolled with up and down.

Structure::

    frame (relative, clips)                         role scrollview, focusable
      scroller  overflow=scroll, scroll_y=offset    the engine clips and offsets
        content column (does not shrink)            measured by on_layout
      top fade, bottom fade (absolute bands)        shown when more lies that way

The frame is one focusable node: it is for reading (text, pictures), and
content with focusable items belongs in a plain `overflow="scroll"` view,
a `Rail` or a `Grid`, which the engine scrolls to the focused item. Up and
down move `offset` by `step` design units, clamped to `0..content -
viewport`, and the engine glides there (a `scroll` transition). The frame
captures up only while it can scroll up and down only while it can scroll
down, so at an edge the arrow leaves the view like any other. The node's
`value`/`min`/`max` are the offset and its range. The fades are four bands
of the page colour at rising opacity: the engine has no gradients, and four
steps read as one at TV distance.
"""

from __future__ import annotations

from collections.abc import Hashable

from renderer import Key, KeyAction, KeyEvent
from sdk import VIEW, Element, component, host_element, use_signal
from sdk.reconciler import Child
from signals import untrack

from ._model import check_number, check_style, named
from ._theme import use_theme

__all__ = ["ScrollView"]

SCROLL_VIEW = named(VIEW, "ScrollView")
_BANDS = (0.85, 0.6, 0.35, 0.15)


def _fade(edge: str, color: str, shown: bool, height: float) -> Element:
    bands = _BANDS if edge == "top" else tuple(reversed(_BANDS))
    return host_element(VIEW, tuple(
        host_element(VIEW, (), {"height": height / len(bands), "background": color,
                                "opacity": alpha, "shrink": 0.0}, i)
        for i, alpha in enumerate(bands)
    ), {"position": "absolute", "left": 0, "right": 0, edge: 0, "direction": "column",
        "visible": shown, "role": "none"}, edge)


@component
def _ScrollView(*children: Element, step: float, fade: float, fade_color: str | None,
                label: str, style: dict[str, object]) -> Element:
    theme = use_theme()
    offset = use_signal(0.0)
    content = use_signal(0.0)
    viewport = use_signal(0.0)
    limit = max(0.0, content() - viewport())
    at = min(offset(), limit)

    def on_key(event: KeyEvent) -> bool:
        if event.key not in (Key.UP, Key.DOWN) or not event.captured_by:
            return False  # not ours: the engine navigated (or nothing had focus)
        if event.action in (KeyAction.DOWN, KeyAction.REPEAT):
            top = max(0.0, untrack(content) - untrack(viewport))
            now = min(untrack(offset), top)
            sign = 1 if event.key == Key.DOWN else -1
            offset.set(max(0.0, min(top, now + sign * step)))
        return True

    captured = [name for name, can in (("up", at > 0), ("down", at < limit)) if can]
    body = host_element(VIEW, children, {
        "direction": "column", "shrink": 0.0, "gap": theme.spacing.md,
        "on_layout": lambda box: content.set(box[3])}, "content")
    scroller = host_element(VIEW, (body,), {
        "overflow": "scroll", "scroll_y": at, "direction": "column", "grow": 1.0,
        "basis": 0, "min_height": 0, "transition": {"scroll": 200},
        "on_layout": lambda box: viewport.set(box[3])}, "scroller")
    color = fade_color if fade_color is not None else theme.colors.background
    props: dict[str, object] = {
        "role": "scrollview", "label": label, "value": at, "value_min": 0.0,
        "value_max": limit, "focusable": True, "capture_keys": captured, "on_key": on_key,
        "direction": "column", "overflow": "clip", "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": "#00000000",
        "padding": theme.spacing.sm,
        "focused_style": {"border_color": theme.focus.color},
    }
    props.update(style)
    return host_element(SCROLL_VIEW, (
        scroller, _fade("top", color, at > 0, fade), _fade("bottom", color, at < limit, fade),
    ), props, None)


def ScrollView(*children: Child, height: float | str, step: float = 120, fade: float = 64,
               fade_color: str | None = None, label: str = "", key: Hashable | None = None,
               **style: object) -> Element:
    """A focusable view (role `scrollview`) that scrolls long content with up/down.

    `height` is required (a number or `"100%"`): content taller than it
    scrolls by `step` units per press, and fades (`fade` units tall, in
    `fade_color`, default the page background) show where more lies. At the
    ends the arrows move focus on.

    Example:
        ```python
        ScrollView(Text(ABOUT_TEXT), Text(LICENSES, size=28), height=560, width=1200,
                   label="About")
        ```
    """
    if isinstance(height, str):
        if not height.endswith("%"):
            raise ValueError(f"ScrollView(height={height!r}) must be a number or 'N%'")
    else:
        check_number("ScrollView", "height", height)
    if check_number("ScrollView", "step", step) <= 0:
        raise ValueError(f"ScrollView(step={step!r}) must be > 0")
    if check_number("ScrollView", "fade", fade) < 0:
        raise ValueError(f"ScrollView(fade={fade!r}) must be >= 0")
    style["height"] = height
    check_style(SCROLL_VIEW, style)
    return _ScrollView(*children, step=float(step), fade=float(fade), fade_color=fade_color,
                       label=label, style=style, key=key)
