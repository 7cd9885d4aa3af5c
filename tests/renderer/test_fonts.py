"""`FontSet`: the advance tables the engine measures with match Skia's widths.

The engine (renderer/core/src/text) measures a string as the sequential `f32`
sum of per-glyph advances derived from the uploaded per-1-px advances, the way
Skia does (docs/text.md). `skia_width` below is that rule in Python: these
tests pin it against `skia.Font.measureText`, so a Skia upgrade that changes
how it scales advances fails here first.
"""

from __future__ import annotations

import math
import random
import struct

import pytest

from renderer._fonts import (
    BASE_CODEPOINTS,
    BOLD,
    MEDIUM,
    REGULAR,
    SKIA_FONT_CACHE_ENTRIES,
    FontSet,
    FontUnavailable,
)
from renderer._skia import skia

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs!",
    "Français : « Où est la bibliothèque ? » — élève, garçon, naïveté.",
    "Deutsch: Größe, Straße, Übermäßig, Fußgänger ÄÖÜ äöü ß.",
    "Español: ¿Qué tal? ¡Mañana será otro día! Ñandú, pingüino.",
    "Prices: 12,99 € · £7.50 · ¥300 · ©2024 Marquee™ ® ±0.5°",
    "“Smart quotes” and ‘single ones’ – en dash — em dash … bullet •",
    "Season 3 · Episode 12: “The Long Night” (2h 14m) HD 4K HDR",
    "iiiiiiiiiilllllllll WWWWWWWWMMMMMMMM 0123456789 {}[]()<>/\\|",
    "    Leading and trailing spaces    ",
]
SIZES = [18.0, 24.5, 32.0, 48.0]

F32 = struct.Struct("<f")


def f32(value: float) -> float:
    result: float = F32.unpack(F32.pack(value))[0]
    return result


def skia_width(advances_1px: list[float], size: float) -> float:
    """The engine's width rule (renderer/core/src/text/scale.rs) in Python."""

    def fixed(advance: float, s64: float) -> float:
        return f32(f32(float(math.floor(advance * s64 * 1024.0 + 0.5))) * (1.0 / 65536.0))

    size = f32(size)
    if not size > 0:
        return 0.0
    if size < 0.5:
        glyphs = [f32(a * size) for a in advances_1px]
        to_source = 1.0
    elif f32(size * size) > 65536.0:
        glyphs = [fixed(a, 4096.0) for a in advances_1px]
        to_source = f32(size / 64.0)
    else:
        s64 = float(math.floor(f32(size * 64.0)))
        glyphs = [fixed(a, s64) for a in advances_1px]
        to_source = 1.0
    total = 0.0
    for g in glyphs:
        total = f32(total + g)
    return f32(total * to_source)


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(fallbacks=())


def decode(data: bytes) -> list[tuple[int, bytes]]:
    """Splits a batch into (opcode, payload) by PROTOCOL.md section 2."""
    commands = []
    at = 0
    while at < len(data):
        opcode = data[at]
        length = int.from_bytes(data[at + 1:at + 4], "little")
        commands.append((opcode, data[at + 4:at + 4 + length]))
        at += 4 + length
    assert at == len(data), "the last command overruns the batch"
    return commands


def decode_glyphs(payload: bytes) -> tuple[int, dict[int, float]]:
    font, count = struct.unpack_from("<BI", payload)
    assert len(payload) == 5 + 8 * count
    glyphs = dict(struct.iter_unpack("<If", payload[5:]))
    assert len(glyphs) == count
    return font, glyphs


def test_the_set_has_roboto_regular_medium_and_bold(fonts: FontSet) -> None:
    assert fonts.font_ids == (REGULAR, MEDIUM, BOLD)
    styles = [fonts.typeface(i).fontStyle().weight() for i in fonts.font_ids]
    assert styles == [400, 500, 700]
    assert {fonts.typeface(i).getFamilyName() for i in fonts.font_ids} == {"Roboto"}


def test_skia_fonts_are_configured_for_size_linear_advances(fonts: FontSet) -> None:
    font = fonts.skia_font(MEDIUM, 27.5)
    assert font.getSize() == 27.5
    assert font.isSubpixel() and font.isLinearMetrics()
    assert font.getHinting() == skia.FontHinting.kNone
    assert fonts.skia_font(MEDIUM, 27.5) is font


def test_fonts_at_many_sizes_are_kept_only_up_to_the_cache_bound() -> None:
    fonts = FontSet(fallbacks=())
    first = fonts.skia_font(REGULAR, 10.0)
    for i in range(SKIA_FONT_CACHE_ENTRIES + 10):
        fonts.skia_font(REGULAR, 11.0 + i / 64)
    last = fonts.skia_font(REGULAR, 11.0 + (SKIA_FONT_CACHE_ENTRIES + 9) / 64)
    assert fonts.skia_font(REGULAR, 11.0 + (SKIA_FONT_CACHE_ENTRIES + 9) / 64) is last
    assert fonts.skia_font(REGULAR, 10.0) is not first


