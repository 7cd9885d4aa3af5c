"""Positioned glyph runs: how the painter draws a line that mixes fonts.

The engine measures a line as the sum of its characters' advances, each
scaled to the font size by Skia's rule (`renderer/core/src/text/scale.rs`,
`docs/text.md`). When every character of a line comes from the primary font,
`skia.TextBlob.MakeFromString` positions the glyphs with exactly those
advances, and the painter uses it. When some characters come from fallback
fonts (CJK, Hebrew, emoji, ...), no single `skia.Font` can draw the line, so
the line is cut into runs of consecutive characters drawn from the same
typeface, and every glyph is placed at the position the engine's own rule
gives it:

1. `x[0] = 0`; `sum += glyph(advance_1px[i])` after each character, in `f32`
   (`glyph` is the 26.6 truncation + 16.16 rounding of `scale.rs`, or the
   64 px strike above 256 px, or the plain product below 0.5 px);
2. `x[i] = finish(sum before i)` (`finish` multiplies by `size / 64` above
   256 px, else returns the sum);
3. one `allocRunPosH` per run with the run's typeface at `size`.

The advances are the very `f32` values uploaded to the engine, so the drawn
positions are the measured ones by construction, whatever the typeface's
units per em. Shaped text (`renderer/_shaping.py`) is drawn by `shaped_blob`
the same way, cluster by cluster, in visual order.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Sequence
from typing import Any

from ._shaping import GlyphRun
from ._skia import skia

__all__ = ["SkiaScale", "glyph_positions", "positioned_blob", "shaped_blob"]

_F32 = struct.Struct("<f")
_CANONICAL_SIZE = 64.0
_SMALLEST_FIXED_SIZE = 0.5


def _f32(value: float) -> float:
    result: float = _F32.unpack(_F32.pack(value))[0]
    return result


class SkiaScale:
    """Skia's advance rule at one size, as the engine's `Scale` (`scale.rs`)."""

    __slots__ = ("_canonical", "_kind", "_s64", "_size", "_to_source")

    def __init__(self, size: float) -> None:
        size = _f32(size)
        self._size = size
        self._to_source = _f32(size / _CANONICAL_SIZE)
        self._canonical = False
        self._s64 = 0.0
        if not math.isfinite(size) or size <= 0.0:
            self._kind = 0
        elif size < _SMALLEST_FIXED_SIZE:
            self._kind = 1
        else:
            self._kind = 2
            self._canonical = _f32(size * size) > 65536.0
            self._s64 = _CANONICAL_SIZE * 64.0 if self._canonical else float(
                math.floor(_f32(size * 64.0)))

    def glyph(self, advance_1px: float) -> float:
        """One advance in strike units (`f32`)."""
        if self._kind == 0:
            return 0.0
        if self._kind == 1:
            return _f32(advance_1px * self._size)
        fixed = math.floor(advance_1px * self._s64 * 1024.0 + 0.5)
        return _f32(_f32(float(fixed)) * (1.0 / 65536.0))

    def finish(self, strike_sum: float) -> float:
        """A strike-unit sum as a width at the size."""
        return _f32(strike_sum * self._to_source) if self._canonical else strike_sum


def glyph_positions(advances_1px: Sequence[float], size: float) -> list[float]:
    """The x of each glyph, and the line's width last (`len(advances) + 1` values).

    Bit for bit what the engine's `Scale` computes (see the module doc).
    """
    scale = SkiaScale(size)
    out = [0.0]
    total = 0.0
    for a in advances_1px:
        total = _f32(total + scale.glyph(a))
        out.append(scale.finish(total))
    return out


def positioned_blob(
    runs: Sequence[tuple[Any, Sequence[int], int]],
    advances_1px: Sequence[float],
    size: float,
    configure: Any,
) -> Any | None:
    """A `skia.TextBlob` of glyph runs at the engine's positions.

    Args:
        runs: `(typeface, glyph ids, first character index)` per run, in order;
            together they cover every character once.
        advances_1px: the uploaded advance of every character of the line.
        size: the font size.
        configure: sets up a new `skia.Font` (`renderer._fonts.configure_font`).

    Returns:
        The blob, or None for an empty line.
    """
    xs = glyph_positions(advances_1px, size)
    builder = skia.TextBlobBuilder()
    any_run = False
    for typeface, glyphs, first in runs:
        if not glyphs:
            continue
        font = configure(skia.Font(typeface, size))
        builder.allocRunPosH(font, list(glyphs), xs[first:first + len(glyphs)], 0.0)
        any_run = True
    if not any_run:
        return None
    blob: Any = builder.make()
    return blob


def shaped_blob(
    runs: Sequence[GlyphRun],
    cluster_advances: Sequence[float],
    size: float,
    typeface_of: Callable[[int], Any],
    configure: Callable[[Any], Any],
) -> Any | None:
    """A `skia.TextBlob` of shaped runs in visual order (`renderer/_shaping.py`).

    Each cluster starts where the engine's width rule puts it: the clusters
    before it (in visual order) advance the pen by their scaled cluster
    advances, exactly as the engine sums them; the glyphs inside a cluster
    are offset from its start by their HarfBuzz pen and offsets times the size.

    Args:
        runs: the line's glyph runs in visual order.
        cluster_advances: per character of the shaped text, its cluster advance
            per 1 px (0 inside a cluster).
        size: the font size.
        typeface_of: the `skia.Typeface` of a face index.
        configure: sets up a new `skia.Font` (`renderer._fonts.configure_font`).
    """
    scale = SkiaScale(size)
    builder = skia.TextBlobBuilder()
    cursor = 0.0
    any_run = False
    for run in runs:
        glyphs, clusters, advances, offsets = run.glyphs, run.clusters, run.advances, run.offsets
        points = []
        i = 0
        while i < len(glyphs):
            cluster = clusters[i]
            x0 = scale.finish(cursor)
            pen = 0.0
            while i < len(glyphs) and clusters[i] == cluster:
                dx, dy = offsets[i]
                points.append(skia.Point(x0 + (pen + dx) * size, -dy * size))
                pen += advances[i]
                i += 1
            cursor = _f32(cursor + scale.glyph(cluster_advances[cluster]))
        if glyphs:
            font = configure(skia.Font(typeface_of(run.face), size))
            builder.allocRunPos(font, list(glyphs), points)
            any_run = True
    if not any_run:
        return None
    blob: Any = builder.make()
    return blob
