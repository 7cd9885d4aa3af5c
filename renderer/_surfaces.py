"""Surfaces the painter draws on, and a one-call screenshot helper.

`OffscreenSurface` is a persistent CPU raster surface (native N32 premultiplied
pixels) for tests, snapshots and the CLI's screenshot. It owns its Skia
surface and has an idempotent `close()` and context-manager support. Encoding
a PNG costs 150+ ms at 1920x1080, so it only happens when asked for
(`png_bytes`, `to_png`), never on the frame path.

`render_to_png` is the shortest path from command bytes to an image: a fresh
`Renderer`, one `apply`, one `frame`, one full paint, one PNG. Given an
`ImageManager` as `images`, it first waits for the manager's loads and wraps
the batch in its queued image commands, so a scene whose image nodes name the
manager's ids renders with their pixels (or their backgrounds, for failed
sources).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from renderer._skia import skia

if TYPE_CHECKING:
    from renderer._commands import CommandBuffer
    from renderer._fonts import FontSet
    from renderer._painter import ImageProvider

__all__ = ["OffscreenSurface", "SurfaceClosed", "render_to_png", "render_to_surface"]


class SurfaceClosed(RuntimeError):
    """The surface was used after `close()`; create a new one."""


class OffscreenSurface:
    """A persistent raster surface of `width` x `height` pixels.

    Pixels start transparent and persist between frames, which is what
    damage-only repainting needs.
    """

    def __init__(self, width: int, height: int) -> None:
        if width <= 0 or height <= 0:
            raise ValueError(f"surface size must be positive, got {width}x{height}")
        self._width = width
        self._height = height
        surface = skia.Surface.MakeRasterN32Premul(width, height)
        if surface is None:
            raise MemoryError(f"Skia could not allocate a {width}x{height} raster surface")
        surface.getCanvas().clear(0)
        self._surface: Any = surface

    @property
    def width(self) -> int:
        """Width in pixels."""
        return self._width

    @property
    def height(self) -> int:
        """Height in pixels."""
        return self._height

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._surface is None

    @property
    def skia_surface(self) -> Any:
        """The underlying `skia.Surface` (what `Painter` draws on)."""
        if self._surface is None:
            raise SurfaceClosed("this OffscreenSurface is closed; create a new one")
        return self._surface

    @property
    def canvas(self) -> Any:
        """The surface's `skia.Canvas`."""
        return self.skia_surface.getCanvas()

    def snapshot(self) -> Any:
        """An immutable `skia.Image` of the current pixels."""
        return self.skia_surface.makeImageSnapshot()

    def pixels(self, premultiplied: bool = False) -> bytes:
        """The pixels as RGBA bytes, row-major, for comparisons.

        Unpremultiplied by default (what a PNG holds); `premultiplied=True`
        gives the surface's own values, where a barely covered pixel has
        barely any colour.
        """
        alpha = skia.kPremul_AlphaType if premultiplied else skia.kUnpremul_AlphaType
        info = skia.ImageInfo.Make(self._width, self._height, skia.kRGBA_8888_ColorType, alpha)
        row_bytes = self._width * 4
        buffer = bytearray(row_bytes * self._height)
        if not self.skia_surface.readPixels(info, buffer, row_bytes, 0, 0):
            raise RuntimeError("Skia could not read the surface's pixels")
        return bytes(buffer)

    def png_bytes(self) -> bytes:
        """The current pixels encoded as PNG (slow: never call per frame)."""
        data = self.snapshot().encodeToData(skia.EncodedImageFormat.kPNG, 100)
        if data is None:
            raise RuntimeError("Skia could not encode the surface as PNG")
        return bytes(data)

    def to_png(self, path: str | Path) -> Path:
        """Writes the current pixels to `path` as PNG and returns the path."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.png_bytes())
        return target

    def clear(self, rgba: int = 0) -> None:
        """Fills the whole surface with one `0xRRGGBBAA` colour."""
        self.canvas.clear(((rgba & 0xFF) << 24) | (rgba >> 8))

    def close(self) -> None:
        """Releases the pixels; calling it again does nothing."""
        self._surface = None

    def __enter__(self) -> OffscreenSurface:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<OffscreenSurface {self._width}x{self._height}{state}>"


def render_to_surface(
    batch: bytes | bytearray | memoryview | CommandBuffer,
    size: tuple[int, int],
    *,
    design_size: tuple[float, float] = (1920.0, 1080.0),
    fonts: FontSet | None = None,
    images: ImageProvider | None = None,
    now_ms: float = 0.0,
    image_timeout_s: float = 30.0,
) -> OffscreenSurface:
    """Paints one frame of a command batch on a new `OffscreenSurface`.

    A fresh `Renderer` gets, in one batch, the fonts' `DEFINE_FONT` /
    `FONT_GLYPHS` commands, a `SET_VIEWPORT` for `size` and `design_size`, then
    `batch` (which may override either); one frame at `now_ms` is painted in
    full. The caller owns (and closes) the returned surface.

    When `images` is an `ImageManager`, its loads get up to `image_timeout_s`
    to finish, and `batch` goes between its queued definitions and image
    states (`ImageManager.wrap_batch`); an image still loading paints as its
    node's background.

    Raises:
        ProtocolError: the engine rejected the batch (the message names the command).
    """
    from renderer._commands import CommandBuffer
    from renderer._fonts import FontSet
    from renderer._images import ImageManager
    from renderer._painter import Painter
    from renderer._renderer import Renderer

    width, height = size
    font_set = fonts if fonts is not None else FontSet()
    prelude = CommandBuffer()
    prelude.extend(font_set.define_commands())
    prelude.set_viewport(width, height, design_size[0], design_size[1])
    if isinstance(images, ImageManager):
        images.wait_idle(image_timeout_s)
        prelude.extend(images.wrap_batch(batch))
    else:
        prelude.extend(batch)
    surface = OffscreenSurface(width, height)
    try:
        with Renderer() as renderer:
            renderer.apply(prelude)
            output = renderer.frame(now_ms)
            Painter(surface, fonts=font_set, images=images).paint(
                output.display_list, output.text, output.damage, full=True
            )
    except BaseException:
        surface.close()
        raise
    return surface


def render_to_png(
    batch: bytes | bytearray | memoryview | CommandBuffer,
    size: tuple[int, int],
    path: str | Path,
    **options: Any,
) -> Path:
    """Renders one frame of `batch` at `size` pixels and writes it to `path` as PNG.

    Options are those of `render_to_surface`. Used by tests, the docs and the
    CLI's screenshot; never on a frame path (PNG encoding costs 150+ ms).
    """
    with render_to_surface(batch, size, **options) as surface:
        return surface.to_png(path)
