"""Min-of-N timing, after upstream's ``fastestTest``, with a time budget.

Upstream runs a fixed number of repetitions and keeps the fastest. Python
peers can be 20x slower than the fastest library, so a repetition count that
suits one would take minutes for another: here repetitions stop early, once
``min_repeats`` have run and ``budget_s`` seconds have been spent. Every
repetition does the same work, so the minimum stays comparable.

The cyclic garbage collector is collected before each repetition (upstream
calls ``gc()`` between runs) and left enabled while it runs: collection is a
real cost of allocation-heavy libraries.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Timed(Generic[T]):
    """The fastest repetition: its time in milliseconds and what it returned."""

    ms: float
    result: T
    repeats: int


def fastest(
    fn: Callable[[], T], repeats: int, budget_s: float = float("inf"), min_repeats: int = 2
) -> Timed[T]:
    """Run ``fn`` up to ``repeats`` times and keep the fastest run."""
    best: Timed[T] | None = None
    started = time.perf_counter()
    done = 0
    while done < repeats:
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        ms = (time.perf_counter() - t0) * 1000.0
        done += 1
        if best is None or ms < best.ms:
            best = Timed(ms, result, 0)
        if done >= min_repeats and time.perf_counter() - started > budget_s:
            break
    if best is None:
        raise ValueError("fastest() needs repeats >= 1")
    return Timed(best.ms, best.result, done)
