//! Rectangles and 2D affine matrices.
//!
//! `Affine` is the matrix `[a c e; b d f; 0 0 1]` (the display list's
//! `TRANSFORM` layout); `then` composes so that `p.then(q)` applies `q` in
//! `p`'s space (p * q). `Rect` is `x, y, w, h` with helpers for union,
//! intersection and rounding out to whole pixels.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn is_empty(&self) -> bool {
        !(self.w > 0.0 && self.h > 0.0)
    }
    pub fn area(&self) -> f32 {
        if self.is_empty() {
            0.0
        } else {
            self.w * self.h
        }
    }
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(x, y, self.right().max(o.right()) - x, self.bottom().max(o.bottom()) - y)
    }
    pub fn intersect(&self, o: &Rect) -> Option<Rect> {
        let x = self.x.max(o.x);
        let y = self.y.max(o.y);
        let r = self.right().min(o.right());
        let b = self.bottom().min(o.bottom());
        if r > x && b > y {
            Some(Rect::new(x, y, r - x, b - y))
        } else {
            None
        }
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.intersect(o).is_some()
    }
    /// The smallest whole-pixel rectangle containing this one.
    pub fn round_out(&self) -> Rect {
        let x = self.x.floor();
        let y = self.y.floor();
        Rect::new(x, y, self.right().ceil() - x, self.bottom().ceil() - y)
    }
    pub fn inflate(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Affine {
    pub const IDENTITY: Affine = Affine { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn translate(x: f32, y: f32) -> Affine {
        Affine { e: x, f: y, ..Affine::IDENTITY }
    }
    pub fn scale(x: f32, y: f32) -> Affine {
        Affine { a: x, d: y, ..Affine::IDENTITY }
    }
    /// Clockwise rotation by `deg` degrees (y points down).
    pub fn rotate(deg: f32) -> Affine {
        let (s, c) = sin_cos_deg(deg);
        Affine { a: c, b: s, c: -s, d: c, e: 0.0, f: 0.0 }
    }
    /// `self * o`: `o` is applied first, then `self`.
    pub fn then(&self, o: &Affine) -> Affine {
        Affine {
            a: self.a * o.a + self.c * o.b,
            b: self.b * o.a + self.d * o.b,
            c: self.a * o.c + self.c * o.d,
            d: self.b * o.c + self.d * o.d,
            e: self.a * o.e + self.c * o.f + self.e,
            f: self.b * o.e + self.d * o.f + self.f,
        }
    }
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }
    pub fn invert(&self) -> Option<Affine> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let inv = 1.0 / det;
        Some(Affine {
            a: self.d * inv,
            b: -self.b * inv,
            c: -self.c * inv,
            d: self.a * inv,
            e: (self.c * self.f - self.d * self.e) * inv,
            f: (self.b * self.e - self.a * self.f) * inv,
        })
    }
    /// True when the matrix only translates.
    pub fn is_translation(&self) -> bool {
        (self.a - 1.0).abs() < 1e-6 && self.b.abs() < 1e-6 && self.c.abs() < 1e-6 && (self.d - 1.0).abs() < 1e-6
    }
    /// The axis-aligned bounds of `r` mapped through this matrix.
    pub fn map_rect(&self, r: &Rect) -> Rect {
        let pts = [
            self.apply(r.x, r.y),
            self.apply(r.right(), r.y),
            self.apply(r.x, r.bottom()),
            self.apply(r.right(), r.bottom()),
        ];
        let mut x0 = f32::INFINITY;
        let mut y0 = f32::INFINITY;
        let mut x1 = f32::NEG_INFINITY;
        let mut y1 = f32::NEG_INFINITY;
        for (x, y) in pts {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// `(sin, cos)` of `deg` degrees, as `deg.to_radians().sin_cos()` gives
/// them (within an ulp). Why not std: `f32::sin_cos` links libm's `sinf`,
/// `cosf` and their huge-argument reduction (about 7 KB of the module).
/// Here the radians are reduced by pi/2 in `f64` with a three-part pi/2
/// (exact products for the quadrant counts of any angle under 10^6 degrees;
/// larger angles are first taken modulo 360, exactly) and both Taylor series
/// are summed to well below `f32` precision on [-pi/4, pi/4].
pub fn sin_cos_deg(deg: f32) -> (f32, f32) {
    use std::f64::consts::FRAC_PI_2;
    if !deg.is_finite() {
        return (f32::NAN, f32::NAN);
    }
    let deg = if deg.abs() < 1.0e6 { deg } else { deg % 360.0 };
    let x = f64::from(deg.to_radians());
    // pi/2 = P1 + P2 + P3: P1 keeps 32 significant bits, so n * P1 is exact.
    let p1 = f64::from_bits(FRAC_PI_2.to_bits() & !0x1F_FFFF);
    let p2 = FRAC_PI_2 - p1;
    const P3: f64 = 6.123_233_995_736_766e-17;
    let n = (x / FRAC_PI_2 + 0.5).floor();
    let r = ((x - n * p1) - n * p2) - n * P3;
    let z = r * r;
    let (mut s, mut c) = (r, 1.0f64);
    let (mut ts, mut tc) = (r, 1.0f64);
    let mut k = 1.0f64;
    while k < 20.0 {
        tc *= -z / (k * (k + 1.0));
        ts *= -z / ((k + 1.0) * (k + 2.0));
        c += tc;
        s += ts;
        k += 2.0;
    }
    let (s, c) = (s as f32, c as f32);
    match (n as i64) & 3 {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sin_cos_deg_matches_std_within_an_ulp() {
        let ulp = |a: f32, b: f32| (a.to_bits() as i64 - b.to_bits() as i64).abs() <= 1 || (a - b).abs() < 1e-30;
        let mut deg = -1000.0f32;
        while deg < 1000.0 {
            let (s, c) = sin_cos_deg(deg);
            let (ws, wc) = deg.to_radians().sin_cos();
            assert!(ulp(s, ws) && ulp(c, wc), "{}: {} {} vs {} {}", deg, s, c, ws, wc);
            deg += 0.37;
        }
        for deg in [0.0f32, 30.0, 45.0, 90.0, -90.0, 180.0, 270.0, 360.0, 12345.678, 999_999.9] {
            let (s, c) = sin_cos_deg(deg);
            let (ws, wc) = deg.to_radians().sin_cos();
            assert!(ulp(s, ws) && ulp(c, wc), "{}: {} {} vs {} {}", deg, s, c, ws, wc);
        }
        let (s, c) = sin_cos_deg(1.0e9 + 90.0);
        assert!((s - (1.0e9f32 + 90.0).rem_euclid(360.0).to_radians().sin()).abs() < 1e-6 && c.abs() <= 1.0);
        assert!(sin_cos_deg(f32::INFINITY).0.is_nan());
    }

    #[test]
    fn inverting_a_rotation_and_scale_round_trips_a_point() {
        let m = Affine::translate(10.0, 20.0).then(&Affine::rotate(30.0)).then(&Affine::scale(2.0, 3.0));
        let inv = m.invert().unwrap();
        let (x, y) = m.apply(5.0, 7.0);
        let (u, v) = inv.apply(x, y);
        assert!((u - 5.0).abs() < 1e-3 && (v - 7.0).abs() < 1e-3);
    }

    #[test]
    fn rounding_out_covers_the_fractional_rect() {
        let r = Rect::new(1.5, 2.2, 3.0, 1.0).round_out();
        assert_eq!(r, Rect::new(1.0, 2.0, 4.0, 2.0));
    }
}

/// Per-node geometry of the current frame.
#[derive(Clone, Debug)]
pub struct Geo {
    /// Reached from the root and displayed (not under `display: none`).
    pub laid_out: bool,
    /// Painted (laid out, visible and not fully transparent, with ancestors).
    pub painted: bool,
    pub abs: Rect,
    pub vis: Rect,
    pub m: Affine,
    pub alpha: f32,
    pub clip: Option<Rect>,
    pub own: Option<Rect>,
    pub sub: Option<Rect>,
    /// The parent's width (what percentage paddings resolve against).
    pub parent_w: f32,
    /// The painted box size (the layout size unless a layout animation runs).
    pub size: (f32, f32),
}

impl Default for Geo {
    fn default() -> Self {
        Geo {
            laid_out: false,
            painted: false,
            abs: Rect::new(0.0, 0.0, 0.0, 0.0),
            vis: Rect::new(0.0, 0.0, 0.0, 0.0),
            m: Affine::IDENTITY,
            alpha: 1.0,
            clip: None,
            own: None,
            sub: None,
            parent_w: 0.0,
            size: (0.0, 0.0),
        }
    }
}

/// Surface size in pixels and design size in design units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub sw: u32,
    pub sh: u32,
    pub dw: f32,
    pub dh: f32,
}

impl Viewport {
    /// Design units to pixels (uniform).
    pub fn scale(&self) -> f32 {
        (self.sw as f32 / self.dw).min(self.sh as f32 / self.dh)
    }
}
