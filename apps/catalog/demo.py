"""`python -m apps.catalog.demo`: a scripted remote-control session, headless, real time.

Starts the catalog service in-process (with some latency, so the skeletons
show), runs the app on the real runtime (`App`, renderer thread paced at
60 Hz on the wall clock), presses keys like a viewer (profile, home, down,
right, details, back), writes a PNG at each step into `--out`, and prints a
frame-time summary from the renderer thread's own timings.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from apps.catalog_service import CatalogService
from renderer import ImageManager
from sdk import App, Screenshot
from sdk.runtime import FrameTiming

from .app import CatalogApp

STEP_LIMIT_S = 30.0
IMAGE_WORKERS = 6


async def _wait_for(app: App, test_id: str) -> float:
    """Frames until the scene has the node `test_id` and no image is loading; returns ms."""
    marker = f'test_id="{test_id}"'
    started = time.perf_counter()
    while time.perf_counter() - started < STEP_LIMIT_S:
        await app.frame()
        if marker in await app.dump() and not app.images.stats().loading:
            await app.frame(2)  # the loaded images painted
            return (time.perf_counter() - started) * 1000.0
    raise TimeoutError(f"the demo waited {STEP_LIMIT_S} s for {marker!r}")


def _focused_label(dump: str) -> str:
    """The focused node's label, or its first child's (a rail cell's poster)."""
    lines = dump.splitlines()
    for i, line in enumerate(lines):
        if line.endswith(" focused") or " focused " in line:
            for candidate in lines[i:i + 2]:
                found = re.search(r' label="([^"]*)"', candidate)
                if found:
                    return found.group(1)
    return "(nothing)"


@dataclass(frozen=True)
class DemoResult:
    """What the session did and how the frames went."""

    shots: tuple[Path, ...]
    opened: str
    """The title focused when select was pressed on the home page."""
    focused_after_back: str
    steps: tuple[str, ...]
    timings: tuple[FrameTiming, ...]
    missed_deadlines: int
    wall_s: float


async def session(out: Path, size: tuple[int, int] = (1920, 1080),
                  latency_ms: float = 150.0, prewarm: bool = True,
                  renderer_mode: str = "process") -> DemoResult:
    """The scripted session (see the module docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    service = CatalogService(latency_ms=latency_ms)
    if prewarm:
        service.prewarm()  # drawing posters holds the GIL: keep it out of the frames
    url = service.start()
    shots: list[Path] = []
    pictures: list[Screenshot] = []

    async def shot(app: App, name: str) -> None:
        # Only the pixels now: PNG encoding holds the GIL ~150 ms at full HD and
        # would show up as late frames, so the files are written after the session.
        shots.append(out / f"{len(shots) + 1:02d}-{name}.png")
        pictures.append(await app.screenshot())

    wall = time.perf_counter()
    # Posters are network-bound: more fetch threads than the default 2 keep a slow
    # service from filling the rails two posters at a time.
    # Posters come over HTTP; local files only from the app's own directory.
    images = ImageManager(workers=IMAGE_WORKERS, asset_roots=[Path(__file__).resolve().parent])
    app = App(CatalogApp(base_url=url), size, headless=True, title="Marquee catalog",
              images=images, renderer_mode=renderer_mode)
    try:
        async with app:
            steps = [f"profiles in {await _wait_for(app, 'profile-ana'):.0f} ms"]
            await app.frame(3)
            await shot(app, "profiles")  # the first profile has focus
            app.press("select")
            await app.frame(3)
            await shot(app, "home-loading")
            steps.append(f"home with every poster in {await _wait_for(app, 'row-docs'):.0f} ms")
            await shot(app, "home")
            for key in ("down", "right", "right"):  # from the hero to the third poster
                app.press(key)
                await app.frame(6)
            opened = _focused_label(await app.dump())
            await shot(app, "home-moved")
            app.press("select")
            steps.append(f"details with images in {await _wait_for(app, 'details-title'):.0f} ms")
            await shot(app, "details")
            app.press("back")
            await app.frame(6)
            back = _focused_label(await app.dump())
            await shot(app, "back-home")
            timings, missed = await app.frame_timings()
        wall_s = time.perf_counter() - wall
    finally:
        service.stop()
        images.close()
    for path, picture in zip(shots, pictures, strict=True):
        picture.save(path)
    return DemoResult(tuple(shots), opened, back, tuple(steps), tuple(timings), missed, wall_s)


def summary(result: DemoResult) -> str:
    """The lines the demo prints."""
    timings = result.timings
    painted = sorted(t.work_ms for t in timings if t.painted)
    late = sorted(t.late_ms for t in timings)
    lines = [f"catalog demo: {', '.join(result.steps)}; opened {result.opened!r}, "
             f"back on {result.focused_after_back!r}",
             f"  {len(result.shots)} PNGs: {', '.join(str(p) for p in result.shots)}"]
    if timings:
        per_frame = result.wall_s * 1000 / len(timings)
        lines.append(f"  frames: {len(timings)} in {result.wall_s:.2f} s wall "
                     f"({per_frame:.1f} ms per frame), {len(painted)} painted, "
                     f"{result.missed_deadlines} missed deadlines")
    if painted:
        lines.append(f"  frame work (engine + paint + present) of painted frames: median "
                     f"{statistics.median(painted):.2f} ms, p95 {_p95(painted):.2f} ms, "
                     f"max {painted[-1]:.2f} ms")
    if late:
        lines.append(f"  tick start lateness: median {statistics.median(late):.2f} ms, "
                     f"p95 {_p95(late):.2f} ms")
    return "\n".join(lines)


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def main() -> None:
    """Parse the command line and run the session."""
    parser = argparse.ArgumentParser(prog="python -m apps.catalog.demo")
    parser.add_argument("--out", type=Path, default=Path("out/catalog"))
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--latency-ms", type=float, default=150.0,
                        help="service latency per response (shows the skeletons)")
    parser.add_argument("--renderer", choices=("process", "thread"), default="process",
                        help="where the renderer runs (App(renderer_mode=...))")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    print(f"renderer: {args.renderer}")
    print(summary(asyncio.run(session(args.out, (width, height), args.latency_ms,
                                      renderer_mode=args.renderer))))


if __name__ == "__main__":
    main()
