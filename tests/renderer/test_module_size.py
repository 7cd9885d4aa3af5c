"""The size budget of the compiled engine: at most 320 KB raw and 106 KB gzip -9 (KB = 1000
bytes, as `benchmarks/renderer` reports them), the budget issues 17 and 18 share: flexbox,
right-to-left layout and shaped text (`SHAPED_TEXT`) took it from 294.6 / 99.8 KB to about
310 / 105 KB. Raise it only here and in `MODULE_BUDGET_KB` of the benchmark, saying why."""

from __future__ import annotations

import gzip
from pathlib import Path

RAW_BUDGET = 320_000
GZIP_BUDGET = 106_000


def test_the_engine_module_stays_within_its_size_budget(engine_path: Path) -> None:
    wasm = engine_path.read_bytes()
    packed = len(gzip.compress(wasm, 9))
    assert len(wasm) <= RAW_BUDGET, f"module is {len(wasm)} bytes raw, budget {RAW_BUDGET}"
    assert packed <= GZIP_BUDGET, f"module is {packed} bytes gzip -9, budget {GZIP_BUDGET}"
