"""Runs the keyed operations on Marquee and on vanilla; prints and saves the comparison."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sdk import build_info

from ._ops import OPERATIONS
from ._profile import profile_app_side
from ._run import APPS, REFERENCE, Summary, run, weighted_geomean

RESULTS = Path(__file__).resolve().parents[1] / "results" / "reconciler.json"
GOAL = 1.3
"""Issue 4: end to end within 1.3x of vanilla in the weighted geometric mean."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.reconciler", description=__doc__)
    p.add_argument("--quick", action="store_true",
                   help="2 iterations, 1 warm-up: a smoke run in well under a minute")
    p.add_argument("--iterations", type=int, default=None,
                   help="fresh pages per operation and app (default 15, upstream's count)")
    p.add_argument("--ops", default="",
                   help="comma-separated operation names or prefixes (01, 05_swap1k, ...)")
    p.add_argument("--profile", action="store_true",
                   help="instead of timing, cProfile the Marquee app side of the operations "
                        "(default 01 and 03)")
    p.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"),
                   help="--profile order: own time or cumulative time")
    p.add_argument("--output", type=Path, default=None,
                   help=f"JSON results (default {RESULTS} for full runs; quick runs write "
                        "nothing unless asked, so they never replace a full result)")
    p.add_argument("--builds", default="",
                   help="comma-separated builds to measure one after the other: compiled, pure "
                        "(default: the one this process runs). A build other than this "
                        "process's runs in a subprocess (pure: with MARQUEE_PURE=1); the JSON "
                        "holds the first under the usual keys, the others under other_builds")
    p.add_argument("--as-build", default="", help=argparse.SUPPRESS)  # set for the subprocess
    return p.parse_args(argv)


def _select(spec: str, default: tuple[str, ...] = ()) -> list[Any]:
    wanted = [s.strip() for s in spec.split(",") if s.strip()] or list(default)
    if not wanted:
        return list(OPERATIONS)
    chosen = [op for op in OPERATIONS if any(op.name.startswith(w) for w in wanted)]
    unknown = [w for w in wanted if not any(op.name.startswith(w) for op in OPERATIONS)]
    if unknown:
        names = ", ".join(op.name for op in OPERATIONS)
        raise SystemExit(f"unknown operation(s) {', '.join(unknown)}; known: {names}")
    return chosen


def _ms(value: float) -> str:
    return f"{value:9.2f}"


def print_tables(results: dict[str, dict[str, Summary]]) -> dict[str, dict[str, float]]:
    """Print the time and size tables; return the ratios per operation."""
    ratios: dict[str, dict[str, float]] = {"total": {}, "app": {}, "renderer": {}}
    print("median ms per click (app = action + flush; renderer = apply + frame + paint)")
    print(f"{'operation':<24}{'M app':>9}{'M rend':>9}{'M total':>9}{'V app':>9}{'V rend':>9}"
          f"{'V total':>9}{'x total':>9}{'x app':>8}{'x rend':>8}  keyed")
    for name, per_app in results.items():
        m, v = per_app["marquee"], per_app[REFERENCE]
        row = {what: (m.median(f"{what}_ms"), v.median(f"{what}_ms"))
               for what in ("app", "renderer", "total")}
        for what, (mine, ref) in row.items():
            ratios[what][name] = mine / ref
        problems = sorted({p for s in (m, v) for sample in s.samples for p in sample.problems})
        print(f"{name:<24}{_ms(row['app'][0])}{_ms(row['renderer'][0])}{_ms(row['total'][0])}"
              f"{_ms(row['app'][1])}{_ms(row['renderer'][1])}{_ms(row['total'][1])}"
              f"{ratios['total'][name]:9.2f}{ratios['app'][name]:8.2f}"
              f"{ratios['renderer'][name]:8.2f}  {'ok' if not problems else 'FAIL'}")
        for problem in problems:
            print(f"    keyed rule broken: {problem}")
    geo = {what: weighted_geomean(r) for what, r in ratios.items()}
    print(f"{'weighted geometric mean':<78}{geo['total']:9.2f}{geo['app']:8.2f}"
          f"{geo['renderer']:8.2f}")
    best = {name: per_app["marquee"].least("total_ms") / per_app[REFERENCE].least("total_ms")
            for name, per_app in results.items()}
    geo["total_of_min"] = weighted_geomean(best)
    print(f"{'weighted geometric mean of the best (min) totals':<78}"
          f"{geo['total_of_min']:9.2f}")
    ratios["total_of_min"] = best
    verdict = "meets" if geo["total"] <= GOAL else "misses"
    print(f"end to end: Marquee is x{geo['total']:.2f} of vanilla ({verdict} the x{GOAL} goal); "
          f"app side x{geo['app']:.2f}")
    print()
    print("commands / bytes per measured click, and commands by opcode (Marquee | vanilla)")
    for name, per_app in results.items():
        ms, vs = (per_app[a].samples[-1] for a in ("marquee", REFERENCE))
        ops = sorted(set(ms.commands) | set(vs.commands))
        detail = ", ".join(f"{op} {ms.commands[op]}|{vs.commands[op]}" for op in ops)
        print(f"{name:<24}{sum(ms.commands.values()):>7}|{sum(vs.commands.values()):<7}"
              f"{ms.size:>9}|{vs.size:<9} {detail}")
    return {what: {**r, "weighted_geomean": geo[what]} for what, r in ratios.items()}


