"""Typed events decoded from the engine's event records (PROTOCOL.md section 5).

Each record is 32 bytes: `type u32, node u32`, then six words. `decode_events`
turns a buffer of records into small frozen objects; an event type this host
does not know becomes `UnknownEvent` rather than an error, so a newer engine
cannot crash an older host.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ._protocol import FIRST_APP_KEY, EventType, Key, KeyAction

_WORDS = struct.Struct("<8I")
_LAYOUT = struct.Struct("<2I4f8x")
_SCROLL = struct.Struct("<2I2f16x")


@dataclass(frozen=True, slots=True)
class FocusEvent:
    """`node` gained focus; `previous` had it (0 = none)."""

    node: int
    previous: int


@dataclass(frozen=True, slots=True)
class BlurEvent:
    """`node` lost focus to `next` (0 = none)."""

    node: int
    next: int


@dataclass(frozen=True, slots=True)
class PressEvent:
    """The focused `node` was pressed (select)."""

    node: int


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """A key reached `node` (the focused node, 0 = none).

    Example:
        ```python
        def on_key(event: KeyEvent) -> bool:
            if event.key == Key.PLAY_PAUSE and event.action == KeyAction.DOWN:
                toggle_playback()
                return True
            return False
        ```
    """

    node: int
    key: int
    """A `Key` for the remote's keys (1..18), a plain int for app-named keys (32..255)."""
    action: KeyAction
    """Down, repeat (held, auto-repeated), up, or long press (held `LONG_PRESS_MS`)."""
    handled: bool
    """Whether the engine moved focus for it."""
    coalesced: int = 0
    """Later repeats of this arrow in the same frame merged into this one."""
    captured_by: int = 0
    """The node on the focus path whose `CAPTURE_KEYS` took the key (0 = none)."""


@dataclass(frozen=True, slots=True)
class ImageLoadedEvent:
    """`image` shown by `node` finished loading."""

    node: int
    image: int


@dataclass(frozen=True, slots=True)
class ImageFailedEvent:
    """`image` shown by `node` failed to load."""

    node: int
    image: int


@dataclass(frozen=True, slots=True)
class LayoutEvent:
    """`node`'s absolute box (design units) changed; it asked with `REPORT_LAYOUT`."""

    node: int
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class AnimationDoneEvent:
    """An animation of `prop` on `node` reached its end (not when interrupted or cleared)."""

    node: int
    prop: int
    """The property, or `AnimGroup.LAYOUT` (100) for a layout animation."""
    kind: int = 0
    """0 a transition, 1 a keyframe animation."""


@dataclass(frozen=True, slots=True)
class FocusPathEvent:
    """Part of the focus path of `node`: `ids[k]` is element `offset + k` (root first)."""

    node: int
    length: int
    """The whole path's length (root .. `node`)."""
    offset: int
    ids: tuple[int, ...]



@dataclass(frozen=True, slots=True)
class ScrollEvent:
    """`node`'s scroll offset target (`SCROLL_X`, `SCROLL_Y`) is now `x`, `y`.

    Emitted once per node per frame, by the frame that changed it (for a focus
    move: the frame of its `FocusEvent`), with the final target, not per glide step.
    """

    node: int
    x: float
    y: float



@dataclass(frozen=True, slots=True)
class ScopeMemoryEvent:
    """The focus scope `node` now remembers `remembered` as its last focused node (0 = none)."""

    node: int
    remembered: int



def focus_path(events: list[Event]) -> tuple[int, ...] | None:
    """The last complete focus path (root first) in `events`, or `None`."""
    found: tuple[int, ...] | None = None
    parts: list[int] = []
    for e in events:
        if not isinstance(e, FocusPathEvent):
            continue
        if e.offset == 0:
            parts = []
        parts.extend(e.ids)
        if len(parts) >= e.length:
            found = tuple(parts[:e.length])
    return found


@dataclass(frozen=True, slots=True)
class UnknownEvent:
    """An event type this host does not know; `words` are the six raw words."""

    type: int
    node: int
    words: tuple[int, ...]


Event = (
    FocusEvent | BlurEvent | PressEvent | KeyEvent | ImageLoadedEvent
    | ImageFailedEvent | LayoutEvent | AnimationDoneEvent | FocusPathEvent | ScrollEvent
    | ScopeMemoryEvent | UnknownEvent
)
"""Any decoded event."""


def decode_event(record: bytes | memoryview) -> Event:
    """Decodes one 32-byte event record."""
    t, node, a, b, c, d, e, f = _WORDS.unpack(record)
    if t == EventType.FOCUS:
        return FocusEvent(node, a)
    if t == EventType.BLUR:
        return BlurEvent(node, a)
    if t == EventType.PRESS:
        return PressEvent(node)
    if t == EventType.KEY:
        return KeyEvent(node, Key(a) if a < FIRST_APP_KEY else a, KeyAction(b), bool(c), d, e)
    if t == EventType.IMAGE_LOADED:
        return ImageLoadedEvent(node, a)
    if t == EventType.IMAGE_FAILED:
        return ImageFailedEvent(node, a)
    if t == EventType.LAYOUT:
        _, _, x, y, w, h = _LAYOUT.unpack(record)
        return LayoutEvent(node, x, y, w, h)
    if t == EventType.FOCUS_PATH:
        return FocusPathEvent(node, a, b, tuple(x for x in (c, d, e, f)[:max(0, min(4, a - b))]))
    if t == EventType.ANIMATION_DONE:
        return AnimationDoneEvent(node, a, b)
    if t == EventType.SCROLL:
        _, _, x, y = _SCROLL.unpack(record)
        return ScrollEvent(node, x, y)
    if t == EventType.SCOPE_MEMORY:
        return ScopeMemoryEvent(node, a)
    return UnknownEvent(t, node, (a, b, c, d, e, f))


def decode_events(buffer: bytes | memoryview) -> list[Event]:
    """Decodes a buffer of whole 32-byte event records, in order."""
    view = memoryview(buffer)
    return [decode_event(view[i:i + 32]) for i in range(0, len(view) - len(view) % 32, 32)]
