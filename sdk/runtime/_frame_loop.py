"""The renderer side of the runtime: one engine, one painter, one presenter.

`FrameLoop` is what the renderer thread runs, written as plain synchronous
calls so it can be tested without threads: `handle(message)` applies one bus
message at once (batches go straight into the engine), `tick(now_ms)` runs
one frame: window input in, `frame(now_ms)`, paint the damage, present, post
the frame's events and acknowledgement counter.

Engine-owned state the runtime tracks for crash recovery, read from the
frame's event records as the engine reports it: the focused node
(`FOCUS`/`BLUR`), every node's scroll offset target (`SCROLL`) and every
scope's memory (`SCOPE_MEMORY`). When the engine traps (`RendererCrashed`),
the loop starts a fresh `Renderer` with the same viewport, asks the app
thread for the whole scene (`NEED_REBUILD`), drops the batches that arrive
before the answer (the rebuild already contains them, so they are counted as
applied), applies the rebuild, restores the scroll offsets and scope
memories, re-focuses the node that had focus (and swallows the `FOCUS` event
that causes, since the app already knows), and repaints in full. Meanwhile
the presenter keeps the last picture.

Every crash, whatever the phase (applying a batch, the engine's frame,
painting a malformed display list, applying the rebuild), counts in one
`CrashWindow` (`_crash_policy.py`): the fifth within 10 s of frame time ends
the loop with `RendererCrashLoop` instead of recovering forever.

Keys (`KEYS` messages and the window's keyboard) are queued by the engine
until its next frame, so a trap in that frame would lose them: the loop keeps
every key batch applied since the last frame that completed (and those that
arrive while it waits for the rebuild), and applies them once into the new
instance after the rebuild. If the frame they are replayed into crashes too,
they are dropped (a key that crashes the engine must not crash it again).
"""

from __future__ import annotations

import logging
import struct
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from renderer import (
    CommandBuffer,
    DisplayListError,
    FontProvider,
    FontSet,
    ImageProvider,
    ImageState,
    KeyAction,
    Painter,
    ProtocolError,
    Renderer,
    RendererCrashed,
)
from renderer.lowlevel import RECORD_SIZE, HeadlessPresenter, Presenter, Scaler, surface_rgba

from ._bus import PIXELS, SIZE, STEP, TIMINGS, U32, Down, RendererSide, Up, message, unpack_texts
from ._crash_policy import CrashWindow
from ._engine_state import EngineState
from ._pixel_store import PixelStore
from ._step import RendererHalf

__all__ = ["TIMING_HISTORY", "FrameLoop", "FrameTiming"]

logger = logging.getLogger(__name__)

_TIMING = struct.Struct("<3d?6dI")
"""One `FrameTiming` in a `TIMINGS_RESULT` (field order of the dataclass)."""

REPLY_WINDOW_S = 0.25
"""A scene batch this soon after a key is the app's answer to it: shown at once."""

TIMING_HISTORY = 3600
"""How many `FrameTiming`s the loop keeps (a minute at 60 Hz): a ring buffer, so a
TV left on keeps a flat heap (an unbounded list grew ~390 bytes a frame)."""

@dataclass(frozen=True, slots=True)
class FrameTiming:
    """When one tick ran and what it cost (renderer-thread milliseconds)."""

    now_ms: float
    """The frame time handed to the engine."""
    late_ms: float
    """How far after its deadline the tick started (paced mode; 0 when stepped)."""
    work_ms: float
    """Engine frame + paint + present, wall time."""
    painted: bool
    apply_ms: float = 0.0
    """Applying batches and keys since the previous tick (on arrival), wall time."""
    frame_ms: float = 0.0
    """`engine.frame(now_ms)`, wall time."""
    paint_ms: float = 0.0
    """Painting the damage with Skia, wall time."""
    present_ms: float = 0.0
    """Showing the painted damage (the presenter), wall time."""
    cpu_ms: float = 0.0
    """This thread's CPU time over `work_ms`: the rest is waiting (for the GIL or a core)."""
    presented_at: float = 0.0
    """`time.perf_counter()` seconds when the frame was shown (or the tick ended)."""
    focused: int = 0
    """The node a `FOCUS` event of this frame focused (0: focus did not move)."""

    def pack(self) -> bytes:
        """The timing as bytes (`TIMINGS_RESULT`)."""
        return _TIMING.pack(self.now_ms, self.late_ms, self.work_ms, self.painted,
                            self.apply_ms, self.frame_ms, self.paint_ms, self.present_ms,
                            self.cpu_ms, self.presented_at, self.focused)

    @classmethod
    def unpack_all(cls, data: bytes | memoryview) -> list[FrameTiming]:
        """The inverse of `pack`, for a run of packed timings."""
        out = []
        for fields in _TIMING.iter_unpack(data):
            now, late, work, painted, apply, frame, paint, present, cpu, at, focused = fields
            out.append(cls(now, late, work, painted, apply_ms=apply, frame_ms=frame,
                           paint_ms=paint, present_ms=present, cpu_ms=cpu,
                           presented_at=at, focused=focused))
        return out


