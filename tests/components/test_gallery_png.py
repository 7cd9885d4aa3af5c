"""The gallery rendered to a PNG with real Skia pixels: focus ring, fills, scrim, text."""

from __future__ import annotations

from pathlib import Path

from components_kit import Stage, find, parse

from apps.gallery import Gallery, render_gallery
from renderer import OffscreenSurface
from renderer.lowlevel import skia
from sdk import Ref


def load(path: Path):
    image = skia.Image.open(str(path))
    with OffscreenSurface(image.width(), image.height()) as surface:
        surface.canvas.drawImage(image, 0, 0)
        rgba = surface.pixels()
        width = surface.width

    def at(x: float, y: float) -> int:
        i = (int(y) * width + int(x)) * 4
        return int.from_bytes(rgba[i:i + 4], "big")

    return at


def boxes():
    stage = Stage(Gallery(play=Ref(), ok=Ref()))
    try:
        root = parse(stage.dump())
        return {t: find(root, test_id=t) for t in ("play", "rail", "grid")}
    finally:
        stage.close()


def test_the_gallery_png_shows_the_focused_button_and_readable_text(tmp_path):
    at = load(render_gallery(tmp_path / "gallery.png"))
    play = boxes()["play"]
    cx, cy = play.x + play.w / 2, play.y + play.h / 2
    assert at(play.x + 12, cy) == 0x2563D9FF              # accent fill: the engine focused it
    # the white ring: scaled by 1.06 about the centre, 5 units wide, just inside the edge
    ring_x = cx - play.w / 2 * 1.06 + 2
    assert at(ring_x, cy) == 0xFFFFFFFF
    assert at(20, 20) == 0x0B0D12FF                       # page background
    laid_out = boxes()
    rail, grid = laid_out["rail"], laid_out["grid"]
    assert rail.h == 180                                  # a crowded column does not squash it
    assert grid.y + grid.h == 1080 - 54                   # the grid fills down to the safe area
    card = [at(x, rail.y + 40) for x in range(int(rail.x) + 10, int(rail.x) + 300, 7)]
    assert set(card) == {0x1B1F2AFF}                      # the first card's surface colour
    # text is drawn (not missing glyphs): bright pixels in the heading's line
    heading = [at(x, 88) for x in range(96, 700, 3)]
    assert sum(1 for p in heading if p >> 24 > 0xC0) > 20


def test_the_dialog_png_dims_the_page_under_the_scrim(tmp_path):
    at = load(render_gallery(tmp_path / "dialog.png", dialog=True))
    page = at(20, 20)
    assert page != 0x0B0D12FF and (page >> 24) < 0x0B      # darker than the bare background
    assert at(960, 540) != page                             # the dialog panel is not dimmed
