"""Runs cases for one library in a process of its own, so the runner can time each out.

Reads JSON requests on stdin, one a line: ``{"lib", "scale", "case",
"expected": [sum, count] | null}``, ``{"lib", "memory": <nodes of each
kind>}`` or ``{"build_info": true}`` (which Marquee build runs here), and
answers each with one JSON line: ``{"case", "status": "ok", "ms",
"repeats", ...}``, ``{"status": "failed", "detail"}`` for a wrong value,
``{"status": "error", "detail"}`` for anything else, or the build info.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from . import cases, memory
from .adapters import load
from .framework import CaseFailed, ReactiveFramework


def _number(text: str) -> int | float:
    """Expected sums travel as strings: exact ints, or upstream's rounded double (1e241)."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def run_one(
    fw: ReactiveFramework, case: cases.Case, scale: cases.Scale, expected: Any
) -> dict[str, Any]:
    try:
        want = None if expected is None else (_number(expected[0]), int(expected[1]))
        return {"status": "ok", **cases.run(fw, case, scale, want)}
    except CaseFailed as e:
        return {"status": "failed", "detail": str(e)}
    except Exception as e:
        traceback.print_exc()
        return {"status": "error", "detail": f"{type(e).__name__}: {e}"}


def marquee_build() -> dict[str, Any]:
    """Which build of Marquee's signals this process loads (compiled or pure)."""
    import signals  # noqa: F401  (loads the modules build_info reports on)
    from renderer.lowlevel import build_info

    return build_info()


def main() -> None:
    sys.setrecursionlimit(100_000)  # 3-5x500 pulls through 500 layers
    frameworks: dict[str, ReactiveFramework] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("build_info"):
            print(json.dumps(marquee_build()), flush=True)
            continue
        lib = request["lib"]
        fw = frameworks.get(lib) or frameworks.setdefault(lib, load(lib))
        if request.get("memory"):
            nodes = int(request["memory"])
            reply = {"status": "ok", **memory.bytes_per_node(fw, nodes)}
        else:
            scale = cases.SCALES[request["scale"]]
            case = next(c for c in cases.cases_for(scale) if c.name == request["case"])
            reply = {"case": case.name, **run_one(fw, case, scale, request.get("expected"))}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
