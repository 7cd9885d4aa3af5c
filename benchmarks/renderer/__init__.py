"""Renderer benchmarks: a TV home page against the 16.7 ms frame budget and stretchable.

`python -m benchmarks.renderer` prints a table of measured values next to
their goals (and the ratio) and writes `benchmarks/results/renderer.json`.

Module size and linear memory (goals: <= 300 KB raw, <= 100 KB gzip -9,
<= 4 MB at 2,000 nodes), before and after the size work of 2026-11-22:

| measure | before | after |
| --- | --- | --- |
| module, raw | 317.6 KB | 291.3 KB |
| module, gzip -9 | 107.7 KB | 99.1 KB |
| linear memory, 2,000 nodes | 4.19 MB | 3.88 MB |
| linear memory, 10,000 nodes | 22.12 MB | 17.56 MB |

Size: the engine's own float writers (`renderer/core/src/numfmt.rs`) keep
core's Grisu/Dragon float formatting out of the module (-29 KB raw), and
the maps use a small id hasher instead of SipHash and share their code
(-5 KB). Memory: a batch sizes the scene columns once
(`Scene::reserve_nodes`) instead of doubling each of them, and the decoded
command list is allocated at its final length. The name section (about
48 KB) stays on purpose: traps name functions. MB is MiB (2^20 bytes), as
`__main__` prints it.
"""
