"""The apply-after-clear benchmark's flows: its batches apply, and rewriting `CLEAR_CHILDREN`
as `REMOVE`s (for protocol-1 modules) leaves the engine showing the same scene.

Timings are printed by `python -m benchmarks.renderer.apply_after_clear`, never asserted here.
"""

from __future__ import annotations

from benchmarks.renderer import apply_after_clear as bench
from renderer import Renderer
from renderer.lowlevel import DEFAULT_WASM_PATH, Opcode, iter_commands


def _dump_after(batches: list[bytes]) -> str:
    with Renderer(memory_limit=bench.MEMORY_LIMIT) as renderer:
        for batch in batches:
            renderer.apply(batch)
        return renderer.dump()


def test_the_marquee_flow_clears_with_clear_children_and_its_rewrite_with_removes() -> None:
    after = bench.make_batches("marquee")[True]
    rewritten = bench.clear_as_removes(after)
    ops = [{op for op, _, _ in iter_commands(b)} for b in rewritten]
    assert Opcode.CLEAR_CHILDREN in {op for op, _, _ in iter_commands(after[1])}
    assert all(Opcode.CLEAR_CHILDREN not in o for o in ops)
    assert [op for op, _, _ in iter_commands(rewritten[1])] == [Opcode.REMOVE] * 1000
    assert _dump_after(after) == _dump_after(rewritten)


def test_each_flow_times_one_apply_of_ten_thousand_rows() -> None:
    for app in ("marquee", "vanilla"):
        for batches in bench.make_batches(app).values():
            assert len(batches[-1]) > 700_000
            wall, cpu, faults = bench.run_once(DEFAULT_WASM_PATH, batches, frames=True)
            assert wall > 0 and cpu >= 0 and faults >= 0
