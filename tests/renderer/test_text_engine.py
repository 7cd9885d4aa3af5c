"""End to end: text measured inside the Wasm engine is what Skia draws.

Each test builds a one-text-node scene in the real engine (fonts uploaded with
`FontSet.define_commands`), runs a frame and reads back the text node's box
(a `LAYOUT` event, exact `f32`) and its TEXT display-list records (the lines,
as drawn). The expected values come from `skia.Font.measureText`, never from
the engine's own code.

Scene: root view #1, 1920x1080, column, `align-items: flex-start` (so a text
node without a width gets its max-content width); text node #2 in it.
"""

from __future__ import annotations

import itertools
import random
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pytest

from renderer._commands import CommandBuffer, Dim
from renderer._events import LayoutEvent
from renderer._fonts import BOLD, MEDIUM, REGULAR, FontSet
from renderer._protocol import DisplayOp, Kind, Prop
from renderer._renderer import Renderer

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Français : « Où est la bibliothèque ? » — élève, garçon.",
    "Deutsch: Größe, Straße, Übermäßig, Fußgänger ÄÖÜ.",
    "Español: ¿Qué tal? ¡Mañana será otro día! Ñandú.",
    "Prices: 12,99 € · £7.50 · ¥300 · ©2024 ±0.5°",
    "Season 3 · Episode 12: “The Long Night” (2h 14m)",
    "iiiiiiiiiillllllllll WWWWWWWWMMMMMMMM 0123456789",
]
SIZES = [18.0, 24.5, 32.0, 48.0, 27.3]
LONG = (
    "Marquee lays out text inside the engine: it wraps long descriptions at word "
    "boundaries, honours explicit\nline breaks, and ends truncated text with an "
    "ellipsis, measuring every line exactly as Skia will draw it."
)

ROOT, TEXT_NODE, STRING = 1, 2, 1
_RECORD = struct.Struct("<I7I")
_TEXT = struct.Struct("<IffIfIII")


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet(fallbacks=())  # pins one font's Skia rule (fallback: test_font_fallback.py)


@dataclass(frozen=True)
class DrawnLine:
    """One TEXT record."""

    x: float
    baseline: float
    font: int
    size: float
    text: str


@dataclass(frozen=True)
class Rendered:
    box: tuple[float, float, float, float]
    lines: list[DrawnLine]
    dump: str


def _text_records(display_list: memoryview, blob: bytes) -> Iterator[DrawnLine]:
    for offset in range(0, len(display_list), _RECORD.size):
        chunk = bytes(display_list[offset:offset + _RECORD.size])
        if _RECORD.unpack(chunk)[0] != DisplayOp.TEXT:
            continue
        _, x, baseline, font, size, _color, start, length = _TEXT.unpack(chunk)
        yield DrawnLine(x, baseline, font, size, blob[start:start + length].decode("utf-8"))


def render(fonts: FontSet, text: str, props: Mapping[int, object] | None = None,
           *, upload_glyphs: bool = True) -> Rendered:
    """Lays out and draws `text` in a fresh engine; returns its box and lines."""
    batch = CommandBuffer()
    batch.extend(fonts.define_commands())
    if upload_glyphs:
        batch.extend(fonts.glyph_commands_for(text))
    batch.set_viewport(1920, 1080, 1920.0, 1080.0)
    batch.create(ROOT, Kind.VIEW)
    batch.set_props(ROOT, {
        Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0,
        Prop.FLEX_DIRECTION: 1, Prop.ALIGN_ITEMS: 1,
    })
    batch.create(TEXT_NODE, Kind.TEXT)
    batch.set_props(TEXT_NODE, {Prop.REPORT_LAYOUT: 1, **(props or {})})
    batch.define_string(STRING, text)
    batch.set_text(TEXT_NODE, STRING)
    batch.insert(ROOT, TEXT_NODE)
    batch.set_root(ROOT)
    with Renderer() as renderer:
        renderer.apply(batch)
        out = renderer.frame(0.0)
        boxes = [(e.x, e.y, e.w, e.h) for e in out.events
                 if isinstance(e, LayoutEvent) and e.node == TEXT_NODE]
        assert boxes, "the text node reported no LAYOUT event"
        lines = list(_text_records(out.display_list, bytes(out.text)))
        dump = renderer.dump()
    return Rendered(boxes[-1], lines, dump)


