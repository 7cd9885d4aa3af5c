//! Which properties animate, how their values become 4-lane vectors and
//! back, and the presented (animated) values of a node (`Pres`).
//!
//! Colours interpolate premultiplied (CSS Color 4): lanes are
//! `(r*a/255, g*a/255, b*a/255, a)` in 0..255, so fading from transparent
//! to a colour never passes through a dark fringe. Border widths animate in
//! paint only (layout uses the new width at once); opacity is clamped to
//! 0..1, radius and border widths to `>= 0`, colour lanes to 0..255.

use super::track::V4;
use crate::layout::LayoutBox;
use crate::props::{id, Value};
use crate::scene::Visual;

/// Group ids usable where a transition names a property (PROTOCOL.md 3).
pub const LAYOUT: u16 = 100;
pub const TRANSFORM: u16 = 101;
pub const BORDER_WIDTHS: u16 = 102;
pub const SCROLL: u16 = 103;
pub const VISUAL: u16 = 104;

/// Whether property `p` can be animated.
pub fn animatable(p: u16) -> bool {
    matches!(p, 26..=29 | 40..=50 | 53 | 54 | 62)
}

/// Whether `p` names a transition group.
pub fn is_group(p: u16) -> bool {
    (LAYOUT..=VISUAL).contains(&p)
}

/// The group holding `p` (besides `VISUAL`, which holds every animatable one).
pub fn group_of(p: u16) -> u16 {
    match p {
        26..=29 => BORDER_WIDTHS,
        44..=50 => TRANSFORM,
        53 | 54 => SCROLL,
        _ => 0,
    }
}

/// Whether the transition key `key` (property or group) covers `p`.
pub fn covers(key: u16, p: u16) -> bool {
    key == p || (key == VISUAL && animatable(p)) || (key != 0 && group_of(p) == key)
}

pub fn is_color(p: u16) -> bool {
    matches!(p, 40 | 42 | 62)
}

/// Settle precision of property `p` (springs, retarget equality).
pub fn eps(p: u16) -> f32 {
    match p {
        43 | 46 | 47 | 49 | 50 => 0.001,
        40 | 42 | 62 => 0.5,
        _ => 0.01,
    }
}

pub fn color_vec(c: u32) -> V4 {
    let a = (c & 0xFF) as f32;
    let ch = |s: u32| ((c >> s) & 0xFF) as f32 * a / 255.0;
    [ch(24), ch(16), ch(8), a]
}

pub fn vec_color(v: &V4) -> u32 {
    let a = v[3].max(0.0).min(255.0);
    if a < 0.5 {
        return 0;
    }
    let ch = |x: f32| ((x * 255.0 / a).max(0.0).min(255.0) + 0.5) as u32;
    (ch(v[0]) << 24) | (ch(v[1]) << 16) | (ch(v[2]) << 8) | ((a + 0.5) as u32)
}

/// A property value as a vector (`None` for values that do not animate).
pub fn to_vec(p: u16, v: &Value) -> Option<V4> {
    match v {
        Value::F32(f) => Some([*f, 0.0, 0.0, 0.0]),
        Value::Color(c) if is_color(p) => Some(color_vec(*c)),
        _ => None,
    }
}

pub fn box_vec(b: &LayoutBox) -> V4 {
    [b.x, b.y, b.width, b.height]
}

/// What a node shows this frame: its values with animations applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Pres {
    pub visual: Visual,
    pub border: [f32; 4],
    pub text_color: u32,
    pub bx: LayoutBox,
}

impl Pres {
    /// Writes animated value `v` of property `p` (or `LAYOUT`).
    pub fn set(&mut self, p: u16, v: &V4) {
        let f = v[0];
        let vis = &mut self.visual;
        match p {
            26..=29 => self.border[usize::from(p - 26)] = f.max(0.0),
            id::BACKGROUND => vis.bg = vec_color(v),
            id::CORNER_RADIUS => vis.radius = f.max(0.0),
            id::BORDER_COLOR => vis.border_color = vec_color(v),
            id::OPACITY => vis.opacity = f.max(0.0).min(1.0),
            id::TRANSLATE_X => vis.translate.0 = f,
            id::TRANSLATE_Y => vis.translate.1 = f,
            id::SCALE_X => vis.scale.0 = f,
            id::SCALE_Y => vis.scale.1 = f,
            id::ROTATE => vis.rotate = f,
            id::ORIGIN_X => vis.origin.0 = f,
            id::ORIGIN_Y => vis.origin.1 = f,
            id::SCROLL_X => vis.scroll.0 = f,
            id::SCROLL_Y => vis.scroll.1 = f,
            id::TEXT_COLOR => self.text_color = vec_color(v),
            LAYOUT => self.bx = LayoutBox { x: v[0], y: v[1], width: v[2].max(0.0), height: v[3].max(0.0) },
            _ => {}
        }
    }
}
