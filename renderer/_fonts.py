"""The bundled fonts: Skia fonts for the painter, advance tables for the engine.

The engine measures and breaks text itself (`renderer/core/src/text`), from
per-font tables of glyph advances per 1 px of font size that the host uploads
with `DEFINE_FONT` and `FONT_GLYPHS`. `FontSet` owns the typefaces, builds
those commands, and gives the painter the text blob each TEXT record is drawn
with. For text in the primary font both sides agree to the bit because:

- the fonts are configured with linear metrics, no hinting and subpixel
  positioning, so an advance depends only on the font size (`skia_font`);
- the uploaded advance of a codepoint is its advance at 64 px divided by 64,
  which for Roboto (2048 units per em) is exactly `units / 2048`;
- the engine reproduces how Skia scales advances to a size (26.6 truncation,
  16.16 rounding, sequential `f32` sums, the 64 px strike above 256 px), and
  the painter draws with `skia.TextBlob.MakeFromString`, whose glyph positions
  are the ones `skia.Font.measureText` sums. `docs/text.md` has the details.

Font ids: 0 Roboto Regular, 1 Roboto Medium, 2 Roboto Bold (from the
`font-roboto` package).

# Fallback

Every font id shares one ordered **fallback chain** of typefaces (by default
`default_fallback_files()`: Noto Sans, Arabic, Hebrew, Devanagari, Thai, CJK
and Color Emoji, from the PyPI `fontpkg-noto-*` packages and Debian's
`fonts-noto-*`). A codepoint is drawn from the first typeface of
`[primary, *chain]` that has a glyph for it, and its uploaded advance is that
typeface's advance, so the engine measures the mixed line as the painter draws
it (`renderer/_glyph_runs.py` places the runs). A codepoint no typeface has is
*not* uploaded: the engine measures it with the primary `.notdef` advance and
counts it (`missing_glyphs` in `dump()`), and `glyph_commands_for` logs a
warning naming the codepoints and the string. The painter draws `.notdef`
for it, visibly, never silently.

# Shaping

Text that `needs_shaping` (complex scripts, marks, joiners, right-to-left
text, or any character only a fallback font has) is shaped with HarfBuzz
once per string and font id (`renderer/_shaping.py`): `glyph_commands_for`
adds a `SHAPED_TEXT` record per font id with the cluster advances the engine
measures it with (and ICU's line breaks), and `text_blob` draws each line's
shaped glyph runs in visual order at the engine's positions. Other text keeps
the per-codepoint fast path and `MakeFromString`.

The primary font's metrics set the line height, whatever fallback glyphs a
line contains, so a line never jumps when a translated string brings a taller
script: fallback glyphs sit on the primary baseline and may overhang the line
box (damage rectangles already grow by a quarter of the font size for ink).
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._caches import LruCache
from ._commands import CommandBuffer
from ._glyph_runs import positioned_blob, shaped_blob
from ._harfbuzz import hb_font_from_file
from ._shaping import RunCache, ShapedText, needs_shaping, shape_text, visual_order
from ._skia import skia, typeface_from_file

logger = logging.getLogger(__name__)

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
    "default_fallback_files",
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

SHAPED_CACHE_ENTRIES = 2048
"""Shaped strings kept (per font id and string; a miss costs one HarfBuzz call)."""

SKIA_FONT_CACHE_ENTRIES = 512
"""`skia.Font` objects kept (one per font id and size; sizes may animate)."""

_MISSING = -1
"""Face index of a codepoint no typeface of the chain has."""
_PRIMARY = 0
"""Face index of the font id's own typeface (fallbacks are 1, 2, ...)."""

_DEBIAN_NOTO = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
)
_FALLBACK_CHAIN: tuple[tuple[str, str], ...] = (
    ("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf"),
    ("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf"),
    ("debian", "NotoSansHebrew-Regular.ttf"),
    ("fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf"),
    ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf"),
    ("debian", "NotoSansCJK-Regular.ttc"),
    ("debian", "NotoColorEmoji.ttf"),
)
"""The default chain: (Python package or `debian`, file name), in order."""

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


