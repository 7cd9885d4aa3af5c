"""The dynamic "reactively" graphs (upstream ``dependencyGraph.ts`` and ``dynamicBench.ts``).

A rectangular graph: ``width`` sources, then ``total_layers - 1`` rows of
``width`` computeds, each summing ``n_sources`` nodes of the row above. One
PRNG draw per node decides whether it is static or dynamic (a dynamic node
skips one of its sources depending on the parity of the first). One effect
reads a ``read_fraction`` of the leaves. Each iteration writes one source in
a batch and reads the leaves; the result is the sum of the leaves at the end
and ``count``, how many times computeds ran.

Upstream checks fixed sums and counts for its iteration counts. Python runs
fewer iterations, so the expected values come from :func:`oracle`, a plain
pull-based evaluator of the same graph (checked against upstream's constants
in the tests). ``count`` is compared whenever every leaf is read, or when the
framework's computeds are lazy (``test_pull_counts``), as upstream does.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from .framework import Computed, Counter, ReactiveFramework, Signal, check
from .prng import pseudo_random
from .timing import Timed, fastest


@dataclass(frozen=True, slots=True)
class Config:
    """One upstream ``TestConfig``."""

    width: int
    total_layers: int
    static_fraction: float
    n_sources: int
    read_fraction: float
    iterations: int
    expected_sum: float | None = None
    """Upstream's sum for ``iterations`` (None where upstream gives none)."""
    expected_count: int | None = None

    @property
    def title(self) -> str:
        """Upstream's ``makeTitle``: ``nSources-width x layers - dynN% - lazyN%``."""
        dyn = (
            f" - dyn{round((1 - self.static_fraction) * 100)}%" if self.static_fraction < 1 else ""
        )
        lazy = f" - lazy{round((1 - self.read_fraction) * 100)}%" if self.read_fraction < 1 else ""
        return f"{self.n_sources}-{self.width}x{self.total_layers}{dyn}{lazy}"


CONFIGS: tuple[Config, ...] = (
    Config(10, 5, 1, 2, 0.2, 600_000, 19_199_968, 3_480_000),
    Config(10, 10, 0.75, 6, 0.2, 15_000, 302_310_782_860, 1_155_000),
    Config(1000, 12, 0.95, 4, 1, 7_000, 29_355_933_696_000, 1_463_000),
    Config(1000, 5, 1, 25, 1, 3_000, 1_171_484_375_000, 732_000),
    Config(5, 500, 1, 3, 1, 500, 3.0239642676898464e241, 1_246_500),
    Config(100, 15, 0.5, 6, 1, 2_000, 15_664_996_402_790_400, 1_078_000),
)
"""Upstream's six configurations (``config.ts``), with upstream's iteration counts."""


@dataclass(frozen=True, slots=True)
class Shape:
    """Which node reads which: the part of a graph every library shares."""

    sources_of: list[list[list[int]]]
    """``sources_of[row][j]``: indices in the row above read by node ``j``."""
    dynamic: list[list[bool]]
    read_leaves: list[int]
    """Indices of the leaves the effect reads, in reading order."""


def make_shape(
    width: int, total_layers: int, static_fraction: float, n_sources: int, read_fraction: float
) -> Shape:
    """Draw the graph exactly as upstream: one PRNG draw per node, in creation order."""
    random = pseudo_random()
    sources_of: list[list[list[int]]] = []
    dynamic: list[list[bool]] = []
    for _ in range(total_layers - 1):
        sources_of.append([[(j + k) % width for k in range(n_sources)] for j in range(width)])
        dynamic.append([not (random() < static_fraction) for _ in range(width)])
    leaves = list(range(width))
    skip = _js_round(width * (1 - read_fraction))
    remover = pseudo_random()
    for _ in range(skip):
        del leaves[math.floor(remover() * len(leaves))]
    return Shape(sources_of, dynamic, leaves)


