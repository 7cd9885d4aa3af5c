"""`python -m benchmarks.soak [--quick] [--only hello|catalog] [--no-heap]`: a TV left on.

hello runs for 2 virtual hours (stepped frames on a `VirtualClock`, as fast as
they render); the catalog, against the real catalog service on 127.0.0.1,
goes home -> details -> back 500 times, moving the focus one tile along a
walk of the home page's rows in between (the details of all 48 titles, so the
decoded image cache fills and evicts).

Warm-up: a minimum (hello 10 virtual minutes; the catalog two walks of the
home page, 128 navigations, and a minute idle on the home screen), then on
(hello a virtual minute at a time, the catalog 10 navigations at a time) until
every bounded structure is full or stopped changing: the frame-timing ring
buffer (`TIMING_HISTORY`), the string table, the painter's text blob cache and
the decoded and encoded image caches (see docs/runtime.md, "Memory bounds").
Filling them is bounded growth, not a leak; the report says how long the
warm-up took and whether each one was full.

Each soak runs twice, the same way: once without tracemalloc for RSS (tracing
keeps a record per live allocation: hello's RSS grew 20 MB traced where it
grew 3 MB untraced), once
with tracemalloc (started before the warm-up) for the Python heap (`--no-heap`
skips that pass). It reports RSS, the heap, the engine's Wasm memory, live
effects, nodes, tasks, timers, every per-frame structure and cache size at the
start (after warm-up) and the end, with the growth per frame / navigation,
and checks the goals: hello grows < 2 MB over the 2 hours, the catalog < 5 MB
over the 500 navigations (RSS and heap each). Exit status 1 when one is missed.
`--quick` runs 10 virtual minutes and 50 navigations after a shorter warm-up
(same goals: a smoke run).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tracemalloc
from dataclasses import replace

from ._measure import Sample
from ._scenarios import SOAKS, Soak

MB = 1024 * 1024


def _row(name: str, start: float, end: float, per: int, unit: str, scale: float = 1.0) -> str:
    growth = (end - start) / scale
    each = (end - start) / per if per else 0.0
    return f"  {name:<24}{start / scale:>14,.1f}{end / scale:>14,.1f}{growth:>+12,.2f}" \
           f"{each:>+14,.1f} B/{unit}" if scale != 1.0 else \
           f"  {name:<24}{start:>14,.0f}{end:>14,.0f}{end - start:>+12,.0f}"


def _fills(start: Sample, end: Sample) -> None:
    for name, fill in start.fills.items():
        last = end.fills.get(name, fill)
        state = "full" if fill.full else ("steady" if last == fill else "FILLING")
        print(f"  {name:<24}{fill.size:>14,}{last.size:>14,}   of {fill.bound:,}: "
              f"{state} at the start")


def report(soak: Soak, start: Sample, end: Sample) -> bool:
    """Prints one soak's table; returns whether it met its goal."""
    steps = end.step - start.step
    print(f"\n{soak.name}: {steps:,} {soak.unit}s after {start.step:,} of warm-up")
    print(f"  {'':<24}{'start':>14}{'end':>14}{'growth':>12}")
    print(_row("RSS (MB)", start.rss, end.rss, steps, soak.unit, MB))
    if start.heap or end.heap:
        print(_row("Python heap (MB)", start.heap, end.heap, steps, soak.unit, MB))
    print(_row("Wasm memory (MB)", start.wasm, end.wasm, steps, soak.unit, MB))
    print(_row("effects", start.effects, end.effects, steps, soak.unit))
    for key in sorted(set(start.lengths) | set(end.lengths)):
        print(_row(key, start.lengths.get(key, 0), end.lengths.get(key, 0), steps, soak.unit))
    _fills(start, end)
    grown = max(end.rss - start.rss, end.heap - start.heap)
    ok = grown < soak.goal_bytes
    print(f"  goal: < {soak.goal_bytes / MB:.0f} MB growth (RSS and heap): "
          f"{'met' if ok else 'MISSED'} ({grown / MB:+.2f} MB)")
    return ok


def _run(soak: Soak, quick: bool, heap: bool) -> tuple[Sample, Sample]:
    """RSS and everything else from an untraced pass; the heap from a traced one."""
    start, end = asyncio.run(soak.run(quick))
    if not heap:
        return start, end
    tracemalloc.start()
    try:
        traced_start, traced_end = asyncio.run(soak.run(quick))
    finally:
        tracemalloc.stop()
    return replace(start, heap=traced_start.heap), replace(end, heap=traced_end.heap)


def main(argv: list[str] | None = None) -> int:
    """Runs the soaks; exit status 1 when a goal is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--only", choices=sorted(SOAKS), help="run one soak")
    parser.add_argument("--no-heap", action="store_true",
                        help="skip the traced pass (no Python heap figures)")
    args = parser.parse_args(argv)
    ok = True
    for name, soak in SOAKS.items():
        if args.only and name != args.only:
            continue
        start, end = _run(soak, args.quick, not args.no_heap)
        ok = report(soak, start, end) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
