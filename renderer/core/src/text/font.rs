//! Font tables: vertical metrics and glyph advances per 1 px of font size, as
//! uploaded by `DEFINE_FONT` and `FONT_GLYPHS`.
//!
//! Latin-1 (U+0000..U+00FF) lives in a dense array; every other codepoint in a
//! vector sorted by codepoint (binary search), which stays small because the
//! host uploads only the characters its strings use.
//!
//! A string the host shaped (`SHAPED_TEXT`: Arabic joins, Devanagari
//! conjuncts, combining marks, kerning) carries its own advances: one per
//! character, the whole cluster's advance on its first character and 0 on the
//! others. They are kept per font, sorted by the text, and override the
//! per-codepoint table for text whose content is exactly that string.

/// Number of codepoints kept in the dense table (U+0000..U+00FF).
const DENSE: usize = 256;

/// Most shaped strings kept per font; further ones are ignored (measured per
/// codepoint). Each is one distinct complex-script string of the app.
pub const MAX_SHAPED: usize = 65536;

/// One `SHAPED_TEXT` record, indexed by the byte offsets of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Shaped {
    text: Box<str>,
    /// Advance per 1 px per byte offset (NaN on bytes that start no character):
    /// a cluster's advance on its first character, 0 on the others.
    pub advances: Box<[f32]>,
    /// Per byte offset, whether a line may break before that character (the
    /// host's UAX #14); empty when the host sent no break flags.
    pub breaks: Box<[bool]>,
    /// Whether the paragraph direction is right to left.
    pub rtl: bool,
}

/// Metrics of one font, all per 1 px of font size.
#[derive(Clone, Debug, PartialEq)]
pub struct FontTable {
    /// Distance from the baseline up to the top of the line box (positive).
    pub ascent: f32,
    /// Distance from the baseline down to the bottom (positive).
    pub descent: f32,
    /// Extra space between lines (`ascent + descent + leading` is the font's own
    /// line height).
    pub leading: f32,
    /// The advance used for a character the table lacks (such characters are
    /// also counted as missing glyphs).
    pub fallback_advance: f32,
    /// Advances of U+0000..U+00FF; `NaN` marks a codepoint not uploaded.
    dense: Vec<f32>,
    /// Advances of the other codepoints, sorted by codepoint.
    sparse: Vec<(u32, f32)>,
    /// Shaped strings, sorted by text.
    shaped: Vec<Shaped>,
}

impl FontTable {
    /// A font with no glyphs yet.
    pub fn new(ascent: f32, descent: f32, leading: f32, fallback_advance: f32) -> FontTable {
        FontTable {
            ascent,
            descent,
            leading,
            fallback_advance,
            dense: vec![f32::NAN; DENSE],
            sparse: Vec::new(),
            shaped: Vec::new(),
        }
    }

