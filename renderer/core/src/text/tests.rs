//! The line-breaking rules, one test each, on synthetic fonts.
//!
//! Most tests use size 16 and a font whose letters advance 0.5 (8 px), space,
//! `-`, `.` and `!` 0.25 (4 px) and U+2026 1.0 (16 px): every width is exact.

// Widths measured by Skia are written out with every digit of their f32 value.
#![allow(clippy::excessive_precision)]

use super::*;

const SIZE: f32 = 16.0;

fn font(ellipsis: bool) -> FontTable {
    let mut t = FontTable::new(0.75, 0.25, 0.5, 0.75);
    for ch in 'a'..='z' {
        t.set_glyph(ch as u32, 0.5);
    }
    for ch in [' ', '-', '.', '!', '\t'] {
        t.set_glyph(ch as u32, 0.25);
    }
    if ellipsis {
        t.set_glyph(0x2026, 1.0);
    }
    t
}

fn fonts() -> Fonts {
    let mut f = Fonts::new();
    f.define(0, font(true));
    f.define(1, font(false));
    f
}

fn style() -> TextStyle {
    TextStyle { size: SIZE, ..TextStyle::default() }
}

/// The drawn strings of a layout ("…" where an ellipsis is drawn).
fn drawn(text: &str, layout: &TextLayout) -> Vec<String> {
    layout
        .lines
        .iter()
        .map(|l| {
            let mut s = text[l.start..l.end].to_string();
            if l.ellipsis {
                s.push_str(layout.ellipsis_text);
            }
            s
        })
        .collect()
}

fn lines_of(text: &str, style: &TextStyle, max_width: Option<f32>) -> Vec<String> {
    drawn(text, &layout_text(&fonts(), text, style, max_width))
}

#[test]
fn empty_text_has_no_lines_and_no_size() {
    let layout = layout_text(&fonts(), "", &style(), Some(100.0));
    assert!(layout.lines.is_empty());
    assert_eq!((layout.width, layout.height), (0.0, 0.0));
}

#[test]
fn text_of_only_spaces_is_one_empty_line_of_zero_width() {
    let layout = layout_text(&fonts(), "    ", &style(), Some(100.0));
    assert_eq!(drawn("    ", &layout), vec![""]);
    assert_eq!(layout.width, 0.0);
    assert_eq!(layout.height, 24.0);
}

#[test]
fn text_that_fits_is_one_line_with_its_measured_width() {
    let layout = layout_text(&fonts(), "abc de", &style(), Some(100.0));
    assert_eq!(drawn("abc de", &layout), vec!["abc de"]);
    assert_eq!(layout.width, 44.0);
    assert_eq!(layout.lines[0].width, measure_width(&fonts(), 0, SIZE, "abc de").0);
}

#[test]
fn lines_wrap_at_the_last_space_that_fits() {
    assert_eq!(lines_of("aaa bbb ccc", &style(), Some(60.0)), vec!["aaa bbb", "ccc"]);
}

#[test]
fn a_line_exactly_as_wide_as_the_box_fits() {
    assert_eq!(lines_of("aaa bbb ccc", &style(), Some(52.0)), vec!["aaa bbb", "ccc"]);
    assert_eq!(lines_of("aaa bbb ccc", &style(), Some(51.9)), vec!["aaa", "bbb", "ccc"]);
}

#[test]
fn trailing_spaces_hang_and_do_not_count_toward_the_width() {
    let text = "aaa bbb     ccc";
    let layout = layout_text(&fonts(), text, &style(), Some(54.0));
    assert_eq!(drawn(text, &layout), vec!["aaa bbb", "ccc"]);
    assert_eq!(layout.lines[0].width, 52.0);
    assert_eq!(layout_text(&fonts(), "aaa   ", &style(), None).width, 24.0);
}

#[test]
fn leading_spaces_of_a_paragraph_are_kept() {
    let layout = layout_text(&fonts(), "  aa", &style(), None);
    assert_eq!(drawn("  aa", &layout), vec!["  aa"]);
    assert_eq!(layout.width, 24.0);
}

