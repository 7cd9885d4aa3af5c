"""A full repaint skips the clear only when the first draw covers every pixel opaquely."""

from __future__ import annotations

from renderer import OffscreenSurface, Painter
from renderer.testing import DisplayListBuilder


def paint_over_garbage(builder: DisplayListBuilder) -> bytes:
    with OffscreenSurface(64, 32) as surface:
        painter = Painter(surface)
        dirty = DisplayListBuilder().rect(0, 0, 64, 32, 0xFF00FFFF)
        painter.paint(dirty.records, b"", full=True)  # magenta left over from last frame
        painter.paint(builder.records, builder.text, full=True)
        return bytes(surface.pixels())


def test_an_opaque_full_surface_first_rect_gives_the_same_pixels_as_a_clear():
    scaled = DisplayListBuilder().save().scale(2.0).rect(0, 0, 32, 16, 0x203040FF) \
        .rect(4, 4, 8, 8, 0xFFFFFFFF).restore()
    with OffscreenSurface(64, 32) as fresh:
        Painter(fresh).paint(scaled.records, scaled.text, full=True)
        expected = bytes(fresh.pixels())
    assert paint_over_garbage(scaled) == expected


def test_a_translucent_or_partial_first_rect_still_clears_first():
    translucent = DisplayListBuilder().rect(0, 0, 64, 32, 0x20304080)
    partial = DisplayListBuilder().rect(0, 0, 63, 32, 0x203040FF)
    for builder in (translucent, partial):
        with OffscreenSurface(64, 32) as fresh:
            Painter(fresh).paint(builder.records, builder.text, full=True)
            expected = bytes(fresh.pixels())
        assert paint_over_garbage(builder) == expected  # no magenta bleeds through
