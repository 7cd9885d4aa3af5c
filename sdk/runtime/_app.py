"""`App`: runs a scene root on an app thread and a renderer thread.

The app thread (the thread that calls `run()` / enters `async with App(...)`)
runs an asyncio loop with the signals graph, components and reconciler. At
every frame boundary it runs due timers, calls `root.flush()` and sends the
batch down the bus. The renderer thread (`RendererThread`) owns the engine,
painter and presenter, runs the 60 Hz frame clock and posts events back;
they reach the app thread through `loop.call_soon_threadsafe` and go to
`root.handle_events`.

Time: one `Clock`. With a `RealClock` (the default) the renderer ticks in
real time. With a `VirtualClock` the runtime is *stepped*: nothing happens
until `await app.frame()`, which advances the clock by one frame interval
(running due timers), flushes, has the renderer run exactly one frame at the
new time and hands its events to the root, so tests are deterministic.

Keys (`app.press`, the window's keyboard) go into the engine as `KEY`
commands; the engine moves focus and reports `KEY`/`FOCUS`/`BLUR`/`PRESS`
events. There is no focus model in Python.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import signal as _signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

from async_tasks import (
    Clock,
    FrameHook,
    NoClockError,
    RealClock,
    VirtualClock,
    current_clock,
    current_frame_hook,
    install_clock,
    install_frame_hook,
    let_tasks_run,
    live_tasks,
)
from renderer import (
    CommandBuffer,
    FontSet,
    ImageManager,
    ImageState,
    KeyAction,
    Renderer,
)
from renderer.lowlevel import HeadlessPresenter, Presenter, WindowPresenter, display_available, skia
from signals import set_graph_thread

from ..reconciler import Element, SceneRoot
from ._bus import EXITED, FRAME, PIXELS, TIMINGS, U32, AppSide, Bus, Down, Up
from ._crash_policy import RendererCrashLoop
from ._error_screen import ErrorView, error_screen, with_root_boundary
from ._frame_loop import FrameLoop, FrameTiming
from ._keys import resolve_key, validate_extra_keys
from ._process_bus import AppEnd
from ._process_mode import ProcessMode
from ._renderer_process import FactorySpec, ProcessConfig, RendererProcess, factory_spec
from ._renderer_thread import RendererThread
from ._step import AppHalf, SceneRootLike
from ._watchdog import Watchdog

__all__ = ["App", "AppClosed", "AppError", "SceneRootLike", "Screenshot"]

logger = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 1000.0 / 60.0
RENDERER_MODES = ("thread", "process")


async def _finish_cancelled_tasks(timeout_s: float) -> None:
    """Let the tasks that disposing the root cancelled run their cancellation."""
    pending = [task.asyncio_task for task in live_tasks() if task.asyncio_task is not None]
    pending = [task for task in pending if task.get_loop() is asyncio.get_running_loop()]
    if pending:
        _, late = await asyncio.wait(pending, timeout=timeout_s)
        for task in late:
            logger.error("task %s did not finish after it was cancelled", task.get_name())


def _installed_clock() -> Clock | None:
    try:
        return current_clock()
    except NoClockError:
        return None


class AppError(RuntimeError):
    """The runtime stopped because something failed (renderer thread, app code)."""


class AppClosed(RuntimeError):
    """The app is not running (not started yet, or stopped)."""


def _failure(error: BaseException) -> BaseException:
    """What the app raises for a runtime failure: a crash loop as itself, else `AppError`."""
    return error if isinstance(error, RendererCrashLoop) else AppError(str(error))


class Screenshot:
    """The pixels of one presented frame (RGBA rows, unpremultiplied)."""

    def __init__(self, width: int, height: int, rgba: bytes) -> None:
        self.width = width
        self.height = height
        self.rgba = rgba

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        """The RGBA value at `(x, y)`."""
        i = (y * self.width + x) * 4
        r, g, b, a = self.rgba[i:i + 4]
        return r, g, b, a

    def png_bytes(self) -> bytes:
        """Encoded as PNG (slow at full HD: ~150 ms)."""
        info = skia.ImageInfo.Make(self.width, self.height, skia.kRGBA_8888_ColorType,
                                   skia.kUnpremul_AlphaType)
        image = skia.Image.MakeRasterData(info, self.rgba, self.width * 4)
        data = image.encodeToData(skia.EncodedImageFormat.kPNG, 100) if image else None
        if data is None:
            raise RuntimeError("Skia could not encode the screenshot as PNG")
        return bytes(data)

    def save(self, path: str | Path) -> Path:
        """Writes a PNG to `path` (parents created) and returns the path."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.png_bytes())
        return target