#[test]
fn lines_may_break_after_a_hyphen() {
    assert_eq!(lines_of("aaa-bbb", &style(), Some(40.0)), vec!["aaa-", "bbb"]);
}

#[test]
fn a_leading_hyphen_is_not_a_break_opportunity() {
    // "-aaa" is 28 px; breaking after the hyphen would give "-" and "aaaa".
    assert_eq!(lines_of("-aaaa", &style(), Some(30.0)), vec!["-aaa", "a"]);
}

#[test]
fn a_word_longer_than_the_line_is_broken_between_characters() {
    assert_eq!(
        lines_of("aaaaaaaaaa", &style(), Some(30.0)),
        vec!["aaa", "aaa", "aaa", "a"]
    );
}

#[test]
fn a_line_holds_at_least_one_character_even_in_a_box_narrower_than_it() {
    assert_eq!(lines_of("ab", &style(), Some(3.0)), vec!["a", "b"]);
    assert_eq!(lines_of("ab", &style(), Some(0.0)), vec!["a", "b"]);
}

#[test]
fn newlines_break_lines_and_empty_paragraphs_are_empty_lines() {
    assert_eq!(lines_of("aa\n\nbb", &style(), None), vec!["aa", "", "bb"]);
    assert_eq!(lines_of("aa\r\nbb\n\ncc", &style(), None), vec!["aa", "bb", "", "cc"]);
}

#[test]
fn a_line_feed_at_the_very_end_starts_no_new_line() {
    assert_eq!(lines_of("aa\n", &style(), None), vec!["aa"]);
    assert_eq!(lines_of("aa\r\n", &style(), None), vec!["aa"]);
    assert_eq!(lines_of("aa\n\n", &style(), None), vec!["aa", ""]);
    assert_eq!(lines_of("\n", &style(), None), vec![""]);
    let st = TextStyle { max_lines: 1, ..style() };
    assert_eq!(lines_of("aa\n", &st, None), vec!["aa"]);
}

#[test]
fn without_wrapping_only_newlines_break_lines() {
    let st = TextStyle { wrap: false, ellipsis: false, ..style() };
    assert_eq!(lines_of("aaa bbb ccc\ndd", &st, Some(30.0)), vec!["aaa bbb ccc", "dd"]);
}

#[test]
fn max_lines_drops_the_rest_and_ellipsizes_the_last_line() {
    let st = TextStyle { max_lines: 1, ..style() };
    let text = "aaa bbb ccc";
    let layout = layout_text(&fonts(), text, &st, Some(60.0));
    // "aaa bbb" + "…" = 68 > 60; "aaa bb" + "…" = 60 fits.
    assert_eq!(drawn(text, &layout), vec!["aaa bb\u{2026}"]);
    assert_eq!(layout.lines[0].width, 60.0);
    assert!(layout.lines[0].ellipsis);
    assert_eq!(layout.height, 24.0);
}

#[test]
fn a_truncated_last_line_that_fits_keeps_all_its_characters() {
    let st = TextStyle { max_lines: 1, ..style() };
    assert_eq!(lines_of("aaa\nbbb", &st, Some(100.0)), vec!["aaa\u{2026}"]);
    assert_eq!(lines_of("aaa\nbbb", &st, None), vec!["aaa\u{2026}"]);
}

#[test]
fn max_lines_two_keeps_two_lines() {
    let st = TextStyle { max_lines: 2, ..style() };
    assert_eq!(
        lines_of("aaa bbb ccc ddd", &st, Some(30.0)),
        vec!["aaa", "b\u{2026}"]
    );
}

#[test]
fn text_within_max_lines_gets_no_ellipsis() {
    let st = TextStyle { max_lines: 2, ..style() };
    assert_eq!(lines_of("aaa bbb", &st, Some(30.0)), vec!["aaa", "bbb"]);
}

