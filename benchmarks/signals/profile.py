"""Where the time goes: profile one library on some cases with cProfile.

    python -m benchmarks.signals.profile updateSignals broadPropagation --lib marquee

Runs each case once at the full scale's sizes (budget 0, so two repetitions)
under :mod:`cProfile` and prints the functions with the most own time. The
adapter and harness frames are listed too; read past them to the library's.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys

from . import cases
from .adapters import load


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.signals.profile")
    p.add_argument("cases", nargs="+", help="case names (see the table)")
    p.add_argument("--lib", default="marquee")
    p.add_argument("--scale", default="full", choices=sorted(cases.SCALES))
    p.add_argument("--top", type=int, default=15, help="how many functions to list")
    args = p.parse_args(argv)
    sys.setrecursionlimit(100_000)
    scale = cases.SCALES[args.scale]
    by_name = {c.name: c for c in cases.cases_for(scale)}
    fw = load(args.lib)
    for name in args.cases:
        case = by_name[name]
        profiler = cProfile.Profile()
        profiler.enable()
        cases.run(fw, case, scale)
        profiler.disable()
        print(f"\n=== {args.lib} / {name} ({case.unit}) ===")
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
