"""`Stage`: one mounted tree on the real engine, stepped in the test's own thread.

The harness does not start `App`'s renderer thread. It drives the same
parts the runtime's stepped mode drives (`SceneRoot`, the Wasm `Renderer`,
the Skia `Painter` on an offscreen surface, the app's `ImageManager`), in the
same order per frame, but synchronously in the thread that runs the test:

1. the caller has moved the clock to the frame time (due timers ran) and
   let woken asyncio tasks run;
2. `root.flush()`; the image manager wraps the batch (definitions before
   the nodes that show them, states after), and the engine applies it;
3. `renderer.frame(now)`; unless the stage is structural, the painter
   replays the display list (damage only) on the surface;
4. the root acknowledges applied batches and runs the event handlers.

Why not `App`: a test then fails with the app's own traceback instead of a
bus timeout, a structural stage can skip painting entirely (the renderer
thread always paints), and reading the scene (`dump`) needs no round trip.
The screenshot is encoded by the runtime's own `Screenshot` class, so the CLI's
`--screenshot`, docs images and snapshots share one PNG path.
"""

from __future__ import annotations

from renderer import (
    CommandBuffer,
    Event,
    FontSet,
    ImageManager,
    KeyAction,
    OffscreenSurface,
    Painter,
    Renderer,
)
from renderer.lowlevel import surface_rgba

from ..reconciler import Element, SceneRoot
from ..runtime import ImageSource, Screenshot

__all__ = ["Stage"]

class Stage:
    """The engine, painter and scene root of one mounted element.

    Args:
        element: what to mount.
        size: surface size in pixels.
        design_size: the design space the scene is laid out in.
        paint: paint every frame (False: structural, no pixels at all).
        images: the image manager (default: a new one, closed with the stage).
    """

    def __init__(self, element: Element, *, size: tuple[int, int],
                 design_size: tuple[float, float], paint: bool,
                 images: ImageManager | None) -> None:
        # A FontSet tracks which glyphs its engine has, so each stage has its own;
        # all of them load the same bundled font, which makes renders identical.
        fonts = FontSet()
        self.size = size
        self.paint = paint
        self._own_images = images is None
        self.images = images if images is not None else ImageManager()
        self.root = SceneRoot(element, images=ImageSource(self.images), size=design_size,
                              fonts=fonts)
        self.renderer = Renderer()
        self.surface: OffscreenSurface | None = None
        self._painter: Painter | None = None
        self.animations_running = 0
        """Finite animations the engine reported running after the last frame."""
        self.closed = False
        self._batches = 0
        try:
            self.renderer.apply(CommandBuffer().set_viewport(*size, *design_size).getvalue()
                                + fonts.define_commands())
            if paint:
                self.surface = OffscreenSurface(*size)
                self._painter = Painter(self.surface, fonts=fonts, images=self.images)
        except BaseException:
            self.close()
            raise

    def step(self, now_ms: float) -> list[Event]:
        """Flush, apply, run one engine frame at `now_ms`, paint, dispatch; the events."""
        batch = self.root.flush()
        data = self.images.wrap_batch(batch).getvalue()
        if data:
            self.renderer.apply(data)
        if batch:
            self._batches += 1
        output = self.renderer.frame(now_ms)
        self.animations_running = output.animations_running
        if self._painter is not None and output.changed:
            # The display list is a view into engine memory: paint before any other call.
            self._painter.paint(output.display_list, output.text, output.damage, output.full)
        events = list(output.events)
        # The root counts its own batches (font, viewport and key batches are not its).
        self.root.acknowledge(self._batches)
        if events:
            self.root.handle_events(events)
        return events

    def key(self, code: int, action: KeyAction) -> None:
        """Queues one `KEY` command; the engine handles it at the next frame."""
        self.renderer.apply(CommandBuffer().key(code, action).getvalue())

    def dump(self) -> str:
        """The engine's scene dump."""
        return self.renderer.dump()

    def screenshot(self) -> Screenshot:
        """The surface's pixels (unpremultiplied RGBA).

        Raises:
            RuntimeError: the stage is structural (mounted with `paint=False`).
        """
        if self.surface is None:
            raise RuntimeError("this screen was mounted with paint=False (structural mode), "
                               "so it has no pixels; mount with paint=True to take screenshots")
        width, height = self.size
        return Screenshot(width, height, surface_rgba(self.surface.skia_surface))

    def close(self) -> None:
        """Unmounts the tree and frees the engine, surface and images (idempotent)."""
        if self.closed:
            return
        self.closed = True
        try:
            self.root.dispose()
        finally:
            self.renderer.close()
            if self.surface is not None:
                self.surface.close()
            if self._own_images:
                self.images.close()
