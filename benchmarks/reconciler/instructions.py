"""App-side instructions per click, Marquee against vanilla, counted by valgrind.

Wall-clock times on a shared 2-core machine move by 20-40 % from run to run;
the number of instructions a click executes does not (hash seed fixed, no
renderer, no painting). This counts, for each operation, the instructions of
the app side only (the action and `flush()`, then `applied()`) under
`valgrind --tool=cachegrind --cache-sim=no`, as the difference between a run of
`--few` and of `--many` clicks (so start-up and imports cancel out), for the
Marquee app and the hand-written vanilla app in the same run, and prints the
ratio. Instructions are not time (a click that allocates more also misses the
cache more), so the timed benchmark (`python -m benchmarks.reconciler`) stays
the measure of the goals; this one says whether a change did less work.

    python -m benchmarks.reconciler.instructions                 # compiled build
    MARQUEE_PURE=1 python -m benchmarks.reconciler.instructions  # pure Python

Needs valgrind (`apt-get install valgrind`). About a minute per operation.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from sdk import build_info

from ._marquee import MarqueeApp
from ._vanilla import VanillaApp

_OPS = ("replace", "clear+run", "update", "swap", "select", "remove")
"""The clicks counted: each is a pair of clicks, repeated (replace: two replaces of
1,000 rows; clear+run: clearing 1,000 rows, then 1,000 new ones; update: two
updates of every 10th row; swap: two swaps; select: two selections; remove: two
removals of the fifth row)."""
_REPEATS = {"update": 10, "swap": 100, "select": 100, "remove": 40}
"""Clicks per iteration for the one-row operations (their count is small)."""


def _clicks(app: MarqueeApp | VanillaApp, op: str) -> tuple[Callable[[], None], Callable[[], None]]:
    def select(position: int) -> Callable[[], None]:
        return lambda: app.select(app.store.data[position].id)

    def remove(position: int) -> Callable[[], None]:
        return lambda: app.delete(app.store.data[position].id)

    pairs: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
        "replace": (app.run, app.run),
        "clear+run": (app.clear, app.run),
        "update": (app.update, app.update),
        "swap": (app.swap_rows, app.swap_rows),
        "select": (select(5), select(9)),
        "remove": (remove(4), remove(4)),
    }
    return pairs[op]


def _child(app_name: str, op: str, iterations: int) -> MarqueeApp | VanillaApp:
    """Run `iterations` click pairs of `op` on one app (what valgrind counts); the app."""
    app: MarqueeApp | VanillaApp = MarqueeApp() if app_name == "marquee" else VanillaApp()

    def click(action: Callable[[], None]) -> None:
        action()
        app.flush()
        app.applied()

    click(app.run)
    click(app.run)
    first, second = _clicks(app, op)
    for _ in range(iterations * _REPEATS.get(op, 1)):
        click(first)
        click(second)
    gc.collect()
    return app


def _count(app_name: str, op: str, iterations: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-m", "benchmarks.reconciler.instructions", "--child", app_name, op,
         str(iterations)],
        capture_output=True, text=True, env=env, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if found is None:
        raise RuntimeError(f"valgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_pair(app_name: str, op: str, few: int, many: int) -> float:
    """Instructions of one click pair of `op` on `app_name`."""
    spent = _count(app_name, op, many) - _count(app_name, op, few)
    return spent / ((many - few) * _REPEATS.get(op, 1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.reconciler.instructions",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--ops", default=",".join(_OPS), help=f"comma-separated, of {_OPS}")
    p.add_argument("--few", type=int, default=2)
    p.add_argument("--many", type=int, default=6)
    p.add_argument("--child", nargs=3, metavar=("APP", "OP", "N"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): nothing counted")
        return 1
    ops = [op for op in args.ops.split(",") if op]
    unknown = [op for op in ops if op not in _OPS]
    if unknown:
        p.error(f"unknown operation(s) {unknown}: choose from {_OPS}")
    if args.many <= args.few:
        p.error("--many must be larger than --few")
    print(f"Marquee build: {build_info()['label']}")
    print("app-side instructions per click pair (see _OPS), thousands")
    print(f"{'operation':<10} {'marquee':>10} {'vanilla':>10} {'ratio':>7}")
    for op in ops:
        marquee = per_pair("marquee", op, args.few, args.many)
        vanilla = per_pair("vanilla", op, args.few, args.many)
        print(f"{op:<10} {marquee / 1000:>10,.0f} {vanilla / 1000:>10,.0f} "
              f"{marquee / vanilla:>6.2f}x", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
