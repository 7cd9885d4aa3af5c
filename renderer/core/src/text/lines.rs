//! Line breaking, ellipsis, alignment and intrinsic widths (the algorithm is
//! described in `text/mod.rs`).

use super::font::{FontTable, Fonts, Shaped};
use super::scale::Scale;

/// How much a line may exceed the available width and still count as fitting
/// (absorbs float noise from layout arithmetic; invisible on screen).
pub const FIT_TOLERANCE: f32 = 1e-3;

/// The ellipsis appended to a truncated line when the font has U+2026.
pub const ELLIPSIS: &str = "\u{2026}";
/// The ellipsis used when the font has no advance for U+2026.
pub const ELLIPSIS_FALLBACK: &str = "...";

/// Horizontal alignment of each line (property `TEXT_ALIGN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextAlign {
    /// Lines start at x = 0.
    Left,
    /// Lines are centred in the available (or widest line's) width.
    Center,
    /// Lines end at the available (or widest line's) width.
    Right,
    /// Left, or right when the text's paragraph direction is right to left
    /// (known from its `SHAPED_TEXT` record).
    Start,
    /// Right, or left in a right-to-left paragraph.
    End,
}

impl TextAlign {
    /// The protocol value (0 left, 1 center, 2 right, 3 start, 4 end), or
    /// `None` if out of range.
    pub fn from_u8(value: u8) -> Option<TextAlign> {
        match value {
            0 => Some(TextAlign::Left),
            1 => Some(TextAlign::Center),
            2 => Some(TextAlign::Right),
            3 => Some(TextAlign::Start),
            4 => Some(TextAlign::End),
            _ => None,
        }
    }

    fn fraction(self, rtl: bool) -> f32 {
        match (self, rtl) {
            (TextAlign::Left, _) | (TextAlign::Start, false) | (TextAlign::End, true) => 0.0,
            (TextAlign::Center, _) => 0.5,
            _ => 1.0,
        }
    }
}

/// The text properties of a node (PROTOCOL.md properties 60-67).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Font id (`DEFINE_FONT`).
    pub font: u8,
    /// Font size in design units.
    pub size: f32,
    /// Line height as a multiple of the size; `0` = the font's own.
    pub line_height: f32,
    /// Most lines shown; `0` = unlimited.
    pub max_lines: u16,
    /// Horizontal alignment.
    pub align: TextAlign,
    /// Wrap at word boundaries (`false`: only explicit `\n` breaks lines).
    pub wrap: bool,
    /// End a truncated line with an ellipsis (`false`: cut it off).
    pub ellipsis: bool,
}

impl Default for TextStyle {
    /// The protocol defaults: font 0, 32 px, the font's line height,
    /// unlimited lines, left, wrapping, ellipsis.
    fn default() -> TextStyle {
        TextStyle {
            font: 0,
            size: 32.0,
            line_height: 0.0,
            max_lines: 0,
            align: TextAlign::Left,
            wrap: true,
            ellipsis: true,
        }
    }
}

/// One finished line: what a TEXT display-list record draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextLine {
    /// Byte offset of the line's first character in the source text.
    pub start: usize,
    /// Byte offset just past its last drawn character (trailing spaces are
    /// not part of the line).
    pub end: usize,
    /// Whether the ellipsis (`TextLayout::ellipsis_text`) is drawn after
    /// `source[start..end]`.
    pub ellipsis: bool,
    /// Offset from the left of the text box, from the alignment (>= 0).
    pub x: f32,
    /// Baseline, from the top of the text box.
    pub baseline: f32,
    /// Width of the drawn string (`source[start..end]` plus the ellipsis, if
    /// any), exactly as Skia measures it.
    pub width: f32,
}

/// The lines of one text at one available width.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLayout {
    /// The visible lines, top to bottom.
    pub lines: Vec<TextLine>,
    /// Width of the widest line.
    pub width: f32,
    /// Number of lines times the line height.
    pub height: f32,
    /// Line height in design units.
    pub line_height: f32,
    /// Characters of the source (line breaks excluded) that the font has no
    /// advance for; each was measured with the font's fallback advance.
    pub missing_glyphs: u32,
    /// What a line with `ellipsis: true` ends with: `"…"`, or `"..."` if the
    /// font has no U+2026.
    pub ellipsis_text: &'static str,
}

