"""`Rail`: a horizontal, virtualized, focus-following row of items.

Structure (one scroll container, `overflow="scroll"`, `direction="row"`)::

    [lead spacer][cell first]...[cell stop-1][trail spacer]

Only the window of cells exists (see `_virtual.py`); the spacers (always
present, 0 wide at the ends) keep every cell at `index * stride`. Each cell
is a focusable view (role `listitem`) with the theme's focus ring as its
focused style, holding `render(item)`. When focus moves, the engine scrolls
the container and reports the new offset (`on_scroll`, in the frame of the
focus change); the rail re-renders from it: the window slides and the cells
that left it are recycled for the items that entered it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeAlias, TypeVar

from sdk import VIEW, Element, component, host_element, use_memo, use_signal
from signals import Reactive

from ._button import focus_styles
from ._theme import Theme, use_theme
from ._virtual import pool_size, window

__all__ = ["Rail"]

T = TypeVar("T")

Items: TypeAlias = Sequence[T] | Reactive[Sequence[T]]
"""The items of a `Rail` or `Grid`: a sequence, or a signal/computed/callable of one."""


class _Scroll:
    """The rail's scroll state; a handler updates it and bumps `version` to re-render."""

    __slots__ = ("index", "offset", "viewport")

    def __init__(self, index: int, viewport: float, stride: float, size: float) -> None:
        self.index = index
        # Until the engine reports one: the offset that shows the initial index.
        self.offset = max(0.0, index * stride + size - viewport)
        self.viewport = viewport


@component
def Cell(item: object, render: Callable[[object], object]) -> object:
    return render(item)


def check_items(owner: str, items: object) -> None:
    """Reject `items` that are neither a sequence nor reactive, at the call site."""
    if not callable(items) and not isinstance(items, Sequence):
        raise TypeError(f"{owner}(items) must be a sequence (or a signal of one), got {items!r}")


def items_of(items: Items[T]) -> Sequence[T]:
    value = items() if callable(items) else items
    if not isinstance(value, Sequence):
        raise TypeError(f"Rail/Grid items must be a sequence (or a signal of one), got {value!r}")
    return value


