"""Host elements for the developer overlays (the SDK never imports `components`)."""

from __future__ import annotations

from ..reconciler import TEXT, VIEW, Child, Element, host_element

__all__ = ["DEVTOOLS_TEST_ID", "text", "view"]

DEVTOOLS_TEST_ID = "marquee-devtools"
"""The `test_id` prefix of every overlay node (the inspector leaves them out)."""


def view(*children: Child, **props: object) -> Element:
    """A view node."""
    return host_element(VIEW, children, dict(props), None)


def text(value: str, size: float = 20, color: str = "#e8eaf0", **props: object) -> Element:
    """A text node."""
    return host_element(TEXT, (), {"text": value, "size": size, "color": color, **props}, None)
