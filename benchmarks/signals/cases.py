"""Every case of the benchmark, its size at each scale, and how to run one.

A *scale* sets iteration counts. ``upstream`` is js-reactivity-benchmark's own
sizes (hours for the slow Python peers). ``full`` is the default: every
library does the same, smaller amount of work, so ratios stay meaningful and
the run fits in about ten minutes on two shared cores. ``quick`` is a smoke
run (well under a minute) used by the demo. Case names keep upstream's names;
the JSON result records the sizes actually run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import cellx, dynamic, kairo, sbench
from .framework import ReactiveFramework


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    kairo_iterations: int
    """Calls of ``iter()`` per timed repetition (upstream 500)."""
    repeats: int
    """Maximum repetitions kept for min-of-N (upstream 10; 5 for the dynamic graphs)."""
    budget_s: float
    """Repetitions stop early, after two, once a case has spent this long."""
    cellx_layers: dict[str, int]
    cellx_runs: int
    """Fresh graphs per cellx case; the reported time is their sum (upstream 10)."""
    sbench_count: int
    """S-bench's ``COUNT`` (upstream 100 000)."""
    dynamic_divisor: int
    """Upstream's dynamic-graph iteration counts are divided by this."""
    timeout_s: float
    """Default per library-case limit; beyond it the library "did not finish"."""
    memory_nodes: int = 10_000
    """How many nodes of each kind the memory measurement allocates."""


SCALES: dict[str, Scale] = {
    "quick": Scale(
        "quick", 1, 2, 0.2, {"cellx1000": 100, "cellx2500": 250}, 2, 1_000, 2_000, 2.0, 2_000
    ),
    "full": Scale("full", 5, 5, 2.0, {"cellx1000": 1000, "cellx2500": 2500}, 5, 5_000, 100, 20.0),
    "upstream": Scale(
        "upstream",
        500,
        10,
        float("inf"),
        {"cellx1000": 1000, "cellx2500": 2500},
        10,
        100_000,
        1,
        3600.0,
    ),
}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    suite: str
    params: dict[str, Any] = field(default_factory=dict)
    unit: str = ""
    """What the reported time covers."""


def cases_for(scale: Scale) -> list[Case]:
    """All cases in upstream's suite order, sized for ``scale``."""
    out: list[Case] = []
    for name in sbench.CASES:
        out.append(
            Case(
                name,
                "sbench",
                {"count": scale.sbench_count},
                "sum of the fastest run of each variant (create+update+dispose)",
            )
        )
    for name in kairo.CASES:
        out.append(
            Case(
                name,
                "kairo",
                {"iterations": scale.kairo_iterations},
                f"fastest {scale.kairo_iterations} x iter()",
            )
        )
    smaller = ""
    for name, layers in scale.cellx_layers.items():
        params: dict[str, Any] = {"layers": layers, "runs": scale.cellx_runs}
        if smaller:
            params["skip_if_dnf"] = smaller  # a deeper lattice cannot finish sooner
        unit = f"sum of {scale.cellx_runs} fresh {layers}-layer runs"
        out.append(Case(name, "cellx", params, unit))
        smaller = name
    for index, config in enumerate(dynamic.CONFIGS):
        iterations = max(config.iterations // scale.dynamic_divisor, 10)
        out.append(
            Case(
                config.title,
                "dynamic",
                {"config": index, "iterations": iterations},
                f"fastest run of {iterations} iterations",
            )
        )
    return out


def dynamic_expected(case: Case) -> tuple[float, int]:
    """Sum and count for a dynamic case: upstream's at upstream sizes, else the oracle's."""
    config = dynamic.CONFIGS[case.params["config"]]
    iterations = case.params["iterations"]
    if iterations == config.iterations and config.expected_sum and config.expected_count:
        return config.expected_sum, config.expected_count
    shape = dynamic.make_shape(
        config.width,
        config.total_layers,
        config.static_fraction,
        config.n_sources,
        config.read_fraction,
    )
    return dynamic.oracle(shape, iterations)


def run(fw: ReactiveFramework, case: Case, scale: Scale, expected: Any = None) -> dict[str, Any]:
    """Run one case against one framework; returns ``{"ms", "repeats"}``.

    Raises :class:`~benchmarks.signals.framework.CaseFailed` on a wrong value.
    """
    p = case.params
    if case.suite == "kairo":
        t = kairo.run_case(fw, case.name, p["iterations"], scale.repeats, scale.budget_s)
        return {"ms": t.ms, "repeats": t.repeats}
    if case.suite == "cellx":
        warmup = min(p["layers"], 1000)
        c = cellx.run_case(fw, p["layers"], p["runs"], warmup)
        return {"ms": c.ms, "repeats": c.repeats}
    if case.suite == "sbench":
        ms = sbench.run_case(fw, case.name, p["count"], scale.repeats, scale.budget_s)
        return {"ms": ms, "repeats": scale.repeats}
    config = dynamic.CONFIGS[p["config"]]
    want: tuple[float, int] = expected if expected is not None else dynamic_expected(case)
    repeats = min(scale.repeats, 5)  # upstream's dynamic graphs keep the best of 5
    d = dynamic.run_case(fw, config, p["iterations"], repeats, scale.budget_s, want)
    return {"ms": d.ms, "repeats": d.repeats, "sum": str(d.result.sum), "count": d.result.count}
