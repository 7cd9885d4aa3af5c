"""Surfaces the painter draws on, and a one-call screenshot helper.

`OffscreenSurface` is a persistent CPU raster surface (native N32 premultiplied
pixels) for tests, snapshots and the CLI's screenshot. It owns its Skia
surface and has an idempotent `close()` and context-manager support. Encoding
a PNG costs 150+ ms at 1920x1080, so it only happens when asked for
(`png_bytes`, `to_png`), never on the frame path.

`render_to_png` is the shortest path from command bytes to an image: a fresh
`Renderer`, one `apply`, one `frame`, one full paint, one PNG.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from renderer._skia import skia

__all__ = ["OffscreenSurface", "SurfaceClosed"]


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
