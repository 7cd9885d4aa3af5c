"""S-bench (upstream ``sBench.ts``, after Solid's ``bench.cjs``): creation, update, disposal.

``run(fn, n, scount)`` builds ``scount`` signals inside a build scope, reads
each three times, then starts the clock, calls ``fn(n, sources)`` (which
creates effects), calls the ``update()`` it returns, disposes of the scope
and stops the clock. Upstream uses ``COUNT = 1e5``; the port takes ``count``
as a parameter so a Python run stays short. A "computation" is an effect.

Every variant checks its work: effects count their runs, and the number of
runs must equal the number created plus one per effect per write (each
write changes the value, so no cut-off applies).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial

from .framework import Counter, ReactiveFramework, Signal, check

Update = Callable[[], None]
Variant = Callable[[ReactiveFramework, int, list[Signal[int]], Counter], tuple[Update, int]]
"""Creates effects; returns ``update()`` and how many effect runs to expect in all."""


def _noop() -> None:
    pass


def _effect0(fw: ReactiveFramework, runs: Counter, i: int) -> None:
    def fn() -> int:
        runs.count += 1
        return i

    fw.effect(fn)


def _effect1(fw: ReactiveFramework, runs: Counter, s1: Callable[[], int]) -> None:
    def fn() -> int:
        runs.count += 1
        return s1()

    fw.effect(fn)


def _effect2(
    fw: ReactiveFramework, runs: Counter, s1: Callable[[], int], s2: Callable[[], int]
) -> None:
    def fn() -> int:
        runs.count += 1
        return s1() + s2()

    fw.effect(fn)


def _effect4(fw: ReactiveFramework, runs: Counter, s: list[Callable[[], int]]) -> None:
    s1, s2, s3, s4 = s

    def fn() -> int:
        runs.count += 1
        return s1() + s2() + s3() + s4()

    fw.effect(fn)


def _effect1000(
    fw: ReactiveFramework, runs: Counter, sources: list[Signal[int]], offset: int
) -> None:
    reads = [s.read for s in sources[offset : offset + 1000]]

    def fn() -> int:
        runs.count += 1
        total = 0
        for read in reads:
            total += read()
        return total

    fw.effect(fn)


def create_signals(
    fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
) -> tuple[Update, int]:
    for i in range(n):
        sources.append(fw.signal(i))
    return _noop, 0


def create0to1(
    fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
) -> tuple[Update, int]:
    for i in range(n):
        _effect0(fw, runs, i)
    return _noop, n


def _create1toK(k: int) -> Variant:
    def variant(
        fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
    ) -> tuple[Update, int]:
        for i in range(n // k):
            read = sources[i].read
            for _ in range(k):
                _effect1(fw, runs, read)
        return _noop, (n // k) * k

    variant.__name__ = f"create1to{k}"
    return variant


def create2to1(
    fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
) -> tuple[Update, int]:
    for i in range(n):
        _effect2(fw, runs, sources[i * 2].read, sources[i * 2 + 1].read)
    return _noop, n


def create4to1(
    fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
) -> tuple[Update, int]:
    for i in range(n):
        _effect4(fw, runs, [s.read for s in sources[i * 4 : i * 4 + 4]])
    return _noop, n


def create1000to1(
    fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
) -> tuple[Update, int]:
    for i in range(n):
        _effect1000(fw, runs, sources, i * 1000)
    return _noop, n


def _writes(fw: ReactiveFramework, source: Signal[int], n: int) -> Update:
    write = source.write
    with_batch = fw.with_batch

    def update() -> None:
        # Start at 1: the source holds 0, and every write must change it.
        for i in range(1, n + 1):
            with_batch(partial(write, i))

    return update


def _updateKto1(k: int) -> Variant:
    def variant(
        fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
    ) -> tuple[Update, int]:
        if k == 1:
            _effect1(fw, runs, sources[0].read)
        elif k == 2:
            _effect2(fw, runs, sources[0].read, sources[1].read)
        elif k == 4:
            _effect4(fw, runs, [s.read for s in sources[:4]])
        else:
            _effect1000(fw, runs, sources, 0)
        return _writes(fw, sources[0], n), 1 + n

    variant.__name__ = f"update{k}to1"
    return variant


def _update1toK(k: int, writes_divisor: int = 1) -> Variant:
    def variant(
        fw: ReactiveFramework, n: int, sources: list[Signal[int]], runs: Counter
    ) -> tuple[Update, int]:
        for _ in range(k):
            _effect1(fw, runs, sources[0].read)
        writes = n // writes_divisor
        return _writes(fw, sources[0], writes), k * (1 + writes)

    variant.__name__ = f"update1to{k}"
    return variant


def plan(count: int) -> dict[str, list[tuple[Variant, int, int]]]:
    """Upstream's logged tests: each is a sum of runs ``(variant, n, scount)``."""
    return {
        "createSignals": [(create_signals, count, 0)],
        "createComputations": [
            (create0to1, count, 0),
            (_create1toK(1), count, count),
            (create2to1, count // 2, count),
            (create4to1, count // 4, count),
            (create1000to1, count // 1000, count),
            (_create1toK(2), count, count // 2),
            (_create1toK(4), count, count // 4),
            (_create1toK(8), count, count // 8),
            (_create1toK(1000), count, count // 1000),
        ],
        "updateSignals": [
            (_updateKto1(1), count * 4, 1),
            (_updateKto1(2), count * 2, 2),
            (_updateKto1(4), count, 4),
            (_updateKto1(1000), count // 250, 1000),
            (_update1toK(2), count, 1),
            (_update1toK(4), count, 1),
            (_update1toK(1000, writes_divisor=10), count, 1),
        ],
    }


def _timed_run(fw: ReactiveFramework, variant: Variant, n: int, scount: int) -> float:
    runs = Counter()
    sources: list[Signal[int]] = []
    expected_runs = 0
    t0 = 0.0

    def build() -> Update:
        nonlocal expected_runs, t0
        for i in range(scount):
            sources.append(fw.signal(i))
        for s in sources:
            s.read()
            s.read()
            s.read()
        t0 = time.perf_counter()
        update, expected_runs = variant(fw, n, sources, runs)
        return update

    fw.with_build(build)()
    fw.cleanup()
    ms = (time.perf_counter() - t0) * 1000.0
    check(
        runs.count == expected_runs,
        f"{variant.__name__}: {runs.count} effect runs, expected {expected_runs}",
    )
    return ms


def run_variant(
    fw: ReactiveFramework, variant: Variant, n: int, scount: int, repeats: int, budget_s: float
) -> float:
    """Upstream ``run``: three warm-ups at ``n/100``, then the fastest of ``repeats``."""
    for _ in range(3):
        _timed_run(fw, variant, max(n // 100, 1), scount)
    best = float("inf")
    started = time.perf_counter()
    for done in range(1, repeats + 1):
        gc.collect()
        best = min(best, _timed_run(fw, variant, n, scount))
        if done >= 2 and time.perf_counter() - started > budget_s:
            break
    return best


def run_case(fw: ReactiveFramework, name: str, count: int, repeats: int, budget_s: float) -> float:
    """One logged S-bench test: the sum of the fastest time of each of its runs."""
    runs = plan(count)[name]
    return sum(run_variant(fw, v, n, sc, repeats, budget_s / len(runs)) for v, n, sc in runs)


CASES = ("createSignals", "createComputations", "updateSignals")