/// Width of `text` drawn as one run in font `font` at `size`, and how many of
/// its characters had no advance (measured with the fallback advance).
pub fn measure_width(fonts: &Fonts, font: u8, size: f32, text: &str) -> (f32, u32) {
    let mut m = Measure::new(fonts.table_or_undefined(font), size, text);
    let mut sum = 0.0f32;
    let mut missing = 0u32;
    for (i, ch) in text.char_indices() {
        sum += m.glyph_at(i, ch);
        missing += m.table.advance(ch).is_none() as u32;
    }
    (m.scale.finish(sum), missing)
}

/// Lays `text` out in lines no wider than `max_width` (if wrapping), applying
/// max lines, ellipsis, alignment and line height.
///
/// `max_width` is the content width of the text box; `None` (or a NaN or
/// infinite width) means unbounded. Lines are aligned within `max_width`, or within the widest line
/// when it is `None`.
pub fn layout_text(
    fonts: &Fonts,
    text: &str,
    style: &TextStyle,
    max_width: Option<f32>,
) -> TextLayout {
    let table = fonts.table_or_undefined(style.font);
    let mut m = Measure::new(table, style.size, text);
    let limit = max_width.filter(|w| w.is_finite()).map(|w| w.max(0.0));
    let wrap_limit = if style.wrap { limit } else { None };
    let max_lines = style.max_lines as usize;

    let mut raw: Vec<RawLine> = Vec::new();
    let mut truncated = false;
    for (p0, p1) in paragraphs(text) {
        if max_lines > 0 && raw.len() >= max_lines {
            truncated = true;
            break;
        }
        break_paragraph(&mut m, text, p0, p1, wrap_limit, &mut raw);
    }
    if max_lines > 0 && raw.len() > max_lines {
        raw.truncate(max_lines);
        truncated = true;
    }

    let ellipsis_text = if table.advance('\u{2026}').is_some() { ELLIPSIS } else { ELLIPSIS_FALLBACK };
    let mut lines: Vec<TextLine> = Vec::with_capacity(raw.len());
    let count = raw.len();
    for (index, line) in raw.into_iter().enumerate() {
        let cut_by_lines = truncated && index + 1 == count;
        let too_wide = match limit {
            Some(w) => !style.wrap && line.width > w + FIT_TOLERANCE,
            None => false,
        };
        let mut out = TextLine {
            start: line.start,
            end: line.end,
            ellipsis: false,
            x: 0.0,
            baseline: 0.0,
            width: line.width,
        };
        if style.ellipsis && (cut_by_lines || too_wide) {
            let (end, width) = m.ellipsize(text, line.start, line.end, ellipsis_text, limit);
            out.end = end;
            out.width = width;
            out.ellipsis = true;
        }
        lines.push(out);
    }

    let widest = lines.iter().fold(0.0f32, |w, l| w.max(l.width));
    let align_width = limit.unwrap_or(widest);
    let line_height = if style.line_height > 0.0 {
        style.line_height * style.size
    } else {
        table.line_height() * style.size
    };
    let ascent = table.ascent * style.size;
    let half_leading = (line_height - (table.ascent + table.descent) * style.size) * 0.5;
    let fraction = style.align.fraction(m.shaped.map_or(false, |s| s.rtl));
    for (index, line) in lines.iter_mut().enumerate() {
        line.x = ((align_width - line.width) * fraction).max(0.0);
        line.baseline = index as f32 * line_height + half_leading + ascent;
    }

    TextLayout {
        height: lines.len() as f32 * line_height,
        lines,
        width: widest,
        line_height,
        missing_glyphs: count_missing(table, text),
        ellipsis_text,
    }
}

