"""The size budget of the compiled engine (issue 18): at most 310 KB raw and 103 KB gzip -9
(KB = 1000 bytes, as `benchmarks/renderer` reports them). The world-text item may raise it
to the issue's 320 / 106 KB; raise it here, in `MODULE_BUDGET_KB` of the benchmark, and
say why in the commit."""

from __future__ import annotations

import gzip
from pathlib import Path

RAW_BUDGET = 310_000
GZIP_BUDGET = 103_000


def test_the_engine_module_stays_within_its_size_budget(engine_path: Path) -> None:
    wasm = engine_path.read_bytes()
    packed = len(gzip.compress(wasm, 9))
    assert len(wasm) <= RAW_BUDGET, f"module is {len(wasm)} bytes raw, budget {RAW_BUDGET}"
    assert packed <= GZIP_BUDGET, f"module is {packed} bytes gzip -9, budget {GZIP_BUDGET}"
