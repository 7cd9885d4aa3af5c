"""`TextField` and its editing model `TextEdit`: a line of text with a caret.

`TextEdit` holds the text (a `Signal[str]`, usually the app's) and the caret,
counted in grapheme clusters (`_graphemes.py`), so the caret never lands
inside an accented letter, an emoji sequence or a flag. It inserts at the
caret (cutting what passes `max_length` clusters), deletes the cluster
before it, clears, and moves the caret. A `Keyboard` and a `TextField` given
the same `TextEdit` share the caret.

`TextField` shows it: one focusable row (role `textbox`) holding the text
before the caret, the caret (a thin bar, shown while the field has focus),
and the text after it, so the engine's own text layout places the caret.
Left and right move the caret while it can move that way (`capture_keys`
follows the caret: at the start, left leaves the field like any arrow). The
remote's digit keys type at the caret (a PIN needs no on-screen keyboard).
A field given a plain string keeps its own signal; with `on_change` it is
controlled: each edit reports the new text, and the field shows the text the
app renders it with next (after an edit the app ignored, its old text). An
empty field shows its placeholder; `secure=True` shows one dot per cluster
(for PINs and passwords) and the node gets state `secret` and a masked
`value_text`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from renderer import Key, KeyAction, KeyEvent
from sdk import VIEW, Element, component, host_element, use_effect, use_memo, use_signal
from signals import Signal, batch, untrack

from ._basic import Text
from ._button import focus_styles
from ._graphemes import boundaries
from ._model import check_callable, check_style, named
from ._theme import use_theme

__all__ = ["TextEdit", "TextField"]

TEXT_FIELD = named(VIEW, "TextField")
_DOT = "•"
_NBSP = "\u00a0"


class TextEdit:
    """Editing state of one line of text: the value and a caret in grapheme clusters.

    Example:
        ```python
        query = use_signal("")
        edit = use_memo(lambda: TextEdit(query, max_length=40))
        Column(TextField(edit, placeholder="Search"), Keyboard(target=edit))
        ```
    """

    def __init__(self, value: Signal[str] | None = None, *, max_length: int | None = None,
                 on_change: Callable[[str], object] | None = None) -> None:
        if value is not None and not isinstance(value, Signal):
            raise TypeError(f"TextEdit(value) must be a Signal[str], got {value!r}")
        if max_length is not None and (isinstance(max_length, bool)
                                       or not isinstance(max_length, int) or max_length < 1):
            raise ValueError(f"TextEdit(max_length=...) must be an int >= 1, got {max_length!r}")
        self.value: Signal[str] = value if value is not None else Signal("")
        """The text."""
        self.max_length = max_length
        """The most grapheme clusters the text may hold (None: no limit)."""
        self.on_change = on_change
        """Called with the new text after each edit."""
        self.caret: Signal[int] = Signal(self.length())
        """The caret, in clusters from the start (0..length)."""
        self._last = untrack(self.value)
        # The text as this editor last saw it: when the value changed elsewhere (the
        # app, a keyboard typing into the plain signal) the caret goes to the end.

    def length(self) -> int:
        """The text's length in grapheme clusters (untracked)."""
        return len(boundaries(untrack(self.value))) - 1 if untrack(self.value) else 0

    def _at(self) -> int:
        if untrack(self.value) != self._last:
            self._last = untrack(self.value)
            self.caret.set(self.length())
        return min(untrack(self.caret), self.length())

    def _set(self, text: str, caret: int) -> None:
        self._last = text
        with batch():
            self.value.set(text)
            self.caret.set(caret)
        if self.on_change is not None:
            self.on_change(text)

    def insert(self, text: str) -> None:
        """Insert `text` at the caret; clusters past `max_length` are dropped."""
        old = untrack(self.value)
        cuts = boundaries(old) if old else [0]
        at = self._at()
        added = boundaries(text) if text else [0]
        count = len(added) - 1
        if self.max_length is not None:
            count = max(0, min(count, self.max_length - self.length()))
        if count == 0:
            return
        piece = text[:added[count]]
        offset = cuts[at]
        self._set(old[:offset] + piece + old[offset:], at + count)

    def delete(self) -> None:
        """Delete the cluster before the caret (the keyboard's delete key)."""
        old = untrack(self.value)
        at = self._at()
        if at == 0:
            return
        cuts = boundaries(old)
        self._set(old[:cuts[at - 1]] + old[cuts[at]:], at - 1)

    def clear(self) -> None:
        """Empty the text."""
        self._at()
        if untrack(self.value):
            self._set("", 0)

    def move(self, delta: int) -> bool:
        """Move the caret by `delta` clusters (clamped); whether it moved."""
        at = self._at()
        to = max(0, min(self.length(), at + delta))
        if to != at:
            self.caret.set(to)
        return to != at

    def split(self) -> tuple[str, str]:
        """The text before and after the caret (tracked reads)."""
        text = self.value()
        cuts = boundaries(text) if text else [0]
        caret = self.caret()
        at = len(cuts) - 1 if text != self._last else min(caret, len(cuts) - 1)
        return text[:cuts[at]], text[cuts[at]:]


