"""The renderer process: the engine, painter, presenter and window, apart from app code.

The app process starts it with `RendererProcess.start()`: a child Python
(`python -c _BOOT FD`) joined by a socketpair, plus
two shared-memory rings (down and up) that the app process creates and
unlinks. The first message down is the configuration (JSON, `CONFIG`); the
child builds its `FrameLoop` (the same one the renderer thread runs), answers
`READY` and drives frames on its own clock until `STOP` or until the app's end
of the socket closes. It ignores SIGINT: Ctrl-C reaches the whole process
group, and the app, not the renderer, decides how to shut down.

Factories (`renderer_factory`, `presenter_factory`) cross as import paths
(`module:qualname`), optionally with JSON arguments, so they must be
module-level callables; nothing is pickled.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renderer import FontSet, Renderer
from renderer.lowlevel import HeadlessPresenter, Presenter, Scaler, WindowPresenter

from ._bus import Up
from ._channel import Channel, ChannelClosed, Ring, RingSegment, attach_segment
from ._engine_state import EngineState
from ._frame_loop import FrameLoop
from ._pixel_store import PixelStore
from ._process_bus import AppEnd, RendererEnd
from ._renderer_thread import drive

__all__ = ["FactorySpec", "ProcessConfig", "RendererProcess", "factory_spec", "main", "prewarm"]

logger = logging.getLogger(__name__)

CONFIG = 0
"""Kind byte of the first down message: the JSON configuration."""
DOWN_RING_BYTES = 32 << 20
UP_RING_BYTES = 48 << 20
EXIT_WAIT_S = 5.0
_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = f"""
import sys, types
# The renderer side needs sdk.runtime's renderer modules, not the whole sdk:
# stand-in package objects skip the packages' __init__ (a third of the start-up).
for name, path in (("sdk", {str(Path(__file__).resolve().parents[1])!r}),
                   ("sdk.runtime", {str(Path(__file__).resolve().parent)!r})):
    package = types.ModuleType(name)
    package.__path__ = [path]
    sys.modules[name] = package
from sdk.runtime._renderer_process import main
sys.exit(main(sys.argv[1:]))
"""
"""The renderer process's entry point (`python -c _BOOT FD`)."""


@dataclass(frozen=True)
class FactorySpec:
    """A module-level callable by import path, with JSON arguments."""

    path: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def resolve(self) -> Callable[..., Any]:
        """The callable, with the arguments bound."""
        module, _, name = self.path.partition(":")
        target: Any = importlib.import_module(module)
        for part in name.split("."):
            target = getattr(target, part)
        args, kwargs = self.args, self.kwargs
        return lambda *more: target(*more, *args, **kwargs)


def factory_spec(factory: Callable[..., Any] | FactorySpec, what: str) -> FactorySpec:
    """The import path of `factory` (a module-level function or class).

    Raises:
        ValueError: `factory` is a lambda, a closure or a bound method: a
            renderer process cannot import it.
    """
    if isinstance(factory, FactorySpec):
        return factory
    module = getattr(factory, "__module__", None)
    qualname = getattr(factory, "__qualname__", None)
    if not module or not qualname or "<" in qualname or module == "__main__":
        raise ValueError(
            f"App({what}=...) must be a module-level function or class (or a FactorySpec) "
            f"in renderer_mode='process', which imports it in the renderer process; got "
            f"{factory!r}. Use renderer_mode='thread' for closures and lambdas.")
    return FactorySpec(f"{module}:{qualname}")


