"""`Keyboard`: an on-screen keyboard for the D-pad, driven by a layout table.

A layout (`KeyboardLayout`) is data: rows of keys, a text direction and the
name of the layout a "?123"-style switch key goes to. A key is a string to
type (one grapheme, or a run like ".com") or an action: `SPACE`, `DELETE`,
`CLEAR`, `SHIFT` or `SWITCH` (to the layout's `switch_to`). Adding a script
is adding a table entry: an Arabic layout will be rows of Arabic letters with
`direction="rtl"` (rows are then laid out right to left, so the first key of
a row is at the right edge) once text shaping lands; nothing in the widget is
specific to Latin or Cyrillic letters.

Every key is a focusable view (role `button`, its label the key's spoken
name: the letter, `SPOKEN_NAMES` for punctuation a speech engine would skip,
`KeyboardLayout.spoken` for the switch key rather than its "?123" cap); the
engine moves focus between them spatially, so rows of different lengths
need no code. Each row stops left and right at its ends (`stop_at_edges`):
Right on the last key stays there instead of jumping to the nearest key of
another row; up and down leave the keyboard as usual. Select on a key types
it into `target` (a `TextEdit`, or a `Signal[str]` appended to) and/or calls
`on_key(text)`. `extra="email"` or `"url"` adds a row of keys for
addresses (`@`, `.com`, `/`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeAlias

import attrs

from sdk import VIEW, Element, component, host_element, use_signal
from signals import Signal, untrack

from ._basic import Text
from ._button import focus_styles
from ._model import check_callable, check_choice, check_style, named
from ._textfield import TextEdit
from ._theme import Theme, use_theme

__all__ = [
    "CLEAR",
    "DELETE",
    "LAYOUTS",
    "SHIFT",
    "SPACE",
    "SPOKEN_NAMES",
    "SWITCH",
    "Keyboard",
    "KeyboardLayout",
]

KEYBOARD = named(VIEW, "Keyboard")

SPACE = "SPACE"
"""The space bar."""
DELETE = "DELETE"
"""Deletes the grapheme before the caret."""
CLEAR = "CLEAR"
"""Empties the text."""
SHIFT = "SHIFT"
"""Toggles upper case for the next letters (until pressed again)."""
SWITCH = "SWITCH"
"""Goes to the layout's `switch_to` layout (letters <-> numbers)."""

ACTIONS = {SPACE: "Space", DELETE: "Delete", CLEAR: "Clear", SHIFT: "Shift", SWITCH: "?123"}
"""Action keys and the text on their caps (`SWITCH` shows its target's `switch_label`)."""

SPOKEN_NAMES: dict[str, str] = {
    "'": "apostrophe", "-": "dash", ".": "dot", ",": "comma", '"': "quote", "_": "underscore",
    ":": "colon", ";": "semicolon", "!": "exclamation mark", "?": "question mark",
    "/": "slash", "(": "left parenthesis", ")": "right parenthesis", "#": "number sign",
    "*": "star", "&": "and sign", "%": "percent", "$": "dollar", "+": "plus",
}
"""Labels of keys whose cap a speech engine reads as nothing (espeak-ng says "" for
"'"), so the announcer says "apostrophe, button"; other keys are labelled by their cap."""

_WIDE = {SPACE: 4.0, DELETE: 2.0, CLEAR: 2.0, SHIFT: 2.0, SWITCH: 2.0}
"""Widths of action keys in key units (a letter is 1)."""

Row: TypeAlias = tuple[str, ...]


@attrs.frozen
class KeyboardLayout:
    """A keyboard layout: rows of keys and how to lay them out.

    Example:
        ```python
        GREEK = KeyboardLayout("greek", rows=(tuple("αβγδεζηθι"), tuple("κλμνξοπρσ"),
                                                 tuple("τυφχψω")), switch_to="numeric")
        ```
    """

    name: str
    rows: tuple[Row, ...]
    """Rows of keys: text to type, or an action (`SPACE`, `DELETE`, ...)."""
    direction: str = "ltr"
    """`"ltr"` or `"rtl"` (rows run right to left: the first key is at the right)."""
    switch_to: str | None = None
    """The layout the `SWITCH` key goes to; None: back to the keyboard's first layout
    (a keyboard showing its first layout with nowhere to go has no `SWITCH` key)."""
    switch_label: str = "?123"
    """The cap of the `SWITCH` key that leads *to* this layout."""
    spoken: str = "Symbols"
    """The label (spoken name) of the `SWITCH` key that leads to this layout."""
    shift: bool = True
    """Whether letters have an upper case (a `SHIFT` key is added)."""
    indents: tuple[float, ...] = ()
    """How far each row starts in from the edge, in key widths (QWERTY's staggered rows)."""