def default_fallback_files() -> tuple[Path, ...]:
    """The installed files of the default fallback chain, in order.

    Latin/Greek/Cyrillic beyond Roboto (Noto Sans), Arabic, Hebrew,
    Devanagari, Thai, CJK and colour emoji. `./dev setup` installs them (PyPI
    `fontpkg-noto-sans*`, Debian `fonts-noto-core`, `fonts-noto-cjk`,
    `fonts-noto-color-emoji`); a missing one is skipped with a debug log, and
    its scripts then count as missing glyphs.
    """
    import importlib.util

    found: list[Path] = []
    for package, name in _FALLBACK_CHAIN:
        candidates: list[Path] = []
        if package == "debian":
            candidates = [base / name for base in _DEBIAN_NOTO]
        else:
            spec = importlib.util.find_spec(package)
            if spec is not None and spec.origin is not None:
                candidates = [Path(spec.origin).parent / "files" / name]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            logger.debug("fallback font %s (%s) is not installed", name, package)
        else:
            found.append(path)
    return tuple(found)


def _f32(value: float) -> float:
    """`value` rounded to the nearest `f32`, as the protocol carries it."""
    result: float = _F32.unpack(_F32.pack(value))[0]
    return result


class FontSet:
    """The fonts the host uploads to the engine and paints with.

    Args:
        files: font files by font id (0..255); defaults to the bundled Roboto
            Regular (0), Medium (1) and Bold (2).
        fallbacks: font files tried in order for a codepoint the font id's
            own file lacks (the module doc); defaults to
            `default_fallback_files()`. Pass `()` for no fallback.

    Raises:
        FontUnavailable: a file is missing or not a font Skia can read.

    Example: an app's own brand font first, then a Japanese-first chain:

        FontSet({0: "Brand-Regular.ttf"}, fallbacks=["NotoSansCJK.ttc", *default_fallback_files()])
    """

    def __init__(
        self,
        files: Mapping[int, str | Path] | None = None,
        fallbacks: Sequence[str | Path] | None = None,
    ) -> None:
        chosen = bundled_font_files() if files is None else dict(files)
        chain = default_fallback_files() if fallbacks is None else tuple(fallbacks)
        self.files: dict[int, str] = {i: str(path) for i, path in sorted(chosen.items())}
        """The font files by font id (a renderer process loads the same ones)."""
        self.fallback_files: tuple[str, ...] = tuple(str(p) for p in chain)
        """The fallback chain's files, in order (a renderer process loads the same ones)."""
        self._typefaces: dict[int, Any] = {}
        for font_id, path in sorted(chosen.items()):
            if not 0 <= font_id <= 255:
                raise ValueError(f"font id must be 0..255, got {font_id!r}")
            self._typefaces[font_id] = _load(path)
        self._fallbacks: list[Any] = [_load(path) for path in self.fallback_files]
        self._reference = {
            font_id: configure_font(skia.Font(tf, _REFERENCE_SIZE))
            for font_id, tf in self._typefaces.items()
        }
        self._fallback_reference = [
            configure_font(skia.Font(tf, _REFERENCE_SIZE)) for tf in self._fallbacks
        ]
        self._fonts: LruCache[tuple[int, float], Any] = LruCache(SKIA_FONT_CACHE_ENTRIES)
        self._resolved: dict[tuple[int, int], tuple[int, int, float]] = {}
        self._uploaded: set[int] = set()
        self._missing: set[int] = set()
        self._shaped_texts: dict[str, None] = {}
        self._unshaped: list[str] = []
        self.shape_elsewhere = False
        """Shaping happens on the renderer's side of the bus (a renderer process): new
        strings that need it are queued (`take_unshaped`) instead of shaped here, and
        `define_commands` leaves their `SHAPED_TEXT` out."""
        self._shaped: dict[tuple[int, str], ShapedText] = {}
        self._hb_fonts: dict[str, Any] = {}
        self._runs = RunCache()
        self._defined = False

    @property
    def font_ids(self) -> tuple[int, ...]:
        """The font ids this set defines, ascending."""
        return tuple(self._typefaces)

    @property
    def uploaded(self) -> frozenset[int]:
        """Codepoints handled so far: the base set and every codepoint since that
        some typeface has (those no typeface has are in `missing`)."""
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

        Each comes from the first typeface of the chain that has the
        codepoint; one that none has gets the primary `.notdef` advance, which
        is what the engine measures and the painter draws for it.
        """
        return {cp: self.resolve(font_id, cp)[2] for cp in codepoints}

    def advance(self, font_id: int, codepoint: int) -> float:
        """Advance per 1 px of one codepoint (see `advances`)."""
        return self.resolve(font_id, codepoint)[2]

    def resolve(self, font_id: int, codepoint: int) -> tuple[int, int, float]:
        """Which typeface draws `codepoint` in `font_id`: `(face, glyph, advance_1px)`.

        `face` is 0 for the font id's own typeface, `i` for fallback `i - 1`,
        and -1 when no typeface has it (then `glyph` is `.notdef`, 0, and the
        advance the primary `.notdef`'s). Cached.
        """
        key = (font_id, codepoint)
        hit = self._resolved.get(key)
        if hit is not None:
            return hit
        reference = self._reference_font(font_id)
        glyph: int = self.typeface(font_id).unicharsToGlyphs([codepoint])[0]
        result = (_MISSING, 0, _f32(reference.getWidths([0])[0] / _REFERENCE_SIZE))
        if glyph:
            result = (_PRIMARY, glyph, _f32(reference.getWidths([glyph])[0] / _REFERENCE_SIZE))
        else:
            for index, typeface in enumerate(self._fallbacks):
                glyph = typeface.unicharsToGlyphs([codepoint])[0]
                if glyph:
                    width = self._fallback_reference[index].getWidths([glyph])[0]
                    result = (index + 1, glyph, _f32(width / _REFERENCE_SIZE))
                    break
        self._resolved[key] = result
        return result

    def face(self, font_id: int, face: int) -> Any:
        """The `skia.Typeface` of face index `face` (`resolve`) for `font_id`."""
        return self.typeface(font_id) if face <= _PRIMARY else self._fallbacks[face - 1]

    def text_blob(self, font_id: int, size: float, text: str) -> Any | None:
        """The `skia.TextBlob` of one TEXT record, drawn where the engine measured it.

        Text wholly in the primary typeface (or missing from every one) is
        `TextBlob.MakeFromString`; text with fallback characters is one
        positioned run per typeface (`renderer/_glyph_runs.py`).
        """
        if self.needs_shaping(text):
            shaped = self.shape(font_id, text)
            return shaped_blob(visual_order(shaped.runs), shaped.advances, size,
                               lambda face: self.face(font_id, face), configure_font)
        resolved = [self.resolve(font_id, ord(ch)) for ch in text]
        if all(face <= _PRIMARY for face, _, _ in resolved):
            blob: Any | None = skia.TextBlob.MakeFromString(text, self.skia_font(font_id, size))
            return blob
        runs: list[tuple[Any, list[int], int]] = []
        current = None
        for index, (face, glyph, _) in enumerate(resolved):
            face = max(face, _PRIMARY)
            if face != current:
                runs.append((self.face(font_id, face), [], index))
                current = face
            runs[-1][1].append(glyph)
        return positioned_blob(runs, [a for _, _, a in resolved], size, configure_font)

    def needs_shaping(self, text: str) -> bool:
        """Whether `text` is shaped: it has complex-script characters, marks or
        joiners (`_shaping.needs_shaping`), or characters only a fallback font
        has (CJK kerning, emoji advances). Text in the primary font is not."""
        if text.isascii():
            return False
        if needs_shaping(text):
            return True
        font_id = next(iter(self._typefaces))
        return any(self.resolve(font_id, ord(ch))[0] > _PRIMARY for ch in text if ch > "\xff")

    def shape(self, font_id: int, text: str) -> ShapedText:
        """`text` shaped with HarfBuzz in `font_id` and its fallbacks (cached)."""
        key = (font_id, text)
        hit = self._shaped.get(key)
        if hit is not None:
            return hit
        shaped = shape_text(text, lambda cp: self.resolve(font_id, cp)[0],
                            lambda face: self._hb_font(font_id, face),
                            lambda face, cp: bool(
                                self.face(font_id, face).unicharsToGlyphs([cp])[0]),
                            self._runs)
        if len(self._shaped) >= SHAPED_CACHE_ENTRIES:
            self._shaped.clear()
        self._shaped[key] = shaped
        return shaped

    def _hb_font(self, font_id: int, face: int) -> Any:
        path = self.files[font_id] if face <= _PRIMARY else self.fallback_files[face - 1]
        font = self._hb_fonts.get(path)
        if font is None:
            font = hb_font_from_file(path)
            self._hb_fonts[path] = font
        return font

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
            buffer.font_glyphs(font_id, self._drawable_advances(font_id, codepoints))
        if not self.shape_elsewhere:
            for text in self._shaped_texts:
                self._shaped_commands(buffer, text)
        return buffer.getvalue()

    @property
    def shaped_texts(self) -> tuple[str, ...]:
        """Every string seen so far that needs shaping, oldest first."""
        return tuple(self._shaped_texts)

    def take_unshaped(self) -> list[str]:
        """The strings queued for shaping elsewhere since the last call (`shape_elsewhere`)."""
        texts, self._unshaped = self._unshaped, []
        return texts

    def shaped_commands_for(self, texts: Iterable[str]) -> bytes:
        """`SHAPED_TEXT` (one per font id) for each of `texts` that needs shaping: what
        the renderer's side sends for strings another `FontSet` queued (cached)."""
        buffer = CommandBuffer()
        for text in texts:
            if self.needs_shaping(text):
                self._shaped_texts[text] = None
                self._shaped_commands(buffer, text)
        return buffer.getvalue()

    def _shaped_commands(self, buffer: CommandBuffer, text: str) -> None:
        for font_id in self._typefaces:
            shaped = self.shape(font_id, text)
            buffer.shaped_text(font_id, text, shaped.advances, rtl=shaped.rtl,
                               breaks=shaped.breaks)

    def glyph_commands_for(self, text: str) -> bytes:
        """`FONT_GLYPHS` (one per font) for the codepoints of `text` not uploaded yet.

        Returns `b""` when there are none. Send the result before (or in the
        same batch as) the `DEFINE_STRING` of `text`. Line feeds are skipped
        (never measured); lone surrogates are skipped (not valid UTF-8).
        Before `define_commands` has been called, the codepoints are only
        recorded (that call will carry them) and `b""` is returned.

        A codepoint that no typeface of any font id's chain has is not
        uploaded (the engine counts it as a missing glyph); the first string
        that brings it is named in a warning. Text that needs shaping also
        gets one `SHAPED_TEXT` per font id, the first time it is seen.
        """
        shaped = b""
        if text not in self._shaped_texts and self.needs_shaping(text):
            self._shaped_texts[text] = None
            if self.shape_elsewhere:
                self._unshaped.append(text)
            elif self._defined:
                buffer = CommandBuffer()
                self._shaped_commands(buffer, text)
                shaped = buffer.getvalue()
        return self._codepoint_commands(text) + shaped

    def _codepoint_commands(self, text: str) -> bytes:
        new = sorted(
            cp for cp in {ord(ch) for ch in text}
            if cp not in self._uploaded and cp not in self._missing
            and cp != _NEWLINE and cp not in _SURROGATES
        )
        if not new:
            return b""
        missing = [
            cp for cp in new
            if all(self.resolve(font_id, cp)[0] == _MISSING for font_id in self._typefaces)
        ]
        if missing:
            self._missing.update(missing)
            logger.warning(
                "no font has %s (drawn as .notdef boxes, counted as missing glyphs) in %r",
                ", ".join(f"U+{cp:04X}" for cp in missing), text,
            )
            new = [cp for cp in new if cp not in self._missing]
        if not self._defined:
            self._uploaded.update(new)
            return b""
        if not new:
            return b""
        buffer = CommandBuffer()
        for font_id in self._typefaces:
            buffer.font_glyphs(font_id, self._drawable_advances(font_id, new))
        self._uploaded.update(new)
        return buffer.getvalue()

    @property
    def missing(self) -> frozenset[int]:
        """Codepoints seen in strings that no typeface has (not uploaded)."""
        return frozenset(self._missing)

    def _drawable_advances(self, font_id: int, codepoints: Iterable[int]) -> dict[int, float]:
        """`advances` without the codepoints `font_id`'s chain lacks (the engine
        measures and counts those itself)."""
        return {
            cp: advance for cp in codepoints
            for face, _, advance in (self.resolve(font_id, cp),) if face != _MISSING
        }

    def _reference_font(self, font_id: int) -> Any:
        try:
            return self._reference[font_id]
        except KeyError:
            raise KeyError(
                f"font id {font_id} is not in this FontSet (it has {list(self._typefaces)})"
            ) from None

    def __repr__(self) -> str:
        return (
            f"<FontSet fonts={list(self._typefaces)} fallbacks={len(self._fallbacks)} "
            f"uploaded={len(self._uploaded)}>"
        )


def _load(path: str | Path) -> Any:
    """The `skia.Typeface` of font file `path` (its first face for a collection)."""
    if not Path(path).is_file():
        raise FontUnavailable(f"font file {path} does not exist")
    typeface = typeface_from_file(str(path))
    if typeface is None:
        raise FontUnavailable(f"font file {path} could not be read by Skia")
    return typeface
