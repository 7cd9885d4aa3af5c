//! Small float writers, so the module does not link `core::fmt`'s float
//! formatting (Grisu, Dragon and their bignums: about 30 KB of wasm).
//!
//! Algorithm: the shortest digits that read back as the same value are
//! found by rounding to 1, 2, ... significant digits and checking the round
//! trip, in `f64` arithmetic for `f32` values (exact for everything the
//! dump prints, see `dump_number`) and in `u128` integer arithmetic for
//! large integral `f64` values. The output matches Rust's `{}` / `{:?}`;
//! the unit tests compare it with `std`'s formatter on many values.

/// Shortest decimal digits of a finite, non-zero `f32`: `(digits, exp)`
/// with `|v| = digits * 10^exp` and no trailing zeros in `digits`.
fn shortest_f32(v: f32) -> (u64, i32) {
    let a = f64::from(v.abs());
    let k = a.log10().floor() as i32;
    for p in 1..=9 {
        let shift = p - 1 - k;
        let scaled = scale10(a, shift);
        let mut best: Option<(u64, f64)> = None;
        for d in [scaled.floor(), scaled.ceil()] {
            if d <= 0.0 || scale10(d, -shift) as f32 != v.abs() {
                continue;
            }
            let off = (d - scaled).abs();
            if best.map_or(true, |(_, o)| off <= o) {
                best = Some((d as u64, off));
            }
        }
        if let Some((d, _)) = best {
            return strip(d, -shift);
        }
    }
    // Unreachable for finite values (9 digits always round-trip an f32).
    strip(scale10(a, 8 - k).round() as u64, k - 8)
}

/// `v * 10^e`, with one rounding step for the exponents that matter.
fn scale10(v: f64, e: i32) -> f64 {
    if e >= 0 {
        if e <= 22 {
            v * 10f64.powi(e)
        } else {
            v * 1e22 * 10f64.powi(e - 22)
        }
    } else if e >= -22 {
        v / 10f64.powi(-e)
    } else {
        v / 1e22 / 10f64.powi(-e - 22)
    }
}

fn strip(mut d: u64, mut e: i32) -> (u64, i32) {
    while d != 0 && d % 10 == 0 {
        d /= 10;
        e += 1;
    }
    (d, e)
}

/// Shortest digits of an integral `f64` below 2^128: `(digits, exp)` as in
/// `shortest_f32`, with `digits` below 10^17.
fn shortest_integral(v: f64) -> (u128, i32) {
    let n = v as u128;
    let total = decimal_len(n) as i32;
    for p in 1..=total.min(17) {
        let drop = (total - p) as u32;
        let unit = 10u128.pow(drop);
        let (q, r) = (n / unit, n % unit);
        // Both neighbours: at a power of two the interval below is half as wide.
        let trips = |d: u128| d.checked_mul(unit).map_or(false, |x| x as f64 == v);
        let (down, up) = (trips(q), trips(q + 1));
        let d = match (down, up) {
            (true, true) => if r >= unit - r { q + 1 } else { q },
            (true, false) => q,
            (false, true) => q + 1,
            (false, false) => continue,
        };
        let (mut d, mut e) = (d, drop as i32);
        while d != 0 && d % 10 == 0 {
            d /= 10;
            e += 1;
        }
        return (d, e);
    }
    (n, 0)
}

fn decimal_len(mut n: u128) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