FrameSink = Callable[[int, Screenshot], None]


class ImageSource:
    """The reconciler's image source over an `ImageManager` (ids, refcounts, rebuild)."""

    def __init__(self, manager: ImageManager) -> None:
        self.manager = manager
        self._held: dict[int, int] = {}

    def acquire(self, src: str) -> int:
        """The image id for `src`; its `DEFINE_IMAGE` is queued in the manager."""
        image = self.manager.request(src)
        self._held[image] = self._held.get(image, 0) + 1
        return image

    def release(self, image: int) -> None:
        """One user of `image` is gone."""
        count = self._held.get(image, 0) - 1
        if count <= 0:
            self._held.pop(image, None)
        else:
            self._held[image] = count
        self.manager.release(image)

    def held(self) -> list[int]:
        """The image ids the scene holds, ascending."""
        return sorted(self._held)

    def rebuild_commands(self) -> bytes:
        """`DEFINE_IMAGE` (and failures) for every held image, for a fresh engine."""
        self.manager.drain_commands()  # the rebuild states where every image is now
        buffer = CommandBuffer()
        for image in sorted(self._held):
            state = self.manager.state(image)
            pixels = self.manager.skia_image(image) if state == ImageState.LOADED else None
            if pixels is not None:
                buffer.define_image(image, pixels.width(), pixels.height())
            else:
                buffer.define_image(image, 0, 0)
                if state == ImageState.FAILED:
                    buffer.image_state(image, ImageState.FAILED)
        return buffer.getvalue()