#[test]
fn a_single_unwrapped_line_too_wide_for_its_box_is_ellipsized() {
    let st = TextStyle { wrap: false, ..style() };
    let layout = layout_text(&fonts(), "aaaaaaaaaa", &st, Some(50.0));
    assert_eq!(drawn("aaaaaaaaaa", &layout), vec!["aaaa\u{2026}"]);
    assert_eq!(layout.width, 48.0);
}

#[test]
fn the_ellipsis_replaces_trailing_spaces() {
    let st = TextStyle { wrap: false, ..style() };
    assert_eq!(lines_of("aaa bbb", &st, Some(48.0)), vec!["aaa\u{2026}"]);
}

#[test]
fn a_box_narrower_than_the_ellipsis_shows_the_ellipsis_alone() {
    let st = TextStyle { wrap: false, ..style() };
    let layout = layout_text(&fonts(), "aaaa", &st, Some(10.0));
    assert_eq!(drawn("aaaa", &layout), vec!["\u{2026}"]);
    assert_eq!(layout.lines[0].start, layout.lines[0].end);
    assert_eq!(layout.width, 16.0);
}

#[test]
fn max_lines_one_with_ellipsis_in_a_tiny_box_is_the_ellipsis_alone() {
    let st = TextStyle { max_lines: 1, ..style() };
    assert_eq!(lines_of("aaa bbb", &st, Some(5.0)), vec!["\u{2026}"]);
}

#[test]
fn a_font_without_the_ellipsis_character_uses_three_dots() {
    let st = TextStyle { font: 1, wrap: false, ..style() };
    let layout = layout_text(&fonts(), "aaaaaaaaaa", &st, Some(50.0));
    assert_eq!(layout.ellipsis_text, "...");
    // 3 dots are 12 px: 4 letters (32) + 12 = 44; 5 letters = 52 > 50.
    assert_eq!(drawn("aaaaaaaaaa", &layout), vec!["aaaa..."]);
    assert_eq!(layout.lines[0].width, 44.0);
}

#[test]
fn with_ellipsis_off_extra_lines_are_dropped_and_wide_lines_kept_whole() {
    let st = TextStyle { max_lines: 1, ellipsis: false, ..style() };
    assert_eq!(lines_of("aaa bbb ccc", &st, Some(60.0)), vec!["aaa bbb"]);
    let st = TextStyle { wrap: false, ellipsis: false, ..style() };
    let layout = layout_text(&fonts(), "aaaaaaaaaa", &st, Some(50.0));
    assert_eq!(drawn("aaaaaaaaaa", &layout), vec!["aaaaaaaaaa"]);
    assert_eq!(layout.width, 80.0);
}

#[test]
fn lines_are_aligned_within_the_box() {
    let centred = TextStyle { align: TextAlign::Center, ..style() };
    let right = TextStyle { align: TextAlign::Right, ..style() };
    let l = layout_text(&fonts(), "aaa", &centred, Some(100.0));
    assert_eq!(l.lines[0].x, 38.0);
    let l = layout_text(&fonts(), "aaa", &right, Some(100.0));
    assert_eq!(l.lines[0].x, 76.0);
    let l = layout_text(&fonts(), "aaa", &style(), Some(100.0));
    assert_eq!(l.lines[0].x, 0.0);
}

#[test]
fn unbounded_text_is_aligned_within_its_widest_line() {
    let centred = TextStyle { align: TextAlign::Center, ..style() };
    let l = layout_text(&fonts(), "aaaaa\na", &centred, None);
    assert_eq!((l.lines[0].x, l.lines[1].x), (0.0, 16.0));
}

#[test]
fn an_infinite_or_nan_width_means_unbounded() {
    let centred = TextStyle { align: TextAlign::Center, ..style() };
    for w in [f32::INFINITY, f32::NAN] {
        let l = layout_text(&fonts(), "aaa bbb\na", &centred, Some(w));
        assert_eq!(drawn("aaa bbb\na", &l), vec!["aaa bbb", "a"]);
        assert_eq!((l.lines[0].x, l.lines[1].x), (0.0, 22.0));
    }
}