class FrameLoop:
    """One engine instance driven by bus messages; see the module docstring.

    Args:
        bus: the message bus (this loop receives down and posts up).
        presenter: where frames are painted and shown.
        fonts: font provider for the painter (the app's `FontSet`).
        images: image provider for the painter (the app's `ImageManager`).
        design_size: the design space of the viewport.
        renderer_factory: makes engine instances (tests inject crashes here).
        capture: post every painted frame's pixels (`PIXELS` with seq 0).
        crash_window: the crash-loop policy (default: 5 crashes within 10 s).
        pixels: in a renderer process, the store the app ships image pixels
            into (`IMAGE_PIXELS`); the painter reads it instead of `images`.
        shapes_text: in a renderer process: strings the app queues (`SHAPE`) are
            shaped here with `fonts`, and shaped again into a rebuilt engine.
        scaler: in a renderer process, makes display-size copies of large
            images in a worker; each finished copy repaints its nodes
            (`IMAGE_STATE` 3).

    Raises (from `handle`/`tick`):
        RendererCrashLoop: the crash window filled up; the loop is finished.
    """

    def __init__(
        self,
        bus: RendererSide,
        presenter: Presenter,
        *,
        fonts: FontProvider | None = None,
        images: ImageProvider | None = None,
        design_size: tuple[float, float] = (1920.0, 1080.0),
        renderer_factory: Callable[[], Renderer] = Renderer,
        capture: bool = False,
        crash_window: CrashWindow | None = None,
        pixels: PixelStore | None = None,
        scaler: Scaler | None = None,
        shapes_text: bool = False,
    ) -> None:
        self._bus = bus
        self._presenter = presenter
        self._fonts = fonts
        self._pixels = pixels
        self._scaler = scaler
        self._shapes_text = shapes_text
        self._images = pixels if pixels is not None else images
        self._design = design_size
        self._factory = renderer_factory
        self._capture = capture
        self.state = EngineState()
        """Focus, scroll offsets and scope memories, as the engine reported them."""
        self.generation = 0
        """How many engine instances crashed so far."""
        self.missed_deadlines = 0
        """Frame deadlines a late tick skipped (paced mode; the driver counts them)."""
        self.frame_wanted = False
        """Input, or a scene batch while idle or answering input, arrived: a frame
        should run now (the paced driver runs it, at most twice the frame rate)."""
        self._animating = True  # until a frame says otherwise
        self._input_at = -REPLY_WINDOW_S  # when the last key went into the engine
        self.timings: deque[FrameTiming] = deque(maxlen=TIMING_HISTORY)
        """The last `TIMING_HISTORY` ticks' timings, oldest first (older ones are dropped)."""
        self._apply_s = 0.0  # batches applied since the last tick (a FrameTiming field)
        self._crashes = crash_window if crash_window is not None else CrashWindow()
        self._now_ms = 0.0  # frame time of the latest tick: when a crash happened
        self._keys: list[bytes] = []  # key batches the engine has not run a frame on yet
        self._replayed = False  # whether `_keys` were replayed into this instance
        self._awaiting_rebuild = False
        self._deferred: list[bytes] = []
        self._swallow_focus = 0
        self._half = RendererHalf(self._new_renderer(), self._new_painter(), presenter)
        bind = getattr(presenter, "bind_frame_loop", None)
        if callable(bind):  # a scripted remote reads focus from the loop (benchmarks)
            bind(self)

    @property
    def focused(self) -> int:
        """The node the engine last reported focused (0 = none)."""
        return self.state.focused

    @property
    def scroll(self) -> dict[int, tuple[float, float]]:
        """Scroll offset targets (x, y) of scrolled nodes, as the engine reported them."""
        return self.state.scroll

    @property
    def scope_memory(self) -> dict[int, int]:
        """Each focus scope's remembered node, as the engine reported it."""
        return self.state.scope_memory

    def expect_rebuild(self, generation: int, batches: int, state: EngineState) -> None:
        """Starts as if a crash happened: a new renderer process replacing one that died.

        The app answers with `REBUILD generation`; `batches` is how many scene
        batches it had sent (the rebuild supersedes them), `state` what the
        engine had reported.
        """
        self.generation = generation
        self._half.batches = batches
        self.state = state
        self._awaiting_rebuild = True

    @property
    def polls_window(self) -> bool:
        """Whether the presenter has input worth polling between ticks (a window)."""
        return not isinstance(self._presenter, HeadlessPresenter)

    def poll_input(self) -> None:
        """Takes the window's input and finished image copies between ticks."""
        if not self._awaiting_rebuild:
            self._window_input()
            self._take_scaled()

    def _take_scaled(self) -> None:
        """Hands finished display-size copies to the painter; their nodes repaint."""
        scaler, store, painter = self._scaler, self._pixels, self._half.painter
        if scaler is None or store is None or painter is None or not scaler.pending:
            return
        repaint = CommandBuffer()
        for image_id, _w, _h, copy in scaler.take_ready():
            source = store.shared(image_id)
            if source is None or copy.image is None:
                copy.close()  # forgotten meanwhile
                continue
            painter.put_scaled(image_id, source.image, copy.image, copy)
            repaint.image_state(image_id, ImageState.REPAINT)
        if len(repaint):
            self._apply(repaint.getvalue(), "image repaint")
            self._want_frame()

    def _want_frame(self, *, keys: bool = False) -> None:
        now = time.monotonic()
        if keys:
            self._input_at = now
        # While something animates, frames keep their slots, unless this is the
        # viewer's input or the app's answer to it (a page that select opened).
        if keys or not self._animating or now - self._input_at < REPLY_WINDOW_S:
            self.frame_wanted = True

    @property
    def renderer(self) -> Renderer:
        """The engine instance running now (a fresh one after each crash)."""
        return self._half.renderer

    @property
    def painter(self) -> Painter | None:
        """The painter in use (its caches are what soak checks read)."""
        return self._half.painter

    @property
    def batches(self) -> int:
        """Scene-root batches applied (or superseded by a rebuild) so far."""
        return self._half.batches

    def bookkeeping(self) -> dict[str, int]:
        """The length of every structure the loop keeps across frames (soak checks)."""
        return {"timings": len(self.timings), "scroll": len(self.scroll),
                "scope_memory": len(self.scope_memory), "deferred": len(self._deferred)}

    # Set-up -------------------------------------------------------------------

    def _new_painter(self) -> Painter:
        return Painter(self._presenter.skia_surface, fonts=self._fonts, images=self._images,
                       scaler=self._scaler)

    def _viewport(self) -> bytes:
        width, height = self._presenter.size
        return CommandBuffer().set_viewport(width, height, *self._design).getvalue()

    def _new_renderer(self) -> Renderer:
        renderer = self._factory()
        renderer.apply(self._viewport())
        return renderer

    # Messages -----------------------------------------------------------------

    def handle(self, data: bytes | memoryview) -> bool:
        """Applies one down message; returns False for `STOP`.

        `data` may be a view into a shared-memory ring: nothing keeps it.
        """
        kind, payload = data[0], memoryview(data)[1:]
        if kind == Down.STOP:
            return False
        if kind == Down.BATCH:
            if self._awaiting_rebuild:
                self._half.batches += 1  # the rebuild already contains it
            else:
                self._apply(payload, "scene batch", scene_batch=True)
                self._want_frame()
        elif kind == Down.COMMANDS:
            if not self._awaiting_rebuild:
                self._apply(payload, "runtime commands")
        elif kind == Down.KEYS:
            self._key_input(bytes(payload), "keys")
        elif kind == Down.STEP:
            seq, now_ms = STEP.unpack(payload)
            self.tick(now_ms, seq=seq)
        elif kind == Down.REBUILD:
            self._rebuild(U32.unpack_from(payload)[0], payload[U32.size:])
        elif kind in (Down.DUMP, Down.SCREENSHOT):
            if self._awaiting_rebuild:
                self._deferred.append(bytes(data))
            else:
                self._answer(kind, U32.unpack(payload)[0])
        elif kind == Down.RESIZE:
            self._resize(*SIZE.unpack(payload))
        elif kind == Down.IMAGE_PIXELS and self._pixels is not None:
            self._pixels.put(payload)
        elif kind == Down.IMAGE_FORGET and self._pixels is not None:
            image = U32.unpack(payload)[0]
            self._pixels.forget(image)
            painter = self._half.painter
            if painter is not None:
                painter.forget_image(image)
        elif kind == Down.TIMINGS:
            self._post_timings(U32.unpack(payload)[0])
        elif kind == Down.SHAPE:
            self._shape(unpack_texts(payload))
        else:
            self._bus.post(message(Up.ERROR, f"unknown bus message kind {kind}".encode()))
        return True

    def _apply(self, batch: memoryview | bytes, what: str, *, scene_batch: bool = False) -> bool:
        started = time.perf_counter()
        try:
            self._half.apply(batch, scene_batch=scene_batch)
        except ProtocolError as exc:
            self._bus.post(message(Up.ERROR, f"the engine rejected a {what}: {exc}".encode()))
            return False
        except RendererCrashed as exc:
            self._crash(exc.reason)
            return False
        finally:
            self._apply_s += time.perf_counter() - started
        return True

    def _key_input(self, keys: bytes, what: str) -> None:
        """Applies `keys` (at once, or after the rebuild) and keeps them until a frame ran."""
        self._keys.append(keys)
        if not self._awaiting_rebuild:
            self._apply(keys, what)
            self._want_frame(keys=True)

    def _answer(self, kind: int, seq: int) -> None:
        if kind == Down.DUMP:
            try:
                text = self.renderer.dump()
            except RendererCrashed as exc:
                self._deferred.append(message(kind, U32.pack(seq)))
                self._crash(exc.reason)
                return
            self._bus.post(message(Up.DUMP_RESULT, U32.pack(seq), text.encode()))
        else:
            self._post_pixels(seq)

    def _post_pixels(self, seq: int) -> None:
        width, height = self._presenter.size
        rgba = surface_rgba(self._presenter.skia_surface)
        self._bus.post(message(Up.PIXELS, PIXELS.pack(seq, width, height), rgba))

    def _shape(self, texts: list[str]) -> None:
        """Shapes strings the app queued (process mode) and applies their `SHAPED_TEXT`;
        while a rebuild is pending, `_rebuild` applies them once the fonts are back."""
        fonts = self._fonts
        if not isinstance(fonts, FontSet):
            return
        commands = fonts.shaped_commands_for(texts)
        if commands and not self._awaiting_rebuild:
            self._apply(commands, "shaped text")

    def _post_timings(self, seq: int) -> None:
        missed = self.missed_deadlines
        packed = b"".join(timing.pack() for timing in self.timings)
        self._bus.post(message(Up.TIMINGS_RESULT, TIMINGS.pack(seq, missed), packed))

    def _resize(self, width: int, height: int) -> None:
        self._presenter.resize(width, height)
        self._half.painter = self._new_painter()
        if not self._awaiting_rebuild:
            self._apply(self._viewport(), "viewport")

    # Frames -------------------------------------------------------------------

    def tick(self, now_ms: float, *, seq: int = 0, late_ms: float = 0.0) -> None:
        """Runs one frame at `now_ms` and posts its events (`FRAME`)."""
        self._now_ms = now_ms
        self._window_input()
        self._take_scaled()
        if self._awaiting_rebuild:
            self._bus.post_frame(seq, self.batches, now_ms, b"")
            return
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            result = self._half.frame(now_ms)
        except (RendererCrashed, DisplayListError) as exc:
            # A malformed display list means the engine's memory is not to be trusted.
            self._crash(exc.reason if isinstance(exc, RendererCrashed) else f"painting: {exc}")
            self._bus.post_frame(seq, self.batches, now_ms, b"")
            return
        self._keys.clear()  # the engine ran its frame on them
        self._replayed = False
        self.frame_wanted = False
        self._animating = result.animations_running > 0
        presented = time.perf_counter()
        focused = self.focused
        records = self._track(result.records)
        ended = time.perf_counter()
        self.timings.append(FrameTiming(
            now_ms, late_ms, (ended - started) * 1000.0, result.painted,
            apply_ms=self._apply_s * 1000.0, frame_ms=result.frame_ms,
            paint_ms=result.paint_ms, present_ms=result.present_ms,
            cpu_ms=(time.thread_time() - cpu) * 1000.0, presented_at=presented,
            focused=self.focused if self.focused != focused else 0))
        self._apply_s = 0.0
        if self._capture:
            self._post_pixels(0)
        self._bus.post_frame(seq, self.batches, now_ms, records)
        if self._pixels is not None:
            report = self._pixels.take_report()
            if report is not None:
                self._bus.post(message(Up.IMAGES_WANTED, report))

    def _window_input(self) -> None:
        inputs = self._presenter.poll()
        if not inputs:
            return
        keys = CommandBuffer()
        for item in inputs:
            if item.kind == "quit":
                self._bus.post(message(Up.CLOSED))
            elif item.kind == "key":
                keys.key(item.key, KeyAction(item.action))
        if len(keys):
            self._key_input(keys.getvalue(), "window keys")

    def _track(self, records: bytes) -> bytes:
        """Follow focus, scroll and scope memory in the engine's records; drop the
        refocus after a rebuild."""
        dropped = self.state.observe(records, swallow_focus=self._swallow_focus)
        self._swallow_focus = 0
        if dropped < 0:
            return records
        at = dropped * RECORD_SIZE
        return records[:at] + records[at + RECORD_SIZE:]

    # Crash recovery -----------------------------------------------------------

    def _crash(self, reason: str) -> None:
        """Counts the crash (may raise `RendererCrashLoop`), then starts a fresh instance."""
        self.renderer.close()
        self.generation += 1
        if self._replayed:
            logger.warning("dropping %d key batch(es): the frame they were replayed into "
                           "crashed too", len(self._keys))
            self._keys.clear()
            self._replayed = False
        self._crashes.record(self._now_ms, reason)
        logger.warning("renderer crashed (%s); starting a fresh instance", reason)
        self._awaiting_rebuild = True
        self._half.renderer = self._new_renderer()
        self._bus.post(message(Up.NEED_REBUILD, U32.pack(self.generation),
                               reason.encode("utf-8", "replace")))

    def _rebuild(self, generation: int, batch: memoryview) -> None:
        if generation != self.generation or not self._awaiting_rebuild:
            return  # an answer to an earlier crash; a newer request is on its way
        try:
            self.renderer.apply(batch)
            fonts = self._fonts
            if self._shapes_text and isinstance(fonts, FontSet) and fonts.shaped_texts:
                # The app's fonts leave shaping to this side: its strings come back here.
                self.renderer.apply(fonts.shaped_commands_for(fonts.shaped_texts))
            self._restore_scroll()
            if self.focused:
                self._refocus(self.focused)
        except RendererCrashed as exc:
            self._crash(exc.reason)
            return
        except ProtocolError as exc:
            self._bus.post(message(Up.ERROR, f"the engine rejected the rebuild: {exc}".encode()))
        self._awaiting_rebuild = False
        self._replayed = bool(self._keys)
        for keys in list(self._keys):
            self._apply(keys, "replayed keys")
            if self._awaiting_rebuild:
                return  # crashed again: the keys are dropped, a new rebuild is on its way
        deferred, self._deferred = self._deferred, []
        for data in deferred:
            self.handle(data)

    def _restore_scroll(self) -> None:
        for what, key, commands in self.state.restore_commands():
            try:
                self.renderer.apply(commands)
            except ProtocolError:
                self.state.forget(what, key)  # the node is gone from the rebuilt scene

    def _refocus(self, node: int) -> None:
        try:
            self.renderer.apply(CommandBuffer().focus(node).getvalue())
        except ProtocolError:
            self.state.focused = 0  # the node is gone from the rebuilt scene
            return
        self._swallow_focus = node

    def close(self) -> None:
        """Closes the engine, the presenter, the scaler and the pixels (idempotent)."""
        self.renderer.close()
        self._presenter.close()
        if self._scaler is not None:
            self._scaler.close()
        if self._pixels is not None:
            self._pixels.close()


