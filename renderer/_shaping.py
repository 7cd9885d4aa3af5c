"""HarfBuzz shaping of complex text: cluster advances for the engine, glyphs for the painter.

Text that needs shaping (`needs_shaping`: Arabic, Hebrew, Indic, Thai and
other complex scripts, combining marks, joiners, variation selectors, emoji
modifiers) is shaped once per string and font id, then:

- the engine gets `SHAPED_TEXT` with one advance per character: each
  cluster's advance (the sum of its glyphs' HarfBuzz advances, per 1 px) on
  its first character and 0 on the others, so lines break and ellipsize
  between clusters only, and a line measures what its glyphs advance;
- the painter shapes each TEXT record's line the same way and draws the glyph
  runs in visual order (`renderer/_bidi.py`), each cluster at the position the
  engine's width rule gives it.

Algorithm of `shape_text` (one paragraph at a time; `\\n` gets advance 0):

1. resolve bidi levels (`_bidi.levels`);
2. give each character a face (`resolve_face`): a combining mark, joiner,
   variation selector or emoji modifier stays in its base character's face,
   so marks attach and sequences stay whole; a space or punctuation mark
   stays in the previous character's face when that face has it (so an
   Arabic phrase is one run, spaces included);
3. cut maximal runs of one face and one level; shape each with HarfBuzz
   (direction from the level's parity, script and language guessed);
4. per cluster (glyphs sharing a HarfBuzz cluster value, which indexes the
   run's characters), sum the advances; the characters up to the next
   cluster get 0.

A run's shaping depends only on its typeface, text and level, so it is
cached (`RunCache`): the font ids of one family share their fallback runs.
"""

from __future__ import annotations

import functools
import re
import struct
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import _bidi, _linebreak
from ._harfbuzz import hb

__all__ = ["GlyphRun", "RunCache", "ShapedText", "needs_shaping", "shape_text"]

_COMPLEX = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff"
    "\u1000-\u109f\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff\u200c-\u200f\u202a-\u202e"
    "\u2066-\u2069\u20d0-\u20ff\ufb1d-\ufdff\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufeff"
    "\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef]"
)
_ATTACHING = frozenset({0x200C, 0x200D, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400)})
_F32 = struct.Struct("<f")


def _f32(value: float) -> float:
    result: float = _F32.unpack(_F32.pack(value))[0]
    return result


def needs_shaping(text: str) -> bool:
    """Whether `text` has characters that per-codepoint advances get wrong.

    ASCII and other simple text (Latin, Greek, Cyrillic, CJK, most emoji)
    keeps the fast per-codepoint path.
    """
    return not text.isascii() and _COMPLEX.search(text) is not None


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """One HarfBuzz run: one face, one bidi level, glyphs in visual order."""

    start: int
    """First character (index into the shaped text)."""
    end: int
    """Just past its last character."""
    level: int
    """Bidi embedding level (odd: right to left)."""
    face: int
    """Face index (`FontSet.resolve`)."""
    glyphs: tuple[int, ...]
    """Glyph ids, in visual order."""
    clusters: tuple[int, ...]
    """Per glyph, the index (into the shaped text) of its cluster's first character."""
    advances: tuple[float, ...]
    """Per glyph, its advance per 1 px."""
    offsets: tuple[tuple[float, float], ...]
    """Per glyph, its (x, y) offset per 1 px (y up, as HarfBuzz)."""


@dataclass(frozen=True, slots=True)
class ShapedText:
    """A shaped string: what the engine measures and the painter draws."""

    text: str
    advances: tuple[float, ...]
    """Per character, per 1 px (`f32`): its cluster's advance if it starts one, else 0."""
    runs: tuple[GlyphRun, ...]
    """In logical order."""
    rtl: bool
    """Whether the (first) paragraph's direction is right to left."""
    breaks: tuple[bool, ...] | None
    """Per character, whether a line may break before it (ICU's UAX #14 with
    Thai dictionary breaks), or None without ICU (the engine's own rule)."""


_Shaped = tuple[tuple[int, ...], tuple[int, ...], tuple[float, ...],
                tuple[tuple[float, float], ...], tuple[tuple[int, float], ...]]
"""A shaped run, relative to its start: glyphs, clusters, advances, offsets,
(cluster, advance) pairs."""

RUN_CACHE_ENTRIES = 4096
"""Shaped runs kept per `RunCache`."""


class RunCache:
    """Shaped runs by (typeface, text, level): a bounded dict, cleared when full."""

    def __init__(self, entries: int = RUN_CACHE_ENTRIES) -> None:
        self._entries = entries
        self._runs: dict[tuple[int, str, int], _Shaped] = {}

    def get(self, key: tuple[int, str, int]) -> _Shaped | None:
        """The cached run, or None."""
        return self._runs.get(key)

    def put(self, key: tuple[int, str, int], value: _Shaped) -> None:
        """Keeps `value` (dropping everything first when full)."""
        if len(self._runs) >= self._entries:
            self._runs.clear()
        self._runs[key] = value


