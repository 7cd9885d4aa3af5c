//! How Skia turns a per-1px advance into a width at a font size.
//!
//! The host paints TEXT records with skia-python (`skia.TextBlob.MakeFromString`
//! with a `skia.Font` that has linear metrics on), whose glyph positions are the
//! ones `skia.Font.measureText` sums. Measured against skia-python 144 with its
//! FreeType backend (see `docs/text.md` for the experiments), that width is:
//!
//! * `size < 0.5`: each glyph advance is `f32(adv_1px * size)`;
//! * `0.5 <= size <= 256`: FreeType is asked for the size in 26.6 fixed point,
//!   **truncated** (`s64 = floor(size * 64)`), and returns the linear advance in
//!   16.16 fixed point, rounded half up: `round(adv_1px * s64 * 1024) / 65536`;
//! * `size > 256` (Skia's "draw as path" limit, tested as `size * size >
//!   65536`): the strike is made at the canonical size 64 and the *sum* is scaled
//!   by `size / 64` at the end.
//!
//! In every case the glyph advances are summed one after the other in `f32`,
//! starting from zero at the start of the string. Reproducing those steps gives
//! bit-identical widths (0 ulp over thousands of random strings and sizes), so
//! a width the engine measured is exactly the width Skia paints.

/// The size of Skia's canonical strike for sizes drawn as paths.
const CANONICAL_SIZE: f32 = 64.0;
/// Above this size (squared, as Skia tests it) glyphs are measured as paths.
const PATH_SIZE_SQUARED: f32 = 256.0 * 256.0;
/// Below this size FreeType's 26.6 path is not used.
const SMALLEST_FIXED_SIZE: f32 = 0.5;

/// The way advances are scaled at one font size (cheap to copy; make one per
/// string or line and feed it every glyph).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    kind: ScaleKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum ScaleKind {
    /// A size of zero, negative or not a number: everything measures 0.
    Zero,
    /// Tiny sizes: plain `f32` products.
    Linear(f32),
    /// FreeType's 26.6 size (`floor(size * 64)`), advances in 16.16.
    Fixed(f64),
    /// Large sizes: advances at size 64, the sum scaled by `size / 64`.
    Canonical { strike_s64: f64, to_source: f32 },
}

impl Scale {
    /// The scale for a font size in design units (px).
    pub fn for_size(size: f32) -> Scale {
        let kind = if !size.is_finite() || size <= 0.0 {
            ScaleKind::Zero
        } else if size < SMALLEST_FIXED_SIZE {
            ScaleKind::Linear(size)
        } else if size * size > PATH_SIZE_SQUARED {
            ScaleKind::Canonical {
                strike_s64: f64::from(CANONICAL_SIZE * 64.0),
                to_source: size / CANONICAL_SIZE,
            }
        } else {
            ScaleKind::Fixed(f64::from(size * 64.0).floor())
        };
        Scale { kind }
    }

    /// One glyph's advance in strike units, from its advance per 1 px.
    /// Add these up in `f32`, in string order, then call [`Scale::finish`].
    #[inline]
    pub fn glyph(self, advance_1px: f32) -> f32 {
        match self.kind {
            ScaleKind::Zero => 0.0,
            ScaleKind::Linear(size) => advance_1px * size,
            ScaleKind::Fixed(s64) => fixed_advance(advance_1px, s64),
            ScaleKind::Canonical { strike_s64, .. } => fixed_advance(advance_1px, strike_s64),
        }
    }

    /// Turns a sum of [`Scale::glyph`] values into a width in px.
    #[inline]
    pub fn finish(self, strike_sum: f32) -> f32 {
        match self.kind {
            ScaleKind::Canonical { to_source, .. } => strike_sum * to_source,
            _ => strike_sum,
        }
    }
}

/// FreeType's linear advance: `advance_units * x_scale / 64` in 16.16 fixed
/// point with `FT_MulDiv`'s rounding, converted to float the way Skia does.
#[inline]
fn fixed_advance(advance_1px: f32, s64: f64) -> f32 {
    // adv_1px * (s64 / 64) px * 65536 = adv_1px * s64 * 1024; exact in f64.
    // Both factors are >= 0, so truncating `x + 0.5` rounds half up.
    let fixed = (f64::from(advance_1px) * s64 * 1024.0 + 0.5) as i64;
    // Skia: SkFixedToScalar(x) = (float)x * (1.0f / 65536).
    (fixed as f32) * (1.0 / 65536.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width(advances: &[f32], size: f32) -> f32 {
        let scale = Scale::for_size(size);
        let mut sum = 0.0f32;
        for &a in advances {
            sum += scale.glyph(a);
        }
        scale.finish(sum)
    }

    #[test]
    fn sizes_that_are_multiples_of_a_64th_scale_exactly() {
        // 1187/2048 is Roboto's advance for 'H'; at 32 px that is 18.546875.
        assert_eq!(width(&[1187.0 / 2048.0], 32.0), 18.546875);
    }

    #[test]
    fn other_sizes_are_truncated_to_a_64th_of_a_pixel() {
        let a = 1187.0 / 2048.0;
        let truncated = width(&[a], 24.4);
        assert_eq!(truncated, width(&[a], 1561.0 / 64.0));
        assert!(truncated < a * 24.4);
    }

    #[test]
    fn advances_are_rounded_to_16_16_fixed_point() {
        // 1 unit of 2048 at 1/64 px is 1/131072 px: half of a 16.16 step,
        // which FreeType rounds up.
        let w = width(&[1.0 / 2048.0], 0.515625); // s64 = 33, 33/2 = 16.5 -> 17
        assert_eq!(w, 17.0 / 65536.0);
    }

    #[test]
    fn sizes_above_256_scale_the_sum_of_a_size_64_strike() {
        let advances = [1187.0 / 2048.0, 0.5, 0.25];
        let strike = (1187.0 / 2048.0 * 64.0) + 32.0 + 16.0;
        assert_eq!(width(&advances, 300.3), strike * (300.3 / 64.0));
    }

    #[test]
    fn tiny_sizes_multiply_each_advance() {
        assert_eq!(width(&[0.5, 0.25], 0.1), 0.5 * 0.1 + 0.25 * 0.1);
    }

    #[test]
    fn zero_negative_and_nan_sizes_measure_nothing() {
        for size in [0.0, -3.0, f32::NAN, f32::INFINITY] {
            assert_eq!(width(&[0.5, 0.5], size), 0.0);
        }
    }
}