@pytest.mark.parametrize("font_id", [REGULAR, MEDIUM, BOLD])
def test_each_advance_is_the_characters_measured_width_per_pixel(
        fonts: FontSet, font_id: int) -> None:
    font = fonts.skia_font(font_id, 64.0)
    advances = fonts.advances(font_id, BASE_CODEPOINTS)
    for cp in BASE_CODEPOINTS:
        assert advances[cp] == font.measureText(chr(cp)) / 64.0, hex(cp)
        assert advances[cp] > 0.0 or cp in (0xAD,), hex(cp)


def test_roboto_advances_are_exact_font_units() -> None:
    fonts = FontSet(fallbacks=())
    for cp, advance in fonts.advances(REGULAR, BASE_CODEPOINTS).items():
        assert (advance * 2048).is_integer(), hex(cp)


@pytest.mark.parametrize("font_id", [REGULAR, MEDIUM, BOLD])
@pytest.mark.parametrize("size", SIZES)
def test_table_advances_times_the_size_sum_to_skias_width(
        fonts: FontSet, font_id: int, size: float) -> None:
    font = fonts.skia_font(font_id, size)
    for text in CORPUS:
        advances = fonts.advances(font_id, [ord(ch) for ch in text])
        naive = sum(advances[ord(ch)] * size for ch in text)
        assert naive == pytest.approx(font.measureText(text), abs=1e-3), text


@pytest.mark.parametrize("size", [0.25, 1.0, 9.7, 18.0, 24.4, 33.33, 77.3, 255.9, 256.0,
                                  256.5, 300.3, 1000.123])
def test_the_engines_width_rule_reproduces_skia_bit_for_bit(
        fonts: FontSet, size: float) -> None:
    for font_id in fonts.font_ids:
        font = fonts.skia_font(font_id, size)
        for text in CORPUS:
            advances = fonts.advances(font_id, [ord(ch) for ch in text])
            assert skia_width([advances[ord(ch)] for ch in text], size) == \
                font.measureText(text), (font_id, text)


def test_the_engines_width_rule_holds_for_random_latin1_strings_and_sizes(
        fonts: FontSet) -> None:
    rng = random.Random(20240607)
    alphabet = [chr(cp) for cp in BASE_CODEPOINTS]
    table = {font_id: fonts.advances(font_id, BASE_CODEPOINTS) for font_id in fonts.font_ids}
    for _ in range(300):
        font_id = rng.choice(fonts.font_ids)
        size = round(rng.uniform(6.0, 400.0), rng.choice([0, 1, 2, 3]))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        expected = fonts.skia_font(font_id, size).measureText(text)
        assert skia_width([table[font_id][ord(ch)] for ch in text], size) == expected


def _draw(blob: object, size: float) -> bytes:
    surface = skia.Surface(900, int(size * 0.5) + 8)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    canvas.scale(0.25, 0.25)
    canvas.drawTextBlob(blob, 4.0, size * 1.2, skia.Paint(Color=skia.ColorBLACK))
    data: bytes = surface.makeImageSnapshot().tobytes()
    return data


@pytest.mark.parametrize("size", [31.3, 300.3])
def test_the_painters_text_blobs_put_each_glyph_where_the_engine_measured_it(
        fonts: FontSet, size: float) -> None:
    # The painter draws TEXT records with TextBlob.MakeFromString. Its pixels
    # equal a blob whose glyphs are placed at the engine's prefix widths.
    text = "Wide glyphs WWW, il il il"
    font = fonts.skia_font(REGULAR, size)
    advances = [fonts.advance(REGULAR, ord(ch)) for ch in text]
    xs = [skia_width(advances[:i], size) for i in range(len(text))]
    placed = skia.TextBlob.MakeFromPosTextH(text, xs, 0.0, font)
    assert _draw(skia.TextBlob.MakeFromString(text, font), size) == _draw(placed, size)


def test_a_drawn_string_above_256_px_would_not_match_the_measurement(fonts: FontSet) -> None:
    # Why the painter must not use canvas.drawString: above 256 px it places
    # glyphs with the real-size strike, not the measured advances.
    size = 300.3
    text = "il" * 40
    font = fonts.skia_font(REGULAR, size)
    surface = skia.Surface(900, int(size * 0.5) + 8)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorWHITE)
    canvas.scale(0.25, 0.25)
    canvas.drawString(text, 4.0, size * 1.2, font, skia.Paint(Color=skia.ColorBLACK))
    drawn = surface.makeImageSnapshot().tobytes()
    assert drawn != _draw(skia.TextBlob.MakeFromString(text, font), size)


