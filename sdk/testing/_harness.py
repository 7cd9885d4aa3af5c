"""`UI` mounts elements headless; `Screen` steps one of them on virtual time.

Time: one `VirtualClock` per `UI` (or the one given), installed as the
runtime clock like `App` does, so `async_tasks.interval`/`sleep` follow it;
likewise one `FrameHook`, so what spawned tasks write lands at frame
boundaries in one batch.
Frames sit on a 60 Hz grid from the mount time, like the runtime's stepped
mode: `frame()` moves the clock to the next grid point (due timers run),
lets woken tasks run (`let_tasks_run`), runs the frame boundary (held task
writes apply), then flushes, applies, runs the engine frame, paints and
dispatches events (see `_stage.py`).

`settle()` runs frames until nothing is pending: no dirty component, no
held task writes, no events in the last frame, no image still loading, no one-shot timer, and no
asyncio task started since the mount that waits on anything but the clock
(a task inside `async_tasks.sleep` is pending through its timer). When only
timers are left it jumps the clock to the frame before the earliest deadline
instead of stepping through every frame. Repeating timers do not keep it
waiting: `async_tasks.interval` timers, and any timer whose callback object
already ran during this settle and was scheduled again (a hand-rolled tick).
Finite engine animations (transitions, keyframes with a count) keep it
waiting; looping ones (a spinner) do not. Settling is bounded by frames,
virtual ms and wall seconds, and the error names everything still pending.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from async_tasks import (
    FrameHook,
    Interval,
    NoClockError,
    TimerHandle,
    VirtualClock,
    blocked_on_clock,
    current_clock,
    current_frame_hook,
    install_clock,
    install_frame_hook,
    let_tasks_run,
    live_tasks,
)
from renderer import Event, ImageManager, KeyAction

from ..a11y import Announcer, RecordingSpeech, Utterance
from ..reconciler import Element, ViewerSettings
from ..runtime import FRAME_INTERVAL_MS, Screenshot, resolve_key, validate_extra_keys
from ._audit import Issue, find_issues
from ._compare import Tolerance
from ._pending import (
    SettleTimeout,
    callback_key,
    describe_task,
    other_tasks,
    pending_timers,
)
from ._queries import NoMatch, UINode, describe_tree, parse_scene
from ._scope import Queries
from ._snapshot import UISnapshot
from ._stage import Stage

__all__ = ["REPEAT_DELAY_MS", "REPEAT_INTERVAL_MS", "UI", "Screen"]

REPEAT_DELAY_MS = 400.0
"""How long a held key stays down before it starts repeating (like a TV remote)."""
REPEAT_INTERVAL_MS = 100.0
"""Time between repeats of a held key."""


class Screen(Queries):
    """One mounted element on the real engine, stepped on virtual time.

    Made by `UI.mount`; see the module docstring for time and settling.
    Queries read the engine's scene after the last frame: `get_by_*` raise
    (`NoMatch`, `MultipleMatches`) with the scene tree in the message,
    `query_by_*` return None when nothing matches, `all_by_*` return a list.
    """

    def __init__(self, stage: Stage, clock: VirtualClock, extra_keys: Mapping[str, int],
                 frame_hook: FrameHook) -> None:
        self._stage = stage
        self._hook = frame_hook
        self.clock = clock
        """The virtual clock that drives this screen's frames and timers."""
        self._origin = clock.now()
        self._keys = dict(extra_keys)
        self._baseline = other_tasks(set())
        self._generation = 0
        self._scene: tuple[int, str, UINode | None] | None = None
        self.frames = 0
        """Frames run since the mount."""
        self.events: list[Event] = []
        """Every engine event so far, oldest first."""
        self._last_events: list[Event] = []
        self.speech = RecordingSpeech(clock)
        """What the screen's announcer said (`announcements` are its texts)."""
        self.announcer = Announcer(stage.root, self.speech, clock=clock)
        """The screen's `sdk.a11y.Announcer`, speaking into `speech`."""

    # Accessibility --------------------------------------------------------------

    @property
    def viewer(self) -> ViewerSettings:
        """The viewer's settings the screen follows (write their signals to change them)."""
        return self._stage.root.viewer

    @property
    def announcements(self) -> list[str]:
        """Everything the announcer said so far, oldest first.

        Focus is spoken once it has rested `sdk.a11y.DEBOUNCE_MS` (200 virtual
        ms): after `press`, `await screen.settle(speech=True)` (or `advance`).
        """
        return self.speech.texts

    @property
    def utterances(self) -> list[Utterance]:
        """`announcements` with their time and whether they interrupted."""
        return list(self.speech.utterances)

    def take_announcements(self) -> list[str]:
        """The announcements since the last call (then forgets them)."""
        texts = self.speech.texts
        self.speech.utterances.clear()
        return texts

    def accessibility_issues(self) -> list[Issue]:
        """Focusable nodes without a name or role, controls without their state, and
        text below 4.5:1 contrast against its background (`sdk/testing/_audit.py`)."""
        return find_issues(self.root, declares=self._declares)

    def _declares(self, node: int, prop: str) -> bool:
        instance = self._stage.root.find(node)
        return instance is not None and instance.element.props.get(prop) is not None

    # Properties -----------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        """Surface size in pixels."""
        return self._stage.size

    @property
    def structural(self) -> bool:
        """Mounted with `paint=False`: no pixels, only the scene."""
        return not self._stage.paint

    @property
    def closed(self) -> bool:
        """Whether `close()` ran."""
        return self._stage.closed

    # Time -----------------------------------------------------------------------

    def _next_frame_time(self) -> float:
        index = math.floor((self.clock.now() - self._origin) / FRAME_INTERVAL_MS + 1e-6) + 1
        return self._origin + index * FRAME_INTERVAL_MS

    async def frame(self, count: int = 1) -> None:
        """Runs `count` frames (clock to the next frame time, flush, engine, paint, events)."""
        for _ in range(count):
            self._check_open()
            self.clock.set(self._next_frame_time())
            await let_tasks_run()  # tasks woken by the timers run before the flush
            self._hook.run_frame_boundary()  # what tasks wrote since the last frame
            self._last_events = self._stage.step(self.clock.now())
            self.events += self._last_events
            self.frames += 1
            self._generation += 1
            await asyncio.sleep(0)  # tasks the handlers started get going

    async def advance(self, ms: float) -> int:
        """Runs frames until `ms` virtual milliseconds have passed; returns how many ran.

        Time moves in whole frames, so it may end up to one frame past `ms`.

        Raises:
            ValueError: `ms` is negative or not finite.
        """
        if not isinstance(ms, int | float) or not math.isfinite(ms) or ms < 0:
            raise ValueError(f"advance(ms) needs a finite ms >= 0, got {ms!r}")
        target = self.clock.now() + ms
        ran = 0
        while self.clock.now() < target - 1e-6:
            await self.frame()
            ran += 1
        return ran

    async def settle(self, *, max_frames: int = 600, max_ms: float = 60_000.0,
                     timeout_s: float = 10.0, speech: bool = False) -> int:
        """Runs frames until nothing is pending; returns how many frames ran.

        Args:
            speech: also wait for the announcer's debounced speech (without it,
                speech still waiting for focus to rest does not keep it waiting).
            max_frames: most frames to run.
            max_ms: most virtual milliseconds to move the clock.
            timeout_s: most wall seconds to wait for tasks doing real I/O.

        Raises:
            SettleTimeout: something was still pending at a bound (named in the message).
        """
        start_ms, start_wall = self.clock.now(), time.monotonic()
        ran_callbacks: set[object] = set()
        ran = 0
        while True:
            before = {h: callback_key(h) for h in pending_timers(self.clock)}
            await self.frame()
            ran += 1
            ran_callbacks |= {k for h, k in before.items() if h.done and not h.cancelled}
            ran_callbacks.add(Interval)
            # A callback that ran and is pending again re-arms itself: repeating.
            # (A cancelled-and-rescheduled one, a debounce, still counts.)
            quiet = () if speech else self.announcer.timers
            timers = [h for h in pending_timers(self.clock)
                      if callback_key(h) not in ran_callbacks and h not in quiet]
            pending = self._pending(timers)
            if not pending:
                return ran
            over = (ran >= max_frames or self.clock.now() - start_ms >= max_ms
                    or time.monotonic() - start_wall >= timeout_s)
            if over:
                raise SettleTimeout(
                    f"the screen did not settle after {ran} frames "
                    f"({self.clock.now() - start_ms:.0f} virtual ms); still pending:\n"
                    + "\n".join(f"  - {p}" for p in pending)
                )
            if self._only_real_io(timers):
                # Tasks wait on a socket or a thread: virtual time must not move,
                # or timeouts would fire early against a real server.
                await self._wait_real_io(start_wall + timeout_s)
                continue
            await self._wait_for(pending_timers=timers, busy=len(pending) > len(timers),
                                 limit_ms=start_ms + max_ms)

    def _io_tasks(self) -> list[Any]:
        return [t for t in other_tasks(self._baseline) if not blocked_on_clock(t)]

    def _only_real_io(self, timers: list[TimerHandle]) -> bool:
        stage = self._stage
        busy = bool(self._io_tasks()) or bool(stage.images.stats().loading)
        # Timers do not count: a timeout guarding the I/O is one of them, and
        # virtual time must not move at all while real I/O is in flight.
        other = (stage.root.dirty or self._hook.held or self._last_events
                 or stage.animations_running)
        return busy and not other

    async def _wait_real_io(self, wall_deadline: float) -> None:
        """Wait in real time, clock held, until a task leaves real I/O (or the deadline)."""
        waiting = {id(t) for t in self._io_tasks()}
        loading = self._stage.images.stats().loading
        while time.monotonic() < wall_deadline:
            if loading and await asyncio.to_thread(self._stage.images.wait_idle, 0.01):
                return  # the loads finished: the next frame collects them
            if not loading:
                await asyncio.sleep(0.002)
            await let_tasks_run()
            if (self._hook.held or self._stage.root.dirty
                    or {id(t) for t in self._io_tasks()} != waiting):
                return

    def _pending(self, timers: list[TimerHandle]) -> list[str]:
        stage = self._stage
        out: list[str] = []
        if stage.root.dirty:
            out.append("components waiting to re-render (the scene root is dirty)")
        if self._hook.held:
            out.append("task writes held for the next frame boundary")
        if self._last_events:
            out.append(f"{len(self._last_events)} engine events from the last frame")
        running = stage.animations_running
        if running:  # finite ones only: looping keyframes never keep settle() waiting
            out.append(f"{running} engine animations running")
        # A task sleeping on the clock is not pending itself: its timer is.
        out += [f"task {describe_task(t)}" for t in other_tasks(self._baseline)
                if not blocked_on_clock(t)]
        loading = stage.images.stats().loading
        if loading:
            out.append(f"{loading} images loading")
        out += [f"one-shot timer due at {h.when:.1f} ms: {getattr(h, '_callback', None)!r}"
                for h in timers]
        return out

    async def _wait_for(self, *, pending_timers: list[TimerHandle], busy: bool,
                        limit_ms: float) -> None:
        if busy:
            # Tasks may be waiting on real I/O (a local server, image threads).
            if self._stage.images.stats().loading:
                await asyncio.to_thread(self._stage.images.wait_idle, 0.05)
            await asyncio.sleep(0.001)
        elif pending_timers:
            # Only timers left: jump to the frame before the earliest deadline,
            # so the next frame runs it.
            deadline = min(pending_timers[0].when, limit_ms)
            index = math.ceil((deadline - self._origin) / FRAME_INTERVAL_MS - 1e-6) - 1
            jump_to = self._origin + index * FRAME_INTERVAL_MS
            if jump_to > self.clock.now():
                self.clock.set(jump_to)

    # Input ----------------------------------------------------------------------

    async def press(self, key: str | int, *, times: int = 1, hold_ms: float = 0.0) -> None:
        """Presses `key` `times` times: down, a frame, up, a frame.

        Args:
            key: a key name (`"right"`, `"select"`, `"back"`, `"5"`, an extra key)
                or a protocol code.
            times: how many presses.
            hold_ms: keep each press down this long (virtual ms); a held key
                repeats after `REPEAT_DELAY_MS`, then every `REPEAT_INTERVAL_MS`.

        Raises:
            ValueError: unknown key, `times` < 1 or a negative `hold_ms`.
        """
        code = resolve_key(key, self._keys)
        if not isinstance(times, int) or times < 1:
            raise ValueError(f"press(times=...) must be an int >= 1, got {times!r}")
        if not math.isfinite(hold_ms) or hold_ms < 0:
            raise ValueError(f"press(hold_ms=...) must be a finite ms >= 0, got {hold_ms!r}")
        for _ in range(times):
            self._send_key(code, KeyAction.DOWN)
            down_at = self.clock.now()
            await self.frame()
            next_repeat = down_at + REPEAT_DELAY_MS
            while self.clock.now() < down_at + hold_ms - 1e-6:
                if self._next_frame_time() >= next_repeat - 1e-6:
                    self._send_key(code, KeyAction.REPEAT)
                    next_repeat += REPEAT_INTERVAL_MS
                await self.frame()
            self._send_key(code, KeyAction.UP)
            await self.frame()

    async def key_down(self, key: str | int) -> None:
        """Puts `key` down and runs a frame (select stays `pressed` until `key_up`)."""
        self._send_key(resolve_key(key, self._keys), KeyAction.DOWN)
        await self.frame()

    async def key_up(self, key: str | int) -> None:
        """Releases `key` and runs a frame."""
        self._send_key(resolve_key(key, self._keys), KeyAction.UP)
        await self.frame()

    def _send_key(self, code: int, action: KeyAction) -> None:
        self._check_open()
        self._stage.key(code, action)
        self._generation += 1

    # Scene ----------------------------------------------------------------------

    def dump(self) -> str:
        """The engine's raw scene dump (PROTOCOL.md section 7, with node ids)."""
        return self._scene_state()[1]

    def tree(self) -> str:
        """The scene as stable text: the dump's attached tree without node ids."""
        return describe_tree(self.dump())

    @property
    def root(self) -> UINode:
        """The root node of the scene (the full-screen view the element is mounted in)."""
        node = self._scene_state()[2]
        if node is None:
            raise NoMatch("the scene is empty: has the screen run a frame?")
        return node

    def _scene_state(self) -> tuple[int, str, UINode | None]:
        self._check_open()
        if self._scene is None or self._scene[0] != self._generation:
            dump = self._stage.dump()
            self._scene = (self._generation, dump, parse_scene(dump))
        return self._scene

    @property
    def focused(self) -> UINode | None:
        """The node the engine has focus on, or None."""
        found = [n for n in self.all(lambda n: n.focused)]
        return found[0] if found else None

    def _scope_root(self) -> UINode | None:
        return self._scene_state()[2]

    def _scope_tree(self) -> str:
        return self.tree()

    # Pixels -------------------------------------------------------------------------

    def screenshot(self) -> Screenshot:
        """The pixels after the last frame (the runtime's `Screenshot`: `png_bytes()`, `save()`).

        Raises:
            RuntimeError: structural screen (`paint=False`).
        """
        self._check_open()
        return self._stage.screenshot()

    def snapshot(self, *, tolerance: Tolerance | None = None, threshold: int | None = None,
                 max_diff_pixels: int | None = None,
                 antialiasing: bool | None = None) -> UISnapshot:
        """The screen for `assert screen.snapshot() == snapshot`: image and scene tree.

        A structural screen gives a tree-only snapshot. Keyword arguments
        override single fields of `tolerance` (default `Tolerance()`).
        """
        base = tolerance if tolerance is not None else Tolerance()
        changes: dict[str, Any] = {k: v for k, v in (
            ("threshold", threshold), ("max_diff_pixels", max_diff_pixels),
            ("antialiasing", antialiasing)) if v is not None}
        shot = None if self.structural else self.screenshot()
        return UISnapshot(self.tree(), shot, base.replace(**changes))

    # Lifetime -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._stage.closed:
            raise RuntimeError("this screen is closed (its test ended, or close() ran)")

    def close(self) -> None:
        """Unmounts the element and frees the engine (idempotent; the `ui` fixture calls it)."""
        self.announcer.close()
        self._stage.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"{self.frames} frames"
        return f"<Screen {self.size[0]}x{self.size[1]} {state} at {self.clock.now():.1f} ms>"


