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
units per em.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import Any

from ._skia import skia

__all__ = ["glyph_positions", "positioned_blob"]

_F32 = struct.Struct("<f")
_CANONICAL_SIZE = 64.0
_SMALLEST_FIXED_SIZE = 0.5


def _f32(value: float) -> float:
    result: float = _F32.unpack(_F32.pack(value))[0]
    return result


def glyph_positions(advances_1px: Sequence[float], size: float) -> list[float]:
    """The x of each glyph, and the line's width last (`len(advances) + 1` values).

    Bit for bit what the engine's `Scale` computes (see the module doc).
    """
    size = _f32(size)
    out = [0.0]
    if not math.isfinite(size) or size <= 0.0:
        return [0.0] * (len(advances_1px) + 1)
    total = 0.0
    if size < _SMALLEST_FIXED_SIZE:
        for a in advances_1px:
            total = _f32(total + _f32(a * size))
            out.append(total)
        return out
    canonical = _f32(size * size) > 65536.0
    s64 = _CANONICAL_SIZE * 64.0 if canonical else float(math.floor(_f32(size * 64.0)))
    to_source = _f32(size / _CANONICAL_SIZE)
    for a in advances_1px:
        fixed = math.floor(a * s64 * 1024.0 + 0.5)
        total = _f32(total + _f32(_f32(float(fixed)) * (1.0 / 65536.0)))
        out.append(_f32(total * to_source) if canonical else total)
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