def check_size(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a number > 0, got {value!r}")
    return float(value)


def cell_props(theme: Theme, index: int, focused: Callable[[int], None],
               pressed: Callable[[int], None] | None, count: int = 0) -> dict[str, object]:
    """The props of a focusable cell at `index` of `count` (shared with `Grid`)."""
    props: dict[str, object] = {
        "role": "listitem",
        "position_in_set": (index + 1, count) if count > index else None,
        "focusable": True,
        "shrink": 0.0,
        "overflow": "clip",
        "radius": theme.radii.medium,
        "background": theme.colors.surface,
        "border": theme.focus.width,
        "border_color": "#00000000",
        "on_focus": lambda: focused(index),
        **focus_styles(theme, scale=False),
    }
    if pressed is not None:
        props["on_press"] = lambda: pressed(index)
    return props


@component
def _Rail(items: Items[T], render: Callable[[T], object], key_of: Callable[[T], Hashable] | None,
          item_width: float, item_height: float | None, gap: float | None, overscan: int,
          viewport: float | None, initial_index: int,
          on_press: Callable[[T], object] | None, on_focus_item: Callable[[T], object] | None,
          style: dict[str, object]) -> Element:
    theme = use_theme()
    version = use_signal(0)
    view_width = viewport if viewport is not None else 1920 - 2 * theme.safe_area.x
    space = theme.spacing.md if gap is None else gap
    stride = item_width + space
    state = use_memo(lambda: _Scroll(initial_index, view_width, stride, item_width))
    version()  # re-render when a handler moved the window
    data = items_of(items)

    def focused(index: int) -> None:
        state.index = index
        if on_focus_item is not None and index < len(items_of(items)):
            on_focus_item(items_of(items)[index])

    def pressed(index: int) -> None:
        if on_press is not None and index < len(items_of(items)):
            on_press(items_of(items)[index])

    def scrolled(offset: tuple[float, float]) -> None:
        if offset[0] != state.offset:
            state.offset = offset[0]
            version.update(lambda n: n + 1)

    def laid_out(box: tuple[float, float, float, float]) -> None:
        if box[2] > 0 and box[2] != state.viewport:
            state.viewport = box[2]
            version.update(lambda n: n + 1)

    # The gap follows each cell on its main-end side: the left one in a rail that
    # runs right to left (insets and margins stay physical under `dir="rtl"`).
    gap_side = "margin_left" if style.get("dir") == "rtl" else "margin_right"
    count = len(data)
    first, stop = window(count, stride, state.viewport, state.offset, overscan)
    pool = pool_size(stride, state.viewport, overscan)
    kids: list[Element] = []
    kids.append(spacer(first * stride, "lead"))
    for index in range(first, stop):
        props = cell_props(theme, index, focused, pressed if on_press is not None else None,
                           len(data))
        props.update({"width": item_width, gap_side: space})
        if item_height is not None:
            props["height"] = item_height
        item = data[index]
        content = Cell(item=item, render=render,
                        key=key_of(item) if key_of is not None else None)
        kids.append(host_element(VIEW, (content,), props, ("slot", index % pool)))
    kids.append(spacer((count - stop) * stride, "trail"))
    container: dict[str, object] = {
        "role": "list",
        "direction": "row",
        "overflow": "scroll",
        "width": "100%",
        "shrink": 0.0,  # a scroll container may shrink to 0 in a crowded column: keep the row
        "align": "start",
        "on_layout": laid_out,
        "on_scroll": scrolled,
    }
    container.update(style)
    return host_element(VIEW, tuple(kids), container, None)


def spacer(length: float, key: str, *, vertical: bool = False) -> Element:
    """A spacer standing in for `length` units of cells outside the window."""
    size = {"height": length, "width": 1} if vertical else {"width": length, "height": 1}
    return host_element(VIEW, (), {**size, "shrink": 0.0}, key)


def Rail(items: Items[T], render: Callable[[T], object], *, item_width: float,
         key: Callable[[T], Hashable] | None = None, item_height: float | None = None,
         gap: float | None = None, overscan: int = 2, viewport: float | None = None,
         initial_index: int = 0, on_press: Callable[[T], object] | None = None,
         on_focus_item: Callable[[T], object] | None = None,
         element_key: Hashable | None = None, **style: object) -> Element:
    """A horizontal row of focusable items that scrolls to keep the focused one visible.

    Virtualized: only the items the viewport shows plus `overscan` on each
    side exist as nodes, and they are recycled as focus moves, so a rail of
    5,000 titles costs what a rail of 20 does. Items are `item_width` wide
    (plus `gap`, default `theme.spacing.md`); `render(item)` builds a cell's
    content. The viewport width is measured from layout (`viewport` is the
    first guess, default the safe-area width).

    `key(item)`, when given, keys the content: a recycled cell whose item
    changed mounts fresh content (use it when `render` returns stateful
    components). Without it the content is updated in place (cheapest).
    Focus stays at its index when `items` changes. `on_press(item)` and
    `on_focus_item(item)` report selection and focus. Style props apply to
    the scroll container (role `list`; `label=`, `test_id=`, `height=`, ...);
    `dir="rtl"` runs the rail right to left, first item at the right (say it on
    the rail: the gap after each cell goes on its left).

    Example:
        ```python
        Rail(movies, render=lambda m: Image(m.poster, width=240, height=360),
             item_width=240, item_height=360, on_press=play, label="Trending",
             test_id="trending")
        ```
    """
    if not callable(render):
        raise TypeError(f"Rail(render=...) must be a function item -> element, got {render!r}")
    if key is not None and not callable(key):
        raise TypeError(f"Rail(key=...) must be a function item -> key, got {key!r}")
    if isinstance(overscan, bool) or not isinstance(overscan, int) or overscan < 1:
        raise ValueError(f"Rail(overscan=...) must be an int >= 1, got {overscan!r}")
    check_items("Rail", items)
    width = check_size("Rail(item_width=...)", item_width)
    height = None if item_height is None else check_size("Rail(item_height=...)", item_height)
    return _Rail(items=items, render=render, key_of=key, item_width=width, item_height=height,
                 gap=gap, overscan=overscan, viewport=viewport, initial_index=initial_index,
                 on_press=on_press, on_focus_item=on_focus_item, style=style, key=element_key)
