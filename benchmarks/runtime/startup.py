"""`python -m benchmarks.runtime.startup`: time to first frame, renderer thread vs process.

Each run is a fresh interpreter (`python -c`) that does what `python -m sdk
run` does (import the sdk, start a spare renderer process in process mode,
import the app, run it), so imports count as they do for a viewer starting
the app: from the interpreter's start to the first frame the renderer
reported (`App.first_frame_s` plus the time before `App.start()`). Medians of
`--runs` runs; the goal is process mode within 150 ms of thread mode.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Sequence

GOAL_EXTRA_MS = 150.0
APPS = {"hello": "apps.hello:root", "profiles": "apps.profiles:root"}

_RUN = """
import time
started = time.perf_counter()
import asyncio, importlib, json, sys
from sdk import App
from sdk.runtime import prewarm
from async_tasks import RealClock
if sys.argv[1] == "process":
    prewarm()  # as `python -m sdk run` does, before it imports the app
module, _, name = sys.argv[2].partition(":")
root = getattr(importlib.import_module(module), name)()

async def main():
    app = App(root, (1920, 1080), clock=RealClock(), headless=True, renderer_mode=sys.argv[1])
    before = time.perf_counter()
    async with app:
        await app.frame()
    print(json.dumps({"first_frame_ms": (before - started + app.first_frame_s) * 1000,
                      "in_start_ms": app.first_frame_s * 1000}))

asyncio.run(main())
"""


def first_frame(mode: str, target: str) -> dict[str, float]:
    """One fresh interpreter's time to first frame."""
    out = subprocess.run([sys.executable, "-c", _RUN, mode, target], capture_output=True,
                         text=True, check=True, timeout=120)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> None:
    """Prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'app':<10} {'thread ms':>10} {'process ms':>11} {'extra ms':>9}  goal <= "
          f"+{GOAL_EXTRA_MS:.0f}")
    for name, target in APPS.items():
        medians = {}
        for mode in ("thread", "process"):
            runs = [first_frame(mode, target)["first_frame_ms"] for _ in range(args.runs)]
            medians[mode] = statistics.median(runs)
        extra = medians["process"] - medians["thread"]
        verdict = "met" if extra <= GOAL_EXTRA_MS else "MISSED"
        print(f"{name:<10} {medians['thread']:>10.0f} {medians['process']:>11.0f} "
              f"{extra:>+9.0f}  {verdict}")


if __name__ == "__main__":
    main()
