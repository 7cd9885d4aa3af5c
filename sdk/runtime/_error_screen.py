"""The error screen an `App` shows when app code fails and no `ErrorBoundary` caught it.

`App` mounts its root element inside an `ErrorBoundary` whose fallback is
`error_screen` (or the app's own `error_view`), so one failing handler,
effect or render shows this screen instead of stopping the app; the error is
logged with its traceback. Pressing select on the screen mounts the app again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..reconciler import (
    TEXT,
    VIEW,
    Element,
    ErrorBoundary,
    component,
    host_element,
    use_effect,
    use_ref,
)

__all__ = ["ErrorView", "error_screen", "with_root_boundary"]

logger = logging.getLogger("sdk.runtime")

ErrorView = Callable[[BaseException, Callable[[], None]], object]
"""What an error screen is: `(error, reset) -> element`."""


def error_screen(error: BaseException, reset: Callable[[], None]) -> Element:
    """A full-screen message naming the exception, and a focused "Try again" button
    that runs `reset()`."""
    return _ErrorScreen(error=error, reset=reset)


@component
def _ErrorScreen(error: BaseException, reset: Callable[[], None]) -> Element:
    retry = use_ref()

    def focus_retry() -> None:
        if retry.node is not None:
            retry.focus()  # on a TV select must work at once: nothing else is focusable

    use_effect(focus_retry)
    message = f"{type(error).__name__}: {error}"
    return host_element(VIEW, (
        _text("Something went wrong", 56),
        _text(message, 30, test_id="error-message", max_lines=6, color="#c9ccd3"),
        host_element(VIEW, (_text("Try again", 30),), {
            "focusable": True, "on_press": reset, "ref": retry, "padding": 20,
            "radius": 12, "background": "#3a3f4b", "border": 4, "border_color": "#00000000",
            "focused_style": {"background": "#2563d9", "border_color": "#ffffff"},
            "test_id": "error-retry",
        }, None),
    ), {"width": "100%", "height": "100%", "padding": 96, "gap": 32, "direction": "column",
        "justify": "center", "align": "flex-start", "background": "#15171c",
        "test_id": "error-screen"}, None)


def _text(text: str, size: float, **props: object) -> Element:
    return host_element(TEXT, (), {"text": text, "size": size, "color": "#ffffff", **props},
                        None)


def with_root_boundary(element: Element, view: ErrorView) -> Element:
    """`element` inside an `ErrorBoundary` that logs the error and shows `view`."""
    def fallback(error: BaseException, reset: Callable[[], None]) -> object:
        logger.error("app code failed; showing the error screen", exc_info=error)
        return view(error, reset)

    return ErrorBoundary(element, fallback=fallback)
