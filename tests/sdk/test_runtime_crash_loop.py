"""Crashes end, or recover, but never loop.

Every crash (frame, apply, rebuild) counts in one sliding window of frame
time: the fifth within 10 s stops the app with `RendererCrashLoop`, naming
the last panic, and the CLI exits non-zero. Keys the engine had not run a
frame on when it crashed are replayed once into the new instance; if that
frame crashes too, they are dropped.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from async_tasks import VirtualClock
from renderer import CommandBuffer, FrameOutput, Renderer, RendererCrashed
from renderer.lowlevel import Opcode, iter_commands
from sdk import VIEW, App, Element, RendererCrashLoop, _cli, component, host_element
from sdk.runtime import CrashWindow
from signals import signal

SIZE = (320, 180)


class Faults:
    """Makes engines that crash on demand; counts the engines made."""

    def __init__(self) -> None:
        self.every_frame = False
        """Crash every frame from now on."""
        self.next_frame = False
        """Crash the next frame only."""
        self.frame_after_key = False
        """Crash any frame that runs queued keys."""
        self.creating = False
        """Crash any batch that creates nodes (scene batches and rebuilds)."""
        self.made = 0

    def factory(self) -> Renderer:
        self.made += 1
        return _FaultyRenderer(self)


class _FaultyRenderer(Renderer):
    def __init__(self, faults: Faults) -> None:
        super().__init__()
        self._faults = faults
        self._keys_queued = False

    def _trap(self, why: str) -> None:
        self.close()
        raise RendererCrashed("injected", panic_message=why, reason=f"renderer panicked: {why}")

    def apply(self, batch: Any) -> None:
        data = batch.getvalue() if isinstance(batch, CommandBuffer) else bytes(batch)
        ops = {op for op, _, _ in iter_commands(data)}
        if self._faults.creating and Opcode.CREATE in ops:
            self._trap("create exploded")
        self._keys_queued |= Opcode.KEY in ops
        super().apply(data)

    def frame(self, now_ms: float) -> FrameOutput:
        faults = self._faults
        if faults.every_frame:
            self._trap(f"frame at {now_ms:.0f} ms")
        if faults.next_frame or (faults.frame_after_key and self._keys_queued):
            faults.next_frame = False
            self._trap("the key broke it")
        self._keys_queued = False
        return super().frame(now_ms)


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


tiles = signal(3)


@component
def Row() -> Element:
    return View(*[View(width=60, height=40, shrink=0, focusable=True, test_id=f"tile-{n}")
                  for n in range(tiles())],
                direction="row", gap=8, width="100%", height="100%")


def focused_tile(dump: str) -> str:
    line = next(line for line in dump.splitlines() if line.rstrip().endswith("focused"))
    return line.split('test_id="')[1].split('"')[0]


async def started(faults: Faults) -> App:
    tiles.set(3)
    app = App(Row(), SIZE, design_size=SIZE, clock=VirtualClock(),
              renderer_factory=faults.factory)
    await app.start()
    await app.frame()
    app.press("right")  # nothing has focus yet: the first tile takes it
    await app.frame()
    assert focused_tile(await app.dump()) == "tile-0"
    return app


def test_the_window_counts_crashes_in_ten_seconds_of_frame_time() -> None:
    window = CrashWindow()
    for now_ms in (0.0, 2500.0, 5000.0, 7500.0, 10_000.0):  # the first has left the window
        window.record(now_ms, "trap")
    assert len(window) == 4
    with pytest.raises(RendererCrashLoop, match=r"5 times within 10 s.*Last crash: the fifth"):
        window.record(10_001.0, "the fifth")
    with pytest.raises(ValueError, match="limit >= 1"):
        CrashWindow(limit=0)


async def test_a_trap_on_every_frame_stops_the_app_naming_the_last_panic() -> None:
    faults = Faults()
    app = await started(faults)
    faults.every_frame = True
    with pytest.raises(RendererCrashLoop) as caught:
        for _ in range(200):  # before the policy: recovered forever, 30 crashes a second
            await app.frame()
    assert caught.value.crashes == 5
    assert caught.value.last_reason.startswith("renderer panicked: frame at ")
    assert "renderer panicked: frame at" in str(caught.value)
    assert app.crashes == 4  # four recoveries, then the fifth crash ended it
    with contextlib.suppress(RendererCrashLoop):  # again, unless frame() reported it first
        await app.close()
    assert not app.running


async def test_crashes_while_rebuilding_count_in_the_same_window() -> None:
    faults = Faults()
    app = await started(faults)
    faults.creating = True
    tiles.set(4)  # the batch creating the fourth tile crashes, then every rebuild does
    with pytest.raises(RendererCrashLoop, match="Last crash: renderer panicked: create exploded"):
        for _ in range(600):  # 10 s of frame time
            await app.frame()
    with contextlib.suppress(RendererCrashLoop):  # again, unless frame() reported it first
        await app.close()
    assert not app.running


async def test_crashes_spread_over_more_than_ten_seconds_recover_every_time() -> None:
    faults = Faults()
    app = await started(faults)
    try:
        for _ in range(7):
            faults.next_frame = True
            await app.frame(150)  # 2.5 s of frame time between crashes
        assert app.crashes == 7
        app.press("right")
        await app.frame()
        assert focused_tile(await app.dump()) == "tile-1"
    finally:
        await app.close()


async def test_keys_the_crashed_frame_had_not_run_are_replayed_into_the_new_engine() -> None:
    faults = Faults()
    app = await started(faults)
    try:
        app.press("right")
        app.press("right")
        faults.next_frame = True
        await app.frame()  # crashes with both presses queued in the engine
        await app.frame()  # the rebuilt engine runs the replayed presses
        assert app.crashes == 1
        assert focused_tile(await app.dump()) == "tile-2"
    finally:
        await app.close()


async def test_replayed_keys_that_crash_again_are_dropped() -> None:
    faults = Faults()
    app = await started(faults)
    try:
        faults.frame_after_key = True
        app.press("right")
        await app.frame(4)  # crash, replay, crash again: dropped; then frames run again
        assert app.crashes == 2
        assert focused_tile(await app.dump()) == "tile-0"
        faults.frame_after_key = False
        app.press("right")
        await app.frame()
        assert focused_tile(await app.dump()) == "tile-1"
    finally:
        await app.close()


def test_the_cli_exits_non_zero_naming_the_last_panic(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    faults = Faults()
    faults.every_frame = True

    class CrashingApp(App):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, renderer_factory=faults.factory, **kwargs)

    monkeypatch.setattr(_cli, "App", CrashingApp)
    status = _cli.main(["run", "apps.hello", "--headless", "--frames", "600",
                        "--size", "320x180"])
    assert status == 3
    err = capsys.readouterr().err
    assert "marquee: error: the renderer crashed 5 times within 10 s" in err
    assert "renderer panicked: frame at" in err
    assert faults.made == 5  # the first engine and four recoveries
