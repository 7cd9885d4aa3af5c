"""Poster and backdrop pictures drawn with Skia, deterministic per title (cached)."""

from __future__ import annotations

import colorsys
import functools
import threading
from typing import Any

from renderer.lowlevel import BOLD, REGULAR, bundled_font_files, skia

from ._data import Title

__all__ = ["BACKDROP_SIZE", "POSTER_SIZE", "backdrop_jpeg", "poster_png"]

POSTER_SIZE = (240, 360)
BACKDROP_SIZE = (1920, 1080)
_LOCK = threading.Lock()  # skia-python objects are not shared across threads safely


def _color(hue: float, saturation: float, value: float) -> int:
    r, g, b = colorsys.hsv_to_rgb((hue % 360.0) / 360.0, saturation, value)
    return int(skia.ColorSetRGB(int(r * 255), int(g * 255), int(b * 255)))


@functools.lru_cache(maxsize=4)
def _typeface(font_id: int) -> Any:
    return skia.Typeface.MakeFromFile(str(bundled_font_files()[font_id]))


def _backdrop(canvas: Any, width: int, height: int, hue: float) -> None:
    paint = skia.Paint(Shader=skia.GradientShader.MakeLinear(
        [skia.Point(0, 0), skia.Point(width, height)],
        [_color(hue, 0.65, 0.75), _color(hue + 50, 0.7, 0.25)]))
    canvas.drawRect(skia.Rect.MakeWH(width, height), paint)
    shapes = skia.Paint(AntiAlias=True, Color=_color(hue + 180, 0.4, 0.95))
    shapes.setAlphaf(0.22)
    seed = int(hue * 1000)
    for i in range(5):  # circles placed from the hue: the same title, the same picture
        x = (seed * (i + 3) * 7919) % width
        y = (seed * (i + 5) * 104729) % height
        radius = height * (0.12 + 0.07 * ((seed >> i) % 5))
        canvas.drawCircle(x, y, radius, shapes)


def _text(canvas: Any, text: str, x: float, y: float, size: float, font_id: int,
          max_width: float) -> None:
    font = skia.Font(_typeface(font_id), size)
    paint = skia.Paint(AntiAlias=True, Color=skia.ColorWHITE)
    words, line = text.split(), ""
    for word in words:  # greedy wrap so long names stay on the poster
        trial = f"{line} {word}".strip()
        if line and font.measureText(trial) > max_width:
            canvas.drawString(line, x, y, font, paint)
            y += size * 1.15
            line = word
        else:
            line = trial
    if line:
        canvas.drawString(line, x, y, font, paint)


def _encode(surface: Any, fmt: Any, quality: int) -> bytes:
    data = surface.makeImageSnapshot().encodeToData(fmt, quality)
    if data is None:
        raise RuntimeError("Skia could not encode the picture")
    return bytes(data)


@functools.lru_cache(maxsize=256)
def poster_png(title: Title) -> bytes:
    """A 240x360 PNG poster: a gradient, shapes, the name and year."""
    width, height = POSTER_SIZE
    with _LOCK:
        surface = skia.Surface(width, height)
        canvas = surface.getCanvas()
        _backdrop(canvas, width, height, title.hue)
        shade = skia.Paint(Color=skia.ColorBLACK)
        shade.setAlphaf(0.45)
        canvas.drawRect(skia.Rect.MakeXYWH(0, height - 120, width, 120), shade)
        _text(canvas, title.name, 16, height - 78, 30, BOLD, width - 32)
        _text(canvas, f"{title.year} · {title.genre}", 16, height - 14, 18, REGULAR, width - 32)
        return _encode(surface, skia.EncodedImageFormat.kPNG, 100)


@functools.lru_cache(maxsize=64)
def backdrop_jpeg(title: Title) -> bytes:
    """A 1920x1080 JPEG backdrop (full HD: the painter never has to upscale it)."""
    width, height = BACKDROP_SIZE
    with _LOCK:
        surface = skia.Surface(width, height)
        canvas = surface.getCanvas()
        _backdrop(canvas, width, height, title.hue + 20)
        return _encode(surface, skia.EncodedImageFormat.kJPEG, 88)
