"""The runtime end to end with a scripted scene root: stepped frames on a
virtual clock, keys into the engine, events back to the app thread, crash
recovery and clean shutdown. Real engine, real painter, real threads."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import ClassVar

import pytest

from async_tasks import VirtualClock
from renderer import (
    CommandBuffer,
    Event,
    FocusEvent,
    KeyEvent,
    Kind,
    PressEvent,
    Prop,
    Renderer,
    RendererCrashed,
    State,
)
from sdk.runtime._app import App, AppClosed, AppError

SIZE = (320, 180)
RED, GREEN = 0xFF0000FF, 0x00FF00FF


class ScriptedRoot:
    """A scene root written by hand: three focusable boxes and a label.

    Pressing a box writes its number into the label (at the next flush).
    """

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.acknowledged: list[int] = []
        self.flushes = 0
        self.batches = 0
        self.disposed = False
        self._mounted = False
        self._label: str | None = None
        self._string = 100
        self.bad_batch = False

    @property
    def dirty(self) -> bool:
        return not self._mounted or self._label is not None or self.bad_batch

    def _scene(self, buf: CommandBuffer) -> None:
        buf.create(1, Kind.VIEW)
        buf.set_props(1, [(Prop.WIDTH, "100%"), (Prop.HEIGHT, "100%"), (Prop.BACKGROUND, RED),
                          (Prop.COLUMN_GAP, 20), (Prop.PADDING_LEFT, 20)])
        for node in (2, 3, 4):
            buf.create(node, Kind.VIEW)
            buf.set_props(node, [(Prop.WIDTH, 60), (Prop.HEIGHT, 60), (Prop.BACKGROUND, 0x2020A0FF),
                                 (Prop.FOCUSABLE, 1)])
            buf.set_state_props(node, State.FOCUSED, [(Prop.BACKGROUND, GREEN)])
            buf.insert(1, node)
        buf.create(5, Kind.TEXT)
        buf.insert(1, 5)
        buf.set_root(1)

    def flush(self) -> bytes:
        self.flushes += 1
        buf = CommandBuffer()
        if not self._mounted:
            self._mounted = True
            self._scene(buf)
        if self._label is not None:
            self._string += 1
            buf.define_string(self._string, self._label)
            buf.set_text(5, self._string)
            self._label = None
        if self.bad_batch:
            self.bad_batch = False
            buf.insert(99, 98)  # unknown nodes: the engine rejects this batch
        if len(buf):
            self.batches += 1
        return buf.getvalue()

    def handle_events(self, events: Sequence[Event]) -> None:
        assert threading.current_thread() is threading.main_thread()
        self.events.extend(events)
        for event in events:
            if isinstance(event, PressEvent):
                self._label = f"pressed {event.node}"

    def acknowledge(self, batches_applied: int) -> None:
        self.acknowledged.append(batches_applied)

    def rebuild_commands(self) -> bytes:
        buf = CommandBuffer()
        self._scene(buf)
        return buf.getvalue()

    def dispose(self) -> None:
        self.disposed = True


class CrashableRenderer(Renderer):
    """A real engine whose next `frame` raises `RendererCrashed` once armed."""

    armed = False
    made: ClassVar[list[CrashableRenderer]] = []

    def __init__(self) -> None:
        super().__init__()
        CrashableRenderer.made.append(self)

    def frame(self, now_ms: float):  # type: ignore[no-untyped-def]
        if CrashableRenderer.armed:
            CrashableRenderer.armed = False
            self.close()
            raise RendererCrashed("injected", reason="injected crash")
        return super().frame(now_ms)


def focused_line(dump: str) -> str:
    return next(line.strip() for line in dump.splitlines() if line.endswith(" focused"))


async def test_stepped_frames_keys_and_events() -> None:
    root = ScriptedRoot()
    clock = VirtualClock()
    async with App(root, SIZE, design_size=SIZE, clock=clock) as app:
        await app.frame()
        assert clock.now() == pytest.approx(1000 / 60)
        assert root.acknowledged[-1] == 1
        assert " focused" not in await app.dump()
        app.press("right")
        await app.frame()
        # The engine moved focus (no focus model in Python) and told the app.
        assert KeyEvent(0, 4, 0, True) in root.events
        assert FocusEvent(2, 0) in root.events
        assert focused_line(await app.dump()).startswith("#2 view")
        app.press("right")
        app.press("select")
        await app.frame()
        assert PressEvent(3) in root.events
        await app.frame()  # the handler's change is flushed at the next frame boundary
        dump = await app.dump()
        assert '"pressed 3"' in dump
        assert focused_line(dump).startswith("#3 view")
        shot = await app.screenshot()
        assert (shot.width, shot.height) == SIZE
        # focused box 3 (shrunk to x 82..124 by the label) is green, the background red
        assert shot.pixel(100, 30) == (0, 255, 0, 255)
        assert shot.pixel(5, 5) == (255, 0, 0, 255)
        assert shot.pixel(50, 30) == (0x20, 0x20, 0xA0, 255)
    assert root.disposed


async def test_virtual_clock_timers_run_at_frame_boundaries() -> None:
    clock = VirtualClock()
    fired: list[float] = []
    async with App(ScriptedRoot(), SIZE, design_size=SIZE, clock=clock) as app:
        clock.call_later(1000, lambda: fired.append(clock.now()))
        await app.frame(59)
        assert fired == []
        await app.frame()
        assert fired == [pytest.approx(1000)]


async def test_close_stops_both_threads_and_leaves_no_task() -> None:
    root = ScriptedRoot()
    app = App(root, SIZE, design_size=SIZE, clock=VirtualClock())
    await app.start()
    await app.frame()
    thread = app.renderer_thread
    assert thread is not None and thread.alive
    loop = thread.loop
    assert loop is not None and loop.renderer.alive
    await app.close()
    assert not thread.alive
    assert not loop.renderer.alive
    assert root.disposed
    assert app.images.closed
    assert asyncio.all_tasks() == {asyncio.current_task()}
    assert not [t for t in threading.enumerate() if t.name == "marquee-renderer"]
    with pytest.raises(AppClosed):
        app.press("up")
    await app.close()  # idempotent


async def test_real_clock_paced_loop_runs_and_stops() -> None:
    root = ScriptedRoot()
    async with App(root, SIZE, design_size=SIZE, headless=True) as app:
        await app.frame(3)
        app.press("down")
        for _ in range(30):
            await app.frame()
            if any(isinstance(e, FocusEvent) for e in root.events):
                break
        assert FocusEvent(2, 0) in root.events
        pump = app._pump
    assert pump is not None and pump.done()
    assert root.flushes >= 2


async def test_run_async_returns_on_stop_from_a_handler() -> None:
    root = ScriptedRoot()
    app = App(root, SIZE, design_size=SIZE, headless=True)
    original = root.handle_events

    def handle(events: Sequence[Event]) -> None:
        original(events)
        app.stop()

    root.handle_events = handle  # type: ignore[method-assign]
    await app.start()
    app.press("right")
    await asyncio.wait_for(app.run_async(), 10)
    assert root.disposed and not app.running


async def test_rejected_batch_stops_the_app_with_a_clear_error() -> None:
    root = ScriptedRoot()
    app = App(root, SIZE, design_size=SIZE, clock=VirtualClock())
    await app.start()
    await app.frame()
    root.bad_batch = True
    with pytest.raises(AppError, match=r"rejected a scene batch.*INSERT"):
        await app.frame(2)
    with pytest.raises(AppError):
        await app.close()
    assert root.disposed


async def test_bad_key_names_are_refused() -> None:
    async with App(ScriptedRoot(), SIZE, design_size=SIZE, clock=VirtualClock(),
                   extra_keys={"red": 32}) as app:
        app.press("RED")
        app.press("5")
        with pytest.raises(ValueError, match="unknown key 'purple'"):
            app.press("purple")
        with pytest.raises(ValueError, match="down, repeat or up"):
            app.press("up", action="sideways")
        await app.frame()
    with pytest.raises(ValueError, match="clashes"):
        App(ScriptedRoot(), SIZE, extra_keys={"up": 40})
    with pytest.raises(ValueError, match=r"32\.\.255"):
        App(ScriptedRoot(), SIZE, extra_keys={"red": 7})


async def test_crash_recovery_rebuilds_scene_and_focus() -> None:
    root = ScriptedRoot()
    CrashableRenderer.made.clear()
    async with App(root, SIZE, design_size=SIZE, clock=VirtualClock(),
                   renderer_factory=CrashableRenderer) as app:
        await app.frame()
        app.press("right")
        app.press("right")
        await app.frame()
        before = await app.dump()
        assert focused_line(before).startswith("#3 view")
        pixels_before = (await app.screenshot()).rgba
        focus_events = sum(isinstance(e, FocusEvent) for e in root.events)
        CrashableRenderer.armed = True
        await app.frame()  # crashes; the app thread answers NEED_REBUILD
        await app.frame()  # the rebuilt engine paints
        assert app.crashes == 1
        assert len(CrashableRenderer.made) == 2
        assert not CrashableRenderer.made[0].alive
        assert await app.dump() == before
        assert (await app.screenshot()).rgba == pixels_before
        # The re-focus is the runtime's business: the app hears no new FOCUS.
        assert sum(isinstance(e, FocusEvent) for e in root.events) == focus_events
        app.press("left")
        await app.frame()
        assert focused_line(await app.dump()).startswith("#2 view")


async def test_switch_interval_is_set_while_running_and_restored() -> None:
    import sys

    before = sys.getswitchinterval()
    async with App(ScriptedRoot(), SIZE, clock=VirtualClock(), switch_interval_ms=1) as app:
        await app.frame()
        assert sys.getswitchinterval() == pytest.approx(0.001)
    assert sys.getswitchinterval() == before
    with pytest.raises(ValueError, match="switch_interval_ms"):
        App(ScriptedRoot(), SIZE, switch_interval_ms=0)
