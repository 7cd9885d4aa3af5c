"""Windowing math shared by `Rail` and `Grid` (pure functions, no rendering).

A virtualized list lays out `count` slots of `stride` design units (item size
plus gap) along one axis inside a scroll container of `viewport` units. Only
the slots in the *window* exist as nodes: those the viewport shows at the
current scroll offset, plus `overscan` slots on each side. Leading and
trailing spacers stand in for the slots before and after the window, so every
node sits where it would in a full list and the engine's focus navigation
and scrolling work unchanged.

Scrolling is the engine's: when focus moves, it scrolls the container by the
least amount that brings the focused node inside (PROTOCOL.md section 5)
and reports the new offset as a `SCROLL` event in the same frame; the
widgets take it from `on_scroll` and compute the window from it. Nothing
here copies the engine's scroll rule.

Nodes are recycled: a slot's element key is `index % pool`, where `pool` is
the largest window size, so when the window slides by one the slot that left
at one end is moved to the other end and updated with its new item (one
`INSERT` move plus the changed props) instead of being removed and recreated.
"""

from __future__ import annotations

import math

__all__ = ["pool_size", "window"]


def window(count: int, stride: float, viewport: float, scroll: float,
           overscan: int) -> tuple[int, int]:
    """The slots `[first, stop)` that exist as nodes at offset `scroll`.

    The window always holds `pool_size()` slots (or all of them when there are
    fewer), so sliding it by k slots frees exactly the k slot keys it needs.
    """
    size = min(count, pool_size(stride, viewport, overscan))
    first = math.floor(scroll / stride) - overscan
    first = max(0, min(first, count - size))
    return first, first + size


def pool_size(stride: float, viewport: float, overscan: int) -> int:
    """The most slots a window can hold (the modulus of recycled slot keys)."""
    return math.ceil(viewport / stride) + 1 + 2 * overscan
