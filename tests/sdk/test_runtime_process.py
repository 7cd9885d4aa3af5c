"""The renderer in its own process: same pictures, replaced when it dies, gone when the app is.

Real processes, real Wasm, real Skia: a renderer process is started for each
App here (about 0.3 s each).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from async_tasks import RealClock, VirtualClock
from components import Button, Column, Image, Text, View
from renderer import ImageManager
from renderer.lowlevel import skia
from sdk import App, Element, RendererCrashLoop, Screenshot
from sdk.runtime import FactorySpec

SIZE = (480, 270)


def page(image: str | None = None) -> Element:
    rows = [Button(f"Row {i}", test_id=f"row-{i}") for i in range(12)]
    extra = [Image(src=image, width=64, height=48, test_id="poster")] if image else []
    return Column(Text("Process", color="#000000"), *extra,
                  View(*rows, direction="column", overflow="scroll", height=160, gap=8,
                       test_id="list"),
                  padding=24, gap=12)


def segments(pid: int | None = None) -> list[str]:
    prefix = f"marquee-{os.getpid() if pid is None else pid}-"
    return [name for name in os.listdir("/dev/shm") if name.startswith(prefix)]


def focused_row(dump: str) -> int:
    line = next(line for line in dump.splitlines() if " focused" in line)
    return int(line.split('test_id="row-')[1].split('"')[0])


def box(dump: str, test_id: str) -> tuple[int, int, int, int]:
    line = next(line for line in dump.splitlines() if f'test_id="{test_id}"' in line)
    x, y, w, h = line.split("[")[1].split("]")[0].replace("x", ",").replace(" ", ",").split(",")
    return int(float(x)), int(float(y)), int(float(w)), int(float(h))


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


async def walk(app: App, keys: int) -> None:
    await app.frame(3)
    for _ in range(keys):
        app.press("down")
        await app.frame(2)
    await app.frame(30)  # scroll glides settle


async def picture(mode: str, keys: int) -> tuple[bytes, str, int]:
    async with App(page(), SIZE, design_size=SIZE, clock=VirtualClock(), renderer_mode=mode) as app:
        await walk(app, keys)
        shot = await app.screenshot()
        return shot.rgba, await app.dump(), app.focused


async def test_process_mode_paints_what_thread_mode_paints() -> None:
    thread = await picture("thread", 7)
    process = await picture("process", 7)
    assert process[2] == thread[2] != 0
    assert process[1] == thread[1]
    assert process[0] == thread[0]


async def test_a_killed_renderer_process_is_replaced_with_scene_focus_and_scroll() -> None:
    async with App(page(), SIZE, design_size=SIZE, clock=VirtualClock(),
                   renderer_mode="process") as app:
        await walk(app, 9)
        before, dump = await app.screenshot(), await app.dump()
        assert app._process is not None and app._process.engine.scroll  # the list scrolled
        process = app.renderer_process
        assert process is not None and process.pid is not None
        first, names = process.pid, process.segments
        os.kill(first, signal.SIGKILL)
        await app.frame(3)  # the frame asked of the dead process is asked again
        after = app.renderer_process
        assert after is not None and after.pid not in (None, first)
        assert app.crashes == 1
        assert await app.dump() == dump
        assert (await app.screenshot()).rgba == before.rgba
        row = focused_row(dump)
        app.press("down")
        await app.frame(3)
        assert focused_row(await app.dump()) == row + 1  # keys work in the new process
        assert not alive(first)
        assert not set(names) & set(segments())  # the dead process's rings are unlinked


async def test_renderer_process_deaths_count_in_the_crash_policy() -> None:
    app = App(page(), SIZE, design_size=SIZE, clock=VirtualClock(), renderer_mode="process")
    with pytest.raises(RendererCrashLoop, match="renderer process died"):
        async with app:
            await app.frame(2)
            for _ in range(6):
                process = app.renderer_process
                assert process is not None and process.pid is not None
                os.kill(process.pid, signal.SIGKILL)
                await app.frame(2)


def quadrants(path: Path, width: int, height: int) -> None:
    surface = skia.Surface(width, height)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorSetARGB(255, 200, 30, 60))
    paint = skia.Paint(Color=skia.ColorSetARGB(255, 20, 90, 220))
    canvas.drawRect(skia.Rect.MakeXYWH(width / 2, 0, width / 2, height / 2), paint)
    surface.makeImageSnapshot().save(str(path), skia.kPNG)


async def shown(app: App, images: ImageManager, x: int, y: int) -> Screenshot:
    """Frames until the poster's top-left quadrant shows (real time passes: the
    renderer process scales large images in a worker)."""
    for _ in range(200):
        await app.frame()
        if images.wait_idle(0) and images.stats().decoded_bytes:
            shot = await app.screenshot()
            if shot.pixel(x, y) == (200, 30, 60, 255):
                return shot
        await asyncio.sleep(0.005)
    raise AssertionError("the image never showed")


@pytest.mark.parametrize("source", [(64, 48), (1280, 960)], ids=["small", "large"])
async def test_images_reach_the_renderer_process(tmp_path: Path,
                                                 source: tuple[int, int]) -> None:
    """Small images are scaled where they are drawn, large ones by the renderer process's
    scaler worker (the background shows meanwhile); the pixels are the same."""
    quadrants(tmp_path / "poster.png", *source)
    shots = []
    decoders: frozenset[int] = frozenset()
    for mode in ("thread", "process"):
        with ImageManager(asset_roots=[tmp_path]) as images:
            async with App(page(str(tmp_path / "poster.png")), SIZE, design_size=SIZE,
                           clock=VirtualClock(), images=images, renderer_mode=mode) as app:
                await app.frame()
                x, y, w, h = box(await app.dump(), "poster")
                shots.append(await shown(app, images, x + w // 4, y + h // 4))
                if mode == "process":  # and again into a replacement process
                    process = app.renderer_process
                    assert process is not None and process.pid is not None
                    # Decoded neither here nor in the renderer: in a worker process.
                    decoders = images.decoder_pids
                    assert decoders and not decoders & {os.getpid(), process.pid}
                    os.kill(process.pid, signal.SIGKILL)
                    await app.frame(2)
                    shots.append(await shown(app, images, x + w // 4, y + h // 4))
            assert images.decoder_pids == frozenset()  # back on threads after the app
    assert not any(alive(pid) for pid in decoders)  # no decoder left behind
    assert shots[0].pixel(x + 3 * w // 4, y + h // 4) == (20, 90, 220, 255)
    assert shots[1].rgba == shots[0].rgba
    assert shots[2].rgba == shots[0].rgba


def test_process_mode_refuses_factories_it_cannot_import() -> None:
    with pytest.raises(ValueError, match=r"presenter_factory.*module-level"):
        App(page(), SIZE, design_size=SIZE, renderer_mode="process",
            presenter_factory=lambda w, h: None)
    with pytest.raises(ValueError, match="renderer_mode must be"):
        App(page(), SIZE, design_size=SIZE, renderer_mode="fork")
    App(page(), SIZE, design_size=SIZE, renderer_mode="process",
        presenter_factory=FactorySpec("renderer.lowlevel:HeadlessPresenter"))


async def test_real_clock_defaults_to_a_process_that_leaves_nothing_behind() -> None:
    app = App(page(), SIZE, design_size=SIZE, clock=RealClock(), headless=True)
    assert app.renderer_mode == "process"
    assert App(page(), SIZE, design_size=SIZE, clock=VirtualClock()).renderer_mode == "thread"
    async with app:
        await app.frame(3)
        process = app.renderer_process
        assert process is not None and process.pid is not None
        pid, names = process.pid, process.segments
        assert len(names) == 2 and set(names) <= set(segments())
        assert app.first_frame_s > 0
    assert not alive(pid)
    assert not set(names) & set(segments())


APP_SCRIPT = textwrap.dedent("""
    import asyncio
    from async_tasks import RealClock
    from components import Text
    from sdk import App

    app = App(Text("hi"), (320, 180), clock=RealClock(), headless=True)

    async def announce():
        await app.frame(2)  # run_async installed its SIGTERM handler before this ran
        print(app.renderer_process.pid, flush=True)

    async def main():
        await app.start()
        task = asyncio.ensure_future(announce())
        await app.run_async()
        await task

    try:
        asyncio.run(main())
    except KeyboardInterrupt:  # as App.run() does
        pass
    print("clean exit", flush=True)