def f32(value: float) -> float:
    result: float = struct.unpack("<f", struct.pack("<f", value))[0]
    return result


def width(fonts: FontSet, font_id: int, size: float, text: str) -> float:
    measured: float = fonts.skia_font(font_id, size).measureText(text)
    return measured


def line_height(fonts: FontSet, font_id: int, size: float) -> float:
    m = fonts.metrics(font_id)
    return (m.ascent + m.descent + m.leading) * size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("font_id", [REGULAR, MEDIUM, BOLD])
def test_the_engine_measures_each_line_as_skia_does(
        fonts: FontSet, font_id: int, size: float) -> None:
    # Right-aligned in a box of known width, a line starts at box right minus
    # the width the engine measured for it.
    box_width = 1900.0
    for text in CORPUS:
        r = render(fonts, text, {Prop.FONT: font_id, Prop.FONT_SIZE: size,
                                 Prop.WIDTH: box_width, Prop.TEXT_ALIGN: 2})
        assert [line.text for line in r.lines] == [text]
        assert (r.lines[0].font, r.lines[0].size) == (font_id, f32(size))
        engine_width = r.box[0] + box_width - r.lines[0].x
        assert engine_width == pytest.approx(width(fonts, font_id, size, text), abs=1e-3), text


def test_random_latin1_lines_at_random_sizes_measure_as_skia_does(fonts: FontSet) -> None:
    rng = random.Random(7)
    alphabet = [chr(cp) for cp in range(0x21, 0x7F)] + [chr(cp) for cp in range(0xA1, 0x100)]
    box_width = 1900.0
    for _ in range(40):
        font_id = rng.choice([REGULAR, MEDIUM, BOLD])
        size = f32(round(rng.uniform(10.0, 60.0), rng.choice([0, 1, 2])))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        r = render(fonts, text, {Prop.FONT: font_id, Prop.FONT_SIZE: size,
                                 Prop.WIDTH: box_width, Prop.TEXT_ALIGN: 2, Prop.WRAP: 0})
        assert [line.text for line in r.lines] == [text]
        engine_width = r.box[0] + box_width - r.lines[0].x
        assert engine_width == pytest.approx(width(fonts, font_id, size, text), abs=1e-3), (
            font_id, size, text)


@pytest.mark.parametrize("size", SIZES)
def test_a_text_box_sized_by_its_content_holds_its_text_on_one_line(
        fonts: FontSet, size: float) -> None:
    # The box may be rounded to whole units, but never below the text's width
    # (a box 0.2 px too narrow would wrap the last word onto a second line).
    for font_id in (REGULAR, BOLD):
        for text in CORPUS:
            r = render(fonts, text, {Prop.FONT: font_id, Prop.FONT_SIZE: size})
            measured = width(fonts, font_id, size, text)
            assert [line.text for line in r.lines] == [text], f"box {r.box[2]} for {measured}"
            assert measured - 1e-3 <= r.box[2] < measured + 1.0, text
            assert r.box[3] == pytest.approx(line_height(fonts, font_id, size), abs=1.0)


def test_a_drawn_line_starts_at_the_box_and_sits_on_the_fonts_baseline(fonts: FontSet) -> None:
    r = render(fonts, "Baseline", {Prop.FONT_SIZE: 40.0})
    x, y, _, _ = r.box
    assert r.lines[0].x == pytest.approx(x)
    assert r.lines[0].baseline == pytest.approx(y + fonts.metrics(REGULAR).ascent * 40.0,
                                                abs=1e-3)


