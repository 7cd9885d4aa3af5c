"""Font fallback: every script of the chain is measured as drawn, missing glyphs are loud.

The chain is the committed subsets (`tests/fonts`), never the machine's fonts.
Expected widths come from the engine (TEXT records and LAYOUT events of a real
Wasm instance) and from Skia, never from `FontSet` alone.
"""

from __future__ import annotations

import logging
import random
import struct

import pytest

from renderer._fonts import REGULAR, FontSet
from renderer._glyph_runs import glyph_positions
from renderer._painter import Painter
from renderer._protocol import Prop
from renderer._skia import skia
from renderer._surfaces import OffscreenSurface
from tests.fonts import SUBSET_CHAIN
from tests.fonts.corpus import NOT_IN_ANY_FONT, SAMPLES
from tests.renderer.test_text_engine import render

# Face index (FontSet.resolve) of each script: 0 Roboto, then the chain's order
# (Noto Sans 1, which also has Devanagari, Arabic 2, Hebrew 3, Devanagari 4,
# Thai 5, CJK 6, emoji 7).
EXPECTED_FACE = {"latin": 0, "greek": 0, "cyrillic": 0, "arabic": 2, "hebrew": 3,
                 "devanagari": 1, "thai": 5, "cjk": 6, "emoji": 7}


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(fallbacks=SUBSET_CHAIN)


def f32(value: float) -> float:
    result: float = struct.unpack("<f", struct.pack("<f", value))[0]
    return result


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_script_of_the_corpus_has_a_glyph_in_the_chain(fonts: FontSet, script: str) -> None:
    letters = [ch for ch in SAMPLES[script] if ch.isalpha() or ord(ch) > 0x2000]
    faces = {fonts.resolve(REGULAR, ord(ch))[0] for ch in letters}
    assert -1 not in faces, [ch for ch in letters if fonts.resolve(REGULAR, ord(ch))[0] < 0]
    assert EXPECTED_FACE[script] in faces


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_the_engine_measures_each_script_with_its_fallback_advances(
        fonts: FontSet, script: str) -> None:
    text = SAMPLES[script]
    box = 1900.0
    r = render(fonts, text, {Prop.FONT_SIZE: 27.3, Prop.WIDTH: box, Prop.TEXT_ALIGN: 2})
    assert [line.text for line in r.lines] == [text]
    assert "missing_glyphs" not in r.dump
    engine_width = r.box[0] + box - r.lines[0].x
    if fonts.needs_shaping(text):
        advances = list(fonts.shape(REGULAR, text).advances)
    else:
        advances = [fonts.advance(REGULAR, ord(ch)) for ch in text]
    # The painter places glyphs at these positions: the last is the line's width.
    assert glyph_positions(advances, 27.3)[-1] == pytest.approx(engine_width, abs=1e-3)


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_the_engine_width_is_within_half_a_pixel_of_harfbuzzs(fonts: FontSet, script: str) -> None:
    # HarfBuzz shapes each run of the sample with the chain's fonts; its width
    # (unhinted, linear) is what a shaping text stack would draw.
    text = SAMPLES[script]
    size = 48.0
    box = 1900.0
    r = render(fonts, text, {Prop.FONT_SIZE: size, Prop.WIDTH: box, Prop.TEXT_ALIGN: 2})
    engine_width = r.box[0] + box - r.lines[0].x
    harfbuzz = sum(sum(run.advances) for run in fonts.shape(REGULAR, text).runs) * size
    assert abs(engine_width - harfbuzz) <= 0.5


def test_a_line_mixing_scripts_keeps_the_primary_line_height(fonts: FontSet) -> None:
    plain = render(fonts, "Hello", {Prop.FONT_SIZE: 32.0})
    mixed_text = "Hello " + " ".join(sample[:3] for sample in SAMPLES.values())
    mixed = render(fonts, mixed_text, {Prop.FONT_SIZE: 32.0})
    assert len(mixed.lines) == 1
    assert mixed.box[3] == plain.box[3]
    assert mixed.lines[0].baseline == plain.lines[0].baseline


def test_glyph_positions_follow_skias_width_rule_at_any_size() -> None:
    # Ground truth: Skia's own measureText of Roboto, which the engine matches.
    fonts = FontSet(fallbacks=())
    rng = random.Random(17)
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 éàü—…"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        size = rng.choice([0.3, 12.0, 18.0, 24.4, 27.3, 48.0, 255.9, 300.3, 1000.0])
        advances = [fonts.advance(REGULAR, ord(ch)) for ch in text]
        expected = fonts.skia_font(REGULAR, size).measureText(text)
        assert glyph_positions(advances, size)[-1] == expected, (text, size)


def test_a_codepoint_no_font_has_is_counted_by_the_engine_and_named_in_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    fonts = FontSet(fallbacks=SUBSET_CHAIN)
    text = f"Runes {NOT_IN_ANY_FONT} here"
    with caplog.at_level(logging.WARNING, logger="renderer._fonts"):
        r = render(fonts, text, {Prop.FONT_SIZE: 32.0})
    assert "missing_glyphs=2" in r.dump
    assert "U+16A0, U+16A2" in caplog.text and repr(text) in caplog.text
    assert fonts.missing == {0x16A0, 0x16A2}
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="renderer._fonts"):
        fonts.glyph_commands_for(f"again {NOT_IN_ANY_FONT}")
    assert caplog.text == ""  # named once, with the first string that brought it


def _paint(fonts: FontSet, text: str) -> bytes:
    with OffscreenSurface(360, 60) as surface:
        painter = Painter(surface, fonts=fonts)
        painter.paint(b"", b"")
        blob = fonts.text_blob(REGULAR, 32.0, text)
        assert blob is not None
        canvas = surface.skia_surface.getCanvas()
        canvas.clear(0xFF000000)
        canvas.drawTextBlob(blob, 4.0, 44.0, skia.Paint(Color=0xFFFFFFFF, AntiAlias=True))
        pixels: bytes = bytes(surface.skia_surface.makeImageSnapshot().tobytes())
    return pixels


def test_fallback_glyphs_are_drawn_not_boxes(fonts: FontSet) -> None:
    text = SAMPLES["cjk"][:4]
    with_chain = _paint(fonts, text)
    without = _paint(FontSet(fallbacks=()), text)  # four .notdef boxes
    assert with_chain != without


def test_a_line_in_the_primary_font_is_drawn_as_before(fonts: FontSet) -> None:
    text = "Plain Latin stays on the fast path"
    blob = fonts.text_blob(REGULAR, 24.0, text)
    reference = skia.TextBlob.MakeFromString(text, fonts.skia_font(REGULAR, 24.0))
    assert blob is not None
    assert blob.bounds() == reference.bounds()


def test_each_run_starts_where_the_engine_measured_its_first_character(fonts: FontSet) -> None:
    text = "ab世界cd"
    blob = fonts.text_blob(REGULAR, 30.0, text)
    assert blob is not None
    runs = list(blob)
    assert len(runs) == 3  # Roboto, CJK, Roboto
    advances = [fonts.advance(REGULAR, ord(ch)) for ch in text]
    xs = glyph_positions(advances, 30.0)
    assert f32(xs[2]) == xs[2] and xs[2] > 0.0
    # The CJK run's glyphs are the subset's, not .notdef.
    assert all(g != 0 for g in fonts.typeface(REGULAR).unicharsToGlyphs([ord("a")]))
    assert fonts.resolve(REGULAR, ord("世"))[0] == EXPECTED_FACE["cjk"]
    assert 0 not in list(runs[1].fGlyphIndices)