#[test]
fn a_line_wider_than_its_box_starts_at_the_left_edge_whatever_the_alignment() {
    let st = TextStyle { align: TextAlign::Right, wrap: false, ellipsis: false, ..style() };
    let l = layout_text(&fonts(), "aaaaaaaaaa", &st, Some(50.0));
    assert_eq!(l.lines[0].x, 0.0);
}

#[test]
fn baselines_follow_the_fonts_line_height_with_half_leading() {
    // ascent 0.75, descent 0.25, leading 0.5: line height 1.5 * 16 = 24,
    // half-leading (24 - 16) / 2 = 4, first baseline 4 + 12 = 16.
    let l = layout_text(&fonts(), "a\nb\nc", &style(), None);
    let baselines: Vec<f32> = l.lines.iter().map(|x| x.baseline).collect();
    assert_eq!(baselines, vec![16.0, 40.0, 64.0]);
    assert_eq!((l.line_height, l.height), (24.0, 72.0));
}

#[test]
fn an_explicit_line_height_is_a_multiple_of_the_size() {
    let st = TextStyle { line_height: 2.0, ..style() };
    let l = layout_text(&fonts(), "a\nb", &st, None);
    // line height 32, half-leading (32 - 16) / 2 = 8, baseline 8 + 12 = 20.
    assert_eq!(l.lines[0].baseline, 20.0);
    assert_eq!(l.lines[1].baseline, 52.0);
    assert_eq!(l.height, 64.0);
}

#[test]
fn a_missing_glyph_is_measured_with_the_fallback_advance_and_counted() {
    let (width, missing) = measure_width(&fonts(), 0, SIZE, "a\u{2603}a");
    assert_eq!((width, missing), (8.0 + 12.0 + 8.0, 1));
    let l = layout_text(&fonts(), "a\u{2603}\na\u{4E2D}", &style(), None);
    assert_eq!(l.missing_glyphs, 2);
    assert_eq!(l.lines[0].width, 20.0);
}

#[test]
fn text_in_an_undefined_font_is_all_missing_but_never_zero_wide() {
    let st = TextStyle { font: 9, ..style() };
    let l = layout_text(&fonts(), "ab c", &st, None);
    assert_eq!(l.missing_glyphs, 4);
    assert_eq!(l.width, 32.0);
}

#[test]
fn min_content_width_is_the_widest_word() {
    let st = style();
    assert_eq!(min_content_width(&fonts(), "aa bbbb c", &st), 32.0);
    // "well-" is 5 characters: 4 letters + hyphen = 36.
    assert_eq!(min_content_width(&fonts(), "well-known x", &st), 40.0);
    // "a-" then "b" (4 letters, 32): the spaces after the hyphen hang.
    assert_eq!(min_content_width(&fonts(), "a-   bbbb", &st), 32.0);
    assert_eq!(min_content_width(&fonts(), "", &st), 0.0);
    assert_eq!(min_content_width(&fonts(), "   ", &st), 0.0);
}

#[test]
fn without_wrapping_min_content_width_is_the_whole_line() {
    let st = TextStyle { wrap: false, ..style() };
    assert_eq!(min_content_width(&fonts(), "aa bbbb c", &st), 64.0);
}

#[test]
fn max_content_width_is_the_widest_paragraph() {
    assert_eq!(max_content_width(&fonts(), "aa bb  \nccccccc", &style()), 56.0);
}

/// A font whose advances are irregular, measured at fractional sizes, so the
/// Skia emulation's rounding is exercised.
fn irregular_fonts() -> Fonts {
    let mut t = FontTable::new(0.927734375, 0.244140625, 0.0, 0.443359375);
    let mut x: u32 = 12345;
    for cp in 0x20u32..0x7F {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        t.set_glyph(cp, (300 + (x >> 16) % 1200) as f32 / 2048.0);
    }
    t.set_glyph(0x2026, 1593.0 / 2048.0);
    let mut f = Fonts::new();
    f.define(0, t);
    f
}