def _js_round(x: float) -> int:
    """JavaScript ``Math.round`` (halves round up), not Python's banker's rounding."""
    return math.floor(x + 0.5)


def _static_node(srcs: Sequence[Computed[int]], counter: Counter) -> Callable[[], int]:
    def fn() -> int:
        counter.count += 1
        total = 0
        for src in srcs:
            total += src.read()
        return total

    return fn


def _dynamic_node(srcs: Sequence[Computed[int]], counter: Counter) -> Callable[[], int]:
    first = srcs[0]
    tail = srcs[1:]
    n_tail = len(tail)

    def fn() -> int:
        counter.count += 1
        total = first.read()
        drop = total & 1
        drop_dex = total % n_tail
        for i, t in enumerate(tail):
            if drop and i == drop_dex:
                continue
            total += t.read()
        return total

    return fn


@dataclass(slots=True)
class Graph:
    sources: list[Signal[int]]
    read_leaves: list[Computed[int]]
    counter: Counter


def make_graph(fw: ReactiveFramework, shape: Shape) -> Graph:
    """Upstream ``makeGraph``; call inside ``fw.with_build``."""
    width = len(shape.sources_of[0]) if shape.sources_of else len(shape.read_leaves)
    counter = Counter()
    sources = [fw.signal(i) for i in range(width)]
    prev: list[Computed[int]] = [Computed(s.read) for s in sources]
    for sources_of, dynamic in zip(shape.sources_of, shape.dynamic, strict=True):
        row: list[Computed[int]] = []
        for idx, is_dynamic in zip(sources_of, dynamic, strict=True):
            srcs = [prev[i] for i in idx]
            make = _dynamic_node if is_dynamic else _static_node
            row.append(fw.computed(make(srcs, counter)))
        prev = row
    read_leaves = [prev[i] for i in shape.read_leaves]

    def effect() -> None:
        for leaf in read_leaves:
            leaf.read()

    fw.effect(effect)
    return Graph(sources, read_leaves, counter)


def run_graph(fw: ReactiveFramework, graph: Graph, iterations: int) -> int:
    """Upstream ``runGraph``: write one source per iteration, read the leaves; the leaf sum."""
    sources = graph.sources
    leaves = graph.read_leaves
    width = len(sources)
    with_batch = fw.with_batch
    for i in range(iterations):
        dex = i % width
        sig = sources[dex]
        with_batch(partial(sig.write, i + dex))
        for leaf in leaves:
            leaf.read()
    return sum(leaf.read() for leaf in leaves)


class _Node:
    """A node of the oracle: its value, what it read last time and when it changed."""

    __slots__ = ("changed_at", "dependents", "deps", "fn", "marked_at", "value", "verified_at")

    def __init__(self, value: int = 0, fn: Callable[[Callable[[_Node], int]], int] | None = None):
        self.value = value
        self.fn = fn
        self.deps: list[_Node] = []
        self.dependents: set[_Node] = set()
        self.changed_at = 0
        self.marked_at = 0
        """Last epoch when a node upstream changed: only then can this one be stale."""
        self.verified_at = -1


def _oracle_fn(srcs: list[_Node], is_dynamic: bool) -> Callable[[Callable[[_Node], int]], int]:
    if not is_dynamic:
        return lambda read: sum(read(s) for s in srcs)
    first, tail = srcs[0], srcs[1:]

    def fn(read: Callable[[_Node], int]) -> int:
        total = read(first)
        drop, drop_dex = total & 1, total % len(tail)
        for i, t in enumerate(tail):
            if not (drop and i == drop_dex):
                total += read(t)
        return total

    return fn


def _mark(source: _Node, epoch: int) -> None:
    """Mark every node downstream of ``source`` as possibly stale (the push half)."""
    stack = [source]
    while stack:
        for node in stack.pop().dependents:
            if node.marked_at != epoch:
                node.marked_at = epoch
                stack.append(node)