def _letters(*rows: str) -> tuple[Row, ...]:
    return tuple(tuple(row) for row in rows)


LAYOUTS: dict[str, KeyboardLayout] = {
    layout.name: layout for layout in (
        KeyboardLayout("alphabetical", _letters("abcdefg", "hijklmn", "opqrstu", "vwxyz'-"),
                       switch_to="symbols", switch_label="abc", spoken="Letters"),
        KeyboardLayout("qwerty", _letters("qwertyuiop", "asdfghjkl", "zxcvbnm"),
                       switch_to="symbols", switch_label="qwe", spoken="Letters",
                       indents=(0, 0.5, 1.5)),
        KeyboardLayout("numeric", _letters("123", "456", "789", "0"), shift=False,
                       switch_label="123", spoken="Numbers"),
        KeyboardLayout("symbols", _letters("1234567890", "@#$%&*-+()", "!?.,:;/'\""),
                       shift=False, switch_label="?123"),
        KeyboardLayout("cyrillic", _letters("йцукенгшщзх", "фывапролджэ", "ячсмитьбюъё"),
                       switch_to="symbols", switch_label="абв", spoken="Cyrillic letters"),
    )
}
"""The built-in layouts by name. Add one with `LAYOUTS["name"] = KeyboardLayout(...)`."""

EXTRAS: dict[str, Row] = {
    "email": ("@", ".", "_", "-", ".com", ".net"),
    "url": ("/", ".", ":", "-", "www.", ".com"),
}
"""Extra key rows for `extra=`."""


def _key_props(theme: Theme, width: float, height: float) -> dict[str, object]:
    return {
        "role": "button", "focusable": True, "width": width, "height": height,
        "shrink": 0.0, "justify": "center", "align": "center",
        "background": theme.colors.surface_raised, "radius": theme.radii.small,
        "border": theme.focus.width, "border_color": "#00000000",
        **focus_styles(theme, scale=False),
    }