def test_a_codepoint_roboto_lacks_measures_as_the_notdef_glyph_skia_draws(
        fonts: FontSet) -> None:
    snowman = 0x2603
    assert fonts.typeface(REGULAR).unicharToGlyph(snowman) == 0
    expected = fonts.skia_font(REGULAR, 64.0).measureText(chr(snowman)) / 64.0
    assert fonts.advance(REGULAR, snowman) == expected
    assert fonts.metrics(REGULAR).fallback_advance == expected


def test_metrics_are_roboto_vertical_metrics_per_pixel(fonts: FontSet) -> None:
    m = fonts.metrics(REGULAR)
    skia_metrics = fonts.skia_font(REGULAR, 100.0).getMetrics()
    assert m.ascent == pytest.approx(-skia_metrics.fAscent / 100.0)
    assert m.descent == pytest.approx(skia_metrics.fDescent / 100.0)
    assert m.ascent > 0 and m.descent > 0 and m.leading >= 0


def test_define_commands_define_every_font_then_upload_its_base_glyphs() -> None:
    fonts = FontSet(fallbacks=())
    commands = decode(fonts.define_commands())
    assert [op for op, _ in commands] == [0x30, 0x31] * 3
    for index, font_id in enumerate(fonts.font_ids):
        define, glyphs = commands[2 * index][1], commands[2 * index + 1][1]
        assert len(define) == 17
        fid, ascent, descent, leading, fallback = struct.unpack("<Bffff", define)
        m = fonts.metrics(font_id)
        assert (fid, ascent, descent, leading, fallback) == (
            font_id, m.ascent, m.descent, m.leading, m.fallback_advance)
        gid, table = decode_glyphs(glyphs)
        assert gid == font_id
        # Roboto has every base codepoint but the C1 controls, which are left
        # to the engine to count as missing.
        assert set(BASE_CODEPOINTS) - set(table) == set(range(0x7F, 0xA0))
        assert table == {cp: a for cp, a in fonts.advances(font_id, BASE_CODEPOINTS).items()
                         if cp in table}
    assert fonts.uploaded == frozenset(BASE_CODEPOINTS)


def test_base_glyphs_cover_latin1_and_common_punctuation() -> None:
    base = set(BASE_CODEPOINTS)
    assert set(range(0x20, 0x100)) <= base
    assert {0x2026, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x20AC} <= base


def test_glyph_commands_upload_only_codepoints_not_uploaded_yet() -> None:
    fonts = FontSet(fallbacks=())
    fonts.define_commands()
    assert fonts.glyph_commands_for("Plain Latin-1: café, naïve!") == b""
    commands = decode(fonts.glyph_commands_for("Ωmega ☃ Ω\n"))
    assert [op for op, _ in commands] == [0x31] * 3
    for (_, payload), font_id in zip(commands, fonts.font_ids, strict=True):
        fid, table = decode_glyphs(payload)
        assert fid == font_id
        assert sorted(table) == [0x03A9]  # no font has the snowman: not uploaded
        assert table == fonts.advances(font_id, [0x03A9])
    assert 0x03A9 in fonts.uploaded and 0x2603 in fonts.missing
    assert fonts.glyph_commands_for("☃Ω") == b""


def test_newlines_and_lone_surrogates_are_never_uploaded() -> None:
    fonts = FontSet(fallbacks=())
    fonts.define_commands()
    assert fonts.glyph_commands_for("\n") == b""
    assert fonts.glyph_commands_for("\ud800") == b""
    assert 0x0A not in fonts.uploaded


def test_glyphs_seen_before_the_fonts_are_defined_ride_along_with_the_definition() -> None:
    fonts = FontSet(fallbacks=())
    assert fonts.glyph_commands_for("Ж") == b""
    commands = decode(fonts.define_commands())
    _, table = decode_glyphs(commands[1][1])
    assert 0x0416 in table
    assert fonts.glyph_commands_for("Ж") == b""


def test_define_commands_again_carry_every_glyph_uploaded_so_far() -> None:
    # A fresh engine instance (after a crash) needs all of them.
    fonts = FontSet(fallbacks=())
    fonts.define_commands()
    fonts.glyph_commands_for("Ω")
    _, table = decode_glyphs(decode(fonts.define_commands())[1][1])
    assert 0x03A9 in table


def test_an_unknown_font_id_is_a_key_error_naming_the_known_ones(fonts: FontSet) -> None:
    with pytest.raises(KeyError, match="font id 9 is not in this FontSet"):
        fonts.skia_font(9, 32.0)


def test_a_missing_font_file_is_reported() -> None:
    with pytest.raises(FontUnavailable, match="does not exist"):
        FontSet({0: "/nonexistent/font.ttf"})
