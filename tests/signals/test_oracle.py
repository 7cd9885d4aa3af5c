"""Property: random graphs agree with a from-scratch oracle and never over-compute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signals import batch, computed, create_root, effect, signal

# A node function takes a `get(index)` reader, so the same code drives the
# reactive graph and the oracle (which just looks values up).
NodeFn = Callable[[Callable[[int], int]], int]


def make_fn(kind: int, deps: list[int]) -> NodeFn:
    if kind == 0 or len(deps) < 3:
        return lambda get: sum(get(d) for d in deps) % 11
    first, yes, no = deps[0], deps[1], deps[2]
    # Dynamic dependencies: which branch is read depends on a value.
    return lambda get: get(yes) if get(first) % 2 == 0 else get(no) * 2 % 11


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    n_signals = draw(st.integers(1, 4))
    nodes = []
    for i in range(draw(st.integers(1, 12))):
        upstream = n_signals + i
        deps = draw(st.lists(st.integers(0, upstream - 1), min_size=1, max_size=4))
        nodes.append((draw(st.integers(0, 1)), deps))
    total = n_signals + len(nodes)
    effects = draw(
        st.lists(st.lists(st.integers(0, total - 1), min_size=1, max_size=3), max_size=4)
    )
    write = st.tuples(st.integers(0, n_signals - 1), st.integers(0, 5))
    steps = draw(st.lists(st.lists(write, min_size=1, max_size=4), min_size=1, max_size=8))
    return {"n_signals": n_signals, "nodes": nodes, "effects": effects, "steps": steps}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.randoms(use_true_random=False))
def test_random_graphs_match_the_oracle_and_run_each_computed_once_per_batch(
    spec: dict[str, Any], rnd: Any
) -> None:
    n_signals = spec["n_signals"]
    fns = [make_fn(kind, deps) for kind, deps in spec["nodes"]]
    sigs = [signal(0) for _ in range(n_signals)]
    runs = [0] * len(fns)
    effect_runs = [0] * len(spec["effects"])
    effect_seen: list[list[int]] = [[] for _ in spec["effects"]]

    nodes: list[Any] = list(sigs)

    def reactive_get(index: int) -> int:
        return nodes[index]()  # type: ignore[no-any-return]

    def make_computed(j: int) -> Any:
        def run() -> int:
            runs[j] += 1
            return fns[j](reactive_get)

        return computed(run)

    def make_effect(k: int, reads: list[int]) -> None:
        def run() -> None:
            effect_runs[k] += 1
            effect_seen[k] = [reactive_get(r) for r in reads]

        effect(run)

    def oracle() -> list[int]:
        values = [s.peek() for s in sigs]
        for fn in fns:
            values.append(fn(values.__getitem__))
        return values

    def build(dispose: Callable[[], None]) -> Callable[[], None]:
        for j in range(len(fns)):
            nodes.append(make_computed(j))
        for k, reads in enumerate(spec["effects"]):
            make_effect(k, reads)
        return dispose

    dispose = create_root(build)
    for step in spec["steps"]:
        runs[:] = [0] * len(fns)
        effect_runs[:] = [0] * len(effect_runs)
        if len(step) == 1 or rnd.random() < 0.3:
            for index, value in step:
                sigs[index].set(value)
            batched = len(step) == 1
        else:
            with batch():
                for index, value in step:
                    sigs[index].set(value)
            batched = True
        expected = oracle()
        for k, reads in enumerate(spec["effects"]):
            assert effect_seen[k] == [expected[r] for r in reads]
        assert [n() for n in nodes] == expected
        if batched:
            assert max(runs, default=0) <= 1, runs
            assert max(effect_runs, default=0) <= 1, effect_runs
    dispose()
