"""Paints the engine's display list onto a persistent Skia raster surface.

The engine (`renderer/core`) emits, per frame, a display list of fixed 32-byte
records, a UTF-8 blob the TEXT records point into, damage rectangles in
surface pixels and a "full repaint" flag (PROTOCOL.md section 4). This module
replays that list with skia-python.

The algorithm, per `Painter.paint` call:

1. **Pick the area.** Full repaint: clear the whole surface. Otherwise snap
   each damage rectangle outwards to whole pixels, clip the canvas to their
   union (a rectangle, or a region for several) and clear that area to
   transparent. Outside the clip the surface keeps last frame's pixels, which
   is why the surface must be persistent.
2. **Replay.** `struct.iter_unpack("<I7f")` walks the records (the op word
   reads back exactly as an integer; u32 fields are read from a parallel
   `memoryview.cast("I")`), and a dispatch table indexed by opcode calls one
   small method per record. In damage mode the engine has already culled the
   list to what intersects the damage; Skia's own quick-reject drops the rest.
3. **Restore** the canvas to the save count it had before the frame, whatever
   the list did (an unbalanced list never leaks clips into the next frame).

Because pixels inside the damage are cleared and repainted by exactly the ops
that touch them, an incremental frame is pixel-identical to painting the same
scene from scratch (`tests/renderer/test_painter_properties.py` checks it with
random edit sequences). Full repaint is the correct fallback for everything.

Caches (everything that costs more than a rectangle):

- `Paint` objects per colour (at most `PAINT_CACHE_ENTRIES` per kind: the
  cache starts over when full, since a colour animation makes new colours for
  as long as it runs). Rounded rects, borders, text and anything
  under a rotation are anti-aliased; axis-aligned `RECT`s are not: their
  edges snap to pixel centres, so adjacent boxes never show a seam and, unlike
  Skia's anti-aliased rect filler, the result does not depend on the clip
  (which keeps damage-only frames identical to full ones).
- Text blobs per `(font, size, utf8 bytes)`, an LRU bounded by estimated
  bytes (`text_blob_bytes`: Skia's blob, its Python wrapper, the key) and by
  count; the blob is shaped once at the origin and drawn at the record's
  position. The byte bound is what keeps a feed of long strings, or a clock
  that shows a new string every second, from growing memory outside the
  Python heap (Skia allocates the blobs with malloc).
- Images resolved through an `ImageProvider` (decoded once, native N32
  premultiplied pixels) and pre-scaled to their device-pixel size, keyed by
  `(image id, width, height)` in a byte-budgeted LRU; under a scale/translate
  matrix they are blitted at whole-pixel positions (~20 us instead of ~200 us
  for a scaled poster). Rotated or skewed images draw with linear sampling.
- `saveLayer` always gets the record's bounds; opacity 1 becomes a plain
  `save`, opacity 0 a `save` with an empty clip (nothing inside is drawn).
- Borders are a filled difference of two rounded rects (`drawDRRect`), so the
  stroke lies exactly inside the box.

Nothing here encodes PNGs or allocates per record beyond what Skia needs.
"""

from __future__ import annotations

import logging
import math
import struct
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from renderer._caches import LruCache
from renderer._protocol import RECORD_SIZE, DisplayOp
from renderer._skia import skia, typeface_from_file

__all__ = [
    "DisplayListBuilder",
    "DisplayListError",
    "FontProvider",
    "ImageProvider",
    "PaintStats",
    "Painter",
    "StandInFonts",
    "argb",
    "default_fonts",
    "text_blob_bytes",
]

logger = logging.getLogger(__name__)

OP_SAVE = int(DisplayOp.SAVE)
OP_RESTORE = int(DisplayOp.RESTORE)
OP_TRANSFORM = int(DisplayOp.TRANSFORM)
OP_CLIP_RECT = int(DisplayOp.CLIP_RECT)
OP_CLIP_RRECT = int(DisplayOp.CLIP_RRECT)
OP_LAYER = int(DisplayOp.LAYER)
OP_RECT = int(DisplayOp.RECT)
OP_RRECT = int(DisplayOp.RRECT)
OP_BORDER = int(DisplayOp.BORDER)
OP_TEXT = int(DisplayOp.TEXT)
OP_IMAGE = int(DisplayOp.IMAGE)

