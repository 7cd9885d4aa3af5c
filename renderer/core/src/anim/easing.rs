//! Easing curves: linear, CSS cubic Béziers and springs.
//!
//! Algorithm (cubic Bézier): the curve runs from (0,0) to (1,1) with
//! control points (x1,y1) and (x2,y2). For linear progress `x` we solve
//! `bx(t) = x` for the curve parameter `t` with up to 8 Newton steps from
//! `t = x` (stopping when `|bx(t) - x| < 1e-7`), falling back to bisection
//! on `[0,1]` when a derivative vanishes or Newton does not converge, and
//! return `by(t)`. Math runs in f64 (wasm has native f64 ops).
//!
//! The CSS presets (CSS Easing Functions Level 1):
//! `ease` = (0.25, 0.1, 0.25, 1), `ease-in` = (0.42, 0, 1, 1),
//! `ease-out` = (0, 0, 0.58, 1), `ease-in-out` = (0.42, 0, 0.58, 1).
//!
//! Springs (stiffness k, damping c, mass m, time in seconds) are integrated
//! by `Track` in `track.rs` with semi-implicit Euler steps of 1 ms:
//! `a = (-k (x - target) - c v) / m; v += a h; x += v h`.

/// A timing function.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Easing {
    Linear,
    /// cubic-bezier(x1, y1, x2, y2).
    Bezier(f32, f32, f32, f32),
    /// A spring: stiffness, damping, mass (its own duration; `duration_ms` is ignored).
    Spring(f32, f32, f32),
}

pub const EASE: [f32; 4] = [0.25, 0.1, 0.25, 1.0];
pub const EASE_IN: [f32; 4] = [0.42, 0.0, 1.0, 1.0];
pub const EASE_OUT: [f32; 4] = [0.0, 0.0, 0.58, 1.0];
pub const EASE_IN_OUT: [f32; 4] = [0.42, 0.0, 0.58, 1.0];

/// Wire codes (`SET_TRANSITION`, `SET_KEYFRAMES`).
pub const LINEAR: u8 = 0;
pub const CUBIC_BEZIER: u8 = 5;
pub const SPRING: u8 = 6;

impl Easing {
    /// Decodes easing `kind` with parameters `p`; the error says why not.
    pub fn from_wire(kind: u8, p: [f32; 4]) -> Result<Easing, &'static str> {
        if p.iter().any(|x| !x.is_finite()) {
            return Err("easing parameters must be finite");
        }
        let b = |c: [f32; 4]| Easing::Bezier(c[0], c[1], c[2], c[3]);
        Ok(match kind {
            LINEAR => Easing::Linear,
            1 => b(EASE),
            2 => b(EASE_IN),
            3 => b(EASE_OUT),
            4 => b(EASE_IN_OUT),
            CUBIC_BEZIER => {
                if !(0.0..=1.0).contains(&p[0]) || !(0.0..=1.0).contains(&p[2]) {
                    return Err("cubic-bezier x1 and x2 must be within 0..1");
                }
                b(p)
            }
            SPRING => {
                if !(p[0] > 0.0 && p[1] > 0.0 && p[2] > 0.0) {
                    return Err("spring stiffness, damping and mass must be positive");
                }
                if p[0] / p[2] > 1.0e6 {
                    return Err("spring stiffness / mass must be at most 1000000");
                }
                Easing::Spring(p[0], p[1], p[2])
            }
            _ => return Err("unknown easing (0 linear, 1 ease, 2 ease-in, 3 ease-out, 4 ease-in-out, 5 cubic-bezier, 6 spring)"),
        })
    }

    /// Eased progress for linear progress `x` in `0..=1` (springs: `x`).
    pub fn at(&self, x: f32) -> f32 {
        let x = x.max(0.0).min(1.0);
        match *self {
            Easing::Bezier(x1, y1, x2, y2) => cubic_bezier(x1, y1, x2, y2, x),
            _ => x,
        }
    }

    pub fn is_spring(&self) -> bool {
        matches!(self, Easing::Spring(..))
    }
}

/// One coordinate of the curve: control values `a1`, `a2` (ends 0 and 1).
fn coord(a1: f64, a2: f64, t: f64) -> f64 {
    let c = 3.0 * a1;
    let b = 3.0 * (a2 - a1) - c;
    let a = 1.0 - c - b;
    ((a * t + b) * t + c) * t
}

fn slope(a1: f64, a2: f64, t: f64) -> f64 {
    let c = 3.0 * a1;
    let b = 3.0 * (a2 - a1) - c;
    let a = 1.0 - c - b;
    (3.0 * a * t + 2.0 * b) * t + c
}

/// cubic-bezier(x1, y1, x2, y2) at linear progress `x` (see the module comment).
pub fn cubic_bezier(x1: f32, y1: f32, x2: f32, y2: f32, x: f32) -> f32 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let (x1, y1, x2, y2, x) = (f64::from(x1), f64::from(y1), f64::from(x2), f64::from(y2), f64::from(x));
    let mut t = x;
    let mut solved = false;
    for _ in 0..8 {
        let err = coord(x1, x2, t) - x;
        if err.abs() < 1e-7 {
            solved = true;
            break;
        }
        let d = slope(x1, x2, t);
        if d.abs() < 1e-6 {
            break;
        }
        t -= err / d;
        if !(0.0..=1.0).contains(&t) {
            break;
        }
    }
    if !solved {
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        t = x;
        for _ in 0..60 {
            let v = coord(x1, x2, t);
            if (v - x).abs() < 1e-7 {
                break;
            }
            if v < x {
                lo = t;
            } else {
                hi = t;
            }
            t = 0.5 * (lo + hi);
        }
    }
    coord(y1, y2, t) as f32
}

/// Length of one spring integration step, in seconds.
pub const SPRING_STEP_S: f32 = 0.001;

/// One semi-implicit Euler step of a spring towards `target` (v in units/s).
pub fn spring_step(k: f32, c: f32, m: f32, x: &mut f32, v: &mut f32, target: f32) {
    let a = (-k * (*x - target) - c * *v) / m;
    *v += a * SPRING_STEP_S;
    *x += *v * SPRING_STEP_S;
}
