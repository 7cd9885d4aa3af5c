"""Memory per node: allocate many signals, computeds and effects, divide the growth.

Measured with :mod:`tracemalloc` on the library's native objects (not the
benchmark's handles). The functions a computed or effect runs are created
before the first snapshot, so only the library's own bookkeeping counts:
the node, its dependency edges (every computed and effect reads one signal)
and any scope registration. Effects are created inside a build scope.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

from .framework import ReactiveFramework

N = 10_000


def _grown(make: Callable[[], list[Any]]) -> tuple[float, list[Any]]:
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    keep = make()
    gc.collect()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (after - before) / len(keep), keep


def bytes_per_node(fw: ReactiveFramework, n: int = N) -> dict[str, float]:
    """Bytes per signal, per computed (read once) and per effect, for ``fw``."""
    source = fw.native_signal(0)
    read_source: Callable[[], Any] = source if callable(source) else (lambda: source["value"])
    fns = [(lambda: read_source()) for _ in range(n)]
    slots: list[Any] = [None] * n

    def signals() -> list[Any]:
        for i in range(n):
            slots[i] = fw.native_signal(i)
        return slots

    per_signal, _ = _grown(signals)
    slots = [None] * n

    def computeds() -> list[Any]:
        for i in range(n):
            c = fw.native_computed(fns[i])
            c()
            slots[i] = c
        return slots

    per_computed, _ = _grown(computeds)
    slots = [None] * n

    def effects() -> list[Any]:
        def build() -> list[Any]:
            for i in range(n):
                slots[i] = fw.native_effect(fns[i])
            return slots

        return fw.with_build(build)

    per_effect, _ = _grown(effects)
    fw.cleanup()
    return {"signal": per_signal, "computed": per_computed, "effect": per_effect}
