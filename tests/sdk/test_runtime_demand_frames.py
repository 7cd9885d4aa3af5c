"""Paced frames on demand: an idle renderer shows new input or a new batch at once.

The paced driver runs against a virtual clock and a scripted bus whose
`receive(timeout)` moves the clock forward, so the test sees exactly when
each tick ran, with no wall-clock timing.
"""

from __future__ import annotations

from itertools import pairwise

from pytest import approx

from async_tasks import VirtualClock
from renderer import CommandBuffer
from renderer.lowlevel import HeadlessPresenter
from sdk.runtime._bus import Down, message
from sdk.runtime._frame_loop import FrameLoop
from sdk.runtime._renderer_thread import DEMAND_GAP, drive

INTERVAL = 1000.0 / 60.0


class ScriptedBus:
    """Down messages due at given clock times; `receive` waits on the virtual clock."""

    def __init__(self, clock: VirtualClock, script: list[tuple[float, bytes]]) -> None:
        self.clock = clock
        self.script = sorted(script, key=lambda item: item[0])
        self.posted: list[bytes] = []

    def receive(self, timeout: float | None) -> bytes | None:
        now = self.clock.now()
        until = now + (timeout or 0.0) * 1000.0
        if self.script and self.script[0][0] <= until:
            at, data = self.script.pop(0)
            self.clock.set(max(now, at))
            return data
        self.clock.set(until)
        return None

    def post(self, data: bytes) -> None:
        self.posted.append(data)

    def post_frame(self, seq: int, batches: int, now_ms: float, records: bytes) -> None:
        self.posted.append(records)


def scene(node: int, color: int) -> bytes:
    buffer = CommandBuffer().create(node)
    if node == 1:
        buffer.set_root(1)
    return buffer.set_props(node, [(40, color), (12, 50.0), (13, 50.0)]).getvalue()


def run(script: list[tuple[float, bytes]]) -> list[float]:
    clock = VirtualClock()
    bus = ScriptedBus(clock, script)
    loop = FrameLoop(bus, HeadlessPresenter(64, 64))
    drive(bus, loop, clock=clock, paced=True, interval_ms=INTERVAL)
    loop.close()
    return [timing.now_ms for timing in loop.timings]


def test_an_idle_loop_shows_a_batch_at_once_and_regrids_from_there() -> None:
    stop = message(Down.STOP)
    ticks = run([(1.0, message(Down.BATCH, scene(1, 0xFF0000FF))),
                 (100.0, message(Down.BATCH, scene(2, 0x00FF00FF))),
                 (200.0, stop)])
    # The slots were 91.67 and 108.33: the batch at 100 got its own frame at 100.
    at = [t for t in ticks if t >= 100.0 - 1e-6]
    assert at[0] == approx(100.0)
    assert at[1] == approx(100.0 + INTERVAL)  # the slots start again from the demand frame


def test_demand_frames_never_come_closer_than_the_gap() -> None:
    batches = [(50.0 + i, message(Down.BATCH, scene(10 + i, 0x0000FFFF))) for i in range(5)]
    ticks = run([(1.0, message(Down.BATCH, scene(1, 0xFF0000FF))), *batches,
                 (120.0, message(Down.STOP))])
    gaps = [b - a for a, b in pairwise(ticks)]
    assert min(gaps) >= INTERVAL * DEMAND_GAP - 1e-9
    assert any(t == approx(50.0) for t in ticks)  # the burst's first batch: a frame at once


def test_without_new_input_the_loop_keeps_its_slots() -> None:
    ticks = run([(1.0, message(Down.BATCH, scene(1, 0xFF0000FF))), (100.0, message(Down.STOP))])
    # The batch at 1.0 waits for the gap after the frame at 0 (not for the slot at 16.67),
    # then nothing new arrives: one frame per slot from there.
    assert ticks[:3] == approx([0.0, INTERVAL * DEMAND_GAP, INTERVAL * (DEMAND_GAP + 1)])
    assert all((b - a) == approx(INTERVAL) for a, b in pairwise(ticks[1:]))


def test_while_animating_batches_keep_their_slots_but_keys_do_not_wait() -> None:
    fade = CommandBuffer().set_transition(1, 43, 1000.0).set_props(1, [(43, 0.2)]).getvalue()
    recolor = CommandBuffer().set_props(1, [(40, 0x00FF00FF)]).getvalue()
    keys = CommandBuffer().key(4, 0).key(4, 2).getvalue()
    ticks = run([(1.0, message(Down.BATCH, scene(1, 0xFF0000FF))),
                 (20.0, message(Down.BATCH, fade)),  # a 1 s fade starts
                 (100.0, message(Down.BATCH, recolor)),  # no key before it: waits for its slot
                 (300.0, message(Down.KEYS, keys)),  # the viewer's key: a frame at once
                 (400.0, message(Down.STOP))])
    assert not any(t == approx(100.0) for t in ticks)
    assert any(t == approx(300.0) for t in ticks)