@component
def _TextField(edit: TextEdit, placeholder: str, secure: bool, label: str, disabled: bool,
               on_submit: Callable[[str], object] | None, style: dict[str, object]) -> Element:
    theme = use_theme()
    has_focus = use_signal(False)
    before, after = edit.split()
    at, length = len(boundaries(before)) - 1 if before else 0, edit.length()
    if secure:
        before, after = _DOT * at, _DOT * (length - at)
    # The engine's line layout drops a space at the start or end of a line (it is a
    # break opportunity); shown as no-break spaces they keep their width by the caret.
    before, after = before.replace(" ", _NBSP), after.replace(" ", _NBSP)
    focused = has_focus()
    empty = not before and not after

    def on_key(event: KeyEvent) -> bool:
        if Key.DIGIT_0 <= event.key <= Key.DIGIT_9 and not disabled:
            # The remote's digit keys type at the caret (PINs, years, channel numbers).
            if event.action in (KeyAction.DOWN, KeyAction.REPEAT):
                edit.insert(str(event.key - Key.DIGIT_0))
            return True
        if event.key not in (Key.LEFT, Key.RIGHT) or not event.captured_by:
            return False  # not ours: the engine navigated (or nothing had focus)
        if event.action in (KeyAction.DOWN, KeyAction.REPEAT):
            edit.move(1 if event.key == Key.RIGHT else -1)
        return True

    captured = [name for name, can in (("left", at > 0), ("right", at < length)) if can]
    caret = host_element(VIEW, (), {
        "width": 3, "height": theme.type.body * 1.2, "shrink": 0.0, "margin_x": 1,
        "background": theme.colors.text if focused else "#00000000"}, "caret")
    text_style: dict[str, object] = {"max_lines": 1, "wrap": False, "shrink": 0.0}
    kids: list[Element] = []
    if empty:
        kids += [caret, Text(placeholder, color=theme.colors.text_muted, key="placeholder",
                             **text_style)]
    else:
        kids += [Text(before, key="before", **text_style), caret,
                 Text(after, key="after", **text_style)]
    value_text = _DOT * length if secure else untrack(edit.value)
    props: dict[str, object] = {
        "role": "textbox", "label": label, "value_text": value_text,
        "states": {"secret": secure}, "focusable": True, "disabled": disabled,
        "capture_keys": captured, "on_key": on_key,
        "on_focus": lambda: has_focus.set(True), "on_blur": lambda: has_focus.set(False),
        "direction": "row", "align": "center", "overflow": "clip",
        "padding": (theme.spacing.sm, theme.spacing.md), "min_height": 80,
        "background": theme.colors.surface, "radius": theme.radii.medium,
        "border": theme.focus.width, "border_color": theme.colors.surface_raised,
        **focus_styles(theme, scale=False),
    }
    if on_submit is not None:
        props["on_press"] = lambda: on_submit(untrack(edit.value))
    props.update(style)
    return host_element(TEXT_FIELD, tuple(kids), props, None)


