"""`Grid`: a vertical, virtualized grid of focusable items, windowed by rows.

Structure (one scroll container, `overflow="scroll"`, `direction="column"`)::

    [lead spacer]
    [row first: cell cell cell ...]
    ...
    [row stop-1]
    [trail spacer]

Rows are the unit of the window (see `_virtual.py`): only the rows the
viewport shows plus `overscan` rows above and below exist, rows are recycled
(keyed by `row % pool`) as focus moves, and the spacers keep every row at
`row * stride`. The engine moves focus between cells in all four directions
and scrolls the container; the grid slides its window to the offset the
engine reports (`on_scroll`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sdk import VIEW, Element, component, host_element, use_memo, use_signal

from ._rail import Cell, Items, cell_props, check_items, check_size, items_of, spacer
from ._theme import use_theme
from ._virtual import pool_size, window

__all__ = ["Grid"]

T = TypeVar("T")


class _Scroll:
    __slots__ = ("offset", "viewport")

    def __init__(self, viewport: float) -> None:
        self.offset = 0.0
        self.viewport = viewport


@component
def _Grid(items: Items[T], columns: int, render: Callable[[T], object],
          key_of: Callable[[T], Hashable] | None, item_width: float, item_height: float,
          gap: float | None, overscan: int, viewport: float | None,
          on_press: Callable[[T], object] | None, on_focus_item: Callable[[T], object] | None,
          style: dict[str, object]) -> Element:
    theme = use_theme()
    version = use_signal(0)
    view_height = viewport if viewport is not None else 1080 - 2 * theme.safe_area.y
    state = use_memo(lambda: _Scroll(view_height))
    version()  # re-render when a handler moved the window
    data = items_of(items)
    space = theme.spacing.md if gap is None else gap
    stride = item_height + space

    def focused(index: int) -> None:
        current = items_of(items)
        if on_focus_item is not None and index < len(current):
            on_focus_item(current[index])

    def pressed(index: int) -> None:
        current = items_of(items)
        if on_press is not None and index < len(current):
            on_press(current[index])

    def scrolled(offset: tuple[float, float]) -> None:
        if offset[1] != state.offset:
            state.offset = offset[1]
            version.update(lambda n: n + 1)

    def laid_out(box: tuple[float, float, float, float]) -> None:
        if box[3] > 0 and box[3] != state.viewport:
            state.viewport = box[3]
            version.update(lambda n: n + 1)

    count = len(data)
    rows = -(-count // columns)
    first, stop = window(rows, stride, state.viewport, state.offset, overscan)
    pool = pool_size(stride, state.viewport, overscan)
    kids: list[Element] = []
    kids.append(spacer(first * stride, "lead", vertical=True))
    for row in range(first, stop):
        cells: list[Element] = []
        for index in range(row * columns, min(count, (row + 1) * columns)):
            props = cell_props(theme, index, focused, pressed if on_press is not None else None,
                               count)
            props.update(width=item_width, height=item_height)
            item = data[index]
            content = Cell(item=item, render=render,
                           key=key_of(item) if key_of is not None else None)
            cells.append(host_element(VIEW, (content,), props, index % columns))
        row_props: dict[str, object] = {"direction": "row", "column_gap": space,
                                     "margin_bottom": space, "shrink": 0.0}
        kids.append(host_element(VIEW, tuple(cells), row_props, ("row", row % pool)))
    kids.append(spacer((rows - stop) * stride, "trail", vertical=True))
    container: dict[str, object] = {
        "role": "list",
        "direction": "column",
        "overflow": "scroll",
        "grow": 1.0,
        "basis": 0,  # take the free space, not the (virtual) content's height
        "on_layout": laid_out,
        "on_scroll": scrolled,
    }
    container.update(style)
    return host_element(VIEW, tuple(kids), container, None)


def Grid(items: Items[T], columns: int, render: Callable[[T], object], *, item_width: float,
         item_height: float, key: Callable[[T], Hashable] | None = None,
         gap: float | None = None, overscan: int = 1, viewport: float | None = None,
         on_press: Callable[[T], object] | None = None,
         on_focus_item: Callable[[T], object] | None = None,
         element_key: Hashable | None = None, **style: object) -> Element:
    """A grid of focusable items in `columns` columns that scrolls to keep focus visible.

    Virtualized by rows: only the rows the viewport shows plus `overscan`
    rows above and below exist as nodes, recycled as focus moves (5,000 items
    cost what 20 rows do). Cells are `item_width` x `item_height` with `gap`
    between them (default `theme.spacing.md`); `render(item)` builds a cell's
    content. The viewport height is measured from layout (`viewport` is the
    first guess, default the safe-area height); the grid grows to fill its
    parent unless given a `height=`. `key`, `on_press` and `on_focus_item`
    work as for `Rail`. Style props apply to the scroll container (role `list`).

    Example:
        ```python
        Grid(catalogue, columns=6, render=lambda m: Text(m.title), item_width=260,
             item_height=390, on_press=open_details, label="All movies", test_id="all")
        ```
    """
    if not callable(render):
        raise TypeError(f"Grid(render=...) must be a function item -> element, got {render!r}")
    if key is not None and not callable(key):
        raise TypeError(f"Grid(key=...) must be a function item -> key, got {key!r}")
    if isinstance(columns, bool) or not isinstance(columns, int) or columns < 1:
        raise ValueError(f"Grid(columns=...) must be an int >= 1, got {columns!r}")
    if isinstance(overscan, bool) or not isinstance(overscan, int) or overscan < 1:
        raise ValueError(f"Grid(overscan=...) must be an int >= 1, got {overscan!r}")
    check_items("Grid", items)
    width = check_size("Grid(item_width=...)", item_width)
    height = check_size("Grid(item_height=...)", item_height)
    return _Grid(items=items, columns=columns, render=render, key_of=key, item_width=width,
                 item_height=height, gap=gap, overscan=overscan, viewport=viewport,
                 on_press=on_press, on_focus_item=on_focus_item, style=style, key=element_key)
