"""Memory stays flat: per-frame bookkeeping is bounded and a long run keeps the heap flat.

The soak benchmark (`python -m benchmarks.soak`) runs for 2 virtual hours and
reports RSS; here a bounded version checks the Python heap (tracemalloc) and
the length of every per-frame structure between frame 10,000 and 20,000.
"""

from __future__ import annotations

import functools
import tracemalloc

import pytest

from apps.hello import root as hello_root
from async_tasks import VirtualClock
from benchmarks.soak._measure import Fill, bookkeeping, settled
from renderer import Painter
from renderer.lowlevel import HeadlessPresenter
from sdk import App
from sdk.reconciler import _scene
from sdk.reconciler._strings import StringTable
from sdk.runtime import FRAME_INTERVAL_MS, TIMING_HISTORY, _frame_loop
from sdk.runtime._bus import Bus
from sdk.runtime._frame_loop import FrameLoop

HEAP_SLACK = 64 * 1024


def test_frame_timings_keep_only_the_latest_history() -> None:
    loop = FrameLoop(Bus(), HeadlessPresenter(64, 36), design_size=(64.0, 36.0))
    try:
        extra = 25
        for frame in range(TIMING_HISTORY + extra):
            loop.tick(frame * FRAME_INTERVAL_MS)
        assert len(loop.timings) == TIMING_HISTORY
        assert loop.timings[0].now_ms == extra * FRAME_INTERVAL_MS
        assert loop.timings[-1].now_ms == (TIMING_HISTORY + extra - 1) * FRAME_INTERVAL_MS
    finally:
        loop.close()


async def test_twenty_thousand_frames_keep_heap_and_bookkeeping_flat(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The clock shows a new string a second; the string and text-blob caches (1024
    # each) fill in 17 minutes, past this run: small ones are full after warm-up.
    monkeypatch.setattr(_scene, "StringTable", functools.partial(StringTable, 64))
    monkeypatch.setattr(_frame_loop, "Painter", functools.partial(Painter, text_cache_entries=64))
    # Traced from the start: an object allocated before tracing and freed after it
    # (the timing ring buffer's turnover) would otherwise look like growth.
    tracemalloc.start()
    try:
        async with App(hello_root(), (640, 360), design_size=(1920.0, 1080.0),
                       clock=VirtualClock()) as app:
            await app.frame(10_000)  # warm-up: past TIMING_HISTORY, caches full
            heap_start, lengths_start = tracemalloc.get_traced_memory()[0], bookkeeping(app)
            await app.frame(10_000)
            heap_end, lengths_end = tracemalloc.get_traced_memory()[0], bookkeeping(app)
            assert '"Clock 00:05:33"' in await app.dump()  # the app's clock ran all along
    finally:
        tracemalloc.stop()
    assert lengths_end == lengths_start
    assert heap_end - heap_start < HEAP_SLACK, (
        f"the heap grew {heap_end - heap_start} bytes over 10,000 frames")


def test_a_soak_warm_up_ends_when_every_structure_is_full_or_steady() -> None:
    filling = {"strings": Fill(10, 64, False), "timings": Fill(3600, 3600, True)}
    grown = {"strings": Fill(11, 64, False), "timings": Fill(3600, 3600, True)}
    assert not settled(filling, grown)  # the string table is still filling
    assert settled(grown, grown)  # steady: the same screens, nothing new to cache
    assert settled(grown, {"strings": Fill(64, 64, True), "timings": Fill(3600, 3600, True)})
