"""The painter's caches stay bounded however many strings, colours and sizes it sees.

A TV left on paints a clock (a new string a second) and colour animations (a
new colour a frame) for hours: each cache must stop growing at its bound.
"""

from __future__ import annotations

from typing import Any

import pytest

from renderer._caches import LruCache
from renderer._painter import (
    PAINT_CACHE_ENTRIES,
    TEXT_BLOB_BASE_BYTES,
    TEXT_BLOB_GLYPH_BYTES,
    DisplayListBuilder,
    Painter,
    StandInFonts,
    text_blob_bytes,
)
from renderer._surfaces import OffscreenSurface

WHITE = 0xFFFFFFFF


@pytest.fixture
def surface() -> Any:
    with OffscreenSurface(64, 48) as s:
        yield s


def _paint_texts(painter: Painter, texts: list[str], size: float = 24.0) -> None:
    for text in texts:
        dl = DisplayListBuilder()
        dl.text_run(2, 30, 3, size, WHITE, text)
        painter.paint(dl.records, dl.text)


def test_the_lru_cache_bounds_the_entry_count_as_well_as_the_cost() -> None:
    cache: LruCache[int, int] = LruCache(1000, max_entries=3)
    for key in range(5):
        cache.put(key, key, cost=1)
    assert list(cache) == [2, 3, 4]
    assert cache.total_cost == 3 and cache.evictions == 2
    with pytest.raises(ValueError, match="max_entries"):
        LruCache(10, max_entries=0)


def test_a_text_blobs_estimated_bytes_grow_with_its_glyphs_and_utf8() -> None:
    assert text_blob_bytes("Clock 00:05:33", 14) == TEXT_BLOB_BASE_BYTES + 14 * (
        TEXT_BLOB_GLYPH_BYTES + 1)
    assert text_blob_bytes("Amélie", 7) == TEXT_BLOB_BASE_BYTES + 6 * TEXT_BLOB_GLYPH_BYTES + 7


def test_long_distinct_strings_are_bounded_by_bytes_not_only_by_count(
        surface: OffscreenSurface) -> None:
    budget = 20_000
    painter = Painter(surface, fonts=StandInFonts(), text_cache_entries=1000,
                      text_cache_bytes=budget)
    # 200-character descriptions: the count bound alone would keep 1000 (~2.5 MB).
    _paint_texts(painter, [f"{n:04d} " + "x" * 195 for n in range(60)])
    cache = painter.text_cache
    assert cache.total_cost <= budget
    assert len(cache) == budget // text_blob_bytes("x" * 200, 200)
    assert cache.evictions == 60 - len(cache)


def test_a_clock_fills_the_text_cache_once_and_then_stays_at_its_bound(
        surface: OffscreenSurface) -> None:
    painter = Painter(surface, fonts=StandInFonts(), text_cache_entries=16)
    _paint_texts(painter, [f"Clock 00:00:{s:02d}" for s in range(16)])
    full = painter.text_cache.total_cost
    _paint_texts(painter, [f"Clock 00:01:{s:02d}" for s in range(40)])
    assert len(painter.text_cache) == 16 and painter.text_cache.total_cost == full


def test_a_colour_animation_does_not_grow_the_paint_caches(surface: OffscreenSurface) -> None:
    painter = Painter(surface, fonts=StandInFonts())
    for step in range(3 * PAINT_CACHE_ENTRIES):  # a fade: a new colour every frame
        dl = DisplayListBuilder()
        colour = step << 8 | 0xFF
        dl.rect(0, 0, 10, 10, colour).rrect(10, 0, 10, 10, 3, colour)
        painter.paint(dl.records, dl.text)
        assert len(painter._fills) <= PAINT_CACHE_ENTRIES
        assert len(painter._crisp_fills) <= PAINT_CACHE_ENTRIES


def test_stand_in_fonts_keep_a_bounded_number_of_sizes() -> None:
    fonts = StandInFonts()
    for step in range(2 * PAINT_CACHE_ENTRIES):  # a text size animation
        fonts.skia_font(1, 20.0 + step / 8)
    assert len(fonts._fonts) <= PAINT_CACHE_ENTRIES
