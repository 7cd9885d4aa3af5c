"""Deep graphs: first evaluations and updates never hit Python's recursion limit.

Pulls walk recursively for a bounded number of levels, then iteratively, and
a chain of never-evaluated computeds is cut short (``TooDeep``) and finished
bottom-up. These tests run under the default recursion limit, from every
place a pull can start: a plain read, ``peek``, an effect, a computed nested
in other runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from signals import Computed, Signal, batch, computed, effect, signal

DEPTH = 3000


def chain(head: Signal[int], length: int) -> list[Computed[int]]:
    nodes: list[Computed[int]] = []
    prev: Callable[[], int] = head
    for _ in range(length):
        node = (lambda p: computed(lambda: p() + 1))(prev)
        nodes.append(node)
        prev = node
    return nodes


@pytest.fixture(autouse=True)
def default_recursion_limit() -> Iterator[None]:
    """Python's default limit, whatever other tests (benchmarks) raised it to."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    yield
    sys.setrecursionlimit(previous)


def test_a_never_evaluated_chain_is_evaluated_from_a_plain_read_then_updated() -> None:
    head = signal(0)
    nodes = chain(head, DEPTH)
    assert nodes[-1]() == DEPTH
    head.set(7)
    assert nodes[-1]() == DEPTH + 7
    assert nodes[DEPTH // 2]() == DEPTH // 2 + 1 + 7


def test_a_never_evaluated_chain_is_evaluated_from_peek() -> None:
    head = signal(1)
    nodes = chain(head, DEPTH)
    assert nodes[-1].peek() == DEPTH + 1
    head.set(2)
    assert nodes[-1].peek() == DEPTH + 2


def test_an_effect_on_a_deep_chain_sees_every_write() -> None:
    head = signal(0)
    nodes = chain(head, DEPTH)
    seen: list[int] = []
    effect(lambda: seen.append(nodes[-1]()))
    head.set(1)
    with batch():
        head.set(5)
        head.set(6)
    assert seen == [DEPTH, DEPTH + 1, DEPTH + 6]


def test_each_computed_of_a_deep_chain_runs_once_per_write() -> None:
    # (The first evaluation re-runs the runs TooDeep cut short; updates do not.)
    head = signal(0)
    runs = [0]

    def make(prev: Callable[[], int]) -> Computed[int]:
        def fn() -> int:
            runs[0] += 1
            return prev() + 1

        return computed(fn)

    node: Callable[[], int] = head
    for _ in range(DEPTH):
        node = make(node)
    effect(lambda: node())
    first = runs[0]
    head.set(1)
    assert runs[0] - first == DEPTH
    head.set(2)
    assert runs[0] - first == 2 * DEPTH


def test_a_deep_chain_read_from_a_computed_nested_in_other_runs() -> None:
    head = signal(0)
    nodes = chain(head, DEPTH)
    tail = nodes[-1]
    # 80 computeds, each reading the next; the innermost reads the deep chain.
    inner: Callable[[], int] = tail
    for _ in range(80):
        inner = (lambda p: computed(lambda: p()))(inner)
    assert inner() == DEPTH
    head.set(3)
    assert inner() == DEPTH + 3


def test_a_deep_lattice_with_an_effect_on_every_node() -> None:
    layers = 1000
    start = [signal(1), signal(2), signal(3), signal(4)]
    layer: list[Any] = list(start)
    every: list[Computed[int]] = []
    for _ in range(layers):
        m = layer
        layer = [
            computed(lambda m=m: m[1]()),
            computed(lambda m=m: m[0]() - m[2]()),
            computed(lambda m=m: m[1]() + m[3]()),
            computed(lambda m=m: m[2]()),
        ]
        every.extend(layer)
    runs = [0]

    def watch(c: Computed[int]) -> None:
        def fn() -> None:
            c()
            runs[0] += 1

        effect(fn)

    for c in every:
        watch(c)
    with batch():
        for s, v in zip(start, (4, 3, 2, 1), strict=True):
            s.set(v)

    def expected(vals: tuple[int, ...]) -> tuple[int, ...]:
        p1, p2, p3, p4 = vals
        for _ in range(layers):
            p1, p2, p3, p4 = p2, p1 - p3, p2 + p4, p3
        return (p1, p2, p3, p4)

    assert tuple(c() for c in layer) == expected((4, 3, 2, 1))
    assert runs[0] <= 2 * len(every)  # each effect ran at most once per flush
