"""Memory per row: `python -m benchmarks.reconciler.memory [--rows N]`.

Each app (Marquee, the hand-written vanilla baseline) mounts `--rows` rows
(10,000 by default) in a fresh interpreter, so nothing else lives in the
heap. The store's rows are made first and not counted: what is measured is
what the app keeps per row once the batch is flushed and applied (the engine
is not in the process: its memory is the renderer's, measured by
`benchmarks.renderer`).

Two figures per app, each from its own fresh process:

* RSS growth (`/proc/self/statm`), what the device pays;
* the tracemalloc heap growth, which names Python objects only (tracemalloc
  itself inflates RSS, hence the separate run).

The goal (issue 12) is at most 3 KB per row, and the table prints each
figure's ratio to it.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tracemalloc
from typing import Any

GOAL_BYTES = 3 * 1024
"""Issue 12: at most 3 KB per row at 10,000 rows (RSS growth and heap)."""


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def _measure(app_name: str, rows: int, trace: bool) -> int:
    """Bytes kept after mounting `rows` rows (in this process)."""
    from ._marquee import MarqueeApp
    from ._store import Store
    from ._vanilla import VanillaApp

    store = Store()
    app: Any = MarqueeApp(store) if app_name == "marquee" else VanillaApp(store)
    app.flush()
    store.run_lots() if rows == 10_000 else store.run()
    if rows not in (1_000, 10_000):
        raise SystemExit("--rows must be 1000 or 10000 (the benchmark's own operations)")
    gc.collect()
    if trace:
        tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0] if trace else _rss()
    if app_name == "marquee":
        app._publish()  # the store already holds the rows: render them
    else:
        app._replace_table()
        app._fill_detached(store.data)
    batch = app.flush()
    del batch
    gc.collect()
    after = tracemalloc.get_traced_memory()[0] if trace else _rss()
    return after - before


def _child(app_name: str, rows: int, trace: bool) -> int:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.reconciler.memory", "--child", app_name,
         "--rows", str(rows)] + (["--trace"] if trace else []),
        check=True, capture_output=True, text=True)
    return int(json.loads(out.stdout.strip().splitlines()[-1])["bytes"])


def main(argv: list[str] | None = None) -> int:
    """Measure each app in fresh processes and print bytes per row."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.reconciler.memory")
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps({"bytes": _measure(args.child, args.rows, args.trace)}))
        return 0
    print(f"memory kept per row after mounting {args.rows:,} rows (fresh process each; "
          f"goal <= {GOAL_BYTES:,} B)")
    print(f"{'app':<10}{'RSS B/row':>12}{'heap B/row':>12}{'RSS/goal':>10}{'heap/goal':>10}")
    for app_name in ("marquee", "vanilla"):
        rss = _child(app_name, args.rows, trace=False) / args.rows
        heap = _child(app_name, args.rows, trace=True) / args.rows
        print(f"{app_name:<10}{rss:>12,.0f}{heap:>12,.0f}{rss / GOAL_BYTES:>10.2f}"
              f"{heap / GOAL_BYTES:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