/// The narrowest the text can be laid out without breaking a word: the widest
/// word (a run between break opportunities). Without wrapping this is
/// [`max_content_width`].
pub fn min_content_width(fonts: &Fonts, text: &str, style: &TextStyle) -> f32 {
    if !style.wrap {
        return max_content_width(fonts, text, style);
    }
    let mut m = Measure::new(fonts.table_or_undefined(style.font), style.size, text);
    let mut widest = 0.0f32;
    for (p0, p1) in paragraphs(text) {
        let mut segment_start = p0;
        let mut sum = 0.0f32;
        let mut content_end = p0;
        let mut content_sum = 0.0f32;
        let mut after_space = false;
        let mut prev = ' ';
        for (offset, ch) in sub(text, p0, p1).char_indices() {
            let i = p0 + offset;
            if is_space(ch) {
                if segment_start > p0 && content_end == segment_start {
                    // Spaces after a hyphen break start no segment.
                    segment_start = i + ch.len_utf8();
                    content_end = segment_start;
                } else {
                    sum += m.glyph_at(i, ch);
                    after_space = true;
                }
                continue;
            }
            let host = m.host_break(i);
            let boundary = match host {
                Some(b) => b && content_end > segment_start,
                None => {
                    (after_space && content_end > segment_start)
                        || (content_end == i && i > segment_start && ideographic_break(prev, ch))
                }
            };
            if boundary {
                widest = widest.max(m.scale.finish(content_sum));
                segment_start = i;
                sum = 0.0;
            }
            after_space = false;
            prev = ch;
            let follows_content = content_end == i && i > segment_start;
            sum += m.glyph_at(i, ch);
            content_end = i + ch.len_utf8();
            content_sum = sum;
            if host.is_none() && is_hyphen(ch) && follows_content {
                widest = widest.max(m.scale.finish(content_sum));
                segment_start = content_end;
                sum = 0.0;
                content_sum = 0.0;
            }
        }
        widest = widest.max(m.scale.finish(content_sum));
    }
    widest
}

/// The width of the text without any wrapping: its widest paragraph
/// (explicit `\n` still breaks lines), trailing spaces excluded.
pub fn max_content_width(fonts: &Fonts, text: &str, style: &TextStyle) -> f32 {
    let mut m = Measure::new(fonts.table_or_undefined(style.font), style.size, text);
    let mut lines = Vec::new();
    for (p0, p1) in paragraphs(text) {
        break_paragraph(&mut m, text, p0, p1, None, &mut lines);
    }
    lines.iter().fold(0.0f32, |w, l| w.max(l.width))
}

/// A line before ellipsis and alignment.
struct RawLine {
    start: usize,
    end: usize,
    width: f32,
}

/// A font table at one size, with the Latin-1 advances scaled on first use,
/// and the shaped advances of the text being measured, if the host shaped it.
struct Measure<'a> {
    table: &'a FontTable,
    scale: Scale,
    /// Scaled advances of U+0000..U+00FF; `NaN` until first needed.
    latin1: [f32; 256],
    /// The host's shaping of the text (`FontTable::shaped`).
    shaped: Option<&'a Shaped>,
}

