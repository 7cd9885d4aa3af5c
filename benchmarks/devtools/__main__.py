"""The developer tools' goals, measured: `python -m benchmarks.devtools [--quick]`.

- **save -> new pixels, catalog**: `dev` on a copy of `apps/catalog` (a
  temporary package, so the checkout is never edited), real time, the
  browser preview's offscreen presenter; the catalog service runs once
  outside the app (`MARQUEE_CATALOG_URL`). Two pages: the profiles page with
  focus on the second profile, each save rewriting `_screens.py` with a new
  heading; then Ben's home page, opened with select, focus on the third
  poster of the first row, each save changing the hero's "Featured" label
  (the Navigator's page stack is carried across the reload). Timed from just
  before the write to the first frame the renderer presented after the
  reloaded tree was committed (`FrameTiming.presented_at`), and to the dump
  showing the new text with the page's data loaded again; also whether focus
  came back to the same node and how many components kept their state.
- **preview key -> frame, Chromium**: `preview` of the catalog in Debian's
  headless chromium (Playwright, `executable_path`); right/left alternately,
  150 ms apart; the page measures keydown -> the first frame drawn after it
  (`window.marquee.latencies`).
- **recorder frames**: `record` of hello with keys to MP4 and GIF, decoded
  back; the file's frames against the run's.

Results go to `benchmarks/results/devtools.json`. The machine is shared (2
cores): read figures as orders of magnitude.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from apps.catalog_service import CatalogService
from sdk.devtools import (
    DevSession,
    PreviewServer,
    Progress,
    load_target,
    parse_keys,
    read_video,
    record,
    run_dev,
    run_preview,
)
from sdk.runtime import App

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results" / "devtools.json"
HEADING = "Who's watching?"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _wait_for(app: App, predicate: Any, timeout_s: float = 20.0) -> str:
    deadline = time.perf_counter() + timeout_s
    while True:
        dump = await app.dump()
        if predicate(dump):
            return dump
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state:\n" + dump[:2000])
        await asyncio.sleep(0.01)


def _focused_box(dump: str) -> str | None:
    """The focused node's line without its id (its box and props): the same node
    after a remount has a new id but the same box."""
    for line in dump.splitlines():
        if line.endswith(" focused"):
            return line.strip().split(" ", 1)[1]
    return None


async def _saves(session: DevSession, app: App, saves: int, label: str,
                 edit: Any, shown: Any) -> dict[str, Any]:
    """`saves` edits (`edit(n)` writes the file); timings and whether focus stayed."""
    focused_before = _focused_box(await app.dump())
    pixels, full, kept = [], [], 0
    meter = Progress(f"catalog reloads ({label})", saves, unit="saves", delay_s=1.0)
    loop = app.renderer_thread.loop if app.renderer_thread else None
    for n in range(1, saves + 1):
        started = time.perf_counter()
        edit(n)
        while not (session.reports and session.reports[-1].committed
                   and session.reports[-1].started >= started):
            await asyncio.sleep(0.002)
        committed_at = time.perf_counter()
        while True:
            presented = [t.presented_at for t in list(loop.timings)
                         if t.painted and t.presented_at >= committed_at] if loop else []
            if presented:
                pixels.append((presented[0] - started) * 1000.0)
                break
            await asyncio.sleep(0.002)
        await _wait_for(app, lambda d, n=n: shown(d, n))
        full.append((time.perf_counter() - started) * 1000.0)
        try:
            await _wait_for(app, lambda d: _focused_box(d) == focused_before, 3.0)
            kept += 1
        except TimeoutError:
            pass
        meter.advance()
        await asyncio.sleep(0.3)
    meter.finish()
    reports = list(session.reports)[-saves:]
    return {"saves": saves, "save_to_pixels_ms": pixels, "save_to_content_ms": full,
            "focus_kept": kept, "import_ms": [r.imported_s * 1000.0 for r in reports],
            "components_kept": [f"{r.kept}/{r.captured}" for r in reports]}


async def reload_catalog(saves: int) -> dict[str, Any]:
    """Save -> new pixels on a copy of the catalog (see the module docstring)."""
    work = Path(tempfile.mkdtemp(prefix="marquee-dev-bench-"))
    package = work / "catalog_dev"
    shutil.copytree(ROOT / "apps" / "catalog", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(work))
    screens = package / "_screens.py"
    source = screens.read_text()
    service = CatalogService()
    os.environ["MARQUEE_CATALOG_URL"] = service.start()
    out: dict[str, Any] = {}

    async def drive(session: DevSession, _server: PreviewServer | None) -> None:
        app = session.app
        assert app is not None
        try:
            await _wait_for(app, lambda d: 'test_id="profiles"' in d and " focused" in d)
            app.press("right")  # the second profile
            await _wait_for(app, lambda d: 'label="Ben"' in (_focused_box(d) or ""))
            out["profiles"] = await _saves(
                session, app, saves, "profiles page",
                lambda n: screens.write_text(source.replace(HEADING, f"{HEADING} ({n})")),
                lambda d, n: f'"{HEADING} ({n})"' in d and 'test_id="profiles"' in d)
            screens.write_text(source)
            await asyncio.sleep(0.5)
            app.press("select")  # Ben's home page
            await _wait_for(app, lambda d: 'test_id="hero"' in d and "poster-" in d)
            for key in ("down", "right", "right"):  # the third poster of the first row
                app.press(key)
                await asyncio.sleep(0.3)
            out["home"] = await _saves(
                session, app, saves, "home page after navigating",
                lambda n: screens.write_text(source.replace('"Featured"', f'"Featured {n}"')),
                lambda d, n: f'"Featured {n}"' in d and "poster-" in d)
        finally:
            app.stop()

    try:
        await run_dev("catalog_dev.app", window=False, size=(1280, 720), on_ready=drive)
    finally:
        service.stop()
        os.environ.pop("MARQUEE_CATALOG_URL", None)
        sys.path.remove(str(work))
        shutil.rmtree(work, ignore_errors=True)
    return out


async def preview_latency(presses: int) -> dict[str, Any]:
    """Key -> frame in headless Chromium (see the module docstring)."""
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "no chromium (apt-get install chromium)"}
    service = CatalogService()
    os.environ["MARQUEE_CATALOG_URL"] = service.start()
    out: dict[str, Any] = {}

    async def ready(app: App, server: PreviewServer) -> None:
        async def run() -> None:
            try:
                await _wait_for(app, lambda d: 'test_id="profiles"' in d and " focused" in d)
                async with async_playwright() as pw:
                    browser = await pw.chromium.launch(executable_path=chromium,
                                                       args=["--no-sandbox"])
                    page = await browser.new_page(viewport={"width": 1400, "height": 900})
                    await page.goto(server.url)
                    await page.wait_for_function("window.marquee.frames > 0")
                    for i in range(presses):
                        await page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                        await page.wait_for_timeout(150)
                    out["latencies_ms"] = await page.evaluate("window.marquee.latencies")
                    await browser.close()
            finally:
                app.stop()

        asyncio.get_running_loop().create_task(run())

    try:
        await run_preview(load_target("apps.catalog.app"), size=(1280, 720), on_ready=ready)
    finally:
        service.stop()
        os.environ.pop("MARQUEE_CATALOG_URL", None)
    return out


async def recorder() -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, size in ((".mp4", (1920, 1080)), (".gif", (960, 540))):
            path = Path(tmp) / f"hello{suffix}"
            script = parse_keys("down,down,right,select,wait:500,left")
            started = time.perf_counter()
            result = await record(load_target("apps.hello"), script, path, size=size)
            seconds = time.perf_counter() - started
            meta, frames = read_video(path)
            decoded = sum(1 for _ in frames)
            out[suffix[1:]] = {"run_frames": result.frames, "file_frames": decoded,
                               "fps": meta["fps"], "size": list(size),
                               "bytes": path.stat().st_size, "seconds": seconds}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer saves and presses")
    args = parser.parse_args(argv)
    saves, presses = (3, 20) if args.quick else (8, 60)
    reload = asyncio.run(reload_catalog(saves))
    preview = asyncio.run(preview_latency(presses))
    rec = asyncio.run(recorder())
    latencies = preview.get("latencies_ms", [])
    rows = [
        (f"save -> new pixels, catalog ({page})", "<= 1 s, state kept",
         f"median {statistics.median(r['save_to_pixels_ms']):.0f} ms, max "
         f"{max(r['save_to_pixels_ms']):.0f} ms (new text on screen: median "
         f"{statistics.median(r['save_to_content_ms']):.0f} ms); focus kept "
         f"{r['focus_kept']}/{r['saves']}; components kept {', '.join(r['components_kept'])}")
        for page, r in reload.items()
    ] + [
        ("preview key -> new frame in the browser (local)", "<= 100 ms p95",
         f"p95 {p95(latencies):.0f} ms, median {statistics.median(latencies):.0f} ms "
         f"({len(latencies)} frames)" if latencies else str(preview.get("skipped"))),
        ("recorder output", "frame count = run's frames",
         ", ".join(f"{k}: {v['file_frames']} of {v['run_frames']} frames"
                   for k, v in rec.items())),
    ]
    print("| measure | goal | measured |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"reload": reload, "preview": preview, "recorder": rec,
                                   "table": rows}, indent=2) + "\n")
    print(f"results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
