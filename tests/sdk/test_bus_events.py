"""Events cross the bus without losing a field (every event type the renderer decodes)."""

from __future__ import annotations

from renderer import (
    AnimationDoneEvent,
    BlurEvent,
    FocusEvent,
    FocusPathEvent,
    ImageFailedEvent,
    ImageLoadedEvent,
    KeyEvent,
    LayoutEvent,
    PressEvent,
)
from sdk.runtime._bus import decode_events, encode_events


def test_every_event_type_survives_the_round_trip():
    events = [
        FocusEvent(5, 3),
        BlurEvent(3, 5),
        PressEvent(5),
        KeyEvent(5, 4, 1, True, coalesced=2, captured_by=9),
        ImageLoadedEvent(7, 2),
        ImageFailedEvent(7, 3),
        LayoutEvent(8, 1.5, 2.0, 300.0, 40.25),
        AnimationDoneEvent(9, 46, 1),
        FocusPathEvent(5, 6, 4, (11, 12)),
    ]
    assert decode_events(encode_events(events)) == events