const SAMPLES: [&str; 6] = [
    "The quick brown fox jumps over the lazy dog.",
    "well-  spaced hyphen- ated x-ray --- words",
    "Sphinx of black quartz, judge my vow! A well-known fact: 42.",
    "  leading spaces and   several   gaps   ",
    "Averyveryverylongwordthatcannotfitanywhere at all",
    "short\nlines\n\nand breaks",
];

#[test]
fn every_line_is_exactly_as_wide_as_its_drawn_string_measured_alone() {
    let fonts = irregular_fonts();
    for &size in &[18.0f32, 24.37, 32.0, 47.9, 300.3] {
        for text in SAMPLES.iter() {
            for &w in &[80.0f32, 150.5, 333.3, 1000.0] {
                for &max_lines in &[0u16, 1, 2] {
                    let st = TextStyle { size, max_lines, ..TextStyle::default() };
                    let l = layout_text(&fonts, text, &st, Some(w));
                    for (line, s) in l.lines.iter().zip(drawn(text, &l)) {
                        assert_eq!(line.width, measure_width(&fonts, 0, size, &s).0, "{:?}", s);
                    }
                }
            }
        }
    }
}

#[test]
fn wrapped_lines_fit_their_box_unless_one_character_is_wider() {
    let fonts = irregular_fonts();
    for &size in &[18.0f32, 24.37, 47.9] {
        for text in SAMPLES.iter() {
            for &w in &[40.0f32, 80.0, 150.5, 333.3] {
                let st = TextStyle { size, max_lines: 3, ..TextStyle::default() };
                let l = layout_text(&fonts, text, &st, Some(w));
                for (line, s) in l.lines.iter().zip(drawn(text, &l)) {
                    let one_char = s.trim_start().chars().count() == 1;
                    assert!(line.width <= w + FIT_TOLERANCE || one_char, "{:?} at {}", s, w);
                }
            }
        }
    }
}

#[test]
fn wrapping_at_the_min_content_width_never_breaks_inside_a_word() {
    let fonts = irregular_fonts();
    for &size in &[18.0f32, 24.37, 300.3] {
        for text in SAMPLES.iter() {
            let st = TextStyle { size, ..TextStyle::default() };
            let min = min_content_width(&fonts, text, &st);
            let l = layout_text(&fonts, text, &st, Some(min));
            assert_eq!(l.width, min, "the widest word is a line of its own in {:?}", text);
            for line in &l.lines {
                let end_ok = line.end == text.len()
                    || matches!(text.as_bytes()[line.end], b' ' | b'\n')
                    || text.as_bytes()[line.end - 1] == b'-';
                assert!(end_ok, "line {:?} ends inside a word", &text[line.start..line.end]);
            }
        }
    }
}

#[test]
fn max_content_width_lays_out_without_wrapping() {
    let fonts = irregular_fonts();
    for text in SAMPLES.iter() {
        let st = TextStyle { size: 24.37, ..TextStyle::default() };
        let max = max_content_width(&fonts, text, &st);
        let wrapped = layout_text(&fonts, text, &st, Some(max));
        let unbounded = layout_text(&fonts, text, &st, None);
        assert_eq!(wrapped.lines, unbounded.lines);
        assert_eq!(wrapped.width, max);
    }
}