""")


def start_app(tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    script = tmp_path / "tv_app.py"
    script.write_text(APP_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                             text=True, env=env, start_new_session=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip().isdigit(), line
    return child, int(line)


def wait_gone(pid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_the_renderer_exits_within_a_second_when_the_app_is_killed(tmp_path: Path) -> None:
    app, renderer = start_app(tmp_path)
    try:
        assert alive(renderer)
        app.kill()
        app.wait(5)
        assert wait_gone(renderer, 1.0), "the renderer outlived its app by over 1 s"
    finally:
        app.kill()
    # The app's resource tracker outlives it and unlinks what it owned.
    assert with_retries(lambda: not segments(app.pid), 5.0)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_end_both_processes_cleanly(tmp_path: Path, stop: int) -> None:
    app, renderer = start_app(tmp_path)
    try:
        os.killpg(app.pid, stop)  # Ctrl-C reaches the whole process group
        out, _ = app.communicate(timeout=15)
        assert app.returncode == 0, out
        assert "clean exit" in out
        assert wait_gone(renderer, 1.0)
        assert not segments(app.pid)  # unlinked by the app, not by a tracker's clean-up
    finally:
        app.kill()


def with_retries(check: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


PREWARM_SCRIPT = textwrap.dedent("""
    import asyncio, os
    from sdk.runtime import prewarm
    from sdk.runtime import _renderer_process as rp
    prewarm()  # one thread here: forked, with every module already imported
    spare = rp._spare[1]
    from async_tasks import RealClock
    from components import Text
    from sdk import App

    async def main():
        async with App(Text("hi", color="#ffffff"), (320, 180), design_size=(320, 180),
                       clock=RealClock(), headless=True) as app:
            await app.frame(3)
            shot = await app.screenshot()
            print(type(spare).__name__, app.renderer_process.pid == spare.pid,
                  app.renderer_process.pid != os.getpid(), shot.width, flush=True)
            return app.renderer_process.pid

    print(asyncio.run(main()), flush=True)
