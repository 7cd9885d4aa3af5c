"""The painter replays hand-built display lists (PROTOCOL.md section 4) exactly."""

from __future__ import annotations

import struct
from types import SimpleNamespace
from typing import Any

import pytest

from renderer._caches import LruCache
from renderer._painter import (
    DisplayListBuilder,
    DisplayListError,
    Painter,
    StandInFonts,
    argb,
)
from renderer._skia import skia
from renderer._surfaces import OffscreenSurface, SurfaceClosed

W, H = 64, 48
RED = 0xFF0000FF
BLUE = 0x0000FFFF
WHITE = 0xFFFFFFFF
TRANSPARENT = (0, 0, 0, 0)


def rgba_at(surface: OffscreenSurface, x: int, y: int) -> tuple[int, int, int, int]:
    pixels = surface.pixels()
    i = (y * surface.width + x) * 4
    return tuple(pixels[i : i + 4])  # type: ignore[return-value]


def solid_image(width: int, height: int, rgba: int) -> Any:
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    surface.getCanvas().clear(argb(rgba))
    return surface.makeImageSnapshot().makeRasterImage()


class Images:
    def __init__(self, **images: Any) -> None:
        self.by_id = {int(k[1:]): v for k, v in images.items()}
        self.lookups = 0

    def skia_image(self, image_id: int) -> Any | None:
        self.lookups += 1
        return self.by_id.get(image_id)


@pytest.fixture
def surface() -> Any:
    with OffscreenSurface(W, H) as s:
        yield s


def test_protocol_colours_are_rrggbbaa_and_become_skia_argb() -> None:
    assert argb(0x11223344) == 0x44112233


def test_a_rect_fills_exactly_its_pixels(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().rect(10, 10, 20, 10, RED)
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 10, 10) == (255, 0, 0, 255)
    assert rgba_at(surface, 29, 19) == (255, 0, 0, 255)
    assert rgba_at(surface, 30, 19) == TRANSPARENT
    assert rgba_at(surface, 9, 10) == TRANSPARENT


def test_the_first_transform_scales_design_units_to_pixels(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().scale(0.5).rect(20, 20, 40, 20, RED)
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 10, 10) == (255, 0, 0, 255)
    assert rgba_at(surface, 29, 19) == (255, 0, 0, 255)
    assert rgba_at(surface, 30, 20) == TRANSPARENT


def test_a_border_is_stroked_inside_its_box(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().border(10, 10, 30, 20, 0, 4, WHITE)
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 9, 15) == TRANSPARENT  # outside the box
    assert rgba_at(surface, 10, 15) == (255, 255, 255, 255)  # outer edge
    assert rgba_at(surface, 13, 15) == (255, 255, 255, 255)  # inner edge of the stroke
    assert rgba_at(surface, 14, 15) == TRANSPARENT  # inside the stroke
    assert rgba_at(surface, 39, 29) == (255, 255, 255, 255)
    assert rgba_at(surface, 40, 29) == TRANSPARENT


def test_a_rounded_rect_is_antialiased_at_its_corners(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().rrect(0, 0, 40, 40, 16, RED)
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 0, 0) == TRANSPARENT
    assert rgba_at(surface, 20, 20) == (255, 0, 0, 255)
    corner_alphas = {rgba_at(surface, i, i)[3] for i in range(0, 8)}
    assert any(0 < a < 255 for a in corner_alphas)


