"""Engine apply time of a 10,000-row batch on an engine that held 1,000 rows and was cleared.

The isolated flow of the reconciler benchmark's `07_create10k` (upstream's
warm-up: run 1k rows, clear, then "create 10,000 rows"): a fresh engine
applies the app's mount batch with 1,000 rows, then the clear, then the
10,000-row batch, whose `apply` is timed (wall and thread CPU time, min and
median of `--runs`, and the page faults it took). Also timed: a 10,000-row
batch on a fresh engine (the app's mount, then its rows). Batches are made
once, by this tree's benchmark app, and applied unchanged to every module
named, alternating module order run by run, so modules of other checkouts
compare on the same bytes::

    MARQUEE_PURE=1 python -m benchmarks.renderer.apply_after_clear
    MARQUEE_PURE=1 python -m benchmarks.renderer.apply_after_clear --clear-as-removes \\
        --wasm /path/to/before/renderer/marquee_renderer.wasm --wasm renderer/marquee_renderer.wasm

The Marquee app (the default, `benchmarks/reconciler/_marquee.py`) clears
with `CLEAR_CHILDREN` (protocol 2+); `--clear-as-removes` sends one `REMOVE`
per child instead, so modules back to d05f219 (protocol 1) read the batches.
Its 10,000 rows arrive back to front after the clear (each `INSERT` before
the row after it, into the attached table); the vanilla app (`--app
vanilla`) fills a detached table by appending and needs no rewriting. The
protocol-version handshake is skipped for old modules. `--fonts` and
`--frames` add what the reconciler page does besides (the default fonts, a
frame after each untimed batch).
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from renderer import CommandBuffer, Renderer
from renderer.lowlevel import DEFAULT_WASM_PATH, Opcode, iter_commands

MEMORY_LIMIT = 256 * 1024 * 1024
"""As the reconciler benchmark's page (10,000 rows do not fit the default 64 MB)."""


class _AnyVersion(Renderer):
    """A renderer that takes a module of any protocol version (the batches are version 1)."""

    def _handshake(self) -> None:
        pass


def _app(app_name: str) -> Any:
    if app_name == "vanilla":
        from benchmarks.reconciler._vanilla import VanillaApp
        return VanillaApp()
    from benchmarks.reconciler._marquee import MarqueeApp
    return MarqueeApp()


def _flushes(app: Any, actions: tuple[Callable[[], object], ...], fonts: bool) -> list[bytes]:
    prelude = CommandBuffer()
    if fonts:
        from renderer import FontSet
        prelude.extend(FontSet().define_commands())
    prelude = prelude.set_viewport(1920, 1080, 1920.0, 1080.0).getvalue()
    batches = []
    for action in actions:
        action()
        batches.append(bytes(app.flush()))
        app.applied()
    batches[0] = prelude + batches[0]
    return batches


def clear_as_removes(batches: list[bytes]) -> list[bytes]:
    """`batches` with each `CLEAR_CHILDREN` written as one `REMOVE` per child.

    The children are those the batches inserted before it (appended in
    order; enough for the benchmark apps), so modules older than protocol
    version 2 can read them.
    """
    children: dict[int, list[int]] = {}
    parent_of: dict[int, int] = {}
    out = []
    for batch in batches:
        buf = CommandBuffer()
        view = memoryview(batch)
        for op, offset, length in iter_commands(batch):
            words = [int.from_bytes(view[offset + i:offset + i + 4], "little")
                     for i in range(0, min(length, 8), 4)]
            if op == Opcode.CLEAR_CHILDREN:
                for child in children.pop(words[0], []):
                    buf.remove(child)
                    parent_of.pop(child, None)
                continue
            if op == Opcode.INSERT:
                parent, child = words
                old = parent_of.get(child)
                if old is not None:
                    children[old].remove(child)
                children.setdefault(parent, []).append(child)
                parent_of[child] = parent
            elif op == Opcode.REMOVE:
                old = parent_of.pop(words[0], None)
                if old is not None:
                    children[old].remove(words[0])
            buf.extend(view[offset - 4:offset + length])
        out.append(bytes(buf.getvalue()))
    return out


def make_batches(app_name: str, fonts: bool = False) -> dict[bool, list[bytes]]:
    """{after_clear: batches}: the last one is timed.

    After a clear: mount + 1k rows, clear, 10k rows. Fresh: the mount of
    another app (an empty table), then its 10k rows.
    """
    app = _app(app_name)
    after = _flushes(app, (app.run, app.clear, app.run_lots), fonts)
    fresh_app = _app(app_name)
    fresh = _flushes(fresh_app, (lambda: None, fresh_app.run_lots), fonts)
    return {True: after, False: fresh}


def run_once(wasm: Path, batches: list[bytes], frames: bool) -> tuple[float, float, int]:
    """Apply of the last of `batches` on a fresh engine: wall ms, thread CPU ms, page faults.

    Page faults (minor: first touches of fresh pages) show memory the batch
    takes from the system rather than reusing."""
    renderer = _AnyVersion(wasm, memory_limit=MEMORY_LIMIT)
    try:
        now = 0.0
        for batch in batches[:-1]:
            renderer.apply(batch)
            if frames:
                now += 16.7
                renderer.frame(now)
        gc.collect()
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        cpu = time.thread_time()
        start = time.perf_counter()
        renderer.apply(batches[-1])
        wall = (time.perf_counter() - start) * 1e3
        cpu = (time.thread_time() - cpu) * 1e3
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
        return wall, cpu, faults
    finally:
        renderer.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wasm", action="append", type=Path,
                        help="module to measure (repeatable; default this tree's)")
    parser.add_argument("--app", choices=("marquee", "vanilla"), default="marquee")
    parser.add_argument("--runs", type=int, default=7, help="runs per module and flow")
    parser.add_argument("--clear-as-removes", action="store_true",
                        help="send CLEAR_CHILDREN as one REMOVE per child (for old modules)")
    parser.add_argument("--fonts", action="store_true",
                        help="define the default fonts first (as the reconciler page)")
    parser.add_argument("--frames", action="store_true",
                        help="a frame after each untimed batch (as the reconciler page)")
    args = parser.parse_args(argv)
    modules = args.wasm or [DEFAULT_WASM_PATH]
    batches = make_batches(args.app, args.fonts)
    if args.clear_as_removes:
        batches = {k: clear_as_removes(v) for k, v in batches.items()}
    sizes = ", ".join(f"{len(b):,}" for b in batches[True])
    print(f"app {args.app}: batches of {sizes} bytes (mount + 1k rows, clear, 10k rows; "
          f"fresh: {len(batches[False][-1]):,}); min/median of {args.runs} runs, ms")
    flows = (("after 1k + clear", True), ("fresh engine", False))
    times: dict[tuple[int, bool], list[tuple[float, float, int]]] = {}
    for i in range(args.runs):
        order = list(enumerate(modules))
        if i % 2:
            order.reverse()
        for index, module in order:
            for _, after_clear in flows:
                times.setdefault((index, after_clear), []).append(
                    run_once(module, batches[after_clear], args.frames))
    for index, module in enumerate(modules):
        print(f"{module}")
        for label, after_clear in flows:
            got = times[(index, after_clear)]
            wall = [g[0] for g in got]
            cpu = [g[1] for g in got]
            faults = [g[2] for g in got]
            print(f"  {label:18s} apply 10k: min {min(wall):7.1f}  "
                  f"median {statistics.median(wall):7.1f}   cpu min {min(cpu):7.1f}"
                  f"   page faults {statistics.median(faults):,.0f}")


if __name__ == "__main__":
    main()
