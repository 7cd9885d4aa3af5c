"""The bus carries only bytes: events survive the round trip, messages keep order."""

from __future__ import annotations

import struct
import threading

import pytest

from renderer import BlurEvent, FocusEvent
from renderer.lowlevel import EventType, decode_events
from sdk.runtime._bus import Bus, Down

RECORDS = struct.pack("<8I", EventType.FOCUS, 3, 2, 0, 0, 0, 0, 0) + struct.pack(
    "<8I", EventType.BLUR, 2, 3, 0, 0, 0, 0, 0)


def test_messages_keep_their_order_and_wake_the_app_side() -> None:
    bus = Bus()
    woken = threading.Event()
    bus.set_on_post(woken.set)
    bus.send_batch(b"\x01\x02")
    bus.send_step(7, 33.5)
    bus.send_stop()
    kinds = [bus.receive(1.0) for _ in range(3)]
    assert [m[0] if m else None for m in kinds] == [Down.BATCH, Down.STEP, Down.STOP]
    assert kinds[0] == bytes([Down.BATCH, 1, 2])
    assert bus.receive(0) is None
    bus.post_frame(7, 1, 33.5, RECORDS)
    assert woken.is_set()
    [message] = bus.take_up()
    assert message[1 + 16:] == RECORDS  # the records cross unchanged
    assert decode_events(message[1 + 16:]) == [FocusEvent(3, 2), BlurEvent(2, 3)]
    with pytest.raises(ValueError, match="kind byte"):
        bus.send(b"")