fn push_digits(out: &mut String, mut d: u128) {
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (d % 10) as u8;
        d /= 10;
        if d == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Writes `digits * 10^exp` in plain decimal notation; `min_frac` forces
/// that many fractional digits (`{:?}` shows `1.0`, `{}` shows `1`).
fn push_plain(out: &mut String, digits: u128, exp: i32, min_frac: usize) {
    let mut s = String::new();
    push_digits(&mut s, digits);
    let len = s.len() as i32;
    if exp >= 0 {
        out.push_str(&s);
        for _ in 0..exp {
            out.push('0');
        }
        if min_frac > 0 {
            out.push('.');
            for _ in 0..min_frac {
                out.push('0');
            }
        }
    } else if -exp < len {
        let point = (len + exp) as usize;
        out.push_str(s.get(..point).unwrap_or(""));
        out.push('.');
        out.push_str(s.get(point..).unwrap_or(""));
    } else {
        out.push_str("0.");
        for _ in 0..(-exp - len) {
            out.push('0');
        }
        out.push_str(&s);
    }
}

/// Writes an `f32` exactly as Rust's `{:?}` does (`1.0`, `-0.5`, `1e30`,
/// `1.5e-5`, `NaN`, `inf`).
pub fn push_f32_debug(out: &mut String, v: f32) {
    if special(out, v, "0.0") {
        return;
    }
    let (digits, exp) = shortest_f32(v);
    let a = v.abs();
    if (1e-4..1e16).contains(&a) {
        push_plain(out, u128::from(digits), exp, 1);
        return;
    }
    let mut s = String::new();
    push_digits(&mut s, u128::from(digits));
    out.push_str(s.get(..1).unwrap_or(""));
    if s.len() > 1 {
        out.push('.');
        out.push_str(s.get(1..).unwrap_or(""));
    }
    out.push('e');
    push_i64(out, i64::from(exp) + s.len() as i64 - 1);
}

/// Writes an `f32` exactly as Rust's `{}` does (`1`, `-0.5`, `1000000`, `NaN`, `inf`).
pub fn push_f32_display(out: &mut String, v: f32) {
    if special(out, v, "0") {
        return;
    }
    let (digits, exp) = shortest_f32(v);
    push_plain(out, u128::from(digits), exp, 0);
}

/// NaN, infinities and zeros (with the sign of `v`); true when written.
fn special(out: &mut String, v: f32, zero: &str) -> bool {
    if v.is_nan() {
        out.push_str("NaN");
        return true;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
    } else if v == 0.0 {
        out.push_str(zero);
    } else {
        return false;
    }
    true
}

/// The dump's number: `v` rounded to 0.01, printed as Rust's `{}` prints
/// that `f64` (`48`, `0.5`, `-3.25`, `0` for anything rounding to zero).
///
/// Exact without big-number arithmetic: an `f32` times 100 is exact in
/// `f64` (24 + 7 bits), so below 2^24 the rounded value is `k / 100` for an
/// integer `k` below 2^31, whose shortest digits are those of `k`, and from
/// 2^24 on the `f32` is an integer and the rounding leaves it unchanged.
pub fn push_dump_number(out: &mut String, v: f32) {
    let x = f64::from(v);
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        out.push('0');
        return;
    }
    if r < 0.0 {
        out.push('-');
    }
    if r.is_infinite() {
        out.push_str("inf");
        return;
    }
    let a = x.abs();
    if a < 16_777_216.0 {
        let (d, e) = strip((a * 100.0).round() as u64, -2);
        push_plain(out, u128::from(d), e, 0);
    } else {
        let (d, e) = shortest_integral(a);
        push_plain(out, d, e, 0);
    }
}

/// Writes a signed integer.
pub fn push_i64(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    push_digits(out, u128::from(v.unsigned_abs()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debug(v: f32) -> String {
        let mut s = String::new();
        push_f32_debug(&mut s, v);
        s
    }

    fn display(v: f32) -> String {
        let mut s = String::new();
        push_f32_display(&mut s, v);
        s
    }

    fn dump(v: f32) -> String {
        let mut s = String::new();
        push_dump_number(&mut s, v);
        s
    }

    /// The dump's number as `std` formats it (the former implementation).
    fn dump_std(f: f32) -> String {
        let r = (f64::from(f) * 100.0).round() / 100.0;
        if r == 0.0 {
            return "0".to_string();
        }
        format!("{}", r)
    }

    fn samples() -> Vec<f32> {
        let mut v = vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 12.0, 33.333, 100.0, 1e30, -1e30, 0.005, 0.015, 2.675,
            1e-4, 9.999e-5, 1e16, 9.999e15, 1e-45, f32::MIN_POSITIVE, f32::MAX, f32::MIN, f32::EPSILON,
            16_777_216.0, 16_777_215.5, 0.1, 0.2, 0.3, 1920.0, 1080.0, 0.333_333_34, 123_456.79,
            f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 3.0e-39, 7.0e22, 8.589_935e9,
        ];
        // Powers of two (asymmetric rounding intervals) and a pseudo-random sweep of bit patterns.
        for e in -149..128 {
            v.push(2f32.powi(e));
        }
        let mut x: u32 = 0x1234_5678;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v.push(f32::from_bits(x));
        }
        for i in 0..20_000 {
            v.push(i as f32 * 0.37 - 3000.0);
            v.push(i as f32 / 64.0);
        }
        v
    }

    #[test]
    fn f32_debug_and_display_match_std() {
        for v in samples() {
            assert_eq!(debug(v), format!("{:?}", v), "{:?} ({:#x})", v, v.to_bits());
            assert_eq!(display(v), format!("{}", v), "{:?} ({:#x})", v, v.to_bits());
        }
    }

    #[test]
    fn the_dump_number_matches_std_on_the_rounded_f64() {
        for v in samples() {
            if v.is_nan() {
                continue; // the dump never sees NaN: every f32 property is checked finite
            }
            assert_eq!(dump(v), dump_std(v), "{:?} ({:#x})", v, v.to_bits());
        }
        assert_eq!(dump(-0.004), "0");
        assert_eq!(dump(2.675), dump_std(2.675));
    }

    #[test]
    fn integers_print_with_their_sign() {
        let mut s = String::new();
        push_i64(&mut s, -45);
        push_i64(&mut s, 0);
        push_i64(&mut s, i64::MIN);
        assert_eq!(s, format!("-450{}", i64::MIN));
    }
}
