"""Measure the operations on both apps: fresh page per iteration, apps alternating."""

from __future__ import annotations

import gc
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from renderer import FontSet, OffscreenSurface

from ._keyed import violations
from ._marquee import MarqueeApp
from ._ops import OPERATIONS, Operation
from ._page import App, Page, opcode_bytes, opcode_counts
from ._vanilla import VanillaApp

APPS: dict[str, Callable[[], App]] = {"marquee": MarqueeApp, "vanilla": VanillaApp}
REFERENCE = "vanilla"


@dataclass
class Sample:
    """One measured click."""

    app_ms: float
    renderer_ms: float
    commands: Counter[str]
    bytes_by_op: Counter[str]
    size: int
    problems: list[str]


@dataclass
class Summary:
    """All iterations of one operation on one app."""

    samples: list[Sample] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(s, what) if what != "total_ms" else
                                 s.app_ms + s.renderer_ms for s in self.samples)

    def least(self, what: str) -> float:
        return min(getattr(s, what) if what != "total_ms" else s.app_ms + s.renderer_ms
                   for s in self.samples)

    def as_json(self) -> dict[str, Any]:
        last = self.samples[-1]
        out: dict[str, Any] = {}
        for what in ("app_ms", "renderer_ms", "total_ms"):
            out[what] = round(self.median(what), 4)
            out[what.replace("_ms", "_min_ms")] = round(self.least(what), 4)
        out.update(iterations=len(self.samples), commands=sum(last.commands.values()),
                   bytes=last.size, commands_by_opcode=dict(sorted(last.commands.items())),
                   bytes_by_opcode=dict(sorted(last.bytes_by_op.items())),
                   keyed_problems=sorted({p for s in self.samples for p in s.problems}))
        return out


def measure(operation: Operation, make_app: Callable[[], App], warmups: int, fonts: FontSet,
            surface: OffscreenSurface) -> Sample:
    """One iteration: a fresh page, the precondition, the measured click, the checks."""
    page = Page(make_app(), fonts, surface)
    try:
        operation.init(page, warmups)
        action = operation.click(page)
        before = page.scene()
        gc.collect()
        step = page.step(action)
        after = page.scene()
        operation.check(page, warmups)
        counts = opcode_counts(step.batch)
        problems = violations(operation.name, before, after, step.batch, counts)
        return Sample(step.app_ms, step.renderer_ms, counts, opcode_bytes(step.batch),
                      len(step.batch), problems)
    finally:
        page.close()


def run(operations: Sequence[Operation] = OPERATIONS, apps: Sequence[str] = tuple(APPS),
        iterations: int = 15, warmups: int | None = None,
        progress: Callable[[str], None] = lambda line: None
        ) -> dict[str, dict[str, Summary]]:
    """{operation: {app: Summary}}; `warmups` overrides upstream's counts (for quick runs)."""
    fonts = FontSet()
    results: dict[str, dict[str, Summary]] = {}
    with OffscreenSurface(1920, 1080) as surface:
        for operation in operations:
            per_app = results.setdefault(operation.name, {name: Summary() for name in apps})
            count = operation.warmups if warmups is None else min(warmups, operation.warmups)
            for i in range(iterations):
                order = list(apps) if i % 2 == 0 else list(reversed(apps))
                for name in order:
                    per_app[name].samples.append(
                        measure(operation, APPS[name], count, fonts, surface))
            progress(f"{operation.name}: " + ", ".join(
                f"{name} {per_app[name].median('total_ms'):.1f} ms" for name in apps))
    return results


def weighted_geomean(ratios: dict[str, float]) -> float:
    """Upstream's score: exp(sum w ln r / sum w) over the operations present."""
    weights = {op.name: op.weight for op in OPERATIONS}
    total = sum(weights[name] for name in ratios)
    return math.exp(sum(weights[name] * math.log(r) for name, r in ratios.items()) / total)