@component
def _Keyboard(layout: str, extra: str | None, target: TextEdit | Signal[str] | None,
              on_key: Callable[[str], object] | None, key_size: float,
              style: dict[str, object]) -> Element:
    theme = use_theme()
    current = use_signal(layout)
    upper = use_signal(False)
    active = LAYOUTS[current()]
    shifted = upper() and active.shift

    def type_text(text: str) -> None:
        if isinstance(target, TextEdit):
            target.insert(text)
        elif target is not None:
            target.set(untrack(target) + text)
        if on_key is not None:
            on_key(text)

    def act(name: str) -> None:
        if name == SPACE:
            type_text(" ")
        elif name == DELETE:
            if isinstance(target, TextEdit):
                target.delete()
            elif target is not None:
                target.set(untrack(target)[:-1])
        elif name == CLEAR:
            if isinstance(target, TextEdit):
                target.clear()
            elif target is not None:
                target.set("")
        elif name == SHIFT:
            upper.set(not untrack(upper))
        elif name == SWITCH:
            current.set(LAYOUTS[untrack(current)].switch_to or layout)
        if on_key is not None and name != SPACE:
            on_key(name)

    gap = theme.spacing.xs
    rows: list[Row] = [*active.rows]
    if extra is not None:
        rows.append(EXTRAS[extra])
    goes_to = active.switch_to or layout
    actions: list[str] = [SHIFT] if active.shift else []
    actions += [SWITCH] if goes_to != current() else []
    actions += [SPACE, DELETE, CLEAR]
    rows.append(tuple(actions))
    row_elements = []
    for r, row in enumerate(rows):
        caps = []
        for c, name in enumerate(row):
            units = _WIDE.get(name, 1.0 if len(name) == 1 else 1.5)
            width = key_size * units + gap * (units - 1)
            props = _key_props(theme, width, key_size)
            if name in ACTIONS:
                cap = LAYOUTS[goes_to].switch_label if name == SWITCH else ACTIONS[name]
                spoken = LAYOUTS[goes_to].spoken if name == SWITCH else cap
                props.update(label=spoken, on_press=lambda n=name: act(n))
                if name == SHIFT and shifted:
                    props["states"] = {"checked"}
                text = Text(cap, size=theme.type.caption, font=theme.font_medium, max_lines=1,
                            wrap=False)
            else:
                shown = name.upper() if shifted else name
                props.update(label=SPOKEN_NAMES.get(shown, shown),
                             on_press=lambda s=shown: type_text(s))
                text = Text(shown, font=theme.font_medium, max_lines=1, wrap=False)
            caps.append(host_element(VIEW, (text,), props, (r, c)))
        rtl = active.direction == "rtl"
        indent = active.indents[r] if r < len(active.indents) else 0.0
        # A row's ends stop: Right on its last key must not jump to a far key of a
        # longer row above or below (the spatial search's nearest node that way).
        row_elements.append(host_element(VIEW, tuple(caps), {
            "direction": "row-reverse" if rtl else "row", "gap": gap, "justify": "start",
            "stop_at_edges": ("left", "right"),
            "margin_right" if rtl else "margin_left": indent * (key_size + gap),
        }, (current(), r)))
    # The rows are a physical layout: the layout's own direction orders them (row-reverse
    # for an rtl layout above), never the app's `dir`, so a QWERTY keyboard stays QWERTY
    # in an Arabic app.
    root: dict[str, object] = {"role": "group", "label": f"Keyboard ({active.name})",
                                "direction": "column", "gap": gap, "dir": "ltr",
                                "align": "end" if active.direction == "rtl" else "start"}
    root.update(style)
    return host_element(KEYBOARD, tuple(row_elements), root, None)


def Keyboard(*, layout: str = "alphabetical", extra: str | None = None,
             target: TextEdit | Signal[str] | None = None,
             on_key: Callable[[str], object] | None = None, key_size: float = 72,
             key: Hashable | None = None, **style: object) -> Element:
    """An on-screen keyboard (role `group`) whose keys type into `target`.

    `layout` is a name in `LAYOUTS`: `"alphabetical"`, `"qwerty"`, `"numeric"`,
    `"symbols"`, `"cyrillic"`. `extra="email"` or `"url"` adds a row of address
    keys. The last row holds the actions: shift, the `?123` switch, space,
    delete and clear. `target` is a `TextEdit` (shared with a `TextField`,
    typing at its caret) or a `Signal[str]` (typing at the end); `on_key(text)`
    gets each typed text or action name.

    Example:
        ```python
        Keyboard(layout="qwerty", extra="email", target=edit, label="Email keyboard")
        Keyboard(layout="numeric", target=pin)
        ```
    """
    check_choice("Keyboard", "layout", layout, LAYOUTS)
    if extra is not None:
        check_choice("Keyboard", "extra", extra, EXTRAS)
    if target is not None and not isinstance(target, TextEdit | Signal):
        raise TypeError(f"Keyboard(target=...) must be a TextEdit or a Signal[str], "
                        f"got {target!r}")
    check_callable("Keyboard", "on_key", on_key)
    if isinstance(key_size, bool) or not isinstance(key_size, int | float) or key_size < 40:
        raise ValueError(f"Keyboard(key_size=...) must be a number >= 40, got {key_size!r}")
    check_style(KEYBOARD, style)
    return _Keyboard(layout=layout, extra=extra, target=target, on_key=on_key,
                     key_size=float(key_size), style=style, key=key)


def _check_layouts(layouts: Sequence[KeyboardLayout]) -> None:
    """Every `switch_to` names a layout (checked once at import)."""
    for item in layouts:
        if item.switch_to is not None and item.switch_to not in LAYOUTS:
            raise ValueError(f"layout {item.name!r} switches to unknown {item.switch_to!r}")


_check_layouts(tuple(LAYOUTS.values()))
