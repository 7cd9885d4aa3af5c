"""The cellx benchmark (upstream ``cellxBench.ts``, after Riim/cellx ``perf/perf.html``).

Four sources feed ``layers`` layers of four computeds each; every computed
has its own effect. The timed part reads the four end nodes, writes all four
sources in one batch and reads the end nodes again. Each run builds a fresh
graph; the reported time is the sum of the timed parts of all runs.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass

from .framework import Computed, ReactiveFramework, Signal, check

Layer = tuple[Computed[int], Computed[int], Computed[int], Computed[int]]


@dataclass(frozen=True, slots=True)
class CellxResult:
    ms: float
    repeats: int


def expected_values(layers: int) -> tuple[list[int], list[int]]:
    """The end values before and after the writes, by plain (non-reactive) arithmetic.

    Upstream hard-codes them for 1000 and 2500 layers:
    ``[-3, -6, -2, 2]`` and ``[-2, -4, 2, 3]``; this reproduces those.
    """

    def run(p1: int, p2: int, p3: int, p4: int) -> list[int]:
        for _ in range(layers):
            p1, p2, p3, p4 = p2, p1 - p3, p2 + p4, p3
        return [p1, p2, p3, p4]

    return run(1, 2, 3, 4), run(4, 3, 2, 1)


def _layer(fw: ReactiveFramework, m: Layer) -> Layer:
    m1, m2, m3, m4 = m
    s = (
        fw.computed(lambda: m2.read()),
        fw.computed(lambda: m1.read() - m3.read()),
        fw.computed(lambda: m2.read() + m4.read()),
        fw.computed(lambda: m3.read()),
    )
    for node in s:
        fw.effect(node.read)
    return s


def run_once(fw: ReactiveFramework, layers: int) -> float:
    """Build a fresh graph, time one read-write-read pass, check it; milliseconds."""

    def build() -> tuple[list[Signal[int]], Layer]:
        start = [fw.signal(1), fw.signal(2), fw.signal(3), fw.signal(4)]
        layer: Layer = (
            Computed(start[0].read),
            Computed(start[1].read),
            Computed(start[2].read),
            Computed(start[3].read),
        )
        for _ in range(layers):
            layer = _layer(fw, layer)
        return start, layer

    start, end = fw.with_build(build)

    def write_all() -> None:
        for sig, value in zip(start, (4, 3, 2, 1), strict=True):
            sig.write(value)

    t0 = time.perf_counter()
    before = [end[0].read(), end[1].read(), end[2].read(), end[3].read()]
    fw.with_batch(write_all)
    after = [end[0].read(), end[1].read(), end[2].read(), end[3].read()]
    ms = (time.perf_counter() - t0) * 1000.0

    fw.cleanup()
    gc.collect()
    want_before, want_after = expected_values(layers)
    check(before == want_before, f"end layer before {before}, expected {want_before}")
    check(after == want_after, f"end layer after {after}, expected {want_after}")
    return ms


def run_case(fw: ReactiveFramework, layers: int, runs: int, warmup_layers: int) -> CellxResult:
    """Upstream protocol: one warm-up run, then the sum of ``runs`` fresh runs."""
    run_once(fw, warmup_layers)
    return CellxResult(sum(run_once(fw, layers) for _ in range(runs)), runs)
