"""`Stage`: one mounted tree on the real engine, stepped in the test's own thread.

The harness does not start `App`'s renderer thread. It runs the runtime's
own frame step (`sdk.runtime.AppHalf` and `RendererHalf`, see
`sdk/runtime/_step.py`) joined by the direct transport, synchronously in the
thread that runs the test, after the caller has moved the clock to the frame
time (due timers ran) and let woken asyncio tasks run. Unless the stage is
structural, the painter replays the display list (damage only) on an
offscreen surface.

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

from ..reconciler import Element, SceneRoot, ViewerSettings
from ..runtime import AppHalf, DirectTransport, ImageSource, RendererHalf, Screenshot

__all__ = ["Stage"]

class Stage:
    """The engine, painter and scene root of one mounted element.

    Args:
        element: what to mount.
        size: surface size in pixels.
        design_size: the design space the scene is laid out in.
        paint: paint every frame (False: structural, no pixels at all).
        images: the image manager (default: a new one, closed with the stage).
        viewer: the viewer's settings the tree follows (default: all off).
    """

    def __init__(self, element: Element, *, size: tuple[int, int],
                 design_size: tuple[float, float], paint: bool,
                 images: ImageManager | None, viewer: ViewerSettings | None = None) -> None:
        # A FontSet tracks which glyphs its engine has, so each stage has its own;
        # all of them load the same bundled font, which makes renders identical.
        fonts = FontSet()
        self.size = size
        self.paint = paint
        self._own_images = images is None
        self.images = images if images is not None else ImageManager()
        self.root = SceneRoot(element, images=ImageSource(self.images), size=design_size,
                              fonts=fonts, viewer=viewer)
        self.renderer = Renderer()
        self.surface: OffscreenSurface | None = None
        self.closed = False
        try:
            self.renderer.apply(CommandBuffer().set_viewport(*size, *design_size).getvalue()
                                + fonts.define_commands())
            painter = None
            if paint:
                self.surface = OffscreenSurface(*size)
                painter = Painter(self.surface, fonts=fonts, images=self.images)
        except BaseException:
            self.close()
            raise
        self._step = DirectTransport(AppHalf(self.root, self.images),
                                     RendererHalf(self.renderer, painter))

    @property
    def animations_running(self) -> int:
        """Finite animations the engine reported running after the last frame."""
        last = self._step.last
        return 0 if last is None else last.animations_running

    def step(self, now_ms: float) -> list[Event]:
        """Flush, apply, run one engine frame at `now_ms`, paint, dispatch; the events."""
        return self._step.step(now_ms)

    def key(self, code: int, action: KeyAction) -> None:
        """Queues one `KEY` command; the engine handles it at the next frame."""
        self._step.send_commands(CommandBuffer().key(code, action).getvalue())

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