def test_characters_outside_latin1_are_measured_after_their_glyphs_upload(
        fonts: FontSet) -> None:
    text = "Ωmega Жук Łódź ő"  # Roboto has these; fallback fonts: test_font_fallback.py
    r = render(fonts, text, {Prop.FONT_SIZE: 32.0, Prop.WIDTH: 1000.0, Prop.TEXT_ALIGN: 2})
    engine_width = r.box[0] + 1000.0 - r.lines[0].x
    assert engine_width == pytest.approx(width(fonts, REGULAR, 32.0, text), abs=1e-3)
    assert "missing_glyphs" not in r.dump


def test_a_character_never_uploaded_is_counted_and_measured_with_the_notdef_advance() -> None:
    # Roboto has no snowman: Skia draws (and measures) .notdef, and the
    # engine's fallback advance is .notdef's, so the width still matches.
    fonts = FontSet(fallbacks=())  # its own set: nothing beyond the base glyphs uploaded
    text = "Snow ☃ man"
    r = render(fonts, text, {Prop.FONT_SIZE: 32.0, Prop.WIDTH: 1000.0, Prop.TEXT_ALIGN: 2},
               upload_glyphs=False)
    assert "missing_glyphs=1" in r.dump
    engine_width = r.box[0] + 1000.0 - r.lines[0].x
    assert engine_width == pytest.approx(width(fonts, REGULAR, 32.0, text), abs=1e-3)


@pytest.mark.parametrize("box_width", [300.0, 517.5, 800.0])
def test_wrapped_lines_are_greedy_and_each_fits_the_box(
        fonts: FontSet, box_width: float) -> None:
    size = 28.0
    r = render(fonts, LONG, {Prop.FONT_SIZE: size, Prop.WIDTH: box_width})
    lines = [line.text for line in r.lines]
    paragraphs = LONG.split("\n")
    # The words come back in order, each whole (no word is wider than the box).
    assert " ".join(lines).split() == " ".join(paragraphs).split()
    words_after = iter(LONG.split())
    consumed = 0
    for index, line in enumerate(lines):
        assert line == line.strip(), "lines carry no leading or trailing spaces"
        assert width(fonts, REGULAR, size, line) <= box_width + 1e-3, line
        consumed += len(line.split())
        words_after = iter(LONG.split()[consumed:])
        next_word = next(words_after, None)
        ends_paragraph = any(p.endswith(line) for p in paragraphs)
        if next_word is not None and not ends_paragraph and index + 1 < len(lines):
            assert width(fonts, REGULAR, size, f"{line} {next_word}") > box_width, (
                f"{next_word!r} would have fit on {line!r}")
    # Boxes are rounded to whole design units.
    assert r.box[3] == pytest.approx(len(lines) * line_height(fonts, REGULAR, size), abs=1.0)
    baselines = [line.baseline for line in r.lines]
    steps = {round(b - a, 3) for a, b in itertools.pairwise(baselines)}
    assert steps == {round(line_height(fonts, REGULAR, size), 3)}


def test_an_explicit_line_break_starts_a_new_line(fonts: FontSet) -> None:
    r = render(fonts, "First line\nSecond line", {Prop.FONT_SIZE: 32.0})
    assert [line.text for line in r.lines] == ["First line", "Second line"]
    assert r.box[2] == pytest.approx(width(fonts, REGULAR, 32.0, "Second line"), abs=1.0)


def one_more_character(line: str, prefix: str) -> str | None:
    """`prefix` grown by the next non-space character of `line`, or None."""
    i = len(prefix)
    while i < len(line) and line[i] == " ":
        i += 1
    return line[:i + 1] if i < len(line) else None


