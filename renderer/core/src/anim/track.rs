//! Running animations: a transition `Track` and a `Keyframes` animation,
//! each advanced to an absolute time by `advance`.
//!
//! Values are vectors of 4 f32 (`values.rs`): scalars use lane 0, colours
//! are premultiplied RGBA in 0..255, the layout box is (x, y, w, h).
//!
//! A track's clock starts when the first frame that sees it says
//! (`advance(now, start)`: up to one frame interval before `now`, see
//! `anim::tick`), holds `from` during its delay, then follows its easing:
//! Béziers for `duration` ms, springs until settled. A spring is settled
//! when every lane is within `eps` of the target and moving slower than
//! `eps` per 16 ms (`eps` per property, `values::eps`); it then snaps to
//! the target. A spring never runs longer than `SPRING_MAX_MS`.
//!
//! Keyframes: iteration `n = floor(t / duration)`, directed progress
//! reversed on reverse iterations (direction 1, or odd iterations for 2,
//! even ones for 3); the segment `[k, k+1]` holding it is eased with key
//! `k`'s easing. During the delay and after a finite animation ends the
//! property shows its own value again (CSS `fill: none`).

use super::easing::{spring_step, Easing};

/// A spring stops at its target after this long at the latest.
pub const SPRING_MAX_MS: f64 = 60_000.0;

pub type V4 = [f32; 4];

/// Whether an animation is still running after `advance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Running,
    Done,
}

/// A transition in flight on one property (or the layout box).
#[derive(Clone, Debug)]
pub struct Track {
    pub prop: u16,
    pub from: V4,
    pub to: V4,
    pub cur: V4,
    /// Springs: velocity per lane in units per second.
    pub vel: V4,
    pub easing: Easing,
    pub delay: f64,
    pub duration: f64,
    pub start: f64,
    pub started: bool,
    /// Eased progress so far (Béziers), for the reversing rule.
    pub progress: f32,
    /// CSS's reversing-adjusted start value and shortening factor.
    pub rev_start: V4,
    pub short: f32,
    /// Springs: ms simulated since the delay ended.
    pub sim: f64,
    pub eps: f32,
}

fn lerp(a: &V4, b: &V4, p: f32) -> V4 {
    let mut out = [0.0; 4];
    for k in 0..4 {
        out[k] = a[k] + (b[k] - a[k]) * p;
    }
    out
}

/// Whether `a` and `b` are equal within `eps` in every lane.
pub fn near(a: &V4, b: &V4, eps: f32) -> bool {
    (0..4).all(|k| (a[k] - b[k]).abs() <= eps)
}

impl Track {
    pub fn new(prop: u16, from: V4, to: V4, easing: Easing, delay: f64, duration: f64, eps: f32) -> Track {
        Track {
            prop,
            from,
            to,
            cur: from,
            vel: [0.0; 4],
            easing,
            delay,
            duration,
            start: 0.0,
            started: false,
            progress: 0.0,
            rev_start: from,
            short: 1.0,
            sim: 0.0,
            eps,
        }
    }

    /// Current velocity in units per second (Béziers: the curve's slope).
    pub fn velocity(&self) -> V4 {
        if self.easing.is_spring() {
            return self.vel;
        }
        let mut out = [0.0; 4];
        if !self.started || self.duration <= 0.0 {
            return out;
        }
        let x = (self.progress_x()).min(0.999);
        let h = 0.001;
        let dp = (self.easing.at(x + h) - self.easing.at(x)) / h;
        let per_s = dp * 1000.0 / self.duration as f32;
        for k in 0..4 {
            out[k] = (self.to[k] - self.from[k]) * per_s;
        }
        out
    }

    fn progress_x(&self) -> f32 {
        // The linear progress matching `progress` is not stored; recompute
        // it from the clock of the last advance (`sim` holds elapsed ms).
        if self.duration <= 0.0 {
            1.0
        } else {
            (self.sim / self.duration) as f32
        }
    }

