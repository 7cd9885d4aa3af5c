"""`preview` in a real headless Chromium (Debian's, driven by Playwright through
`executable_path`): the page shows the app's frames and the keyboard is the remote."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest

from sdk.devtools import PreviewHub, PreviewServer, frame_message, load_target, run_preview
from sdk.runtime import App

playwright = pytest.importorskip("playwright.async_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="apt-get install chromium (./dev setup)")

CANVAS_SUM = """() => {
  const c = document.getElementById("screen");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7;
  return sum;
}"""


async def drive(app: App, server: PreviewServer, script: Any) -> Any:
    async with playwright.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM,
                                           args=["--no-sandbox", "--disable-gpu"])
        try:
            page = await browser.new_page(viewport={"width": 800, "height": 600})
            await page.goto(server.url)
            await page.wait_for_function("window.marquee.frames > 0", timeout=15_000)
            # The first message is the mirror: on a slow machine it may predate the
            # app's first paint. Wait for the app's pixels before the script starts.
            await page.wait_for_function(f"({CANVAS_SUM})() > 0", timeout=15_000)
            return await script(page, app)
        finally:
            await browser.close()


async def preview(target: Any, script: Any) -> Any:
    result: list[Any] = []

    async def ready(app: App, server: PreviewServer) -> None:
        async def run() -> None:
            try:
                result.append(await drive(app, server, script))
            except BaseException as exc:
                result.append(exc)
            finally:
                app.stop()

        asyncio.get_running_loop().create_task(run())

    await asyncio.wait_for(run_preview(target, size=(480, 270), on_ready=ready), 60)
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


async def test_the_page_shows_the_app_and_a_key_changes_the_frame(app_package: Path) -> None:
    async def script(page: Any, app: App) -> tuple[int, int, int, int]:
        before_sum = await page.evaluate(CANVAS_SUM)
        frames = await page.evaluate("window.marquee.frames")
        await page.keyboard.press("ArrowDown")  # the first arrow focuses the counter's button
        await page.wait_for_function(f"window.marquee.frames > {frames}", timeout=10_000)
        await page.wait_for_timeout(300)  # the focus animation's last frames
        after_sum = await page.evaluate(CANVAS_SUM)
        latencies = await page.evaluate("window.marquee.latencies.length")
        return before_sum, after_sum, frames, latencies

    before, after, _frames, latencies = await preview(
        load_target(f"{app_package.name}.app"), script)
    assert before > 0  # the app's first frame was drawn (not a black canvas)
    assert after != before  # the key moved focus: new pixels reached the page
    assert latencies >= 1


async def test_enter_in_the_browser_runs_the_apps_handler(app_package: Path) -> None:
    async def script(page: Any, app: App) -> str:
        await page.keyboard.press("ArrowDown")  # focus the counter's button
        for _ in range(3):
            await page.keyboard.press("Enter")
        for _ in range(100):  # the page sent the keys; the renderer applies them at its ticks
            if '"Count 3"' in await app.dump():
                break
            await asyncio.sleep(0.05)
        return await app.dump()

    dump = await preview(load_target(f"{app_package.name}.app"), script)
    assert '"Count 3"' in dump


def test_a_frame_message_lists_its_tiles() -> None:
    message = frame_message(7, [(1, 2, 3, 4, b"png!")])
    assert message[:6] == (7).to_bytes(4, "little") + (1).to_bytes(2, "little")
    assert message[6:18] == b"".join(v.to_bytes(2, "little") for v in (1, 2, 3, 4)) + \
        (4).to_bytes(4, "little")
    assert message[18:] == b"png!"


def test_frames_that_queued_while_encoding_become_one_message_from_the_mirror() -> None:
    hub = PreviewHub((4, 2))
    try:
        red, blue = bytes((255, 0, 0, 255)), bytes((0, 0, 255, 255))
        one = hub._encode([[(0, 0, 1, 1, red)], [(1, 0, 1, 1, blue)], [(0, 0, 1, 1, blue)]])
        assert one[:6] == (1).to_bytes(4, "little") + (2).to_bytes(2, "little")  # two rects
        assert hub._crop(0, 0, 2, 1) == blue + blue  # the later frame won
        assert hub.frames == 1
    finally:
        hub.close()
