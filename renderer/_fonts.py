"""The bundled fonts: Skia fonts for the painter, advance tables for the engine.

The engine measures and breaks text itself (`renderer/core/src/text`), from
per-font tables of glyph advances per 1 px of font size that the host uploads
with `DEFINE_FONT` and `FONT_GLYPHS`. `FontSet` owns the typefaces, builds
those commands, and gives the painter the `skia.Font` each TEXT record is drawn
with. Both sides agree to the bit because:

- the fonts are configured with linear metrics, no hinting and subpixel
  positioning, so an advance depends only on the font size (`skia_font`);
- the uploaded advance of a codepoint is its advance at 64 px divided by 64,
  which for Roboto (2048 units per em) is exactly `units / 2048`;
- the engine reproduces how Skia scales advances to a size (26.6 truncation,
  16.16 rounding, sequential `f32` sums, the 64 px strike above 256 px), and
  the painter draws with `skia.TextBlob.MakeFromString`, whose glyph positions
  are the ones `skia.Font.measureText` sums. `docs/text.md` has the details.

Font ids: 0 Roboto Regular, 1 Roboto Medium, 2 Roboto Bold (from the
`font-roboto` package). A codepoint a typeface lacks is uploaded with the
advance of the `.notdef` glyph Skia draws for it, so it still measures as
painted.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._caches import LruCache
from ._commands import CommandBuffer
from ._skia import skia, typeface_from_file

__all__ = [
    "BASE_CODEPOINTS",
    "BOLD",
    "MEDIUM",
    "REGULAR",
    "SKIA_FONT_CACHE_ENTRIES",
    "FontMetrics",
    "FontSet",
    "FontUnavailable",
    "bundled_font_files",
    "configure_font",
]

REGULAR = 0
"""Font id of Roboto Regular."""
MEDIUM = 1
"""Font id of Roboto Medium."""
BOLD = 2
"""Font id of Roboto Bold."""

BASE_CODEPOINTS: tuple[int, ...] = (
    *range(0x20, 0x100),
    0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC,
)
"""Uploaded for every font up front: Latin-1 and common punctuation."""

_REFERENCE_SIZE = 64.0
"""Advances are read at this size (Skia's canonical strike: exact 16.16)."""

SKIA_FONT_CACHE_ENTRIES = 512
"""`skia.Font` objects kept (one per font id and size; sizes may animate)."""

_NEWLINE = 0x0A
_SURROGATES = range(0xD800, 0xE000)
_F32 = struct.Struct("<f")


class FontUnavailable(RuntimeError):
    """A font file is missing or Skia cannot read it."""


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Vertical metrics and fallback advance of a font, per 1 px of size."""

    ascent: float
    """Distance from the baseline up (positive)."""
    descent: float
    """Distance from the baseline down (positive)."""
    leading: float
    """Extra line spacing recommended by the font."""
    fallback_advance: float
    """Advance of the `.notdef` glyph: what the engine uses for a codepoint it
    has no advance for."""


def configure_font(font: Any) -> Any:
    """Sets the options under which advances scale with the size (see module doc).

    Returns the same `skia.Font`.
    """
    font.setSubpixel(True)
    font.setLinearMetrics(True)
    font.setHinting(skia.FontHinting.kNone)
    font.setEdging(skia.Font.Edging.kAntiAlias)
    return font


def bundled_font_files() -> dict[int, Path]:
    """The Roboto files of the `font-roboto` package, by font id.

    Raises:
        FontUnavailable: the package is not installed.
    """
    try:
        import font_roboto
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise FontUnavailable(
            "the bundled font package is missing; install it with "
            "`pip install font-roboto==0.0.1`"
        ) from exc
    base = Path(font_roboto.__file__).parent / "files"
    return {
        REGULAR: base / "Roboto-Regular.ttf",
        MEDIUM: base / "Roboto-Medium.ttf",
        BOLD: base / "Roboto-Bold.ttf",
    }


def _f32(value: float) -> float:
    """`value` rounded to the nearest `f32`, as the protocol carries it."""
    result: float = _F32.unpack(_F32.pack(value))[0]
    return result


class FontSet:
    """The fonts the host uploads to the engine and paints with.

    Args:
        files: font files by font id (0..255); defaults to the bundled Roboto
            Regular (0), Medium (1) and Bold (2).

    Raises:
        FontUnavailable: a file is missing or not a font Skia can read.
    """

    def __init__(self, files: Mapping[int, str | Path] | None = None) -> None:
        chosen = bundled_font_files() if files is None else dict(files)
        self.files: dict[int, str] = {i: str(path) for i, path in sorted(chosen.items())}
        """The font files by font id (a renderer process loads the same ones)."""
        self._typefaces: dict[int, Any] = {}
        for font_id, path in sorted(chosen.items()):
            if not 0 <= font_id <= 255:
                raise ValueError(f"font id must be 0..255, got {font_id!r}")
            if not Path(path).is_file():
                raise FontUnavailable(f"font file {path} does not exist")
            typeface = typeface_from_file(str(path))
            if typeface is None:
                raise FontUnavailable(f"font file {path} could not be read by Skia")
            self._typefaces[font_id] = typeface
        self._reference = {
            font_id: configure_font(skia.Font(tf, _REFERENCE_SIZE))
            for font_id, tf in self._typefaces.items()
        }
        self._fonts: LruCache[tuple[int, float], Any] = LruCache(SKIA_FONT_CACHE_ENTRIES)
        self._uploaded: set[int] = set()
        self._defined = False

    @property
    def font_ids(self) -> tuple[int, ...]:
        """The font ids this set defines, ascending."""
        return tuple(self._typefaces)

    @property
    def uploaded(self) -> frozenset[int]:
        """Codepoints whose advances the commands produced so far carry."""
        return frozenset(self._uploaded)

    def typeface(self, font_id: int) -> Any:
        """The `skia.Typeface` of `font_id`."""
        try:
            return self._typefaces[font_id]
        except KeyError:
            raise KeyError(
                f"font id {font_id} is not in this FontSet (it has {list(self._typefaces)})"
            ) from None

    def skia_font(self, font_id: int, size: float) -> Any:
        """The `skia.Font` the engine's measurements of `font_id` at `size` match.

        Draw it with `skia.TextBlob.MakeFromString` (whose positions are those
        of `measureText`; `canvas.drawString` differs above 256 px).
        """
        key = (font_id, size)
        font = self._fonts.get(key)
        if font is None:
            font = configure_font(skia.Font(self.typeface(font_id), size))
            self._fonts.put(key, font)
        return font

    def metrics(self, font_id: int) -> FontMetrics:
        """Metrics per 1 px of `font_id`, rounded to `f32` as uploaded."""
        reference = self._reference_font(font_id)
        m = reference.getMetrics()
        notdef: float = reference.getWidths([0])[0]
        return FontMetrics(
            ascent=_f32(-m.fAscent / _REFERENCE_SIZE),
            descent=_f32(m.fDescent / _REFERENCE_SIZE),
            leading=_f32(m.fLeading / _REFERENCE_SIZE),
            fallback_advance=_f32(notdef / _REFERENCE_SIZE),
        )

    def advances(self, font_id: int, codepoints: Iterable[int]) -> dict[int, float]:
        """Advances per 1 px (`f32` values) of `codepoints` in `font_id`.

        A codepoint the typeface lacks gets the `.notdef` advance, which is
        what Skia draws for it.
        """
        cps = list(codepoints)
        if not cps:
            return {}
        glyphs = self.typeface(font_id).unicharsToGlyphs(cps)
        widths = self._reference_font(font_id).getWidths(glyphs)
        return {cp: _f32(w / _REFERENCE_SIZE) for cp, w in zip(cps, widths, strict=True)}

    def advance(self, font_id: int, codepoint: int) -> float:
        """Advance per 1 px of one codepoint (see `advances`)."""
        return self.advances(font_id, [codepoint])[codepoint]

    def define_commands(self) -> bytes:
        """`DEFINE_FONT` + `FONT_GLYPHS` for every font.

        Carries `BASE_CODEPOINTS` and every codepoint uploaded earlier by
        `glyph_commands_for`, so it is also what a fresh engine instance needs
        (after a crash, say) to measure everything it measured before.
        """
        self._uploaded.update(BASE_CODEPOINTS)
        self._defined = True
        codepoints = sorted(self._uploaded)
        buffer = CommandBuffer()
        for font_id in self._typefaces:
            m = self.metrics(font_id)
            buffer.define_font(font_id, m.ascent, m.descent, m.leading, m.fallback_advance)
            buffer.font_glyphs(font_id, self.advances(font_id, codepoints))
        return buffer.getvalue()

    def glyph_commands_for(self, text: str) -> bytes:
        """`FONT_GLYPHS` (one per font) for the codepoints of `text` not uploaded yet.

        Returns `b""` when there are none. Send the result before (or in the
        same batch as) the `DEFINE_STRING` of `text`. Line feeds are skipped
        (never measured); lone surrogates are skipped (not valid UTF-8).
        Before `define_commands` has been called, the codepoints are only
        recorded (that call will carry them) and `b""` is returned.
        """
        new = sorted(
            cp for cp in {ord(ch) for ch in text}
            if cp not in self._uploaded and cp != _NEWLINE and cp not in _SURROGATES
        )
        if not new:
            return b""
        if not self._defined:
            self._uploaded.update(new)
            return b""
        buffer = CommandBuffer()
        for font_id in self._typefaces:
            buffer.font_glyphs(font_id, self.advances(font_id, new))
        self._uploaded.update(new)
        return buffer.getvalue()

    def _reference_font(self, font_id: int) -> Any:
        try:
            return self._reference[font_id]
        except KeyError:
            raise KeyError(
                f"font id {font_id} is not in this FontSet (it has {list(self._typefaces)})"
            ) from None

    def __repr__(self) -> str:
        return f"<FontSet fonts={list(self._typefaces)} uploaded={len(self._uploaded)}>"
