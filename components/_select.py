"""`Select`: one choice among options, cycled with left/right or picked from a list.

Both modes are one focusable row (role `combobox`, `value_text` the choice):

* `mode="cycle"` (default): the row captures left and right; they step to the
  previous/next option (wrapping), select steps forward too. No popup.
* `mode="list"`: select opens a list (role `listbox`) just below the row, a
  focus trap holding one focusable row per option (role `option`, the chosen
  one `selected`). Focus goes to the chosen option when it opens; select
  picks the focused option and closes, back closes without change; either
  way focus returns to the row (state `expanded` while open). The row is
  lifted (`z_index`) while open, so the list paints over what follows.

Only `list` declares the `expanded` state: the announcer says a listed choice
is a "pop-up button, collapsed", a cycled one "adjustable" (it never opens).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from renderer import Key, KeyAction, KeyEvent
from sdk import VIEW, Element, Ref, component, host_element, use_effect, use_memo, use_signal
from signals import Reactive, untrack

from ._basic import Text
from ._button import focus_styles
from ._model import check_callable, check_choice, check_style, named, peek, use_value
from ._theme import Theme, use_theme

__all__ = ["Select"]

SELECT = named(VIEW, "Select")
_MODES = {"cycle": 0, "list": 1}

T = TypeVar("T")


def _arrow(text: str, theme: Theme, rotate: float = 0.0) -> Element:
    return Text(text, size=theme.type.title, color=theme.colors.text_muted, max_lines=1,
                wrap=False, shrink=0.0, rotate=rotate,
                focus_within_style={"color": theme.colors.text})


@component
def _Select(label: str, options: Sequence[T], value: T | Reactive[T] | None,
            on_change: Callable[[T], object] | None, fmt: Callable[[T], str], mode: str,
            disabled: bool, style: dict[str, object]) -> Element:
    theme = use_theme()
    model = use_value(value, on_change, options[0])
    is_open = use_signal(False)
    row = use_memo(Ref)
    chosen = model.get()
    if chosen not in options:
        raise ValueError(f"Select(value={chosen!r}) is not one of the options")
    expanded = is_open()

    def step(delta: int) -> None:
        current = list(options).index(untrack(model.get))
        model.set(options[(current + delta) % len(options)])

    def on_key(event: KeyEvent) -> bool:
        if mode != "cycle" or event.key not in (Key.LEFT, Key.RIGHT) or not event.captured_by:
            return False
        if event.action in (KeyAction.DOWN, KeyAction.REPEAT):
            step(1 if event.key == Key.RIGHT else -1)
        return True

    def press() -> None:
        if mode == "cycle":
            step(1)
        else:
            is_open.set(True)

    def close(pick: T | None) -> None:
        if pick is not None and pick != untrack(model.get):
            model.set(pick)
        is_open.set(False)
        row.focus()

    value_row: list[Element] = []
    if mode == "cycle":
        value_row.append(_arrow("‹", theme))
    value_row.append(Text(fmt(chosen), font=theme.font_medium, max_lines=1, wrap=False,
                          min_width=160, text_align="center", shrink=0.0))
    if mode == "cycle":
        value_row.append(_arrow("›", theme))
    else:  # a chevron pointing down: "›" turned (the bundled font has no "▾")
        value_row.append(_arrow("›", theme, rotate=90.0))
    props: dict[str, object] = {
        "role": "combobox", "label": label, "value_text": fmt(chosen),
        # Only a list opens: a cycled choice declares no `expanded` state, so it is
        # spoken as adjustable ("Language, adjustable, English"), not "collapsed".
        "states": {"expanded": expanded} if mode == "list" else {},
        "focusable": True, "disabled": disabled,
        "ref": row, "on_press": press, "on_key": on_key,
        "direction": "row", "align": "center", "justify": "space-between",
        "gap": theme.spacing.md, "padding": (theme.spacing.sm, theme.spacing.md),
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": "#00000000",
        "z_index": 900 if expanded else 0,
        **focus_styles(theme, scale=False),
    }
    if mode == "cycle":
        props["capture_keys"] = ("left", "right")
    props.update(style)
    kids: list[Element | None] = [
        Text(label, max_lines=1, wrap=False, shrink=1.0),
        host_element(VIEW, tuple(value_row), {"direction": "row", "align": "center",
                                              "gap": theme.spacing.sm, "shrink": 0.0}, None),
    ]
    if expanded:
        kids.append(_Listbox(label=label, options=options, chosen=chosen, fmt=fmt, close=close,
                             key="listbox"))
    return host_element(SELECT, tuple(kids), props, None)


@component
def _Listbox(label: str, options: Sequence[T], chosen: T, fmt: Callable[[T], str],
             close: Callable[[T | None], None]) -> Element:
    """The open list of a `Select`: focuses the chosen option once mounted."""
    theme = use_theme()
    chosen_ref = use_memo(Ref)

    def enter() -> None:
        chosen_ref.focus()

    use_effect(enter)
    rows = []
    for i, option in enumerate(options):
        picked = option == chosen
        props: dict[str, object] = {
            "role": "option", "label": fmt(option), "states": {"selected": picked},
            "focusable": True, "on_press": lambda o=option: close(o),
            "padding": (theme.spacing.sm, theme.spacing.md), "radius": theme.radii.small,
            "background": theme.colors.surface_raised if picked else "#00000000",
            "border": theme.focus.width, "border_color": "#00000000",
            **focus_styles(theme, scale=False),
        }
        if picked:
            props["ref"] = chosen_ref
        rows.append(host_element(VIEW, (Text(fmt(option), max_lines=1, wrap=False),), props, i))

    def on_key(event: KeyEvent) -> bool:
        if event.key == Key.BACK and event.action == KeyAction.DOWN:
            close(None)
            return True
        return False

    return host_element(VIEW, tuple(rows), {
        "role": "listbox", "label": label, "direction": "column", "position": "absolute",
        "top": "100%", "right": 0, "min_width": 320, "margin_top": theme.spacing.xs,
        "padding": theme.spacing.xs, "gap": theme.spacing.xs,
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": 2, "border_color": theme.colors.text_muted,
        "focus_trap": True, "on_key": on_key, "z_index": 1000,
    }, None)


def Select(label: str, /, options: Sequence[T], *, value: T | Reactive[T] | None = None,
           on_change: Callable[[T], object] | None = None,
           format: Callable[[T], str] = str, mode: str = "cycle", disabled: bool = False,
           key: Hashable | None = None, **style: object) -> Element:
    """A labelled choice among `options` (role `combobox`).

    `mode="cycle"`: left/right (and select) step through the options in
    place. `mode="list"`: select opens the options as a list below the row;
    select picks one, back closes. `value` is a signal (two-way), an option
    with `on_change` (controlled), an option alone or None (the first option;
    the select keeps its own state). `format(option)` is the text shown.

    Example:
        ```python
        quality = use_signal("Auto")
        Select("Quality", ["Auto", "1080p", "720p", "480p"], value=quality, width=960)
        Select("Language", LANGUAGES, value="English", mode="list",
               on_change=save_language, format=lambda l: l.title())
        ```

    Raises:
        ValueError: no options, an unknown `mode`, or a value that is not an option.
    """
    if not isinstance(label, str):
        raise TypeError(f"Select(label) must be a string, got {label!r}")
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise TypeError(f"Select(options=...) must be a list of options, got {options!r}")
    if not options:
        raise ValueError("Select(options=...) needs at least one option")
    check_choice("Select", "mode", mode, _MODES)
    check_callable("Select", "on_change", on_change)
    check_callable("Select", "format", format)
    start = peek(value) if value is not None else options[0]
    if start not in options:
        raise ValueError(f"Select(value={start!r}) is not one of the options "
                         f"{list(options)!r}")
    check_style(SELECT, style)
    return _Select(label=label, options=tuple(options), value=value, on_change=on_change,
                   fmt=format, mode=mode,
                   disabled=bool(disabled), style=style, key=key)