def test_damage_only_repaint_leaves_pixels_outside_the_damage_untouched(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    blue_everywhere = DisplayListBuilder().rect(0, 0, W, H, BLUE)
    painter.paint(blue_everywhere.records, damage=[(8, 8, 8, 8)], full=False)
    assert rgba_at(surface, 8, 8) == (0, 0, 255, 255)
    assert rgba_at(surface, 15, 15) == (0, 0, 255, 255)
    assert rgba_at(surface, 16, 16) == (255, 0, 0, 255)
    assert rgba_at(surface, 7, 8) == (255, 0, 0, 255)


def test_damage_is_cleared_to_transparent_before_the_list_replays(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    painter.paint(b"", damage=[(0, 0, 4, 4)], full=False)
    assert rgba_at(surface, 0, 0) == TRANSPARENT
    assert rgba_at(surface, 4, 4) == (255, 0, 0, 255)


def test_fractional_damage_is_snapped_outwards_to_whole_pixels(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    painter.paint(
        DisplayListBuilder().rect(0, 0, W, H, BLUE).records,
        damage=[(10.5, 10.5, 1.0, 1.0)],
        full=False,
    )
    for x, y in [(10, 10), (11, 11)]:
        assert rgba_at(surface, x, y) == (0, 0, 255, 255)
    assert rgba_at(surface, 12, 12) == (255, 0, 0, 255)


def test_several_damage_rects_are_repainted_and_nothing_between_them(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    packed = struct.pack("<8f", 0, 0, 4, 4, 20, 20, 4, 4)  # the engine's raw form
    stats = painter.paint(
        DisplayListBuilder().rect(0, 0, W, H, BLUE).records, damage=packed, full=False
    )
    assert stats.damage_rects == 2 and not stats.full
    assert rgba_at(surface, 1, 1) == (0, 0, 255, 255)
    assert rgba_at(surface, 21, 21) == (0, 0, 255, 255)
    assert rgba_at(surface, 10, 10) == (255, 0, 0, 255)


def test_a_full_repaint_clears_what_the_new_list_does_not_cover(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    painter.paint(DisplayListBuilder().rect(0, 0, 4, 4, BLUE).records, full=True)
    assert rgba_at(surface, 30, 30) == TRANSPARENT


def test_a_half_opacity_layer_blends_its_content(surface: OffscreenSurface) -> None:
    dl = (
        DisplayListBuilder()
        .rect(0, 0, W, H, 0x000000FF)
        .layer(0.5, 0, 0, W, H)
        .rect(0, 0, W, H, WHITE)
        .restore()
    )
    Painter(surface).paint(dl.records)
    r, g, b, a = rgba_at(surface, 5, 5)
    assert a == 255 and 126 <= r <= 129 and r == g == b


def test_a_transparent_layer_hides_its_content_and_an_opaque_one_is_a_plain_save(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    hidden = DisplayListBuilder().layer(0.0, 0, 0, W, H).rect(0, 0, W, H, RED).restore()
    painter.paint(hidden.records)
    assert rgba_at(surface, 5, 5) == TRANSPARENT
    shown = DisplayListBuilder().layer(1.0, 0, 0, W, H).rect(0, 0, W, H, RED).restore()
    painter.paint(shown.records)
    assert rgba_at(surface, 5, 5) == (255, 0, 0, 255)


def test_clips_limit_drawing_until_the_matching_restore(surface: OffscreenSurface) -> None:
    dl = (
        DisplayListBuilder()
        .save().clip_rect(0, 0, 10, 10).rect(0, 0, W, H, RED).restore()
        .rect(20, 20, 4, 4, BLUE)
    )
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 5, 5) == (255, 0, 0, 255)
    assert rgba_at(surface, 15, 15) == TRANSPARENT
    assert rgba_at(surface, 21, 21) == (0, 0, 255, 255)


def test_a_rounded_clip_cuts_the_corners(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().save().clip_rrect(0, 0, 40, 40, 16).rect(0, 0, W, H, RED).restore()
    Painter(surface).paint(dl.records)
    assert rgba_at(surface, 0, 0) == TRANSPARENT
    assert rgba_at(surface, 20, 20) == (255, 0, 0, 255)
    assert rgba_at(surface, 41, 20) == TRANSPARENT


def test_an_extra_restore_cannot_pop_the_frames_damage_clip(surface: OffscreenSurface) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    dl = DisplayListBuilder().restore().restore().rect(0, 0, W, H, BLUE)
    painter.paint(dl.records, damage=[(0, 0, 4, 4)], full=False)
    assert rgba_at(surface, 10, 10) == (255, 0, 0, 255)


def test_an_unbalanced_list_does_not_leak_its_clip_into_the_next_frame(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    painter.paint(DisplayListBuilder().save().clip_rect(0, 0, 1, 1).records)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    assert rgba_at(surface, 30, 30) == (255, 0, 0, 255)


def test_an_unknown_opcode_is_a_clear_error_and_the_next_frame_still_paints(
    surface: OffscreenSurface,
) -> None:
    painter = Painter(surface)
    unknown = struct.pack("<8I", 99, *[0] * 7)
    bad = DisplayListBuilder().save().clip_rect(0, 0, 1, 1).records + unknown
    with pytest.raises(DisplayListError, match=r"record 2: unknown opcode 99"):
        painter.paint(bad)
    painter.paint(DisplayListBuilder().rect(0, 0, W, H, RED).records)
    assert rgba_at(surface, 30, 30) == (255, 0, 0, 255)


def test_a_list_that_is_not_whole_records_is_refused(surface: OffscreenSurface) -> None:
    with pytest.raises(DisplayListError, match="not a multiple of the 32-byte record size"):
        Painter(surface).paint(b"\x01" * 33)


def test_a_text_record_pointing_outside_the_blob_is_refused(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().text_run(0, 20, 0, 16, WHITE, "hello")
    with pytest.raises(DisplayListError, match="outside the 2-byte text blob"):
        Painter(surface).paint(dl.records, b"he")


def test_text_is_drawn_with_the_providers_font_and_its_blob_is_cached(
    surface: OffscreenSurface,
) -> None:
    class CountingFonts:
        def __init__(self) -> None:
            self.inner = StandInFonts()
            self.calls: list[tuple[int, float]] = []

        def skia_font(self, font_id: int, size: float) -> Any:
            self.calls.append((font_id, size))
            return self.inner.skia_font(font_id, size)

        def text_blob(self, font_id: int, size: float, text: str) -> Any:
            return skia.TextBlob.MakeFromString(text, self.skia_font(font_id, size))

    fonts = CountingFonts()
    painter = Painter(surface, fonts=fonts)
    dl = DisplayListBuilder()
    dl.text_run(2, 30, 3, 24, WHITE, "Hi").text_run(2, 30, 3, 24, WHITE, "Hi")
    painter.paint(dl.records, dl.text)
    painter.paint(dl.records, dl.text)
    assert fonts.calls == [(3, 24.0)]
    assert painter.text_cache.hits == 3
    assert any(rgba_at(surface, x, y)[3] == 255 for x in range(2, 30) for y in range(10, 30))


def test_an_image_is_prescaled_once_to_its_device_size(surface: OffscreenSurface) -> None:
    images = Images(i7=solid_image(300, 450, RED))
    painter = Painter(surface, images=images)
    dl = DisplayListBuilder().scale(0.5).image(0, 0, 40, 60, 7)
    painter.paint(dl.records)
    painter.paint(dl.records)
    assert list(painter.scaled_image_cache) == [(7, 20, 30)]
    assert painter.scaled_image_cache.hits == 1
    assert rgba_at(surface, 19, 29) == (255, 0, 0, 255)
    assert rgba_at(surface, 20, 29) == TRANSPARENT


def test_a_replaced_image_with_the_same_id_is_scaled_again(surface: OffscreenSurface) -> None:
    images = Images(i7=solid_image(30, 30, RED))
    painter = Painter(surface, images=images)
    dl = DisplayListBuilder().image(0, 0, 10, 10, 7)
    painter.paint(dl.records)
    images.by_id[7] = solid_image(30, 30, BLUE)
    painter.paint(dl.records)
    assert rgba_at(surface, 5, 5) == (0, 0, 255, 255)


def test_a_rotated_image_is_drawn_without_the_prescaled_cache(surface: OffscreenSurface) -> None:
    images = Images(i7=solid_image(20, 20, RED))
    painter = Painter(surface, images=images)
    dl = DisplayListBuilder().translate(32, 24).transform(0.0, 1.0, -1.0, 0.0, 0, 0)
    painter.paint(dl.image(-5, -5, 10, 10, 7).records)
    assert len(painter.scaled_image_cache) == 0
    assert rgba_at(surface, 32, 24) == (255, 0, 0, 255)


def test_an_image_that_is_not_loaded_yet_draws_nothing(surface: OffscreenSurface) -> None:
    painter = Painter(surface, images=Images())
    painter.paint(DisplayListBuilder().image(0, 0, 10, 10, 7).records)
    assert rgba_at(surface, 5, 5) == TRANSPARENT


def test_paint_output_reads_a_frame_result_object(surface: OffscreenSurface) -> None:
    dl = DisplayListBuilder().rect(0, 0, W, H, RED)
    frame = SimpleNamespace(display_list=dl.records, text=b"", damage=(), full=True)
    Painter(surface).paint_output(frame)
    assert rgba_at(surface, 1, 1) == (255, 0, 0, 255)
    empty = SimpleNamespace(display_list=b"", text=b"", damage=(), full=False)
    assert Painter(surface).paint_output(empty).records == 0


def test_an_offscreen_surface_closes_idempotently_and_refuses_use_after(tmp_path: Any) -> None:
    surface = OffscreenSurface(8, 8)
    with surface:
        pass
    surface.close()
    assert surface.closed
    with pytest.raises(SurfaceClosed, match="create a new one"):
        surface.pixels()


def test_a_surface_png_decodes_back_to_the_same_pixels(tmp_path: Any) -> None:
    with OffscreenSurface(W, H) as surface:
        Painter(surface).paint(DisplayListBuilder().rrect(4, 4, 30, 20, 6, 0x33669980).records)
        path = surface.to_png(tmp_path / "shot.png")
        decoded = skia.Image.open(str(path))
        with OffscreenSurface(W, H) as other:
            other.canvas.drawImage(decoded, 0, 0)
            assert other.pixels() == surface.pixels()


def test_the_lru_cache_evicts_the_least_recently_used_entry_over_budget() -> None:
    evicted: list[str] = []
    cache: LruCache[str, int] = LruCache(10, on_evict=lambda k, v: evicted.append(k))
    cache.put("a", 1, cost=4)
    cache.put("b", 2, cost=4)
    assert cache.get("a") == 1
    cache.put("c", 3, cost=4)
    assert evicted == ["b"]
    assert cache.total_cost == 8 and "a" in cache and "c" in cache


def test_the_lru_cache_keeps_one_entry_larger_than_its_budget() -> None:
    cache: LruCache[str, int] = LruCache(10)
    cache.put("a", 1, cost=4)
    cache.put("huge", 2, cost=100)
    assert list(cache) == ["huge"]
