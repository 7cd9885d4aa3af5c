"""App code's errors are contained: the default root boundary, and raising when asked to."""

from __future__ import annotations

import asyncio
import logging
import os
import signal as os_signal
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

from async_tasks import VirtualClock
from sdk import TEXT, VIEW, App, AppClosed, AppError, Element, component, host_element, use_signal
from signals import SignalError, signal


def View(*children: Any, **props: Any) -> Element:
    return host_element(VIEW, children, props, None)


def Text(text: Any, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


def explode() -> None:
    raise ValueError("bad settings value")


@component
def Settings() -> Element:
    saves = use_signal(0)
    return View(Text(lambda: f"saved {saves()}"),
                View(width=100, height=50, focusable=True, on_press=explode),
                View(width=100, height=50, focusable=True,
                     on_press=lambda: saves.update(lambda n: n + 1)),
                direction="row")


def make_app(**options: Any) -> App:
    return App(Settings(), size=(640, 360), design_size=(1280, 720), clock=VirtualClock(),
               **options)


def test_a_failing_handler_shows_the_error_screen_logs_it_and_the_app_keeps_running(
        caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with make_app() as app:
            app.press("right")
            await app.frame(2)
            with caplog.at_level(logging.ERROR):
                app.press("select")
                await app.frame(3)
            dump = await app.dump()
            assert "ValueError: bad settings value" in dump and "saved 0" not in dump
            assert app.running
            retry = next(line for line in dump.splitlines() if 'test_id="error-retry"' in line)
            assert "focused" in retry  # a remote's select works at once, no arrow first
            app.press("select")  # reset: the app mounts again, fresh
            await app.frame(3)
            dump = await app.dump()
            assert "saved 0" in dump and "bad settings value" not in dump

    asyncio.run(main())
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1 and failures[0].exc_info is not None
    assert "bad settings value" in str(failures[0].exc_info[1])


def test_without_an_error_view_the_failure_stops_the_app() -> None:
    async def main() -> None:
        app = make_app(error_view=None)
        await app.start()
        app.press("right")
        await app.frame(2)
        app.press("select")
        with pytest.raises(AppError, match="bad settings value"):
            await app.frame(3)
        with pytest.raises(AppError):
            await app.close()

    asyncio.run(main())


def test_a_custom_error_view_is_used_and_a_bad_one_is_refused() -> None:
    async def main() -> None:
        async with make_app(error_view=lambda e, reset: Text(f"Sorry: {e}")) as app:
            app.press("right")
            await app.frame(2)
            app.press("select")
            await app.frame(3)
            assert '"Sorry: bad settings value"' in await app.dump()

    asyncio.run(main())
    with pytest.raises(TypeError, match="error_view"):
        make_app(error_view="oops")


SIGTERM_APP = '''
import sys
from sdk import App, TEXT, host_element, component, use_effect

@component
def Home():
    def mounted():
        print("mounted", flush=True)
        return lambda: print("disposed", flush=True)
    use_effect(mounted)
    return host_element(TEXT, (), {"text": "home"}, None)

App(Home(), size=(320, 180), design_size=(320, 180), headless=True).run()
print("returned", flush=True)
'''


def test_sigterm_shuts_the_app_down_cleanly(tmp_path: Any) -> None:
    script = tmp_path / "tv_app.py"
    script.write_text(SIGTERM_APP)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    process = subprocess.Popen([sys.executable, str(script)], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": root})
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "mounted"
        process.send_signal(os_signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out.split() == ["disposed", "returned"], (out, err)


def in_thread(fn: Any) -> list[BaseException]:
    """Runs `fn` on a real worker thread; returns what it raised."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            fn()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=target, name="worker")
    worker.start()
    worker.join()
    return errors


def test_the_graph_belongs_to_the_app_thread_even_if_a_worker_wrote_first() -> None:
    status = signal("idle")
    assert in_thread(lambda: status.set("prefetched")) == []  # the worker claims the graph

    async def main() -> None:
        async with App(View(Text(status)), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await app.frame()
            assert '"prefetched"' in await app.dump()
            status.set("ready")  # the app thread may write
            await app.frame()
            assert '"ready"' in await app.dump()

    asyncio.run(main())


def test_a_write_from_another_thread_is_refused_and_call_soon_threadsafe_is_the_way_in() -> None:
    status = signal("idle")

    async def main() -> None:
        async with App(View(Text(status)), size=(320, 180), design_size=(320, 180),
                       clock=VirtualClock()) as app:
            await app.frame()
            errors = in_thread(lambda: status.set("from worker"))
            assert len(errors) == 1 and isinstance(errors[0], SignalError)
            assert "app.call_soon_threadsafe" in str(errors[0])
            assert "'worker'" in str(errors[0])
            assert status() == "idle"
            await app.frame()
            assert '"idle"' in await app.dump()

            assert in_thread(lambda: app.call_soon_threadsafe(
                lambda: status.set("loaded"))) == []
            await app.frame(2)
            assert '"loaded"' in await app.dump()
            with pytest.raises(TypeError, match="needs a function"):
                app.call_soon_threadsafe("loaded")  # type: ignore[arg-type]
        with pytest.raises(AppClosed):
            app.call_soon_threadsafe(lambda: None)

    asyncio.run(main())


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_a_blocked_app_thread_is_logged_with_its_stack_and_frames_keep_coming(
        caplog: pytest.LogCaptureFixture, mode: str) -> None:
    stall: list[tuple[float, float]] = []

    def stuck_in_a_blocking_call() -> None:
        started = time.perf_counter()
        time.sleep(1.0)  # a synchronous call that hangs (real time: a real stall)
        stall.append((started, time.perf_counter()))

    ticks_during: list[int] = []

    async def main() -> None:
        app = App(View(View(width=100, height=50, focusable=True,
                            on_press=stuck_in_a_blocking_call)),
                  size=(320, 180), design_size=(320, 180), headless=True,
                  watchdog_ms=250, renderer_mode=mode)
        async with app:
            await app.frame(2)
            app.press("right")
            await app.frame(3)
            app.press("select")
            while not stall:
                await app.frame()
            for _ in range(300):  # the watchdog notices the loop runs again
                if "running again" in caplog.text:
                    break
                await app.frame()
            timings, _missed = await app.frame_timings()
            # perf_counter is the system's monotonic clock: comparable across processes.
            start, end = stall[0]
            ticks_during.append(sum(start <= t.presented_at <= end for t in timings))

    with caplog.at_level(logging.WARNING, logger="sdk.runtime"):
        asyncio.run(main())
    stalls = [r.getMessage() for r in caplog.records if "has not run its loop" in r.getMessage()]
    assert len(stalls) == 1, caplog.text
    assert "stuck_in_a_blocking_call" in stalls[0] and "time.sleep" in stalls[0]
    assert "running again" in caplog.text
    assert ticks_during[0] > 10  # the renderer kept ticking while the app thread was stuck


def test_bad_watchdog_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="watchdog_ms"):
        App(View(), watchdog_ms=0)