""")


def test_prewarm_forks_a_ready_renderer_process_that_the_next_app_uses(tmp_path: Path) -> None:
    script = tmp_path / "prewarmed.py"
    script.write_text(PREWARM_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    first, last = done.stdout.strip().splitlines()
    assert first == "_Forked True True 320"
    assert not alive(int(last))  # stopped with its app


def test_the_cli_runs_the_renderer_in_a_process_and_leaves_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    shot = tmp_path / "last.png"
    done = subprocess.run([sys.executable, "-m", "sdk", "run", "apps.hello", "--headless",
                           "--realtime", "--frames", "20", "--screenshot", str(shot)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert skia.Image.open(str(shot)).width() == 1920


async def test_complex_text_is_shaped_in_the_renderer_process() -> None:
    """Arabic needs HarfBuzz: in process mode the app only queues it; the renderer
    process shapes it (also into a replacement process), and the pixels are those of
    thread mode, where the app shapes it itself."""
    from renderer import FontSet
    from tests.fonts import SUBSET_CHAIN
    from tests.fonts.corpus import SAMPLES

    arabic = SAMPLES["arabic"]
    shots, dumps = [], []
    for mode in ("thread", "process"):
        fonts = FontSet(fallbacks=SUBSET_CHAIN)
        element = Column(Text(arabic, color="#ffffff", size=40), padding=24)
        async with App(element, SIZE, design_size=SIZE, clock=VirtualClock(), fonts=fonts,
                       renderer_mode=mode) as app:
            await app.frame(3)
            shots.append(await app.screenshot())
            dumps.append(await app.dump())  # the measured width is the shaped one
            assert "missing_glyphs" not in dumps[-1]
            if mode == "process":
                assert fonts.shaped_texts == (arabic,)
                assert fonts.take_unshaped() == []  # sent to the renderer process
                process = app.renderer_process
                assert process is not None and process.pid is not None
                os.kill(process.pid, signal.SIGKILL)
                await app.frame(3)
                shots.append(await app.screenshot())
                dumps.append(await app.dump())
        assert not fonts.shape_elsewhere  # given back as the app found it
    assert dumps[1] == dumps[0] and dumps[2] == dumps[0]
    assert shots[1].rgba == shots[0].rgba
    assert shots[2].rgba == shots[0].rgba