impl<'a> Measure<'a> {
    fn new(table: &'a FontTable, size: f32, text: &str) -> Measure<'a> {
        let shaped = table.shaped(text);
        Measure { table, scale: Scale::for_size(size), latin1: [f32::NAN; 256], shaped }
    }

    /// The advance of the character `ch` at byte `i` of the measured text:
    /// its shaped advance (0 inside a cluster), else its table advance.
    #[inline]
    fn glyph_at(&mut self, i: usize, ch: char) -> f32 {
        if let Some(a) = self.shaped.and_then(|s| s.advances.get(i)).filter(|a| !a.is_nan()) {
            return self.scale.glyph(*a);
        }
        self.glyph(ch)
    }

    /// The host's break flag before byte `i` (`None`: no flags were sent, the
    /// built-in rule applies).
    #[inline]
    fn host_break(&self, i: usize) -> Option<bool> {
        match self.shaped {
            Some(s) if !s.breaks.is_empty() => Some(s.breaks.get(i).copied().unwrap_or(false)),
            _ => None,
        }
    }

    /// One character's advance in strike units (see `scale.rs`).
    #[inline(always)]
    fn glyph(&mut self, ch: char) -> f32 {
        let cp = ch as usize;
        if cp < self.latin1.len() {
            let cached = self.latin1[cp];
            if !cached.is_nan() {
                return cached;
            }
            let scaled = self.scale.glyph(self.table.advance_or_fallback(ch).0);
            self.latin1[cp] = scaled;
            return scaled;
        }
        self.scale.glyph(self.table.advance_or_fallback(ch).0)
    }

    /// `sum` (a strike-unit sum) continued with the ellipsis' glyphs.
    fn with_ellipsis(&mut self, sum: f32, ellipsis: &str) -> f32 {
        let mut sum = sum;
        for ch in ellipsis.chars() {
            sum += self.glyph(ch);
        }
        sum
    }

    /// The longest prefix of `text[start..end]` (trailing spaces dropped) that
    /// fits in `limit` with the ellipsis after it: `(prefix end, width of
    /// prefix + ellipsis)`. If not even the ellipsis alone fits, the prefix is
    /// empty and the width is the ellipsis' own.
    fn ellipsize(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        ellipsis: &str,
        limit: Option<f32>,
    ) -> (usize, f32) {
        let fits = |width: f32| match limit {
            Some(w) => width <= w + FIT_TOLERANCE,
            None => true,
        };
        let mut best = (start, self.scale.finish(self.with_ellipsis(0.0, ellipsis)));
        let mut sum = 0.0f32;
        for (offset, ch) in sub(text, start, end).char_indices() {
            sum += self.glyph_at(start + offset, ch);
            if is_space(ch) {
                continue;
            }
            let width = self.scale.finish(self.with_ellipsis(sum, ellipsis));
            if !fits(width) {
                break;
            }
            best = (start + offset + ch.len_utf8(), width);
        }
        best
    }
}

/// Byte ranges of the paragraphs of `text`: split at `\n`, with a `\r`
/// right before it dropped. Empty text has no paragraphs, and a line feed at
/// the very end starts no new one (as in CSS: `"a\n"` is one line).
fn paragraphs(text: &str) -> Paragraphs<'_> {
    Paragraphs { text, start: if text.is_empty() { None } else { Some(0) } }
}

/// Iterator behind [`paragraphs`] (no allocation).
struct Paragraphs<'a> {
    text: &'a str,
    /// Where the next paragraph starts; `None` once the last was returned.
    start: Option<usize>,
}

impl<'a> Iterator for Paragraphs<'a> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let start = self.start?;
        let bytes = self.text.as_bytes();
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(offset) => {
                let newline = start + offset;
                let end = if newline > start && bytes[newline - 1] == b'\r' { newline - 1 } else { newline };
                self.start = if newline + 1 < bytes.len() { Some(newline + 1) } else { None };
                Some((start, end))
            }
            None => {
                self.start = None;
                Some((start, bytes.len()))
            }
        }
    }
}

/// Spaces hang at the end of a line and a line may break after them.
#[inline]
fn is_space(ch: char) -> bool {
    ch == ' ' || ch == '\t'
}

/// A line may break after a hyphen or dash that follows a non-space character.
#[inline]
fn is_hyphen(ch: char) -> bool {
    matches!(ch, '-' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '\u{200B}')
}

/// Whether a line may break between `a` and `b` because one of them is an
/// ideograph, kana or Hangul syllable (UAX #14 classes ID, H2/H3, and CJ as
/// ID), except before closing punctuation and small kana, or after opening
/// punctuation (the common kinsoku rules).
fn ideographic_break(a: char, b: char) -> bool {
    (is_ideographic(a) || is_ideographic(b)) && !no_break_before(b) && !no_break_after(a)
}

fn is_ideographic(ch: char) -> bool {
    matches!(ch as u32, 0x2E80..=0x2FFF | 0x3003..=0x3007 | 0x3012..=0x3013 | 0x3020..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF01..=0xFF60 | 0x20000..=0x3FFFF)
}