_RECORD = struct.Struct("<I7f")
_DAMAGE = struct.Struct("<4f")
_OP_NAMES = {int(op): op.name for op in DisplayOp}

DEFAULT_TEXT_CACHE_ENTRIES = 1024
"""Most text blobs kept (one per distinct font, size and string): several
screens of text; a miss costs one shaping of one string."""
DEFAULT_TEXT_CACHE_BYTES = 1024 * 1024
"""Most estimated bytes of text blobs kept (`text_blob_bytes`)."""
TEXT_BLOB_BASE_BYTES = 400
"""Estimated bytes of one cached blob besides its glyphs: Skia's blob and run
headers plus the Python wrapper (~170 B, measured as RSS per 20,000 blobs with
skia-python), and the key tuple, its float, its bytes header and the LRU entry
(~230 B)."""
TEXT_BLOB_GLYPH_BYTES = 10
"""Estimated bytes per glyph in a blob: a glyph id and an x position (measured:
4 glyphs 210 B, 14 glyphs 320 B, 50 glyphs 664 B, 200 glyphs 2,171 B)."""
PAINT_CACHE_ENTRIES = 256
"""Most `Paint`s kept per kind (anti-aliased, crisp), and fonts kept by
`StandInFonts`: far more colours than a screen uses at once."""
DEFAULT_SCALED_IMAGE_BUDGET = 64 * 1024 * 1024
"""Bytes of pre-scaled image pixels kept by a painter."""

Damage = Sequence[tuple[float, float, float, float]]
Bytes = bytes | bytearray | memoryview

_NEEDS_SWAP = sys.byteorder != "little"


def _put_bounded(cache: dict[Any, Any], key: Any, value: Any) -> None:
    """Stores into a small per-key cache, starting it over when it holds `PAINT_CACHE_ENTRIES`.

    A colour animation makes a new colour every frame (and a size animation a
    new font size), so these caches would otherwise grow for as long as the TV
    is on. Starting over keeps the hot lookup a plain `dict.get`; refilling
    costs one `skia.Paint` per colour in use.
    """
    if len(cache) >= PAINT_CACHE_ENTRIES:
        cache.clear()
    cache[key] = value


def text_blob_bytes(text: str, utf8_length: int) -> int:
    """Estimated bytes one cached text blob holds (blob, wrapper, key and entry).

    `TextBlob.MakeFromString` makes one glyph per code point (no shaping), so
    the code points of `text` are the blob's glyphs; the key keeps the UTF-8
    bytes as well.
    """
    return TEXT_BLOB_BASE_BYTES + TEXT_BLOB_GLYPH_BYTES * len(text) + utf8_length


class DisplayListError(ValueError):
    """A display list the painter cannot read (a host/engine protocol mismatch).

    The message names the record index and what was wrong; the surface keeps
    whatever was painted before the bad record and the canvas state is
    restored, so the next (full) frame paints correctly.
    """


class FontProvider(Protocol):
    """Gives the glyphs of a TEXT record, placed where the engine measured them."""

    def skia_font(self, font_id: int, size: float) -> Any:
        """Returns a `skia.Font` for protocol font id `font_id` at `size` px."""
        ...

    def text_blob(self, font_id: int, size: float, text: str) -> Any | None:
        """Returns the `skia.TextBlob` of one line (origin on the baseline), or None."""
        ...


class ScaleRequests(Protocol):
    """Where the painter asks for display-size copies (`renderer.lowlevel.Scaler`)."""

    def request(self, image_id: int, width: int, height: int) -> bool:
        """Asks for a copy; False when it cannot (the painter then scales it itself)."""
        ...


INLINE_SCALE_PIXELS = 512 * 512
"""Sources up to this many pixels are scaled on the spot even with a scaler (~1 ms)."""


