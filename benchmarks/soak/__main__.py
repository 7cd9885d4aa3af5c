"""`python -m benchmarks.soak [--quick] [--only hello|catalog]`: a TV left on.

hello runs for 2 virtual hours (stepped frames on a `VirtualClock`, as fast as
they render); the catalog, against the real catalog service on 127.0.0.1,
goes home -> details -> back 500 times. Each reports RSS, the Python heap
(tracemalloc, started before the warm-up), the engine's Wasm memory, live
tasks, effects and nodes at the start (after warm-up) and the end, with the
growth per frame / per navigation, and checks the goals: hello grows < 2 MB
over the 2 hours, the catalog < 5 MB over the 500 navigations.
`--quick` runs 10 virtual minutes and 50 navigations (same goals, prorated
no further: a smoke run).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tracemalloc

from ._measure import Sample
from ._scenarios import SOAKS, Soak

MB = 1024 * 1024


def _row(name: str, start: float, end: float, per: int, unit: str, scale: float = 1.0) -> str:
    growth = (end - start) / scale
    each = (end - start) / per if per else 0.0
    return f"  {name:<24}{start / scale:>14,.1f}{end / scale:>14,.1f}{growth:>+12,.2f}" \
           f"{each:>+14,.1f} B/{unit}" if scale != 1.0 else \
           f"  {name:<24}{start:>14,.0f}{end:>14,.0f}{end - start:>+12,.0f}"


def report(soak: Soak, start: Sample, end: Sample) -> bool:
    """Prints one soak's table; returns whether it met its goal."""
    steps = end.step - start.step
    print(f"\n{soak.name}: {steps:,} {soak.unit}s after {start.step:,} of warm-up")
    print(f"  {'':<24}{'start':>14}{'end':>14}{'growth':>12}")
    print(_row("RSS (MB)", start.rss, end.rss, steps, soak.unit, MB))
    print(_row("Python heap (MB)", start.heap, end.heap, steps, soak.unit, MB))
    print(_row("Wasm memory (MB)", start.wasm, end.wasm, steps, soak.unit, MB))
    print(_row("effects", start.effects, end.effects, steps, soak.unit))
    for key in sorted(set(start.lengths) | set(end.lengths)):
        print(_row(key, start.lengths.get(key, 0), end.lengths.get(key, 0), steps, soak.unit))
    grown = max(end.rss - start.rss, end.heap - start.heap)
    ok = grown < soak.goal_bytes
    print(f"  goal: < {soak.goal_bytes / MB:.0f} MB growth (RSS and heap): "
          f"{'met' if ok else 'MISSED'} ({grown / MB:+.2f} MB)")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Runs the soaks; exit status 1 when a goal is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--only", choices=sorted(SOAKS), help="run one soak")
    args = parser.parse_args(argv)
    ok = True
    for name, soak in SOAKS.items():
        if args.only and name != args.only:
            continue
        tracemalloc.start()
        try:
            start, end = asyncio.run(soak.run(args.quick))
        finally:
            tracemalloc.stop()
        ok = report(soak, start, end) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