def _commit() -> str:
    """The checked-out commit (the sdk measured; other agents may have uncommitted edits)."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=False, cwd=Path(__file__).parent)
    except OSError:
        return ""
    return done.stdout.strip()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run the operations on this process's build, print the tables; the JSON document."""
    warmups = 1 if args.quick else None
    iterations = args.iterations or (2 if args.quick else 15)
    operations = _select(args.ops)
    started = time.perf_counter()
    results = run(operations, tuple(APPS), iterations, warmups,
                  progress=lambda line: print(line, file=sys.stderr, flush=True))
    print()
    build = build_info()
    print(f"Marquee build: {build['label']}")
    ratios = print_tables(results)
    return {
        "about": "js-framework-benchmark keyed operations; medians of fresh pages; "
                 "ratios are marquee / vanilla",
        "commit": _commit(), "python": platform.python_version(), "machine": platform.machine(),
        "build": build, "iterations": iterations, "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 1),
        "ratios": ratios,
        "operations": {name: {app: s.as_json() for app, s in per_app.items()}
                       for name, per_app in results.items()},
    }


BUILDS = ("compiled", "pure")


def _builds(spec: str, here: str) -> list[str]:
    builds = [b.strip() for b in spec.split(",") if b.strip()]
    if not builds:
        return [here]
    unknown = [b for b in builds if b not in BUILDS]
    if unknown:
        raise SystemExit(f"unknown build(s) {', '.join(unknown)}; known: {', '.join(BUILDS)}")
    return builds


def measure_elsewhere(build: str, argv: list[str]) -> dict[str, Any]:
    """Run this benchmark on `build` in a subprocess (its tables print as they come)."""
    env = {k: v for k, v in os.environ.items() if k != "MARQUEE_PURE"}
    if build == "pure":
        env["MARQUEE_PURE"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build.json"
        cmd = [sys.executable, "-m", "benchmarks.reconciler", *argv, "--as-build", build,
               "--output", str(out)]
        print(f"\n== the {build} build, in a subprocess ==", flush=True)
        subprocess.run(cmd, env=env, check=True)
        document: dict[str, Any] = json.loads(out.read_text())
    return document


def _forwarded(argv: list[str]) -> list[str]:
    """`argv` without --builds and --output (the subprocess gets its own)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--builds", "--output"):
            skip = True
        elif not arg.startswith(("--builds=", "--output=")):
            out.append(arg)
    return out


def compare_builds(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Print and return each build's app side and the app-time ratios between builds."""
    first, *others = documents
    base = documents[first]["operations"]
    comparison: dict[str, Any] = {"app_side_x_vanilla": {}, f"app_time_x_{first}": {}}
    print("\nbuilds side by side (app side = Marquee app time / vanilla's, weighted geomean)")
    for build, document in documents.items():
        app_side = document["ratios"]["app"]["weighted_geomean"]
        comparison["app_side_x_vanilla"][build] = app_side
        line = f"  {build:<9} {document['build']['label']:<44} app side x{app_side:.2f}"
        if build in others:
            ops = document["operations"]
            ratio = weighted_geomean({op: ops[op]["marquee"]["app_ms"]
                                      / base[op]["marquee"]["app_ms"] for op in base})
            comparison[f"app_time_x_{first}"][build] = ratio
            line += f"; its app time is x{ratio:.2f} of the {first} build's"
        print(line)
    return comparison


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.profile:
        warmups = 1 if args.quick else None
        for operation in _select(args.ops, ("01", "03")):
            print(f"== {operation.name}: Marquee app side (action + flush), by {args.sort} ==")
            print(profile_app_side(operation, operation.warmups if warmups is None else warmups,
                                   sort=args.sort))
        return
    here = build_info()["build"]
    if args.as_build and args.as_build != here:
        raise SystemExit(f"the {args.as_build} build was asked for, but this process runs "
                         f"{build_info()['label']}: build it with `./dev setup`")
    builds = [args.as_build] if args.as_build else _builds(args.builds, here)
    forwarded = _forwarded(sys.argv[1:] if argv is None else argv)
    documents = {build: measure(args) if build == here else measure_elsewhere(build, forwarded)
                 for build in builds}
    document = documents[builds[0]]
    if len(builds) > 1:
        document["other_builds"] = {b: documents[b] for b in builds[1:]}
        document["builds_compared"] = compare_builds(documents)
    output = args.output or (None if args.quick else RESULTS)
    if output is None:
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=2) + "\n")
    print(f"results written to {output}")


if __name__ == "__main__":
    main()