@functools.lru_cache(maxsize=1024)
def _levels(paragraph: str) -> tuple[int, ...]:
    """Bidi levels of one paragraph (cached: every font id shapes the same text)."""
    return tuple(_bidi.levels(paragraph)[1])


@functools.lru_cache(maxsize=1024)
def _breaks(text: str) -> tuple[bool, ...]:
    """ICU's break flags of `text` (cached like `_levels`)."""
    return tuple(_linebreak.break_flags(text))


def _attaches(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Mc") or ord(ch) in _ATTACHING


def _common(ch: str) -> bool:
    """Spaces and punctuation: they take the surrounding script's typeface."""
    return unicodedata.category(ch)[0] in ("Z", "P")


def shape_text(
    text: str,
    resolve_face: Callable[[int], int],
    hb_font: Callable[[int], Any],
    has_glyph: Callable[[int, int], bool] = lambda face, cp: False,
    cache: RunCache | None = None,
) -> ShapedText:
    """Shapes `text` (see the module doc).

    Args:
        text: the string (paragraphs split at `\\n`).
        resolve_face: the face index of a codepoint (`FontSet.resolve(..)[0]`,
            -1 when missing, drawn with face 0's `.notdef`).
        hb_font: the `uharfbuzz.Font` of a face index (scale = units per em).
        has_glyph: whether face `face` has codepoint `cp` (for spaces and
            punctuation that stay in the previous character's face).
        cache: shaped runs to reuse (keyed by the identity of `hb_font`'s
            result, which must stay alive as long as the cache).
    """
    advances = [0.0] * len(text)
    runs: list[GlyphRun] = []
    start = 0
    for paragraph in text.split("\n"):
        _shape_paragraph(text, start, start + len(paragraph), resolve_face, hb_font,
                         has_glyph, cache, advances, runs)
        start += len(paragraph) + 1
    breaks = _breaks(text) if _linebreak.available() else None
    return ShapedText(text, tuple(advances), tuple(runs), _bidi.paragraph_level(text) == 1,
                      breaks)


def _shape_paragraph(
    text: str, p0: int, p1: int,
    resolve_face: Callable[[int], int], hb_font: Callable[[int], Any],
    has_glyph: Callable[[int, int], bool], cache: RunCache | None,
    advances: list[float], runs: list[GlyphRun],
) -> None:
    if p0 == p1:
        return
    levels = _levels(text[p0:p1])
    faces: list[int] = []
    for i in range(p0, p1):
        ch = text[i]
        stays = faces and (_attaches(ch) or (
            faces[-1] > 0 and _common(ch) and has_glyph(faces[-1], ord(ch))))
        if stays:
            faces.append(faces[-1])
        else:
            faces.append(max(resolve_face(ord(ch)), 0))
    run_start = p0
    for i in range(p0 + 1, p1 + 1):
        k = i - p0
        if i < p1 and faces[k] == faces[k - 1] and levels[k] == levels[k - 1]:
            continue
        level = levels[run_start - p0]
        face = faces[run_start - p0]
        font = hb_font(face)
        key = (id(font), text[run_start:i], level)
        shaped = cache.get(key) if cache is not None else None
        if shaped is None:
            shaped = _shape_run(key[1], level, font)
            if cache is not None:
                cache.put(key, shaped)
        glyphs, clusters, run_advances, offsets, per_cluster = shaped
        for cluster, advance in per_cluster:
            advances[run_start + cluster] = advance
        runs.append(GlyphRun(
            start=run_start, end=i, level=level, face=face, glyphs=glyphs,
            clusters=tuple(run_start + c for c in clusters),
            advances=run_advances, offsets=offsets,
        ))
        run_start = i


def _shape_run(run: str, level: int, font: Any) -> _Shaped:
    buf = hb.Buffer()
    buf.add_codepoints([ord(ch) for ch in run])
    buf.guess_segment_properties()
    buf.direction = "rtl" if level & 1 else "ltr"
    hb.shape(font, buf, {})
    upem = float(font.face.upem)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    per_cluster: dict[int, int] = {}
    for info, pos in zip(infos, positions, strict=True):
        per_cluster[info.cluster] = per_cluster.get(info.cluster, 0) + pos.x_advance
    return (
        tuple(info.codepoint for info in infos),
        tuple(info.cluster for info in infos),
        tuple(pos.x_advance / upem for pos in positions),
        tuple((pos.x_offset / upem, pos.y_offset / upem) for pos in positions),
        tuple((cluster, _f32(units / upem)) for cluster, units in per_cluster.items()),
    )


def visual_order(runs: Sequence[GlyphRun]) -> list[GlyphRun]:
    """The runs of one line in visual order (rule L2 over their levels)."""
    order = list(runs)
    if not order:
        return order
    highest = max(r.level for r in order)
    lowest_odd = min((r.level for r in order if r.level & 1), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level >= level:
                j = i
                while j < len(order) and order[j].level >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order