/// Closing punctuation and small kana: no line starts with them.
const NO_BREAK_BEFORE: [char; 39] = [
    '、', '。', '，', '．', '・', '：', '；', '？', '！', '）', '」', '』', '】', '〕', '〉', '》', 'ー', '々',
    'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ',
    'ョ', ',', '.', '!',
];
/// Opening punctuation: no line ends with it.
const NO_BREAK_AFTER: [char; 10] = ['（', '「', '『', '【', '〔', '〈', '《', '(', '[', '{'];

fn no_break_before(ch: char) -> bool {
    NO_BREAK_BEFORE.contains(&ch) || matches!(ch, '?' | ')' | ']' | '}' | ':' | ';')
}

fn no_break_after(ch: char) -> bool {
    NO_BREAK_AFTER.contains(&ch)
}

/// Greedy line breaking of the paragraph `text[p0..p1]` (no `\n` inside).
///
/// The width of each line is summed from zero at the line's first character,
/// which is exactly how Skia measures the line's string.
fn break_paragraph(
    m: &mut Measure,
    text: &str,
    p0: usize,
    p1: usize,
    limit: Option<f32>,
    out: &mut Vec<RawLine>,
) {
    let mut start = p0;
    loop {
        let mut sum = 0.0f32;
        let mut content_end = start;
        let mut content_sum = 0.0f32;
        // (line end, its strike sum, where the next line starts)
        let mut opportunity: Option<(usize, f32, usize)> = None;
        let mut after_space = false;
        let mut prev = ' ';
        let mut next_start: Option<usize> = None;
        for (offset, ch) in sub(text, start, p1).char_indices() {
            let i = start + offset;
            let advance = m.glyph_at(i, ch);
            if is_space(ch) {
                sum += advance;
                after_space = true;
                continue;
            }
            // The host's break flags (UAX #14 from ICU) replace the built-in
            // rule of spaces, hyphens and ideographs.
            let host = m.host_break(i);
            let opens = match host {
                Some(b) => b,
                None => after_space || (content_end == i && ideographic_break(prev, ch)),
            };
            if opens && content_end > start {
                opportunity = Some((content_end, content_sum, i));
            }
            after_space = false;
            prev = ch;
            let follows_content = content_end == i && i > start;
            let widened = sum + advance;
            if let Some(w) = limit {
                // A zero advance (a shaped cluster's continuation) never
                // overflows: a line never ends inside a cluster.
                if content_end > start && advance > 0.0 && m.scale.finish(widened) > w + FIT_TOLERANCE {
                    match opportunity {
                        Some((end, end_sum, next)) => {
                            out.push(RawLine { start, end, width: m.scale.finish(end_sum) });
                            next_start = Some(next);
                        }
                        None => {
                            // One word wider than the line: break it by characters.
                            out.push(RawLine {
                                start,
                                end: content_end,
                                width: m.scale.finish(content_sum),
                            });
                            next_start = Some(i);
                        }
                    }
                    break;
                }
            }
            sum = widened;
            content_end = i + ch.len_utf8();
            content_sum = sum;
            if host.is_none() && is_hyphen(ch) && follows_content {
                opportunity = Some((content_end, content_sum, content_end));
            }
        }
        match next_start {
            Some(next) => start = next,
            None => {
                out.push(RawLine { start, end: content_end, width: m.scale.finish(content_sum) });
                return;
            }
        }
    }
}

/// Characters of `text` the font has no advance for (line breaks excluded).
fn count_missing(table: &FontTable, text: &str) -> u32 {
    let mut missing = 0u32;
    for (p0, p1) in paragraphs(text) {
        missing += sub(text, p0, p1).chars().filter(|&ch| table.advance(ch).is_none()).count() as u32;
    }
    missing
}

/// `text[a..b]` without the panic path (its message formatting links
/// `char`/`str` `Debug` and the Unicode tables); the ranges come from
/// `char_indices` and paragraph splits, so they are always on boundaries.
fn sub(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}
