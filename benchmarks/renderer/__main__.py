"""Runs the renderer benchmarks and prints measured values against their references."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import stretchable as st
from stretchable import style as sst

from renderer import (
    CommandBuffer,
    FontSet,
    Key,
    KeyAction,
    OffscreenSurface,
    Painter,
    Prop,
    Renderer,
)
from renderer.lowlevel import DEFAULT_WASM_PATH

from ._scenes import home_page, view_tree

FRAME_BUDGET_MS = 16.7
MODULE_BUDGET_KB = (320.0, 106.0)
"""Module size budget, raw and gzip -9, in KB of 1000 bytes (issue 18: at most 320 / 106 with
the world-text item); `tests/renderer/test_module_size.py` enforces it."""
RESULTS = Path(__file__).resolve().parents[1] / "results" / "renderer.json"


def best_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(min, median) of `repeat` timed calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return min(times), statistics.median(times)


def fonts_batch(fonts: FontSet) -> CommandBuffer:
    return CommandBuffer().extend(fonts.define_commands()).set_viewport(1920, 1080, 1920.0, 1080.0)


def create_cost(fonts: FontSet, templates: bool, repeat: int) -> dict[str, float]:
    page, _ = home_page(templates)
    data = page.getvalue()
    prelude = fonts_batch(fonts)
    samples = []
    for _ in range(repeat):
        with Renderer() as renderer:
            renderer.apply(prelude)
            start = time.perf_counter()
            renderer.apply(data)
            samples.append((time.perf_counter() - start) * 1e3)
    return {"bytes": len(data), "commands": page.command_count, "apply_ms": min(samples)}


def frame_costs(fonts: FontSet, repeat: int) -> dict[str, float]:
    page, posters = home_page(templates=True)
    results: dict[str, float] = {}
    with Renderer() as renderer, OffscreenSurface(1920, 1080) as surface:
        painter = Painter(surface, fonts=fonts)
        renderer.apply(fonts_batch(fonts).extend(page).focus(posters[0]))
        first = renderer.frame(0.0)
        painter.paint_output(first)
        results["nodes"] = float(len(re.findall(r"^\s*#\d+", renderer.dump(), re.MULTILINE)))
        full_records, full_text = bytes(first.display_list), bytes(first.text)
        results["full_repaint_ms"], _ = best_ms(
            lambda: painter.paint(full_records, full_text, (), full=True), repeat)
        colours = iter(range(10**9))

        def one_property() -> None:
            renderer.apply(CommandBuffer().set_prop(posters[30], Prop.BACKGROUND,
                                                    0x100000FF + next(colours) % 200 * 0x100))
            painter.paint_output(renderer.frame(0.0))

        results["one_property_frame_ms"], results["one_property_frame_median_ms"] = best_ms(
            one_property, repeat)
        keys = iter([Key.RIGHT, Key.LEFT] * repeat)
        damage: list[float] = []

        def focus_move() -> None:
            key = next(keys)
            renderer.apply(CommandBuffer().key(key, KeyAction.DOWN).key(key, KeyAction.UP))
            output = renderer.frame(0.0)
            damage.append(sum(w * h for _, _, w, h in output.damage) / (1920 * 1080))
            painter.paint_output(output)

        results["focus_move_frame_ms"], results["focus_move_frame_median_ms"] = best_ms(
            focus_move, repeat)
        results["focus_move_damage_share"] = max(damage)
    return results


def engine_layout_ms(count: int, repeat: int) -> tuple[float, int]:
    with Renderer() as renderer:
        renderer.apply(CommandBuffer().set_viewport(1920, 1080, 1920.0, 1080.0)
                       .extend(view_tree(count)))
        renderer.frame(0.0)
        widths = iter([1900.0, 1920.0] * repeat)
        laid_out = []

        def relayout() -> None:
            renderer.apply(CommandBuffer().set_prop(1, Prop.WIDTH, next(widths)))
            laid_out.append(renderer.frame(0.0).nodes_laid_out)

        best, _ = best_ms(relayout, repeat)
        return best, min(laid_out)


def stretchable_layout_ms(count: int, repeat: int, fanout: int = 10) -> float:
    root = st.Node(style=sst.Style(size=sst.Size(1920.0, sst.AUTO),
                                   flex_direction=sst.FlexDirection.COLUMN))
    row: st.Node | None = None
    for node in range(2, count + 1):
        if (node - 2) % (fanout + 1) == 0:
            row = st.Node(style=sst.Style(flex_wrap=sst.FlexWrap.WRAP, gap=sst.Size(8.0, 0.0)))
            root.append(row)
        else:
            assert row is not None
            row.append(st.Node(style=sst.Style(size=sst.Size(120.0 + node % 7, 40.0),
                                               flex_grow=1.0,
                                               margin=sst.Rect(4.0, 0.0, 0.0, 0.0))))
    widths = iter([1900.0, 1920.0] * repeat)

    def relayout() -> None:
        root.style = sst.Style(size=sst.Size(next(widths), sst.AUTO),
                               flex_direction=sst.FlexDirection.COLUMN)
        root.compute_layout((1920.0, 1080.0))

    best, _ = best_ms(relayout, repeat)
    return best


def linear_memory(count: int) -> int:
    with Renderer() as renderer:
        renderer.apply(CommandBuffer().set_viewport(1920, 1080, 1920.0, 1080.0)
                       .extend(view_tree(count)))
        renderer.frame(0.0)
        return renderer.memory_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    fonts = FontSet()
    wasm = DEFAULT_WASM_PATH.read_bytes()
    plain, templated = (create_cost(fonts, t, max(5, args.repeat // 3)) for t in (False, True))
    frames = frame_costs(fonts, args.repeat)
    ours_ms, laid_out = engine_layout_ms(2000, max(5, args.repeat // 3))
    theirs_ms = stretchable_layout_ms(2000, max(5, args.repeat // 3))
    results = {
        "module_bytes": len(wasm), "module_gzip_bytes": len(gzip.compress(wasm, 9)),
        "create_plain": plain, "create_templates": templated, **frames,
        "layout_2000_engine_frame_ms": ours_ms, "layout_2000_nodes_laid_out": laid_out,
        "layout_2000_stretchable_ms": theirs_ms,
        "memory_2000_bytes": linear_memory(2000), "memory_10000_bytes": linear_memory(10000),
    }
    rows = [
        ("module size, raw (KB)", results["module_bytes"] / 1e3, MODULE_BUDGET_KB[0], "budget"),
        ("module size, gzip -9 (KB)", results["module_gzip_bytes"] / 1e3, MODULE_BUDGET_KB[1],
         "budget"),
        ("create home page, plain: apply (ms)", plain["apply_ms"], FRAME_BUDGET_MS, "budget"),
        ("create home page, templates: apply (ms)", templated["apply_ms"], plain["apply_ms"],
         "plain"),
        ("create home page, plain: bytes", plain["bytes"], None, ""),
        ("create home page, templates: bytes", templated["bytes"], plain["bytes"], "plain"),
        ("one property change: apply+frame+paint (ms)", frames["one_property_frame_ms"], 2.0,
         "goal"),
        ("focus move: apply+frame+paint (ms)", frames["focus_move_frame_ms"], FRAME_BUDGET_MS,
         "budget"),
        ("focus move: damaged share of screen (%)", frames["focus_move_damage_share"] * 100,
         5.0, "goal"),
        ("full repaint of the home page (ms)", frames["full_repaint_ms"], 5.0, "goal"),
        ("2,000-node relayout: engine frame (ms)", ours_ms, theirs_ms, "stretchable"),
        ("2,000-node relayout: stretchable (ms)", theirs_ms, None, ""),
        ("linear memory, 2,000 nodes (MB)", results["memory_2000_bytes"] / 2**20, 4.0, "goal"),
        ("linear memory, 10,000 nodes (MB)", results["memory_10000_bytes"] / 2**20, None, ""),
    ]
    print(f"{'measure':<46}{'value':>12}{'reference':>12}  ratio")
    for name, value, reference, label in rows:
        ref = f"{reference:>12.2f}" if reference is not None else " " * 12
        ratio = f"  x{value / reference:.2f} of {label}" if reference else ""
        print(f"{name:<46}{value:>12.2f}{ref}{ratio}")
    print(f"home page: {frames['nodes']:.0f} nodes; 2,000-node relayout laid out {laid_out} nodes")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.output}")


if __name__ == "__main__":
    main()
