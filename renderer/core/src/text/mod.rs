//! Text measurement and line breaking, inside the engine.
//!
//! Pure functions over font tables: nothing here knows about scene nodes. The
//! scene keeps a [`Fonts`] filled by `DEFINE_FONT` / `FONT_GLYPHS`, calls
//! [`layout_text`] (or the intrinsic widths) from layout, and turns each
//! [`TextLine`] into one TEXT display-list record.
//!
//! # API
//!
//! ```text
//! FontTable::new(ascent, descent, leading, fallback_advance)   // per 1 px
//! FontTable::check_metrics(..) / check_glyph(cp, advance) -> Result<(), &str>
//! FontTable::set_glyph(cp, advance); advance(ch) -> Option<f32>
//! Fonts::new(); define(id, table); add_glyphs(id, &[(cp, adv)]) -> bool; get(id)
//! measure_width(&fonts, font, size, text) -> (width, missing_glyphs)
//! layout_text(&fonts, text, &TextStyle, max_width: Option<f32>) -> TextLayout
//! min_content_width(&fonts, text, &TextStyle) -> f32   // widest word
//! max_content_width(&fonts, text, &TextStyle) -> f32   // widest paragraph
//! ```
//!
//! # Widths are Skia's widths
//!
//! A line's width is the sum of its characters' advances computed exactly the
//! way skia-python's `Font.measureText` does (truncation of the size to 1/64
//! px, 16.16 fixed-point advances, sequential `f32` sums, the size-64 strike
//! above 256 px; see `scale.rs` and `docs/text.md`). Widths are always summed
//! from zero at the first character of the string that will be drawn, so the
//! width of a TEXT record is bit-identical to what the host's painter draws.
//! A character without an advance is measured with the font's
//! `fallback_advance` (never zero) and counted in `missing_glyphs`.
//!
//! # Line breaking
//!
//! 1. The text is split into paragraphs at `\n` (`\r\n` counts as one break).
//!    Empty text has no lines; an empty paragraph is one empty line; a `\n`
//!    at the very end starts no new line (as in CSS).
//! 2. Each paragraph is broken greedily when wrapping and a width is given.
//!    Break opportunities are after a run of spaces (before the next word) and
//!    after a hyphen or dash (`-`, U+2010, U+2013, U+2014, U+200B) that follows
//!    a non-space. Spaces at the end of a line hang: they are not drawn and do
//!    not count toward the width; a line after a break starts at the next
//!    word. Spaces at the start of a paragraph are kept. A line that would
//!    overflow breaks at its last opportunity; a word wider than the whole line
//!    is broken between characters (a line holds at least one character).
//! 3. With `max_lines > 0`, lines past it are dropped. If anything was dropped
//!    and `ellipsis` is on, the last line is ellipsized; without wrapping,
//!    every line wider than `max_width` is ellipsized too. Ellipsizing keeps
//!    the longest prefix of the line (trailing spaces trimmed) such that
//!    prefix + ellipsis fits; if even the ellipsis alone does not fit, the line
//!    is the ellipsis alone. The ellipsis is U+2026, or `...` when the font has
//!    no advance for it. With `ellipsis` off, lines are just dropped (and a
//!    too-wide unwrapped line stays too wide: the scene clips it).
//! 4. Alignment: `x = (W - width) * {0, 0.5, 1}`, at least 0, where `W` is
//!    `max_width` or, when unbounded, the widest line.
//! 5. Vertical: the line height is `line_height * size`, or the font's
//!    `(ascent + descent + leading) * size`; the half-leading model of CSS puts
//!    line `i`'s baseline at `i * lh + (lh - (ascent + descent) * size) / 2 +
//!    ascent * size`. The height is `lines * lh`.
//!
//! A fitting test allows [`FIT_TOLERANCE`] (1e-3 design units) of excess so
//! that widths passed through layout arithmetic still fit.

mod font;
mod lines;
mod scale;

#[cfg(test)]
mod tests;

pub use font::{FontTable, Fonts, Shaped};
pub use lines::{
    layout_text, max_content_width, measure_width, min_content_width, TextAlign, TextLayout,
    TextLine, TextStyle, ELLIPSIS, ELLIPSIS_FALLBACK, FIT_TOLERANCE,
};
pub use scale::Scale;
