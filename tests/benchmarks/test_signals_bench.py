"""Every benchmark case, once, at tiny sizes, against Marquee's signals.

These are correctness tests for the ``signals`` package (a fast wrong answer
is not a benchmark result) and for the harness itself: the PRNG, the cellx
arithmetic and the dynamic-graph oracle are pinned to upstream's numbers.
Nothing here asserts a timing.
"""

from __future__ import annotations

import sys

import pytest

from benchmarks.signals import cases, cellx, dynamic, kairo, runner, sbench
from benchmarks.signals.adapters import MarqueeFramework
from benchmarks.signals.framework import Counter, ReactiveFramework
from benchmarks.signals.prng import pseudo_random

TINY = cases.Scale("tiny", 1, 1, 0.0, {"cellx1000": 100, "cellx2500": 250}, 1, 1_000, 2_000, 5.0)


@pytest.fixture
def fw() -> ReactiveFramework:
    return MarqueeFramework()


def test_the_prng_reproduces_upstreams_first_outputs() -> None:
    random = pseudo_random("seed")
    assert [round(random(), 6) for _ in range(3)] == [0.837038, 0.358161, 0.121956]


def test_a_fresh_prng_starts_the_sequence_again() -> None:
    first, second = pseudo_random(), pseudo_random()
    assert [first() for _ in range(5)] == [second() for _ in range(5)]


def test_cellx_arithmetic_matches_upstreams_expected_layers() -> None:
    for layers in (1000, 2500):
        assert cellx.expected_values(layers) == ([-3, -6, -2, 2], [-2, -4, 2, 3])


@pytest.mark.parametrize("config", dynamic.CONFIGS[5:], ids=lambda c: c.title)
def test_the_dynamic_graph_oracle_reproduces_upstreams_sum_and_count(
    config: dynamic.Config,
) -> None:
    # 6-100x15 (dynamic nodes, every leaf read) takes a few seconds; all six
    # configs were checked the same way (see the README).
    shape = dynamic.make_shape(
        config.width,
        config.total_layers,
        config.static_fraction,
        config.n_sources,
        config.read_fraction,
    )
    assert dynamic.oracle(shape, config.iterations) == (config.expected_sum, config.expected_count)


def test_a_computed_doubles_its_signal(fw: ReactiveFramework) -> None:
    # upstream "simple dependency executes"
    s = fw.signal(2)
    c = fw.computed(lambda: s.read() * 2)
    assert c.read() == 4


def _graph_result(
    fw: ReactiveFramework, width: int, layers: int, static: float, read: float, iterations: int
) -> tuple[int, int]:
    shape = dynamic.make_shape(width, layers, static, 2, read)
    graph = fw.with_build(lambda: dynamic.make_graph(fw, shape))
    try:
        total = dynamic.run_graph(fw, graph, iterations)
        return total, graph.counter.count
    finally:
        fw.cleanup()


def test_a_static_graph_sums_to_16_in_11_computations(fw: ReactiveFramework) -> None:
    assert _graph_result(fw, 3, 3, 1, 1, 2) == (16, 11)


def test_a_static_graph_reading_two_thirds_of_its_leaves_skips_the_unread_one(
    fw: ReactiveFramework,
) -> None:
    # Marquee's computeds are lazy, so upstream's pull count (41) applies.
    assert _graph_result(fw, 3, 3, 1, 2 / 3, 10) == (72, 41)


def test_a_dynamic_graph_sums_to_72_in_22_computations(fw: ReactiveFramework) -> None:
    assert _graph_result(fw, 4, 2, 0.5, 1, 10) == (72, 22)


@pytest.mark.parametrize("name", list(kairo.CASES))
def test_kairo_case_gives_upstreams_values(fw: ReactiveFramework, name: str) -> None:
    kairo.run_case(fw, name, iterations=1, repeats=1, budget_s=0.0)


def test_avoidable_propagation_never_reruns_the_effect(fw: ReactiveFramework) -> None:
    #   head -> c1 -> c2 (always 0) -> c3 -> c4 -> c5 -> effect
    runs = Counter()
    iter_ = fw.with_build(lambda: kairo.avoidable_propagation(fw, runs))
    try:
        iter_()
    finally:
        fw.cleanup()
    assert runs.count == 1


@pytest.mark.parametrize("layers", [100, 250])
def test_cellx_gives_upstreams_end_values(fw: ReactiveFramework, layers: int) -> None:
    cellx.run_case(fw, layers, runs=1, warmup_layers=10)


@pytest.mark.parametrize("name", sbench.CASES)
def test_s_bench_runs_every_effect_once_per_change(fw: ReactiveFramework, name: str) -> None:
    sbench.run_case(fw, name, count=1_000, repeats=1, budget_s=0.0)


@pytest.mark.parametrize(
    "case", [c for c in cases.cases_for(TINY) if c.suite == "dynamic"], ids=lambda c: c.name
)
def test_dynamic_graph_matches_the_oracles_sum_and_count(
    fw: ReactiveFramework, case: cases.Case
) -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    cases.run(fw, case, TINY)


def test_disposing_the_build_scope_stops_its_effects(fw: ReactiveFramework) -> None:
    s = fw.signal(0)
    seen: list[int] = []
    fw.with_build(lambda: fw.effect(lambda: seen.append(s.read())))
    fw.cleanup()
    s.write(1)
    assert seen == [0]


def test_each_marquee_build_is_a_column_with_its_own_environment() -> None:
    columns = runner._columns(["marquee", "observ"], "compiled,pure")
    assert list(columns) == ["marquee", "marquee[pure]", "observ"]
    (lib, compiled_env, asked), (_, pure_env, _) = columns["marquee"], columns["marquee[pure]"]
    assert (lib, asked) == ("marquee", "compiled")
    assert compiled_env is not None and "MARQUEE_PURE" not in compiled_env
    assert pure_env is not None and pure_env["MARQUEE_PURE"] == "1"
    assert runner._columns(["marquee"], "") == {"marquee": ("marquee", None, "")}


def test_a_worker_says_which_build_it_runs() -> None:
    worker = runner.Worker("marquee", TINY, runner._build_env("pure"))
    try:
        info = worker.build_info()
    finally:
        worker.close()
    assert info["build"] == "pure" and info["label"] == "pure Python (MARQUEE_PURE=1)"