class ImageProvider(Protocol):
    """Resolves image ids to decoded, native-format `skia.Image`s."""

    def skia_image(self, image_id: int) -> Any | None:
        """Returns the decoded image for `image_id`, or None if not ready."""
        ...


def argb(rgba: int) -> int:
    """Converts a protocol colour `0xRRGGBBAA` to Skia's `0xAARRGGBB`."""
    return ((rgba & 0xFF) << 24) | (rgba >> 8)


_FALLBACK_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class StandInFonts:
    """A `FontProvider` for when no `FontSet` is given: one typeface for every id.

    Prefers the bundled Roboto (`font_roboto`) and falls back to DejaVu Sans.
    Fonts are configured for layout-stable output: subpixel positioning,
    linear metrics, no hinting, anti-aliased edges.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._typeface = _load_typeface(path)
        self._fonts: dict[tuple[int, float], Any] = {}

    @property
    def typeface(self) -> Any:
        """The one `skia.Typeface` every font id maps to."""
        return self._typeface

    def skia_font(self, font_id: int, size: float) -> Any:
        key = (font_id, size)
        font = self._fonts.get(key)
        if font is None:
            font = skia.Font(self._typeface, size)
            font.setSubpixel(True)
            font.setLinearMetrics(True)
            font.setHinting(skia.FontHinting.kNone)
            font.setEdging(skia.Font.Edging.kAntiAlias)
            _put_bounded(self._fonts, key, font)
        return font

    def text_blob(self, font_id: int, size: float, text: str) -> Any | None:
        return skia.TextBlob.MakeFromString(text, self.skia_font(font_id, size))


def _load_typeface(path: str | Path | None) -> Any:
    candidates: list[str] = []
    if path is not None:
        candidates.append(str(path))
    else:
        try:  # the bundled OFL font, when installed
            import font_roboto

            base = Path(font_roboto.__file__).parent
            candidates.extend(str(p) for p in sorted(base.rglob("Roboto-Regular.ttf")))
        except ImportError:
            pass
        candidates.extend(_FALLBACK_FONT_FILES)
    for candidate in candidates:
        if Path(candidate).exists():
            typeface = typeface_from_file(candidate)
            if typeface is not None:
                return typeface
    if path is not None:
        raise FileNotFoundError(f"font file {path} could not be loaded by Skia")
    return skia.Typeface.MakeDefault()


def default_fonts() -> FontProvider:
    """The bundled `FontSet`, or `StandInFonts` if the font package is missing."""
    from renderer._fonts import FontSet, FontUnavailable

    try:
        return FontSet()
    except FontUnavailable as error:
        logger.warning("painting text with a stand-in font: %s", error)
        return StandInFonts()


class PaintStats:
    """What the last `Painter.paint` call did (cheap counters, for benchmarks)."""

    __slots__ = ("damage_rects", "full", "records")

    def __init__(self) -> None:
        self.records = 0
        """Records replayed."""
        self.full = False
        """Whether it was a full repaint."""
        self.damage_rects = 0
        """Damage rectangles clipped to (0 for a full repaint)."""


class Painter:
    """Replays display lists onto one persistent raster surface.

    Args:
        surface: a `skia.Surface` or anything with a `skia_surface` attribute
            (such as `OffscreenSurface`); it must outlive the painter.
        fonts: resolves TEXT records' font ids; defaults to the bundled
            `FontSet` (the fonts the engine measures with), or `StandInFonts`
            when the font package is missing.
        images: resolves IMAGE records' image ids; without one images are
            skipped (the node's background shows, as for an unloaded image).
        scaled_image_budget: bytes of pre-scaled image pixels to keep.
        scaler: makes display-size copies of large images off the frame path
            (a renderer process's `Scaler`); until a copy is ready the node's
            background shows. Without one, the painter scales them itself.
        text_cache_entries: most text blobs to keep.
        text_cache_bytes: most estimated bytes of text blobs to keep
            (`text_blob_bytes`); the newest blob is kept even when it alone
            exceeds it.
    """

    def __init__(
        self,
        surface: Any,
        fonts: FontProvider | None = None,
        images: ImageProvider | None = None,
        *,
        scaled_image_budget: int = DEFAULT_SCALED_IMAGE_BUDGET,
        scaler: ScaleRequests | None = None,
        text_cache_entries: int = DEFAULT_TEXT_CACHE_ENTRIES,
        text_cache_bytes: int = DEFAULT_TEXT_CACHE_BYTES,
    ) -> None:
        skia_surface = getattr(surface, "skia_surface", surface)
        self._surface = skia_surface
        self._canvas = skia_surface.getCanvas()
        self._width: int = skia_surface.width()
        self._height: int = skia_surface.height()
        self._fonts: FontProvider = fonts if fonts is not None else default_fonts()
        self._images = images
        self._scaler = scaler
        self._fills: dict[int, Any] = {}
        self._crisp_fills: dict[int, Any] = {}
        self._text_blobs: LruCache[tuple[int, float, bytes], Any] = LruCache(
            text_cache_bytes, max_entries=text_cache_entries
        )
        self._scaled: LruCache[tuple[int, int, int], tuple[Any, ...]] = LruCache(
            scaled_image_budget
        )
        self._sampling = skia.SamplingOptions(skia.FilterMode.kLinear)
        self._down_sampling = skia.SamplingOptions(
            skia.FilterMode.kLinear, skia.MipmapMode.kLinear
        )
        self._up_sampling = skia.SamplingOptions(skia.CubicResampler.Mitchell())
        self._stats = PaintStats()
        # Per-frame replay state.
        self._text: Bytes = b""
        self._words: memoryview = memoryview(b"")
        self._depth = 0
        self._rotated = False
        self._rotated_stack: list[bool] = []
        table: list[Callable[[tuple[Any, ...], int], None] | None] = [None] * (
            max(DisplayOp) + 1
        )
        table[OP_SAVE] = self._op_save
        table[OP_RESTORE] = self._op_restore
        table[OP_TRANSFORM] = self._op_transform
        table[OP_CLIP_RECT] = self._op_clip_rect
        table[OP_CLIP_RRECT] = self._op_clip_rrect
        table[OP_LAYER] = self._op_layer
        table[OP_RECT] = self._op_rect
        table[OP_RRECT] = self._op_rrect
        table[OP_BORDER] = self._op_border
        table[OP_TEXT] = self._op_text
        table[OP_IMAGE] = self._op_image
        self._table = table

    # ------------------------------------------------------------------ API

    @property
    def stats(self) -> PaintStats:
        """Counters of the last `paint` call."""
        return self._stats

    @property
    def text_cache(self) -> LruCache[tuple[int, float, bytes], Any]:
        """The text-blob cache (exposed for tests and benchmarks)."""
        return self._text_blobs

    @property
    def scaled_image_cache(self) -> LruCache[tuple[int, int, int], tuple[Any, Any]]:
        """The pre-scaled image cache (exposed for tests and benchmarks)."""
        return self._scaled

    def paint(
        self,
        records: Bytes,
        text: Bytes = b"",
        damage: Damage | Bytes = (),
        full: bool = True,
    ) -> PaintStats:
        """Paints one frame's display list.

        Args:
            records: the display list, `8 x u32` little-endian per record.
            text: the UTF-8 blob TEXT records point into.
            damage: rectangles `(x, y, w, h)` in surface pixels, or their
                packed `4 x f32` bytes; ignored when `full`.
            full: repaint everything (first frame, viewport change).

        Raises:
            DisplayListError: the list is malformed (length, opcode, text range).
        """
        view = memoryview(records).cast("B")
        if len(view) % RECORD_SIZE:
            raise DisplayListError(
                f"display list is {len(view)} bytes, not a multiple of the "
                f"{RECORD_SIZE}-byte record size; host and engine disagree on PROTOCOL.md"
            )
        stats = self._stats
        stats.full = full
        stats.records = len(view) // RECORD_SIZE
        canvas = self._canvas
        base = canvas.save()
        try:
            canvas.resetMatrix()
            if full:
                stats.damage_rects = 0
                if not self._starts_with_opaque_cover(view):
                    canvas.clear(0)  # (skipped when the first draw paints every pixel anyway)
            else:
                rects = self._snap_damage(damage)
                stats.damage_rects = len(rects)
                if not rects:
                    return stats
                if len(rects) == 1:
                    canvas.clipRect(skia.Rect.Make(rects[0]))
                else:
                    region = skia.Region()
                    for irect in rects:
                        region.op(irect, skia.Region.kUnion_Op)
                    canvas.clipRegion(region)
                canvas.clear(0)
            self._replay(view, text)
        finally:
            canvas.restoreToCount(base)
            self._text = b""
            self._words = memoryview(b"")
        return stats

    def _starts_with_opaque_cover(self, view: memoryview) -> bool:
        """Whether the list's first drawing is an opaque rect over the whole surface.

        Only SAVE and axis-aligned TRANSFORMs may come before it. Such a rect is
        drawn crisp (no anti-aliasing), so it sets every pixel exactly as a clear
        followed by it would; the 1.5 ms clear of a 1080p surface is saved.
        """
        sx, sy, tx, ty = 1.0, 1.0, 0.0, 0.0
        for offset in range(0, min(len(view), 8 * RECORD_SIZE), RECORD_SIZE):
            record = _RECORD.unpack_from(view, offset)
            op = record[0]
            if op == OP_SAVE:
                continue
            if op == OP_TRANSFORM:
                _, a, b, c, d, e, f, _unused = record
                if b != 0.0 or c != 0.0:
                    return False
                tx, ty = tx + sx * e, ty + sy * f
                sx, sy = sx * a, sy * d
                continue
            if op != OP_RECT or sx <= 0.0 or sy <= 0.0:
                return False
            colour: int = struct.unpack_from("<I", view, offset + 20)[0]
            x: float = tx + sx * record[1]
            y: float = ty + sy * record[2]
            right, bottom = x + sx * record[3], y + sy * record[4]
            return bool(colour & 0xFF == 0xFF and x <= 0.0 and y <= 0.0
                        and right >= self._width and bottom >= self._height)
        return False

    def paint_output(self, output: Any) -> PaintStats:
        """Paints a frame result object from the engine boundary.

        Accepts any object with `display_list` (or `records`), `text`,
        `damage` and `full` attributes; a frame without a display list paints
        nothing.
        """
        records = getattr(output, "display_list", None)
        if records is None:
            records = getattr(output, "records", None)
        if records is None or len(records) == 0:
            self._stats.records = 0
            return self._stats
        return self.paint(
            records,
            getattr(output, "text", b""),
            getattr(output, "damage", ()),
            bool(getattr(output, "full", True)),
        )

    def put_scaled(self, image_id: int, source: Any, scaled: Any, keep: object = None) -> None:
        """A display-size copy of `source` made elsewhere (`keep` holds its pixels alive)."""
        key = (image_id, int(scaled.width()), int(scaled.height()))
        self._scaled.put(key, (source, scaled, keep), key[1] * key[2] * 4)

    def forget_image(self, image_id: int) -> None:
        """Drops the pre-scaled copies of one image (it was released or replaced)."""
        for key in [k for k in self._scaled if k[0] == image_id]:
            self._scaled.pop(key)

    def clear_caches(self) -> None:
        """Drops every cached paint, text blob and pre-scaled image."""
        self._fills.clear()
        self._crisp_fills.clear()
        self._text_blobs.clear()
        self._scaled.clear()

    # -------------------------------------------------------------- helpers

    def _snap_damage(self, damage: Damage | Bytes) -> list[Any]:
        """Damage rectangles rounded outwards to whole pixels, on the surface."""
        if isinstance(damage, bytes | bytearray | memoryview):
            items: Iterable[tuple[float, ...]] = _DAMAGE.iter_unpack(damage)
        else:
            items = damage
        width, height = self._width, self._height
        out = []
        for x, y, w, h in items:
            if not (w > 0 and h > 0):
                continue
            left = max(0, math.floor(x))
            top = max(0, math.floor(y))
            right = min(width, math.ceil(x + w))
            bottom = min(height, math.ceil(y + h))
            if right > left and bottom > top:
                out.append(skia.IRect.MakeLTRB(left, top, right, bottom))
        return out

    def _replay(self, view: memoryview, text: Bytes) -> None:
        if _NEEDS_SWAP:  # pragma: no cover - big-endian hosts
            raise DisplayListError("the painter reads little-endian display lists natively")
        self._text = text
        self._words = view.cast("I")
        self._depth = 0
        self._rotated = False
        self._rotated_stack.clear()
        table = self._table
        ops = len(table)
        index = 0
        try:
            for index, record in enumerate(_RECORD.iter_unpack(view)):
                op = record[0]
                handler = table[op] if op < ops else None
                if handler is None:
                    raise DisplayListError(
                        f"display-list record {index}: unknown opcode {op}; "
                        "the engine speaks a newer PROTOCOL.md than this painter"
                    )
                handler(record, index << 3)
        except DisplayListError:
            raise
        except Exception as error:  # Skia refused an argument: name the record.
            op = self._words[index << 3]
            raise DisplayListError(
                f"display-list record {index} ({_OP_NAMES.get(op, op)}): {error}"
            ) from error

    def _fill(self, rgba: int) -> Any:
        paint = self._fills.get(rgba)
        if paint is None:
            paint = skia.Paint(Color=argb(rgba), AntiAlias=True)
            _put_bounded(self._fills, rgba, paint)
        return paint

    # ------------------------------------------------------------- opcodes

    def _crisp(self, rgba: int) -> Any:
        paint = self._crisp_fills.get(rgba)
        if paint is None:
            paint = skia.Paint(Color=argb(rgba), AntiAlias=False)
            _put_bounded(self._crisp_fills, rgba, paint)
        return paint

    def _op_save(self, record: tuple[Any, ...], word: int) -> None:
        self._canvas.save()
        self._depth += 1
        self._rotated_stack.append(self._rotated)

    def _op_restore(self, record: tuple[Any, ...], word: int) -> None:
        if self._depth > 0:  # never pop the frame's own damage clip
            self._canvas.restore()
            self._depth -= 1
            self._rotated = self._rotated_stack.pop()

    def _op_transform(self, record: tuple[Any, ...], word: int) -> None:
        _, a, b, c, d, e, f, _unused = record
        self._canvas.concat(skia.Matrix.MakeAll(a, c, e, b, d, f, 0.0, 0.0, 1.0))
        if b != 0.0 or c != 0.0:
            self._rotated = True

    def _op_clip_rect(self, record: tuple[Any, ...], word: int) -> None:
        self._canvas.clipRect(
            skia.Rect.MakeXYWH(record[1], record[2], record[3], record[4]), True
        )

    def _op_clip_rrect(self, record: tuple[Any, ...], word: int) -> None:
        rect = skia.Rect.MakeXYWH(record[1], record[2], record[3], record[4])
        radius = record[5]
        if radius > 0:
            self._canvas.clipRRect(skia.RRect.MakeRectXY(rect, radius, radius), True)
        else:
            self._canvas.clipRect(rect, True)

    def _op_layer(self, record: tuple[Any, ...], word: int) -> None:
        opacity = record[1]
        canvas = self._canvas
        self._depth += 1
        self._rotated_stack.append(self._rotated)
        if opacity >= 1.0:
            canvas.save()
            return
        alpha = round(opacity * 255) if opacity > 0 else 0
        if alpha <= 0:
            canvas.save()
            canvas.clipRect(skia.Rect.MakeEmpty())
            return
        canvas.saveLayerAlpha(
            skia.Rect.MakeXYWH(record[2], record[3], record[4], record[5]), alpha
        )

    def _op_rect(self, record: tuple[Any, ...], word: int) -> None:
        rgba = self._words[word + 5]
        self._canvas.drawRect(
            skia.Rect.MakeXYWH(record[1], record[2], record[3], record[4]),
            self._fill(rgba) if self._rotated else self._crisp(rgba),
        )

    def _op_rrect(self, record: tuple[Any, ...], word: int) -> None:
        rect = skia.Rect.MakeXYWH(record[1], record[2], record[3], record[4])
        radius = record[5]
        paint = self._fill(self._words[word + 6])
        if radius > 0:
            self._canvas.drawRRect(skia.RRect.MakeRectXY(rect, radius, radius), paint)
        else:
            self._canvas.drawRect(rect, paint)

    def _op_border(self, record: tuple[Any, ...], word: int) -> None:
        x, y, w, h, radius, width = record[1:7]
        if not (width > 0 and w > 0 and h > 0):
            return
        paint = self._fill(self._words[word + 7])
        outer_rect = skia.Rect.MakeXYWH(x, y, w, h)
        radius = max(0.0, radius)
        outer = skia.RRect.MakeRectXY(outer_rect, radius, radius)
        if 2 * width >= w or 2 * width >= h:
            self._canvas.drawRRect(outer, paint)
            return
        inner_radius = max(0.0, radius - width)
        inner = skia.RRect.MakeRectXY(
            skia.Rect.MakeXYWH(x + width, y + width, w - 2 * width, h - 2 * width),
            inner_radius,
            inner_radius,
        )
        self._canvas.drawDRRect(outer, inner, paint)

    def _op_text(self, record: tuple[Any, ...], word: int) -> None:
        words = self._words
        font_id = words[word + 3]
        size = record[4]
        offset = words[word + 6]
        length = words[word + 7]
        text = self._text
        if offset + length > len(text):
            raise DisplayListError(
                f"display-list record {word >> 3} (TEXT): text range {offset}+{length} "
                f"is outside the {len(text)}-byte text blob"
            )
        if length == 0:
            return
        utf8 = bytes(text[offset : offset + length])
        key = (font_id, size, utf8)
        blob = self._text_blobs.get(key)
        if blob is None:
            decoded = utf8.decode("utf-8", "replace")
            blob = self._fonts.text_blob(font_id, size, decoded)
            if blob is None:
                return
            self._text_blobs.put(key, blob, text_blob_bytes(decoded, len(utf8)))
        self._canvas.drawTextBlob(blob, record[1], record[2], self._fill(words[word + 5]))

    def _op_image(self, record: tuple[Any, ...], word: int) -> None:
        if self._images is None:
            return
        image_id = self._words[word + 5]
        image = self._images.skia_image(image_id)
        if image is None:
            return
        canvas = self._canvas
        dst = skia.Rect.MakeXYWH(record[1], record[2], record[3], record[4])
        matrix = canvas.getTotalMatrix()
        if (
            matrix.getSkewX() == 0.0
            and matrix.getSkewY() == 0.0
            and matrix.getScaleX() > 0.0
            and matrix.getScaleY() > 0.0
            and not matrix.hasPerspective()
        ):
            device = matrix.mapRect(dst)
            left = round(device.left())
            top = round(device.top())
            width = round(device.right()) - left
            height = round(device.bottom()) - top
            if width <= 0 or height <= 0:
                return
            scaled = self._prescaled(image_id, image, width, height)
            if scaled is None:
                return  # a copy is being made elsewhere; the background shows meanwhile
            canvas.save()
            canvas.resetMatrix()
            canvas.drawImage(scaled, left, top)
            canvas.restore()
        else:
            canvas.drawImageRect(image, dst, self._sampling)

    def _prescaled(self, image_id: int, image: Any, width: int, height: int) -> Any | None:
        if image.width() == width and image.height() == height:
            return image
        key = (image_id, width, height)
        entry = self._scaled.get(key)
        if entry is not None and entry[0] is image:
            return entry[1]
        scaler = self._scaler
        if (scaler is not None and image.width() * image.height() > INLINE_SCALE_PIXELS
                and scaler.request(image_id, width, height)):
            return None
        downscale = width < image.width() or height < image.height()
        sampling = self._down_sampling if downscale else self._up_sampling
        scaled = image.resize(width, height, sampling)
        self._scaled.put(key, (image, scaled), width * height * 4)
        return scaled


class DisplayListBuilder:
    """Builds display-list bytes by hand, record by record (tests, benchmarks, docs).

    The engine produces these lists in real use; this builder writes the same
    PROTOCOL.md section 4 layout so the painter can be driven without it.
    """

    _F = struct.Struct("<I7f")

    def __init__(self) -> None:
        self._records = bytearray()
        self._text = bytearray()
        self._text_offsets: dict[bytes, int] = {}

    def __len__(self) -> int:
        return len(self._records) // RECORD_SIZE

    @property
    def records(self) -> bytes:
        """The records written so far."""
        return bytes(self._records)

    @property
    def text(self) -> bytes:
        """The UTF-8 blob TEXT records point into."""
        return bytes(self._text)

    def _put(self, op: int, *fields: float, ints: dict[int, int] | None = None) -> None:
        values = list(fields) + [0.0] * (7 - len(fields))
        record = bytearray(self._F.pack(op, *values))
        for position, value in (ints or {}).items():
            struct.pack_into("<I", record, 4 + 4 * position, value)
        self._records += record

    def save(self) -> DisplayListBuilder:
        self._put(OP_SAVE)
        return self

    def restore(self) -> DisplayListBuilder:
        self._put(OP_RESTORE)
        return self

    def transform(
        self, a: float, b: float, c: float, d: float, e: float, f: float
    ) -> DisplayListBuilder:
        self._put(OP_TRANSFORM, a, b, c, d, e, f)
        return self

    def scale(self, sx: float, sy: float | None = None) -> DisplayListBuilder:
        return self.transform(sx, 0.0, 0.0, sx if sy is None else sy, 0.0, 0.0)

    def translate(self, dx: float, dy: float) -> DisplayListBuilder:
        return self.transform(1.0, 0.0, 0.0, 1.0, dx, dy)

    def clip_rect(self, x: float, y: float, w: float, h: float) -> DisplayListBuilder:
        self._put(OP_CLIP_RECT, x, y, w, h)
        return self

    def clip_rrect(
        self, x: float, y: float, w: float, h: float, radius: float
    ) -> DisplayListBuilder:
        self._put(OP_CLIP_RRECT, x, y, w, h, radius)
        return self

    def layer(
        self, opacity: float, x: float, y: float, w: float, h: float
    ) -> DisplayListBuilder:
        self._put(OP_LAYER, opacity, x, y, w, h)
        return self

    def rect(self, x: float, y: float, w: float, h: float, color: int) -> DisplayListBuilder:
        self._put(OP_RECT, x, y, w, h, ints={4: color})
        return self

    def rrect(
        self, x: float, y: float, w: float, h: float, radius: float, color: int
    ) -> DisplayListBuilder:
        self._put(OP_RRECT, x, y, w, h, radius, ints={5: color})
        return self

    def border(
        self, x: float, y: float, w: float, h: float, radius: float, width: float, color: int
    ) -> DisplayListBuilder:
        self._put(OP_BORDER, x, y, w, h, radius, width, ints={6: color})
        return self

    def text_run(
        self, x: float, baseline: float, font: int, size: float, color: int, text: str
    ) -> DisplayListBuilder:
        utf8 = text.encode("utf-8")
        offset = self._text_offsets.get(utf8)
        if offset is None:
            offset = len(self._text)
            self._text += utf8
            self._text_offsets[utf8] = offset
        self._put(
            OP_TEXT, x, baseline, 0.0, size,
            ints={2: font, 4: color, 5: offset, 6: len(utf8)},
        )
        return self

    def image(self, x: float, y: float, w: float, h: float, image: int) -> DisplayListBuilder:
        self._put(OP_IMAGE, x, y, w, h, ints={4: image})
        return self
