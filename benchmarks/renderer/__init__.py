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

Focus and motion (`renderer/core/src/focus/`, `anim/`) pushed the module back
to 324.4 KB raw / 107.8 KB gzip; the second size pass of 2026-11-22 brought
it to 289.6 KB raw / 96.2 KB gzip (KB = 1,000 bytes; `len(gzip.compress(m, 9))`),
each step measured on its own:

| change | raw | gzip -9 |
| --- | --- | --- |
| 1. one small stable merge sort (`sort.rs`) | -8.2 KB | -3.1 KB |
| 2. no panicking `str` slices, no `str` `Debug` | -11.8 KB | -5.6 KB |
| 3. rotation's sin/cos in `f64` (`geom::sin_cos_deg`) | -6.8 KB | -2.3 KB |
| 4. validation's maps keyed to `u32` indices | -6.0 KB | -0.4 KB |
| 5. one `resolve_props` loop | -2.0 KB | -0.3 KB |

1 replaces std's stable and unstable sorts (z-order, the dump's detached
roots); 2 drops `slice_error_fail`, `char`/`str` `Debug` and the Unicode
printable tables; 3 drops libm's `sinf`/`cosf` and their huge-argument
reduction (results within an ulp of std's); 4 means three fewer `HashMap`
instantiations in `protocol.rs`; 5 serves `SET_STATE_PROPS` and template
definition.

Tried and left out: `opt-level = "z"` (+7.9 KB raw, -3.9 KB gzip);
`-C target-feature=+bulk-memory` (-1.0 KB raw, -0.3 KB gzip; wasmtime
supports it, but cargo only reads it from a `.cargo/config.toml` found from
the working directory, so the build would depend on where it runs). Later
taken (2026-12-07): `renderer/_build.py` gives it in cargo's
`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS`, which does not depend on the
directory; it made applying 10,000 rows 10 % faster
(`benchmarks/renderer/apply_after_clear.py`).

Focus and motion also pushed linear memory back over the goal; the memory
pass of 2026-11-22 (measured with `linear_memory` in `__main__`, MiB):

| measure | before | after |
| --- | --- | --- |
| linear memory, 2,000 nodes | 4.375 MB | 4.0 MB |
| linear memory, 10,000 nodes | 20.19 MB | 18.25 MB |
| module, raw / gzip -9 | 289.6 / 96.2 KB | 290.0 / 96.3 KB |

Per-node focus properties (`NEXT_*`, scroll margin, capture keys,
preferred, trap) are boxed in `Semantics::nav` and allocated only by nodes
that set one (-0.125 MB at 2,000 nodes); motion commands are boxed inside
`Cmd`, so a decoded batch no longer sizes every command for a keyframe
list (-0.25 MB). The transition/keyframe state was already sparse (`anim::Anims`).

Issue 18 (the rest of flexbox, right to left; budget now 310 / 103 KB, see
`MODULE_BUDGET_KB` and `tests/renderer/test_module_size.py`), the same
machine, before and after, `python -m benchmarks.renderer --output ...`:

| measure | before | after |
| --- | --- | --- |
| module, raw / gzip -9 | 294.6 / 99.8 KB | 299.0 / 101.3 KB |
| 2,000-node relayout, engine frame | 0.95 ms (x0.05 of stretchable) | 0.97 ms (x0.05) |
| linear memory, 2,000 / 10,000 nodes | 4.00 / 17.88 MB | 4.00 / 18.00 MB |

`Style` became `Copy`: its derived `Clone` of 30 fields was 4 KB of module
(2.1 KB gzip), more than the new features cost. Keyword resolution is out of
line and in place (a keyword item's resolved style on the heap); inline, it
cost the relayout 8 %.

Applying 10,000 rows after 1,000 rows and a clear (2026-12-07,
`python -m benchmarks.renderer.apply_after_clear`, engine `apply` of the
10k-row batch, min of 15 runs alternating modules, ms; `--clear-as-removes`
so that d05f219 reads the Marquee app's batches):

| app, flow | d05f219 | before (33c9a11) | after |
| --- | --- | --- | --- |
| Marquee, after 1k + clear | 103.2 | 104.3 | 64.1 |
| Marquee, fresh engine | 115.5 | 117.2 | 77.8 |
| vanilla, after 1k + clear | 78.1 | 82.8 | 63.9 |
| vanilla, fresh engine | 81.5 | 87.1 | 65.8 |

The Marquee app inserts the rows back to front after a clear (each before
the row after it): each `INSERT` moved every row already in the table
(`Vec::insert`, 16 % of the apply); a node's children now keep room at the
front (`scene::Kids`). The module is built with bulk memory (`memory.copy`
runs as the host's `memmove`; see `renderer/_build.py`). `SHAPED_TEXT`'s
payload is boxed inside `Cmd` (it had made every decoded command 80 bytes
instead of 32 natively: most of the vanilla app's regression). Templates
apply their `SET_PROPS`/`SET_TEXT` without cloning them, the output, damage
and text-cache columns grow once per batch, and `SET_TEXT` borrows its
string. The noting allocator (`oom.rs`) measured no cost here: without it,
the same 75 ms. What is left is mostly first touches of fresh linear memory
(about 13,000 page faults, a quarter of the time) and validation.
"""
