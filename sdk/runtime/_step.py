"""One frame step, in two halves joined by a transport.

A frame runs the same way wherever Marquee drives a scene: the App's two
threads, the test harness's `Stage`, the project's own test kits.

```
app half (AppHalf)                                 renderer half (RendererHalf)
 1. due timers and woken tasks ran (the caller)
 2. flush(): root.flush() -> one batch,  --bytes-->  3. apply(batch)
    image definitions before it, states after
                                                     4. frame(now): the engine's frame,
                                                        paint the damage, present
 6. deliver(batches, records): decode    <--bytes--  5. the frame's event records, as the
    the events once, acknowledge, run handlers          engine wrote them, and the count of
                                                        scene batches applied
```

Only bytes cross between the halves, so what joins them is a transport:
`DirectTransport` (here) calls the renderer half in the caller's thread, for
tests and tools; the runtime's `Bus` (`_bus.py`) is the thread transport,
where the renderer thread's `FrameLoop` runs the same `RendererHalf` and
posts the records it got from the engine unchanged. Nothing is decoded on
the renderer side except the few records its crash recovery tracks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from renderer import Event, ImageManager, Painter, Renderer
from renderer.lowlevel import Presenter, decode_events

__all__ = ["AppHalf", "DirectTransport", "FrameResult", "RendererHalf", "SceneRootLike"]


@runtime_checkable
class SceneRootLike(Protocol):
    """What the frame step needs from a scene root (`sdk.SceneRoot`)."""

    def flush(self) -> bytes:
        """The commands of everything that changed since the last flush, as one batch."""
        ...

    def handle_events(self, events: Sequence[Event]) -> None:
        """Run the handlers of a frame's events."""
        ...

    def acknowledge(self, batches_applied: int) -> None:
        """The engine applied the first `batches_applied` batches."""
        ...

    def rebuild_commands(self) -> bytes:
        """The whole scene for a fresh engine (crash recovery)."""
        ...

    def dispose(self) -> None:
        """Unmount everything."""
        ...

    @property
    def dirty(self) -> bool:
        """Whether `flush()` would produce commands."""
        ...


@dataclass(frozen=True, slots=True)
class FrameResult:
    """What the renderer half hands back for one frame."""

    records: bytes
    """The frame's events as 32-byte engine records (PROTOCOL.md section 5)."""
    batches: int
    """Scene batches applied so far (the app half's acknowledgement counter)."""
    painted: bool
    """Whether the frame changed pixels."""
    animations_running: int
    """Finite animations still running after this frame."""
    frame_ms: float
    """The engine's `frame(now_ms)`, wall time."""
    paint_ms: float
    """Painting the damage, wall time (0 without a painter)."""
    present_ms: float
    """Showing the painted damage, wall time (0 without a presenter)."""


class AppHalf:
    """The app's half of a frame: one batch out, the frame's events back in.

    Args:
        root: the scene root whose batches go out and whose handlers run.
        images: the image manager whose definitions and states ride along.
    """

    def __init__(self, root: SceneRootLike, images: ImageManager | None = None) -> None:
        self.root = root
        self.images = images

    def flush(self) -> tuple[bytes, bytes]:
        """`(batch, commands)`: the root's batch wrapped with the queued image
        commands (definitions first, states after), or, when the root had
        nothing, the image commands alone (they are not a scene batch)."""
        batch = self.root.flush()
        images = self.images
        if images is None or images.closed:
            return batch, b""
        if batch:
            return images.wrap_batch(batch).getvalue(), b""
        return b"", images.drain_commands()

    def deliver(self, batches: int, records: bytes | memoryview) -> list[Event]:
        """Acknowledge `batches`, decode `records` (once) and run their handlers."""
        self.root.acknowledge(batches)
        events = decode_events(records) if len(records) else []
        if events:
            self.root.handle_events(events)
        return events


class RendererHalf:
    """The renderer's half of a frame: apply, frame, paint, present.

    Args:
        renderer: the engine (`FrameLoop` swaps in a fresh one after a crash).
        painter: paints the damage (None: structural, no pixels).
        presenter: shows the painted damage (None: an offscreen surface).
    """

    def __init__(self, renderer: Renderer, painter: Painter | None = None,
                 presenter: Presenter | None = None) -> None:
        self.renderer = renderer
        self.painter = painter
        self.presenter = presenter
        self.batches = 0
        """Scene batches applied (or superseded by a crash rebuild) so far."""

    def apply(self, data: bytes | memoryview, *, scene_batch: bool = False) -> None:
        """Apply commands; a `scene_batch` counts towards the acknowledgement."""
        if scene_batch:
            self.batches += 1
        if len(data):
            self.renderer.apply(data)

    def frame(self, now_ms: float) -> FrameResult:
        """Run the engine's frame at `now_ms`, paint and present what changed."""
        started = time.perf_counter()
        output = self.renderer.frame(now_ms)
        framed = painted_at = presented = time.perf_counter()
        painted = output.changed
        if painted and self.painter is not None:
            # The display list is a view into engine memory: paint before any other call.
            self.painter.paint(output.display_list, output.text, output.damage, output.full)
            painted_at = presented = time.perf_counter()
            if self.presenter is not None:
                self.presenter.present(output.damage, output.full)
                presented = time.perf_counter()
        return FrameResult(output.event_records, self.batches, painted,
                           output.animations_running, (framed - started) * 1000.0,
                           (painted_at - framed) * 1000.0, (presented - painted_at) * 1000.0)


class DirectTransport:
    """Joins the two halves in the caller's thread (tests, tools, headless runs).

    Args:
        app: the app half.
        renderer: the renderer half.
        on_batch: called with every scene batch before it is applied (test
            kits feed a scene double and count opcodes with it).
    """

    def __init__(self, app: AppHalf, renderer: RendererHalf, *,
                 on_batch: Callable[[bytes], None] | None = None) -> None:
        self.app = app
        self.renderer = renderer
        self._on_batch = on_batch
        self.last: FrameResult | None = None
        """The last frame's result."""

    def send_commands(self, data: bytes | memoryview) -> None:
        """Runtime commands (keys, fonts, focus): applied at once, not a scene batch."""
        self.renderer.apply(data)

    def push(self) -> bytes:
        """Flush the app half and apply what it sent, without a frame; the batch."""
        batch, commands = self.app.flush()
        if batch:
            if self._on_batch is not None:
                self._on_batch(batch)
            self.renderer.apply(batch, scene_batch=True)
        elif commands:
            self.send_commands(commands)
        return batch

    def step(self, now_ms: float) -> list[Event]:
        """One whole frame at `now_ms`: flush, apply, frame, paint, deliver; the events."""
        self.push()
        result = self.last = self.renderer.frame(now_ms)
        return self.app.deliver(result.batches, result.records)
