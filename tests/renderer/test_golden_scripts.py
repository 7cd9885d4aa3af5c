"""Golden images per script: the real engine lays out, Skia paints, with the committed font subsets.

One image per script of the fallback chain (`tests/fonts/corpus.py`): the
sample at 30 px in a box that wraps it (`text_align` start: right for
right-to-left text), and at 18 px on one line. Update with
`MARQUEE_UPDATE_GOLDENS=1` and LOOK at every changed image (joins, order,
marks) before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer import FontSet
from renderer._linebreak import available as icu_available
from renderer._surfaces import render_to_surface
from tests.fonts import SUBSET_CHAIN
from tests.fonts.corpus import SAMPLES
from tests.renderer.test_golden import (
    CAPTION,
    GREY,
    WHITE,
    Scene,
    assert_matches_golden,
    pixels_of,
    updating,
)

FONTS = FontSet(fallbacks=SUBSET_CHAIN)
SIZE = (480, 200)


def script_scene(script: str) -> Scene:
    text = SAMPLES[script]
    s = Scene(design=(480.0, 200.0), flex_direction=1, padding_left=12, padding_top=8,
              row_gap=8, align_items=0)
    s.buf.extend(FONTS.glyph_commands_for(text))
    s.caption(s.root, script)
    s.text(s.root, text, width=300, font_size=30, text_color=WHITE, background=GREY, text_align=3)
    s.text(s.root, text, font_size=18, text_color=CAPTION, wrap=0)
    return s


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_each_script_matches_its_golden_image(script: str, engine_path: Path,
                                              request: pytest.FixtureRequest) -> None:
    scene = script_scene(script)
    with render_to_surface(scene.buf, SIZE, design_size=scene.design, fonts=FONTS) as surface:
        actual = pixels_of(surface)
    assert_matches_golden(f"script_{script}", actual, updating(request.config))


MIXED = "Hello (שלום, world) 123 مرحبا!"
"""Left-to-right text with a Hebrew word in brackets and an Arabic word."""


def mixed_scene() -> Scene:
    s = Scene(design=(480.0, 200.0), flex_direction=1, padding_left=12, padding_top=8,
              row_gap=8, align_items=0)
    rtl = "שלום (world) עולם"
    for text in (MIXED, rtl):
        s.buf.extend(FONTS.glyph_commands_for(text))
    s.caption(s.root, "bidi: mixed directions, brackets, start alignment")
    s.text(s.root, MIXED, width=440, font_size=26, text_color=WHITE, background=GREY,
           text_align=3)
    s.text(s.root, rtl, width=440, font_size=26, text_color=WHITE, background=GREY,
           text_align=3)
    return s


def thai_wrap_scene() -> Scene:
    s = Scene(design=(480.0, 200.0), flex_direction=1, padding_left=12, padding_top=8,
              row_gap=8, align_items=0)
    text = SAMPLES["thai"] + " " + SAMPLES["thai"]
    s.buf.extend(FONTS.glyph_commands_for(text))
    s.caption(s.root, "thai: lines break between dictionary words")
    s.text(s.root, text, width=170, font_size=28, text_color=WHITE, background=GREY)
    return s


@pytest.mark.parametrize("name", ["bidi_mixed", "thai_wrap"])
def test_line_layout_of_world_text_matches_its_golden_image(
        name: str, engine_path: Path, request: pytest.FixtureRequest) -> None:
    if name == "thai_wrap" and not icu_available():
        pytest.skip("Thai dictionary breaks need PyICU")
    scene = mixed_scene() if name == "bidi_mixed" else thai_wrap_scene()
    with render_to_surface(scene.buf, SIZE, design_size=scene.design, fonts=FONTS) as surface:
        actual = pixels_of(surface)
    assert_matches_golden(f"script_{name}", actual, updating(request.config))
