//! Distributing free space: `justify-content`, `align-content` and
//! `align-self` offsets.
//!
//! Distributions are expressed in flow terms (from the main-start or
//! cross-start edge); callers flip them for `-reverse` / `wrap-reverse`.
//! With negative free space (CSS Box Alignment 3, fallback alignment, and
//! Chrome): `space-between` and `stretch` fall back to `flex-start`, so they
//! overflow at the main-end / cross-end edge; `space-around` and
//! `space-evenly` fall back to `safe center`, which overflows like `start`:
//! from the physical start edge even in a reversed container. `center` and
//! `end` overflow as they are.

use super::style::{AlignContent, AlignItems, JustifyContent};

/// Offsets (leading space, space between items) for distributing `free`
/// space among `n` boxes, in flow terms; `reverse` when the flow runs
/// against the physical axis (`-reverse`, `wrap-reverse`), which only
/// matters for the `safe center` fallback of negative free space.
pub(super) fn distribute(kind: Distribution, free: f32, n: usize, reverse: bool) -> (f32, f32) {
    // `safe center` with no room: aligned to the physical start edge, which
    // in a reversed flow is its end.
    let safe_start = if reverse { free } else { 0.0 };
    match kind {
        Distribution::Start => (0.0, 0.0),
        Distribution::End => (free, 0.0),
        Distribution::Center => (free / 2.0, 0.0),
        Distribution::SpaceBetween => {
            if free > 0.0 && n > 1 {
                (0.0, free / (n - 1) as f32)
            } else {
                (0.0, 0.0)
            }
        }
        Distribution::SpaceAround => {
            if free > 0.0 && n > 0 {
                let b = free / n as f32;
                (b / 2.0, b)
            } else {
                (safe_start.min(0.0), 0.0)
            }
        }
        Distribution::SpaceEvenly => {
            if free > 0.0 {
                let b = free / (n + 1) as f32;
                (b, b)
            } else {
                (safe_start.min(0.0), 0.0)
            }
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum Distribution {
    Start,
    End,
    Center,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
}

pub(super) fn justify_distribution(j: JustifyContent, reverse: bool) -> Distribution {
    match j {
        JustifyContent::FlexStart => Distribution::Start,
        JustifyContent::FlexEnd => Distribution::End,
        JustifyContent::Start => {
            if reverse {
                Distribution::End
            } else {
                Distribution::Start
            }
        }
        JustifyContent::End => {
            if reverse {
                Distribution::Start
            } else {
                Distribution::End
            }
        }
        JustifyContent::Center => Distribution::Center,
        JustifyContent::SpaceBetween => Distribution::SpaceBetween,
        JustifyContent::SpaceAround => Distribution::SpaceAround,
        JustifyContent::SpaceEvenly => Distribution::SpaceEvenly,
    }
}

pub(super) fn align_content_distribution(a: AlignContent, reverse: bool) -> Distribution {
    match a {
        AlignContent::FlexStart | AlignContent::Stretch => Distribution::Start,
        AlignContent::FlexEnd => Distribution::End,
        AlignContent::Start => {
            if reverse {
                Distribution::End
            } else {
                Distribution::Start
            }
        }
        AlignContent::End => {
            if reverse {
                Distribution::Start
            } else {
                Distribution::End
            }
        }
        AlignContent::Center => Distribution::Center,
        AlignContent::SpaceBetween => Distribution::SpaceBetween,
        AlignContent::SpaceAround => Distribution::SpaceAround,
        AlignContent::SpaceEvenly => Distribution::SpaceEvenly,
    }
}

/// Offset of a box of outer size `outer` in a slot of size `slot` for an
/// `align-self` value; `reverse` when the cross axis is flipped
/// (`wrap-reverse`).
pub(super) fn align_offset(a: AlignItems, slot: f32, outer: f32, reverse: bool) -> f32 {
    let free = slot - outer;
    match a {
        AlignItems::Baseline => 0.0,
        AlignItems::Stretch | AlignItems::FlexStart => {
            if reverse {
                free
            } else {
                0.0
            }
        }
        AlignItems::FlexEnd => {
            if reverse {
                0.0
            } else {
                free
            }
        }
        AlignItems::Center => free / 2.0,
        AlignItems::Start => 0.0,
        AlignItems::End => free,
    }
}
