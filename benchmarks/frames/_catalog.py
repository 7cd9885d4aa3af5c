"""The catalog scenario: the catalog app's scripted session (`apps.catalog.demo`), per transport.

Profiles, home with every poster loading over HTTP from the local service,
down/right across the rails, a title's details (backdrop), back. The number
that matters is the painted-frame work p95: images are drawn for the first
time here, which is where scaling them to display size costs.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from pathlib import Path
from typing import Any

from apps.catalog.demo import session

__all__ = ["GOAL_P95_MS", "catalog_scenario"]

GOAL_P95_MS = 8.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


def catalog_scenario(transport: str, size: tuple[int, int] = (1920, 1080)) -> dict[str, Any]:
    """One catalog session with the renderer on a `transport`: its painted-frame statistics."""
    with tempfile.TemporaryDirectory(prefix="marquee-catalog-") as folder:
        result = asyncio.run(session(Path(folder), size, renderer_mode=transport))
    painted = [t.work_ms for t in result.timings if t.painted]
    return {
        "frames": len(result.timings),
        "painted": len(painted),
        "painted_work_p50_ms": statistics.median(painted) if painted else 0.0,
        "painted_work_p95_ms": _percentile(painted, 0.95),
        "painted_work_max_ms": max(painted, default=0.0),
        "missed_deadlines": result.missed_deadlines,
    }