def TextField(value: Signal[str] | TextEdit | str, /, *, placeholder: str = "",
              max_length: int | None = None, secure: bool = False, label: str | None = None,
              disabled: bool = False, on_change: Callable[[str], object] | None = None,
              on_submit: Callable[[str], object] | None = None,
              key: Hashable | None = None, **style: object) -> Element:
    """A one-line text field (role `textbox`) with a caret, edited by a `Keyboard`.

    `value` is the app's `Signal[str]` (two-way), a `TextEdit` shared with a
    `Keyboard`, or a string: with `on_change` the field is controlled (each
    edit calls `on_change(new)`, and the field shows what the app renders it
    with next: the new text, or its own version of it, filtered or cleared),
    alone it keeps its own text from there. Left and right move the caret by
    grapheme cluster. `placeholder` shows while it is empty; `max_length`
    (clusters) holds the text to that length whoever writes it (a `TextEdit`
    has its own); `secure=True` shows dots (PINs, passwords). Select calls
    `on_submit(text)`. `on_change(text)` reports every edit in each form
    (with a `TextEdit`, give `on_change` to the `TextEdit`).

    Example:
        ```python
        query = use_signal("")
        edit = use_memo(lambda: TextEdit(query, max_length=40))
        TextField(edit, placeholder="Titles, people, genres", width=960)
        TextField(pin, secure=True, max_length=4, label="PIN")
        TextField(settings.name, on_change=save_name, label="Device name")
        ```
    """
    if isinstance(value, TextEdit):
        if max_length is not None:
            raise ValueError("TextField(max_length=...) with a TextEdit: give it to the "
                             "TextEdit instead")
        if on_change is not None:
            raise ValueError("TextField(on_change=...) with a TextEdit: give it to the "
                             "TextEdit instead")
        edit: TextEdit | None = value
    elif isinstance(value, Signal | str):
        edit = None
    else:
        raise TypeError(f"TextField(value) must be a Signal[str], a TextEdit or a string, "
                        f"got {value!r}")
    if not isinstance(placeholder, str):
        raise TypeError(f"TextField(placeholder=...) must be a string, got {placeholder!r}")
    check_callable("TextField", "on_change", on_change)
    check_callable("TextField", "on_submit", on_submit)
    check_style(TEXT_FIELD, style)
    if edit is None:
        TextEdit(None, max_length=max_length)  # checks max_length at the call site
    return _OwnEdit(value=value, max_length=max_length, placeholder=placeholder,
                    secure=bool(secure), label=label if label is not None else placeholder,
                    disabled=bool(disabled), on_change=on_change, on_submit=on_submit,
                    style=style, key=key)


@component
def _OwnEdit(value: Signal[str] | TextEdit | str, max_length: int | None, placeholder: str,
             secure: bool, label: str, disabled: bool,
             on_change: Callable[[str], object] | None,
             on_submit: Callable[[str], object] | None, style: dict[str, object]) -> Element:
    given = value if isinstance(value, str) else None
    controlled = given is not None and on_change is not None
    report = use_memo(lambda: [on_change])
    report[0] = on_change  # the latest handler (the app may pass a new closure each render)

    def changed(text: str) -> None:
        if report[0] is not None:
            report[0](text)

    def make() -> TextEdit:
        if isinstance(value, TextEdit):
            return value
        # A string: the field's own signal holds the text, starting from it.
        source = value if isinstance(value, Signal) else Signal(given or "")
        return TextEdit(source, max_length=max_length, on_change=changed)

    held: list[TextEdit] = use_memo(lambda: [make()])
    # Controlled: parents render first, so by now the app has rendered the field with
    # the text it accepted. Reading the text here re-renders the field after an edit;
    # when it differs from the app's (ignored, filtered, cleared), the field starts over
    # from the app's text (a new editor: no signal is written while rendering).
    if controlled and held[0].value() != given:
        held[0] = make()
        held[0].value()
    edit = held[0]

    def limit() -> None:
        # Whoever writes the signal (a keyboard typing into it, the app), the field
        # keeps it within max_length clusters.
        current = held[0]
        text = current.value()
        if current.max_length is not None and text:
            cuts = boundaries(text)
            if len(cuts) - 1 > current.max_length:
                current.value.set(text[:cuts[current.max_length]])

    use_effect(limit)
    return _TextField(edit=edit, placeholder=placeholder, secure=secure, label=label,
                      disabled=disabled, on_submit=on_submit, style=style)