/// Roboto Regular's advances (units of 2048) for the strings below.
const ROBOTO_REGULAR: [(char, u32); 37] = [
    ('\u{0020}', 508), ('\u{0021}', 528), ('\u{002C}', 403), ('\u{0031}', 1151),
    ('\u{0032}', 1151), ('\u{0033}', 1151), ('\u{0039}', 1151), ('\u{003A}', 496),
    ('\u{0045}', 1164), ('\u{0048}', 1461), ('\u{004C}', 1103), ('\u{004E}', 1461),
    ('\u{0053}', 1216), ('\u{0054}', 1222), ('\u{0057}', 1817), ('\u{0061}', 1114),
    ('\u{0064}', 1155), ('\u{0065}', 1086), ('\u{0067}', 1150), ('\u{0068}', 1128),
    ('\u{0069}', 498), ('\u{006C}', 498), ('\u{006E}', 1131), ('\u{006F}', 1168),
    ('\u{0070}', 1150), ('\u{0072}', 694), ('\u{0073}', 1057), ('\u{0074}', 670),
    ('\u{0076}', 992), ('\u{00B7}', 535), ('\u{00C9}', 1164), ('\u{00E8}', 1086),
    ('\u{00EF}', 507), ('\u{201C}', 724), ('\u{201D}', 732), ('\u{2026}', 1370),
    ('\u{20AC}', 1151),
];

/// `skia.Font.measureText` of Roboto Regular (skia-python 144.1, linear
/// metrics, no hinting) at several sizes.
const MEASURED_BY_SKIA: [(&str, f32, f32); 15] = [
    ("Hello, World!", 13.7, 76.73822021484375),
    ("Hello, World!", 24.4, 136.74473571777344),
    ("Hello, World!", 32.0, 179.40625),
    ("Hello, World!", 77.3, 433.3607177734375),
    ("Hello, World!", 300.3, 1683.615478515625),
    ("Season 3 \u{B7} Episode 12: \u{201C}The Long Night\u{201D}", 13.7, 243.54794311523438),
    ("Season 3 \u{B7} Episode 12: \u{201C}The Long Night\u{201D}", 24.4, 433.9936828613281),
    ("Season 3 \u{B7} Episode 12: \u{201C}The Long Night\u{201D}", 32.0, 569.390625),
    ("Season 3 \u{B7} Episode 12: \u{201C}The Long Night\u{201D}", 77.3, 1375.3785400390625),
    ("Season 3 \u{B7} Episode 12: \u{201C}The Long Night\u{201D}", 300.3, 5343.375),
    ("\u{C9}l\u{E8}ve na\u{EF}ve \u{2026} \u{20AC}12,99", 13.7, 125.0321044921875),
    ("\u{C9}l\u{E8}ve na\u{EF}ve \u{2026} \u{20AC}12,99", 24.4, 222.80270385742188),
    ("\u{C9}l\u{E8}ve na\u{EF}ve \u{2026} \u{20AC}12,99", 32.0, 292.3125),
    ("\u{C9}l\u{E8}ve na\u{EF}ve \u{2026} \u{20AC}12,99", 77.3, 706.0888671875),
    ("\u{C9}l\u{E8}ve na\u{EF}ve \u{2026} \u{20AC}12,99", 300.3, 2743.169921875),
];

#[test]
fn roboto_widths_are_bit_identical_to_skias_measure_text() {
    let mut table = FontTable::new(0.927734375, 0.244140625, 0.0, 0.443359375);
    for &(ch, units) in ROBOTO_REGULAR.iter() {
        table.set_glyph(ch as u32, units as f32 / 2048.0);
    }
    let mut fonts = Fonts::new();
    fonts.define(0, table);
    for &(text, size, expected) in MEASURED_BY_SKIA.iter() {
        assert_eq!(measure_width(&fonts, 0, size, text), (expected, 0), "{:?} at {}", text, size);
        let st = TextStyle { size, ..TextStyle::default() };
        assert_eq!(layout_text(&fonts, text, &st, None).width, expected);
    }
}

/// `font(true)` with "abcd" shaped as two clusters, "ab" (advance 1.5) and
/// "cd" (1.0): the widths of a shaped string are its clusters' advances.
fn shaped_fonts() -> Fonts {
    let mut f = fonts();
    for id in [0, 1] {
        if let Some(t) = f.get_mut(id) {
            t.set_shaped("abcd", &[1.5, 0.0, 1.0, 0.0], &[], false);
            t.set_shaped("dcba", &[0.5, 0.5, 0.5, 0.5], &[], true);
            // Host break flags: "abc def" may break only before 'c', not at
            // the space.
            t.set_shaped("abc def", &[0.5; 7], &[false, false, true, false, false, false, false], false);
        }
    }
    f
}

