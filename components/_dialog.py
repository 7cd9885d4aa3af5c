"""`Dialog` (a modal question with buttons) and `Toast` (a short notice).

`Dialog` is an `Overlay` (full-screen scrim, focus trapped inside, back calls
`on_close`) holding a panel: a title (role `heading`), an optional message
and a row of action buttons. The first action (or `default_action`) has
focus when it opens; focus returns to `return_focus` when it closes. The
app shows it under `Show(..., when=...)` and closes it in the handlers.

`Toast` is a small panel at the bottom centre of its parent (mount it at
the page root), role `status` (`alert` with `kind="error"`), never
focusable, so it does not take focus from what the viewer was doing. It
slides up and fades in with an engine keyframe animation, and calls
`on_dismiss` after `duration_ms` on the app's clock (none in a test without
one: then it stays until unmounted).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from async_tasks import Interval, NoClockError, interval
from sdk import VIEW, Element, Keyframes, Ref, component, host_element, use_effect, use_memo

from ._basic import Text
from ._button import Button
from ._model import check_callable, check_choice, check_number, check_style, named
from ._overlay import Overlay
from ._theme import use_theme

__all__ = ["Dialog", "Toast"]

DIALOG = named(VIEW, "Dialog")
TOAST = named(VIEW, "Toast")
_KINDS = {"info": "status", "success": "status", "error": "alert"}

Action = tuple[str, Callable[[], object]]
"""A dialog button: its text and what selecting it does."""


@component
def _Dialog(title: str, message: str | None, actions: tuple[Action, ...], default_action: int,
            on_close: Callable[[], object] | None, return_focus: Ref | None,
            style: dict[str, object]) -> Element:
    theme = use_theme()
    first = use_memo(Ref)
    buttons = [Button(text, on_press=run, key=i, test_id=f"dialog-action-{i}",
                      ref=first if i == default_action else None)
               for i, (text, run) in enumerate(actions)]
    props: dict[str, object] = {
        "role": "view", "direction": "column", "gap": theme.spacing.lg,
        "padding": theme.spacing.lg, "max_width": 1100, "min_width": 640,
        "background": theme.colors.surface, "radius": theme.radii.large,
    }
    props.update(style)
    panel = host_element(DIALOG, (
        Text(title, size=theme.type.title, font=theme.font_medium, role="heading"),
        message is not None and Text(message, color=theme.colors.text_muted),
        host_element(VIEW, tuple(buttons), {"direction": "row", "gap": theme.spacing.md,
                                            "justify": "end"}, None),
    ), props, None)
    return Overlay(panel, on_close=on_close, initial_focus=first, return_focus=return_focus,
                   label=title)


def Dialog(title: str, /, *, actions: Sequence[Action], message: str | None = None,
           default_action: int = 0, on_close: Callable[[], object] | None = None,
           return_focus: Ref | None = None, key: Hashable | None = None,
           **style: object) -> Element:
    """A modal dialog (role `dialog`): a title, a message and action buttons.

    `actions` are `(text, handler)` pairs, shown left to right; the one at
    `default_action` has focus first. Back calls `on_close`. Style props go
    to the panel.

    Example:
        ```python
        Show(Dialog("Sign out?", message="You will need your PIN to sign in again.",
                    actions=[("Sign out", sign_out), ("Cancel", close)],
                    default_action=1, on_close=close, return_focus=account_button),
             when=asking)
        ```
    """
    if not isinstance(title, str):
        raise TypeError(f"Dialog(title) must be a string, got {title!r}")
    if isinstance(actions, str) or not isinstance(actions, Sequence) or not actions:
        raise ValueError("Dialog(actions=...) needs at least one (text, handler) pair")
    for action in actions:
        if (not isinstance(action, tuple) or len(action) != 2 or not isinstance(action[0], str)
                or not callable(action[1])):
            raise TypeError(f"Dialog(actions=...) takes (text, handler) pairs, got {action!r}")
    if isinstance(default_action, bool) or not isinstance(default_action, int) \
            or not 0 <= default_action < len(actions):
        raise ValueError(f"Dialog(default_action={default_action!r}) must be an index "
                         f"0..{len(actions) - 1}")
    check_callable("Dialog", "on_close", on_close)
    check_style(DIALOG, style)
    return _Dialog(title=title, message=message, actions=tuple(actions),
                   default_action=default_action, on_close=on_close,
                   return_focus=return_focus, style=style, key=key)


@component
def _Toast(message: str, kind: str, duration_ms: float | None,
           on_dismiss: Callable[[], object] | None, style: dict[str, object]) -> Element:
    theme = use_theme()

    def start() -> Callable[[], None] | None:
        if duration_ms is None or on_dismiss is None:
            return None
        try:
            timer = interval(duration_ms, lambda: fire(timer))
        except NoClockError:
            return None
        return timer.cancel

    def fire(timer: Interval) -> None:
        timer.cancel()
        if on_dismiss is not None:
            on_dismiss()

    use_effect(start)
    accent = {"info": theme.colors.accent, "success": "#1f9d55", "error": "#d93025"}[kind]
    props: dict[str, object] = {
        "role": _KINDS[kind], "label": message, "position": "absolute", "bottom": 96,
        "live": "assertive" if kind == "error" else "polite",
        "left": 0, "right": 0, "direction": "row", "justify": "center", "z_index": 1100,
    }
    panel = host_element(VIEW, (
        host_element(VIEW, (), {"width": 12, "radius": 6, "background": accent,
                                "shrink": 0.0}, "mark"),
        Text(message, max_lines=2),
    ), {
        "direction": "row", "gap": theme.spacing.md, "align": "stretch",
        "padding": (theme.spacing.md, theme.spacing.lg), "max_width": 1200,
        "background": theme.colors.surface_raised, "radius": theme.radii.large,
        "animate": {
            "translate_y": Keyframes([(0, 40.0, "ease-out"), (1, 0.0, "linear")],
                                     duration=250),
            "opacity": Keyframes([(0, 0.0, "ease-out"), (1, 1.0, "linear")], duration=250),
        },
    }, "panel")
    props.update(style)
    return host_element(TOAST, (panel,), props, None)


def Toast(message: str, /, *, kind: str = "info", duration_ms: float | None = 4000,
          on_dismiss: Callable[[], object] | None = None, key: Hashable | None = None,
          **style: object) -> Element:
    """A short notice at the bottom of the screen (role `status`, `alert` for errors).

    It never takes focus. After `duration_ms` (None: never) it calls
    `on_dismiss`, which should unmount it. `kind` is `"info"`, `"success"` or
    `"error"` (the colour of its mark, and role `alert` for errors).

    Example:
        ```python
        Show(Toast("Saved to your list", on_dismiss=lambda: toast.set(False)), when=toast)
        ```
    """
    if not isinstance(message, str):
        raise TypeError(f"Toast(message) must be a string, got {message!r}")
    check_choice("Toast", "kind", kind, _KINDS)
    if duration_ms is not None and check_number("Toast", "duration_ms", duration_ms) <= 0:
        raise ValueError(f"Toast(duration_ms={duration_ms!r}) must be > 0 (or None)")
    check_callable("Toast", "on_dismiss", on_dismiss)
    check_style(TOAST, style)
    return _Toast(message=message, kind=kind, duration_ms=duration_ms, on_dismiss=on_dismiss,
                  style=style, key=key)