@dataclass
class ProcessConfig:
    """What the renderer process needs to build its frame loop."""

    size: tuple[int, int]
    design_size: tuple[float, float]
    headless: bool
    title: str
    extra_keys: dict[str, int]
    capture: bool
    paced: bool
    interval_ms: float
    fonts: dict[int, str]
    fallbacks: tuple[str, ...] = ()
    """The fonts' fallback chain (`FontSet.fallback_files`), in order."""
    renderer_factory: FactorySpec | None = None
    presenter_factory: FactorySpec | None = None
    restore: tuple[int, int, EngineState] | None = None
    """`(generation, batches, state)` for a process replacing one that died."""

    def to_json(self, down_ring: str | None, up_ring: str | None) -> bytes:
        """The `CONFIG` payload."""
        def spec(value: FactorySpec | None) -> Any:
            return None if value is None else [value.path, list(value.args), value.kwargs]
        restore = None
        if self.restore is not None:
            generation, batches, state = self.restore
            restore = [generation, batches, state.to_json()]
        return json.dumps({
            "size": list(self.size), "design_size": list(self.design_size),
            "headless": self.headless, "title": self.title, "extra_keys": self.extra_keys,
            "capture": self.capture, "paced": self.paced, "interval_ms": self.interval_ms,
            "fonts": {str(k): v for k, v in self.fonts.items()},
            "fallbacks": list(self.fallbacks),
            "renderer_factory": spec(self.renderer_factory),
            "presenter_factory": spec(self.presenter_factory),
            "restore": restore, "down_ring": down_ring, "up_ring": up_ring,
        }).encode()