class UI:
    """Mounts elements for a test; the `ui` fixture gives one and closes its screens.

    Args:
        clock: the virtual clock screens share (default: a new one per `UI`).
    """

    def __init__(self, clock: VirtualClock | None = None) -> None:
        self.clock = clock if clock is not None else VirtualClock()
        """The clock screens step unless `mount(clock=...)` names another."""
        self.frame_hook = FrameHook()
        """Holds what tasks write between frames until the frame boundary (as in `App`)."""
        self.screens: list[Screen] = []
        """Every screen mounted so far."""

    async def mount(self, element: Element, size: tuple[int, int] = (1920, 1080), *,
                    design_size: tuple[float, float] = (1920.0, 1080.0), paint: bool = True,
                    images: ImageManager | None = None,
                    extra_keys: Mapping[str, int] | None = None,
                    clock: VirtualClock | None = None,
                    viewer: ViewerSettings | None = None) -> Screen:
        """Mounts `element` headless on the real engine and runs its first frame.

        Args:
            element: the root element (a component call, `Column(...)`, ...).
            size: surface size in pixels.
            design_size: the design space (layout units) scaled onto the surface.
            paint: False mounts a structural screen: no painting, no pixels,
                queries and tree snapshots only (faster).
            images: the image manager (default: a new one per screen).
            extra_keys: app-named keys for `press`, name -> code 32..255.
            clock: the virtual clock to step (hand the same one to the app's
                timers); default: the `UI`'s clock.
            viewer: the viewer's settings (reduced motion, text scale, high
                contrast); default: all off. `screen.viewer` changes them later.

        Raises:
            TypeError: `element` is not an `Element`, or `clock` not a `VirtualClock`.
            ValueError: bad size or extra keys.
        """
        if not isinstance(element, Element):
            raise TypeError(f"ui.mount() needs an Element (a component call such as Home()), "
                            f"got {element!r}")
        width, height = size
        if not (isinstance(width, int) and isinstance(height, int)) or width <= 0 or height <= 0:
            raise ValueError(f"ui.mount(size=...) must be two positive ints, got {size!r}")
        if clock is not None and not isinstance(clock, VirtualClock):
            raise TypeError(f"ui.mount(clock=...) must be a VirtualClock (tests run on "
                            f"virtual time), got {clock!r}")
        keys = validate_extra_keys(extra_keys)
        stage = Stage(element, size=(width, height), design_size=design_size, paint=paint,
                      images=images, viewer=viewer)
        chosen = clock if clock is not None else self.clock
        # Like App: async_tasks timers (interval, sleep) follow the runtime's clock,
        # and task writes land at frame boundaries.
        install_clock(chosen)
        install_frame_hook(self.frame_hook)
        screen = Screen(stage, chosen, keys, self.frame_hook)
        self.screens.append(screen)
        await screen.frame()
        return screen

    def close(self) -> None:
        """Closes every screen (idempotent); `aclose()` also lets cancelled tasks finish."""
        if current_frame_hook() is self.frame_hook:
            install_frame_hook(None)  # applies writes still held
        for screen in self.screens:
            screen.close()
        try:
            installed = current_clock()
        except NoClockError:
            return
        if installed is self.clock or any(s.clock is installed for s in self.screens):
            install_clock(None)

    async def aclose(self, timeout_s: float = 5.0) -> None:
        """Closes every screen, then waits for the tasks that unmounting cancelled."""
        self.close()
        loop = asyncio.get_running_loop()
        pending = [t.asyncio_task for t in live_tasks()
                   if t.asyncio_task is not None and t.asyncio_task.get_loop() is loop]
        if pending:
            await asyncio.wait(pending, timeout=timeout_s)

    def __enter__(self) -> UI:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