def oracle(
    shape: Shape, iterations: int, prior_runs: int = 1, count_build: bool = False
) -> tuple[int, int]:
    """The (sum, count) a correct lazy push-pull library gives for one ``run_graph``.

    A plain evaluator of the same graph, with pull semantics: a computed runs
    when it is read and one of the nodes it read last time (checked in order,
    each brought up to date first) changed since it was last verified; an
    equal result is not a change. ``prior_runs`` runs come first, as the
    harness warms up; ``count_build`` also counts the construction reads (the
    effect's first run), as upstream's correctness tests do.
    """
    # Pulls recurse once per layer (3-5x500 has 500 layers).
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20 * len(shape.dynamic) + 1000))
    epoch = 0
    count = 0

    def pull(node: _Node) -> int:
        nonlocal count
        fn = node.fn
        if fn is None or node.verified_at == epoch:
            return node.value
        stale = node.verified_at < 0
        if not stale and node.marked_at > node.verified_at:
            for dep in node.deps:
                pull(dep)
                if dep.changed_at > node.verified_at:
                    stale = True
                    break
        if stale:
            count += 1
            reads: list[_Node] = []

            def read(dep: _Node) -> int:
                reads.append(dep)
                return pull(dep)

            value = fn(read)
            for dep in node.deps:
                dep.dependents.discard(node)
            for dep in reads:
                dep.dependents.add(node)
            node.deps = reads
            if node.verified_at < 0 or value != node.value:
                node.changed_at = epoch
            node.value = value
        node.verified_at = epoch
        return node.value

    width = len(shape.sources_of[0]) if shape.sources_of else len(shape.read_leaves)
    sources = [_Node(i) for i in range(width)]
    prev = sources
    for sources_of, dynamic in zip(shape.sources_of, shape.dynamic, strict=True):
        prev = [
            _Node(0, _oracle_fn([prev[i] for i in idx], dyn))
            for idx, dyn in zip(sources_of, dynamic, strict=True)
        ]
    leaves = [prev[i] for i in shape.read_leaves]
    for leaf in leaves:
        pull(leaf)
    for run in range(prior_runs + 1):
        if run == prior_runs and not count_build:
            count = 0
        if run == prior_runs:
            count_build = True
        for i in range(iterations):
            dex = i % width
            epoch += 1
            if sources[dex].value != i + dex:
                sources[dex].value = i + dex
                sources[dex].changed_at = epoch
                _mark(sources[dex], epoch)
            for leaf in leaves:
                pull(leaf)
    return sum(leaf.value for leaf in leaves), count


@dataclass(frozen=True, slots=True)
class RunResult:
    sum: int
    count: int


def run_case(
    fw: ReactiveFramework,
    config: Config,
    iterations: int,
    repeats: int,
    budget_s: float,
    expected: tuple[float, int],
) -> Timed[RunResult]:
    """Upstream ``dynamicBench``: build, run ×3 to warm up, keep the fastest run; check it."""
    shape = make_shape(
        config.width,
        config.total_layers,
        config.static_fraction,
        config.n_sources,
        config.read_fraction,
    )
    graph = fw.with_build(lambda: make_graph(fw, shape))
    try:
        for _ in range(3):
            run_graph(fw, graph, iterations)

        def once() -> RunResult:
            graph.counter.count = 0
            total = run_graph(fw, graph, iterations)
            return RunResult(total, graph.counter.count)

        timed = fastest(once, repeats, budget_s)
    finally:
        fw.cleanup()
    want_sum, want_count = expected
    got = timed.result
    check(_same_sum(got.sum, want_sum), f"sum {got.sum}, expected {want_sum}")
    if config.read_fraction == 1 or fw.test_pull_counts:
        check(got.count == want_count, f"count {got.count}, expected {want_count}")
    return timed


def _same_sum(got: float, want: float) -> bool:
    """Exact for exact values; relative 1e-12 where upstream's double is rounded (1e241)."""
    return bool(got == want or abs(got - want) <= 1e-12 * abs(want))