def test_max_lines_ends_the_last_line_with_an_ellipsis_that_fits(fonts: FontSet) -> None:
    size, box_width = 30.0, 420.0
    props = {Prop.FONT_SIZE: size, Prop.WIDTH: box_width}
    unclamped = [line.text for line in render(fonts, LONG, props).lines]
    r = render(fonts, LONG, {**props, Prop.MAX_LINES: 2})
    lines = [line.text for line in r.lines]
    assert len(lines) == 2
    assert lines[0] == unclamped[0]
    assert lines[1].endswith("…")
    assert width(fonts, REGULAR, size, lines[1]) <= box_width + 1e-3
    # The last line keeps as much of itself as fits with the ellipsis.
    prefix = lines[1][:-1]
    assert unclamped[1].startswith(prefix)
    longer = one_more_character(unclamped[1], prefix)
    if longer is not None:
        assert width(fonts, REGULAR, size, longer + "…") > box_width
    assert r.box[3] == pytest.approx(2 * line_height(fonts, REGULAR, size), abs=1.0)


def test_a_single_line_text_too_wide_for_its_box_is_ellipsized(fonts: FontSet) -> None:
    text = "An unusually long title that cannot fit"
    size, box_width = 36.0, 333.3
    r = render(fonts, text, {Prop.FONT_SIZE: size, Prop.WIDTH: box_width, Prop.WRAP: 0})
    assert len(r.lines) == 1
    drawn = r.lines[0].text
    assert drawn.endswith("…")
    assert text.startswith(drawn[:-1])
    assert width(fonts, REGULAR, size, drawn) <= box_width + 1e-3
    longer = one_more_character(text, drawn[:-1])
    assert longer is not None
    assert width(fonts, REGULAR, size, longer + "…") > box_width


def test_ellipsis_off_cuts_the_extra_lines_without_a_mark(fonts: FontSet) -> None:
    r = render(fonts, LONG, {Prop.FONT_SIZE: 30.0, Prop.WIDTH: 420.0, Prop.MAX_LINES: 2,
                             Prop.ELLIPSIS: 0})
    assert len(r.lines) == 2
    assert not any(line.text.endswith("…") for line in r.lines)


@pytest.mark.parametrize(("align", "fraction"), [(0, 0.0), (1, 0.5), (2, 1.0)])
def test_lines_are_aligned_inside_the_box(fonts: FontSet, align: int, fraction: float) -> None:
    size, box_width = 32.0, 900.0
    r = render(fonts, "Left, centre or right\nShort",
               {Prop.FONT_SIZE: size, Prop.WIDTH: box_width, Prop.TEXT_ALIGN: align})
    x0 = r.box[0]
    for line in r.lines:
        expected = x0 + (box_width - width(fonts, REGULAR, size, line.text)) * fraction
        assert line.x == pytest.approx(expected, abs=1e-3), line.text


def test_line_height_is_a_multiple_of_the_font_size(fonts: FontSet) -> None:
    r = render(fonts, "One\nTwo\nThree", {Prop.FONT_SIZE: 20.0, Prop.LINE_HEIGHT: 1.5})
    assert r.box[3] == pytest.approx(3 * 30.0, abs=1e-3)
    baselines = [line.baseline for line in r.lines]
    assert baselines[1] - baselines[0] == pytest.approx(30.0, abs=1e-3)


def test_an_unwrappable_word_in_a_narrow_box_is_broken_between_characters(
        fonts: FontSet) -> None:
    word = "Supercalifragilisticexpialidocious"
    size, box_width = 32.0, 200.0
    r = render(fonts, word, {Prop.FONT_SIZE: size, Prop.WIDTH: box_width})
    lines = [line.text for line in r.lines]
    assert "".join(lines) == word
    assert len(lines) > 1
    for line in lines:
        assert width(fonts, REGULAR, size, line) <= box_width + 1e-3


def test_empty_text_draws_nothing_and_has_no_size(fonts: FontSet) -> None:
    r = render(fonts, "", {Prop.FONT_SIZE: 32.0})
    assert r.lines == []
    assert r.box[2] == 0.0 and r.box[3] == 0.0


def test_dims_are_accepted_as_widths(fonts: FontSet) -> None:
    # WIDTH given as a Dim (points) behaves like a plain number.
    r = render(fonts, LONG, {Prop.FONT_SIZE: 28.0, Prop.WIDTH: Dim.points(517.5)})
    assert r.box[2] == pytest.approx(517.5, abs=1.0)  # rounded to whole units
