"""Runs the showcase: build the page, press keys, paint damage only, write frames."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from renderer import CommandBuffer, FontSet, Key, KeyAction, OffscreenSurface, Painter, Renderer

from ._scene import build_home

SCRIPT = [Key.RIGHT] * 6 + [Key.DOWN, Key.DOWN, Key.LEFT, Key.DOWN, Key.UP]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("out/showcase"))
    parser.add_argument("--size", default="1920x1080", help="surface size in pixels")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    fonts = FontSet()
    page, first_card = build_home()
    batch = CommandBuffer().extend(fonts.define_commands()).set_viewport(
        width, height, 1920.0, 1080.0).extend(page).focus(first_card)
    timings: list[tuple[str, float, float, float, int]] = []
    with Renderer() as renderer, OffscreenSurface(width, height) as surface:
        painter = Painter(surface, fonts=fonts)
        for step, key in enumerate([None, *SCRIPT]):
            if key is not None:
                batch = CommandBuffer().key(key, KeyAction.DOWN).key(key, KeyAction.UP)
            started = time.perf_counter()
            renderer.apply(batch)
            applied = time.perf_counter()
            output = renderer.frame(step * 16.7)
            framed = time.perf_counter()
            painter.paint_output(output)
            painted = time.perf_counter()
            damaged = sum(w * h for _, _, w, h in output.damage) / (width * height)
            name = "initial" if key is None else Key(key).name.lower()
            timings.append((name, (applied - started) * 1e3, (framed - applied) * 1e3,
                            (painted - framed) * 1e3, round(damaged * 100, 1)))
            surface.to_png(args.out / f"frame_{step:02d}_{name}.png")  # after timing
    print(f"{'frame':<9}{'apply ms':>10}{'frame ms':>10}{'paint ms':>10}{'damage %':>10}")
    for name, a, f, p, d in timings:
        print(f"{name:<9}{a:>10.2f}{f:>10.2f}{p:>10.2f}{d:>10.1f}")
    key_frames = [a + f + p for _, a, f, p, _ in timings[1:]]
    print(f"key-press frames: median {statistics.median(key_frames):.2f} ms, "
          f"max {max(key_frames):.2f} ms (budget 16.7 ms)")
    print(f"frames written to {args.out}/")


if __name__ == "__main__":
    main()