    /// Checks `DEFINE_FONT` metrics: all finite, ascent, descent and the
    /// fallback advance `>= 0`, and the line height `ascent + descent +
    /// leading` positive.
    pub fn check_metrics(
        ascent: f32,
        descent: f32,
        leading: f32,
        fallback_advance: f32,
    ) -> Result<(), &'static str> {
        let all = [ascent, descent, leading, fallback_advance];
        if all.iter().any(|v| !v.is_finite()) {
            return Err("font metrics must be finite numbers");
        }
        if ascent < 0.0 || descent < 0.0 || fallback_advance < 0.0 {
            return Err("ascent, descent and fallback advance must be >= 0");
        }
        if ascent + descent + leading <= 0.0 {
            return Err("ascent + descent + leading must be > 0");
        }
        Ok(())
    }

    /// Checks one `FONT_GLYPHS` entry: a Unicode scalar value and a finite
    /// advance `>= 0`.
    pub fn check_glyph(codepoint: u32, advance: f32) -> Result<(), &'static str> {
        if char::from_u32(codepoint).is_none() {
            return Err("glyph codepoint is not a Unicode scalar value");
        }
        if !advance.is_finite() || advance < 0.0 {
            return Err("glyph advance must be a finite number >= 0");
        }
        Ok(())
    }

    /// Adds or replaces the advance (per 1 px) of `codepoint`. Values that
    /// [`FontTable::check_glyph`] rejects are ignored (validate first).
    pub fn set_glyph(&mut self, codepoint: u32, advance: f32) {
        if FontTable::check_glyph(codepoint, advance).is_err() {
            return;
        }
        if (codepoint as usize) < DENSE {
            self.dense[codepoint as usize] = advance;
            return;
        }
        match self.sparse.binary_search_by_key(&codepoint, |&(cp, _)| cp) {
            Ok(i) => self.sparse[i].1 = advance,
            Err(i) => self.sparse.insert(i, (codepoint, advance)),
        }
    }

    /// The advance (per 1 px) of `ch`, if it was uploaded.
    #[inline]
    pub fn advance(&self, ch: char) -> Option<f32> {
        let cp = ch as u32;
        if (cp as usize) < DENSE {
            let a = self.dense[cp as usize];
            return if a.is_nan() { None } else { Some(a) };
        }
        self.sparse
            .binary_search_by_key(&cp, |&(c, _)| c)
            .ok()
            .map(|i| self.sparse[i].1)
    }

    /// The advance of `ch`, or the fallback advance; the flag is `true` when
    /// the fallback was used.
    #[inline]
    pub fn advance_or_fallback(&self, ch: char) -> (f32, bool) {
        match self.advance(ch) {
            Some(a) => (a, false),
            None => (self.fallback_advance, true),
        }
    }

    /// Checks one `SHAPED_TEXT` record: one finite advance `>= 0` per
    /// character of `text`, and as many break flags, if any.
    pub fn check_shaped(text: &str, advances: &[f32], breaks: &[bool]) -> Result<(), &'static str> {
        let count = text.chars().count();
        if count != advances.len() || !(breaks.is_empty() || breaks.len() == count) {
            return Err("shaped text needs one advance (and break flag) per character");
        }
        if advances.iter().any(|a| !a.is_finite() || *a < 0.0) {
            return Err("shaped advances must be finite numbers >= 0");
        }
        Ok(())
    }

    /// Adds or replaces the shaping of `text`: per-character advances, break
    /// flags (empty: none sent) and direction (validate with
    /// [`FontTable::check_shaped`] first; a mismatch is ignored).
    pub fn set_shaped(&mut self, text: &str, advances: &[f32], breaks: &[bool], rtl: bool) {
        if FontTable::check_shaped(text, advances, breaks).is_err() {
            return;
        }
        let mut per_byte = vec![f32::NAN; text.len()];
        let mut break_bytes = vec![false; if breaks.is_empty() { 0 } else { text.len() }];
        for (k, (offset, _)) in text.char_indices().enumerate() {
            per_byte[offset] = advances[k];
            if let Some(&b) = breaks.get(k) {
                break_bytes[offset] = b;
            }
        }
        let entry = Shaped {
            text: Box::from(text),
            advances: per_byte.into_boxed_slice(),
            breaks: break_bytes.into_boxed_slice(),
            rtl,
        };
        match self.shaped.binary_search_by(|s| (*s.text).cmp(text)) {
            Ok(i) => self.shaped[i] = entry,
            Err(i) if self.shaped.len() < MAX_SHAPED => self.shaped.insert(i, entry),
            Err(_) => {}
        }
    }

    /// The shaping of `text`, if the host shaped it.
    pub fn shaped(&self, text: &str) -> Option<&Shaped> {
        if self.shaped.is_empty() {
            return None;
        }
        self.shaped.binary_search_by(|s| (*s.text).cmp(text)).ok().map(|i| &self.shaped[i])
    }

    /// How many shaped strings the font keeps.
    pub fn shaped_count(&self) -> usize {
        self.shaped.len()
    }

    /// How many codepoints have an advance.
    pub fn glyph_count(&self) -> usize {
        self.dense.iter().filter(|a| !a.is_nan()).count() + self.sparse.len()
    }

    /// The font's own line height per 1 px: `ascent + descent + leading`.
    pub fn line_height(&self) -> f32 {
        self.ascent + self.descent + self.leading
    }
}

/// Font id (`u8`) to table. Defining an id again replaces the font and its
/// glyphs.
#[derive(Clone, Debug)]
pub struct Fonts {
    tables: Vec<Option<FontTable>>,
    /// What text in an undefined font is measured with: every character is
    /// missing and measured as half the font size.
    undefined: FontTable,
}

impl Default for Fonts {
    fn default() -> Fonts {
        Fonts::new()
    }
}

impl Fonts {
    /// No fonts defined.
    pub fn new() -> Fonts {
        Fonts { tables: Vec::new(), undefined: FontTable::new(0.8, 0.2, 0.0, 0.5) }
    }

    /// Defines (or replaces) font `id`.
    pub fn define(&mut self, id: u8, table: FontTable) {
        let i = id as usize;
        if self.tables.len() <= i {
            self.tables.resize(i + 1, None);
        }
        self.tables[i] = Some(table);
    }

    /// The table of font `id`, if defined.
    pub fn get(&self, id: u8) -> Option<&FontTable> {
        self.tables.get(id as usize).and_then(|t| t.as_ref())
    }

    /// The table of font `id` for adding glyphs, if defined.
    pub fn get_mut(&mut self, id: u8) -> Option<&mut FontTable> {
        self.tables.get_mut(id as usize).and_then(|t| t.as_mut())
    }

    /// Whether font `id` was defined.
    pub fn is_defined(&self, id: u8) -> bool {
        self.get(id).is_some()
    }