class RendererProcess:
    """Starts, watches and stops one renderer process (app side).

    Args:
        config: what the process builds.
        ring_prefix: shared-memory segment names start with it (tests).
    """

    def __init__(self, config: ProcessConfig, *, ring_prefix: str = "marquee") -> None:
        self.config = config
        self._prefix = ring_prefix
        self._segments: list[RingSegment] = []
        self._popen: Any = None  # a `subprocess.Popen`, or `_Forked`
        self.end: AppEnd | None = None
        self.started_s = 0.0
        """Seconds from spawning to `READY`."""

    @property
    def pid(self) -> int | None:
        """The process id (None before `start`)."""
        return None if self._popen is None else self._popen.pid

    @property
    def segments(self) -> list[str]:
        """Names of the shared-memory segments this process uses."""
        return [segment.name for segment in self._segments]

    def start(self, timeout_s: float,
              before_ready: Callable[[AppEnd], None] | None = None) -> AppEnd:
        """Spawns the process and waits for `READY`; returns the app's end (reader running).

        `before_ready(end)` runs while the process boots: what it sends waits in
        the socket and the ring (the app's first render overlaps the start-up).

        Raises:
            RuntimeError: the process failed to start (its error is in the message).
            TimeoutError: no answer within `timeout_s`.
        """
        started = time.perf_counter()
        down, up = self._make_rings()
        try:
            ours, self._popen = _take_spare() or _spawn()
        except BaseException:
            self._close_segments()
            raise
        channel = Channel(ours, out_ring=down, in_ring=up)
        names: list[str | None] = [segment.name for segment in self._segments] or [None, None]
        channel.send(CONFIG, self.config.to_json(names[0], names[1]))
        end = AppEnd(channel, self._exit_reason)
        if before_ready is not None:
            before_ready(end)
        self._await_ready(channel, timeout_s)
        self.started_s = time.perf_counter() - started
        self.end = end
        end.start_reader()
        return end

    def _make_rings(self) -> tuple[Ring | None, Ring | None]:
        try:
            self._segments = [RingSegment(DOWN_RING_BYTES, self._prefix),
                              RingSegment(UP_RING_BYTES, self._prefix)]
        except OSError as exc:  # no /dev/shm (or no room): everything goes through the socket
            logger.info("no shared memory for the renderer process (%s); using the socket", exc)
            self._close_segments()
            return None, None
        down, up = self._segments
        return Ring(down.buffer, writer=True), Ring(up.buffer, writer=False)

    def _await_ready(self, channel: Channel, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                data = channel.receive_copy(max(0.0, deadline - time.monotonic()))
            except ChannelClosed:
                self._fail_start(channel, f"the renderer process exited while starting "
                                          f"({self._exit_reason()[1]})")
            if data is None:
                self._fail_start(channel, f"the renderer process did not start within "
                                          f"{timeout_s} s", timeout=True)
            elif data[0] == Up.READY:
                return
            elif data[0] == Up.ERROR:
                self._fail_start(channel, data[1:].decode("utf-8", "replace"))

    def _fail_start(self, channel: Channel, reason: str, *, timeout: bool = False) -> None:
        channel.close()
        self.kill()
        self._close_segments()
        raise (TimeoutError if timeout else RuntimeError)(reason)

    def _exit_reason(self) -> tuple[int, str]:
        popen = self._popen
        if popen is None:
            return -1, "never started"
        try:
            code = popen.wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            return -1, f"process {popen.pid} closed its channel but is still running"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return code, f"process {popen.pid} was killed by {name}"
        return code, f"process {popen.pid} exited with status {code}"

    def stop(self, timeout_s: float) -> bool:
        """Sends `STOP`, waits for the exit (kills after `timeout_s`), frees everything.

        Returns whether it exited by itself.
        """
        end, popen = self.end, self._popen
        clean = True
        if end is not None:
            end.send_stop()
        if popen is not None:
            try:
                popen.wait(timeout_s)
            except subprocess.TimeoutExpired:
                logger.error("the renderer process did not stop within %s s; killing it",
                             timeout_s)
                clean = False
                self.kill()
        if end is not None:
            end.channel.close()
            end.join_reader(timeout_s)
        self._close_segments()
        return clean

    def kill(self) -> None:
        """SIGKILL and reap (idempotent)."""
        popen = self._popen
        if popen is not None and popen.poll() is None:
            popen.kill()
            popen.wait()

    def _close_segments(self) -> None:
        segments, self._segments = self._segments, []
        for segment in segments:
            segment.close()


_spare: tuple[socket.socket, Any] | None = None


def _spawn() -> tuple[socket.socket, subprocess.Popen[bytes]]:
    """A renderer process that boots (imports) and then waits for its `CONFIG`."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        popen = subprocess.Popen([sys.executable, "-c", _BOOT, str(theirs.fileno())],
                                 pass_fds=(theirs.fileno(),), env=_child_env(),
                                 stdin=subprocess.DEVNULL)
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    return ours, popen


class _Forked:
    """A forked renderer process, with the part of `Popen` the app uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit status (negative: killed by that signal), or None while it runs."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Waits for the exit; `subprocess.TimeoutExpired` after `timeout` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"renderer process {self.pid}", timeout or 0.0)
            time.sleep(0.005)
        return code

    def kill(self) -> None:
        """SIGKILL."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def _fork() -> tuple[socket.socket, Any]:
    """A renderer process forked from this one: its modules are already imported, so it
    is ready at once. Only while this process has one thread (forking a threaded
    process can copy a lock some other thread holds)."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the renderer process: never returns into the app's code
        code = 1
        try:
            ours.close()
            signal.set_wakeup_fd(-1)  # the app's event loop must not hear our signals
            for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
                signal.signal(number, signal.SIG_DFL)
            code = main([str(theirs.detach())])
        finally:
            os._exit(code)  # no atexit handler of the app's runs twice
    theirs.close()
    return ours, _Forked(pid)


def prewarm() -> None:
    """Starts a renderer process now, to be used by the next `App` in process mode.

    While this process has a single thread (as at the start of the CLI) the
    renderer process is forked: it shares the modules already imported and
    is ready in milliseconds. Otherwise it is started fresh and its boot
    (imports: about 0.3 s) overlaps whatever the app does before
    `App.start()`. `python -m sdk run` calls this first thing. Without a
    later `App`, it is stopped at exit.
    """
    global _spare
    if _spare is None:
        forkable = hasattr(os, "fork") and threading.active_count() == 1
        _spare = _fork() if forkable else _spawn()
        atexit.register(_drop_spare)


def _take_spare() -> tuple[socket.socket, Any] | None:
    global _spare
    spare, _spare = _spare, None
    if spare is not None and spare[1].poll() is not None:  # it died meanwhile
        spare[0].close()
        return None
    return spare


def _drop_spare() -> None:
    spare = _take_spare()
    if spare is not None:
        spare[0].close()  # it reads the closed socket and exits
        try:
            spare[1].wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            spare[1].kill()


def _child_env() -> dict[str, str]:
    """This environment, with this interpreter's import path: the child imports the same
    code, and factories from wherever the app's modules were found (a test directory)."""
    env = dict(os.environ)
    paths = [os.path.abspath(p or os.curdir) for p in sys.path]
    paths = [p for p in dict.fromkeys([_ROOT, *paths]) if os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


# The renderer process ------------------------------------------------------------


def _spec(value: Any) -> FactorySpec | None:
    if value is None:
        return None
    path, args, kwargs = value
    return FactorySpec(str(path), tuple(args), dict(kwargs))


def _real_packages() -> None:
    """A factory's module may import the sdk: trade `_BOOT`'s stand-ins for the packages
    (the renderer modules already loaded stay as they are)."""
    for name in ("sdk.runtime", "sdk"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None) is None:
            del sys.modules[name]
    importlib.import_module("sdk")


def _scaler(pixels: PixelStore) -> Scaler | None:
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    try:
        return Scaler(pixels.shared)
    except OSError as exc:
        logger.warning("no image scaler process (%s): large images scale on the frame path",
                       exc)
        return None


def _build_loop(end: RendererEnd, config: dict[str, Any]) -> FrameLoop:
    if config["presenter_factory"] is not None or config["renderer_factory"] is not None:
        _real_packages()
    pixels = PixelStore()
    scaler = _scaler(pixels)  # forked before a window (and its threads) exists
    width, height = config["size"]
    presenter_spec = _spec(config["presenter_factory"])
    presenter: Presenter
    if presenter_spec is not None:
        presenter = presenter_spec.resolve()(width, height)
    elif config["headless"]:
        presenter = HeadlessPresenter(width, height)
    else:
        presenter = WindowPresenter(width, height, title=config["title"],
                                    extra_keys=config["extra_keys"])
    renderer_spec = _spec(config["renderer_factory"])
    factory: Callable[[], Renderer] = Renderer if renderer_spec is None else \
        renderer_spec.resolve()
    try:
        loop = FrameLoop(end, presenter,
                         fonts=FontSet({int(k): v for k, v in config["fonts"].items()},
                                       fallbacks=config["fallbacks"]),
                         pixels=pixels, scaler=scaler, shapes_text=True,
                         design_size=tuple(config["design_size"]),
                         renderer_factory=factory, capture=config["capture"])
    except BaseException:
        presenter.close()
        raise
    if config["restore"] is not None:
        generation, batches, state = config["restore"]
        loop.expect_rebuild(generation, batches, EngineState.from_json(state))
    return loop


class _MonotonicClock:
    """The renderer process's frame clock (no `async_tasks`: it would import asyncio)."""

    def __init__(self) -> None:
        self._origin = time.monotonic()

    def now(self) -> float:
        """Milliseconds since the process started its loop."""
        return (time.monotonic() - self._origin) * 1000.0


def main(argv: Sequence[str]) -> int:
    """The renderer process's body (`_BOOT` calls it with the socket's descriptor)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    channel = Channel(socket.socket(fileno=int(argv[0])))
    end = RendererEnd(channel)
    try:
        first = channel.receive_copy(None)
        if first is None or first[0] != CONFIG:
            raise ValueError("the first message to a renderer process must be its CONFIG")
        config = json.loads(first[1:])
        if config["down_ring"] is not None:
            channel.attach_rings(Ring(attach_segment(config["up_ring"]), writer=True),
                                 Ring(attach_segment(config["down_ring"]), writer=False))
        loop = _build_loop(end, config)
    except ChannelClosed:
        return 1
    except BaseException:
        end.post(bytes((Up.ERROR,)) + traceback.format_exc().encode())
        return 1
    end.post(bytes((Up.READY,)))
    try:
        drive(end, loop, clock=_MonotonicClock(), paced=config["paced"],
              interval_ms=config["interval_ms"])
    finally:
        loop.close()
        channel.close()
    return 0
