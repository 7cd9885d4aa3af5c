"""The pictures in docs/devtools.md: `python -m benchmarks.devtools.images`.

- `devtools-inspector.png`: the catalog's home page in the dev loop (real
  time) with the inspector on (F2), after a few focus moves along a row;
- `devtools-error.png`: hello after a save with a syntax error;
- `devtools-preview.png`: the browser preview of the catalog in headless
  Chromium, after two arrow keys;
- `devtools-record.png`: every 12th frame of `record apps.hello --keys
  "down,down,right,select"`, decoded from the MP4.

Each is made by the code it shows (the dev loop, the preview page, the
recorder) and written with the runtime's PNG encoder (`Screenshot.save`).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from apps.catalog_service import CatalogService
from async_tasks import VirtualClock
from sdk.devtools import (
    DEV_EXTRA_KEYS,
    DevSession,
    PreviewServer,
    load_target,
    parse_keys,
    read_video,
    record,
    run_dev,
    run_preview,
)
from sdk.runtime import App, Screenshot

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"


async def _frames_until(app: App, text: str, limit: int = 400) -> None:
    for _ in range(limit):
        await app.frame()
        await asyncio.sleep(0.005)  # the catalog service answers on this loop's threads
        if text in await app.dump():
            return
    raise TimeoutError(f"{text!r} never appeared")


async def inspector() -> Path:
    """Real time (the frame graph shows real ticks), the preview's offscreen presenter."""
    out = IMAGES / "devtools-inspector.png"

    async def drive(session: DevSession, _server: object) -> None:
        app = session.app
        assert app is not None
        try:
            for _ in range(400):
                if 'test_id="profiles"' in await app.dump():
                    break
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.5)
            app.press("select")  # Ben's home page
            for _ in range(400):
                if "poster-" in await app.dump():
                    break
                await asyncio.sleep(0.02)
            await asyncio.sleep(1.0)  # the posters load
            app.press("f2")
            for key in ("down", "right", "right", "right", "right", "left"):  # scrolls the row
                app.press(key)
                await asyncio.sleep(0.25)
            await asyncio.sleep(0.8)  # the inspector refreshes every 500 ms
            await app.screenshot(out)
        finally:
            app.stop()

    await run_dev("apps.catalog.app", size=(1280, 720), window=False, on_ready=drive)
    return out


async def error_overlay() -> Path:
    work = Path(tempfile.mkdtemp())
    package = work / "hello_dev"
    shutil.copytree(ROOT / "apps" / "hello", package, ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(work))
    try:
        session = DevSession("hello_dev.app")
        session.load()
        app = App(session.shell(), (1280, 720), clock=VirtualClock(), extra_keys=DEV_EXTRA_KEYS)
        async with app:
            session.app = app
            await app.frame(10)
            source = (package / "app.py").read_text()
            (package / "app.py").write_text(source.replace("def Ticker() -> Element:",
                                                           "def Ticker( -> Element:"))
            session.reload([package / "app.py"])
            await app.frame(5)
            out = IMAGES / "devtools-error.png"
            await app.screenshot(out)
    finally:
        sys.path.remove(str(work))
        shutil.rmtree(work, ignore_errors=True)
    return out


async def preview() -> Path:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium")
    assert chromium is not None, "apt-get install chromium"
    out = IMAGES / "devtools-preview.png"

    async def ready(app: App, server: PreviewServer) -> None:
        async def run() -> None:
            try:
                for _ in range(400):
                    if 'test_id="profiles"' in await app.dump():
                        break
                    await asyncio.sleep(0.02)
                async with async_playwright() as pw:
                    browser = await pw.chromium.launch(executable_path=chromium,
                                                       args=["--no-sandbox"])
                    page = await browser.new_page(viewport={"width": 1100, "height": 700})
                    await page.goto(server.url)
                    await page.wait_for_function("window.marquee.frames > 0")
                    for key in ("ArrowRight", "ArrowRight"):
                        await page.keyboard.press(key)
                        await page.wait_for_timeout(300)
                    await page.screenshot(path=str(out))
                    await browser.close()
            finally:
                app.stop()

        asyncio.get_running_loop().create_task(run())

    await run_preview(load_target("apps.catalog.app"), size=(1280, 720), on_ready=ready)
    return out


async def recorder_strip() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        video = Path(tmp) / "hello.mp4"
        await record(load_target("apps.hello"), parse_keys("down,down,right,select"), video,
                     size=(480, 270), lead_in=12, tail_ms=300, progress=False)
        meta, frames = read_video(video)
        width, height = meta["size"]
        picked = [f for i, f in enumerate(frames) if i % 12 == 0][:6]
    columns, gap = 3, 8
    rows = (len(picked) + columns - 1) // columns
    sheet_w, sheet_h = columns * width + (columns + 1) * gap, rows * height + (rows + 1) * gap
    sheet = bytearray(bytes((24, 26, 32, 255)) * (sheet_w * sheet_h))
    for n, rgb in enumerate(picked):
        left = gap + (n % columns) * (width + gap)
        top = gap + (n // columns) * (height + gap)
        for y in range(height):
            row = rgb[y * width * 3:(y + 1) * width * 3]
            rgba = bytearray(width * 4)
            rgba[0::4], rgba[1::4], rgba[2::4] = row[0::3], row[1::3], row[2::3]
            rgba[3::4] = b"\xff" * width
            at = ((top + y) * sheet_w + left) * 4
            sheet[at:at + width * 4] = rgba
    out = IMAGES / "devtools-record.png"
    Screenshot(sheet_w, sheet_h, bytes(sheet)).save(out)
    return out


def main() -> int:
    service = CatalogService()
    os.environ["MARQUEE_CATALOG_URL"] = service.start()
    try:
        for make in (inspector, error_overlay, preview, recorder_strip):
            print(f"wrote {asyncio.run(make()).relative_to(ROOT)}", flush=True)
    finally:
        service.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
