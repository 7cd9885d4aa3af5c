"""One event codec: the engine's records cross the bus as bytes and are decoded once.

The renderer half posts the records the engine wrote, unchanged, and the app
half decodes them: what the app's handlers see equals the engine's own
decoding of the same frame, field for field.
"""

from __future__ import annotations

from renderer import CommandBuffer, FocusEvent, Key, KeyAction, KeyEvent, Prop, Renderer
from renderer.lowlevel import HeadlessPresenter
from sdk.runtime import AppHalf
from sdk.runtime._bus import FRAME, Bus, Up
from sdk.runtime._frame_loop import FrameLoop


class _Root:
    """Records what the app half hands a scene root."""

    dirty = False

    def __init__(self) -> None:
        self.events: list[object] = []
        self.acknowledged = -1

    def flush(self) -> bytes:
        return b""

    def handle_events(self, events: object) -> None:
        self.events += list(events)  # type: ignore[call-overload]

    def acknowledge(self, batches_applied: int) -> None:
        self.acknowledged = batches_applied

    def rebuild_commands(self) -> bytes:
        return b""

    def dispose(self) -> None:
        return None


def _two_tiles() -> bytes:
    buf = CommandBuffer().create(1).create(2).create(3)
    buf.set_props(1, {Prop.WIDTH: 400.0, Prop.HEIGHT: 200.0, Prop.FLEX_DIRECTION: 0})
    for node in (2, 3):
        buf.set_props(node, {Prop.WIDTH: 100.0, Prop.HEIGHT: 100.0, Prop.FOCUSABLE: 1})
        buf.insert(1, node)
    return buf.set_root(1).getvalue()


def test_engine_records_reach_the_app_half_unchanged_and_decode_once() -> None:
    bus = Bus()
    loop = FrameLoop(bus, HeadlessPresenter(400, 200))
    try:
        bus.send_batch(_two_tiles())
        loop.handle(bus.receive(0) or b"")
        loop.handle(bytes([2]) + CommandBuffer().key(Key.RIGHT, KeyAction.DOWN).getvalue())
        loop.tick(16.0)
        [frame] = bus.take_up()
        assert frame[0] == Up.FRAME
        records = frame[1 + FRAME.size:]

        # The same commands on a second engine: its own decoding is the reference.
        engine = Renderer()
        engine.apply(_two_tiles())
        engine.apply(CommandBuffer().key(Key.RIGHT, KeyAction.DOWN).getvalue())
        reference = engine.frame(16.0)
        engine.close()
        assert records == reference.event_records

        root = _Root()
        delivered = AppHalf(root).deliver(FRAME.unpack_from(frame, 1)[1], records)
        assert delivered == reference.events == root.events
        assert root.acknowledged == 1
        assert any(isinstance(e, KeyEvent) for e in delivered)
        assert [e.node for e in delivered if isinstance(e, FocusEvent)] == [2]
    finally:
        loop.close()