#[test]
fn a_shaped_string_is_measured_with_its_cluster_advances() {
    let f = shaped_fonts();
    assert_eq!(measure_width(&f, 0, SIZE, "abcd"), (40.0, 0));
    assert_eq!(measure_width(&f, 0, SIZE, "abce"), (32.0, 0)); // another text: per codepoint
    assert_eq!(max_content_width(&f, "abcd", &style()), 40.0);
}

#[test]
fn a_word_wider_than_the_line_breaks_between_clusters_never_inside_one() {
    let f = shaped_fonts();
    // 30 px: "ab" (24 px) fits, "abc" would not; the break falls after the
    // cluster "ab", not after "a".
    let layout = layout_text(&f, "abcd", &style(), Some(30.0));
    assert_eq!(drawn("abcd", &layout), vec!["ab", "cd"]);
    // 10 px: even one cluster overflows; a line holds a whole cluster.
    let layout = layout_text(&f, "abcd", &style(), Some(10.0));
    assert_eq!(drawn("abcd", &layout), vec!["ab", "cd"]);
}

#[test]
fn an_ellipsis_cuts_a_shaped_line_on_a_cluster_boundary() {
    let f = shaped_fonts();
    // Font 1 ends lines with "..." (12 px). "abcd" is 40 px; in 38 px the line
    // is ellipsized to "ab..." (36 px), never to "a..." (the cluster's inside).
    let s = TextStyle { wrap: false, font: 1, ..style() };
    let layout = layout_text(&f, "abcd", &s, Some(38.0));
    assert_eq!(drawn("abcd", &layout), vec!["ab..."]);
    assert_eq!(layout.lines[0].width, 36.0);
}

#[test]
fn start_and_end_follow_the_paragraph_direction_of_shaped_text() {
    let f = shaped_fonts();
    let start = TextStyle { align: TextAlign::Start, ..style() };
    let end = TextStyle { align: TextAlign::End, ..style() };
    // "dcba" was shaped as right to left: start is the right edge.
    assert_eq!(layout_text(&f, "dcba", &start, Some(100.0)).lines[0].x, 68.0);
    assert_eq!(layout_text(&f, "dcba", &end, Some(100.0)).lines[0].x, 0.0);
    assert_eq!(layout_text(&f, "abcd", &start, Some(100.0)).lines[0].x, 0.0);
    assert_eq!(layout_text(&f, "abcd", &end, Some(100.0)).lines[0].x, 60.0);
}

#[test]
fn cjk_text_breaks_between_ideographs_but_not_before_closing_punctuation() {
    let mut f = fonts();
    if let Some(t) = f.get_mut(0) {
        for ch in "日本語のテキスト。".chars() {
            t.set_glyph(ch as u32, 1.0); // 16 px each
        }
    }
    let text = "日本語のテキスト。";
    // 50 px hold three ideographs; "ト。" stays together.
    let layout = layout_text(&f, text, &style(), Some(50.0));
    assert_eq!(drawn(text, &layout), vec!["日本語", "のテキ", "スト。"]);
    assert_eq!(min_content_width(&f, text, &style()), 32.0);
}

#[test]
fn host_break_flags_replace_the_built_in_rule() {
    let f = shaped_fonts();
    // 8 px per character (shaped). The built-in rule would break at the
    // space ("abc" / "def"); the host allows a break only before 'c'.
    let layout = layout_text(&f, "abc def", &style(), Some(40.0));
    assert_eq!(drawn("abc def", &layout), vec!["ab", "c def"]);
    assert_eq!(min_content_width(&f, "abc def", &style()), 40.0);
}
