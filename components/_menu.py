"""`Menu` (a vertical list with a selected item) and `Tabs` (a row of tabs).

Both are lists of focusable rows that the engine navigates (up/down in a
menu, left/right in tabs); Python only keeps which one is selected. The
container is a focus scope whose selected row is `focus_preferred`, so
coming back into the menu or the tab bar lands on the selected entry.

* `Menu`: select on a row selects it (`on_change(index)`); the selected row
  has state `selected` and an accent bar on its leading edge. Items are
  strings or `MenuItem`s (with an icon, or disabled).
* `Tabs`: focusing a tab selects it (the TV convention: the page below
  follows focus), select too. The selected tab has state `selected` and an
  underline; `render(index)` builds the panel under the bar (role `tabpanel`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import attrs

from sdk import VIEW, Element, component, host_element
from signals import Reactive

from ._basic import Text
from ._button import Icon, focus_styles, icon_element
from ._model import check_callable, check_style, named, peek, use_value
from ._theme import use_theme

__all__ = ["Menu", "MenuItem", "Tabs"]

MENU = named(VIEW, "Menu")
TABS = named(VIEW, "Tabs")


@attrs.frozen
class MenuItem:
    """One entry of a `Menu`.

    Example:
        ```python
        MenuItem("Search", icon="assets/search.png")
        ```
    """

    label: str
    """The text shown and read out."""
    icon: Icon | None = None
    """An image source or an element shown before the label."""
    disabled: bool = False
    """Skipped by focus, never selected."""


def _items(widget: str, items: object) -> tuple[MenuItem, ...]:
    if isinstance(items, str) or not isinstance(items, Sequence) or not items:
        raise ValueError(f"{widget}(items) must be a non-empty list of labels, got {items!r}")
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(MenuItem(item))
        elif isinstance(item, MenuItem):
            out.append(item)
        else:
            raise TypeError(f"{widget}(items) takes strings or MenuItem, got {item!r}")
    return tuple(out)


def _check_index(widget: str, value: object, count: int) -> None:
    index = 0 if value is None else peek(value)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise ValueError(f"{widget}(selected={index!r}) must be an index 0..{count - 1}")


@component
def _Menu(items: tuple[MenuItem, ...], selected: int | Reactive[int] | None,
          on_change: Callable[[int], object] | None, item_width: float | None,
          style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(selected, on_change, 0)
    current = model.get()
    rows = []
    for i, item in enumerate(items):
        on = i == current
        bar = host_element(VIEW, (), {"width": 6, "height": 40, "radius": 3, "shrink": 0.0,
                                      "background": theme.colors.text if on else "#00000000"},
                           "bar")
        # The selected label is bright, the others muted; a focused row's label turns
        # bright too (focus-within), as muted text would be faint on the accent fill.
        label = Text(item.label, font=theme.font_medium if on else theme.font, max_lines=1,
                     wrap=False, color=theme.colors.text if on else theme.colors.text_muted,
                     focus_within_style={"color": theme.colors.text})
        icon = icon_element("Menu", item.icon, 40, theme.colors.text)
        props: dict[str, object] = {
            "role": "menuitem", "label": item.label, "states": {"selected": on},
            "focusable": True, "disabled": item.disabled, "focus_preferred": on,
            "on_press": lambda i=i: model.set(i) if i != peek(model.get) else None,
            "direction": "row", "align": "center", "gap": theme.spacing.md,
            "padding": (theme.spacing.sm, theme.spacing.md), "radius": theme.radii.medium,
            "background": theme.colors.surface_raised if on else "#00000000",
            "border": theme.focus.width, "border_color": "#00000000",
            **focus_styles(theme, scale=False),
        }
        if item_width is not None:
            props["width"] = item_width
        rows.append(host_element(VIEW, (bar, icon, label), props, i))
    props = {"role": "menu", "direction": "column", "gap": theme.spacing.xs,
             "focus_scope": True, "align": "stretch"}
    props.update(style)
    return host_element(MENU, tuple(rows), props, None)


def Menu(items: Sequence[str | MenuItem], /, *, selected: int | Reactive[int] | None = None,
         on_change: Callable[[int], object] | None = None, item_width: float | None = None,
         key: Hashable | None = None, **style: object) -> Element:
    """A vertical menu (role `menu`) of focusable items; select selects one.

    `selected` is the index of the selected item: a `Signal[int]` (two-way), an
    int with `on_change(index)` (controlled), or an int alone or nothing (0):
    the menu keeps its own state. Items are labels or `MenuItem(label, icon=..., disabled=...)`.

    Example:
        ```python
        page = use_signal(0)
        Menu(["Home", MenuItem("Search", icon="assets/search.png"), "Settings"],
             selected=page, item_width=420, label="Main menu")
        ```
    """
    entries = _items("Menu", items)
    _check_index("Menu", selected, len(entries))
    check_callable("Menu", "on_change", on_change)
    check_style(MENU, style)
    return _Menu(items=entries, selected=selected, on_change=on_change, item_width=item_width,
                 style=style, key=key)


@component
def _Tabs(labels: tuple[str, ...], selected: int | Reactive[int] | None,
          on_change: Callable[[int], object] | None,
          render: Callable[[int], Element] | None, style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(selected, on_change, 0)
    current = model.get()

    def choose(index: int) -> None:
        if index != peek(model.get):
            model.set(index)

    tabs = []
    for i, text in enumerate(labels):
        on = i == current
        underline = host_element(VIEW, (), {
            "height": 5, "width": "100%", "radius": 3,
            "background": theme.colors.text if on else "#00000000"}, "underline")
        tabs.append(host_element(VIEW, (
            Text(text, font=theme.font_medium, max_lines=1, wrap=False,
                 color=theme.colors.text if on else theme.colors.text_muted),
            underline,
        ), {
            "role": "tab", "label": text, "states": {"selected": on}, "focusable": True,
            "focus_preferred": on, "on_focus": lambda i=i: choose(i),
            "on_press": lambda i=i: choose(i),
            "direction": "column", "align": "center", "gap": theme.spacing.xs,
            "padding": (theme.spacing.sm, theme.spacing.md, theme.spacing.xs, theme.spacing.md),
            "radius": theme.radii.medium, "border": theme.focus.width,
            "border_color": "#00000000", **focus_styles(theme, scale=False),
        }, i))
    bar = host_element(VIEW, tuple(tabs), {"role": "tablist", "direction": "row",
                                           "gap": theme.spacing.sm, "focus_scope": True},
                       "tablist")
    props: dict[str, object] = {"role": "view", "direction": "column", "gap": theme.spacing.md}
    props.update(style)
    panel = None
    if render is not None:
        panel = host_element(VIEW, (render(current),), {"role": "tabpanel",
                                                        "label": labels[current],
                                                        "direction": "column"}, current)
    return host_element(TABS, (bar, panel), props, None)


def Tabs(labels: Sequence[str], /, *, selected: int | Reactive[int] | None = None,
         on_change: Callable[[int], object] | None = None,
         render: Callable[[int], Element] | None = None, key: Hashable | None = None,
         **style: object) -> Element:
    """A tab bar (role `tablist`, each tab role `tab`); focusing a tab selects it.

    `selected` works as in `Menu`. `render(index)` builds the selected tab's
    panel below the bar (role `tabpanel`).

    Example:
        ```python
        Tabs(["Movies", "Series", "Kids"], selected=section,
             render=lambda i: Rail(rows[i], render=Poster, item_width=240))
        ```
    """
    names = tuple(item.label for item in _items("Tabs", labels))
    _check_index("Tabs", selected, len(names))
    check_callable("Tabs", "on_change", on_change)
    check_callable("Tabs", "render", render)
    check_style(TABS, style)
    return _Tabs(labels=names, selected=selected, on_change=on_change, render=render,
                 style=style, key=key)