    /// Adds glyph advances to font `id`; `false` (and nothing changed) if the
    /// font is not defined.
    pub fn add_glyphs(&mut self, id: u8, glyphs: &[(u32, f32)]) -> bool {
        match self.get_mut(id) {
            Some(table) => {
                for &(cp, advance) in glyphs {
                    table.set_glyph(cp, advance);
                }
                true
            }
            None => false,
        }
    }

    /// The table text in font `id` is measured with: the defined one, or a
    /// stand-in whose every character is missing.
    pub fn table_or_undefined(&self, id: u8) -> &FontTable {
        match self.get(id) {
            Some(t) => t,
            None => &self.undefined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_other_codepoints_are_stored_and_replaced() {
        let mut t = FontTable::new(0.9, 0.25, 0.0, 0.5);
        t.set_glyph('A' as u32, 0.6);
        t.set_glyph(0x2026, 0.8);
        t.set_glyph(0x20AC, 0.55);
        t.set_glyph(0x2013, 0.5);
        t.set_glyph('A' as u32, 0.65);
        t.set_glyph(0x2026, 0.85);
        assert_eq!(t.advance('A'), Some(0.65));
        assert_eq!(t.advance('\u{2026}'), Some(0.85));
        assert_eq!(t.advance('\u{20AC}'), Some(0.55));
        assert_eq!(t.advance('\u{2013}'), Some(0.5));
        assert_eq!(t.advance('B'), None);
        assert_eq!(t.advance('\u{4E2D}'), None);
        assert_eq!(t.glyph_count(), 4);
    }

    #[test]
    fn a_missing_glyph_falls_back_and_says_so() {
        let t = FontTable::new(0.9, 0.25, 0.0, 0.44);
        assert_eq!(t.advance_or_fallback('x'), (0.44, true));
    }

    #[test]
    fn invalid_glyphs_are_reported_and_ignored() {
        assert!(FontTable::check_glyph(0xD800, 0.5).is_err());
        assert!(FontTable::check_glyph(0x41, f32::NAN).is_err());
        assert!(FontTable::check_glyph(0x41, -1.0).is_err());
        let mut t = FontTable::new(0.9, 0.25, 0.0, 0.5);
        t.set_glyph(0x41, f32::INFINITY);
        t.set_glyph(0x110000, 0.5);
        assert_eq!(t.glyph_count(), 0);
    }

    #[test]
    fn invalid_metrics_are_reported() {
        assert!(FontTable::check_metrics(0.9, 0.25, 0.0, 0.5).is_ok());
        assert!(FontTable::check_metrics(f32::NAN, 0.25, 0.0, 0.5).is_err());
        assert!(FontTable::check_metrics(-0.9, 0.25, 0.0, 0.5).is_err());
        assert!(FontTable::check_metrics(0.0, 0.0, 0.0, 0.5).is_err());
    }

    #[test]
    fn shaped_text_overrides_per_character_and_is_checked() {
        let mut t = FontTable::new(0.9, 0.25, 0.0, 0.5);
        assert!(FontTable::check_shaped("ab", &[0.5], &[]).is_err());
        assert!(FontTable::check_shaped("ab", &[0.5, f32::NAN], &[]).is_err());
        assert!(FontTable::check_shaped("ab", &[0.5, 0.5], &[false]).is_err());
        t.set_shaped("a\u{301}b", &[0.6, 0.0, 0.5], &[], false);
        let s = t.shaped("a\u{301}b").map(|s| s.advances.to_vec()).unwrap_or_default();
        assert_eq!(s.len(), 4);
        assert_eq!((s[0], s[1], s[3]), (0.6, 0.0, 0.5));
        assert!(s[2].is_nan());
        assert!(t.shaped("ab").is_none());
        t.set_shaped("a\u{301}b", &[0.7, 0.0, 0.5], &[false, false, true], true);
        assert_eq!(t.shaped_count(), 1);
        let s = t.shaped("a\u{301}b").map(|s| (s.advances[0], s.rtl, s.breaks.to_vec()));
        assert_eq!(s, Some((0.7, true, vec![false, false, false, true])));
    }

    #[test]
    fn redefining_a_font_clears_its_glyphs() {
        let mut fonts = Fonts::new();
        fonts.define(3, FontTable::new(0.9, 0.25, 0.0, 0.5));
        assert!(fonts.add_glyphs(3, &[(0x41, 0.6)]));
        assert_eq!(fonts.get(3).map(|t| t.glyph_count()), Some(1));
        fonts.define(3, FontTable::new(0.9, 0.25, 0.0, 0.5));
        assert_eq!(fonts.get(3).map(|t| t.glyph_count()), Some(0));
    }

    #[test]
    fn glyphs_for_an_undefined_font_are_refused() {
        let mut fonts = Fonts::new();
        assert!(!fonts.add_glyphs(7, &[(0x41, 0.6)]));
        assert!(!fonts.is_defined(7));
        assert_eq!(fonts.table_or_undefined(7).advance('A'), None);
    }
}