    /// Moves the track to time `now` (ms); `cur` is the value to show.
    /// A track not started yet starts at `start`.
    pub fn advance(&mut self, now: f64, start: f64) -> Step {
        if !self.started {
            self.started = true;
            self.start = start;
        }
        let t = now - self.start - self.delay;
        if t < 0.0 {
            self.cur = self.from;
            return Step::Running;
        }
        if let Easing::Spring(k, c, m) = self.easing {
            let target = t.min(SPRING_MAX_MS);
            while self.sim + 1.0 <= target {
                for lane in 0..4 {
                    let (mut x, mut v) = (self.cur[lane], self.vel[lane]);
                    spring_step(k, c, m, &mut x, &mut v, self.to[lane]);
                    self.cur[lane] = x;
                    self.vel[lane] = v;
                }
                self.sim += 1.0;
            }
            let settled = (0..4).all(|l| (self.cur[l] - self.to[l]).abs() <= self.eps && self.vel[l].abs() * 0.016 <= self.eps);
            if settled || t >= SPRING_MAX_MS {
                self.cur = self.to;
                self.vel = [0.0; 4];
                return Step::Done;
            }
            return Step::Running;
        }
        self.sim = t;
        if self.duration <= 0.0 || t >= self.duration {
            self.cur = self.to;
            self.progress = 1.0;
            return Step::Done;
        }
        self.progress = self.easing.at((t / self.duration) as f32);
        self.cur = lerp(&self.from, &self.to, self.progress);
        Step::Running
    }
}

/// One keyframe: offset in `0..=1`, value, easing of the segment it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub offset: f32,
    pub value: V4,
    pub easing: Easing,
}

/// Which iterations of a keyframe animation run backwards (`SET_KEYFRAMES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Normal = 0,
    Reverse = 1,
    Alternate = 2,
    AlternateReverse = 3,
}

impl Direction {
    /// The direction with wire code `v`, `None` past 3.
    pub fn from_u8(v: u8) -> Option<Direction> {
        Some(match v {
            0 => Direction::Normal,
            1 => Direction::Reverse,
            2 => Direction::Alternate,
            3 => Direction::AlternateReverse,
            _ => return None,
        })
    }
}

/// A keyframe animation on one property.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyframes {
    pub prop: u16,
    pub keys: Vec<Key>,
    pub duration: f64,
    pub delay: f64,
    /// 0 = infinite.
    pub iterations: u32,
    pub direction: Direction,
    pub start: f64,
    pub started: bool,
    /// Showing a value (past the delay, not finished).
    pub active: bool,
    pub cur: V4,
}

impl Keyframes {
    pub fn infinite(&self) -> bool {
        self.iterations == 0
    }

    /// The animated value at directed progress `p` (`0..=1`).
    pub fn sample(&self, p: f32) -> V4 {
        let n = self.keys.len();
        if n == 0 {
            return [0.0; 4];
        }
        let mut k = 0;
        while k + 2 < n && p >= self.keys[k + 1].offset {
            k += 1;
        }
        let (a, b) = (&self.keys[k], &self.keys[(k + 1).min(n - 1)]);
        let span = b.offset - a.offset;
        let local = if span > 0.0 { ((p - a.offset) / span).max(0.0).min(1.0) } else { 1.0 };
        lerp(&a.value, &b.value, a.easing.at(local))
    }

    pub fn advance(&mut self, now: f64, start: f64) -> Step {
        if !self.started {
            self.started = true;
            self.start = start;
        }
        let t = now - self.start - self.delay;
        if t < 0.0 {
            self.active = false;
            return Step::Running;
        }
        if !self.infinite() && t >= self.duration * f64::from(self.iterations) {
            self.active = false;
            return Step::Done;
        }
        let n = (t / self.duration).floor();
        let mut p = ((t - n * self.duration) / self.duration) as f32;
        let odd = (n as u64) % 2 == 1;
        let reverse = match self.direction {
            Direction::Normal => false,
            Direction::Reverse => true,
            Direction::Alternate => odd,
            Direction::AlternateReverse => !odd,
        };
        if reverse {
            p = 1.0 - p;
        }
        self.active = true;
        self.cur = self.sample(p);
        Step::Running
    }
}
