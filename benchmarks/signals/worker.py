"""Runs one library on one case in a process of its own, so the runner can time it out.

Reads a JSON request on stdin, ``{"lib", "case", "scale", "expected"}`` or
``{"lib", "memory": true}``, and prints one JSON line: ``{"status": "ok",
"ms", "repeats", ...}``, ``{"status": "failed", "detail"}`` for a wrong value,
or ``{"status": "error", "detail"}`` for anything else.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from . import cases, memory
from .adapters import load
from .framework import CaseFailed


def handle(request: dict[str, Any]) -> dict[str, Any]:
    sys.setrecursionlimit(100_000)  # 3-5x500 pulls through 500 layers
    try:
        fw = load(request["lib"])
        if request.get("memory"):
            return {"status": "ok", **memory.bytes_per_node(fw)}
        scale = cases.SCALES[request["scale"]]
        case = next(c for c in cases.cases_for(scale) if c.name == request["case"])
        return {"status": "ok", **cases.run(fw, case, scale, request.get("expected"))}
    except CaseFailed as e:
        return {"status": "failed", "detail": str(e)}
    except Exception as e:
        traceback.print_exc()
        return {"status": "error", "detail": f"{type(e).__name__}: {e}"}


def main() -> None:
    request = json.loads(sys.stdin.read())
    print(json.dumps(handle(request)), flush=True)


if __name__ == "__main__":
    main()
