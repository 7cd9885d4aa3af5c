"""The pacing benchmark's statistics pick the ticks inside burns (synthetic timings)."""

from __future__ import annotations

import pytest

from benchmarks.runtime.pacing import report, summarize
from sdk.runtime._frame_loop import FrameTiming


def ticks(times: list[float], late: float = 0.0) -> list[FrameTiming]:
    return [FrameTiming(t, late, 1.0, True) for t in times]


def test_summarize_counts_only_ticks_inside_burns() -> None:
    warmup = [i * 16.0 for i in range(10)]
    steady = [200.0, 216.0, 232.0, 280.0, 296.0, 312.0, 328.0]
    timings = ticks(warmup + steady)
    everything = summarize(timings, None, 0)
    assert everything["frames"] == 6
    assert everything["interval_max_ms"] == 48.0
    inside = summarize(timings, [(240.0, 270.0)], 3)  # only the 232 -> 280 gap ends in it
    assert inside["frames"] == 1
    assert inside["interval_mean_ms"] == 48.0
    assert inside["over_budget_share"] == 1.0
    assert inside["missed_deadlines"] == 3
    text = report({"idle": everything, "busy": inside})
    assert "idle" in text and "busy" in text
    with pytest.raises(ValueError):
        summarize(timings, [(10_000.0, 10_001.0)], 0)  # no tick inside: no statistics
