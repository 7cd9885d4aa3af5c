"""Frame work, late frames, input latency and GIL waits of one session.

Definitions (docs/frames.md):

- frame work = apply + frame + paint + present of one tick (`apply` is every
  batch and key applied since the previous tick);
- a frame is late when it was shown after its 60 Hz slot ended: the tick
  started `late_ms` after its deadline and its frame + paint + present took
  the rest of the slot; a slot the renderer skipped entirely (it started more
  than one interval late) counts as a late frame too;
- input latency = from the key's injection (its due time) to the end of
  `present()` of the first frame whose engine output moved focus after the
  key was polled;
- input latency is also split into arrow keys (the engine moves focus by
  itself) and select/back (the app thread pushes or pops a page first);
- tick CPU = the renderer thread's CPU time for frame + paint + present
  (`time.thread_time()`): the work a dedicated, uncontended core would do;
- waiting = time the renderer thread was not running although it had work:
  `late_ms` (from the deadline until its Python code ran again) plus, inside
  the tick, wall time minus the thread's CPU time.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from renderer import Key
from sdk.runtime import FrameTiming

from ._session import SessionResult

__all__ = ["INTERVAL_MS", "percentile", "summarize"]

INTERVAL_MS = 1000.0 / 60.0


def percentile(values: list[float], q: float) -> float:
    """The `q` quantile (0..1), nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _work(t: FrameTiming) -> float:
    return t.apply_ms + t.frame_ms + t.paint_ms + t.present_ms


ROUND_TRIP_KEYS = (Key.SELECT, Key.BACK)
"""Keys whose focus move needs the app thread (a page pushed or popped)."""


def _latencies(result: SessionResult, ticks: list[FrameTiming],
               ) -> tuple[list[tuple[Key, float]], int]:
    """Per key: due time to the first focus move after its poll and before the next key's."""
    moves = [t for t in ticks if t.focused]
    latencies: list[tuple[Key, float]] = []
    unmatched, i = 0, 0
    for index, key in enumerate(result.keys):
        following = result.keys[index + 1] if index + 1 < len(result.keys) else None
        while i < len(moves) and moves[i].presented_at < key.polled:
            i += 1
        if i == len(moves) or (following is not None
                               and moves[i].presented_at >= following.polled):
            unmatched += 1
            continue
        latencies.append((key.key, (moves[i].presented_at - key.due) * 1000.0))
        i += 1
    return latencies, unmatched


def _window(result: SessionResult) -> list[FrameTiming]:
    start, end = result.window
    ticks = [t for t in result.timings if start <= t.presented_at <= end]
    if not ticks:
        raise RuntimeError(f"session {result.session.name!r}: no frames inside the key window")
    return ticks


def summarize(results: Sequence[SessionResult]) -> dict[str, Any]:
    """Statistics of the ticks inside the sessions' key windows (pooled)."""
    ticks: list[FrameTiming] = []
    keyed: list[tuple[Key, float]] = []
    unmatched = 0
    for result in results:
        window = _window(result)
        ticks += window
        found, missing = _latencies(result, window)
        keyed += found
        unmatched += missing
    latencies = [ms for _, ms in keyed]
    engine_keys = [ms for key, ms in keyed if key not in ROUND_TRIP_KEYS]
    app_keys = [ms for key, ms in keyed if key in ROUND_TRIP_KEYS]
    work = [_work(t) for t in ticks]
    cpu = [t.cpu_ms for t in ticks]
    missed = sum(int(t.late_ms // INTERVAL_MS) for t in ticks if t.late_ms > INTERVAL_MS)
    late = sum(t.late_ms + t.frame_ms + t.paint_ms + t.present_ms > INTERVAL_MS for t in ticks)
    in_tick_wait = [max(0.0, t.work_ms - t.cpu_ms) for t in ticks]
    waits = [t.late_ms + w for t, w in zip(ticks, in_tick_wait, strict=True)]
    mean = statistics.fmean
    return {
        "frames": len(ticks),
        "painted_share": sum(t.painted for t in ticks) / len(ticks),
        "keys": sum(len(r.keys) for r in results),
        "frame_work_p50_ms": percentile(work, 0.5),
        "frame_work_p99_ms": percentile(work, 0.99),
        "frame_work_max_ms": max(work),
        "late_frames": late + missed,
        "missed_slots": missed,
        "late_frame_share": (late + missed) / (len(ticks) + missed),
        "input_latency_p50_ms": percentile(latencies, 0.5),
        "input_latency_p99_ms": percentile(latencies, 0.99),
        "input_latency_max_ms": max(latencies, default=0.0),
        "keys_without_focus_move": unmatched,
        "input_latency_arrows_p50_ms": percentile(engine_keys, 0.5),
        "input_latency_arrows_p99_ms": percentile(engine_keys, 0.99),
        "input_latency_select_back_p50_ms": percentile(app_keys, 0.5),
        "input_latency_select_back_p99_ms": percentile(app_keys, 0.99),
        "tick_cpu_p50_ms": percentile(cpu, 0.5),
        "tick_cpu_p99_ms": percentile(cpu, 0.99),
        "split_mean_ms": {
            "apply": mean(t.apply_ms for t in ticks),
            "frame": mean(t.frame_ms for t in ticks),
            "paint": mean(t.paint_ms for t in ticks),
            "present": mean(t.present_ms for t in ticks),
        },
        "split_p99_ms": {
            "apply": percentile([t.apply_ms for t in ticks], 0.99),
            "frame": percentile([t.frame_ms for t in ticks], 0.99),
            "paint": percentile([t.paint_ms for t in ticks], 0.99),
            "present": percentile([t.present_ms for t in ticks], 0.99),
        },
        "start_wait_mean_ms": mean(t.late_ms for t in ticks),
        "start_wait_p99_ms": percentile([t.late_ms for t in ticks], 0.99),
        "in_tick_wait_mean_ms": mean(in_tick_wait),
        "in_tick_wait_share": sum(in_tick_wait) / max(1e-9, sum(t.work_ms for t in ticks)),
        "wait_p99_ms": percentile(waits, 0.99),
        "handler_burn_ms_total": sum(sum(r.burns_ms) for r in results),
    }
