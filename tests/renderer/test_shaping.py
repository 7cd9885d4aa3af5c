"""Shaping with HarfBuzz: joins, conjuncts, marks, cluster advances, bidi order.

Fonts are the committed subsets (`tests/fonts`); the engine is the real Wasm
module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer._bidi import levels, visual_runs
from renderer._commands import CommandBuffer
from renderer._fonts import REGULAR, FontSet
from renderer._linebreak import available as icu_available
from renderer._linebreak import break_positions
from renderer._protocol import Opcode, Prop
from renderer._renderer import Renderer
from renderer._shaping import needs_shaping
from tests.fonts import SUBSET_CHAIN
from tests.fonts.corpus import SAMPLES
from tests.renderer.test_text_engine import render

ARABIC_FACE, DEVANAGARI_FACE = 2, 1


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(fallbacks=SUBSET_CHAIN)


def test_simple_text_keeps_the_per_codepoint_fast_path(fonts: FontSet) -> None:
    for text in ("Hello", "Français : « Où ? »", "Привет", "Καλημέρα"):
        assert not fonts.needs_shaping(text)
    assert fonts.glyph_commands_for("Hello") == b""
    for text in (SAMPLES["arabic"], SAMPLES["devanagari"], "e\u0301", SAMPLES["cjk"]):
        assert fonts.needs_shaping(text)
    assert needs_shaping("e\u0301") and not needs_shaping("é")


def test_arabic_letters_join(fonts: FontSet) -> None:
    word = "مرحبا"
    shaped = fonts.shape(REGULAR, word)
    isolated = [fonts.shape(REGULAR, ch).runs[0].glyphs[0] for ch in word]
    joined = shaped.runs[0].glyphs
    assert shaped.runs[0].face == ARABIC_FACE and shaped.runs[0].level == 1
    # Contextual forms replace the isolated ones (and come in visual order).
    assert sorted(joined) != sorted(isolated)


def test_a_devanagari_conjunct_forms_one_cluster(fonts: FontSet) -> None:
    text = "क्ष"  # KA + VIRAMA + SSA -> the conjunct KSSA
    shaped = fonts.shape(REGULAR, text)
    assert len(shaped.runs[0].glyphs) < len(text)
    assert shaped.advances[0] > 0.0 and shaped.advances[1:] == (0.0, 0.0)


def test_a_combining_mark_attaches_to_its_base(fonts: FontSet) -> None:
    shaped = fonts.shape(REGULAR, "e\u0301")
    assert shaped.advances[1] == 0.0 and shaped.advances[0] > 0.0
    assert len({run.face for run in shaped.runs}) == 1


def _shaped_records(batch: bytes) -> list[bytes]:
    out, view, i = [], memoryview(batch), 0
    while i < len(view):
        head = int.from_bytes(view[i:i + 4], "little")
        op, length = head & 0xFF, head >> 8
        if op == Opcode.SHAPED_TEXT:
            out.append(bytes(view[i + 4:i + 4 + length]))
        i += 4 + length
    return out


def test_shaped_text_is_uploaded_once_per_font_and_again_for_a_fresh_engine() -> None:
    fonts = FontSet(fallbacks=SUBSET_CHAIN)
    fonts.define_commands()
    text = SAMPLES["arabic"]
    assert len(_shaped_records(fonts.glyph_commands_for(text))) == len(fonts.font_ids)
    assert _shaped_records(fonts.glyph_commands_for(text)) == []
    assert len(_shaped_records(fonts.define_commands())) == len(fonts.font_ids)


def test_a_shaped_word_wraps_between_clusters_only(fonts: FontSet) -> None:
    text = "क्षत्रिय"  # one word, several multi-character clusters
    shaped = fonts.shape(REGULAR, text)
    starts = {i for i, a in enumerate(shaped.advances) if a > 0.0}
    r = render(fonts, text, {Prop.FONT_SIZE: 48.0, Prop.WIDTH: 40.0})
    assert len(r.lines) > 1
    offset = 0
    for line in r.lines:
        assert offset in starts
        offset += len(line.text)


def test_the_engine_rejects_shaped_text_with_the_wrong_number_of_advances() -> None:
    fonts = FontSet(fallbacks=())
    batch = CommandBuffer()
    batch.extend(fonts.define_commands())
    batch.shaped_text(REGULAR, "abc", [0.5, 0.5])
    with Renderer() as renderer, pytest.raises(Exception, match="one advance"):
        renderer.apply(batch)


def test_bidi_levels_of_mixed_text() -> None:
    par, lv = levels("abc אבג 123")
    # The space between Hebrew and a number takes R (numbers count as R: N1).
    assert par == 0 and lv == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    par, lv = levels("אבג abc")
    assert par == 1 and lv == [1, 1, 1, 1, 2, 2, 2]
    assert [(s, e) for s, e, _ in visual_runs(lv)] == [(4, 7), (0, 4)]


BIDI_TEST = Path("/usr/share/unicode/BidiCharacterTest.txt")


@pytest.mark.skipif(not BIDI_TEST.is_file(), reason="Debian's unicode-data is not installed")
def test_bidi_levels_pass_every_conformance_line_without_explicit_controls() -> None:
    # Explicit embeddings, overrides and isolates are not covered (64 lines
    # of 91,707; `python -m benchmarks.bidi_conformance` reports them).
    failures = []
    for raw in BIDI_TEST.read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split(";")
        text = "".join(chr(int(c, 16)) for c in fields[0].split())
        if any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text):
            continue
        direction = int(fields[1])
        _, got = levels(text, None if direction == 2 else direction)
        want = fields[3].split()
        if not all(w == "x" or int(w) == g for w, g in zip(want, got, strict=True)):
            failures.append(raw)
    assert failures == []


def test_text_align_start_puts_a_right_to_left_paragraph_on_the_right(fonts: FontSet) -> None:
    arabic, latin = SAMPLES["arabic"], "Hello"
    box = 600.0
    rtl_start = render(fonts, arabic, {Prop.FONT_SIZE: 30.0, Prop.WIDTH: box, Prop.TEXT_ALIGN: 3})
    rtl_end = render(fonts, arabic, {Prop.FONT_SIZE: 30.0, Prop.WIDTH: box, Prop.TEXT_ALIGN: 4})
    ltr_start = render(fonts, latin, {Prop.FONT_SIZE: 30.0, Prop.WIDTH: box, Prop.TEXT_ALIGN: 3})
    assert rtl_end.lines[0].x == 0.0 and ltr_start.lines[0].x == 0.0
    width = sum(sum(run.advances) for run in fonts.shape(REGULAR, arabic).runs) * 30.0
    assert rtl_start.lines[0].x == pytest.approx(box - width, abs=0.5)


needs_icu = pytest.mark.skipif(not icu_available(), reason="PyICU is not installed")


@needs_icu
def test_thai_wraps_between_words_found_by_the_dictionary(fonts: FontSet) -> None:
    text = "สวัสดีชาวโลก"  # "hello world people": three words, no spaces
    words = break_positions(text)
    assert 0 < words[0] < len(text)  # ICU finds word boundaries inside
    shaped = fonts.shape(REGULAR, text)
    width = sum(sum(run.advances) for run in shaped.runs) * 40.0
    r = render(fonts, text, {Prop.FONT_SIZE: 40.0, Prop.WIDTH: width * 0.7})
    assert len(r.lines) >= 2
    ends = set(words)
    offset = 0
    for line in r.lines[:-1]:
        offset += len(line.text)
        assert offset in ends, (offset, words)


LINE_BREAK_TEST = Path("/usr/share/unicode/auxiliary/LineBreakTest.txt")


@needs_icu
@pytest.mark.skipif(not LINE_BREAK_TEST.is_file(), reason="Debian's unicode-data is not installed")
def test_line_breaks_pass_at_least_99_percent_of_the_conformance_file() -> None:
    # ICU 72 (Debian 12) against Unicode 15.0's file: the misses are rule
    # changes between the two (hyphen before letters, LB25 numbers).
    total = passed = 0
    for raw in LINE_BREAK_TEST.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        chars, want = [], []
        for token in raw.split("#", 1)[0].split():
            if token == "÷":
                want.append(len(chars))
            elif token != "×":
                chars.append(chr(int(token, 16)))
        total += 1
        passed += break_positions("".join(chars)) == [w for w in want if w > 0]
    assert passed / total >= 0.99
