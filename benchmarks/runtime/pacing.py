"""Frame pacing of the renderer thread while an app handler burns 200 ms of CPU.

`python -m benchmarks.runtime.pacing [--seconds S] [--quick]`

The scene is the renderer benchmark's home page (about 400 nodes). A scripted
presenter plays a user holding the remote: every frame it sends RIGHT or
LEFT into the engine (focus moves, a poster scales, the damage is
repainted: renderer-only work, no app round trip), and every 24th frame
SELECT, whose `PRESS` event reaches an app handler that burns 200 ms of pure
Python CPU. Scenarios, each run for the same time in this process:

- `idle`: the handler does nothing (the reference);
- `busy`: the handler burns 200 ms (the GIL is held by app code);
- `busy, switch 1 ms`: same with `App(switch_interval_ms=1)` (GIL switch
  interval 1 ms instead of Python's 5 ms);
- `busy in a process`: the same burns run in a separate process (what a
  renderer process with shared-memory batches would give the renderer).

For the ticks inside burns (all ticks for `idle`) it prints the interval
between frames (mean, p95, max, against the 16.7 ms budget), how late ticks
started (the GIL wait before the thread could run), the tick's own work and
its inflation over `idle` (GIL waits inside the tick), and missed deadlines;
ratios are against `idle` of the same run. Results go to
`benchmarks/results/runtime_pacing.json`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from async_tasks import RealClock
from benchmarks.renderer._scenes import home_page
from renderer import Event, Key, PressEvent
from renderer.lowlevel import HeadlessPresenter, WindowInput
from sdk import App
from sdk.runtime import FrameTiming

RESULTS = Path(__file__).resolve().parents[1] / "results" / "runtime_pacing.json"
BUDGET_MS = 1000.0 / 60.0
BURN_MS = 200.0
SELECT_EVERY = 24


def burn(ms: float) -> None:
    """Pure-Python CPU work (holds the GIL) for `ms` milliseconds."""
    end = time.perf_counter() + ms / 1000.0
    n = 0
    while time.perf_counter() < end:
        n += sum(i * i for i in range(200))


class RemoteHeldDown(HeadlessPresenter):
    """Headless output whose 'window' sends RIGHT/LEFT every frame, SELECT every 24th."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__(width, height)
        self.frames = 0

    def poll(self) -> list[WindowInput]:
        self.frames += 1
        key = Key.RIGHT if (self.frames // 2) % 2 else Key.LEFT
        out = [WindowInput("key", int(key), 0), WindowInput("key", int(key), 2)]
        if self.frames % SELECT_EVERY == 0:
            out += [WindowInput("key", int(Key.SELECT), 0), WindowInput("key", int(Key.SELECT), 2)]
        return out


class HomeRoot:
    """The home page as a scene root; PRESS runs the (maybe busy) handler."""

    def __init__(self, clock: RealClock, burn_in_handler: bool) -> None:
        self.clock = clock
        self.burn_in_handler = burn_in_handler
        self.burns: list[tuple[float, float]] = []
        self.dirty = True
        self._sent = False

    def flush(self) -> bytes:
        if self._sent:
            return b""
        self._sent, self.dirty = True, False
        page, posters = home_page(templates=True)
        return page.focus(posters[0]).getvalue()

    def handle_events(self, events: Sequence[Event]) -> None:
        if self.burn_in_handler and any(isinstance(e, PressEvent) for e in events):
            start = self.clock.now()
            burn(BURN_MS)
            self.burns.append((start, self.clock.now()))

    def acknowledge(self, batches_applied: int) -> None: ...
    def rebuild_commands(self) -> bytes:
        return b""
    def dispose(self) -> None: ...


def _burner(stop: Any, period_s: float) -> None:
    while not stop.is_set():
        burn(BURN_MS)
        time.sleep(max(0.0, period_s - BURN_MS / 1000.0))


async def _scenario(seconds: float, burn_in_handler: bool, switch_interval_ms: float | None = None,
                    ) -> tuple[list[FrameTiming], Any, int]:
    clock = RealClock()
    root = HomeRoot(clock, burn_in_handler)
    app = App(root, (1920, 1080), clock=clock, presenter_factory=RemoteHeldDown,
              switch_interval_ms=switch_interval_ms)
    async with app:
        await asyncio.sleep(seconds)
        thread = app.renderer_thread
        assert thread is not None and thread.loop is not None
        timings = list(thread.loop.timings)
        missed = thread.missed_deadlines
    return timings, root.burns, missed


def _inside(timings: list[FrameTiming], burns: list[tuple[float, float]]) -> list[int]:
    return [i for i, t in enumerate(timings)
            if any(start <= t.now_ms <= end + BUDGET_MS for start, end in burns)]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def summarize(timings: list[FrameTiming], burns: list[tuple[float, float]] | None,
              missed: int) -> dict[str, float]:
    """Interval, lateness and work statistics of the ticks inside burns (or all)."""
    steady = timings[10:]  # the first frames build the page
    intervals = [(b.now_ms - a.now_ms, b) for a, b in itertools.pairwise(steady)]
    if burns is not None:
        picked = set(_inside(steady, burns))
        intervals = [(d, t) for i, (d, t) in enumerate(intervals) if i + 1 in picked]
    gaps = [d for d, _ in intervals]
    late = [t.late_ms for _, t in intervals]
    work = [t.work_ms for _, t in intervals]
    return {
        "frames": float(len(gaps)),
        "interval_mean_ms": statistics.fmean(gaps),
        "interval_p95_ms": _p95(gaps),
        "interval_max_ms": max(gaps),
        "late_mean_ms": statistics.fmean(late),
        "late_max_ms": max(late),
        "work_mean_ms": statistics.fmean(work),
        "work_p95_ms": _p95(work),
        "over_budget_share": sum(g > BUDGET_MS * 1.5 for g in gaps) / len(gaps),
        "missed_deadlines": float(missed),
    }


async def run(seconds: float) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    timings, _, missed = await _scenario(seconds, burn_in_handler=False)
    results["idle"] = summarize(timings, None, missed)
    timings, burns, missed = await _scenario(seconds, burn_in_handler=True)
    results["busy"] = summarize(timings, burns, missed)
    timings, burns, missed = await _scenario(seconds, burn_in_handler=True, switch_interval_ms=1)
    results["busy, switch 1 ms"] = summarize(timings, burns, missed)
    stop = multiprocessing.Event()
    burner = multiprocessing.Process(target=_burner, args=(stop, SELECT_EVERY * BUDGET_MS / 1000))
    burner.start()
    try:
        timings, _, missed = await _scenario(seconds, burn_in_handler=False)
    finally:
        stop.set()
        burner.join(10)
    results["busy in a process"] = summarize(timings, None, missed)
    return results


def report(results: dict[str, dict[str, float]]) -> str:
    idle = results["idle"]
    lines = [f"{'scenario':<20} {'frames':>6} {'mean':>7} {'p95':>7} {'max':>7} "
             f"{'late avg':>8} {'late max':>8} {'work avg':>8} {'work x':>6} {'missed':>6}"]
    for name, r in results.items():
        lines.append(
            f"{name:<20} {r['frames']:>6.0f} {r['interval_mean_ms']:>7.1f} "
            f"{r['interval_p95_ms']:>7.1f} {r['interval_max_ms']:>7.1f} "
            f"{r['late_mean_ms']:>8.2f} {r['late_max_ms']:>8.1f} {r['work_mean_ms']:>8.2f} "
            f"{r['work_mean_ms'] / idle['work_mean_ms']:>6.2f} {r['missed_deadlines']:>6.0f}")
    lines.append(f"(ms; budget {BUDGET_MS:.1f} ms per frame; 'work x' = tick work / idle tick work;"
                 " busy rows: ticks inside a 200 ms burn)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each scenario")
    parser.add_argument("--quick", action="store_true", help="1.5 s per scenario")
    args = parser.parse_args(argv)
    seconds = 1.5 if args.quick else args.seconds
    results = asyncio.run(run(seconds))
    print(report(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"seconds_per_scenario": seconds, "scenarios": results},
                                  indent=2) + "\n")
    print(f"results in {RESULTS}")


if __name__ == "__main__":
    main()