class App:
    """Runs `root` (an element, or a ready scene root) with a renderer.

    Args:
        root: the root element (mounted with `SceneRoot`), or an object with
            the `SceneRootLike` interface.
        size: surface size in pixels.
        clock: the one clock; a `VirtualClock` makes the app stepped (frames
            only on `await app.frame()`). Default: a new `RealClock`.
        headless: paint offscreen; default: headless unless a display exists
            (always headless with a virtual clock unless `headless=False`).
        design_size: the design space the scene is laid out in.
        fonts: the fonts (default: the bundled Roboto `FontSet`).
        images: the image manager handed to the root and the painter (default:
            a new one, closed with the app).
        extra_keys: app-named keys, name -> code 32..255 (for `press` and, by
            pygame key name, the window keyboard).
        frame_sink: called on the app thread with `(frame_number, Screenshot)`
            for every painted frame (the CLI's `--out`); costs a pixel copy per frame.
        title: window title.
        reply_timeout_s: longest wait for the renderer thread to answer.
        renderer_factory: makes engine instances (tests).
        presenter_factory: makes the presenter from the size, on the
            renderer thread (benchmarks, custom outputs); overrides `headless`.
            In process mode both factories must be module-level callables (or
            `FactorySpec`s), which the renderer process imports.
        renderer_mode: `"process"` runs the engine, painter and window in
            their own process, so app code never delays a frame (the default
            with a real clock); `"thread"` on a thread of this process (the
            default with a virtual clock: tests). docs/runtime.md compares them.
        switch_interval_ms: while the app runs, set the interpreter's GIL
            switch interval (`sys.setswitchinterval`, process-wide; default
            5 ms); 1 ms keeps frames steadier while app code is busy
            (docs/runtime.md). None leaves it alone.
        watchdog_ms: with a real clock, when the app thread's loop has not
            run for this long (a handler blocking), log the app thread's
            stack (`WARNING` on `sdk.runtime`); None turns it off.
        error_view: what replaces the app when its code fails and no
            `ErrorBoundary` of its own caught the error: `(error, reset) ->
            element` (default `error_screen`); the error is logged. None:
            such an error stops the app (`AppError`), as tests want.

    Raises:
        ValueError: bad size or extra keys.
    """

    def __init__(
        self,
        root: Element | SceneRootLike,
        size: tuple[int, int] = (1920, 1080),
        *,
        clock: Clock | None = None,
        headless: bool | None = None,
        design_size: tuple[float, float] = (1920.0, 1080.0),
        fonts: FontSet | None = None,
        images: ImageManager | None = None,
        extra_keys: Mapping[str, int] | None = None,
        frame_sink: FrameSink | None = None,
        title: str = "Marquee",
        reply_timeout_s: float = 10.0,
        renderer_factory: Callable[[], Renderer] | FactorySpec = Renderer,
        presenter_factory: Callable[[int, int], Presenter] | FactorySpec | None = None,
        renderer_mode: str | None = None,
        switch_interval_ms: float | None = None,
        error_view: ErrorView | None = error_screen,
        watchdog_ms: float | None = 2000.0,
    ) -> None:
        width, height = size
        if not (isinstance(width, int) and isinstance(height, int)) or width <= 0 or height <= 0:
            raise ValueError(f"App size must be two positive ints, got {size!r}")
        self.size = (width, height)
        self.clock: Clock = clock if clock is not None else RealClock()
        if not isinstance(self.clock, VirtualClock | RealClock):
            raise TypeError(f"App needs a RealClock or a VirtualClock, got {self.clock!r}")
        self.stepped = isinstance(self.clock, VirtualClock)
        self.frame_hook = FrameHook()
        """Holds what tasks write between frames and applies it at the frame boundary."""
        self._origin = self.clock.now()
        if headless is None:
            headless = self.stepped or not display_available()
        self.headless = headless
        self.design_size = design_size
        self.fonts = fonts if fonts is not None else FontSet()
        self._own_images = images is None
        self.images = images if images is not None else ImageManager()
        self._image_source = ImageSource(self.images)
        self.extra_keys = validate_extra_keys(extra_keys)
        self.frame_interval_ms = FRAME_INTERVAL_MS
        self.crashes = 0
        """Renderer crashes recovered from so far."""
        self._root_arg = root
        self.root: SceneRootLike | None = None
        self._half: AppHalf | None = None
        self._frame_sink = frame_sink
        self._title = title
        self._timeout = reply_timeout_s
        self._factory = renderer_factory
        self._presenter_factory = presenter_factory
        mode = renderer_mode if renderer_mode is not None else (
            "thread" if self.stepped else "process")
        if mode not in RENDERER_MODES:
            raise ValueError(f"renderer_mode must be 'thread' or 'process', got {renderer_mode!r}")
        self.renderer_mode = mode
        """Where the renderer runs: `"thread"` or `"process"`."""
        if mode == "process":  # fail now, not in the child
            if renderer_factory is not Renderer:
                factory_spec(renderer_factory, "renderer_factory")
            if presenter_factory is not None:
                factory_spec(presenter_factory, "presenter_factory")
        if switch_interval_ms is not None and not 0 < switch_interval_ms <= 100:
            raise ValueError(f"switch_interval_ms must be in (0, 100], got {switch_interval_ms!r}")
        self._switch_ms = switch_interval_ms
        if error_view is not None and not callable(error_view):
            raise TypeError(f"App(error_view=...) must be a function (error, reset) -> element "
                            f"or None, got {error_view!r}")
        self._error_view = error_view
        if watchdog_ms is not None and not watchdog_ms > 0:
            raise ValueError(f"watchdog_ms must be positive or None, got {watchdog_ms!r}")
        self._watchdog_ms = watchdog_ms
        self._watchdog: Watchdog | None = None
        self._saved_switch: float | None = None
        self._bus: AppSide = Bus()
        self._thread: RendererThread | None = None
        self._process: ProcessMode | None = None
        self._resend: dict[int, Callable[[], None]] = {}
        self.first_frame_s = 0.0
        """Seconds from `start()` to the first frame the renderer reported."""
        self._started_at = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pump: asyncio.Task[None] | None = None
        self._pump_waiter: asyncio.Future[None] | None = None
        self._stopped: asyncio.Event | None = None
        self._replies: dict[int, asyncio.Future[Any]] = {}
        self._frame_waiters: list[asyncio.Future[None]] = []
        self._seq = 0
        self._app_thread: int | None = None
        self._frames_seen = 0
        self._error: BaseException | None = None
        self._stop_requested = False
        self._state = "new"

    # Lifetime -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Between `start()` and `close()`, and not stopped."""
        return self._state == "running"

    @property
    def renderer_thread(self) -> RendererThread | None:
        """The renderer thread in thread mode (tests and benchmarks), else None."""
        return self._thread

    @property
    def renderer_process(self) -> RendererProcess | None:
        """The renderer process in process mode (tests and benchmarks), else None."""
        return self._process.process if self._process is not None else None

    @property
    def focused(self) -> int:
        """The node the engine last reported focused (process mode mirrors the events)."""
        thread = self._thread
        if thread is not None and thread.loop is not None:
            return thread.loop.focused
        return self._process.engine.focused if self._process is not None else 0

    async def start(self) -> None:
        """Starts the renderer thread; the root mounts at the first frame boundary.

        Raises:
            AppClosed: started twice.
        """
        if self._state != "new":
            raise AppClosed(f"App.start() called when the app is {self._state}")
        self._state = "starting"
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._app_thread = threading.get_ident()
        set_graph_thread(self._app_thread)  # the graph is the app thread's, whoever wrote first
        self._stopped = asyncio.Event()
        if self._stop_requested:
            self._stopped.set()
        install_clock(self.clock)  # timers (async_tasks.interval/sleep) follow the app's clock
        install_frame_hook(self.frame_hook)  # task writes land at frame boundaries
        self.root = self._make_root()
        self._half = AppHalf(self.root, self.images)
        self._started_at = time.perf_counter()
        try:
            if self.renderer_mode == "process":
                self._start_process()
            else:
                self._start_thread()
                self._bus.send_commands(self.fonts.define_commands())
        except BaseException:
            self._state = "closed"
            self._dispose()
            raise
        self._state = "running"
        if self._switch_ms is not None:
            self._saved_switch = sys.getswitchinterval()
            sys.setswitchinterval(self._switch_ms / 1000.0)
        if not self.stepped:
            self._pump = loop.create_task(self._pump_frames(), name="marquee-frame-boundary")
            self._start_watchdog(loop)

    def _start_thread(self) -> None:
        bus = self._bus
        assert isinstance(bus, Bus)
        bus.set_on_post(self._wake)
        self._thread = RendererThread(
            bus, self._make_frame_loop, clock=self.clock, paced=not self.stepped,
            interval_ms=self.frame_interval_ms,
        )
        self._thread.start()

    def _while_booting(self, end: AppEnd) -> None:
        """The fonts, and with a real clock the first render, while the renderer process
        starts (they wait in the socket): the two overlap instead of adding up."""
        self.fonts.shape_elsewhere = True  # HarfBuzz runs in the renderer process
        end.send_commands(self.fonts.define_commands())
        if not self.stepped:
            self._flush()

    def _start_process(self) -> None:
        factory = self._factory
        config = ProcessConfig(
            size=self.size, design_size=self.design_size, headless=self.headless,
            title=self._title, extra_keys=dict(self.extra_keys),
            capture=self._frame_sink is not None, paced=not self.stepped,
            interval_ms=self.frame_interval_ms, fonts=self.fonts.files,
            fallbacks=self.fonts.fallback_files,
            renderer_factory=None if factory is Renderer else factory_spec(factory,
                                                                           "renderer_factory"),
            presenter_factory=None if self._presenter_factory is None else factory_spec(
                self._presenter_factory, "presenter_factory"))
        mode = self._process = ProcessMode(config, self.images, self.fonts, self._timeout)

        def connect(end: AppEnd) -> None:
            self._bus = end
            self._while_booting(end)

        mode.start(connect).set_on_post(self._wake)

    def _start_watchdog(self, loop: asyncio.AbstractEventLoop) -> None:
        # Stepped apps are tests: their loop idles between frames on purpose.
        if self._watchdog_ms is not None and self._app_thread is not None:
            self._watchdog = Watchdog(loop, self._app_thread, self._watchdog_ms)
            self._watchdog.start()

    def _make_root(self) -> SceneRootLike:
        root = self._root_arg
        if isinstance(root, SceneRootLike):
            return root

        if self._error_view is not None:
            root = with_root_boundary(root, self._error_view)
        made: SceneRootLike = SceneRoot(root, images=self._image_source,
                                        size=self.design_size, fonts=self.fonts)
        return made

    def _make_frame_loop(self) -> FrameLoop:
        presenter: Presenter
        presenter_factory = self._presenter_factory
        if isinstance(presenter_factory, FactorySpec):
            presenter = presenter_factory.resolve()(*self.size)
        elif presenter_factory is not None:
            presenter = presenter_factory(*self.size)
        elif self.headless:
            presenter = HeadlessPresenter(*self.size)
        else:
            presenter = WindowPresenter(*self.size, title=self._title, extra_keys=self.extra_keys)
        try:
            assert isinstance(self._bus, Bus)
            factory = self._factory
            return FrameLoop(
                self._bus, presenter, fonts=self.fonts, images=self.images,
                design_size=self.design_size,
                renderer_factory=factory.resolve() if isinstance(factory, FactorySpec)
                else factory,
                capture=self._frame_sink is not None,
            )
        except BaseException:
            presenter.close()
            raise

    def stop(self) -> None:
        """Asks `run()`/`run_async()` to return (safe to call from handlers, and while
        the app is starting)."""
        self._stop_requested = True
        if self._stopped is not None:
            self._stopped.set()

    async def close(self) -> None:
        """Stops both threads, closes the renderer and disposes the root (idempotent).

        Raises:
            AppError: the runtime had failed (renderer thread or app code).
            RendererCrashLoop: the renderer kept crashing (5 times within 10 s).
        """
        if self._state in ("new", "closed"):
            self._state = "closed"
            return
        self._state = "closed"
        self.stop()
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
        self._shutdown_thread()
        self._dispose()
        await _finish_cancelled_tasks(self._timeout)
        if self._saved_switch is not None:
            sys.setswitchinterval(self._saved_switch)
            self._saved_switch = None
        error, self._error = self._error, None
        if error is not None:
            raise _failure(error) from error

    def _shutdown_thread(self) -> None:
        if self._process is not None:
            self._process.stop()
        thread = self._thread
        if thread is not None:
            self._bus.send_stop()
            if not thread.join(self._timeout):
                logger.error("the renderer thread did not stop within %s s", self._timeout)
        self._bus.set_on_post(None)
        for future in [*self._replies.values(), *self._frame_waiters]:
            if not future.done():
                future.set_exception(AppClosed("the app closed before the renderer answered"))
                future.exception()  # mark retrieved: nobody may be awaiting it
        self._replies.clear()
        self._frame_waiters.clear()

    def _dispose(self) -> None:
        if current_frame_hook() is self.frame_hook:
            install_frame_hook(None)  # applies writes still held
        if self.root is not None:
            self.root.dispose()
        set_graph_thread(None)  # the next user of the graph claims it
        if _installed_clock() is self.clock:
            install_clock(None)
        if self._own_images:
            self.images.close()

    async def __aenter__(self) -> App:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()

    async def run_async(self) -> None:
        """Runs until `stop()`, the window is closed, SIGTERM or a failure; then closes."""
        restore = self._stop_on_sigterm()  # before start: the first render happens there
        try:
            if self._state == "new":
                await self.start()
            assert self._stopped is not None
            await self._stopped.wait()
        finally:
            restore()
            await self.close()

    def _stop_on_sigterm(self) -> Callable[[], None]:
        """SIGTERM (a TV's process manager) shuts down like Ctrl-C; returns the undo.

        Only the main thread may own signal handlers; elsewhere this does nothing.
        """
        if threading.current_thread() is not threading.main_thread():
            return _nothing
        loop = asyncio.get_running_loop()
        try:
            loop.add_signal_handler(_signal.SIGTERM, self.stop)
        except (NotImplementedError, RuntimeError, ValueError):  # no signals on this platform
            return _nothing

        def restore() -> None:
            loop.remove_signal_handler(_signal.SIGTERM)

        return restore

    def run(self) -> None:
        """Runs the app on a new asyncio loop in this thread until it stops.

        Ctrl-C and SIGTERM stop it cleanly (both threads end, the renderer is
        closed, the root is disposed, no task is left) and it returns normally.

        Raises:
            AppError: the runtime failed.
            RendererCrashLoop: the renderer crashed 5 times within 10 s of frame
                time (the message names the last crash).
        """
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(self.run_async())

    # Other threads -------------------------------------------------------------

    def call_soon_threadsafe(self, fn: Callable[[], object]) -> None:
        """Runs `fn()` on the app thread soon; the way in for other threads.

        Signals belong to the app thread: a worker thread (a socket reader, a
        player callback) hands its writes over with this instead of writing
        itself. `fn`'s writes land at the next frame boundary, in one batch,
        like a task's; an exception it raises is an app failure (`AppError`).
        Callable from any thread, the app thread too.

        Raises:
            TypeError: `fn` is not callable.
            AppClosed: the app is not running.
        """
        if not callable(fn):
            raise TypeError(f"call_soon_threadsafe() needs a function, got {fn!r}")
        loop = self._loop
        if self._state != "running" or loop is None:
            raise AppClosed(f"call_soon_threadsafe(): the app is {self._state}")
        try:
            loop.call_soon_threadsafe(self._run_handed_over, fn)
        except RuntimeError:  # the loop closed meanwhile
            raise AppClosed("call_soon_threadsafe(): the app's loop is closed") from None

    def _run_handed_over(self, fn: Callable[[], object]) -> None:
        if self._state != "running":
            return
        self.frame_hook.hold()  # writes wait for the frame boundary, like a task's
        try:
            fn()
        except Exception as exc:
            self.frame_hook.report(exc)  # raised at the next frame boundary
        self._wake_pump()

    # Frames -------------------------------------------------------------------

    async def frame(self, count: int = 1) -> None:
        """Waits for `count` frames to be painted and their events handled.

        Stepped (virtual clock): each frame moves the clock to the next
        multiple of the frame interval from its start (due timers run),
        flushes the root, has the renderer run one frame and hands its
        events to the root. Real clock: waits for the
        renderer's next frames.

        Raises:
            AppClosed: the app is not running.
            TimeoutError: the renderer did not answer within `reply_timeout_s`.
        """
        for _ in range(count):
            self._check_running()
            if isinstance(self.clock, VirtualClock):
                self.clock.set(self._next_frame_time(self.clock.now()))
                await let_tasks_run()  # tasks woken by the timers run before the flush
                self._raise_error()  # a failure drained meanwhile: no renderer may answer
                self._flush()
                seq = self._request(partial(self._send_step, self.clock.now()))
                await self._await_reply(seq, "a frame")
            else:
                waiter: asyncio.Future[None] = self._running_loop().create_future()
                self._frame_waiters.append(waiter)
                await self._bounded(waiter, "a frame")
            self._raise_error()

    def _next_frame_time(self, now: float) -> float:
        # Frames sit on a grid from the start time, so 60 frames are exactly
        # 1000 ms later (adding 16.666... 60 times would fall short).
        interval = self.frame_interval_ms
        index = math.floor((now - self._origin) / interval + 1e-6) + 1
        return self._origin + index * interval

    async def settle(self, max_frames: int = 60) -> int:
        """Runs frames until the root has nothing left to flush; returns how many ran.

        Raises:
            TimeoutError: still dirty after `max_frames` frames.
        """
        for ran in range(1, max_frames + 1):
            await self.frame()
            assert self.root is not None
            if not self.root.dirty and not self.frame_hook.held:
                return ran
        raise TimeoutError(f"the app was still changing after {max_frames} frames")

    def press(self, key: str | int, action: str | None = None) -> None:
        """Sends a key into the engine: down then up, or one `action`.

        Args:
            key: a key name (`"right"`, `"select"`, `"back"`, `"5"`, an extra
                key's name) or a protocol code.
            action: `"down"`, `"repeat"` or `"up"`; default both down and up.

        Raises:
            ValueError: unknown key or action.
        """
        self._check_running()
        code = resolve_key(key, self.extra_keys)
        buffer = CommandBuffer()
        if action is None:
            buffer.key(code, KeyAction.DOWN).key(code, KeyAction.UP)
        else:
            try:
                buffer.key(code, KeyAction[action.upper()])
            except KeyError:
                raise ValueError(f"key action must be down, repeat or up, got {action!r}") from None
        self._bus.send_keys(buffer.getvalue())

    def resize(self, width: int, height: int) -> None:
        """Resizes the surface (and the window); the next frame repaints in full."""
        self._check_running()
        self.size = (width, height)
        self._bus.send_resize(width, height)

    async def dump(self) -> str:
        """The engine's scene dump after everything sent so far (PROTOCOL.md section 7)."""
        self._check_running()
        seq = self._request(lambda seq: self._bus.send_request(Down.DUMP, seq))
        text: str = await self._await_reply(seq, "a dump")
        return text

    async def screenshot(self, path: str | Path | None = None) -> Screenshot:
        """The pixels last presented; also written as PNG to `path` if given."""
        self._check_running()
        seq = self._request(lambda seq: self._bus.send_request(Down.SCREENSHOT, seq))
        shot: Screenshot = await self._await_reply(seq, "a screenshot")
        if path is not None:
            shot.save(path)
        return shot

    async def frame_timings(self) -> tuple[list[FrameTiming], int]:
        """The renderer's last `TIMING_HISTORY` frame timings and its missed deadlines
        (in either renderer mode; benchmarks and the catalog demo read them)."""
        self._check_running()
        seq = self._request(lambda seq: self._bus.send_request(Down.TIMINGS, seq))
        answer: tuple[list[FrameTiming], int] = await self._await_reply(seq, "frame timings")
        return answer

    # App-thread internals -------------------------------------------------------

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise AppClosed("the app was never started")
        return self._loop

    def _check_running(self) -> None:
        self._raise_error()
        if self._state != "running":
            raise AppClosed(f"the app is {self._state}; use `async with App(...)` or run()")

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._state = "failed" if self._state == "running" else self._state
            raise _failure(error) from error

    def _send_step(self, now_ms: float, seq: int) -> None:
        self._bus.send_step(seq, now_ms)

    def _request(self, send: Callable[[int], None]) -> int:
        """Sends a request that expects an answer; kept to re-send to a replacement process."""
        self._seq += 1
        seq = self._seq
        self._replies[seq] = self._running_loop().create_future()
        self._resend[seq] = lambda: send(seq)
        send(seq)
        return seq

    async def _await_reply(self, seq: int, what: str) -> Any:
        try:
            return await self._bounded(self._replies[seq], what)
        finally:
            self._replies.pop(seq, None)
            self._resend.pop(seq, None)

    async def _bounded(self, future: asyncio.Future[Any], what: str) -> Any:
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError:
            self._raise_error()
            raise TimeoutError(
                f"the renderer thread did not deliver {what} within {self._timeout} s"
            ) from None

    def _flush(self) -> None:
        assert self._half is not None
        self.frame_hook.run_frame_boundary()  # the writes tasks made since the last frame
        batch, commands = self._half.flush()
        if self.fonts.shape_elsewhere:
            texts = self.fonts.take_unshaped()
            if texts:  # shaped on the renderer's side, before the batch that shows them
                self._bus.send_shape(texts)
        if batch:
            self._bus.send_batch(batch)
        elif commands:
            self._bus.send_commands(commands)

    async def _pump_frames(self) -> None:
        clock = self.clock
        assert isinstance(clock, RealClock)
        interval_s = self.frame_interval_ms / 1000.0
        loop = self._running_loop()
        try:
            while True:
                clock.run_due()
                await let_tasks_run()
                self._flush()
                # Sleep one interval, or less when event handlers changed the scene.
                self._pump_waiter = waiter = loop.create_future()
                timer = loop.call_later(interval_s, _resolve_once, waiter)
                try:
                    await waiter
                finally:
                    timer.cancel()
                    self._pump_waiter = None
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            self._fail(exc)

    def _wake_pump(self) -> None:
        """Flush at once: the pump runs inside its task (async components start there)."""
        if self._pump_waiter is not None:
            _resolve_once(self._pump_waiter)

    def _fail(self, exc: BaseException) -> None:
        if self._error is None:
            self._error = exc
        for future in self._frame_waiters:
            if not future.done():
                future.set_exception(_failure(exc))
        self._frame_waiters.clear()
        for future in self._replies.values():
            if not future.done():
                future.set_exception(_failure(exc))
        self.stop()

    def _wake(self) -> None:
        # Called on the renderer thread after each post.
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._drain_up)

    def _drain_up(self) -> None:
        if self._state != "running":
            return
        for data in self._bus.take_up():
            try:
                self._on_message(data)
            except BaseException as exc:
                self._fail(exc)
                return

    def _on_message(self, data: bytes) -> None:
        kind, payload = data[0], memoryview(data)[1:]
        root = self.root
        assert root is not None
        if kind == Up.FRAME:
            seq, batches, _now = FRAME.unpack_from(payload)
            assert self._half is not None
            records = payload[FRAME.size:]
            if self._process is not None:
                self._process.engine.observe(records)
            if not self._frames_seen:
                self.first_frame_s = time.perf_counter() - self._started_at
            events = self._half.deliver(batches, records)
            if events and not self.stepped and root.dirty:
                # What the handlers changed goes out now, not at the pump's next
                # wake-up: the renderer shows it at its next frame (no extra hop).
                self._wake_pump()
            self._frames_seen += 1
            self._resolve(seq, None)
            waiters, self._frame_waiters = self._frame_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
        elif kind == Up.NEED_REBUILD:
            generation = U32.unpack_from(payload)[0]
            reason = bytes(payload[U32.size:]).decode("utf-8", "replace")
            logger.warning("rebuilding the scene after a renderer crash: %s", reason)
            self.crashes += 1
            if self._process is not None:
                self._process.trapped(self.clock.now(), generation, reason)
            self._bus.send_rebuild(generation, self.fonts.define_commands()
                                   + root.rebuild_commands())
        elif kind == Up.DUMP_RESULT:
            self._resolve(U32.unpack_from(payload)[0],
                          bytes(payload[U32.size:]).decode("utf-8", "replace"))
        elif kind == Up.PIXELS:
            seq, width, height = PIXELS.unpack_from(payload)
            shot = Screenshot(width, height, bytes(payload[PIXELS.size:]))
            if seq:
                self._resolve(seq, shot)
            elif self._frame_sink is not None:
                self._frame_sink(self._frames_seen + 1, shot)
        elif kind == Up.TIMINGS_RESULT:
            seq, missed = TIMINGS.unpack_from(payload)
            self._resolve(seq, (FrameTiming.unpack_all(payload[TIMINGS.size:]), missed))
        elif kind == Up.IMAGES_WANTED and self._process is not None:
            self._process.images_wanted(payload)
        elif kind == Up.EXITED:
            code = EXITED.unpack_from(payload)[0]
            self._renderer_exited(code, bytes(payload[EXITED.size:]).decode("utf-8", "replace"))
        elif kind == Up.CLOSED:
            self.stop()
        elif kind == Up.ERROR:
            raise AppError(bytes(payload).decode("utf-8", "replace"))
        elif kind == Up.CRASH_LOOP:
            raise RendererCrashLoop.decode(payload)

    def _renderer_exited(self, code: int, reason: str) -> None:
        """The renderer process died: a new one gets the scene, and the requests in flight.

        Raises:
            RendererCrashLoop: the crash policy gave up.
        """
        mode, root = self._process, self.root
        if mode is None or root is None or self._state != "running":
            return
        self.crashes += 1
        end = mode.replace(self.clock.now(), reason, self._image_source.held(),
                           root.rebuild_commands)
        self._bus = end
        end.set_on_post(self._wake)
        for resend in list(self._resend.values()):
            resend()

    def _resolve(self, seq: int, value: Any) -> None:
        future = self._replies.get(seq) if seq else None
        if future is not None and not future.done():
            future.set_result(value)


def _nothing() -> None:
    return None


def _resolve_once(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
